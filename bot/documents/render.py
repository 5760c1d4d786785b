"""Which paper in which format: the one table `hoinghi docs`, the chat and the dashboard use.

The renderers' modules (fpdf2, python-docx, lxml: about 0.7 s to import) are loaded when a
paper is first made, not when the bot starts.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # what a paper holds loads when a paper is made
    from bot.documents.material import Material

Renderer = Callable[..., bytes]

# kind -> format -> (module in bot.documents, function, the arguments after the material)
RENDERERS: dict[str, dict[str, tuple[str, str, tuple[bool, ...]]]] = {
    "invitations": {
        "pdf": ("invitations", "invitations_pdf", ()),
        "docx": ("invitations", "invitations_docx", ()),
    },
    "list": {"xlsx": ("lists", "list_xlsx", (False,)), "pdf": ("lists", "list_pdf", (False,))},
    "signin": {"xlsx": ("lists", "list_xlsx", (True,)), "pdf": ("lists", "list_pdf", (True,))},
    "report": {
        "docx": ("reports", "report_docx", (False,)),
        "xlsx": ("reports", "report_xlsx", (False,)),
    },
    "readiness": {
        "docx": ("reports", "report_docx", (True,)),
        "xlsx": ("reports", "report_xlsx", (True,)),
    },
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


def render(kind: str, form: str, material: Material) -> bytes:
    """The paper `kind` as `form` (a pair of RENDERERS) for this material."""
    module, name, arguments = RENDERERS[kind][form]
    function = cast(Renderer, getattr(import_module(f"bot.documents.{module}"), name))
    return function(material, *arguments)
