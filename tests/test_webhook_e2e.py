"""Webhook mode: WEBHOOK_URL and WEBHOOK_SECRET set, the bot serves Telegram (and Zalo) on one
aiohttp server behind a reverse proxy, registers the webhook on start, refuses a wrong secret
and answers /healthz. The fake Bot API posts updates as Telegram does."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import Runtime, platform_channels
from bot.channels.telegram import CONCURRENCY, WAITING_UPDATES
from bot.clock import now_utc
from bot.config import Settings
from bot.domain.messages import Reply, reply_to_json
from bot.runtime.core import Core
from bot.runtime.health import HealthCheck
from bot.runtime.outbox import Limits
from bot.runtime.webhooks import telegram_webhook, web_server, zalo_webhook
from storage.db import Database
from storage.outbox import OutboxItem, OutboxRepository
from tests.conftest import Bot
from tests.fake_common import free_port
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.fake_zalo import FakeZalo

PUBLIC = "https://hoinghi.example.gov.vn"
SECRET = "s3cret_Webhook-token-0123456789"
ZALO_TOKEN = "1459232241454765289:zalo-Secret_token-42"


def local(bot: Bot) -> str:
    """Where the reverse proxy forwards to: the bot's web server."""
    assert bot.runtime.web is not None
    return f"http://127.0.0.1:{bot.runtime.web.port}"


@asynccontextmanager
async def served(
    db: Database, tmp_path: Path, port: int | None = None, **settings: Any
) -> AsyncIterator[Bot]:
    """The bot wired from its settings as `hoinghi run` wires it, in webhook mode."""
    async with FakeTelegram(token="123456:TEST-token") as telegram:
        config = Settings(
            _env_file=None,
            telegram_bot_token=telegram.token,
            telegram_api_base_url=telegram.base_url,
            database_path=tmp_path / "bot.sqlite3",
            webhook_url=PUBLIC,
            webhook_secret=SECRET,
            webhook_port=port or free_port(),
            **settings,
        )
        web = web_server(config)
        assert web is not None
        telegram.forward_webhook(lambda: f"http://127.0.0.1:{web.port}")
        core = await Core.create(db)
        channels = platform_channels(core, config, web)
        runtime = Runtime(core, channels, config, Limits(poll_interval=0.05), web)
        await runtime.start()
        try:
            yield Bot(telegram, db, runtime)
        finally:
            await runtime.stop()


def text_update(user: FakeUser, text: str, update_id: int) -> dict[str, Any]:
    """An update as Telegram posts it, without queueing it in the fake."""
    message = {
        "message_id": update_id,
        "from": user.as_user(),
        "chat": user.private_chat(),
        "date": int(time.time()),
        "text": text,
    }
    return {"update_id": update_id, "message": message}


async def get_json(url: str) -> tuple[int, dict[str, Any]]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.json()


async def test_the_webhook_is_registered_on_start_and_nothing_polls(
    db: Database, tmp_path: Path
) -> None:
    async with served(db, tmp_path) as bot:
        hook = bot.server.webhook
        assert hook["url"] == f"{PUBLIC}/telegram/webhook"
        assert hook["secret_token"] == SECRET
        assert hook["allowed_updates"] == ["message", "edited_message", "callback_query"]
        methods = [method for method, _ in bot.server.requests]
        assert "setWebhook" in methods and "getUpdates" not in methods
        assert bot.server.status_counts[409] == 0


