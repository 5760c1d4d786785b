"""`hoinghi docs`: a session's printable papers (invitations, lists, reports, QR posters)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.app import operator
from bot.catalog import t
from bot.cli.export import ExportError, active_plan, chosen_session
from bot.cli.help import Subcommands, bilingual_command
from bot.clock import now_utc
from bot.config import Settings
from bot.documents.render import FILE_NAMES, KINDS, formats, needs_figures, render
from storage.audit import AuditLog
from storage.db import Database


def bot_name(arguments: argparse.Namespace, settings: Settings) -> str:
    name = arguments.bot or settings.bot_username
    if not name:
        raise ExportError(t("cli.docs_need_bot"))
    return str(name).lstrip("@")


async def make(arguments: argparse.Namespace, settings: Settings) -> tuple[bytes, int]:
    """The file's bytes and how many people (or posters) it holds."""
    # the papers' modules load when a paper is made, not at every start of the command line
    from bot.documents.content import heading
    from bot.documents.gather import Scope, gather
    from bot.services.invites import invitations

    kind, chosen = arguments.kind, arguments.format or formats(arguments.kind)[0]
    if chosen not in formats(kind):
        allowed = ", ".join(formats(kind))
        raise ExportError(t("cli.docs_bad_format", kind=kind, format=chosen, formats=allowed))
    db = await Database.open(settings.database)
    try:
        plan = await active_plan(db, settings, arguments.session)
        series = plan.series
        session, commune = chosen_session(plan, arguments)
        scope = Scope(commune, arguments.unit, arguments.person)
        username = bot_name(arguments, settings) if kind in ("invitations", "posters") else None
        material = await gather(
            db,
            plan,
            session,
            scope,
            now_utc(),
            bot_username=username if kind == "invitations" else None,
            figures=needs_figures(kind),
        )
        details: dict[str, object] = {
            "session": session.id,
            "kind": kind,
            "format": chosen,
            "commune": commune,
            "unit": arguments.unit,
            "person": arguments.person,
            "rows": len(material.people),
        }
        await AuditLog(db).record("cli", operator(), "docs", details, now_utc())
    finally:
        await db.close()
    if kind == "posters":
        assert username is not None
        found = [
            invitation
            for invitation, what in invitations(plan, username, session)
            if (commune is None or invitation.link.endswith(f"c-{commune}"))
            and (arguments.unit is None or invitation.link.endswith(f"u-{arguments.unit}"))
            and not (commune is not None and what == "unit")
            and not (arguments.unit is not None and what == "commune")
        ]
        issuing = heading(material, "GM").issuing
        from bot.documents.posters import posters_pdf  # fpdf2 loads when a paper is made

        return posters_pdf(series.title, issuing, found), len(found)
    if not material.people and kind in ("invitations", "list", "signin"):
        if arguments.person:
            raise ExportError(t("cli.docs_unknown_person", person=arguments.person))
        raise ExportError(t("cli.docs_nobody"))
    return render(kind, chosen, material), len(material.people)


def run_docs(arguments: argparse.Namespace, settings: Settings) -> int:
    chosen = arguments.format or formats(arguments.kind)[0]
    path: Path = arguments.out or Path(f"{FILE_NAMES[arguments.kind]}-{arguments.session}.{chosen}")
    try:
        data, count = asyncio.run(make(arguments, settings))
    except ExportError as error:
        print(error, file=sys.stderr)
        return 2
    path.write_bytes(data)
    print(t("cli.docs_written", path=path, count=count))
    return 0


def add_docs_parser(commands: Subcommands) -> None:
    docs = bilingual_command(commands, "docs", "cli.docs_help", "cli.docs_description")
    docs.add_argument("kind", choices=KINDS, help=t("cli.docs_kind_help"))
    docs.add_argument("--session", required=True, metavar="ID", help=t("cli.export_session_help"))
    only = docs.add_mutually_exclusive_group()
    only.add_argument("--commune", metavar="CODE", help=t("cli.export_commune_help"))
    only.add_argument("--unit", metavar="CATEGORY", help=t("cli.export_unit_help"))
    only.add_argument("--person", metavar="ID|PHONE", help=t("cli.docs_person_help"))
    docs.add_argument("--format", choices=("docx", "pdf", "xlsx"), help=t("cli.docs_format_help"))
    docs.add_argument("--out", type=Path, metavar="PATH", help=t("cli.export_out_help"))
    docs.add_argument("--bot", metavar="USERNAME", help=t("cli.docs_bot_help"))
