"""Vietnamese text normalisation: cleaning, diacritic folding and tokenising.

Users type with or without diacritics, in NFC or NFD (some keyboards and copy-paste produce
decomposed text), and paste invisible characters; every comparison goes through `fold`.
"""

from __future__ import annotations

import re
import unicodedata

# Format characters (zero-width, BOM, bidi marks and isolates, soft hyphen, tags) and C0/C1
# controls other than the whitespace ones, which are turned into spaces or newlines below.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# Controls that a long text keeps no use for: C0 and C1 other than tab and line breaks, and the
# bidirectional marks, embeddings, overrides and isolates.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_NEWLINES = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_HSPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r" ?\n[ \n]*")
_WORD = re.compile(r"\w+")


def _fold_table() -> dict[int, str | None]:
    """Map every precomposed Latin letter to its base letter; drop combining marks."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "d"}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            base = unicodedata.normalize("NFD", chr(code))[0]
            if base.isascii() and base.isalpha():
                table[code] = base.lower()
    for code in range(0x0300, 0x0370):
        table[code] = None
    return table


_FOLD = _fold_table()


def clean(text: str) -> str:
    """NFC, without invisible or control characters, whitespace collapsed, stripped."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _NEWLINES.sub("\n", text)
    text = _HSPACE.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip()


def without_controls(text: str) -> str:
    """A long text as typed (an announcement: its line breaks, emoji and spacing kept), minus
    control characters and bidirectional overrides."""
    return _CONTROLS.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))


def quote(text: str, limit: int = 60) -> str:
    """What the bot may repeat of what someone typed: cleaned (no bidirectional overrides, which
    would turn the rest of the bot's sentence around, no control characters), on one line, cut
    to `limit` characters."""
    return " ".join(clean(text).split())[:limit]


def fold(text: str) -> str:
    """Clean, lowercase and strip diacritics: "Xã Đăk Ơ" -> "xa dak o"."""
    return fold_clean(clean(text))


def fold_clean(text: str) -> str:
    """`fold` for text that is already clean, e.g. a word from `words(clean(text))`."""
    return text.lower().translate(_FOLD)


def slug(text: str) -> str:
    """ASCII words joined by dashes, for file names and ids: "Xã Đăk Ơ" -> "xa-dak-o"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("đ", "d")).strip("-") or "x"


def words(text: str) -> list[str]:
    """The word tokens of already cleaned text (letters and digits; punctuation dropped)."""
    return _WORD.findall(text)
