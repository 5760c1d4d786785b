"""Digits that are not ASCII ("²", "١٢", "９") pass `str.isdigit()`; `int("²")` raises. Each
place that read a number that way answered "the bot had a problem" and logged a traceback
(found by the hostile-updates test: `/start c-²`). Now they read as no number."""

from __future__ import annotations

import logging

import pytest

from bot.catalog import t
from bot.channels.textual import chosen
from bot.clock import now_utc
from bot.domain.messages import Button
from bot.services.numbers import as_number
from tests.conftest import ORGANISER_ID, Bot
from tests.hardening_helpers import add_person

ERROR = t("common.error")


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12), ("007", 7), ("²", None), ("١٢", None), ("９", None), ("", None), ("1" * 13, None)],
)
def test_as_number_reads_ascii_digits_only(text: str, number: int | None) -> None:
    assert as_number(text) == number


def test_a_numbered_choice_of_a_superscript_is_no_choice() -> None:
    options = [Button("Tham dự", "att:p:9"), Button("Vắng mặt", "att:a:9")]
    assert chosen("²", options) is None and chosen("2", options) == options[1]


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        ("/start c-²", 3, "reg.invite_unknown"),
        ("/tonghop ²", 1, "rollup.organisers_only"),
        ("hội nghị tháng ² ở đâu", 1, None),
        ("/lienket ١٢٣٤٥٦", 1, "link.invalid"),
    ],
)
async def test_typed_unicode_digits_get_an_answer(
    bot: Bot, caplog: pytest.LogCaptureFixture, text: str, count: int, expected: str | None
) -> None:
    chat = bot.chat()
    replies = await chat.send(text, replies=count)
    assert ERROR not in [r.text for r in replies]
    if expected is not None:
        assert any(r.text == t(expected) for r in replies), [r.text for r in replies]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("att:p:²", "common.button_expired"),
        ("qr:²", "checkin.qr_needs_confirmation"),
        ("th:²", "common.button_expired"),
        ("th:nudge:²", "common.button_expired"),
        ("xu:١", "common.button_expired"),
        ("kenh:²", "common.button_expired"),
        ("qa:schedule:²", "common.button_expired"),
        ("dl:done:²:bao-cao", "common.button_expired"),
    ],
)
async def test_pressed_unicode_digits_are_an_expired_button(
    bot: Bot, caplog: pytest.LogCaptureFixture, data: str, expected: str
) -> None:
    # an admin who is also a delegate: every button gets past its role and registration checks
    await add_person(bot.db, ORGANISER_ID, now_utc(), name="Lê Văn Tổ")
    chat = bot.chat(ORGANISER_ID)
    chat.user.press_raw(1, data)
    (reply,) = await bot.server.wait_for(chat.user.id)
    assert reply.text == t(expected)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_focal_invite_for_a_superscript_commune_is_refused_politely(bot: Bot) -> None:
    (reply,) = await bot.chat(ORGANISER_ID).send("/moi dau-moi ²")
    assert reply.text is not None and reply.text.startswith("Không tìm thấy xã/phường")
