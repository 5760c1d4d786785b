"""The rows of an import and what became of them (shared by the repository and the batch
that stores them), and the single-use personal invite codes of imported delegates."""

from __future__ import annotations

import secrets
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

CLAIM_ALPHABET = string.ascii_letters + string.digits
CLAIM_LENGTH = 10


_RANDOM = secrets.SystemRandom()


def new_claim_code() -> str:
    return "".join(_RANDOM.choices(CLAIM_ALPHABET, k=CLAIM_LENGTH))


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


# Whether the importer may change an existing delegate, by that delegate's (commune code,
# category code) as stored now.
MayChange = Callable[[int | None, str], bool]
