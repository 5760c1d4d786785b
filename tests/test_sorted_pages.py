"""Delegate lists sorted and cut to a page by the database (issue 18): the dashboard's session
page reads the first 50 of each list instead of building and sorting thousands of rows on the
event loop. The database's order must be the Vietnamese one the lists always had."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storage.attendance import AttendanceAnswer, AttendanceRepository
from storage.dashboard import DashboardQueries
from storage.db import Database, utc_text
from storage.import_rows import ImportedPerson
from storage.imports import ImportRepository
from storage.migrations import __file__ as migrations_init
from storage.plans import PlanRepository
from storage.reports import (
    DOOR_GROUPS,
    PAGE_LISTS,
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


async def test_a_session_pages_lists_are_the_first_of_their_whole_lists(db: Database) -> None:
    """The page's lists (whom to remind, whom to call) and the door's groups, a walk-in from
    outside the list among them: the first rows of the whole list in its order, counted as the
    whole list, on both databases. On PostgreSQL a
    page is read in the list's order by an index (0043) until it is full, not sorted whole, and
    no query is compiled by JIT (its 100 ms or more cost the chats a core)."""
    people = [
        ImportedPerson(n, name, "Cán bộ", "lanh-dao-ubnd", "", *PLACES[n % len(PLACES)], "")
        for n, name in enumerate(NAMES, 1)
    ]
    await ImportRepository(db).store(people, NOW, series_id=SERIES)
    series = await PlanRepository(db).active_series()
    assert series is not None
    city = next(s for s in series.sessions if s.level == "city")
    lists = DelegateListRepository(db)
    ids = [row.delegate_id for row in await lists.rows(city)]
    assert len(ids) == len(NAMES)  # the city session invites their category
    stamp = utc_text(NOW)
    async with db.transaction() as tx:  # chat accounts: two of three reach them, one blocked
        for n, delegate in enumerate(ids[: len(ids) * 2 // 3]):
            await tx.execute(
                "INSERT INTO accounts (id, channel, external_id, chat_id, delegate_id, created_at, "
                "last_seen_at, unreachable_at) VALUES (?, 'telegram', ?, ?, ?, ?, ?, ?)",
                (n + 1, str(n), str(n), delegate, stamp, stamp, stamp if n % 3 == 0 else None),
            )
    attendance = AttendanceRepository(db)
    for n, delegate in enumerate(ids[::2]):  # every other one answered, some came
        kind = ("in_person", "absent")[n % 2]
        await attendance.record(city.id, delegate, AttendanceAnswer(kind), "telegram", 1, NOW)
        if n % 3 == 0:
            await attendance.check_in(city.id, delegate, "qr", None, NOW)
    guest = {  # a walk-in from outside the city session's list: in its audience all the same
        "full_name": "Khách Vãng Lai",
        "position": "Khách mời",
        "category_code": "cong-an-xa",
        "commune_code": 25279,
        "commune_name": "Xã Lộc Tấn",
    }
    walk_in = await DashboardQueries(db).add_walk_in(city.id, guest, None, NOW)
    assert walk_in in [row.delegate_id for row in await lists.rows(city, answer="unreachable")]
    shown = {name: name for name in (*PAGE_LISTS, *DOOR_GROUPS, "none")}
    counts = await lists.count(city, shown)
    for name in shown:
        whole = await lists.rows(city, answer=name)
        assert whole, name
        assert await lists.rows(city, answer=name, limit=2) == whole[:2], name
        assert counts[name] == len(whole), name
    if db.dialect == "postgresql":
        assert await db.scalar("SHOW jit") == "off"
        for name in PAGE_LISTS:  # a few rows here: sorting them whole is cheaper, unless no sort
            sql, params = await lists.rows_query(db, city, answer=name, limit=50)
            async with db.transaction() as tx:
                await tx.execute("SET LOCAL enable_sort = off")
                plan = [str(row[0]) for row in await tx.fetch_all(f"EXPLAIN {sql}", params)]
            assert any("delegates_in_list_order" in line for line in plan), plan


def test_postgresqls_stored_sort_texts_translate_by_the_tables_of_the_code() -> None:
    """Migration 0039 holds storage.reports.sort_tables() as literals: a change of the order in
    the code must come with a migration that stores the texts again."""
    sql = (Path(migrations_init).parent / "0039_sort_texts.postgresql.sql").read_text("utf-8")
    literals = [text.replace("''", "'") for text in re.findall(r"'((?:[^']|'')*)'", sql)]
    source, places, tones = sort_tables()
    assert literals.count(source) == 4
    assert literals.count(places) == 2 and literals.count(tones) == 2
