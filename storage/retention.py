"""Personal data past its retention period: which delegates are due, and the purge that keeps
only the counts the final report needs (`session_tallies`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.domain import SessionInfo
from storage.attendance import audience_filter
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
class DueRule:
    """What a purge at `now` removes.

    A delegate is due when no series that is still within its term invites them, when some
    series invited them (or every series is past its term), and when they have not changed
    their registration for `idle` either (someone who registers after a series ended is not
    purged with it). Chat accounts that never registered are due `idle` after last seen."""

    keep: Sequence[SessionInfo]  # the sessions of the series still within their term
    invited: Sequence[SessionInfo]  # every session: who was invited at all
    everything_due: bool
    idle_before: datetime

    def delegates_sql(self) -> tuple[str, list[object]]:
        keep, keep_params = _any_audience(self.keep)
        invited, invited_params = _any_audience(self.invited)
        return (
            # coalesce: a city-level delegate's NULL commune makes `commune_code = ?` NULL
            f"SELECT d.id FROM delegates d WHERE NOT coalesce({keep}, 1 = 0) "
            f"AND coalesce({invited} OR ?, 1 = 0) AND d.updated_at <= ?",
            [*keep_params, *invited_params, self.everything_due, utc_text(self.idle_before)],
        )


@dataclass(frozen=True)
class PurgeCounts:
    delegates: int = 0
    accounts: int = 0  # chat accounts deleted: of the purged delegates, and unregistered ones
    files: int = 0  # drafts of talks and owed files, once every series is past its term


def _any_audience(sessions: Sequence[SessionInfo]) -> tuple[str, list[object]]:
    conditions, params = [], []
    for session in sessions:
        where, values = audience_filter(session)
        conditions.append(f"({where})")
        params += values
    return " OR ".join(conditions) or "1 = 0", params


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
        accounts = await self.db.scalar(
            f"SELECT count(*) FROM accounts WHERE delegate_id IN ({sql}) "
            "OR (delegate_id IS NULL AND last_seen_at <= ?)",
            [*params, utc_text(rule.idle_before)],
        )
        files = await self.db.scalar("SELECT count(*) FROM documents") if rule.everything_due else 0
        return PurgeCounts(int(str(delegates)), int(str(accounts)), int(str(files)))

    async def purge(self, rule: DueRule, sessions: Sequence[SessionInfo]) -> PurgeCounts:
        """In one transaction: count the due delegates into `session_tallies` for every
        session in `sessions`, then delete them, their answers and history, check-ins, chat
        accounts, dialogues, queued messages and numbered choices; and the chat accounts that
        never registered and were not seen since `rule.idle_before`, and the import rows held
        back since then that nobody decided."""
        sql, params = rule.delegates_sql()
        async with self.db.transaction() as tx:
            await tx.execute("CREATE TEMP TABLE IF NOT EXISTS purge_batch (delegate_id INTEGER)")
            await tx.execute(f"DELETE FROM {BATCH}")
            await tx.execute(f"INSERT INTO {BATCH} {sql}", params)
            for session in sessions:
                await _tally(tx, session)
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
            files = await _delete_speaking(tx) if rule.everything_due else 0
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


async def _delete_speaking(tx: Transaction) -> int:
    """The speakers' and owners' traces (drafts with their files, owed files, who acknowledged
    or marked what): they outlive no series."""
    for table in ("drafts", "deadlines_done", "speaker_reminders"):
        await tx.execute(f"DELETE FROM {table}")
    return len(await tx.fetch_all("DELETE FROM documents RETURNING id"))


async def _delete_accounts(tx: Transaction, where: str, params: list[object]) -> int:
    """Accounts and what hangs on them (dialogues, queued messages and link codes by foreign
    key; the numbered choices of their chats here)."""
    await tx.execute(
        "DELETE FROM numbered_choices WHERE (channel, chat_id) IN "
        f"(SELECT channel, chat_id FROM accounts WHERE {where})",
        params,
    )
    return len(await tx.fetch_all(f"DELETE FROM accounts WHERE {where} RETURNING id", params))
