"""The seed 000 example plan (plans/dong-nai-2026.yaml) as the answerer's tests use it."""

from __future__ import annotations

from functools import cache
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
