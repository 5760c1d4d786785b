"""Exports from the dashboard's lists: the organisers' XLSX and CSV (bot/services/exports.py,
as /xuat and `hoinghi export` make them) with the list's filters, and the .ics calendar of
/lichics. Phone numbers for organisers only; every list export is audited."""

from __future__ import annotations

from aiohttp import web

from bot.clock import now_utc
from bot.documents.gather import Scope, gather
from bot.documents.render import FILE_NAMES, OFFERED, needs_figures, render
from bot.services import exports
from bot.services.reminders import offsets_of
from dashboard.people import list_query, list_rows
from dashboard.state import Refusal, dashboard_of, plan_of, session_of, viewer_of

routes = web.RouteTableDef()
TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
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


@routes.get("/export/paper/{num}/{kind}")
async def paper(request: web.Request) -> web.Response:
    """A session's printable paper (OFFERED): within a focal point's scope, phone numbers for
    organisers only; audited like the lists."""
    plan = await plan_of(request)
    viewer = viewer_of(request)
    session = session_of(plan, request.match_info["num"], viewer)
    kind = request.match_info["kind"]
    if kind not in OFFERED:
        raise Refusal(404, "dashboard.not_found")
    services = dashboard_of(request).services
    material = await gather(
        services.lists.db,
        plan,
        session,
        Scope(scopes=viewer.scopes),
        now_utc(),
        with_phones=viewer.organiser,
        figures=needs_figures(kind),
        link_template=services.deep_links.get("telegram", "") if kind == "invitations" else None,
    )
    form = OFFERED[kind]
    details: dict[str, object] = {
        "via": "dashboard",
        "session": session.id,
        "kind": kind,
        "format": form,
        "rows": len(material.people),
    }
    await services.audit.record(viewer.channel, viewer.user_id, "docs", details, now_utc())
    content = render(kind, form, material)
    return _file(content, f"{FILE_NAMES[kind]}-{session.id}.{form}", form)
