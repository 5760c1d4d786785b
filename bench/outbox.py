"""Benchmark: reminders to N delegates through a fake Telegram enforcing the flood limits.

What is measured
    A temporary SQLite database holds a one-session plan (a commune session in Xã Lộc Tấn,
    Đồng Nai, starting in 3 days, no coordinates: one message per delegate, the 7d reminder is
    due now) and N delegates of that commune, each with its own private Telegram chat. The fake
    Bot API server (tests/fake_telegram.py, in this process) enforces Telegram's limits:
    1 message/s per private chat (burst 3), 30 messages/s overall (sliding 1-s window),
    20/min per group; past them it answers 429 with retry_after.

    ours            ReminderPlanner.enqueue_due queues the N reminders in the outbox, then
                    OutboxSender (default Limits(): 29.5/s, backoff 1 s doubling) with
                    TelegramTransport on a plain telegram.Bot drains it; the run ends when no row
                    is pending or sending.
    AIORateLimiter  the same N reminder texts (and buttons) sent with send_message through
                    python-telegram-bot's ExtBot + AIORateLimiter() (defaults: 30/s overall,
                    20/min per group, max_retries=0), all at once with asyncio.gather.

    Each run gets a fresh database and a fresh server. Both are run twice: nothing failing,
    then 5 % of the requests answering 500 (server.fail_ratio with a fixed seed).

    elapsed   from the start of the run (before enqueueing / gathering) to the moment the
              server received the last message.
    ratio     messages the server accepted / elapsed / 30 (Telegram's overall limit).
    429       429 answers the server gave during the run.
    lost      delegates whose chat never received the reminder.
    duplicated chats that received it more than once.

How to run (from the project root)
    python bench/outbox.py [--n 3000] [--seed 7]      (about 100 s per run at n = 3000)

    python bench/outbox.py --workers 1,2,3 [--postgresql]  (bench/workers.py: the reminders sent
        by `hoinghi run` workers on one database, the fake Bot API in its own process)

Each run ends with one line ``<name>: ratio R, 429: A, lost: B, duplicated: C``; the order is
AIORateLimiter, ours (nothing failing), AIORateLimiter, ours (5 % failing).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

# bench/common.py; importing it (first, as sorted) puts the project root on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import workers
from common import (
    TOKEN,
    deliveries,
    fake_server,
    lost_and_duplicated,
    max_in_window,
    percentile,
    prepared_database,
)
from telegram import Bot
from telegram.ext import AIORateLimiter, ExtBot

from bot import collector
from bot.channels.aiohttp_request import AiohttpRequest
from bot.channels.telegram import TelegramTransport, send_reply
from bot.clock import now_utc
from bot.domain.messages import Reply, reply_from_json
from bot.runtime.outbox import Delivery, Limits, OutboxSender
from bot.services.plan_state import PlanCache
from bot.services.reminders import ReminderPlanner
from storage.attendance import AttendanceRepository
from storage.db import Database
from storage.outbox import OutboxRepository
from storage.plans import PlanRepository
from tests.fake_telegram import FakeTelegram, SentMessage

LIMIT = 30.0  # Telegram: messages per second across chats


@dataclass
class Result:
    name: str
    n: int
    elapsed: float  # start -> last message received by the server
    finished: float  # start -> end of the run (all rows settled / gather returned)
    delivered: int
    too_many: int
    lost: int
    duplicated: int
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.delivered / self.elapsed / LIMIT if self.elapsed > 0 else 0.0

    def report(self) -> None:
        print(f"  n {self.n}: {self.delivered} messages accepted; last one received after "
              f"{self.elapsed:.2f} s (run finished after {self.finished:.2f} s) -> "
              f"{self.delivered / self.elapsed:.2f} msg/s")
        for note in self.notes:
            print(f"  {note}")
        print(f"{self.name}: ratio {self.ratio:.2f}, 429: {self.too_many}, lost: {self.lost}, "
              f"duplicated: {self.duplicated}", flush=True)


class RecordingTransport:
    """TelegramTransport, noting when each attempt starts and what came of it."""

    def __init__(self, inner: TelegramTransport) -> None:
        self.inner = inner
        self.attempts: list[tuple[float, float, str, str]] = []  # start, end, chat, outcome

    async def deliver(self, chat_id: str, reply: Reply) -> Delivery:
        started = time.monotonic()
        delivery = await self.inner.deliver(chat_id, reply)
        self.attempts.append((started, time.monotonic(), chat_id, delivery.outcome))
        return delivery


def timing_notes(server: FakeTelegram, first: int, t0: float) -> list[str]:
    times = sorted(r.time for r in deliveries(server, first))
    if len(times) < 2:
        return []
    gaps = [b - a for a, b in itertools.pairwise(times)]
    bulk = (len(times) - 1) / (times[-1] - times[0])
    return [
        f"first message received {1000 * (times[0] - t0):.0f} ms after the start; "
        f"between the first and the last: {bulk:.2f} msg/s; at most "
        f"{max_in_window(times)} messages in any 1-s window; longest silence "
        f"{max(gaps):.2f} s"
    ]


def status_delta(server: FakeTelegram, before: Counter[int]) -> Counter[int]:
    return Counter({k: v - before[k] for k, v in server.status_counts.items() if v - before[k]})


def planner_for(db: Database) -> ReminderPlanner:
    return ReminderPlanner(
        PlanCache(PlanRepository(db)), AttendanceRepository(db), OutboxRepository(db)
    )


async def run_ours(n: int, fail_ratio: float, seed: int, name: str) -> Result:
    with tempfile.TemporaryDirectory(prefix="hoinghi-bench-outbox-") as folder:
        db, _ = await prepared_database(Path(folder), n, now_utc() + timedelta(days=3))
        chats = [int(row[0]) for row in await db.fetch_all("SELECT chat_id FROM accounts")]
        server = fake_server(seed)
        await server.start()
        bot = Bot(TOKEN, base_url=server.base_url, request=AiohttpRequest())  # as in production
        try:
            await bot.initialize()
            outbox = OutboxRepository(db)
            transport = RecordingTransport(TelegramTransport(bot))
            sender = OutboxSender(outbox, {"telegram": transport}, Limits())
            collector.started()  # as `hoinghi run` once started (bot/app.py)
            server.fail_ratio = fail_ratio
            before, first = Counter(server.status_counts), len(server.sent)
            t0 = time.monotonic()
            queued = await planner_for(db).enqueue_due(now_utc())
            assert queued == n, f"{queued} reminders queued for {n} delegates"
            await sender.start()
            deadline = t0 + 60 + n / 5
            while time.monotonic() < deadline:
                await asyncio.sleep(0.05)
                counts = await outbox.counts()
                if counts.get("pending", 0) + counts.get("sending", 0) == 0:
                    break
            finished = time.monotonic() - t0
            await sender.stop()
            counts = await outbox.counts()
            records = deliveries(server, first)
            lost, duplicated = lost_and_duplicated(records, chats)
            statuses = status_delta(server, before)
            elapsed = max(r.time for r in records) - t0 if records else finished
            notes = [
                f"server answers: {dict(sorted(statuses.items()))}; outbox rows: "
                f"{dict(sorted(counts.items()))}",
                *timing_notes(server, first, t0),
                *attempt_notes(transport, records),
            ]
            return Result(name, n, elapsed, finished, len(records), statuses[429], lost,
                          duplicated, notes)
        finally:
            await bot.shutdown()
            await server.stop()
            await db.close()


def attempt_notes(transport: RecordingTransport, records: list[SentMessage]) -> list[str]:
    attempts = transport.attempts
    if not attempts:
        return []
    tried: set[str] = set()
    last_first_try = 0.0
    for started, _, chat, _ in sorted(attempts):
        if chat not in tried:
            tried.add(chat)
            last_first_try = max(last_first_try, started)
    outcomes = Counter(outcome for *_, outcome in attempts)
    latency = sorted(1000 * (end - start) for start, end, *_ in attempts)
    last = max(r.time for r in records) if records else last_first_try
    return [
        f"attempts {len(attempts)} ({dict(outcomes)}); request round trip p50 "
        f"{percentile(latency, 0.5):.1f} ms, p99 {percentile(latency, 0.99):.1f} ms",
        f"tail: last message received {last - last_first_try:.2f} s after the last first "
        f"attempt (retries waiting out their backoff)",
    ]


async def run_aiorate(n: int, fail_ratio: float, seed: int, name: str) -> Result:
    with tempfile.TemporaryDirectory(prefix="hoinghi-bench-outbox-") as folder:
        db, _ = await prepared_database(Path(folder), n, now_utc() + timedelta(days=3))
        await planner_for(db).enqueue_due(now_utc())
        rows = await db.fetch_all(
            "SELECT chat_id, payload FROM outbox WHERE status = 'pending' ORDER BY id"
        )
        await db.close()
        jobs = [(int(chat), reply_from_json(payload)) for chat, payload in rows]
        assert len(jobs) == n, f"{len(jobs)} reminders for {n} delegates"
        chats = [chat for chat, _ in jobs]
    server = fake_server(seed)
    await server.start()
    bot = ExtBot(TOKEN, base_url=server.base_url, rate_limiter=AIORateLimiter())
    try:
        await bot.initialize()
        server.fail_ratio = fail_ratio
        before, first = Counter(server.status_counts), len(server.sent)
        t0 = time.monotonic()
        results = await asyncio.gather(
            *(send_reply(bot, chat, reply) for chat, reply in jobs), return_exceptions=True
        )
        finished = time.monotonic() - t0
        await asyncio.sleep(0.2)
        records = deliveries(server, first)
        lost, duplicated = lost_and_duplicated(records, chats)
        statuses = status_delta(server, before)
        errors = Counter(type(r).__name__ for r in results if isinstance(r, BaseException))
        elapsed = max(r.time for r in records) - t0 if records else finished
        notes = [
            f"server answers: {dict(sorted(statuses.items()))}; send_message raised: "
            f"{dict(errors) or 'nothing'} (max_retries=0: a 429 or a 500 is the end of it)",
            *timing_notes(server, first, t0),
        ]
        return Result(name, n, elapsed, finished, len(records), statuses[429], lost, duplicated,
                      notes)
    finally:
        await bot.shutdown()
        await server.stop()


async def main_async(n: int, seed: int) -> None:
    for label, fail_ratio in (("nothing failing", 0.0), ("5 % of requests answer 500", 0.05)):
        for name, runner in (("AIORateLimiter", run_aiorate), ("ours", run_ours)):
            print(f"\n== {name}, {label} ==", flush=True)
            result = await runner(n, fail_ratio, seed, name)
            result.report()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=3000, help="delegates (one chat each)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the 500s")
    workers.add_arguments(parser)
    args = parser.parse_args()
    if args.workers or args.postgresql:  # the n reminders through hoinghi run workers
        workers.run_from(args, args.n, updates=0)
        return
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    # AIORateLimiter logs every 429 it gives up on with a traceback: counted in the summary.
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)
    asyncio.run(main_async(args.n, args.seed))


if __name__ == "__main__":
    main()
