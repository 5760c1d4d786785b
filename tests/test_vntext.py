"""Cleaning and folding of Vietnamese text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.chat_words import expand
from bot.services.vntext import clean, fold, without_controls, words


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


def test_a_long_text_keeps_its_lines_and_loses_every_control_character() -> None:
    typed = "<b>Thông báo</b>\r\tmời họp\r\ndòng 2\x0b\u202eđảo\u2066"
    assert without_controls(typed) == "<b>Thông báo</b>\n\tmời họp\ndòng 2đảo"


@given(st.text())
def test_without_controls_leaves_no_carriage_return_or_override(text: str) -> None:
    kept = without_controls(text)
    assert not any(c in kept for c in "\r\x0b\x0c\u202e\u2066")


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("ở HN có họp ko", "o ha noi co hop khong"),
        ("Hải Phòng và HN", "hai phong va ha noi"),
        ("HN hay Đà Nẵng", "ha noi hay da nang"),
        ("HN Đồng Nai tháng 8", "hoi nghi dong nai thang 8"),
        ("HN cấp tp", "hoi nghi cap thanh pho"),
    ],
)
def test_hn_is_ha_noi_by_a_place_word_or_joined_to_a_province(typed: str, read: str) -> None:
    lowered = words(clean(typed).lower())
    provinces = [("hai", "phong"), ("da", "nang"), ("dong", "nai")]
    _, folded = expand(lowered, [fold(word) for word in lowered], provinces)
    assert " ".join(folded) == read
