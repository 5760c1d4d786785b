"""Login without a password: /dashboard in the bot sends a one-time link; opening it (and the
form it shows, sent by the page's script) starts a browser session kept in an HttpOnly,
SameSite=Strict cookie (Secure behind HTTPS). Every other page needs that session, and the
roles are read again at every request. POSTs carry the session's CSRF token.

The link is consumed by the POST, not by opening it: a chat app that fetches links for a
preview does not use it up."""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiohttp import web

from bot.clock import now_utc
from bot.services import login_links
from bot.services.attempts import minutes
from dashboard.render import page, refusal
from dashboard.state import (
    VIEWER,
    Refusal,
    Viewer,
    addressed_plan,
    dashboard_of,
    local_path,
    viewer_of,
)
from handlers.roles import reached_plans, scope_of

log = logging.getLogger(__name__)
COOKIE = "hoinghi_dashboard"
SERIES_COOKIE = "hoinghi_series"  # the series shown, among those the viewer's roles reach
SESSION_LIFETIME = timedelta(hours=12)
PUBLIC = ("/login", "/static/")
LOGIN_LINKS = "dashboard_link"  # the kind of code, for the attempt limits (per client address)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

routes = web.RouteTableDef()


def _link_refusal(request: web.Request, why: str) -> web.Response:
    log.info("refused a dashboard login link (%s)", why)
    return refusal(request, 403, f"dashboard.login.{why}")


async def _check_link(request: web.Request, token: str) -> tuple[str | None, web.Response | None]:
    """(the link's stored hash, None) when it may still be used, else (None, the refusal)."""
    dashboard = dashboard_of(request)
    now = now_utc()
    attempts, client = dashboard.services.attempts, request.remote or "?"
    wait = await attempts.wait(LOGIN_LINKS, "web", client, now)
    if wait is not None:
        return None, refusal(request, 429, "common.too_many_codes", minutes=minutes(wait))
    token_hash, why = login_links.verify(dashboard.login_key, token[:200], now)
    state = await dashboard.access.link(token_hash, now) if token_hash is not None else None
    if token_hash is None or state is None:
        if (why or "forged") == "forged":
            await attempts.failed(LOGIN_LINKS, "web", client, now)
        return None, _link_refusal(request, why or "forged")
    if state.used:
        return None, _link_refusal(request, "used")
    if state.expired:
        return None, _link_refusal(request, "expired")
    return token_hash, None


@routes.get("/login")
async def login_page(request: web.Request) -> web.Response:
    token = request.query.get("t", "")
    if not token:
        return refusal(request, 401, "dashboard.login.how")
    _, refused = await _check_link(request, token)
    return refused or page(request, "login.html", token=token)


@routes.post("/login")
async def login(request: web.Request) -> web.Response:
    dashboard = dashboard_of(request)
    token = str((await request.post()).get("t", ""))
    token_hash, refused = await _check_link(request, token)
    if refused is not None or token_hash is None:
        return refused or _link_refusal(request, "forged")
    now = now_utc()
    who = await dashboard.access.use_link(token_hash, now)
    if who is None:  # another tab used it a moment ago
        return _link_refusal(request, "used")
    session_id = secrets.token_urlsafe(32)
    await dashboard.access.open_session(
        login_links.digest(session_id), who, secrets.token_urlsafe(24), now, now + SESSION_LIFETIME
    )
    await dashboard.services.audit.record(who[0], who[1], "dashboard_login", {}, now)
    response = redirect(request, "/")
    response.set_cookie(
        COOKIE,
        session_id,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path=_cookie_path(request),
        httponly=True,
        samesite="Strict",
        secure=_secure(request),
    )
    return response


@routes.post("/logout")
async def logout(request: web.Request) -> web.Response:
    viewer = viewer_of(request)
    await dashboard_of(request).access.close_session(viewer.session_hash)
    response = redirect(request, "/login")
    response.del_cookie(COOKIE, path=_cookie_path(request))
    return response


