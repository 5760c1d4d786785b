"""The audit log: organiser actions, who and when, append-only."""

from __future__ import annotations

import json
from datetime import datetime

from storage.db import Database, utc_text


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
