"""python-telegram-bot's HTTP requests over aiohttp instead of httpx.

Measured in bench/updates.py: httpcore's connection pool scans every connection for every
request, and the default client spends more time in the pool than on the wire; aiohttp's
connector does not. python-telegram-bot supports replacing its request class (BaseRequest);
the Bot API semantics (status codes, errors) stay in python-telegram-bot.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

JSON_BODY = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    def __init__(
        self,
        connection_pool_size: int = 64,
        read_timeout: float = 5.0,
        write_timeout: float = 5.0,
        connect_timeout: float = 5.0,
        media_write_timeout: float = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read, self._write, self._connect = read_timeout, write_timeout, connect_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = bool(request_data and request_data.contains_files)
        read = self._read if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = self._connect if isinstance(connect_timeout, DefaultValue) else connect_timeout
        write: float | None = self._media_write if files else self._write
        if not isinstance(write_timeout, DefaultValue):
            write = write_timeout
        # aiohttp has no write timeout of its own: the whole request is bounded instead
        total = sum(t for t in (read, connect, write) if t is not None) or None
        timeout = aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)
        try:
            async with self._session.request(
                method, url, timeout=timeout, **_body(request_data, files)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp: {error!r}") from error


def _body(request_data: RequestData | None, files: bool) -> dict[str, Any]:
    """The parameters as a JSON body, or multipart when files are uploaded (as
    python-telegram-bot's own client sends them). JSON rather than a form: a form
    percent-encodes every byte of a Vietnamese text in Python and builds a multipart writer
    (and its random boundary) it does not use; json.dumps does it in C (bench/updates.py)."""
    if request_data is None:
        return {}
    if not files:
        return {"data": request_data.json_payload, "headers": JSON_BODY}
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return {"data": form}
