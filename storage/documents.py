"""Files people send in the chat (drafts of talks, files owed by a deadline) and the review of
each version of a speaker's talk."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, Row, Transaction, utc_text


@dataclass(frozen=True)
class StoredFile:
    id: int
    file_name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Draft:
    id: int
    series_id: str  # speaker ids are each plan's: a talk is a speaker's of one series
    speaker_id: str
    version: int
    status: str  # review, approved, changes, replaced
    file: StoredFile
    sent_by: str
    comment: str = ""
    reviewed_by: str | None = None


DRAFT_SELECT = (
    "SELECT d.id, d.series_id, d.speaker_id, d.version, d.status, d.comment, d.reviewed_by, "
    "f.id AS file_id, f.file_name, f.size, f.sha256, f.sent_by "
    "FROM drafts d JOIN documents f ON f.id = d.document_id"
)


def _draft(row: Row) -> Draft:
    file = StoredFile(row["file_id"], row["file_name"], row["size"], row["sha256"])
    return Draft(
        row["id"],
        row["series_id"],
        row["speaker_id"],
        row["version"],
        row["status"],
        file,
        row["sent_by"],
        row["comment"],
        row["reviewed_by"],
    )


async def store_file(
    tx: Transaction, file_name: str, content: bytes, sent_by: str, now: datetime
) -> StoredFile:
    digest = hashlib.sha256(content).hexdigest()
    row = await tx.execute(
        "INSERT INTO documents (file_name, size, sha256, content, sent_by, sent_at) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (file_name, len(content), digest, content, sent_by, utc_text(now)),
    )
    assert row is not None
    return StoredFile(int(row["id"]), file_name, len(content), digest)


class DocumentRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def content(self, file_id: int) -> bytes | None:
        found = await self.db.scalar("SELECT content FROM documents WHERE id = ?", (file_id,))
        return bytes(found) if isinstance(found, bytes) else None

    async def add_draft(
        self,
        series_id: str,
        speaker_id: str,
        file_name: str,
        content: bytes,
        sent_by: str,
        now: datetime,
    ) -> Draft:
        """Store a new version of a speaker's talk in a series; the older ones leave the
        review."""
        async with self.db.transaction() as tx:
            # versions numbered one after another
            await tx.serialise(f"draft:{series_id}:{speaker_id}")
            file = await store_file(tx, file_name, content, sent_by, now)
            await tx.execute(
                "UPDATE drafts SET status = 'replaced' "
                "WHERE series_id = ? AND speaker_id = ? AND status = 'review'",
                (series_id, speaker_id),
            )
            row = await tx.execute(
                "INSERT INTO drafts (series_id, speaker_id, version, document_id) VALUES (?, ?, "
                "(SELECT coalesce(max(version), 0) + 1 FROM drafts "
                "WHERE series_id = ? AND speaker_id = ?), ?) RETURNING id, version",
                (series_id, speaker_id, series_id, speaker_id, file.id),
            )
            assert row is not None
        version = int(row["version"])
        return Draft(int(row["id"]), series_id, speaker_id, version, "review", file, sent_by)

    async def draft(self, draft_id: int) -> Draft | None:
        row = await self.db.fetch_one(f"{DRAFT_SELECT} WHERE d.id = ?", (draft_id,))
        return _draft(row) if row else None

    async def review(
        self, draft_id: int, approved: bool, comment: str, by: str, now: datetime
    ) -> Draft | None:
        """Record a reviewer's answer on a version still in review, once: the draft, or None
        when it was already answered or replaced by a newer version."""
        row = await self.db.write(
            "UPDATE drafts SET status = ?, comment = ?, reviewed_by = ?, reviewed_at = ? "
            "WHERE id = ? AND status = 'review' RETURNING id",
            ("approved" if approved else "changes", comment, by, utc_text(now), draft_id),
        )
        return await self.draft(draft_id) if row else None

    async def latest_drafts(self, series_id: str) -> dict[str, Draft]:
        """Each speaker's latest version, in a series."""
        rows = await self.db.fetch_all(
            f"{DRAFT_SELECT} WHERE d.series_id = ? AND d.version = (SELECT max(version) "
            "FROM drafts x WHERE x.series_id = d.series_id AND x.speaker_id = d.speaker_id)",
            (series_id,),
        )
        return {draft.speaker_id: draft for draft in map(_draft, rows)}
