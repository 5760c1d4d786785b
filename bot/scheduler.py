"""APScheduler only wakes the process: at the next reminder's due time, and every minute in
case another process (`hoinghi plan load`) changed the plan. What is due comes from SQLite."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import now_utc
from bot.outbox import OutboxSender
from bot.services.reminders import ReminderPlanner
from storage.db import StorageUnavailable

log = logging.getLogger(__name__)
NEXT_JOB, SWEEP_JOB = "next-reminder", "sweep"


class ReminderScheduler:
    def __init__(
        self, planner: ReminderPlanner, sender: OutboxSender, sweep_seconds: int = 60
    ) -> None:
        self.planner, self.sender = planner, sender
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
        """Queue what is due now, hand it to the sender, and set the alarm for the next one.
        With the database not writable, nothing is queued: the next sweep tries again."""
        now = now_utc()
        try:
            queued = await self.planner.enqueue_due(now)
        except StorageUnavailable:
            return 0
        if queued:
            log.info("queued %d reminder messages", queued)
            self.sender.wake()
        upcoming = await self.planner.next_due(now)
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
