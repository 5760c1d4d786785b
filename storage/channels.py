"""What platforms without buttons need kept: the numbered choices last shown in a chat, and
the short codes that link two apps of one person. (Zalo's message ids, handled or not, are in
the inbound store: storage/inbound.py.)"""

from __future__ import annotations

import json
from datetime import datetime

from storage.db import Database, utc_text


class NumberedChoices:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def remember(
        self, channel: str, chat_id: str, choices: list[tuple[str, str]], now: datetime
    ) -> None:
        """The (label, data) of the numbered choices just shown; none forgets the last ones."""
        if not choices:
            await self.db.write(
                "DELETE FROM numbered_choices WHERE channel = ? AND chat_id = ?", (channel, chat_id)
            )
            return
        await self.db.write(
            "INSERT INTO numbered_choices (channel, chat_id, choices, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (channel, chat_id) DO UPDATE SET "
            "choices = excluded.choices, "
            "updated_at = excluded.updated_at",
            (channel, chat_id, json.dumps(choices, ensure_ascii=False), utc_text(now)),
        )

    async def last(self, channel: str, chat_id: str) -> list[tuple[str, str]]:
        value = await self.db.scalar(
            "SELECT choices FROM numbered_choices WHERE channel = ? AND chat_id = ?",
            (channel, chat_id),
        )
        return [(label, data) for label, data in json.loads(str(value))] if value else []


class LinkCodes:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(self, code: str, delegate_id: int, account_id: int, expires: datetime) -> None:
        await self.db.write(
            "INSERT INTO link_codes (code, delegate_id, account_id, expires_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
            "delegate_id = excluded.delegate_id, account_id = excluded.account_id, "
            "expires_at = excluded.expires_at",
            (code, delegate_id, account_id, utc_text(expires)),
        )

    async def redeem(self, code: str, account_id: int, now: datetime) -> int | None:
        """Link `account_id` to the delegate behind a valid code, once; the code is used up.
        The newly linked account becomes the one that receives reminders. The code is taken by
        deleting it: of two redemptions at the same moment, one finds it gone."""
        async with self.db.transaction() as tx:
            row = await tx.execute(
                "DELETE FROM link_codes WHERE code = ? AND expires_at >= ? RETURNING delegate_id",
                (code, utc_text(now)),
            )
            if row is None:
                return None
            await tx.execute("UPDATE accounts SET preferred = 0 WHERE delegate_id = ?", (row[0],))
            await tx.execute(
                "UPDATE accounts SET delegate_id = ?, preferred = 1 WHERE id = ?",
                (row[0], account_id),
            )
        return int(row[0])
