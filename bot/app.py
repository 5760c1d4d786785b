"""Wiring: open the database, make sure a plan is loaded, run the configured channels."""

from __future__ import annotations

import asyncio
import getpass
import logging
import signal
import sys
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from bot import collector
from bot.catalog import t
from bot.channels.console import ConsoleChannel
from bot.clock import now_utc
from bot.config import DEFAULT_PLAN, Settings
from bot.plan.fingerprint import file_fingerprint
from bot.runtime.broadcast_reporter import BroadcastReporter
from bot.runtime.channel import Channel
from bot.runtime.core import Core
from bot.runtime.demo import prepare_demo
from bot.runtime.health import HealthCheck
from bot.runtime.leases import Leases, worker_of
from bot.runtime.outbox import Limits, OutboxSender
from bot.runtime.scheduler import ReminderScheduler
from bot.runtime.web import HEALTH_PATH, WebServer
from bot.runtime.webhooks import telegram_webhook, web_server, zalo_webhook
from bot.services.attempts import AttemptLimits, CodeAttempts
from bot.services.deadlines import DeadlinePlanner
from bot.services.import_limits import ImportLimits
from bot.services.plan_state import PlanCache
from bot.services.reminders import ReminderPlanner
from bot.services.retention import Retention
from bot.services.speaker_reminders import SpeakerPlanner
from storage.attempts import CodeFailures
from storage.attendance import AttendanceRepository
from storage.audit import AuditLog
from storage.broadcasts import BroadcastRepository
from storage.db import Database
from storage.deadlines import DeadlineRepository
from storage.inbound import InboundRepository
from storage.outbox import OutboxRepository
from storage.plans import LoadReport, PlanRepository
from storage.roles import RoleRepository
from storage.speaker_reminders import SpeakerReminderRepository

# The plan's models load when a plan is read; the dashboard (Jinja2 and its pages) only when
# DASHBOARD_PORT is set.
if TYPE_CHECKING:
    from bot.plan.errors import PlanError
    from dashboard.server import DashboardServer

log = logging.getLogger(__name__)
DAILY_LEASE = timedelta(hours=20)  # the daily job runs on the worker that holds it


def print_errors(errors: Sequence[PlanError]) -> int:
    print(t("cli.plan_errors", count=len(errors)), file=sys.stderr)
    for error in errors:
        print(f"  {error.describe()}", file=sys.stderr)
    return 2


async def load_plan(db: Database, path: Path) -> tuple[LoadReport | None, list[PlanError]]:
    """Check and store a plan; the delegates and speakers of a session whose date moved or was
    set are told, once."""
    from bot.plan.loader import read_plan  # the plan's models load when a plan is read

    # taken before the reading: a file changed in between is read again at the next start
    fingerprint = file_fingerprint(path)
    series, errors = read_plan(path)
    if series is None:
        return None, errors
    plans = PlanRepository(db)
    report = await plans.save(series, now_utc(), fingerprint or "")
    cache, outbox = PlanCache(plans), OutboxRepository(db)
    planner = ReminderPlanner(cache, AttendanceRepository(db), outbox)
    announced = await planner.announce_moves(report, now_utc())
    speakers = SpeakerPlanner(cache, RoleRepository(db), SpeakerReminderRepository(db), outbox)
    announced += await speakers.announce_dates(report.date_changes, now_utc())
    details: dict[str, object] = {
        "file": str(path),
        "revision": report.revision,
        "added": list(report.added),
        "moved": [session_id for session_id, _, _ in report.moved],
        "dated": [session_id for session_id, _ in report.dated],
        "changed": list(report.changed),
        "cancelled": list(report.cancelled),
        "announced": announced,
    }
    await AuditLog(db).record("cli", operator(), "plan_load", details, now_utc())
    return report, []


