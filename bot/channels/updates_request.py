"""The getUpdates request of the Telegram channel: each page kept before it is confirmed, and
the body decoded once.

Each page with updates is handed to `keep` (the inbound store) before the updater sees it, and
so before the next getUpdates confirms it; what `keep` answers replaces the page. The Telegram
channel answers with the update ids alone and reads what they hold itself: python-telegram-bot
has nothing it could fail to read (an update it could not read, as with a Bot API newer or
older than the library, failed the whole batch, which the updater then asked for again,
forever). A page asked for again is kept again: what was kept at the first asking comes out as
ids too, and its content still waits in the channel.

The body is decoded once, here (with python-telegram-bot's own decoding, since `keep` is
awaited and the library's decoding step is not), and the library is given what was decoded
(this request class serves getUpdates alone)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import TelegramError
from telegram.request import BaseRequest, RequestData

from bot.channels.aiohttp_request import AiohttpRequest

Page = list[dict[str, Any]]
Keep = Callable[[Page], Awaitable[Page]]


class UpdatesRequest(AiohttpRequest):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.keep: Keep | None = None  # a page in, the page to hand out instead
        self._decoded: tuple[bytes, JSONDict] | None = None  # the last body, and its reading

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *timeouts: Any,
        **named_timeouts: Any,
    ) -> tuple[int, bytes]:
        status, body = await super().do_request(
            url, method, request_data, *timeouts, **named_timeouts
        )
        if status != 200 or not url.endswith("/getUpdates"):
            return status, body
        try:
            answer = BaseRequest.parse_json_payload(body)
        except TelegramError:  # not JSON: the library says so when it reads it
            return status, body
        updates = answer.get("result")
        if not isinstance(updates, list):
            return status, body
        if updates and self.keep is not None:  # raising: not handed out, asked again
            answer["result"] = await self.keep(updates)
        self._decoded = (body, answer)
        return status, body

    def parse_json_payload(self, payload: bytes) -> JSONDict:  # type: ignore[override]
        """What `do_request` decoded from this very body; any other body, decoded now."""
        decoded, self._decoded = self._decoded, None
        if decoded is not None and decoded[0] is payload:
            return decoded[1]
        return BaseRequest.parse_json_payload(payload)
