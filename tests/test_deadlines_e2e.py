"""Deadlines end to end through the fake Bot API, with time travel: reminders to the owing
unit's focal point before the due day and on it, "Đã xong" with the owed file, the overdue
notice and the organisers' list by owner; refusals for those who do not owe an item."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import time_machine

from bot.app import load_plan
from bot.config import DEFAULT_PLAN
from bot.plan.loader import parse_plan
from tests.conftest import ORGANISER_ID, Bot, travel
from tests.test_speakers_e2e import join_as

DEADLINES = """
deadlines:
  - id: bao-cao-bien-phong
    what: Báo cáo kết quả tuyên truyền tại các xã biên giới
    owner: {unit: bien-phong}
    due: 27/11/2026
    file: true
  - id: giay-moi
    what: In và gửi giấy mời đại biểu hội nghị cấp thành phố
    owner: {role: organiser}
    before_session: {session: 2026-11-thanh-pho, days: 15}
"""


async def load_with_deadlines(bot: Bot, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text(encoding="utf-8") + DEADLINES, encoding="utf-8")
    report, errors = await load_plan(bot.db, plan)
    assert report is not None, errors
    bot.runtime.core.services.plans.invalidate()


async def test_deadlines_reminded_marked_done_with_a_file_and_overdue_listed(
    bot: Bot, clock: time_machine.Coordinates, tmp_path: Path
) -> None:
    await load_with_deadlines(bot, tmp_path)
    admin = bot.chat(ORGANISER_ID, "Ban tổ chức")
    focal = await join_as(bot, admin, "dau-moi bien-phong", 4001, "Đồn Biên phòng")
    scheduler = bot.runtime.scheduler

    # 19/11: the invitations were due 15 days before the city session (12/11): overdue.
    assert await scheduler.wake() == 1
    (overdue,) = await bot.server.wait_for(ORGANISER_ID)
    assert "Đã quá hạn" in (overdue.text or "") and "hết ngày 12/11/2026" in (overdue.text or "")
    deadlines = scheduler.planners[2]
    assert await deadlines.next_due(datetime.now(UTC)) == datetime(2026, 11, 24, 1, 0, tzinfo=UTC)

    expected = [
        (datetime(2026, 11, 24, 1, 0, 30, tzinfo=UTC), "Còn 3 ngày đến hạn"),
        (datetime(2026, 11, 26, 1, 0, 30, tzinfo=UTC), "Còn 1 ngày đến hạn"),
    ]
    for moment, wording in expected:
        await travel(clock, moment)
        assert await scheduler.wake() >= 1
        (reminder,) = await bot.server.wait_for(focal.user.id)
        assert wording in (reminder.text or "")
        assert "hết ngày 27/11/2026" in (reminder.text or "")
        assert "Cần gửi kèm tệp" in (reminder.text or "")
        assert await scheduler.wake() == 0

    # Someone who does not owe it cannot mark it done, even with a forged button.
    data = dict(reminder.inline_buttons)["✅ Đã xong"]
    assert data is not None
    other = bot.chat(4002, "Người khác")
    other.user.press_raw(1, data)
    (not_yours,) = await bot.server.wait_for(other.user.id)
    assert "không thuộc anh/chị" in (not_yours.text or "")

    (ask,) = await focal.press(reminder, "✅ Đã xong")
    assert "gửi tệp" in (ask.text or "")
    (again,) = await focal.send("xong rồi")
    assert "gửi tệp" in (again.text or "")
    focal.user.send_document("bao-cao.xlsx.exe", b"MZ")
    wrong, ask_again = await bot.server.wait_for(focal.user.id, 2)
    assert "chỉ nhận tệp" in (wrong.text or "") and "gửi tệp" in (ask_again.text or "")
    focal.user.send_document("bao-cao-bien-phong.pdf", b"%PDF-1.4 bao cao")
    (done,) = await bot.server.wait_for(focal.user.id)
    assert "Đã ghi nhận hoàn thành" in (done.text or "")
    row = await bot.db.fetch_one(
        "SELECT m.done_by, f.file_name FROM deadlines_done m JOIN documents f "
        "ON f.id = m.document_id WHERE m.deadline_id = 'bao-cao-bien-phong'"
    )
    assert row is not None and tuple(row) == ("telegram:4001", "bao-cao-bien-phong.pdf")
    (twice,) = await focal.press(reminder, "✅ Đã xong")
    assert "đã được đánh dấu hoàn thành" in (twice.text or "")

    # Done: no reminder on the due day, no overdue notice after it.
    await travel(clock, datetime(2026, 11, 27, 1, 0, 30, tzinfo=UTC))
    await scheduler.wake()
    await travel(clock, datetime(2026, 11, 28, 1, 0, 30, tzinfo=UTC))
    await scheduler.wake()
    assert bot.server.messages_to(focal.user.id)[-1].text == twice.text

    (mine,) = await focal.send("/hanchot")
    assert "Đã xong ngày 26/11/2026" in (mine.text or "")
    listing = await admin.send("/hanchot", replies=2)
    own, overview = listing
    assert "In và gửi giấy mời" in (own.text or "") and "Quá hạn" in (own.text or "")
    text = overview.text or ""
    assert "1/2 quá hạn" in text
    assert "Đồn/Đoàn Biên phòng trên địa bàn" in text and "Ban tổ chức" in text
    (marked,) = await admin.press(own, "✅ Đã xong")
    assert "Đã ghi nhận hoàn thành: In và gửi giấy mời" in (marked.text or "")
    (nothing,) = await bot.chat(4003, "Đại biểu").send("/hanchot")
    assert "không có việc nào" in (nothing.text or "")


def test_plan_deadline_errors_name_the_line() -> None:
    bad = DEADLINES.replace("owner: {role: organiser}", "owner: {role: organiser, unit: x}")
    bad = bad.replace("due: 27/11/2026", "due: 31/02/2026")
    series, errors = parse_plan(DEFAULT_PLAN.read_text(encoding="utf-8") + bad, "plan.yaml")
    assert series is None
    described = [e.describe() for e in errors]
    assert any("deadlines[0].due" in d and "ngày không hợp lệ" in d for d in described), described
    series, errors = parse_plan(
        DEFAULT_PLAN.read_text(encoding="utf-8")
        + DEADLINES.replace("owner: {role: organiser}", "owner: {role: organiser, unit: x}"),
        "plan.yaml",
    )
    described = [e.describe() for e in errors]
    assert series is None and any("đúng một bên phải nộp" in d for d in described), described
