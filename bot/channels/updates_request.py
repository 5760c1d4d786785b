"""The getUpdates request, proof against an update python-telegram-bot cannot read.

The library reads a whole batch of updates at once; one it cannot read (a field it requires
missing, as with a Bot API newer or older than the library) fails the batch, and the updater
asks for the same batch again, forever: the bot hears nothing more. When the same offset is
asked for again after a batch was handed out, each update of the answer is read on its own
here and one that cannot be read becomes an empty update with its update_id, so that it is
confirmed and passed over, with a log line. In the normal course nothing is read twice.

Each page with updates is handed to `keep` (the inbound store) before the updater sees it, and
so before the next getUpdates confirms it; what `keep` answers replaces the page. A page asked
for again was kept at the first asking and handed to no handler: it goes out as it is.

The body is decoded once, here (with python-telegram-bot's own decoding, since `keep` is
awaited and the library's decoding step is not), and the library is given what was decoded
(this request class serves getUpdates alone)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram._utils.types import JSONDict
from telegram.error import TelegramError
from telegram.request import BaseRequest, RequestData

from bot.channels.aiohttp_request import AiohttpRequest

log = logging.getLogger(__name__)
NOT_YET = object()
Page = list[dict[str, Any]]
Keep = Callable[[Page], Awaitable[Page | None]]


class UpdatesRequest(AiohttpRequest):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._handed_out_at: object = NOT_YET  # the offset of the last batch with updates
        self.keep: Keep | None = None  # a page in; None, or the page to hand out instead
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
        offset = request_data.parameters.get("offset") if request_data else None
        if status != 200 or not url.endswith("/getUpdates"):
            return status, body
        again, self._handed_out_at = offset == self._handed_out_at, NOT_YET
        try:
            answer = BaseRequest.parse_json_payload(body)
        except TelegramError:  # not JSON: the library says so when it reads it
            return status, body
        updates = answer.get("result")
        if not isinstance(updates, list):
            return status, body
        if again and updates:  # kept at the first asking, and handed out to none
            answer["result"] = [_readable(update) for update in updates]
        elif updates and self.keep is not None:  # raising: not handed out, asked again
            kept = await self.keep(updates)
            if kept is not None:
                answer["result"] = kept
        if updates:
            self._handed_out_at = offset
        self._decoded = (body, answer)
        return status, body

    def parse_json_payload(self, payload: bytes) -> JSONDict:  # type: ignore[override]
        """What `do_request` decoded from this very body; any other body, decoded now."""
        decoded, self._decoded = self._decoded, None
        if decoded is not None and decoded[0] is payload:
            return decoded[1]
        return BaseRequest.parse_json_payload(payload)


def _readable(update: JSONDict) -> JSONDict:
    try:
        Update.de_json(update, None)
    except Exception as error:
        log.warning(
            "passed over update %s, which python-telegram-bot cannot read: %r",
            update.get("update_id"),
            error,
        )
        return {"update_id": update.get("update_id")}
    return update