async def test_a_wrong_secret_is_refused_and_the_right_one_reaches_the_bot(
    db: Database, tmp_path: Path
) -> None:
    async with served(db, tmp_path) as bot:
        user = bot.server.user()
        update = text_update(user, "/lich", 77)
        assert await bot.server.post_webhook(update, "wrong-secret-0123456789") == 403
        assert await bot.server.post_webhook(update, SECRET[:-1]) == 403
        assert await bot.server.post_webhook(update, None) == 403
        assert await bot.server.post_webhook(update, SECRET + "x") == 403
        assert await db.scalar("SELECT count(*) FROM accounts") == 0

        assert await bot.server.post_webhook(update, SECRET) == 200
        (schedule,) = await bot.server.wait_for(user.id)
        assert schedule.method == "sendMessage" and "27/11/2026" in (schedule.text or "")
        assert await bot.server.post_webhook(update, SECRET) == 200  # Telegram posting again
        assert await bot.server.post_webhook({"no": "update"}, SECRET) == 400
        assert await bot.server.post_webhook(text_update(user, "/toi", 78), SECRET) == 200
        (me,) = await bot.server.wait_for(user.id)
        assert "chưa đăng ký" in (me.text or "")
        assert len(bot.server.messages_to(user.id)) == 2  # the repeated update: one reply


async def test_a_whole_registration_through_the_webhook(db: Database, tmp_path: Path) -> None:
    async with served(db, tmp_path) as bot:
        chat = bot.chat()
        welcome, invited, consent, ask_name = await chat.start("c-25279", replies=3)
        assert "Xin chào" in (welcome.text or "") and "Lộc Tấn" in (invited.text or "")
        assert "/xoa" in (consent.text or "") and "họ và tên" in (ask_name.text or "")
        await chat.send("Nguyễn Văn An")
        (ask_category,) = await chat.send("Chủ tịch UBND xã")
        (ask_phone,) = await chat.press(ask_category, "Lãnh đạo UBND xã")
        chat.user.share_contact("0912345678")
        done, _ = await bot.server.wait_for(chat.user.id, 2)
        assert "Cảm ơn" in (done.text or "")
        assert ask_phone.requests_contact
        stored = await db.fetch_one(
            "SELECT full_name, phone, consented_at IS NOT NULL FROM delegates"
        )
        assert stored is not None and tuple(stored) == ("Nguyễn Văn An", "0912345678", 1)
        posts = bot.server.webhook_posts
        assert posts and all(p.status == 200 and p.secret == SECRET for p in posts)
        assert all(p.url == f"{local(bot)}/telegram/webhook" for p in posts)


async def test_healthz_tells_what_is_alive_and_what_waits(db: Database, tmp_path: Path) -> None:
    async with served(db, tmp_path) as bot:
        chat = bot.chat()
        await chat.send("/lich")  # an account to queue messages for
        account_id = int(str(await db.scalar("SELECT id FROM accounts")))
        payload = reply_to_json(Reply("Thông báo"))
        later = [
            OutboxItem(f"test:{n}", "test", account_id, "telegram", str(chat.user.id), payload)
            for n in range(3)
        ]
        await OutboxRepository(db).enqueue(later, now_utc() + timedelta(hours=1))

        status, report = await get_json(f"{local(bot)}/healthz")
        assert status == 200
        assert report == {
            "ok": True,
            "database": True,
            "scheduler": True,
            "outbox_sender": True,
            "outbox": {"waiting": 3, "sending": 0, "failed": 0},
        }
        await bot.runtime.sender.stop()
        status, report = await get_json(f"{local(bot)}/healthz")
        assert status == 503
        assert report["ok"] is False and report["outbox_sender"] is False
        assert report["database"] is True and report["scheduler"] is True


async def test_healthz_says_when_the_database_is_gone(db: Database, tmp_path: Path) -> None:
    async with served(db, tmp_path) as bot:
        other = await Database.open(tmp_path / "other.sqlite3")
        await other.close()
        report = await HealthCheck(other, bot.runtime.scheduler, bot.runtime.sender).report()
        assert report["ok"] is False and report["database"] is False
        assert report["outbox"] == {"waiting": 0, "sending": 0, "failed": 0}
        bot.runtime.scheduler.stop()
        report = await HealthCheck(db, bot.runtime.scheduler, bot.runtime.sender).report()
        assert report["scheduler"] is False and report["database"] is True


