"""Online backup and checked restore of the SQLite file, through SQLite's backup API.

A backup copies every page in one step under one read transaction: a consistent snapshot even
while the bot writes (WAL lets the writer go on). The copy is a single self-contained file
(rollback journal, not WAL), checked with `PRAGMA integrity_check`, readable by its owner only,
and put in place by a rename, so a half-written backup never carries the final name.

A restore first checks the file (an SQLite database, intact, with our schema, not from a newer
version), keeps a copy of the current database beside it, then copies the backup in through
the same API, which takes SQLite's locks and leaves no stale WAL behind.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from storage.schema import latest_migration

SQLITE_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = ("schema_migrations", "series", "sessions", "delegates", "accounts", "outbox")
BUSY_TIMEOUT = 30.0  # seconds to wait for the bot's write transaction to finish


class BackupError(Exception):
    """Why a backup or a restore was refused: `reason` is a catalog key, `detail` its value."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class Snapshot:
    """What a database file holds, told after a backup or a restore."""

    path: Path
    size: int
    version: int
    delegates: int
    sessions: int


def backup(database: Path, target: Path, now: datetime) -> Snapshot:
    """Copy the live `database` to `target` (a file, or a folder to put a dated file in)."""
    if not database.is_file():
        raise BackupError("ops.no_database", str(database))
    if target.is_dir():
        target = target / f"hoinghi-{now:%Y%m%d-%H%M%S}.sqlite3"
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT)) as source:
            _copy(source, partial)
        partial.chmod(0o600)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return inspect(target)


def restore(source: Path, database: Path, now: datetime) -> tuple[Snapshot, Path | None]:
    """Replace `database` by the checked backup `source`; the previous database is kept as
    `<database>.before-restore-<time>` (returned), None when there was none."""
    inspect(source)  # refuses before anything is touched
    kept = None
    if database.is_file():
        name = f"{database.name}.before-restore-{now:%Y%m%d-%H%M%S}"
        kept = backup(database, database.with_name(name), now)
    database.parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(_read_only(source)) as copy,
        closing(sqlite3.connect(database, timeout=BUSY_TIMEOUT)) as live,
    ):
        copy.backup(live)
    return inspect(database, frozen=False), kept.path if kept else None


def inspect(path: Path, frozen: bool = True) -> Snapshot:
    """The snapshot of a database file that passes every check, or BackupError saying why.
    `frozen`: a file nobody writes to (a backup), read without locks; else a live database,
    read through SQLite's locks and its write-ahead log."""
    if not path.is_file():
        raise BackupError("ops.restore_missing", str(path))
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError("ops.restore_not_sqlite", str(path))
    try:
        opened = _read_only(path) if frozen else sqlite3.connect(path, timeout=BUSY_TIMEOUT)
        with closing(opened) as connection:
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError("ops.restore_corrupt", "; ".join(problems[:3]))
            if connection.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise BackupError("ops.restore_corrupt", "foreign_key_check")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            missing = [name for name in REQUIRED_TABLES if name not in tables]
            if missing:
                raise BackupError("ops.restore_not_ours", ", ".join(missing))
            version, delegates, sessions = connection.execute(
                "SELECT (SELECT max(version) FROM schema_migrations), "
                "(SELECT count(*) FROM delegates), (SELECT count(*) FROM sessions)"
            ).fetchone()
    except sqlite3.DatabaseError as error:  # not a database after all, or unreadable pages
        raise BackupError("ops.restore_corrupt", str(error)) from None
    if int(version or 0) > latest_migration():
        raise BackupError("ops.restore_newer", str(version))
    return Snapshot(path, path.stat().st_size, int(version), int(delegates), int(sessions))


def _copy(source: sqlite3.Connection, target: Path) -> None:
    with closing(sqlite3.connect(target)) as copy:
        source.backup(copy)  # pages=-1: all in one step, one consistent snapshot
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise BackupError("ops.backup_corrupt", "; ".join(problems[:3]))


def _read_only(path: Path) -> sqlite3.Connection:
    """A file opened for reading only, without locks: a backup nobody else writes to."""
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1", uri=True)
