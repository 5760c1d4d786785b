"""Many requests about the same thing at the same moment, as several workers on one
PostgreSQL send them (READ COMMITTED, a pool of connections): the read-then-write steps stay
right. On SQLite the same tests hold by its one writer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from storage.attendance import AttendanceAnswer, AttendanceRepository
from storage.channels import LinkCodes
from storage.db import Database
from storage.documents import DocumentRepository
from storage.people import AccountRepository, DelegateRepository
from storage.plans import PlanRepository

TIMES = 50


async def _delegate_and_accounts(db: Database, now: datetime) -> tuple[int, list[int], str]:
    """A registered delegate, 50 chat accounts (the first is theirs) and a session's id."""
    accounts = AccountRepository(db)
    made = [
        await accounts.touch("telegram", str(7000 + n), str(7000 + n), f"Người {n}", now)
        for n in range(TIMES)
    ]
    values = {"full_name": "Lê Thị Hoa", "position": "Bí thư", "category_code": "x"}
    delegate = await DelegateRepository(db).register(made[0].id, values, now)
    series = await PlanRepository(db).active_series()
    assert series is not None
    return delegate.id, [account.id for account in made], series.sessions[0].id


async def test_fifty_answers_at_once_keep_an_unbroken_history(db: Database) -> None:
    now = datetime.now(UTC)
    delegate_id, accounts, session_id = await _delegate_and_accounts(db, now)
    repository = AttendanceRepository(db)
    kinds = ("in_person", "absent", "online")
    await asyncio.gather(
        *(
            repository.record(
                session_id, delegate_id, AttendanceAnswer(kinds[n % 3]), "telegram",
                accounts[0], now,
            )
            for n in range(TIMES)
        )
    )
    history = await repository.history(session_id, delegate_id)
    assert len(history) == TIMES
    assert history[0][1] is None
    assert all(later[1] == earlier[0] for earlier, later in pairwise(history))


async def test_fifty_check_ins_at_once_give_one(db: Database) -> None:
    now = datetime.now(UTC)
    delegate_id, accounts, session_id = await _delegate_and_accounts(db, now)
    repository = AttendanceRepository(db)
    earlier = await asyncio.gather(
        *(
            repository.check_in(session_id, delegate_id, "qr", accounts[n], now)
            for n in range(TIMES)
        )
    )
    assert earlier.count(None) == 1
    count = await db.scalar("SELECT count(*) FROM checkins WHERE delegate_id = ?", (delegate_id,))
    assert count == 1


async def test_fifty_drafts_at_once_get_consecutive_versions(db: Database) -> None:
    now = datetime.now(UTC)
    repository = DocumentRepository(db)
    drafts = await asyncio.gather(
        *(
            repository.add_draft("s", "speaker-1", f"v{n}.pdf", b"%PDF " + bytes([n]), "t:1", now)
            for n in range(TIMES)
        )
    )
    assert sorted(draft.version for draft in drafts) == list(range(1, TIMES + 1))
    in_review = await db.scalar("SELECT count(*) FROM drafts WHERE status = 'review'")
    assert in_review == 1


async def test_a_link_code_redeemed_fifty_times_at_once_links_once(db: Database) -> None:
    now = datetime.now(UTC)
    delegate_id, accounts, _ = await _delegate_and_accounts(db, now)
    codes = LinkCodes(db)
    await codes.create("123456", delegate_id, accounts[0], now + timedelta(minutes=10))
    linked = await asyncio.gather(*(codes.redeem("123456", accounts[n], now) for n in range(TIMES)))
    assert [found for found in linked if found is not None] == [delegate_id]
