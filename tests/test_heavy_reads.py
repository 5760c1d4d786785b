"""Reads that grow with the data do not stand in front of the chats (issue 18): a session's
roll-up and the delegate lists read through a second, read-only connection; /healthz counts
only the outbox rows that wait, not the sent ones."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from bot.clock import now_utc
from storage.db import Database, StorageUnavailable, utc_text
from storage.outbox import OutboxRepository
from storage.people import AccountRepository
from storage.plans import PlanRepository
from storage.reports import DelegateListRepository
from storage.rollup import RollupRepository

# A query that keeps the chats' connection busy for a second or so.
LONG = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) "
    "SELECT count(*) FROM n"
)


async def test_a_roll_up_and_a_list_are_read_beside_the_chats_connection(db: Database) -> None:
    series = await PlanRepository(db).active_series()
    assert series is not None
    session = next(s for s in series.sessions if s.level == "city")
    await db.reader()  # opened once, on first use
    busy = asyncio.ensure_future(db.fetch_all(LONG))
    await asyncio.sleep(0)  # the long query handed to the chats' connection
    rollup = await RollupRepository(db).session_rollup(session)
    listed = await DelegateListRepository(db).rows(session)
    assert not busy.done()  # read while the chats' connection was still busy
    assert (rollup.total.registered, listed) == (0, [])
    assert (await busy)[0][0] == 3000000


@pytest.mark.sqlite_file  # PostgreSQL's pool reads beside the chats already
async def test_the_reader_sees_what_was_committed_and_cannot_write(db: Database) -> None:
    await AccountRepository(db).touch("telegram", "9001", "9001", "Đại biểu", now_utc())
    reader = await db.reader()
    assert reader is not db
    assert await reader.scalar("SELECT count(*) FROM accounts WHERE external_id = '9001'") == 1
    with pytest.raises(StorageUnavailable):  # query_only: SQLite refuses the write
        await reader.fetch_all("DELETE FROM accounts")
    assert await db.scalar("SELECT count(*) FROM accounts") == 1


async def test_an_in_memory_database_reads_through_its_only_connection() -> None:
    db = await Database.open(":memory:")
    try:
        assert await db.reader() is db
    finally:
        await db.close()


@pytest.mark.sqlite_file  # counts SQLite's own steps
async def test_the_health_count_skips_the_sent_messages(db: Database) -> None:
    account = await AccountRepository(db).touch("telegram", "9002", "9002", "", now_utc())
    stamp = utc_text(now_utc())
    rows = [
        (f"k{n}", "reminder", account.id, "telegram", "9002", "{}", status, stamp, stamp)
        for n, status in enumerate(["sent"] * 20000 + ["pending"] * 3 + ["failed"])
    ]
    async with db.transaction() as tx:
        await tx.execute_many(
            "INSERT INTO outbox (dedup_key, kind, account_id, channel, chat_id, payload, status, "
            "not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    steps = [0]

    def step() -> int:
        steps[0] += 1
        return 0

    await db.connection.set_progress_handler(step, 100)
    try:
        counts = await OutboxRepository(db).counts()
    finally:
        await db.connection.set_progress_handler(None, 100)
    assert counts == {"pending": 3, "failed": 1}
    assert steps[0] < 10, f"{steps[0] * 100} SQLite steps: the sent rows were read"


def test_start_up_leaves_out_what_only_some_commands_use() -> None:
    """Spreadsheets, QR codes, the dashboard and aiohttp's server load when first used (the
    server also with the polling channels); the communes are read from vietnam-provinces' data
    file without importing the package, when first needed (a plan read, a question)."""
    later = (
        "openpyxl",
        "segno",
        "jinja2",
        "dashboard.server",
        "aiohttp.web",
        "fpdf",
        "docx",
        "vietnam_provinces",
    )
    code = (
        "import sys, bot.cli, bot.app, bot.channels.telegram, bot.channels.zalo; "
        "from bot.services.divisions import country; "
        f"print(' '.join(m for m in sys.modules if m.startswith({later!r}))); "
        "print(country.cache_info().currsize)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert loaded == ["", "0"]
