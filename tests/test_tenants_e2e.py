"""Two provinces (tenants) in one process, wired from tenants.yaml as `hoinghi run` wires them:
Đồng Nai and Lạng Sơn, each with its own fake Bot API server and token, database, plan, admins
and webhook secret. Nothing of one reaches the other."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import time_machine

from bot import logs
from bot.catalog import t
from bot.clock import now_utc
from bot.config import Settings
from bot.domain.messages import Reply, reply_to_json
from bot.hosting import Tenants, open_tenants
from bot.tenants import read_tenants
from storage.outbox import OutboxItem, OutboxRepository
from tests.conftest import NOW, Bot
from tests.dashboard_helpers import client, get, login_link, open_link
from tests.fake_common import free_port
from tests.fake_telegram import FakeTelegram
from tests.fake_zalo import FakeZalo

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = "https://hoinghi.example.gov.vn"
TOKENS = {"dong-nai": "111111:DONG-NAI-token", "lang-son": "222222:LANG-SON-token"}
SECRETS = {"dong-nai": "dong_nai-webhook-secret-0001", "lang-son": "lang_son-webhook-secret-0002"}
ZALO_TOKEN = "1459232241454765289:lang-son-zalo-token"
ADMINS = {"dong-nai": 9001, "lang-son": 9002}
PLANS = {"dong-nai": "dong-nai-2026.yaml", "lang-son": "lang-son-2024.yaml"}


def tenants_yaml(servers: dict[str, FakeTelegram], zalo: FakeZalo | None = None) -> str:
    """Đồng Nai's token from the environment (DONG_NAI_TG_TOKEN), Lạng Sơn's in the file;
    Lạng Sơn on Zalo too when `zalo` is given."""
    entries = []
    for tenant, server in servers.items():
        token = (
            "telegram_bot_token_env: DONG_NAI_TG_TOKEN"
            if tenant == "dong-nai"
            else f'telegram_bot_token: "{server.token}"'
        )
        entries.append(
            f"""  - id: {tenant}
    name: Sở Ngoại vụ {tenant}
    database: {tenant}.sqlite3
    plan_file: {ROOT / "plans" / PLANS[tenant]}
    admin_ids: [{ADMINS[tenant]}]
    {token}
    telegram_api_base_url: {server.base_url}
    webhook_secret: {SECRETS[tenant]}
    outbox_rate: 1000
"""
        )
        if zalo is not None and tenant == "lang-son":
            entries.append(
                f"""    zalo_bot_token: "{zalo.token}"
    zalo_api_base_url: {zalo.base_url}
"""
            )
    return "tenants:\n" + "".join(entries)


@dataclass
class Hosted:
    tenants: Tenants
    bots: dict[str, Bot]
    zalo: FakeZalo

    def local(self, path: str) -> str:
        assert self.tenants.web is not None
        return f"http://127.0.0.1:{self.tenants.web.port}{path}"


@pytest.fixture
def traveller() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(NOW, tick=True) as coordinates:
        yield coordinates


@contextlib.asynccontextmanager
async def hosted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, webhook: bool = False, dashboard: bool = False
) -> AsyncIterator[Hosted]:
    async with contextlib.AsyncExitStack() as stack:
        servers = {
            tenant: await stack.enter_async_context(FakeTelegram(token=token))
            for tenant, token in TOKENS.items()
        }
        zalo = await stack.enter_async_context(FakeZalo(token=ZALO_TOKEN, auto_webhook=False))
        monkeypatch.setenv("DONG_NAI_TG_TOKEN", TOKENS["dong-nai"])
        path = tmp_path / "tenants.yaml"
        path.write_text(tenants_yaml(servers, zalo if webhook else None), encoding="utf-8")
        hooks: dict[str, Any] = (
            {"webhook_url": PUBLIC, "webhook_secret": "process-secret-not-used-0000"}
            if webhook
            else {}
        )
        settings = Settings(
            _env_file=None,
            tenants_file=path,
            webhook_port=free_port(),
            telegram_poll_timeout=1,
            dashboard_port=0 if dashboard else None,
            **hooks,
        )
        tenants, errors = read_tenants(path, settings)
        assert not errors, errors
        running, errors = await open_tenants(settings, tenants, stack)
        assert running is not None, errors
        if webhook:
            for server in servers.values():
                server.forward_webhook(lambda: f"http://127.0.0.1:{settings.webhook_port}")
        bots = {
            tenant: Bot(servers[tenant], runtime.core.db, runtime)
            for tenant, runtime in running.runtimes.items()
        }
        await running.start()
        try:
            yield Hosted(running, bots, zalo)
        finally:
            await running.stop()


async def register(bot: Bot, user_id: int) -> None:
    """A delegate of Lộc Tấn registers through Đồng Nai's invite link."""
    chat = bot.chat(user_id)
    await chat.start("c-25279", replies=3)
    await chat.send("Nguyễn Văn An")
    (ask_category,) = await chat.send("Chủ tịch UBND xã")
    await chat.press(ask_category, "Lãnh đạo UBND xã")
    chat.user.share_contact("0912345678")
    done, _ = await bot.server.wait_for(user_id, 2)
    assert "Cảm ơn" in (done.text or "")