def operator() -> str:
    """Who runs the command line, for the audit log."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


async def prepare_plan(db: Database, settings: Settings, example: bool = True) -> list[PlanError]:
    """Load PLAN_FILE if set, unless the database holds it as it is now (its last successful
    load had the same fingerprint: the same bytes, read by the same code); on an empty database
    with no PLAN_FILE, the example plan (unless `example` is False: a tenant's plan is its own,
    loaded by `hoinghi plan load --tenant`)."""
    path = settings.plan_file
    plans = PlanRepository(db)
    if path is None:
        if not example or await plans.any_loaded():
            return []
        path = DEFAULT_PLAN
        print(t("cli.demo_plan", path=path), file=sys.stderr)
    elif (fingerprint := file_fingerprint(path)) and await plans.loaded_from(fingerprint):
        log.info("plan file %s unchanged since its last load: not read again", path)
        return []
    _, errors = await load_plan(db, path)
    return errors


async def run(settings: Settings, demo: bool = False) -> int:
    """Serve the configured platforms, else the console; the demo (asked for, or the console
    with no PLAN_FILE) runs the example plan moved ahead, in a database of its own."""
    no_platform = settings.telegram_bot_token is None and settings.zalo_bot_token is None
    note = ""
    if demo or (no_platform and settings.plan_file is None):
        prepared = prepare_demo(settings, now_utc(), t("demo.title_note"))
        settings = prepared.settings
        note = t(
            "demo.note",
            date=prepared.first_session.strftime("%d/%m/%Y"),
            path=settings.database_path,
        )
        if not no_platform:  # the console says it in its first message
            print(note, file=sys.stderr)
    db = await Database.open(settings.database)
    try:
        errors = await prepare_plan(db, settings)
        if errors:
            return print_errors(errors)
        web = web_server(settings)
        core = await Core.create(db, worker_of(settings, web is not None))
        channels = platform_channels(core, settings, web)
        if not channels:
            series = await PlanRepository(db).active_series()
            console = ConsoleChannel(core, sys.stdin, sys.stdout)
            collector.started()
            await console.run(series.title if series else "", note)
            return 0
        limits = Limits(per_second=settings.outbox_rate)
        await serve(Runtime(core, channels, settings, limits, web))
        return 0
    finally:
        await db.close()


def platform_channels(
    core: Core, settings: Settings, web: WebServer | None = None, prefix: str = ""
) -> dict[str, Channel]:
    """Telegram and Zalo, each where its token is set; both in one process when both are;
    each by webhook on `web` (under a tenant's `prefix`) where the settings give one, else by
    long polling."""
    channels: dict[str, Channel] = {}
    if settings.telegram_bot_token is not None:
        from bot.channels.telegram import TelegramChannel

        channels["telegram"] = TelegramChannel(
            core,
            settings.telegram_bot_token.get_secret_value(),
            settings.telegram_api_base_url,
            settings.telegram_poll_timeout,
            telegram_webhook(settings, web, prefix),
        )
    if settings.zalo_bot_token is not None:
        from bot.channels.zalo import ZaloChannel

        channels["zalo"] = ZaloChannel(
            core,
            settings.zalo_bot_token.get_secret_value(),
            settings.zalo_api_base_url,
            settings.zalo_poll_timeout,
            zalo_webhook(settings, web, prefix),
        )
    return channels


class Served(Protocol):
    @property
    def channels(self) -> Collection[str]: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


async def serve(runtime: Served) -> None:
    """Run until SIGINT or SIGTERM: one province's Runtime, or several (bot/hosting.py)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await runtime.start()
    print(t("cli.running", channels=", ".join(runtime.channels)), file=sys.stderr)
    try:
        await stop.wait()
    finally:
        await runtime.stop()


class MenuFollower:
    """Roles changed outside the chat (`hoinghi roles revoke`, a role invite used on another
    worker) reach the command menus at the scheduler's minute sweep, by one worker of those
    sharing the database; nothing is queued."""

    def __init__(self, channels: Mapping[str, Channel], leases: Leases) -> None:
        self.channels, self.leases = channels, leases

    async def enqueue_due(self, now: datetime) -> int:
        if not await self.leases.hold("menus"):
            return 0
        for channel in self.channels.values():
            await channel.sync_menus()
        return 0

    async def next_due(self, now: datetime) -> datetime | None:
        return None


class Runtime:
    """The running bot of one province: channels in, the reminder scheduler, the outbox sender
    out; `web`, when given, serves the channels' webhooks and /healthz. Several tenants' runtimes
    share one `web` and one `dashboard`, each under its `prefix` (bot/hosting.py)."""

    def __init__(
        self,
        core: Core,
        channels: Mapping[str, Channel],
        settings: Settings,
        limits: Limits | None = None,
        web: WebServer | None = None,
        *,
        prefix: str = "",
        dashboard: DashboardServer | None = None,
    ) -> None:
        self.core, self.channels, self.settings, self.prefix = core, channels, settings, prefix
        core.services = replace(
            core.services,
            reminder_offsets=settings.reminder_offsets,
            attempts=CodeAttempts(
                CodeFailures(core.db), AuditLog(core.db), attempt_limits(settings)
            ),
            import_limits=import_limits(settings),
        )
        self.sender = OutboxSender(
            OutboxRepository(core.db),
            {name: channel.transport() for name, channel in channels.items()},
            limits,
            core.leases,
        )
        for name, channel in channels.items():
            channel.share_budget(self.sender.pacer(name))
        self.planner = ReminderPlanner(
            core.services.plans,
            core.services.attendance,
            OutboxRepository(core.db),
            settings.reminder_offsets,
            self.sender.limits.per_second,
        )
        roles, outbox = core.services.roles, OutboxRepository(core.db)
        self.retention, self.inbound = Retention(core.db), InboundRepository(core.db)
        self.scheduler = ReminderScheduler(
            [
                self.planner,
                SpeakerPlanner(
                    core.services.plans, roles, SpeakerReminderRepository(core.db), outbox
                ),
                DeadlinePlanner(core.services.plans, roles, DeadlineRepository(core.db), outbox),
                MenuFollower(channels, core.leases),
            ],
            self.sender,
            daily=self.daily,
        )
        self.reporter = BroadcastReporter(
            BroadcastRepository(core.db), channels, self.sender.pacer
        )
        self.web, self.health = web, HealthCheck(core.db, self.scheduler, self.sender)
        if web is not None:
            web.get(prefix + HEALTH_PATH, self.health.respond)
        if dashboard is None and settings.dashboard_port is not None:
            from dashboard.server import DashboardServer

            dashboard = DashboardServer(
                settings.dashboard_host, settings.dashboard_port, settings.dashboard_url
            )
        if dashboard is not None:
            dashboard.mount(core.services, core.db, prefix)
        self.dashboard = dashboard

    async def start(self) -> None:
        await grant_admins(self.core, self.settings)
        if self.dashboard is not None:  # first: a port in use stops the start before the rest
            await self.dashboard.start()
            url = self.dashboard.url_of(self.prefix)
            self.core.services = replace(self.core.services, dashboard_url=url)
            print(t("dashboard.cli.running", url=url), file=sys.stderr)
        if self.web is not None:  # listening before a channel registers its webhook
            await self.web.start()
        for channel in self.channels.values():
            await channel.start()
        await self.sender.start()
        await self.scheduler.start()
        await self.reporter.start()
        collector.started()

    async def daily(self) -> None:
        """The retention purge, and forgetting the keys of updates handled over a day ago: by
        one worker a day of those sharing the database."""
        if not await self.core.leases.hold("daily", DAILY_LEASE):
            return
        now = now_utc()
        await self.retention.purge(now)
        await self.inbound.forget(now - timedelta(days=1))

    async def stop(self) -> None:
        """Webhooks and the dashboard stop first; the sender stops before the channels, whose
        HTTP clients its last sends still use."""
        if self.web is not None:
            await self.web.stop()
        if self.dashboard is not None:
            await self.dashboard.stop()
        self.scheduler.stop()
        await self.reporter.stop()
        await self.sender.stop()
        for channel in self.channels.values():
            await channel.stop()


def import_limits(settings: Settings) -> ImportLimits:
    """What a delegate file may hold, from the IMPORT_* settings."""
    return ImportLimits(
        max_bytes=settings.import_max_bytes,
        max_rows=settings.import_max_rows,
        max_columns=settings.import_max_columns,
        max_cell_chars=settings.import_max_cell_chars,
        max_seconds=settings.import_max_seconds,
    )


def attempt_limits(settings: Settings) -> AttemptLimits:
    return AttemptLimits(
        per_account=settings.code_attempts_per_account,
        account_window=timedelta(minutes=settings.code_attempts_account_minutes),
        overall=settings.code_attempts_overall,
        overall_window=timedelta(minutes=settings.code_attempts_overall_minutes),
    )


async def grant_admins(core: Core, settings: Settings) -> None:
    """ADMIN_IDS: Telegram user ids, or `zalo:<id>` for Zalo users; their role lives in the
    database like every role."""
    for entry in settings.admin_ids:
        channel, _, user_id = entry.rpartition(":")
        await core.services.roles.grant(
            channel or "telegram", user_id, "admin", "ADMIN_IDS", now_utc()
        )
