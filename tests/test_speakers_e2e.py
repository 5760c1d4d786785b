"""Speakers end to end through the fake Bot API, with time travel: the speaker invite and
/lichbaocao, agenda reminders with "Đã nhận" and the organisers told of a silence, and the
review of a talk in two versions; refused documents leave nothing stored."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

import time_machine

from tests.conftest import ORGANISER_ID, Bot, Chat, travel
from tests.fake_telegram import SentMessage

LINK = re.compile(r"\?start=(r-[A-Za-z0-9_-]+)")


async def join_as(bot: Bot, admin: Chat, what: str, user_id: int, name: str) -> Chat:
    """An organiser's /moi <what>, opened by a new person: their chat."""
    (invite,) = await admin.send(f"/moi {what}")
    found = LINK.search(invite.text or "")
    assert found, invite.text
    person = bot.chat(user_id, name)
    replies = 2 if what.startswith("baocaovien") else 1
    granted = await person.send(f"/start {found.group(1)}", replies=replies)
    assert "đã được cấp quyền" in (granted[0].text or "")
    return person


def buttons(message: SentMessage) -> list[str]:
    return [label for label, _ in message.inline_buttons]


async def count(bot: Bot, table: str) -> int:
    return int(str(await bot.db.scalar(f"SELECT count(*) FROM {table}")))



async def test_speaker_joins_sees_slots_acknowledges_and_silence_is_escalated(
    bot: Bot, clock: time_machine.Coordinates
) -> None:
    admin = bot.chat(ORGANISER_ID, "Ban tổ chức")
    (invite,) = await admin.send("/moi baocaovien trung-uong")
    found = LINK.search(invite.text or "")
    assert found and "Báo cáo viên" in (invite.text or "")
    speaker = bot.chat(3001, "Lê Văn Cường")
    granted, agenda = await speaker.send(f"/start {found.group(1)}", replies=2)
    assert "Báo cáo viên" in (granted.text or "")
    text = agenda.text or ""
    assert "Lịch báo cáo của Báo cáo viên cơ quan chuyên trách" in text
    assert "Thứ Sáu, 27/11/2026, 08:15 (90 phút)" in text
    assert "Cùng trình bày: Báo cáo viên cấp thành phố" in text
    assert "Hội trường Trung tâm Hành chính" in text
    (again,) = await speaker.send("/lichbaocao")
    assert again.text == agenda.text
    (stranger,) = await bot.chat(3002, "Người lạ").send("/lichbaocao")
    assert "dành cho báo cáo viên" in (stranger.text or "")

    scheduler = bot.runtime.scheduler
    # Joined after the 14-day mark: that reminder goes at once, the next one on 24/11.
    assert await scheduler.wake() == 1
    (first,) = await bot.server.wait_for(speaker.user.id)
    assert "còn 14 ngày" in (first.text or "") and buttons(first) == ["✅ Đã nhận"]
    assert await scheduler.wake() == 0
    assert scheduler.next_wake() == datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # delegates' 7d

    # Nobody pressed "Đã nhận" within 24 hours: the organisers are told, once.
    await travel(clock, datetime(2026, 11, 20, 12, 1, tzinfo=UTC))
    assert await scheduler.wake() == 1
    (silent,) = await bot.server.wait_for(ORGANISER_ID)
    assert "chưa xác nhận đã nhận lịch báo cáo" in (silent.text or "")
    assert "Báo cáo viên cơ quan chuyên trách" in (silent.text or "")
    assert await scheduler.wake() == 0

    await travel(clock, datetime(2026, 11, 24, 1, 0, 30, tzinfo=UTC))
    assert await scheduler.wake() == 1
    (second,) = await bot.server.wait_for(speaker.user.id)
    assert "còn 3 ngày" in (second.text or "")
    (thanks,) = await speaker.press(second, "✅ Đã nhận")
    assert "đã ghi nhận" in (thanks.text or "")
    # Someone else forging the speaker's button changes nothing.
    stranger = bot.chat(3002, "Người lạ")
    data = dict(second.inline_buttons)["✅ Đã nhận"]
    assert data is not None
    stranger.user.press_raw(1, data)
    (forged,) = await bot.server.wait_for(stranger.user.id)
    assert "không còn" in (forged.text or "") or "hết hạn" in (forged.text or "")

    await travel(clock, datetime(2026, 11, 26, 1, 0, 30, tzinfo=UTC))
    assert await scheduler.wake() == 1  # the 1-day reminder; the acknowledged one is not chased
    (third,) = await bot.server.wait_for(speaker.user.id)
    assert "còn 1 ngày" in (third.text or "")
    rows = await bot.db.fetch_all(
        "SELECT offset_name, acked_at IS NOT NULL, escalated_at IS NOT NULL "
        "FROM speaker_reminders ORDER BY reminded_at"
    )
    # "Đã nhận" answers every open reminder of the session; the first was escalated before.
    assert [tuple(r) for r in rows] == [("14d", 1, 1), ("3d", 1, 0), ("1d", 0, 0)]


