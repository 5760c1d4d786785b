"""The outbox sender end to end under platform faults: reminders for a commune session are
queued by the real ReminderPlanner into a real SQLite file, drained by the real OutboxSender
through python-telegram-bot's real client (TelegramTransport) to the fake Bot API server, and
every copy is counted per chat from what the server recorded (ARCHITECTURE.md principles 1, 2)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram import Bot

from bot.app import load_plan
from bot.channels.telegram import TelegramTransport
from bot.domain.messages import Reply, reply_to_json
from bot.runtime.outbox import Limits, OutboxSender
from bot.services.plan_state import PlanCache
from bot.services.reminders import ReminderPlanner
from storage.attendance import AttendanceRepository
from storage.db import Database
from storage.outbox import OutboxItem, OutboxRepository
from storage.plans import PlanRepository
from tests.outbox_helpers import (
    TOKEN,
    LoggingTelegram,
    add_delegates,
    copies,
    outbox_rows,
    status_counts,
    wait_drained,
    write_plan,
)

pytestmark = [
    # PTB warns about RetryAfter.retry_after's future type.
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]

N = 60
FAST = Limits(per_second=200, chat_interval=0.05, backoff_base=0.05, poll_interval=0.05)


@dataclass
class Rig:
    server: LoggingTelegram
    db: Database
    bot: Bot
    sender: OutboxSender
    planner: ReminderPlanner
    chats: list[int]
    start: datetime  # the session's start, UTC
    path: Path  # the database file

    def new_planner(self) -> ReminderPlanner:
        return ReminderPlanner(
            PlanCache(PlanRepository(self.db)),
            AttendanceRepository(self.db),
            OutboxRepository(self.db),
        )

    async def send_due(self, timeout: float = 30.0) -> dict[str, int]:  # noqa: ASYNC109
        """Queue what is due now, wake the sender, wait until nothing is pending/sending."""
        queued = await self.planner.enqueue_due(datetime.now(UTC))
        assert queued == len(self.chats)
        self.sender.wake()
        return await wait_drained(self.path, timeout)


@asynccontextmanager
async def rig(
    tmp_path: Path, count: int = N, limits: Limits = FAST, **server_options: object
) -> AsyncIterator[Rig]:
    plan, start = write_plan(tmp_path)
    path = tmp_path / "bot.sqlite3"
    async with LoggingTelegram(TOKEN, **server_options) as server:
        db = await Database.open(path)
        try:
            report, errors = await load_plan(db, plan)
            assert report is not None, errors
            chats = await add_delegates(db, count)
            bot = Bot(TOKEN, base_url=server.base_url)
            await bot.initialize()  # getMe: before any fault is armed
            sender = OutboxSender(
                OutboxRepository(db), {"telegram": TelegramTransport(bot)}, limits
            )
            await sender.start()
            try:
                rig = Rig(server, db, bot, sender, None, chats, start, path)  # type: ignore[arg-type]
                rig.planner = rig.new_planner()
                yield rig
            finally:
                await stop(sender)
                await bot.shutdown()
        finally:
            await db.close()


async def stop(sender: OutboxSender) -> None:
    """Stop a sender without hanging the test run: `OutboxSender.stop()` can miss its own
    cancellation (see test_stop_returns_when_a_wake_coincides_with_it); a second cancel ends it."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(3):
            await sender.stop()


def assert_exactly_once(server: LoggingTelegram, chats: list[int]) -> None:
    counted = copies(server, chats)
    wrong = {chat: n for chat, n in counted.items() if n != 1}
    assert not wrong, f"chats without exactly one copy: {wrong}"


async def test_429_retry_after_is_obeyed_and_nothing_is_lost(tmp_path: Path) -> None:
    async with rig(tmp_path) as r:
        r.server.force_429(6, retry_after=1, skip=10)
        counts = await r.send_due()

        assert counts == {"sent": N}
        assert_exactly_once(r.server, r.chats)
        limited = [h for h in r.server.sends_to(r.chats) if h.status == 429]
        assert len(limited) == 6 and r.server.status_counts[429] == 6
        assert len({h.chat_id for h in limited}) == 6
        delivered = {m.chat_id: m.time for m in r.server.sent if m.method == "sendMessage"}
        waits = sorted(delivered[h.chat_id] - h.time for h in limited)
        print(f"\n429 then delivered after {[round(w, 3) for w in waits]} s")
        assert all(w >= 1.0 for w in waits), waits
        # a 429 is not a failed attempt: every row went with attempts == 1
        rows = await outbox_rows(r.db)
        assert {attempts for _, attempts, _ in rows.values()} == {1}


