"""`hoinghi backup FILE`, `hoinghi restore FILE` and `hoinghi purge [--dry-run]`: the operator's
commands to keep the database safe, and personal data no longer than the plan says."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.app import operator
from bot.catalog import t
from bot.cli.help import Subcommands, bilingual_command
from bot.clock import now_utc
from bot.config import Settings
from bot.services.dates import format_datetime
from bot.services.retention import Retention
from storage.audit import AuditLog
from storage.db import POSTGRESQL_SCHEMES, Database

if TYPE_CHECKING:  # backups' modules load when a backup or a restore runs, not at every start
    from storage.backup import Snapshot


def add_ops_parsers(commands: Subcommands) -> None:
    for name in ("backup", "restore"):
        command = bilingual_command(commands, name, f"ops.{name}_help", f"ops.{name}_description")
        command.add_argument("file", type=Path, metavar="FILE", help=t(f"ops.{name}_file_help"))
    purge = bilingual_command(commands, "purge", "ops.purge_help", "ops.purge_description")
    purge.add_argument("--dry-run", action="store_true", help=t("ops.purge_dry_run_help"))


def _counts(snapshot: Snapshot) -> dict[str, object]:
    return {
        "path": snapshot.path,
        "version": snapshot.version,
        "delegates": snapshot.delegates,
        "sessions": snapshot.sessions,
    }


def _on_postgresql(settings: Settings) -> bool:
    return settings.database.startswith(POSTGRESQL_SCHEMES)


async def _pg_snapshot(settings: Settings, path: Path, size: int, version: int) -> Snapshot:
    """What the database holds now, told beside PostgreSQL's archive."""
    from storage.backup import Snapshot

    db = await Database.open(settings.database)
    try:
        delegates = await db.scalar("SELECT count(*) FROM delegates")
        sessions = await db.scalar("SELECT count(*) FROM sessions")
    finally:
        await db.close()
    return Snapshot(path, size, version, int(str(delegates)), int(str(sessions)))


def run_backup(arguments: argparse.Namespace, settings: Settings) -> int:
    from storage import pg_backup
    from storage.backup import BackupError, backup

    try:
        if _on_postgresql(settings):
            path, version = pg_backup.backup(settings.database, arguments.file, now_utc())
            snapshot = asyncio.run(_pg_snapshot(settings, path, path.stat().st_size, version))
        else:
            snapshot = backup(settings.database_path, arguments.file, now_utc())
    except BackupError as error:
        print(t(error.reason, detail=error.detail), file=sys.stderr)
        return 2
    size = max(1, round(snapshot.size / 1024))
    print(t("ops.backed_up", database=settings.database_label, size=size, **_counts(snapshot)))
    return 0


def run_restore(arguments: argparse.Namespace, settings: Settings) -> int:
    from storage import pg_backup
    from storage.backup import BackupError, restore

    kept = None
    try:
        if _on_postgresql(settings):
            version = pg_backup.restore(arguments.file, settings.database)
            size = arguments.file.stat().st_size
            snapshot = asyncio.run(_pg_snapshot(settings, arguments.file, size, version))
        else:
            snapshot, kept = restore(arguments.file, settings.database_path, now_utc())
    except BackupError as error:
        print(t(error.reason, detail=error.detail), file=sys.stderr)
        return 2
    asyncio.run(_after_restore(settings.database, arguments.file))
    print(t("ops.restored", database=settings.database_label, **_counts(snapshot)))
    if kept is not None:
        print(t("ops.restore_kept", path=kept))
    return 0


async def _after_restore(database: str, source: Path) -> None:
    """Migrations a backup from an older version lacks, and the restore in the audit log."""
    db = await Database.open(database)
    try:
        details: dict[str, object] = {"file": str(source)}
        await AuditLog(db).record("cli", operator(), "restore", details, now_utc())
    finally:
        await db.close()


def run_purge(arguments: argparse.Namespace, settings: Settings) -> int:
    print("\n".join(asyncio.run(purge(settings, arguments.dry_run))))
    return 0


async def purge(settings: Settings, dry_run: bool) -> list[str]:
    db = await Database.open(settings.database)
    try:
        retention = Retention(db)
        terms = await retention.store.terms()
        if not terms:
            return [t("ops.purge_no_plan", database=settings.database_label)]
        zone = ZoneInfo(settings.timezone)
        lines = [
            t(
                "ops.purge_term",
                series=term.series_id,
                end=format_datetime(term.last_end, zone),
                days=term.retention_days,
                due=format_datetime(term.due_at, zone),
            )
            if term.last_end is not None
            else t("ops.purge_term_open", series=term.series_id, days=term.retention_days)
            for term in terms
        ]
        if dry_run:
            due = await retention.due(now_utc())
            return [*lines, t("ops.purge_due", delegates=due.delegates, accounts=due.accounts)]
        done = await retention.purge(now_utc(), "cli", operator())
        return [*lines, t("ops.purged", delegates=done.delegates, accounts=done.accounts)]
    finally:
        await db.close()
