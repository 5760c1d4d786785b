"""Several provinces (tenants) in one process: one Runtime each (its own database, channels,
outbox sender and scheduler jobs) in one event loop, sharing the web server of the webhooks
and /healthz, and the dashboard's server, each tenant under `/t/<id>` on both."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence

from aiohttp import web

from bot.app import Runtime, platform_channels, prepare_plan, print_errors, serve
from bot.config import Settings
from bot.logs import TENANT
from bot.plan.errors import PlanError  # not the plan's reader: its models load with a plan
from bot.runtime.core import Core
from bot.runtime.outbox import Limits
from bot.runtime.web import HEALTH_PATH, WebServer
from bot.runtime.webhooks import web_server
from bot.tenants import Tenant
from dashboard.server import DashboardServer
from storage.db import Database


class Tenants:
    """The runtimes of every tenant, started and stopped together: the shared servers listen
    before any channel registers its webhook, and stop before any channel stops."""

    def __init__(
        self,
        runtimes: Mapping[str, Runtime],
        web: WebServer | None,
        dashboard: DashboardServer | None,
    ) -> None:
        self.runtimes, self.web, self.dashboard = runtimes, web, dashboard
        self.channels = [f"{id_}/{name}" for id_, r in runtimes.items() for name in r.channels]
        if web is not None:
            web.get(HEALTH_PATH, self.health)

    async def health(self, _: web.Request) -> web.Response:
        """Every tenant's /healthz in one: 200 when all are well, else 503."""
        reports = {tenant: await r.health.report() for tenant, r in self.runtimes.items()}
        ok = all(report["ok"] for report in reports.values())
        return web.json_response({"ok": ok, "tenants": reports}, status=200 if ok else 503)

    async def start(self) -> None:
        if self.dashboard is not None:  # first: a port in use stops the start before the rest
            await self.dashboard.start()
        if self.web is not None:
            await self.web.start()
        started: list[Runtime] = []
        try:
            for tenant, runtime in self.runtimes.items():
                # the tasks a runtime starts (polling, sender, jobs) log with its tenant's id
                token = TENANT.set(tenant)
                try:
                    await runtime.start()
                finally:
                    TENANT.reset(token)
                started.append(runtime)
        except BaseException:
            await self._stop(started)
            raise

    async def stop(self) -> None:
        await self._stop(list(self.runtimes.values()))

    async def _stop(self, runtimes: Sequence[Runtime]) -> None:
        if self.web is not None:
            await self.web.stop()
        if self.dashboard is not None:
            await self.dashboard.stop()
        for runtime in runtimes:
            await runtime.stop()


async def open_tenants(
    settings: Settings, tenants: Sequence[Tenant], stack: contextlib.AsyncExitStack
) -> tuple[Tenants | None, list[PlanError]]:
    """Every tenant's database opened (closed by `stack`), its PLAN_FILE loaded and its runtime
    wired; or the errors of a tenant's plan."""
    web = web_server(settings)
    dashboard = (
        DashboardServer(settings.dashboard_host, settings.dashboard_port, settings.dashboard_url)
        if settings.dashboard_port is not None
        else None
    )
    runtimes: dict[str, Runtime] = {}
    for tenant in tenants:
        db = await Database.open(tenant.settings.database)
        stack.push_async_callback(db.close)
        errors = await prepare_plan(db, tenant.settings, example=False)
        if errors:
            return None, errors
        core = await Core.create(db)
        channels = platform_channels(core, tenant.settings, web, tenant.prefix)
        limits = Limits(per_second=tenant.settings.outbox_rate)
        runtimes[tenant.id] = Runtime(
            core, channels, tenant.settings, limits, web, prefix=tenant.prefix, dashboard=dashboard
        )
    return Tenants(runtimes, web, dashboard), []


async def run_tenants(settings: Settings, tenants: Sequence[Tenant]) -> int:
    """Serve every tenant of tenants.yaml until SIGINT or SIGTERM."""
    async with contextlib.AsyncExitStack() as stack:
        hosted, errors = await open_tenants(settings, tenants, stack)
        if hosted is None:
            return print_errors(errors)
        await serve(hosted)
    return 0
