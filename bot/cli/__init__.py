"""The `hoinghi` command line: run the bot, check and load plans, export lists."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot import collector, logs
from bot.app import load_plan, print_errors, run
from bot.catalog import t
from bot.cli.broadcast import add_broadcast_parser, run_broadcast
from bot.cli.docs import add_docs_parser, run_docs
from bot.cli.export import add_export_parser, run_export
from bot.cli.imports import add_import_parser, run_import
from bot.cli.ops import add_ops_parsers, run_backup, run_purge, run_restore
from bot.cli.roles import add_roles_parsers, run_invites, run_roles
from bot.cli.series import add_series_parsers, run_series
from bot.cli.tenancy import add_tenant_option, one_tenant, tenants_of
from bot.config import Settings
from bot.runtime.loop import install_event_loop
from bot.services.dates import format_datetime
from storage.db import Database

if TYPE_CHECKING:
    from bot.tenants import Tenant


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
    add_series_parsers(plan)
    add_export_parser(commands)
    add_docs_parser(commands)
    add_import_parser(commands)
    add_roles_parsers(commands)
    add_broadcast_parser(commands)
    add_ops_parsers(commands)
    add_tenant_option(root)
    return root


def check(path: Path) -> int:
    from bot.plan.loader import read_plan  # the plan's models load when a plan is read

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


# Each command that acts on one province's data: (the parsed arguments, its settings) -> exit code.
DATA_COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "export": run_export,
    "docs": run_docs,
    "import": run_import,
    "broadcast": run_broadcast,
    "roles": run_roles,
    "invites": run_invites,
    "backup": run_backup,
    "restore": run_restore,
    "purge": run_purge,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    settings = Settings()
    checking = arguments.command == "plan" and arguments.plan_command == "check"
    tenants = [] if checking else tenants_of(settings, getattr(arguments, "tenant", None))
    if isinstance(tenants, int):
        return tenants
    serving = any(s.telegram_bot_token or s.zalo_bot_token for s in all_settings(settings, tenants))
    logs.setup(logging.INFO if serving else logging.WARNING)
    for each in all_settings(settings, tenants):
        logs.hide(*each.secret_values())
    if arguments.command != "run":  # `run` once started (bot/app.py)
        collector.started()
    if arguments.command == "run":
        install_event_loop(settings.event_loop)
        if tenants and not arguments.demo:
            from bot.hosting import run_tenants  # several provinces: the shared servers

            return asyncio.run(run_tenants(settings, tenants))
        return asyncio.run(run(settings, demo=arguments.demo))
    if checking:  # a file alone, no province's data
        return check(arguments.file)
    chosen = one_tenant(settings, tenants)
    if isinstance(chosen, int):
        return chosen
    settings = chosen
    if arguments.command in DATA_COMMANDS:
        return DATA_COMMANDS[arguments.command](arguments, settings)
    if arguments.plan_command in ("list", "archive"):
        return run_series(arguments, settings)
    return asyncio.run(load(arguments.file, settings))


def all_settings(settings: Settings, tenants: Sequence[Tenant]) -> list[Settings]:
    """The process settings and every tenant's."""
    return [settings, *(tenant.settings for tenant in tenants)]