async def test_two_provinces_poll_their_own_tokens_and_never_cross(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    traveller: time_machine.Coordinates,
    caplog: pytest.LogCaptureFixture,
) -> None:
    logs.install_redaction()  # as `hoinghi run` does: records say which tenant made them
    caplog.set_level(logging.INFO, logger="handlers")
    async with hosted(tmp_path, monkeypatch) as running:
        dong_nai, lang_son = running.bots["dong-nai"], running.bots["lang-son"]
        await register(dong_nai, 1001)
        assert await dong_nai.db.scalar("SELECT count(*) FROM delegates") == 1
        assert await lang_son.db.scalar("SELECT count(*) FROM delegates") == 0

        # the same person asks each bot: each answers from its own plan and people
        (schedule,) = await lang_son.chat(1001).send("/lich")
        assert "Lạng Sơn" in (schedule.text or "") or "2024" in (schedule.text or "")
        assert "27/11/2026" not in (schedule.text or "")
        (me,) = await lang_son.chat(1001).send("/toi")
        assert "chưa đăng ký" in (me.text or "")

        # the reminder a day before the city session comes from Đồng Nai's bot alone
        traveller.move_to(datetime(2026, 11, 26, 1, 5, tzinfo=UTC))
        await dong_nai.runtime.scheduler.wake()
        await lang_son.runtime.scheduler.wake()
        (reminder,) = await dong_nai.server.wait_for(1001)
        assert "ngày mai" in (reminder.text or "")
        assert await lang_son.db.scalar("SELECT count(*) FROM outbox") == 0
        assert len(lang_son.server.messages_to(1001)) == 2  # its two answers above, nothing else

        # an admin of Đồng Nai is nobody in Lạng Sơn
        (refused,) = await lang_son.chat(ADMINS["dong-nai"]).send("/dashboard")
        assert refused.text == t("dashboard.refused")
        (record,) = [r for r in caplog.records if "refused /dashboard" in r.getMessage()]
        assert getattr(record, "tenant", None) == "lang-son"
        roles = "SELECT external_id FROM roles WHERE role = 'admin' ORDER BY external_id"
        assert [row[0] for row in await lang_son.db.fetch_all(roles)] == [str(ADMINS["lang-son"])]
        assert [row[0] for row in await dong_nai.db.fetch_all(roles)] == [str(ADMINS["dong-nai"])]


