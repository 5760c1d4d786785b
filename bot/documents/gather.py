"""Collect a paper's material from the database: the invitees of a session (narrowed to a
commune, a unit, a focal point's scopes or one person) in protocol order, their personal
links for invitations, and the figures for reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.catalog import t
from bot.documents.material import Material, Person
from bot.documents.protocol import protocol_order
from bot.domain import SessionInfo
from bot.services.deadlines import states
from bot.services.exports import unit_text
from bot.services.imports import invite_link
from bot.services.levels import level_key
from bot.services.people import derived_workplace, normalise_phone
from bot.services.plan_state import LoadedPlan
from storage.db import Database
from storage.deadlines import DeadlineRepository
from storage.invitations import personal_codes
from storage.reports import DelegateListRepository, DelegateListRow
from storage.rollup import RollupRepository


@dataclass(frozen=True)
class Scope:
    """Who a paper is for: everyone invited, or one commune, one unit, one person (an id or a
    phone number), or a focal point's communes and units."""

    commune_code: int | None = None
    unit: str | None = None
    person: str | None = None
    scopes: tuple[str, ...] | None = None

    def as_scopes(self) -> tuple[str, ...] | None:
        """The focal point's scopes, or the one commune or unit chosen, for the figures."""
        if self.commune_code is not None:
            return (f"commune:{self.commune_code}",)
        return (f"unit:{self.unit}",) if self.unit is not None else self.scopes


def person_matches(row: DelegateListRow, given: str) -> bool:
    given = given.strip()
    if given.isascii() and given.isdigit() and not given.startswith("0"):
        return row.delegate_id == int(given)
    phone = normalise_phone(given)
    return phone is not None and row.phone == phone


def printed(row: DelegateListRow, plan: LoadedPlan, link: str = "") -> Person:
    category = unit_text(row, plan)
    upper = t(level_key("export.city_level", plan.series.upper_level))
    return Person(
        row=row,
        category=category,
        workplace=row.workplace or derived_workplace(category, row.commune_name),
        commune=row.commune_name or upper,
        link=link,
    )


async def gather(
    db: Database,
    plan: LoadedPlan,
    session: SessionInfo,
    scope: Scope,
    now: datetime,
    bot_username: str | None = None,
    with_phones: bool = True,
    figures: bool = False,
    link_template: str | None = None,
) -> Material:
    """`bot_username` (or a channel's `link_template`, "https://t.me/<bot>?start={payload}")
    makes personal invite codes and links (invitations); `figures` reads the roll-up and the
    deadlines (reports)."""
    rows = await DelegateListRepository(db).rows(
        session, scope.commune_code, scope.unit, scope.scopes
    )
    if scope.person is not None:
        rows = [row for row in rows if person_matches(row, scope.person)]
    rows = protocol_order(rows, plan)
    links: dict[int, str] = {}
    if bot_username or link_template is not None:
        codes = await personal_codes(db, [row.delegate_id for row in rows])
        links = {key: invite_link(code, bot_username, link_template) for key, code in codes.items()}
    rollup = await RollupRepository(db).session_rollup(session) if figures else None
    done = await DeadlineRepository(db).done(plan.series.id) if figures else {}
    return Material(
        plan=plan,
        session=session,
        people=tuple(printed(row, plan, links.get(row.delegate_id, "")) for row in rows),
        today=now.astimezone(plan.zone).date(),
        now=now,
        with_phones=with_phones,
        rollup=rollup.within(scope.as_scopes()) if rollup else None,
        deadlines=tuple(states(plan, done)),
    )
