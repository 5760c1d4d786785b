"""`hoinghi roles list|grant|revoke` (revocation lives on the command line, audited as 'cli')
and `hoinghi invites`: the per-commune and per-unit invitation QR codes for paper invitations."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.app import operator
from bot.catalog import t
from bot.cli.help import Subcommands, bilingual_command
from bot.clock import now_utc
from bot.config import Settings
from bot.services import invites
from bot.services.plan_state import build_loaded_plan
from storage.audit import AuditLog
from storage.db import Database
from storage.plans import PlanRepository
from storage.roles import RoleRepository

ROLES = ("admin", "organiser", "focal", "speaker", "reviewer")


class RolesError(Exception):
    """A mistake in the arguments, told in words (exit code 2)."""


def _account(given: str) -> tuple[str, str]:
    channel, _, external_id = given.partition(":")
    if not channel or not external_id or not channel.isalpha():
        raise RolesError(t("cli.roles_bad_account", account=given))
    return channel, external_id


async def roles(arguments: argparse.Namespace, settings: Settings) -> list[str]:
    command = arguments.roles_command
    db = await Database.open(settings.database)
    try:
        repository = RoleRepository(db)
        if command == "list":
            grants = await repository.all()
            return [t("cli.roles_line", **vars(g)) for g in grants] or [t("cli.roles_empty")]
        channel, external_id = _account(arguments.account)
        role, scope = arguments.role, arguments.scope
        if scope is not None and not invites.valid_scope(scope):
            raise RolesError(t("cli.roles_bad_scope", scope=scope))
        if command == "grant" and role == "focal" and not scope:
            raise RolesError(t("cli.roles_need_scope"))
        names = {"account": arguments.account, "role": role, "scope": scope or ""}
        audit = AuditLog(db)
        details: dict[str, object] = {"account": arguments.account, "role": role, "scope": scope}
        if command == "grant":
            new = await repository.grant(
                channel, external_id, role, f"cli:{operator()}", now_utc(), scope or ""
            )
            await audit.record("cli", operator(), "role_grant", {**details, "new": new}, now_utc())
            return [t("cli.roles_granted" if new else "cli.roles_already", **names)]
        count = await repository.revoke(channel, external_id, role, scope)
        await audit.record("cli", operator(), "role_revoke", {**details, "count": count}, now_utc())
        if count == 0:
            raise RolesError(t("cli.roles_not_found", **names))
        return [t("cli.roles_revoked", count=count, **names)]
    finally:
        await db.close()


def run_roles(arguments: argparse.Namespace, settings: Settings) -> int:
    try:
        lines = asyncio.run(roles(arguments, settings))
    except RolesError as error:
        print(error, file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


async def _invitations(
    arguments: argparse.Namespace, settings: Settings
) -> list[tuple[invites.Invitation, str]]:
    db = await Database.open(settings.database)
    try:
        series = await PlanRepository(db).active_series()
        if series is None:
            raise RolesError(t("cli.roles_no_plan", database=settings.database_label))
        plan = build_loaded_plan(series)
        session = None
        if arguments.session:
            session = next((s for s in series.sessions if s.id == arguments.session), None)
            if session is None:
                raise RolesError(t("cli.invites_unknown_session", session=arguments.session))
        found = invites.invitations(plan, arguments.bot.lstrip("@"), session)
        details = {"session": arguments.session, "files": len(found), "out": str(arguments.out)}
        await AuditLog(db).record("cli", operator(), "invites", details, now_utc())
        return found
    finally:
        await db.close()


def run_invites(arguments: argparse.Namespace, settings: Settings) -> int:
    try:
        found = asyncio.run(_invitations(arguments, settings))
    except RolesError as error:
        print(error, file=sys.stderr)
        return 2
    out: Path = arguments.out
    out.mkdir(parents=True, exist_ok=True)
    for invitation, _ in found:
        (out / invitation.file).write_bytes(invites.qr_png(invitation.link))
    index = out / "muc-luc.csv"
    index.write_bytes(invites.index_csv([invitation for invitation, _ in found]))
    communes = sum(1 for _, kind in found if kind == "commune")
    print(
        t(
            "cli.invites_written",
            communes=communes,
            units=len(found) - communes,
            out=out,
            index=index,
        )
    )
    return 0


def add_roles_parsers(commands: Subcommands) -> None:
    parser = bilingual_command(commands, "roles", "cli.roles_help", "cli.roles_description")
    sub = parser.add_subparsers(dest="roles_command", required=True)
    sub.add_parser("list", help=t("cli.roles_list_help"))
    for name in ("grant", "revoke"):
        change = sub.add_parser(name, help=t(f"cli.roles_{name}_help"))
        change.add_argument("account", metavar="CHANNEL:ID", help=t("cli.roles_account_help"))
        change.add_argument("role", choices=ROLES, help=t("cli.roles_role_help"))
        change.add_argument("--scope", metavar="S", help=t("cli.roles_scope_help"))
    made = bilingual_command(commands, "invites", "cli.invites_help", "cli.invites_description")
    made.add_argument("--bot", required=True, metavar="USERNAME", help=t("cli.invites_bot_help"))
    made.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help=t("cli.invites_out_help")
    )
    made.add_argument("--session", metavar="ID", help=t("cli.invites_session_help"))
