"""HTML pages from Jinja2 templates (autoescaped), every text from the catalog."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from aiohttp import web
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from bot.catalog import CATALOG, t
from bot.services import exports
from bot.services.dates import format_datetime, format_session_day, format_session_when
from bot.services.invites import scope_text
from bot.services.plan_state import LoadedPlan
from dashboard import figures
from dashboard.state import VIEWER, dashboard_of, local_path

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


ENV = Environment(
    loader=PackageLoader("dashboard", "templates"),
    autoescape=select_autoescape(["html"], default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals |= {
    "t": lambda key, **params: t(key, LOCALE, **params),
    "bar": figures.bar,
    "group_id": figures.group_id,
    "segments": figures.SEGMENTS,
    "when": lambda s, zone: format_session_when(s, zone, LOCALE),
    "day": lambda s, zone: format_session_day(s, zone, LOCALE),
    "at": lambda moment, zone: format_datetime(moment, zone, LOCALE),
    "columns": figures.COLUMNS,
    "column_cells": _column_cells(),
    "unit_text": exports.unit_text,
    "status_text": exports.status_text,
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
