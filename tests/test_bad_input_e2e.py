"""Bad input gets a polite answer and changes nothing it should not."""

from __future__ import annotations

import pytest

from tests.conftest import Bot

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
