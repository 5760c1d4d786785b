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

    async def entries(self, limit: int = 100) -> list[tuple[str, str, str, str, dict[str, object]]]:
        rows = await self.db.fetch_all(
            "SELECT at, channel, actor, action, details FROM audit_log ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]
