"""Broadcasts (audience, counts, delivery report) and the audit log (admins only)."""

from __future__ import annotations

import json

from aiohttp import web

from bot.services import audiences
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan
from dashboard.render import page
from dashboard.state import Refusal, dashboard_of, plan_of, viewer_of
from storage.dashboard import BroadcastLine

AUDIT_PAGE = 100
routes = web.RouteTableDef()


def _audience(plan: LoadedPlan, line: BroadcastLine) -> str:
    choice = {k: v for k, v in line.audience.items() if k != "scopes"}
    return audiences.describe(plan, choice, line.audience.get("scopes"), "vi")


async def _visible(request: web.Request, broadcast_id: int | None = None) -> list[BroadcastLine]:
    """Organisers see every broadcast of the series shown; a focal point the ones they sent.
    A broadcast from the command line (no series) is seen by deployment-wide admins only."""
    viewer = viewer_of(request)
    creator = None if viewer.organiser else (viewer.channel, viewer.user_id)
    lines = await dashboard_of(request).queries.broadcasts(creator)
    return [
        b
        for b in lines
        if (broadcast_id is None or b.id == broadcast_id)
        and (b.audience.get("series_id") == viewer.series_id or viewer.is_admin)
    ]


@routes.get("/broadcasts")
async def broadcasts(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    lines = await _visible(request)
    counts = await dashboard_of(request).queries.delivery_counts()
    return page(
        request,
        "broadcasts.html",
        plan=plan,
        lines=[(line, _audience(plan, line), counts.get(line.id, {})) for line in lines],
    )


@routes.get("/broadcast/{id}")
async def broadcast_page(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    given = request.match_info["id"]
    number = as_number(given, 9)
    found = await _visible(request, number) if number is not None else []
    if not found:
        raise Refusal(404, "dashboard.not_found")
    line = found[0]
    repository = dashboard_of(request).services.broadcasts
    broadcast = await repository.get(line.id)
    assert broadcast is not None
    return page(
        request,
        "broadcast.html",
        plan=plan,
        line=line,
        audience=_audience(plan, line),
        counts=await repository.counts(line.id),
        missed=await repository.not_reached(broadcast),
    )


@routes.get("/audit")
async def audit(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    if not viewer_of(request).is_admin:
        raise Refusal(403, "dashboard.admins_only")
    before = request.query.get("before", "")
    entries = await dashboard_of(request).services.audit.page(AUDIT_PAGE, as_number(before, 18))
    details = {e.id: _pretty(e.details) for e in entries}
    more = entries[-1].id if len(entries) == AUDIT_PAGE else None
    return page(request, "audit.html", plan=plan, entries=entries, details=details, more=more)


def _pretty(details: str) -> str:
    """`{"session": "x", "rows": 3}` as "session: x · rows: 3"."""
    try:
        data = json.loads(details)
    except ValueError:
        return details
    if not isinstance(data, dict):
        return details
    return " · ".join(
        f"{key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}"
        for key, value in data.items()
    )
