"""The `hoinghi` command line: run the bot, check and load plans, export lists."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from bot import logs
from bot.app import load_plan, print_errors, run
from bot.catalog import t
from bot.cli.broadcast import add_broadcast_parser, run_broadcast
from bot.cli.docs import add_docs_parser, run_docs
from bot.cli.export import add_export_parser, run_export
from bot.cli.imports import add_import_parser, run_import
from bot.cli.ops import add_ops_parsers, run_backup, run_purge, run_restore
from bot.cli.roles import add_roles_parsers, run_invites, run_roles
from bot.config import Settings
from bot.plan.loader import read_plan
from bot.services.dates import format_datetime
from storage.db import Database


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="hoinghi", description=t("cli.description"))
    commands = root.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help=t("cli.run_help"))
    run_parser.add_argument("--demo", action="store_true", help=t("cli.demo_help"))
    plan = commands.add_parser("plan", help=t("cli.plan_help")).add_subparsers(
        dest="plan_command", required=True
    )
    for name in ("check", "load"):
        sub = plan.add_parser(name, help=t(f"cli.plan_{name}_help"))
        sub.add_argument("file", type=Path, help=t("cli.plan_file_help"))
    add_export_parser(commands)
    add_docs_parser(commands)
    add_import_parser(commands)
    add_roles_parsers(commands)
    add_broadcast_parser(commands)
    add_ops_parsers(commands)
    return root


def check(path: Path) -> int:
    series, errors = read_plan(path)
    if series is None:
        return print_errors(errors)
    print(
        t(
            "cli.plan_ok",
            title=series.title,
            sessions=len(series.sessions),
            categories=len(series.categories),
        )
    )
    return 0


async def load(path: Path, settings: Settings) -> int:
    db = await Database.open(settings.database)
    try:
        report, errors = await load_plan(db, path)
    finally:
        await db.close()
    if report is None:
        return print_errors(errors)
    print(
        t(
            "cli.plan_loaded",
            revision=report.revision,
            database=settings.database_label,
            added=len(report.added),
            moved=len(report.moved),
            changed=len(report.changed),
            cancelled=len(report.cancelled),
        )
    )
    zone = ZoneInfo(settings.timezone)
    for session_id, old, new in report.moved:
        print(
            t(
                "cli.plan_moved",
                session=session_id,
                old=format_datetime(old, zone, "vi"),
                new=format_datetime(new, zone, "vi"),
            )
        )
    for session_id, start in report.dated:
        print(t("cli.plan_dated", session=session_id, new=format_datetime(start, zone, "vi")))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    settings = Settings()
    logs.setup(
        logging.INFO if settings.telegram_bot_token or settings.zalo_bot_token else logging.WARNING
    )
    logs.hide(*settings.secret_values())
    if arguments.command == "run":
        return asyncio.run(run(settings, demo=arguments.demo))
    if arguments.command == "export":
        return run_export(arguments, settings)
    if arguments.command == "docs":
        return run_docs(arguments, settings)
    if arguments.command == "import":
        return run_import(arguments, settings)
    if arguments.command == "broadcast":
        return run_broadcast(arguments, settings)
    if arguments.command == "roles":
        return run_roles(arguments, settings)
    if arguments.command == "invites":
        return run_invites(arguments, settings)
    if arguments.command == "backup":
        return run_backup(arguments, settings)
    if arguments.command == "restore":
        return run_restore(arguments, settings)
    if arguments.command == "purge":
        return run_purge(arguments, settings)
    if arguments.plan_command == "check":
        return check(arguments.file)
    return asyncio.run(load(arguments.file, settings))
