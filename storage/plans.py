"""The loaded plan: series, categories and sessions, upserted by their stable ids."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime

import aiosqlite

from bot.domain import Category, SeriesInfo, SessionInfo, Speaker, Venue
from storage.db import Database, Transaction, parse_utc, utc_text


@dataclass(frozen=True)
class LoadReport:
    added: tuple[str, ...]
    moved: tuple[tuple[str, datetime, datetime], ...]  # id, old start, new start
    changed: tuple[str, ...]
    cancelled: tuple[str, ...]
    revision: int


SESSION_COLUMNS = (
    "id, series_id, level, title, commune_code, commune_name, starts_at, ends_at, venue_name, "
    "venue_address, latitude, longitude, expected_min, expected_max, tentative, online_allowed, "
    "topics, speakers, invite_categories, checkin_radius_m"
)
SESSION_SELECT = f"SELECT {SESSION_COLUMNS}, num FROM sessions"


def _session_row(session: SessionInfo) -> tuple[object, ...]:
    return (
        session.id,
        session.series_id,
        session.level,
        session.title,
        session.commune_code,
        session.commune_name,
        utc_text(session.starts_at),
        utc_text(session.ends_at),
        session.venue.name,
        session.venue.address,
        session.venue.latitude,
        session.venue.longitude,
        session.expected_min,
        session.expected_max,
        int(session.tentative),
        int(session.online_allowed),
        json.dumps(list(session.topics), ensure_ascii=False),
        json.dumps([[s.name, s.unit, s.topic] for s in session.speakers], ensure_ascii=False),
        json.dumps(list(session.invite_categories)),
        session.checkin_radius_m,
    )


def _session_from_row(row: aiosqlite.Row) -> SessionInfo:
    return SessionInfo(
        id=row["id"],
        series_id=row["series_id"],
        level=row["level"],
        title=row["title"],
        commune_code=row["commune_code"],
        commune_name=row["commune_name"],
        starts_at=parse_utc(row["starts_at"]),
        ends_at=parse_utc(row["ends_at"]),
        venue=Venue(row["venue_name"], row["venue_address"], row["latitude"], row["longitude"]),
        expected_min=row["expected_min"],
        expected_max=row["expected_max"],
        tentative=bool(row["tentative"]),
        online_allowed=bool(row["online_allowed"]),
        topics=tuple(json.loads(row["topics"])),
        speakers=tuple(Speaker(*item) for item in json.loads(row["speakers"])),
        invite_categories=tuple(json.loads(row["invite_categories"])),
        checkin_radius_m=row["checkin_radius_m"],
        num=row["num"],
    )


class PlanRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def save(self, series: SeriesInfo, now: datetime) -> LoadReport:
        """Store a validated plan in one transaction; a session keeps its id when it moves."""
        async with self.db.transaction() as tx:
            return await _save(tx, series, now)

    async def sessions(self, series_id: str) -> list[SessionInfo]:
        rows = await self.db.fetch_all(
            f"{SESSION_SELECT} WHERE series_id = ? AND cancelled = 0 ORDER BY starts_at, id",
            (series_id,),
        )
        return [_session_from_row(row) for row in rows]

    async def active_revision(self) -> tuple[str, int] | None:
        """The most recently loaded series and its revision: a cheap check before using a cache."""
        row = await self.db.fetch_one(
            "SELECT id, revision FROM series ORDER BY loaded_at DESC, id LIMIT 1"
        )
        return (row["id"], row["revision"]) if row else None

    async def active_series(self) -> SeriesInfo | None:
        row = await self.db.fetch_one("SELECT * FROM series ORDER BY loaded_at DESC, id LIMIT 1")
        if row is None:
            return None
        categories = await self.db.fetch_all(
            "SELECT code, label, grp FROM categories WHERE series_id = ? ORDER BY position",
            (row["id"],),
        )
        return SeriesInfo(
            id=row["id"],
            title=row["title"],
            province=row["province"],
            organiser=row["organiser"],
            timezone=row["timezone"],
            reminder_offsets=tuple(json.loads(row["reminder_offsets"])),
            allow_groups=bool(row["allow_groups"]),
            revision=row["revision"],
            retention_days=row["retention_days"],
            categories=tuple(Category(r["code"], r["label"], r["grp"]) for r in categories),
            sessions=tuple(await self.sessions(row["id"])),
        )


async def _save(tx: Transaction, series: SeriesInfo, now: datetime) -> LoadReport:
    stamp = utc_text(now)
    await tx.execute(
        "INSERT INTO series (id, title, province, organiser, timezone, reminder_offsets, "
        "allow_groups, revision, loaded_at, retention_days) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET title = excluded.title, province = excluded.province, "
        "organiser = excluded.organiser, timezone = excluded.timezone, "
        "reminder_offsets = excluded.reminder_offsets, allow_groups = excluded.allow_groups, "
        "revision = series.revision + 1, loaded_at = excluded.loaded_at, "
        "retention_days = excluded.retention_days",
        (
            series.id,
            series.title,
            series.province,
            series.organiser,
            series.timezone,
            json.dumps(list(series.reminder_offsets)),
            int(series.allow_groups),
            stamp,
            series.retention_days,
        ),
    )
    await tx.execute("DELETE FROM categories WHERE series_id = ?", (series.id,))
    await tx.execute_many(
        "INSERT INTO categories (series_id, code, label, grp, position) VALUES (?, ?, ?, ?, ?)",
        [(series.id, c.code, c.label, c.group, i) for i, c in enumerate(series.categories)],
    )
    rows = await tx.fetch_all(f"{SESSION_SELECT} WHERE series_id = ?", (series.id,))
    old = {row["id"]: _session_from_row(row) for row in rows}
    added, moved, changed = [], [], []
    for session in series.sessions:
        before = old.pop(session.id, None)
        if before is None:
            added.append(session.id)
        elif before.starts_at != session.starts_at:
            moved.append((session.id, before.starts_at, session.starts_at))
        elif replace(before, num=0) != session:
            changed.append(session.id)
        await tx.execute(
            f"INSERT INTO sessions ({SESSION_COLUMNS}, cancelled, updated_at, num) VALUES "
            f"({', '.join('?' * 20)}, 0, ?, (SELECT coalesce(max(num), 0) + 1 FROM sessions)) "
            "ON CONFLICT (id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in SESSION_COLUMNS.split(", ")[1:])
            + ", cancelled = 0, updated_at = excluded.updated_at",
            (*_session_row(session), stamp),
        )
    await tx.execute_many(
        "UPDATE sessions SET cancelled = 1, updated_at = ? WHERE id = ? AND cancelled = 0",
        [(stamp, session_id) for session_id in old],
    )
    revision = await tx.execute("SELECT revision FROM series WHERE id = ?", (series.id,))
    return LoadReport(
        tuple(added), tuple(moved), tuple(changed), tuple(old), revision[0] if revision else 0
    )
