"""Whole numbers in what people type and in button data.

`str.isdigit()` accepts "²", "١٢" and "９" too, and `int()` refuses the first and reads the
others: every number the bot reads from outside goes through `as_number`, ASCII digits only."""

from __future__ import annotations


def as_number(text: str, max_digits: int = 12) -> int | None:
    """The number written with 1 to `max_digits` ASCII digits, else None."""
    if 0 < len(text) <= max_digits and text.isascii() and text.isdigit():
        return int(text)
    return None
