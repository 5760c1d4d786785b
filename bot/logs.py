"""Logging set-up: one line per event, with bot tokens removed from every message."""

from __future__ import annotations

import logging
import re

TOKEN = re.compile(r"bot\d+:[A-Za-z0-9_-]+")


class RedactTokens(logging.Filter):
    """httpx logs full request URLs, and Telegram puts the token in the URL path."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = TOKEN.sub("bot<token>", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def setup(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RedactTokens())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
