"""`hoinghi import`: a focal point's file checked row by row, stored all or nothing, merged by
phone, with personal invite links that make the person who presses one that delegate."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from bot.cli import main
from storage.db import Database
from tests.conftest import Bot

HEADER = "STT,ho va ten,Chức vụ,ĐƠN VỊ,Xã/Phường,Số điện thoại,Ghi chú"
ROWS = [
    "1,Trần Văn Bình,Chủ tịch UBND xã,lanh-dao-ubnd,Xã Lộc Tấn,0912000001,",
    '2,Lê Thị Cúc,Trưởng ấp 3,"Bí thư chi bộ, Trưởng thôn/ấp/khu phố",loc tan,+84 912 000 002,',
    "3,Phạm Văn Dũng,Chủ tịch Hội,Hội Cựu chiến binh xã,Xã Lộc Thạnh,0912 000 003,",
    "4,Nguyễn Văn Em,Cán bộ,Công an xã,Xã Zzyzx Qwerty,0912000004,",
    "5,Hoàng Thị Gấm,Cán bộ,Công an xã,loc thanh,0912000005,",
    "6,Đỗ Văn Hùng,Cán bộ,Công an xã,Xã Lộc Tấn,12345,",
    "7,,Cán bộ,Công an xã,Xã Lộc Tấn,0912000007,",
    "8,Trần Văn Bình,Phó Chủ tịch UBND xã,lanh-dao-ubnd,Xã Lộc Tấn,0912.000.001,",
]


@pytest.fixture
def env(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    monkeypatch.delenv("PLAN_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def run(*arguments: str) -> int:
    return await asyncio.to_thread(main, ["import", *arguments])


async def delegates(db: Database) -> list[tuple[object, ...]]:
    rows = await db.fetch_all(
        "SELECT full_name, position, category_code, category_other, commune_name, phone, "
        "claim_code IS NOT NULL FROM delegates ORDER BY id"
    )
    return [tuple(row) for row in rows]


def sheet_rows(path: Path, index: int = 0) -> list[list[object]]:
    book = load_workbook(io.BytesIO(path.read_bytes()))
    return [list(row) for row in book.worksheets[index].iter_rows(values_only=True)]


STORED = [
    ("Trần Văn Bình", "Phó Chủ tịch UBND xã", "lanh-dao-ubnd", "", "Xã Lộc Tấn", "0912000001", 1),
    ("Lê Thị Cúc", "Trưởng ấp 3", "thon-ap", "", "Xã Lộc Tấn", "0912000002", 1),
    (
        "Phạm Văn Dũng",
        "Chủ tịch Hội",
        "other",
        "Hội Cựu chiến binh xã",
        "Xã Lộc Thạnh",
        "0912000003",
        1,
    ),
]


async def test_csv_report_by_row_and_column_valid_rows_stored_duplicates_merged(
    env: Path, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    path = env / "xa-loc-tan.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    assert await run(str(path)) == 0
    out = capsys.readouterr().out
    assert "Dòng 1, cột Ghi chú: không nhận ra tên cột «Ghi chú»" in out
    assert "Dòng 5, cột Xã/phường: không tìm thấy xã/phường «Xã Zzyzx Qwerty»" in out
    assert "Dòng 6, cột Xã/phường: «loc thanh» có thể là: Xã Lộc Thành, Xã Lộc Thạnh" in out
    assert "Dòng 7, cột Số điện thoại: «12345» không phải số điện thoại Việt Nam" in out
    assert "Dòng 8, cột Họ và tên: chưa có họ và tên." in out
    assert "Dòng 2," not in out and "Dòng 9," not in out
    assert "Đã nhập 4 dòng: 3 đại biểu mới, 1 gộp với người đã có" in out
    assert "4 dòng có lỗi" in out
    assert await delegates(db) == STORED

    links = env / "loi-moi-xa-loc-tan.xlsx"
    rows = sheet_rows(links)
    assert rows[0] == ["STT", "Họ và tên", "Xã/phường", "Số điện thoại", "Đường link mời"]
    assert [row[:4] for row in rows[1:]] == [
        [1, "Lê Thị Cúc", "Xã Lộc Tấn", "0912000002"],
        [2, "Phạm Văn Dũng", "Xã Lộc Thạnh", "0912000003"],
        [3, "Trần Văn Bình", "Xã Lộc Tấn", "0912000001"],
    ]
    assert all(str(row[4]).startswith("/start p-") for row in rows[1:])

    # The same file again: nothing new, every valid row merged, the codes unchanged.
    assert await run(str(path), "--links", "again.xlsx") == 0
    assert "Đã nhập 4 dòng: 0 đại biểu mới, 4 gộp" in capsys.readouterr().out
    assert await delegates(db) == STORED
    assert sheet_rows(env / "again.xlsx") == rows


async def test_nothing_valid_means_exit_2_and_nothing_stored(
    env: Path, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    path = env / "sai.csv"
    path.write_text("\n".join([HEADER, ROWS[4], ROWS[5]]), encoding="utf-8")
    assert await run(str(path)) == 2
    assert "Đã nhập 0 dòng" in capsys.readouterr().out
    assert await delegates(db) == []
    assert not (env / "loi-moi-sai.xlsx").exists()
    (env / "thieu-cot.csv").write_text("STT;Họ và tên\n1;Trần Văn Bình\n", encoding="utf-8")
    assert await run("thieu-cot.csv") == 2
    assert "thiếu cột: Chức vụ, Đơn vị, Xã/phường" in capsys.readouterr().err


async def test_semicolon_csv_with_bom(env: Path, db: Database) -> None:
    text = (
        "STT;Họ và tên;Chức vụ;Đơn vị;Xã/phường;Số điện thoại\n"
        "1;Ngô Thị Lan;Cán bộ;mttq;Xã Lộc Tấn;\n"
    )
    (env / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert await run("bom.csv") == 0
    assert await delegates(db) == [("Ngô Thị Lan", "Cán bộ", "mttq", "", "Xã Lộc Tấn", "", 1)]
    assert await run("bom.csv") == 0  # no phone: the same name in the same commune merges
    assert len(await delegates(db)) == 1


def xlsx_file(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Xã/phường", "Số điện thoại", "Lạ"])
    sheet.append(
        [1, "Trần Văn Bình", "Chủ tịch UBND xã", "Lãnh đạo UBND xã", "Xã Lộc Tấn", 912000001]
    )
    sheet.append([2, "Vũ Văn Khoa", "Trưởng Công an xã", "cong-an-xa", "loc thanh", "0912000009"])
    sheet.append([3, "Vũ Văn Long", "Cán bộ", "cong-an-xa", "Xã Lộc Thành", "0912 000 010"])
    sheet.append([4, "Bùi Thị Mai", "Cán bộ", "cong-an-xa", "Xã Lộc Thành", "09120000"])
    sheet.append([5, "Đinh Văn Nam", "Cán bộ", "cong-an-xa", "Xã Lộc Thành", "0912000010"])
    book.save(path)


async def test_xlsx_import_links_and_claim_through_telegram(
    env: Path, bot: Bot, capsys: pytest.CaptureFixture[str]
) -> None:
    path = env / "ds.xlsx"
    xlsx_file(path)
    code = await run(str(path), "--bot", "hoinghi_bot", "--links", "links.xlsx")
    assert code == 0
    out = capsys.readouterr().out
    assert "Dòng 1, cột Lạ: không nhận ra tên cột «Lạ»" in out
    assert "Dòng 3, cột Xã/phường: «loc thanh» có thể là" in out
    assert "Dòng 5, cột Số điện thoại: «09120000» không phải số điện thoại Việt Nam" in out
    # Row 5 has row 3's phone under another name: held back and listed, never merged silently.
    assert "Dòng 6, cột Số điện thoại: số 0912000010 của «Đinh Văn Nam» đã có" in out
    assert "với tên «Vũ Văn Long»" in out and "--on-conflict" in out
    assert "Đã nhập 2 dòng: 2 đại biểu mới, 0 gộp" in out and "1 dòng trùng" in out
    assert [row[0] for row in await delegates(bot.db)] == ["Trần Văn Bình", "Vũ Văn Long"]
    for decision, names in (
        ("skip", ["Trần Văn Bình", "Vũ Văn Long"]),
        ("replace", ["Trần Văn Bình", "Đinh Văn Nam"]),
    ):
        arguments = ("--links", "links.xlsx", "--on-conflict", decision)
        assert await run(str(path), "--bot", "hoinghi_bot", *arguments) == 0
        assert [row[0] for row in await delegates(bot.db)] == names
    stored = await delegates(bot.db)
    assert stored[0][5] == "0912000001"  # the leading zero Excel dropped is back
    assert stored[1][2:5] == ("cong-an-xa", "", "Xã Lộc Thành")
    rows = sheet_rows(env / "links.xlsx")[1:]
    assert [row[1] for row in rows] == ["Trần Văn Bình", "Đinh Văn Nam"]
    links = [str(row[4]) for row in rows]
    assert all(link.startswith("https://t.me/hoinghi_bot?start=p-") for link in links)
    payload = links[0].split("start=")[1]

    chat = bot.chat(3001, "Bình")
    welcome, summary = await chat.send(f"/start {payload}", replies=2)
    assert "Chào mừng Trần Văn Bình" in (welcome.text or "")
    assert "🔒" in (welcome.text or "") and "/xoa" in (welcome.text or "")  # the notice
    assert "Xã Lộc Tấn" in (summary.text or "")
    (me,) = await chat.send("/toi")
    assert "Trần Văn Bình" in (me.text or "") and "Chủ tịch UBND xã" in (me.text or "")
    (back, _) = await chat.send(f"/start {payload}", replies=2)
    assert "Trần Văn Bình" in (back.text or "")

    other = bot.chat(3002, "Người khác")
    _, refused, _, ask_commune = await other.start(payload, replies=3)
    assert "đã được dùng" in (refused.text or "")
    assert "xã/phường nào" in (ask_commune.text or "")
    linked = await bot.db.fetch_all(
        "SELECT a.external_id FROM accounts a JOIN delegates d ON d.id = a.delegate_id"
    )
    assert [row[0] for row in linked] == ["3001"]


async def test_template_has_the_header_an_example_and_the_units(
    env: Path, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run("--template", "mau.xlsx") == 0
    assert "Đã ghi file mẫu vào mau.xlsx" in capsys.readouterr().out
    rows = sheet_rows(env / "mau.xlsx")
    assert rows[0] == [
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Đơn vị công tác",
        "Xã/phường",
        "Số điện thoại",
    ]
    assert len(rows) == 2 and rows[1][6] == "0912345678"
    units = sheet_rows(env / "mau.xlsx", 1)
    assert ["cong-an-xa", "Công an xã"] in units and units[-1][0] == "other"
    # The template itself imports cleanly, the workplace with it.
    assert await run("mau.xlsx", "--links", "l.xlsx") == 0
    workplace = await db.scalar("SELECT workplace FROM delegates")
    assert workplace == "UBND xã Lộc Tấn"
