"""Leases: work that one worker at a time does, on one database shared by several workers.

`acquire` takes a free or expired lease, or renews one the caller holds, in one statement
(`ON CONFLICT ... DO UPDATE ... WHERE`, the same on SQLite and PostgreSQL): of workers asking
at once, exactly one gets it."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.db import Database, utc_text


class LeaseRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def acquire(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
        """True when `holder` holds `name` until `now + ttl` (taken or renewed)."""
        row = await self.db.write(
            "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
            "expires_at = excluded.expires_at "
            "WHERE leases.holder = excluded.holder OR leases.expires_at <= ? "
            "RETURNING holder",
            (name, holder, utc_text(now + ttl), utc_text(now)),
        )
        return row is not None

    async def release(self, name: str, holder: str) -> None:
        """Let another worker take `name` at once (a worker that stops cleanly)."""
        await self.db.write("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder))

    async def holder(self, name: str, now: datetime) -> str | None:
        value = await self.db.scalar(
            "SELECT holder FROM leases WHERE name = ? AND expires_at > ?", (name, utc_text(now))
        )
        return str(value) if value is not None else None
