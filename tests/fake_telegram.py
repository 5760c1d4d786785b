"""A fake Telegram Bot API server for tests.

It runs on 127.0.0.1 inside the test's own event loop (aiohttp.web) and answers
``/bot<token>/<method>`` the way https://core.telegram.org/bots/api documents it:

* requests may be GET or POST, with a query string, a form-urlencoded body, a
  multipart body (file uploads) or a JSON body; non-string form values are JSON
  strings (``reply_markup='{"inline_keyboard": ...}'``), as python-telegram-bot sends;
* every answer is ``{"ok": true, "result": ...}`` or
  ``{"ok": false, "error_code": N, "description": "...", "parameters"?: {...}}``;
* method names are case-insensitive; a wrong token is 401, an unknown method 404.

Simulated users (:class:`FakeUser`) enqueue updates that the bot under test
fetches with getUpdates; everything the bot sends is recorded in
:attr:`FakeTelegram.sent` as :class:`SentMessage` records.

With a webhook set (setWebhook, an HTTPS URL), getUpdates answers 409 and queued updates
are POSTed instead, in order, as JSON with the ``X-Telegram-Bot-Api-Secret-Token`` header
when a secret_token was given; an answer other than 2xx is retried a few times. The public
HTTPS address reaches the bot through :meth:`FakeTelegram.forward_webhook`, the reverse
proxy of a real installation.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import json
import math
import random
import re
import time
import urllib.parse
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, ClassVar

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

BOT_USER: JSON = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Hội nghị Bot",
    "username": "hoinghi_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

MESSAGE_MAX = 4096  # sendMessage text, UTF-16 code units after entity parsing
CAPTION_MAX = 1024  # UTF-16 code units
CALLBACK_DATA_MAX_BYTES = 64
# Keyboards (https://github.com/tginfo/Telegram-Limits): an inline keyboard holds at most 100
# buttons, 8 to a row; a reply keyboard 300, 12 to a row; the markup's JSON at most 10 kB.
INLINE_BUTTONS_MAX, INLINE_ROW_MAX = 100, 8
KEYBOARD_BUTTONS_MAX, KEYBOARD_ROW_MAX = 300, 12
MARKUP_MAX_BYTES = 10 * 1024
DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024  # getFile limit for bots
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
WEBHOOK_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WEBHOOK_ATTEMPTS = 5  # deliveries of one update before the fake gives up on it
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
# Update types not delivered unless explicitly listed in allowed_updates.
_OPT_IN_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}
_SEND_METHODS = {"sendMessage", "sendVenue", "sendLocation", "sendPhoto", "sendDocument"}
_CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
}
_SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_JSON_PARAMS = {
    "reply_markup", "entities", "caption_entities", "allowed_updates", "commands", "scope",
    "link_preview_options", "reply_parameters",
}
_INT_PARAMS = {
    "chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id",
    "message_thread_id", "max_connections", "cache_time", "live_period", "user_id",
}
_FLOAT_PARAMS = {"latitude", "longitude", "horizontal_accuracy"}
_BOOL_PARAMS = {
    "disable_notification", "protect_content", "show_alert", "drop_pending_updates",
    "disable_web_page_preview", "allow_sending_without_reply", "disable_content_type_detection",
}
_INLINE_ACTIONS = {
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of MessageEntity offset/length."""
    return len(text.encode("utf-16-le")) // 2


class ApiError(Exception):
    """An error answer: ``{"ok": false, "error_code", "description", "parameters"?}``."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def _update_id(update: JSON) -> int:
    return int(update["update_id"])


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _too_many(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}",
                    {"retry_after": retry_after})


class ManualClock:
    """A time-travelling clock to inject as ``FakeTelegram(clock=...)``."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class RateLimits:
    """The documented flood limits (https://core.telegram.org/bots/faq)."""

    per_chat_per_second: float = 1.0  # one private chat; short bursts tolerated
    per_chat_burst: int = 3
    global_per_second: int = 30  # across all chats
    group_per_minute: int = 20  # one group (negative chat id)


class RateLimiter:
    """Token bucket per private chat, sliding windows globally and per group."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float]) -> None:
        self.limits = limits
        self.clock = clock
        self._buckets: dict[int, tuple[float, float]] = {}
        self._global: deque[float] = deque()
        self._groups: dict[int, deque[float]] = {}

    def _tokens(self, chat_id: int, now: float) -> float:
        tokens, last = self._buckets.get(chat_id, (float(self.limits.per_chat_burst), now))
        refill = (now - last) * self.limits.per_chat_per_second
        return min(float(self.limits.per_chat_burst), tokens + refill)

    @staticmethod
    def _window(times: deque[float], now: float, size: float, cap: int) -> float:
        while times and times[0] <= now - size:
            times.popleft()
        return times[0] + size - now if len(times) >= cap else 0.0

    def check(self, chat_id: int) -> int | None:
        """Seconds to wait (an int >= 1) if a message to ``chat_id`` now exceeds a limit."""
        now = self.clock()
        waits = [self._window(self._global, now, 1.0, self.limits.global_per_second)]
        if chat_id < 0:
            group = self._groups.setdefault(chat_id, deque())
            waits.append(self._window(group, now, 60.0, self.limits.group_per_minute))
        else:
            tokens = self._tokens(chat_id, now)
            if tokens < 1.0:
                waits.append((1.0 - tokens) / self.limits.per_chat_per_second)
        wait = max(waits)
        return max(1, math.ceil(wait)) if wait > 0 else None

    def record(self, chat_id: int) -> None:
        now = self.clock()
        self._global.append(now)
        if chat_id < 0:
            self._groups.setdefault(chat_id, deque()).append(now)
        else:
            self._buckets[chat_id] = (self._tokens(chat_id, now) - 1.0, now)


@dataclass
class Upload:
    """A file the bot uploaded in a multipart request."""

    filename: str
    content: bytes
    mime_type: str


@dataclass
class StoredFile:
    """A file known to the server, reachable through getFile and the download route."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    mime_type: str | None = None
    filename: str | None = None


