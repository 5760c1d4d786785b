"""`hoinghi import`: a focal point's delegate file (XLSX or CSV) into the database, with a
report of errors by row and column and a sheet of personal invite links to hand out."""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.app import import_limits, operator
from bot.catalog import t
from bot.cli.help import Subcommands, bilingual_command
from bot.clock import now_utc
from bot.config import Settings
from bot.domain import IMPORT_DECISIONS
from bot.services.plan_state import LoadedPlan, build_loaded_plan
from storage.audit import AuditLog
from storage.db import Database
from storage.plans import PlanRepository

if TYPE_CHECKING:  # what reads a file loads when a file is imported, not at every start
    from bot.services import imports
    from storage.import_rows import StoredPerson


class ImportFailed(Exception):
    """A mistake that stops `hoinghi import`, told in words (exit code 2)."""


TERMINAL_ERRORS = 20  # the first errors on the terminal; all of them in the report file


@dataclass
class Outcome:
    report: list[str]
    errors: list[imports.RowError]
    stored: list[StoredPerson]
    links: bytes | None


async def _plan(db: Database, settings: Settings, series_id: str | None) -> LoadedPlan:
    """The plan of `--series` (an active series), else of the first active series."""
    plans = PlanRepository(db)
    if series_id is None:
        series = await plans.active_series()
        if series is None:
            raise ImportFailed(t("cli.export_no_plan", database=settings.database_label))
        return build_loaded_plan(series)
    active = dict(await plans.revisions())
    series = await plans.series(series_id) if series_id in active else None
    if series is None:
        raise ImportFailed(t("import.unknown_series", series=series_id))
    return build_loaded_plan(series)


async def write_template(settings: Settings, series_id: str | None) -> bytes:
    from bot.services import imports

    db = await Database.open(settings.database)
    try:
        plan = await _plan(db, settings, series_id)
    finally:
        await db.close()
    return imports.template_xlsx(plan)


async def import_file(arguments: argparse.Namespace, settings: Settings, data: bytes) -> Outcome:
    from bot.services import imports
    from bot.services.sheets import ImportFileError
    from storage.imports import ImportRepository

    path: Path = arguments.file
    db = await Database.open(settings.database)
    try:
        plan = await _plan(db, settings, arguments.series)
        try:
            checked = imports.read_rows(data, path.suffix, plan, import_limits(settings))
        except ImportFileError as error:
            raise ImportFailed(str(error)) from error
        stored: list[StoredPerson] = []
        if checked.people:
            stored = await ImportRepository(db).store(
                checked.people, now_utc(), decision=arguments.on_conflict, series_id=plan.series.id
            )
            details: dict[str, object] = {
                "file": path.name,
                "rows": sum(entry.applied for entry in stored),
                "merged": sum(entry.merged for entry in stored if entry.applied),
                "invalid": len(checked.bad_lines),
                "held": sum(entry.conflict is not None for entry in stored),
                "on_conflict": arguments.on_conflict,
            }
            await AuditLog(db).record("cli", operator(), "import", details, now_utc())
    finally:
        await db.close()
    held = [entry for entry in stored if entry.conflict is not None]
    errors = [*checked.errors, *(imports.conflict_error(entry) for entry in held)]
    report = imports.short_report(imports.error_lines(errors), TERMINAL_ERRORS)
    if held:
        report.append(t("import.conflicts_cli"))
    report.append(imports.summary(stored, checked))
    applied = [entry for entry in stored if entry.applied]
    links = imports.links_xlsx(applied, arguments.bot) if applied else None
    return Outcome(report, errors, applied, links)


def _read(path: Path, settings: Settings) -> bytes:
    from bot.services.sheets import ImportFileError, refuse_size

    try:
        refuse_size(path.stat().st_size, import_limits(settings))
        return path.read_bytes()
    except ImportFileError as error:
        raise ImportFailed(str(error)) from error
    except OSError as error:
        problem = error.strerror or str(error)
        raise ImportFailed(t("import.cannot_read", path=path, problem=problem)) from error


def run_import(arguments: argparse.Namespace, settings: Settings) -> int:
    from bot.services import imports

    try:
        if arguments.template is not None:
            data = asyncio.run(write_template(settings, arguments.series))
            arguments.template.write_bytes(data)
            print(t("import.template_written", path=arguments.template))
            if arguments.file is None:
                return 0
        if arguments.file is None:
            raise ImportFailed(t("import.need_file"))
        data = _read(arguments.file, settings)
        outcome = asyncio.run(import_file(arguments, settings, data))
    except ImportFailed as error:
        print(error, file=sys.stderr)
        return 2
    print("\n".join(outcome.report))
    if outcome.errors:
        report = arguments.file.with_name(f"{arguments.file.stem}-bao-cao-loi.csv")
        report.write_bytes(imports.report_csv(outcome.errors))
        print(t("import.report_written", path=report, count=len(outcome.errors)))
    if outcome.links is None:
        return 2
    links: Path = arguments.links or Path(f"loi-moi-{arguments.file.stem}.xlsx")
    links.write_bytes(outcome.links)
    print(
        t("import.links_written", path=links, count=len(imports.unique_delegates(outcome.stored)))
    )
    if not arguments.bot:
        print(t("import.links_without_bot"))
    return 0


def add_import_parser(commands: Subcommands) -> None:
    command = bilingual_command(commands, "import", "import.help", "import.description")
    command.add_argument("file", type=Path, nargs="?", metavar="FILE", help=t("import.file_help"))
    command.add_argument(
        "--template", type=Path, metavar="OUT.xlsx", help=t("import.template_help")
    )
    command.add_argument("--links", type=Path, metavar="OUT.xlsx", help=t("import.links_help"))
    command.add_argument("--bot", metavar="USERNAME", help=t("import.bot_help"))
    command.add_argument("--series", metavar="ID", help=t("import.series_help"))
    command.add_argument(
        "--on-conflict", choices=IMPORT_DECISIONS, default=None, help=t("import.on_conflict_help")
    )
