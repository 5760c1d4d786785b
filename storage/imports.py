"""Delegates imported from a focal point's file: stored all or nothing, merged by phone number,
each with a single-use personal invite code (`/start p-<code>`)."""

from __future__ import annotations

import json
import secrets
import string
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Literal

from aiosqlite import Row

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
    workplace: str = ""


Decision = Literal["keep", "replace", "skip"]
DECISIONS: tuple[Decision, ...] = ("keep", "replace", "skip")


@dataclass(frozen=True)
class Conflict:
    """A row that is not applied until someone decides: `kind` "phone", its phone number is
    stored under another name; "name", its name is stored in the same commune with another
    phone. keep: both people are kept (the row is a new delegate); replace: the stored person
    takes the row's details; skip: the row is dropped."""

    kind: Literal["phone", "name"]
    delegate_id: int
    stored_name: str
    stored_phone: str


@dataclass(frozen=True)
class StoredPerson:
    """What became of a row: the delegate it is now, and whether it merged with one; or,
    `refused`, the delegate it would have changed and the importer may not."""

    person: ImportedPerson
    delegate_id: int
    merged: bool
    claim_code: str | None  # None: the delegate already has a chat account
    refused: bool = False
    # Held back, not applied: the conflict the importer must decide (see `Conflict`).
    conflict: Conflict | None = None
    skipped: bool = False  # a conflict decided "skip"

    @property
    def applied(self) -> bool:
        return not (self.refused or self.conflict or self.skipped)


@dataclass(frozen=True)
class HeldConflict:
    """A conflict held for the importer in the chat, until a button decides it."""

    id: int
    batch: str
    person: ImportedPerson
    conflict: Conflict
    decision: str | None


# Whether the importer may change an existing delegate, by that delegate's (commune code,
# category code) as stored now.
MayChange = Callable[[int | None, str], bool]


class ImportRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def store(
        self,
        people: Sequence[ImportedPerson],
        now: datetime,
        may_change: MayChange | None = None,
        decision: Decision | None = None,
    ) -> list[StoredPerson]:
        """Insert or merge every person in one transaction. The same phone number under the same
        name (or, without a phone, the same name in the same commune) is the same delegate; a
        conflict (see `Conflict`) is held back unless `decision` decides it; a row that would
        change a delegate `may_change` refuses is left out, marked `refused`."""
        stored: list[StoredPerson] = []
        async with self.db.transaction() as tx:
            for person in people:
                stored.append(await _store_one(tx, person, now, may_change, decision))
        return stored

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
                kept.append(HeldConflict(int(row[0]), batch, entry.person, conflict, None))
        return kept

    async def held(
        self, channel: str, user_id: str, conflict_id: int | None, batch: str | None
    ) -> list[HeldConflict]:
        """The undecided conflicts of this importer: one by id, or all of a batch."""
        rows = await self.db.fetch_all(
            "SELECT id, batch, person, decision FROM import_conflicts WHERE channel = ? "
            "AND user_id = ? AND (id = ? OR batch = ?) AND decision IS NULL ORDER BY id",
            (channel, user_id, conflict_id, batch),
        )
        found = []
        for row in rows:
            saved = json.loads(row["person"])
            person = ImportedPerson(**saved["person"])
            found.append(
                HeldConflict(row["id"], row["batch"], person, Conflict(**saved["conflict"]), None)
            )
        return found

    async def decide(
        self,
        held: Sequence[HeldConflict],
        decision: Decision,
        now: datetime,
        may_change: MayChange | None = None,
    ) -> list[StoredPerson]:
        """Apply the importer's decision to held conflicts, in one transaction."""
        stored: list[StoredPerson] = []
        async with self.db.transaction() as tx:
            for entry in held:
                done = await tx.execute(
                    "UPDATE import_conflicts SET decision = ?, decided_at = ? "
                    "WHERE id = ? AND decision IS NULL RETURNING id",
                    (decision, utc_text(now), entry.id),
                )
                if done is not None:
                    stored.append(await _store_one(tx, entry.person, now, may_change, decision))
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