@dataclass
class SentMessage:
    """One bot→user message (send* or edit*), as the server answered it."""

    method: str
    chat_id: int | str
    params: JSON
    message: JSON
    time: float
    upload: Upload | None = None

    @property
    def is_edit(self) -> bool:
        return self.method.startswith("edit")

    @property
    def message_id(self) -> int:
        return int(self.message["message_id"])

    @property
    def text(self) -> str | None:
        """Plain text (entities parsed away) or the caption of a media message."""
        return self.message.get("text", self.message.get("caption"))

    @property
    def reply_markup(self) -> JSON | None:
        """The markup the bot sent (inline, reply keyboard, remove or force reply)."""
        markup = self.params.get("reply_markup")
        return markup if isinstance(markup, dict) else None

    @property
    def inline_buttons(self) -> list[tuple[str, str | None]]:
        """Inline buttons flattened row by row as (text, callback_data)."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b.get("text", ""), b.get("callback_data")) for row in rows for b in row]

    @property
    def keyboard_buttons(self) -> list[str]:
        """Texts of a reply keyboard's buttons, flattened."""
        rows = (self.reply_markup or {}).get("keyboard", [])
        return [b if isinstance(b, str) else b.get("text", "") for row in rows for b in row]

    @property
    def requests_contact(self) -> bool:
        rows = (self.reply_markup or {}).get("keyboard", [])
        return any(isinstance(b, dict) and b.get("request_contact") for r in rows for b in r)

    @property
    def removes_keyboard(self) -> bool:
        return bool((self.reply_markup or {}).get("remove_keyboard"))

    @property
    def venue(self) -> JSON | None:
        """Message.venue: {location: {latitude, longitude}, title, address, ...}."""
        return self.message.get("venue")

    @property
    def location(self) -> JSON | None:
        return self.message.get("location")

    @property
    def document(self) -> JSON | None:
        return self.message.get("document")


