"""Spreadsheet cells that a spreadsheet program will never run: what people typed stays text.

Excel, LibreOffice and Google Sheets read a cell that begins with `=`, `+`, `-`, `@`, a tab or a
carriage return as a formula (OWASP, "CSV Injection"): a position typed as `=HYPERLINK(…)` would
become a link that sends a neighbour's phone number away. CSV cells of that kind get a leading
apostrophe, which the programs show as text; XLSX cells are written as string cells marked
"quote prefix", never as formulas. Plain numbers (a phone "+84 912 345 678", "-5") are left as
they are, so real values stay readable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl loads when a spreadsheet is first made, not at start
    from openpyxl.cell.cell import Cell  # type: ignore[import-untyped]
    from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 .,()]*")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read this text as a formula (and it is not a plain number)."""
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def csv_text(value: object) -> object:
    """One CSV cell: formula-like text behind an apostrophe, anything else unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def csv_row(values: Iterable[object]) -> list[object]:
    return [csv_text(value) for value in values]


def set_text(cell: Cell, value: object) -> None:
    """Write one XLSX cell; text is always a string cell, never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """Like `sheet.append`, with every text cell written by `set_text` (cells made first:
    looking the row up again by `sheet.max_row` costs a walk over every cell, row after row)."""
    from openpyxl.cell.cell import Cell

    cells = []
    for value in values:
        cell = Cell(sheet)
        set_text(cell, value)
        cells.append(cell)
    sheet.append(cells)
