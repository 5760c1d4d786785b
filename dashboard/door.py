"""The door view of a session's day: who has arrived, who confirmed and has not come yet (with
their phone to call), who has not answered, who declined; a search by name, with or without
diacritics; checking a person in from the list and adding a walk-in (organisers only, on the
day, audited). Checking in follows the rule of bot.services.checkin.check_in_at_door, the same
as the chat's QR scan: the current answer is shown, and not "Tham dự" needs a confirmation."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.catalog import t
from bot.clock import now_utc
from bot.domain import SessionInfo
from bot.services import checkin
from bot.services.dates import format_date
from bot.services.numbers import as_number
from bot.services.people import MAX_POSITION, normalise_free_text, normalise_name
from bot.services.plan_state import LoadedPlan
from dashboard import figures
from dashboard.auth import redirect
from dashboard.render import LOCALE, page
from dashboard.state import Refusal, Viewer, dashboard_of, plan_of, session_of, viewer_of
from storage.reports import DOOR_GROUPS, DelegateListRow

SHOWN = 30  # people per group without a search: the door needs the first few, then a search
OTHER = "other"  # the walk-ins' category unless the organiser picks one of the plan's
routes = web.RouteTableDef()


@dataclass(frozen=True)
class Notice:
    """What the last action did, shown at the top of the door view."""

    kind: str  # "ok", "warn"
    text: str
    confirm: int | None = None  # the delegate whose check-in waits for the organiser's yes


def group_of(row: DelegateListRow) -> str:
    """The row's key of DOOR_GROUPS, as its SQL condition would put it."""
    if row.checked_in:
        return "arrived"
    if row.answer is None:
        return "unanswered"
    return "declined" if row.answer == "absent" else "awaited"


async def _groups(
    request: web.Request, session: SessionInfo, text: str
) -> tuple[dict[str, list[DelegateListRow]], dict[str, int]]:
    """Each group's people to show and its size: everyone found by a search, else the first
    SHOWN of each group (a province's city session invites 20,000)."""
    viewer = viewer_of(request)
    lists = dashboard_of(request).services.lists
    if text:
        rows = await lists.rows(session, scopes=viewer.scopes, text=text, phones=viewer.organiser)
        groups: dict[str, list[DelegateListRow]] = {name: [] for name in DOOR_GROUPS}
        for row in rows:
            groups[group_of(row)].append(row)
        return groups, {name: len(people) for name, people in groups.items()}
    shown = {
        name: await lists.rows(session, scopes=viewer.scopes, answer=name, limit=SHOWN)
        for name in DOOR_GROUPS
    }
    return shown, await lists.count(session, {name: name for name in DOOR_GROUPS}, viewer.scopes)


def _is_today(plan: LoadedPlan, session: SessionInfo) -> bool:
    return figures.status(session, now_utc(), plan.zone) == "today"


async def _render(
    request: web.Request,
    plan: LoadedPlan,
    session: SessionInfo,
    notice: Notice | None = None,
    status: int = 200,
) -> web.Response:
    viewer = viewer_of(request)
    text = " ".join(request.query.get("q", "")[:100].split())
    groups, sizes = await _groups(request, session, text)
    communes = (
        await dashboard_of(request).queries.communes(plan.series.id) if viewer.organiser else []
    )
    rollup = await dashboard_of(request).services.rollups.session_rollup(session)
    return page(
        request,
        "door.html",
        status,
        plan=plan,
        session=session,
        label=plan.answerer.label(session, LOCALE),
        total=rollup.within(viewer.scopes).total,
        today=_is_today(plan, session),
        day_text=_day(plan, session),
        text=text,
        groups=groups,
        group_total=sizes,
        notice=notice,
        communes=communes,
        updated=f"{now_utc().astimezone(plan.zone):%H:%M:%S}",
    )


@routes.get("/session/{num}/door")
async def door(request: web.Request) -> web.Response:
    plan = await plan_of(request)
    session = session_of(plan, request.match_info["num"], viewer_of(request))
    return await _render(request, plan, session, await _after(request, session))


async def _after(request: web.Request, session: SessionInfo) -> Notice | None:
    """What the action that redirected here did (?checked=<delegate> or ?added=<delegate>)."""
    services = dashboard_of(request).services
    for key, message in (
        ("checked", "dashboard.door.done"),
        ("added", "dashboard.door.walk_in_added"),
    ):
        number = as_number(request.query.get(key, ""), 12)
        delegate = await services.delegates.get(number) if number else None
        if delegate is None or not viewer_of(request).sees_delegate(delegate):
            continue
        current = await services.attendance.answer_of(session.id, delegate.id)
        answer = t(f"export.status.{current.answer if current else 'none'}", LOCALE)
        return Notice("ok", t(message, LOCALE, name=delegate.full_name, answer=answer))
    return None


