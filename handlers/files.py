"""Files in the chat: /mau (the import template), a delegate file sent by an organiser or a
focal point (imported like `hoinghi import`), /xuat (a session's delegate list as XLSX) and
/lichics (the calendar of the sessions). Platform-free: bytes in the Inbound, files in replies.

Only admins, organisers and focal points may import or export, as the roles table says at the
moment of the request; a focal point's rows and lists are limited to their commune or unit.

What reads and writes spreadsheets, calendars and papers is imported inside the functions that
use it: it loads at an organiser's first file, not at every start of the bot."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from bot.documents.render import FILE_NAMES, OFFERED, needs_figures, render
from bot.domain import IMPORT_DECISIONS, SessionInfo, session_order
from bot.domain.messages import Button, Photo, Reply
from bot.services.dates import format_session_day
from bot.services.import_limits import MB
from bot.services.plan_state import LoadedPlan
from bot.services.reminders import offsets_of
from bot.services.vntext import slug
from handlers.context import Turn, paged
from handlers.roles import Scopes, organiser_scope, session_scope, titled, tool_plans

if TYPE_CHECKING:
    from storage.import_rows import ImportedPerson, MayChange, StoredPerson

PREFIX = "xu:"
CONFLICT_PREFIX = "ic:"
SUFFIXES = (".xlsx", ".csv")
CHAT_ERRORS = 10  # the first errors in the chat; all of them in the report file
CHAT_CONFLICTS = 5  # held rows shown one by one; more are decided all at once


def is_list_file(filename: str) -> bool:
    """A file that may be a delegate list (other documents get the usual "text only")."""
    return PurePath(filename).suffix.lower() in SUFFIXES


def _file(turn: Turn, key: str, filename: str, content: bytes, **params: object) -> Reply:
    return Reply(turn.text(key, **params), document=Photo(filename, content))


async def template(turn: Turn) -> list[Reply]:
    from bot.services import imports

    allowed, _ = await organiser_scope(turn)
    if not allowed:
        return await turn.refusal("files.refused", "a delegate file tool")
    data = imports.template_xlsx(turn.plan, turn.locale)
    return [_file(turn, "files.template", "mau-nhap-dai-bieu.xlsx", data)]


def _outside(person: ImportedPerson, scopes: Scopes) -> bool:
    return not _within(scopes, person.commune_code, person.category_code)


def _within(scopes: Scopes, commune_code: int | None, category_code: str) -> bool:
    """Whether a delegate of this commune and category is a focal point's to import."""
    if scopes is None:
        return True
    return f"commune:{commune_code}" in scopes or f"unit:{category_code}" in scopes


async def on_document(turn: Turn) -> list[Reply]:
    """A delegate file: read and checked away from the event loop within the import limits,
    the good rows stored, conflicts held for the importer's decision, a short report (the
    whole one as a file) and the links."""
    from bot.services import imports
    from bot.services.import_worker import read_apart
    from bot.services.sheets import ImportFileError, refuse_size

    inbound = turn.inbound
    allowed, scopes = await organiser_scope(turn)
    if not allowed:
        return await turn.refusal("files.refused_document", "a delegate file")
    limits = turn.services.import_limits
    if inbound.too_large:
        too_large = turn.text("import.limit_bytes_unread", limit=f"{limits.max_bytes / MB:g}")
        return [turn.say("files.file_error", problem=too_large)]
    suffix = PurePath(inbound.text).suffix.lower()
    if suffix not in SUFFIXES:
        return [turn.say("files.wrong_type")]
    content = await inbound.document_content()
    if content is None:
        return [turn.say("files.unreadable")]
    try:
        refuse_size(len(content), limits)
        checked = await read_apart(content, suffix, turn.plan, limits)
    except ImportFileError as error:
        return [turn.say("files.file_error", problem=str(error))]
    for person in [p for p in checked.people if _outside(p, scopes)]:
        checked.people.remove(person)
        column = imports.column_title("commune", turn.locale)
        checked.errors.append(
            imports.RowError(person.line, column, turn.text("files.outside_scope"))
        )
    stored = (
        await turn.services.imports.store(
            checked.people, turn.now, _may_change(scopes), series_id=turn.plan.series.id
        )
        if checked.people
        else []
    )
    for entry in [e for e in stored if e.refused]:
        stored.remove(entry)
        column = imports.column_title("phone", turn.locale)
        problem = turn.text("files.someone_elses_delegate")
        checked.errors.append(imports.RowError(entry.person.line, column, problem))
    held = [entry for entry in stored if entry.conflict is not None]
    applied = [entry for entry in stored if entry.applied]
    await turn.audit(
        "import",
        file=inbound.text[:128],
        rows=len(applied),
        merged=sum(entry.merged for entry in applied),
        invalid=len(checked.bad_lines),
        held=len(held),
        scopes=list(scopes) if scopes is not None else None,
    )
    stem = slug(PurePath(inbound.text).stem)[:40]
    lines = imports.short_report(imports.error_lines(checked.errors, turn.locale), CHAT_ERRORS)
    lines.append(imports.summary(stored, checked, turn.locale))
    replies = paged(lines)
    if len(checked.errors) > CHAT_ERRORS:
        report = await asyncio.to_thread(imports.report_csv, checked.errors, turn.locale)
        name = f"bao-cao-loi-{stem}.csv"
        replies.append(_file(turn, "files.report", name, report, count=len(checked.errors)))
    replies.extend(await _conflict_replies(turn, held, scopes is None))
    if applied:
        replies.append(await _links(turn, applied, f"loi-moi-{stem}.xlsx"))
    return replies