def _same_name(one: str, other: str) -> bool:
    def folded(text: str) -> str:
        return unicodedata.normalize("NFC", " ".join(text.split())).casefold()

    return folded(one) == folded(other)


_COLUMNS = "id, claim_code, commune_code, category_code, full_name, phone"


async def _find(tx: Transaction, person: ImportedPerson) -> Row | None:
    """The delegate this row is: the same phone, or without a phone the same name in the
    same commune."""
    if person.phone:
        return await tx.execute(
            f"SELECT {_COLUMNS} FROM delegates WHERE phone = ? ORDER BY id LIMIT 1",
            (person.phone,),
        )
    return await tx.execute(
        f"SELECT {_COLUMNS} FROM delegates WHERE phone = '' AND full_name = ? "
        "AND commune_code IS ? ORDER BY id LIMIT 1",
        (person.full_name, person.commune_code),
    )


async def _namesake(tx: Transaction, person: ImportedPerson) -> Row | None:
    """A delegate of the same name in the same commune under another phone number."""
    if not person.phone:
        return None
    return await tx.execute(
        f"SELECT {_COLUMNS} FROM delegates WHERE full_name = ? AND commune_code IS ? "
        "AND phone <> '' AND phone <> ? ORDER BY id LIMIT 1",
        (person.full_name, person.commune_code, person.phone),
    )


def _conflict(kind: Literal["phone", "name"], row: Row) -> Conflict:
    return Conflict(kind, int(row[0]), str(row[4]), str(row[5]))


async def _store_one(
    tx: Transaction,
    person: ImportedPerson,
    now: datetime,
    may_change: MayChange | None,
    decision: Decision | None,
) -> StoredPerson:
    existing = await _find(tx, person)
    conflict: Conflict | None = None
    if existing is not None and not _same_name(existing[4], person.full_name):
        conflict = _conflict("phone", existing)
    elif existing is None and (namesake := await _namesake(tx, person)) is not None:
        conflict, existing = _conflict("name", namesake), namesake
    # Someone else's delegate is refused before anything of them is told (their name).
    if existing is not None and may_change and not may_change(existing[2], existing[3]):
        return StoredPerson(person, int(existing[0]), False, None, refused=True)
    if conflict is not None:
        if decision is None:
            return StoredPerson(person, conflict.delegate_id, False, None, conflict=conflict)
        if decision == "skip":
            return StoredPerson(person, conflict.delegate_id, False, None, skipped=True)
        if decision == "keep":
            existing = None
    stamp = utc_text(now)
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
            "INSERT INTO delegates (full_name, position, category_code, category_other, "
            "commune_code, commune_name, phone, workplace, invite_code, claim_code, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, ?) RETURNING id",
            (*values, person.phone, person.workplace, code, stamp, stamp),
        )
        assert row is not None
        return StoredPerson(person, int(row[0]), False, code)
    delegate_id, claim_code = int(existing[0]), existing[1]
    linked = await tx.execute(
        "SELECT 1 FROM accounts WHERE delegate_id = ? LIMIT 1", (delegate_id,)
    )
    if claim_code is None and linked is None:
        claim_code = new_claim_code()
    await tx.execute(
        "UPDATE delegates SET full_name = ?, position = ?, category_code = ?, "
        "category_other = ?, commune_code = ?, commune_name = ?, "
        "phone = CASE WHEN ? = '' THEN phone ELSE ? END, "
        "workplace = CASE WHEN ? = '' THEN workplace ELSE ? END, claim_code = ?, "
        "updated_at = ? WHERE id = ?",
        (
            *values,
            person.phone,
            person.phone,
            person.workplace,
            person.workplace,
            None if linked else claim_code,
            stamp,
            delegate_id,
        ),
    )
    return StoredPerson(person, delegate_id, True, None if linked else claim_code)
