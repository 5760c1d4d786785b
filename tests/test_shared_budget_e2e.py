"""Direct replies and the outbox draw on one budget per bot token, replies first (issue 14,
finding 11): 300 delegates reminded at once, a third of them pressing an answer as soon as the
reminder comes, against a fake Bot API enforcing Telegram's flood limits. Not one 429, and each
answer's reply leaves within a second of the press."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

from bot.app import Runtime
from bot.channels.telegram import TelegramChannel
from bot.config import Settings
from bot.runtime.core import Core
from bot.runtime.outbox import Limits
from tests.outbox_helpers import TOKEN, LoggingTelegram, planned_database, wait_drained

DELEGATES = 300
ANSWER = "✅ Tham dự"


async def press_when_reminded(server: LoggingTelegram, chat: int, pause: float) -> float:
    """Wait for the reminder, press an answer `pause` seconds later; how long the reply took."""
    (reminder,) = await server.wait_for(chat, 1, timeout=30)
    await asyncio.sleep(pause)
    data = dict(reminder.inline_buttons)[ANSWER]
    assert data is not None
    pressed = server.clock()
    server.user(user_id=chat, first_name=f"Đại biểu {chat}").press(reminder, data)
    (reply,) = await server.wait_for(chat, 1, timeout=10)
    assert "tham dự" in (reply.text or "")
    return reply.time - pressed


async def test_a_reminder_wave_and_its_answers_share_one_budget(tmp_path: Path) -> None:
    db, chats = await planned_database(tmp_path, DELEGATES)
    path = tmp_path / "bot.sqlite3"
    try:
        async with LoggingTelegram(TOKEN, enforce_limits=True) as server:
            settings = Settings(
                _env_file=None,
                telegram_bot_token=server.token,
                telegram_api_base_url=server.base_url,
                database_path=path,
            )
            core = await Core.create(db)
            channel = TelegramChannel(core, server.token, server.base_url, poll_timeout=1)
            runtime = Runtime(core, {"telegram": channel}, settings, Limits(poll_interval=0.05))
            await runtime.start()
            try:
                pick = random.Random(14)
                pressers = [
                    asyncio.create_task(press_when_reminded(server, chat, pick.uniform(0, 1)))
                    for chat in chats[::3]
                ]
                # the scheduler queued the reminders at start: the wave is under way
                took = await asyncio.gather(*pressers)
                counts = await wait_drained(path, timeout=60)
            finally:
                await runtime.stop()
        took.sort()
        print(f"\n{len(took)} replies: median {took[len(took) // 2]:.3f} s, max {took[-1]:.3f} s")
        assert server.status_counts[429] == 0
        assert counts == {"sent": DELEGATES}  # no reply had to wait in the outbox
        assert took[-1] <= 1.0
    finally:
        await db.close()
