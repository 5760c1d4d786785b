"""Menus per role, /trogiup, channel wording, reminders that read right and the Telegram demo,
through the fake Bot APIs."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine

from bot.clock import now_utc
from bot.services.menus import DELEGATE_COMMANDS
from storage.db import Database
from storage.people import AccountRepository
from storage.roles import RoleRepository
from tests.conftest import AGREE, ORGANISER_ID, Bot, running_bot
from tests.fake_telegram import FakeTelegram
from tests.test_reminders_e2e import REGISTRATION_MESSAGES, buttons, register_leader
from tests.test_roles_e2e import _invite

ROOT = Path(__file__).resolve().parent.parent
ORGANISER_ONLY = ("thongbao", "xuat", "dashboard", "datngay", "tonghop")


async def test_each_role_gets_its_own_menu_and_help(bot: Bot) -> None:
    server = bot.server
    delegate = bot.chat(1001)
    await register_leader(delegate)
    assert server.menu_of(1001) == list(DELEGATE_COMMANDS)
    assert not {"tonghop", "lichbaocao", "thongbao"} & set(server.menu_of(1001))
    (help_text,) = await delegate.send("/trogiup")
    assert "/xacnhan" in (help_text.text or "") and "/thongbao" not in (help_text.text or "")

    organiser = bot.chat(ORGANISER_ID, "Quản trị")
    (welcome,) = await organiser.send("/start")  # an admin: no delegate consent flow
    assert "/trogiup" in (welcome.text or "") and "đồng ý" not in (welcome.text or "").lower()
    assert [label for label, _ in welcome.inline_buttons] == ["Đăng ký làm đại biểu"]
    menu = await server.wait_menu(ORGANISER_ID, lambda m: "thongbao" in m)  # beside the reply
    assert set(ORGANISER_ONLY) <= set(menu) and "xacnhan" in menu
    (organiser_help,) = await organiser.send("/trogiup")
    assert all(f"/{name}" in (organiser_help.text or "") for name in ORGANISER_ONLY)
    (rollup,) = await organiser.send("/tonghop")
    assert "đồng ý" not in (rollup.text or "").lower()  # no consent question comes back

    code, _ = await _invite(organiser, "dau-moi Lộc Tấn")
    focal = bot.chat(2002, "Đầu mối")
    await focal.send(f"/start {code}")
    await server.wait_menu(2002, lambda m: "tonghop" in m)
    assert {"tonghop", "xuat", "loimoi"} <= set(server.menu_of(2002))
    assert "thongbao" not in server.menu_of(2002)
    assert server.menu_of(1001) == list(DELEGATE_COMMANDS)  # nobody else's menu changed

    await RoleRepository(bot.db).revoke("telegram", "2002", "focal", None)  # as the CLI does
    await bot.runtime.scheduler.wake()  # the minute sweep
    assert server.menu_of(2002) == list(DELEGATE_COMMANDS)  # back to the default

    register, _ = await organiser.press(welcome, "Đăng ký làm đại biểu", replies=2)
    assert "Xin chào" in (register.text or "")


async def test_polling_starts_before_the_menus_of_many_role_holders(
    db: Database, tmp_path: Path
) -> None:
    """Setting the menus at start takes a call for the default one and one per role holder
    whose menu changed: the first getUpdates no longer waits for them all (issue 18)."""
    holders = range(7001, 7021)
    for user_id in holders:
        await AccountRepository(db).touch("telegram", str(user_id), str(user_id), "", now_utc())
        await RoleRepository(db).grant("telegram", str(user_id), "organiser", "test", now_utc())
    async with running_bot(db, tmp_path) as bot:
        await bot.server.wait_menu(holders[-1], lambda menu: "thongbao" in menu)
        methods = [method for method, _ in bot.server.requests]
    assert methods.count("setMyCommands") == len(holders) + 1
    assert methods.index("getUpdates") < methods.index("setMyCommands") + 5


async def test_a_late_registrant_gets_one_reminder_with_the_true_time_left(
    bot: Bot, clock: time_machine.Coordinates
) -> None:
    clock.move_to(datetime(2026, 11, 22, 3, 0, tzinfo=UTC))  # the 7d offset fell due on 20/11
    chat = bot.chat()
    await register_leader(chat)
    assert await bot.runtime.scheduler.wake() == 2  # one reminder and its map pin
    reminder, pin = await bot.server.wait_for(chat.user.id, 2)
    text = reminder.text or ""
    assert "Thứ Sáu, 27/11/2026, 08:00–11:30 (còn 5 ngày)" in text
    assert "còn 7 ngày" not in text and "Hội nghị cấp thành phố" in text
    assert list(buttons(reminder)) == ["✅ Tham dự", "❌ Vắng mặt", "👤 Cử người dự thay"]
    assert pin.venue is not None
    clock.move_to(datetime(2026, 11, 26, 1, 0, 30, tzinfo=UTC))
    assert await bot.runtime.scheduler.wake() == 2
    (tomorrow, _) = await bot.server.wait_for(chat.user.id, 2)
    assert "(ngày mai)" in (tomorrow.text or "") and "27/11/2026" in (tomorrow.text or "")
    assert len(bot.server.messages_to(chat.user.id)) == REGISTRATION_MESSAGES + 4


async def test_a_broadcast_is_framed_as_from_the_organisers(bot: Bot) -> None:
    chat = bot.chat()
    await register_leader(chat)
    organiser = bot.chat(ORGANISER_ID, "Quản trị")
    await organiser.send("/thongbao")
    (choose,) = await organiser.send("Hội nghị cấp thành phố dời sang 14:00.")
    (preview,) = await organiser.press(choose, "👥 Tất cả đại biểu")
    await organiser.press(preview, "✅ Gửi")
    (received,) = await bot.server.wait_for(chat.user.id, 1, timeout=10)
    text = received.text or ""
    assert text.startswith("📣 Thông báo của Ban tổ chức")
    assert "Hội nghị cấp thành phố dời sang 14:00." in text


async def test_run_demo_on_telegram_has_a_session_ahead(tmp_path: Path) -> None:
    async with FakeTelegram(token="123456:DEMO-token") as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM", "ZALO"))}
        env.update(
            TELEGRAM_BOT_TOKEN=server.token,
            TELEGRAM_API_BASE_URL=server.base_url,
            TELEGRAM_POLL_TIMEOUT="1",
            DATABASE_PATH=str(tmp_path / "real.sqlite3"),
            PYTHONPATH=str(ROOT),
        )
        env.pop("PLAN_FILE", None)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--demo",
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            user = server.user(user_id=3003, first_name="Người thử")
            user.send_text("/start")
            welcome, consent = await server.wait_for(3003, 2, timeout=30)
            assert "(bản chạy thử)" in (welcome.text or "")
            user.press(consent, dict(consent.inline_buttons)[AGREE])
            await server.wait_for(3003, 1, timeout=10)
            user.send_text("hội nghị tiếp theo khi nào?")
            (answer,) = await server.wait_for(3003, 1, timeout=10)
            first_day = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) + timedelta(days=3)
            assert first_day.strftime("%d/%m/%Y") in (answer.text or "")
        finally:
            process.send_signal(signal.SIGTERM)
            _, err = await process.communicate()
    assert "bản chạy thử" in err.decode()
    assert (tmp_path / "real-demo.sqlite3").exists()
    assert not (tmp_path / "real.sqlite3").exists()
