"""APScheduler only wakes the process: at the next due time of any planner (delegates'
reminders, speakers' agenda reminders, deadlines), and every minute in case another process
(`hoinghi plan load`) changed the plan. What is due comes from SQLite."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import now_utc
from bot.outbox import OutboxSender

log = logging.getLogger(__name__)
NEXT_JOB, SWEEP_JOB = "next-reminder", "sweep"


class DuePlanner(Protocol):
    """Turns "now" into outbox rows, and knows when it will next have something to do."""

    async def enqueue_due(self, now: datetime) -> int: ...

    async def next_due(self, now: datetime) -> datetime | None: ...


class ReminderScheduler:
    def __init__(
        self, planners: Sequence[DuePlanner], sender: OutboxSender, sweep_seconds: int = 60
    ) -> None:
        self.planners, self.sender = tuple(planners), sender
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

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def wake(self) -> int:
        """Queue what is due now, hand it to the sender, and set the alarm for the next one."""
        now = now_utc()
        queued = sum([await planner.enqueue_due(now) for planner in self.planners])
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
