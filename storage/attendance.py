"""Who is invited to a session, what they answered (with every change kept), who was present."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.domain import SessionInfo
from storage.db import Database, Dialect, Transaction, parse_utc, utc_text

AnswerKind = Literal["in_person", "online", "absent", "substitute"]
# The delegate row of d's person that chat accounts link to (d itself, but for a person invited
# to several series: their first row).
PERSON = "coalesce(d.person_id, d.id)"
# A delegate some chat account still reaches (the 403 of a blocked bot marks one unreachable).
REACHABLE = (
    f"EXISTS (SELECT 1 FROM accounts a WHERE a.delegate_id = {PERSON} AND a.unreachable_at IS NULL)"
)
# Never reached: imported, and nobody has opened the bot with their link (no account at all);
# the others whom no chat reaches have blocked the bot.
NO_ACCOUNT = f"NOT EXISTS (SELECT 1 FROM accounts n WHERE n.delegate_id = {PERSON})"
# The one account a message to d goes to: the one they chose, else another that reaches them.
REACHING_ACCOUNT = (
    f"(SELECT b.id FROM accounts b WHERE b.delegate_id = {PERSON} AND b.unreachable_at IS NULL "
    "ORDER BY b.preferred DESC, b.id LIMIT 1)"
)
WALKED_IN = "d.id IN (SELECT w.delegate_id FROM walk_ins w WHERE w.session_id = ?)"
# The same for PostgreSQL, an array read once: beside a list's own conditions its index finds them
# (a BitmapOr of indexes), where IN (SELECT …) is tested on every delegate of the series.
WALKED_IN_ARRAY = "d.id = ANY (ARRAY(SELECT w.delegate_id FROM walk_ins w WHERE w.session_id = ?))"


@dataclass(frozen=True)
class Recipient:
    delegate_id: int
    account_id: int
    channel: str
    chat_id: str
    answer: AnswerKind | None = None  # their current answer for the session


@dataclass(frozen=True)
class AttendanceAnswer:
    answer: AnswerKind
    reason: str = ""
    substitute_name: str = ""
    substitute_position: str = ""
    substitute_phone: str = ""


def audience_filter(session: SessionInfo, dialect: Dialect = "sqlite") -> tuple[str, list[object]]:
    """Within the session's own series: those of its list (`listed_filter`) and its walk-ins;
    on PostgreSQL (`dialect`) found through indexes when the list is a small part of the series."""
    listed, params = listed_filter(session)
    walked_in = WALKED_IN_ARRAY if dialect == "postgresql" else WALKED_IN
    where = f"d.series_id = ? AND ({listed} OR {walked_in})"
    return where, [session.series_id, *params, session.id]


def listed_filter(session: SessionInfo) -> tuple[str, list[object]]:
    """A commune session invites its commune; a city session invites city-level delegates and
    the categories it names, from every commune. It tests only d.commune_code and
    d.category_code: the roll-up's counters (audience_cells, answer_cells) are filtered by it."""
    if session.level == "commune":
        return "d.commune_code = ?", [session.commune_code]
    codes: list[object] = list(session.invite_categories)
    marks = ", ".join("?" * len(codes)) or "NULL"
    return f"(d.commune_code IS NULL OR d.category_code IN ({marks}))", codes


def scope_filter(scopes: tuple[str, ...]) -> tuple[str, list[object]]:
    """Delegates within a focal point's scopes ('commune:<ward code>', 'unit:<category>')."""
    communes = [s.removeprefix("commune:") for s in scopes if s.startswith("commune:")]
    units = [s.removeprefix("unit:") for s in scopes if s.startswith("unit:")]
    marks_c = ", ".join("?" * len(communes)) or "NULL"
    marks_u = ", ".join("?" * len(units)) or "NULL"
    sql = f"(CAST(d.commune_code AS TEXT) IN ({marks_c}) OR d.category_code IN ({marks_u}))"
    return sql, [*communes, *units]


def invitees(session: SessionInfo, columns: str) -> tuple[str, list[object]]:
    """SELECT `columns` of the session's invited delegates (d), each with one account that
    reaches them (a), and their answer (t, if any): SQL ending in its WHERE, and its
    parameters."""
    where, params = audience_filter(session)
    sql = (
        f"SELECT {columns} FROM delegates d JOIN accounts a ON a.id = {REACHING_ACCOUNT} "
        "LEFT JOIN attendance t ON t.delegate_id = d.id AND t.session_id = ? "
        f"WHERE {where}"
    )
    return sql, [session.id, *params]


class AttendanceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def recipients(self, session: SessionInfo) -> list[Recipient]:
        """One reachable chat account per invited delegate (the one they chose to be reminded
        on, else another that still reaches them), with their current answer."""
        sql, params = invitees(session, "d.id, a.id, a.channel, a.chat_id, t.answer")
        rows = await self.db.fetch_all(f"{sql} ORDER BY d.id", params)
        return [Recipient(*row) for row in rows]

    async def reminded_at_most(self, session: SessionInfo) -> int:
        """How many of the session's list a chat account reaches, from the roll-up's counters
        (a read of a few cells rather than of every invited delegate), to plan when a wave of
        reminders starts: at most the wave's size (those who said they will not come are not
        reminded, walk-ins are few), which can only start it earlier."""
        listed, params = listed_filter(session)
        count = await self.db.scalar(
            "SELECT coalesce(sum(registered - unreachable), 0) FROM audience_cells d "
            f"WHERE d.series_id = ? AND {listed}",
            [session.series_id, *params],
        )
        return int(str(count or 0))

    async def is_invited(self, session: SessionInfo, delegate_id: int) -> bool:
        where, params = audience_filter(session)
        found = await self.db.scalar(
            f"SELECT 1 FROM delegates d WHERE d.id = ? AND {where}", [delegate_id, *params]
        )
        return found is not None

    async def answer_of(self, session_id: str, delegate_id: int) -> AttendanceAnswer | None:
        row = await self.db.fetch_one(
            "SELECT answer, reason, substitute_name, substitute_position, substitute_phone "
            "FROM attendance WHERE session_id = ? AND delegate_id = ?",
            (session_id, delegate_id),
        )
        return AttendanceAnswer(*row) if row else None

    async def record(
        self,
        session_id: str,
        delegate_id: int,
        answer: AttendanceAnswer,
        channel: str,
        account_id: int,
        now: datetime,
    ) -> AnswerKind | None:
        """Store the current answer and append it to the history; returns the previous one."""
        async with self.db.transaction() as tx:
            return await write_answer(
                tx, session_id, delegate_id, answer, channel, account_id, utc_text(now)
            )

    async def history(self, session_id: str, delegate_id: int) -> list[tuple[str, str | None]]:
        rows = await self.db.fetch_all(
            "SELECT answer, previous_answer FROM attendance_history "
            "WHERE session_id = ? AND delegate_id = ? ORDER BY id",
            (session_id, delegate_id),
        )
        return [(row[0], row[1]) for row in rows]

    async def checked_in_at(self, session_id: str, delegate_id: int) -> datetime | None:
        at = await self.db.scalar(
            "SELECT at FROM checkins WHERE session_id = ? AND delegate_id = ?",
            (session_id, delegate_id),
        )
        return parse_utc(str(at)) if at is not None else None

    async def check_in(
        self, session_id: str, delegate_id: int, method: str, by_account: int | None, now: datetime
    ) -> datetime | None:
        """Mark present once; returns the time of an earlier check-in, None if this is the first."""
        async with self.db.transaction() as tx:
            return await write_check_in(
                tx, session_id, delegate_id, method, by_account, utc_text(now)
            )


async def write_answer(
    tx: Transaction,
    session_id: str,
    delegate_id: int,
    answer: AttendanceAnswer,
    channel: str,
    account_id: int | None,
    stamp: str,
) -> AnswerKind | None:
    """Inside a transaction: the current answer and its line of history; the previous answer.
    One person's answers to one session are written one at a time, so that each line of the
    history follows the one before."""
    await tx.serialise(f"answer:{session_id}:{delegate_id}")
    details = (
        answer.reason,
        answer.substitute_name,
        answer.substitute_position,
        answer.substitute_phone,
    )
    previous = await tx.execute(
        "SELECT answer FROM attendance WHERE session_id = ? AND delegate_id = ?",
        (session_id, delegate_id),
    )
    await tx.execute(
        "INSERT INTO attendance (session_id, delegate_id, answer, reason, substitute_name, "
        "substitute_position, substitute_phone, channel, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (session_id, delegate_id) DO UPDATE SET answer = excluded.answer, "
        "reason = excluded.reason, "
        "substitute_name = excluded.substitute_name, "
        "substitute_position = excluded.substitute_position, "
        "substitute_phone = excluded.substitute_phone, channel = excluded.channel, "
        "updated_at = excluded.updated_at",
        (session_id, delegate_id, answer.answer, *details, channel, stamp),
    )
    await tx.execute(
        "INSERT INTO attendance_history (session_id, delegate_id, answer, previous_answer, "
        "reason, substitute_name, substitute_position, substitute_phone, channel, "
        "account_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            session_id,
            delegate_id,
            answer.answer,
            previous[0] if previous else None,
            *details,
            channel,
            account_id,
            stamp,
        ),
    )
    return previous[0] if previous else None


async def write_check_in(
    tx: Transaction,
    session_id: str,
    delegate_id: int,
    method: str,
    by_account: int | None,
    stamp: str,
) -> datetime | None:
    """Inside a transaction: mark present once; the time of an earlier check-in, if any (the
    primary key decides between two check-ins at the same moment)."""
    first = await tx.execute(
        "INSERT INTO checkins (session_id, delegate_id, method, by_account, at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING at",
        (session_id, delegate_id, method, by_account, stamp),
    )
    if first is not None:
        return None
    earlier = await tx.execute(
        "SELECT at FROM checkins WHERE session_id = ? AND delegate_id = ?",
        (session_id, delegate_id),
    )
    assert earlier is not None
    return parse_utc(str(earlier[0]))


class SecretRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get_or_create(self, name: str, make: str) -> str:
        """A secret kept in the database, so that signed links survive restarts."""
        await self.db.write(
            "INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (name, make),
        )
        value = await self.db.scalar("SELECT value FROM secrets WHERE name = ?", (name,))
        return str(value)
