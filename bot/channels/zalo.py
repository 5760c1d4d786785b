"""Zalo through the Zalo Bot API (httpx): long polling or a webhook in, numbered choices out.

Zalo has no buttons and no update ids: choices are numbered in the text and a typed number (or
the choice's words) answers the last question; updates are deduplicated on message_id. Both the
documented wrapped update `{"ok":true,"result":{...}}` and the flat `{"event_name":…}` seen on
webhooks are accepted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import httpx

from bot.catalog import t
from bot.channels.textual import chosen, render_all
from bot.clock import now_utc
from bot.domain.messages import Button, Inbound, Reply
from bot.runtime.core import Core
from bot.runtime.outbox import Delivery, Limits, Pacer
from bot.runtime.web import ZALO_PATH, Webhook, accepted, forbidden, has_secret
from bot.services.paging import split_text
from storage.channels import SEEN_KEPT, NumberedChoices, SeenMessages

if TYPE_CHECKING:  # aiohttp's server loads with the web server, when there is a webhook
    from aiohttp import web

log = logging.getLogger(__name__)
CHANNEL = "zalo"
MAX_TEXT = 2000
SECRET_HEADER = "X-Bot-Api-Secret-Token"
TEXT_EVENT = "message.text.received"


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
        self.seen = SeenMessages(core.db)
        self.choices = NumberedChoices(core.db)
        self._transport = ZaloTransport(self.client, self.choices)
        self._budget = Pacer(Limits())  # the outbox's, once the runtime shares it
        self._poller: asyncio.Task[None] | None = None
        if webhook is not None:
            webhook.server.post(webhook.prefix + ZALO_PATH, self._on_webhook)

    async def sync_menus(self) -> None:
        """Zalo has no command menu: /trogiup lists one's commands."""

    def transport(self) -> ZaloTransport:
        return self._transport

    def share_budget(self, pacer: Pacer) -> None:
        self._budget = pacer

    async def start(self) -> None:
        """Check the token, then poll, or register the webhook (the server already listens)."""
        await self.client.call("getMe", {})
        await self.seen.forget_older_than(now_utc() - SEEN_KEPT)
        if self.webhook is None:
            await self.client.call("deleteWebhook", {})
            self._poller = asyncio.create_task(self._poll(), name="zalo-poller")
            return
        await self.client.call(
            "setWebhook", {"url": self.webhook.url, "secret_token": self.webhook.secret}
        )

    async def stop(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)
        await self.client.close()

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
            for update in updates_in(body):
                await self.handle(update)

    async def handle(self, update: Mapping[str, Any]) -> None:
        """One update: deduplicated, turned into an Inbound, answered; never raises."""
        try:
            inbound = await self._inbound(update)
            if inbound is None:
                return
            replies = await self.core.handle(inbound)
            async with self._budget.request(first=True, count=max(1, len(replies))):
                await self._transport.send(inbound.chat_id, replies, remember_empty=True)
        except ZaloError as error:
            log.warning("zalo reply failed: %s", error)
        except Exception:
            log.exception("zalo update failed")

    async def _inbound(self, update: Mapping[str, Any]) -> Inbound | None:
        message = update.get("message")
        if not isinstance(message, dict):
            return None
        sender, chat = message.get("from") or {}, message.get("chat") or {}
        user_id, chat_id = str(sender.get("id", "")), str(chat.get("id", sender.get("id", "")))
        message_id = str(message.get("message_id", ""))
        if not user_id or not message_id or sender.get("is_bot"):
            return None
        if not await self.seen.first_time(CHANNEL, message_id, now_utc()):
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
            for update in updates_in(await request.json()):
                await self.handle(update)
        return accepted()
