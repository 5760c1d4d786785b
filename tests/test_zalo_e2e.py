"""The same bot on Zalo, beside Telegram, from one core and one database.

Zalo has no buttons: choices are numbered and a reply of "1" (or the choice's words) answers
the last question; updates come without ids and are deduplicated on message_id.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from bot import logs
from bot.app import Runtime
from bot.channels.console import ConsoleChannel
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.config import Settings
from bot.runtime.core import Core
from bot.runtime.outbox import Limits
from bot.runtime.web import Webhook, WebServer
from bot.services import checkin
from bot.services.paging import split_text
from storage.db import Database
from tests.conftest import Chat
from tests.fake_common import free_port
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo, SentMessage, ZaloUser

ZALO_TOKEN = "1459232241454765289:zalo-Secret_token-42"
REGISTRATION_REPLIES = 10  # what register_on_zalo receives


@dataclass
class Both:
    telegram: FakeTelegram
    zalo: FakeZalo
    db: Database
    runtime: Runtime


@dataclass
class ZaloChat:
    server: FakeZalo
    user: ZaloUser

    async def send(self, text: str, replies: int = 1) -> list[SentMessage]:
        self.user.send_text(text)
        return await self.server.wait_for(self.user.chat_id, replies)


async def start_both(
    db: Database, tmp_path: Path, webhook: Webhook | None, admin_ids: tuple[str, ...] = ()
) -> Both:
    """Telegram by polling; Zalo by polling, or by `webhook` on its server."""
    telegram = FakeTelegram(token="123456:TEST-token")
    zalo = FakeZalo(token=ZALO_TOKEN)
    await telegram.start()
    await zalo.start()
    settings = Settings(_env_file=None, database_path=tmp_path / "bot.sqlite3", admin_ids=admin_ids)
    core = await Core.create(db)
    channels = {
        "telegram": TelegramChannel(core, telegram.token, telegram.base_url, poll_timeout=1),
        "zalo": ZaloChannel(core, zalo.token, zalo.base_url, poll_timeout=1, webhook=webhook),
    }
    server = webhook.server if webhook else None
    runtime = Runtime(core, channels, settings, Limits(poll_interval=0.05), server)
    await runtime.start()
    return Both(telegram, zalo, db, runtime)


async def stop_both(both: Both) -> None:
    await both.runtime.stop()
    await both.zalo.stop()
    await both.telegram.stop()


@pytest.fixture
async def both(db: Database, tmp_path: Path) -> AsyncIterator[Both]:
    running = await start_both(db, tmp_path, None)
    try:
        yield running
    finally:
        await stop_both(running)


def zalo_chat(both: Both, display_name: str = "Lê Văn Zalo") -> ZaloChat:
    return ZaloChat(both.zalo, both.zalo.user(display_name=display_name))


async def delegate_of(db: Database, channel: str, external_id: str) -> tuple[object, ...] | None:
    row = await db.fetch_one(
        "SELECT d.full_name, d.commune_name, d.category_code, d.phone FROM delegates d "
        "JOIN accounts a ON a.delegate_id = d.id WHERE a.channel = ? AND a.external_id = ?",
        (channel, external_id),
    )
    return tuple(row) if row else None


async def register_on_zalo(chat: ZaloChat) -> None:
    welcome, consent = await chat.send("/start", replies=2)
    assert "Xin chào" in (welcome.text or "")
    assert "1. ✅ Đồng ý" in (consent.text or "") and "2. Không đồng ý" in (consent.text or "")
    (ask,) = await chat.send("1")
    assert "1. Tôi thuộc cơ quan cấp thành phố" in (ask.text or "")
    (which,) = await chat.send("loc thanh")
    assert "1. Xã Lộc Thành" in (which.text or "") and "2. Xã Lộc Thạnh" in (which.text or "")
    (ask_name,) = await chat.send("2")
    assert "họ và tên" in (ask_name.text or "")
    await chat.send("Lê Văn Zalo")
    (ask_category,) = await chat.send("Chủ tịch UBND xã")
    assert "Gõ số để chọn:" in (ask_category.text or "")
    (ask_phone,) = await chat.send("lanh dao ubnd xa")  # the choice's words, no diacritics
    assert "Gõ số điện thoại" in (ask_phone.text or "")
    done, summary = await chat.send("0912 345 678", replies=2)
    assert "Cảm ơn" in (done.text or "") and "Xã Lộc Thạnh" in (summary.text or "")


async def test_registration_and_questions_on_zalo(both: Both) -> None:
    chat = zalo_chat(both)
    await register_on_zalo(chat)
    assert await delegate_of(both.db, "zalo", chat.user.id) == (
        "Lê Văn Zalo",
        "Xã Lộc Thạnh",
        "lanh-dao-ubnd",
        "0912345678",
    )
    (answer,) = await chat.send("hoi nghi o loc tan khi nao")
    assert "23/07/2026" in (answer.text or "")
    answer, pin = await chat.send("hội nghị cấp thành phố ở đâu", replies=2)
    assert "Hội trường Trung tâm Hành chính" in (answer.text or "")
    assert "https://maps.google.com/?q=10.9466,106.8188" in (pin.text or "")
    (which,) = await chat.send("loc thanh hop luc may gio")
    (answer,) = await chat.send("1")
    assert "09/07/2026" in (answer.text or "")  # Lộc Thành, the first choice
    assert all(len(m.text or "") <= 2000 for m in both.zalo.messages_to(chat.user.chat_id))
    assert "Lộc Thạnh" in (which.text or "")


async def test_stickers_images_duplicates_and_both_update_shapes(both: Both) -> None:
    chat = zalo_chat(both)
    chat.user.send_sticker()
    (reply,) = await both.zalo.wait_for(chat.user.chat_id)
    assert "chỉ đọc được tin nhắn chữ" in (reply.text or "")
    chat.user.send_image()
    await both.zalo.wait_for(chat.user.chat_id)
    chat.user.send_text("/lich", shape="flat")
    (schedule,) = await both.zalo.wait_for(chat.user.chat_id)
    assert "27/11/2026" in (schedule.text or "")
    both.zalo.duplicate_last()
    await both.zalo.wait_delivered()
    chat.user.send_text("/trogiup")
    (help_text,) = await both.zalo.wait_for(chat.user.chat_id)
    assert "/lienket" in (help_text.text or "")
    assert len(both.zalo.messages_to(chat.user.chat_id)) == 4  # the duplicate got no reply
    zalo = both.runtime.channels["zalo"]
    assert isinstance(zalo, ZaloChannel)
    await zalo.settled()
    kept = await both.db.fetch_all(
        "SELECT count(*), count(handled_at) FROM inbound_updates WHERE channel = 'zalo'"
    )
    assert tuple(kept[0]) == (4, 4)  # each polled update kept before it was handled, once


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(datetime(2026, 11, 19, 12, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


async def test_a_reminder_answered_by_typing_1(both: Both, clock: time_machine.Coordinates) -> None:
    chat = zalo_chat(both)
    await register_on_zalo(chat)
    clock.move_to(datetime(2026, 11, 20, 1, 0, 30, tzinfo=UTC))
    assert await both.runtime.scheduler.wake() == 2
    reminder, pin = await both.zalo.wait_for(chat.user.chat_id, 2)
    text = reminder.text or ""
    assert "còn 7 ngày" in text and "1. ✅ Tham dự" in text and "2. ❌ Vắng mặt" in text
    assert "maps.google.com" in (pin.text or "")
    (recorded,) = await chat.send("1")
    assert "Đã ghi nhận: anh/chị tham dự" in (recorded.text or "")
    assert await both.db.scalar("SELECT answer FROM attendance") == "in_person"
    assert await both.db.scalar("SELECT channel FROM attendance_history") == "zalo"


async def test_one_person_two_apps_linked_by_a_short_code(
    both: Both, clock: time_machine.Coordinates
) -> None:
    telegram = Chat(both.telegram, both.telegram.user(user_id=1001, first_name="Nguyễn Văn An"))
    await telegram.start("c-25279", replies=3)
    await telegram.send("Nguyễn Văn An")
    (ask_category,) = await telegram.send("Chủ tịch UBND xã")
    await telegram.press(ask_category, "Lãnh đạo UBND xã")
    await telegram.send("Bỏ qua", replies=2)
    (code_message,) = await telegram.send("/lienket")
    code = next(
        word for word in (code_message.text or "").split() if word.isdigit() and len(word) == 6
    )

    chat = zalo_chat(both, "An Zalo")
    (wrong,) = await chat.send("/lienket 000000" if code != "000000" else "/lienket 111111")
    assert "không đúng hoặc đã hết hạn" in (wrong.text or "")
    (linked,) = await chat.send(f"/lienket {code}")
    assert "Đã liên kết" in (linked.text or "") and "Zalo" in (linked.text or "")
    (again,) = await chat.send(f"/lienket {code}")
    assert "đã gắn với đại biểu Nguyễn Văn An" in (again.text or "")
    assert await delegate_of(both.db, "zalo", chat.user.id) == await delegate_of(
        both.db, "telegram", "1001"
    )

    clock.move_to(datetime(2026, 11, 20, 1, 0, 30, tzinfo=UTC))
    assert await both.runtime.scheduler.wake() == 2  # one delegate: one reminder and its pin
    reminder, _ = await both.zalo.wait_for(chat.user.chat_id, 2)
    (answered,) = await chat.send("1")
    assert "tham dự" in (answered.text or "")
    (mine,) = await telegram.send("/xacnhan")
    assert "Hiện tại: tham dự" in (mine.text or "")  # one attendance record for both apps

    (choose,) = await telegram.send("/kenh")
    await telegram.press(choose, "Telegram")
    clock.move_to(datetime(2026, 11, 26, 1, 0, 30, tzinfo=UTC))
    assert await both.runtime.scheduler.wake() == 2
    one_day, _ = await both.telegram.wait_for(1001, 2)
    assert "ngày mai" in (one_day.text or "")
    await both.telegram.wait_delivered()
    assert [
        m.text for m in both.zalo.messages_to(chat.user.chat_id) if "ngày mai" in (m.text or "")
    ] == []
    assert "còn 7 ngày" in (reminder.text or "")


async def test_webhook_checks_the_secret(db: Database, tmp_path: Path) -> None:
    port = free_port()
    webhook = Webhook(
        f"http://127.0.0.1:{port}/zalo/webhook",
        "s3cret-webhook-token",
        WebServer("127.0.0.1", port),
    )
    running = await start_both(db, tmp_path, webhook)
    try:
        assert running.zalo.webhook_url == webhook.url
        user = running.zalo.user(display_name="Webhook Người Dùng")
        update = user.message(text="/lich")
        inner = {"event_name": "message.text.received", "message": update}
        assert await running.zalo.post_webhook(webhook.url, inner, "wrong-secret-123") == 403
        assert await running.zalo.post_webhook(webhook.url, inner, None) == 403
        assert running.zalo.messages_to(user.chat_id) == []
        assert (
            await running.zalo.post_webhook(webhook.url, inner, webhook.secret, shape="flat") == 200
        )
        (schedule,) = await running.zalo.wait_for(user.chat_id)
        assert "27/11/2026" in (schedule.text or "")
    finally:
        await stop_both(running)


async def test_the_zalo_token_never_reaches_the_logs(
    both: Both, caplog: pytest.LogCaptureFixture
) -> None:
    logs.install_redaction()  # what logs.setup() does at start, without replacing handlers
    try:
        with caplog.at_level(logging.INFO):
            logging.getLogger("httpx").setLevel(logging.INFO)  # httpx logs each URL at INFO
            chat = zalo_chat(both)
            await chat.send("/lich")
            logging.getLogger("bot").warning("a failing url: %s", f"/bot{ZALO_TOKEN}/sendMessage")
        secret = ZALO_TOKEN.split(":", 1)[1]
        assert "sendMessage" in caplog.text and "/bot<token>/" in caplog.text
        assert secret not in caplog.text and ZALO_TOKEN not in caplog.text
        assert both.zalo.token_leaks() == []
    finally:
        logging.setLogRecordFactory(logging.LogRecord)
        logging.getLogger("httpx").setLevel(logging.WARNING)


async def test_the_outbox_retries_zalo_faults_without_duplicates(
    both: Both, clock: time_machine.Coordinates
) -> None:
    chat = zalo_chat(both)
    await register_on_zalo(chat)
    both.zalo.fail_next(2, status=500)
    clock.move_to(datetime(2026, 11, 20, 1, 0, 30, tzinfo=UTC))
    assert await both.runtime.scheduler.wake() == 2
    with time_machine.travel(datetime(2026, 11, 20, 1, 10, tzinfo=UTC), tick=True):
        both.runtime.sender.wake()
        reminder, pin = await both.zalo.wait_for(chat.user.chat_id, 2, timeout=10)
    assert "còn 7 ngày" in (reminder.text or "") and "maps" in (pin.text or "")
    async with asyncio.timeout(5):  # the 'sent' mark is written just after the server answers
        while await both.db.scalar("SELECT count(*) FROM outbox WHERE status = 'sent'") != 2:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
    assert both.zalo.status_counts[500] == 2
    assert len(both.zalo.messages_to(chat.user.chat_id)) == REGISTRATION_REPLIES + 2


async def test_an_organiser_on_zalo_checks_a_delegate_in(db: Database, tmp_path: Path) -> None:
    with time_machine.travel(datetime(2026, 11, 27, 0, 40, tzinfo=UTC), tick=False):
        running = await start_both(db, tmp_path, None, admin_ids=("zalo:organiser-zalo-id",))
        try:
            chat = ZaloChat(running.zalo, running.zalo.user(display_name="Lê Văn Zalo"))
            await register_on_zalo(chat)
            delegate_id = int(str(await db.scalar("SELECT id FROM delegates")))
            num = int(str(await db.scalar("SELECT num FROM sessions WHERE level = 'city'")))
            key = running.runtime.core.services.checkin_key
            organiser = ZaloChat(
                running.zalo, running.zalo.user("organiser-zalo-id", "Ban Tổ Chức")
            )
            (asked,) = await organiser.send(f"/start {checkin.payload(key, num, delegate_id)}")
            assert "hiện trả lời: «Chưa trả lời»" in (asked.text or "")  # confirm first
            (done,) = await organiser.send("1")
            assert "Đã điểm danh có mặt: Lê Văn Zalo (Xã Lộc Thạnh)" in (done.text or "")
            (refused,) = await chat.send(f"/start {checkin.payload(key, num, delegate_id)}")
            assert "dành cho Ban tổ chức" in (refused.text or "")
        finally:
            await stop_both(running)


def test_long_texts_are_split_at_line_breaks() -> None:
    text = "\n".join(f"Dòng {n}: " + "x" * 90 for n in range(60))
    pieces = split_text(text, 2000)
    assert all(len(piece) <= 2000 for piece in pieces) and len(pieces) == 3
    assert "\n".join(pieces) == text
    assert all(piece.startswith("Dòng") for piece in pieces)


async def test_zalo_and_console_never_speak_of_buttons(both: Both, db: Database) -> None:
    chat = zalo_chat(both)
    said: list[str] = []
    for text, count in (
        ("/start c-25279", 3),
        ("1", 1),
        ("Nguyễn Văn An", 1),
        ("Chủ tịch UBND xã", 1),
        ("3", 1),
        ("bỏ qua", 2),
        ("/xacnhan", 1),
    ):
        said += [m.text or "" for m in await chat.send(text, replies=count)]
    script = "/start\n1\nLộc Tấn\nTrần Thị Bình\nBí thư Chi bộ\n11\n/xacnhan\n/thoat\n"
    out = io.StringIO()
    await ConsoleChannel(await Core.create(db), io.StringIO(script), out).run("Mẫu")
    for text in [*said, out.getvalue()]:
        for wording in ("nút bên dưới", "bấm nút", "bằng nút", "Bấm nút"):
            assert wording not in text, (wording, text)
    assert any("Gõ số để chọn:" in text for text in said)


async def test_xoa_on_one_app_clears_the_accounts_on_both(both: Both) -> None:
    """Finding 8 of issue 14: the other app's account kept its display name."""
    chat = zalo_chat(both, "Lê Văn Zalo")
    await register_on_zalo(chat)
    (code_message,) = await chat.send("/lienket")
    code = next(w for w in (code_message.text or "").split() if w.isdigit() and len(w) == 6)
    telegram = Chat(both.telegram, both.telegram.user(user_id=1002, first_name="Lê Văn Telegram"))
    await telegram.send("/trogiup")
    (linked,) = await telegram.send(f"/lienket {code}")
    assert "Đã liên kết" in (linked.text or "")

    (confirm,) = await telegram.send("/xoa")
    (erased,) = await telegram.press(confirm, "Xóa thông tin")
    assert "Đã xóa" in (erased.text or "")
    rows = await both.db.fetch_all("SELECT channel, display_name, delegate_id FROM accounts")
    assert sorted(tuple(row) for row in rows) == [("telegram", "", None), ("zalo", "", None)]
    assert await both.db.scalar("SELECT count(*) FROM delegates") == 0
    (me,) = await chat.send("/toi")
    assert "chưa đăng ký" in (me.text or "")
