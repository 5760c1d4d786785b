"""Figures as the pages show them: a session's status, the stacked bars, the live values.
Pure functions; the same bar geometry is redrawn by static/app.js on every live update."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

from bot.domain import SessionInfo, session_order
from storage.rollup import Counts, Rollup

Status = Literal["upcoming", "today", "held"]
# The bar's parts, left to right: who comes, who does not, who has not said.
SEGMENTS = ("in_person", "online", "substitute", "absent", "not_answered")
# The columns of the roll-up tables.
COLUMNS = (
    "registered",
    "in_person",
    "online",
    "substitute",
    "absent",
    "not_answered",
    "never_reached",
    "blocked",
    "present",
)
# The columns that stay on a phone's stacked row.
KEY_COLUMNS = ("registered", "in_person", "not_answered", "present")
NEAR = timedelta(days=14)  # how soon a session must be for a low invited count to matter


@dataclass(frozen=True)
class Line:
    """One line of a roll-up table: a commune, a category, or a session on a commune's page."""

    id: str  # its live-update name (group_id)
    name: str
    counts: Counts
    warn: bool = False
    link: str = ""  # the page it opens, below the dashboard's base path; "" for none


class Segment(NamedTuple):  # a tuple: five per bar, a hundred bars on a city session's page
    kind: str
    x: float  # percent of the bar's width
    width: float


def status(session: SessionInfo, now: datetime, zone: ZoneInfo) -> Status:
    """Upcoming, today or held; a session whose date is still to be set is upcoming."""
    if session.starts_at is None or session.ends_at is None:
        return "upcoming"
    if session.starts_at.astimezone(zone).date() == now.astimezone(zone).date():
        return "today"
    return "held" if session.ends_at <= now else "upcoming"


def focus(sessions: Sequence[SessionInfo], now: datetime, zone: ZoneInfo) -> SessionInfo | None:
    """The session the secretariat is working on: today's, else the next, else the last."""
    ordered = sorted(sessions, key=session_order)
    today = [s for s in ordered if status(s, now, zone) == "today"]
    upcoming = [s for s in ordered if status(s, now, zone) == "upcoming"]
    candidates = today or upcoming or ordered[::-1]
    return candidates[0] if candidates else None


def by_next(sessions: Sequence[SessionInfo], now: datetime, zone: ZoneInfo) -> list[SessionInfo]:
    """What is next first: today's, then the upcoming ones by date (undated last), then the
    held ones, the latest first."""
    ordered = sorted(sessions, key=session_order)
    held = [s for s in ordered if status(s, now, zone) == "held"]
    today = [s for s in ordered if status(s, now, zone) == "today"]
    upcoming = [s for s in ordered if status(s, now, zone) == "upcoming"]
    return today + upcoming + held[::-1]


def below_quota(session: SessionInfo, counts: Counts, now: datetime) -> bool:
    """A session starting within NEAR (or under way today) invites fewer than the plan's
    minimum: worth a warning, once, on the session's own figures. A held session, one still
    far off or without a date, and the lines per commune (the plan's numbers are for the whole
    session) never warn."""
    slot = session.slot
    if slot is None or slot[1] <= now or slot[0] - now > NEAR:
        return False
    return counts.registered < session.expected_min


def bar(counts: Counts, scale: int) -> list[Segment]:
    """Stacked parts of a bar whose full width stands for `scale` people."""
    scale = max(scale, counts.registered, 1)
    parts, x = [], 0.0
    for kind in SEGMENTS:
        width = 100 * getattr(counts, kind) / scale
        parts.append(Segment(kind, round(x, 3), round(width, 3)))
        x += width
    return parts


def number(value: int) -> str:
    """Vietnamese digit grouping: 20000 -> "20.000"."""
    return f"{value:,}".replace(",", ".")


def group_id(kind: str, key: str) -> str:
    """The live-update name of a roll-up line: "total", "commune.25279", "commune.-" (the
    city-level bodies), "category.mttq"."""
    return f"{kind}.{key or '-'}"


def live_values(rollup: Rollup) -> dict[str, dict[str, int]]:
    """Every line's counts by its live-update name, as the page's script reads them."""
    values = {"total": _with_coming(rollup.total)}
    values |= {group_id("commune", g.key): _with_coming(g.counts) for g in rollup.by_commune}
    values |= {group_id("category", g.key): _with_coming(g.counts) for g in rollup.by_category}
    return values


def _with_coming(counts: Counts) -> dict[str, int]:
    return {**asdict(counts), "coming": counts.coming, "blocked": counts.blocked}
