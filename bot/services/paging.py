"""Long texts cut into messages the platforms accept, between lines where possible."""

from __future__ import annotations

from collections.abc import Callable

PAGE = 4000  # under Telegram's 4096 UTF-16 units (emoji count twice), room for a page number


def utf16_units(text: str) -> int:
    """How Telegram counts a message's length: an emoji outside the BMP counts twice."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int, measure: Callable[[str], int] = len) -> list[str]:
    """Cut a long text into pieces that measure at most `limit`, between lines where possible
    (a line longer than a whole piece is cut inside). `measure` is how the platform counts."""
    if text[:1] not in ("", "\n") and measure(text) <= limit:
        return [text]  # what the lines below make of it, measured once instead of a line each
    pieces: list[str] = []
    current, size = "", 0
    for line in text.split("\n"):
        while measure(line) > limit:
            cut = _longest_prefix(line, limit, measure)
            if current:
                pieces.append(current)
                current, size = "", 0
            pieces.append(line[:cut])
            line = line[cut:]
        length = measure(line)
        if current and size + 1 + length > limit:
            pieces.append(current)
            current, size = "", 0
        current, size = (f"{current}\n{line}", size + 1 + length) if current else (line, length)
    if current:
        pieces.append(current)
    return pieces


def _longest_prefix(line: str, limit: int, measure: Callable[[str], int]) -> int:
    low, high = 1, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(line[:middle]) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def chat_pages(lines: list[str], separator: str = "\n") -> list[str]:
    """Lines joined into chat messages of at most PAGE UTF-16 units, cut between lines."""
    return split_text(separator.join(lines), PAGE, utf16_units)
