"""Pieces shared by the fake Bot API servers (tests/fake_telegram.py, tests/fake_zalo.py).

* :class:`LocalServer`: start/stop of an aiohttp app on ``host``, port 0 (the port the OS
  picked is in ``port``), and use as ``async with``;
* :class:`FaultQueue`: scripted failures, consumed in order;
* :class:`SentLog`: the bot→user messages a fake recorded, with ``wait_for`` cursors per chat;
* :func:`wait_set`: the wait of a long poll (getUpdates) for news;
* :func:`free_port`: a TCP port free on 127.0.0.1 now, for a bot's own web server;
* :class:`WebhookSender`: the fake's HTTP client that POSTs updates to a bot's webhook.
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import json
import socket
from collections.abc import Callable, Collection, Coroutine
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Generic, Protocol, Self, TypeVar

import aiohttp
from aiohttp import web

E = TypeVar("E")
R = TypeVar("R", bound="SentRecord")


def status_phrase(status: int) -> str:
    """The HTTP reason phrase of ``status`` ("Error" for a code Python does not know)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_set(event: asyncio.Event, timeout: float) -> None:  # noqa: ASYNC109
    """Clear ``event``, then wait up to ``timeout`` seconds for it to be set again (a long
    poll's wait for news; the caller looks again either way)."""
    event.clear()
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            await event.wait()


class LocalServer(abc.ABC):
    """An aiohttp app served on ``host`` at a free port; subclasses build it in
    :meth:`make_app` and may extend :meth:`start` and :meth:`stop`."""

    def __init__(self, host: str) -> None:
        self.host = host
        self.port = 0
        self._runner: web.AppRunner | None = None

    @abc.abstractmethod
    def make_app(self) -> web.Application: ...

    async def start(self) -> None:
        self._runner = web.AppRunner(
            self.make_app(), handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


@dataclass
class _Fault(Generic[E]):
    count: int
    error: E
    methods: Collection[str] | None
    skip: int


class FaultQueue(Generic[E]):
    """Scripted failures, consumed in order: ``n`` requests (after ``skip``) answer ``error``.

    ``methods=None`` targets every method except getUpdates, so a polling bot does not
    swallow a fault meant for its sends; name getUpdates explicitly to target it.
    """

    def __init__(self, *, drop_empty: bool = True) -> None:
        self._faults: list[_Fault[E]] = []
        # False: a fault of n <= 0 is still queued (and then answers once), as FakeTelegram
        # has always done.
        self._drop_empty = drop_empty

    def add(self, n: int, error: E, methods: Collection[str] | None, skip: int) -> None:
        if n > 0 or not self._drop_empty:
            self._faults.append(_Fault(n, error, methods, skip))

    def take(self, method: str) -> E | None:
        for fault in self._faults:
            if fault.methods is None and method == "getUpdates":
                continue
            if fault.methods is not None and method not in fault.methods:
                continue
            if fault.skip > 0:
                fault.skip -= 1
                continue
            fault.count -= 1
            if fault.count <= 0:
                self._faults.remove(fault)
            return fault.error
        return None

    def clear(self) -> None:
        self._faults.clear()

    def __len__(self) -> int:
        return sum(f.count for f in self._faults)


class SentRecord(Protocol):
    """What :class:`SentLog` reads of a record."""

    @property
    def chat_id(self) -> Any: ...

    @property
    def text(self) -> str | None: ...


class SentLog(Generic[R]):
    """The messages a fake server recorded, in order (``records``, the fake's ``sent``),
    and the per-chat cursors of :meth:`wait_for`. ``event`` is set on every append."""

    def __init__(self) -> None:
        self.records: list[R] = []
        self.event = asyncio.Event()
        self._cursors: dict[Any, int] = {}

    def append(self, record: R) -> None:
        self.records.append(record)
        self.event.set()

    def to(self, chat_id: Any, keep: Callable[[R], bool] | None = None) -> list[R]:
        """The records to ``chat_id`` (those ``keep`` accepts, if given)."""
        return [r for r in self.records if r.chat_id == chat_id and (keep is None or keep(r))]

    async def wait_for(
        self,
        chat_id: Any,
        count: int,
        timeout: float,  # noqa: ASYNC109
        predicate: Callable[[R], bool] | None = None,
        keep: Callable[[R], bool] | None = None,
    ) -> list[R]:
        """Wait for ``count`` new records to ``chat_id`` that ``keep`` and ``predicate``
        accept, and consume them.

        Records returned (or skipped over) by an earlier wait_for on that chat are not
        counted again, so a reply that arrived before the call still counts. Raises
        AssertionError listing what did arrive (every record ``keep`` accepts) on timeout."""

        def matches() -> list[tuple[int, R]]:
            start = self._cursors.get(chat_id, 0)
            return [
                (i, r)
                for i, r in enumerate(self.records)
                if i >= start
                and r.chat_id == chat_id
                and (keep is None or keep(r))
                and (predicate is None or predicate(r))
            ]

        try:
            async with asyncio.timeout(timeout):
                while len(found := matches()) < count:
                    self.event.clear()
                    await self.event.wait()
        except TimeoutError:
            got = [r.text for r in self.to(chat_id, keep)]
            raise AssertionError(
                f"expected {count} new message(s) to {chat_id} within "
                f"{timeout}s, got {len(matches())}; all so far: {got}"
            ) from None
        self._cursors[chat_id] = found[count - 1][0] + 1
        return [record for _, record in found[:count]]


@dataclass
class WebhookPost:
    """One POST a fake made to a bot's webhook."""

    url: str
    body: Any
    secret: str | None
    status: int | None  # None: connection failed
    error: str | None = None


class WebhookSender:
    """POSTs JSON bodies to a bot's webhook with the secret in ``header``; every attempt is
    recorded in ``posts``. One delivery loop (``pump``) runs at a time."""

    def __init__(self, header: str) -> None:
        self.header = header
        self.posts: list[WebhookPost] = []
        self._session: aiohttp.ClientSession | None = None
        self._pump: asyncio.Task[None] | None = None

    async def open(self) -> None:
        self._session = aiohttp.ClientSession()

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
            self._pump = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    def pump(self, deliver: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run ``deliver`` unless a delivery loop is already running."""
        if self._pump is None or self._pump.done():
            self._pump = asyncio.get_running_loop().create_task(deliver())

    async def post(self, url: str, body: Any, secret: str | None,
                   timeout: float) -> WebhookPost:  # noqa: ASYNC109
        assert self._session is not None, "the server is not started"
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[self.header] = secret
        post = WebhookPost(url, body, secret, None)
        try:
            async with self._session.post(
                    url, data=json.dumps(body, ensure_ascii=False).encode(), headers=headers,
                    timeout=aiohttp.ClientTimeout(total=timeout)) as response:
                await response.read()
                post.status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            post.error = repr(error)
        self.posts.append(post)
        return post
