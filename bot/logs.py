"""Logging set-up: one line per event, with bot tokens removed from every message.

httpx logs full request URLs at INFO, and both Telegram and Zalo put the token in the URL path
(`/bot<id>:<secret>/method`). Records are redacted when they are made, so that no handler, file
or test capture ever holds a token.
"""

from __future__ import annotations

import logging
import re
from typing import Any

TOKEN = re.compile(r"(?<![A-Za-z0-9])(bot)?\d{5,}:[A-Za-z0-9_-]{8,}")
_default_factory = logging.getLogRecordFactory()


def redact(text: str) -> str:
    return TOKEN.sub(lambda match: f"{match.group(1) or ''}<token>", text)


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _default_factory(*args, **kwargs)
    message = record.getMessage()
    redacted = redact(message)
    if redacted != message:
        record.msg, record.args = redacted, None
    return record


def install_redaction() -> None:
    logging.setLogRecordFactory(_redacting_factory)


def setup(level: int = logging.INFO) -> None:
    install_redaction()
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
