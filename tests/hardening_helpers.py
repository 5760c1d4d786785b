"""Helpers of the hardening tests (hostile updates, authorisation matrix, faults): people
seeded through the real repositories, a barrier that waits until the running bot has handled
every update sent so far, and table snapshots to see which rows a run changed."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.clock import now_utc
from storage.db import Database, utc_text
from storage.people import AccountRepository, DelegateRepository
from storage.roles import RoleRepository
from tests.conftest import Bot

LOC_TAN = 25279  # Xã Lộc Tấn
LOC_TAN_NAME = "Xã Lộc Tấn"
CHANNEL = "telegram"


async def settle(bot: Bot, timeout: float = 60.0) -> None:  # noqa: ASYNC109
    """Wait until the bot has taken in every update enqueued so far (confirmed by offset) and
    handled each of them, replies sent."""
    await bot.server.wait_confirmed(timeout)
    channel: Any = bot.runtime.channels[CHANNEL]
    await channel.settled()


async def quiet(database: str | Path, timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Poll every 50 ms, through a connection of its own (the committed state), until the
    background jobs have nothing to do: no message due or being sent, no broadcast without
    its progress message."""
    deadline = time.monotonic() + timeout
    db = await Database.open(database)
    try:
        while True:
            busy = await db.scalar(
                "SELECT (SELECT count(*) FROM outbox WHERE status = 'sending' OR "
                "(status = 'pending' AND not_before <= ?)) + (SELECT count(*) FROM broadcasts "
                "WHERE status = 'sending' AND progress_id IS NULL)",
                (utc_text(now_utc()),),
            )
            if not busy:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"background jobs still busy after {timeout} s: {busy}")
            await asyncio.sleep(0.05)
    finally:
        await db.close()


@dataclass(frozen=True)
class Person:
    user_id: int
    account_id: int
    delegate_id: int | None


async def add_person(
    db: Database,
    user_id: int,
    now: datetime,
    *,
    name: str = "",
    commune: tuple[int, str] | None = (LOC_TAN, LOC_TAN_NAME),
    category: str = "lanh-dao-ubnd",
    phone: str = "",
    role: str = "",
    scope: str = "",
) -> Person:
    """An account (as after a first message), optionally a registered delegate (`name`) and a
    role (granted as an invite would)."""
    account = await AccountRepository(db).touch(CHANNEL, str(user_id), str(user_id), "", now)
    delegate_id = None
    if name:
        values = {
            "commune_code": commune[0] if commune else None,
            "commune_name": commune[1] if commune else None,
            "full_name": name,
            "position": "Phó Chủ tịch",
            "category_code": category,
            "phone": phone,
        }
        delegate_id = (await DelegateRepository(db).register(account.id, values, now)).id
    if role:
        await RoleRepository(db).grant(CHANNEL, str(user_id), role, "test", now, scope)
    return Person(user_id, account.id, delegate_id)


Row = dict[str, Any]
Snapshot = dict[str, dict[tuple[Any, ...], Row]]


@dataclass(frozen=True)
class Change:
    table: str
    key: tuple[Any, ...]
    before: Row | None
    after: Row | None

    @property
    def row(self) -> Row:
        """The row as it is now, or as it was before it was deleted."""
        row = self.after if self.after is not None else self.before
        assert row is not None
        return row


def snapshot(path: Path) -> Snapshot:
    """Every row of every table, by primary key (rowid where there is none), read through a
    connection of its own (the committed state)."""
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        result: Snapshot = {}
        for table in tables:
            keys = [
                info["name"]
                for info in sorted(
                    connection.execute(f"PRAGMA table_info({table})"), key=lambda i: i["pk"]
                )
                if info["pk"]
            ]
            columns = ", ".join(["rowid AS _rowid", "*"] if not keys else ["*"])
            rows = [dict(row) for row in connection.execute(f"SELECT {columns} FROM {table}")]
            result[table] = {tuple(row[k] for k in keys or ["_rowid"]): row for row in rows}
        return result
    finally:
        connection.close()


def changes(before: Snapshot, after: Snapshot) -> list[Change]:
    """Rows added, deleted or changed, table by table."""
    found = []
    for table in sorted(set(before) | set(after)):
        old, new = before.get(table, {}), after.get(table, {})
        for key in sorted(set(old) | set(new), key=repr):
            if old.get(key) != new.get(key):
                found.append(Change(table, key, old.get(key), new.get(key)))
    return found
