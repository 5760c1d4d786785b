"""`hoinghi import`: a focal point's delegate file (XLSX or CSV) into the database, with a
report of errors by row and column and a sheet of personal invite links to hand out."""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.app import operator
from bot.catalog import t
from bot.cli.help import Subcommands, bilingual_command
from bot.clock import now_utc
from bot.config import Settings
from bot.services import imports
from bot.services.plan_state import LoadedPlan, build_loaded_plan
from storage.audit import AuditLog
from storage.db import Database
from storage.imports import ImportRepository, StoredPerson
from storage.plans import PlanRepository


class ImportFailed(Exception):
    """A mistake that stops `hoinghi import`, told in words (exit code 2)."""


@dataclass
class Outcome:
    report: list[str]
    stored: list[StoredPerson]
    links: bytes | None


async def _plan(db: Database, settings: Settings) -> LoadedPlan:
    series = await PlanRepository(db).active_series()
    if series is None:
        raise ImportFailed(t("cli.export_no_plan", database=settings.database_path))
    return build_loaded_plan(series)


async def write_template(settings: Settings) -> bytes:
    db = await Database.open(settings.database_path)
    try:
        plan = await _plan(db, settings)
    finally:
        await db.close()
    return imports.template_xlsx(plan)


async def import_file(arguments: argparse.Namespace, settings: Settings, data: bytes) -> Outcome:
    path: Path = arguments.file
    db = await Database.open(settings.database_path)
    try:
        plan = await _plan(db, settings)
        try:
            checked = imports.check_rows(imports.read_rows(data, path.suffix), plan)
        except imports.ImportFileError as error:
            raise ImportFailed(str(error)) from error
        report = imports.error_lines(checked.errors)
        stored: list[StoredPerson] = []
        if checked.people:
            stored = await ImportRepository(db).store(checked.people, now_utc())
            details: dict[str, object] = {
                "file": path.name,
                "rows": len(stored),
                "merged": sum(entry.merged for entry in stored),
                "invalid": len(checked.bad_lines),
            }
            await AuditLog(db).record("cli", operator(), "import", details, now_utc())
    finally:
        await db.close()
    report.append(imports.summary(stored, checked))
    links = imports.links_xlsx(stored, arguments.bot) if stored else None
    return Outcome(report, stored, links)


def run_import(arguments: argparse.Namespace, settings: Settings) -> int:
    try:
        if arguments.template is not None:
            data = asyncio.run(write_template(settings))
            arguments.template.write_bytes(data)
            print(t("import.template_written", path=arguments.template))
            if arguments.file is None:
                return 0
        if arguments.file is None:
            raise ImportFailed(t("import.need_file"))
        try:
            data = arguments.file.read_bytes()
        except OSError as error:
            problem = error.strerror or str(error)
            raise ImportFailed(
                t("import.cannot_read", path=arguments.file, problem=problem)
            ) from error
        outcome = asyncio.run(import_file(arguments, settings, data))
    except ImportFailed as error:
        print(error, file=sys.stderr)
        return 2
    print("\n".join(outcome.report))
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
