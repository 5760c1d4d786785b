"""What the organisers' web dashboard stores and reads beyond the other repositories: its
one-time login links and browser sessions, a delegate's accounts and answer history, the
broadcasts with their delivery counts, and the walk-ins added at the door."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.attendance import AttendanceAnswer, write_answer, write_check_in
from storage.db import Database, parse_utc, utc_text
from storage.reports import vietnamese_key

KEEP_USED = timedelta(days=1)  # used or expired links are kept a day (to say "already used")
BROADCAST_KEYS = ("bc:", "bc;")  # every broadcast's outbox rows ('bc:<id>:<delegate>')


@dataclass(frozen=True)
class BrowserSession:
    channel: str
    external_id: str
    csrf: str
    expires_at: datetime


@dataclass(frozen=True)
class LinkState:
    channel: str
    external_id: str
    used: bool
    expired: bool


class DashboardAccess:
    """Login links (single use, enforced by one conditional UPDATE) and browser sessions, both
    keyed by the SHA-256 of their secret."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def create_link(
        self, token_hash: str, channel: str, external_id: str, now: datetime, expires: datetime
    ) -> None:
        async with self.db.transaction() as tx:
            await tx.execute(
                "DELETE FROM dashboard_links WHERE expires_at < ?", (utc_text(now - KEEP_USED),)
            )
            await tx.execute(
                "INSERT INTO dashboard_links (token_hash, channel, external_id, created_at, "
                "expires_at) VALUES (?, ?, ?, ?, ?)",
                (token_hash, channel, external_id, utc_text(now), utc_text(expires)),
            )

    async def link(self, token_hash: str, now: datetime) -> LinkState | None:
        row = await self.db.fetch_one(
            "SELECT channel, external_id, used_at IS NOT NULL, expires_at <= ? "
            "FROM dashboard_links WHERE token_hash = ?",
            (utc_text(now), token_hash),
        )
        return LinkState(str(row[0]), str(row[1]), bool(row[2]), bool(row[3])) if row else None

    async def use_link(self, token_hash: str, now: datetime) -> tuple[str, str] | None:
        """(channel, user id) of an unused, unexpired link, marked used; None otherwise."""
        stamp = utc_text(now)
        row = await self.db.write(
            "UPDATE dashboard_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
            "AND expires_at > ? RETURNING channel, external_id",
            (stamp, token_hash, stamp),
        )
        return (str(row[0]), str(row[1])) if row else None

    async def open_session(
        self,
        id_hash: str,
        who: tuple[str, str],
        csrf: str,
        now: datetime,
        expires: datetime,
    ) -> None:
        async with self.db.transaction() as tx:
            await tx.execute(
                "DELETE FROM dashboard_sessions WHERE expires_at <= ?", (utc_text(now),)
            )
            await tx.execute(
                "INSERT INTO dashboard_sessions (id_hash, channel, external_id, csrf, "
                "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                (id_hash, *who, csrf, utc_text(now), utc_text(expires)),
            )

    async def session(self, id_hash: str, now: datetime) -> BrowserSession | None:
        row = await self.db.fetch_one(
            "SELECT channel, external_id, csrf, expires_at FROM dashboard_sessions "
            "WHERE id_hash = ? AND expires_at > ?",
            (id_hash, utc_text(now)),
        )
        if row is None:
            return None
        return BrowserSession(str(row[0]), str(row[1]), str(row[2]), parse_utc(str(row[3])))

    async def close_session(self, id_hash: str) -> None:
        await self.db.write("DELETE FROM dashboard_sessions WHERE id_hash = ?", (id_hash,))


@dataclass(frozen=True)
class AccountLine:
    channel: str
    display_name: str
    reachable: bool
    preferred: bool
    last_seen_at: datetime


@dataclass(frozen=True)
class AnswerChange:
    session_id: str
    answer: str
    previous_answer: str | None
    reason: str
    substitute_name: str
    channel: str
    at: datetime


@dataclass(frozen=True)
class BroadcastLine:
    id: int
    channel: str
    creator: str
    text: str
    audience: dict[str, Any]
    total: int
    unreachable: int
    status: str
    created_at: datetime
    finished_at: datetime | None


