"""HTML pages from Jinja2 templates (autoescaped), every text from the catalog; the parts a
page repeats a hundred times (a roll-up table's rows and bars, a listed person's status)
written in Python, with the same escaping."""

from __future__ import annotations

import asyncio
import operator
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from aiohttp import web
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from bot.catalog import CATALOG, t
from bot.services import exports
from bot.services.dates import format_datetime, format_session_day, format_session_when
from bot.services.invites import scope_text
from bot.services.plan_state import LoadedPlan
from dashboard import figures
from dashboard.state import VIEWER, dashboard_of, local_path
from storage.reports import DelegateListRow
from storage.rollup import Counts

LOCALE = "vi"


def _local_time(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%d/%m/%Y %H:%M}"


def _channel(name: str) -> str:
    """ "Telegram", "Zalo", ...; an unknown channel as it is stored."""
    key = f"dashboard.channel.{name}"
    return t(key, LOCALE) if key in CATALOG else name


def _scopes(plan: LoadedPlan, scopes: Sequence[str]) -> str:
    return ", ".join(scope_text(plan, scope, LOCALE) for scope in scopes)


def _column_cells() -> list[tuple[str, str, str]]:
    """(field, heading, label on a phone's card: a key column's heading, else "") of every
    roll-up column, worked out once rather than for each of a province's thousand cells."""
    cells = []
    for field in figures.COLUMNS:
        heading = t(f"dashboard.col.{field}", LOCALE)
        cells.append((field, heading, heading if field in figures.KEY_COLUMNS else ""))
    return cells


COLUMN_CELLS = _column_cells()

# The roll-up tables' rows and the stacked bars are written here rather than as Jinja2 macros:
# a city session's page draws about a hundred of each, and a macro's frame and the escape of
# each of a row's sixty values held the event loop 8 ms per page at 100,000 delegates. Texts
# are escaped here as the templates would; numbers are digits (figures.number, round).
_CELL_OPENINGS = [
    (
        field,
        f'<td class="num key" data-label="{escape(label)}" data-live="'
        if label
        else '<td class="num" data-live="',
    )
    for field, _, label in COLUMN_CELLS
]
_column_values = operator.attrgetter(*figures.COLUMNS)
# A bar's label, escaped once; each bar puts its two numbers in.
_BAR_LABEL = str(escape(t("dashboard.bar_label", LOCALE)))
_UNDER_QUOTA = escape(t("dashboard.under_quota_short", LOCALE))


def bar_svg(counts: Counts, scale: int, id: str, expected: int | None = None) -> Markup:
    """The stacked bar of `counts` (figures.bar), whose full width stands for `scale` people or
    more, with the plan's minimum marked at `expected`; static/app.js redraws it live."""
    scale = max(scale, counts.registered, 1)
    label = _BAR_LABEL.format(coming=counts.coming, registered=counts.registered)
    parts = "".join(
        [
            f'  <rect class="seg seg-{kind}" data-part="{kind}" x="{x}" y="0" '
            f'width="{width}" height="10"/>\n'
            for kind, x, width in figures.bar(counts, scale)
        ]
    )
    if expected:
        at = round(100 * expected / scale, 3)
        parts += (
            f'  <line class="quota" data-at="{expected}" x1="{at}" x2="{at}" y1="0" y2="10"/>\n'
        )
    return Markup(
        '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
        f'data-bar="{escape(id)}" data-scale="{scale}" role="img" aria-label="{label}">\n'
        f'  <rect class="track" x="0" y="0" width="100" height="10"/>\n{parts}</svg>\n'
    )


def count_rows(lines: Sequence[figures.Line], scale: int, base: str) -> Markup:
    """A roll-up table's rows, each against `scale` people."""
    return Markup("".join([_count_row(line, scale, base) for line in lines]))


ROWS_AT_ONCE = 20