async def test_403_marks_only_blocked_accounts_unreachable(tmp_path: Path) -> None:
    async with rig(tmp_path) as r:
        blocked = [r.chats[i] for i in (0, 13, 29, 42, N - 1)]
        for chat in blocked:
            r.server.block(chat)
        counts = await r.send_due()

        assert counts == {"sent": N - len(blocked), "blocked": len(blocked)}
        rows = await outbox_rows(r.db)
        assert {c for c, (status, _, _) in rows.items() if status == "blocked"} == set(blocked)
        assert all(rows[c][2].startswith("Forbidden") for c in blocked)
        unreachable = await r.db.fetch_all(
            "SELECT chat_id FROM accounts WHERE unreachable_at IS NOT NULL"
        )
        assert {int(row[0]) for row in unreachable} == set(blocked)
        counted = copies(r.server, r.chats)
        assert all(counted[c] == 0 for c in blocked)
        assert_exactly_once(r.server, [c for c in r.chats if c not in blocked])
        assert sum(1 for h in r.server.sends_to(blocked) if h.status == 403) == len(blocked)

        # Nothing new now; when the next reminder (1d) falls due, the blocked are left out.
        assert await r.planner.enqueue_due(datetime.now(UTC)) == 0
        later = r.start - timedelta(days=1) + timedelta(minutes=1)
        assert await r.planner.enqueue_due(later) == N - len(blocked)
        one_day = await r.db.fetch_all(
            "SELECT chat_id FROM outbox WHERE dedup_key LIKE 'reminder:%:1d:%'"
        )
        assert {int(row[0]) for row in one_day} == set(r.chats) - set(blocked)


async def test_500s_are_retried_until_each_chat_has_one_copy(tmp_path: Path) -> None:
    async with rig(tmp_path, seed=20261125) as r:
        r.server.fail_next(5, status=500, skip=3)
        r.server.fail_ratio = 0.2
        counts = await r.send_due()

        assert counts == {"sent": N}
        assert_exactly_once(r.server, r.chats)
        hits = r.server.sends_to(r.chats)
        errors = [h for h in hits if h.status == 500]
        print(f"\n{len(errors)} answers 500 for {N} messages")
        assert len(errors) >= 5
        rows = await outbox_rows(r.db)
        for chat in r.chats:
            tried = [h for h in hits if h.chat_id == chat]
            assert [h.status for h in tried][-1] == 200
            # every request that reached the server is one counted attempt
            assert rows[chat][1] == len(tried), (chat, rows[chat], tried)
        assert sum(attempts for _, attempts, _ in rows.values()) == N + len(errors)
        assert sum(1 for _, attempts, error in rows.values() if attempts > 1 and error) > 0


async def test_a_message_that_always_fails_gives_up_after_max_attempts(tmp_path: Path) -> None:
    limits = Limits(
        per_second=200, chat_interval=0.05, backoff_base=0.05, poll_interval=0.05, max_attempts=3
    )
    async with rig(tmp_path, limits=limits) as r:
        doomed = r.chats[17]
        r.server.always_fail.add(doomed)
        r.server.fail_next(2, status=502, skip=20)  # others have transient faults too
        counts = await r.send_due()

        assert counts == {"sent": N - 1, "failed": 1}
        rows = await outbox_rows(r.db)
        assert rows[doomed][:2] == ("failed", 3)
        assert [h.status for h in r.server.sends_to([doomed])] == [500, 500, 500]
        others = [c for c in r.chats if c != doomed]
        assert_exactly_once(r.server, others)
        assert copies(r.server, [doomed])[doomed] == 0
        assert all(rows[c][0] == "sent" for c in others)
        assert (
            await r.db.scalar("SELECT count(*) FROM accounts WHERE unreachable_at IS NOT NULL") == 0
        )


async def test_slow_responses_lose_nothing_and_repeat_nothing(tmp_path: Path) -> None:
    async with rig(tmp_path) as r:
        r.server.delay = 0.3
        began = time.monotonic()
        counts = await r.send_due()
        took = time.monotonic() - began

        assert counts == {"sent": N}
        assert_exactly_once(r.server, r.chats)
        assert len(r.server.sends_to(r.chats)) == N  # no retries either
        print(f"\n{N} messages with 0.3 s answers in {took:.2f} s")
        assert took < N * 0.3 / 4  # the sender keeps several requests in flight


