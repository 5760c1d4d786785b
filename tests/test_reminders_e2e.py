"""Reminders and attendance end to end, with time travel instead of sleeps.

The example plan's city session starts on Friday 27/11/2026 at 08:00 local (01:00 UTC); it
invites city-level delegates and the commune leaders (category lanh-dao-ubnd).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from bot.app import load_plan
from bot.config import DEFAULT_PLAN
from bot.services import checkin
from bot.services.attendance import answer_buttons
from tests.conftest import ORGANISER_ID, Bot, Chat, travel
from tests.fake_telegram import SentMessage
from tests.seed_plan import seed_series

CITY_START = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
REGISTRATION_MESSAGES = 9  # what register_leader receives


async def register_leader(chat: Chat, commune_code: int = 25279) -> None:
    """A commune leader (invited to their commune's session and to the city session)."""
    await chat.start(f"c-{commune_code}", replies=3)
    await chat.send(chat.user.first_name)
    (ask_category,) = await chat.send("Chủ tịch UBND xã")
    await chat.press(ask_category, "Lãnh đạo UBND xã")
    await chat.send("Bỏ qua", replies=2)


def buttons(message: SentMessage) -> dict[str, str]:
    return {label: data or "" for label, data in message.inline_buttons}


async def city_num(bot: Bot) -> int:
    return int(str(await bot.db.scalar("SELECT num FROM sessions WHERE level = 'city'")))


async def test_three_reminders_arrive_at_their_times_with_buttons_and_a_pin(
    bot: Bot, clock: time_machine.Coordinates
) -> None:
    chat, declines = bot.chat(), bot.chat(1002, "Trần Văn Bảo")
    await register_leader(chat)
    await register_leader(declines, 25280)
    scheduler = bot.runtime.scheduler
    assert await scheduler.wake() == 0
    # a wave starts a whole minute before its offset, at least (bot/services/waves.py)
    assert scheduler.next_wake() == datetime(2026, 11, 20, 0, 59, tzinfo=UTC)

    expected = [
        (datetime(2026, 11, 20, 1, 0, 30, tzinfo=UTC), "còn 7 ngày", datetime(2026, 11, 26, 0, 59)),
        (datetime(2026, 11, 26, 1, 0, 10, tzinfo=UTC), "ngày mai", datetime(2026, 11, 26, 22, 59)),
        (datetime(2026, 11, 26, 23, 0, 5, tzinfo=UTC), "2 giờ nữa", None),
    ]
    for moment, left, next_wake in expected:
        await travel(clock, moment)
        # the reminder and its map pin; who declined after the first one is not chased
        assert await scheduler.wake() == (4 if left == "còn 7 ngày" else 2)
        text, pin = await bot.server.wait_for(chat.user.id, 2)
        assert left in (text.text or "")
        if left == "còn 7 ngày":
            assert "vui lòng xác nhận" in (text.text or "")
            (declined, _) = await bot.server.wait_for(declines.user.id, 2)
            await declines.press(declined, "❌ Vắng mặt")
            await declines.send("Bỏ qua")
        if left == "2 giờ nữa":
            assert "Anh/chị đã trả lời: tham dự" in (text.text or "")
        assert "Thứ Sáu, 27/11/2026, 08:00–11:30" in (text.text or "")
        assert "Hội trường Trung tâm Hành chính" in (text.text or "")
        # the commune's session is past: "all remaining" needs two sessions ahead
        assert list(buttons(text)) == ["✅ Tham dự", "❌ Vắng mặt", "👤 Cử người dự thay"]
        assert pin.venue is not None and pin.venue["location"]["latitude"] == 10.9466
        assert scheduler.next_wake() == (next_wake.replace(tzinfo=UTC) if next_wake else None)
        assert await scheduler.wake() == 0  # waking again sends nothing twice
        if left == "ngày mai":
            (answered,) = await chat.press(text, "✅ Tham dự")
            assert "Đã ghi nhận: anh/chị tham dự" in (answered.text or "")

    await travel(clock, CITY_START)
    (too_late,) = await chat.press(text, "❌ Vắng mặt")
    assert "đã bắt đầu" in (too_late.text or "")
    assert await scheduler.wake() == 0
    # registration, 3 reminders with their pins, 2 answers: nothing more
    assert len(bot.server.messages_to(chat.user.id)) == REGISTRATION_MESSAGES + 6 + 2
    # registration, the first reminder and its pin, the absence and its skipped reason
    assert len(bot.server.messages_to(declines.user.id)) == REGISTRATION_MESSAGES + 2 + 2


async def test_answers_changes_reasons_and_substitutes_keep_their_history(bot: Bot) -> None:
    chat = bot.chat()
    await register_leader(chat)
    (choice,) = await chat.send("/xacnhan")
    assert "Hiện tại: chưa trả lời" in (choice.text or "")
    (recorded,) = await chat.press(choice, "✅ Tham dự")
    assert "📱 Lấy mã QR điểm danh" in buttons(recorded)
    (ask_reason,) = await chat.press(choice, "❌ Vắng mặt")
    assert "lý do" in (ask_reason.text or "")
    (saved,) = await chat.send("Bận họp Đảng ủy")
    assert "Đã lưu lý do" in (saved.text or "")
    (ask_name,) = await chat.press(choice, "👤 Cử người dự thay")
    await chat.send("Lê Thị Hoa")
    await chat.send("Phó Chủ tịch UBND xã")
    (done,) = await chat.send("0901 234 567")
    assert "Lê Thị Hoa (Phó Chủ tịch UBND xã)" in (done.text or "")
    assert "tên người dự thay" in (ask_name.text or "")

    row = await bot.db.fetch_one(
        "SELECT answer, reason, substitute_name, substitute_position, substitute_phone "
        "FROM attendance"
    )
    assert row is not None and tuple(row) == (
        "substitute",
        "",
        "Lê Thị Hoa",
        "Phó Chủ tịch UBND xã",
        "0901234567",
    )
    history = await bot.db.fetch_all(
        "SELECT answer, previous_answer, reason, channel FROM attendance_history ORDER BY id"
    )
    assert [tuple(r) for r in history] == [
        ("in_person", None, "", "telegram"),
        ("absent", "in_person", "", "telegram"),
        ("absent", "absent", "Bận họp Đảng ủy", "telegram"),
        ("substitute", "absent", "", "telegram"),
    ]


async def test_confirm_all_remaining_sessions_at_once(bot: Bot) -> None:
    with time_machine.travel(datetime(2026, 7, 1, 3, 0, tzinfo=UTC), tick=False):
        chat = bot.chat()
        await register_leader(chat)  # Lộc Tấn: its July session and the city session
        first, second = await chat.send("/xacnhan", replies=2)
        assert "23/07/2026" in (first.text or "") and "27/11/2026" in (second.text or "")
        (done,) = await chat.press(first, "Xác nhận tham dự tất cả các buổi còn lại")
        assert "tham dự 2 buổi còn lại" in (done.text or "")
    answers = await bot.db.fetch_all("SELECT session_id, answer FROM attendance ORDER BY 1")
    assert [tuple(r) for r in answers] == [
        ("2026-07-loc-tan", "in_person"),
        ("2026-11-thanh-pho", "in_person"),
    ]


async def test_a_forged_answer_never_touches_another_record(bot: Bot) -> None:
    owner = bot.chat()
    await register_leader(owner)
    (choice,) = await owner.send("/xacnhan")
    await owner.press(choice, "✅ Tham dự")
    num = await city_num(bot)

    outsider = bot.chat(4004, "Đỗ Văn Ngoài")  # registered, but not invited to the city session
    await outsider.start("c-25280", replies=3)
    await outsider.send("Đỗ Văn Ngoài")
    (ask_category,) = await outsider.send("Trưởng Công an xã")
    await outsider.press(ask_category, "Công an xã")
    await outsider.send("Bỏ qua", replies=2)
    for data in (f"att:a:{num}", f"att:s:{num}"):
        outsider.user.press_raw(choice.message_id, data)
        (refused,) = await bot.server.wait_for(outsider.user.id)
        assert "không có trong danh sách mời" in (refused.text or "")
    other_leader = bot.chat(6006, "Vũ Thị Mai")  # invited too: acts on her own record only
    await register_leader(other_leader, 25280)
    other_leader.user.press_raw(choice.message_id, f"att:a:{num}")
    (ask_reason,) = await bot.server.wait_for(other_leader.user.id)
    assert "vắng mặt" in (ask_reason.text or "")
    stranger = bot.chat(5005, "Người Lạ")
    stranger.user.press_raw(choice.message_id, f"att:a:{num}")
    (refused,) = await bot.server.wait_for(stranger.user.id)
    assert "cần đăng ký" in (refused.text or "")
    stranger.user.press_raw(choice.message_id, "att:p:99999")
    await bot.server.wait_for(stranger.user.id)
    rows = await bot.db.fetch_all(
        "SELECT d.full_name, t.answer FROM attendance t JOIN delegates d ON d.id = t.delegate_id "
        "ORDER BY d.id"
    )
    assert [tuple(r) for r in rows] == [("Nguyễn Văn An", "in_person"), ("Vũ Thị Mai", "absent")]
    assert await bot.db.scalar("SELECT count(*) FROM attendance_history") == 2


async def test_a_moved_date_is_announced_once_and_replans_the_reminders(
    bot: Bot, tmp_path: Path
) -> None:
    chat = bot.chat()
    await register_leader(chat)
    scheduler = bot.runtime.scheduler
    await scheduler.wake()  # 25/11: the 7d reminder fell due on 20/11, sent late
    await bot.server.wait_for(chat.user.id, 2)
    moved = (
        DEFAULT_PLAN.read_text(encoding="utf-8")
        .replace("start: 2026-11-27 08:00", "start: 2026-11-28 14:00")
        .replace("end: 2026-11-27 11:30", "end: 2026-11-28 17:00")
    )
    moved_file = tmp_path / "moved.yaml"
    moved_file.write_text(moved, encoding="utf-8")
    for _ in range(2):
        report, errors = await load_plan(bot.db, moved_file)
        assert report is not None, errors
        bot.runtime.core.services.plans.invalidate()
        bot.runtime.sender.wake()
    (notice,) = await bot.server.wait_for(chat.user.id)
    text = notice.text or ""
    assert "Lịch thay đổi" in text
    assert "Thứ Sáu, 27/11/2026, 08:00" in text and "Thứ Bảy, 28/11/2026, 14:00–17:00" in text
    assert next(iter(buttons(notice))) == "✅ Tham dự"
    assert await scheduler.wake() == 0  # the 7d reminder of the new date is covered
    assert scheduler.next_wake() == datetime(2026, 11, 27, 6, 59, tzinfo=UTC)  # 7d, early
    assert await bot.db.scalar("SELECT count(*) FROM sessions") == 9
    assert len(bot.server.messages_to(chat.user.id)) == REGISTRATION_MESSAGES + 2 + 1


async def test_reminders_missed_while_down_are_sent_late_or_skipped_never_twice(
    bot: Bot, clock: time_machine.Coordinates
) -> None:
    early, late = bot.chat(1001, "Nguyễn Văn An"), bot.chat(1002, "Trần Văn Bảo")
    await register_leader(early)
    await register_leader(late, 25280)
    await travel(clock, datetime(2026, 11, 22, 9, 0, tzinfo=UTC))  # the 7d one fell due on 20/11
    assert await bot.runtime.scheduler.wake() == 4
    for chat in (early, late):
        (text, _) = await bot.server.wait_for(chat.user.id, 2)
        assert "còn 5 ngày" in (text.text or "")  # the true time left, not the offset's
    await travel(clock, datetime(2026, 11, 26, 23, 30, tzinfo=UTC))  # down through 1d and 2h
    assert await bot.runtime.scheduler.wake() == 4
    for chat in (early, late):
        (text, _) = await bot.server.wait_for(chat.user.id, 2)
        assert "2 giờ nữa" in (text.text or "")
    skipped = await bot.db.scalar("SELECT count(*) FROM outbox WHERE status = 'skipped'")
    assert skipped == 2  # the 1d reminder of each
    await travel(clock, datetime(2026, 11, 27, 2, 0, tzinfo=UTC))
    assert await bot.runtime.scheduler.wake() == 0
    for chat in (early, late):
        assert len(bot.server.messages_to(chat.user.id)) == REGISTRATION_MESSAGES + 4


async def test_qr_check_in_by_an_organiser_on_the_day(
    bot: Bot, clock: time_machine.Coordinates
) -> None:
    await travel(clock, datetime(2026, 11, 25, 2, 0, tzinfo=UTC))
    chat = bot.chat()
    await register_leader(chat)
    (choice,) = await chat.send("/xacnhan")
    (recorded,) = await chat.press(choice, "✅ Tham dự")
    (qr,) = await chat.press(recorded, "📱 Lấy mã QR điểm danh")
    assert qr.method == "sendPhoto" and "Mã QR điểm danh" in (qr.text or "")
    assert qr.upload is not None and qr.upload.content.startswith(b"\x89PNG")

    delegate_id = int(str(await bot.db.scalar("SELECT id FROM delegates")))
    payload = checkin.payload(
        bot.runtime.core.services.checkin_key, await city_num(bot), delegate_id
    )
    assert len(payload) <= 64
    organiser = bot.chat(ORGANISER_ID, "Ban Tổ Chức")
    (too_early,) = await organiser.send(f"/start {payload}")
    assert "trong ngày diễn ra hội nghị" in (too_early.text or "")
    await travel(clock, datetime(2026, 11, 27, 0, 45, tzinfo=UTC))  # 07:45 local on the day
    (by_delegate,) = await chat.send(f"/start {payload}")
    assert "dành cho Ban tổ chức" in (by_delegate.text or "")
    forged_tail = "xy" if payload.endswith("xx") else "xx"  # never the real signature's end
    (forged,) = await organiser.send(f"/start {payload[:-2]}{forged_tail}")
    assert "không hợp lệ" in (forged.text or "")
    (done,) = await organiser.send(f"/start {payload}")
    assert "Đã điểm danh có mặt: Nguyễn Văn An (Xã Lộc Tấn)" in (done.text or "")
    (again,) = await organiser.send(f"/start {payload}")
    assert "đã điểm danh lúc 07:45" in (again.text or "")
    rows = await bot.db.fetch_all("SELECT method FROM checkins")
    assert [r["method"] for r in rows] == ["qr"]
    audit = await bot.db.fetch_all(
        "SELECT channel, actor, action, details FROM audit_log WHERE action != 'plan_load'"
    )
    assert [tuple(r)[:3] for r in audit] == [("telegram", str(ORGANISER_ID), "check_in")] * 2
    assert '"first": true' in audit[0]["details"] and '"first": false' in audit[1]["details"]


async def test_location_check_in_near_the_venue_during_the_session(
    bot: Bot, clock: time_machine.Coordinates
) -> None:
    chat = bot.chat()
    await register_leader(chat)
    chat.user.send_location(10.9466, 106.8188)
    (closed,) = await bot.server.wait_for(chat.user.id)
    assert "không có buổi hội nghị nào" in (closed.text or "")
    await travel(clock, datetime(2026, 11, 27, 0, 30, tzinfo=UTC))  # 07:30 local
    chat.user.send_location(10.9600, 106.8188)  # about 1.5 km away
    (far,) = await bot.server.wait_for(chat.user.id)
    assert "xa hơn 300 m" in (far.text or "")
    chat.user.send_location(10.9470, 106.8190)
    (done,) = await bot.server.wait_for(chat.user.id)
    assert "Đã điểm danh có mặt bằng vị trí" in (done.text or "")
    assert await bot.db.scalar("SELECT method FROM checkins") == "location"


async def test_online_attendance_only_where_the_session_allows_it(bot: Bot) -> None:
    chat = bot.chat()
    await register_leader(chat)
    (choice,) = await chat.send("/xacnhan")
    assert "💻 Tham dự trực tuyến" not in buttons(choice)
    chat.user.press_raw(choice.message_id, f"att:o:{await city_num(bot)}")
    (refused,) = await bot.server.wait_for(chat.user.id)
    assert "không tổ chức dự trực tuyến" in (refused.text or "")
    assert await bot.db.scalar("SELECT count(*) FROM attendance") == 0
    city = next(s for s in seed_series().sessions if s.level == "city")
    online = answer_buttons(replace(city, online_allowed=True, num=9), "vi")
    assert [(b.label, b.data) for b in online[0]] == [
        ("✅ Tham dự", "att:p:9"),
        ("💻 Tham dự trực tuyến", "att:o:9"),
    ]


async def test_reminders_of_a_session_that_began_while_down_are_skipped_with_a_log_line(
    bot: Bot, clock: time_machine.Coordinates, caplog: pytest.LogCaptureFixture
) -> None:
    chat = bot.chat()
    await register_leader(chat)
    await travel(clock, datetime(2026, 11, 27, 3, 0, tzinfo=UTC))  # two hours after the start
    with caplog.at_level(logging.WARNING, logger="bot.services.reminders"):
        assert await bot.runtime.scheduler.wake() == 0
        assert await bot.runtime.scheduler.wake() == 0
    lines = [r.getMessage() for r in caplog.records if "began at" in r.getMessage()]
    assert lines == [
        "session 2026-11-thanh-pho began at 2026-11-27T01:00:00+00:00 before 3 "
        "reminders could be sent; skipped"
    ]
    rows = await bot.db.fetch_all("SELECT status, count(*) FROM outbox GROUP BY status")
    assert [tuple(r) for r in rows] == [("skipped", 3)]
    assert len(bot.server.messages_to(chat.user.id)) == REGISTRATION_MESSAGES
