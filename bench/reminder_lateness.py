"""Benchmark: how late a reminder reaches Telegram after the moment it falls due.

What is measured
    The whole running bot (bot.app.Runtime: TelegramChannel long polling, the APScheduler
    ReminderScheduler and the OutboxSender with the default Limits(), 29.5 messages/s) talks
    to the fake Bot API server (tests/fake_telegram.py, in this process, enforcing Telegram's
    flood limits). The plan in a temporary SQLite database has one commune session (Xã Lộc Tấn,
    no coordinates: one message per delegate) starting 7 days + --lead seconds from now, so its
    7d reminder falls due --lead seconds after the start of the run; N delegates of the commune
    each have their own private chat. Nothing is pending before the due time: the scheduler
    must wake at it, queue the reminders, and the sender must deliver them.

    lateness of a delegate = wall-clock time the fake server received the reminder in that
    delegate's chat - the reminder's due time (session start - 7 days). Every chat gets one
    message, so this is also the lateness of the first message to each chat.

    With N messages at 29.5/s the i-th cannot go before i/29.5 s after the due time (pacing,
    on purpose: Telegram allows about 30 messages/s). The default N (25) fits in the first
    second, so the summary line reflects scheduling lateness (wake-up, queueing, claiming,
    HTTP), not pacing. With a larger N (e.g. --n 300) the script also prints the lateness
    beyond the pacing bound (lateness of the i-th message - i/29.5 s), which is scheduling
    lateness again.

How to run (from the project root)
    python bench/reminder_lateness.py [--n 25] [--lead 20]
    python bench/reminder_lateness.py --n 300        (pacing-bound figure)

The last line printed is the summary: ``reminder_lateness: p50 X s, p99 Y s``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

# bench/common.py; importing it (first, as sorted) puts the project root on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    TOKEN,
    deliveries,
    fake_server,
    percentile,
    prepared_database,
    wall_offset,
)

from bot.app import Runtime
from bot.channels.telegram import TelegramChannel
from bot.clock import now_utc
from bot.config import Settings
from bot.runtime.core import Core
from bot.runtime.outbox import Limits

OFFSET = timedelta(days=7)


async def run(n: int, lead: float, poll_timeout: int) -> tuple[float, float]:
    limits = Limits()
    with tempfile.TemporaryDirectory(prefix="hoinghi-bench-lateness-") as folder:
        starts = now_utc() + OFFSET + timedelta(seconds=lead)
        db, starts_at = await prepared_database(Path(folder), n, starts)
        due = starts_at - OFFSET
        server = fake_server()
        await server.start()
        try:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                telegram_bot_token=TOKEN,
                telegram_api_base_url=server.base_url,
                database_path=Path(folder) / "bot.sqlite3",
            )
            core = await Core.create(db)
            channel = TelegramChannel(core, TOKEN, server.base_url, poll_timeout=poll_timeout)
            runtime = Runtime(core, {"telegram": channel}, settings, limits)
            wakes = watch_wakes(runtime)
            offset = wall_offset()
            await runtime.start()
            first = len(server.sent)
            alarm = runtime.scheduler.next_wake()
            print(f"n {n}: reminder due at {due:%H:%M:%S} UTC, "
                  f"{(due - now_utc()).total_seconds():.1f} s from now; scheduler alarm set "
                  f"for {alarm:%H:%M:%S.%f} UTC" if alarm else "no alarm set!", flush=True)
            deadline = time.monotonic() + lead + n / 20 + 30
            while time.monotonic() < deadline:
                if len({r.chat_id for r in deliveries(server, first)}) >= n:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.3)  # anything unexpected still on its way
            await runtime.stop()
        finally:
            await server.stop()
            await db.close()
    records = deliveries(server, first)
    first_at: dict[int | str, float] = {}
    for record in records:
        first_at.setdefault(record.chat_id, record.time + offset)
    late = sorted(moment - due.timestamp() for moment in first_at.values())
    if len(first_at) < n:
        print(f"WARNING: only {len(first_at)} of {n} delegates received the reminder",
              file=sys.stderr)
    if not late:
        raise SystemExit("no reminder arrived")
    report(n, wakes, due, late, limits.per_second, len(records))
    return percentile(late, 0.5), percentile(late, 0.99)


def watch_wakes(runtime: Runtime) -> list[tuple[float, float, int]]:
    """Note when ReminderScheduler.wake runs (wall clock) and what it queued. The instance
    attribute shadows the method before start(), so APScheduler's jobs call the wrapper."""
    wakes: list[tuple[float, float, int]] = []
    original = runtime.scheduler.wake

    async def wake() -> int:
        started = time.time()
        queued = await original()
        wakes.append((started, time.time(), queued))
        return queued

    runtime.scheduler.wake = wake  # type: ignore[method-assign]
    return wakes


def report(
    n: int, wakes: list[tuple[float, float, int]], due: datetime, late: list[float],
    per_second: float, messages: int,
) -> None:
    due_ts = due.timestamp()
    for started, ended, queued in wakes:
        if queued:
            print(f"  scheduler woke {1000 * (started - due_ts):+.1f} ms from the due time, "
                  f"queued {queued} messages in {1000 * (ended - started):.1f} ms")
    early = [w for w in wakes if not w[2] and abs(w[0] - due_ts) < 5]
    if early:
        print(f"  {len(early)} wake-up(s) near the due time queued nothing "
              f"(woke {', '.join(f'{1000 * (w[0] - due_ts):+.1f} ms' for w in early)})")
    print(f"  {len(late)} chats got the reminder ({messages} messages in all); lateness = "
          f"time the server received it - due time (wall clock):")
    print(f"  first message to arrive: {late[0]:.3f} s after the due time "
          f"(wake-up + queueing + claiming + one HTTP round trip; pacing plays no part)")
    print(f"  per chat: p50 {percentile(late, 0.5):.3f} s, p99 {percentile(late, 0.99):.3f} s, "
          f"max {late[-1]:.3f} s")
    pacing = (len(late) - 1) / per_second
    print(f"  pacing bound: {len(late)} messages at {per_second}/s cannot all arrive before "
          f"{pacing:.2f} s after the due time (p99 bound "
          f"{(percentile(list(range(len(late))), 0.99)) / per_second:.2f} s)")
    beyond = sorted(moment - i / per_second for i, moment in enumerate(late))
    print(f"  lateness beyond the pacing schedule (i-th arrival - i/{per_second} s): p50 "
          f"{percentile(beyond, 0.5):.3f} s, p99 {percentile(beyond, 0.99):.3f} s, "
          f"max {beyond[-1]:.3f} s")
    if n > per_second:
        print("  (n is above one second of pacing: the summary's p99 is mostly pacing; the "
              "'beyond the pacing schedule' figures are the scheduling lateness)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=25, help="delegates (one chat each)")
    parser.add_argument("--lead", type=float, default=20.0,
                        help="seconds from the start until the reminder falls due")
    parser.add_argument("--poll-timeout", type=int, default=10,
                        help="getUpdates long-poll timeout of the running channel")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    p50, p99 = asyncio.run(run(args.n, args.lead, args.poll_timeout))
    print(f"reminder_lateness: p50 {p50:.2f} s, p99 {p99:.2f} s")


if __name__ == "__main__":
    main()
