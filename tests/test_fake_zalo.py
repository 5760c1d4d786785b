"""Tests of the fake Zalo Bot API server itself, driven by plain httpx."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from aiohttp import web

from tests.fake_zalo import (
    BOT_INFO,
    EVENT_IMAGE,
    EVENT_STICKER,
    EVENT_TEXT,
    EVENT_UNSUPPORTED,
    SECRET_HEADER,
    FakeZalo,
)

TOKEN = "1459232241454765289:Zx9-test_SECRET"
USER_ID = "5a1b2c3d4e5f60718293"
HEX20 = re.compile(r"[0-9a-f]{20}")
SECRET = "s3cret-webhook-token"


@asynccontextmanager
async def running(**kwargs: Any) -> AsyncIterator[tuple[FakeZalo, httpx.AsyncClient]]:
    async with FakeZalo(token=TOKEN, **kwargs) as server, httpx.AsyncClient(
            timeout=10.0) as client:
        yield server, client


async def call(server: FakeZalo, client: httpx.AsyncClient, method: str,
               token: str | None = None, **params: Any) -> httpx.Response:
    """What the bot's client does: POST f"{base_url}/bot{token}/{method}" with JSON."""
    token = server.token if token is None else token
    return await client.post(f"{server.base_url}/bot{token}/{method}", json=params)


