"""Lists for organisers: who is invited to a session, what they answered, who checked in."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from bot.domain import SessionInfo
from storage.attendance import AnswerKind, audience_filter
from storage.db import Database

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Order as a Vietnamese reader expects (a ă â b … đ after d, tones second), not by code
    point, which puts "Đỗ" after "Võ"."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        parts = unicodedata.normalize("NFD", char)
        tone = next((TONES[mark] for mark in parts if mark in TONES), 0)
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONES))
        index = ALPHABET.find(base)
        if index < 0:  # a space before any letter ("An Bình" before "Anh"), other signs after
            index = -1 if base.isspace() else len(ALPHABET) + ord(base[:1] or " ")
        letters.append(index)
        tones.append(tone)
    return tuple(letters), tuple(tones)


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


class DelegateListRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def rows(
        self,
        session: SessionInfo,
        commune_code: int | None = None,
        category_code: str | None = None,
    ) -> list[DelegateListRow]:
        """Every delegate invited to `session` (optionally of one commune or one category),
        city-level delegates first, then by commune and name."""
        where, params = audience_filter(session)
        if commune_code is not None:
            where += " AND d.commune_code = ?"
            params.append(commune_code)
        if category_code is not None:
            where += " AND d.category_code = ?"
            params.append(category_code)
        rows = await self.db.fetch_all(
            "SELECT d.id, d.full_name, d.position, d.category_code, d.category_other, "
            "d.commune_code, d.commune_name, d.phone, t.answer, "
            "coalesce(t.reason, ''), coalesce(t.substitute_name, ''), "
            "coalesce(t.substitute_position, ''), coalesce(t.substitute_phone, ''), "
            "c.delegate_id IS NOT NULL FROM delegates d "
            "LEFT JOIN attendance t ON t.delegate_id = d.id AND t.session_id = ? "
            "LEFT JOIN checkins c ON c.delegate_id = d.id AND c.session_id = ? "
            f"WHERE {where} "
            "ORDER BY d.commune_name IS NOT NULL, d.commune_name, d.full_name, d.id",
            [session.id, session.id, *params],
        )
        found = [
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
            )
            for row in rows
        ]
        return sorted(
            found,
            key=lambda r: (
                r.commune_name is not None,
                vietnamese_key(r.commune_name or ""),
                vietnamese_key(r.full_name),
            ),
        )
