"""Lists for organisers: who is invited to a session, what they answered, who checked in."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict, Unpack

from bot.domain import SessionInfo
from storage.attendance import NO_ACCOUNT, REACHABLE, AnswerKind, audience_filter, scope_filter
from storage.db import Database, Dialect

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


@lru_cache(maxsize=4096)
def _letter_key(char: str) -> tuple[int, int]:
    """(place in the alphabet, tone) of one lowercase NFC character."""
    parts = unicodedata.normalize("NFD", char)
    tone = next((TONES[mark] for mark in parts if mark in TONES), 0)
    base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONES))
    index = ALPHABET.find(base)
    if index < 0:  # a space before any letter ("An Bình" before "Anh"), other signs after
        index = -1 if base.isspace() else len(ALPHABET) + ord(base[:1] or " ")
    return index, tone


@lru_cache(maxsize=65536)
def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Order as a Vietnamese reader expects (a ă â b … đ after d, tones second), not by code
    point, which puts "Đỗ" after "Võ". Names and characters are cached: the dashboard sorts a
    province's 20,000 names on every page view, and they seldom change."""
    keys = [_letter_key(char) for char in unicodedata.normalize("NFC", text.casefold())]
    return tuple(key[0] for key in keys), tuple(key[1] for key in keys)


SORT_SEPARATOR = "\x01"  # below every character a sort text is made of


def _sort_chars(key: tuple[int, int]) -> tuple[str, str]:
    """One letter's (place, tone) as two characters ordered as they are; the signs that have no
    place in the alphabet (place 29 + code point) past the BMP's surrogates share one."""
    return chr(min(0x31 + key[0], 0xD7FF)), chr(0x30 + key[1])


def sort_text(text: str) -> str:
    """`vietnamese_key` as one string whose code-point order (SQLite's BINARY, PostgreSQL's
    "C") is the key's: the places, a separator, the tones; the databases sort by it."""
    places, tones = vietnamese_key(text)
    chars = [_sort_chars((place, tone)) for place, tone in zip(places, tones, strict=True)]
    return "".join(p for p, _ in chars) + SORT_SEPARATOR + "".join(t for _, t in chars)


# The characters PostgreSQL's stored sort texts translate (migration 0039): ASCII, Latin-1 and
# Latin Extended letters, Vietnamese's own; any other is kept as it is.
SORTED_RANGES = ((0x20, 0x7F), (0xC0, 0x250), (0x1EA0, 0x1F00))


def sort_tables() -> tuple[str, str, str]:
    """`sort_text` as PostgreSQL's `translate` does it (migration 0039 holds these three as
    literals; tests/test_sorted_pages.py checks they are the same): every character of
    SORTED_RANGES that stays one letter when case-folded, its place and its tone characters."""
    source, places, tones = [], [], []
    for start, end in SORTED_RANGES:
        for char in map(chr, range(start, end)):
            folded = unicodedata.normalize("NFC", char.casefold())
            if len(folded) == 1:
                place, tone = _sort_chars(_letter_key(folded))
                source.append(char)
                places.append(place)
                tones.append(tone)
    return "".join(source), "".join(places), "".join(tones)


@lru_cache(maxsize=4)
def _fold_table(fold: Callable[[str], str]) -> tuple[str, str]:
    """What `fold` does to each letter up to Vietnamese's (A-Z, Latin-1, Latin Extended
    Additional), as `translate`'s two strings: every character changed, and what it becomes
    (characters folded away come last, with nothing in the second string)."""
    changed = [(char, fold(char)) for char in map(chr, range(0x41, 0x1F00))]
    changed = [(char, to) for char, to in changed if to != char and len(to) <= 1]
    changed.sort(key=lambda pair: pair[1] == "")
    return "".join(char for char, _ in changed), "".join(to for _, to in changed)


# No answer to the session: no attendance row (whose answer is never NULL). Tested on the join's
# key, so that PostgreSQL plans it as an anti-join and expects the unanswered rows it finds (on
# `t.answer` it expected one row, and sorted the whole list for a page of 50).
NO_ANSWER = "t.delegate_id IS NULL"
# Narrowing a list by what the delegate answered the session (or whether anyone can reach them).
ANSWER_FILTERS = {
    "in_person": "t.answer = 'in_person'",
    "online": "t.answer = 'online'",
    "absent": "t.answer = 'absent'",
    "substitute": "t.answer = 'substitute'",
    "confirmed": "t.answer IN ('in_person', 'online', 'substitute')",
    "none": NO_ANSWER,
    "present": "c.delegate_id IS NOT NULL",
    "unreachable": f"NOT {REACHABLE}",
    "never_reached": NO_ACCOUNT,
    "blocked": f"NOT {REACHABLE} AND NOT {NO_ACCOUNT}",
    "to_call": f"({NO_ANSWER} OR NOT {REACHABLE})",  # not answered, or no chat reaches them
}


