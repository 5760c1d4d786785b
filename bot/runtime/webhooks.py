"""Which webhooks the settings ask for, on the one web server that also answers /healthz.
A tenant's addresses live under its `prefix` (`/t/<id>`) on the server all tenants share."""

from __future__ import annotations

from bot.config import Settings
from bot.runtime.web import TELEGRAM_PATH, ZALO_PATH, Webhook, WebServer


def web_server(settings: Settings) -> WebServer | None:
    """A server when a platform posts to the bot, or when HEALTHZ asks for /healthz alone."""
    wanted = settings.webhook_url or settings.zalo_webhook_url or settings.healthz
    return WebServer(settings.webhook_host, settings.webhook_port) if wanted else None


def telegram_webhook(
    settings: Settings, server: WebServer | None, prefix: str = ""
) -> Webhook | None:
    if server is None or settings.webhook_url is None or settings.webhook_secret is None:
        return None
    secret = settings.webhook_secret.get_secret_value()
    return Webhook(f"{settings.webhook_url}{prefix}{TELEGRAM_PATH}", secret, server, prefix)


def zalo_webhook(settings: Settings, server: WebServer | None, prefix: str = "") -> Webhook | None:
    """ZALO_WEBHOOK_URL and ZALO_WEBHOOK_SECRET when both are set, else the common WEBHOOK_URL
    and WEBHOOK_SECRET; None: long polling."""
    if server is None:
        return None
    if settings.zalo_webhook_url and settings.zalo_webhook_secret is not None:
        secret = settings.zalo_webhook_secret.get_secret_value()
        return Webhook(settings.zalo_webhook_url, secret, server, prefix)
    if settings.webhook_url is None or settings.webhook_secret is None:
        return None
    secret = settings.webhook_secret.get_secret_value()
    return Webhook(f"{settings.webhook_url}{prefix}{ZALO_PATH}", secret, server, prefix)
