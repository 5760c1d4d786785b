"""SQLite, the embedded default: one file (WAL, foreign keys), one connection shared by the
process. Writes are serialised by a lock, so that one coroutine's statements never land inside
another coroutine's open transaction."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import aiosqlite

from storage.db import Database, Params, Row, utc_text
from storage.schema import migrations

log = logging.getLogger(__name__)
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


def _not_writable(error: BaseException) -> bool:
    name = getattr(error, "sqlite_errorname", None)
    return isinstance(name, str) and name.startswith(NOT_WRITABLE)


def _reason(error: BaseException) -> str:
    return f"{error} ({getattr(error, 'sqlite_errorname', '?')})"


class SQLiteDatabase(Database):
    dialect = "sqlite"

    def __init__(
        self, connection: aiosqlite.Connection, label: str, path: Path | None = None
    ) -> None:
        super().__init__()
        self.connection = connection
        self.label = label
        self.path = path  # the file, None for an in-memory database
        self._reader: SQLiteDatabase | None = None
        self._reader_lock = asyncio.Lock()
        self._write_lock = asyncio.Lock()

    @classmethod
    async def connect(cls, path: Path | str) -> SQLiteDatabase:
        file = None if str(path) == ":memory:" else Path(path)
        return cls(await connect(path), str(path), file)

    async def close(self) -> None:
        if self._reader is not None:
            await self._reader.close()
            self._reader = None
        await self.connection.close()

    async def reader(self) -> Database:
        """A second connection, read-only: in WAL mode it reads beside the chats' queries, in
        a thread of its own, and sees what was committed. Opened on first use; an in-memory
        database reads through this one."""
        if self.path is None:
            return self
        async with self._reader_lock:
            if self._reader is None:
                self._reader = SQLiteDatabase(
                    await connect_reader(self.path), f"{self.label} (reader)"
                )
        return self._reader

    async def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and empty it, so that what was
        deleted no longer lies in the log either (best effort: readers may hold it back)."""
        async with self._write_lock:
            await self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def listen(self, channel: str, wake: Callable[[], None]) -> None:
        """No notifications on SQLite: its workers look now and then."""

    # execute_fetchall is one trip to aiosqlite's thread; execute + fetch + close are three.
    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        try:
            return cast(list[Row], list(await self.connection.execute_fetchall(sql, params)))
        except sqlite3.Error as error:
            if _not_writable(error):
                raise self._failed(error, _reason(error)) from error
            raise

    async def write_all(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._write_lock:
            rows = await self.fetch_all(sql, params)
        self._succeeded()
        return rows

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SQLiteTransaction]:
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
                yield SQLiteTransaction(self.connection)
                await asyncio.shield(self.connection.commit())
            except BaseException as error:
                await asyncio.wait([begin])
                await self._roll_back()
                if _not_writable(error):
                    raise self._failed(error, _reason(error)) from error
                raise
        self._succeeded()

    async def _roll_back(self) -> None:
        if not self.connection.in_transaction:
            return
        try:
            await asyncio.shield(self.connection.rollback())
        except sqlite3.Error as error:  # SQLite may have rolled back already (SQLITE_FULL)
            log.warning("rollback failed: %s", error)


class SQLiteTransaction:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection

    async def execute(self, sql: str, params: Params = ()) -> Row | None:
        async with self.connection.execute(sql, params) as cursor:
            return cast(Row | None, await cursor.fetchone())

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        await self.connection.executemany(sql, rows)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        async with self.connection.execute(sql, params) as cursor:
            return cast(list[Row], list(await cursor.fetchall()))

    async def serialise(self, name: str) -> None:
        """BEGIN IMMEDIATE already holds SQLite's one write lock to the end."""

    async def notify(self, channel: str) -> None:
        """Nobody listens on SQLite (see Database.listen)."""


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


async def migrate(connection: aiosqlite.Connection) -> None:
    """Each missing migration in its own write transaction, which first records its version:
    when several processes start together, the one that comes second finds the version taken
    (a primary key conflict, before any of the DDL ran) and moves on."""
    await connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    async with connection.execute("SELECT version FROM schema_migrations") as cursor:
        applied = {row[0] for row in await cursor.fetchall()}
    for migration in migrations("sqlite"):
        if migration.version in applied:
            continue
        try:
            await connection.executescript(
                f"BEGIN IMMEDIATE;\nINSERT INTO schema_migrations VALUES ({migration.version}, "
                f"'{migration.name}', '{utc_text(datetime.now(UTC))}');\n"
                f"{migration.sql}\nCOMMIT;"
            )
            log.info("applied migration %s", migration.name)
        except sqlite3.IntegrityError:
            await connection.rollback()
            if not await _applied(connection, migration.version):
                raise
            # else another process applied it meanwhile
        except Exception:
            if connection.in_transaction:
                await connection.rollback()
            raise


async def _applied(connection: aiosqlite.Connection, version: int) -> bool:
    sql = "SELECT 1 FROM schema_migrations WHERE version = ?"
    async with connection.execute(sql, (version,)) as cursor:
        return await cursor.fetchone() is not None


async def connect_reader(path: Path) -> aiosqlite.Connection:
    """A connection that only reads (the file is already migrated, in WAL mode)."""
    connection = await aiosqlite.connect(str(path), isolation_level=None)
    connection.row_factory = aiosqlite.Row
    await connection.execute("PRAGMA query_only = ON")
    await connection.execute("PRAGMA busy_timeout = 5000")
    return connection
