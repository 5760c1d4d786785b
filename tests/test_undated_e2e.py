"""A session whose date is announced later (seed 002, plans/lang-son-2024.yaml), end to end:
delegates register and answer while the date is not set, the organiser sets it with /datngay
or by loading the plan again with the date filled in, every invitee is told exactly once, and
the reminders then follow the new date (time travel, no sleeps)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from bot.app import load_plan
from bot.config import DEFAULT_PLAN
from bot.services import checkin
from storage.db import Database
from tests.conftest import ORGANISER_ID, Bot, Chat, running_bot
from tests.seed_plan import example_plan_moved
from tests.test_speakers_e2e import join_as

LANG_SON = DEFAULT_PLAN.parent / "lang-son-2024.yaml"
NO_DEADLINES = "no-deadlines.yaml"
SESSION = "2024-08-danh-gia-15-nam"
TODAY = datetime(2024, 7, 20, 3, 0, tzinfo=UTC)  # 10:00 in Lạng Sơn, before the date is set
START = datetime(2024, 8, 15, 1, 0, tzinfo=UTC)  # Thursday 15/08/2024, 08:00 local
WHEN = "Thứ Năm, 15/08/2024, 08:00–11:30"
REGISTRATION_MESSAGES = 9  # what each register_* helper receives (with the privacy notice)
PROVINCE_BODY = "Sở Ngoại vụ (cơ quan thường trực Ban Chỉ đạo)"
BORDER = "UBND các huyện (nay là các xã) biên giới"


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


@asynccontextmanager
async def bot_with_plan(tmp_path: Path, plan: Path) -> AsyncIterator[Bot]:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        report, errors = await load_plan(database, plan)
        assert report is not None, errors
        async with running_bot(database, tmp_path) as running:
            yield running
    finally:
        await database.close()


@pytest.fixture
async def lang_son(tmp_path: Path, clock: time_machine.Coordinates) -> AsyncIterator[Bot]:
    async with bot_with_plan(tmp_path, LANG_SON) as running:
        yield running


@pytest.fixture
async def lang_son_delegates(
    tmp_path: Path, clock: time_machine.Coordinates
) -> AsyncIterator[Bot]:
    """The plan without its deadlines: only what the delegates are sent."""
    text = LANG_SON.read_text(encoding="utf-8").split("\ndeadlines:")[0]
    path = tmp_path / NO_DEADLINES
    path.write_text(text, encoding="utf-8")
    async with bot_with_plan(tmp_path, path) as running:
        yield running


async def register_province_body(chat: Chat) -> None:
    """Someone of a province-level department: the button instead of a commune."""
    *_, ask_commune = await chat.start()
    assert "cơ quan cấp tỉnh" in (ask_commune.text or "")
    await chat.press(ask_commune, "Tôi thuộc cơ quan cấp tỉnh")
    await chat.send(chat.user.first_name)
    (ask_category,) = await chat.send("Phó Giám đốc")
    await chat.press(ask_category, PROVINCE_BODY)
    _, summary = await chat.send("Bỏ qua", replies=2)
    assert "cơ quan cấp tỉnh" in (summary.text or "")


async def register_in_commune(chat: Chat, code: int, category: str) -> None:
    await chat.start(f"c-{code}", replies=3)
    await chat.send(chat.user.first_name)
    (ask_category,) = await chat.send("Chủ tịch UBND xã")
    await chat.press(ask_category, category)
    if category == "Khác (ghi rõ)":
        await chat.send("Hội Nông dân xã")
    await chat.send("Bỏ qua", replies=2)


async def session_num(bot: Bot) -> int:
    return int(str(await bot.db.scalar("SELECT num FROM sessions WHERE id = ?", (SESSION,))))


async def notices(bot: Bot) -> list[str]:
    rows = await bot.db.fetch_all(
        "SELECT dedup_key FROM outbox WHERE kind = 'schedule_change' ORDER BY dedup_key"
    )
    return [row[0] for row in rows]


def dated_plan(
    tmp_path: Path,
    start: str = "2024-08-15 08:00",
    end: str = "2024-08-15 11:30",
    source: Path = LANG_SON,
) -> Path:
    text = source.read_text(encoding="utf-8").replace(
        "    date_note: dự kiến", f"    start: {start}\n    end: {end}\n    date_note: dự kiến"
    )
    path = tmp_path / "dated.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_the_date_set_by_the_organiser_is_told_once_and_drives_the_reminders(
    lang_son_delegates: Bot, clock: time_machine.Coordinates, tmp_path: Path
) -> None:
    bot = lang_son_delegates
    department = bot.chat(1001, "Hoàng Văn Nam")
    border = bot.chat(1002, "Lý Thị Hoa")
    outsider = bot.chat(1003, "Nông Văn Tài")  # a commune delegate of a category not invited
    await register_province_body(department)
    await register_in_commune(border, 6184, BORDER)
    await register_in_commune(outsider, 6046, "Khác (ghi rõ)")

    # While the date is not set: the schedule says so, answers are possible, no calendar.
    for question in ("hội nghị ngày nào", "khi nao hop"):
        (answer,) = await department.send(question)
        text = answer.text or ""
        assert "Hội nghị cấp tỉnh: chưa có ngày giờ cụ thể" in text, question
        assert "trung tuần tháng 8/2024, thời gian cụ thể sẽ có thông báo sau" in text
    (month,) = await department.send("tháng 8 có hội nghị không")
    assert "Tháng 8 dự kiến có hội nghị" in (month.text or "")  # the plan says mid-August
    assert "trung tuần tháng 8/2024" in (month.text or "")
    assert "không có hội nghị" not in (month.text or "")
    (choice,) = await border.send("/xacnhan")
    assert "chưa có ngày giờ cụ thể" in (choice.text or "")
    (recorded,) = await border.press(choice, "✅ Tham dự")
    assert "Đã ghi nhận: anh/chị tham dự" in (recorded.text or "")
    (qr,) = await border.press(recorded, "📱 Lấy mã QR điểm danh")
    assert "chưa có ngày giờ cụ thể" in (qr.text or "")
    (no_calendar,) = await department.send("/lichics")
    assert "chưa có lịch để tải" in (no_calendar.text or "")
    (not_invited,) = await outsider.send("/xacnhan")
    assert "Không còn buổi hội nghị nào sắp tới" in (not_invited.text or "")
    scheduler = bot.runtime.scheduler
    assert await scheduler.wake() == 0 and scheduler.next_wake() is None

    # The organisers' tools say so too; check-in waits for the day.
    num = await session_num(bot)
    organiser = bot.chat(ORGANISER_ID, "Ban Tổ Chức")
    (pick,) = await organiser.send("/tonghop")
    assert [label for label, _ in pick.inline_buttons] == ["🗓 Hội nghị cấp tỉnh (chưa có ngày)"]
    (rollup,) = await organiser.send(f"/tonghop {num}")
    rollup_text = rollup.text or ""
    assert "🕗 chưa có ngày giờ cụ thể (dự kiến trung tuần tháng 8/2024" in rollup_text
    assert "• Cơ quan cấp tỉnh: 👥 1 ✅ 0" in rollup_text
    assert "cho buổi cấp tỉnh" in rollup_text
    scan = checkin.payload(bot.runtime.core.services.checkin_key, num, 2)  # border's code
    (no_checkin,) = await organiser.send(f"/start {scan}")
    assert "chưa có ngày giờ cụ thể nên chưa điểm danh được" in (no_checkin.text or "")

    # Only organisers may set it; a delegate is refused.
    (refused,) = await department.send(f"/datngay {num} 15/08/2024 08:00-11:30")
    assert "dành cho Ban tổ chức" in (refused.text or "")
    (usage,) = await organiser.send("/datngay")
    assert f"{num}. Hội nghị cấp tỉnh: chưa có ngày giờ cụ thể" in (usage.text or "")

    (done,) = await organiser.send(f"/datngay {num} 15/08/2024 08:00-11:30")
    assert f"Đã đặt ngày giờ cho Hội nghị cấp tỉnh: {WHEN}" in (done.text or "")
    assert "Đã gửi thông báo tới 2 đại biểu" in (done.text or "")
    for chat in (department, border):
        (notice,) = await bot.server.wait_for(chat.user.id)
        text = notice.text or ""
        # the session by its own title, as its reminders name it
        assert "Đã có ngày giờ chính thức: Hội nghị đánh giá 15 năm" in text and WHEN in text
        assert "Hội trường UBND tỉnh Lạng Sơn" in text
        assert next(label for label, _ in notice.inline_buttons) == "✅ Tham dự"

    # The same command again, then reloads with the date left out or filled in: nobody is
    # told again, and the date set in the chat stays.
    (again,) = await organiser.send(f"/datngay {num} 15/8/2024 8h-11h30")
    assert "không gửi thông báo lại" in (again.text or "")
    undated = tmp_path / NO_DEADLINES
    for path in (undated, dated_plan(tmp_path, source=undated)):
        report, errors = await load_plan(bot.db, path)
        assert report is not None and (report.moved, report.dated) == ((), ()), errors
    bot.runtime.core.services.plans.invalidate()
    assert await notices(bot) == [
        f"dated:{SESSION}:{int(START.timestamp())}:{delegate}" for delegate in (1, 2)
    ]
    (schedule,) = await outsider.send("/lich")
    assert f"Hội nghị cấp tỉnh: {WHEN}" in (schedule.text or "")

    # The scheduler plans the reminders from the new date.
    assert await scheduler.wake() == 0
    assert scheduler.next_wake() == datetime(2024, 8, 8, 0, 59, tzinfo=UTC)  # a minute early
    for moment, left in (
        (datetime(2024, 8, 8, 1, 0, 20, tzinfo=UTC), "còn 7 ngày"),
        (datetime(2024, 8, 14, 1, 0, 20, tzinfo=UTC), "ngày mai"),
        (datetime(2024, 8, 14, 23, 0, 20, tzinfo=UTC), "2 giờ nữa"),
    ):
        clock.move_to(moment)
        assert await scheduler.wake() == 2  # one each; no map pin: the venue has no coordinates
        for chat in (department, border):
            (reminder,) = await bot.server.wait_for(chat.user.id)
            assert left in (reminder.text or "") and WHEN in (reminder.text or "")
            # the province session by its own title, not "Hội nghị cấp tỉnh"
            assert "Nhắc lịch: Hội nghị đánh giá 15 năm hoàn thành PGCM" in (reminder.text or "")
        assert await scheduler.wake() == 0
    assert "Anh/chị đã trả lời: tham dự" in (reminder.text or "")  # border said yes before the date

    clock.move_to(START)
    assert await scheduler.wake() == 0
    for chat in (department, border):
        messages = bot.server.messages_to(chat.user.id)
        assert len([m for m in messages if "Đã có ngày giờ chính thức" in (m.text or "")]) == 1
    # registration, /xacnhan, the answer, the QR code, the notice, three reminders
    assert len(bot.server.messages_to(border.user.id)) == REGISTRATION_MESSAGES + 3 + 1 + 3
    # registration (with the "other category" question), /xacnhan, /lich: no notice, no reminder
    assert len(bot.server.messages_to(outsider.user.id)) == REGISTRATION_MESSAGES + 1 + 2
    audit = await bot.db.fetch_all(
        "SELECT actor, details FROM audit_log WHERE action = 'session_date'"
    )
    assert [row["actor"] for row in audit] == [str(ORGANISER_ID)]
    assert '"before": null' in audit[0]["details"] and '"told": 2' in audit[0]["details"]


async def test_a_plan_reload_with_the_date_filled_in_tells_each_invitee_once(
    lang_son: Bot, tmp_path: Path
) -> None:
    bot = lang_son
    department, border = bot.chat(1001, "Hoàng Văn Nam"), bot.chat(1002, "Lý Thị Hoa")
    await register_province_body(department)
    await register_in_commune(border, 6184, BORDER)
    path = dated_plan(tmp_path)
    first, errors = await load_plan(bot.db, path)
    assert first is not None and first.dated == ((SESSION, START),), errors
    second, _ = await load_plan(bot.db, path)
    assert second is not None and (second.moved, second.dated) == ((), ())
    bot.runtime.core.services.plans.invalidate()
    for chat in (department, border):
        (notice,) = await bot.server.wait_for(chat.user.id)
        assert "Đã có ngày giờ chính thức" in (notice.text or "") and WHEN in (notice.text or "")
    assert len(await notices(bot)) == 2
    audit = await bot.db.scalar(
        "SELECT details FROM audit_log WHERE action = 'plan_load' ORDER BY id DESC LIMIT 1"
    )
    assert '"dated": []' in str(audit)

    # A later load with another date is an ordinary move, told once more.
    moved, _ = await load_plan(bot.db, dated_plan(tmp_path, "2024-08-16 14:00", "2024-08-16 17:00"))
    assert moved is not None and [m[0] for m in moved.moved] == [SESSION]
    bot.runtime.core.services.plans.invalidate()
    for chat in (department, border):
        (notice,) = await bot.server.wait_for(chat.user.id)
        text = notice.text or ""
        assert "Lịch thay đổi" in text and "Thứ Sáu, 16/08/2024, 14:00–17:00" in text
    assert len(bot.server.messages_to(border.user.id)) == REGISTRATION_MESSAGES + 2


async def test_the_command_explains_every_mistake_and_changes_nothing(lang_son: Bot) -> None:
    bot = lang_son
    organiser = bot.chat(ORGANISER_ID, "Ban Tổ Chức")
    num = await session_num(bot)
    cases = [  # the command, what is said, whether the usage follows
        ("/datngay ngày 15", "Chưa đọc được ngày giờ", True),
        (f"/datngay {num} 31/02/2024 08:00-11:30", "31/02/2024 08:00-11:30 không có thật", True),
        (f"/datngay {num} 15/08/2024 25:00-26:00", "không có thật", True),
        ("/datngay 99 15/08/2024 08:00-11:30", "Không có buổi số 99", True),
        (f"/datngay {num} 15/08/2024 11:30-08:00", "Giờ kết thúc phải sau giờ bắt đầu", False),
        (
            f"/datngay {num} 15/07/2024 08:00-11:30",
            "Thứ Hai, 15/07/2024, 08:00–11:30 đã qua",
            False,
        ),
    ]
    for command, expected, with_usage in cases:
        replies = await organiser.send(command, replies=2 if with_usage else 1)
        assert expected in (replies[0].text or ""), command
        if with_usage:
            assert "Ví dụ: /datngay" in (replies[1].text or "")
    focal = bot.chat(1004, "Đầu Mối")
    await bot.runtime.core.services.roles.grant(
        "telegram", str(focal.user.id), "focal", "test", TODAY, "unit:so-ngoai-vu"
    )
    (refused,) = await focal.send(f"/datngay {num} 15/08/2024 08:00-11:30")
    assert "dành cho Ban tổ chức" in (refused.text or "")
    assert await bot.db.scalar("SELECT starts_at FROM sessions") == ""
    assert await notices(bot) == []


async def test_an_organiser_moves_a_dated_session_in_the_chat(bot: Bot, tmp_path: Path) -> None:
    """The example plan's city session (27/11/2026) moved by /datngay: the "moved" notice. The
    same file read again (`hoinghi plan load`, an upgrade) leaves the date set in the chat; a
    file whose own date for the session changed moves it, told as a move."""
    chat = bot.chat()
    await chat.start("c-25279", replies=3)
    await chat.send("Nguyễn Văn An")
    (ask_category,) = await chat.send("Chủ tịch UBND xã")
    await chat.press(ask_category, "Lãnh đạo UBND xã")
    await chat.send("Bỏ qua", replies=2)
    num = int(str(await bot.db.scalar("SELECT num FROM sessions WHERE level = 'city'")))
    organiser = bot.chat(ORGANISER_ID, "Ban Tổ Chức")
    (done,) = await organiser.send(f"/datngay {num} 28/11/2026 14:00-17:00")
    assert "Đã đổi ngày giờ Hội nghị cấp thành phố: Thứ Sáu, 27/11/2026, 08:00 → " in (
        done.text or ""
    )
    (notice,) = await bot.server.wait_for(chat.user.id)
    assert "Lịch thay đổi" in (notice.text or "")
    assert "Thứ Bảy, 28/11/2026, 14:00–17:00" in (notice.text or "")
    report, _ = await load_plan(bot.db, DEFAULT_PLAN)
    assert report is not None and report.moved == ()
    assert await bot.db.scalar("SELECT starts_at FROM sessions WHERE level = 'city'") == (
        "2026-11-28T07:00:00.000000Z"
    )
    edited = example_plan_moved(
        tmp_path / "plan.yaml",
        ("start: 2026-11-27 08:00", "start: 2026-11-29 08:00"),
        ("end: 2026-11-27 11:30", "end: 2026-11-29 11:30"),
    )
    report, _ = await load_plan(bot.db, edited)
    assert report is not None and [m[0] for m in report.moved] == ["2026-11-thanh-pho"]
    assert await bot.db.scalar("SELECT starts_at FROM sessions WHERE level = 'city'") == (
        "2026-11-29T01:00:00.000000Z"
    )


async def test_speakers_and_deadlines_follow_the_date_set_later(
    lang_son: Bot, clock: time_machine.Coordinates
) -> None:
    """Seed 002's speakers are told once when the date is set; the deadlines counted in days
    before the session get their due days from it; the fixed ones past due are overdue."""
    bot = lang_son
    organiser = bot.chat(ORGANISER_ID, "Văn phòng UBND tỉnh")
    speaker = await join_as(bot, organiser, "baocaovien so-ngoai-vu", 1201, "Giám đốc Sở")
    (agenda,) = await speaker.send("/lichbaocao")
    assert "Báo cáo đánh giá 15 năm" in (agenda.text or "")
    assert "chưa có ngày giờ cụ thể" in (agenda.text or "")
    focal = await join_as(bot, organiser, "dau-moi so-ngoai-vu", 1202, "Văn thư Sở Ngoại vụ")

    # 20/07/2024: the fixed deadlines of 14/06, 14/07 and 19/07 owed by the department have
    # passed; those counted from the session wait for its date.
    scheduler = bot.runtime.scheduler
    await scheduler.wake()
    # (one message a second to a chat: Telegram's limit)
    overdue = await bot.server.wait_for(focal.user.id, 3, timeout=20)
    assert all("Đã quá hạn" in (m.text or "") for m in overdue)
    everything = await bot.server.wait_for(ORGANISER_ID, 7, timeout=30)
    assert all("Đã quá hạn" in (m.text or "") for m in everything)
    (listing, by_owner) = await organiser.send("/hanchot", replies=2)
    assert "hạn tính theo ngày hội nghị (chưa có ngày)" in (listing.text or "")
    assert "7/10 quá hạn" in (by_owner.text or "")

    num = await session_num(bot)
    (done,) = await organiser.send(f"/datngay {num} 15/08/2024 08:00-11:30")
    assert "15/08/2024" in (done.text or "")
    (told,) = await bot.server.wait_for(speaker.user.id)
    assert "Ngày giờ hội nghị đã được ấn định" in (told.text or "")
    assert "Thứ Năm, 15/08/2024, 08:30 (45 phút)" in (told.text or "")
    assert [label for label, _ in told.inline_buttons] == ["✅ Đã nhận"]
    (same,) = await organiser.send(f"/datngay {num} 15/08/2024 08:00-11:30")
    assert "không gửi thông báo lại" in (same.text or "")
    (listing, _) = await organiser.send("/hanchot", replies=2)
    assert "hết ngày 31/07/2024" in (listing.text or "")  # invitations: 15 days before

    clock.move_to(datetime(2024, 7, 28, 1, 0, 30, tzinfo=UTC))
    await scheduler.wake()
    (invitations,) = await bot.server.wait_for(ORGANISER_ID)
    assert "Còn 3 ngày đến hạn" in (invitations.text or "")
    assert "In và gửi giấy mời" in (invitations.text or "")
    clock.move_to(datetime(2024, 8, 1, 1, 0, 30, tzinfo=UTC))
    await scheduler.wake()
    (reminder,) = await bot.server.wait_for(speaker.user.id)
    assert "còn 14 ngày" in (reminder.text or "")
    assert len(bot.server.messages_to(speaker.user.id)) == 2 + 1 + 1 + 1  # nothing twice
