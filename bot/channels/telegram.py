"""Telegram through python-telegram-bot: long polling or a webhook in, replies out, buttons as
keyboards."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Coroutine
from dataclasses import replace
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram._utils.types import JSONDict
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.catalog import t
from bot.channels.aiohttp_request import AiohttpRequest
from bot.channels.updates_request import UpdatesRequest
from bot.domain.messages import Inbound, InboundKind, Reply
from bot.runtime.core import Core
from bot.runtime.inbound import InboundStore
from bot.runtime.leases import REGISTERED_FOR, registration
from bot.runtime.outbox import Delivery, Pacer
from bot.runtime.reply_sender import ReplySender
from bot.runtime.web import (
    TELEGRAM_PATH,
    Webhook,
    accepted,
    bad_request,
    forbidden,
    has_secret,
)
from bot.services.menus import DELEGATE_COMMANDS, sync_chat_menus
from bot.services.paging import split_text, utf16_units
from storage.db import StorageUnavailable
from storage.inbound import InboundRepository

if TYPE_CHECKING:  # aiohttp's server loads with the web server, when there is a webhook
    from aiohttp import web

log = logging.getLogger(__name__)
CHANNEL = "telegram"
MAX_TEXT = 4096
MAX_CAPTION = 1024
# what getFile serves bots; larger documents are refused unread
MAX_UPLOAD = 20 * 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
UPDATE_KINDS = ["message", "edited_message", "callback_query"]
DOWNLOAD_ATTEMPTS = 3
CONCURRENCY = 64  # updates handled at once, and HTTP connections (see bench/RESULTS.md)
# Updates fetched (or posted by the webhook) but not yet handled: past it, the poller stops
# asking for more and the webhook answers only when there is room, so a backlog after a
# downtime waits at Telegram rather than in memory.
WAITING_UPDATES = 100
# sendMessage without reading its answer into a Message, which no reply uses (a third of what
# sending costs python-telegram-bot). The Bot API's method names are case-insensitive; in
# lower case do_api_request does not warn that the library has the method under its own name.
SEND_MESSAGE = "sendmessage"
ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


def to_inbound(update: JSONDict) -> Inbound | None:
    """The platform-free event of an update as the Bot API sends it (JSON), or None for kinds
    the bot does not act on. Only the fields the bot acts on are read: python-telegram-bot's
    `Update.de_json` builds an object for every field of a message (about 75 µs an update,
    more than our handling of a question: bench/RESULTS.md). Raises (KeyError, TypeError…)
    for an update without what its kind requires (a chat, a sender's id)."""
    query = update.get("callback_query")
    if query is not None:
        chat = (query.get("message") or {}).get("chat")
        user_id = str(query["from"]["id"])
        return Inbound(
            CHANNEL,
            user_id,
            str(chat["id"]) if chat else user_id,
            "button",
            text=query.get("data") or "",
            private=chat is None or chat["type"] == "private",
        )
    message = update.get("message") or update.get("edited_message")
    if message is None or message.get("from") is None:
        return None
    text = message.get("text")
    if update.get("edited_message") is not None:
        return _from_message(message, "edited")
    if text is not None and text.startswith("/"):
        command, _, args = text[1:].partition(" ")
        return _from_message(message, "command", command=command.split("@")[0].lower(), text=args)
    if text is not None:
        return _from_message(message, "text", text=text)
    if (contact := message.get("contact")) is not None:
        return _from_message(
            message,
            "contact",
            phone=contact["phone_number"],
            contact_user_id=str(contact.get("user_id") or ""),
        )
    if (where := message.get("location")) is not None:
        return _from_message(
            message, "location", latitude=where["latitude"], longitude=where["longitude"]
        )
    if (document := message.get("document")) is not None:
        return _from_message(message, "document", text=document.get("file_name") or "")
    return _from_message(message, "unsupported")


def _from_message(message: JSONDict, kind: InboundKind, **fields: Any) -> Inbound:
    sender, chat = message["from"], message["chat"]
    last_name = sender.get("last_name")
    return Inbound(
        CHANNEL,
        str(sender["id"]),
        str(chat["id"]),
        kind,
        # as python-telegram-bot's User.full_name
        display_name=f"{sender['first_name']} {last_name}" if last_name else sender["first_name"],
        private=chat["type"] == "private",
        **fields,
    )


def markup_for(reply: Reply) -> ReplyMarkup:
    if reply.buttons:
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
                for row in reply.buttons
            ]
        )
    if reply.contact_request is not None:
        request = reply.contact_request
        return ReplyKeyboardMarkup(
            [
                [KeyboardButton(request.share_label, request_contact=True)],
                [KeyboardButton(request.skip_label)],
            ],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
    return ReplyKeyboardRemove() if reply.remove_keyboard else None


def retry_seconds(error: RetryAfter) -> float:
    delay = error.retry_after
    return delay.total_seconds() if isinstance(delay, timedelta) else float(delay)


async def send_reply(bot: Bot, chat_id: int, reply: Reply) -> None:
    """One reply as Bot API calls: a venue, a photo, or text whose keyboard goes with the last
    piece of a long text. Raises what python-telegram-bot raises."""
    venue = reply.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        await bot.send_venue(chat_id, venue.latitude, venue.longitude, venue.name, venue.address)
        return
    for attachment, send in ((reply.photo, bot.send_photo), (reply.document, bot.send_document)):
        if attachment is not None:
            await send(
                chat_id,
                InputFile(attachment.content, filename=attachment.filename),
                caption=reply.text[:MAX_CAPTION],
                reply_markup=markup_for(reply),
            )
            return
    pieces = split_text(reply.text, MAX_TEXT, utf16_units)
    for index, piece in enumerate(pieces):
        markup = markup_for(reply) if index == len(pieces) - 1 else None
        message: dict[str, object] = {"chat_id": chat_id, "text": piece}
        if markup is not None:
            message["reply_markup"] = markup
        await bot.do_api_request(SEND_MESSAGE, message)


def _bot_commands(names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(name, t(f"menu.{name}")) for name in names]


class TelegramTransport:
    """The outbox's way to Telegram: every outcome classified, nothing raised."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def deliver(self, chat_id: str, reply: Reply) -> Delivery:
        try:
            await send_reply(self.bot, int(chat_id), reply)
        except RetryAfter as error:
            return Delivery("retry_after", retry_after=retry_seconds(error))
        except Forbidden as error:
            return Delivery("blocked", error=str(error))
        except BadRequest as error:
            return Delivery("refused", error=str(error))
        except TelegramError as error:  # timeouts, network faults, 5xx
            return Delivery("transient", error=str(error))
        return Delivery("sent")


class TelegramChannel:
    def __init__(
        self,
        core: Core,
        token: str,
        base_url: str,
        poll_timeout: int = 30,
        webhook: Webhook | None = None,
    ) -> None:
        self.core = core
        self.poll_timeout, self.webhook = poll_timeout, webhook
        updates_request = UpdatesRequest(connection_pool_size=1, read_timeout=poll_timeout + 10)
        updates_request.keep = self._keep_page
        self.app: Application = (  # type: ignore[type-arg]
            ApplicationBuilder()
            .token(token)
            .base_url(base_url)
            .base_file_url(base_url.replace("/bot", "/file/bot", 1))
            .request(AiohttpRequest(connection_pool_size=CONCURRENCY))
            .get_updates_request(updates_request)
            .update_queue(asyncio.Queue(maxsize=WAITING_UPDATES))
            .build()  # one update at a time through the library: `_on_update` spreads them
        )
        self._slots = asyncio.Semaphore(CONCURRENCY)
        self._handling: set[asyncio.Task[None]] = set()
        self.replies = ReplySender(self.transport(), core.defer)
        self.app.add_handler(TypeHandler(Update, self._on_update))
        self.app.add_error_handler(self._on_error)
        # every update is kept in the database before it is confirmed (bot/runtime/inbound.py)
        self.inbound = InboundStore(InboundRepository(core.db), CHANNEL, core.leases.worker)
        # What each update taken in holds, until it is handled: python-telegram-bot is handed
        # its update_id alone (it confirms it and hands it to `_on_update` in order), and the
        # bot reads the content itself (`to_inbound`).
        self._contents: dict[int, JSONDict] = {}
        self._menu_lock = asyncio.Lock()
        self._menus_asked = self._menus_done = 0
        self._menu_tasks: set[asyncio.Task[None]] = set()
        if webhook is not None:
            webhook.server.post(webhook.prefix + TELEGRAM_PATH, self._on_webhook)

    def transport(self) -> TelegramTransport:
        return TelegramTransport(self.app.bot)

    def share_budget(self, pacer: Pacer) -> None:
        self.replies.pacer = pacer

    async def start(self) -> None:
        await self.app.initialize()
        self.core.services.deep_links[CHANNEL] = (
            f"https://t.me/{self.app.bot.username}?start={{payload}}"
        )
        await self.app.start()
        await self.inbound.start(self._redeliver)
        registers = await self.core.leases.hold(self._registration(), REGISTERED_FOR)
        if registers:  # beside the first updates, not before: a call per changed role holder
            self._soon(self._set_menu())
        if self.webhook is not None:
            if registers:
                # Telegram keeps what it could not deliver while the bot was down, and sends
                # it now
                await self.app.bot.set_webhook(
                    self.webhook.url,
                    secret_token=self.webhook.secret,
                    allowed_updates=UPDATE_KINDS,
                )
            return
        assert self.app.updater is not None
        # python-telegram-bot deletes a webhook left from an earlier run before polling
        await self.app.updater.start_polling(
            timeout=self.poll_timeout, allowed_updates=UPDATE_KINDS
        )

    async def stop(self) -> None:
        for task in self._menu_tasks:
            task.cancel()
        await asyncio.gather(*self._menu_tasks, return_exceptions=True)
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await asyncio.gather(*self._handling, return_exceptions=True)
        await self.inbound.stop()
        await self.app.shutdown()

    def _registration(self) -> str:
        """The lease of registering the webhook and the menus: workers starting together
        with the same settings register them once; changed settings register again."""
        webhook = (self.webhook.url, self.webhook.secret) if self.webhook else ()
        return registration(CHANNEL, [webhook, [t(f"menu.{name}") for name in DELEGATE_COMMANDS]])

    async def _set_menu(self) -> None:
        """Every chat's default menu holds the delegate commands; role holders get their own."""
        try:
            await self.app.bot.set_my_commands(_bot_commands(DELEGATE_COMMANDS))
        except TelegramError as error:
            log.warning("could not set the command menu: %s", error)
        await self.sync_menus()

    async def sync_menus(self) -> None:
        """Per-chat menus follow the roles granted and revoked up to this call. Calls at once
        share passes: a caller waits for the pass running, and is done if another that began
        after its call has finished meanwhile."""
        self._menus_asked += 1
        asked = self._menus_asked
        async with self._menu_lock:
            if self._menus_done >= asked:
                return
            covers = self._menus_asked
            await sync_chat_menus(self.core.menus, CHANNEL, self._apply_menu)
            self._menus_done = covers

    def _menus_soon(self) -> None:
        """Sync the menus beside the reply, not before it."""
        self._soon(self.sync_menus())

    def _soon(self, menus: Coroutine[Any, Any, None]) -> None:
        """Menus set in a task of their own, cancelled at stop."""
        task = asyncio.create_task(menus, name="telegram-menus")
        self._menu_tasks.add(task)
        task.add_done_callback(self._menu_tasks.discard)

    async def _apply_menu(self, chat_id: str, commands: tuple[str, ...] | None) -> bool:
        scope = BotCommandScopeChat(int(chat_id))
        try:
            if commands is None:
                await self.app.bot.delete_my_commands(scope=scope)
            else:
                await self.app.bot.set_my_commands(_bot_commands(commands), scope=scope)
        except TelegramError as error:
            log.warning("could not set the command menu of chat %s: %s", chat_id, error)
            return False
        return True

    async def _on_webhook(self, request: web.Request) -> web.Response:
        """An update posted by Telegram is kept in the database, then joins the queue that
        polling fills: the same handlers, the same concurrency. Telegram is answered once it
        is kept (with a database that cannot be written, at once: the update is handled from
        memory, as the handlers' apologies need); a wrong secret gets 403, and an update
        posted again (Telegram retries when an answer is late, to any worker) is answered,
        not handled twice."""
        assert self.webhook is not None
        if not has_secret(request, SECRET_HEADER, self.webhook.secret):
            return forbidden(CHANNEL)
        try:
            data = await request.json()
        except Exception:  # not JSON: refused, never raised
            data = None
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return bad_request("not an update")
        try:
            fresh = await self.inbound.keep([(update_id, json.dumps(data))])
        except StorageUnavailable:  # handled from memory: answered (an apology, a reading)
            fresh = {update_id}
        if fresh:
            self._contents[update_id] = data
            try:
                await self.app.update_queue.put(Update(update_id))
            except BaseException:  # cancelled: the content is not left behind
                self._contents.pop(update_id, None)
                raise
        return accepted()

    async def _keep_page(self, page: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A getUpdates page, kept before it is confirmed, goes out to python-telegram-bot as
        update ids alone; what the fresh ones hold waits in `_contents` for `_answer`. An
        update kept before (by another worker, or before a restart) is confirmed and passed
        over: the inbound store hands it to one worker alone. With a database that cannot be
        written, every update of the page is handled, from memory."""
        try:
            fresh = await self.inbound.keep(
                [(update["update_id"], json.dumps(update)) for update in page]
            )
        except StorageUnavailable:  # handled from memory: answered (an apology, a reading)
            fresh = {update["update_id"] for update in page}
        for update in page:
            if update["update_id"] in fresh:
                self._contents[update["update_id"]] = update
        return [{"update_id": update["update_id"]} for update in page]

    async def _redeliver(self, taken: list[tuple[int, str]]) -> None:
        for update_id, payload in taken:
            try:
                content = json.loads(payload)
                if not isinstance(content, dict):
                    raise TypeError(f"not an update: {type(content).__name__}")
            except Exception as error:
                log.warning("passed over kept update %s: %r", update_id, error)
                self.inbound.handled(update_id)
                continue
            self._contents[update_id] = content
            await self.app.update_queue.put(Update(update_id))

    async def _on_update(self, update: object, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Hand the update to a task of its own once one of CONCURRENCY slots is free: until
        then the library's queue waits here, and with it the poller or the webhook."""
        if not isinstance(update, Update):
            return
        await self._slots.acquire()
        task = asyncio.create_task(self._handle(update))
        self._handling.add(task)
        task.add_done_callback(self._handled)

    async def settled(self) -> None:
        """Return once every update taken in so far has been handled, its replies sent and
        its mark written."""
        await self.app.update_queue.join()
        await asyncio.gather(*self._handling, return_exceptions=True)
        await self.inbound.flush()

    def _handled(self, task: asyncio.Task[None]) -> None:
        self._handling.discard(task)
        self._slots.release()
        if not task.cancelled() and task.exception() is not None:
            log.error("telegram update failed", exc_info=task.exception())

    async def _handle(self, update: Update) -> None:
        try:
            await self._answer(update)
        finally:
            self.inbound.handled(update.update_id)

    async def _answer(self, update: Update) -> None:
        content = self._contents.pop(update.update_id, None)
        if content is None:  # kept before: another worker's, or passed over
            return
        try:
            inbound = to_inbound(content)
        except Exception as error:  # what its kind requires is missing: never raised
            log.warning(
                "passed over update %s, which the bot cannot read: %r", update.update_id, error
            )
            return
        if inbound is None:
            return
        if inbound.kind == "document":  # a new message's (an edited one is "edited")
            inbound = self._with_download(inbound, content["message"]["document"])
        query_id = content["callback_query"].get("id") if inbound.kind == "button" else None
        if isinstance(query_id, str):  # a forged press may lack it: handled all the same
            try:
                await self.app.bot.answer_callback_query(query_id)
            except TelegramError as error:
                log.info("could not answer a button press: %s", error)
        await self.replies.send(inbound, await self.core.handle(inbound))
        if inbound.kind == "command" and inbound.command == "start":
            self._menus_soon()  # /start r-… grants a role, an admin's first /start finds theirs

    def _with_download(self, inbound: Inbound, document: JSONDict) -> Inbound:
        """A document larger than MAX_UPLOAD is too_large; a smaller one is downloaded only when
        the handler asks (after it checked who sent it)."""
        size = document.get("file_size")
        if isinstance(size, int) and size > MAX_UPLOAD:
            return replace(inbound, too_large=True)
        file_id = document.get("file_id")
        if not isinstance(file_id, str):  # a forged update: answered as a file not downloaded
            return inbound
        return replace(inbound, download=partial(self._download, file_id))

    async def _download(self, file_id: str) -> bytes | None:
        """A document's bytes; a network fault or a 5xx is tried again twice."""
        for attempt in range(DOWNLOAD_ATTEMPTS):
            if attempt:
                await asyncio.sleep(0.5 * 2 ** (attempt - 1))
            try:
                file = await self.app.bot.get_file(file_id)
                if file.file_size is not None and file.file_size > MAX_UPLOAD:
                    return None
                content = bytes(await file.download_as_bytearray())
                return content if len(content) <= MAX_UPLOAD else None
            except (BadRequest, Forbidden) as error:
                log.warning("could not download a document: %s", error)
                return None
            except TelegramError as error:
                log.warning("could not download a document (try %d): %s", attempt + 1, error)
        return None

    async def post(self, chat_id: str, reply: Reply) -> str | None:
        try:
            message = await self.app.bot.send_message(
                int(chat_id), reply.text[:MAX_TEXT], reply_markup=markup_for(reply)
            )
        except TelegramError as error:
            log.warning("could not post to %s: %s", chat_id, error)
            return None
        return str(message.message_id)

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        markup = markup_for(reply)
        try:
            await self.app.bot.edit_message_text(
                reply.text[:MAX_TEXT],
                chat_id=int(chat_id),
                message_id=int(message_id),
                reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
            )
        except BadRequest as error:
            if "not modified" not in str(error).lower():
                log.warning("could not edit message %s: %s", message_id, error)
        except TelegramError as error:
            log.warning("could not edit message %s: %s", message_id, error)
        return True

    async def _on_error(self, _: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram error: %s", context.error)
