"""Reading a focal point's delegate file (XLSX or CSV): header matching, row-by-row validation
with errors by row and column, the empty template and the sheet of personal invite links.
Pure: bytes in, bytes or values out; every label from the catalog."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.catalog import t
from bot.domain import Category
from bot.services.cells import append_row, csv_row
from bot.services.import_limits import ImportLimits
from bot.services.numbers import as_number
from bot.services.people import (
    normalise_free_text,
    normalise_name,
    normalise_phone,
    normalise_position,
)
from bot.services.plan_state import LoadedPlan
from bot.services.sheets import (
    Deadline,
    ImportFileError,
    Sheet,
    column_letter,
    read_sheet,
)
from bot.services.vntext import fold, quote
from storage.import_rows import ImportedPerson, StoredPerson

COLUMNS = ("number", "name", "position", "unit", "workplace", "commune", "phone")
REQUIRED = ("name", "position", "unit", "commune")
# Header names as typed by people, folded (lowercase, no diacritics, no punctuation).
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "number": ("stt", "so thu tu", "tt", "no", "number"),
    "name": ("ho va ten", "ho ten", "ten", "full name", "name"),
    "position": ("chuc vu", "position"),
    "unit": ("don vi", "thanh phan", "unit", "category"),
    "workplace": ("don vi cong tac", "noi cong tac", "co quan", "workplace"),
    "commune": ("xa phuong", "xa", "phuong", "xa phuong dac khu", "commune", "commune ward"),
    "phone": ("so dien thoai", "dien thoai", "sdt", "so dt", "phone"),
}
OTHER = "other"
CITY_GROUP = "city"
WIDTHS = (6, 28, 30, 34, 30, 22, 15)
LINK_WIDTHS = (6, 28, 22, 15, 48)


@dataclass(frozen=True)
class RowError:
    line: int
    column: str  # a header shown to the reader
    problem: str


@dataclass
class Checked:
    people: list[ImportedPerson] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def bad_lines(self) -> set[int]:
        return {error.line for error in self.errors if error.line > 1}


def _header_key(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def read_rows(
    data: bytes, suffix: str, plan: LoadedPlan, limits: ImportLimits | None = None
) -> Checked:
    """Read and check a delegate file within `limits`; only `ImportFileError` escapes. This is
    what runs away from the event loop (`bot.services.import_worker`)."""
    limits = limits or ImportLimits()
    deadline = Deadline(limits)
    return check_rows(read_sheet(data, suffix, limits, deadline), plan, deadline)


def check_rows(sheet: Sheet, plan: LoadedPlan, deadline: Deadline | None = None) -> Checked:
    """Match the header row, then validate every row; a row with any error is left out."""
    rows = sheet.rows
    if not rows:
        raise ImportFileError(t("import.empty"))
    header_line, header = rows[0]
    checked = Checked()
    where: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        key = _header_key(name)
        column = next((c for c, names in HEADER_NAMES.items() if key in names), None)
        if column is None:
            checked.errors.append(
                RowError(header_line, name, t("import.unknown_header", header=quote(name, 80)))
            )
        elif column not in where:
            where[column] = index
    missing = [c for c in REQUIRED if c not in where]
    if missing:
        names = ", ".join(column_title(c) for c in missing)
        raise ImportFileError(t("import.missing_columns", columns=names, line=header_line))
    for problem in sheet.problems:
        index = problem.column - 1
        title = header[index] if problem.line != header_line and index < len(header) else ""
        letter = column_letter(problem.column)
        column = f"{letter} ({quote(title, 40)})" if title else letter
        checked.errors.append(RowError(problem.line, column, problem.problem))
    unreadable = {problem.line for problem in sheet.problems}
    for count, (line, cells) in enumerate(rows[1:], start=1):
        if deadline is not None and count % 1000 == 0:
            deadline.check()
        values = {c: (cells[i] if i < len(cells) else "") for c, i in where.items()}
        if not any(v for c, v in values.items() if c != "number"):
            continue
        person, errors = _check_row(line, values, plan)
        checked.errors.extend(errors)
        if person is not None and line not in unreadable:
            checked.people.append(person)
    return checked


def column_title(column: str, locale: str = "vi") -> str:
    return t(f"import.col.{column}", locale)


def _category(text: str, plan: LoadedPlan) -> Category | None:
    key = fold(text)
    return next((c for c in plan.series.categories if key in (fold(c.code), fold(c.label))), None)


def _check_row(
    line: int, values: dict[str, str], plan: LoadedPlan
) -> tuple[ImportedPerson | None, list[RowError]]:
    errors: list[RowError] = []

    def fail(column: str, key: str, **params: object) -> None:
        errors.append(RowError(line, column_title(column), t(key, **params)))

    raw_name = values.get("name", "")
    name = normalise_name(raw_name)
    if not raw_name:
        fail("name", "import.empty_name")
    elif name is None:
        fail("name", "import.bad_name", value=quote(raw_name))
    raw_position = values.get("position", "")
    position = normalise_position(raw_position)
    if not raw_position:
        fail("position", "import.empty_position")
    elif position is None:
        fail("position", "import.bad_position", value=quote(raw_position))
    raw_unit = values.get("unit", "")
    category = _category(raw_unit, plan) if raw_unit else None
    other = "" if category else normalise_free_text(raw_unit)
    if not raw_unit:
        fail("unit", "import.empty_unit")
    elif other is None:
        fail("unit", "import.bad_unit", value=quote(raw_unit))
    raw_workplace = values.get("workplace", "")
    workplace = normalise_free_text(raw_workplace) if raw_workplace else ""
    if workplace is None:
        fail("workplace", "import.bad_workplace", value=quote(raw_workplace))
    commune_code: int | None = None
    commune_name: str | None = None
    raw_commune = values.get("commune", "")
    if raw_commune:
        code = as_number(raw_commune)
        found = plan.communes.by_code(code) if code is not None else None
        match = plan.communes.match(raw_commune)
        if found is None and match.status == "exact":
            found = match.candidates[0]
        if found is not None:
            commune_code, commune_name = found.code, found.name
        elif match.status == "ambiguous":
            names = ", ".join(c.name for c in match.candidates)
            fail("commune", "import.ambiguous_commune", value=quote(raw_commune), candidates=names)
        else:
            fail(
                "commune",
                "import.unknown_commune",
                value=quote(raw_commune),
                province=plan.series.province,
            )
    elif category is None or category.group != CITY_GROUP:
        fail("commune", "import.empty_commune")
    raw_phone = values.get("phone", "")
    phone = ""
    if raw_phone:
        digits = raw_phone.replace(" ", "")
        if len(digits) == 9 and as_number(digits) is not None and not digits.startswith("0"):
            digits = "0" + digits  # a spreadsheet dropped the leading zero
        phone = normalise_phone(digits) or ""
        if not phone:
            fail("phone", "import.bad_phone", value=quote(raw_phone))
    if errors or name is None or position is None or other is None or workplace is None:
        return None, errors
    person = ImportedPerson(
        line=line,
        full_name=name,
        position=position,
        category_code=category.code if category else OTHER,
        category_other=other,
        commune_code=commune_code,
        commune_name=commune_name,
        phone=phone,
        workplace=workplace,
    )
    return person, errors


def error_lines(errors: Sequence[RowError], locale: str = "vi") -> list[str]:
    return [
        t("import.error_line", locale, line=e.line, column=e.column, problem=e.problem)
        for e in sorted(errors, key=lambda e: e.line)
    ]


def summary(stored: Sequence[StoredPerson], checked: Checked, locale: str = "vi") -> str:
    """The last line of an import report: stored, of which new and merged, invalid rows, and
    the rows held back for a decision."""
    applied = [entry for entry in stored if entry.applied]
    merged = sum(entry.merged for entry in applied)
    text = t(
        "import.summary",
        locale,
        stored=len(applied),
        added=len(applied) - merged,
        merged=merged,
        invalid=len(checked.bad_lines),
    )
    held = sum(entry.conflict is not None for entry in stored)
    skipped = sum(entry.skipped for entry in stored)
    if held:
        text += " " + t("import.summary_held", locale, count=held)
    if skipped:
        text += " " + t("import.summary_skipped", locale, count=skipped)
    return text


def short_report(lines: Sequence[str], shown: int, locale: str = "vi") -> list[str]:
    """The first `shown` lines of a report, and how many more the whole report holds."""
    if len(lines) <= shown:
        return list(lines)
    return [*lines[:shown], t("import.more_errors", locale, count=len(lines) - shown)]


def report_csv(errors: Sequence[RowError], locale: str = "vi") -> bytes:
    """Every error of an import, one a row (row, column, problem); UTF-8 with a BOM for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t(f"import.report.{c}", locale) for c in ("line", "column", "problem")])
    writer.writerows(
        csv_row((e.line, e.column, e.problem)) for e in sorted(errors, key=lambda e: e.line)
    )
    return out.getvalue().encode("utf-8-sig")


