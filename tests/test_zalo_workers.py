"""Zalo on several workers sharing one database (issue 16, items 4 and 6): each update kept in
the inbound store before the webhook answers, and handled from there; the webhook registered
once. In one process (two runtimes wired as `hoinghi run` wires them), and with `hoinghi run`
processes, one killed with SIGKILL after it acknowledged an update."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from contextlib import AsyncExitStack
from pathlib import Path

from bot.channels.zalo import ZaloChannel, update_key
from bot.clock import now_utc
from storage.db import Database
from storage.inbound import InboundRepository
from storage.leases import LeaseRepository
from tests.fake_zalo import EVENT_TEXT, FakeZalo
from tests.test_outbox_restart import tail
from tests.test_webhook_e2e import PUBLIC, SECRET
from tests.test_workers import MINUTE, started_worker, worker_settings
from tests.test_workers_e2e import workers
from tests.test_zalo_e2e import ZALO_TOKEN, start_both, stop_both

HOOK = f"{PUBLIC}/zalo/webhook"


async def test_a_zalo_message_delivered_twice_is_answered_once_and_the_webhook_set_once(
    db: Database, database_url: str
) -> None:
    """Posted twice to one worker and once to another, at once: one answer; of two workers
    starting together, one registers the webhook."""
    async with FakeZalo(token=ZALO_TOKEN) as zalo, AsyncExitStack() as stack:
        runtimes = []
        for n in (1, 2):
            config = worker_settings(
                database_url, n, 3, zalo_bot_token=zalo.token, zalo_api_base_url=zalo.base_url
            )
            runtimes.append(await started_worker(config, stack))
        urls = [f"http://127.0.0.1:{config.webhook_port}/zalo/webhook" for config in (
            runtime.settings for runtime in runtimes
        )]
        user = zalo.user(display_name="Lê Văn Zalo")
        update = {"event_name": EVENT_TEXT, "message": user.message(text="/lich")}
        statuses = await asyncio.gather(
            *(zalo.post_webhook(url, update, SECRET) for url in (urls[0], urls[1], urls[0]))
        )
        assert statuses == [200, 200, 200]
        (schedule,) = await zalo.wait_for(user.chat_id)
        assert "27/11/2026" in (schedule.text or "")
        for runtime in runtimes:
            channel = runtime.channels["zalo"]
            assert isinstance(channel, ZaloChannel)
            await channel.settled()
        assert len(zalo.messages_to(user.chat_id)) == 1
        assert [request.method for request in zalo.requests].count("setWebhook") == 1
        assert zalo.webhook_url == HOOK
        handled = await db.fetch_all(
            "SELECT count(*), count(handled_at), count(payload) FROM inbound_updates "
            "WHERE channel = 'zalo'"
        )
        assert tuple(handled[0]) == (1, 1, 0)  # kept once, handled, its text erased


async def test_a_zalo_worker_that_does_not_send_answers_through_the_one_that_does(
    db: Database, database_url: str
) -> None:
    """One rate per bot token across workers (issue 16, item 5): a message posted to the worker
    that does not send for Zalo's token is answered by the outbox of the one that does."""
    async with FakeZalo(token=ZALO_TOKEN) as zalo, AsyncExitStack() as stack:
        urls = {}
        for n in (1, 2):
            config = worker_settings(
                database_url, n, 60, zalo_bot_token=zalo.token, zalo_api_base_url=zalo.base_url
            )
            await started_worker(config, stack)
            urls[config.worker_id] = f"http://127.0.0.1:{config.webhook_port}/zalo/webhook"
        sender = await LeaseRepository(db).holder("sender:zalo", now_utc())
        assert sender in urls
        (other,) = (url for worker, url in urls.items() if worker != sender)
        user = zalo.user(display_name="Lê Văn Zalo")
        update = {"event_name": EVENT_TEXT, "message": user.message(text="/lich")}
        assert await zalo.post_webhook(other, update, SECRET) == 200
        (schedule,) = await zalo.wait_for(user.chat_id)
        assert "27/11/2026" in (schedule.text or "")
        rows = await db.fetch_all("SELECT kind, lease_owner FROM outbox WHERE channel = 'zalo'")
        assert [tuple(row) for row in rows] == [("reply", sender)]


