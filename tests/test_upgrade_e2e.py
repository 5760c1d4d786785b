"""Upgrade in place: a database written by main at 2c0b3f8 (one series; made by
tests/fixtures/make_main_db.py) migrates without losing anything, and its one series becomes
the first of several."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import load_plan
from bot.config import DEFAULT_PLAN
from storage.attendance import AttendanceRepository
from storage.db import Database
from storage.plans import PlanRepository
from tests.conftest import running_bot

FIXTURE = Path(__file__).parent / "fixtures" / "main-2c0b3f8.sqlite3"
DONG_NAI = "dong-nai-2026-bien-gioi"


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table, read with the standard library (no migration applied)."""
    with sqlite3.connect(path) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations'"
            )
        ]
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.fixture
async def upgraded(tmp_path: Path, frozen_now: None) -> AsyncIterator[Database]:
    path = tmp_path / "bot.sqlite3"
    shutil.copyfile(FIXTURE, path)
    before = table_counts(path)
    assert before["delegates"] == 4 and before["attendance"] == 3
    db = await Database.open(path)
    try:
        after = table_counts(path)
        dropped = {"seen_messages"}  # Zalo's message ids: the inbound store's keys since 0036
        assert {t: after[t] for t in before if t not in dropped} == {
            t: n for t, n in before.items() if t not in dropped
        }  # every row is still there
        assert dropped.isdisjoint(after)
        yield db
    finally:
        await db.close()


async def test_the_one_series_becomes_the_first_of_many(upgraded: Database) -> None:
    db = upgraded
    delegates = await db.fetch_all("SELECT full_name, series_id, person_id FROM delegates")
    assert {tuple(row)[1:] for row in delegates} == {(DONG_NAI, None)}
    listing = await PlanRepository(db).listing()
    assert [(line.id, line.num, line.archived_at, line.delegates) for line in listing] == [
        (DONG_NAI, 1, None, 4)
    ]
    report, errors = await load_plan(db, DEFAULT_PLAN.parent / "lang-son-2024.yaml")
    assert report is not None, errors
    plans = PlanRepository(db)
    assert [line.num for line in await plans.listing()] == [1, 2]
    first = await plans.active_series()
    assert first is not None and first.id == DONG_NAI  # loading another plan changes nothing
    session = next(s for s in first.sessions if s.id == "2026-07-loc-tan")
    attendance = AttendanceRepository(db)
    answers = await db.fetch_all("SELECT delegate_id, answer FROM attendance ORDER BY delegate_id")
    assert [tuple(row)[1] for row in answers] == ["in_person", "absent", "in_person"]
    assert all([await attendance.is_invited(session, int(row[0])) for row in answers])
    assert await attendance.checked_in_at("2026-07-loc-tan", int(answers[0][0])) is not None


async def test_a_delegate_of_the_old_database_is_welcomed_back(
    upgraded: Database, tmp_path: Path
) -> None:
    async with running_bot(upgraded, tmp_path) as bot:
        chat = bot.chat(3001, "Nguyễn Văn An")
        welcome, summary = await chat.send("/start", replies=2)
        assert "Nguyễn Văn An" in (welcome.text or "") and "Xã Lộc Tấn" in (summary.text or "")
        (schedule,) = await chat.send("/lichcuatoi", replies=1)
        assert "Xã Lộc Tấn" in (schedule.text or "")
