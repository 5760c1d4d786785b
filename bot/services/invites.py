"""Invitation codes: one-time role invites (r-<code>) and the printed per-commune (c-<ward>)
and per-unit (u-<category>) invitation QR codes with their index CSV."""

from __future__ import annotations

import csv
import io
import re
import secrets
from dataclasses import dataclass

from bot.catalog import t
from bot.domain import SessionInfo
from bot.services.cells import csv_row
from bot.services.checkin import qr_png
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan
from bot.services.speakers import speakers_of
from bot.services.vntext import slug
from storage.roles import Reach

ROLE_PAYLOAD = "r-"
SCOPE = re.compile(r"^(commune:\d{1,9}|(unit|speaker):[a-z0-9][a-z0-9-]{0,47})$")

__all__ = ["ROLE_PAYLOAD", "Invitation", "index_csv", "invitations", "new_code", "qr_png"]


def invite_payload(plan: LoadedPlan, payload: str) -> str:
    """A commune or unit invite (c-…, u-…) of this series: with the series' number in front
    (s<num>_c-…) while other series are active too, so that the link joins this one."""
    return f"s{plan.series.num}_{payload}" if plan.among_several else payload


def new_code() -> str:
    """16 characters of A-Za-z0-9_-: unguessable, and short enough for a /start payload."""
    return secrets.token_urlsafe(12)


def valid_scope(scope: str) -> bool:
    return SCOPE.match(scope) is not None


def focal_scope(plan: LoadedPlan, given: str) -> str | None:
    """`commune:<ward code>` or `unit:<category code>` for a commune name (or code) or a
    category code as an organiser types it."""
    given = given.strip()
    if not given:
        return None
    if plan.category(given) is not None:
        return f"unit:{given}"
    code = as_number(given)
    if code is not None:
        commune = plan.communes.by_code(code)
    else:
        commune = plan.communes.resolve(given) or plan.communes.match(given).commune
    return f"commune:{commune.code}" if commune else None


def scope_text(plan: LoadedPlan, scope: str, locale: str) -> str:
    kind, _, value = scope.partition(":")
    code = as_number(value)
    if kind == "commune" and code is not None:
        commune = plan.communes.by_code(code)
        return t("roles.scope.commune", locale, name=commune.name if commune else value)
    if kind == "unit":
        category = plan.category(value)
        return t("roles.scope.unit", locale, name=category.label if category else value)
    if kind == "speaker":
        speaker = speakers_of(plan).get(value)
        return speaker.name if speaker else value
    return scope


def reach_text(reach: Reach, locale: str) -> str:
    """Where a grant applies, in words: one series, a province's series, or everywhere."""
    if reach.series_id:
        return t("roles.reach.series", locale, series=reach.series_id)
    if reach.province:
        return t("roles.reach.province", locale, province=reach.province)
    return t("roles.reach.everywhere", locale)


@dataclass(frozen=True)
class Invitation:
    name: str
    link: str
    file: str


def invitations(
    plan: LoadedPlan, bot: str, session: SessionInfo | None
) -> list[tuple[Invitation, str]]:
    """(invitation, kind) per commune then per category; kind is "commune" or "unit"."""
    base = f"https://t.me/{bot}?start="
    if session is None:
        codes = {s.commune_code for s in plan.series.sessions if s.commune_code is not None}
        communes = [plan.communes.by_code(code) for code in sorted(codes)]
    elif session.level == "city":
        communes = list(plan.communes.all())
    else:
        communes = [plan.communes.by_code(session.commune_code or 0)]
    found: list[tuple[Invitation, str]] = []
    for commune in communes:
        if commune is None:
            continue
        file = f"xa-{slug(commune.name)}.png"
        link = base + invite_payload(plan, f"c-{commune.code}")
        found.append((Invitation(commune.name, link, file), "commune"))
    for category in plan.series.categories:
        file = f"thanh-phan-{slug(category.code)}.png"
        link = base + invite_payload(plan, f"u-{category.code}")
        found.append((Invitation(category.label, link, file), "unit"))
    return found


def index_csv(rows: list[Invitation]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([t("invites.col.name"), t("invites.col.link"), t("invites.col.file")])
    for row in rows:
        writer.writerow(csv_row([row.name, row.link, row.file]))
    return out.getvalue().encode("utf-8-sig")
