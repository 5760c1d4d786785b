"""Who this worker is, and the work it does alone among the workers sharing one database.

A lease is renewed by its holder each time it asks, at the latest a third of its time before it
runs out (asked more often, it answers from memory); a worker that stops asking, or dies,
leaves it to the next worker that asks once it expired. A database that cannot be written
means "not held": a worker that cannot renew stops doing the work."""

from __future__ import annotations

import contextlib
import hashlib
import json
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.clock import now_utc
from bot.config import Settings
from storage.db import StorageUnavailable
from storage.leases import LeaseRepository

DEFAULT_LEASE = timedelta(seconds=60)
REGISTERED_FOR = timedelta(minutes=10)  # workers started within it register a webhook once


@dataclass(frozen=True)
class Worker:
    """`name` tells the workers apart (WORKER_ID; by default the host name, with the web
    port when there is one); `lease`: how long what a dead worker held waits before another
    takes it over (WORKER_LEASE_SECONDS)."""

    name: str = field(default_factory=socket.gethostname)
    lease: timedelta = DEFAULT_LEASE


def worker_of(settings: Settings, serves_web: bool) -> Worker:
    name = settings.worker_id or socket.gethostname() + (
        f":{settings.webhook_port}" if serves_web else ""
    )
    return Worker(name, timedelta(seconds=settings.worker_lease_seconds))


def registration(channel: str, settings: object) -> str:
    """The lease of registering `channel`'s webhook (and menus) with the platform: workers
    starting together with the same `settings` (anything JSON) register once; changed
    settings register again."""
    digest = hashlib.sha256(json.dumps(settings).encode()).hexdigest()[:16]
    return f"register:{channel}:{digest}"


class Leases:
    def __init__(self, repository: LeaseRepository, worker: Worker) -> None:
        self.repository, self.worker = repository, worker
        self._held: dict[str, datetime] = {}  # name: until when, as last renewed

    async def hold(self, name: str, ttl: timedelta | None = None) -> bool:
        """True while this worker holds `name`: taken, renewed, or still held well enough."""
        ttl = ttl or self.worker.lease
        now = now_utc()
        until = self._held.get(name)
        if until is not None and until - now > ttl * 2 / 3:
            return True
        try:
            held = await self.repository.acquire(name, self.worker.name, now, ttl)
        except StorageUnavailable:
            held = False
        if held:
            self._held[name] = now + ttl
        else:
            self._held.pop(name, None)
        return held

    async def release(self, name: str) -> None:
        if self._held.pop(name, None) is None:
            return
        with contextlib.suppress(StorageUnavailable):  # it expires instead
            await self.repository.release(name, self.worker.name)
