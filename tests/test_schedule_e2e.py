"""Schedule and venue questions through the fake Telegram Bot API (now: 25/11/2026)."""

from __future__ import annotations

from tests.conftest import Bot
from tests.test_registration_e2e import register


async def test_lich_lists_every_session_and_marks_the_held_ones(bot: Bot) -> None:
    (schedule,) = await bot.chat().send("/lich")
    text = schedule.text or ""
    for commune in (
        "Lộc Thành",
        "Lộc Tấn",
        "Lộc Thạnh",
        "Tân Tiến",
        "Thiện Hưng",
        "Hưng Phước",
        "Bù Gia Mập",
        "Đăk Ơ",
    ):
        assert commune in text
    assert "27/11/2026" in text
    assert "đã tổ chức" in text


async def test_lichcuatoi_gives_my_commune_and_the_city_session(bot: Bot) -> None:
    chat = bot.chat()
    _, whole = await chat.send("/lichcuatoi", replies=2)  # not registered: the whole list
    assert "/start" in (_.text or "") and "Lộc Tấn" in (whole.text or "")
    await register(chat)  # Xã Lộc Thạnh
    (mine,) = await chat.send("/lichcuatoi")
    text = mine.text or ""
    assert "Lộc Thạnh" in text and "06/08/2026" in text and "27/11/2026" in text
    assert "Lộc Tấn" not in text and "23/07/2026" not in text


async def test_free_text_questions_with_and_without_diacritics(bot: Bot) -> None:
    chat = bot.chat()
    (when,) = await chat.send("Hội nghị ở xã Lộc Tấn khi nào?")
    assert "23/07/2026" in (when.text or "")
    (when,) = await chat.send("loc tan hop luc may gio")
    assert "08:00" in (when.text or "") and "23/07/2026" in (when.text or "")
    (month,) = await chat.send("tháng 8 có hội nghị ở đâu")
    assert "Lộc Thạnh" in (month.text or "") and "Tân Tiến" in (month.text or "")
    (which,) = await chat.send("hoi nghi loc thanh khi nao")
    assert [label for label, _ in which.inline_buttons] == ["Lộc Thành", "Lộc Thạnh"]
    (answer,) = await chat.press(which, "Lộc Thạnh")
    assert "06/08/2026" in (answer.text or "") and "09/07/2026" not in (answer.text or "")
    (none,) = await chat.send("Hội nghị ở Long Thành khi nào?")
    assert "không có" in (none.text or "").lower()
    assert "/2026" not in (none.text or "")  # never another commune's date


async def test_next_and_city_sessions_send_a_map_pin(bot: Bot) -> None:
    chat = bot.chat()
    answer, pin = await chat.send("hội nghị tiếp theo ở đâu", replies=2)
    assert "27/11/2026" in (answer.text or "") or "Trung tâm Hành chính" in (answer.text or "")
    assert pin.venue is not None
    assert pin.venue["location"]["latitude"] == 10.9466
    assert "Nguyễn Văn Trị" in pin.venue["address"]
    (when,) = await chat.send("hội nghị cấp thành phố ngày nào")
    assert "Thứ Sáu, 27/11/2026" in (when.text or "")
    (where,) = await chat.send("địa điểm hội nghị xã Thiện Hưng")
    assert "Hội trường UBND xã Thiện Hưng" in (where.text or "")  # no coordinates: no pin


async def test_gibberish_gets_help_not_silence(bot: Bot) -> None:
    (help_text,) = await bot.chat().send("asdkjh qweoiu")
    assert "/lich" in (help_text.text or "")
