"""Three `hoinghi run` workers (`python -m bot run`, the real CLI) in webhook mode on one
database (PostgreSQL with HOINGHI_TEST_BACKEND=postgresql, else one SQLite file), behind the
fake Bot API, whose reverse proxy spreads the posts round-robin (issue 16, "Done means").

3,000 reminders arrive exactly once each but for what the killed worker had in flight, with no
429 and never more than the rate in any second; the worker sending for the bot token is killed
with SIGKILL mid-run and another takes over; the same update posted to two workers gets one
answer; one broadcast gives one progress message and one report. The fake server enforces
RATE a second: Telegram's 30 (paced at 29.5) on PostgreSQL, the deployment several workers are
for (3,000 reminders take 100 s); 200 on SQLite, to keep the suite's time."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.app import load_plan
from bot.clock import now_utc
from bot.config import Settings
from bot.domain.messages import Reply, reply_to_json
from bot.runtime.outbox import Limits
from storage.broadcasts import Audience, BroadcastRepository
from storage.db import Database
from storage.leases import LeaseRepository
from tests.backends import BACKEND
from tests.fake_common import free_port
from tests.fake_telegram import RateLimits
from tests.outbox_helpers import LoggingTelegram, add_delegates, write_plan
from tests.test_outbox_restart import ROOT, tail
from tests.test_webhook_e2e import PUBLIC, SECRET, text_update
from tests.test_workers import post_update

DELEGATES, WORKERS = 3000, 3
RATE, PACE = (30, 29.5) if BACKEND == "postgresql" else (200, 200.0)  # the fake's, OUTBOX_RATE
KILL_AT = 1000  # reminders received when the sending worker is killed
ORGANISER = 9001
ANNOUNCEMENT = "Thông báo thử: họp trù bị lúc 14 giờ."


async def prepare(database_url: str, folder: Path) -> list[int]:
    """The plan (a session three days ahead: the 7d reminder is due) and the delegates."""
    plan, _ = write_plan(folder)
    db = await Database.open(database_url)
    try:
        report, errors = await load_plan(db, plan)
        assert report is not None, errors
        return await add_delegates(db, DELEGATES)
    finally:
        await db.close()


def worker_env(platform: dict[str, str], database_url: str, n: int, port: int) -> dict[str, str]:
    """`hoinghi run`'s environment for worker `n`; `platform`: the bot token's settings."""
    settings_names = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in settings_names}
    env.update(
        platform,
        DATABASE_URL=database_url,
        WEBHOOK_URL=PUBLIC,
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_PORT=str(port),
        WORKER_ID=f"worker-{n}",
        WORKER_LEASE_SECONDS="3",
        OUTBOX_RATE=str(PACE),
        ADMIN_IDS=str(ORGANISER),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    return env


@asynccontextmanager
async def workers(
    platform: dict[str, str], database_url: str, folder: Path, count: int = WORKERS
) -> AsyncIterator[dict[str, tuple[asyncio.subprocess.Process, int, Path]]]:
    """`count` processes: worker id -> (process, port, log); SIGTERM to those alive at the
    end."""
    running = {}
    for n in range(1, count + 1):
        port, log = free_port(), folder / f"worker-{n}.log"
        with log.open("wb") as out:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run",
                env=worker_env(platform, database_url, n, port),
                cwd=folder, stdout=out, stderr=out,
            )
        running[f"worker-{n}"] = (process, port, log)
    try:
        yield running
    finally:
        for process, _, _ in running.values():
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process, _, log in running.values():
            async with asyncio.timeout(30):
                await process.wait()
            assert process.returncode in (0, -signal.SIGKILL), tail(log)


def reminders(server: LoggingTelegram, chats: set[int]) -> Counter[int]:
    return Counter(
        int(m.chat_id)
        for m in server.sent
        if m.method == "sendMessage" and m.chat_id in chats and m.text != ANNOUNCEMENT
    )


def busiest_second(server: LoggingTelegram) -> int:
    """The most messages that reached the server within any one second."""
    times = sorted(hit.time for hit in server.hits if hit.method == "sendMessage")
    most, first = 0, 0
    for last, moment in enumerate(times):
        while times[first] <= moment - 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


async def wait_until(check: object, seconds: float, logs: list[Path]) -> None:
    deadline = time.monotonic() + seconds
    while not await check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "\n\n".join(tail(log) for log in logs)
        await asyncio.sleep(0.05)


async def test_three_workers_on_one_database(database_url: str, tmp_path: Path) -> None:
    chats = set(await prepare(database_url, tmp_path))
    limits = RateLimits(global_per_second=RATE)
    async with LoggingTelegram(enforce_limits=True, limits=limits) as server:
        db = await Database.open(database_url)
        try:
            platform = {
                "TELEGRAM_BOT_TOKEN": server.token, "TELEGRAM_API_BASE_URL": server.base_url
            }
            async with workers(platform, database_url, tmp_path) as running:
                logs = [log for _, _, log in running.values()]
                ports = [port for _, port, _ in running.values()]
                turn = iter(range(10**9))
                server.forward_webhook(lambda: f"http://127.0.0.1:{ports[next(turn) % WORKERS]}")

                async def registered() -> bool:
                    return bool(server.webhook.get("url"))

                await wait_until(registered, 60, logs)
                repository = BroadcastRepository(db)
                members = (await repository.members(Audience()))[:100]
                await repository.create(
                    "telegram", str(ORGANISER), str(ORGANISER), ANNOUNCEMENT, {}, members,
                    reply_to_json(Reply(ANNOUNCEMENT)), now_utc(),
                )

                async def halfway() -> bool:
                    return sum(reminders(server, chats).values()) >= KILL_AT

                await wait_until(halfway, 30 + KILL_AT / PACE, logs)
                sender = await LeaseRepository(db).holder("sender:telegram", now_utc())
                assert sender in running
                os.kill(running[sender][0].pid, signal.SIGKILL)
                await running[sender][0].wait()
                in_flight = await db.scalar(
                    "SELECT count(*) FROM outbox WHERE status = 'sending' AND lease_owner = ?",
                    (sender,),
                )
                alive = [port for name, (_, port, _) in running.items() if name != sender]
                user = server.user(user_id=6001)
                update = text_update(user, "/lich", 777_000_001)
                statuses = await asyncio.gather(
                    *(post_update(server, f"http://127.0.0.1:{port}", update) for port in alive)
                )
                assert statuses == [200, 200]

                async def done() -> bool:
                    counts = await db.fetch_all(
                        "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
                    )
                    reported = [
                        m for m in server.messages_to(ORGANISER) if "Báo cáo" in (m.text or "")
                    ]
                    answered = server.messages_to(user.id)
                    everyone = len(reminders(server, chats)) == DELEGATES
                    return counts[0][0] == 0 and everyone and bool(reported and answered)

                await wait_until(done, 60 + DELEGATES / PACE, logs)
                await asyncio.sleep(1.5)  # a second report or answer would come by now
                # sent again after a transient fault (a timeout on a loaded machine: Telegram
                # may have it), so possibly twice, whatever the kill
                retried = await db.scalar(
                    "SELECT count(*) FROM outbox WHERE kind = 'reminder' AND attempts > 1"
                )
        finally:
            await db.close()

    copies = reminders(server, chats)
    duplicated = sum(n - 1 for n in copies.values())
    print(
        f"\n{sender} killed after {KILL_AT}+ reminders with {in_flight} in flight; "
        f"{retried} sent again after a fault; duplicated {duplicated}; "
        f"busiest second {busiest_second(server)} (rate {RATE})"
    )
    assert len(copies) == DELEGATES
    assert duplicated <= int(str(in_flight)) + int(str(retried))
    assert duplicated <= Limits().max_in_flight
    assert server.status_counts[429] == 0
    assert busiest_second(server) <= RATE
    assert len(server.messages_to(6001)) == 1  # the same update, posted to two workers
    to_organiser = [m.text or "" for m in server.messages_to(ORGANISER)]
    assert sum("Báo cáo thông báo số" in text for text in to_organiser) == 1, to_organiser
    assert sum("Báo cáo" not in text for text in to_organiser) == 1, to_organiser  # progress
