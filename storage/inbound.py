"""Updates stored before the platform is told they arrived, and handled from there (see
migration 0035): one batched insert per getUpdates page or webhook post (one statement, one
round trip: the poller waits for it before it asks for the next page), one batched update for
the handled ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from storage.db import Database, utc_text


class InboundRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def store(
        self,
        channel: str,
        updates: Sequence[tuple[int, str]],
        owner: str,
        now: datetime,
        lease: timedelta,
    ) -> set[int]:
        """Keep `updates` ((update id, payload)) for `owner` until `now + lease`; returns the
        ids that were new: the others were stored before, by this worker or another."""
        if not updates:
            return set()
        until, stamp = utc_text(now + lease), utc_text(now)
        values = ", ".join(["(?, ?, ?, ?, ?, ?)"] * len(updates))
        params = [
            value
            for update_id, payload in updates
            for value in (channel, update_id, payload, owner, until, stamp)
        ]
        rows = await self.db.write_all(  # one statement: stored together or not at all
            "INSERT INTO inbound_updates (channel, update_id, payload, lease_owner, "
            f"lease_until, received_at) VALUES {values} "
            "ON CONFLICT (channel, update_id) DO NOTHING RETURNING update_id",
            params,
        )
        return {int(row[0]) for row in rows}

    async def handled(self, channel: str, update_ids: Sequence[int], now: datetime) -> None:
        """Mark updates handled and erase what they said."""
        if not update_ids:
            return
        marks = ", ".join("?" * len(update_ids))
        await self.db.write(
            "UPDATE inbound_updates SET handled_at = ?, payload = NULL "
            f"WHERE channel = ? AND update_id IN ({marks})",
            (utc_text(now), channel, *update_ids),
        )

    async def renew(self, channel: str, owner: str, now: datetime, lease: timedelta) -> None:
        """`owner`'s updates not handled yet (waiting their turn in its memory, a backlog)
        stay its own until `now + lease`: no other worker handles them a second time."""
        await self.db.write(
            "UPDATE inbound_updates SET lease_until = ? "
            "WHERE channel = ? AND handled_at IS NULL AND lease_owner = ?",
            (utc_text(now + lease), channel, owner),
        )

    async def take_over(
        self,
        channel: str,
        owner: str,
        now: datetime,
        lease: timedelta,
        own_too: bool = False,
        limit: int = 100,
    ) -> list[tuple[int, str]]:
        """Updates not handled whose lease expired (their worker died), and with `own_too`
        (at a start) those `owner` held before: now `owner`'s until `now + lease`; (update
        id, payload), oldest first."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch_all(
                "UPDATE inbound_updates SET lease_owner = ?, lease_until = ? "
                "WHERE channel = ? AND update_id IN (SELECT update_id FROM inbound_updates "
                "WHERE channel = ? AND handled_at IS NULL AND (lease_until <= ? OR "
                f"lease_owner = ?) ORDER BY update_id LIMIT ?{self.db.skip_locked}) "
                "RETURNING update_id, payload",
                (
                    owner,
                    utc_text(now + lease),
                    channel,
                    channel,
                    utc_text(now),
                    owner if own_too else "",
                    limit,
                ),
            )
        return sorted((int(row[0]), str(row[1])) for row in rows)

    async def forget(self, before: datetime) -> int:
        """Delete the keys of updates handled before `before` (the daily job)."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch_all(
                "DELETE FROM inbound_updates WHERE handled_at <= ? RETURNING update_id",
                (utc_text(before),),
            )
        return len(rows)
