"""The loaded plan: series, categories and sessions, upserted by their stable ids."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime

from bot.domain import (
    Category,
    Contact,
    Deadline,
    Faq,
    Paper,
    PracticalNotes,
    SeriesInfo,
    SessionInfo,
    Speaker,
    SpeakingRules,
    Venue,
)
from storage.db import Database, Row, Transaction, parse_utc, utc_text


@dataclass(frozen=True)
class LoadReport:
    added: tuple[str, ...]
    moved: tuple[tuple[str, datetime, datetime], ...]  # id, old start, new start
    changed: tuple[str, ...]
    cancelled: tuple[str, ...]
    revision: int
    dated: tuple[tuple[str, datetime], ...] = ()  # id, start: a date announced at last

    @property
    def date_changes(self) -> list[tuple[str, datetime | None]]:
        """(session id, old start) of each moved session, (id, None) of each newly dated one."""
        moved = [(session_id, old) for session_id, old, _ in self.moved]
        return [*moved, *((session_id, None) for session_id, _ in self.dated)]


@dataclass(frozen=True)
class DateChange:
    """What /datngay did to a session: its start before (None while it had no date)."""

    session_id: str
    before: datetime | None


# The first active series, as SQL: the series where no other is meant (tests, benchmarks).
FIRST_SERIES = "(SELECT id FROM series WHERE archived_at IS NULL ORDER BY num, id LIMIT 1)"
SESSION_COLUMNS = (
    "id, series_id, level, title, commune_code, commune_name, starts_at, ends_at, venue_name, "
    "venue_address, latitude, longitude, expected_min, expected_max, tentative, online_allowed, "
    "topics, speakers, invite_categories, checkin_radius_m, date_note, notes"
)
SESSION_SELECT = f"SELECT {SESSION_COLUMNS}, num FROM sessions"
COLUMN_COUNT = len(SESSION_COLUMNS.split(", "))


def _session_row(session: SessionInfo) -> tuple[object, ...]:
    return (
        session.id,
        session.series_id,
        session.level,
        session.title,
        session.commune_code,
        session.commune_name,
        _time_text(session.starts_at),
        _time_text(session.ends_at),
        session.venue.name,
        session.venue.address,
        session.venue.latitude,
        session.venue.longitude,
        session.expected_min,
        session.expected_max,
        int(session.tentative),
        int(session.online_allowed),
        json.dumps(list(session.topics), ensure_ascii=False),
        json.dumps(
            [[s.name, s.unit, s.topic, s.id, s.start, s.minutes] for s in session.speakers],
            ensure_ascii=False,
        ),
        json.dumps(list(session.invite_categories)),
        session.checkin_radius_m,
        session.date_note,
        _notes_json(session.notes),
    )


def _time_text(moment: datetime | None) -> str:
    """'' for a session whose date is announced later (the columns are NOT NULL)."""
    return utc_text(moment) if moment is not None else ""


def _time(text: str) -> datetime | None:
    return parse_utc(text) if text else None


def _session_from_row(row: Row) -> SessionInfo:
    return SessionInfo(
        id=row["id"],
        series_id=row["series_id"],
        level=row["level"],
        title=row["title"],
        commune_code=row["commune_code"],
        commune_name=row["commune_name"],
        starts_at=_time(row["starts_at"]),
        ends_at=_time(row["ends_at"]),
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
        date_note=row["date_note"],
        notes=_notes_from_json(row["notes"]),
    )


def _speaking_json(rules: SpeakingRules) -> str:
    return json.dumps(asdict(rules))


def _contact_json(contact: Contact | None) -> str:
    return json.dumps(asdict(contact) if contact else {})


def _contact_from_json(text: str) -> Contact | None:
    data = json.loads(text)
    return Contact(**data) if data else None


def _notes_json(notes: PracticalNotes) -> str:
    """Only the notes the plan fills in, so an empty set is '{}'."""
    return json.dumps({k: v for k, v in asdict(notes).items() if v}, ensure_ascii=False)


def _notes_from_json(text: str) -> PracticalNotes:
    return PracticalNotes(**json.loads(text))


def _faq_json(faq: tuple[Faq, ...]) -> str:
    return json.dumps([[item.question, item.answer] for item in faq], ensure_ascii=False)


def _faq_from_json(text: str) -> tuple[Faq, ...]:
    return tuple(Faq(question, answer) for question, answer in json.loads(text))


def _paper_json(paper: Paper | None) -> str:
    return json.dumps(asdict(paper) if paper else {})


def _paper_from_json(text: str) -> Paper | None:
    data = json.loads(text)
    return Paper(**data) if data else None


def _speaking_from_json(text: str) -> SpeakingRules:
    data = json.loads(text)
    if not data:
        return SpeakingRules()
    return SpeakingRules(
        offsets=tuple(data["offsets"]),
        ack_hours=data["ack_hours"],
        document_max_bytes=data["document_max_bytes"],
        document_types=tuple(data["document_types"]),
        deadline_days=tuple(data["deadline_days"]),
    )


def _deadlines_json(deadlines: tuple[Deadline, ...]) -> str:
    return json.dumps(
        [{**asdict(d), "due": d.due.isoformat() if d.due else None} for d in deadlines],
        ensure_ascii=False,
    )


def _deadlines_from_json(text: str) -> tuple[Deadline, ...]:
    return tuple(
        Deadline(**{**item, "due": date.fromisoformat(item["due"]) if item["due"] else None})
        for item in json.loads(text)
    )


class PlanRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def save(self, series: SeriesInfo, now: datetime, fingerprint: str = "") -> LoadReport:
        """Store a validated plan in one transaction; a session keeps its id when it moves.
        `fingerprint`: of the file it was read from (bot/plan/fingerprint.py), if any."""
        async with self.db.transaction() as tx:
            # one plan load at a time: sessions are numbered max + 1, and compared to what
            # is stored
            await tx.serialise("plan")
            return await _save(tx, series, now, fingerprint)

    async def loaded_from(self, fingerprint: str) -> bool:
        """Whether an active series was last loaded from a file with this fingerprint: the
        file needs no reading again (an archived series' file is read again, and reopens it)."""
        found = await self.db.scalar(
            "SELECT 1 FROM series WHERE plan_fingerprint = ? AND archived_at IS NULL",
            (fingerprint,),
        )
        return found is not None

    async def sessions(self, series_id: str) -> list[SessionInfo]:
        rows = await self.db.fetch_all(
            f"{SESSION_SELECT} WHERE series_id = ? AND cancelled = 0 "
            "ORDER BY starts_at = '', starts_at, id",
            (series_id,),
        )
        return [_session_from_row(row) for row in rows]

    async def set_time(
        self, session_id: str, start: datetime, end: datetime, now: datetime
    ) -> DateChange | None:
        """/datngay: store a session's date; None when nothing changed (it had exactly this
        date, or is no longer in the plan). The date stays until a plan load gives the session
        one; a plan still without one keeps it. The revision goes up so that every process
        reads the plan again."""
        async with self.db.transaction() as tx:
            row = await tx.execute(
                "SELECT series_id, starts_at, ends_at FROM sessions WHERE id = ? AND cancelled = 0",
                (session_id,),
            )
            if row is None or (row["starts_at"], row["ends_at"]) == (
                utc_text(start),
                utc_text(end),
            ):
                return None
            await tx.execute(
                "UPDATE sessions SET starts_at = ?, ends_at = ?, updated_at = ? WHERE id = ?",
                (utc_text(start), utc_text(end), utc_text(now), session_id),
            )
            await tx.execute(
                "UPDATE series SET revision = revision + 1 WHERE id = ?", (row["series_id"],)
            )
        return DateChange(session_id, _time(row["starts_at"]))

    async def revisions(self) -> tuple[tuple[str, int], ...]:
        """Each active series with its revision: a cheap check before using a cache."""
        rows = await self.db.fetch_all(
            "SELECT id, revision FROM series WHERE archived_at IS NULL ORDER BY num, id"
        )
        return tuple((row["id"], row["revision"]) for row in rows)

    async def active_series(self) -> SeriesInfo | None:
        """The first active series (the one of a deployment with one series), used where no
        series is meant; loading another plan does not change it."""
        found = await self.db.scalar(f"SELECT {FIRST_SERIES}")
        return await self.series(str(found)) if found is not None else None

    async def series(self, series_id: str) -> SeriesInfo | None:
        row = await self.db.fetch_one("SELECT * FROM series WHERE id = ?", (series_id,))
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
            upper_level=row["upper_level"],
            retention_days=row["retention_days"],
            categories=tuple(Category(r["code"], r["label"], r["grp"]) for r in categories),
            sessions=tuple(await self.sessions(row["id"])),
            speaking=_speaking_from_json(row["speaking"]),
            deadlines=_deadlines_from_json(row["deadlines"]),
            contact=_contact_from_json(row["contact"]),
            notes=_notes_from_json(row["notes"]),
            faq=_faq_from_json(row["faq"]),
            paper=_paper_from_json(row["paper"]),
            num=row["num"],
        )

    async def listing(self) -> list[SeriesLine]:
        """Every series, active ones first, each in the order it was first loaded."""
        rows = await self.db.fetch_all(
            "SELECT s.id, s.num, s.title, s.province, s.loaded_at, s.archived_at, "
            "(SELECT count(*) FROM sessions x WHERE x.series_id = s.id AND x.cancelled = 0), "
            "(SELECT count(*) FROM delegates d WHERE d.series_id = s.id) "
            "FROM series s ORDER BY s.archived_at IS NOT NULL, s.num, s.id"
        )
        return [
            SeriesLine(
                row[0], row[1], row[2], row[3], parse_utc(row[4]),
                parse_utc(row[5]) if row[5] else None, row[6], row[7],
            )
            for row in rows
        ]  # fmt: skip

    async def any_loaded(self) -> bool:
        """Whether a series was ever loaded, archived ones included (`listing` without its
        counts, which read every delegate)."""
        return await self.db.scalar("SELECT 1 FROM series LIMIT 1") is not None

    async def archive(self, series_id: str, now: datetime) -> bool:
        """End a series: no more reminders or answers; its data stays until retention purges
        it. False when there is no such active series. Loading its plan again reopens it."""
        async with self.db.transaction() as tx:
            done = await tx.execute(
                "UPDATE series SET archived_at = ?, revision = revision + 1 "
                "WHERE id = ? AND archived_at IS NULL RETURNING id",
                (utc_text(now), series_id),
            )
        return done is not None

    async def series_for(self, session_id: str | None) -> SeriesInfo | None:
        """The series a command line acts on: the one of `session_id` when it names a session,
        else the first active series."""
        series_id = await self.series_of_session(session_id) if session_id else None
        return await (self.series(series_id) if series_id else self.active_series())

    async def series_of_session(self, session_id: str) -> str | None:
        found = await self.db.scalar("SELECT series_id FROM sessions WHERE id = ?", (session_id,))
        return str(found) if found is not None else None


