"""Logging: one JSON object per line (time, level, logger, message and any `extra` fields),
with secrets and phone numbers removed from every record.

httpx logs full request URLs at INFO, and both Telegram and Zalo put the token in the URL path
(`/bot<id>:<secret>/method`). Records are redacted when they are made, so that no handler, file
or test capture ever holds a token, a webhook secret or a phone number. Full names are never
passed to a log call at INFO or above (the bot logs ids, not people); a traceback is one field.
"""

from __future__ import annotations

import json
import logging
import re
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

TOKEN = re.compile(r"(?<![A-Za-z0-9])(bot)?\d{5,}:[A-Za-z0-9_-]{8,}")
# Vietnamese phone numbers as people type them: 0912345678, 0912 345 678, +84 912 345 678
PHONE = re.compile(r"(?<![\w+])(?:\+84|84|0)(?:[ .-]?\d){9,10}(?!\d)")
_default_factory = logging.getLogRecordFactory()
_secrets: set[str] = set()
# The tenant (province) whose runtime made the record: its tasks inherit it from their start.
TENANT: ContextVar[str | None] = ContextVar("tenant", default=None)
# what every LogRecord has; anything else on a record came in through `extra`
STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


def hide(*secrets: str) -> None:
    """Secrets the patterns cannot know (webhook secrets), replaced wherever they appear."""
    _secrets.update(secret for secret in secrets if len(secret) >= 8)


def redact(text: str) -> str:
    for secret in _secrets:
        text = text.replace(secret, "<secret>")
    text = TOKEN.sub(lambda match: f"{match.group(1) or ''}<token>", text)
    return PHONE.sub("<phone>", text)


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _default_factory(*args, **kwargs)
    tenant = TENANT.get()
    if tenant is not None:
        record.tenant = tenant
    message = record.getMessage()
    redacted = redact(message)
    if redacted != message:
        record.msg, record.args = redacted, None
    return record


def install_redaction() -> None:
    logging.setLogRecordFactory(_redacting_factory)


class JsonLines(logging.Formatter):
    """One event per line: a JSON object whose `extra` fields sit beside the message."""

    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        event.update({k: v for k, v in record.__dict__.items() if k not in STANDARD})
        if record.exc_info:
            event["error"] = redact(self.formatException(record.exc_info))
        return json.dumps(event, ensure_ascii=False, default=str)


def setup(level: int = logging.INFO) -> None:
    install_redaction()
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines())
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