class _HtmlText(HTMLParser):
    """parse_mode=HTML: the supported tags become entities, anything else is an error."""

    TAGS: ClassVar[dict[str, str]] = {
        "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
        "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
        "del": "strikethrough", "tg-spoiler": "spoiler", "span": "spoiler", "a": "text_link",
        "code": "code", "pre": "pre", "blockquote": "blockquote", "tg-emoji": "custom_emoji",
    }

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self.out: list[str] = []
        self.stack: list[tuple[str, int, dict[str, str | None]]] = []
        self.entities: list[JSON] = []

    def _byte_offset(self) -> int:
        line, col = self.getpos()
        lines = self.raw.split("\n")
        before = "\n".join(lines[: line - 1]) + ("\n" if line > 1 else "")
        return len((before + lines[line - 1][:col]).encode())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.TAGS:
            raise _bad(f'can\'t parse entities: Unsupported start tag "{tag}" '
                       f"at byte offset {self._byte_offset()}")
        self.stack.append((tag, utf16_len("".join(self.out)), dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            raise _bad(f'can\'t parse entities: Unexpected end tag "{tag}" '
                       f"at byte offset {self._byte_offset()}")
        _, start, attrs = self.stack.pop()
        length = utf16_len("".join(self.out)) - start
        if length:
            entity: JSON = {"type": self.TAGS[tag], "offset": start, "length": length}
            if tag == "a":
                entity["url"] = attrs.get("href") or ""
            self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def parse(self) -> tuple[str, list[JSON]]:
        self.feed(self.raw)
        self.close()
        if self.stack:
            raise _bad("can't parse entities: Can't find end tag corresponding to start tag "
                       f'"{self.stack[-1][0]}"')
        return "".join(self.out), sorted(self.entities, key=lambda e: e["offset"])


_MDV2_MARKERS = {"*": "Bold", "_": "Italic", "__": "Underline", "~": "Strikethrough",
                 "||": "Spoiler", "`": "Code"}


def _parse_markdown_v2(raw: str) -> str:
    """parse_mode=MarkdownV2: validates escaping of reserved characters; returns plain text."""
    out: list[str] = []
    open_at: dict[str, int] = {}
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            out.append(raw[i + 1])
            i += 2
            continue
        if "`" in open_at and c != "`":  # inside code everything else is literal
            out.append(c)
            i += 1
            continue
        marker = raw[i:i + 2] if raw[i:i + 2] in ("__", "||") else c
        if marker in _MDV2_MARKERS:
            if marker in open_at:
                del open_at[marker]
            else:
                open_at[marker] = len(raw[:i].encode())
            i += len(marker)
            continue
        if c == "[":
            close = raw.find("](", i)
            end = raw.find(")", close) if close != -1 else -1
            if close == -1 or end == -1:
                raise _bad("can't parse entities: Can't find end of TextUrl entity at byte "
                           f"offset {len(raw[:i].encode())}")
            out.append(_parse_markdown_v2(raw[i + 1:close]))
            i = end + 1
            continue
        if c == ">" and (i == 0 or raw[i - 1] == "\n"):
            i += 1
            continue
        if c in "_*[]()~`>#+-=|{}.!":
            raise _bad(f"can't parse entities: Character '{c}' is reserved and must be "
                       "escaped with the preceding '\\'")
        out.append(c)
        i += 1
    if open_at:
        marker, offset = min(open_at.items(), key=lambda kv: kv[1])
        raise _bad(f"can't parse entities: Can't find end of {_MDV2_MARKERS[marker]} entity "
                   f"at byte offset {offset}")
    return "".join(out)


def parse_text(raw: str, parse_mode: str | None, entities: Any) -> tuple[str, list[JSON]]:
    """Apply parse_mode like the Bot API: returns (plain text, entities)."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _HtmlText(raw).parse()
    if mode == "markdownv2":
        return _parse_markdown_v2(raw), []
    if mode == "markdown":
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", raw)
        return re.sub(r"[*_`]", "", plain), []
    if parse_mode:
        raise _bad(f"unsupported parse_mode {parse_mode!r}")
    return raw, list(entities) if isinstance(entities, list) else []


def _coerce(key: str, value: Any) -> Any:
    """Decode one parameter: form values are strings, non-strings JSON-encoded."""
    if isinstance(value, bytes):
        value = value.decode()
    if not isinstance(value, str):
        return value
    if key in _JSON_PARAMS:
        try:
            return json.loads(value)
        except ValueError:
            if key == "reply_markup":
                raise _bad("can't parse reply keyboard markup JSON object") from None
            raise _bad(f"can't parse {key} JSON object") from None
    if key in _INT_PARAMS:
        try:
            return int(value)
        except ValueError:
            if key == "chat_id" and value.startswith("@"):
                return value
            problem = "chat not found" if key == "chat_id" else f"invalid {key} specified"
            raise _bad(problem) from None
    if key in _FLOAT_PARAMS:
        try:
            return float(value)
        except ValueError:
            raise _bad(f"invalid {key} specified") from None
    if key in _BOOL_PARAMS:
        return value.strip().lower() in ("true", "1")
    return value


def _validate_markup(markup: Any, *, inline_only: bool = False) -> None:
    """InlineKeyboardMarkup / ReplyKeyboardMarkup / ReplyKeyboardRemove / ForceReply."""
    if markup is None:
        return
    cant_parse = _bad("can't parse reply keyboard markup JSON object")
    if not isinstance(markup, dict):
        raise cant_parse
    if len(json.dumps(markup, ensure_ascii=False).encode()) > MARKUP_MAX_BYTES:
        raise _bad("reply markup is too long")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad("can't parse inline keyboard button: field \"inline_keyboard\" of the "
                       "InlineKeyboardMarkup must be an Array of Arrays")
        _check_sizes(rows, INLINE_BUTTONS_MAX, INLINE_ROW_MAX)
        for button in (b for row in rows for b in row):
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise _bad("can't parse inline keyboard button: Field \"text\" must be of "
                           "type String")
            if not button["text"].strip():
                raise _bad("BUTTON_TEXT_EMPTY")
            if not _INLINE_ACTIONS & button.keys():
                raise _bad("can't parse inline keyboard button: Text buttons are unallowed in "
                           "the inline keyboard")
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode()) <= 64:
                    raise _bad("BUTTON_DATA_INVALID")
        return
    if inline_only:
        raise _bad("inline keyboard expected")
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad("field \"keyboard\" of the ReplyKeyboardMarkup must be an Array of "
                       "Arrays")
        _check_sizes(rows, KEYBOARD_BUTTONS_MAX, KEYBOARD_ROW_MAX)
        for button in (b for row in rows for b in row):
            if not isinstance(button, str) and not (
                    isinstance(button, dict) and isinstance(button.get("text"), str)):
                raise _bad("can't parse keyboard button: Field \"text\" must be of type String")
            if not (button if isinstance(button, str) else button["text"]).strip():
                raise _bad("BUTTON_TEXT_EMPTY")
        return
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return
    raise cant_parse


def _check_sizes(rows: list[list[Any]], most: int, per_row: int) -> None:
    """Too many buttons in all, or in one row: the markup is refused."""
    if sum(len(row) for row in rows) > most or any(len(row) > per_row for row in rows):
        raise _bad("reply markup is too long")


def _callback_datas(markup: Any) -> set[str]:
    if not isinstance(markup, dict):
        return set()
    rows = markup.get("inline_keyboard") or []
    return {b["callback_data"] for row in rows for b in row if "callback_data" in b}


MessageRef = JSON | int | SentMessage  # a bot message: dict, record or message_id


class FakeUser:
    """A simulated Telegram user; each action enqueues the Update the bot will receive."""

    def __init__(self, server: FakeTelegram, user_id: int, first_name: str,
                 last_name: str | None, username: str | None,
                 language_code: str | None) -> None:
        self.server = server
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code

    def as_user(self) -> JSON:
        """The User object (`from`)."""
        user: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                user[key] = getattr(self, key)
        return user

    def private_chat(self) -> JSON:
        """The Chat object of the private chat (chat id == user id)."""
        chat: JSON = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name is not None:
            chat["last_name"] = self.last_name
        if self.username is not None:
            chat["username"] = self.username
        return chat

    def _chat(self, chat_id: int | None) -> JSON:
        if chat_id is None or chat_id == self.id:
            return self.server._register_chat(self.private_chat())
        known = self.server.chats.get(chat_id)
        if known is not None:
            return known
        if chat_id > 0:
            chat: JSON = {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        else:
            kind = "supergroup" if chat_id <= -1_000_000_000_000 else "group"
            chat = {"id": chat_id, "type": kind, "title": f"Nhóm {chat_id}"}
        return self.server._register_chat(chat)

    def _message(self, chat: JSON, **content: Any) -> JSON:
        message: JSON = {
            "message_id": self.server._next_message_id(chat["id"]),
            "from": self.as_user(), "chat": chat, "date": int(time.time()),
        }
        message.update({k: v for k, v in content.items() if v is not None})
        self.server._messages[(chat["id"], message["message_id"])] = message
        return message

    def send_text(self, text: str, chat_id: int | None = None) -> JSON:
        """A text message; /commands get bot_command entities (UTF-16 offsets)."""
        entities = [
            {"type": "bot_command", "offset": utf16_len(text[:m.start()]),
             "length": utf16_len(m.group())}
            for m in re.finditer(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?", text)
        ]
        message = self._message(self._chat(chat_id), text=text, entities=entities or None)
        return self.server.enqueue("message", message)

    def send_command(self, cmd: str, args: str = "", chat_id: int | None = None) -> JSON:
        text = "/" + cmd.lstrip("/") + (f" {args}" if args else "")
        return self.send_text(text, chat_id=chat_id)

    def send_in_group(self, text: str, group_chat_id: int = -100123,
                      title: str = "Nhóm Hội nghị") -> JSON:
        self.server._register_chat({"id": group_chat_id, "type": "supergroup", "title": title})
        return self.send_text(text, chat_id=group_chat_id)

    def _resolve(self, message: MessageRef, chat_id: int | None) -> tuple[int, int]:
        if isinstance(message, SentMessage):
            message = message.message
        if isinstance(message, dict):
            return int(message["chat"]["id"]), int(message["message_id"])
        return (self.id if chat_id is None else chat_id), int(message)

    def press(self, message: MessageRef, callback_data: str,
              chat_id: int | None = None) -> JSON:
        """Press an inline button the bot attached to ``message`` (AssertionError if none)."""
        cid, mid = self._resolve(message, chat_id)
        current = self.server._messages.get((cid, mid))
        assert current is not None, f"message {mid} in chat {cid} does not exist (deleted?)"
        available = self.server._buttons.get((cid, mid), set())
        assert callback_data in available, (
            f"message {mid} in chat {cid} has no button with callback_data "
            f"{callback_data!r}; available: {sorted(available)}")
        return self.press_raw(mid, callback_data, chat_id=cid)

    def click(self, message: MessageRef, label: str, chat_id: int | None = None) -> JSON:
        """Press the inline button whose text is ``label``."""
        cid, mid = self._resolve(message, chat_id)
        current = self.server._messages.get((cid, mid)) or {}
        rows = (current.get("reply_markup") or {}).get("inline_keyboard", [])
        for button in (b for row in rows for b in row):
            if button.get("text") == label and "callback_data" in button:
                return self.press_raw(mid, button["callback_data"], chat_id=cid)
        labels = [b.get("text") for row in rows for b in row]
        raise AssertionError(f"no callback button {label!r} on message {mid}; have {labels}")

    def press_raw(self, message_id: int, data: str, chat_id: int | None = None) -> JSON:
        """A callback_query with arbitrary (forged) data, for hostile-client tests."""
        cid = self.id if chat_id is None else chat_id
        message = self.server._messages.get((cid, message_id))
        if message is None:  # InaccessibleMessage
            message = {"chat": self._chat(cid), "message_id": message_id, "date": 0}
        query_id = str(next(self.server._query_ids))
        self.server._callback_queries[query_id] = False
        query = {"id": query_id, "from": self.as_user(), "message": dict(message),
                 "chat_instance": str(-(abs(cid) * 7919 + 104729)), "data": data}
        return self.server.enqueue("callback_query", query)

    def press_detached(self, data: str | None) -> JSON:
        """A callback_query without a message: a button of an inline-mode message
        (inline_message_id), or a game button (data None, game_short_name instead)."""
        query_id = str(next(self.server._query_ids))
        self.server._callback_queries[query_id] = False
        query: JSON = {"id": query_id, "from": self.as_user(), "chat_instance": "42",
                       "inline_message_id": f"BAAAA{query_id[-8:]}"}
        if data is None:
            query["game_short_name"] = "hoinghi"
        else:
            query["data"] = data
        return self.server.enqueue("callback_query", query)

    def send_content(self, **content: Any) -> JSON:
        """A private message with any content (a dice, a voice note, a kind newer than the
        library, a document whose size is only claimed)."""
        return self.server.enqueue("message", self._message(self._chat(None), **content))

    def share_contact(self, phone_number: str, user_id: int | None = None,
                      first_name: str | None = None) -> JSON:
        """message.contact; user_id None = own contact, 0 = contact without user_id."""
        contact: JSON = {"phone_number": phone_number,
                         "first_name": first_name or self.first_name}
        if self.last_name is not None and first_name is None:
            contact["last_name"] = self.last_name
        if user_id != 0:
            contact["user_id"] = self.id if user_id is None else user_id
        return self.server.enqueue("message", self._message(self._chat(None), contact=contact))

    def send_location(self, lat: float, lon: float) -> JSON:
        location = {"latitude": lat, "longitude": lon}
        return self.server.enqueue("message", self._message(self._chat(None), location=location))

    def send_sticker(self) -> JSON:
        stored = self.server._store_file(b"RIFF-webp-sticker", "stickers", ".webp", "image/webp")
        sticker = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                   "type": "regular", "width": 512, "height": 512, "is_animated": False,
                   "is_video": False, "emoji": "👍", "file_size": len(stored.content)}
        return self.server.enqueue("message", self._message(self._chat(None), sticker=sticker))

    def send_photo(self, caption: str | None = None, content: bytes = b"\xff\xd8fake-jpeg") -> JSON:
        stored = self.server._store_file(content, "photos", ".jpg", "image/jpeg")
        photo: list[JSON] = [{"file_id": f"{stored.file_id}_{w}",
                  "file_unique_id": f"{stored.file_unique_id}{w}", "width": w,
                  "height": w * 3 // 4, "file_size": len(content)} for w in (90, 320)]
        photo.append({"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                      "width": 1280, "height": 960, "file_size": len(content)})
        for size in photo[:-1]:
            self.server.files[size["file_id"]] = stored
        message = self._message(self._chat(None), photo=photo, caption=caption)
        return self.server.enqueue("message", message)

    def send_document(self, filename: str, content: bytes,
                      mime_type: str = "application/octet-stream",
                      caption: str | None = None) -> JSON:
        """message.document; the bytes become available through getFile + download."""
        ext = "." + filename.rsplit(".", 1)[1] if "." in filename else ""
        stored = self.server._store_file(content, "documents", ext, mime_type, filename)
        document = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                    "file_name": filename, "mime_type": mime_type, "file_size": len(content)}
        message = self._message(self._chat(None), document=document, caption=caption)
        return self.server.enqueue("message", message)

    def edit_text(self, message_id: int, new_text: str, chat_id: int | None = None) -> JSON:
        """An edited_message update for one of this user's text messages."""
        cid = self.id if chat_id is None else chat_id
        message = self.server._messages.get((cid, message_id))
        assert message is not None and message["from"]["id"] == self.id, (
            f"user {self.id} has no message {message_id} in chat {cid}")
        message.update(text=new_text, edit_date=int(time.time()))
        message.pop("entities", None)
        return self.server.enqueue("edited_message", dict(message))

    def block_bot(self) -> JSON:
        """Block the bot: later sends get 403; a my_chat_member update is delivered."""
        self.server.block(self.id)
        update = {"chat": self.private_chat(), "from": self.as_user(), "date": int(time.time()),
                  "old_chat_member": {"user": BOT_USER, "status": "member"},
                  "new_chat_member": {"user": BOT_USER, "status": "kicked", "until_date": 0}}
        return self.server.enqueue("my_chat_member", update)


def _not_edit(record: SentMessage) -> bool:
    return not record.is_edit


class FakeTelegram(LocalServer):
    """The fake Bot API server. Use as ``async with FakeTelegram() as server:``."""

    _first_update_ids = itertools.count(500_000_001, 1_000_000)

    def __init__(self, token: str = "123:ABC", *, enforce_limits: bool = False,
                 limits: RateLimits | None = None,
                 clock: Callable[[], float] = time.monotonic, seed: int = 0,
                 strict_chats: bool = False, host: str = "127.0.0.1") -> None:
        super().__init__(host)
        self.token = token
        self.enforce_limits = enforce_limits
        self.clock = clock
        self.limiter = RateLimiter(limits or RateLimits(), clock)
        self.strict_chats = strict_chats  # True: unknown chats answer "chat not found"
        self.delay = 0.0
        # Random faults of every method but getUpdates (see `faults_on_polling`): a share of
        # requests answers 500, is dropped (the connection closes unanswered, the request
        # never reached the API) or stalls `stall_seconds` before it is handled (a client
        # that gives up first leaves it unhandled).
        self.fail_ratio = 0.0
        self.drop_ratio = 0.0
        self.stall_ratio = 0.0
        self.stall_seconds = 6.0
        self.faults_on_polling = False
        self.dropped = 0
        self.stalled = 0
        # True: updates of every kind are delivered, whatever allowed_updates says (a hostile
        # or future server), to test how the bot copes with kinds it did not ask for.
        self.ignore_allowed_updates = False
        # Every error answer: (method, status, description), for a test to show what failed.
        self.errors: list[tuple[str, int, str]] = []
        self.random = random.Random(seed)
        self._sent_log: SentLog[SentMessage] = SentLog()
        self.sent = self._sent_log.records
        self.requests: list[tuple[str, JSON]] = []
        self.status_counts: Counter[int] = Counter()
        self.chat_actions: list[tuple[int | str, str]] = []
        self.callback_answers: dict[str, JSON] = {}
        self.blocked: set[int] = set()
        self.chats: dict[int, JSON] = {}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.menus_changed = asyncio.Event()
        self.webhook: JSON = {}
        self._webhook = WebhookSender(WEBHOOK_SECRET_HEADER)
        self.webhook_posts: list[WebhookPost] = self._webhook.posts
        self._proxy: Callable[[], str] | None = None
        self.logged_out = False
        self._faults: FaultQueue[ApiError] = FaultQueue(drop_empty=False)
        self._updates: list[JSON] = []
        # a server started again goes on with the bot's update ids, as Telegram does: the
        # bot keeps the ids it took in (bot/runtime/inbound.py)
        self._update_ids = itertools.count(next(FakeTelegram._first_update_ids))
        self._last_enqueued = 0
        self._in_order = True  # _updates sorted by update_id (ids are handed out in order)
        self._last_delivered = 0
        self._allowed_updates: list[str] = []
        self._update_event = asyncio.Event()
        # set on every recorded message and on every getUpdates batch handed out
        self._sent_event = self._sent_log.event
        self._poller: web.Request | None = None
        self._poll_cancel = asyncio.Event()
        self._closing = False
        self._message_ids: dict[int | str, int] = {}
        self._messages: dict[tuple[int | str, int], JSON] = {}
        self._buttons: dict[tuple[int | str, int], set[str]] = {}
        self._callback_queries: dict[str, bool] = {}
        self._query_ids = itertools.count(4_170_000_000_000_000_001)
        self._file_seq = itertools.count(1)
        self._handlers: dict[str, Callable[..., Any]] = {
            name: getattr(self, "_m_" + name) for name in (
                "getMe", "setWebhook", "deleteWebhook", "getWebhookInfo",
                "sendMessage", "sendVenue", "sendLocation", "sendPhoto", "sendDocument",
                "answerCallbackQuery", "editMessageText", "editMessageReplyMarkup",
                "deleteMessage", "setMyCommands", "getMyCommands", "deleteMyCommands",
                "sendChatAction", "getFile", "close", "logOut")
        }
        self._by_lower = {name.lower(): name for name in [*self._handlers, "getUpdates"]}

    # ----------------------------------------------------------------- lifecycle
    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._download)
        return app

    async def start(self) -> None:
        await super().start()
        await self._webhook.open()

    async def stop(self) -> None:
        self._closing = True
        self._poll_cancel.set()
        self._update_event.set()
        await self._webhook.close()
        await super().stop()

    @property
    def base_url(self) -> str:
        """Pass as ``telegram.Bot(token, base_url=...)``; the client appends the token."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    # ------------------------------------------------------------ test controls
    def user(self, user_id: int = 1001, first_name: str = "Nguyễn Văn An",
             username: str | None = None, language_code: str | None = "vi",
             last_name: str | None = None) -> FakeUser:
        return FakeUser(self, user_id, first_name, last_name, username, language_code)

    def block(self, chat_id: int) -> None:
        """Sending to ``chat_id`` now answers 403 (user blocked the bot / bot kicked)."""
        self.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.blocked.discard(chat_id)

    def fail_next(self, n: int = 1, status: int = 500, *, skip: int = 0,
                  methods: Collection[str] | None = None) -> None:
        """The next ``n`` requests (after ``skip``) answer ``status``.

        ``methods=None`` targets every method except getUpdates (so a polling bot
        does not swallow the fault); name methods explicitly to include getUpdates.
        """
        self._faults.add(n, ApiError(status, status_phrase(status)), methods, skip)

    def force_429(self, n_requests: int = 1, retry_after: int = 5, *, skip: int = 0,
                  methods: Collection[str] | None = None) -> None:
        """The next ``n_requests`` (after ``skip``) answer 429 with ``retry_after``."""
        self._faults.add(n_requests, _too_many(retry_after), methods, skip)

    def enqueue(self, kind: str, payload: JSON) -> JSON:
        """Queue ``{"update_id": next, kind: payload}`` for getUpdates."""
        return self.enqueue_raw({kind: payload})

    def enqueue_raw(self, update: JSON) -> JSON:
        """Queue an arbitrary (possibly hostile) update; update_id is added if missing."""
        update = json.loads(json.dumps(update))  # a snapshot: later edits don't leak in
        update.setdefault("update_id", next(self._update_ids))
        self._append_update(update)
        self._update_event.set()
        self._kick_webhook()
        return update

    def enqueue_backlog(self, updates: Iterable[JSON]) -> int:
        """Queue many fresh updates at once, cheaply (no snapshot: the caller made them for
        this); each gets the next update_id. Returns how many were queued."""
        count = 0
        for update in updates:
            update["update_id"] = next(self._update_ids)
            self._append_update(update)
            count += 1
        self._update_event.set()
        self._kick_webhook()
        return count

    def _append_update(self, update: JSON) -> None:
        update_id = int(update["update_id"])
        if self._updates and update_id < self._updates[-1]["update_id"]:
            self._in_order = False  # a hand-made id: sorted again before the next delivery
        self._last_enqueued = max(self._last_enqueued, update_id)
        self._updates.append(update)

    def forward_webhook(self, target: Callable[[], str]) -> None:
        """The reverse proxy: a POST to the webhook's public address goes to ``target()``
        (e.g. ``http://127.0.0.1:8443``, asked at each POST) plus the address's path."""
        self._proxy = target
        self._kick_webhook()

    async def post_webhook(self, update: JSON, secret: str | None,
                           timeout: float = 5.0) -> int:  # noqa: ASYNC109
        """POST ``update`` as is to the webhook, with ``secret`` in the header (none when
        None), like Telegram or a forger would; returns the HTTP status."""
        post = await self._webhook.post(self._forwarded(), update, secret, timeout)
        if post.status is None:
            raise ConnectionError(f"webhook {post.url} unreachable: {post.error}")
        return post.status

    @property
    def pending_updates(self) -> list[JSON]:
        return list(self._updates)

    async def wait_delivered(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until getUpdates has handed out every update enqueued so far."""
        async with asyncio.timeout(timeout):
            while self._last_delivered < self._last_enqueued:
                self._sent_event.clear()
                await self._sent_event.wait()

    async def wait_confirmed(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has confirmed (by getUpdates offset) every update enqueued so
        far: it has taken them all in, though it may still be handling them."""
        async with asyncio.timeout(timeout):
            while self._updates:  # confirmed ones leave, as do kinds the bot did not ask for
                self._sent_event.clear()
                await self._sent_event.wait()

    def messages_to(self, chat_id: int | str, include_edits: bool = False) -> list[SentMessage]:
        return self._sent_log.to(chat_id, None if include_edits else _not_edit)

    def current(self, chat_id: int | str, message_id: int) -> JSON | None:
        """The message as it is now (after edits), None once deleted."""
        return self._messages.get((chat_id, message_id))

    async def wait_for(
        self, chat_id: int | str, count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109
        predicate: Callable[[SentMessage], bool] | None = None,
        include_edits: bool = False,
    ) -> list[SentMessage]:
        """Wait for ``count`` matching messages to ``chat_id`` and consume them.

        Messages already returned by an earlier wait_for on that chat (or skipped over
        by it) are not counted again, so a reply that arrived before the call still
        counts. Raises AssertionError (listing what did arrive) on timeout."""
        return await self._sent_log.wait_for(
            chat_id, count, timeout, predicate, None if include_edits else _not_edit)

    # ---------------------------------------------------------------- internals
    def _forwarded(self) -> str:
        url = str(self.webhook.get("url") or "")
        assert url and self._proxy is not None, "no webhook set, or no forward_webhook()"
        parts = urllib.parse.urlsplit(url)
        return self._proxy().rstrip("/") + (parts.path or "/") + (
            f"?{parts.query}" if parts.query else "")

    def _kick_webhook(self) -> None:
        if self.webhook.get("url") and self._proxy and self._updates and not self._closing:
            self._webhook.pump(self._pump_webhook)

    async def _pump_webhook(self) -> None:
        """Deliver queued updates one by one, in update_id order; a failed POST is tried
        again after a short pause, at most WEBHOOK_ATTEMPTS times."""
        failures = 0
        while self.webhook.get("url") and not self._closing and (batch := self._deliverable()):
            update = batch[0]
            post = await self._webhook.post(self._forwarded(), update,
                                            self.webhook.get("secret_token"), 5.0)
            ok = post.status is not None and 200 <= post.status < 300
            failures = 0 if ok else failures + 1
            if ok or failures >= WEBHOOK_ATTEMPTS:
                self._updates.remove(update)
                self._last_delivered = max(self._last_delivered, update["update_id"])
                self._sent_event.set()
                failures = 0
            else:
                await asyncio.sleep(0.05 * failures)

    def _register_chat(self, chat: JSON) -> JSON:
        self.chats[chat["id"]] = chat
        return chat

    def _chat_for(self, chat_id: Any) -> JSON:
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if chat_id in self.chats:
            return self.chats[chat_id]
        if self.strict_chats or not isinstance(chat_id, int):
            raise _bad("chat not found")
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        kind = "supergroup" if chat_id <= -1_000_000_000_000 else "group"
        return {"id": chat_id, "type": kind, "title": f"Chat {chat_id}"}

    def _next_message_id(self, chat_id: int | str) -> int:
        self._message_ids[chat_id] = self._message_ids.get(chat_id, 0) + 1
        return self._message_ids[chat_id]

    def _store_file(self, content: bytes, folder: str, ext: str, mime: str | None,
                    filename: str | None = None) -> StoredFile:
        n = next(self._file_seq)
        prefix = {"documents": "BQAC", "photos": "AgAC", "stickers": "CAAC"}.get(folder, "BAAC")
        stored = StoredFile(f"{prefix}AgIAAxkBAAI{n:06d}", f"AgAD{n:06d}",
                            f"{folder}/file_{n}{ext}", content, mime, filename)
        self.files[stored.file_id] = stored
        return stored

    def _take_fault(self, method: str) -> ApiError | None:
        fault = self._faults.take(method)
        if fault is not None:
            return fault
        if self._random_fault(method, self.fail_ratio):
            return ApiError(500, "Internal Server Error")
        return None

    def _random_fault(self, method: str, ratio: float) -> bool:
        if not ratio or (method == "getUpdates" and not self.faults_on_polling):
            return False
        return self.random.random() < ratio

    def _reply(self, status: int, body: JSON) -> web.Response:
        self.status_counts[status] += 1
        return web.json_response(body, status=status)

    def _error(self, error: ApiError, method: str = "") -> web.Response:
        self.errors.append((method, error.status, error.description))
        body: JSON = {"ok": False, "error_code": error.status, "description": error.description}
        if error.parameters:
            body["parameters"] = error.parameters
        return self._reply(error.status, body)

    async def _decode(self, request: web.Request) -> tuple[JSON, dict[str, Upload]]:
        """Merge query string and body (JSON, urlencoded or multipart) into params."""
        raw: JSON = dict(request.query)
        files: dict[str, Upload] = {}
        if request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise _bad("can't parse JSON request body") from None
                if not isinstance(body, dict):
                    raise _bad("request body must be a JSON object")
                raw.update(body)
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        files[key] = Upload(value.filename, value.file.read(),
                                            value.content_type)
                    else:
                        raw[key] = value
        return {key: _coerce(key, value) for key, value in raw.items()}, files

    async def _handle(self, request: web.Request) -> web.Response:
        try:
            params, files = await self._decode(request)
        except ApiError as error:
            return self._error(error)
        method = self._by_lower.get(request.match_info["method"].lower())
        self.requests.append((method or request.match_info["method"], params))
        if request.match_info["token"] != self.token:
            return self._error(ApiError(401, "Unauthorized"))
        if method is None:
            return self._error(ApiError(404, "Not Found"))
        if self.delay:
            await asyncio.sleep(self.delay)
        if self._random_fault(method, self.drop_ratio):
            self.dropped += 1
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError  # nothing handled, nothing answered
        if self._random_fault(method, self.stall_ratio):
            self.stalled += 1
            await asyncio.sleep(self.stall_seconds)  # cancelled if the client gives up
        fault = self._take_fault(method)
        if fault is not None:
            return self._error(fault, method)
        try:
            chat_id = params.get("chat_id")
            if isinstance(chat_id, int) and chat_id in self.blocked:
                raise ApiError(403, self._forbidden(chat_id))
            if self.enforce_limits and method in _SEND_METHODS and isinstance(chat_id, int):
                retry_after = self.limiter.check(chat_id)
                if retry_after is not None:
                    raise _too_many(retry_after)
            if method == "getUpdates":
                result = await self._get_updates(request, params)
            else:
                result = self._handlers[method](params, files)
        except ApiError as error:
            return self._error(error, method)
        return self._reply(200, {"ok": True, "result": result})

    def _forbidden(self, chat_id: int) -> str:
        if chat_id > 0:
            return "Forbidden: bot was blocked by the user"
        kind = self.chats.get(chat_id, {}).get("type", "group")
        return f"Forbidden: bot was kicked from the {kind} chat"

    async def _download(self, request: web.Request) -> web.StreamResponse:
        """``/file/bot<token>/<file_path>`` serves bytes registered by simulated users."""
        path = request.match_info["path"]
        stored = next((f for f in self.files.values() if f.file_path == path), None)
        if request.match_info["token"] != self.token or stored is None:
            return self._error(ApiError(404, "Not Found"))
        return web.Response(body=stored.content,
                            content_type=stored.mime_type or "application/octet-stream")

    # ------------------------------------------------------------------ updates
    async def _get_updates(self, request: web.Request, p: JSON) -> list[JSON]:
        """Long polling: confirm by offset, wait up to ``timeout`` seconds, one poller."""
        if self.webhook.get("url"):
            raise ApiError(409, WEBHOOK_CONFLICT)
        if self._poller is not None:
            transport = self._poller.transport
            if transport is not None and not transport.is_closing():
                raise ApiError(409, POLL_CONFLICT)
            self._poll_cancel.set()  # the previous client went away; take over
            self._update_event.set()
        if isinstance(p.get("allowed_updates"), list):
            self._allowed_updates = list(p["allowed_updates"])
        offset = int(p.get("offset") or 0)
        if offset > 0:
            self._sort_updates()
            del self._updates[:bisect.bisect_left(self._updates, offset, key=_update_id)]
            self._sent_event.set()
        elif offset < 0:
            self._updates = self._updates[offset:]
        limit = min(100, max(1, int(p.get("limit") or 100)))
        cancel = self._poll_cancel = asyncio.Event()
        self._poller = request
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0, int(p.get("timeout") or 0))
        try:
            while True:
                batch = self._deliverable(limit)
                remaining = deadline - loop.time()
                if batch or cancel.is_set() or self._closing or remaining <= 0:
                    break
                await wait_set(self._update_event, remaining)
        finally:
            if self._poller is request:
                self._poller = None
        if batch:
            self._last_delivered = max(self._last_delivered, batch[-1]["update_id"])
            self._sent_event.set()
        return batch

    def _deliverable(self, limit: int | None = None) -> list[JSON]:
        """Pending updates in update_id order (the first `limit` of them); types not allowed
        are dropped on the way."""
        allowed = set(self._allowed_updates)

        def ok(update: JSON) -> bool:
            kind = next((k for k in update if k != "update_id"), "")
            if self.ignore_allowed_updates:
                return True
            return kind in allowed if allowed else kind not in _OPT_IN_UPDATES

        self._sort_updates()
        batch: list[JSON] = []
        index = 0
        while index < len(self._updates) and (limit is None or len(batch) < limit):
            if ok(self._updates[index]):
                batch.append(self._updates[index])
                index += 1
            else:
                del self._updates[index]
        return batch

    def _sort_updates(self) -> None:
        if not self._in_order:
            self._updates.sort(key=_update_id)
            self._in_order = True

    def _m_setWebhook(self, p: JSON, files: dict[str, Upload]) -> bool:
        if p.get("drop_pending_updates"):
            self._updates.clear()
        url = p.get("url") or ""
        if url and not url.startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise _bad("secret token contains unallowed characters")
        self.webhook = {"url": url, "secret_token": secret,
                        "allowed_updates": p.get("allowed_updates"),
                        "max_connections": p.get("max_connections", 40)}
        if isinstance(p.get("allowed_updates"), list):
            self._allowed_updates = list(p["allowed_updates"])
        self._poll_cancel.set()
        self._update_event.set()
        asyncio.get_running_loop().call_soon(self._kick_webhook)  # after this answer
        return True

    def _m_deleteWebhook(self, p: JSON, files: dict[str, Upload]) -> bool:
        if p.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = {}
        return True

    def _m_getWebhookInfo(self, p: JSON, files: dict[str, Upload]) -> JSON:
        info: JSON = {"url": self.webhook.get("url", ""), "has_custom_certificate": False,
                      "pending_update_count": len(self._updates)}
        if info["url"]:
            info["max_connections"] = self.webhook.get("max_connections", 40)
            if self.webhook.get("allowed_updates"):
                info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    # ---------------------------------------------------------------- messages
    def _new_message(self, method: str, p: JSON, upload: Upload | None = None,
                     **content: Any) -> JSON:
        """Build, store and record a bot message: from = the bot, message_id per chat."""
        chat = self._chat_for(p.get("chat_id"))
        markup = p.get("reply_markup")
        _validate_markup(markup)
        reply_to = p.get("reply_to_message_id")
        reply_params = p.get("reply_parameters")
        if isinstance(reply_params, dict):
            reply_to = reply_params.get("message_id")
        message: JSON = {"message_id": 0, "from": BOT_USER, "chat": chat,
                         "date": int(time.time())}
        if reply_to:
            original = self._messages.get((chat["id"], int(reply_to)))
            lenient = p.get("allow_sending_without_reply") or (
                isinstance(reply_params, dict) and reply_params.get("allow_sending_without_reply"))
            if original is None and not lenient:
                raise _bad("message to be replied not found")
            if original is not None:
                message["reply_to_message"] = {k: v for k, v in original.items()
                                               if k != "reply_to_message"}
        message.update({k: v for k, v in content.items() if v not in (None, [])})
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # Message.reply_markup is inline-only
        message["message_id"] = self._next_message_id(chat["id"])
        key = (chat["id"], message["message_id"])
        self._messages[key] = message
        self._buttons[key] = _callback_datas(markup)
        self._record(method, chat["id"], p, message, upload)
        return message

    def _record(self, method: str, chat_id: int | str, p: JSON, message: JSON,
                upload: Upload | None = None) -> None:
        self._sent_log.append(SentMessage(method, chat_id, p, json.loads(json.dumps(message)),
                                          self.clock(), upload))
        if self.enforce_limits and isinstance(chat_id, int):
            self.limiter.record(chat_id)

    def _caption(self, p: JSON) -> tuple[str | None, list[JSON]]:
        if p.get("caption") is None:
            return None, []
        caption, entities = parse_text(str(p["caption"]), p.get("parse_mode"),
                                       p.get("caption_entities"))
        if utf16_len(caption) > CAPTION_MAX:
            raise _bad("message caption is too long")
        return caption, entities

    @staticmethod
    def _text(p: JSON) -> tuple[str, list[JSON]]:
        text, entities = parse_text(str(p.get("text") or ""), p.get("parse_mode"),
                                    p.get("entities"))
        if not text.strip():
            raise _bad("message text is empty")
        if utf16_len(text) > MESSAGE_MAX:
            raise _bad("message is too long")
        return text, entities

    def _m_getMe(self, p: JSON, files: dict[str, Upload]) -> JSON:
        return dict(BOT_USER)

    def _m_sendMessage(self, p: JSON, files: dict[str, Upload]) -> JSON:
        self._chat_for(p.get("chat_id"))
        text, entities = self._text(p)
        return self._new_message("sendMessage", p, text=text, entities=entities)

    @staticmethod
    def _location(p: JSON) -> JSON:
        for key in ("latitude", "longitude"):
            if p.get(key) is None or p.get(key) == "":
                raise _bad(f"{key} is empty")
        lat, lon = float(p["latitude"]), float(p["longitude"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise _bad("invalid location specified")
        return {"latitude": lat, "longitude": lon}

    def _m_sendLocation(self, p: JSON, files: dict[str, Upload]) -> JSON:
        location = self._location(p)
        if p.get("live_period"):
            location["live_period"] = p["live_period"]
        return self._new_message("sendLocation", p, location=location)

    def _m_sendVenue(self, p: JSON, files: dict[str, Upload]) -> JSON:
        location = self._location(p)
        for key in ("title", "address"):
            if p.get(key) is None:
                raise _bad(f'parameter "{key}" is required')
        venue: JSON = {"location": location, "title": str(p["title"]),
                       "address": str(p["address"])}
        for key in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
            if p.get(key):
                venue[key] = p[key]
        return self._new_message("sendVenue", p, venue=venue, location=location)

    def _input_file(self, p: JSON, files: dict[str, Upload], name: str, folder: str,
                    ext: str) -> tuple[StoredFile, Upload | None]:
        """An InputFile: multipart upload, ``attach://<part>``, a file_id or an HTTP URL."""
        upload = files.get(name)
        value = p.get(name)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://"):])
        if upload is not None:
            if not upload.content:
                raise _bad("file must be non-empty")
            suffix = "." + upload.filename.rsplit(".", 1)[1] if "." in upload.filename else ext
            return self._store_file(upload.content, folder, suffix, upload.mime_type,
                                    upload.filename), upload
        if not value:
            raise _bad(f"there is no {name} in the request")
        if isinstance(value, str) and value in self.files:
            return self.files[value], None
        if isinstance(value, str) and re.match(r"https?://", value):
            name_part = value.rsplit("/", 1)[-1] or "file"
            return self._store_file(b"", folder, ext, None, name_part), None
        raise _bad("wrong file identifier/HTTP URL specified")

    def _m_sendPhoto(self, p: JSON, files: dict[str, Upload]) -> JSON:
        self._chat_for(p.get("chat_id"))
        caption, entities = self._caption(p)
        stored, upload = self._input_file(p, files, "photo", "photos", ".jpg")
        photo = [{"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                  "width": 1280, "height": 960, "file_size": len(stored.content)}]
        return self._new_message("sendPhoto", p, upload, photo=photo, caption=caption,
                                 caption_entities=entities)

    def _m_sendDocument(self, p: JSON, files: dict[str, Upload]) -> JSON:
        self._chat_for(p.get("chat_id"))
        caption, entities = self._caption(p)
        stored, upload = self._input_file(p, files, "document", "documents", "")
        document: JSON = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                          "file_size": len(stored.content)}
        if stored.filename:
            document["file_name"] = stored.filename
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        return self._new_message("sendDocument", p, upload, document=document,
                                 caption=caption, caption_entities=entities)

    def _m_answerCallbackQuery(self, p: JSON, files: dict[str, Upload]) -> bool:
        query_id = str(p.get("callback_query_id") or "")
        if self._callback_queries.get(query_id, True):  # unknown or already answered
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        self._callback_queries[query_id] = True
        self.callback_answers[query_id] = p
        return True

    def _editable(self, p: JSON) -> tuple[tuple[int | str, int], JSON]:
        if p.get("inline_message_id"):
            raise _bad("MESSAGE_ID_INVALID")
        chat = self._chat_for(p.get("chat_id"))
        key = (chat["id"], int(p.get("message_id") or 0))
        message = self._messages.get(key)
        if message is None:
            raise _bad("message to edit not found")
        if message["from"]["id"] != BOT_USER["id"]:
            raise _bad("message can't be edited")
        return key, message

    def _apply_edit(self, method: str, p: JSON, key: tuple[int | str, int], message: JSON,
                    changes: JSON) -> JSON:
        markup = p.get("reply_markup")
        _validate_markup(markup, inline_only=True)
        new = {**message, **changes}
        new.pop("reply_markup", None)  # editing without reply_markup removes the keyboard
        if isinstance(markup, dict) and markup.get("inline_keyboard"):
            new["reply_markup"] = markup
        if not new.get("entities"):
            new.pop("entities", None)
        if {k: v for k, v in new.items() if k != "edit_date"} == {
                k: v for k, v in message.items() if k != "edit_date"}:
            raise _bad(NOT_MODIFIED)
        new["edit_date"] = int(time.time())
        self._messages[key] = new
        self._buttons[key] = _callback_datas(markup)
        self._sent_log.append(SentMessage(method, key[0], p, json.loads(json.dumps(new)),
                                          self.clock()))
        return new

    def _m_editMessageText(self, p: JSON, files: dict[str, Upload]) -> JSON:
        key, message = self._editable(p)
        text, entities = self._text(p)
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        return self._apply_edit("editMessageText", p, key, message,
                                {"text": text, "entities": entities})

    def _m_editMessageReplyMarkup(self, p: JSON, files: dict[str, Upload]) -> JSON:
        key, message = self._editable(p)
        return self._apply_edit("editMessageReplyMarkup", p, key, message, {})

    def _m_deleteMessage(self, p: JSON, files: dict[str, Upload]) -> bool:
        chat = self._chat_for(p.get("chat_id"))
        key = (chat["id"], int(p.get("message_id") or 0))
        if self._messages.pop(key, None) is None:
            raise _bad("message to delete not found")
        self._buttons.pop(key, None)
        return True

    def _scope_key(self, p: JSON) -> tuple[str, str]:
        """A BotCommandScope as documented: one of seven types; the chat ones name a chat the
        bot knows (a user's private chat, or a group), chat_member a user too."""
        scope = p.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _SCOPE_TYPES:
            raise _bad("can't parse BotCommandScope JSON object")
        kind = scope["type"]
        key: JSON = {"type": kind}
        if kind in ("chat", "chat_administrators", "chat_member"):
            key["chat_id"] = self._chat_for(scope.get("chat_id"))["id"]
            if kind != "chat" and key["chat_id"] > 0:
                raise _bad("BOT_COMMAND_SCOPE_INVALID: not a group chat")
        if kind == "chat_member":
            key["user_id"] = int(scope.get("user_id") or 0)
        return json.dumps(key, sort_keys=True), str(p.get("language_code") or "")

    def menu_of(self, chat_id: int, language_code: str = "") -> list[str]:
        """The commands a user sees in their private chat with the bot, found as the Bot API
        documents: the chat's scope, then all private chats, then the default, each with the
        user's language first."""
        for scope in (
            {"type": "chat", "chat_id": chat_id},
            {"type": "all_private_chats"},
            {"type": "default"},
        ):
            for language in dict.fromkeys((language_code, "")):
                found = self.commands.get((json.dumps(scope, sort_keys=True), language))
                if found:
                    return [str(command["command"]) for command in found]
        return []

    def _m_setMyCommands(self, p: JSON, files: dict[str, Upload]) -> bool:
        commands = p.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("can't parse commands JSON object")
        for command in commands:
            name = command.get("command", "") if isinstance(command, dict) else ""
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(name)):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad("command description is empty" if not command.get("description")
                           else "BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._scope_key(p)] = commands
        self.menus_changed.set()
        return True

    def _m_getMyCommands(self, p: JSON, files: dict[str, Upload]) -> list[JSON]:
        return list(self.commands.get(self._scope_key(p), []))

    def _m_deleteMyCommands(self, p: JSON, files: dict[str, Upload]) -> bool:
        self.commands.pop(self._scope_key(p), None)
        self.menus_changed.set()
        return True

    async def wait_menu(
        self, chat_id: int, wanted: Callable[[list[str]], bool], timeout: float = 5.0  # noqa: ASYNC109
    ) -> list[str]:
        """The menu of a private chat once ``wanted`` accepts it (the bot sets menus beside
        its replies, so they may come a moment after)."""
        async with asyncio.timeout(timeout):
            while not wanted(menu := self.menu_of(chat_id)):
                self.menus_changed.clear()
                await self.menus_changed.wait()
        return menu

    def _m_sendChatAction(self, p: JSON, files: dict[str, Upload]) -> bool:
        chat = self._chat_for(p.get("chat_id"))
        if p.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self.chat_actions.append((chat["id"], str(p["action"])))
        return True

    def _m_getFile(self, p: JSON, files: dict[str, Upload]) -> JSON:
        stored = self.files.get(str(p.get("file_id") or ""))
        if stored is None:
            raise _bad("invalid file_id")
        result: JSON = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                        "file_size": len(stored.content)}
        if len(stored.content) > DOWNLOAD_MAX_BYTES:
            raise _bad("file is too big")
        result["file_path"] = stored.file_path
        return result

    def _m_close(self, p: JSON, files: dict[str, Upload]) -> bool:
        return True

    def _m_logOut(self, p: JSON, files: dict[str, Upload]) -> bool:
        self.logged_out = True
        return True
