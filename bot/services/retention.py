"""Retention: personal data is kept for the plan's `retention_days` after a series' last
session, then purged by `hoinghi purge` or the daily job; the roll-up keeps its counts."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from storage.audit import AuditLog
from storage.db import Database
from storage.plans import PlanRepository
from storage.retention import DueRule, PurgeCounts, RetentionRepository

log = logging.getLogger(__name__)


class Retention:
    def __init__(self, db: Database) -> None:
        self.plans = PlanRepository(db)
        self.store = RetentionRepository(db)
        self.audit = AuditLog(db)

    async def rule(self, now: datetime) -> DueRule | None:
        """What is due at `now`; None while no plan is loaded."""
        terms = await self.store.terms()
        active = await self.plans.active_series()
        if not terms or active is None:
            return None
        keep, invited = [], []
        for term in terms:
            sessions = await self.plans.sessions(term.series_id)
            invited += sessions
            if term.due_at > now:
                keep += sessions
        return DueRule(
            keep=keep,
            invited=invited,
            everything_due=all(term.due_at <= now for term in terms),
            idle_before=now - timedelta(days=active.retention_days),
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
        done = await self.store.purge(rule, rule.invited)
        if done.delegates or done.accounts or done.files:
            details: dict[str, object] = {"delegates": done.delegates, "accounts": done.accounts}
            if done.files:
                details["files"] = done.files
            log.info("personal data purged", extra=details)
            await self.audit.record(channel, actor, "purge", details, now)
        return done
