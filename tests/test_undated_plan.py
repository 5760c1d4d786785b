"""Sessions without a date in the plan, the loader's rules for them, their storage, the words
of /datngay, and the second example plan (seed 002, plans/lang-son-2024.yaml)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from bot.config import DEFAULT_PLAN
from bot.domain import Contact, SeriesInfo
from bot.plan.loader import parse_plan, read_plan
from bot.services.date_command import DateCommandError, parse_date_command
from bot.services.exports import sessions_ics
from bot.services.plan_state import build_loaded_plan
from storage.db import Database
from storage.plans import PlanRepository

LANG_SON = DEFAULT_PLAN.parent / "lang-son-2024.yaml"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
JULY = datetime(2024, 7, 20, 3, 0, tzinfo=UTC)
NOTE = "dự kiến trung tuần tháng 8/2024, thời gian cụ thể sẽ có thông báo sau"

PLAN = """\
series:
  id: thu
  title: Hội nghị thử
  province: Lạng Sơn
  organiser: Sở Ngoại vụ
categories:
  - {code: so-ngoai-vu, label: Sở Ngoại vụ, group: city}
sessions:
  - id: mot
    level: province
TIMES
    venue: {name: Hội trường, address: Lạng Sơn}
    expected: {min: 1, max: 2}