async def test_telegram_zalo_and_healthz_share_one_port(db: Database, tmp_path: Path) -> None:
    port = free_port()
    async with FakeZalo(token=ZALO_TOKEN) as zalo:
        zalo_url = f"http://127.0.0.1:{port}/zalo/webhook"
        async with served(
            db,
            tmp_path,
            port,
            zalo_bot_token=ZALO_TOKEN,
            zalo_api_base_url=zalo.base_url,
            zalo_webhook_url=zalo_url,
            zalo_webhook_secret="zalo-webhook-secret",
        ) as bot:
            assert local(bot).endswith(f":{port}") and zalo.webhook_url == zalo_url
            zalo_user = zalo.user(display_name="Lê Văn Zalo")
            zalo_user.send_text("/lich")
            (schedule,) = await zalo.wait_for(zalo_user.chat_id)
            assert "27/11/2026" in (schedule.text or "")
            (answer,) = await bot.chat().send("/lich")
            assert "27/11/2026" in (answer.text or "")
            status, report = await get_json(f"http://127.0.0.1:{port}/healthz")
            assert status == 200 and report["ok"] is True
            assert all(post.status == 200 for post in zalo.webhook_posts)


def test_which_settings_start_the_web_server(tmp_path: Path) -> None:
    base = {"_env_file": None, "database_path": tmp_path / "x.sqlite3"}
    assert web_server(Settings(**base)) is None  # polling: no port opened
    assert web_server(Settings(**base, healthz=True)) is not None
    both = Settings(**base, webhook_url=f"{PUBLIC}/", webhook_secret=SECRET)
    server = web_server(both)
    telegram, zalo = telegram_webhook(both, server), zalo_webhook(both, server)
    assert telegram is not None and zalo is not None
    assert (telegram.url, zalo.url) == (f"{PUBLIC}/telegram/webhook", f"{PUBLIC}/zalo/webhook")
    assert telegram.secret == zalo.secret == SECRET and telegram.server is zalo.server
    own = Settings(**base, zalo_webhook_url="https://z.example/hook", zalo_webhook_secret="z" * 8)
    assert telegram_webhook(own, web_server(own)) is None  # Telegram polls; Zalo posts
    assert zalo_webhook(own, web_server(own)) is not None
    with pytest.raises(ValueError, match="WEBHOOK_URL and WEBHOOK_SECRET"):
        Settings(**base, webhook_url=PUBLIC)
    with pytest.raises(ValueError, match="https"):
        Settings(**base, webhook_url="http://hoinghi.example.gov.vn", webhook_secret=SECRET)
    with pytest.raises(ValueError, match="16 to 256"):
        Settings(**base, webhook_url=PUBLIC, webhook_secret="short")


async def test_a_webhook_backlog_waits_at_telegram_not_in_memory(
    db: Database, tmp_path: Path
) -> None:
    """After a downtime Telegram posts what it kept, many at once: a post is answered only once
    there is room (WAITING_UPDATES queued, CONCURRENCY handled), so the updates answered but
    not yet handled stay bounded, and every one is handled once."""
    async with served(db, tmp_path) as bot:
        users = [bot.server.user() for _ in range(300)]
        answered = 0
        ahead: list[int] = []

        async def post(n: int, user: FakeUser) -> None:
            nonlocal answered
            update = text_update(user, "hội nghị ở Lộc Tấn khi nào", 1_000 + n)
            assert await bot.server.post_webhook(update, SECRET) == 200
            answered += 1
            ahead.append(answered - len(bot.server.sent))  # acknowledged, not yet answered

        await asyncio.gather(*(post(n, user) for n, user in enumerate(users)))
        for user in users:
            (reply,) = await bot.server.wait_for(user.id, timeout=60)
            assert "Lộc Tấn" in (reply.text or "")
        assert len(bot.server.sent) == len(users)  # each once
        assert max(ahead) <= WAITING_UPDATES + CONCURRENCY + 5, max(ahead)
