"""Retention: personal data is kept for the plan's `retention_days` after a series' last
session, then purged by `hoinghi purge` or the daily job; the roll-up keeps its counts."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from storage.audit import AuditLog
from storage.db import Database
from storage.plans import PlanRepository
from storage.retention import DueRule, PurgeCounts, RetentionRepository, SeriesDue

log = logging.getLogger(__name__)


class Retention:
    def __init__(self, db: Database) -> None:
        self.plans = PlanRepository(db)
        self.store = RetentionRepository(db)
        self.audit = AuditLog(db)

    async def rule(self, now: datetime) -> DueRule | None:
        """What is due at `now`, series by series; None while no plan is loaded."""
        terms = await self.store.terms()
        if not terms:
            return None
        due: list[SeriesDue] = []
        kept: list[str] = []  # the series still within their term
        sessions: set[str] = set()
        retentions: list[int] = []
        for term in terms:
            series = await self.plans.series(term.series_id)
            if series is None:
                continue
            retentions.append(series.retention_days)
            if term.due_at <= now:
                idle = now - timedelta(days=series.retention_days)
                due.append(SeriesDue(series.id, idle, series.sessions))
                continue
            kept.append(series.id)
            sessions.update(session.id for session in series.sessions)
        first = await self.plans.active_series()
        days = first.retention_days if first else max(retentions, default=0)
        return DueRule(
            due=due,
            idle_before=now - timedelta(days=days),
            keep_series=sorted(kept),
            keep_sessions=sorted(sessions),
        )

    async def due(self, now: datetime) -> PurgeCounts:
        """What a purge at `now` would remove, removing nothing."""
        rule = await self.rule(now)
        return await self.store.count_due(rule) if rule else PurgeCounts()

    async def purge(
        self, now: datetime, channel: str = "system", actor: str = "daily"
    ) -> PurgeCounts:
        rule = await self.rule(now)
        if rule is None:
            return PurgeCounts()
        done = await self.store.purge(rule)
        if done.delegates or done.accounts or done.files:
            details: dict[str, object] = {"delegates": done.delegates, "accounts": done.accounts}
            if done.files:
                details["files"] = done.files
            log.info("personal data purged", extra=details)
            await self.audit.record(channel, actor, "purge", details, now)
        return done
