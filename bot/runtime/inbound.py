"""Inbound updates kept in the database before the platform is told they arrived.

A channel calls `keep` with what it just received (a getUpdates page, one webhook post) before
it acknowledges it (the next getUpdates offset, the webhook's 200), and handles only what
`keep` says is new; it calls `handled` once an update is handled. An update a worker took in
but did not handle (killed, say) is handed to `redeliver` by whichever worker looks first
once its lease expired; a worker starting again takes back its own at once, and a living
worker renews the leases of those still waiting their turn in its memory. Marks of handled
updates are written together, every `FLUSH` seconds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from bot.clock import now_utc
from bot.runtime.leases import Worker
from storage.db import StorageUnavailable
from storage.inbound import InboundRepository

log = logging.getLogger(__name__)
Redeliver = Callable[[list[tuple[int, str]]], Awaitable[None]]
FLUSH = 0.5


class InboundStore:
    def __init__(self, repository: InboundRepository, channel: str, worker: Worker) -> None:
        self.repository, self.channel, self.worker = repository, channel, worker
        self._done: list[int] = []
        self._task: asyncio.Task[None] | None = None

    async def keep(self, updates: Sequence[tuple[int, str]]) -> set[int]:
        """Store `updates` ((id, payload as JSON)); the ids this worker is to handle. Raises
        StorageUnavailable: the caller then handles them from memory, unkept (the handlers
        answer with an apology, or read), as before there was a store."""
        return await self.repository.store(
            self.channel, updates, self.worker.name, now_utc(), self.worker.lease
        )

    def handled(self, update_id: int) -> None:
        self._done.append(update_id)

    async def start(self, redeliver: Redeliver) -> None:
        """Take back what this worker left unhandled at its last stop, then keep watch."""
        await self._take_over(redeliver, own_too=True)
        self._task = asyncio.create_task(self._run(redeliver), name=f"{self.channel}-inbound")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        with contextlib.suppress(StorageUnavailable):
            await self.flush()

    async def flush(self) -> None:
        done, self._done = self._done, []
        try:
            await self.repository.handled(self.channel, done, now_utc())
        except BaseException:
            self._done[:0] = done  # written at the next flush
            raise

    async def _run(self, redeliver: Redeliver) -> None:
        look_every = max(1, int(self.worker.lease.total_seconds() / 3 / FLUSH))
        turn = 0
        while True:
            await asyncio.sleep(FLUSH)
            turn += 1
            try:
                await self.flush()
                if turn % look_every == 0:
                    await self.repository.renew(
                        self.channel, self.worker.name, now_utc(), self.worker.lease
                    )
                    await self._take_over(redeliver, own_too=False)
            except StorageUnavailable:
                pass  # told once by the database; the next turn tries again
            except Exception:
                log.exception("%s: keeping inbound updates failed", self.channel)

    async def _take_over(self, redeliver: Redeliver, own_too: bool) -> None:
        taken = await self.repository.take_over(
            self.channel, self.worker.name, now_utc(), self.worker.lease, own_too
        )
        if taken:
            log.warning("%s: handling %d updates left unhandled", self.channel, len(taken))
            await redeliver(taken)
