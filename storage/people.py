"""Accounts (one per chat identity), the delegates they registered, and half-done dialogues."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from storage.db import Database, utc_text


@dataclass(frozen=True)
class Account:
    id: int
    channel: str
    external_id: str
    chat_id: str
    display_name: str
    delegate_id: int | None
    preferred: bool = True  # the account reminders go to, among a delegate's accounts


@dataclass(frozen=True)
class Delegate:
    id: int
    commune_code: int | None
    commune_name: str | None
    full_name: str
    position: str
    category_code: str
    category_other: str = ""
    phone: str = ""
    invite_code: str = ""
    workplace: str = ""  # đơn vị công tác; the category is the thành phần


@dataclass
class Conversation:
    """Where a person stands in a multi-step dialogue; `data` holds the answers so far."""

    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)


ACCOUNT_COLUMNS = "id, channel, external_id, chat_id, display_name, delegate_id, preferred"
SEEN_PRECISION = timedelta(minutes=10)
DELEGATE_FIELDS = (
    "commune_code",
    "commune_name",
    "full_name",
    "position",
    "category_code",
    "category_other",
    "phone",
    "invite_code",
    "workplace",
)


class AccountRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def touch(
        self, channel: str, external_id: str, chat_id: str, display_name: str, now: datetime
    ) -> Account:
        """The account of this chat identity, created on first contact. Writing to someone who
        had blocked the bot makes them reachable again. To spare a write on every message,
        `last_seen_at` is refreshed at most every SEEN_PRECISION."""
        row = await self.db.fetch_one(
            f"SELECT {ACCOUNT_COLUMNS}, last_seen_at, unreachable_at FROM accounts "
            "WHERE channel = ? AND external_id = ?",
            (channel, external_id),
        )
        fresh = utc_text(now - SEEN_PRECISION)
        if (
            row
            and row["chat_id"] == chat_id
            and row["unreachable_at"] is None
            and row["last_seen_at"] >= fresh
        ):
            return Account(*tuple(row)[:7])
        row = await self.db.write(
            "INSERT INTO accounts (channel, external_id, chat_id, display_name, created_at, "
            "last_seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, external_id) DO UPDATE "
            "SET chat_id = excluded.chat_id, last_seen_at = excluded.last_seen_at, "
            f"unreachable_at = NULL RETURNING {ACCOUNT_COLUMNS}",
            (channel, external_id, chat_id, display_name[:128], utc_text(now), utc_text(now)),
        )
        assert row is not None
        return Account(*row)

    async def find(self, channel: str, external_id: str) -> Account | None:
        row = await self.db.fetch_one(
            f"SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE channel = ? AND external_id = ?",
            (channel, external_id),
        )
        return Account(*row) if row else None

    async def of_delegate(self, delegate_id: int) -> list[Account]:
        rows = await self.db.fetch_all(
            f"SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE delegate_id = ? ORDER BY id",
            (delegate_id,),
        )
        return [Account(*row) for row in rows]

    async def prefer(self, delegate_id: int, account_id: int) -> None:
        """Reminders go to this account of the delegate, and to no other."""
        async with self.db.transaction() as tx:
            await tx.execute(
                "UPDATE accounts SET preferred = CASE WHEN id = ? THEN 1 ELSE 0 END "
                "WHERE delegate_id = ?",
                (account_id, delegate_id),
            )


class DelegateRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, delegate_id: int) -> Delegate | None:
        row = await self.db.fetch_one(
            f"SELECT id, {', '.join(DELEGATE_FIELDS)} FROM delegates WHERE id = ?", (delegate_id,)
        )
        return Delegate(*row) if row else None

    async def phone_holder(self, phone: str, other_than: int) -> Delegate | None:
        """The delegate, other than `other_than`, who already has this phone number."""
        row = await self.db.fetch_one(
            f"SELECT id, {', '.join(DELEGATE_FIELDS)} FROM delegates "
            "WHERE phone = ? AND id != ? ORDER BY id LIMIT 1",
            (phone, other_than),
        )
        return Delegate(*row) if row else None

    async def register(self, account_id: int, values: dict[str, Any], now: datetime) -> Delegate:
        """Create the delegate, link the account to it and end the dialogue, all or nothing;
        `values["consented"]` records that they agreed to the privacy notice, now."""
        columns = [name for name in DELEGATE_FIELDS if name in values]
        consented_at = utc_text(now) if values.get("consented") else None
        async with self.db.transaction() as tx:
            row = await tx.execute(
                f"INSERT INTO delegates ({', '.join(columns)}, created_at, updated_at, "
                f"consented_at) VALUES ({', '.join('?' * len(columns))}, ?, ?, ?) RETURNING id",
                (*(values[name] for name in columns), utc_text(now), utc_text(now), consented_at),
            )
            assert row is not None
            await tx.execute(
                "UPDATE accounts SET delegate_id = ? WHERE id = ?", (row[0], account_id)
            )
            await tx.execute("DELETE FROM conversations WHERE account_id = ?", (account_id,))
        delegate = await self.get(row[0])
        assert delegate is not None
        return delegate

    async def update(self, delegate_id: int, values: dict[str, Any], now: datetime) -> None:
        columns = [name for name in DELEGATE_FIELDS if name in values]
        if columns:
            await self.db.write(
                f"UPDATE delegates SET {', '.join(f'{name} = ?' for name in columns)}, "
                "updated_at = ? WHERE id = ?",
                (*(values[name] for name in columns), utc_text(now), delegate_id),
            )

    async def erase(self, delegate_id: int) -> None:
        """Delete a person's data: the delegate row (with their answers and check-ins), the
        history of their answers, and on every chat account linked to them (on each app) the
        chat name, any half-done dialogue, what their last question was about, the numbered
        choices last shown and the messages still queued. The accounts themselves stay,
        unlinked, so the chats still work."""
        linked = "(SELECT id FROM accounts WHERE delegate_id = ?)"
        async with self.db.transaction() as tx:
            await tx.execute(
                f"DELETE FROM outbox WHERE status = 'pending' AND account_id IN {linked}",
                (delegate_id,),
            )
            for table in ("conversations", "qa_threads"):
                await tx.execute(
                    f"DELETE FROM {table} WHERE account_id IN {linked}", (delegate_id,)
                )
            await tx.execute(
                "DELETE FROM numbered_choices WHERE (channel, chat_id) IN "
                "(SELECT channel, chat_id FROM accounts WHERE delegate_id = ?)",
                (delegate_id,),
            )
            await tx.execute(
                "UPDATE accounts SET display_name = '', delegate_id = NULL, preferred = 1 "
                "WHERE delegate_id = ?",
                (delegate_id,),
            )
            await tx.execute("DELETE FROM delegates WHERE id = ?", (delegate_id,))
            await tx.execute("DELETE FROM attendance_history WHERE delegate_id = ?", (delegate_id,))
        await self.db.checkpoint()


class ConversationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, account_id: int) -> Conversation | None:
        row = await self.db.fetch_one(
            "SELECT flow, step, data FROM conversations WHERE account_id = ?", (account_id,)
        )
        return Conversation(row[0], row[1], json.loads(row[2])) if row else None

    async def save(self, account_id: int, conversation: Conversation, now: datetime) -> None:
        await self.db.write(
            "INSERT INTO conversations (account_id, flow, step, data, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET flow = excluded.flow, "
            "step = excluded.step, data = excluded.data, updated_at = excluded.updated_at",
            (
                account_id,
                conversation.flow,
                conversation.step,
                json.dumps(conversation.data, ensure_ascii=False),
                utc_text(now),
            ),
        )

    async def clear(self, account_id: int) -> None:
        await self.db.write("DELETE FROM conversations WHERE account_id = ?", (account_id,))