"""


def lang_son() -> SeriesInfo:
    series, errors = read_plan(LANG_SON)
    assert series is not None, errors
    return series


def check(times: str) -> list[str]:
    series, errors = parse_plan(PLAN.replace("TIMES", times), "thu.yaml")
    assert series is None
    return [error.describe() for error in errors]


def test_the_lang_son_plan_loads_with_an_undated_provincial_session() -> None:
    series = lang_son()
    assert (series.province, series.upper_level) == ("Lạng Sơn", "province")
    (session,) = series.sessions
    assert session.level == "city" and session.slot is None
    assert session.date_note == NOTE
    assert (session.expected_min, session.expected_max) == (170, 190)
    assert session.venue.has_coordinates is False
    assert len(session.topics) == 4 and session.speakers[0].topic == "Phát biểu khai mạc và bế mạc"
    codes = {category.code for category in series.categories}
    assert {
        "so-ngoai-vu",
        "so-ban-nganh",
        "ubnd-huyen-bien-gioi",
        "dai-ptth",
        "van-phong-ubnd",
        "so-noi-vu",
        "so-tai-chinh",
        "bchq-bien-phong",
    } <= codes
    plan = build_loaded_plan(series)
    assert plan.communes.resolve("Xã Đồng Đăng") is not None
    assert plan.answerer.label(session, "vi") == "Hội nghị cấp tỉnh"


async def test_hoinghi_plan_load_stores_the_lang_son_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(database))
    assert await asyncio.to_thread(main, ["plan", "check", str(LANG_SON)]) == 0
    assert "1 buổi hội nghị, 14 thành phần" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["plan", "load", str(LANG_SON)]) == 0
    assert "thêm 1" in capsys.readouterr().out
    calendar = ["export", "--format", "ics", "--out", str(tmp_path / "lich.ics")]
    assert await asyncio.to_thread(main, calendar) == 2
    assert "Chưa buổi nào có ngày giờ cụ thể" in capsys.readouterr().err
    dated = tmp_path / "dated.yaml"
    dated.write_text(
        LANG_SON.read_text(encoding="utf-8").replace(
            "    date_note:",
            "    start: 15/08/2024 08:00\n    end: 15/08/2024 11:30\n    date_note:",
        ),
        encoding="utf-8",
    )
    assert await asyncio.to_thread(main, ["plan", "load", str(dated)]) == 0
    out = capsys.readouterr().out
    assert "2024-08-danh-gia-15-nam: đã có ngày giờ Thứ Năm, 15/08/2024, 08:00" in out
    assert await asyncio.to_thread(main, calendar) == 0
    assert (tmp_path / "lich.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT") == 1
    db = await Database.open(database)
    try:
        audit = await db.fetch_all("SELECT details FROM audit_log ORDER BY id")
        assert '"dated": ["2024-08-danh-gia-15-nam"]' in audit[-1]["details"]
    finally:
        await db.close()


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        (
            "    start: 2024-08-15 08:00",
            "thu.yaml:9: sessions[0].end: phải ghi cả giờ bắt đầu (start) và giờ kết thúc (end)",
        ),
        (
            "    end: 2024-08-15 11:30",
            "thu.yaml:9: sessions[0].start: phải ghi cả giờ bắt đầu (start) và giờ kết thúc",
        ),
        (
            "    start: 2024-08-15 08:00\n    date_note: sau",
            "thu.yaml:9: sessions[0].end: phải ghi cả giờ bắt đầu",
        ),
        ("    title: Chưa có ngày", "thu.yaml:9: sessions[0]: buổi này chưa có ngày giờ"),
        (
            "    start: 2024-08-15 08:00\n    end: 2024-08-15 07:00",
            "thu.yaml:12: sessions[0].end: giờ kết thúc phải sau giờ bắt đầu",
        ),
    ],
)
def test_the_loader_wants_start_and_end_together_or_a_date_note(times: str, expected: str) -> None:
    assert [error for error in check(times) if error.startswith(expected)], check(times)


def test_a_date_note_alone_is_a_valid_session() -> None:
    series, errors = parse_plan(PLAN.replace("TIMES", f"    date_note: {NOTE}"), "thu.yaml")
    assert series is not None, errors
    assert series.sessions[0].starts_at is None and series.sessions[0].date_note == NOTE


def test_a_plan_uses_city_or_province_not_both() -> None:
    text = PLAN.replace("TIMES", "    date_note: sau") + (
        "  - id: hai\n    level: city\n    date_note: sau\n"
        "    venue: {name: Hội trường, address: Lạng Sơn}\n    expected: {min: 1, max: 2}\n"
    )
    series, errors = parse_plan(text, "thu.yaml")
    assert series is None
    assert [e.describe() for e in errors] == [
        "thu.yaml:15: sessions[1].level: một kế hoạch chỉ dùng một trong hai cấp city (cấp thành "
        "phố) hoặc province (cấp tỉnh); các buổi trước đã dùng province"
    ]
    _, wrong = parse_plan(
        PLAN.replace("TIMES", "    date_note: sau").replace("province\n", "tinh\n"), "t"
    )
    assert "province (cấp tỉnh)" in wrong[0].message


async def test_an_undated_session_is_stored_as_empty_times_and_read_back(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        plans = PlanRepository(db)
        example, _ = read_plan(DEFAULT_PLAN)
        assert example is not None
        undated = replace(example.sessions[-1], starts_at=None, ends_at=None, date_note=NOTE)
        await plans.save(replace(example, sessions=(*example.sessions[:-1], undated)), JULY)
        row = await db.fetch_one(
            "SELECT starts_at, ends_at, date_note FROM sessions WHERE id = ?", (undated.id,)
        )
        assert row is not None and tuple(row) == ("", "", NOTE)
        stored = await plans.active_series()
        assert stored is not None and stored.upper_level == "city"
        assert stored.sessions[-1].id == undated.id  # the undated one sorts last
        assert replace(stored.sessions[-1], num=0) == undated
        start, end = (
            datetime(2026, 12, 4, 1, 0, tzinfo=UTC),
            datetime(2026, 12, 4, 4, 0, tzinfo=UTC),
        )
        change = await plans.set_time(undated.id, start, end, JULY)
        assert change is not None and change.before is None
        assert await plans.set_time(undated.id, start, end, JULY) is None
        assert await db.scalar("SELECT revision FROM series") == 2
    finally:
        await db.close()


def test_the_words_of_the_date_command() -> None:
    request = parse_date_command("3 15/08/2024 08:00-11:30", TZ)
    assert (request.num, request.start, request.end) == (
        3,
        datetime(2024, 8, 15, 1, 0, tzinfo=UTC),
        datetime(2024, 8, 15, 4, 30, tzinfo=UTC),
    )
    short = parse_date_command(" 3  15-8-2024 8h – 11h30 ", TZ)
    assert (short.start, short.end) == (request.start, request.end)
    for text, key in (
        ("", "undated.bad_format"),
        ("3 15/08/2024", "undated.bad_format"),
        ("3 15/08/24 08:00-11:30", "undated.bad_format"),
        ("3 30/02/2024 08:00-11:30", "undated.bad_date"),
        ("3 15/08/2024 08:75-11:30", "undated.bad_date"),
    ):
        with pytest.raises(DateCommandError) as raised:
            parse_date_command(text, TZ)
        assert raised.value.key == key, text


def test_answers_about_an_undated_session() -> None:
    plan = build_loaded_plan(lang_son())
    answerer = plan.answerer
    next_one = answerer.answer("hội nghị tiếp theo", JULY).text
    assert next_one.startswith("Hội nghị tiếp theo:\nHội nghị cấp tỉnh: chưa có ngày giờ cụ thể")
    assert f"({NOTE})" in next_one
    day = answerer.answer("ngày 15/8 có họp không", JULY).text
    assert day.startswith("Ngày 15/08 không có hội nghị nào")
    assert (
        "Lưu ý, các buổi sau chưa có ngày giờ cụ thể:\n• Hội nghị cấp tỉnh: chưa có ngày giờ" in day
    )
    week = answerer.answer("tuần này có hội nghị không", JULY).text
    assert "Tuần này không có hội nghị nào" in week and "Hội nghị cấp tỉnh" in week
    headcount = answerer.answer("bao nhiêu đại biểu", JULY).text
    assert "• Hội nghị cấp tỉnh: 170–190 đại biểu" in headcount
    assert "Tháng" not in answerer.help("vi").text  # no month to give as an example
    assert "(dự kiến)" not in answerer.schedule_all(JULY).text


def test_the_calendar_leaves_out_a_session_without_a_date() -> None:
    example, _ = read_plan(DEFAULT_PLAN)
    assert example is not None
    sessions = (*example.sessions[:-1], replace(example.sessions[-1], starts_at=None, ends_at=None))
    plan = build_loaded_plan(replace(example, sessions=sessions))
    text = sessions_ics(plan, plan.series.sessions, ["1d"], JULY).decode("utf-8")
    assert text.count("BEGIN:VEVENT") == 8 and "2026-11-thanh-pho" not in text


async def test_the_contact_person_of_a_series_is_stored_and_read_back(tmp_path: Path) -> None:
    text = PLAN.replace("TIMES", "    date_note: sau").replace(
        "  organiser: Sở Ngoại vụ\n",
        "  organiser: Sở Ngoại vụ\n"
        "  contact: {name: Hoàng Thị Lan, phone: '0205 3812 345', title: Chuyên viên}\n",
    )
    series, errors = parse_plan(text, "thu.yaml")
    assert series is not None, errors
    assert series.contact == Contact("Hoàng Thị Lan", "0205 3812 345", "Chuyên viên")
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        await PlanRepository(db).save(series, JULY)
        stored = await PlanRepository(db).active_series()
        assert stored is not None and stored.contact == series.contact
        await PlanRepository(db).save(replace(series, contact=None), JULY)
        again = await PlanRepository(db).active_series()
        assert again is not None and again.contact is None
    finally:
        await db.close()
