"""Registration, invite links, /toi, /sua, /xoa and /huy through the fake Telegram Bot API."""

from __future__ import annotations

from storage.people import Delegate
from tests.conftest import Bot, Chat


async def stored(bot: Bot, user_id: int) -> Delegate | None:
    row = await bot.db.fetch_one(
        "SELECT d.id, d.commune_code, d.commune_name, d.full_name, d.position, d.category_code, "
        "d.category_other, d.phone, d.invite_code FROM delegates d JOIN accounts a "
        "ON a.delegate_id = d.id WHERE a.channel = 'telegram' AND a.external_id = ?",
        (str(user_id),),
    )
    return Delegate(*row) if row else None


async def register(chat: Chat) -> None:
    """The whole happy path, with the ambiguous commune and the share-contact button."""
    welcome, consent, ask_commune = await chat.start()
    assert "Xin chào" in (welcome.text or "")
    assert "/xoa" in (consent.text or "") and "số điện thoại" in (consent.text or "")
    assert "xã/phường nào" in (ask_commune.text or "")
    (which,) = await chat.send("loc thanh")
    assert [label for label, _ in which.inline_buttons] == ["Xã Lộc Thành", "Xã Lộc Thạnh"]
    (ask_name,) = await chat.press(which, "Xã Lộc Thạnh")
    assert "họ và tên" in (ask_name.text or "")
    (ask_position,) = await chat.send("nguyễn văn an")
    assert "Chức vụ" in (ask_position.text or "")
    (ask_category,) = await chat.send("Phó Chủ tịch UBND xã")
    labels = [label for label, _ in ask_category.inline_buttons]
    assert "Công an xã" in labels and "Khác (ghi rõ)" in labels
    assert "Sở, ban, ngành, đoàn thể thành phố" not in labels  # city-level categories
    (ask_phone,) = await chat.press(ask_category, "Công an xã")
    assert ask_phone.requests_contact
    chat.user.share_contact("+84 912 345 678")
    done, summary = await chat.server.wait_for(chat.user.id, 2)
    assert "Cảm ơn" in (done.text or "") and done.removes_keyboard
    assert "Nguyễn Văn An" in (summary.text or "") and "Xã Lộc Thạnh" in (summary.text or "")


async def test_register_with_ambiguous_commune_and_contact(bot: Bot) -> None:
    chat = bot.chat()
    await register(chat)
    delegate = await stored(bot, chat.user.id)
    assert delegate is not None
    assert (delegate.commune_code, delegate.commune_name) == (25280, "Xã Lộc Thạnh")
    assert delegate.full_name == "Nguyễn Văn An"
    assert delegate.position == "Phó Chủ tịch UBND xã"
    assert delegate.category_code == "cong-an-xa"
    assert delegate.phone == "0912345678"


async def test_invite_link_skips_the_commune_step(bot: Bot) -> None:
    chat = bot.chat(2002, "Trần Thị Bình")
    _, invited, _, ask_name = await chat.start("c-25279", replies=3)
    assert "Xã Lộc Tấn" in (invited.text or "")
    assert "họ và tên" in (ask_name.text or "")
    await chat.send("Trần Thị Bình")
    (ask_category,) = await chat.send("Chủ tịch Hội Phụ nữ xã")
    (ask_other,) = await chat.press(ask_category, "Khác (ghi rõ)")
    assert "ghi rõ" in (ask_other.text or "")
    (ask_phone,) = await chat.send("Hội Cựu chiến binh xã")
    assert ask_phone.requests_contact
    await chat.send("Bỏ qua", replies=2)
    delegate = await stored(bot, chat.user.id)
    assert delegate is not None
    assert delegate.commune_name == "Xã Lộc Tấn" and delegate.invite_code == "c-25279"
    assert (delegate.category_code, delegate.category_other) == ("other", "Hội Cựu chiến binh xã")
    assert delegate.phone == ""


async def test_unit_invite_for_a_city_body_skips_commune_and_category(bot: Bot) -> None:
    chat = bot.chat(2003)
    *_, ask_name = await chat.start("u-so-nganh")
    assert "họ và tên" in (ask_name.text or "")
    await chat.send("Lê Văn Cường")
    (ask_phone,) = await chat.send("Chuyên viên Sở Ngoại vụ")
    assert ask_phone.requests_contact
    await chat.send("0987654321", replies=2)
    delegate = await stored(bot, chat.user.id)
    assert delegate is not None
    assert (delegate.commune_code, delegate.category_code) == (None, "so-nganh")
    assert delegate.phone == "0987654321"


async def test_a_bad_invite_code_still_lets_people_register(bot: Bot) -> None:
    chat = bot.chat(2004)
    _, warning, _, ask_commune = await chat.start("c-99999999", replies=3)
    assert "không hợp lệ" in (warning.text or "")
    assert "xã/phường nào" in (ask_commune.text or "")


