"""Exports for organisers, as bytes: the delegate list of a session (XLSX, CSV) and the
calendar of the sessions (.ics, RFC 5545). Pure: no I/O, every label from the catalog."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.catalog import t
from bot.domain import SessionInfo
from bot.services.cells import append_row, csv_row
from bot.services.dates import format_session_when
from bot.services.levels import level_key
from bot.services.plan_state import LoadedPlan
from bot.services.reminders import parse_offset
from storage.reports import DelegateListRow

COLUMNS = ("number", "name", "position", "unit", "commune", "phone", "status", "note")
# Column widths in characters, in the order of COLUMNS.
WIDTHS = (6, 28, 30, 34, 20, 15, 26, 44)
PHONE_COLUMN = COLUMNS.index("phone") + 1
ICS_LINE_OCTETS = 75

Cell = str | int


# The delegate list ---------------------------------------------------------------------------


def delegate_list_title(plan: LoadedPlan, session: SessionInfo, locale: str = "vi") -> str:
    """ "Danh sách đại biểu — Hội nghị tại xã Lộc Tấn, Thứ Năm, 23/07/2026, 08:00–11:30"."""
    return t(
        "export.title",
        locale,
        label=plan.answerer.label(session, locale),
        when=format_session_when(session, plan.zone, locale),
    )


def headers(locale: str = "vi") -> list[str]:
    return [t(f"export.col.{column}", locale) for column in COLUMNS]


def status_text(row: DelegateListRow, locale: str = "vi") -> str:
    status = t(f"export.status.{row.answer or 'none'}", locale)
    return t("export.status.checked_in", locale, status=status) if row.checked_in else status


def note_text(row: DelegateListRow, with_phones: bool, locale: str = "vi") -> str:
    """The absence reason, or who goes in the delegate's place."""
    notes = [row.reason] if row.reason else []
    if row.answer == "substitute" and row.substitute_name:
        phone = row.substitute_phone if with_phones else ""
        details = ", ".join(part for part in (row.substitute_position, phone) if part)
        name = row.substitute_name
        notes.append(
            t("export.note.substitute_details", locale, name=name, details=details)
            if details
            else t("export.note.substitute", locale, name=name)
        )
    return "; ".join(notes)


class Categorised(Protocol):
    """A delegate, or a row of a list: what `unit_text` reads."""

    @property
    def category_code(self) -> str: ...

    @property
    def category_other(self) -> str: ...


def unit_text(row: Categorised, plan: LoadedPlan) -> str:
    """The category's label from the plan, or the delegate's own words for "other"."""
    if row.category_other:
        return row.category_other
    category = plan.category(row.category_code)
    return category.label if category else row.category_code


def delegate_list_table(
    rows: Sequence[DelegateListRow], plan: LoadedPlan, with_phones: bool, locale: str = "vi"
) -> list[list[Cell]]:
    """The list's body: one row of cells per delegate, in the order of `headers()`."""
    upper_level_text = t(level_key("export.city_level", plan.series.upper_level), locale)
    return [
        [
            number,
            row.full_name,
            row.position,
            unit_text(row, plan),
            row.commune_name or upper_level_text,
            row.phone if with_phones else "",
            status_text(row, locale),
            note_text(row, with_phones, locale),
        ]
        for number, row in enumerate(rows, start=1)
    ]


def delegate_list_xlsx(
    rows: Sequence[DelegateListRow],
    title: str,
    plan: LoadedPlan,
    with_phones: bool,
    locale: str = "vi",
) -> bytes:
    """One sheet: a merged title row, the header row (frozen), one row per delegate."""
    # openpyxl loads with the first spreadsheet, not at start
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = t("export.sheet", locale)
    last = get_column_letter(len(COLUMNS))
    sheet.append([title])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 36
    sheet.append(headers(locale))
    fill = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for values in delegate_list_table(rows, plan, with_phones, locale):
        append_row(sheet, values)
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        row_cells[PHONE_COLUMN - 1].number_format = "@"  # a phone number is text: keep the 0
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{last}{max(sheet.max_row, 2)}"
    sheet.print_title_rows = "2:2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def delegate_list_csv(
    rows: Sequence[DelegateListRow], plan: LoadedPlan, with_phones: bool, locale: str = "vi"
) -> bytes:
    """The header row and one row per delegate; UTF-8 with a BOM and CRLF, as Excel expects."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(headers(locale))
    writer.writerows(map(csv_row, delegate_list_table(rows, plan, with_phones, locale)))
    return text.getvalue().encode("utf-8-sig")


# The calendar --------------------------------------------------------------------------------


def ics_escape(text: str) -> str:
    """TEXT values (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ics_fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (RFC 5545, 3.1), never inside a
    UTF-8 character; continuation lines start with one space."""
    parts: list[str] = []
    current, size, limit = "", 0, ICS_LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, ICS_LINE_OCTETS - 1
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def ics_duration(before: timedelta) -> str:
    """A trigger before the start: 7 days -> "-P7D", 2 hours -> "-PT2H"."""
    seconds = int(before.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    time = "".join(
        f"{value}{unit}" for value, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if value
    )
    text = (f"{days}D" if days else "") + (f"T{time}" if time else "")
    return f"-P{text or 'T0S'}"


def _ics_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def sessions_ics(
    plan: LoadedPlan,
    sessions: Sequence[SessionInfo],
    alarms: Sequence[str],
    now: datetime | None = None,
    locale: str = "vi",
) -> bytes:
    """A VCALENDAR with one VEVENT per dated session (one whose date is announced later has
    no event yet) and one VALARM per reminder offset ("7d")."""
    stamp = _ics_time(now or datetime.now(UTC))
    triggers = [ics_duration(parse_offset(offset)) for offset in alarms]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//hoinghi-bot//hoinghi-bot//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(plan.series.title)}",
        f"X-WR-TIMEZONE:{plan.series.timezone}",
    ]
    for session in sessions:
        slot = session.slot
        if slot is None:
            continue
        label = plan.answerer.label(session, locale)
        venue = ", ".join(part for part in (session.venue.name, session.venue.address) if part)
        description = "\n".join(
            [t("export.ics.topics", locale), *(f"- {topic}" for topic in session.topics)]
            if session.topics
            else [label]
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:{session.id}@hoinghi-bot",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ics_time(slot[0])}",
            f"DTEND:{_ics_time(slot[1])}",
            f"SUMMARY:{ics_escape(label)}",
            f"LOCATION:{ics_escape(venue)}",
            f"DESCRIPTION:{ics_escape(description)}",
            f"STATUS:{'TENTATIVE' if session.tentative else 'CONFIRMED'}",
        ]
        if session.venue.latitude is not None and session.venue.longitude is not None:
            lines.append(f"GEO:{session.venue.latitude};{session.venue.longitude}")
        for trigger in triggers:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{ics_escape(t('export.ics.alarm', locale, label=label))}",
                f"TRIGGER:{trigger}",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(f"{ics_fold(line)}\r\n" for line in lines).encode("utf-8")