# The door view's groups of a session's day: each invited person in exactly one.
DOOR_GROUPS = {
    "awaited": "c.delegate_id IS NULL AND t.answer IN ('in_person', 'online', 'substitute')",
    "arrived": "c.delegate_id IS NOT NULL",
    "unanswered": f"c.delegate_id IS NULL AND {NO_ANSWER}",
    "declined": "c.delegate_id IS NULL AND t.answer = 'absent'",
}
# The two lists of a session's page: whom to remind (silent, a chat reaches them), whom to call.
PAGE_LISTS = {
    "to_remind": f"{NO_ANSWER} AND {REACHABLE}",
    "unreachable": ANSWER_FILTERS["unreachable"],
}


def _answer_filter(name: str) -> str:
    return ANSWER_FILTERS.get(name) or DOOR_GROUPS.get(name) or PAGE_LISTS[name]


@dataclass(frozen=True)
class DelegateListRow:
    """One invited delegate of a session, with their current answer and check-in."""

    delegate_id: int
    full_name: str
    position: str
    category_code: str
    category_other: str
    commune_code: int | None
    commune_name: str | None
    phone: str
    answer: AnswerKind | None
    reason: str = ""
    substitute_name: str = ""
    substitute_position: str = ""
    substitute_phone: str = ""
    checked_in: bool = False
    reachable: bool = True  # a chat account still reaches them
    never_reached: bool = False  # no chat account at all: imported, never opened the bot
    workplace: str = ""


# A list's rows: each invited delegate with their answer (t) and check-in (c) at the session,
# whose id is the two parameters before the WHERE's.
LIST_FROM = (
    "FROM delegates d "
    "LEFT JOIN attendance t ON t.delegate_id = d.id AND t.session_id = ? "
    "LEFT JOIN checkins c ON c.delegate_id = d.id AND c.session_id = ?"
)


class ListFilters(TypedDict, total=False):
    """Which delegates a list holds, and how many (`DelegateListRepository.rows`)."""

    commune_code: int | None
    category_code: str | None
    scopes: tuple[str, ...] | None
    answer: str | None
    text: str
    phones: bool
    limit: int | None
    series_id: str | None