async def test_each_province_has_its_own_webhook_path_secret_and_health(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, traveller: time_machine.Coordinates
) -> None:
    async with hosted(tmp_path, monkeypatch, webhook=True) as running:
        dong_nai, lang_son = running.bots["dong-nai"], running.bots["lang-son"]
        for tenant, bot in running.bots.items():
            assert bot.server.webhook["url"] == f"{PUBLIC}/t/{tenant}/telegram/webhook"
            assert bot.server.webhook["secret_token"] == SECRETS[tenant]
        user = dong_nai.server.user(1001)
        update = user.send_text("/lich")
        (answer,) = await dong_nai.server.wait_for(1001)
        assert "27/11/2026" in (answer.text or "")
        # Đồng Nai's path refuses Lạng Sơn's secret; the old single-province path is gone
        assert await dong_nai.server.post_webhook(update, SECRETS["lang-son"]) == 403
        assert await lang_son.server.post_webhook(update, SECRETS["dong-nai"]) == 403
        async with aiohttp.ClientSession() as http:
            headers = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["dong-nai"]}
            async with http.post(
                running.local("/telegram/webhook"), json=update, headers=headers
            ) as response:
                assert response.status == 404
            async with http.get(running.local("/healthz")) as response:
                report = await response.json()
                assert response.status == 200 and report["ok"] is True
                assert set(report["tenants"]) == {"dong-nai", "lang-son"}
            async with http.get(running.local("/t/lang-son/healthz")) as response:
                one = await response.json()
                assert response.status == 200 and one["database"] is True and "tenants" not in one
        assert len(lang_son.server.messages_to(1001)) == 0

        # Lạng Sơn's Zalo bot: its own path, its own secret
        zalo_path = "/t/lang-son/zalo/webhook"
        assert running.zalo.webhook_url == f"{PUBLIC}{zalo_path}"
        person = running.zalo.user(display_name="Hoàng Văn Bình")
        inner = {"event_name": "message.text.received", "message": person.message(text="/lich")}
        local = running.local(zalo_path)
        assert await running.zalo.post_webhook(local, inner, SECRETS["dong-nai"]) == 403
        assert await running.zalo.post_webhook(local, inner, SECRETS["lang-son"]) == 200
        (schedule,) = await running.zalo.wait_for(person.chat_id)
        assert "27/11/2026" not in (schedule.text or "")
        zalo_accounts = "SELECT count(*) FROM accounts WHERE channel = 'zalo'"
        assert await lang_son.db.scalar(zalo_accounts) == 1
        assert await dong_nai.db.scalar(zalo_accounts) == 0


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # retry_after's type
async def test_one_province_held_back_by_429_does_not_slow_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, traveller: time_machine.Coordinates
) -> None:
    async with hosted(tmp_path, monkeypatch) as running:
        chats = range(2001, 2006)
        for bot in running.bots.values():
            for chat_id in chats:
                await bot.chat(chat_id).send("/lich")
            account = int(str(await bot.db.scalar("SELECT min(id) FROM accounts")))
            payload = reply_to_json(Reply("Tin"))
            items = [
                OutboxItem(f"wave:{n}", "test", account, "telegram", str(n), payload)
                for n in chats
            ]
            await OutboxRepository(bot.db).enqueue(items, now_utc())
        # every chat of Đồng Nai hears 429 at once: its whole token waits 30 seconds
        dong_nai = running.bots["dong-nai"]
        dong_nai.server.force_429(len(chats), retry_after=30, methods={"sendMessage"})
        started = time.monotonic()
        for bot in running.bots.values():
            bot.runtime.sender.wake()
        lang_son = running.bots["lang-son"]
        for chat_id in chats:
            await lang_son.server.wait_for(chat_id, predicate=lambda m: m.text == "Tin")
        assert time.monotonic() - started < 5
        waiting = "SELECT count(*) FROM outbox WHERE status != 'sent'"
        assert await dong_nai.db.scalar(waiting) == len(chats)
        assert not [m for n in chats for m in dong_nai.server.messages_to(n) if m.text == "Tin"]


async def test_a_dashboard_link_opens_its_own_province_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, traveller: time_machine.Coordinates
) -> None:
    async with hosted(tmp_path, monkeypatch, dashboard=True) as running:
        dong_nai = running.bots["dong-nai"]
        link = await login_link(dong_nai, ADMINS["dong-nai"])
        assert "/t/dong-nai/login?t=" in link
        elsewhere = link.replace("/t/dong-nai/", "/t/lang-son/")
        async with client() as browser:
            status, _ = await get(browser, elsewhere)
            assert status == 403
            response = await open_link(browser, link)
            assert response.status == 303
            assert response.headers["Location"] == "/t/dong-nai/"
            assert "Path=/t/dong-nai/" in response.headers["Set-Cookie"]
            status, page = await get(browser, link.split("/login?")[0] + "/")
            assert status == 200 and 'href="/t/dong-nai/delegates"' in page
            status, _ = await get(browser, elsewhere.split("/login?")[0] + "/")
            assert status == 401
