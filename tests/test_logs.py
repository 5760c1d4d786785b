"""Logs: one JSON object per line, and at INFO and above no token, webhook secret, phone
number or full name, whatever the bot does."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot import logs
from tests.conftest import ORGANISER_ID, Bot

TOKEN = "123456:TEST-token"  # the fake Bot API's token in tests/conftest.py
SECRET = "s3cret_Webhook-token-0123456789"


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The production formatter and redaction on the root logger, at INFO, for one test."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.JsonLines())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logs.install_redaction()
    logs.hide(SECRET)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        logging.setLogRecordFactory(logging.LogRecord)
        logs._secrets.discard(SECRET)


def events(stream: io.StringIO) -> list[dict[str, object]]:
    lines = stream.getvalue().splitlines()
    parsed = [json.loads(line) for line in lines]  # each line alone is one whole event
    assert all({"time", "level", "logger", "message"} <= set(event) for event in parsed)
    return parsed


async def test_a_day_of_the_bot_logs_no_person_and_no_token(
    bot: Bot, json_log: io.StringIO
) -> None:
    chat = bot.chat()
    _, consent, _ = await chat.start()
    assert "/xoa" in (consent.text or "")
    (which,) = await chat.send("loc thanh")
    await chat.press(which, "Xã Lộc Thạnh")
    await chat.send("Nguyễn Văn An")
    (ask_category,) = await chat.send("Phó Chủ tịch UBND xã")
    await chat.press(ask_category, "Công an xã")
    await chat.send("0912 345 678", replies=2)
    await chat.send("/tonghop")  # refused: logged at INFO with the user id
    # a reply that fails three times goes by the outbox: logged at WARNING
    bot.server.fail_next(3, status=500)
    chat.user.send_text("/toi")
    async with asyncio.timeout(10):
        while "queued in the outbox" not in json_log.getvalue():  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    await bot.server.wait_for(chat.user.id)  # the queued reply, a moment later
    (me,) = await chat.send("/toi")
    assert "0912345678" in (me.text or "")
    organiser = bot.chat(ORGANISER_ID, "Trần Thị Tổ Chức")
    await organiser.send("/tonghop")
    logging.getLogger("bot.test").warning(
        "a leak through an error: %s, %s, %s", f"/bot{TOKEN}/sendMessage", "+84 912 345 678", SECRET
    )

    found = events(json_log)
    text = json_log.getvalue()
    assert any(e["message"] == "refused a roll-up request from telegram:1001" for e in found)
    assert any(
        e["level"] == "WARNING" and "queued in the outbox" in str(e["message"]) for e in found
    )
    leak = found[-1]["message"]
    assert leak == "a leak through an error: /bot<token>/sendMessage, <phone>, <secret>"
    for secret in ("Nguyễn Văn An", "Trần Thị Tổ Chức", "0912345678", "912 345 678", TOKEN):
        assert secret not in text, secret
    assert TOKEN.split(":")[1] not in text and SECRET not in text


def test_an_error_with_its_traceback_is_one_line(json_log: io.StringIO) -> None:
    log = logging.getLogger("bot.test")
    try:
        raise ValueError("bad phone 0987654321")
    except ValueError:
        log.exception("handling failed", extra={"channel": "telegram", "update": 7})
    (event,) = events(json_log)
    assert event["level"] == "ERROR" and event["message"] == "handling failed"
    assert (event["channel"], event["update"]) == ("telegram", 7)
    error = str(event["error"])
    assert error.startswith("Traceback") and "ValueError: bad phone <phone>" in error
    assert len(json_log.getvalue().splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call 0912345678 now", "call <phone> now"),
        ("call 0912 345 678.", "call <phone>."),
        ("call +84 912 345 678", "call <phone>"),
        ("call 84912345678", "call <phone>"),
        ("chat 7000000001, group -1001234567890", "chat 7000000001, group -1001234567890"),
        ("on 2026-11-25T02:00:00 after 0.05 s, update 500000001", None),
        ("GET /bot123456:ABC-def_ghijkl/getMe", "GET /bot<token>/getMe"),
        ("zalo 1459232241454765289:zalo-Secret_token-42", "zalo <token>"),
    ],
)
def test_what_the_patterns_remove(text: str, expected: str | None) -> None:
    assert logs.redact(text) == (expected or text)
