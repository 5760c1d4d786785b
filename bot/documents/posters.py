"""Printable QR posters, one A4 page per commune or unit: the series, the commune's (or unit's)
name, one line of instruction, the QR code and the short link (`c-<ward>`, `u-<category>`)."""

from __future__ import annotations

import io

from bot.catalog import t
from bot.documents.pdf import Pdf
from bot.documents.qr import printed_qr
from bot.services.invites import Invitation

QR_MM = 120.0


def posters_pdf(title: str, issuing: str, invitations: list[Invitation]) -> bytes:
    pdf = Pdf("portrait", numbered=False)
    pdf.set_auto_page_break(False)
    for invitation in invitations:
        pdf.add_page()
        pdf.lines(pdf.width, [issuing], "B", 13, 6)
        pdf.ln(4)
        pdf.lines(pdf.width, [title], "", 13, 6)
        pdf.ln(10)
        pdf.lines(pdf.width, [t("doc.poster_heading")], "B", 22, 11)
        pdf.lines(pdf.width, [invitation.name], "B", 28, 14)
        pdf.ln(4)
        pdf.lines(pdf.width, [t("doc.poster_line")], "I", 15, 8)
        x = pdf.l_margin + (pdf.width - QR_MM) / 2
        pdf.image(io.BytesIO(printed_qr(invitation.link)), x=x, y=pdf.get_y() + 6, w=QR_MM, h=QR_MM)
        pdf.set_y(pdf.get_y() + QR_MM + 12)
        pdf.lines(pdf.width, [invitation.link.removeprefix("https://")], "B", 16, 8)
    return bytes(pdf.output())
