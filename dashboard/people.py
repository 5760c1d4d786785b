"""Delegates: the search (by name, commune, unit or category, answer to a session) and one
delegate's page with the history of their answers. The search's filters are also the
exports' (dashboard/files.py): every list can be downloaded as it is shown."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from aiohttp import web

from bot.catalog import t
from bot.clock import now_utc
from bot.domain import SessionInfo
from bot.services.exports import unit_text
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan
from dashboard import figures
from dashboard.edit import FIELDS as EDITABLE
from dashboard.render import page
from dashboard.state import (
    Refusal,
    Viewer,
    dashboard_of,
    plan_of,
    session_of,
    viewer_of,
    visible_sessions,
)
from storage.reports import ANSWER_FILTERS, DelegateListRow

PAGE_SIZE = 100
ALL_SESSIONS = "all"
routes = web.RouteTableDef()


@dataclass(frozen=True)
class ListQuery:
    """A list's filters, as they travel in the query string."""

    session: SessionInfo | None  # None: every delegate, whatever they are invited to
    commune_code: int | None = None
    category_code: str | None = None
    answer: str | None = None  # a key of storage.reports.ANSWER_FILTERS
    text: str = ""
    page: int = 1

    def query_string(self, **changes: object) -> str:
        query = replace(self, **changes)  # type: ignore[arg-type]
        pairs = {
            "session": str(query.session.num) if query.session else ALL_SESSIONS,
            "q": query.text,
            "commune": "" if query.commune_code is None else str(query.commune_code),
            "category": query.category_code or "",
            "answer": query.answer or "",
            "page": "" if query.page == 1 else str(query.page),
        }
        return urlencode({key: value for key, value in pairs.items() if value})


def list_query(request: web.Request, plan: LoadedPlan, viewer: Viewer) -> ListQuery:
    """The filters of the request; an unknown session is 404, a commune outside the viewer's
    scopes 403, and anything else unreadable is ignored."""
    params = request.query
    given = params.get("session", "")
    if given == ALL_SESSIONS:
        session = None
    elif given:
        session = session_of(plan, given, viewer)
    else:
        session = figures.focus(visible_sessions(plan, viewer), now_utc(), plan.zone)
    commune = as_number(params.get("commune", ""), 9)
    if commune is not None and not viewer.sees_commune(commune):
        raise Refusal(403, "dashboard.outside")
    category = params.get("category", "")
    answer = params.get("answer", "")
    return ListQuery(
        session,
        commune,
        category if plan.category(category) else None,
        answer if answer in ANSWER_FILTERS and session is not None else None,
        " ".join(params.get("q", "")[:100].split()),
        max(1, as_number(params.get("page", ""), 9) or 1),
    )


async def list_rows(request: web.Request, query: ListQuery) -> list[DelegateListRow]:
    """The whole list, within the viewer's scopes, in Vietnamese order."""
    return await dashboard_of(request).services.lists.rows(
        query.session,
        query.commune_code,
        query.category_code,
        viewer_of(request).scopes,
        query.answer,
        query.text,
        phones=viewer_of(request).organiser,
        series_id=viewer_of(request).series_id,
    )


@routes.get("/delegates")
async def delegates(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    viewer = viewer_of(request)
    query = list_query(request, plan, viewer)
    rows = await list_rows(request, query)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    shown = rows[(query.page - 1) * PAGE_SIZE : query.page * PAGE_SIZE]
    communes = await dashboard_of(request).queries.communes(plan.series.id)
    return page(
        request,
        "delegates.html",
        plan=plan,
        query=query,
        rows=shown,
        count=len(rows),
        pages=pages,
        sessions=visible_sessions(plan, viewer),
        communes=[c for c in communes if viewer.sees_commune(c[0])],
        answers=list(ANSWER_FILTERS),
    )


@routes.get("/delegate/{id}")
async def delegate_page(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    viewer = viewer_of(request)
    dashboard = dashboard_of(request)
    number = as_number(request.match_info["id"], 9)
    delegate = await dashboard.services.delegates.get(number) if number else None
    if delegate is None:
        raise Refusal(404, "dashboard.not_found")
    if not viewer.sees_delegate(delegate):
        raise Refusal(403, "dashboard.outside")
    history = await dashboard.queries.answer_history(delegate.id)
    checkins = await dashboard.queries.checkins(delegate.id)
    sessions = {s.id: s for s in plan.series.sessions}
    invited = [
        s
        for s in visible_sessions(plan, viewer)
        if await dashboard.services.attendance.is_invited(s, delegate.id)
    ]
    current: dict[str, str] = {}
    for change in reversed(history):  # oldest first: the last one written stays
        current[change.session_id] = change.answer
    saved = [f for f in request.query.get("saved", "").split(",") if f in EDITABLE]
    return page(
        request,
        "delegate.html",
        plan=plan,
        delegate=delegate,
        unit=unit_text(delegate, plan),
        accounts=await dashboard.queries.accounts(delegate.id),
        invited=invited,
        current=current,
        checkins=checkins,
        history=history,
        sessions=sessions,
        saved=[t(f"dashboard.field.{name}", "vi") for name in saved],
        edited="saved" in request.query,
    )
