"""Giấy mời: one page per invitee, with their own QR code and, printed beneath it, the same
personal link (`https://t.me/<bot>?start=p-<code>`), as one PDF ready to print and one DOCX
to edit, sign and stamp."""

from __future__ import annotations

import io
from typing import NamedTuple

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.shape import CT_Inline
from docx.text.run import Run

from bot.catalog import t
from bot.documents import docx_parts
from bot.documents.content import (
    Heading,
    heading,
    invitation_about,
    invitation_body,
    invitee,
    recipients,
    signature,
)
from bot.documents.material import Material, Person
from bot.documents.pdf import FAMILY, Pdf
from bot.documents.qr import printed_qr

QR_MM = 30.0
BODY_LINE = 6.5
SCAN_LINES = ("doc.scan", "doc.scan_note")  # two short lines beside the signature
LEFT_HEADING_MM = 72.0


def invitations_pdf(material: Material) -> bytes:
    pdf = Pdf("portrait", numbered=False)
    pdf.set_auto_page_break(False)  # one invitation, one page
    head = heading(material, "GM")
    texts, body = invitation_body(material), list[str]()
    for person in material.people:
        pdf.add_page()
        if not body:  # fpdf2 breaks lines only on a page
            pdf.set_font(FAMILY, "", 13)
            body = pdf.wrapped(texts, BODY_LINE)
        _pdf_page(pdf, material, person, head, body)
    return bytes(pdf.output())


def _pdf_page(pdf: Pdf, material: Material, person: Person, head: Heading, body: list[str]) -> None:
    pdf.heading(head, LEFT_HEADING_MM)
    pdf.lines(pdf.width, [t("doc.invitation")], "B", 14, 7)
    pdf.lines(pdf.width, [invitation_about(material)], "B", 13, 6)
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 13)
    pdf.multi_cell(0, 6.5, t("doc.invite_to", who=invitee(person)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 13)
    for line in body:
        pdf.cell(0, BODY_LINE, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    top, left, half = pdf.get_y(), pdf.l_margin, pdf.width / 2
    lines, name, note = signature(material)
    pdf.set_xy(left + half - 10, top)
    pdf.lines(half + 10, lines, "B", 13, 6)
    pdf.ln(24)
    pdf.set_x(left + half - 10)
    pdf.lines(half + 10, [name], "B", 13, 6)
    if note:
        pdf.set_x(left + half - 10)
        pdf.lines(half + 10, [note], "", 12, 5.5)
    pdf.set_xy(left, top)
    places = recipients()
    pdf.set_font(FAMILY, "BI", 12)
    pdf.cell(half, 5.5, places[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 11)
    for line in places[1:]:
        pdf.cell(half, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FAMILY, "I", 10)
    for key in SCAN_LINES:
        pdf.cell(half, 4.5, t(key), new_x="LMARGIN", new_y="NEXT")
    pdf.image(io.BytesIO(printed_qr(person.link)), x=left, y=pdf.get_y() + 1, w=QR_MM, h=QR_MM)
    pdf.set_y(pdf.get_y() + QR_MM + 2)
    pdf.set_font(FAMILY, "", 9)
    pdf.cell(0, 4.5, person.link, link=person.link)


class _Personal(NamedTuple):
    """The parts of the DOCX invitation page that are the invitee's own."""

    who: Run
    qr: CT_Inline
    link: Run


def invitations_docx(material: Material) -> bytes:
    """One page built with python-docx, then copied for each invitee with their own name, QR
    picture and link (`docx_parts.PageCopies`: 2,000 pages built one by one took a minute)."""
    document = docx_parts.new_document()
    copies, pictures = docx_parts.PageCopies(document), docx_parts.Pictures(document)
    personal = _docx_page(copies.page, material)
    for number, person in enumerate(material.people):
        personal.who.text = t("doc.invite_to", who=invitee(person))
        docx_parts.show(personal.qr, pictures.add(printed_qr(person.link)), number + 1)
        personal.link.text = person.link
        copies.copy()
    return copies.to_bytes()


def _docx_page(page: docx_parts.Container, material: Material) -> _Personal:
    docx_parts.heading(page, heading(material, "GM"))
    docx_parts.centred(page, t("doc.invitation"), bold=True, size=14)
    docx_parts.centred(page, invitation_about(material), bold=True)
    who = page.add_paragraph().add_run()
    who.bold = True
    for line in invitation_body(material):
        page.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    cells = docx_parts.signature_table(page, material, recipients())
    scan = cells[0].add_paragraph()
    scan.add_run(" ".join(t(key) for key in SCAN_LINES)).italic = True
    scan.add_run().add_break()
    qr = docx_parts.square_picture(scan.add_run(), QR_MM)
    return _Personal(who, qr, docx_parts.small(cells[0], ""))
