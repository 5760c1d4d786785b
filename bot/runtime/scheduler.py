"""APScheduler only wakes the process: at the next due time of any planner (delegates'
reminders, speakers' agenda reminders, deadlines), and every minute in case another process
(`hoinghi plan load`) changed the plan. What is due comes from SQLite. It also runs the daily
job (the retention purge): at start, then every night."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import now_utc
from bot.runtime.outbox import OutboxSender
from storage.db import StorageUnavailable

log = logging.getLogger(__name__)
NEXT_JOB, SWEEP_JOB, DAILY_JOB = "next-reminder", "sweep", "daily"
DAILY_AT_UTC = (20, 5)  # 03:05 in Vietnam, when nobody is registering
DailyJob = Callable[[], Awaitable[object]]


class DuePlanner(Protocol):
    """Turns "now" into outbox rows, and knows when it will next have something to do."""

    async def enqueue_due(self, now: datetime) -> int: ...

    async def next_due(self, now: datetime) -> datetime | None: ...


class ReminderScheduler:
    def __init__(
        self,
        planners: Sequence[DuePlanner],
        sender: OutboxSender,
        sweep_seconds: int = 60,
        daily: DailyJob | None = None,
    ) -> None:
        self.planners, self.sender, self.daily = tuple(planners), sender, daily
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.sweep_seconds = sweep_seconds

    async def start(self) -> None:
        self.scheduler.start()
        self.scheduler.add_job(
            self.wake,
            "interval",
            seconds=self.sweep_seconds,
            id=SWEEP_JOB,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )
        await self.wake()
        if self.daily is not None:
            hour, minute = DAILY_AT_UTC
            self.scheduler.add_job(
                self.run_daily,
                "cron",
                hour=hour,
                minute=minute,
                id=DAILY_JOB,
                replace_existing=True,
                coalesce=True,
                misfire_grace_time=None,
            )
            await self.run_daily()  # a bot that was down at night catches up at start

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    @property
    def alive(self) -> bool:
        return bool(self.scheduler.running) and self.scheduler.get_job(SWEEP_JOB) is not None

    async def run_daily(self) -> None:
        """The daily job; a failure is logged, and tried again the next night."""
        if self.daily is None:
            return
        try:
            await self.daily()
        except Exception:
            log.exception("the daily job failed")

    async def wake(self) -> int:
        """Queue what is due now, hand it to the sender, and set the alarm for the next one.
        With the database not writable, nothing is queued: the next sweep tries again."""
        now = now_utc()
        try:
            queued = sum([await planner.enqueue_due(now) for planner in self.planners])
        except StorageUnavailable:
            return 0
        if queued:
            log.info("queued %d reminder messages", queued)
            self.sender.wake()
        moments = [await planner.next_due(now) for planner in self.planners]
        upcoming = min((m for m in moments if m is not None), default=None)
        if upcoming is None and self.scheduler.get_job(NEXT_JOB) is not None:
            self.scheduler.remove_job(NEXT_JOB)
        elif upcoming is not None:
            self.scheduler.add_job(
                self.wake,
                "date",
                run_date=upcoming,
                id=NEXT_JOB,
                replace_existing=True,
                misfire_grace_time=None,
            )
        return queued

    def next_wake(self) -> datetime | None:
        job = self.scheduler.get_job(NEXT_JOB)
        return job.next_run_time if job is not None else None
