"""Agenda reminders sent to speakers: acknowledged ("Đã nhận") or not, and whether the
organisers were told of the silence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, parse_utc, utc_text


@dataclass(frozen=True)
class SpeakerReminder:
    session_id: str
    speaker_id: str
    offset: str
    reminded_at: datetime
    acked_at: datetime | None


class SpeakerReminderRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(self, session_id: str, speaker_id: str, offset: str, now: datetime) -> bool:
        """Note that the reminder went out; False if it had been noted before."""
        row = await self.db.write(
            "INSERT INTO speaker_reminders (session_id, speaker_id, offset_name, "
            "reminded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
            (session_id, speaker_id, offset, utc_text(now)),
        )
        return row is not None

    async def acknowledge(self, session_id: str, speaker_id: str, by: str, now: datetime) -> int:
        """Acknowledge every reminder of this session for this speaker; how many were open."""
        rows = await self.db.fetch_all(
            "UPDATE speaker_reminders SET acked_at = ?, acked_by = ? "
            "WHERE session_id = ? AND speaker_id = ? AND acked_at IS NULL RETURNING 1",
            (utc_text(now), by, session_id, speaker_id),
        )
        return len(rows)

    async def unacknowledged(self, reminded_before: datetime) -> list[SpeakerReminder]:
        """Reminders nobody acknowledged, sent before the given time, not yet escalated."""
        rows = await self.db.fetch_all(
            "SELECT session_id, speaker_id, offset_name, reminded_at FROM speaker_reminders "
            "WHERE acked_at IS NULL AND escalated_at IS NULL AND reminded_at <= ? "
            "ORDER BY reminded_at",
            (utc_text(reminded_before),),
        )
        return [SpeakerReminder(r[0], r[1], r[2], parse_utc(r[3]), None) for r in rows]

    async def oldest_open(self) -> datetime | None:
        """When the oldest reminder still waiting for an answer (or an escalation) was sent."""
        found = await self.db.scalar(
            "SELECT min(reminded_at) FROM speaker_reminders "
            "WHERE acked_at IS NULL AND escalated_at IS NULL"
        )
        return parse_utc(str(found)) if found else None

    async def mark_escalated(self, reminder: SpeakerReminder, now: datetime) -> bool:
        row = await self.db.write(
            "UPDATE speaker_reminders SET escalated_at = ? WHERE session_id = ? AND "
            "speaker_id = ? AND offset_name = ? AND escalated_at IS NULL RETURNING 1",
            (utc_text(now), reminder.session_id, reminder.speaker_id, reminder.offset),
        )
        return row is not None

    async def of_speaker(self, speaker_id: str) -> list[SpeakerReminder]:
        rows = await self.db.fetch_all(
            "SELECT session_id, speaker_id, offset_name, reminded_at, acked_at "
            "FROM speaker_reminders WHERE speaker_id = ? ORDER BY reminded_at",
            (speaker_id,),
        )
        return [
            SpeakerReminder(r[0], r[1], r[2], parse_utc(r[3]), parse_utc(r[4]) if r[4] else None)
            for r in rows
        ]