async def test_queueing_twice_or_after_a_restart_adds_nothing(tmp_path: Path) -> None:
    async with rig(tmp_path) as r:
        now = datetime.now(UTC)
        assert await r.planner.enqueue_due(now) == N
        assert await r.planner.enqueue_due(now) == 0
        assert await r.new_planner().enqueue_due(now + timedelta(minutes=5)) == 0
        r.sender.wake()
        assert await wait_drained(r.path) == {"sent": N}
        assert await r.planner.enqueue_due(datetime.now(UTC)) == 0
        assert_exactly_once(r.server, r.chats)

        # As after a restart: a new connection to the same file, a new planner and sender.
        await stop(r.sender)
        db = await Database.open(tmp_path / "bot.sqlite3")
        try:
            planner = ReminderPlanner(
                PlanCache(PlanRepository(db)), AttendanceRepository(db), OutboxRepository(db)
            )
            assert await planner.enqueue_due(datetime.now(UTC)) == 0
            sender = OutboxSender(
                OutboxRepository(db), {"telegram": TelegramTransport(r.bot)}, FAST
            )
            await sender.start()
            sender.wake()
            await asyncio.sleep(0.3)
            await stop(sender)
            assert await db.scalar("SELECT count(*) FROM outbox") == N
            assert await wait_drained(r.path) == {"sent": N}
        finally:
            await db.close()
        assert_exactly_once(r.server, r.chats)


async def test_default_limits_stay_under_the_platform_limit(tmp_path: Path) -> None:
    count = 90
    async with rig(tmp_path, count=count, limits=Limits(), enforce_limits=True) as r:
        counts = await r.send_due(timeout=20)

        assert counts == {"sent": count}
        assert_exactly_once(r.server, r.chats)
        times = sorted(m.time for m in r.server.sent if m.method == "sendMessage")
        rate = (len(times) - 1) / (times[-1] - times[0])
        print(f"\n{count} messages at {rate:.2f}/s; 429s: {r.server.status_counts[429]}")
        assert r.server.status_counts[429] == 0
        assert 25 <= rate <= 30.5


async def test_stop_returns_when_a_wake_coincides_with_it(tmp_path: Path) -> None:
    """SIGTERM arrives while messages are finishing: each finished send wakes the sender
    (`_finished` sets the wake event) at the moment `stop()` cancels it. The stop must still
    return; a sender that swallows the cancellation keeps claiming rows with the HTTP client
    about to close, and the process never exits."""
    async with rig(tmp_path) as r:
        await r.send_due()
        r.sender.wake()
        try:
            async with asyncio.timeout(5):
                await r.sender.stop()
        except TimeoutError:
            pytest.fail(
                "OutboxSender.stop() did not return within 5 s: the runner's "
                "asyncio.wait_for(self._wake.wait(), ...) swallowed the cancellation (Python 3.11)"
            )


async def test_a_claim_cancelled_by_stop_leaves_no_transaction_open(tmp_path: Path) -> None:
    """`OutboxSender.stop()` cancels the runner wherever it is, e.g. inside
    `OutboxRepository.claim()` while it waits for BEGIN IMMEDIATE. The shared connection must
    not stay inside that transaction: otherwise every later write (the 'sent' marks of the
    messages still finishing) is silently rolled back when the database is closed, and those
    messages are sent again after the restart although the stop was graceful."""
    async with rig(tmp_path) as r:
        await stop(r.sender)
        assert await r.planner.enqueue_due(datetime.now(UTC)) == N
        repo = OutboxRepository(r.db)
        claim = asyncio.create_task(repo.claim(datetime.now(UTC), 10))
        await asyncio.sleep(0)  # the claim now waits for BEGIN IMMEDIATE, as the runner does
        claim.cancel()
        await asyncio.gather(claim, return_exceptions=True)
        row_id = await r.db.scalar("SELECT min(id) FROM outbox")
        await repo.mark_sent(int(str(row_id)), datetime.now(UTC))

        assert not r.db.connection.in_transaction
        assert (await status_counts(r.path)).get("sent") == 1  # as another connection sees it


async def test_two_messages_per_chat_keep_the_overall_pace(tmp_path: Path) -> None:
    """A reminder and its map pin: two messages to one chat, queued one after the other, the
    second a second later. The second must not take its place in the overall pace at that
    later moment: every other chat would queue behind it, and 40 people's reminders took 40 s
    instead of about 3 (found by the hostile-updates test: its start-up reminders never
    drained)."""
    count = 40
    async with rig(tmp_path, count=count, limits=Limits(), enforce_limits=True) as r:
        items = [
            OutboxItem(f"{kind}:{chat}", "reminder", n + 1, "telegram", str(chat), payload)
            for n, chat in enumerate(r.chats)
            for kind, payload in (
                ("text", reply_to_json(Reply("🔔 Nhắc lịch"))),
                ("pin", reply_to_json(Reply("📍 Hội trường"))),
            )
        ]
        assert await OutboxRepository(r.db).enqueue(items, datetime.now(UTC)) == 2 * count
        began = time.monotonic()
        r.sender.wake()
        counts = await wait_drained(r.path, timeout=60)
        took = time.monotonic() - began

        assert counts == {"sent": 2 * count}
        print(f"\n{2 * count} messages to {count} chats in {took:.2f} s")
        assert took < 10, took  # 80 messages at 29.5/s, each chat's second one a second later
        assert r.server.status_counts[429] == 0
        assert all(n == 2 for n in copies(r.server, r.chats).values())
