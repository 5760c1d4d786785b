"""Accounts (one per chat identity), the delegates they registered, and half-done dialogues."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from storage.db import Database, utc_text
from storage.qa_threads import SavedThread


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
    series_id: str = ""  # the series that invited them
    person_id: int | None = None  # their first delegate row, when this one is of a later series

    @property
    def person(self) -> int:
        """The delegate row that stands for this person: the one their chat accounts link to."""
        return self.person_id if self.person_id is not None else self.id


@dataclass
class Conversation:
    """Where a person stands in a multi-step dialogue; `data` holds the answers so far."""

    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Arrival:
    """Who wrote, as stored when their message arrives: the account of the chat identity, the
    delegate it is linked to, the dialogue they are in, and what their last schedule answer
    was about (storage/qa_threads.py)."""

    account: Account
    delegate: Delegate | None
    conversation: Conversation | None
    thread: SavedThread | None = None
    # the delegate's id when that row is the person's only one (no later series' row points
    # at it): their rows of every series are then known without asking (`Turn.person_rows`)
    only_row: int | None = None


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
    "series_id",
    "person_id",
)
PERSONAL_FIELDS = ("full_name", "position", "phone")  # the same in every series
SAME_PERSON = (
    "coalesce(person_id, id) = (SELECT coalesce(d.person_id, d.id) FROM delegates d WHERE d.id = ?)"
)

# An account with its delegate, its dialogue and its question thread: columns 0-6 the Account,
# 7-8 when it was seen and found unreachable, then the Delegate (d_id NULL: none), then the
# Conversation (flow NULL: none), then the thread (NULL: none), then whether a later series'
# row of the same person points at the delegate. One query where there were five: every
# inbound message starts with it.
ARRIVAL_CHAT_ID = 3
ARRIVAL_SEEN = slice(7, 9)
ARRIVAL_D_ID = 9
ARRIVAL_DELEGATE = slice(ARRIVAL_D_ID, 10 + len(DELEGATE_FIELDS))
ARRIVAL_REST = slice(10 + len(DELEGATE_FIELDS), 16 + len(DELEGATE_FIELDS))
ARRIVAL_NONE = (None,) * (16 + len(DELEGATE_FIELDS))  # no account yet
ARRIVAL = (
    "SELECT a.id, a.channel, a.external_id, a.chat_id, a.display_name, a.delegate_id, "
    "a.preferred, a.last_seen_at, a.unreachable_at, d.id AS d_id, "
    + ", ".join(f"d.{name}" for name in DELEGATE_FIELDS)
    + ", c.flow, c.step, c.data, q.thread, q.updated_at AS thread_at, "
    "EXISTS (SELECT 1 FROM delegates o WHERE o.person_id = d.id) AS further FROM accounts a "
    "LEFT JOIN delegates d ON d.id = a.delegate_id "
    "LEFT JOIN conversations c ON c.account_id = a.id "
    "LEFT JOIN qa_threads q ON q.account_id = a.id "
    "WHERE a.channel = ? AND a.external_id = ?"
)


class AccountRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def touch(
        self, channel: str, external_id: str, chat_id: str, display_name: str, now: datetime
    ) -> Account:
        """The account of this chat identity, created on first contact (see `arrive`)."""
        return (await self.arrive(channel, external_id, chat_id, display_name, now)).account

    async def arrive(
        self, channel: str, external_id: str, chat_id: str, display_name: str, now: datetime
    ) -> Arrival:
        """The account of this chat identity, created on first contact, with its delegate and
        its dialogue in progress, read in one query. Writing to someone who had blocked the bot
        makes them reachable again. To spare a write on every message, `last_seen_at` is
        refreshed at most every SEEN_PRECISION."""
        row = await self.db.fetch_one(ARRIVAL, (channel, external_id))
        # by position: a column looked up by name is searched for among the row's 27
        values: tuple[Any, ...] = tuple(row) if row else ARRIVAL_NONE
        delegate = Delegate(*values[ARRIVAL_DELEGATE]) if values[ARRIVAL_D_ID] is not None else None
        flow, step, data, thread_json, thread_at, further = values[ARRIVAL_REST]
        only_row = delegate.id if delegate is not None and not further else None
        conversation = Conversation(flow, step, json.loads(data)) if flow is not None else None
        thread = SavedThread(thread_json, thread_at) if thread_json is not None else None
        last_seen_at, unreachable_at = values[ARRIVAL_SEEN]
        if (
            row
            and values[ARRIVAL_CHAT_ID] == chat_id
            and unreachable_at is None
            and last_seen_at >= utc_text(now - SEEN_PRECISION)
        ):
            return Arrival(Account(*values[:7]), delegate, conversation, thread, only_row)
        written = await self.db.write(
            "INSERT INTO accounts (channel, external_id, chat_id, display_name, created_at, "
            "last_seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, external_id) DO UPDATE "
            "SET chat_id = excluded.chat_id, last_seen_at = excluded.last_seen_at, "
            f"unreachable_at = NULL RETURNING {ACCOUNT_COLUMNS}",
            (channel, external_id, chat_id, display_name[:128], utc_text(now), utc_text(now)),
        )
        assert written is not None
        return Arrival(Account(*written), delegate, conversation, thread, only_row)

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

    async def of_person(self, delegate_id: int) -> list[Delegate]:
        """Every delegate row of the person whose first row is `delegate_id` (the one their chat
        accounts link to): one per series that invited them, the first first."""
        rows = await self.db.fetch_all(
            f"SELECT id, {', '.join(DELEGATE_FIELDS)} FROM delegates "
            "WHERE id = ? OR person_id = ? ORDER BY id",
            (delegate_id, delegate_id),
        )
        return [Delegate(*row) for row in rows]

    async def phone_holder(
        self, phone: str, other_than: int, series_id: str | None = None
    ) -> Delegate | None:
        """The delegate, other than `other_than`, who already has this phone number (within
        `series_id` when given)."""
        within = "" if series_id is None else " AND series_id = ?"
        row = await self.db.fetch_one(
            f"SELECT id, {', '.join(DELEGATE_FIELDS)} FROM delegates "
            f"WHERE phone = ? AND id != ?{within} ORDER BY id LIMIT 1",
            (phone, other_than, *(() if series_id is None else (series_id,))),
        )
        return Delegate(*row) if row else None

    async def register(self, account_id: int, values: dict[str, Any], now: datetime) -> Delegate:
        """Create the delegate, link the account to it and end the dialogue, all or nothing;
        `values["consented"]` records that they agreed to the privacy notice, now. An account
        already linked to a delegate of another series keeps that link: the new row becomes a
        further row of the same person."""
        consented_at = utc_text(now) if values.get("consented") else None
        async with self.db.transaction() as tx:
            linked = await tx.execute(
                "SELECT coalesce(d.person_id, d.id) FROM accounts a "
                "JOIN delegates d ON d.id = a.delegate_id WHERE a.id = ?",
                (account_id,),
            )
            if linked is not None:
                values = {**values, "person_id": int(linked[0])}
            columns = [name for name in DELEGATE_FIELDS if name in values]
            row = await tx.execute(
                f"INSERT INTO delegates ({', '.join(columns)}, created_at, updated_at, "
                f"consented_at) VALUES ({', '.join('?' * len(columns))}, ?, ?, ?) RETURNING id",
                (*(values[name] for name in columns), utc_text(now), utc_text(now), consented_at),
            )
            assert row is not None
            await tx.execute(
                "UPDATE accounts SET delegate_id = ? WHERE id = ? AND delegate_id IS NULL",
                (row[0], account_id),
            )
            await tx.execute("DELETE FROM conversations WHERE account_id = ?", (account_id,))
        delegate = await self.get(row[0])
        assert delegate is not None
        return delegate

    async def update(self, delegate_id: int, values: dict[str, Any], now: datetime) -> None:
        """Change a delegate's details: the person's own (name, position, phone) on their row
        of every series, the rest (commune, category…) on this row alone."""
        own = [name for name in PERSONAL_FIELDS if name in values]
        here = [name for name in DELEGATE_FIELDS if name in values and name not in own]
        async with self.db.transaction() as tx:
            for columns, rows in ((own, SAME_PERSON), (here, "id = ?")):
                if columns:
                    await tx.execute(
                        f"UPDATE delegates SET {', '.join(f'{name} = ?' for name in columns)}, "
                        f"updated_at = ? WHERE {rows}",
                        (*(values[name] for name in columns), utc_text(now), delegate_id),
                    )

    async def erase(self, delegate_id: int) -> None:
        """Delete a person's data: the delegate row (with their answers and check-ins), the
        history of their answers, and on every chat account linked to them (on each app) the
        chat name, any half-done dialogue, what their last question was about, the numbered
        choices last shown and the messages still queued. The accounts themselves stay,
        unlinked, so the chats still work. The person's rows in other series go too."""
        linked = "(SELECT id FROM accounts WHERE delegate_id = ?)"
        async with self.db.transaction() as tx:
            root = await tx.execute(
                "SELECT coalesce(person_id, id) FROM delegates WHERE id = ?", (delegate_id,)
            )
            delegate_id = int(root[0]) if root is not None else delegate_id
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
            await tx.execute(
                "DELETE FROM attendance_history WHERE delegate_id IN "
                "(SELECT id FROM delegates WHERE id = ? OR person_id = ?)",
                (delegate_id, delegate_id),
            )
            await tx.execute(
                "DELETE FROM delegates WHERE id = ? OR person_id = ?", (delegate_id, delegate_id)
            )
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
