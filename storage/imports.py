"""Delegates imported from a focal point's file: stored all or nothing, merged by phone number,
each with a single-use personal invite code (`/start p-<code>`)."""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, Transaction, utc_text

CLAIM_ALPHABET = string.ascii_letters + string.digits
CLAIM_LENGTH = 10


def new_claim_code() -> str:
    return "".join(secrets.choice(CLAIM_ALPHABET) for _ in range(CLAIM_LENGTH))


def is_claim_code(text: str) -> bool:
    return len(text) == CLAIM_LENGTH and all(ch in CLAIM_ALPHABET for ch in text)


@dataclass(frozen=True)
class ImportedPerson:
    """One valid row of an import file, ready to store."""

    line: int
    full_name: str
    position: str
    category_code: str
    category_other: str
    commune_code: int | None
    commune_name: str | None
    phone: str


@dataclass(frozen=True)
class StoredPerson:
    """What became of a row: the delegate it is now, and whether it merged with one; or,
    `refused`, the delegate it would have changed and the importer may not."""

    person: ImportedPerson
    delegate_id: int
    merged: bool
    claim_code: str | None  # None: the delegate already has a chat account
    refused: bool = False


# Whether the importer may change an existing delegate, by that delegate's (commune code,
# category code) as stored now.
MayChange = Callable[[int | None, str], bool]


class ImportRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def store(
        self, people: Sequence[ImportedPerson], now: datetime, may_change: MayChange | None = None
    ) -> list[StoredPerson]:
        """Insert or merge every person in one transaction. The same phone number (or, without
        a phone, the same name in the same commune) is the same delegate; a row that would
        change a delegate `may_change` refuses is left out, marked `refused`."""
        stamp = utc_text(now)
        stored: list[StoredPerson] = []
        async with self.db.transaction() as tx:
            for person in people:
                existing = await _find(tx, person)
                if existing is not None and may_change and not may_change(*existing[2:]):
                    stored.append(StoredPerson(person, existing[0], False, None, refused=True))
                    continue
                values = (
                    person.full_name,
                    person.position,
                    person.category_code,
                    person.category_other,
                    person.commune_code,
                    person.commune_name,
                )
                if existing is None:
                    code = new_claim_code()
                    row = await tx.execute(
                        "INSERT INTO delegates (full_name, position, category_code, "
                        "category_other, commune_code, commune_name, phone, invite_code, "
                        "claim_code, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, ?) RETURNING id",
                        (*values, person.phone, code, stamp, stamp),
                    )
                    assert row is not None
                    stored.append(StoredPerson(person, row[0], False, code))
                    continue
                delegate_id, claim_code = existing[:2]
                linked = await tx.execute(
                    "SELECT 1 FROM accounts WHERE delegate_id = ? LIMIT 1", (delegate_id,)
                )
                if claim_code is None and linked is None:
                    claim_code = new_claim_code()
                await tx.execute(
                    "UPDATE delegates SET full_name = ?, position = ?, category_code = ?, "
                    "category_other = ?, commune_code = ?, commune_name = ?, claim_code = ?, "
                    "updated_at = ? WHERE id = ?",
                    (*values, None if linked else claim_code, stamp, delegate_id),
                )
                stored.append(
                    StoredPerson(person, delegate_id, True, None if linked else claim_code)
                )
        return stored

    async def claim(self, code: str, account_id: int) -> int | None:
        """Link an account without a delegate to the imported delegate of this code; the code
        is spent. None when the code is unknown or used, or the account already has one."""
        if not is_claim_code(code):
            return None
        async with self.db.transaction() as tx:
            row = await tx.execute("SELECT id FROM delegates WHERE claim_code = ?", (code,))
            if row is None:
                return None
            delegate_id = int(row[0])
            linked = await tx.execute(
                "UPDATE accounts SET delegate_id = ? WHERE id = ? AND delegate_id IS NULL "
                "RETURNING id",
                (delegate_id, account_id),
            )
            if linked is None:
                return None
            await tx.execute("UPDATE delegates SET claim_code = NULL WHERE id = ?", (delegate_id,))
            await tx.execute("DELETE FROM conversations WHERE account_id = ?", (account_id,))
        return delegate_id


async def _find(
    tx: Transaction, person: ImportedPerson
) -> tuple[int, str | None, int | None, str] | None:
    """(id, claim code, commune code, category code) of the delegate this row is."""
    columns = "id, claim_code, commune_code, category_code"
    if person.phone:
        row = await tx.execute(
            f"SELECT {columns} FROM delegates WHERE phone = ? ORDER BY id LIMIT 1",
            (person.phone,),
        )
    else:
        row = await tx.execute(
            f"SELECT {columns} FROM delegates WHERE phone = '' AND full_name = ? "
            "AND commune_code IS ? ORDER BY id LIMIT 1",
            (person.full_name, person.commune_code),
        )
    return (int(row[0]), row[1], row[2], row[3]) if row else None
