"""An update backlog after a downtime (issue 14, finding 10): the bot fetches ahead only what it
can work on. 100,000 updates wait at the fake Bot API; `hoinghi run` (a process of its own, so
that its memory is its own) drains them with its resident memory under 200 MB, and nothing is
lost: every private question among them is answered, every update confirmed.

The answers are what holds the drain back: at Telegram's 30 messages a second they are slower
than the updates come, and a bot that takes in everything meanwhile fills its memory."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tests.fake_telegram import JSON, FakeTelegram

BACKLOG = 100_000
# first private questions (/trogiup), each from its own person, then group chatter the bot
# reads and leaves; the answers go at Telegram's pace (the fake server enforces it)
QUESTIONS = 600
RSS_LIMIT_MB = 200
GROUP = {"id": -1001234567890, "type": "supergroup", "title": "Nhóm điều phối"}


def backlog(now: int) -> Iterator[JSON]:
    for n in range(BACKLOG):
        if n >= QUESTIONS:
            user = {"id": 5_000 + n % 50, "is_bot": False, "first_name": "Thành viên"}
            text: JSON = {"chat": GROUP, "text": "chào cả nhà, mai họp mấy giờ nhỉ"}
        else:
            user = {"id": 800_000 + n, "is_bot": False, "first_name": "Đại biểu"}
            chat = {"id": user["id"], "type": "private", "first_name": "Đại biểu"}
            command = [{"type": "bot_command", "offset": 0, "length": 9}]
            text = {"chat": chat, "text": "/trogiup", "entities": command}
        yield {"message": {"message_id": n + 1, "from": user, "date": now, **text}}


def usage(pid: int) -> tuple[float, int]:
    """(resident memory in MB, threads) of a running process."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["Threads"])


async def test_a_100000_update_backlog_drains_in_bounded_memory(tmp_path: Path) -> None:
    async with FakeTelegram(token="123456:BACKLOG-token", enforce_limits=True) as server:
        queued = server.enqueue_backlog(backlog(int(time.time())))
        questions = {800_000 + n for n in range(QUESTIONS)}
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": server.token,
            "TELEGRAM_API_BASE_URL": server.base_url,
            "TELEGRAM_POLL_TIMEOUT": "1",
            "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
        }
        bot = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        began, peak, threads, answered = time.monotonic(), 0.0, 0, set()
        try:
            while time.monotonic() - began < 600 and bot.returncode is None:
                rss, running = usage(bot.pid)
                peak, threads = max(peak, rss), max(threads, running)
                answered = {m.chat_id for m in server.sent if m.chat_id in questions}
                if len(answered) == len(questions) and not server.pending_updates:
                    break
                await asyncio.sleep(0.2)
            took = time.monotonic() - began
        finally:
            if bot.returncode is None:
                bot.send_signal(signal.SIGTERM)
            _, errors = await bot.communicate()
        print(f"\n{queued} updates drained in {took:.1f} s; peak RSS {peak:.0f} MB; {threads=}")
        assert peak <= RSS_LIMIT_MB, f"peak RSS {peak:.0f} MB"
        assert answered == questions, f"{len(questions - answered)} questions unanswered"
        assert not server.pending_updates  # every update confirmed
        replies = [m for m in server.sent if m.chat_id in questions]
        assert len(replies) == len(questions)  # one help text each, none twice
        assert b"Traceback" not in errors, errors.decode()[-2000:]
