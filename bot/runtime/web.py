"""One aiohttp server on WEBHOOK_HOST:WEBHOOK_PORT for everything posted to the bot: the
Telegram and Zalo webhooks and /healthz. It listens on plain HTTP, behind the operator's
reverse proxy, which terminates HTTPS."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
MAX_BODY = 1024 * 1024  # an update is a few kilobytes; anything near this is not one
TELEGRAM_PATH, ZALO_PATH, HEALTH_PATH = "/telegram/webhook", "/zalo/webhook", "/healthz"


class WebServer:
    """Routes are added before `start` (aiohttp freezes them then); port 0 takes a free port,
    whose number is in `port` once started."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.app = web.Application(client_max_size=MAX_BODY)
        self._runner: web.AppRunner | None = None

    def post(self, path: str, handler: Handler) -> None:
        self.app.router.add_post(path, handler)

    def get(self, path: str, handler: Handler) -> None:
        self.app.router.add_get(path, handler)

    async def start(self) -> None:
        # no access log: the request lines say nothing useful, and a wrong secret is no news
        runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=5.0)
        await runner.setup()
        await web.TCPSite(runner, self.host, self.port).start()
        self.port = int(runner.addresses[0][1])
        self._runner = runner

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


@dataclass(frozen=True)
class Webhook:
    """A platform posts updates to `url` (the public HTTPS address); the reverse proxy forwards
    them to `server`, and each request must carry `secret` in the platform's header."""

    url: str
    secret: str
    server: WebServer


def has_secret(request: web.Request, header: str, secret: str) -> bool:
    """The secret header, compared in constant time: how long the check takes says nothing
    about how much of a guess was right."""
    given = request.headers.get(header, "")
    return hmac.compare_digest(given.encode(), secret.encode())


def forbidden(channel: str) -> web.Response:
    log.warning("webhook request refused: wrong or missing secret", extra={"channel": channel})
    return web.json_response({"ok": False, "description": "Forbidden"}, status=403)


def bad_request(description: str) -> web.Response:
    return web.json_response({"ok": False, "description": description}, status=400)


def accepted() -> web.Response:
    return web.json_response({"ok": True})
