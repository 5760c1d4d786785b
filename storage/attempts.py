"""Wrong codes, counted per kind of code: by one subject (an account, a web client) and by
everyone, within a window of time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, parse_utc, utc_text


@dataclass(frozen=True)
class Failures:
    """How many wrong codes since a moment, and when the last one came."""

    count: int
    last: datetime | None


class CodeFailures:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def since(self, kind: str, subject: str | None, moment: datetime) -> Failures:
        """Wrong codes of `kind` since `moment`: by `subject`, or by everyone when None."""
        where, params = "kind = ? AND at >= ?", [kind, utc_text(moment)]
        if subject is not None:
            where += " AND subject = ?"
            params.append(subject)
        row = await self.db.fetch_one(
            f"SELECT count(*), max(at) FROM code_failures WHERE {where}", params
        )
        assert row is not None
        return Failures(int(row[0]), parse_utc(str(row[1])) if row[1] else None)

    async def add(self, kind: str, subject: str, now: datetime, forget_before: datetime) -> None:
        """One wrong code; the rows older than every window go at the same time."""
        async with self.db.transaction() as tx:
            await tx.execute(
                "DELETE FROM code_failures WHERE kind = ? AND at < ?",
                (kind, utc_text(forget_before)),
            )
            await tx.execute(
                "INSERT INTO code_failures (kind, subject, at) VALUES (?, ?, ?)",
                (kind, subject, utc_text(now)),
            )
