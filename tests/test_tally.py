"""The roll-up's counters (migration 0038: audience_cells and answer_cells, kept by triggers)
against the exact count over every delegate, the query the roll-up ran before them (kept here
as the oracle): random sequences of the real operations, through the repositories, on a fresh
database of the run's backend (SQLite or PostgreSQL) with two series (Đồng Nai, Lạng Sơn);
after each, every session's roll-up must be the exact one, and every counter what the
migration's backfill counts from the rows (also the cells no session shows now: a counter wrong
there would show once someone joins its cell)."""

from __future__ import annotations

import asyncio
import random
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.app import load_plan
from bot.config import DEFAULT_PLAN
from bot.domain import SessionInfo
from bot.domain.messages import Reply, reply_to_json
from bot.services.retention import Retention
from storage.attendance import AttendanceAnswer, AttendanceRepository
from storage.channels import LinkCodes
from storage.dashboard import DashboardQueries
from storage.db import Database
from storage.import_rows import ImportedPerson
from storage.imports import ImportRepository
from storage.migrations import __file__ as migrations_init
from storage.outbox import OutboxItem, OutboxRepository
from storage.people import AccountRepository, DelegateRepository
from storage.plans import PlanRepository
from storage.rollup import COUNTS, Rollup, RollupRepository, grouped_counts, rollup_of
from tests.backends import BACKEND, fresh_postgres
from tests.conftest import NOW

LANG_SON = DEFAULT_PLAN.parent / "lang-son-2024.yaml"
SERIES = ("dong-nai-2026-bien-gioi", "lang-son-2024-pgcm-15-nam")
PURGE_AT = datetime(2027, 2, 25, 4, 30, tzinfo=UTC)  # Đồng Nai's term ends (test_retention)
# (commune code, commune name, category): of the commune sessions, of the city session's
# invited category, city-level, and a commune category the city session does not invite.
PLACES = (
    (25279, "Xã Lộc Tấn", "lanh-dao-ubnd"),
    (25279, "Xã Lộc Tấn", "cong-an-xa"),
    (25280, "Xã Lộc Thạnh", "lanh-dao-ubnd"),
    (25280, "Lộc Thạnh", "mttq"),  # the same commune under another name
    (None, None, "so-nganh"),
    (None, None, "ban-chi-dao"),
)
KINDS = ("in_person", "online", "absent", "substitute")
PEOPLE = 3
# The sessions read: the city session, two commune sessions, Lạng Sơn's.
READ = ("2026-11-thanh-pho", "2026-07-loc-tan", "2026-08-loc-thanh-a", "2024-08-danh-gia-15-nam")

person = st.integers(0, PEOPLE - 1)
place = st.integers(0, len(PLACES) - 1)
session = st.integers(0, len(READ) - 1)
REGISTER = st.tuples(st.just("register"), person, place, st.integers(0, 1))
OPERATION = st.one_of(
    REGISTER,
    st.tuples(st.just("answer"), person, session, st.sampled_from(KINDS)),
    st.tuples(st.just("check_in"), person, session),
    st.tuples(st.just("block"), person),
    st.tuples(st.just("unblock"), person),
    st.tuples(st.just("link"), person, person),
    st.tuples(st.just("move"), person, place),
    st.tuples(st.just("erase"), person),
    st.tuples(st.just("import_"), person, place, st.integers(0, 1)),
    st.tuples(st.just("walk_in"), session, place),
    st.tuples(st.just("purge")),
    st.tuples(st.just("other_writer"), st.integers(0, 3)),
)
FIRST = "(SELECT min(delegate_id) FROM attendance)"
# Statements no code of ours runs today: the counters follow any writer.
OTHER_WRITERS = (
    f"DELETE FROM attendance WHERE delegate_id = {FIRST}",
    "DELETE FROM checkins WHERE delegate_id = (SELECT min(delegate_id) FROM checkins)",
    "UPDATE checkins SET session_id = '2026-07-loc-tan' WHERE session_id = '2026-11-thanh-pho' "
    "AND delegate_id NOT IN (SELECT delegate_id FROM checkins WHERE session_id = "
    "'2026-07-loc-tan')",
    "INSERT INTO accounts (channel, external_id, chat_id, created_at, last_seen_at, "
    "delegate_id) VALUES ('zalo', 'z1', 'z1', '', '', (SELECT min(id) FROM delegates WHERE id "
    "NOT IN (SELECT delegate_id FROM accounts WHERE delegate_id IS NOT NULL))) "
    "ON CONFLICT (channel, external_id) DO NOTHING",
)


