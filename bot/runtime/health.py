"""/healthz: whether the database answers, the scheduler runs and the outbox sender is alive,
and how many messages wait in the outbox. 200 when all is well, 503 otherwise, for a monitor
or the reverse proxy to act on; no personal data in it."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from bot.runtime.outbox import OutboxSender
from bot.runtime.scheduler import ReminderScheduler
from bot.runtime.web import answer
from storage.db import Database
from storage.outbox import OutboxRepository

if TYPE_CHECKING:
    from aiohttp import web

DATABASE_TIMEOUT = 3.0  # seconds: a database slower than this to answer `SELECT 1` is not well


class HealthCheck:
    def __init__(self, db: Database, scheduler: ReminderScheduler, sender: OutboxSender) -> None:
        self.db, self.scheduler, self.sender = db, scheduler, sender
        self.outbox = OutboxRepository(db)

    async def report(self) -> dict[str, object]:
        database = await self._database_answers()
        counts = await self.outbox.counts() if database else {}
        parts = {
            "database": database,
            "scheduler": self.scheduler.alive,
            "outbox_sender": self.sender.alive,
        }
        return {
            "ok": all(parts.values()),
            **parts,
            "outbox": {
                "waiting": counts.get("pending", 0),
                "sending": counts.get("sending", 0),
                "failed": counts.get("failed", 0),
            },
        }

    async def respond(self, _: web.Request) -> web.Response:
        report = await self.report()
        return answer(report, 200 if report["ok"] else 503)

    async def _database_answers(self) -> bool:
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT):
                return await self.db.scalar("SELECT 1") == 1
        except Exception:  # closed, locked, broken: not alive, whatever the reason
            return False
