"""Backup and checked restore of a PostgreSQL database with pg_dump and pg_restore (the
client programs of the server's version or newer).

A backup is pg_dump's custom format: one consistent snapshot (a repeatable-read transaction)
while the workers go on writing, readable by its owner only, put in place by a rename. A
restore first checks the archive (pg_restore can read it, it holds our tables, not from a newer
version), then replaces every table in one transaction (`--clean --single-transaction`): the
workers wait for it and see the old data or the new, never half of each."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path

from storage.backup import REQUIRED_TABLES, BackupError
from storage.schema import latest_migration


def backup(url: str, target: Path, now: datetime) -> tuple[Path, int]:
    """Dump the database at `url` to `target` (a file, or a folder to put a dated file in);
    the file and its schema version."""
    if target.is_dir():
        target = target / f"hoinghi-{now:%Y%m%d-%H%M%S}.pgdump"
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        _run("pg_dump", "--format=custom", "--no-owner", f"--file={partial}", url)
        partial.chmod(0o600)
        version = inspect(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target, version


def restore(source: Path, url: str) -> int:
    """Replace the database at `url` by the checked archive `source`; its schema version."""
    version = inspect(source)
    _run(
        "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
        f"--dbname={url}", str(source),
    )
    return version


def inspect(path: Path) -> int:
    """The schema version of an archive that passes every check, or BackupError saying why."""
    if not path.is_file():
        raise BackupError("ops.restore_missing", str(path))
    listing = _run("pg_restore", "--list", str(path), reason="ops.restore_not_archive")
    tables = {line.split()[-2] for line in listing.splitlines() if " TABLE DATA " in line}
    missing = [name for name in REQUIRED_TABLES if name not in tables]
    if missing:
        raise BackupError("ops.restore_not_ours", ", ".join(missing))
    data = _run(
        "pg_restore", "--data-only", "--table=schema_migrations", "--file=-", str(path),
        reason="ops.restore_corrupt",
    )
    versions = [int(line.split("\t")[0]) for line in data.splitlines() if line[:1].isdigit()]
    version = max(versions, default=0)
    if version > latest_migration():
        raise BackupError("ops.restore_newer", str(version))
    return version


def _run(*command: str, reason: str = "ops.backup_corrupt") -> str:
    try:
        done = subprocess.run(command, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        raise BackupError(reason, detail.strip()[:300]) from None
    return done.stdout