BACKFILL = (
    (Path(migrations_init).parent / "0038_tally.sql")
    .read_text(encoding="utf-8")
    .split("-- What the database holds already.")[1]
    .split("-- Keeping them.")[0]
)
# The backfill's SELECTs: the counters as the rows stored now make them.
EXACT_CELLS = [statement[statement.index("SELECT") :] for statement in BACKFILL.split(";")[:3]]
KEPT_CELLS = (
    "SELECT series_id, commune_code, commune_name, category_code, sum(registered), "
    "sum(unreachable), sum(never_reached) FROM audience_cells "
    "GROUP BY series_id, commune_code, commune_name, category_code",
    "SELECT session_id, series_id, commune_code, category_code, sum(in_person), sum(online), "
    "sum(absent), sum(substitute), sum(present) FROM answer_cells "
    "GROUP BY session_id, series_id, commune_code, category_code",
    # what the cells count of each person with a chat account (no row: no account at all)
    "SELECT person_id, reachable, has_account FROM tally_persons WHERE has_account = 1",
)


def name(who: int) -> str:
    return f"Người Số {who}"


def phone(who: int) -> str:
    return f"09{who:08d}"


class World:
    """The database and the few repositories the operations go through."""

    def __init__(self, db: Database, sessions: Sequence[SessionInfo]) -> None:
        self.db = db
        self.sessions = sessions
        self.accounts = AccountRepository(db)
        self.delegates = DelegateRepository(db)
        self.attendance = AttendanceRepository(db)
        self.serial = 0  # numbers the walk-ins and the messages to the blocked

    async def account(self, who: int) -> int:
        account = await self.accounts.touch("telegram", str(1000 + who), str(1000 + who), "", NOW)
        return account.id

    async def delegate(self, who: int) -> int | None:
        found = await self.db.scalar(
            "SELECT delegate_id FROM accounts WHERE external_id = ?", (str(1000 + who),)
        )
        return int(str(found)) if found is not None else None

    async def apply(self, operation: tuple[Any, ...]) -> None:
        kind, *args = operation
        await getattr(self, kind)(*args)

    async def register(self, who: int, where: int, series: int) -> None:
        code, commune, category = PLACES[where]
        values = {
            "commune_code": code,
            "commune_name": commune,
            "full_name": name(who),
            "position": "Cán bộ",
            "category_code": category,
            "phone": phone(who),
            "consented": True,
            "series_id": SERIES[series],
        }
        await self.delegates.register(await self.account(who), values, NOW)

    async def answer(self, who: int, which: int, kind: Any) -> None:
        delegate = await self.delegate(who)
        if delegate is not None:
            answer = AttendanceAnswer(kind)
            session_id = self.sessions[which].id
            await self.attendance.record(session_id, delegate, answer, "telegram", 1, NOW)

    async def check_in(self, who: int, which: int) -> None:
        delegate = await self.delegate(who)
        if delegate is not None:
            await self.attendance.check_in(self.sessions[which].id, delegate, "qr", None, NOW)

    async def block(self, who: int) -> None:
        """A message to them answered 403: their account no longer reaches them."""
        account, chat = await self.account(who), str(1000 + who)
        payload = reply_to_json(Reply("Nhắc lịch"))
        outbox = OutboxRepository(self.db)
        self.serial += 1
        key = f"t:{account}:{self.serial}"
        item = OutboxItem(key, "reminder", account, "telegram", chat, payload)
        await outbox.enqueue([item], NOW)
        row = await self.db.scalar("SELECT id FROM outbox WHERE dedup_key = ?", (key,))
        await outbox.give_up(int(str(row)), "blocked", "Forbidden: bot was blocked", NOW)

    async def unblock(self, who: int) -> None:
        """They write to the bot again."""
        await self.account(who)

    async def link(self, who: int, other: int) -> None:
        """`other`'s chat account becomes a second channel of `who` (a link code)."""
        delegate = await self.delegate(who)
        if delegate is not None and who != other:
            codes = LinkCodes(self.db)
            asked = await self.account(who)
            await codes.create(f"L{who}{other}", delegate, asked, NOW + timedelta(hours=1))
            await codes.redeem(f"L{who}{other}", await self.account(other), NOW)

    async def move(self, who: int, where: int) -> None:
        delegate = await self.delegate(who)
        if delegate is not None:
            code, commune, category = PLACES[where]
            values = {"commune_code": code, "commune_name": commune, "category_code": category}
            await self.delegates.update(delegate, values, NOW)

    async def erase(self, who: int) -> None:
        delegate = await self.delegate(who)
        if delegate is not None:
            await self.delegates.erase(delegate)

    async def import_(self, who: int, where: int, series: int) -> None:
        code, commune, category = PLACES[where]
        row = ImportedPerson(1, name(who), "Cán bộ", category, "", code, commune, phone(who))
        await ImportRepository(self.db).store([row], NOW, series_id=SERIES[series])

    async def walk_in(self, which: int, where: int) -> None:
        code, commune, category = PLACES[where]
        self.serial += 1
        values = {
            "full_name": f"Khách {self.serial}",
            "position": "Khách mời",
            "category_code": category,
            "commune_code": code,
            "commune_name": commune,
        }
        await DashboardQueries(self.db).add_walk_in(self.sessions[which].id, values, None, NOW)

    async def other_writer(self, which: int) -> None:
        await self.db.write(OTHER_WRITERS[which])

    async def purge(self) -> None:
        await Retention(self.db).purge(PURGE_AT)


