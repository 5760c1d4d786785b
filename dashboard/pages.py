"""The overview of the series, a session's page (per commune and per category, who has not
answered, who cannot be reached, the live check-in count) with its live JSON, and a commune's
page. Focal points see only their commune's or unit's lines."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.catalog import t
from bot.clock import now_utc
from bot.documents.render import OFFERED
from bot.domain import SessionInfo
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan
from dashboard import figures
from dashboard.render import count_rows_in_turns, page
from dashboard.state import (
    Refusal,
    dashboard_of,
    plan_of,
    session_of,
    viewer_of,
    visible_sessions,
)
from storage.rollup import Counts, Rollup

LIST_LIMIT = 50  # people per list on a session's page; the delegates page has them all
routes = web.RouteTableDef()


@dataclass(frozen=True)
class SessionCard:
    session: SessionInfo
    label: str
    status: figures.Status
    counts: Counts
    warn: bool


async def _rollup(request: web.Request, session: SessionInfo) -> Rollup:
    viewer = viewer_of(request)
    rollup = await dashboard_of(request).services.rollups.session_rollup(session)
    return rollup.within(viewer.scopes)


@routes.get("/")
async def overview(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    viewer = viewer_of(request)
    now = now_utc()
    cards = []
    for session in figures.by_next(visible_sessions(plan, viewer), now, plan.zone):
        total = (await _rollup(request, session)).total
        cards.append(
            SessionCard(
                session,
                plan.answerer.label(session, "vi"),
                figures.status(session, now, plan.zone),
                total,
                figures.below_quota(session, total, now),
            )
        )
    plans = await dashboard_of(request).services.plans.all()
    others = [p for p in plans if p is not plan and viewer.opens(p)]
    return page(request, "overview.html", plan=plan, cards=cards, others=others)


def _commune_lines(rollup: Rollup) -> list[figures.Line]:
    return [
        figures.Line(
            figures.group_id("commune", group.key),
            (group.name or group.key) if group.key else t("rollup.city_level"),
            group.counts,
            link=f"/commune/{group.key}" if group.key else "",
        )
        for group in rollup.by_commune
    ]


def _category_lines(plan: LoadedPlan, rollup: Rollup) -> list[figures.Line]:
    order = {c.code: n for n, c in enumerate(plan.series.categories)}
    groups = sorted(rollup.by_category, key=lambda g: (order.get(g.key, len(order)), g.key))
    lines = []
    for group in groups:
        category = plan.category(group.key)
        name = category.label if category else group.key
        lines.append(figures.Line(figures.group_id("category", group.key), name, group.counts))
    return lines


def _clock(plan: LoadedPlan) -> str:
    """The time of the figures, as the page shows it after "last:"."""
    return f"{now_utc().astimezone(plan.zone):%H:%M:%S}"


@routes.get("/session/{num}")
async def session_page(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    viewer = viewer_of(request)
    session = session_of(plan, request.match_info["num"], viewer)
    rollup = await _rollup(request, session)
    lists = dashboard_of(request).services.lists
    shown = {"none": "to_remind", "unreachable": "unreachable"}  # each person in one list only
    waiting = {  # the first page of each, sorted and cut by the database
        name: await lists.rows(session, scopes=viewer.scopes, answer=key, limit=LIST_LIMIT)
        for name, key in shown.items()
    }
    communes = _commune_lines(rollup)
    categories = _category_lines(plan, rollup)
    scale = max((line.counts.registered for line in communes), default=1)
    base = dashboard_of(request).base
    now = now_utc()
    return page(
        request,
        "session.html",
        plan=plan,
        session=session,
        label=plan.answerer.label(session, "vi"),
        state=figures.status(session, now, plan.zone),
        total=rollup.total,
        warn=figures.below_quota(session, rollup.total, now),
        commune_rows=await count_rows_in_turns(communes, scale, base),
        category_rows=await count_rows_in_turns(categories, scale, base),
        waiting=waiting,
        waiting_total=await lists.count(session, shown, viewer.scopes),
        updated=_clock(plan),
        papers=OFFERED,
    )


@routes.get("/api/session/{num}/live")
async def live(request: web.Request) -> web.Response:
    """The figures of a session's page, polled by its script every two seconds."""
    plan = await plan_of(request)
    session = session_of(plan, request.match_info["num"], viewer_of(request))
    rollup = await _rollup(request, session)
    return web.json_response(
        {
            "updated": _clock(plan),
            "values": figures.live_values(rollup),
        }
    )


@routes.get("/commune/{code}")
async def commune_page(request: web.Request) -> web.Response:
    """One commune across the sessions that invite its delegates."""
    plan = await plan_of(request)
    viewer = viewer_of(request)
    code = request.match_info["code"]
    number = as_number(code, 9)
    commune = plan.communes.by_code(number) if number is not None else None
    if commune is None:
        raise Refusal(404, "dashboard.not_found")
    if not viewer.sees_commune(commune.code):
        raise Refusal(403, "dashboard.outside")
    lines = []
    now = now_utc()
    for session in figures.by_next(visible_sessions(plan, viewer), now, plan.zone):
        if session.level == "commune" and session.commune_code != commune.code:
            continue
        rollup = await dashboard_of(request).services.rollups.session_rollup(session)
        group = next((g for g in rollup.by_commune if g.key == str(commune.code)), None)
        counts = group.counts if group else Counts()
        lines.append(
            figures.Line(
                figures.group_id("session", str(session.num)),
                plan.answerer.label(session, "vi"),
                counts,
                figures.below_quota(session, counts, now) and session.level == "commune",
                f"/session/{session.num}",
            )
        )
    return page(
        request,
        "commune.html",
        plan=plan,
        commune=commune,
        lines=lines,
        scale=max((line.counts.registered for line in lines), default=1),
    )