async def test_a_zalo_worker_killed_after_acknowledging_loses_nothing(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    """The worker that sends for the token answers the webhook 200 and is killed while its
    reply hangs at Zalo: the other takes the update over once the first one's lease expired,
    and answers it, once."""
    async with FakeZalo(token=ZALO_TOKEN) as zalo:
        platform = {"ZALO_BOT_TOKEN": zalo.token, "ZALO_API_BASE_URL": zalo.base_url}
        async with workers(platform, database_url, tmp_path, count=2) as running:
            logs = [log for _, _, log in running.values()]
            deadline = time.monotonic() + 60
            ports = [port for _, port, _ in running.values()]
            leases = LeaseRepository(db)
            while not (
                zalo.webhook_url
                and sum(r.method == "getMe" and r.status == 200 for r in zalo.requests) == 2
                and all([await listening(port) for port in ports])
                and await leases.holder("sender:zalo", now_utc())
            ):  # both workers started, one sends: no call of theirs to Zalo will hang below
                assert time.monotonic() < deadline, "\n\n".join(tail(log) for log in logs)
                await asyncio.sleep(0.05)
            sender = await leases.holder("sender:zalo", now_utc())
            (other,) = set(running) - {sender}
            (first, port, _), (second, _, _) = running[sender], running[other]
            user = zalo.user(display_name="Lê Văn Zalo")
            update = {"event_name": EVENT_TEXT, "message": user.message(text="/lich")}
            zalo.delay = 60.0  # the sender's reply hangs
            url = f"http://127.0.0.1:{port}/zalo/webhook"
            assert await zalo.post_webhook(url, update, SECRET) == 200
            async with asyncio.timeout(20):
                while "sendMessage" not in [request.method for request in zalo.requests]:  # noqa: ASYNC110
                    await asyncio.sleep(0.02)
            os.kill(first.pid, signal.SIGKILL)
            await first.wait()
            zalo.delay = 0.0
            (schedule,) = await zalo.wait_for(user.chat_id, timeout=20)
            assert "27/11/2026" in (schedule.text or "")
            async with asyncio.timeout(10):  # the other marks it handled within a second
                while await db.scalar(  # noqa: ASYNC110
                    "SELECT count(*) FROM inbound_updates WHERE channel = 'zalo' AND "
                    "handled_at IS NOT NULL AND lease_owner = ?",
                    (other,),
                ) != 1:
                    await asyncio.sleep(0.05)
            assert second.returncode is None
    assert len(zalo.messages_to(user.chat_id)) == 1


async def test_a_polled_zalo_update_left_by_a_dead_worker_is_answered_at_the_next_start(
    db: Database, tmp_path: Path
) -> None:
    """Taken from getUpdates (Zalo forgets it then) and kept, but its worker died before
    answering: the next worker to start answers it."""
    message = {
        "from": {"id": "zalo-user-1", "display_name": "Lê Văn Zalo", "is_bot": False},
        "chat": {"id": "zalo-user-1", "chat_type": "PRIVATE"},
        "text": "/lich",
        "message_id": "82599fa32f56d00e8941",
        "date": 1_750_316_131_602,
    }
    update = {"event_name": EVENT_TEXT, "message": message}
    key = update_key(update)
    assert key is not None
    long_ago = now_utc() - 5 * MINUTE
    await InboundRepository(db).store("zalo", [(key, json.dumps(update))], "dead", long_ago, MINUTE)
    running = await start_both(db, tmp_path, None)
    try:
        (schedule,) = await running.zalo.wait_for("zalo-user-1")
        assert "27/11/2026" in (schedule.text or "")
    finally:
        await stop_both(running)
    assert await db.scalar("SELECT count(*) FROM inbound_updates WHERE handled_at IS NULL") == 0


async def listening(port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True
