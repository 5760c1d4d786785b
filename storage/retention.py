"""Personal data past its retention period: which delegates are due, and the purge that keeps
only the counts the final report needs (`session_tallies`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.domain import SessionInfo
from storage.db import Database, Transaction, parse_utc, utc_text
from storage.rollup import COUNTS, grouped_counts

BATCH = "purge_batch"  # a temporary table: the delegates that one purge removes
IN_BATCH = f"IN (SELECT delegate_id FROM {BATCH})"


@dataclass(frozen=True)
class SeriesTerm:
    """A series, the end of its last session and how long personal data outlives it."""

    series_id: str
    last_end: datetime | None  # None: a session still waits for its date, the series goes on
    retention_days: int

    @property
    def due_at(self) -> datetime:
        if self.last_end is None:
            return datetime.max.replace(tzinfo=UTC)
        return self.last_end + timedelta(days=self.retention_days)


@dataclass(frozen=True)
class SeriesDue:
    """A series past its term at the purge: its delegates who have not changed their
    registration since `idle_before` go (someone who registers after a series ended is not
    purged with it)."""

    series_id: str
    idle_before: datetime
    sessions: Sequence[SessionInfo]


@dataclass(frozen=True)
class DueRule:
    """What a purge at `now` removes: the delegates of each series past its term, each series
    alone (a person invited to another series keeps their row there); the speakers' and
    owners' traces but those of the series still within their term (`keep_*`); and the chat
    accounts that never registered and were not seen since `idle_before`."""

    due: Sequence[SeriesDue]
    idle_before: datetime
    keep_series: Sequence[str] = ()  # drafts and deadline marks are a series' own
    keep_sessions: Sequence[str] = ()

    def delegates_sql(self) -> tuple[str, list[object]]:
        clauses = " OR ".join("(d.series_id = ? AND d.updated_at <= ?)" for _ in self.due)
        params: list[object] = []
        for series in self.due:
            params += [series.series_id, utc_text(series.idle_before)]
        return f"SELECT d.id FROM delegates d WHERE {clauses or '0 = 1'}", params

    @property
    def sessions(self) -> list[SessionInfo]:
        return [session for series in self.due for session in series.sessions]


@dataclass(frozen=True)
class PurgeCounts:
    delegates: int = 0
    accounts: int = 0  # chat accounts deleted: of the purged delegates, and unregistered ones
    files: int = 0  # drafts of talks and owed files of the series past their term


class RetentionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def terms(self) -> list[SeriesTerm]:
        """Each series with the end of its last session (cancelled ones count only when every
        session was cancelled; a session whose date is not set yet keeps the series open)."""
        rows = await self.db.fetch_all(
            "SELECT s.id, max(CASE WHEN x.cancelled = 0 AND x.ends_at = '' THEN 1 ELSE 0 END), "
            "coalesce(max(CASE WHEN x.cancelled = 0 THEN nullif(x.ends_at, '') END), "
            "max(nullif(x.ends_at, ''))), s.retention_days FROM series s "
            "JOIN sessions x ON x.series_id = s.id GROUP BY s.id ORDER BY s.id"
        )
        return [
            SeriesTerm(row[0], None if row[1] or not row[2] else parse_utc(row[2]), int(row[3]))
            for row in rows
        ]

    async def count_due(self, rule: DueRule) -> PurgeCounts:
        sql, params = rule.delegates_sql()
        delegates = await self.db.scalar(f"SELECT count(*) FROM ({sql}) due", params)
        accounts = await self.db.scalar(  # a person with a row that stays keeps their chat
            f"SELECT count(*) FROM accounts WHERE (delegate_id IN ({sql}) AND NOT EXISTS "
            "(SELECT 1 FROM delegates o WHERE o.person_id = accounts.delegate_id "
            f"AND o.id NOT IN ({sql}))) OR (delegate_id IS NULL AND last_seen_at <= ?)",
            [*params, *params, utc_text(rule.idle_before)],
        )
        kept = rule.keep_series
        files = (
            await self.db.scalar(
                "SELECT count(*) FROM documents WHERE id IN (SELECT document_id FROM drafts "
                f"WHERE {_not_in('series_id', kept)}) OR id IN (SELECT document_id "
                f"FROM deadlines_done WHERE {_not_in('series_id', kept)})",
                [*kept, *kept],
            )
            if rule.due
            else 0
        )
        return PurgeCounts(int(str(delegates)), int(str(accounts)), int(str(files)))

    async def purge(self, rule: DueRule) -> PurgeCounts:
        """In one transaction: count the due delegates into `session_tallies` for every
        session of their series, then delete them, their answers and history, check-ins, chat
        accounts, dialogues, queued messages and numbered choices; and the chat accounts that
        never registered and were not seen since `rule.idle_before`, and the import rows held
        back since then that nobody decided. A person whose first row goes while they have a
        row in another series keeps their chat accounts, linked to that row now."""
        sql, params = rule.delegates_sql()
        async with self.db.transaction() as tx:
            await tx.execute("CREATE TEMP TABLE IF NOT EXISTS purge_batch (delegate_id INTEGER)")
            await tx.execute(f"DELETE FROM {BATCH}")
            await tx.execute(f"INSERT INTO {BATCH} {sql}", params)
            for session in rule.sessions:
                await _tally(tx, session)
            await _rehome(tx)
            accounts = await _delete_accounts(
                tx,
                f"delegate_id {IN_BATCH} OR (delegate_id IS NULL AND last_seen_at <= ?)",
                [utc_text(rule.idle_before)],
            )
            await tx.execute(
                "DELETE FROM attendance_history WHERE delegate_id NOT IN "
                f"(SELECT id FROM delegates) OR delegate_id {IN_BATCH}"
            )
            await tx.execute(  # import rows held back that nobody decided within the term
                "DELETE FROM import_conflicts WHERE created_at <= ?", [utc_text(rule.idle_before)]
            )
            gone = await tx.fetch_all(f"DELETE FROM delegates WHERE id {IN_BATCH} RETURNING id")
            await tx.execute(f"DELETE FROM {BATCH}")
            files = await _delete_speaking(tx, rule) if rule.due else 0
        if gone or accounts or files:
            await self.db.checkpoint()
        return PurgeCounts(len(gone), accounts, files)


async def _tally(tx: Transaction, session: SessionInfo) -> None:
    rows = await tx.fetch_all(*grouped_counts(session, f"d.id {IN_BATCH}"))
    names = COUNTS.split(", ")
    await tx.execute_many(
        f"INSERT INTO session_tallies (session_id, commune_code, commune_name, category_code, "
        f"{COUNTS}) VALUES (?, ?, ?, ?, {', '.join('?' * len(names))}) "
        "ON CONFLICT (session_id, commune_code, category_code) DO UPDATE SET "
        + ", ".join(f"{name} = session_tallies.{name} + excluded.{name}" for name in names),
        [(session.id, str(row[0]), str(row[1]), str(row[2]), *tuple(row)[3:]) for row in rows],
    )


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values)) or "NULL"


def _not_in(column: str, values: Sequence[object]) -> str:
    """`column NOT IN (…)`, true for every row when there are no values (NOT IN (NULL) is
    never true)."""
    return f"{column} NOT IN ({_marks(values)})" if values else "1 = 1"


async def _rehome(tx: Transaction) -> None:
    """Before a person's first row goes: their next row that stays becomes the first, the
    others point at it, and their chat accounts link to it."""
    rows = await tx.fetch_all(
        f"SELECT d.person_id, min(d.id) FROM delegates d WHERE d.person_id {IN_BATCH} "
        f"AND d.id NOT {IN_BATCH} GROUP BY d.person_id"
    )
    for old, new in rows:
        await tx.execute(
            "UPDATE delegates SET person_id = ? WHERE person_id = ? AND id != ?", (new, old, new)
        )
        await tx.execute("UPDATE delegates SET person_id = NULL WHERE id = ?", (new,))
        await tx.execute("UPDATE accounts SET delegate_id = ? WHERE delegate_id = ?", (new, old))


async def _delete_speaking(tx: Transaction, rule: DueRule) -> int:
    """The speakers' and owners' traces (drafts with their files, owed files, who acknowledged
    or marked what) but those of the series still within their term."""
    kept, sessions = rule.keep_series, rule.keep_sessions
    files = [
        row[0]
        for table in ("drafts", "deadlines_done")
        for row in await tx.fetch_all(
            f"DELETE FROM {table} WHERE {_not_in('series_id', kept)} RETURNING document_id", kept
        )
        if row[0] is not None
    ]
    await tx.execute(
        f"DELETE FROM speaker_reminders WHERE {_not_in('session_id', sessions)}", sessions
    )
    gone = await tx.fetch_all(
        f"DELETE FROM documents WHERE id IN ({_marks(files)}) RETURNING id", files
    )
    return len(gone)


async def _delete_accounts(tx: Transaction, where: str, params: list[object]) -> int:
    """Accounts and what hangs on them (dialogues, queued messages and link codes by foreign
    key; the numbered choices of their chats here)."""
    await tx.execute(
        "DELETE FROM numbered_choices WHERE (channel, chat_id) IN "
        f"(SELECT channel, chat_id FROM accounts WHERE {where})",
        params,
    )
    return len(await tx.fetch_all(f"DELETE FROM accounts WHERE {where} RETURNING id", params))
