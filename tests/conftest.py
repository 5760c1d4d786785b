"""Shared fixtures: a real SQLite file in a temporary folder with the example plan loaded,
and the real bot talking HTTP to the fake Telegram Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from bot.app import Runtime, load_plan
from bot.channels.telegram import TelegramChannel
from bot.config import DEFAULT_PLAN, Settings
from bot.runtime.core import Core
from bot.runtime.outbox import Limits
from storage.db import Database
from tests.backends import BACKEND, fresh_postgres, postgres_cluster
from tests.fake_telegram import FakeTelegram, FakeUser, SentMessage

AGREE = "✅ Đồng ý"  # the privacy notice's button
# Two days before the city session of the example plan (Friday 27/11/2026, 08:00 local).
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.fixture
def frozen_now() -> Iterator[None]:
    """Wall-clock time travel only: asyncio keeps its own monotonic clock."""
    with time_machine.travel(NOW, tick=True):
        yield


async def travel(clock: time_machine.Coordinates, moment: datetime) -> None:
    """Move the wall clock once the reminder scheduler has taken in the jobs set so far (it
    looks at them on the loop's next turn: after the move, it would find them due and run one
    beside the test's own `wake`)."""
    await asyncio.sleep(0)
    clock.move_to(moment)


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    """Wall-clock time that moves only when the test says so (from 19/11/2026 12:00 UTC)."""
    with time_machine.travel(datetime(2026, 11, 19, 12, 0, tzinfo=UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


@pytest.fixture
async def database_url(
    tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[str]:
    """Where the test's database is, on the backend HOINGHI_TEST_BACKEND names; on PostgreSQL
    the command lines the test runs use it too (DATABASE_URL wins over DATABASE_PATH)."""
    if BACKEND == "postgresql":
        async with fresh_postgres(request.getfixturevalue("postgres_server")) as url:
            monkeypatch.setenv("DATABASE_URL", url)
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'bot.sqlite3'}"


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """On PostgreSQL, only the tests of a database (the storage and end-to-end tests) run:
    the others ran on SQLite already, and so did those marked `sqlite_file`, which handle
    SQLite's file itself (its bytes, its permissions, a copy of it)."""
    if BACKEND != "postgresql":
        return
    uses_database = [
        item
        for item in items
        if "database_url" in getattr(item, "fixturenames", ())
        and item.get_closest_marker("sqlite_file") is None
    ]
    config.hook.pytest_deselected(items=[item for item in items if item not in uses_database])
    items[:] = uses_database


@pytest.fixture
async def db(database_url: str, frozen_now: None) -> AsyncIterator[Database]:
    database = await Database.open(database_url)
    report, errors = await load_plan(database, DEFAULT_PLAN)
    assert report is not None, errors
    yield database
    await database.close()


@dataclass
class Chat:
    """One simulated person talking to the bot through the fake Bot API."""

    server: FakeTelegram
    user: FakeUser

    async def send(self, text: str, replies: int = 1) -> list[SentMessage]:
        self.user.send_text(text)
        return await self.server.wait_for(self.user.id, replies)

    async def press(self, message: SentMessage, label: str, replies: int = 1) -> list[SentMessage]:
        data = dict(message.inline_buttons)[label]
        assert data is not None
        self.user.press(message, data)
        return await self.server.wait_for(self.user.id, replies)

    async def start(self, payload: str = "", replies: int = 2) -> list[SentMessage]:
        """/start (with an invite payload) and agree to the privacy notice that registration
        asks first: the `replies` to /start (the notice last), then the first question."""
        sent = await self.send(f"/start {payload}".strip(), replies)
        return [*sent, *(await self.press(sent[-1], AGREE))]


@dataclass
class Bot:
    server: FakeTelegram
    db: Database
    runtime: Runtime

    def chat(self, user_id: int = 1001, first_name: str = "Nguyễn Văn An") -> Chat:
        return Chat(self.server, self.server.user(user_id=user_id, first_name=first_name))


ORGANISER_ID = 9001  # in ADMIN_IDS of the test settings
# The fake server enforces no flood limit unless a test asks it to: replies and the outbox go
# unpaced (Telegram's 30 a second is tested in test_outbox_faults and test_shared_budget_e2e)
UNPACED = Limits(per_second=1000, poll_interval=0.05)


@asynccontextmanager
async def running_bot(
    db: Database,
    tmp_path: Path,
    limits: Limits | None = None,
    prepare: Callable[[Runtime], None] | None = None,
    dashboard: bool = False,
) -> AsyncIterator[Bot]:
    """The whole running bot (Telegram channel, reminder scheduler, outbox sender, broadcast
    reporter) against a fresh fake Bot API server; `prepare` adjusts the runtime before start;
    `dashboard` serves the web dashboard on a free port of 127.0.0.1."""
    async with FakeTelegram(token="123456:TEST-token") as server:
        settings = Settings(
            _env_file=None,
            telegram_bot_token=server.token,
            telegram_api_base_url=server.base_url,
            database_path=tmp_path / "bot.sqlite3",
            # PostgreSQL's URL for helpers that read through a connection of their own (the
            # test cluster has no password, which the label leaves out)
            database_url=db.label if db.dialect == "postgresql" else None,
            admin_ids=(str(ORGANISER_ID),),
            dashboard_port=0 if dashboard else None,
        )
        core = await Core.create(db)
        channel = TelegramChannel(core, server.token, server.base_url, poll_timeout=1)
        runtime = Runtime(
            core, {"telegram": channel}, settings, limits or UNPACED
        )
        if prepare is not None:
            prepare(runtime)
        await runtime.start()
        try:
            yield Bot(server, db, runtime)
        finally:
            await runtime.stop()


@pytest.fixture
async def bot(db: Database, tmp_path: Path) -> AsyncIterator[Bot]:
    async with running_bot(db, tmp_path) as running:
        yield running
