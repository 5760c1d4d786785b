"""Cleaning and folding of Vietnamese text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.vntext import clean, fold, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xã Đăk Ơ", "xa dak o"),
        ("LỘC THẠNH", "loc thanh"),
        ("Lộc Thành", "loc thanh"),
        ("Thiện Hưng", "thien hung"),
        ("Bù Gia Mập", "bu gia map"),
        ("Hội nghị ở đâu?", "hoi nghi o dau?"),
        ("đại biểu ĐẠI BIỂU", "dai bieu dai bieu"),
        ("  nhiều   khoảng\ttrắng  ", "nhieu khoang trang"),
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_nfd_equals_nfc() -> None:
    text = "Hội nghị tại xã Lộc Thạnh, Đăk Ơ, Bù Gia Mập"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert clean(unicodedata.normalize("NFD", text)) == text


@pytest.mark.parametrize(
    "junk",
    [
        "\u200b",
        "\u200c",
        "\u200d",
        "\ufeff",
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202e",
        "\u2066",
        "\u2069",
        "\x00",
        "\x07",
        "\x1b",
        "\x7f",
        "\u00ad",
    ],
)
def test_clean_removes_invisible_characters(junk: str) -> None:
    assert clean(f"{junk}Lộc{junk} Tấn{junk}") == "Lộc Tấn"


def test_clean_keeps_newlines_and_collapses_whitespace() -> None:
    assert clean(" a \t b \r\n\r\n  c \u00a0 d ") == "a b\nc d"


def test_words() -> None:
    assert words(fold("Hội nghị, xã Lộc Tấn: t8?")) == ["hoi", "nghi", "xa", "loc", "tan", "t8"]


@given(st.text())
def test_fold_is_idempotent_and_clean(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip()
    assert "\u200b" not in folded and "\ufeff" not in folded
    assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in folded)
