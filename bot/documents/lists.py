"""Danh sách đại biểu and Danh sách ký tên, ready to print: A4 landscape, one page wide, the
header row on every page, "Trang x/y", the title block with the issuing body and the session,
Thành phần and Đơn vị công tác apart, phones as text; as XLSX and as PDF."""

from __future__ import annotations

import io

from fpdf.fonts import FontFace
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from bot.catalog import t
from bot.documents.content import heading, session_label, when_text
from bot.documents.material import Material, Person
from bot.documents.pdf import FAMILY, Pdf
from bot.services.cells import append_row, set_text
from bot.services.exports import note_text, status_text

# (column, width in characters for XLSX; the PDF scales them to the page)
LIST_COLUMNS = (
    ("number", 6),
    ("name", 24),
    ("position", 22),
    ("category", 22),
    ("workplace", 26),
    ("commune", 16),
    ("phone", 14),
    ("status", 24),
)
SIGNIN_COLUMNS = (*LIST_COLUMNS[:-1], ("sign", 18))
TITLE_ROWS = 5  # issuing body, title, session, time and venue, a blank row; then the header
XLSX_FONT = "Times New Roman"


def columns(material: Material, signin: bool) -> tuple[tuple[str, int], ...]:
    chosen = SIGNIN_COLUMNS if signin else LIST_COLUMNS
    return tuple(c for c in chosen if c[0] != "phone" or material.with_phones)


def cell_text(person: Person, column: str, number: int, material: Material) -> str | int:
    row = person.row
    values: dict[str, str | int] = {
        "number": number,
        "name": row.full_name,
        "position": row.position,
        "category": person.category,
        "workplace": person.workplace,
        "commune": person.commune,
        "phone": row.phone,
        "sign": "",
    }
    if column == "status":
        note = note_text(row, material.with_phones)
        return f"{status_text(row)}; {note}" if note else status_text(row)
    return values[column]


def title_lines(material: Material, signin: bool) -> list[str]:
    head = heading(material, "DS")
    session = material.session
    venue = ", ".join(part for part in (session.venue.name, session.venue.address) if part)
    return [
        " - ".join(part for part in (head.governing, head.issuing) if part),
        t("doc.signin_title" if signin else "doc.list_title"),
        session_label(material),
        f"{when_text(material)}; {venue}",
    ]


def list_xlsx(material: Material, signin: bool) -> bytes:
    chosen = columns(material, signin)
    book = Workbook()
    sheet = book.active
    sheet.title = t("doc.signin_title" if signin else "doc.list_title").capitalize()
    last = get_column_letter(len(chosen))
    for number, (text, size, bold) in enumerate(
        zip(
            title_lines(material, signin), (12, 14, 13, 12), (True, True, True, False), strict=True
        ),
        start=1,
    ):
        set_text(sheet.cell(number, 1), text)
        sheet.merge_cells(f"A{number}:{last}{number}")
        sheet.cell(number, 1).font = Font(name=XLSX_FONT, size=size, bold=bold)
        sheet.cell(number, 1).alignment = Alignment(horizontal="center", wrap_text=True)
    header = TITLE_ROWS + 1
    edge = Side(style="thin")
    box = Border(left=edge, right=edge, top=edge, bottom=edge)
    for index, (column, width) in enumerate(chosen, start=1):
        cell = sheet.cell(header, index, t(f"doc.col.{column}"))
        cell.font = Font(name=XLSX_FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, person in enumerate(material.people, start=1):
        append_row(sheet, [cell_text(person, column, number, material) for column, _ in chosen])
        for index, cell in enumerate(sheet[sheet.max_row]):
            cell.font = Font(name=XLSX_FONT, size=12)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = box
            if chosen[index][0] == "phone":
                cell.number_format = "@"
        if signin:
            sheet.row_dimensions[sheet.max_row].height = 30
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = t("doc.page", page="&P", pages="&N")
    sheet.freeze_panes = f"A{header + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def list_pdf(material: Material, signin: bool) -> bytes:
    chosen = columns(material, signin)
    pdf = Pdf("landscape", numbered=True)
    pdf.add_page()
    lines = title_lines(material, signin)
    pdf.lines(pdf.width, lines[:1], "B", 12, 6)
    pdf.lines(pdf.width, lines[1:2], "B", 14, 7)
    pdf.lines(pdf.width, lines[2:3], "B", 13, 6)
    pdf.lines(pdf.width, lines[3:], "", 12, 6)
    pdf.ln(3)
    total = sum(width for _, width in chosen)
    widths = tuple(pdf.width * width / total for _, width in chosen)
    pdf.set_font(FAMILY, size=11)
    with pdf.table(
        col_widths=widths,
        line_height=6 if not signin else 7,
        text_align="LEFT",
        repeat_headings=1,
        headings_style=FontFace(emphasis="BOLD"),
    ) as table:
        heading_row = table.row()
        for column, _ in chosen:
            heading_row.cell(t(f"doc.col.{column}"), align="CENTER")
        for number, person in enumerate(material.people, start=1):
            row = table.row()
            for column, _ in chosen:
                row.cell(str(cell_text(person, column, number, material)))
    return bytes(pdf.output())