async def count_rows_in_turns(lines: Sequence[figures.Line], scale: int, base: str) -> Markup:
    """`count_rows` for a table that can be a hundred lines long (a city session's communes),
    ROWS_AT_ONCE rows at a time, giving the event loop back in between: in one go, the rows of
    a city session's page held every chat's question 2.5 ms (bench/reads.py)."""
    rows: list[str] = []
    for start in range(0, len(lines), ROWS_AT_ONCE):
        if start:
            await asyncio.sleep(0)
        rows.extend(_count_row(line, scale, base) for line in lines[start : start + ROWS_AT_ONCE])
    return Markup("".join(rows))


def _count_row(line: figures.Line, scale: int, base: str) -> Markup:
    """A roll-up table's row: the line's name (a link to its page, if any), a cell per column
    (on a phone, the key ones labelled) and its bar, against `scale` people."""
    name: str = escape(line.name)
    if line.link:
        name = f'<a href="{escape(base + line.link)}">{name}</a>'
    if line.warn:
        name = f'<span class="flag" title="{_UNDER_QUOTA}">⚠</span> {name}'
    live = escape(line.id)
    cells = "".join(
        [
            f'{opening}{live}:{field}">{figures.number(value)}</td>'
            for (field, opening), value in zip(
                _CELL_OPENINGS, _column_values(line.counts), strict=True
            )
        ]
    )
    opening = '<tr class="warn">' if line.warn else "<tr>"
    return Markup(
        f'{opening}\n  <th scope="row" class="key">{name}</th>\n{cells}'
        f'  <td class="barcol">{bar_svg(line.counts, scale, line.id)}</td>\n</tr>\n'
    )


def status_line(row: DelegateListRow) -> Markup:
    """A delegate's answer (and check-in), then why no chat reaches them, if none does."""
    status = escape(exports.status_text(row, LOCALE))
    if row.reachable:
        return status
    why = t("dashboard.fig." + ("never_reached" if row.never_reached else "blocked"), LOCALE)
    return Markup(f'{status} · <span class="unreachable">{escape(why)}</span>')


class Listed(NamedTuple):
    """A person of a list, each value as the `people` macro shows it (a tuple, unpacked there:
    no attribute looked up by Jinja2 for each of a page's hundred people)."""

    delegate_id: int
    full_name: str
    position: str
    unit: str
    commune: str
    phone: str
    status: Markup


def listed(rows: Sequence[DelegateListRow], plan: LoadedPlan) -> list[Listed]:
    """A list's people with their unit, commune and status worked out here, not by calls from
    the template for each person: a call from Jinja2 costs about as much as the function."""
    upper_level = t("export.city_level", LOCALE)
    return [
        Listed(
            row.delegate_id,
            row.full_name,
            row.position,
            exports.unit_text(row, plan),
            row.commune_name or upper_level,
            row.phone,
            status_line(row),
        )
        for row in rows
    ]


ENV = Environment(
    loader=PackageLoader("dashboard", "templates"),
    autoescape=select_autoescape(["html"], default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals |= {
    "t": lambda key, **params: t(key, LOCALE, **params),
    "group_id": figures.group_id,
    "segments": figures.SEGMENTS,
    "when": lambda s, zone: format_session_when(s, zone, LOCALE),
    "day": lambda s, zone: format_session_day(s, zone, LOCALE),
    "at": lambda moment, zone: format_datetime(moment, zone, LOCALE),
    "columns": figures.COLUMNS,
    "column_cells": COLUMN_CELLS,
    "bar_svg": bar_svg,
    "listed": listed,
    "count_rows": count_rows,
    "status_line": status_line,
    "scope_list": _scopes,
    "channel": _channel,
}
ENV.filters |= {"num": figures.number, "local": _local_time}


def page(request: web.Request, template: str, status: int = 200, **context: object) -> web.Response:
    viewer, base = request.get(VIEWER), dashboard_of(request).base
    path = local_path(request)
    html = ENV.get_template(template).render(viewer=viewer, path=path, base=base, **context)
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def refusal(request: web.Request, status: int, key: str, **params: object) -> web.Response:
    """A page that says, politely, why nothing is shown."""
    title = t(f"dashboard.status.{status}", LOCALE)
    return page(request, "message.html", status, title=title, message=t(key, LOCALE, **params))
