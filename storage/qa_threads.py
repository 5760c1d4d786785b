"""What the last schedule answer to each person was about, for follow-up questions."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from storage.db import Database, StorageUnavailable, parse_utc, utc_text


class ThreadRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, account_id: int, since: datetime) -> dict[str, Any] | None:
        """The thread saved at or after `since`; None when there is none or it is older."""
        row = await self.db.fetch_one(
            "SELECT thread, updated_at FROM qa_threads WHERE account_id = ?", (account_id,)
        )
        if row is None or parse_utc(row["updated_at"]) < since:
            return None
        data: dict[str, Any] = json.loads(row["thread"])
        return data

    async def save(self, account_id: int, thread: dict[str, Any], now: datetime) -> None:
        """Kept when the database can be written; a question is still answered when it cannot
        (the failure is logged by the database), only its follow-up then lacks the thread."""
        try:
            await self.db.write(
                "INSERT INTO qa_threads (account_id, thread, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (account_id) DO UPDATE SET thread = excluded.thread, "
                "updated_at = excluded.updated_at",
                (account_id, json.dumps(thread, ensure_ascii=False), utc_text(now)),
            )
        except StorageUnavailable:
            return
