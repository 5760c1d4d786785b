"""Which paper in which format: the one table `hoinghi docs`, the chat and the dashboard use."""

from __future__ import annotations

from collections.abc import Callable

from bot.documents.invitations import invitations_docx, invitations_pdf
from bot.documents.lists import list_pdf, list_xlsx
from bot.documents.material import Material
from bot.documents.reports import report_docx, report_xlsx

Renderer = Callable[[Material], bytes]

RENDERERS: dict[str, dict[str, Renderer]] = {
    "invitations": {"pdf": invitations_pdf, "docx": invitations_docx},
    "list": {"xlsx": lambda m: list_xlsx(m, False), "pdf": lambda m: list_pdf(m, False)},
    "signin": {"xlsx": lambda m: list_xlsx(m, True), "pdf": lambda m: list_pdf(m, True)},
    "report": {"docx": lambda m: report_docx(m, False), "xlsx": lambda m: report_xlsx(m, False)},
    "readiness": {"docx": lambda m: report_docx(m, True), "xlsx": lambda m: report_xlsx(m, True)},
}
KINDS = (*RENDERERS, "posters")
# The papers the chat (/xuat) and the dashboard offer for a session, in the format they give.
OFFERED = {
    "list": "pdf",
    "signin": "pdf",
    "invitations": "pdf",
    "readiness": "docx",
    "report": "docx",
}
FILE_NAMES = {
    "invitations": "giay-moi",
    "list": "danh-sach-dai-bieu",
    "signin": "danh-sach-ky-ten",
    "report": "bao-cao-ket-qua",
    "readiness": "bao-cao-chuan-bi",
    "posters": "ap-phich-qr",
}


def formats(kind: str) -> tuple[str, ...]:
    return ("pdf",) if kind == "posters" else tuple(RENDERERS[kind])


def needs_figures(kind: str) -> bool:
    return kind in ("report", "readiness")
