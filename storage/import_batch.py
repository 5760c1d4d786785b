"""Storing the rows of an import in a handful of statements: the delegates the rows may be are
read first (by phone and by name), every row is matched in memory in the order of the file,
and the result is written with one INSERT and one UPDATE batch. 40,000 rows cost seconds of
the shared write lock instead of minutes of single statements, so chats stay answered."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain import ImportDecision
from storage.db import Transaction, utc_text
from storage.import_rows import (
    Conflict,
    ImportedPerson,
    MayChange,
    StoredPerson,
    new_claim_code,
)

CHUNK = 500  # values bound in one IN (...) list
COLUMNS = "id, claim_code, commune_code, category_code, full_name, phone"


def same_name(one: str, other: str) -> bool:
    def folded(text: str) -> str:
        return unicodedata.normalize("NFC", " ".join(text.split())).casefold()

    return folded(one) == folded(other)


@dataclass(eq=False)
class Target:
    """A delegate as this import leaves it; `id` is None until a new one is inserted."""

    id: int | None
    claim_code: str | None
    commune_code: int | None
    category_code: str
    full_name: str
    phone: str
    linked: bool = False
    position: str = ""
    category_other: str = ""
    commune_name: str | None = None
    workplace: str = ""
    changed: bool = False


@dataclass
class Outcome:
    """What became of one row, resolved into a `StoredPerson` once new ids are known."""

    person: ImportedPerson
    target: Target
    merged: bool = False
    refused: bool = False
    skipped: bool = False
    conflict: tuple[str, str, str] | None = None  # kind, the stored name and phone then


@dataclass
class Known:
    """The delegates the rows may be, by phone and by (name, commune)."""

    by_phone: dict[str, list[Target]] = field(default_factory=dict)
    by_name: dict[tuple[str, int | None], list[Target]] = field(default_factory=dict)

    def add(self, target: Target) -> None:
        if target.phone and target not in self.by_phone.get(target.phone, []):
            self.by_phone.setdefault(target.phone, []).append(target)
        key = (target.full_name, target.commune_code)
        if target not in self.by_name.get(key, []):
            self.by_name.setdefault(key, []).append(target)

    def same(self, person: ImportedPerson) -> Target | None:
        """The same phone number, or without a phone the same name in the same commune."""
        if person.phone:
            found = self.by_phone.get(person.phone, [])
            return next((t for t in found if t.phone == person.phone), None)
        return next((t for t in self._named(person) if not t.phone), None)

    def namesake(self, person: ImportedPerson) -> Target | None:
        """The same name in the same commune under another phone number."""
        if not person.phone:
            return None
        return next((t for t in self._named(person) if t.phone not in ("", person.phone)), None)

    def _named(self, person: ImportedPerson) -> list[Target]:
        found = self.by_name.get((person.full_name, person.commune_code), [])
        return [
            t
            for t in found
            if t.full_name == person.full_name and t.commune_code == person.commune_code
        ]


def _chunks(values: Sequence[object]) -> Iterable[Sequence[object]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


async def _known(tx: Transaction, series_id: str, people: Sequence[ImportedPerson]) -> Known:
    phones = sorted({p.phone for p in people if p.phone})
    names = sorted({p.full_name for p in people})
    rows = {}
    for column, values in (("phone", phones), ("full_name", names)):
        for chunk in _chunks(values):
            marks = ", ".join("?" * len(chunk))
            for row in await tx.fetch_all(
                f"SELECT {COLUMNS} FROM delegates WHERE series_id = ? AND {column} IN ({marks})",
                [series_id, *chunk],
            ):
                rows[int(row[0])] = row
    linked: set[int] = set()
    for chunk in _chunks(sorted(rows)):
        marks = ", ".join("?" * len(chunk))
        found = await tx.fetch_all(
            f"SELECT DISTINCT delegate_id FROM accounts WHERE delegate_id IN ({marks})", chunk
        )
        linked.update(int(row[0]) for row in found)
    known = Known()
    for delegate_id in sorted(rows):
        row = rows[delegate_id]
        known.add(
            Target(delegate_id, row[1], row[2], str(row[3]), str(row[4]), str(row[5]),
                   linked=delegate_id in linked)
        )  # fmt: skip
    return known


def _apply(target: Target, person: ImportedPerson) -> None:
    target.full_name, target.position = person.full_name, person.position
    target.category_code, target.category_other = person.category_code, person.category_other
    target.commune_code, target.commune_name = person.commune_code, person.commune_name
    target.phone = person.phone or target.phone
    target.workplace = person.workplace or target.workplace
    if target.claim_code is None and not target.linked:
        target.claim_code = new_claim_code()
    target.changed = True


def _may(may_change: MayChange | None, target: Target) -> bool:
    return may_change is None or may_change(target.commune_code, target.category_code)


def _match(
    known: Known,
    person: ImportedPerson,
    may_change: MayChange | None,
    decision: ImportDecision | None,
) -> Outcome:
    existing = known.same(person)
    conflict: tuple[str, str, str] | None = None
    if existing is not None and not same_name(existing.full_name, person.full_name):
        conflict = ("phone", existing.full_name, existing.phone)
    elif existing is None and (namesake := known.namesake(person)) is not None:
        conflict, existing = ("name", namesake.full_name, namesake.phone), namesake
    # Someone else's delegate is refused before anything of them is told (their name).
    if existing is not None and not _may(may_change, existing):
        return Outcome(person, existing, refused=True)
    if existing is not None and conflict is not None:
        if decision is None:
            return Outcome(person, existing, conflict=conflict)
        if decision == "skip":
            return Outcome(person, existing, skipped=True)
        if decision == "keep":
            existing = None
    if existing is None:
        target = Target(None, None, person.commune_code, person.category_code, "", "")
        _apply(target, person)
        known.add(target)
        return Outcome(person, target)
    _apply(existing, person)
    known.add(existing)
    return Outcome(person, existing, merged=True)


async def store_batch(
    tx: Transaction,
    series_id: str,
    people: Sequence[ImportedPerson],
    now: datetime,
    may_change: MayChange | None,
    decision: ImportDecision | None,
) -> list[StoredPerson]:
    # what is stored is read, then written: two imports at once would both find a person new
    await tx.serialise("import")
    known = await _known(tx, series_id, people)
    # Matching is seconds of CPU for tens of thousands of rows: off the event loop.
    outcomes = await asyncio.to_thread(
        lambda: [_match(known, person, may_change, decision) for person in people]
    )
    stamp = utc_text(now)
    targets = list({id(o.target): o.target for o in outcomes if o.target.changed}.values())
    new = [t for t in targets if t.id is None]
    stored_before = [t for t in targets if t.id is not None]
    people_elsewhere = await _people_elsewhere(tx, series_id, new)
    await tx.execute_many(
        "INSERT INTO delegates (full_name, position, category_code, category_other, "
        "commune_code, commune_name, phone, workplace, invite_code, claim_code, created_at, "
        "updated_at, series_id, person_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, ?, ?, ?)",
        [
            (*_values(t), t.claim_code, stamp, stamp, series_id, people_elsewhere.get(t.phone))
            for t in new
        ],
    )
    by_code = {t.claim_code: t for t in new}
    for chunk in _chunks(sorted(code for code in by_code if code)):
        marks = ", ".join("?" * len(chunk))
        for row in await tx.fetch_all(
            f"SELECT id, claim_code FROM delegates WHERE claim_code IN ({marks})", chunk
        ):
            by_code[row[1]].id = int(row[0])
    await tx.execute_many(
        "UPDATE delegates SET full_name = ?, position = ?, category_code = ?, "
        "category_other = ?, commune_code = ?, commune_name = ?, phone = ?, workplace = ?, "
        "claim_code = ?, updated_at = ? WHERE id = ?",
        [(*_values(t), None if t.linked else t.claim_code, stamp, t.id) for t in stored_before],
    )
    stored = []
    for outcome in outcomes:
        target = outcome.target
        assert target.id is not None
        conflict = None
        if outcome.conflict is not None:
            kind, name, phone = outcome.conflict
            conflict = Conflict("phone" if kind == "phone" else "name", target.id, name, phone)
        applied = not (outcome.refused or outcome.skipped or conflict)
        claim = target.claim_code if applied and not target.linked else None
        stored.append(
            StoredPerson(
                outcome.person,
                target.id,
                outcome.merged,
                claim,
                refused=outcome.refused,
                conflict=conflict,
                skipped=outcome.skipped,
            )
        )
    return stored


async def _people_elsewhere(
    tx: Transaction, series_id: str, new: Sequence[Target]
) -> dict[str, int]:
    """By phone number, the person (their first delegate row) a new delegate of this series
    already is in another series: the same person, invited to one more series."""
    phones = sorted({t.phone for t in new if t.phone})
    found: dict[str, int] = {}
    for chunk in _chunks(phones):
        marks = ", ".join("?" * len(chunk))
        for row in await tx.fetch_all(
            "SELECT phone, min(coalesce(person_id, id)) FROM delegates "
            f"WHERE series_id != ? AND phone IN ({marks}) GROUP BY phone",
            [series_id, *chunk],
        ):
            found[str(row[0])] = int(row[1])
    return found


def _values(target: Target) -> tuple[object, ...]:
    return (
        target.full_name,
        target.position,
        target.category_code,
        target.category_other,
        target.commune_code,
        target.commune_name,
        target.phone,
        target.workplace,
    )
