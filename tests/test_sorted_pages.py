"""Delegate lists sorted and cut to a page by the database (issue 18): the dashboard's session
page reads the first 50 of each list instead of building and sorting thousands of rows on the
event loop. The database's order must be the Vietnamese one the lists always had."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storage.db import Database
from storage.import_rows import ImportedPerson
from storage.imports import ImportRepository
from storage.migrations import __file__ as migrations_init
from storage.reports import (
    DelegateListRepository,
    DelegateListRow,
    sort_tables,
    sort_text,
    vietnamese_key,
)
from tests.conftest import NOW

SERIES = "dong-nai-2026-bien-gioi"
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàằầáắấảẳẩãẵẫạặậÀÁẢÃẠđĐệỆọỌừỪữỮ "
# Names that code-point order puts wrong: đ after d, ă and â after a, tones second, a space
# before any letter, capitals as small letters, digits and signs after the letters.
NAMES = (
    "Võ Văn Ba",
    "Đỗ Thị Hoa",
    "Anh Tú",
    "An Bình",
    "Ánh Dương",
    "Ảnh Hậu",
    "Ăn Khang",
    "Âu Cơ",
    "an Bình",
    "Lê Văn 2",
    "Lê Văn A",
    "Dương Quá",
    "Đàm Vĩnh",
    "Ðặng Sai",  # an Icelandic eth, not đ: after the letters
)
PLACES = ((None, None), (25279, "Xã Lộc Tấn"), (25280, "Xã Lộc Thạnh"), (25281, "Xã Đồng Tâm"))


@given(st.text(LETTERS, max_size=8), st.text(LETTERS, max_size=8))
def test_the_sort_text_orders_as_the_vietnamese_key(one: str, other: str) -> None:
    by_key = (vietnamese_key(one) > vietnamese_key(other)) - (
        vietnamese_key(one) < vietnamese_key(other)
    )
    by_text = (sort_text(one) > sort_text(other)) - (sort_text(one) < sort_text(other))
    assert by_text == by_key


def expected_order(rows: list[DelegateListRow]) -> list[int]:
    """The order the lists had when Python sorted them."""
    return [
        row.delegate_id
        for row in sorted(
            rows,
            key=lambda r: (
                r.commune_name is not None,
                vietnamese_key(r.commune_name or ""),
                vietnamese_key(r.full_name),
            ),
        )
    ]


async def test_a_page_is_the_first_of_the_list_in_vietnamese_order(db: Database) -> None:
    people = [
        ImportedPerson(n, name, "Cán bộ", "lanh-dao-ubnd", "", *PLACES[n % len(PLACES)], "")
        for n, name in enumerate(NAMES, 1)
    ]
    await ImportRepository(db).store(people, NOW, series_id=SERIES)
    lists = DelegateListRepository(db)
    everyone = await lists.rows(None, series_id=SERIES)
    assert len(everyone) == len(NAMES)
    assert [row.delegate_id for row in everyone] == expected_order(everyone)
    page = await lists.rows(None, series_id=SERIES, limit=5)
    assert page == everyone[:5]  # the first five of the sorted list, not five by id


def test_postgresqls_stored_sort_texts_translate_by_the_tables_of_the_code() -> None:
    """Migration 0039 holds storage.reports.sort_tables() as literals: a change of the order in
    the code must come with a migration that stores the texts again."""
    sql = (Path(migrations_init).parent / "0039_sort_texts.postgresql.sql").read_text("utf-8")
    literals = [text.replace("''", "'") for text in re.findall(r"'((?:[^']|'')*)'", sql)]
    source, places, tones = sort_tables()
    assert literals.count(source) == 4
    assert literals.count(places) == 2 and literals.count(tones) == 2