class Hook:
    """A tiny webhook receiver that checks X-Bot-Api-Secret-Token like the bot must."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.bodies: list[Any] = []
        self.refused = 0
        self.received = asyncio.Event()
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def handle(self, request: web.Request) -> web.Response:
        if request.headers.get(SECRET_HEADER) != self.secret:
            self.refused += 1
            return web.Response(status=401, text="unauthorized")
        self.bodies.append(await request.json())
        self.received.set()
        return web.Response(text="ok")

    async def __aenter__(self) -> Hook:
        app = web.Application()
        app.router.add_post("/zalo-webhook", self.handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/zalo-webhook"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._runner is not None
        await self._runner.cleanup()

    async def wait(self, count: int, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        async with asyncio.timeout(timeout):
            while len(self.bodies) < count:
                self.received.clear()
                await self.received.wait()


# --------------------------------------------------------------------------- basics
async def test_base_url_and_get_me() -> None:
    async with running() as (server, client):
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.base_url)
        response = await call(server, client, "getMe")
        assert response.status_code == 200
        assert response.json() == {"ok": True, "result": BOT_INFO}
        assert response.json()["result"]["id"] == "1459232241454765289"


async def test_wrong_token_is_401_and_unknown_method_404() -> None:
    async with running() as (server, client):
        wrong = await call(server, client, "getMe", token="1459232241454765289:wrong")
        assert wrong.status_code == 401
        assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
        unknown = await call(server, client, "sendDocument", chat_id=USER_ID)
        assert unknown.status_code == 404
        assert unknown.json()["error_code"] == 404
        lower = await call(server, client, "getme")  # method names are case-sensitive
        assert lower.status_code == 404
        assert server.status_counts == {401: 1, 404: 2}


def test_token_must_look_like_bot_id_colon_secret() -> None:
    with pytest.raises(ValueError):
        FakeZalo(token="no-colon-here")


async def test_token_appears_only_in_the_path() -> None:
    async with running() as (server, client):
        await call(server, client, "getMe")
        await call(server, client, "sendMessage", chat_id=USER_ID, text="Xin chào")
        assert all(path.startswith(f"/bot{TOKEN}/") for path in server.request_paths)
        assert server.token_leaks() == []
        # A careless client that also puts the token in the body or a header is caught.
        await client.post(server.url("sendMessage"), params={"token": TOKEN},
                          json={"chat_id": USER_ID, "text": f"debug {TOKEN}"},
                          headers={"Authorization": f"Bearer {TOKEN}"})
        leaks = server.token_leaks()
        assert any("query" in leak for leak in leaks)
        assert any("body" in leak for leak in leaks)
        assert any("header" in leak.lower() and "authorization" in leak.lower()
                   for leak in leaks)


async def test_form_bodies_are_accepted() -> None:
    async with running() as (server, client):
        response = await client.post(server.url("sendMessage"),
                                     data={"chat_id": USER_ID, "text": "Chào anh"})
        assert response.status_code == 200, response.text
        assert server.messages_to(USER_ID)[0].text == "Chào anh"


# ---------------------------------------------------------------------------- polling
async def test_long_poll_returns_update_enqueued_while_waiting() -> None:
    async with running() as (server, client):
        user = server.user(user_id=USER_ID, display_name="Nguyễn Văn An")
        poll = asyncio.create_task(call(server, client, "getUpdates", timeout="5"))
        await asyncio.sleep(0.2)
        assert not poll.done()
        before = int(time.time() * 1000)
        sent = user.send_text("Xin chào")
        response = await poll
        assert response.status_code == 200
        body = response.json()
        assert body["ok"] is True
        update = body["result"]
        assert update == sent
        assert update["event_name"] == EVENT_TEXT
        message = update["message"]
        assert message["text"] == "Xin chào"
        assert message["from"] == {"id": USER_ID, "display_name": "Nguyễn Văn An",
                                   "is_bot": False}
        assert message["chat"] == {"id": USER_ID, "chat_type": "PRIVATE"}
        assert HEX20.fullmatch(message["message_id"])
        assert isinstance(message["date"], int) and message["date"] >= before - 1000
        assert "update_id" not in body and "update_id" not in update
        assert server.pending_updates == []  # delivered updates are gone


async def test_each_poll_returns_one_update_in_order() -> None:
    async with running() as (server, client):
        user = server.user(user_id=USER_ID)
        first, second = user.send_text("một"), user.send_text("hai")
        assert first["message"]["message_id"] != second["message"]["message_id"]
        r1 = await call(server, client, "getUpdates", timeout="1")
        r2 = await call(server, client, "getUpdates", timeout="1")
        assert r1.json()["result"]["message"]["text"] == "một"
        assert r2.json()["result"]["message"]["text"] == "hai"
        await server.wait_delivered(timeout=1)


async def test_idle_poll_answers_408_after_the_timeout() -> None:
    async with running() as (server, client):
        started = time.monotonic()
        response = await call(server, client, "getUpdates", timeout="1")
        elapsed = time.monotonic() - started
        assert response.status_code == 408
        assert response.json() == {"ok": False, "error_code": 408,
                                   "description": "Request timeout"}
        assert 0.9 <= elapsed < 3.0


async def test_second_concurrent_poller_gets_409() -> None:
    async with running() as (server, client):
        first = asyncio.create_task(call(server, client, "getUpdates", timeout="2"))
        await asyncio.sleep(0.2)
        second = await call(server, client, "getUpdates", timeout="2")
        assert second.status_code == 409
        assert "getUpdates" in second.json()["description"]
        server.user(user_id=USER_ID).send_text("vẫn tới người đầu")
        assert (await first).status_code == 200


async def test_other_events_have_their_event_names() -> None:
    async with running() as (server, client):
        user = server.user(user_id=USER_ID)
        image = user.send_image(caption="Ảnh thẻ")
        sticker = user.send_sticker()
        unsupported = user.send_unsupported()
        assert image["message"]["photo_url"].startswith("https://")
        assert user.send_image(field="photo")["message"]["photo"].startswith("https://")
        assert sticker["message"]["sticker"]
        assert "text" not in unsupported["message"]
        names = []
        for _ in range(4):
            response = await call(server, client, "getUpdates", timeout="1")
            names.append(response.json()["result"]["event_name"])
        assert names == [EVENT_IMAGE, EVENT_STICKER, EVENT_UNSUPPORTED, EVENT_IMAGE]


async def test_flat_and_wrapped_shapes() -> None:
    async with running(shape="flat") as (server, client):
        user = server.user(user_id=USER_ID)
        user.send_text("phẳng")
        user.send_text("bọc", shape="wrapped")
        server.enqueue_raw({"weird": True})  # verbatim, for hostile-input tests
        flat = (await call(server, client, "getUpdates", timeout="1")).json()
        assert "ok" not in flat and flat["event_name"] == EVENT_TEXT
        assert flat["message"]["text"] == "phẳng"
        wrapped = (await call(server, client, "getUpdates", timeout="1")).json()
        assert wrapped["ok"] is True and wrapped["result"]["message"]["text"] == "bọc"
        raw = (await call(server, client, "getUpdates", timeout="1")).json()
        assert raw == {"weird": True}
    async with running(shape="alternate") as (server, client):
        user = server.user(user_id=USER_ID)
        user.send_text("1")
        user.send_text("2")
        bodies = [(await call(server, client, "getUpdates", timeout="1")).json()
                  for _ in range(2)]
        assert ["ok" in body for body in bodies] == [True, False]


async def test_duplicate_last_redelivers_the_same_message_id() -> None:
    async with running() as (server, client):
        original = server.user(user_id=USER_ID).send_text("Đăng ký")
        first = (await call(server, client, "getUpdates", timeout="1")).json()["result"]
        copy = server.duplicate_last()
        again = (await call(server, client, "getUpdates", timeout="1")).json()["result"]
        assert again == first == original == copy
        assert again["message"]["message_id"] == original["message"]["message_id"]
        # and then the queue is empty again
        idle = await call(server, client, "getUpdates", timeout="0")
        assert idle.status_code == 408


# ---------------------------------------------------------------------------- sending
async def test_send_message_limits_and_records() -> None:
    async with running() as (server, client):
        too_long = await call(server, client, "sendMessage", chat_id=USER_ID, text="a" * 2001)
        assert too_long.status_code == 400
        assert too_long.json()["ok"] is False and too_long.json()["error_code"] == 400
        assert "2000" in too_long.json()["description"]
        empty = await call(server, client, "sendMessage", chat_id=USER_ID, text="")
        assert empty.status_code == 400
        no_chat = await call(server, client, "sendMessage", text="Xin chào")
        assert no_chat.status_code == 400
        longest = await call(server, client, "sendMessage", chat_id=USER_ID, text="ạ" * 2000)
        assert longest.status_code == 200
        result = longest.json()["result"]
        assert set(result) == {"message_id", "date"}
        assert HEX20.fullmatch(result["message_id"])
        assert result["date"] > 1_700_000_000_000  # milliseconds
        assert len(server.sent) == 1
        record = server.sent[0]
        assert (record.method, record.chat_id, record.message_id) == (
            "sendMessage", USER_ID, result["message_id"])
        assert record.params["text"] == "ạ" * 2000
        assert server.status_counts == {400: 3, 200: 1}


async def test_photo_sticker_and_chat_action() -> None:
    async with running() as (server, client):
        photo = await call(server, client, "sendPhoto", chat_id=USER_ID,
                           photo="https://example.org/qr.png", caption="Mã QR")
        assert photo.status_code == 200 and HEX20.fullmatch(photo.json()["result"]["message_id"])
        bad_photo = await call(server, client, "sendPhoto", chat_id=USER_ID, photo="qr.png")
        assert bad_photo.status_code == 400
        long_caption = await call(server, client, "sendPhoto", chat_id=USER_ID,
                                  photo="https://example.org/qr.png", caption="x" * 2001)
        assert long_caption.status_code == 400
        sticker = await call(server, client, "sendSticker", chat_id=USER_ID, sticker="abc123")
        assert sticker.status_code == 200
        typing = await call(server, client, "sendChatAction", chat_id=USER_ID, action="typing")
        assert typing.status_code == 200 and typing.json() == {"ok": True}
        bad_action = await call(server, client, "sendChatAction", chat_id=USER_ID,
                                action="dancing")
        assert bad_action.status_code == 400
        assert [r.method for r in server.messages_to(USER_ID)] == ["sendPhoto", "sendSticker"]
        assert server.messages_to(USER_ID)[0].text == "Mã QR"
        assert server.chat_actions == [(USER_ID, "typing")]


async def test_wait_for_counts_replies_that_already_arrived() -> None:
    async with running() as (server, client):
        await call(server, client, "sendMessage", chat_id=USER_ID, text="một")
        later = asyncio.create_task(server.wait_for(USER_ID, 2, timeout=2))
        await asyncio.sleep(0.05)
        await call(server, client, "sendMessage", chat_id=USER_ID, text="hai")
        assert [m.text for m in await later] == ["một", "hai"]
        with pytest.raises(AssertionError, match="expected 1 new message"):
            await server.wait_for(USER_ID, 1, timeout=0.2)


async def test_blocked_user_gets_403() -> None:
    async with running() as (server, client):
        server.block(USER_ID)
        response = await call(server, client, "sendMessage", chat_id=USER_ID, text="Nhắc lịch")
        assert response.status_code == 403
        assert response.json() == {"ok": False, "error_code": 403, "description": "Forbidden"}
        server.unblock(USER_ID)
        again = await call(server, client, "sendMessage", chat_id=USER_ID, text="Nhắc lịch")
        assert again.status_code == 200


# ----------------------------------------------------------------------------- faults
async def test_fail_next_and_force_429() -> None:
    async with running() as (server, client):
        server.fail_next(2, status=502)
        server.force_429(1)
        statuses = []
        for _ in range(4):
            response = await call(server, client, "sendMessage", chat_id=USER_ID, text="hi")
            statuses.append(response.status_code)
            if response.status_code == 429:
                assert response.json() == {"ok": False, "error_code": 429,
                                           "description": "Too Many Requests"}
            if response.status_code == 502:
                assert response.json()["error_code"] == 502
        assert statuses == [502, 502, 429, 200]
        assert len(server.sent) == 1


async def test_faults_spare_get_updates_unless_named() -> None:
    async with running() as (server, client):
        server.fail_next(1, status=500)
        server.user(user_id=USER_ID).send_text("vẫn nhận")
        poll = await call(server, client, "getUpdates", timeout="1")
        assert poll.status_code == 200  # the fault waits for a send
        assert (await call(server, client, "getMe")).status_code == 500
        server.fail_next(1, status=500, methods={"getUpdates"})
        assert (await call(server, client, "getUpdates", timeout="0")).status_code == 500
        assert (await call(server, client, "getUpdates", timeout="0")).status_code == 408


async def test_delay_slows_every_answer() -> None:
    async with running() as (server, client):
        server.delay = 0.3
        started = time.monotonic()
        assert (await call(server, client, "getMe")).status_code == 200
        assert time.monotonic() - started >= 0.3


# --------------------------------------------------------------------------- webhooks
async def test_set_webhook_validates_secret_and_blocks_polling() -> None:
    async with running() as (server, client):
        short = await call(server, client, "setWebhook", url="https://bot.example/zalo",
                           secret_token="7-chars")
        assert short.status_code == 400 and "8-256" in short.json()["description"]
        long = await call(server, client, "setWebhook", url="https://bot.example/zalo",
                          secret_token="x" * 257)
        assert long.status_code == 400
        no_url = await call(server, client, "setWebhook", secret_token=SECRET)
        assert no_url.status_code == 400
        ok = await call(server, client, "setWebhook", url="https://bot.example/zalo",
                        secret_token="8-chars!")
        assert ok.status_code == 200
        assert ok.json()["result"]["url"] == "https://bot.example/zalo"
        info = (await call(server, client, "getWebhookInfo")).json()["result"]
        assert info["url"] == "https://bot.example/zalo" and info["updated_at"] > 0
        assert "secret_token" not in info
        conflict = await call(server, client, "getUpdates", timeout="1")
        assert conflict.status_code == 409
        deleted = await call(server, client, "deleteWebhook")
        assert deleted.json()["result"]["url"] == ""
        assert (await call(server, client, "getUpdates", timeout="0")).status_code == 408


async def test_require_https_option() -> None:
    async with running(require_https=True) as (server, client):
        response = await call(server, client, "setWebhook", url="http://bot.example/zalo",
                              secret_token=SECRET)
        assert response.status_code == 400


async def test_post_webhook_with_right_and_wrong_secret() -> None:
    async with running() as (server, _client), Hook(SECRET) as hook:
        update = server.user(user_id=USER_ID).message(text="Xin chào")
        inner = {"event_name": EVENT_TEXT, "message": update}
        assert await server.post_webhook(hook.url, inner, SECRET) == 200
        assert await server.post_webhook(hook.url, inner, "wrong-secret") == 401
        assert await server.post_webhook(hook.url, inner, None) == 401
        assert await server.post_webhook(hook.url, inner, SECRET, shape="flat") == 200
        assert hook.refused == 2
        wrapped, flat = hook.bodies
        assert wrapped == {"ok": True, "result": inner}
        assert flat == inner
        assert [p.status for p in server.webhook_posts] == [200, 401, 401, 200]


async def test_queued_updates_go_to_a_set_webhook() -> None:
    async with running(webhook_shape="flat") as (server, client), Hook(SECRET) as hook:
        user = server.user(user_id=USER_ID)
        user.send_text("trước khi đặt webhook")
        response = await call(server, client, "setWebhook", url=hook.url, secret_token=SECRET)
        assert response.status_code == 200
        user.send_text("sau khi đặt webhook", shape="wrapped")
        await hook.wait(2)
        await server.wait_delivered(timeout=2)
        first, second = hook.bodies
        assert first["message"]["text"] == "trước khi đặt webhook" and "ok" not in first
        assert second["result"]["message"]["text"] == "sau khi đặt webhook"
        server.duplicate_last()
        await hook.wait(3)
        assert hook.bodies[2] == second
