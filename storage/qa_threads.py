"""What the last schedule answer to each person was about, for follow-up questions. It is
read with the person's account when their message arrives (storage/people.py's `arrive`),
and written here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database, StorageUnavailable, parse_utc, utc_text


@dataclass(frozen=True)
class SavedThread:
    """The thread as stored (JSON) and when it was saved; read only when it is recent."""

    text: str
    updated_at: str

    def since(self, moment: datetime) -> dict[str, Any] | None:
        """The thread when it was saved at or after `moment`, else None."""
        if parse_utc(self.updated_at) < moment:
            return None
        data: dict[str, Any] = json.loads(self.text)
        return data


class ThreadRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

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
