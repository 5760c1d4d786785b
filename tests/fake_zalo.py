"""A fake Zalo Bot API server (Zalo Bot Platform) for tests.

It runs on 127.0.0.1 inside the test's own event loop (aiohttp.web, port 0) and answers
``POST {base_url}/bot{token}/{method}``. :attr:`FakeZalo.base_url` is
``"http://127.0.0.1:PORT"`` **without** a trailing ``/bot``: the client under test builds
``f"{base_url}/bot{token}/{method}"``, exactly as with the real host
``https://bot-api.zaloplatforms.com``.

What it models (see /work/shared/PLATFORMS.md, "Zalo Bot API"):

* bodies may be JSON, form-urlencoded or multipart (and a query string is merged in);
  every answer is ``{"ok": true, "result": ...}`` or
  ``{"ok": false, "error_code": N, "description": "..."}`` with the same HTTP status;
* the token is ``{bot_id}:{secret}``; a wrong token answers 401 "Unauthorized", an unknown
  (or wrongly cased: Zalo method names are case-sensitive) method 404 "Not Found";
* ``getUpdates`` is a long poll that hands out ONE update per call and forgets it (no
  update_id, no offset); an idle poll answers HTTP 408 "Request timeout"; only one poller
  at a time (the second gets 409) and none while a webhook is set (409);
* updates are delivered wrapped ``{"ok": true, "result": {"event_name", "message"}}`` (the
  documented shape) or flat ``{"event_name", "message"}`` (seen on webhooks), selectable
  per server, per user action or per update;
* simulated users (:class:`ZaloUser`) enqueue updates; when a webhook is set, queued updates
  are POSTed to it with header ``X-Bot-Api-Secret-Token``;
* everything the bot sends is recorded in :attr:`FakeZalo.sent`; every request (path,
  query, headers, body) in :attr:`FakeZalo.requests` so a test can check the token never
  leaks outside the URL path (:meth:`FakeZalo.token_leaks`).

Assumed, not documented by Zalo: the 409 bodies, the 400 descriptions, the 403 answer for a
user who blocked the bot, the 429 answer, and the flat shape on getUpdates.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
import urllib.parse
from collections import Counter, deque
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Literal

from aiohttp import web

from tests.fake_common import (
    FaultQueue,
    LocalServer,
    SentLog,
    WebhookPost,
    WebhookSender,
    status_phrase,
    wait_set,
)

JSON = dict[str, Any]
Shape = Literal["wrapped", "flat", "alternate"]

SECRET_HEADER = "X-Bot-Api-Secret-Token"
TEXT_MIN, TEXT_MAX = 1, 2000  # sendMessage text and sendPhoto caption, characters
SECRET_MIN, SECRET_MAX = 8, 256  # setWebhook secret_token, characters
DEFAULT_POLL_TIMEOUT = 30  # getUpdates "timeout", seconds, when absent

BOT_INFO: JSON = {
    "id": "1459232241454765289",
    "account_name": "bot.VDKyGxQvc",
    "account_type": "BASIC",
    "can_join_groups": False,
}

EVENT_TEXT = "message.text.received"
EVENT_IMAGE = "message.image.received"
EVENT_STICKER = "message.sticker.received"
EVENT_VOICE = "message.voice.received"
EVENT_UNSUPPORTED = "message.unsupported.received"

POLL_CONFLICT = ("Conflict: another getUpdates request is in progress for this bot; "
                 "only one getUpdates consumer per token")
WEBHOOK_CONFLICT = ("Conflict: getUpdates is unavailable while a webhook is set; "
                    "call deleteWebhook first")
CHAT_METHODS = {"sendMessage", "sendPhoto", "sendSticker", "sendChatAction"}
_TOKEN_RE = re.compile(r"[^:/\s]+:[^/\s]+")


def now_ms() -> int:
    """Zalo dates are Unix time in milliseconds."""
    return int(time.time() * 1000)


class ZaloApiError(Exception):
    """An error answer: HTTP ``status`` and ``{"ok": false, "error_code", "description"}``."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description

    def body(self) -> JSON:
        return {"ok": False, "error_code": self.status, "description": self.description}


def _bad(description: str) -> ZaloApiError:
    return ZaloApiError(400, f"Bad Request: {description}")