async def first_series(db: Database) -> str:
    """The id of the first active series (tests and benchmarks on one plan)."""
    found = await db.scalar(f"SELECT {FIRST_SERIES}")
    assert found is not None, "no plan loaded"
    return str(found)


@dataclass(frozen=True)
class SeriesLine:
    """One series as `hoinghi plan list` shows it."""

    id: str
    num: int  # the short number of its invite links (s<num>_…)
    title: str
    province: str
    loaded_at: datetime
    archived_at: datetime | None
    sessions: int
    delegates: int


async def _save(
    tx: Transaction, series: SeriesInfo, now: datetime, fingerprint: str
) -> LoadReport:
    stamp = utc_text(now)
    await tx.execute(
        "INSERT INTO series (id, title, province, organiser, timezone, reminder_offsets, "
        "allow_groups, upper_level, revision, loaded_at, retention_days, num) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, (SELECT coalesce(max(num), 0) + 1 FROM series)) "
        "ON CONFLICT (id) DO UPDATE SET title = excluded.title, province = excluded.province, "
        "organiser = excluded.organiser, timezone = excluded.timezone, "
        "reminder_offsets = excluded.reminder_offsets, allow_groups = excluded.allow_groups, "
        "upper_level = excluded.upper_level, "
        "revision = series.revision + 1, loaded_at = excluded.loaded_at, "
        "retention_days = excluded.retention_days, archived_at = NULL",
        (
            series.id,
            series.title,
            series.province,
            series.organiser,
            series.timezone,
            json.dumps(list(series.reminder_offsets)),
            int(series.allow_groups),
            series.upper_level,
            stamp,
            series.retention_days,
        ),
    )
    await tx.execute(
        "UPDATE series SET speaking = ?, deadlines = ?, contact = ?, notes = ?, faq = ?, "
        "paper = ?, plan_fingerprint = ? WHERE id = ?",
        (
            _speaking_json(series.speaking),
            _deadlines_json(series.deadlines),
            _contact_json(series.contact),
            _notes_json(series.notes),
            _faq_json(series.faq),
            _paper_json(series.paper),
            fingerprint,
            series.id,
        ),
    )
    await tx.execute("DELETE FROM categories WHERE series_id = ?", (series.id,))
    await tx.execute_many(
        "INSERT INTO categories (series_id, code, label, grp, position) VALUES (?, ?, ?, ?, ?)",
        [(series.id, c.code, c.label, c.group, i) for i, c in enumerate(series.categories)],
    )
    rows = await tx.fetch_all(
        f"SELECT {SESSION_COLUMNS}, num, file_starts_at, file_ends_at FROM sessions "
        "WHERE series_id = ?",
        (series.id,),
    )
    old = {row["id"]: _session_from_row(row) for row in rows}
    filed = {row["id"]: (_time(row["file_starts_at"] or ""), _time(row["file_ends_at"] or ""))
             for row in rows}  # fmt: skip
    added, moved, dated, changed = [], [], [], []
    for planned in series.sessions:
        before = old.pop(planned.id, None)
        session = _keep_stored_date(planned, before, filed.get(planned.id))
        if before is None:
            added.append(session.id)
        elif before.starts_at != session.starts_at and session.starts_at is not None:
            if before.starts_at is None:
                dated.append((session.id, session.starts_at))
            else:
                moved.append((session.id, before.starts_at, session.starts_at))
        elif replace(before, num=0) != session:
            changed.append(session.id)
        await tx.execute(
            f"INSERT INTO sessions ({SESSION_COLUMNS}, cancelled, updated_at, file_starts_at, "
            f"file_ends_at, num) VALUES ({', '.join('?' * COLUMN_COUNT)}, 0, ?, ?, ?, "
            "(SELECT coalesce(max(num), 0) + 1 FROM sessions)) "
            "ON CONFLICT (id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in SESSION_COLUMNS.split(", ")[1:])
            + ", cancelled = 0, updated_at = excluded.updated_at, "
            "file_starts_at = excluded.file_starts_at, file_ends_at = excluded.file_ends_at",
            (
                *_session_row(session),
                stamp,
                _time_text(planned.starts_at) or None,
                _time_text(planned.ends_at) or None,
            ),
        )
    await tx.execute_many(
        "UPDATE sessions SET cancelled = 1, updated_at = ? WHERE id = ? AND cancelled = 0",
        [(stamp, session_id) for session_id in old],
    )
    revision = await tx.execute("SELECT revision FROM series WHERE id = ?", (series.id,))
    return LoadReport(
        tuple(added),
        tuple(moved),
        tuple(changed),
        tuple(old),
        revision[0] if revision else 0,
        tuple(dated),
    )


def _keep_stored_date(
    planned: SessionInfo,
    before: SessionInfo | None,
    filed: tuple[datetime | None, datetime | None] | None,
) -> SessionInfo:
    """The date stored for a session (set by /datngay) stays while the plan leaves it undated,
    or gives it the date it gave at its last load (`filed`): a plan read again for another
    reason does not undo it. A plan whose own date for it changed wins, and a date different
    from the stored one is an ordinary move."""
    if before is None or before.slot is None:
        return planned
    if planned.slot is not None and (planned.starts_at, planned.ends_at) != filed:
        return planned
    return replace(planned, starts_at=before.starts_at, ends_at=before.ends_at)
