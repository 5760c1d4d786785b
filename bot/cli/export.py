"""`hoinghi export`: the delegate list of a session (XLSX or CSV) or the calendar (.ics)."""

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
from bot.domain import SessionInfo
from bot.services.dates import format_session_when
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan, build_loaded_plan
from bot.services.reminders import offsets_of
from storage.audit import AuditLog
from storage.db import Database
from storage.plans import PlanRepository

FORMATS = ("xlsx", "csv", "ics")


class ExportError(Exception):
    """A mistake in the arguments of `hoinghi export`, told in words (exit code 2)."""


def session_lines(plan: LoadedPlan) -> str:
    return "\n".join(
        t(
            "cli.export_session_line",
            id=session.id,
            label=plan.answerer.label(session, "vi"),
            when=format_session_when(session, plan.zone, "vi"),
        )
        for session in plan.series.sessions
    )


def commune_code(plan: LoadedPlan, given: str) -> int:
    code = as_number(given.strip())
    commune = (plan.communes.by_code(code) if code is not None else None) or plan.communes.resolve(
        given
    )
    if commune is None:
        raise ExportError(
            t("cli.export_unknown_commune", commune=given, province=plan.series.province)
        )
    return commune.code


async def active_plan(
    db: Database, settings: Settings, session_id: str | None = None
) -> LoadedPlan:
    """The plan of the series of `session_id` (else the first active series)."""
    series = await PlanRepository(db).series_for(session_id)
    if series is None:
        raise ExportError(t("cli.export_no_plan", database=settings.database_label))
    return build_loaded_plan(series)


def chosen_session(
    plan: LoadedPlan, arguments: argparse.Namespace
) -> tuple[SessionInfo, int | None]:
    """The session of `--session` and the ward code of `--commune`; `--unit` checked."""
    session = next((s for s in plan.series.sessions if s.id == arguments.session), None)
    if session is None:
        raise ExportError(
            t(
                "cli.export_unknown_session",
                session=arguments.session,
                sessions=session_lines(plan),
            )
        )
    commune = commune_code(plan, arguments.commune) if arguments.commune else None
    if arguments.unit and plan.category(arguments.unit) is None:
        units = "\n".join(f"  • {c.code}: {c.label}" for c in plan.series.categories)
        raise ExportError(t("cli.export_unknown_unit", unit=arguments.unit, units=units))
    return session, commune


async def export(
    arguments: argparse.Namespace, settings: Settings, path: Path
) -> tuple[bytes, str]:
    """The file's bytes and the line that tells what was written."""
    # what writes lists and calendars loads when one is exported, not at every start
    from bot.services import exports
    from storage.reports import DelegateListRepository

    db = await Database.open(settings.database)
    try:
        plan = await active_plan(db, settings, arguments.session)
        series = plan.series
        if arguments.format == "ics":
            alarms = [offset for offset, _ in offsets_of(plan, settings.reminder_offsets)]
            dated = [session for session in series.sessions if session.slot is not None]
            if not dated:
                raise ExportError(t("cli.export_no_dated"))
            data = exports.sessions_ics(plan, dated, alarms)
            done = t(
                "cli.export_written_ics",
                path=path,
                count=len(dated),
                alarms=", ".join(alarms),
            )
            return data, done
        if not arguments.session:
            raise ExportError(t("cli.export_need_session", sessions=session_lines(plan)))
        session, commune = chosen_session(plan, arguments)
        rows = await DelegateListRepository(db).rows(session, commune, arguments.unit)
        details: dict[str, object] = {
            "session": session.id,
            "commune": commune,
            "unit": arguments.unit,
            "format": arguments.format,
            "rows": len(rows),
            "phones": not arguments.no_phones,
        }
        await AuditLog(db).record("cli", operator(), "export", details, now_utc())
    finally:
        await db.close()
    with_phones = not arguments.no_phones
    if arguments.format == "csv":
        data = exports.delegate_list_csv(rows, plan, with_phones)
    else:
        title = exports.delegate_list_title(plan, session)
        data = exports.delegate_list_xlsx(rows, title, plan, with_phones)
    return data, t("cli.export_written", path=path, count=len(rows))


def run_export(arguments: argparse.Namespace, settings: Settings) -> int:
    name = "lich-hoi-nghi" if arguments.format == "ics" else f"danh-sach-{arguments.session}"
    path: Path = arguments.out or Path(f"{name}.{arguments.format}")
    try:
        data, done = asyncio.run(export(arguments, settings, path))
    except ExportError as error:
        print(error, file=sys.stderr)
        return 2
    path.write_bytes(data)
    print(done)
    return 0


def add_export_parser(commands: Subcommands) -> None:
    export = bilingual_command(commands, "export", "cli.export_help", "cli.export_description")
    export.add_argument("--session", metavar="ID", help=t("cli.export_session_help"))
    only = export.add_mutually_exclusive_group()
    only.add_argument("--commune", metavar="CODE", help=t("cli.export_commune_help"))
    only.add_argument("--unit", metavar="CATEGORY", help=t("cli.export_unit_help"))
    export.add_argument(
        "--format", choices=FORMATS, default="xlsx", help=t("cli.export_format_help")
    )
    export.add_argument("--out", type=Path, metavar="FILE", help=t("cli.export_out_help"))
    export.add_argument("--no-phones", action="store_true", help=t("cli.export_no_phones_help"))
