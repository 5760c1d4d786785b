"""The live roll-up of one session: who is invited, what they answered, who cannot be reached
and who was present, counted per commune and per category. It reads the counters that the
database's triggers keep (migration 0038: audience_cells, answer_cells), a few hundred rows,
instead of every invited delegate; walk-ins from outside the session's list are counted apart."""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields

from bot.domain import SessionInfo
from storage.attendance import NO_ACCOUNT, REACHABLE, WALKED_IN, audience_filter, listed_filter
from storage.db import Database, Row


@dataclass(frozen=True)
class Counts:
    registered: int = 0  # invited delegates
    in_person: int = 0
    online: int = 0
    absent: int = 0
    substitute: int = 0
    not_answered: int = 0
    unreachable: int = 0  # no chat account that still reaches them
    present: int = 0  # checked in
    never_reached: int = 0  # of the unreachable: no chat account at all (never opened the bot)

    def __add__(self, other: Counts) -> Counts:
        # The fields' values in order (Rollup.within adds a focal point's groups).
        return Counts(*map(operator.add, vars(self).values(), vars(other).values()))

    @property
    def coming(self) -> int:
        """Who will be there, in person, online or through a substitute."""
        return self.in_person + self.online + self.substitute

    @property
    def blocked(self) -> int:
        """Of the unreachable: those whose every chat account blocked the bot."""
        return self.unreachable - self.never_reached


@dataclass(frozen=True)
class RollupGroup:
    key: str  # commune code (or "" for city-level bodies) / category code
    name: str  # commune name ("" for city-level bodies); category code for categories
    counts: Counts


@dataclass(frozen=True)
class Rollup:
    total: Counts
    by_commune: tuple[RollupGroup, ...]  # by commune name, city-level bodies first
    by_category: tuple[RollupGroup, ...]  # by category code

    def within(self, scopes: tuple[str, ...] | None) -> Rollup:
        """The roll-up cut to a focal point's communes and units ('commune:<code>',
        'unit:<category>'), with the total of what is left; None: everything."""
        if scopes is None:
            return self
        communes = {s.removeprefix("commune:") for s in scopes if s.startswith("commune:")}
        units = {s.removeprefix("unit:") for s in scopes if s.startswith("unit:")}
        by_commune = tuple(g for g in self.by_commune if g.key in communes)
        # Category counts span every commune: only a unit's own focal point sees its line.
        by_category = tuple(g for g in self.by_category if g.key in units)
        total = Counts()
        for group in (*by_commune, *by_category):
            total = total + group.counts
        return Rollup(total, by_commune, by_category)


COUNTS = ", ".join(f.name for f in fields(Counts))
ANSWERED = "in_person + online + absent + substitute"


def grouped_counts(
    session: SessionInfo, only: str = "", only_params: Sequence[object] = ()
) -> tuple[str, list[object]]:
    """The query of `session`'s counts per commune and category (commune code, commune name,
    category code, then the Counts fields), read from the delegates themselves; `only`, an SQL
    condition on `d` (with its `only_params`), narrows the delegates counted."""
    where, params = audience_filter(session)
    if only:
        where = f"{where} AND {only}"
        params += only_params
    sql = (
        "SELECT coalesce(CAST(d.commune_code AS TEXT), ''), coalesce(d.commune_name, ''), "
        "d.category_code, "
        "count(*), "
        "sum(CASE WHEN t.answer = 'in_person' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN t.answer = 'online' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN t.answer = 'absent' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN t.answer = 'substitute' THEN 1 ELSE 0 END), "
        "sum(CASE WHEN t.answer IS NULL THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN {REACHABLE} THEN 0 ELSE 1 END), "
        "sum(CASE WHEN c.delegate_id IS NULL THEN 0 ELSE 1 END), "
        f"sum(CASE WHEN {NO_ACCOUNT} THEN 1 ELSE 0 END) "
        "FROM delegates d "
        "LEFT JOIN attendance t ON t.delegate_id = d.id AND t.session_id = ? "
        "LEFT JOIN checkins c ON c.delegate_id = d.id AND c.session_id = ? "
        f"WHERE {where} "
        "GROUP BY d.commune_code, d.commune_name, d.category_code"
    )
    return sql, [session.id, session.id, *params]


class RollupRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def session_rollup(self, session: SessionInfo) -> Rollup:
        """The counters of the session's list, its walk-ins from outside the list, and the
        counts kept of the delegates purged after the series."""
        reader = await self.db.reader()  # beside the chats' connection, not in front of it
        listed, params = listed_filter(session)
        rows = list(
            await reader.fetch_all(  # per commune and category, summed by SQLite off the loop
                "SELECT coalesce(CAST(d.commune_code AS TEXT), ''), "
                "max(coalesce(d.commune_name, '')), "
                f"d.category_code, {', '.join(f'sum({name})' for name in COUNTS.split(', '))} "
                "FROM (SELECT commune_code, commune_name, category_code, registered, "
                "0 AS in_person, 0 AS online, 0 AS absent, 0 AS substitute, "
                "registered AS not_answered, unreachable, 0 AS present, never_reached "
                f"FROM audience_cells d WHERE d.series_id = ? AND d.registered > 0 AND {listed} "
                "UNION ALL SELECT commune_code, NULL, category_code, 0, in_person, online, "
                f"absent, substitute, -({ANSWERED}), 0, present, 0 FROM answer_cells d "
                f"WHERE d.session_id = ? AND d.series_id = ? AND {ANSWERED} + present > 0 "
                f"AND {listed}) d "
                "GROUP BY d.commune_code, d.category_code",
                [session.series_id, *params, session.id, session.series_id, *params],
            )
        )
        rows += await reader.fetch_all(
            *grouped_counts(
                session,
                f"{WALKED_IN} AND (CASE WHEN {listed} THEN 0 ELSE 1 END) = 1",
                [session.id, *params],
            )
        )
        rows += await reader.fetch_all(
            f"SELECT commune_code, commune_name, category_code, {COUNTS} FROM session_tallies "
            "WHERE session_id = ?",
            (session.id,),
        )
        return rollup_of(rows)


def rollup_of(rows: Sequence[Row]) -> Rollup:
    """Rows of (commune code, commune name, category code, the Counts fields) added up per
    commune and per category; a commune's name is the first one given. The sums stay lists of
    numbers until the end: a Counts made at each addition took 1 ms of a city session's page."""
    width = len(fields(Counts))
    communes: dict[str, tuple[str, list[int]]] = {}
    categories: defaultdict[str, list[int]] = defaultdict(lambda: [0] * width)
    total = [0] * width
    for row in rows:
        values = tuple(row)
        commune, name, category = str(values[0]), str(values[1]), str(values[2])
        known = communes.get(commune)
        if known is None or not known[0]:
            known = communes[commune] = (name, known[1] if known else [0] * width)
        sums = (total, known[1], categories[category])
        for index, value in enumerate(values[3:]):
            number = int(str(value or 0))
            for running in sums:
                running[index] += number
    by_commune = sorted(
        (RollupGroup(code, name, Counts(*sums)) for code, (name, sums) in communes.items()),
        key=lambda group: (group.key != "", group.name, group.key),
    )
    by_category = sorted(
        (RollupGroup(code, code, Counts(*sums)) for code, sums in categories.items()),
        key=lambda group: group.key,
    )
    return Rollup(Counts(*total), tuple(by_commune), tuple(by_category))
