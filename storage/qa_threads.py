"""What the last schedule answer to each person was about, for follow-up questions. It is
read with the person's account when their message arrives (storage/people.py's `arrive`),
and written here."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database, StorageUnavailable, parse_utc, utc_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SavedThread:
    """The thread as stored (JSON) and when it was saved; read only when it is recent."""

    text: str
    updated_at: str

    def since(self, moment: datetime) -> dict[str, Any] | None:
        """The thread when it was saved at or after `moment`, else None."""
        if parse_utc(self.updated_at) < moment:
            return None
        data: dict[str, Any] = json.loads(self.text)
        return data


class ThreadRepository:
    """Threads saved at once are written together: the first save of a batch writes every
    thread saved until the database takes it, in one statement, and each save returns once
    its own thread is written (the questions of a burst share a write instead of queueing one
    each for the connection)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._waiting: dict[int, tuple[str, str]] = {}  # account id: (thread, saved at)
        self._batch: asyncio.Future[None] | None = None  # what the waiting ones will share
        self._writing = asyncio.Lock()  # one batch at a time, in order
        self._writers: set[asyncio.Task[None]] = set()

    async def save(self, account_id: int, thread: dict[str, Any], now: datetime) -> None:
        """Kept when the database can be written; a question is still answered when it cannot
        (the failure is logged by the database), only its follow-up then lacks the thread."""
        self._waiting[account_id] = (json.dumps(thread, ensure_ascii=False), utc_text(now))
        batch = self._batch
        if batch is None:
            batch = self._batch = asyncio.get_running_loop().create_future()
            writer = asyncio.create_task(self._write(batch))
            self._writers.add(writer)
            writer.add_done_callback(self._writers.discard)
        await asyncio.shield(batch)  # a save cancelled leaves the batch to the others

    async def _write(self, batch: asyncio.Future[None]) -> None:
        async with self._writing:
            rows, self._waiting, self._batch = self._waiting, {}, None
            values = ", ".join(["(?, ?, ?)"] * len(rows))
            params = [  # in one order, so that two workers' batches cannot deadlock
                value
                for account, (text, at) in sorted(rows.items())
                for value in (account, text, at)
            ]
            try:
                await self.db.write(
                    f"INSERT INTO qa_threads (account_id, thread, updated_at) VALUES {values} "
                    "ON CONFLICT (account_id) DO UPDATE SET thread = excluded.thread, "
                    "updated_at = excluded.updated_at",
                    params,
                )
            except StorageUnavailable:
                batch.set_result(None)
            except Exception:  # an account erased meanwhile, say: only follow-ups lose
                log.exception("%d question threads not kept", len(rows))
                batch.set_result(None)
            except BaseException:  # cancelled (the process stops): so are the saves
                batch.cancel()
                raise
            else:
                batch.set_result(None)
