"""Files in the chat: /mau (the import template), a delegate file sent by an organiser or a
focal point (imported like `hoinghi import`), /xuat (a session's delegate list as XLSX) and
/lichics (the calendar of the sessions). Platform-free: bytes in the Inbound, files in replies.

Only admins, organisers and focal points may import or export, as the roles table says at the
moment of the request; a focal point's rows and lists are limited to their commune or unit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from bot.documents.gather import Scope, gather
from bot.documents.render import FILE_NAMES, OFFERED, RENDERERS, needs_figures
from bot.domain import SessionInfo, session_order
from bot.domain.messages import Photo, Reply
from bot.services import exports, imports
from bot.services.dates import format_session_day
from bot.services.reminders import offsets_of
from bot.services.vntext import slug
from handlers.context import Turn, paged
from handlers.roles import Scopes, organiser_scope
from storage.imports import ImportedPerson

PREFIX = "xu:"
SUFFIXES = (".xlsx", ".csv")
LIST_MAX_BYTES = 5 * 1024 * 1024  # a delegate list of thousands of rows is far smaller


def is_list_file(filename: str) -> bool:
    """A file that may be a delegate list (other documents get the usual "text only")."""
    return PurePath(filename).suffix.lower() in SUFFIXES


def _file(turn: Turn, key: str, filename: str, content: bytes, **params: object) -> Reply:
    return Reply(turn.text(key, **params), document=Photo(filename, content))


async def template(turn: Turn) -> list[Reply]:
    allowed, _ = await organiser_scope(turn)
    if not allowed:
        return [turn.say("files.refused")]
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
    """A delegate file: checked row by row, the good rows stored, the report and the links."""
    inbound = turn.inbound
    allowed, scopes = await organiser_scope(turn)
    if not allowed:
        return [turn.say("files.refused_document")]
    if inbound.too_large:
        return [turn.say("files.too_large")]
    suffix = PurePath(inbound.text).suffix.lower()
    if suffix not in SUFFIXES:
        return [turn.say("files.wrong_type")]
    content = await inbound.document_content()
    if content is None:
        return [turn.say("files.unreadable")]
    if len(content) > LIST_MAX_BYTES:
        return [turn.say("files.too_large")]
    try:
        checked = imports.check_rows(imports.read_rows(content, suffix), turn.plan)
    except imports.ImportFileError as error:
        return [turn.say("files.file_error", problem=str(error))]
    for person in [p for p in checked.people if _outside(p, scopes)]:
        checked.people.remove(person)
        column = imports.column_title("commune", turn.locale)
        checked.errors.append(
            imports.RowError(person.line, column, turn.text("files.outside_scope"))
        )
    # A phone number (or a name) that is a delegate of someone else's commune or unit: a focal
    # point would move that person into their own and rename them.
    may_change = None if scopes is None else lambda *delegate: _within(scopes, *delegate)
    stored = (
        await turn.services.imports.store(checked.people, turn.now, may_change)
        if checked.people
        else []
    )
    for entry in [e for e in stored if e.refused]:
        stored.remove(entry)
        column = imports.column_title("phone", turn.locale)
        problem = turn.text("files.someone_elses_delegate")
        checked.errors.append(imports.RowError(entry.person.line, column, problem))
    merged = sum(entry.merged for entry in stored)
    await turn.audit(
        "import",
        file=inbound.text[:128],
        rows=len(stored),
        merged=merged,
        invalid=len(checked.bad_lines),
        scopes=list(scopes) if scopes is not None else None,
    )
    lines = imports.error_lines(checked.errors, turn.locale)
    lines.append(imports.summary(stored, checked, turn.locale))
    replies = paged(lines)
    if stored:
        link_template = turn.services.deep_links.get(inbound.channel)
        data = imports.links_xlsx(stored, None, turn.locale, link_template)
        count = len(imports.unique_delegates(stored))
        name = f"loi-moi-{slug(PurePath(inbound.text).stem)[:40]}.xlsx"
        replies.append(_file(turn, "files.links", name, data, count=count))
    return replies


async def export_command(turn: Turn) -> list[Reply]:
    allowed, _ = await organiser_scope(turn)
    if not allowed:
        return [turn.say("files.refused")]
    sessions = sorted(turn.plan.series.sessions, key=session_order)
    if not sessions:
        return [turn.say("files.no_sessions")]
    rows = tuple(
        (
            turn.button(
                "files.session_button",
                f"{PREFIX}{session.num}",
                label=turn.plan.answerer.label(session, turn.locale),
                date=format_session_day(session, turn.plan.zone, turn.locale),
            ),
        )
        for session in sessions
    )
    return [turn.say("files.pick_session", buttons=rows)]


async def on_export_button(turn: Turn, data: str) -> list[Reply]:
    """`xu:<session>`: the list as XLSX and the printable papers offered; `xu:<session>:<kind>`:
    that paper, within a focal point's scope and without phone numbers for them."""
    allowed, scopes = await organiser_scope(turn)
    if not allowed:
        return [turn.say("files.refused")]
    number, _, kind = data.removeprefix(PREFIX).partition(":")
    session = turn.session_named(number)
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
    content = RENDERERS[kind][form](material)
    name = f"{FILE_NAMES[kind]}-{session.id}.{form}"
    title = turn.text(f"files.doc.{kind}")
    return [_file(turn, "files.doc.sent", name, content, count=len(material.people), title=title)]


def calendar(turn: Turn) -> list[Reply]:
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
