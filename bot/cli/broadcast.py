"""`hoinghi broadcast`: an announcement queued from the command line through the repository the
/thongbao dialogue uses (creator 'cli'); the running bot's outbox sender delivers it. With
--status, what became of a broadcast's messages."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.app import operator
from bot.catalog import t
from bot.cli.export import ExportError, commune_code, session_lines
from bot.cli.help import Subcommands, bilingual_command
from bot.clock import now_utc
from bot.config import Settings
from bot.domain.messages import Reply, reply_to_json
from bot.services.plan_state import build_loaded_plan
from storage.audit import AuditLog
from storage.broadcasts import Audience, BroadcastRepository
from storage.db import Database
from storage.plans import PlanRepository

ANSWERS = ("all", "confirmed", "declined", "none", "unreachable")
MAX_TEXT = 3500


class BroadcastError(Exception):
    """A mistake in the arguments of `hoinghi broadcast`, told in words (exit code 2)."""


async def status(broadcast_id: int, settings: Settings) -> str:
    db = await Database.open(settings.database)
    try:
        repository = BroadcastRepository(db)
        if await repository.get(broadcast_id) is None:
            raise BroadcastError(t("cli.broadcast_unknown", id=broadcast_id))
        counts = await repository.counts(broadcast_id)
    finally:
        await db.close()
    return t(
        "cli.broadcast_status",
        id=broadcast_id,
        delivered=counts.get("sent", 0),
        blocked=counts.get("blocked", 0),
        failed=counts.get("failed", 0) + counts.get("skipped", 0),
        pending=counts.get("pending", 0) + counts.get("sending", 0),
    )


async def _audience(
    arguments: argparse.Namespace, db: Database, settings: Settings
) -> tuple[Audience, dict[str, object]]:
    series = await PlanRepository(db).active_series()
    if series is None:
        raise BroadcastError(t("cli.export_no_plan", database=settings.database_label))
    plan = build_loaded_plan(series)
    if arguments.answer != "all" and not arguments.session:
        raise BroadcastError(t("cli.broadcast_answer_needs_session"))
    if arguments.session:
        session = next((s for s in series.sessions if s.id == arguments.session), None)
        if session is None:
            raise BroadcastError(
                t(
                    "cli.export_unknown_session",
                    session=arguments.session,
                    sessions=session_lines(plan),
                )
            )
        choice: dict[str, object] = {"session": session.num, "answer": arguments.answer}
        return Audience(session=session, answer=arguments.answer), choice
    if arguments.commune:
        try:
            code = commune_code(plan, arguments.commune)
        except ExportError as error:
            raise BroadcastError(str(error)) from error
        return Audience(commune_code=code), {"commune": code}
    if arguments.unit:
        if plan.category(arguments.unit) is None:
            units = "\n".join(f"  • {c.code}: {c.label}" for c in series.categories)
            raise BroadcastError(t("cli.export_unknown_unit", unit=arguments.unit, units=units))
        return Audience(unit=arguments.unit), {"unit": arguments.unit}
    return Audience(), {"everyone": True}


async def broadcast(arguments: argparse.Namespace, settings: Settings) -> list[str]:
    text = (arguments.text or "").strip()
    if not text:
        raise BroadcastError(t("cli.broadcast_need_text"))
    if len(text) > MAX_TEXT:
        raise BroadcastError(t("cli.broadcast_too_long", limit=MAX_TEXT))
    db = await Database.open(settings.database)
    try:
        audience, choice = await _audience(arguments, db, settings)
        repository = BroadcastRepository(db)
        members = await repository.members(audience)
        reachable = sum(m.account_id is not None for m in members)
        lines = [t("cli.broadcast_count", people=len(members), reachable=reachable)]
        if not arguments.yes:
            lines.append(t("cli.broadcast_confirm"))
            return lines
        if not reachable:
            raise BroadcastError(t("cli.broadcast_nobody"))
        now = now_utc()
        details: dict[str, object] = {**choice, "scopes": None}
        broadcast_id, queued = await repository.create(
            "cli", "cli", "", text, details, members, reply_to_json(Reply(text)), now
        )
        await AuditLog(db).record(
            "cli",
            operator(),
            "broadcast",
            {"id": broadcast_id, "audience": details, "queued": queued, "people": len(members)},
            now,
        )
    finally:
        await db.close()
    lines.append(t("cli.broadcast_queued", id=broadcast_id, count=queued))
    return lines


def run_broadcast(arguments: argparse.Namespace, settings: Settings) -> int:
    try:
        if arguments.status is not None:
            print(asyncio.run(status(arguments.status, settings)))
            return 0
        lines = asyncio.run(broadcast(arguments, settings))
    except BroadcastError as error:
        print(error, file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def add_broadcast_parser(commands: Subcommands) -> None:
    command = bilingual_command(
        commands, "broadcast", "cli.broadcast_help", "cli.broadcast_description"
    )
    command.add_argument("--text", metavar="TEXT", help=t("cli.broadcast_text_help"))
    only = command.add_mutually_exclusive_group()
    only.add_argument("--session", metavar="ID", help=t("cli.broadcast_session_help"))
    only.add_argument("--commune", metavar="CODE|NAME", help=t("cli.export_commune_help"))
    only.add_argument("--unit", metavar="CODE", help=t("cli.export_unit_help"))
    command.add_argument(
        "--answer", choices=ANSWERS, default="all", help=t("cli.broadcast_answer_help")
    )
    command.add_argument("--yes", action="store_true", help=t("cli.broadcast_yes_help"))
    command.add_argument("--status", type=int, metavar="ID", help=t("cli.broadcast_status_help"))