async def test_a_talk_reviewed_in_two_versions(bot: Bot) -> None:
    admin = bot.chat(ORGANISER_ID, "Ban tổ chức")
    reviewer = await join_as(bot, admin, "kiemduyet", 3101, "Ban Tuyên giáo")
    speaker = await join_as(bot, admin, "baocaovien bien-phong", 3102, "Thiếu tá Hoàng")

    first_file = b"%PDF-1.4 ban thao lan 1"
    speaker.user.send_document("bai-bao-cao.pdf", first_file, "application/pdf")
    (received,) = await bot.server.wait_for(speaker.user.id)
    assert "Đã nhận bản thảo lần 1" in (received.text or "")
    (to_review,) = await bot.server.wait_for(reviewer.user.id)
    assert to_review.upload is not None and to_review.upload.content == first_file
    assert "Báo cáo viên Bộ đội Biên phòng, lần 1" in (to_review.text or "")
    assert buttons(to_review) == ["✅ Đạt", "✏️ Cần sửa"]
    stored = await bot.db.fetch_one("SELECT file_name, size, sha256 FROM documents")
    assert stored is not None
    assert tuple(stored) == (
        "bai-bao-cao.pdf", len(first_file), hashlib.sha256(first_file).hexdigest()
    )

    (ask,) = await reviewer.press(to_review, "✏️ Cần sửa")
    assert "nhập góp ý" in (ask.text or "")
    (sent,) = await reviewer.send("Bổ sung số liệu năm 2025 ở phần II?")
    assert "Đã gửi góp ý" in (sent.text or "")
    (comment,) = await bot.server.wait_for(speaker.user.id)
    assert "cần sửa" in (comment.text or "") and "Bổ sung số liệu năm 2025" in (comment.text or "")

    speaker.user.send_document("bai-bao-cao-v2.docx", b"PK\x03\x04 ban thao lan 2")
    (received2,) = await bot.server.wait_for(speaker.user.id)
    assert "lần 2" in (received2.text or "")
    (to_review2,) = await bot.server.wait_for(reviewer.user.id)
    (late,) = await reviewer.press(to_review, "✅ Đạt")  # the first version was answered
    assert "đã được trả lời cần sửa" in (late.text or "")
    (approved,) = await reviewer.press(to_review2, "✅ Đạt")
    assert "lần 2" in (approved.text or "") and "đạt" in (approved.text or "")
    (told,) = await bot.server.wait_for(speaker.user.id)
    assert "đã được duyệt đạt" in (told.text or "")
    (twice,) = await reviewer.press(to_review2, "✏️ Cần sửa")
    assert "đã được duyệt đạt" in (twice.text or "")

    # A speaker cannot review; the organiser sees where every talk stands.
    data = dict(to_review2.inline_buttons)["✅ Đạt"]
    assert data is not None
    speaker.user.press_raw(1, data)
    (no,) = await bot.server.wait_for(speaker.user.id)
    assert "chỉ người duyệt" in (no.text or "")
    (overview,) = await admin.send("/duyetbai")
    text = overview.text or ""
    assert "✅ Báo cáo viên Bộ đội Biên phòng: lần 2 đã duyệt đạt" in text
    assert "⬜ Báo cáo viên cấp thành phố: chưa gửi (chưa tham gia bot)" in text
    assert "Chưa gửi: 5 · Chờ duyệt: 0 · Cần sửa: 0 · Đã duyệt: 1" in text
    statuses = await bot.db.fetch_all("SELECT version, status FROM drafts ORDER BY version")
    assert [tuple(r) for r in statuses] == [(1, "changes"), (2, "approved")]


async def test_documents_refused_store_nothing(bot: Bot) -> None:
    admin = bot.chat(ORGANISER_ID, "Ban tổ chức")
    delegate = bot.chat(3201, "Đại biểu")
    delegate.user.send_document("bai.pdf", b"%PDF-1.4 not a speaker")
    (not_speaker,) = await bot.server.wait_for(delegate.user.id)
    assert "chỉ nhận bản thảo bài báo cáo từ báo cáo viên" in (not_speaker.text or "")

    speaker = await join_as(bot, admin, "baocaovien mttq", 3202, "Báo cáo viên MTTQ")
    speaker.user.send_document("virus.exe", b"MZ\x90\x00")
    (wrong,) = await bot.server.wait_for(speaker.user.id)
    assert "chỉ nhận tệp .pdf, .doc, .docx, .odt" in (wrong.text or "")
    big = b"%PDF-1.4" + b"0" * (10 * 1024 * 1024)
    speaker.user.send_document("qua-lon.pdf", big, "application/pdf")
    (too_large,) = await bot.server.wait_for(speaker.user.id)
    assert "tối đa 10 MB" in (too_large.text or "")
    speaker.user.send_document("rong.pdf", b"")
    (empty,) = await bot.server.wait_for(speaker.user.id)
    assert "không tải được" in (empty.text or "")
    assert await count(bot, "documents") == 0 and await count(bot, "drafts") == 0
