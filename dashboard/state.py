"""What every request handler of the dashboard reaches: the bot's services, the dashboard's
own storage, and who is looking (set by the session middleware)."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.domain import SessionInfo, session_order
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan
from handlers.context import Services
from handlers.roles import Scopes
from storage.dashboard import DashboardAccess, DashboardQueries
from storage.people import Delegate


@dataclass(frozen=True)
class Dashboard:
    services: Services
    access: DashboardAccess
    queries: DashboardQueries
    login_key: bytes
    https: bool  # the public address is https: cookies are Secure
    base: str = ""  # the path the dashboard is mounted under: a tenant's /t/<id>, else ""


class Refusal(Exception):
    """Raised by a page handler: the visitor gets a polite page (or JSON) with this status."""

    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status, self.key = status, key


@dataclass(frozen=True)
class Viewer:
    """A logged-in organiser or focal point, with the roles read at this request."""

    channel: str
    user_id: str
    session_hash: str
    csrf: str
    is_admin: bool  # a deployment-wide admin (ADMIN_IDS): the audit log
    scopes: Scopes  # None: every commune and unit (admins, organisers)
    series_id: str = ""  # the series shown: one their roles reach
    # (id, number) of every active series their roles open the dashboard of
    series_choices: tuple[tuple[str, int], ...] = ()

    def opens(self, plan: LoadedPlan) -> bool:
        """Whether the viewer's roles open the dashboard of this series."""
        return any(series_id == plan.series.id for series_id, _ in self.series_choices)

    @property
    def organiser(self) -> bool:
        """Admins and organisers: everything, phone numbers included."""
        return self.scopes is None

    def sees(self, commune_code: int | None, category_code: str) -> bool:
        """Whether a delegate of this commune and category is within the viewer's scopes."""
        if self.scopes is None:
            return True
        return f"commune:{commune_code}" in self.scopes or f"unit:{category_code}" in self.scopes

    def sees_delegate(self, delegate: Delegate) -> bool:
        """Whether this delegate is of the series shown and within the viewer's scopes."""
        return delegate.series_id == self.series_id and self.sees(
            delegate.commune_code, delegate.category_code
        )

    def sees_commune(self, commune_code: int) -> bool:
        return self.scopes is None or f"commune:{commune_code}" in self.scopes

    def sees_session(self, session: SessionInfo) -> bool:
        """A city session invites from every commune; a commune session is its commune's, and
        a unit's focal point follows their unit everywhere."""
        if self.scopes is None or session.level == "city":
            return True
        units = any(scope.startswith("unit:") for scope in self.scopes)
        return units or self.sees_commune(session.commune_code or 0)


DASHBOARD = web.AppKey("dashboard", Dashboard)
VIEWER = web.RequestKey("viewer", Viewer)


def dashboard_of(request: web.Request) -> Dashboard:
    return request.app[DASHBOARD]


def local_path(request: web.Request) -> str:
    """The request's path inside this dashboard, without its tenant's prefix."""
    return request.path.removeprefix(dashboard_of(request).base)


def viewer_of(request: web.Request) -> Viewer:
    return request[VIEWER]


async def addressed_plan(request: web.Request) -> LoadedPlan | None:
    """The series a page's address names: the one of the session in it (/session/<num>…,
    ?session=<num>), of the delegate (/delegate/<id>…), or ?series=<num>; None when it names
    none (or an unknown one)."""
    services = dashboard_of(request).services
    plans = services.plans
    session = as_number(request.match_info.get("num") or request.query.get("session", ""), 9)
    delegate_id = as_number(request.match_info.get("id", ""), 9)
    series = as_number(request.query.get("series", ""), 6)
    if session is not None:
        return next((p for p in await plans.all() if p.session_by_num(session)), None)
    if delegate_id is not None and local_path(request).startswith("/delegate/"):
        delegate = await services.delegates.get(delegate_id)
        return await plans.of_series(delegate.series_id) if delegate else None
    return await plans.of_num(series) if series is not None else None


async def plan_of(request: web.Request) -> LoadedPlan:
    """The plan of the series shown: the one the address names, else the viewer's choice (the
    session middleware read the viewer's roles in that series)."""
    plan = await dashboard_of(request).services.plans.of_series(viewer_of(request).series_id)
    if plan is None:
        raise Refusal(503, "dashboard.no_plan")
    return plan


def visible_sessions(plan: LoadedPlan, viewer: Viewer) -> list[SessionInfo]:
    """The sessions the viewer may see, in date order."""
    ordered = sorted(plan.series.sessions, key=session_order)
    return [session for session in ordered if viewer.sees_session(session)]


def session_of(plan: LoadedPlan, number: str, viewer: Viewer) -> SessionInfo:
    """The session of a page's number, if the viewer may see it."""
    given = as_number(number, 9)
    session = next((s for s in plan.series.sessions if s.num == given), None)
    if session is None:
        raise Refusal(404, "dashboard.not_found")
    if not viewer.sees_session(session):
        raise Refusal(403, "dashboard.outside")
    return session
