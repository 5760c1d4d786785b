"""The active plan as the handlers use it, rebuilt only when the database holds a newer one."""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from bot.catalog import t
from bot.domain import Category, SeriesInfo, SessionInfo
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
    among_several: bool = False  # other series are active too: texts name this one

    def titled(self, label: str, locale: str) -> str:
        """A session's label, naming its series when other series are active too."""
        if not self.among_several:
            return label
        return t("series.label", locale, label=label, series=self.series.title)

    def session_label(self, session: SessionInfo, locale: str) -> str:
        """A session's short label ("Hội nghị tại xã Lộc Tấn"), naming its series when other
        series are active too."""
        return self.titled(self.answerer.label(session, locale), locale)

    def category(self, code: str) -> Category | None:
        return self._category_by_code.get(code)

    @cached_property
    def _category_by_code(self) -> dict[str, Category]:
        """Asked for each person of a list or an export: the first category of each code."""
        return {c.code: c for c in reversed(self.series.categories)}

    def session_by_num(self, num: int) -> SessionInfo | None:
        return next((s for s in self.series.sessions if s.num == num), None)

    def categories_of_group(self, group: str) -> tuple[Category, ...]:
        return tuple(c for c in self.series.categories if c.group == group)


class PlanCache:
    """Every active series, each as a LoadedPlan, keyed by series id. A plan loaded or archived
    by another process (`hoinghi plan load`, `hoinghi plan archive`) is seen within `recheck`
    seconds; checking the revisions on every message cost a query per update. Only a series
    whose revision changed is read again."""

    def __init__(self, plans: PlanRepository, recheck: float = 1.0) -> None:
        self.plans = plans
        self.recheck = recheck
        self._key: tuple[tuple[str, int], ...] = ()
        self._loaded: dict[str, LoadedPlan] = {}
        self._checked_at = -math.inf
        self._looking = asyncio.Lock()
        self._invalidated = 0  # how many times; a look begun before the last one is stale

    def invalidate(self) -> None:
        """Look at the database on the next call (after loading a plan in this process)."""
        self._checked_at = -math.inf
        self._invalidated += 1

    async def set_session_time(
        self, session_id: str, start: datetime, end: datetime, now: datetime
    ) -> DateChange | None:
        """Store a session's date (/datngay); the next call reads the plan again."""
        change = await self.plans.set_time(session_id, start, end, now)
        self.invalidate()
        return change

    async def all(self) -> list[LoadedPlan]:
        """Every active series, in the order they were first loaded. Calls during a look at
        the database wait for it (a burst of updates at start-up heard "no plan" before)."""
        if time.monotonic() - self._checked_at < self.recheck:
            return list(self._loaded.values())
        async with self._looking:
            if time.monotonic() - self._checked_at >= self.recheck:
                await self._look()
        return list(self._loaded.values())

    async def _look(self) -> None:
        now, invalidated = time.monotonic(), self._invalidated
        key = await self.plans.revisions()
        if key != self._key:
            loaded: dict[str, LoadedPlan] = {}
            for series_id, revision in key:
                kept = self._loaded.get(series_id)
                if kept is not None and kept.series.revision == revision:
                    loaded[series_id] = kept
                elif (series := await self.plans.series(series_id)) is not None:
                    loaded[series_id] = build_loaded_plan(series)
            several = len(loaded) > 1
            self._loaded = {i: replace(p, among_several=several) for i, p in loaded.items()}
            self._key = key
        if invalidated == self._invalidated:  # else what it read may predate the change
            self._checked_at = now

    async def current(self) -> LoadedPlan | None:
        """The first active series: the plan where no series is meant (the only one of a
        deployment with one series)."""
        plans = await self.all()
        return plans[0] if plans else None

    async def of_series(self, series_id: str) -> LoadedPlan | None:
        """The plan of an active series; None for an archived or unknown one."""
        await self.all()
        return self._loaded.get(series_id)

    async def of_session(self, session_id: str) -> LoadedPlan | None:
        """The active series a session belongs to."""
        found = await self.find_session(session_id)
        return found[0] if found else None

    async def find_session(self, session_id: str) -> tuple[LoadedPlan, SessionInfo] | None:
        """A session of an active series, with its series' plan."""
        for plan in await self.all():
            for session in plan.series.sessions:
                if session.id == session_id:
                    return plan, session
        return None

    async def of_num(self, num: int) -> LoadedPlan | None:
        """The active series with this short number (of its invite links)."""
        return next((p for p in await self.all() if p.series.num == num), None)


def build_loaded_plan(series: SeriesInfo) -> LoadedPlan:
    communes = communes_of(series.province)
    return LoadedPlan(
        series, communes, ScheduleAnswerer(series, communes), ZoneInfo(series.timezone)
    )