@dataclass(frozen=True)
class DoorAction:
    """An action at the door: its plan, session, the organiser and their chat account."""

    plan: LoadedPlan
    session: SessionInfo
    viewer: Viewer
    account_id: int | None

    async def audit(self, request: web.Request, action: str, details: dict[str, object]) -> None:
        await dashboard_of(request).services.audit.record(
            self.viewer.channel, self.viewer.user_id, action, details, now_utc()
        )


async def _door_action(request: web.Request) -> DoorAction:
    """Organisers only, on the session's day."""
    plan = await plan_of(request)
    viewer = viewer_of(request)
    session = session_of(plan, request.match_info["num"], viewer)
    if not viewer.organiser:
        raise Refusal(403, "dashboard.door.organisers_only")
    if not _is_today(plan, session):
        raise Refusal(409, "dashboard.door.not_today")
    account = await dashboard_of(request).services.accounts.find(viewer.channel, viewer.user_id)
    return DoorAction(plan, session, viewer, account.id if account else None)


def _day(plan: LoadedPlan, session: SessionInfo) -> str:
    return "" if session.starts_at is None else format_date(session.starts_at, plan.zone, LOCALE)


@routes.post("/session/{num}/door/checkin")
async def check_in(request: web.Request) -> web.Response:
    door = await _door_action(request)
    plan, session = door.plan, door.session
    form = await request.post()
    number = as_number(str(form.get("delegate", "")), 12)
    services = dashboard_of(request).services
    delegate = await services.delegates.get(number) if number else None
    if delegate is None or not await services.attendance.is_invited(session, delegate.id):
        raise Refusal(404, "dashboard.door.not_invited")
    result = await checkin.check_in_at_door(
        services.attendance,
        session.id,
        delegate.id,
        "list",
        door.account_id,
        now_utc(),
        confirmed=form.get("confirmed") == "1",
    )
    answer = t(f"export.status.{result.answer or 'none'}", LOCALE)
    if result.step == "confirm":
        text = t("dashboard.door.confirm", LOCALE, name=delegate.full_name, answer=answer)
        return await _render(request, plan, session, Notice("warn", text, delegate.id))
    await door.audit(
        request,
        "check_in",
        {
            "session": session.id,
            "delegate": delegate.id,
            "first": result.step == "done",
            "answer": result.answer,
            "confirmed": form.get("confirmed") == "1",
            "via": "dashboard",
        },
    )
    if result.earlier is not None:
        time = f"{result.earlier.astimezone(plan.zone):%H:%M}"
        text = t("dashboard.door.already", LOCALE, name=delegate.full_name, time=time)
        return await _render(request, plan, session, Notice("warn", text))
    return redirect(request, f"/session/{session.num}/door?checked={delegate.id}")


def _walk_in_values(
    form: dict[str, str], plan: LoadedPlan, communes: dict[int, str]
) -> dict[str, object] | None:
    """The new delegate's columns from the form, None when the name or position is unusable."""
    name = normalise_name(form.get("full_name", ""))
    position = normalise_free_text(form.get("position", ""))
    workplace = form.get("workplace", "").strip()[:MAX_POSITION]
    if name is None or position is None:
        return None
    commune = as_number(form.get("commune", ""), 9)
    category = form.get("category", "")
    known = plan.category(category)
    return {
        "full_name": name,
        "position": position,
        "workplace": workplace,
        "commune_code": commune if commune in communes else None,
        "commune_name": communes.get(commune) if commune is not None else None,
        "category_code": known.code if known else OTHER,
        "category_other": "" if known else t("dashboard.door.walk_in_category", LOCALE),
    }


@routes.post("/session/{num}/door/walkin")
async def walk_in(request: web.Request) -> web.Response:
    door = await _door_action(request)
    plan, session = door.plan, door.session
    form = {key: str(value) for key, value in (await request.post()).items()}
    dashboard = dashboard_of(request)
    communes = dict(await dashboard.queries.communes(plan.series.id))
    values = _walk_in_values(form, plan, communes)
    if values is None:
        text = t("dashboard.edit.bad_name", LOCALE) + " " + t("dashboard.edit.bad_text", LOCALE)
        return await _render(request, plan, session, Notice("warn", text), 400)
    delegate_id = await dashboard.queries.add_walk_in(
        session.id, values, door.account_id, now_utc()
    )
    await door.audit(
        request,
        "walk_in",
        {"session": session.id, "delegate": delegate_id, "name": values["full_name"]},
    )
    return redirect(request, f"/session/{session.num}/door?added={delegate_id}")
