"""PostgreSQL, the database several workers share: a pool of asyncpg connections, transactions
at READ COMMITTED, migrations applied once under an advisory lock however many workers start
together. Repositories' `?` placeholders become `$1, $2…`; the driver's strict typing is
relaxed to SQLite's (a number given for a text column is its text, and the other way round),
so that both backends take the same parameters."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache, partial
from typing import cast
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from storage.db import Database, Params, Row, StorageUnavailable, utc_text
from storage.schema import migrations

log = logging.getLogger(__name__)
POOL_SIZE = 10
LISTEN_CONNECT_TIMEOUT = 5.0  # seconds; the sender's loop waits for it
MIGRATION_LOCK = 0x686F696E676869  # pg_advisory_lock key of the migrations ("hoinghi")
# SQLSTATE classes of a server that cannot take writes now, though nothing is wrong with what
# was asked: connection exceptions, insufficient resources (disk full, too many connections),
# operator intervention (shutdown, starting up), system errors, a read-only transaction (a
# standby, default_transaction_read_only).
NOT_WRITABLE = ("08", "53", "57P", "58", "25006")
# No JIT compilation: it pays for queries that run for seconds, and ours run for milliseconds; the
# planner's estimate of a session page's count (its EXISTS per delegate) passed the thresholds,
# and each page then compiled for 100 to 180 ms at 100,000 delegates, on a core the chats need.
SETTINGS = {"jit": "off"}


def _not_writable(error: BaseException) -> bool:
    if isinstance(error, OSError | TimeoutError):  # refused, unreachable, timed out
        return True
    # the server dropped the connection under a statement (a restart): the client's own errors
    if isinstance(error, asyncpg.InterfaceError | asyncpg.exceptions._base.InternalClientError):
        return True
    state = getattr(error, "sqlstate", None)
    return isinstance(state, str) and state.startswith(NOT_WRITABLE)


@lru_cache(maxsize=2048)
def placeholders(sql: str) -> str:
    """`?` → `$1, $2…` outside quoted strings, quoted names and comments."""
    out: list[str] = []
    number, index, quote = 0, 0, ""
    while index < len(sql):
        char = sql[index]
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif sql.startswith("--", index):
            end = sql.find("\n", index)
            end = len(sql) if end < 0 else end
            out.append(sql[index:end])
            index = end
            continue
        elif char == "?":
            number += 1
            char = f"${number}"
        out.append(char)
        index += 1
    return "".join(out)


def _number(text: str) -> int | float:
    """sum() and avg() give PostgreSQL numerics: integers stay int, as SQLite gives them."""
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() and "." not in text else float(value)


async def _relax_types(connection: asyncpg.Connection) -> None:
    for name in ("int2", "int4", "int8"):
        await connection.set_type_codec(
            name, schema="pg_catalog", encoder=lambda value: str(int(value)), decoder=int,
            format="text",
        )
    await connection.set_type_codec(
        "text", schema="pg_catalog", encoder=str, decoder=str, format="text"
    )
    await connection.set_type_codec(
        "numeric", schema="pg_catalog", encoder=str, decoder=_number, format="text"
    )


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}@{host}"))


class PostgresDatabase(Database):
    dialect = "postgresql"

    def __init__(self, pool: asyncpg.Pool, label: str, url: str = "") -> None:
        super().__init__()
        self.pool = pool
        self.label, self.url = label, url
        self._listener: asyncpg.Connection | None = None  # LISTEN's own, outside the pool
        self._wakes: dict[str, Callable[[], None]] = {}

    @classmethod
    async def connect(cls, url: str) -> PostgresDatabase:
        label = without_password(url)
        try:
            connection = await asyncpg.connect(url)
        except Exception as error:
            if _not_writable(error):
                raise StorageUnavailable(f"{label}: {error}") from error
            raise
        try:
            await migrate(connection)
        finally:
            await connection.close()
        pool = await asyncpg.create_pool(
            url, min_size=1, max_size=POOL_SIZE, init=_relax_types, server_settings=SETTINGS
        )
        return cls(pool, label, url)

    async def close(self) -> None:
        try:
            if self._listener is not None:
                await self._listener.close()
        finally:
            await self.pool.close()

    async def listen(self, channel: str, wake: Callable[[], None]) -> None:
        """LISTEN on a connection of its own, made again when it was lost."""
        if self._wakes.get(channel) == wake and self._listener and not self._listener.is_closed():
            return
        self._wakes[channel] = wake
        async with self._failures():
            if self._listener is not None and not self._listener.is_closed():
                await self._listener.add_listener(channel, partial(_called, wake))
                return
            listener = await asyncpg.connect(self.url, timeout=LISTEN_CONNECT_TIMEOUT)
            try:
                for name, call in self._wakes.items():
                    await listener.add_listener(name, partial(_called, call))
            except BaseException:
                await listener.close()
                raise
            self._listener = listener  # only once it listens to every channel

    async def checkpoint(self) -> None:
        """VACUUM: the space of deleted rows is reclaimed and reused, so that erased personal
        data is soon overwritten (what WAL and backups keep: docs/en/operators.md)."""
        async with self._failures():
            await self.pool.execute("VACUUM")

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._failures():
            rows = await self.pool.fetch(placeholders(sql), *params)
        return cast(list[Row], rows)

    async def write_all(self, sql: str, params: Params = ()) -> list[Row]:
        rows = await self.fetch_all(sql, params)
        self._succeeded()
        return rows

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PostgresTransaction]:
        """All or nothing, at READ COMMITTED: what a read decides is made safe by the
        statement's own conditions, ON CONFLICT, FOR UPDATE or `serialise`."""
        async with (
            self._failures(),
            self.pool.acquire() as connection,
            connection.transaction(),
        ):
            yield PostgresTransaction(connection)
        self._succeeded()

    @asynccontextmanager
    async def _failures(self) -> AsyncIterator[None]:
        try:
            yield
        except Exception as error:
            if _not_writable(error):
                raise self._failed(error, f"{error} ({getattr(error, 'sqlstate', '?')})") from error
            raise


class PostgresTransaction:
    def __init__(self, connection: asyncpg.pool.PoolConnectionProxy[asyncpg.Record]) -> None:
        self.connection = connection

    async def execute(self, sql: str, params: Params = ()) -> Row | None:
        return cast(Row | None, await self.connection.fetchrow(placeholders(sql), *params))

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        await self.connection.executemany(placeholders(sql), [tuple(row) for row in rows])

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        return cast(list[Row], await self.connection.fetch(placeholders(sql), *params))

    async def serialise(self, name: str) -> None:
        await self.connection.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", name
        )

    async def notify(self, channel: str) -> None:
        await self.connection.execute("SELECT pg_notify($1, '')", channel)


def _called(wake: Callable[[], None], *notification: object) -> None:
    """asyncpg's listener callback (connection, pid, channel, payload): `wake`, no more."""
    wake()


async def migrate(connection: asyncpg.Connection) -> None:
    """The missing migrations, each in its own transaction, under a session advisory lock:
    workers starting together wait for the first, then find nothing left to do."""
    await connection.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    try:
        await connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = {row[0] for row in await connection.fetch(
            "SELECT version FROM schema_migrations"
        )}
        for migration in migrations("postgresql"):
            if migration.version in applied:
                continue
            async with connection.transaction():
                await connection.execute(migration.sql)
                await connection.execute(
                    "INSERT INTO schema_migrations VALUES ($1, $2, $3)",
                    migration.version,
                    migration.name,
                    utc_text(datetime.now(UTC)),
                )
            log.info("applied migration %s", migration.name)
    finally:
        await connection.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