async def exact_rollup(db: Database, session: SessionInfo) -> Rollup:
    """The oracle: every invited delegate counted from their rows, plus the purged counts."""
    rows = await db.fetch_all(*grouped_counts(session))
    rows += await db.fetch_all(
        f"SELECT commune_code, commune_name, category_code, {COUNTS} FROM session_tallies "
        "WHERE session_id = ?",
        (session.id,),
    )
    return rollup_of(rows)


async def cells(db: Database, queries: Sequence[str]) -> list[list[tuple[object, ...]]]:
    """Each query's rows with a count other than 0 (the persons': every row), in order."""
    return [
        sorted(
            (tuple(row) for row in await db.fetch_all(sql) if len(row) == 3 or any(row[4:])),
            key=repr,
        )
        for sql in queries
    ]


def numbers(rollup: Rollup) -> tuple[object, ...]:
    """What a roll-up shows but the commune's name (of several, the exact query picks any)."""
    return (
        rollup.total,
        [(group.key, group.counts) for group in rollup.by_commune],
        rollup.by_category,
    )


async def world(target: str | Path) -> World:
    db = await Database.open(target)
    for plan in (DEFAULT_PLAN, LANG_SON):
        report, errors = await load_plan(db, plan)
        assert report is not None, errors
    plans = PlanRepository(db)
    by_id = {s.id: s for series in SERIES for s in await plans.sessions(series)}
    return World(db, [by_id[session_id] for session_id in READ])


