"""The database the repositories talk to, whichever it is: SQLite (the embedded default, one
file) or PostgreSQL (shared by several workers), chosen by one URL (`Database.open`).

Repositories write `?` placeholders and SQL both understand; where the two cannot share a
statement, a repository picks by `Database.dialect`. Every backend keeps the same promise when
the database cannot be written (a file made read-only, a full disk, a server that is down or
read-only): every statement and transaction raises `StorageUnavailable` with nothing of it
stored, one log line tells it ("database not writable: …"), and the first write that succeeds
again tells that too: nothing needs a restart. The lines come at most once per `REPEAT`
seconds, so that they do not flap."""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

log = logging.getLogger(__name__)
Params = Sequence[object]
Dialect = Literal["sqlite", "postgresql"]
POSTGRESQL_SCHEMES = ("postgresql://", "postgres://")
SQLITE_SCHEME = "sqlite:///"
REPEAT = 300.0


class StorageUnavailable(Exception):
    """The database cannot be written now; nothing of the failed statement was stored."""


class Row(Protocol):
    """A result row of either driver (sqlite3.Row, asyncpg.Record): by position or by name."""

    def __getitem__(self, key: Any, /) -> Any: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Any]: ...
    def keys(self) -> Iterable[str]: ...


class Transaction(Protocol):
    """Statements inside `Database.transaction()`."""

    async def execute(self, sql: str, params: Params = ()) -> Row | None: ...
    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None: ...
    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def serialise(self, name: str) -> None:
        """Wait until no other transaction holding `name` is open, and hold it to the end: a
        read-then-write on something no row stands for yet (the next version of a speaker's
        draft) runs one at a time. SQLite's transactions already do (one writer)."""

    async def notify(self, channel: str) -> None:
        """Wake whoever `Database.listen`s on `channel`, once the transaction commits."""


class Database(ABC):
    """What repositories call: reads, single-statement writes, and transactions (all or
    nothing, READ COMMITTED on PostgreSQL). `open` gives the backend a URL or a path names."""

    dialect: Dialect
    label: str  # where it is, for messages (a PostgreSQL URL without its password)

    def __init__(self) -> None:
        self._failing_since: float | None = None  # monotonic time of the first failed write
        self._told: tuple[float, bool] | None = None  # the last line: when, and "not writable"

    @staticmethod
    async def open(target: str | Path) -> Database:
        """`postgresql://…` (or `postgres://…`), `sqlite:///path`, or a plain path of SQLite."""
        text = str(target)
        if text.startswith(POSTGRESQL_SCHEMES):
            from storage.postgres import PostgresDatabase

            return await PostgresDatabase.connect(text)
        from storage.sqlite import SQLiteDatabase

        return await SQLiteDatabase.connect(sqlite_path(text))

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def checkpoint(self) -> None:
        """Make deleted rows leave the database's logs too, as far as the backend allows."""
        ...

    async def reader(self) -> Database:
        """Where reads that grow with the data (a session's roll-up, the delegate lists) go, so
        that they do not wait in front of the chats' queries: this database itself, unless the
        backend has a better place (SQLite: a second, read-only connection)."""
        return self

    @abstractmethod
    async def listen(self, channel: str, wake: Callable[[], None]) -> None:
        """Have `wake` called when a transaction `notify`s `channel`, in any process; called
        again, it listens anew if the connection was lost. The caller still looks now and
        then: a notification can be lost with its connection. SQLite has none (its workers
        look now and then only)."""
        ...

    @abstractmethod
    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]: ...

    @abstractmethod
    async def write_all(self, sql: str, params: Params = ()) -> list[Row]:
        """One statement in its own transaction (one round trip, where a transaction takes
        three); returns the rows of a RETURNING clause."""
        ...

    async def write(self, sql: str, params: Params = ()) -> Row | None:
        """One statement in its own transaction; returns the first row of a RETURNING clause."""
        return next(iter(await self.write_all(sql, params)), None)

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    @property
    def skip_locked(self) -> str:
        """What a claim's SELECT adds so that workers claiming at once skip each other's
        rows: nothing on SQLite, whose writers take turns already."""
        return " FOR UPDATE SKIP LOCKED" if self.dialect == "postgresql" else ""

    def position(self, text: str, part: str) -> str:
        """SQL of where `part` starts in `text` (1-based, 0 when absent)."""
        function = "strpos" if self.dialect == "postgresql" else "instr"
        return f"{function}({text}, {part})"

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        return next(iter(await self.fetch_all(sql, params)), None)

    async def scalar(self, sql: str, params: Params = ()) -> object:
        row = await self.fetch_one(sql, params)
        return row[0] if row else None

    def _failed(self, error: BaseException, reason: str) -> StorageUnavailable:
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


def sqlite_path(target: str) -> str:
    """The file of `sqlite:///relative` or `sqlite:////absolute`, or a plain path as given."""
    return target.removeprefix(SQLITE_SCHEME) if target.startswith(SQLITE_SCHEME) else target


def utc_text(moment: datetime) -> str:
    """How instants are stored: ISO 8601 in UTC with microseconds, sortable as text
    ("%Y-%m-%dT%H:%M:%S.%fZ"; isoformat writes it in a third of strftime's time)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