@dataclass
class SentMessage:
    """One bot→user message (sendMessage, sendPhoto, sendSticker) as the server answered it."""

    method: str
    chat_id: str
    params: JSON
    result: JSON  # {"message_id": "<20 hex>", "date": <ms>}
    time: float

    @property
    def message_id(self) -> str:
        return str(self.result["message_id"])

    @property
    def text(self) -> str | None:
        """The text of sendMessage, or the caption of sendPhoto."""
        value = self.params.get("text", self.params.get("caption"))
        return None if value is None else str(value)


@dataclass
class RequestRecord:
    """One HTTP request to the fake, as received (before any check)."""

    http_method: str
    path: str  # the raw path, e.g. "/bot123:abc/sendMessage"
    query: str
    headers: dict[str, str]
    body: str
    method: str  # the API method segment of the path
    params: JSON
    time: float
    status: int = 0  # filled in when answered


@dataclass
class _Pending:
    update: JSON  # the inner update {"event_name", "message"}, or a raw body
    shape: str | None  # None: deliver ``update`` verbatim
    enqueued: float = field(default_factory=time.monotonic)


class ZaloUser:
    """A simulated Zalo user in a private chat with the bot (chat id == user id).

    Each action enqueues one update and returns its inner form
    ``{"event_name": ..., "message": {...}}`` with a fresh 20-hex message_id and a date in ms.
    ``shape`` overrides the server's delivery shape for that one update.
    """

    def __init__(self, server: FakeZalo, user_id: str, display_name: str,
                 chat_id: str | None = None, chat_type: str = "PRIVATE",
                 is_bot: bool = False) -> None:
        self.server = server
        self.id = user_id
        self.display_name = display_name
        self.chat_id = chat_id or user_id
        self.chat_type = chat_type
        self.is_bot = is_bot

    def as_from(self) -> JSON:
        return {"id": self.id, "display_name": self.display_name, "is_bot": self.is_bot}

    def as_chat(self) -> JSON:
        return {"id": self.chat_id, "chat_type": self.chat_type}

    def message(self, **content: Any) -> JSON:
        """A message object from this user (no update is enqueued)."""
        message: JSON = {"from": self.as_from(), "chat": self.as_chat()}
        message.update({k: v for k, v in content.items() if v is not None})
        message["message_id"] = self.server.new_message_id()
        message["date"] = self.server.now_ms()
        return message

    def _send(self, event_name: str, shape: Shape | None, **content: Any) -> JSON:
        self.server.known_chats.add(self.chat_id)
        update = {"event_name": event_name, "message": self.message(**content)}
        return self.server.enqueue(update, shape=shape)

    def send_text(self, text: str, *, shape: Shape | None = None) -> JSON:
        return self._send(EVENT_TEXT, shape, text=text)

    def send_image(self, url: str = "https://photo-stal-1.zadn.vn/fake/anh.jpg",
                   caption: str | None = None, *, field: str = "photo_url",
                   shape: Shape | None = None) -> JSON:
        """message.image.received. The docs list a ``photo`` field; real payloads were
        reported to carry ``photo_url``: choose with ``field`` ("photo_url" or "photo")."""
        return self._send(EVENT_IMAGE, shape, caption=caption, **{field: url})

    def send_sticker(self, sticker: str = "bfe458bf64fa8da4d4eb",
                     url: str = "https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=1",
                     *, shape: Shape | None = None) -> JSON:
        return self._send(EVENT_STICKER, shape, sticker=sticker, url=url)

    def send_voice(self, voice_url: str = "https://voice-stal.zadn.vn/fake/giong-noi.aac",
                   *, shape: Shape | None = None) -> JSON:
        return self._send(EVENT_VOICE, shape, voice_url=voice_url)

    def send_unsupported(self, *, shape: Shape | None = None) -> JSON:
        """message.unsupported.received: Zalo withholds the content (e.g. protected users)."""
        return self._send(EVENT_UNSUPPORTED, shape)


