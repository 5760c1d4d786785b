"""The dashboard's aiohttp application and the server that `hoinghi run` starts beside the
chat channels (bound to 127.0.0.1 unless DASHBOARD_HOST says otherwise; the operator puts it
behind the reverse proxy that also carries the webhooks)."""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web

from bot.services import login_links
from dashboard import activity, auth, door, edit, files, pages, people
from dashboard.state import DASHBOARD, Dashboard
from handlers.context import Services
from storage.dashboard import DashboardQueries
from storage.db import Database

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"


def make_app(
    services: Services, db: Database, https: bool = False, base: str = ""
) -> web.Application:
    """One tenant's dashboard; `base` is the path it is mounted under ("" at the root)."""
    app = web.Application(
        middlewares=[auth.security_headers, auth.require_session], client_max_size=64 * 1024
    )
    app[DASHBOARD] = Dashboard(
        services,
        services.dashboard_access,
        DashboardQueries(db),
        login_links.derive_key(services.checkin_key),
        https,
        base,
    )
    tables = (auth.routes, pages.routes, people.routes, door.routes, edit.routes)
    for table in (*tables, activity.routes, files.routes):
        app.add_routes(table)
    app.router.add_static("/static/", STATIC)
    return app


class DashboardServer:
    """One port: one tenant's dashboard at the root, or several, each under its tenant's
    prefix (`/t/<id>`), mounted before `start`. A second `start` or `stop` (another tenant's
    runtime on the shared server) does nothing."""

    def __init__(self, host: str, port: int, public_url: str | None = None) -> None:
        self.host, self.port, self.public_url = host, port, public_url
        self.https = bool(public_url and public_url.lower().startswith("https://"))
        self.root = web.Application()
        self.runner: web.AppRunner | None = None
        self.base_url = ""

    def mount(self, services: Services, db: Database, prefix: str = "") -> None:
        app = make_app(services, db, self.https, prefix)
        if prefix:
            self.root.add_subapp(prefix, app)
        else:
            self.root = app

    def url_of(self, prefix: str = "") -> str:
        """The public address of the dashboard mounted under `prefix`, once started."""
        return f"{self.base_url}{prefix}"

    async def start(self) -> None:
        if self.runner is not None:
            return
        self.runner = web.AppRunner(self.root, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        await site.start()
        port = self.runner.addresses[0][1]  # the one chosen when DASHBOARD_PORT is 0
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.base_url = (self.public_url or f"http://{host}:{port}").rstrip("/")
        log.info("dashboard on %s:%s, links to %s", self.host, port, self.base_url)

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None
