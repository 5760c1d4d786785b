"""Which plan deadlines are done, when, by whom and with which file: per series, since deadline
ids come from each plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, parse_utc, utc_text
from storage.documents import StoredFile, store_file


@dataclass(frozen=True)
class DoneMark:
    deadline_id: str
    done_at: datetime
    done_by: str
    file: StoredFile | None


class DeadlineRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def mark_done(
        self,
        series_id: str,
        deadline_id: str,
        by: str,
        now: datetime,
        file: tuple[str, bytes] | None = None,
    ) -> bool:
        """Mark a deadline done, once (with its file); False if it was done already."""
        async with self.db.transaction() as tx:
            # read, then written: two owners pressing at once would both find it not done
            await tx.serialise(f"deadline:{series_id}:{deadline_id}")
            done = await tx.execute(
                "SELECT 1 FROM deadlines_done WHERE series_id = ? AND deadline_id = ?",
                (series_id, deadline_id),
            )
            if done is not None:
                return False
            stored = await store_file(tx, file[0], file[1], by, now) if file else None
            await tx.execute(
                "INSERT INTO deadlines_done (series_id, deadline_id, done_at, done_by, "
                "document_id) VALUES (?, ?, ?, ?, ?)",
                (series_id, deadline_id, utc_text(now), by, stored.id if stored else None),
            )
        return True

    async def done(self, series_id: str) -> dict[str, DoneMark]:
        """The deadlines of this series marked done, by deadline id."""
        rows = await self.db.fetch_all(
            "SELECT m.deadline_id, m.done_at, m.done_by, f.id, f.file_name, f.size, f.sha256 "
            "FROM deadlines_done m LEFT JOIN documents f ON f.id = m.document_id "
            "WHERE m.series_id = ?",
            (series_id,),
        )
        return {
            row[0]: DoneMark(
                row[0],
                parse_utc(row[1]),
                row[2],
                StoredFile(row[3], row[4], row[5], row[6]) if row[3] is not None else None,
            )
            for row in rows
        }
