"""Delegates imported from a focal point's file: stored all or nothing, merged by phone number,
each with a single-use personal invite code (`/start p-<code>`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from bot.domain import ImportDecision
from storage.db import Database, utc_text
from storage.import_batch import store_batch
from storage.import_rows import (
    CLAIM_ALPHABET,
    CLAIM_LENGTH,
    Conflict,
    ImportedPerson,
    MayChange,
    StoredPerson,
)


def is_claim_code(text: str) -> bool:
    return len(text) == CLAIM_LENGTH and all(ch in CLAIM_ALPHABET for ch in text)


@dataclass(frozen=True)
class HeldConflict:
    """A conflict held for the importer in the chat, until a button decides it."""

    id: int
    batch: str
    person: ImportedPerson
    conflict: Conflict


class ImportRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def store(
        self,
        people: Sequence[ImportedPerson],
        now: datetime,
        may_change: MayChange | None = None,
        decision: ImportDecision | None = None,
        *,
        series_id: str,
    ) -> list[StoredPerson]:
        """Insert or merge every person into the delegates of `series_id`, in one transaction.
        The same phone number under the same name (or, without a phone, the same name in the
        same commune) is the same delegate; a
        conflict (see `Conflict`) is held back unless `decision` decides it; a row that would
        change a delegate `may_change` refuses is left out, marked `refused`."""
        async with self.db.transaction() as tx:
            return await store_batch(tx, series_id, people, now, may_change, decision)

    async def hold(
        self,
        held: Sequence[StoredPerson],
        batch: str,
        channel: str,
        user_id: str,
        now: datetime,
    ) -> list[HeldConflict]:
        """Keep conflicting rows of a chat import for the importer to decide."""
        kept: list[HeldConflict] = []
        async with self.db.transaction() as tx:
            for entry in held:
                conflict = entry.conflict
                assert conflict is not None
                row = await tx.execute(
                    "INSERT INTO import_conflicts (batch, channel, user_id, kind, delegate_id, "
                    "person, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (
                        batch,
                        channel,
                        user_id,
                        conflict.kind,
                        conflict.delegate_id,
                        json.dumps({"person": asdict(entry.person), "conflict": asdict(conflict)}),
                        utc_text(now),
                    ),
                )
                assert row is not None
                kept.append(HeldConflict(int(row[0]), batch, entry.person, conflict))
        return kept

    async def held(
        self, channel: str, user_id: str, conflict_id: int | None, batch: str | None
    ) -> list[HeldConflict]:
        """The undecided conflicts of this importer: one by id, or all of a batch."""
        rows = await self.db.fetch_all(
            "SELECT id, batch, person FROM import_conflicts WHERE channel = ? "
            "AND user_id = ? AND (id = ? OR batch = ?) ORDER BY id",
            (channel, user_id, conflict_id, batch),
        )
        found = []
        for row in rows:
            saved = json.loads(row["person"])
            person = ImportedPerson(**saved["person"])
            found.append(
                HeldConflict(row["id"], row["batch"], person, Conflict(**saved["conflict"]))
            )
        return found

    async def decide(
        self,
        held: Sequence[HeldConflict],
        decision: ImportDecision,
        now: datetime,
        may_change: MayChange | None = None,
    ) -> list[StoredPerson]:
        """Apply the importer's decision to held conflicts, in one transaction, each within the
        series of the delegate it conflicted with."""
        stored: list[StoredPerson] = []
        async with self.db.transaction() as tx:
            for entry in held:
                # A decided row is gone: nothing of the person it held stays behind.
                done = await tx.execute(
                    "DELETE FROM import_conflicts WHERE id = ? RETURNING (SELECT series_id FROM "
                    "delegates WHERE id = import_conflicts.delegate_id)",
                    (entry.id,),
                )
                if done is not None and done[0] is not None:
                    stored.extend(
                        await store_batch(
                            tx, str(done[0]), [entry.person], now, may_change, decision
                        )
                    )
        return stored

    async def claim(self, code: str, account_id: int) -> int | None:
        """Link an account without a delegate to the imported delegate of this code; the code
        is spent. An account already linked to a delegate of another series gets this one as
        the same person's row of that series. None when the code is unknown or used, or the
        person already has a delegate in that series."""
        if not is_claim_code(code):
            return None
        async with self.db.transaction() as tx:
            row = await tx.execute(
                "SELECT id, series_id FROM delegates WHERE claim_code = ? AND person_id IS NULL",
                (code,),
            )
            if row is None:
                return None
            delegate_id = int(row[0])
            person = await tx.execute(
                "SELECT coalesce(d.person_id, d.id) FROM accounts a JOIN delegates d "
                "ON d.id = a.delegate_id WHERE a.id = ?",
                (account_id,),
            )
            if person is None:
                await tx.execute(
                    "UPDATE accounts SET delegate_id = ? WHERE id = ?", (delegate_id, account_id)
                )
            else:
                joined = await tx.execute(
                    "UPDATE delegates SET person_id = ? WHERE id = ? AND NOT EXISTS (SELECT 1 "
                    "FROM delegates o WHERE coalesce(o.person_id, o.id) = ? AND o.series_id = ?) "
                    "RETURNING id",
                    (person[0], delegate_id, person[0], row[1]),
                )
                if joined is None:
                    return None
            await tx.execute("UPDATE delegates SET claim_code = NULL WHERE id = ?", (delegate_id,))
            await tx.execute("DELETE FROM conversations WHERE account_id = ?", (account_id,))
        return delegate_id
