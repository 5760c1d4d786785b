"""The audit log: organiser actions, who and when, append-only."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, parse_utc, utc_text


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    channel: str
    actor: str
    action: str
    details: str  # JSON


class AuditLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self, channel: str, actor: str, action: str, details: dict[str, object], now: datetime
    ) -> None:
        await self.db.write(
            "INSERT INTO audit_log (at, channel, actor, action, details) VALUES (?, ?, ?, ?, ?)",
            (utc_text(now), channel, actor, action, json.dumps(details, ensure_ascii=False)),
        )

    async def page(self, limit: int, before: int | None = None) -> list[AuditEntry]:
        """The newest entries (older than entry `before` when given), newest first."""
        rows = await self.db.fetch_all(
            "SELECT id, at, channel, actor, action, details FROM audit_log "
            "WHERE id < ? ORDER BY id DESC LIMIT ?",
            (before if before is not None else 2**62, limit),
        )
        return [
            AuditEntry(int(r[0]), parse_utc(str(r[1])), str(r[2]), str(r[3]), str(r[4]), str(r[5]))
            for r in rows
        ]