class DelegateListRepository:
    def __init__(self, db: Database, fold: Callable[[str], str] | None = None) -> None:
        """`fold` (lowercase, without diacritics) lets `rows` search names as people type
        them: "nguyen van an" finds "Nguyễn Văn An"."""
        self.db = db
        self.fold = fold
        self._installed_on: Database | None = None

    async def _install(self, reader: Database) -> None:
        """SQLite's functions of ours (`hoinghi_fold`, `hoinghi_sort`) on the connection that
        reads, once."""
        if reader.dialect == "postgresql" or self._installed_on is reader:
            return
        functions = {"hoinghi_sort": sort_text, "hoinghi_fold": self.fold}
        for name, function in functions.items():
            if function is not None:
                await reader.connection.create_function(  # type: ignore[attr-defined]
                    name, 1, function, deterministic=True
                )
        self._installed_on = reader

    async def _fold_sql(self, reader: Database, column: str) -> tuple[str, list[object]]:
        """`column` folded inside the database, so a search reads only the matching rows:
        SQLite calls the folding function itself, PostgreSQL `translate`s by its table."""
        if self.fold is None:
            raise ValueError("a text search needs the repository's folding function")
        if reader.dialect == "postgresql":
            source, target = _fold_table(self.fold)
            return "translate(" + column + ", ?, ?)", [source, target]
        return f"hoinghi_fold({column})", []

    @staticmethod
    def _order(reader: Database) -> str:
        """City-level delegates first, then by commune and name in Vietnamese order, sorted by
        the database: SQLite by `hoinghi_sort`, PostgreSQL by the sort texts it stores (0039)."""
        if reader.dialect == "postgresql":
            return "d.commune_name IS NOT NULL, d.commune_sort, d.name_sort, d.id"
        return (
            "d.commune_name IS NOT NULL, hoinghi_sort(coalesce(d.commune_name, '')), "
            "hoinghi_sort(d.full_name), d.id"
        )

    async def rows(
        self,
        session: SessionInfo | None,
        commune_code: int | None = None,
        category_code: str | None = None,
        scopes: tuple[str, ...] | None = None,
        answer: str | None = None,
        text: str = "",
        phones: bool = False,
        limit: int | None = None,
        series_id: str | None = None,
    ) -> list[DelegateListRow]:
        """Every delegate invited to `session` (every delegate when None), optionally of one
        commune, one category, within a focal point's scopes, with one answer (a key of
        ANSWER_FILTERS, DOOR_GROUPS or PAGE_LISTS), or whose name, own unit or (when the viewer
        may see phone numbers, `phones`) phone contains `text`; city-level delegates first, then
        by commune and name in Vietnamese order (sorted by the database). A search never matches
        a column the viewer may not see. `limit` keeps the first so many: a page of a long list
        without reading it all. `series_id` keeps the delegates of one series (a session's
        list is of its series)."""
        reader = await self.db.reader()  # lists grow with the data: beside the chats' queries
        rows = await reader.fetch_all(
            *await self.rows_query(
                reader, session, commune_code=commune_code, category_code=category_code,
                scopes=scopes, answer=answer, text=text, phones=phones, limit=limit,
                series_id=series_id,
            )
        )
        return [
            DelegateListRow(
                delegate_id=row[0],
                full_name=row[1],
                position=row[2],
                category_code=row[3],
                category_other=row[4],
                commune_code=row[5],
                commune_name=row[6],
                phone=row[7],
                answer=row[8],
                reason=row[9],
                substitute_name=row[10],
                substitute_position=row[11],
                substitute_phone=row[12],
                checked_in=bool(row[13]),
                reachable=bool(row[14]),
                never_reached=bool(row[15]),
                workplace=row[16],
            )
            for row in rows
        ]

    async def rows_query(
        self, reader: Database, session: SessionInfo | None, **filters: Unpack[ListFilters]
    ) -> tuple[str, list[object]]:
        """The query of `rows` on `reader` (its functions installed) and its parameters."""
        await self._install(reader)
        where, params = await self._filters(reader, session, **filters)
        limit = filters.get("limit")
        session_id = session.id if session is not None else ""
        order = self._order(reader)
        if limit is not None:
            # The page's ids first, then their columns: PostgreSQL planned the flags (REACHABLE,
            # NO_ACCOUNT) for every row before the LIMIT, and read every account to hash them.
            where = f"d.id IN (SELECT d.id {LIST_FROM} WHERE {where} ORDER BY {order} LIMIT ?)"
            params = [session_id, session_id, *params, limit]
        sql = (
            "SELECT d.id, d.full_name, d.position, d.category_code, d.category_other, "
            "d.commune_code, d.commune_name, d.phone, t.answer, "
            "coalesce(t.reason, ''), coalesce(t.substitute_name, ''), "
            "coalesce(t.substitute_position, ''), coalesce(t.substitute_phone, ''), "
            f"c.delegate_id IS NOT NULL, {REACHABLE}, {NO_ACCOUNT}, d.workplace "
            f"{LIST_FROM} WHERE {where} ORDER BY {order}"
        )
        return sql, [session_id, session_id, *params]

    async def count(
        self, session: SessionInfo, answers: dict[str, str], scopes: tuple[str, ...] | None = None
    ) -> dict[str, int]:
        """How many invited delegates (within `scopes`) each list of `answers` (a name: a key of
        ANSWER_FILTERS, DOOR_GROUPS or PAGE_LISTS) holds, in one query."""
        reader = await self.db.reader()
        where, params = self._where(reader.dialect, session, scopes=scopes)
        sums = ", ".join(
            f"sum(CASE WHEN {_answer_filter(key)} THEN 1 ELSE 0 END)" for key in answers.values()
        )
        row = await reader.fetch_one(
            f"SELECT {sums} {LIST_FROM} WHERE {where}",
            [session.id, session.id, *params],
        )
        return {name: int(row[n] or 0) if row else 0 for n, name in enumerate(answers)}

    async def _filters(
        self, reader: Database, session: SessionInfo | None, **filters: Unpack[ListFilters]
    ) -> tuple[str, list[object]]:
        """The WHERE clause of `rows` and its parameters."""
        where, params = self._where(
            reader.dialect,
            session,
            filters.get("commune_code"),
            filters.get("category_code"),
            filters.get("scopes"),
        )
        if (series_id := filters.get("series_id")) is not None:
            where += " AND d.series_id = ?"
            params.append(series_id)
        if (answer := filters.get("answer")) is not None:
            where += f" AND {_answer_filter(answer)}"
        if text := filters.get("text", ""):
            column = "d.full_name || ' ' || d.category_other"
            folded, fold_params = await self._fold_sql(reader, column)
            assert self.fold is not None
            matches = f"{self.db.position(folded, '?')} > 0"
            params += [*fold_params, self.fold(text)]
            if filters.get("phones", False):
                matches += f" OR {self.db.position('d.phone', '?')} > 0"
                params.append(text)
            where += f" AND ({matches})"
        return where, params

    @staticmethod
    def _where(
        dialect: Dialect,
        session: SessionInfo | None,
        commune_code: int | None = None,
        category_code: str | None = None,
        scopes: tuple[str, ...] | None = None,
    ) -> tuple[str, list[object]]:
        where, params = audience_filter(session, dialect) if session is not None else ("1 = 1", [])
        if commune_code is not None:
            where += " AND d.commune_code = ?"
            params.append(commune_code)
        if category_code is not None:
            where += " AND d.category_code = ?"
            params.append(category_code)
        if scopes is not None:
            within, more = scope_filter(scopes)
            where += f" AND {within}"
            params += more
        return where, params