def _may_change(scopes: Scopes) -> MayChange | None:
    """A phone number (or a name) that is a delegate of someone else's commune or unit: a
    focal point would move that person into their own and rename them."""
    return None if scopes is None else lambda *delegate: _within(scopes, *delegate)


async def _links(turn: Turn, applied: list[StoredPerson], name: str) -> Reply:
    """The invite links sheet, written off the event loop (seconds for tens of thousands)."""
    from bot.services import imports

    link_template = turn.services.deep_links.get(turn.inbound.channel)
    data = await asyncio.to_thread(imports.links_xlsx, applied, None, turn.locale, link_template)
    count = len(imports.unique_delegates(applied))
    return _file(turn, "files.links", name, data, count=count)


def _decision_buttons(turn: Turn, target: str) -> tuple[tuple[Button, ...], ...]:
    return (
        tuple(
            turn.button(f"files.conflict_{decision}", f"{CONFLICT_PREFIX}{target}:{decision}")
            for decision in IMPORT_DECISIONS
        ),
    )


async def _conflict_replies(turn: Turn, held: list[StoredPerson], with_phones: bool) -> list[Reply]:
    """Held rows, each with keep / replace / skip buttons (the first few), and buttons that
    decide all of them at once."""
    from bot.services import imports

    if not held:
        return []
    batch = secrets.token_hex(4)
    kept = await turn.services.imports.hold(
        held, batch, turn.inbound.channel, turn.inbound.user_id, turn.now
    )
    replies = [
        Reply(
            imports.error_lines(
                [imports.conflict_error(entry, with_phones, turn.locale)], turn.locale
            )[0],
            buttons=_decision_buttons(turn, str(conflict.id)),
        )
        for entry, conflict in zip(held[:CHAT_CONFLICTS], kept, strict=False)
    ]
    if len(held) > 1:
        replies.append(
            turn.say(
                "files.conflicts_all", count=len(held), buttons=_decision_buttons(turn, f"b{batch}")
            )
        )
    return replies


async def on_conflict_button(turn: Turn, data: str) -> list[Reply]:
    """keep / replace / skip for one held row ("ic:<id>:<decision>") or a whole import
    ("ic:b<batch>:<decision>"): only the importer, with the role they still hold."""
    allowed, scopes = await organiser_scope(turn)
    if not allowed:
        return await turn.refusal("files.refused", "a delegate file tool")
    target, _, decision = data.removeprefix(CONFLICT_PREFIX).partition(":")
    chosen = next((d for d in IMPORT_DECISIONS if d == decision), None)
    if chosen is None:
        return [turn.say("common.button_expired")]
    conflict_id = int(target) if target.isdigit() and len(target) < 12 else None
    batch = target[1:] if target.startswith("b") else None
    inbound = turn.inbound
    held = await turn.services.imports.held(inbound.channel, inbound.user_id, conflict_id, batch)
    if not held:
        return [turn.say("files.conflict_decided")]
    stored = await turn.services.imports.decide(held, chosen, turn.now, _may_change(scopes))
    applied = [entry for entry in stored if entry.applied]
    await turn.audit("import_conflict", decision=chosen, rows=len(held), applied=len(applied))
    replies = [turn.say(f"files.conflict_done_{chosen}", count=len(held))]
    if applied:
        replies.append(await _links(turn, applied, "loi-moi-dong-trung.xlsx"))
    return replies


