"""DOCX building blocks (python-docx) in the format of Nghị định 30/2020/NĐ-CP: A4, Times New
Roman 13 pt, the decree's margins, the two-column heading and the signature block."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

from docx import Document
from docx.document import Document as DocxDocument
from docx.document import _Body
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.run import Run

from bot.catalog import t
from bot.documents.content import Heading, signature
from bot.documents.material import Material

FONT = "Times New Roman"
Container = DocxDocument | _Body  # the document, or a page staged by `staged`


def new_document(landscape: bool = False) -> DocxDocument:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(3)
    return document


@contextmanager
def staged(document: DocxDocument) -> Iterator[_Body]:
    """A page built apart, then moved before the document's section properties at once:
    python-docx finds that place by reading every element of the body at each paragraph,
    which grows with the square of 2,000 invitations."""
    staging = OxmlElement("w:body")
    yield _Body(staging, document._body)
    end = document.element.body.sectPr
    assert end is not None
    for element in list(staging):
        end.addprevious(element)


def to_bytes(document: DocxDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def centred(
    document: Container | _Cell,
    text: str,
    bold: bool = False,
    size: float = 13,
    italic: bool = False,
) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def small(cell: _Cell, text: str, size: float = 9) -> None:
    run = cell.add_paragraph().add_run(text)
    run.font.size = Pt(size)


def picture(document: Container, run: Run, png: bytes, width_mm: float, shape_id: int) -> None:
    """A picture in a run, its id given: python-docx would search the whole document for the
    next free id at every picture, which makes 2,000 invitations take minutes."""
    part = document.part
    relationship, image = part.get_or_add_image(io.BytesIO(png))
    cx, cy = image.scaled_dimensions(Mm(width_mm), None)
    run._r.add_drawing(CT_Inline.new_pic_inline(shape_id, relationship, image.filename, cx, cy))


def table(document: Container, rows: int, columns: int, width_mm: float = 165) -> Table:
    """A table added to the body directly (Document.add_table reads every section first)."""
    body = document._body if isinstance(document, DocxDocument) else document
    found: Table = body.add_table(rows, columns, Mm(width_mm))
    return found


def _borderless(document: Container, columns: int, widths: tuple[float, ...]) -> Table:
    found = table(document, 1, columns, sum(widths))
    found.autofit = False
    for cell, width in zip(found.rows[0].cells, widths, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    return found


def heading(document: Container, head: Heading) -> None:
    """Governing and issuing body and number | state's name, motto, place and date."""
    left, right = _borderless(document, 2, (70, 95)).rows[0].cells
    lines = [(head.governing, False, 12)] if head.governing else []
    lines += [(head.issuing, True, 12), ("", False, 6), (head.number, False, 13)]
    for text, bold, size in lines:
        centred(left, text, bold=bold, size=size)
    centred(right, t("doc.nation"), bold=True, size=12)
    centred(right, t("doc.motto"), bold=True, size=13)
    centred(right, "", size=6)
    centred(right, head.place_date, italic=True)
    for cell in (left, right):
        cell._element.remove(cell.paragraphs[0]._element)  # the empty first paragraph
    document.add_paragraph()


def signature_table(
    document: Container, material: Material, places: list[str]
) -> tuple[_Cell, _Cell]:
    """Nơi nhận on the left, the signature block on the right; the cells, for more."""
    left, right = _borderless(document, 2, (80, 85)).rows[0].cells
    first = left.paragraphs[0].add_run(places[0])
    first.bold = first.italic = True
    first.font.size = Pt(12)
    for line in places[1:]:
        small(left, line, 11)
    lines, name, note = signature(material)
    right._element.remove(right.paragraphs[0]._element)
    for line in lines:
        centred(right, line, bold=True)
    for _ in range(4):
        centred(right, "")
    centred(right, name, bold=True)
    if note:
        centred(right, note, size=12)
    return left, right


def grid(document: Container, rows: list[list[str | int]], size: float = 11) -> None:
    """A bordered table, the first row bold (a header)."""
    found = table(document, len(rows), len(rows[0]))
    found.style = "Table Grid"
    for number, (cells, values) in enumerate(zip(found.rows, rows, strict=True)):
        for cell, value in zip(cells.cells, values, strict=True):
            run = cell.paragraphs[0].add_run(str(value))
            run.font.size = Pt(size)
            run.bold = number == 0
