"""One-time login links of the web dashboard. A link carries a random nonce, its expiry and an
HMAC signature, so a forged or altered link is refused before the database is asked; the
database keeps the nonce's hash and lets each link be used once."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from base64 import urlsafe_b64encode
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.services.numbers import as_number

LIFETIME = timedelta(minutes=10)
Refusal = Literal["forged", "expired"]


@dataclass(frozen=True)
class LoginLink:
    token: str  # what the link carries: <nonce>.<expiry, unix seconds>.<signature>
    token_hash: str  # what the database keeps
    expires_at: datetime


def derive_key(master: bytes) -> bytes:
    """The signing key of login links, derived from the bot's stored secret (the check-in key)
    so that neither can be computed from the other."""
    return hmac.new(master, b"hoinghi dashboard login", hashlib.sha256).digest()


def digest(secret: str) -> str:
    """How secrets (link nonces, session ids) are stored: their SHA-256."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _sign(key: bytes, body: str) -> str:
    mac = hmac.new(key, body.encode(), hashlib.sha256).digest()
    return urlsafe_b64encode(mac).decode().rstrip("=")


def issue(key: bytes, now: datetime) -> LoginLink:
    nonce = secrets.token_urlsafe(18)
    expires = int((now + LIFETIME).timestamp())
    body = f"{nonce}.{expires}"
    return LoginLink(
        f"{body}.{_sign(key, body)}", digest(nonce), datetime.fromtimestamp(expires, UTC)
    )


def verify(key: bytes, token: str, now: datetime) -> tuple[str, None] | tuple[None, Refusal]:
    """(the stored hash of a genuine, unexpired link's nonce, None) or (None, why refused)."""
    nonce, _, rest = token.partition(".")
    expires, _, signature = rest.partition(".")
    expires_at = as_number(expires, 11)
    if not (nonce and expires_at is not None and signature):
        return None, "forged"
    if not hmac.compare_digest(signature.encode(), _sign(key, f"{nonce}.{expires}").encode()):
        return None, "forged"
    if expires_at <= now.timestamp():
        return None, "expired"
    return digest(nonce), None
