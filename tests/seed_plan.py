"""The seed 000 example plan (plans/dong-nai-2026.yaml) as the answerer's tests use it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import DEFAULT_PLAN
from bot.domain import SeriesInfo
from bot.plan.loader import read_plan

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@cache
def seed_series() -> SeriesInfo:
    series, errors = read_plan(DEFAULT_PLAN)
    assert series is not None, errors
    return series


def example_plan_moved(path: Path, *changes: tuple[str, str]) -> Path:
    """The example plan written to `path` with each (old, new) text of a date replaced: a
    session moved in the file, as an organiser edits it."""
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path