async def export_command(turn: Turn) -> list[Reply]:
    """The sessions to export the list of, of every series this person's roles open."""
    allowed, _ = await organiser_scope(turn)
    if not allowed:
        return await turn.refusal("files.refused", "a delegate file tool")
    plans = await tool_plans(turn)
    return [titled(turn, plans, plan, _export_pick(turn, plan)) for plan in plans]


def _export_pick(turn: Turn, plan: LoadedPlan) -> Reply:
    sessions = sorted(plan.series.sessions, key=session_order)
    if not sessions:
        return turn.say("files.no_sessions")
    rows = tuple(
        (
            turn.button(
                "files.session_button",
                f"{PREFIX}{session.num}",
                label=plan.answerer.label(session, turn.locale),
                date=format_session_day(session, plan.zone, turn.locale),
            ),
        )
        for session in sessions
    )
    return turn.say("files.pick_session", buttons=rows)


async def on_export_button(turn: Turn, data: str) -> list[Reply]:
    """`xu:<session>`: the list as XLSX and the printable papers offered; `xu:<session>:<kind>`:
    that paper, within a focal point's scope and without phone numbers for them."""
    from bot.services import exports

    number, _, kind = data.removeprefix(PREFIX).partition(":")
    session, allowed, scopes = await session_scope(turn, number)
    if not allowed:
        return await turn.refusal("files.refused", "a delegate file tool")
    if session is None or (kind and kind not in OFFERED):
        return [turn.say("common.button_expired")]
    if kind:
        return await _paper(turn, session, scopes, kind)
    rows = await turn.services.lists.rows(session, scopes=scopes)
    with_phones = scopes is None  # phone numbers for organisers and admins only
    title = exports.delegate_list_title(turn.plan, session, turn.locale)
    content = exports.delegate_list_xlsx(rows, title, turn.plan, with_phones, turn.locale)
    await turn.audit(
        "export",
        session=session.id,
        format="xlsx",
        rows=len(rows),
        phones=with_phones,
        scopes=list(scopes) if scopes is not None else None,
    )
    name = f"danh-sach-{session.id}.xlsx"
    papers = tuple(
        (turn.button(f"files.doc.{paper}", f"{PREFIX}{session.num}:{paper}"),) for paper in OFFERED
    )
    listed = _file(turn, "files.list", name, content, count=len(rows), title=title)
    return [replace(listed, buttons=papers)]  # the printable papers offered under the list


async def _paper(turn: Turn, session: SessionInfo, scopes: Scopes, kind: str) -> list[Reply]:
    from bot.documents.gather import Scope, gather

    material = await gather(
        turn.services.lists.db,
        turn.plan,
        session,
        Scope(scopes=scopes),
        turn.now,
        with_phones=scopes is None,  # phone numbers for organisers and admins only
        figures=needs_figures(kind),
        link_template=turn.services.deep_links.get(turn.inbound.channel, "")
        if kind == "invitations"
        else None,
    )
    if not material.people:
        return [turn.say("files.doc.nobody")]
    form = OFFERED[kind]
    await turn.audit(
        "docs",
        session=session.id,
        kind=kind,
        format=form,
        rows=len(material.people),
        scopes=list(scopes) if scopes is not None else None,
    )
    content = render(kind, form, material)
    name = f"{FILE_NAMES[kind]}-{session.id}.{form}"
    title = turn.text(f"files.doc.{kind}")
    return [_file(turn, "files.doc.sent", name, content, count=len(material.people), title=title)]


def calendar(turn: Turn) -> list[Reply]:
    from bot.services import exports

    sessions = turn.plan.series.sessions
    if not sessions:
        return [turn.say("files.no_sessions")]
    dated = [s for s in sessions if s.slot is not None]
    if not dated:
        return [turn.say("undated.calendar_none")]
    alarms = [name for name, _ in offsets_of(turn.plan, turn.services.reminder_offsets)]
    content = exports.sessions_ics(turn.plan, dated, alarms, turn.now, turn.locale)
    replies = [_file(turn, "files.calendar", "lich-hoi-nghi.ics", content, count=len(dated))]
    left_out = [turn.plan.answerer.label(s, turn.locale) for s in sessions if s.slot is None]
    if left_out:
        replies.append(turn.say("undated.calendar_left_out", labels="; ".join(left_out)))
    return replies
