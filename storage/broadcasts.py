"""Broadcasts: who an announcement reaches, the outbox rows that carry it, its progress and
its cancellation. The rows of broadcast N are the outbox rows keyed 'bc:N:<delegate id>', read
as a key range so the unique index answers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain import SessionInfo
from storage.attendance import audience_filter, scope_filter
from storage.db import Database, utc_text


@dataclass(frozen=True)
class Audience:
    """Which delegates: every one, a session's invitees (optionally by answer), a commune, or
    a category; always cut to `scopes` (focal points' 'commune:<code>' / 'unit:<code>')."""

    session: SessionInfo | None = None  # its invitees
    commune_code: int | None = None
    unit: str | None = None  # a category code
    answer: str = "all"  # for a session: all, confirmed, declined, none, unreachable
    scopes: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Member:
    delegate_id: int
    full_name: str
    phone: str
    account_id: int | None
    channel: str | None
    chat_id: str | None


@dataclass(frozen=True)
class Broadcast:
    id: int
    channel: str
    creator: str
    chat_id: str
    total: int
    status: str
    progress_id: str | None
    unreachable: tuple[int, ...] = field(default=())


ANSWERS = {
    "confirmed": "t.answer IN ('in_person', 'online', 'substitute')",
    "declined": "t.answer = 'absent'",
    "none": "t.answer IS NULL",
    "unreachable": "a.id IS NULL",
}


def _range(broadcast_id: int) -> tuple[str, str]:
    return f"bc:{broadcast_id}:", f"bc:{broadcast_id};"  # ';' follows ':'


class BroadcastRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def members(self, audience: Audience) -> list[Member]:
        """The delegates of the audience, each with the chat that reaches them (or None)."""
        clauses: list[str] = []
        params: list[object] = [audience.session.id if audience.session else ""]
        if audience.session is not None:
            where, more = audience_filter(audience.session)
            clauses.append(where)
            params += more
        if audience.commune_code is not None:
            clauses.append("d.commune_code = ?")
            params.append(audience.commune_code)
        if audience.unit is not None:
            clauses.append("d.category_code = ?")
            params.append(audience.unit)
        if audience.session is not None and audience.answer in ANSWERS:
            clauses.append(ANSWERS[audience.answer])
        if audience.scopes is not None:
            where, more = scope_filter(audience.scopes)
            clauses.append(where)
            params += more
        where = " AND ".join(clauses) or "1 = 1"
        rows = await self.db.fetch_all(
            "SELECT d.id, d.full_name, d.phone, a.id, a.channel, a.chat_id FROM delegates d "
            "LEFT JOIN accounts a ON a.id = (SELECT b.id FROM accounts b WHERE "
            "b.delegate_id = d.id AND b.unreachable_at IS NULL ORDER BY b.preferred DESC, b.id "
            "LIMIT 1) LEFT JOIN attendance t ON t.delegate_id = d.id AND t.session_id = ? "
            f"WHERE {where} ORDER BY d.id",
            params,
        )
        return [Member(*row) for row in rows]

    async def create(
        self,
        channel: str,
        creator: str,
        chat_id: str,
        text: str,
        audience: dict[str, object],
        members: list[Member],
        payload: str,
        now: datetime,
    ) -> tuple[int, int]:
        """The broadcast row and one outbox row per reachable member, in one transaction;
        returns (broadcast id, messages queued)."""
        stamp = utc_text(now)
        unreachable = [m.delegate_id for m in members if m.account_id is None]
        reachable = [m for m in members if m.account_id is not None]
        async with self.db.transaction() as tx:
            row = await tx.execute(
                "INSERT INTO broadcasts (channel, creator, chat_id, text, audience, total, "
                "unreachable, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    channel,
                    creator,
                    chat_id,
                    text,
                    json.dumps(audience, ensure_ascii=False),
                    len(reachable),
                    json.dumps(unreachable),
                    stamp,
                ),
            )
            assert row is not None
            broadcast_id = int(row[0])
            await tx.execute_many(
                "INSERT INTO outbox (dedup_key, kind, account_id, channel, chat_id, "
                "payload, status, not_before, created_at) "
                "VALUES (?, 'broadcast', ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING",
                [
                    (
                        f"bc:{broadcast_id}:{m.delegate_id}",
                        m.account_id,
                        m.channel,
                        m.chat_id,
                        payload,
                        stamp,
                        stamp,
                    )
                    for m in reachable
                ],
            )
        return broadcast_id, len(reachable)

    async def get(self, broadcast_id: int) -> Broadcast | None:
        row = await self.db.fetch_one(
            "SELECT id, channel, creator, chat_id, total, status, progress_id, unreachable "
            "FROM broadcasts WHERE id = ?",
            (broadcast_id,),
        )
        if row is None:
            return None
        return Broadcast(
            int(row[0]),
            str(row[1]),
            str(row[2]),
            str(row[3]),
            int(row[4]),
            str(row[5]),
            None if row[6] is None else str(row[6]),
            tuple(json.loads(row[7])),
        )

    async def open(self) -> list[Broadcast]:
        """Broadcasts whose report is not out yet (sending, or cancelled and settling)."""
        rows = await self.db.fetch_all(
            "SELECT id FROM broadcasts WHERE finished_at IS NULL ORDER BY id"
        )
        found = [await self.get(int(row[0])) for row in rows]
        return [b for b in found if b is not None]

    async def counts(self, broadcast_id: int) -> dict[str, int]:
        low, high = _range(broadcast_id)
        rows = await self.db.fetch_all(
            "SELECT status, count(*) FROM outbox WHERE dedup_key >= ? AND dedup_key < ? "
            "GROUP BY status",
            (low, high),
        )
        return {str(row[0]): int(row[1]) for row in rows}

    async def set_progress(self, broadcast_id: int, message_id: str) -> None:
        await self.db.write(
            "UPDATE broadcasts SET progress_id = ? WHERE id = ?", (message_id, broadcast_id)
        )

    async def finish(self, broadcast_id: int, now: datetime) -> None:
        await self.db.write(
            "UPDATE broadcasts SET finished_at = ?, status = CASE WHEN status = 'sending' "
            "THEN 'done' ELSE status END WHERE id = ?",
            (utc_text(now), broadcast_id),
        )

    async def cancel(self, broadcast_id: int) -> int | None:
        """Stop a sending broadcast: its pending rows become 'skipped' (rows being sent
        finish). The number skipped, or None if it was not sending."""
        low, high = _range(broadcast_id)
        async with self.db.transaction() as tx:
            row = await tx.execute(
                "UPDATE broadcasts SET status = 'cancelled' WHERE id = ? AND status = 'sending' "
                "RETURNING id",
                (broadcast_id,),
            )
            if row is None:
                return None
            skipped = await tx.fetch_all(
                "UPDATE outbox SET status = 'skipped' WHERE dedup_key >= ? AND dedup_key < ? "
                "AND status = 'pending' RETURNING 1",
                (low, high),
            )
        return len(skipped)

    async def not_reached(self, broadcast: Broadcast) -> list[tuple[str, str, str]]:
        """(why, name, phone) of who did not get it: no chat, blocked, failed."""
        low, high = _range(broadcast.id)
        rows = await self.db.fetch_all(
            "SELECT o.status, d.full_name, d.phone FROM outbox o JOIN delegates d ON d.id = "
            "CAST(substr(o.dedup_key, length(?) + 1) AS INTEGER) WHERE o.dedup_key >= ? AND "
            "o.dedup_key < ? AND o.status IN ('blocked', 'failed') ORDER BY o.status, d.id",
            (low, low, high),
        )
        found = [(str(r[0]), str(r[1]), str(r[2])) for r in rows]
        if broadcast.unreachable:
            ids = list(broadcast.unreachable)
            named = await self.db.fetch_all(
                f"SELECT full_name, phone FROM delegates WHERE id IN "
                f"({', '.join('?' * len(ids))}) ORDER BY id",
                ids,
            )
            found = [("unreachable", str(r[0]), str(r[1])) for r in named] + found
        return found
