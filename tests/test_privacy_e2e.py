"""Personal data in the chat: consent is asked first with a one-line notice of what is stored,
why and for how long; nothing is stored without it; /xoa erases a person at any time, with
the history of their answers and the messages still queued for them."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import now_utc
from bot.domain.messages import Reply, reply_to_json
from storage.outbox import OutboxItem, OutboxRepository
from tests.conftest import AGREE, NOW, Bot
from tests.test_reminders_e2e import register_leader


async def test_consent_comes_first_and_a_no_stores_nothing(bot: Bot) -> None:
    chat = bot.chat()
    welcome, consent = await chat.send("/start", replies=2)
    assert "Xin chào" in (welcome.text or "")
    notice = (consent.text or "").splitlines()[0]
    for told in ("họ tên", "chức vụ", "số điện thoại", "mời, nhắc lịch và điểm danh", "90 ngày"):
        assert told in notice, told
    assert "/xoa" in notice
    assert [label for label, _ in consent.inline_buttons] == [AGREE, "Không đồng ý"]

    # a name typed before agreeing: not taken, the question asked again
    use_buttons, again = await chat.send("Nguyễn Văn An", replies=2)
    assert "chọn một mục trong danh sách" in (use_buttons.text or "")
    assert again.inline_buttons == consent.inline_buttons
    (declined,) = await chat.press(again, "Không đồng ý")
    assert "không lưu thông tin" in (declined.text or "") and declined.removes_keyboard
    for table in ("delegates", "conversations"):
        assert await bot.db.scalar(f"SELECT count(*) FROM {table}") == 0
    (me,) = await chat.send("/toi")
    assert "chưa đăng ký" in (me.text or "")
    (answer,) = await chat.send("Hội nghị ở xã Lộc Tấn khi nào?")  # questions still answered
    assert "23/07/2026" in (answer.text or "")


async def test_a_typed_yes_agrees_and_the_time_is_kept(bot: Bot) -> None:
    chat = bot.chat()
    await chat.send("/start c-25279", replies=3)
    (ask_name,) = await chat.send("dong y")
    assert "họ và tên" in (ask_name.text or "")
    await chat.send("Nguyễn Văn An")
    (ask_category,) = await chat.send("Chủ tịch UBND xã")
    await chat.press(ask_category, "Lãnh đạo UBND xã")
    await chat.send("Bỏ qua", replies=2)
    stored = await bot.db.scalar("SELECT consented_at FROM delegates")
    assert str(stored).startswith(NOW.strftime("%Y-%m-%dT%H:"))


async def test_xoa_erases_the_answers_history_and_queued_messages(bot: Bot) -> None:
    chat = bot.chat()
    await register_leader(chat)
    (choice,) = await chat.send("/xacnhan")
    await chat.press(choice, "✅ Tham dự")
    account_id = int(str(await bot.db.scalar("SELECT id FROM accounts")))
    later = reply_to_json(Reply("Nhắc lịch"))
    item = OutboxItem("later", "reminder", account_id, "telegram", str(chat.user.id), later)
    await OutboxRepository(bot.db).enqueue([item], now_utc() + timedelta(days=1))
    assert await bot.db.scalar("SELECT count(*) FROM attendance_history") == 1
    await chat.send("xã tôi họp khi nào")  # what the last answer was about is kept a while
    assert await bot.db.scalar("SELECT count(*) FROM qa_threads") == 1

    (confirm,) = await chat.send("/xoa")
    (erased,) = await chat.press(confirm, "Xóa thông tin")
    assert "Đã xóa" in (erased.text or "")
    for table in ("delegates", "attendance", "attendance_history", "qa_threads"):
        assert await bot.db.scalar(f"SELECT count(*) FROM {table}") == 0, table
    assert await bot.db.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'") == 0
    assert await bot.db.scalar("SELECT display_name FROM accounts") == ""
