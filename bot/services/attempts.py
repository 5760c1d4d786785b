"""Attempt limits on guessable codes: a few wrong codes per account, a hundred by everyone, then
an exponential back-off. After the limit within the window, each further try waits for
`first_wait`, then twice as long, and so on (capped); every wrong code counts, a refused try
does not reach the code at all (so a live code cannot be hit while the lock holds)."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.attempts import CodeFailures, Failures
from storage.audit import AuditLog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttemptLimits:
    per_account: int = 5
    account_window: timedelta = timedelta(minutes=15)
    overall: int = 100
    overall_window: timedelta = timedelta(hours=1)
    first_wait: timedelta = timedelta(minutes=1)
    longest_wait: timedelta = timedelta(hours=24)


def minutes(wait: timedelta) -> int:
    """A wait as people are told it: whole minutes, rounded up, at least one."""
    return max(1, math.ceil(wait.total_seconds() / 60))


@dataclass(frozen=True)
class Tripped:
    scope: str  # "account" or "overall"
    wrong: int  # wrong codes within the window
    wait: timedelta


class CodeAttempts:
    def __init__(
        self, failures: CodeFailures, audit: AuditLog, limits: AttemptLimits | None = None
    ) -> None:
        self.failures, self.audit = failures, audit
        self.limits = limits or AttemptLimits()

    async def wait(self, kind: str, channel: str, actor: str, now: datetime) -> timedelta | None:
        """How long this actor must wait before trying a code of `kind`; None: not at all."""
        waits = [
            until - now
            for scope in await self._counts(kind, channel, actor, now)
            if (until := self._locked_until(scope)) is not None and until > now
        ]
        return max(waits, default=None)

    async def failed(self, kind: str, channel: str, actor: str, now: datetime) -> Tripped | None:
        """A wrong code, counted; when it trips a limit, an audit line says so."""
        forget = now - max(self.limits.account_window, self.limits.overall_window)
        await self.failures.add(kind, f"{channel}:{actor}", now, forget)
        tripped = [
            Tripped(scope.name, scope.failures.count, until - now)
            for scope in await self._counts(kind, channel, actor, now)
            if (until := self._locked_until(scope)) is not None
        ]
        if not tripped:
            return None
        worst = max(tripped, key=lambda trip: trip.wait)
        log.warning("too many wrong %s codes (%s): %d", kind, worst.scope, worst.wrong)
        details: dict[str, object] = {
            "kind": kind,
            "scope": worst.scope,
            "wrong": worst.wrong,
            "wait_seconds": round(worst.wait.total_seconds()),
        }
        await self.audit.record(channel, actor, "code_attempts_limited", details, now)
        return worst

    async def _counts(self, kind: str, channel: str, actor: str, now: datetime) -> list[_Scope]:
        limits = self.limits
        mine = await self.failures.since(kind, f"{channel}:{actor}", now - limits.account_window)
        everyone = await self.failures.since(kind, None, now - limits.overall_window)
        return [
            _Scope("account", mine, limits.per_account),
            _Scope("overall", everyone, limits.overall),
        ]

    def _locked_until(self, scope: _Scope) -> datetime | None:
        over = scope.failures.count - scope.limit
        if over < 0 or scope.failures.last is None:
            return None
        wait = min(self.limits.longest_wait, self.limits.first_wait * (1 << min(over, 30)))
        return scope.failures.last + wait


@dataclass(frozen=True)
class _Scope:
    name: str
    failures: Failures
    limit: int
