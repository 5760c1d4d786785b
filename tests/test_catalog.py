"""The catalog: every text in Vietnamese and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from bot.catalog import CATALOG, LOCALES


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_text_has_both_locales_and_the_same_placeholders(key: str) -> None:
    texts = CATALOG[key]
    assert set(texts) == set(LOCALES), key
    assert all(text.strip() for text in texts.values()), key
    assert placeholders(texts["vi"]) == placeholders(texts["en"]), key


def test_vietnamese_texts_carry_diacritics() -> None:
    """A Vietnamese sentence without a single diacritic is a sign of a lazy translation."""

    def words(template: str) -> str:
        return "".join(literal for literal, _, _, _ in string.Formatter().parse(template))

    plain = [
        key
        for key, texts in CATALOG.items()
        if sum(ch.isalpha() for ch in words(texts["vi"])) > 12 and texts["vi"].isascii()
    ]
    assert plain == []