def redirect(request: web.Request, location: str) -> web.Response:
    """303 See Other: after a POST, the browser GETs `location` (of this tenant's dashboard)."""
    return web.Response(status=303, headers={"Location": dashboard_of(request).base + location})


def _cookie_path(request: web.Request) -> str:
    """A tenant's session cookie goes to its own dashboard only."""
    return f"{dashboard_of(request).base}/"


def _secure(request: web.Request) -> bool:
    forwarded = request.headers.get("X-Forwarded-Proto", "").lower() == "https"
    return request.secure or forwarded or dashboard_of(request).https


async def _viewer(request: web.Request) -> Viewer | None:
    """Who holds this request's session cookie, with their roles in the series shown as they are
    now; the audit log is for the deployment's own admins (`is_admin`)."""
    cookie = request.cookies.get(COOKIE, "")
    if not cookie or len(cookie) > 100:
        return None
    dashboard = dashboard_of(request)
    session_hash = login_links.digest(cookie)
    session = await dashboard.access.session(session_hash, now_utc())
    if session is None:
        return None
    roles = dashboard.services.roles
    who = (session.channel, session.external_id)
    opened = [
        (plan, scopes)
        for plan in await reached_plans(dashboard.services, *who)
        for allowed, scopes in [await scope_of(roles, *who, plan.series)]
        if allowed
    ]
    if not opened:  # the role was revoked (or reaches no active series): the session ends
        await dashboard.access.close_session(session_hash)
        return None
    addressed = await addressed_plan(request)
    wanted = addressed.series.id if addressed else request.cookies.get(SERIES_COOKIE, "")
    shown = next((o for o in opened if o[0].series.id == wanted), None)
    if shown is None and addressed is not None:
        log.info("refused a dashboard page of another series to %s:%s", *who)
        raise Refusal(403, "dashboard.outside")
    plan, scopes = shown or opened[0]
    return Viewer(
        *who,
        session_hash,
        session.csrf,
        await roles.everywhere(*who, "admin"),
        scopes,
        plan.series.id,
        tuple((p.series.id, p.series.num) for p, _ in opened),
    )


@web.middleware
async def require_session(request: web.Request, handler: Handler) -> web.StreamResponse:
    """No page, no file and no figure without a session; no POST without its CSRF token."""
    path = local_path(request)
    if path.startswith(PUBLIC):
        return await handler(request)
    viewer = await _viewer(request)
    if viewer is None:
        if path.startswith("/api/"):
            return web.json_response({"error": "login"}, status=401)
        return refusal(request, 401, "dashboard.login.how")
    request[VIEWER] = viewer
    if request.method == "POST":
        sent = str((await request.post()).get("csrf", ""))
        if not hmac.compare_digest(sent.encode(), viewer.csrf.encode()):
            log.info("refused a dashboard POST without its CSRF token")
            return refusal(request, 403, "dashboard.csrf")
    response = await handler(request)
    if "series" in request.query:  # the series chosen stays shown on the next pages
        response.set_cookie(
            SERIES_COOKIE,
            viewer.series_id,
            path=_cookie_path(request),
            httponly=True,
            samesite="Strict",
            secure=_secure(request),
        )
    return response


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Everything from this server only (no CDN: offices run on closed networks); nothing
    framed, cached by proxies, or leaked through the Referer (a login link is a secret)."""
    try:
        response = await handler(request)
    except web.HTTPNotFound:
        response = refusal(request, 404, "dashboard.not_found")
    except Refusal as refused:
        if local_path(request).startswith("/api/"):
            response = web.json_response({"error": refused.key}, status=refused.status)
        else:
            response = refusal(request, refused.status, refused.key)
    except web.HTTPException as error:
        _protect(request, error)
        raise
    _protect(request, response)
    return response


def _protect(request: web.Request, response: web.StreamResponse) -> None:
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    if not local_path(request).startswith("/static/"):
        headers.setdefault("Cache-Control", "no-store")
