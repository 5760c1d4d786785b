"""`hoinghi plan list` and `hoinghi plan archive ID`: the series of one database."""

from __future__ import annotations

import argparse
import asyncio
from zoneinfo import ZoneInfo

from bot.app import operator
from bot.catalog import t
from bot.cli.help import Subcommands
from bot.clock import now_utc
from bot.config import Settings
from bot.services.dates import format_datetime
from storage.audit import AuditLog
from storage.db import Database
from storage.plans import PlanRepository


def add_series_parsers(plan: Subcommands) -> None:
    plan.add_parser("list", help=t("cli.plan_list_help"))
    archive = plan.add_parser("archive", help=t("cli.plan_archive_help"))
    archive.add_argument("series_id", metavar="ID", help=t("cli.plan_archive_id_help"))


def run_series(arguments: argparse.Namespace, settings: Settings) -> int:
    if arguments.plan_command == "list":
        print(asyncio.run(listing(settings)))
        return 0
    return asyncio.run(archive(arguments.series_id, settings))


async def listing(settings: Settings) -> str:
    zone = ZoneInfo(settings.timezone)
    db = await Database.open(settings.database)
    try:
        lines = await PlanRepository(db).listing()
    finally:
        await db.close()
    if not lines:
        return t("cli.plan_list_empty")
    return "\n".join(
        t(
            "cli.plan_list_line",
            num=line.num,
            id=line.id,
            state=t(f"series.state.{'archived' if line.archived_at else 'active'}"),
            title=line.title,
            province=line.province,
            sessions=line.sessions,
            delegates=line.delegates,
            loaded=format_datetime(line.loaded_at, zone, "vi"),
            archived=t(
                "cli.plan_list_archived_at", at=format_datetime(line.archived_at, zone, "vi")
            )
            if line.archived_at
            else "",
        )
        for line in lines
    )


async def archive(series_id: str, settings: Settings) -> int:
    now = now_utc()
    db = await Database.open(settings.database)
    try:
        if not await PlanRepository(db).archive(series_id, now):
            print(t("cli.plan_archive_unknown", id=series_id))
            return 1
        await AuditLog(db).record("cli", operator(), "plan_archive", {"series": series_id}, now)
    finally:
        await db.close()
    print(t("cli.plan_archived", id=series_id))
    return 0
