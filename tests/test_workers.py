"""Several workers on one database (issue 16, items 4 to 6), in one test process: leases, the
outbox claimed under leases and by priority, inbound updates kept before they are
acknowledged, and two webhook workers behind one reverse proxy. The subprocess test of three
`hoinghi run` workers is tests/test_workers_e2e.py."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bot.app import Runtime, load_plan, platform_channels
from bot.channels.telegram import TelegramChannel
from bot.clock import now_utc
from bot.config import DEFAULT_PLAN, Settings
from bot.runtime.core import Core
from bot.runtime.leases import worker_of
from bot.runtime.outbox import Limits
from bot.runtime.webhooks import web_server
from storage.db import Database
from storage.inbound import InboundRepository
from storage.leases import LeaseRepository
from storage.outbox import OutboxItem, OutboxRepository
from tests.backends import fresh_postgres
from tests.conftest import running_bot
from tests.fake_common import free_port
from tests.fake_telegram import FakeTelegram
from tests.hardening_helpers import quiet
from tests.outbox_helpers import add_delegates
from tests.test_webhook_e2e import PUBLIC, SECRET, text_update

MINUTE = timedelta(minutes=1)
SECOND = timedelta(seconds=1)
QUICK = Limits(poll_interval=0.05)  # the outbox looks every 50 ms: the tests need not wait
POLL = 10.0  # ...but here, where being woken is what is tested


async def test_a_lease_has_one_holder_until_it_expires_or_is_released(db: Database) -> None:
    leases, now = LeaseRepository(db), now_utc()
    assert await leases.acquire("sender:telegram", "w1", now, MINUTE)
    assert not await leases.acquire("sender:telegram", "w2", now, MINUTE)
    assert await leases.acquire("sender:telegram", "w1", now + MINUTE / 2, MINUTE)  # renewed
    assert not await leases.acquire("sender:telegram", "w2", now + MINUTE, MINUTE)
    assert await leases.acquire("sender:telegram", "w2", now + 2 * MINUTE, MINUTE)  # fail-over
    assert await leases.holder("sender:telegram", now + 2 * MINUTE) == "w2"
    await leases.release("sender:telegram", "w1")  # not its holder: nothing changes
    assert not await leases.acquire("sender:telegram", "w1", now + 2 * MINUTE, MINUTE)
    await leases.release("sender:telegram", "w2")
    assert await leases.acquire("sender:telegram", "w1", now + 2 * MINUTE, MINUTE)


async def test_a_restarting_worker_takes_back_only_its_own_rows_and_expired_leases(
    db: Database,
) -> None:
    """Replies and date changes go before reminders, reminders before broadcasts; a row being
    sent by a live worker stays its own."""
    accounts = await add_delegates(db, 4)
    outbox, now = OutboxRepository(db), now_utc()
    kinds = ["broadcast", "reminder", "reply", "schedule_change"]
    await outbox.enqueue(
        [
            OutboxItem(f"k{n}", kind, n + 1, "telegram", str(accounts[n]), "{}")
            for n, kind in enumerate(kinds)
        ],
        now,
    )
    first = await outbox.claim(now, 2, ("telegram",), "w1", MINUTE)
    assert sorted(row.kind for row in first) == ["reply", "schedule_change"]
    second = await outbox.claim(now, 1, ("telegram",), "w2", MINUTE)
    assert [row.kind for row in second] == ["reminder"]
    assert await outbox.take_back_own("w2") == 1  # w2 started again: its own row only
    again = await outbox.claim(now, 10, ("telegram",), "w2", MINUTE)
    assert sorted(row.kind for row in again) == ["broadcast", "reminder"]
    assert await outbox.claim(now + MINUTE / 2, 10, ("telegram",), "w2", MINUTE) == []
    kept = await outbox.claim(now + 2 * MINUTE, 10, ("telegram",), "w1", MINUTE)
    assert sorted(row.kind for row in kept) == ["broadcast", "reminder"]  # w2's, not its own
    later = await outbox.claim(now + 4 * MINUTE, 10, ("telegram",), "w3", MINUTE)
    assert len(later) == 4  # w1's leases expired: its rows go to w3
    assert await outbox.claim(now, 10, ("zalo",), "w3", MINUTE) == []


async def test_an_update_kept_by_a_worker_that_died_is_handled_by_the_next(
    db: Database, tmp_path: Path
) -> None:
    """Acknowledged, kept, then the worker was killed before handling it: the next worker to
    start answers it, and its text is erased once handled; the daily job forgets its key."""
    async with FakeTelegram(token="123456:TEST-token") as probe:
        user = probe.user(user_id=4242)
        update = text_update(user, "/lich", 31337)
    long_ago = now_utc() - 5 * MINUTE
    inbound = InboundRepository(db)
    assert await inbound.store("telegram", [(31337, json.dumps(update))], "dead", long_ago, MINUTE)
    async with running_bot(db, tmp_path) as bot:
        (schedule,) = await bot.server.wait_for(4242)
        assert "27/11/2026" in (schedule.text or "")
        await settle(bot.runtime.channels["telegram"])
    row = await db.fetch_one(
        "SELECT payload, handled_at FROM inbound_updates WHERE update_id = 31337"
    )
    assert row is not None and row[0] is None and row[1] is not None
    assert await inbound.forget(now_utc() - timedelta(days=1)) == 0  # kept a day, for repeats
    assert await inbound.forget(now_utc()) == 1


async def test_updates_waiting_in_a_living_workers_memory_stay_its_own(db: Database) -> None:
    """A backlog (updates kept, waiting for a free slot) outlasting the lease: the worker that
    kept them renews it, so no other worker handles them a second time; once it stops renewing
    (killed), they are taken over."""
    inbound, now = InboundRepository(db), now_utc()
    assert await inbound.store("zalo", [(1, "{}"), (2, "{}")], "w1", now, MINUTE) == {1, 2}
    await inbound.handled("zalo", [2], now)
    await inbound.renew("zalo", "w1", now + 50 * SECOND, MINUTE)
    assert await inbound.take_over("zalo", "w2", now + 70 * SECOND, MINUTE) == []
    assert await inbound.take_over("zalo", "w2", now + 111 * SECOND, MINUTE) == [(1, "{}")]


async def test_long_polling_keeps_each_page_with_one_insert(db: Database, tmp_path: Path) -> None:
    """250 updates waiting at start come in pages of 100: three inserts, one per page (the
    rows of one insert share their `received_at`)."""
    async with FakeTelegram(token="123456:TEST-token") as probe:
        users = [probe.user(user_id=5000 + n) for n in range(250)]
        backlog = [text_update(user, "/lich", 1 + n) for n, user in enumerate(users)]
    async with running_bot(db, tmp_path) as bot:
        bot.server.enqueue_backlog(backlog)
        await bot.server.wait_confirmed()
        await settle(bot.runtime.channels["telegram"])
    rows = await db.fetch_all(
        "SELECT count(*), count(DISTINCT received_at), count(handled_at) FROM inbound_updates"
    )
    assert tuple(rows[0]) == (250, 3, 250)


async def settle(channel: object) -> None:
    assert isinstance(channel, TelegramChannel)
    await channel.settled()


@dataclass
class Workers:
    telegram: FakeTelegram
    runtimes: list[Runtime]

    def url(self, n: int) -> str:
        web = self.runtimes[n].web
        assert web is not None
        return f"http://127.0.0.1:{web.port}"


def worker_settings(database_url: str, n: int, lease: int, **platform: str) -> Settings:
    """Worker `n`'s settings in webhook mode; `platform`: the bot token's."""
    return Settings(
        _env_file=None,
        database_url=database_url,
        webhook_url=PUBLIC,
        webhook_secret=SECRET,
        webhook_port=free_port(),
        worker_id=f"worker-{n}",
        worker_lease_seconds=lease,
        **platform,
    )


async def started_worker(
    config: Settings, stack: AsyncExitStack, limits: Limits = QUICK
) -> Runtime:
    """A worker wired as `hoinghi run` wires it, with its own connection, stopped by `stack`."""
    db = await Database.open(config.database)
    stack.push_async_callback(db.close)
    web = web_server(config)
    core = await Core.create(db, worker_of(config, web is not None))
    runtime = Runtime(core, platform_channels(core, config, web), config, limits, web)
    await runtime.start()
    stack.push_async_callback(runtime.stop)
    return runtime


@asynccontextmanager
async def webhook_workers(
    database_url: str, count: int, limits: Limits = QUICK, lease: int = 3
) -> AsyncIterator[Workers]:
    """`count` workers wired as `hoinghi run` wires them, in webhook mode on one database,
    each with its own connection; the reverse proxy spreads the posts round-robin. `lease`:
    WORKER_LEASE_SECONDS."""
    async with FakeTelegram(token="123456:TEST-token") as telegram, AsyncExitStack() as stack:
        runtimes = []
        for n in range(count):
            config = worker_settings(
                database_url,
                n + 1,
                lease,
                telegram_bot_token=telegram.token,
                telegram_api_base_url=telegram.base_url,
            )
            runtimes.append(await started_worker(config, stack, limits))
        workers = Workers(telegram, runtimes)
        turns = itertools.cycle(range(count))
        telegram.forward_webhook(lambda: workers.url(next(turns)))
        yield workers


async def test_the_same_update_posted_to_two_workers_gets_one_answer(
    db: Database, database_url: str
) -> None:
    """Telegram posting again (to another worker behind the proxy) is handled once; the
    worker that does not send for the bot token answers through the one that does."""
    async with webhook_workers(database_url, 2) as workers:
        telegram = workers.telegram
        sender = await LeaseRepository(db).holder("sender:telegram", now_utc())
        assert sender in ("worker-1", "worker-2")
        other = 1 if sender == "worker-1" else 0
        user = telegram.user(user_id=6001)
        update = text_update(user, "/lich", 424242)
        statuses = await asyncio.gather(
            *(post_update(telegram, workers.url(n), update) for n in (other, 1 - other, other))
        )
        assert statuses == [200, 200, 200]
        (schedule,) = await telegram.wait_for(user.id)
        assert "27/11/2026" in (schedule.text or "")
        for runtime in workers.runtimes:
            await settle(runtime.channels["telegram"])
        # the sender marks the reply sent once Telegram answered it: after the message arrived
        await quiet(database_url)
        assert await db.scalar("SELECT count(*) FROM outbox WHERE status != 'sent'") == 0
        assert len(telegram.messages_to(user.id)) == 1
        assert [method for method, _ in telegram.requests].count("setWebhook") == 1


async def post_update(telegram: FakeTelegram, worker: str, update: dict[str, object]) -> int:
    """POST `update` to the worker at `worker` directly, as Telegram through the proxy would."""
    post = await telegram._webhook.post(f"{worker}/telegram/webhook", update, SECRET, 5.0)
    assert post.status is not None, post.error
    return post.status


async def test_a_reply_queued_by_a_worker_that_does_not_send_wakes_the_sender_at_once(
    postgres_server: str,
) -> None:
    """On PostgreSQL the sending worker LISTENs: a reply another worker queues is sent at once,
    not at the sender's next look (every POLL seconds here, 1 s by default)."""
    async with fresh_postgres(postgres_server) as url:
        db = await Database.open(url)
        try:
            report, errors = await load_plan(db, DEFAULT_PLAN)
            assert report is not None, errors
            waits = await reply_waits(url)
        finally:
            await db.close()
    print(f"\nreplies through the sender: {', '.join(f'{w:.3f}' for w in waits)} s")
    assert max(waits) < POLL / 5


async def reply_waits(url: str) -> list[float]:
    """Five replies to updates posted to the worker that does not send, each waited for: how
    long each took to reach the Bot API, in seconds."""
    async with webhook_workers(url, 2, Limits(poll_interval=POLL), lease=60) as workers:
        telegram, db = workers.telegram, workers.runtimes[0].core.db
        sender = await LeaseRepository(db).holder("sender:telegram", now_utc())
        other = workers.url(1 if sender == "worker-1" else 0)
        waits = []
        for n in range(5):
            user = telegram.user(user_id=6100 + n)
            started = time.monotonic()
            assert await post_update(telegram, other, text_update(user, "/lich", 525000 + n)) == 200
            await telegram.wait_for(user.id, timeout=POLL)
            waits.append(time.monotonic() - started)
    return waits
