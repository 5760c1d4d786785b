"""/thongbao end to end through the fake Telegram server: the dialogue and its preview, a
broadcast to 5,000 delegates with its progress edits and report, cancel, and refusals."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Runtime
from bot.runtime.outbox import Limits
from storage.db import Database
from tests.conftest import NOW, ORGANISER_ID, Bot, Chat, running_bot
from tests.fake_telegram import SentMessage
from tests.outbox_helpers import FIRST_CHAT, add_delegates, copies, status_counts

MANY = 5_000


@pytest.fixture
async def fast(db: Database, tmp_path: Path) -> AsyncIterator[Bot]:
    """The whole bot with a fast sender (the fake server has no rate limit) and a reporter that
    looks every 0.5 s and edits at most every 2.5 s."""
    limits = Limits(per_second=400, chat_interval=0.0, poll_interval=0.05)

    def timing(runtime: Runtime) -> None:
        runtime.reporter.tick, runtime.reporter.min_edit = 0.5, 2.5

    async with running_bot(db, tmp_path, limits, timing) as running:
        yield running


def pressable(message: SentMessage) -> dict[str, str]:
    return {label: data for label, data in message.inline_buttons if data is not None}


async def compose(chat: Chat, text: str, audience: str) -> SentMessage:
    """/thongbao, the text, an audience button; returns the preview."""
    [ask] = await chat.send("/thongbao")
    assert "nội dung thông báo" in (ask.text or "")
    [choose] = await chat.send(text)
    [preview] = await chat.press(choose, audience)
    return preview


async def test_dialogue_preview_counts(bot: Bot) -> None:
    await add_delegates(bot.db, 30)
    await bot.db.write("UPDATE accounts SET unreachable_at = '2026-11-24' WHERE id <= 4")
    await bot.db.write("UPDATE delegates SET category_code = 'lanh-dao-ubnd' WHERE id > 20")
    organiser = bot.chat(ORGANISER_ID, "Ban tổ chức")
    preview = await compose(organiser, "Họp lúc 8 giờ, mang theo giấy mời.", "👥 Tất cả đại biểu")
    assert "Họp lúc 8 giờ" in (preview.text or "")
    assert "Số người: 30 (gửi qua ứng dụng: 26, không liên lạc được: 4)" in (preview.text or "")
    [queued] = await organiser.press(preview, "✅ Gửi")
    assert "26 người" in (queued.text or "")
    # by unit: only the ten leaders
    await organiser.send("/thongbao")
    [choose] = await organiser.send("Chỉ lãnh đạo xã.")
    [units] = await organiser.press(choose, "🏢 Theo đơn vị/thành phần")
    label = next(lab for lab, data in units.inline_buttons if data and "Lãnh đạo" in lab)
    [preview] = await organiser.press(units, label)
    assert "Số người: 10 (gửi qua ứng dụng: 10" in (preview.text or "")
    [dropped] = await organiser.press(preview, "✖️ Hủy")
    assert "không gửi" in (dropped.text or "")
    rows = await bot.db.fetch_all("SELECT count(*) FROM outbox WHERE kind = 'broadcast'")
    assert rows[0][0] == 26
    audit = await bot.db.scalar("SELECT count(*) FROM audit_log WHERE action = 'broadcast'")
    assert audit == 1


async def test_delegate_and_forged_buttons_refused(bot: Bot) -> None:
    await add_delegates(bot.db, 5)
    delegate = bot.chat(FIRST_CHAT)
    [refused] = await delegate.send("/thongbao")
    assert "chỉ dành cho Ban tổ chức" in (refused.text or "")
    for data in ("bc:aud:all", "bc:send", "bc:cancel:1", "bc:unit:0"):
        delegate.user.press_raw(refused.message_id, data)
        [answer] = await bot.server.wait_for(FIRST_CHAT)
        assert "chỉ dành cho Ban tổ chức" in (answer.text or "")
    # the organiser's own forged buttons outside the dialogue do nothing either
    organiser = bot.chat(ORGANISER_ID, "Ban tổ chức")
    organiser.user.press_raw(refused.message_id, "bc:send", chat_id=ORGANISER_ID)
    [expired] = await bot.server.wait_for(ORGANISER_ID)
    assert "bc:" not in (expired.text or "")
    assert await bot.db.scalar("SELECT count(*) FROM outbox WHERE kind = 'broadcast'") == 0
    assert await bot.db.scalar("SELECT count(*) FROM broadcasts") == 0


async def test_focal_point_stays_in_scope(bot: Bot) -> None:
    await add_delegates(bot.db, 12)
    await bot.db.write("UPDATE delegates SET category_code = 'lanh-dao-ubnd' WHERE id <= 3")
    roles = bot.runtime.core.services.roles
    await roles.grant("telegram", "9100", "focal", "test", NOW, scope="unit:lanh-dao-ubnd")
    focal = bot.chat(9100, "Đầu mối")
    preview = await compose(focal, "Thông báo cho lãnh đạo.", "👥 Tất cả đại biểu")
    assert "Số người: 3 " in (preview.text or "")
    await focal.send("/thongbao")
    [choose] = await focal.send("Cho cả xã.")
    await focal.press(choose, "🏘 Theo xã/phường")
    [refused] = await focal.send("Lộc Tấn")
    assert "trong phạm vi của mình" in (refused.text or "")
    # forged: a session button while typing a commune, a unit index that does not exist
    for data in ("bc:ses:1", "bc:unit:99", "bc:send"):
        focal.user.press_raw(refused.message_id, data)
        [expired] = await bot.server.wait_for(9100)
        assert "Gửi" not in str(expired.reply_markup)
    assert await bot.db.scalar("SELECT count(*) FROM outbox WHERE kind = 'broadcast'") == 0


async def wait_report(bot: Bot, timeout: float = 120.0) -> list[SentMessage]:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = bot.server.messages_to(ORGANISER_ID)
        if any("Báo cáo thông báo" in (m.text or "") for m in messages):
            return messages
        await asyncio.sleep(0.1)
    raise AssertionError("no delivery report")


def number(text: str, label: str) -> int:
    line = next(line for line in text.splitlines() if line.startswith(label))
    return int(line.split(":")[1].strip())


async def test_broadcast_to_5000(fast: Bot) -> None:
    chats = await add_delegates(fast.db, MANY)
    blocked = set(chats[100:105])
    for chat in blocked:
        fast.server.block(chat)
    organiser = fast.chat(ORGANISER_ID, "Ban tổ chức")
    preview = await compose(organiser, "Thông báo chung cho tất cả.", "👥 Tất cả đại biểu")
    assert f"Số người: {MANY} " in (preview.text or "")
    started = time.monotonic()
    await organiser.press(preview, "✅ Gửi")
    messages = await wait_report(fast)
    took = time.monotonic() - started
    got = copies(fast.server, chats)
    assert all(got[c] == 1 for c in chats if c not in blocked)
    assert all(got[c] == 0 for c in blocked)
    report = next(m for m in messages if "Báo cáo thông báo" in (m.text or ""))
    text = report.text or ""
    assert number(text, "Đã nhận") == sum(got.values()) == MANY - len(blocked)
    assert number(text, "Chặn bot") == len(blocked)
    assert number(text, "Lỗi") == 0
    assert "0900000100" in text  # a blocked delegate's phone, to call
    everything = fast.server.messages_to(ORGANISER_ID, include_edits=True)
    edits = [m for m in everything if m.is_edit]
    assert len(edits) >= 2, (len(edits), took)
    gaps = [b.time - a.time for a, b in itertools.pairwise(edits)]
    assert min(gaps) >= 2.0, gaps
    assert "đã gửi xong" in (edits[-1].text or "")
    print(f"5000 broadcast: {took:.1f} s, {len(edits)} edits, gaps {[round(g, 2) for g in gaps]}")


async def test_cancel_stops_it(fast: Bot) -> None:
    chats = await add_delegates(fast.db, MANY)
    organiser = fast.chat(ORGANISER_ID, "Ban tổ chức")
    preview = await compose(organiser, "Sẽ bị dừng giữa chừng.", "👥 Tất cả đại biểu")
    await organiser.press(preview, "✅ Gửi")
    progress = await fast.server.wait_for(
        ORGANISER_ID, predicate=lambda m: "Hủy gửi" in str(m.reply_markup), timeout=10
    )
    while sum(copies(fast.server, chats).values()) < 500:  # noqa: ASYNC110
        await asyncio.sleep(0.05)
    fast.server.user(ORGANISER_ID).press(progress[0], pressable(progress[0])["⛔ Hủy gửi"])
    await fast.server.wait_for(
        ORGANISER_ID, predicate=lambda m: "Đã dừng" in (m.text or ""), timeout=10
    )
    after_cancel = sum(copies(fast.server, chats).values())
    await wait_report(fast)
    await asyncio.sleep(0.5)
    received = sum(copies(fast.server, chats).values())
    assert received < MANY
    assert received - after_cancel <= fast.runtime.sender.limits.max_in_flight
    counts = await status_counts(fast.runtime.settings.database)
    assert counts.get("sent", 0) == received
    assert counts.get("skipped", 0) == MANY - received
    assert (
        await fast.db.scalar("SELECT count(*) FROM audit_log WHERE action = 'broadcast_cancel'")
        == 1
    )
    print(f"cancel: {received} received before the stop, {counts.get('skipped')} skipped")


def test_long_report_pages_fit() -> None:
    from bot.runtime.broadcast_reporter import report_pages
    from bot.services.paging import utf16_units
    from storage.broadcasts import Broadcast

    broadcast = Broadcast(7, "telegram", "9001", "9001", 900, "done", "5", tuple(range(300)))
    missed = [
        ("blocked", f"Đại biểu 🙂 Số {n} với một cái tên khá dài", f"09{n:08d}") for n in range(600)
    ]
    pages = report_pages(broadcast, {"sent": 0, "blocked": 600}, missed)
    assert len(pages) > 1
    assert all(utf16_units(page) <= 4096 for page in pages)
    assert pages[-1].endswith(f"({len(pages)}/{len(pages)})")


async def test_session_audience_by_answer(bot: Bot) -> None:
    await add_delegates(bot.db, 10, category_code="lanh-dao-ubnd")  # invited to the city session
    stamp = "2026-11-25T02:00:00Z"
    for delegate_id, answer in ((1, "in_person"), (2, "online"), (3, "absent")):
        await bot.db.write(
            "INSERT INTO attendance (session_id, delegate_id, answer, channel, updated_at) "
            "SELECT id, ?, ?, 'telegram', ? FROM sessions WHERE level = 'city'",
            (delegate_id, answer, stamp),
        )
    num = int(str(await bot.db.scalar("SELECT num FROM sessions WHERE level = 'city'")))
    organiser = bot.chat(ORGANISER_ID, "Ban tổ chức")
    expected = {
        "Đã xác nhận tham dự": 2,
        "Báo vắng": 1,
        "Chưa trả lời": 7,
        "Tất cả người được mời": 10,
    }
    for label, count in expected.items():
        await organiser.send("/thongbao")
        [choose] = await organiser.send("Nhắc theo câu trả lời.")
        [sessions] = await organiser.press(choose, "🗓 Theo buổi hội nghị")
        session_label = next(
            lab for lab, data in sessions.inline_buttons if data == f"bc:ses:{num}"
        )
        [answers] = await organiser.press(sessions, session_label)
        [preview] = await organiser.press(answers, label)
        assert f"Số người: {count} " in (preview.text or ""), (label, preview.text)
        await organiser.press(preview, "✖️ Hủy")


async def test_zalo_organiser_gets_progress_as_new_messages(db: Database, tmp_path: Path) -> None:
    from tests.test_zalo_e2e import ZaloChat, start_both, stop_both

    running = await start_both(db, tmp_path, None, admin_ids=("zalo:org-zalo",))
    try:
        chats = await add_delegates(db, 20)
        organiser = ZaloChat(running.zalo, running.zalo.user("org-zalo", "Ban Tổ Chức"))
        await organiser.send("/thongbao")
        await organiser.send("Thông báo qua Zalo.")
        (preview,) = await organiser.send("1")  # everyone
        assert "Số người: 20 " in (preview.text or "")
        (queued,) = await organiser.send("1")  # Gửi
        assert "20 người" in (queued.text or "")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            texts = [m.text or "" for m in running.zalo.messages_to(organiser.user.chat_id)]
            if any("Báo cáo thông báo" in text for text in texts):
                break
            await asyncio.sleep(0.1)
        assert any("Hủy gửi" in text for text in texts)
        assert any("đã gửi xong 20/20" in text for text in texts)
        assert any("Đã nhận: 20" in text for text in texts)
        assert sum(copies(running.telegram, chats).values()) == 20
    finally:
        await stop_both(running)


async def test_an_unreachable_audience_gets_a_list_to_call(bot: Bot) -> None:
    await add_delegates(bot.db, 6, category_code="lanh-dao-ubnd")  # invited to the city session
    await bot.db.write("UPDATE accounts SET unreachable_at = '2026-11-24' WHERE id <= 2")
    num = int(str(await bot.db.scalar("SELECT num FROM sessions WHERE level = 'city'")))
    organiser = bot.chat(ORGANISER_ID, "Ban tổ chức")
    await organiser.send("/thongbao")
    [choose] = await organiser.send("Gọi điện cho những người này.")
    [sessions] = await organiser.press(choose, "🗓 Theo buổi hội nghị")
    label = next(lab for lab, data in sessions.inline_buttons if data == f"bc:ses:{num}")
    [answers] = await organiser.press(sessions, label)
    [preview] = await organiser.press(answers, "Không liên lạc được")
    assert "Số người: 2 " in (preview.text or "")
    [to_call] = await organiser.press(preview, "✅ Gửi")
    text = to_call.text or ""
    assert "Không có ai trong nhóm này" in text and text.count("không liên lạc được") == 2
    names = [
        str(r[0])
        for r in await bot.db.fetch_all("SELECT full_name FROM delegates WHERE id <= 2 ORDER BY id")
    ]
    assert all(name in text for name in names)
    assert await bot.db.scalar("SELECT count(*) FROM outbox WHERE kind = 'broadcast'") == 0
