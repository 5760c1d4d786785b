"""Reminder waves start early enough to be out by their offset (issue 16, item 5): a wave of N
messages at the bot token's pace R needs N / R seconds, and starts that much (and a margin)
before the offset. The clock is moved with time-machine; nothing sleeps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine

from bot.clock import now_utc
from bot.services.plan_state import PlanCache
from bot.services.reminders import ReminderPlanner
from bot.services.waves import WAVE_SHARE, Wave, wave_starts
from storage.attendance import AttendanceAnswer, AttendanceRepository
from storage.db import Database, utc_text
from storage.outbox import OutboxRepository
from storage.plans import PlanRepository
from tests.outbox_helpers import SESSION_ID
from tests.test_workers_e2e import DELEGATES, prepare

RATE = 29.5  # the outbox's pace on Telegram
OFFSET = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def test_a_wave_starts_whole_minutes_early_enough_and_waves_at_once_share_the_pace() -> None:
    big, small = Wave("big", OFFSET, 3000), Wave("small", OFFSET - timedelta(hours=1), 10)
    starts = wave_starts([big, small, Wave("none", OFFSET + timedelta(days=1), 0)], RATE)
    assert starts["big"] == OFFSET - timedelta(minutes=3)  # 3,000 / (29.5 × 0.8) = 127 s
    assert (OFFSET - starts["big"]).total_seconds() >= 3000 / (RATE * WAVE_SHARE)
    assert starts["small"] == OFFSET - timedelta(hours=1, minutes=1)  # a minute at least
    assert starts["none"] == OFFSET + timedelta(days=1)  # nobody to remind: at the offset
    # two communes' sessions at the same hour: their waves share one bot token
    together = wave_starts([Wave("a", OFFSET, 2000), Wave("b", OFFSET, 2000)], RATE)
    assert together == {"a": OFFSET - timedelta(minutes=3), "b": OFFSET - timedelta(minutes=3)}
    # a wave just before a bigger one ends where that one starts
    chained = wave_starts([Wave("a", OFFSET, 3000), Wave("b", OFFSET - timedelta(minutes=1),
                                                         1000)], RATE)
    assert chained == {"a": OFFSET - timedelta(minutes=3), "b": OFFSET - timedelta(minutes=4)}


async def test_3000_reminders_due_a_day_ahead_are_queued_three_minutes_before(
    database_url: str, tmp_path: Path
) -> None:
    """A session three days ahead with 3,000 delegates: the 7-day wave is queued at once; the
    1-day wave three minutes before its offset, which its 3,000 messages need at 29.5 a second
    (102 s, 127 s on the wave's share), not a second earlier, and the scheduler's alarm is set
    for then."""
    now = now_utc()
    await prepare(database_url, tmp_path)  # the session starts at a whole minute
    db = await Database.open(database_url)
    try:
        planner = ReminderPlanner(
            PlanCache(PlanRepository(db)), AttendanceRepository(db), OutboxRepository(db),
            rate=RATE,
        )
        series = (await planner.plans.all())[0]
        (session,) = [s for s in series.series.sessions if s.id == SESSION_ID]
        assert session.starts_at is not None
        day_before = session.starts_at - timedelta(days=1)
        wave = day_before - timedelta(minutes=3)
        with time_machine.travel(now, tick=False) as clock:
            assert await planner.enqueue_due(now_utc()) == DELEGATES  # the 7-day wave
            assert await planner.next_due(now_utc()) == wave
            assert (day_before - wave).total_seconds() >= DELEGATES / RATE
            clock.move_to(wave - timedelta(seconds=1))
            assert await planner.enqueue_due(now_utc()) == 0
            clock.move_to(wave)
            assert await planner.enqueue_due(now_utc()) == DELEGATES
            assert await planner.next_due(now_utc()) == session.starts_at - timedelta(
                hours=2, minutes=3
            )
        queued = await db.scalar(
            "SELECT count(*) FROM outbox WHERE kind = 'reminder' AND dedup_key LIKE '%:1d:%'"
        )
        assert queued == DELEGATES
    finally:
        await db.close()


async def test_a_wave_is_counted_from_the_roll_up_counters(
    database_url: str, tmp_path: Path
) -> None:
    """The planner reads a wave's size from the counters the roll-up keeps (a few cells), not
    from every invited delegate at every wake: with some delegates no chat account reaches,
    the number the list's reminders go to, those who said they will not come included (an
    upper bound: the wave can only start earlier)."""
    await prepare(database_url, tmp_path)
    db = await Database.open(database_url)
    try:
        attendance = AttendanceRepository(db)
        (plan,) = await PlanCache(PlanRepository(db)).all()
        (session,) = [s for s in plan.series.sessions if s.id == SESSION_ID]
        stamp = utc_text(now_utc())
        await db.write("UPDATE accounts SET unreachable_at = ? WHERE delegate_id <= 40", [stamp])
        absent = AttendanceAnswer("absent", reason="Đi công tác")
        for delegate_id in range(31, 61):  # ten of them unreachable too
            account = await db.scalar(
                "SELECT id FROM accounts WHERE delegate_id = ?", [delegate_id]
            )
            await attendance.record(
                SESSION_ID, delegate_id, absent, "telegram", int(str(account)), now_utc()
            )
        reached = await attendance.recipients(session)
        assert len(reached) == DELEGATES - 40
        assert await attendance.reminded_at_most(session) == len(reached)
    finally:
        await db.close()
