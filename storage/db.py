"""Open the SQLite database (WAL, foreign keys) and apply the numbered migrations in order.

When the database cannot be written (the file made read-only, the disk full, an I/O error, a
lock held too long by another process), every statement and transaction raises
`StorageUnavailable` with nothing of it stored, one log line tells it ("database not writable:
…"), and the first write that succeeds again tells that too: nothing needs a restart. A disk
nearly full lets some writes through and not others: the lines come at most once per
`REPEAT` seconds, so that they do not flap."""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)
MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
Params = Sequence[object]
# SQLite's primary result codes of a database that cannot take writes now, though nothing is
# wrong with what was asked (extended codes, e.g. SQLITE_IOERR_WRITE, start with these).
NOT_WRITABLE = (
    "SQLITE_READONLY",
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
)


REPEAT = 300.0


class StorageUnavailable(Exception):
    """The database cannot be written now; nothing of the failed statement was stored."""


def _not_writable(error: BaseException) -> bool:
    name = getattr(error, "sqlite_errorname", None)
    return isinstance(name, str) and name.startswith(NOT_WRITABLE)


class Database:
    """One connection shared by the process. Writes are serialised by a lock, so that one
    coroutine's statements never land inside another coroutine's open transaction."""

    # what a claim's SELECT adds so that workers claiming at once skip each other's rows:
    # nothing here (SQLite's BEGIN IMMEDIATE already serialises the writers)
    skip_locked = ""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection
        self._write_lock = asyncio.Lock()
        self._failing_since: float | None = None  # monotonic time of the first failed write
        self._told: tuple[float, bool] | None = None  # the last line: when, and "not writable"

    def _failed(self, error: BaseException) -> StorageUnavailable:
        reason = f"{error} ({getattr(error, 'sqlite_errorname', '?')})"
        now = time.monotonic()
        self._failing_since = self._failing_since or now
        if self._told is None or now - self._told[0] >= REPEAT:
            log.error(
                "database not writable: %s; requests get an apology and queued messages wait "
                "until it is fixed",
                reason,
            )
            self._told = (now, True)
        return StorageUnavailable(reason)

    def _succeeded(self) -> None:
        if self._failing_since is None:
            return
        if self._told is not None and self._told[1]:
            log.warning(
                "database writable again after %.0f s", time.monotonic() - self._failing_since
            )
            self._told = (self._told[0], False)
        self._failing_since = None

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        return cls(await connect(path))

    async def close(self) -> None:
        await self.connection.close()

    async def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and empty it, so that what was
        deleted no longer lies in the log either (best effort: readers may hold it back)."""
        async with self._write_lock:
            await self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # execute_fetchall is one trip to aiosqlite's thread; execute + fetch + close are three.
    async def fetch_one(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        return next(iter(await self.fetch_all(sql, params)), None)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        try:
            return list(await self.connection.execute_fetchall(sql, params))
        except sqlite3.Error as error:
            if _not_writable(error):
                raise self._failed(error) from error
            raise

    async def scalar(self, sql: str, params: Params = ()) -> object:
        row = await self.fetch_one(sql, params)
        return row[0] if row else None

    async def write(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        """One statement in its own transaction; returns the first row of a RETURNING clause."""
        async with self._write_lock:
            rows = await self.fetch_all(sql, params)
        self._succeeded()
        return next(iter(rows), None)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """All or nothing. A cancellation never leaves the shared connection inside an open
        transaction: the rollback or the commit runs shielded from it. A commit that fails
        (the disk full) is rolled back too: the connection would otherwise stay inside the
        transaction, and every later BEGIN fail."""
        async with self._write_lock:
            # A cancelled await does not stop a statement already handed to aiosqlite's
            # thread: BEGIN may still run after the cancellation, so wait for it, then roll back.
            begin = asyncio.ensure_future(self.connection.execute("BEGIN IMMEDIATE"))
            try:
                await asyncio.shield(begin)
                yield Transaction(self.connection)
                await asyncio.shield(self.connection.commit())
            except BaseException as error:
                await asyncio.wait([begin])
                await self._roll_back()
                if _not_writable(error):
                    raise self._failed(error) from error
                raise
        self._succeeded()

    async def _roll_back(self) -> None:
        if not self.connection.in_transaction:
            return
        try:
            await asyncio.shield(self.connection.rollback())
        except sqlite3.Error as error:  # SQLite may have rolled back already (SQLITE_FULL)
            log.warning("rollback failed: %s", error)


class Transaction:
    """Statements inside `Database.transaction()`."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection

    async def execute(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        async with self.connection.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        await self.connection.executemany(sql, rows)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        async with self.connection.execute(sql, params) as cursor:
            return list(await cursor.fetchall())


def utc_text(moment: datetime) -> str:
    """How instants are stored: ISO 8601 in UTC, sortable as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


async def connect(path: Path | str) -> aiosqlite.Connection:
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = await aiosqlite.connect(str(path), isolation_level=None)
    connection.row_factory = aiosqlite.Row
    await connection.execute("PRAGMA journal_mode = WAL")
    await connection.execute("PRAGMA synchronous = NORMAL")
    await connection.execute("PRAGMA foreign_keys = ON")
    await connection.execute("PRAGMA busy_timeout = 5000")
    # deleted rows are overwritten, not left in free pages: erased personal data is gone
    await connection.execute("PRAGMA secure_delete = ON")
    await migrate(connection)
    return connection


def _migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest_migration() -> int:
    """The schema version this code brings (a database from a newer version is refused)."""
    return max(version for version, _, _ in _migrations())


async def migrate(connection: aiosqlite.Connection) -> None:
    await connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    async with connection.execute("SELECT version FROM schema_migrations") as cursor:
        applied = {row[0] for row in await cursor.fetchall()}
    for version, name, sql in _migrations():
        if version in applied:
            continue
        log.info("applying migration %s", name)
        try:
            await connection.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\n"
                f"INSERT INTO schema_migrations VALUES ({version}, '{name}', "
                f"'{utc_text(datetime.now(UTC))}');\nCOMMIT;"
            )
        except Exception:
            if connection.in_transaction:
                await connection.rollback()
            raise
