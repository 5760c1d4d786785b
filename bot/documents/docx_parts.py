"""DOCX building blocks (python-docx) in the format of Nghị định 30/2020/NĐ-CP: A4, Times New
Roman 13 pt, the decree's margins, the two-column heading and the signature block."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.document import Document as DocxDocument
from docx.document import _Body
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.run import Run
from lxml import etree  # type: ignore[import-untyped]

from bot.catalog import t
from bot.documents.content import Heading, signature
from bot.documents.material import Material

FONT = "Times New Roman"
IMAGE_NAME = "image.png"  # python-docx's name for a picture given as bytes
DOCUMENT_XML = "word/document.xml"
PAGES = "pages"  # a comment in the body where `PageCopies` puts its pages
PAGES_MARK = f"<!--{PAGES}-->".encode()
Container = DocxDocument | _Body  # the document, or a page built apart by `PageCopies`


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


class PageCopies:
    """One page built once with python-docx (in `page`), then copied for each person once their
    own parts are set in it. python-docx's work per element costs about 20 ms an invitation, so
    the page is built once; the copies are kept as XML text and put into the saved document's
    body at the end, as 2,000 pages held as XML elements take about 180 MB, as text 15 MB."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        end = document.element.body.sectPr
        assert end is not None
        end.addprevious(etree.Comment(PAGES))
        self.page = self._staging()
        breaking = self._staging()
        breaking.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._page_break = _inner_xml(breaking)
        self._pages: list[bytes] = []

    def _staging(self) -> _Body:
        """A body apart, with the document's namespaces: its elements' XML then declares none."""
        namespaces = {prefix: uri for prefix, uri in self.document.element.nsmap.items() if prefix}
        return _Body(OxmlElement("w:body", nsdecls=namespaces), self.document._body)

    def copy(self) -> None:
        """The page as it is now, after a page break unless it is the first."""
        if self._pages:
            self._pages.append(self._page_break)
        self._pages.append(_inner_xml(self.page))

    def to_bytes(self) -> bytes:
        """The document with the copies in its body, before its section properties."""
        return _with_pages(to_bytes(self.document), b"".join(self._pages))


def _inner_xml(body: _Body) -> bytes:
    """The XML of the body's elements, without the body's own tags."""
    xml: bytes = etree.tostring(body._element, encoding="UTF-8")
    return xml[xml.index(b">") + 1 : xml.rindex(b"</")]


def _with_pages(docx: bytes, pages: bytes) -> bytes:
    """`docx` with `pages` in place of the comment that marks where they go."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == DOCUMENT_XML:
                assert data.count(PAGES_MARK) == 1
                data = data.replace(PAGES_MARK, pages)
            target.writestr(item, data)
    return out.getvalue()


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


def small(cell: _Cell, text: str, size: float = 9) -> Run:
    run: Run = cell.add_paragraph().add_run(text)
    run.font.size = Pt(size)
    return run


class Pictures:
    """PNG pictures added under names and relationship ids given here (one `Pictures` a
    document): python-docx's own `add_picture` looks for a free name through every image part
    at each new picture, which grows with the square of their number."""

    def __init__(self, document: DocxDocument) -> None:
        self.part = document.part
        self._count = 0

    def add(self, png: bytes) -> str:
        """The picture's relationship id, for `show`."""
        self._count += 1
        image = ImagePart(PackURI(f"/word/media/image{self._count}.png"), CT.PNG, png)
        relationship = f"rIdPicture{self._count}"
        self.part.rels.add_relationship(RT.IMAGE, image, relationship)
        return relationship


def square_picture(run: Run, side_mm: float) -> CT_Inline:
    """A place in `run` for a square picture, shown by `show`."""
    inline = CT_Inline.new_pic_inline(0, "", IMAGE_NAME, Mm(side_mm), Mm(side_mm))
    run._r.add_drawing(inline)
    return inline


def show(inline: CT_Inline, relationship: str, shape_id: int) -> None:
    """The picture of `relationship` in `inline`, as shape `shape_id` (unique in the document)."""
    inline.docPr.set("id", str(shape_id))
    inline.docPr.set("name", f"Picture {shape_id}")
    inline.graphic.graphicData.pic.blipFill.blip.embed = relationship


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
