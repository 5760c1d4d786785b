"""The getUpdates request, proof against an update python-telegram-bot cannot read.

The library reads a whole batch of updates at once; one it cannot read (a field it requires
missing, as with a Bot API newer or older than the library) fails the batch, and the updater
asks for the same batch again, forever: the bot hears nothing more. When the same offset is
asked for again after a batch was handed out, each update of the answer is read on its own
here and one that cannot be read becomes an empty update with its update_id, so that it is
confirmed and passed over, with a log line. In the normal course nothing is read twice: the
body is decoded once, by python-telegram-bot, and the check works on what it decoded
(this request class serves getUpdates alone)."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram._utils.types import JSONDict
from telegram.request import BaseRequest, RequestData

from bot.channels.aiohttp_request import AiohttpRequest

log = logging.getLogger(__name__)
NOT_YET = object()


class UpdatesRequest(AiohttpRequest):
    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._handed_out_at: object = NOT_YET  # the offset of the last batch with updates
        self._asked: object = None  # the offset of the request being answered

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *timeouts: Any,
        **named_timeouts: Any,
    ) -> tuple[int, bytes]:
        self._asked = request_data.parameters.get("offset") if request_data else None
        return await super().do_request(url, method, request_data, *timeouts, **named_timeouts)

    def parse_json_payload(self, payload: bytes) -> JSONDict:  # type: ignore[override]
        """python-telegram-bot's own decoding of the answer (the body is decoded once), then a
        batch handed out again checked update by update."""
        answer = BaseRequest.parse_json_payload(payload)
        updates = answer.get("result")
        if not isinstance(updates, list):  # an error's answer
            return answer
        again, self._handed_out_at = self._asked == self._handed_out_at, NOT_YET
        if updates:
            self._handed_out_at = self._asked
        if again and updates:
            answer["result"] = [_readable(update) for update in updates]
        return answer


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
