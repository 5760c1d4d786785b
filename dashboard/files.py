"""Exports from the dashboard's lists: the organisers' XLSX and CSV (bot/services/exports.py,
as /xuat and `hoinghi export` make them) with the list's filters, and the .ics calendar of
/lichics. Phone numbers for organisers only; every list export is audited."""

from __future__ import annotations

from aiohttp import web

from bot.clock import now_utc
from bot.services import exports
from bot.services.reminders import offsets_of
from dashboard.people import list_query, list_rows
from dashboard.state import Refusal, dashboard_of, plan_of, viewer_of

routes = web.RouteTableDef()
TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}


def _file(content: bytes, filename: str, kind: str) -> web.Response:
    return web.Response(
        body=content,
        headers={
            "Content-Type": TYPES[kind],
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )


@routes.get("/export/list.{kind:(xlsx|csv)}")
async def delegate_list(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    viewer = viewer_of(request)
    query = list_query(request, plan, viewer)
    if query.session is None:
        raise Refusal(400, "dashboard.export.needs_session")
    rows = await list_rows(request, query)
    kind = request.match_info["kind"]
    with_phones = viewer.organiser
    if kind == "xlsx":
        title = exports.delegate_list_title(plan, query.session)
        content = exports.delegate_list_xlsx(rows, title, plan, with_phones)
    else:
        content = exports.delegate_list_csv(rows, plan, with_phones)
    await dashboard_of(request).services.audit.record(
        viewer.channel,
        viewer.user_id,
        "export",
        {
            "via": "dashboard",
            "session": query.session.id,
            "format": kind,
            "filters": query.query_string(page=1),
            "rows": len(rows),
            "phones": with_phones,
            "scopes": list(viewer.scopes) if viewer.scopes is not None else None,
        },
        now_utc(),
    )
    return _file(content, f"danh-sach-{query.session.id}.{kind}", kind)


@routes.get("/export/lich.ics")
async def calendar(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    offsets = dashboard_of(request).services.reminder_offsets
    alarms = [name for name, _ in offsets_of(plan, offsets)]
    content = exports.sessions_ics(plan, plan.series.sessions, alarms, now_utc())
    return _file(content, "lich-hoi-nghi.ics", "ics")