async def play(target: str | Path, operations: Sequence[tuple[Any, ...]]) -> None:
    here = await world(target)
    try:
        for done, operation in enumerate(operations, 1):
            await here.apply(operation)
            for session_info in here.sessions:
                counted = await RollupRepository(here.db).session_rollup(session_info)
                exact = await exact_rollup(here.db, session_info)
                assert numbers(counted) == numbers(exact), (session_info.id, operations[:done])
            kept = await cells(here.db, KEPT_CELLS)
            assert kept == await cells(here.db, EXACT_CELLS), operations[:done]
    finally:
        await here.db.close()


# Cases that random ones missed (each breaks when one trigger is dropped): registrations first,
# then the operations.
CASES: list[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]] = [
    (  # a changed answer; a move with answers and a check-in
        [("register", 0, 0, 0)],
        [
            ("answer", 0, 0, "online"),
            ("answer", 0, 0, "absent"),
            ("check_in", 0, 0),
            ("move", 0, 4),
            ("answer", 0, 0, "substitute"),
            ("move", 0, 1),
        ],
    ),
    (  # a second channel; blocked, written again; erased
        [("register", 0, 0, 0), ("register", 1, 2, 0)],
        [("link", 0, 1), ("block", 0), ("unblock", 0), ("block", 1), ("erase", 0)],
    ),
    (  # a person in two series; the first series purged
        [("register", 0, 0, 0), ("register", 0, 4, 1)],
        [("block", 0), ("answer", 0, 3, "in_person"), ("purge",), ("unblock", 0)],
    ),
    (  # statements of other writers
        [("register", 0, 0, 0), ("register", 1, 4, 0)],
        [
            ("answer", 0, 0, "online"),
            ("check_in", 1, 0),
            ("other_writer", 2),
            ("check_in", 0, 1),
            ("other_writer", 0),
            ("other_writer", 1),
            ("other_writer", 3),
        ],
    ),
    (  # an import merging into a registered delegate, and a new one; walk-ins
        [("register", 0, 4, 0)],
        [
            ("import_", 0, 1, 0),
            ("import_", 2, 2, 1),
            ("walk_in", 0, 0),
            ("walk_in", 1, 4),
            ("purge",),
        ],
    ),
]


def with_cases(test: Any) -> Any:
    for registrations, operations in reversed(CASES):
        test = example(registrations, operations)(test)
    return test


@asynccontextmanager
async def fresh_database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """A new database of the run's backend, for one example."""
    if BACKEND == "postgresql":
        async with fresh_postgres(request.getfixturevalue("postgres_server")) as url:
            yield url
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'bot.sqlite3'}"


async def play_fresh(request: pytest.FixtureRequest, operations: Sequence[tuple[Any, ...]]) -> None:
    async with fresh_database(request) as url:
        await play(url, operations)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@with_cases
@given(st.lists(REGISTER, min_size=1, max_size=4), st.lists(OPERATION, max_size=20))
def test_the_counters_equal_the_exact_count_after_every_operation(
    database_url: str,
    request: pytest.FixtureRequest,
    registrations: list[tuple[Any, ...]],
    operations: list[tuple[Any, ...]],
) -> None:
    """A few people register first: most operations need someone registered. Each example
    plays on a database of its own (`database_url` puts the test in the PostgreSQL run)."""
    with time_machine.travel(NOW, tick=True):
        asyncio.run(play_fresh(request, [*registrations, *operations]))


PLACES_SQL = ((1, "'X'", "'k1'"), (1, "'X'", "'k2'"), (2, "'Y'", "'k1'"), ("NULL", "NULL", "'c'"))