async def test_question_during_registration_is_answered_then_step_asked_again(bot: Bot) -> None:
    chat = bot.chat()
    await chat.start("c-25279", replies=3)
    answer, ask_again = await chat.send("Hội nghị ở xã Lộc Tấn khi nào?", replies=2)
    assert "23/07/2026" in (answer.text or "")
    assert "họ và tên" in (ask_again.text or "")
    (ask_position,) = await chat.send("Phạm Minh Đức")
    assert "Chức vụ" in (ask_position.text or "")


async def test_invalid_answers_are_explained_and_nothing_is_lost(bot: Bot) -> None:
    chat = bot.chat()
    await chat.start("c-25279", replies=3)
    error, ask_again = await chat.send("12345", replies=2)
    assert "chữ cái" in (error.text or "") and "họ và tên" in (ask_again.text or "")
    await chat.send("Phạm Minh Đức")
    await chat.send("Trưởng ấp 3")
    use_buttons, ask_category = await chat.send("qwerty", replies=2)  # no category's name
    assert "chọn một mục" in (use_buttons.text or "") and ask_category.inline_buttons
    chat.user.press(ask_category, "reg:cat:thon-ap")
    (ask_phone,) = await chat.server.wait_for(chat.user.id)
    assert ask_phone.requests_contact
    error, _ = await chat.send("12", replies=2)
    assert "10 chữ số" in (error.text or "")
    chat.user.share_contact("0912345678", user_id=999)  # someone else's card
    not_own, _ = await chat.server.wait_for(chat.user.id, 2)
    assert "của chính mình" in (not_own.text or "")
    await chat.send("0912 345 678", replies=2)
    delegate = await stored(bot, chat.user.id)
    assert delegate is not None and delegate.full_name == "Phạm Minh Đức"
    assert delegate.category_code == "thon-ap" and delegate.phone == "0912345678"


async def test_cancel_leaves_stored_data_alone(bot: Bot) -> None:
    chat = bot.chat()
    await chat.start()
    await chat.send("Lộc Tấn")
    (cancelled,) = await chat.send("/huy")
    assert "Đã dừng" in (cancelled.text or "")
    assert await stored(bot, chat.user.id) is None
    (answer,) = await chat.send("qwerty zxcv")  # now just text the bot cannot place
    assert "/lich" in (answer.text or "")


async def test_toi_sua_and_xoa(bot: Bot) -> None:
    chat = bot.chat()
    await register(chat)
    (summary,) = await chat.send("/toi")
    assert "Phó Chủ tịch UBND xã" in (summary.text or "")
    chat.user.share_contact("0977 111 222")  # outside any dialogue: the phone is updated
    (updated,) = await chat.server.wait_for(chat.user.id)
    assert "Đã cập nhật số điện thoại: 0977111222" in (updated.text or "")
    chat.user.share_contact("0966 000 111", user_id=4242)
    (refused,) = await chat.server.wait_for(chat.user.id)
    assert "của chính mình" in (refused.text or "")
    _, ask_field = await chat.send("/sua", replies=2)
    (ask_position,) = await chat.press(ask_field, "Chức vụ")
    assert "Chức vụ" in (ask_position.text or "")
    updated, summary = await chat.send("Chủ tịch UBND xã", replies=2)
    assert "Đã cập nhật" in (updated.text or "")
    assert "• Chức vụ: Chủ tịch UBND xã" in (summary.text or "")
    _, ask_field = await chat.send("/sua", replies=2)
    (ask_commune,) = await chat.press(ask_field, "Xã/phường")
    assert "xã/phường nào" in (ask_commune.text or "")
    (ask_category,) = await chat.send("Đắc Ô")
    await chat.press(ask_category, "Lãnh đạo UBND xã", replies=2)
    delegate = await stored(bot, chat.user.id)
    assert delegate is not None
    assert (delegate.commune_name, delegate.category_code) == ("Xã Đăk Ơ", "lanh-dao-ubnd")

    (confirm,) = await chat.send("/xoa")
    (kept,) = await chat.press(confirm, "Giữ lại")
    assert "giữ nguyên" in (kept.text or "")
    assert await stored(bot, chat.user.id) is not None
    (confirm,) = await chat.send("/xoa")
    (erased,) = await chat.press(confirm, "Xóa thông tin")
    assert "Đã xóa" in (erased.text or "")
    assert await stored(bot, chat.user.id) is None
    assert await bot.db.scalar("SELECT count(*) FROM delegates") == 0
    name = await bot.db.scalar("SELECT display_name FROM accounts WHERE external_id = '1001'")
    assert name == ""


async def test_a_button_acts_only_on_the_pressers_own_record(bot: Bot) -> None:
    owner = bot.chat()
    await register(owner)
    (confirm,) = await owner.send("/xoa")
    intruder = bot.chat(3003, "Kẻ Lạ")
    intruder.user.press_raw(confirm.message_id, "xoa:yes", chat_id=intruder.user.id)
    (refused,) = await bot.server.wait_for(intruder.user.id)
    assert "Bot không lưu thông tin" in (refused.text or "")
    intruder.user.press_raw(1, "sua:phone", chat_id=intruder.user.id)
    await bot.server.wait_for(intruder.user.id)
    assert await stored(bot, owner.user.id) is not None