def conflict_error(entry: StoredPerson, with_phone: bool = True, locale: str = "vi") -> RowError:
    """A held row as a line of the report: its row, the column in conflict, with what."""
    kind = entry.conflict.kind if entry.conflict else "phone"
    column = column_title("phone" if kind == "phone" else "name", locale)
    return RowError(entry.person.line, column, conflict_line(entry, with_phone, locale))


def conflict_line(entry: StoredPerson, with_phone: bool, locale: str = "vi") -> str:
    """What a held row conflicts with, for the importer to decide."""
    conflict = entry.conflict
    assert conflict is not None
    person = entry.person
    return t(
        f"import.conflict.{conflict.kind}",
        locale,
        name=person.full_name,
        phone=person.phone if with_phone else t("import.phone_hidden", locale),
        stored_name=conflict.stored_name,
        stored_phone=conflict.stored_phone if with_phone else t("import.phone_hidden", locale),
    )


def _bold_header(sheet: object, widths: Sequence[int]) -> None:
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for cell in sheet[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width  # type: ignore[attr-defined]


def template_xlsx(plan: LoadedPlan, locale: str = "vi") -> bytes:
    """The header row and one example row; a second sheet lists the plan's categories."""
    from openpyxl import Workbook  # type: ignore[import-untyped]  # loaded when first used

    book = Workbook()
    sheet = book.active
    sheet.title = t("import.sheet", locale)
    append_row(sheet, [column_title(c, locale) for c in COLUMNS])
    communes = [s.commune_name for s in plan.series.sessions if s.commune_name]
    commune = communes[0] if communes else plan.communes.all()[0].name
    units = [c for c in plan.series.categories if c.group != CITY_GROUP] or list(
        plan.series.categories
    )
    append_row(
        sheet,
        [
            1,
            t("import.example_name", locale),
            t("import.example_position", locale),
            units[0].label if units else "",
            t("import.example_workplace", locale),
            commune,
            "0912345678",
        ],
    )
    for cell in sheet["G"]:
        cell.number_format = "@"
    _bold_header(sheet, WIDTHS)
    sheet.freeze_panes = "A2"
    codes = book.create_sheet(t("import.units_sheet", locale))
    append_row(codes, [t("import.units_code", locale), t("import.units_label", locale)])
    for category in plan.series.categories:
        append_row(codes, [category.code, category.label])
    append_row(codes, [OTHER, t("import.units_other", locale)])
    _bold_header(codes, (26, 60))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def invite_link(code: str, bot_username: str | None, template: str | None = None) -> str:
    """The deep link of a claim code: from the channel's template when given
    ("https://t.me/<bot>?start={payload}"), else from the bot's user name."""
    payload = f"p-{code}"
    if template:
        return template.format(payload=payload)
    if bot_username:
        return f"https://t.me/{bot_username.lstrip('@')}?start={payload}"
    return f"/start {payload}"


def unique_delegates(stored: Sequence[StoredPerson]) -> list[StoredPerson]:
    """One entry per delegate (the last row that touched it), in the order of the file."""
    last: dict[int, StoredPerson] = {}
    for entry in stored:
        last.pop(entry.delegate_id, None)
        last[entry.delegate_id] = entry
    return sorted(last.values(), key=lambda e: e.person.line)


def links_xlsx(
    stored: Sequence[StoredPerson],
    bot_username: str | None,
    locale: str = "vi",
    template: str | None = None,
) -> bytes:
    """STT, name, commune, phone and the personal invite link of every stored delegate."""
    from openpyxl import Workbook  # loaded when first used

    book = Workbook()
    sheet = book.active
    sheet.title = t("import.links_sheet", locale)
    append_row(
        sheet,
        [
            column_title("number", locale),
            column_title("name", locale),
            column_title("commune", locale),
            column_title("phone", locale),
            t("import.col.link", locale),
        ],
    )
    for number, entry in enumerate(unique_delegates(stored), start=1):
        person = entry.person
        link = (
            invite_link(entry.claim_code, bot_username, template)
            if entry.claim_code
            else t("import.already_linked", locale)
        )
        commune = person.commune_name or t("export.city_level", locale)
        append_row(sheet, [number, person.full_name, commune, person.phone, link])
    for cell in sheet["D"]:
        cell.number_format = "@"
    _bold_header(sheet, LINK_WIDTHS)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
