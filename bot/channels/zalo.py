"""Zalo through the Zalo Bot API (httpx): long polling or a webhook in, numbered choices out.

Zalo has no buttons and no update ids: choices are numbered in the text and a typed number (or
the choice's words) answers the last question. Both the documented wrapped update
`{"ok":true,"result":{...}}` and the flat `{"event_name":…}` seen on webhooks are accepted.

Every update is kept in the database's inbound store (bot/runtime/inbound.py) before the webhook
answers 200 or the next getUpdates asks for more, keyed by its message_id, and handled from
there: the same message delivered twice, to two workers, is answered once, and one a worker took
in but did not handle (killed, say) is handled by the next worker, or by itself on restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

import httpx

from bot.catalog import t
from bot.channels.textual import chosen, render_all
from bot.clock import now_utc
from bot.domain.messages import Button, Inbound, Reply
from bot.runtime.core import Core
from bot.runtime.inbound import InboundStore
from bot.runtime.leases import REGISTERED_FOR, registration
from bot.runtime.outbox import Delivery, Limits, Pacer
from bot.runtime.web import ZALO_PATH, Webhook, accepted, forbidden, has_secret
from bot.services.paging import split_text
from storage.channels import NumberedChoices
from storage.db import StorageUnavailable
from storage.inbound import InboundRepository

if TYPE_CHECKING:  # aiohttp's server loads with the web server, when there is a webhook
    from aiohttp import web

log = logging.getLogger(__name__)
CHANNEL = "zalo"
MAX_TEXT = 2000
SECRET_HEADER = "X-Bot-Api-Secret-Token"
TEXT_EVENT = "message.text.received"
CONCURRENCY = 64  # updates handled at once; past it the poller and the webhook wait


class ZaloError(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(f"{status}: {description}")
        self.status, self.description = status, description


class ZaloClient:
    """`POST {base}/bot{token}/{method}` with a JSON body; errors raised as ZaloError."""

    def __init__(self, token: str, base_url: str) -> None:
        self.http = httpx.AsyncClient(
            base_url=f"{base_url.rstrip('/')}/bot{token}/", timeout=httpx.Timeout(10.0)
        )

    async def call(self, method: str, payload: Mapping[str, Any], wait: float = 10.0) -> Any:
        """`wait`: how long to wait for the answer (a long poll's timeout plus a margin)."""
        try:
            response = await self.http.post(method, json=dict(payload), timeout=wait)
        except httpx.HTTPError as error:
            raise ZaloError(0, type(error).__name__) from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if response.status_code == 200 and "ok" not in body:
            return body  # an update in the flat shape, without the {"ok", "result"} envelope
        if response.status_code != 200 or not body.get("ok", False):
            description = str(body.get("description", response.reason_phrase))
            raise ZaloError(int(body.get("error_code", response.status_code)), description)
        return body.get("result")

    async def close(self) -> None:
        await self.http.aclose()


def updates_in(body: Any) -> list[dict[str, Any]]:
    """The updates of a getUpdates answer or a webhook body, wrapped or flat, one or a list."""
    if isinstance(body, dict) and "result" in body:
        body = body["result"]
    items = body if isinstance(body, list) else [body]
    return [item for item in items if isinstance(item, dict) and "event_name" in item]


def update_key(update: Mapping[str, Any]) -> int | None:
    """The update's key in the inbound store, whose keys are integers: 63 bits of the SHA-256
    of its message_id (20 hex digits, 80 bits, on Zalo); None for an update without one."""
    message = update.get("message")
    message_id = message.get("message_id") if isinstance(message, dict) else None
    if not message_id:
        return None
    return int.from_bytes(hashlib.sha256(str(message_id).encode()).digest()[:8]) >> 1


def chat_of(update: Mapping[str, Any]) -> str:
    message = update.get("message") or {}
    return str((message.get("chat") or {}).get("id") or (message.get("from") or {}).get("id"))


class ZaloTransport:
    """The outbox's way to Zalo: numbered choices remembered for the chat, outcomes classified."""

    def __init__(self, client: ZaloClient, choices: NumberedChoices) -> None:
        self.client, self.choices = client, choices

    async def send(self, chat_id: str, replies: list[Reply], remember_empty: bool) -> None:
        texts, options = render_all(replies)
        for reply, text in zip(replies, texts, strict=True):
            if reply.photo is not None:
                text = f"{text}\n{t('zalo.no_pictures')}"
            if reply.document is not None:
                text = f"{text}\n{t('zalo.no_files')}"
            for piece in split_text(text, MAX_TEXT):
                await self.client.call("sendMessage", {"chat_id": chat_id, "text": piece})
        if options or remember_empty:
            choices = [(button.label, button.data) for button in options]
            await self.choices.remember(CHANNEL, chat_id, choices, now_utc())

    async def deliver(self, chat_id: str, reply: Reply) -> Delivery:
        try:
            await self.send(chat_id, [reply], remember_empty=False)
        except ZaloError as error:
            if error.status == 429:
                return Delivery("retry_after", retry_after=5.0, error=error.description)
            if error.status == 403:
                return Delivery("blocked", error=error.description)
            if 400 <= error.status < 500:
                return Delivery("refused", error=error.description)
            return Delivery("transient", error=str(error))
        return Delivery("sent")


class ZaloChannel:
    def __init__(
        self,
        core: Core,
        token: str,
        base_url: str,
        poll_timeout: int = 30,
        webhook: Webhook | None = None,
    ) -> None:
        self.core, self.poll_timeout, self.webhook = core, poll_timeout, webhook
        self.client = ZaloClient(token, base_url)
        self.choices = NumberedChoices(core.db)
        self.inbound = InboundStore(InboundRepository(core.db), CHANNEL, core.leases.worker)
        self._transport = ZaloTransport(self.client, self.choices)
        self._budget = Pacer(Limits())  # the outbox's, once the runtime shares it
        self._poller: asyncio.Task[None] | None = None
        self._slots = asyncio.Semaphore(CONCURRENCY)
        self._handling: set[asyncio.Task[None]] = set()
        self._last_of_chat: dict[str, asyncio.Task[None]] = {}
        if webhook is not None:
            webhook.server.post(webhook.prefix + ZALO_PATH, self._on_webhook)

    async def sync_menus(self) -> None:
        """Zalo has no command menu: /trogiup lists one's commands."""

    def transport(self) -> ZaloTransport:
        return self._transport

    def share_budget(self, pacer: Pacer) -> None:
        self._budget = pacer

    async def start(self) -> None:
        """Check the token, take back what was left unhandled, then poll, or register the
        webhook (the server already listens): once among workers starting together."""
        await self.client.call("getMe", {})
        await self.inbound.start(self._redeliver)
        if self.webhook is None:
            await self.client.call("deleteWebhook", {})
            self._poller = asyncio.create_task(self._poll(), name="zalo-poller")
            return
        webhook = {"url": self.webhook.url, "secret_token": self.webhook.secret}
        if await self.core.leases.hold(registration(CHANNEL, webhook), REGISTERED_FOR):
            await self.client.call("setWebhook", webhook)

    async def stop(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)
        await self.inbound.stop()  # takes over no more, so the updates being handled are all
        await asyncio.gather(*self._handling, return_exceptions=True)
        with contextlib.suppress(StorageUnavailable):
            await self.inbound.flush()  # their marks
        await self.client.close()

    async def settled(self) -> None:
        """Return once every update taken in so far has been handled and its mark written."""
        await asyncio.gather(*self._handling, return_exceptions=True)
        await self.inbound.flush()

    async def post(self, chat_id: str, reply: Reply) -> str | None:
        """Zalo gives no message id to edit later: the message is sent, and None returned."""
        try:
            await self._transport.send(chat_id, [reply], remember_empty=False)
        except ZaloError as error:
            log.warning("zalo post failed: %s", error)
        return None

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        return False  # no editing on Zalo: the caller posts a new message, sparingly

    async def _poll(self) -> None:
        pause = 1.0
        while True:
            try:
                body = await self.client.call(
                    "getUpdates",
                    {"timeout": str(self.poll_timeout)},
                    wait=self.poll_timeout + 10,
                )
            except ZaloError as error:
                if error.status == 408:  # an idle long poll: normal
                    continue
                log.warning("zalo getUpdates failed (%s); again in %.0f s", error, pause)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 60.0)
                continue
            pause = 1.0
            await self.take_in(updates_in(body))

    async def take_in(self, updates: list[dict[str, Any]]) -> None:
        """Keep `updates` (one insert), then hand the new ones to tasks of their own. With a
        database that cannot be written, they are handled from memory (the handlers answer
        with an apology, or read)."""
        keyed = {key: update for update in updates if (key := update_key(update)) is not None}
        try:
            fresh = await self.inbound.keep([(k, json.dumps(u)) for k, u in keyed.items()])
        except StorageUnavailable:
            fresh = set(keyed)
        for key, update in keyed.items():
            if key in fresh:
                await self._spawn(key, update)

    async def _redeliver(self, taken: list[tuple[int, str]]) -> None:
        """Kept updates another worker (or this one, before a restart) did not handle, in
        the order they were written."""
        updates = []
        for key, payload in taken:
            try:
                update = json.loads(payload)
                updates.append((int(update["message"].get("date") or 0), key, update))
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                log.warning("passed over kept update %s: %r", key, error)
                self.inbound.handled(key)
        for _, key, update in sorted(updates, key=lambda item: item[:2]):
            await self._spawn(key, update)

    async def _spawn(self, key: int, update: dict[str, Any]) -> None:
        """Handle `update` in a task once one of CONCURRENCY slots is free, after the one
        before it in the same chat (a typed number answers the choices shown last)."""
        await self._slots.acquire()
        chat = chat_of(update)
        task = asyncio.create_task(self._handle_kept(self._last_of_chat.get(chat), key, update))
        self._last_of_chat[chat] = task
        self._handling.add(task)
        task.add_done_callback(partial(self._handled, chat))

    async def _handle_kept(
        self, before: asyncio.Task[None] | None, key: int, update: Mapping[str, Any]
    ) -> None:
        if before is not None:
            await asyncio.wait([before])
        try:
            await self.handle(update)
        finally:
            self.inbound.handled(key)

    def _handled(self, chat: str, task: asyncio.Task[None]) -> None:
        self._handling.discard(task)
        self._slots.release()
        if self._last_of_chat.get(chat) is task:
            del self._last_of_chat[chat]

    async def handle(self, update: Mapping[str, Any]) -> None:
        """One update: turned into an Inbound, answered; never raises."""
        try:
            inbound = await self._inbound(update)
            if inbound is None:
                return
            await self._reply(inbound, await self.core.handle(inbound))
        except ZaloError as error:
            log.warning("zalo reply failed: %s", error)
        except Exception:
            log.exception("zalo update failed")

    async def _reply(self, inbound: Inbound, replies: list[Reply]) -> None:
        """Sent here when this worker sends for the bot token; else queued in the outbox for
        the worker that does, first in line, so that one rate holds per token across workers.
        Queued replies go out a message each, numbered each from 1 (the last one's choices are
        the ones remembered); with no choice among them, the chat's last ones are forgotten now."""
        if self._budget.here:
            async with self._budget.request(first=True, count=max(1, len(replies))):
                await self._transport.send(inbound.chat_id, replies, remember_empty=True)
            return
        if not any(reply.buttons for reply in replies):
            await self.choices.remember(CHANNEL, inbound.chat_id, [], now_utc())
        await self.core.defer(inbound, replies)

    async def _inbound(self, update: Mapping[str, Any]) -> Inbound | None:
        message = update.get("message")
        if not isinstance(message, dict):
            return None
        sender, chat = message.get("from") or {}, message.get("chat") or {}
        user_id, chat_id = str(sender.get("id", "")), str(chat.get("id", sender.get("id", "")))
        message_id = str(message.get("message_id", ""))
        if not user_id or not message_id or sender.get("is_bot"):
            return None
        base: dict[str, Any] = {
            "display_name": str(sender.get("display_name", ""))[:128],
            "private": str(chat.get("chat_type", "PRIVATE")).upper() == "PRIVATE",
        }
        text = message.get("text")
        if update.get("event_name") != TEXT_EVENT or not isinstance(text, str):
            return Inbound(CHANNEL, user_id, chat_id, "unsupported", **base)
        last = [Button(label, data) for label, data in await self.choices.last(CHANNEL, chat_id)]
        button = chosen(text, last)
        if button is not None:
            return Inbound(CHANNEL, user_id, chat_id, "button", text=button.data, **base)
        if text.startswith("/"):
            command, _, args = text[1:].partition(" ")
            return Inbound(
                CHANNEL, user_id, chat_id, "command", text=args, command=command.lower(), **base
            )
        return Inbound(CHANNEL, user_id, chat_id, "text", text=text, **base)

    async def _on_webhook(self, request: web.Request) -> web.Response:
        assert self.webhook is not None
        if not has_secret(request, SECRET_HEADER, self.webhook.secret):
            return forbidden(CHANNEL)
        with contextlib.suppress(ValueError):
            await self.take_in(updates_in(await request.json()))
        return accepted()