class FakeZalo(LocalServer):
    """The fake Zalo Bot API. Use as ``async with FakeZalo(token=...) as server:``."""

    def __init__(self, token: str = "1459232241454765289:fake-secret-token", *,
                 shape: Shape = "wrapped", webhook_shape: Shape = "wrapped",
                 auto_webhook: bool = True, require_https: bool = False,
                 strict_chats: bool = False, seed: int = 0,
                 clock: Callable[[], float] = time.monotonic,
                 wall_ms: Callable[[], int] = now_ms, host: str = "127.0.0.1") -> None:
        if not _TOKEN_RE.fullmatch(token):
            raise ValueError("a Zalo bot token looks like '{bot_id}:{secret}'")
        super().__init__(host)
        self.token = token
        self.shape: Shape = shape  # getUpdates delivery shape
        self.webhook_shape: Shape = webhook_shape
        self.auto_webhook = auto_webhook  # POST queued updates to a set webhook
        self.require_https = require_https  # real Zalo: HTTPS and publicly reachable only
        self.strict_chats = strict_chats  # True: sends to chats no user opened answer 400
        self.clock = clock
        self.now_ms = wall_ms
        self.random = random.Random(seed)
        self.delay = 0.0  # seconds added before every answer
        # records
        self._sent_log: SentLog[SentMessage] = SentLog()
        self.sent = self._sent_log.records
        self.requests: list[RequestRecord] = []
        self.status_counts: Counter[int] = Counter()
        self.chat_actions: list[tuple[str, str]] = []
        self.delivered: list[JSON] = []  # bodies handed out by getUpdates or the webhook
        self._webhook = WebhookSender(SECRET_HEADER)
        self.webhook_posts: list[WebhookPost] = self._webhook.posts
        # state
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.webhook_updated_at = 0
        self.blocked: set[str] = set()
        self.known_chats: set[str] = set()
        self.faults: FaultQueue[ZaloApiError] = FaultQueue()
        self._queue: deque[_Pending] = deque()
        self._message_ids: set[str] = set()
        self._alternate = 0
        self._last_update: _Pending | None = None
        self._update_event = asyncio.Event()
        self._delivered_event = asyncio.Event()
        self._poller: web.Request | None = None
        self._in_flight = 0
        self._closing = False
        self._handlers: dict[str, Callable[[JSON], JSON]] = {
            "getMe": self._m_getMe,
            "setWebhook": self._m_setWebhook,
            "deleteWebhook": self._m_deleteWebhook,
            "getWebhookInfo": self._m_getWebhookInfo,
            "sendMessage": self._m_sendMessage,
            "sendPhoto": self._m_sendPhoto,
            "sendSticker": self._m_sendSticker,
            "sendChatAction": self._m_sendChatAction,
        }

    # ----------------------------------------------------------------- lifecycle
    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        return app

    async def start(self) -> None:
        await super().start()
        await self._webhook.open()

    async def stop(self) -> None:
        self._closing = True
        self._update_event.set()
        await self._webhook.close()
        await super().stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``; the client appends ``/bot{token}/{method}``."""
        return f"http://{self.host}:{self.port}"

    def url(self, method: str, token: str | None = None) -> str:
        """The full URL of ``method`` (with this server's token unless ``token`` is given)."""
        return f"{self.base_url}/bot{self.token if token is None else token}/{method}"

    # ------------------------------------------------------------ test controls
    def user(self, user_id: str | None = None, display_name: str = "Nguyễn Văn An", *,
             chat_id: str | None = None, chat_type: str = "PRIVATE",
             is_bot: bool = False) -> ZaloUser:
        """A simulated user; ``user_id`` defaults to a fresh 20-hex id like Zalo's."""
        return ZaloUser(self, user_id or self._hex_id(), display_name, chat_id, chat_type,
                        is_bot)

    def new_message_id(self) -> str:
        """A fresh message id: 20 lowercase hex characters, never repeated."""
        while True:
            candidate = self._hex_id()
            if candidate not in self._message_ids:
                self._message_ids.add(candidate)
                return candidate

    def enqueue(self, update: JSON, *, shape: Shape | None = None) -> JSON:
        """Queue an inner update ``{"event_name", "message"}``, delivered in ``shape``
        (default: the server's ``shape``, or ``webhook_shape`` when going to a webhook)."""
        update = json.loads(json.dumps(update))  # a snapshot: later edits don't leak in
        self._push(_Pending(update, shape or "default"))
        return update

    def enqueue_raw(self, update: Any, *, shape: Shape | None = None) -> Any:
        """Queue anything (hostile or odd bodies). Without ``shape`` the body is delivered
        verbatim as the whole getUpdates answer / webhook body; with it, wrapped as asked."""
        update = json.loads(json.dumps(update))
        self._push(_Pending(update, shape))
        return update

    def duplicate_last(self) -> JSON:
        """Deliver the last update again, same message_id (Zalo may re-deliver).

        "Last" is the most recently enqueued update; raises if there is none."""
        if self._last_update is None:
            raise AssertionError("nothing was enqueued yet, nothing to duplicate")
        last = self._last_update
        copy = json.loads(json.dumps(last.update))
        self._push(_Pending(copy, last.shape))
        return copy

    @property
    def pending_updates(self) -> list[Any]:
        return [p.update for p in self._queue]

    def block(self, chat_id: str) -> None:
        """Sends to ``chat_id`` now answer 403 "Forbidden" (assumed: Zalo does not document
        the error for a user who blocked or left the bot)."""
        self.blocked.add(str(chat_id))

    def unblock(self, chat_id: str) -> None:
        self.blocked.discard(str(chat_id))

    def fail_next(self, n: int = 1, status: int = 500, *, description: str | None = None,
                  skip: int = 0, methods: Collection[str] | None = None) -> None:
        """The next ``n`` requests (after ``skip``) answer ``status``; getUpdates is spared
        unless named in ``methods``."""
        error = ZaloApiError(status, description or status_phrase(status))
        self.faults.add(n, error, methods, skip)

    def force_429(self, n: int = 1, *, skip: int = 0,
                  methods: Collection[str] | None = None) -> None:
        """The next ``n`` requests answer 429 "Too Many Requests" (Zalo publishes no limits
        and no retry_after; this body is assumed)."""
        self.faults.add(n, ZaloApiError(429, "Too Many Requests"), methods, skip)

    def messages_to(self, chat_id: str) -> list[SentMessage]:
        return self._sent_log.to(str(chat_id))

    async def wait_for(
        self, chat_id: str, count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109
        predicate: Callable[[SentMessage], bool] | None = None,
    ) -> list[SentMessage]:
        """Wait for ``count`` new matching messages to ``chat_id`` and consume them.

        Messages returned (or skipped over) by an earlier wait_for on that chat are not
        counted again, so a reply that arrived before the call still counts. Raises
        AssertionError listing what did arrive on timeout."""
        return await self._sent_log.wait_for(str(chat_id), count, timeout, predicate)

    async def wait_delivered(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until every queued update was handed out (getUpdates or webhook)."""
        async with asyncio.timeout(timeout):
            while self._queue or self._in_flight:
                self._delivered_event.clear()
                await self._delivered_event.wait()

    @property
    def request_paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def token_leaks(self, token: str | None = None) -> list[str]:
        """Where ``token`` (default: this server's; also its secret part) appears in a
        request other than in the ``/bot{token}/`` path prefix. Empty list: no leak."""
        token = token or self.token
        needles = {token, token.split(":", 1)[1]} if ":" in token else {token}
        leaks: list[str] = []
        for i, r in enumerate(self.requests):
            rest = r.path.removeprefix(f"/bot{token}/") if r.path.startswith(
                f"/bot{token}/") else r.path
            places = {"path": rest, "query": r.query, "body": r.body,
                      **{f"header {k}": v for k, v in r.headers.items()}}
            leaks += [f"request {i} ({r.method}): {where}" for where, text in places.items()
                      if any(n and n in text for n in needles)]
        return leaks

    async def post_webhook(self, url: str, update: Any, secret: str | None = None, *,
                           shape: Shape | None = "wrapped",
                           timeout: float = 5.0) -> int:  # noqa: ASYNC109
        """POST ``update`` to a bot's webhook like Zalo does; returns the HTTP status.

        An inner update (with ``event_name``) is wrapped per ``shape``; anything else, or
        ``shape=None``, is sent verbatim. ``secret`` goes in ``X-Bot-Api-Secret-Token``
        (omitted when None)."""
        is_inner = isinstance(update, dict) and "event_name" in update
        body = self._shaped(update, shape) if is_inner and shape else update
        post = await self._post(url, body, secret, timeout)
        if post.status is None:
            raise ConnectionError(f"webhook {url} unreachable: {post.error}")
        return post.status

    # ---------------------------------------------------------------- internals
    def _hex_id(self) -> str:
        return f"{self.random.getrandbits(80):020x}"

    def _push(self, pending: _Pending) -> None:
        self._queue.append(pending)
        self._last_update = pending
        self._update_event.set()
        self._kick_webhook()

    def _shaped(self, update: Any, shape: str | None) -> Any:
        """The body delivering ``update``: wrapped, flat, or (shape None) verbatim."""
        if shape is None:
            return update
        if shape == "alternate":
            self._alternate += 1
            shape = "wrapped" if self._alternate % 2 else "flat"
        if shape == "flat":
            return update
        return {"ok": True, "result": update}

    def _delivered(self, body: Any) -> None:
        self.delivered.append(body)
        self._delivered_event.set()

    def _kick_webhook(self) -> None:
        if self.auto_webhook and self.webhook_url and self._queue and not self._closing:
            self._webhook.pump(self._pump_webhook)

    async def _pump_webhook(self) -> None:
        """Deliver queued updates to the webhook one by one, in order (no retries: Zalo's
        retry policy is not documented)."""
        while self.webhook_url and self._queue and not self._closing:
            pending = self._queue.popleft()
            shape = self.webhook_shape if pending.shape == "default" else pending.shape
            body = self._shaped(pending.update, shape)
            self._in_flight += 1
            try:
                await self._post(self.webhook_url, body, self.webhook_secret, 5.0)
            finally:
                self._in_flight -= 1
                self._delivered(body)

    async def _post(self, url: str, body: Any, secret: str | None,
                    timeout: float) -> WebhookPost:  # noqa: ASYNC109
        return await self._webhook.post(url, body, secret, timeout)

    async def _decode(self, request: web.Request) -> tuple[JSON, str]:
        """Merge the query string and the body (JSON, urlencoded, multipart) into params;
        also return the body as text for the leak check."""
        params: JSON = dict(request.query)
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            params.update(fields)
            return params, json.dumps(fields, ensure_ascii=False)
        raw = await request.read()
        text = raw.decode("utf-8", errors="replace")
        if not raw.strip():
            return params, text
        if request.content_type == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qsl(text, keep_blank_values=True))
            return params, text
        try:
            body = json.loads(text)
        except ValueError:
            raise _bad("can't parse JSON request body") from None
        if not isinstance(body, dict):
            raise _bad("request body must be a JSON object")
        params.update(body)
        return params, text

    def _answer(self, record: RequestRecord, status: int, body: Any) -> web.Response:
        record.status = status
        self.status_counts[status] += 1
        return web.json_response(body, status=status,
                                 dumps=lambda o: json.dumps(o, ensure_ascii=False))

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        record = RequestRecord(request.method, request.path, request.query_string,
                               dict(request.headers), "", method, {}, self.clock())
        self.requests.append(record)
        decode_error: ZaloApiError | None = None
        try:
            record.params, record.body = await self._decode(request)
        except ZaloApiError as error:
            decode_error = error
        if request.match_info["token"] != self.token:
            return self._answer(record, 401, ZaloApiError(401, "Unauthorized").body())
        if decode_error is not None:
            return self._answer(record, decode_error.status, decode_error.body())
        if method not in self._handlers and method != "getUpdates":
            return self._answer(record, 404, ZaloApiError(404, "Not Found").body())
        if self.delay:
            await asyncio.sleep(self.delay)
        fault = self.faults.take(method)
        if fault is not None:
            return self._answer(record, fault.status, fault.body())
        try:
            if method == "getUpdates":
                body = await self._get_updates(request, record.params)
            else:
                body = self._handlers[method](record.params)
        except ZaloApiError as error:
            return self._answer(record, error.status, error.body())
        return self._answer(record, 200, body)

    # ------------------------------------------------------------------ updates
    @staticmethod
    def _poll_timeout(value: Any) -> float:
        if value is None or value == "":
            return float(DEFAULT_POLL_TIMEOUT)
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            raise _bad("timeout must be a number of seconds") from None
        if seconds < 0:
            raise _bad("timeout must not be negative")
        return seconds

    async def _get_updates(self, request: web.Request, p: JSON) -> Any:
        """One update per call, waiting up to ``timeout`` s; 408 when none arrived."""
        if self.webhook_url:
            raise ZaloApiError(409, WEBHOOK_CONFLICT)
        if self._poller is not None:
            transport = self._poller.transport
            if transport is not None and not transport.is_closing():
                raise ZaloApiError(409, POLL_CONFLICT)
        timeout = self._poll_timeout(p.get("timeout"))
        self._poller = request
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        pending: _Pending | None = None
        try:
            while True:
                if self.webhook_url:
                    raise ZaloApiError(409, WEBHOOK_CONFLICT)
                if self._queue:
                    pending = self._queue.popleft()
                    break
                remaining = deadline - loop.time()
                if remaining <= 0 or self._closing:
                    break
                await wait_set(self._update_event, remaining)
        finally:
            if self._poller is request:
                self._poller = None
        if pending is None:
            raise ZaloApiError(408, "Request timeout")
        shape = self.shape if pending.shape == "default" else pending.shape
        body = self._shaped(pending.update, shape)
        self._delivered(body)
        return body

    def _m_setWebhook(self, p: JSON) -> JSON:
        url = p.get("url")
        if not isinstance(url, str) or not url:
            raise _bad("url is required")
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("http", "https") or (self.require_https and scheme != "https"):
            raise _bad("url must be an HTTPS URL")
        secret = p.get("secret_token")
        if not isinstance(secret, str) or not SECRET_MIN <= len(secret) <= SECRET_MAX:
            raise _bad(f"secret_token must be {SECRET_MIN}-{SECRET_MAX} characters")
        self.webhook_url, self.webhook_secret = url, secret
        self.webhook_updated_at = self.now_ms()
        self._update_event.set()  # a waiting getUpdates now answers 409
        loop = asyncio.get_running_loop()
        loop.call_soon(self._kick_webhook)  # after this answer is on its way
        return {"ok": True, "result": {"url": url, "updated_at": self.webhook_updated_at}}

    def _m_deleteWebhook(self, p: JSON) -> JSON:
        self.webhook_url, self.webhook_secret = "", None
        self.webhook_updated_at = self.now_ms()
        return {"ok": True, "result": {"url": "", "updated_at": self.webhook_updated_at}}

    def _m_getWebhookInfo(self, p: JSON) -> JSON:
        return {"ok": True, "result": {"url": self.webhook_url,
                                       "updated_at": self.webhook_updated_at}}

    def _m_getMe(self, p: JSON) -> JSON:
        return {"ok": True, "result": dict(BOT_INFO)}

    # ---------------------------------------------------------------- messages
    def _chat_id(self, p: JSON) -> str:
        chat_id = p.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is required")
        if not isinstance(chat_id, str | int) or isinstance(chat_id, bool):
            raise _bad("chat_id must be a string")
        chat_id = str(chat_id)
        if chat_id in self.blocked:
            raise ZaloApiError(403, "Forbidden")
        if self.strict_chats and chat_id not in self.known_chats:
            raise _bad("chat not found")
        return chat_id

    @staticmethod
    def _text(p: JSON, key: str, required: bool) -> str | None:
        value = p.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            raise _bad(f"{key} is required" if value is None else f"{key} must be a string")
        if not TEXT_MIN <= len(value) <= TEXT_MAX:
            raise _bad(f"{key} must be {TEXT_MIN}-{TEXT_MAX} characters, got {len(value)}")
        return value

    def _record(self, method: str, chat_id: str, p: JSON) -> JSON:
        result = {"message_id": self.new_message_id(), "date": self.now_ms()}
        self._sent_log.append(SentMessage(method, chat_id, dict(p), dict(result), self.clock()))
        return {"ok": True, "result": result}

    def _m_sendMessage(self, p: JSON) -> JSON:
        chat_id = self._chat_id(p)
        self._text(p, "text", required=True)
        mode = p.get("parse_mode")
        if mode is not None and mode not in ("markdown", "html"):
            raise _bad("parse_mode must be 'markdown' or 'html'")
        return self._record("sendMessage", chat_id, p)

    def _m_sendPhoto(self, p: JSON) -> JSON:
        chat_id = self._chat_id(p)
        photo = p.get("photo")
        if not isinstance(photo, str) or not re.match(r"https?://\S+$", photo):
            raise _bad("photo must be an http(s) URL")
        self._text(p, "caption", required=False)
        return self._record("sendPhoto", chat_id, p)

    def _m_sendSticker(self, p: JSON) -> JSON:
        chat_id = self._chat_id(p)
        sticker = p.get("sticker")
        if not isinstance(sticker, str) or not sticker:
            raise _bad("sticker is required")
        return self._record("sendSticker", chat_id, p)

    def _m_sendChatAction(self, p: JSON) -> JSON:
        chat_id = self._chat_id(p)
        if p.get("action") != "typing":  # "upload_photo" is documented as "coming soon"
            raise _bad("action must be 'typing'")
        self.chat_actions.append((chat_id, "typing"))
        return {"ok": True}  # documented: no result