def statement(rng: random.Random, step: int) -> str:
    """One statement of a writer we do not know, often on several rows at once."""
    code, commune, category = rng.choice(PLACES_SQL)
    d, s, series = rng.randint(1, 12), rng.choice("abc"), rng.choice(["s1", "s2"])
    exists = f"EXISTS (SELECT 1 FROM delegates WHERE id = {d})"
    person = rng.choice(["NULL", str(rng.randint(1, 12))])
    return rng.choice(
        [
            "INSERT INTO delegates (id, series_id, commune_code, commune_name, category_code, "
            f"full_name, position, created_at, updated_at, person_id) VALUES ({d}, '{series}', "
            f"{code}, {commune}, {category}, 'n', 'p', '', '', {person}) ON CONFLICT DO NOTHING",
            "INSERT INTO attendance (session_id, delegate_id, answer, channel, updated_at) "
            f"SELECT '{s}', {d}, '{rng.choice(KINDS)}', 't', '' WHERE {exists} "
            "ON CONFLICT (session_id, delegate_id) DO UPDATE SET answer = excluded.answer",
            "INSERT INTO checkins (session_id, delegate_id, method, at) "
            f"SELECT '{s}', {d}, 'qr', '' WHERE {exists} ON CONFLICT DO NOTHING",
            "INSERT INTO accounts (channel, external_id, chat_id, created_at, last_seen_at, "
            f"delegate_id) SELECT 't', '{step}', 'c', '', '', {d} WHERE {exists}",
            "UPDATE accounts SET unreachable_at = CASE WHEN unreachable_at IS NULL THEN 'x' END "
            f"WHERE delegate_id = {d}",
            f"UPDATE accounts SET delegate_id = {d} WHERE delegate_id <> {d} "
            f"AND id % 3 = {step % 3} AND {exists}",
            f"UPDATE delegates SET commune_code = {code}, commune_name = {commune}, "
            f"category_code = {category} WHERE id % 4 = {d % 4}",
            f"UPDATE delegates SET person_id = {person} WHERE id % 5 = {step % 5} AND id <> {d}",
            f"UPDATE delegates SET series_id = '{series}' WHERE id <= {d}",
            f"DELETE FROM delegates WHERE id % 6 = {d % 6}",
            f"DELETE FROM accounts WHERE id % 4 = {step % 4}",
            f"DELETE FROM attendance WHERE session_id = '{s}' AND delegate_id % 2 = {d % 2}",
        ]
    )


async def two_bare_series(db: Database) -> None:
    """Series s1 (sessions a, b) and s2 (session c), with nothing else."""
    await db.write(
        "INSERT INTO series (id, title, province, organiser, timezone, reminder_offsets, "
        "loaded_at) VALUES ('s1', 't', 'p', 'o', 'Asia/Ho_Chi_Minh', '[]', ''), "
        "('s2', 't', 'p', 'o', 'Asia/Ho_Chi_Minh', '[]', '')"
    )
    await db.write(
        "INSERT INTO sessions (id, series_id, level, starts_at, ends_at, venue_name, "
        "venue_address, expected_min, expected_max, updated_at) VALUES "
        "('a', 's1', 'city', '', '', '', '', 0, 0, ''), "
        "('b', 's1', 'commune', '', '', '', '', 0, 0, ''), "
        "('c', 's2', 'city', '', '', '', '', 0, 0, '')"
    )


async def test_statements_on_several_rows_keep_the_counters(database_url: str) -> None:
    """The triggers count row by row: statements that change many rows at once (PostgreSQL's
    row triggers run after the whole statement), cascades of deleted delegates and accounts
    unlinked by their foreign key."""
    db = await Database.open(database_url)
    try:
        await two_bare_series(db)
        rng = random.Random(7)
        for step in range(400):
            sql = statement(rng, step)
            await db.write(sql)
            assert await cells(db, KEPT_CELLS) == await cells(db, EXACT_CELLS), (step, sql)
        assert await db.scalar("SELECT count(*) FROM audience_cells") != 0
    finally:
        await db.close()


FIRST_ROWS = 3  # delegates 1-3: each a person's first row, never deleted
LATER_ROWS = range(100, 110)  # the persons' rows in series s2, added and removed
ACCOUNTS = 6
RACES, AT_ONCE = 20, 60