class DashboardQueries:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def communes(self) -> list[tuple[int, str]]:
        """(code, name) of every commune some delegate belongs to, in Vietnamese order."""
        rows = await self.db.fetch_all(
            "SELECT DISTINCT commune_code, commune_name FROM delegates "
            "WHERE commune_code IS NOT NULL"
        )
        found = {int(r[0]): str(r[1] or r[0]) for r in rows}
        return sorted(found.items(), key=lambda item: vietnamese_key(item[1]))

    async def accounts(self, delegate_id: int) -> list[AccountLine]:
        rows = await self.db.fetch_all(
            "SELECT channel, display_name, unreachable_at IS NULL, preferred, last_seen_at "
            "FROM accounts WHERE delegate_id = ? ORDER BY id",
            (delegate_id,),
        )
        return [
            AccountLine(str(r[0]), str(r[1]), bool(r[2]), bool(r[3]), parse_utc(str(r[4])))
            for r in rows
        ]

    async def answer_history(self, delegate_id: int) -> list[AnswerChange]:
        """Every answer the delegate gave, newest first."""
        rows = await self.db.fetch_all(
            "SELECT session_id, answer, previous_answer, reason, substitute_name, channel, at "
            "FROM attendance_history WHERE delegate_id = ? ORDER BY id DESC",
            (delegate_id,),
        )
        return [
            AnswerChange(
                str(r[0]), str(r[1]), r[2], str(r[3]), str(r[4]), str(r[5]), parse_utc(str(r[6]))
            )
            for r in rows
        ]

    async def add_walk_in(
        self, session_id: str, values: dict[str, Any], by_account: int | None, now: datetime
    ) -> int:
        """A person who came without being on the list, all or nothing: the delegate, their
        place in the session's audience, the answer "in person" (in the history too, by
        'dashboard') and the check-in ('list'). Returns the new delegate's id."""
        columns = list(values)
        stamp = utc_text(now)
        async with self.db.transaction() as tx:
            row = await tx.execute(
                f"INSERT INTO delegates ({', '.join(columns)}, created_at, updated_at) "
                f"VALUES ({', '.join('?' * len(columns))}, ?, ?) RETURNING id",
                (*values.values(), stamp, stamp),
            )
            assert row is not None
            delegate_id = int(row[0])
            await tx.execute(
                "INSERT INTO walk_ins (session_id, delegate_id, by_account, at) "
                "VALUES (?, ?, ?, ?)",
                (session_id, delegate_id, by_account, stamp),
            )
            coming = AttendanceAnswer("in_person")
            await write_answer(
                tx, session_id, delegate_id, coming, "dashboard", by_account, stamp
            )
            await write_check_in(tx, session_id, delegate_id, "list", by_account, stamp)
        return delegate_id

    async def checkins(self, delegate_id: int) -> dict[str, datetime]:
        """When the delegate was checked in, by session id."""
        rows = await self.db.fetch_all(
            "SELECT session_id, at FROM checkins WHERE delegate_id = ?", (delegate_id,)
        )
        return {str(r[0]): parse_utc(str(r[1])) for r in rows}

    async def broadcasts(self, creator: tuple[str, str] | None = None) -> list[BroadcastLine]:
        """Broadcasts, newest first; only those of `creator` (channel, user id) when given."""
        where, params = ("channel = ? AND creator = ?", list(creator)) if creator else ("1 = 1", [])
        rows = await self.db.fetch_all(
            "SELECT id, channel, creator, text, audience, total, unreachable, status, "
            f"created_at, finished_at FROM broadcasts WHERE {where} ORDER BY id DESC",
            params,
        )
        return [
            BroadcastLine(
                int(r[0]),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                json.loads(r[4]),
                int(r[5]),
                len(json.loads(r[6])),
                str(r[7]),
                parse_utc(str(r[8])),
                parse_utc(str(r[9])) if r[9] else None,
            )
            for r in rows
        ]

    async def delivery_counts(self) -> dict[int, dict[str, int]]:
        """Outbox rows of every broadcast by status, in one grouped query."""
        colon = self.db.position("substr(dedup_key, 4)", "':'")
        rows = await self.db.fetch_all(
            f"SELECT CAST(substr(dedup_key, 4, {colon} - 1) AS INTEGER), "
            "status, count(*) FROM outbox WHERE dedup_key >= ? AND dedup_key < ? GROUP BY 1, 2",
            BROADCAST_KEYS,
        )
        counts: dict[int, dict[str, int]] = {}
        for broadcast_id, status, count in rows:
            counts.setdefault(int(broadcast_id), {})[str(status)] = int(count)
        return counts
