"""The outbox: messages that matter are rows first; the sender claims, sends and marks them.

A claimed row is 'sending' under a lease of its worker: when the worker dies, the row goes
back to 'pending' once the lease expires (or at once, when the same worker starts again), so
at most the messages in flight at the crash can arrive twice; nothing queued is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.db import Database, parse_utc, utc_text

NEW_ROWS = "outbox"  # what an enqueue notifies (PostgreSQL): the sender looks at once

@dataclass(frozen=True)
class OutboxItem:
    """A message to enqueue: `dedup_key` makes it exist once, whatever restarts."""

    dedup_key: str
    kind: str
    account_id: int
    channel: str
    chat_id: str
    payload: str
    status: str = "pending"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    kind: str
    account_id: int
    channel: str
    chat_id: str
    payload: str
    attempts: int


# direct replies and date changes before reminders (and the rest) before broadcasts
FIRST_KINDS, LAST_KINDS = frozenset({"reply", "schedule_change"}), frozenset({"broadcast"})
ROWS_PER_INSERT = 500  # 10 parameters a row: well within both databases' limits


def priority_of(kind: str) -> int:
    return 0 if kind in FIRST_KINDS else 2 if kind in LAST_KINDS else 1


class OutboxRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def enqueue(self, items: Iterable[OutboxItem], now: datetime) -> int:
        pending, _ = await self.enqueue_counting(items, now)
        return pending

    async def enqueue_counting(self, items: Iterable[OutboxItem], now: datetime) -> tuple[int, int]:
        """Insert what is not there yet; returns how many new messages wait to be sent, and how
        many rows are new in all (rows stored as skipped count only there)."""
        stamp = utc_text(now)
        rows = [
            (
                i.dedup_key,
                i.kind,
                i.account_id,
                i.channel,
                i.chat_id,
                i.payload,
                i.status,
                priority_of(i.kind),
                stamp,
                stamp,
            )
            for i in items
        ]
        if not rows:
            return 0, 0
        statuses: list[object] = []
        async with self.db.transaction() as tx:
            # what each statement inserted, told by itself: counts before and after would
            # include other workers' rows
            for start in range(0, len(rows), ROWS_PER_INSERT):
                chunk = rows[start : start + ROWS_PER_INSERT]
                inserted = await tx.fetch_all(
                    "INSERT INTO outbox (dedup_key, kind, account_id, channel, chat_id, "
                    "payload, status, priority, not_before, created_at) VALUES "
                    + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(chunk))
                    + " ON CONFLICT DO NOTHING RETURNING status",
                    [value for row in chunk for value in row],
                )
                statuses += [row[0] for row in inserted]
            if "pending" in statuses:
                await tx.notify(NEW_ROWS)
        return statuses.count("pending"), len(statuses)

    async def listen(self, wake: Callable[[], None]) -> None:
        """`wake` is called when messages are queued, by any worker (on PostgreSQL)."""
        await self.db.listen(NEW_ROWS, wake)

    async def take_back_own(self, owner: str) -> int:
        """At a worker's start: what it was sending when it last stopped goes back in the
        queue; other workers' rows wait for their leases to expire."""
        async with self.db.transaction() as tx:
            rows = await tx.fetch_all(
                "UPDATE outbox SET status = 'pending', lease_owner = NULL "
                "WHERE status = 'sending' AND lease_owner = ? RETURNING id",
                (owner,),
            )
        return len(rows)

    async def claim(
        self,
        now: datetime,
        limit: int,
        channels: Collection[str] | None = None,
        owner: str = "",
        lease: timedelta = timedelta(minutes=1),
    ) -> list[OutboxRow]:
        """Mark up to `limit` due rows (of `channels`, when given) as being sent by `owner`
        until `now + lease`, first by priority then oldest first, and return them. Rows of
        another worker whose lease expired (it died) are due again first; `owner`'s own stay
        in flight whatever the clock says (it steps, and tests travel in time)."""
        only = tuple(channels) if channels is not None else ()
        of_channel = f" AND channel IN ({', '.join('?' * len(only))})" if only else ""
        if channels is not None and not only:
            return []
        stamp = utc_text(now)
        async with self.db.transaction() as tx:
            await tx.execute(  # not `owner`'s own: it runs, they are in flight
                "UPDATE outbox SET status = 'pending', lease_owner = NULL "
                f"WHERE status = 'sending' AND lease_until <= ? AND lease_owner <> ?{of_channel}",
                (stamp, owner, *only),
            )
            rows = await tx.fetch_all(
                "UPDATE outbox SET status = 'sending', lease_owner = ?, lease_until = ? "
                "WHERE id IN (SELECT id FROM outbox "
                f"WHERE status = 'pending' AND not_before <= ?{of_channel} "
                f"ORDER BY priority, not_before, id LIMIT ?{self.db.skip_locked}) "
                "RETURNING id, kind, account_id, channel, chat_id, payload, attempts",
                (owner, utc_text(now + lease), stamp, *only, limit),
            )
        return sorted((OutboxRow(*row) for row in rows), key=lambda row: row.id)

    async def mark_sent(self, row_id: int, now: datetime) -> None:
        await self.db.write(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?",
            (utc_text(now), row_id),
        )

    async def retry_later(
        self, row_id: int, not_before: datetime, error: str, count_attempt: bool
    ) -> None:
        await self.db.write(
            "UPDATE outbox SET status = 'pending', not_before = ?, last_error = ?, "
            "attempts = attempts + ? WHERE id = ?",
            (utc_text(not_before), error[:500], int(count_attempt), row_id),
        )

    async def give_up(self, row_id: int, status: str, error: str, now: datetime) -> None:
        """'blocked' (the person blocked the bot) or 'failed' (retries exhausted, or refused)."""
        async with self.db.transaction() as tx:
            await tx.execute(
                "UPDATE outbox SET status = ?, last_error = ?, attempts = attempts + 1 "
                "WHERE id = ?",
                (status, error[:500], row_id),
            )
            if status == "blocked":
                await tx.execute(
                    "UPDATE accounts SET unreachable_at = ? WHERE id = "
                    "(SELECT account_id FROM outbox WHERE id = ?) AND unreachable_at IS NULL",
                    (utc_text(now), row_id),
                )

    async def next_due(self) -> datetime | None:
        """When the earliest pending row may go, to sleep until then."""
        value = await self.db.scalar("SELECT min(not_before) FROM outbox WHERE status = 'pending'")
        return parse_utc(str(value)) if value else None

    async def counts(self) -> dict[str, int]:
        # the sent messages, nearly all rows, are not counted: the index on status skips them
        rows = await self.db.fetch_all(
            "SELECT status, count(*) FROM outbox "
            "WHERE status IN ('pending', 'sending', 'failed') GROUP BY status"
        )
        return {row[0]: int(row[1]) for row in rows}
