"""Bad input gets a polite answer and changes nothing it should not."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ORGANISER_ID, Bot

HOSTILE_TEXTS = [
    "x" * 10_000,
    "🙂🙂🙂 🎉",
    "\u200b\u200c\u200d\ufeff",
    "'; DROP TABLE delegates; --",
    "Robert'); DELETE FROM accounts WHERE ('1'='1",
    "<b>hội nghị</b> <script>alert(1)</script>",
    "\u202eRTL \u202d mark",
    "   ",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
async def test_hostile_text_gets_a_short_polite_reply(bot: Bot, text: str) -> None:
    chat = bot.chat()
    (reply,) = await chat.send(text)
    assert reply.text and len(reply.text) <= 4096
    assert await bot.db.scalar("SELECT count(*) FROM sessions") == 9
    if bot.db.dialect == "sqlite":
        assert await bot.db.scalar("PRAGMA integrity_check") == "ok"


async def test_hostile_text_in_the_middle_of_registration_keeps_the_step(bot: Bot) -> None:
    chat = bot.chat()
    await chat.start("c-25279", replies=3)
    for text in ("'; DROP TABLE delegates; --", "🙂", "x" * 5000):
        replies = await chat.send(text, replies=2)
        assert "họ và tên" in (replies[-1].text or "")
    await chat.send("Phạm Minh Đức")
    conversation = await bot.db.fetch_one("SELECT step, data FROM conversations")
    assert conversation is not None and conversation["step"] == "position"
    assert "Xã Lộc Tấn" in conversation["data"] and "Phạm Minh Đức" in conversation["data"]


async def test_stickers_photos_documents_and_locations(bot: Bot) -> None:
    chat = bot.chat()
    for send in (
        chat.user.send_sticker,
        chat.user.send_photo,
        lambda: chat.user.send_location(10.95, 106.82),
    ):
        send()
        (reply,) = await bot.server.wait_for(chat.user.id)
        assert "chỉ đọc được tin nhắn chữ" in (reply.text or "")
    chat.user.send_document("a.pdf", b"%PDF-1.4", "application/pdf")
    (refused,) = await bot.server.wait_for(chat.user.id)
    assert "chỉ nhận bản thảo" in (refused.text or "") and "chưa được lưu" in (refused.text or "")


async def test_a_press_without_its_id_and_a_document_without_its_file_are_answered(
    bot: Bot,
) -> None:
    """What the bot acts on outside the reading of an update (the press's id for
    answerCallbackQuery, the document's file_id for getFile) is not required of it either: a
    forged update lacking them is answered like any other, not dropped with an error."""
    chat = bot.chat()
    bot.server.enqueue("callback_query", {"from": chat.user.as_user(), "data": "reg:cat:mttq"})
    (stale,) = await bot.server.wait_for(chat.user.id)
    assert "không còn hiệu lực" in (stale.text or "")
    document = {"file_name": "a.pdf", "mime_type": "application/pdf", "file_size": 8}
    chat.user.send_content(document=document)
    (refused,) = await bot.server.wait_for(chat.user.id)
    assert "chỉ nhận bản thảo" in (refused.text or "")


async def test_a_sticker_during_registration_asks_the_step_again(bot: Bot) -> None:
    chat = bot.chat()
    await chat.start("c-25279", replies=3)
    chat.user.send_sticker()
    note, again = await bot.server.wait_for(chat.user.id, 2)
    assert "trả lời bằng chữ" in (note.text or "") and "họ và tên" in (again.text or "")


async def test_edited_messages_are_not_reread(bot: Bot) -> None:
    chat = bot.chat()
    sent = chat.user.send_text("Hội nghị ở xã Lộc Tấn khi nào?")
    await bot.server.wait_for(chat.user.id)
    chat.user.edit_text(sent["message"]["message_id"], "/xoa")
    (reply,) = await bot.server.wait_for(chat.user.id)
    assert "tin nhắn đã sửa" in (reply.text or "")


async def test_groups_get_a_pointer_to_the_private_chat_and_no_chatter(bot: Bot) -> None:
    chat = bot.chat()
    chat.user.send_in_group("hội nghị tiếp theo")
    chat.user.send_in_group("/lich")
    (reply,) = await bot.server.wait_for(-100123)
    assert "nhắn tin riêng" in (reply.text or "")
    await bot.server.wait_delivered()
    assert len(bot.server.messages_to(-100123)) == 1


async def test_unknown_commands_and_stale_buttons(bot: Bot) -> None:
    chat = bot.chat()
    unknown, help_text = await chat.send("/abcxyz", replies=2)
    assert "/abcxyz" in (unknown.text or "") and "/lich" in (help_text.text or "")
    chat.user.press_raw(1, "reg:cat:mttq")
    (stale,) = await bot.server.wait_for(chat.user.id)
    assert "không còn hiệu lực" in (stale.text or "")
    chat.user.press_raw(1, "\u0000" * 10)
    (stale,) = await bot.server.wait_for(chat.user.id)
    assert "không còn hiệu lực" in (stale.text or "")


BIDI_AND_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]")


async def test_what_the_bot_repeats_carries_no_bidi_override_or_control(bot: Bot) -> None:
    """A right-to-left override typed into a commune's name or a command came back inside
    the bot's own sentence and turned the rest of it around (found by the hostile-updates
    test); control characters came back too."""
    chat = bot.chat()
    await chat.start()
    (unknown, again) = await chat.send("Xã \u202eZzyzx Qwe\u202c\x07", replies=2)
    assert "«Xã Zzyzx Qwe»" in (unknown.text or "")
    command, _help = await chat.send("/xo\u202ea\x1b", replies=2)
    for reply in (unknown, again, command):
        assert not BIDI_AND_CONTROLS.search(reply.text or ""), reply.text


async def test_an_announcement_keeps_its_lines_but_loses_overrides(bot: Bot) -> None:
    admin = bot.chat(ORGANISER_ID)
    await admin.send("/thongbao")
    (audience,) = await admin.send("Kính mời\n\n\u202eđúng giờ\u202c\x00 🙂")
    preview = (await admin.press(audience, "👥 Tất cả đại biểu"))[0]
    assert "Kính mời\n\nđúng giờ 🙂" in (preview.text or "")
    assert not BIDI_AND_CONTROLS.search(preview.text or "")


async def test_an_update_the_library_cannot_read_does_not_stop_the_bot(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    """python-telegram-bot reads a batch of updates at once; one it cannot read failed the
    batch, and the same batch was asked for again, forever: the bot heard nothing more (found
    by the hostile-updates test with a poll answer lacking a field the library requires). The
    library is now handed update ids alone; a message the bot cannot read (no chat) is passed
    over with a log line, and the rest of the batch handled."""
    chat = bot.chat()
    chat.user.send_text("hội nghị tiếp theo")
    bot.server.ignore_allowed_updates = True
    bot.server.enqueue("poll_answer", {"poll_id": "1", "option_ids": [0], "user": {"id": 5}})
    bot.server.enqueue("message", {"message_id": 1, "date": 0, "from": chat.user.as_user()})
    chat.user.send_text("/lich")
    (schedule,) = await bot.server.wait_for(
        chat.user.id, timeout=10, predicate=lambda m: (m.text or "").startswith("Lịch")
    )
    assert "Hội nghị cấp thành phố" in (schedule.text or "")
    assert any("passed over update" in r.getMessage() for r in caplog.records)
