"""Rules for what a person types about themselves: names, positions, phone numbers."""

from __future__ import annotations

import re
from typing import Any

from bot.services.plan_state import LoadedPlan
from bot.services.positions import official_position, proper_name
from bot.services.vntext import clean

PHONE_DIGITS = re.compile(r"^0\d{9,10}$")
MAX_NAME = 80
MAX_POSITION = 120


def normalise_phone(raw: str) -> str | None:
    """A Vietnamese number as 0xxxxxxxxx, from "+84 912 345 678", "84912345678", "0912.345.678"."""
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+"):
        digits = digits[1:]
    if not (digits.isascii() and digits.isdigit()):
        return None
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits if PHONE_DIGITS.match(digits) else None


def normalise_name(raw: str) -> str | None:
    """A full name: letters and spaces, two to eighty characters, with a capital at each word."""
    name = clean(raw)
    if not 2 <= len(name) <= MAX_NAME or name.startswith("/"):
        return None
    if not all(ch.isalpha() or ch in " .'-" for ch in name):
        return None
    return proper_name(name)


def normalise_free_text(raw: str, limit: int = MAX_POSITION) -> str | None:
    """A position or unit: any printable text with at least one letter, within `limit`."""
    text = clean(raw)
    if not 2 <= len(text) <= limit or text.startswith("/"):
        return None
    return text if any(ch.isalpha() for ch in text) else None


def normalise_position(raw: str) -> str | None:
    """A position as free text, its known titles, bodies and levels written officially."""
    text = normalise_free_text(raw)
    return official_position(text) if text is not None else None


def lacks_diacritics(name: str) -> bool:
    """A name of several words typed without a single Vietnamese diacritic ("le thi b")."""
    return name.isascii() and len(name.split()) >= 2


def derived_workplace(category_label: str, commune_name: str | None) -> str:
    """A delegate's đơn vị công tác when they give none: the category in their commune,
    "Công an xã" in "Xã Lộc Tấn" -> "Công an xã Lộc Tấn", "Đoàn thể" -> "Đoàn thể xã Lộc Tấn";
    a city-level category alone."""
    if not commune_name:
        return category_label
    kind, _, bare = commune_name.partition(" ")
    words = category_label.split()
    if words and words[-1].casefold() == kind.casefold():
        return f"{category_label} {bare}"
    return f"{category_label} {kind.casefold()} {bare}"


def with_workplace(values: dict[str, Any], plan: LoadedPlan) -> dict[str, Any]:
    """Registration's values with a workplace: the one the person gave, else the derived one."""
    if values.get("workplace"):
        return values
    category = plan.category(values.get("category_code", ""))
    label = values.get("category_other") or (category.label if category else "")
    return {**values, "workplace": derived_workplace(label, values.get("commune_name"))}
