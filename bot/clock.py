"""The one source of "now", so that time travel in tests moves the whole bot."""

from datetime import UTC, datetime


def now_utc() -> datetime:
    return datetime.now(UTC)
