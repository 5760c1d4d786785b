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


def make_app(services: Services, db: Database, https: bool = False) -> web.Application:
    app = web.Application(
        middlewares=[auth.security_headers, auth.require_session], client_max_size=64 * 1024
    )
    app[DASHBOARD] = Dashboard(
        services,
        services.dashboard_access,
        DashboardQueries(db),
        login_links.derive_key(services.checkin_key),
        https,
    )
    tables = (auth.routes, pages.routes, people.routes, door.routes, edit.routes)
    for table in (*tables, activity.routes, files.routes):
        app.add_routes(table)
    app.router.add_static("/static/", STATIC)
    return app


class DashboardServer:
    def __init__(
        self,
        services: Services,
        db: Database,
        host: str,
        port: int,
        public_url: str | None = None,
    ) -> None:
        self.host, self.port, self.public_url = host, port, public_url
        https = bool(public_url and public_url.lower().startswith("https://"))
        self.runner = web.AppRunner(make_app(services, db, https), access_log=None)
        self.base_url = ""

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        await site.start()
        port = self.runner.addresses[0][1]  # the one chosen when DASHBOARD_PORT is 0
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.base_url = (self.public_url or f"http://{host}:{port}").rstrip("/")
        log.info("dashboard on %s:%s, links to %s", self.host, port, self.base_url)

    async def stop(self) -> None:
        await self.runner.cleanup()