def racing_change(rng: random.Random) -> str:
    """One change of the kinds that several workers make at the same moment, on few rows (the
    same person, delegate and cells again and again)."""
    who, later = rng.randint(1, FIRST_ROWS), rng.choice(LATER_ROWS)
    account = rng.randint(1, ACCOUNTS)
    code, commune, category = rng.choice(PLACES_SQL)
    session_id = rng.choice("ab")
    return rng.choice(
        [
            "INSERT INTO attendance (session_id, delegate_id, answer, channel, updated_at) "
            f"VALUES ('{session_id}', {who}, '{rng.choice(KINDS)}', 't', '') "
            "ON CONFLICT (session_id, delegate_id) DO UPDATE SET answer = excluded.answer",
            f"DELETE FROM attendance WHERE session_id = '{session_id}' AND delegate_id = {who}",
            "INSERT INTO checkins (session_id, delegate_id, method, at) "
            f"VALUES ('{session_id}', {who}, 'qr', '') ON CONFLICT DO NOTHING",
            f"DELETE FROM checkins WHERE session_id = '{session_id}' AND delegate_id = {who}",
            f"UPDATE accounts SET delegate_id = {who} WHERE id = {account}",
            f"UPDATE accounts SET delegate_id = NULL WHERE id = {account}",
            "UPDATE accounts SET unreachable_at = CASE WHEN unreachable_at IS NULL THEN 'x' END "
            f"WHERE id = {account}",
            "INSERT INTO delegates (id, series_id, commune_code, commune_name, category_code, "
            f"full_name, position, created_at, updated_at, person_id) VALUES ({later}, 's2', "
            f"{code}, {commune}, {category}, 'n', 'p', '', '', {who}) ON CONFLICT DO NOTHING",
            f"DELETE FROM delegates WHERE id = {later}",
            f"UPDATE delegates SET commune_code = {code}, commune_name = {commune}, "
            f"category_code = {category} WHERE id = {who}",
        ]
    )


async def race(db: Database, sql: str) -> None:
    """The change in a transaction that stays open one more round trip, as a repository's
    does: the others' statements meanwhile read from before it."""
    async with db.transaction() as tx:
        await tx.execute(sql)
        await tx.execute("SELECT count(*) FROM answer_cells")


async def test_changes_at_once_from_several_connections_keep_the_counters(
    database_url: str,
) -> None:
    """Workers on PostgreSQL (READ COMMITTED, a pool of connections) change the same person's
    accounts, the same delegates' answers, check-ins and places, and rows in the same cells,
    all at once: the triggers' row locks (0038) keep each count from reading what another
    transaction is changing (without any one of them, a count moves twice or not at all
    within two races), and they are taken in one order (0041), so that none of the changes
    fails for a deadlock (without it, about one in five races had one). On SQLite the
    writers take turns."""
    db = await Database.open(database_url)
    try:
        await two_bare_series(db)
        for who in range(1, FIRST_ROWS + 1):
            code, commune, category = PLACES_SQL[who]
            await db.write(
                "INSERT INTO delegates (id, series_id, commune_code, commune_name, "
                f"category_code, full_name, position, created_at, updated_at) VALUES ({who}, "
                f"'s1', {code}, {commune}, {category}, 'n', 'p', '', '')"
            )
        for account in range(1, ACCOUNTS + 1):
            await db.write(
                "INSERT INTO accounts (id, channel, external_id, chat_id, created_at, "
                f"last_seen_at) VALUES ({account}, 't', '{account}', 'c', '', '')"
            )
        rng = random.Random(11)
        for done in range(RACES):
            changes = [racing_change(rng) for _ in range(AT_ONCE)]
            await asyncio.gather(*(race(db, sql) for sql in changes))
            assert await cells(db, KEPT_CELLS) == await cells(db, EXACT_CELLS), (done, changes)
    finally:
        await db.close()
