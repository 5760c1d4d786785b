"""The active plan as the handlers use it, rebuilt only when the database holds a newer one."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.domain import Category, SeriesInfo
from bot.services.communes import CommuneDirectory
from bot.services.qa import ScheduleAnswerer
from storage.plans import DateChange, PlanRepository


@lru_cache(maxsize=8)
def communes_of(province: str) -> CommuneDirectory:
    return CommuneDirectory(province)


@dataclass(frozen=True)
class LoadedPlan:
    series: SeriesInfo
    communes: CommuneDirectory
    answerer: ScheduleAnswerer
    zone: ZoneInfo

    def category(self, code: str) -> Category | None:
        return next((c for c in self.series.categories if c.code == code), None)

    def categories_of_group(self, group: str) -> tuple[Category, ...]:
        return tuple(c for c in self.series.categories if c.group == group)


class PlanCache:
    """A plan loaded by another process (`hoinghi plan load`) is seen within `recheck` seconds;
    checking the revision on every message cost a query per update."""

    def __init__(self, plans: PlanRepository, recheck: float = 1.0) -> None:
        self.plans = plans
        self.recheck = recheck
        self._key: tuple[str, int] | None = None
        self._loaded: LoadedPlan | None = None
        self._checked_at = -math.inf

    def invalidate(self) -> None:
        """Look at the database on the next call (after loading a plan in this process)."""
        self._checked_at = -math.inf

    async def set_session_time(
        self, session_id: str, start: datetime, end: datetime, now: datetime
    ) -> DateChange | None:
        """Store a session's date (/datngay); the next call reads the plan again."""
        change = await self.plans.set_time(session_id, start, end, now)
        self.invalidate()
        return change

    async def current(self) -> LoadedPlan | None:
        now = time.monotonic()
        if self._loaded is not None and now - self._checked_at < self.recheck:
            return self._loaded
        self._checked_at = now
        key = await self.plans.active_revision()
        if key != self._key:
            series = await self.plans.active_series()
            self._loaded = build_loaded_plan(series) if series else None
            self._key = key
        return self._loaded


def build_loaded_plan(series: SeriesInfo) -> LoadedPlan:
    communes = communes_of(series.province)
    return LoadedPlan(
        series, communes, ScheduleAnswerer(series, communes), ZoneInfo(series.timezone)
    )
