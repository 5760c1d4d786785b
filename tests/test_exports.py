"""Exports for organisers: the delegate list as XLSX and CSV, the calendar as .ics, and
`hoinghi export`, checked by reading the files back."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from bot.cli import main
from bot.domain import SessionInfo
from bot.services.cells import FORMULA_STARTS
from bot.services.exports import (
    delegate_list_csv,
    delegate_list_title,
    delegate_list_xlsx,
    ics_escape,
    ics_fold,
    sessions_ics,
)
from bot.services.plan_state import LoadedPlan, build_loaded_plan
from storage.db import Database
from storage.plans import PlanRepository
from storage.reports import DelegateListRepository, DelegateListRow
from tests.backends import continue_numbering

LOC_TAN, LOC_THANH = 25279, 25294
STAMP = "2026-11-25T02:00:00.000000Z"
HEADERS = [
    "STT",
    "Họ và tên",
    "Chức vụ",
    "Đơn vị",
    "Xã/phường",
    "Số điện thoại",
    "Trạng thái",
    "Ghi chú",
]
# (id, commune code, commune name, name, position, category, other, phone)
DELEGATES = [
    (
        1,
        LOC_TAN,
        "Xã Lộc Tấn",
        "Trần Thị Bình",
        "Chủ tịch UBND xã",
        "lanh-dao-ubnd",
        "",
        "0912345678",
    ),
    (2, LOC_TAN, "Xã Lộc Tấn", "Nguyễn Văn An", "Bí thư chi bộ ấp 3", "thon-ap", "", "0987654321"),
    (3, LOC_TAN, "Xã Lộc Tấn", "Lê Văn Cường", "Chỉ huy trưởng", "quan-su-xa", "", "0909000111"),
    (
        4,
        LOC_TAN,
        "Xã Lộc Tấn",
        "Đỗ Thị Hoa",
        "Chủ tịch Hội",
        "other",
        "Hội Cựu chiến binh xã",
        "0909000222",
    ),
    (5, LOC_TAN, "Xã Lộc Tấn", "Võ Minh Khoa", "Phó Chủ tịch UBND xã", "lanh-dao-ubnd", "", ""),
    (
        6,
        LOC_THANH,
        "Xã Lộc Thành",
        "Hoàng Văn Long",
        "Chủ tịch UBND xã",
        "lanh-dao-ubnd",
        "",
        "0911222333",
    ),
    (7, None, None, "Ngô Thị Mai", "Giám đốc Sở Ngoại vụ", "so-nganh", "", "0283999888"),
]
# (session, delegate, answer, reason, substitute name, position, phone)
ANSWERS = [
    ("2026-07-loc-tan", 1, "in_person", "", "", "", ""),
    ("2026-07-loc-tan", 2, "absent", "Đi công tác tỉnh, họp; không về kịp", "", "", ""),
    ("2026-07-loc-tan", 3, "substitute", "", "Phạm Văn Dũng", "Phó Chỉ huy trưởng", "0901111222"),
    ("2026-07-loc-tan", 4, "online", "", "", "", ""),
    ("2026-11-thanh-pho", 6, "in_person", "", "", "", ""),
    ("2026-11-thanh-pho", 7, "absent", "Trùng lịch tiếp khách quốc tế", "", "", ""),
]

SUBSTITUTE_NOTE = "Người dự thay: Phạm Văn Dũng (Phó Chỉ huy trưởng, 0901111222)"
# The list of the Lộc Tấn session as an organiser reads it: by commune, then by name in
# Vietnamese order (đ right after d, so "Đỗ" before "Lê"; by code point it would come last).
LOC_TAN_ROWS = [
    [
        1,
        "Đỗ Thị Hoa",
        "Chủ tịch Hội",
        "Hội Cựu chiến binh xã",
        "Xã Lộc Tấn",
        "0909000222",
        "Tham dự trực tuyến",
        "",
    ],
    [
        2,
        "Lê Văn Cường",
        "Chỉ huy trưởng",
        "Ban Chỉ huy Quân sự xã",
        "Xã Lộc Tấn",
        "0909000111",
        "Cử người dự thay",
        SUBSTITUTE_NOTE,
    ],
    [
        3,
        "Nguyễn Văn An",
        "Bí thư chi bộ ấp 3",
        "Bí thư chi bộ, Trưởng thôn/ấp/khu phố",
        "Xã Lộc Tấn",
        "0987654321",
        "Vắng mặt",
        "Đi công tác tỉnh, họp; không về kịp",
    ],
    [
        4,
        "Trần Thị Bình",
        "Chủ tịch UBND xã",
        "Lãnh đạo UBND xã",
        "Xã Lộc Tấn",
        "0912345678",
        "Tham dự; Đã điểm danh",
        "",
    ],
    [
        5,
        "Võ Minh Khoa",
        "Phó Chủ tịch UBND xã",
        "Lãnh đạo UBND xã",
        "Xã Lộc Tấn",
        "",
        "Chưa trả lời",
        "",
    ],
]
TITLE = "Danh sách đại biểu — Hội nghị tại xã Lộc Tấn, Thứ Năm, 23/07/2026, 08:00–11:30"


@pytest.fixture
async def filled(db: Database) -> Database:
    for row in DELEGATES:
        await db.write(
            "INSERT INTO delegates (id, commune_code, commune_name, full_name, position, "
            "category_code, category_other, phone, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*row, STAMP, STAMP),
        )
    await continue_numbering(db, "delegates")
    for answer in ANSWERS:
        await db.write(
            "INSERT INTO attendance (session_id, delegate_id, answer, reason, substitute_name, "
            "substitute_position, substitute_phone, channel, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'telegram', ?)",
            (*answer, STAMP),
        )
    await db.write(
        "INSERT INTO checkins (session_id, delegate_id, method, at) "
        "VALUES ('2026-07-loc-tan', 1, 'qr', ?)",
        (STAMP,),
    )
    return db


async def plan_of(db: Database) -> LoadedPlan:
    series = await PlanRepository(db).active_series()
    assert series is not None
    return build_loaded_plan(series)


def session_of(plan: LoadedPlan, session_id: str) -> SessionInfo:
    return next(s for s in plan.series.sessions if s.id == session_id)


async def loc_tan_list(db: Database) -> tuple[LoadedPlan, SessionInfo, list[DelegateListRow]]:
    plan = await plan_of(db)
    session = session_of(plan, "2026-07-loc-tan")
    return plan, session, await DelegateListRepository(db).rows(session)


def read_xlsx(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Danh sách đại biểu"]
    return book["Danh sách đại biểu"]


def cells(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


# The list's rows ----------------------------------------------------------------------------


async def test_the_list_holds_the_invited_delegates_with_their_answers(filled: Database) -> None:
    plan, session, rows = await loc_tan_list(filled)
    assert [r.delegate_id for r in rows] == [4, 3, 2, 1, 5]
    by_id = {r.delegate_id: r for r in rows}
    assert by_id[1].checked_in and by_id[1].answer == "in_person"
    assert by_id[5].answer is None and not by_id[5].checked_in
    assert by_id[3].substitute_name == "Phạm Văn Dũng"
    city = session_of(plan, "2026-11-thanh-pho")
    city_rows = await DelegateListRepository(filled).rows(city)
    # City-level delegates first, then the communes' UBND leaders (the session's invitation),
    # communes in Vietnamese order: "Lộc Tấn" before "Lộc Thành" (â before h).
    assert [r.delegate_id for r in city_rows] == [7, 1, 5, 6]
    only_loc_tan = await DelegateListRepository(filled).rows(city, commune_code=LOC_TAN)
    assert [r.delegate_id for r in only_loc_tan] == [1, 5]
    leaders = await DelegateListRepository(filled).rows(session, category_code="lanh-dao-ubnd")
    assert [r.delegate_id for r in leaders] == [1, 5]


# XLSX -----------------------------------------------------------------------------------------


async def test_xlsx_read_back_cell_by_cell(filled: Database) -> None:
    plan, session, rows = await loc_tan_list(filled)
    title = delegate_list_title(plan, session)
    assert title == TITLE
    sheet = read_xlsx(delegate_list_xlsx(rows, title, plan, with_phones=True))
    expected = [[TITLE] + [""] * 7, HEADERS, *LOC_TAN_ROWS]
    assert cells(sheet) == expected
    for r, row in enumerate(expected, start=1):  # and one by one, to name the cell that differs
        for c, value in enumerate(row, start=1):
            got = sheet.cell(row=r, column=c).value
            assert ("" if got is None else got) == value, (r, c)
    assert sheet.freeze_panes == "A3"
    assert [str(m) for m in sheet.merged_cells.ranges] == ["A1:H1"]
    assert sheet["A1"].font.bold and sheet["A2"].font.bold
    assert sheet.column_dimensions["B"].width >= 20
    assert sheet.column_dimensions["H"].width >= 30
    assert isinstance(sheet["F3"].value, str) and sheet["F3"].value.startswith("0")


async def test_xlsx_without_phones_has_no_phone_anywhere(filled: Database) -> None:
    plan, _, rows = await loc_tan_list(filled)
    sheet = read_xlsx(delegate_list_xlsx(rows, "Danh sách", plan, with_phones=False))
    assert sheet["F2"].value == "Số điện thoại"
    assert all(sheet.cell(row=r, column=6).value in (None, "") for r in range(3, 8))
    text = " ".join(str(v) for row in cells(sheet) for v in row)
    assert not re.search(r"0\d{9}", text)
    assert sheet["H4"].value == "Người dự thay: Phạm Văn Dũng (Phó Chỉ huy trưởng)"


async def test_xlsx_of_an_empty_list_still_has_title_and_headers(filled: Database) -> None:
    plan = await plan_of(filled)
    sheet = read_xlsx(delegate_list_xlsx([], TITLE, plan, with_phones=True))
    assert cells(sheet) == [[TITLE] + [""] * 7, HEADERS]
    assert sheet.freeze_panes == "A3"


# CSV ------------------------------------------------------------------------------------------


async def test_csv_has_a_bom_crlf_and_the_same_cells(filled: Database) -> None:
    plan, _, rows = await loc_tan_list(filled)
    data = delegate_list_csv(rows, plan, with_phones=True)
    assert data.startswith(b"\xef\xbb\xbf")
    body = data[3:].decode("utf-8")
    assert body.count("\r\n") == 1 + len(LOC_TAN_ROWS) and "\n" not in body.replace("\r\n", "")
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert read == [HEADERS, *[[str(v) for v in row] for row in LOC_TAN_ROWS]]
    hidden = list(csv.reader(io.StringIO(delegate_list_csv(rows, plan, False).decode("utf-8-sig"))))
    assert {row[5] for row in hidden[1:]} == {""}


# ICS ------------------------------------------------------------------------------------------


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


async def test_ics_one_event_per_session_utc_times_alarms_and_folding(filled: Database) -> None:
    plan = await plan_of(filled)
    sessions = plan.series.sessions
    data = sessions_ics(plan, sessions, ["7d", "1d", "2h"])
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == len(sessions) == 9
    assert lines.count("BEGIN:VALARM") == 3 * len(sessions)
    event = lines[lines.index("UID:2026-07-loc-tan@hoinghi-bot") :]
    event = event[: event.index("END:VEVENT")]
    assert "DTSTART:20260723T010000Z" in event and "DTEND:20260723T043000Z" in event
    assert "SUMMARY:Hội nghị tại xã Lộc Tấn" in event
    venue = "Hội trường UBND xã Lộc Tấn\\, Trụ sở UBND xã Lộc Tấn\\, thành phố Đồng Nai"
    assert f"LOCATION:{venue}" in event
    assert [line for line in event if line.startswith("TRIGGER:")] == [
        "TRIGGER:-P7D",
        "TRIGGER:-P1D",
        "TRIGGER:-PT2H",
    ]
    description = next(line for line in event if line.startswith("DESCRIPTION:Nội dung"))
    assert "\\n- Quan điểm\\, chủ trương của Đảng" in description
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in event)
    city = lines[lines.index("UID:2026-11-thanh-pho@hoinghi-bot") :]
    assert "DTSTART:20261127T010000Z" in city[: city.index("END:VEVENT")]


def test_ics_escaping_and_folding_rules() -> None:
    assert ics_escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    line = "DESCRIPTION:" + "Đồng Nai ấp Lộc Tấn " * 20
    folded = ics_fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


# The command line -----------------------------------------------------------------------------


@pytest.fixture
def env(filled: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    monkeypatch.delenv("PLAN_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_cli_writes_the_xlsx_csv_and_ics(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = env / "loc-tan.xlsx"
    arguments = ["export", "--session", "2026-07-loc-tan", "--out", str(out)]
    code = await asyncio.to_thread(main, arguments)
    assert code == 0
    assert f"Đã ghi {out}: 5 dòng." in capsys.readouterr().out
    sheet = read_xlsx(await asyncio.to_thread(out.read_bytes))
    assert cells(sheet) == [[TITLE] + [""] * 7, HEADERS, *LOC_TAN_ROWS]

    code = await asyncio.to_thread(
        main,
        [
            "export",
            "--session",
            "2026-11-thanh-pho",
            "--commune",
            "Lộc Tấn",
            "--format",
            "csv",
            "--no-phones",
        ],
    )
    assert code == 0
    data = await asyncio.to_thread((env / "danh-sach-2026-11-thanh-pho.csv").read_bytes)
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row[1] for row in read[1:]] == ["Trần Thị Bình", "Võ Minh Khoa"]
    assert {row[5] for row in read[1:]} == {""}

    code = await asyncio.to_thread(main, ["export", "--format", "ics", "--out", "lich.ics"])
    assert code == 0
    ics = await asyncio.to_thread((env / "lich.ics").read_text, encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 9 and ics.count("TRIGGER:") == 27


async def test_cli_errors_politely(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = await asyncio.to_thread(main, ["export", "--session", "khong-co"])
    err = capsys.readouterr().err
    assert code == 2
    assert 'Không có buổi hội nghị mã "khong-co"' in err
    assert "2026-07-loc-tan: Hội nghị tại xã Lộc Tấn, Thứ Năm, 23/07/2026, 08:00–11:30" in err
    assert not await asyncio.to_thread(lambda: list(env.glob("danh-sach-*")))

    code = await asyncio.to_thread(
        main, ["export", "--session", "2026-07-loc-tan", "--commune", "Xã Không Tồn Tại"]
    )
    assert code == 2 and "Không tìm thấy xã/phường" in capsys.readouterr().err
    code = await asyncio.to_thread(
        main, ["export", "--session", "2026-07-loc-tan", "--unit", "khong-co"]
    )
    err = capsys.readouterr().err
    assert code == 2 and 'Không có thành phần mã "khong-co"' in err and "mttq:" in err
    code = await asyncio.to_thread(main, ["export"])
    assert code == 2 and "Cần chọn buổi hội nghị bằng --session" in capsys.readouterr().err


async def test_cli_without_a_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "empty.sqlite3"))
    monkeypatch.chdir(tmp_path)
    code = await asyncio.to_thread(main, ["export", "--session", "2026-07-loc-tan"])
    assert code == 2 and "Chưa có kế hoạch trong cơ sở dữ liệu" in capsys.readouterr().err


def test_cli_help_in_vietnamese_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["export", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "--no-phones" in text and "không ghi số điện thoại" in text
    assert "Export a session's delegate list" in text


# Cells a spreadsheet would run ----------------------------------------------------------------

HOSTILE = {
    1: "=cmd|' /C calc'!A0 bận",
    2: '=HYPERLINK("http://evil.example/x","bấm xem lý do")',
    3: "@SUM(1+1) cán bộ",
    4: "\t=1+1",
}


async def test_formulas_typed_by_people_stay_text_in_xlsx_and_csv(filled: Database) -> None:
    for delegate_id, position in HOSTILE.items():
        await filled.write(
            "UPDATE delegates SET position = ? WHERE id = ?", (position, delegate_id)
        )
    await filled.write("UPDATE delegates SET phone = '+84912345678' WHERE id = 1")
    plan, _, rows = await loc_tan_list(filled)
    sheet = read_xlsx(delegate_list_xlsx(rows, "Danh sách", plan, with_phones=True))
    written = {cell.value: cell for row in sheet.iter_rows(min_row=3) for cell in row}
    for position in HOSTILE.values():
        assert written[position].data_type == "s" and written[position].quotePrefix
    assert written["+84912345678"].data_type == "s" and not written["+84912345678"].quotePrefix
    read = list(csv.reader(io.StringIO(delegate_list_csv(rows, plan, True).decode("utf-8-sig"))))
    values = {value for row in read[1:] for value in row}
    assert {"'" + position for position in HOSTILE.values()} <= values
    assert "+84912345678" in values
    assert not any(value.startswith(FORMULA_STARTS) and value != "+84912345678" for value in values)
