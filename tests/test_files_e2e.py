"""Files in the chat through the fake Telegram server: /mau, a delegate file sent by an
organiser (report by row and column, links sheet), refusals, /xuat and /lichics."""

from __future__ import annotations

import asyncio
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from bot.channels.console import ConsoleChannel
from bot.channels.zalo import ZaloTransport
from bot.cli import main
from bot.clock import now_utc
from bot.domain.messages import Button, Photo, Reply, reply_from_json, reply_to_json
from bot.runtime.core import Core
from storage.db import Database
from tests.conftest import ORGANISER_ID, Bot, Chat
from tests.fake_telegram import SentMessage
from tests.test_imports import HEADER, ROWS
from tests.test_reminders_e2e import register_leader

FOCAL_ID = 2004
CSV = ("\n".join([HEADER, *ROWS]) + "\n").encode("utf-8")


def sheet(message: SentMessage) -> list[list[object]]:
    assert message.method == "sendDocument", message
    assert message.upload is not None
    book = load_workbook(io.BytesIO(message.upload.content))
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


async def delegates(bot: Bot) -> list[tuple[object, ...]]:
    rows = await bot.db.fetch_all("SELECT full_name, commune_code FROM delegates ORDER BY id")
    return [(r["full_name"], r["commune_code"]) for r in rows]


async def audit(bot: Bot, action: str) -> list[dict[str, object]]:
    rows = await bot.db.fetch_all(
        "SELECT details FROM audit_log WHERE action = ? ORDER BY id", (action,)
    )
    return [json.loads(r["details"]) for r in rows]


async def send_file(chat: Chat, name: str, content: bytes, replies: int) -> list[SentMessage]:
    chat.user.send_document(name, content, "text/csv")
    return await chat.server.wait_for(chat.user.id, replies)


async def make_focal(bot: Bot) -> Chat:
    roles = bot.runtime.core.services.roles
    await roles.grant("telegram", str(FOCAL_ID), "focal", "test", now_utc(), "commune:25279")
    return bot.chat(FOCAL_ID, "Đầu mối")


def test_document_reply_round_trip() -> None:
    reply = Reply(
        "Danh sách",
        buttons=((Button("A", "a"),),),
        document=Photo("danh-sach.xlsx", b"PK\x03\x04"),
    )
    assert reply_from_json(reply_to_json(reply)) == reply


async def test_template_and_organiser_import(bot: Bot) -> None:
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    (template,) = await admin.send("/mau")
    assert template.upload is not None and template.upload.filename.endswith(".xlsx")
    assert sheet(template)[0][:2] == ["STT", "Họ và tên"]

    report, links = await send_file(admin, "xa-loc-tan.csv", CSV, 2)
    text = report.text or ""
    assert "Dòng 5, cột Xã/phường" in text
    assert "Dòng 7, cột Số điện thoại" in text
    assert "Dòng 8, cột Họ và tên" in text
    assert "Dòng 2," not in text and "Dòng 9," not in text
    assert "Đã nhập 4 dòng" in text
    names = {name for name, _ in await delegates(bot)}
    assert names == {"Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng"}
    rows = sheet(links)
    assert len(rows) == 4
    assert all(str(row[4]).startswith("https://t.me/") for row in rows[1:])
    assert all("start=p-" in str(row[4]) for row in rows[1:])
    assert (await audit(bot, "import"))[0]["rows"] == 4


async def test_refusals_store_nothing(bot: Bot) -> None:
    stranger = bot.chat(1001, "Nguyễn Văn An")
    (refused,) = await send_file(stranger, "ds.csv", CSV, 1)
    assert "chỉ Ban tổ chức" in (refused.text or "")
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    big = CSV + b"#" * (10 * 1024 * 1024)
    (too_big,) = await send_file(admin, "lon.csv", big, 1)
    assert "quá giới hạn 10 MB" in (too_big.text or "")
    assert await delegates(bot) == []
    assert await audit(bot, "import") == []
    (mau,) = await stranger.send("/mau")
    assert mau.upload is None


async def test_a_strangers_file_is_never_downloaded(bot: Bot) -> None:
    """Every document used to be downloaded (up to 5 MB) before anyone looked at who sent it:
    a stranger could make the bot fetch file after file. Now only an importer's are."""
    stranger = bot.chat(1001, "Nguyễn Văn An")
    for n in range(3):
        (refused,) = await send_file(stranger, f"ds-{n}.csv", CSV, 1)
        assert "chỉ Ban tổ chức" in (refused.text or "")
    assert [method for method, _ in bot.server.requests if method == "getFile"] == []
    await send_file(bot.chat(ORGANISER_ID, "Quản trị"), "ds.csv", CSV, 2)
    assert [method for method, _ in bot.server.requests if method == "getFile"] == ["getFile"]


async def test_focal_import_is_limited_to_their_commune(bot: Bot) -> None:
    focal = await make_focal(bot)
    report, _ = await send_file(focal, "xa.csv", CSV, 2)
    assert "Dòng 4, cột Xã/phường: đại biểu này không thuộc" in (report.text or "")
    assert {code for _, code in await delegates(bot)} == {25279}


async def test_a_focal_point_cannot_take_over_another_communes_delegate(bot: Bot) -> None:
    """Rows merge by phone number: a focal point's row with the phone of a delegate of another
    commune moved that person into the focal point's commune under a new name (found by the
    hostile-updates test). The row is refused; the person stays as they were."""
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    await send_file(admin, "loc-thanh.csv", f"{HEADER}\n{ROWS[2]}\n".encode(), 2)
    before = await bot.db.fetch_all("SELECT * FROM delegates")
    focal = await make_focal(bot)
    row = "1,Kẻ Mạo Danh,Chủ tịch UBND xã,lanh-dao-ubnd,Xã Lộc Tấn,0912 000 003,"
    (report,) = await send_file(focal, "x.csv", f"{HEADER}\n{row}\n".encode(), 1)
    assert "Dòng 2, cột Số điện thoại: số điện thoại (hoặc họ tên)" in (report.text or "")
    assert [tuple(r) for r in await bot.db.fetch_all("SELECT * FROM delegates")] == [
        tuple(r) for r in before
    ]
    assert (await audit(bot, "import"))[-1]["rows"] == 0


async def _export(chat: Chat) -> tuple[SentMessage, list[list[object]]]:
    (pick,) = await chat.send("/xuat")
    data = [d for _, d in pick.inline_buttons if d]
    rows: list[list[object]] = []
    document: SentMessage | None = None
    for entry in data:  # the first session whose list has delegates
        chat.user.press(pick, entry)
        (document,) = await chat.server.wait_for(chat.user.id)
        rows = sheet(document)
        if len(rows) > 3:
            break
    assert document is not None
    return document, rows


async def test_exports_with_phones_for_organisers_only(bot: Bot) -> None:
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    await send_file(admin, "xa-loc-tan.csv", CSV, 2)
    _, rows = await _export(admin)
    text = json.dumps(rows, ensure_ascii=False, default=str)
    assert "0912000001" in text or "0912000002" in text

    focal = await make_focal(bot)
    _, focal_rows = await _export(focal)
    focal_text = json.dumps(focal_rows, ensure_ascii=False, default=str)
    assert "09120000" not in focal_text
    assert "Lộc Thạnh" not in focal_text
    exported = await audit(bot, "export")
    assert exported[0]["phones"] is True and exported[-1]["phones"] is False

    stranger = bot.chat(1001, "Nguyễn Văn An")
    (no,) = await stranger.send("/xuat")
    assert not no.inline_buttons


async def test_calendar_for_anyone(bot: Bot) -> None:
    chat = bot.chat(1001, "Nguyễn Văn An")
    (calendar,) = await chat.send("/lichics")
    assert calendar.upload is not None and calendar.upload.filename.endswith(".ics")
    content = calendar.upload.content.decode()
    plan = await bot.runtime.core.services.plans.current()
    assert plan is not None
    assert content.count("BEGIN:VEVENT") == len(plan.series.sessions)
    assert "BEGIN:VALARM" in content


async def _cli(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv)


async def test_cli_broadcast_is_delivered_by_the_running_bot(
    bot: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    leader = bot.chat(1001, "Nguyễn Văn An")
    await register_leader(leader, 25279)
    text = "Kính mời các đồng chí dự hội nghị đúng giờ."
    assert await _cli(["broadcast", "--text", text, "--commune", "25279"]) == 0
    out = capsys.readouterr().out
    assert "1 người nhận được tin" in out and "--yes" in out
    assert await bot.db.scalar("SELECT count(*) FROM broadcasts") == 0

    assert await _cli(["broadcast", "--text", text, "--commune", "25279", "--yes"]) == 0
    found = re.search(r"thông báo số (\d+)", capsys.readouterr().out)
    assert found
    (delivered,) = await bot.server.wait_for(1001, predicate=lambda m: m.text == text)
    assert delivered.text == text
    for _ in range(100):
        assert await _cli(["broadcast", "--status", found.group(1)]) == 0
        status = capsys.readouterr().out
        if "đã gửi 1," in status:
            break
        await asyncio.sleep(0.05)
    assert "đã gửi 1, bị chặn 0, lỗi 0, đang chờ 0" in status
    assert (await audit(bot, "broadcast"))[0]["queued"] == 1
    for _ in range(100):  # no chat to report to: the reporter closes it once settled
        if await bot.db.scalar("SELECT status FROM broadcasts") == "done":
            break
        await asyncio.sleep(0.05)
    assert await bot.db.scalar("SELECT status FROM broadcasts") == "done"

    assert await _cli(["broadcast", "--text", text, "--answer", "none"]) == 2
    assert "--session" in capsys.readouterr().err
    assert await _cli(["broadcast", "--text", text, "--unit", "khong-co"]) == 2
    assert await _cli(["broadcast", "--status", "999"]) == 2


async def test_console_saves_a_file_it_cannot_show(db: Database) -> None:
    out = io.StringIO()
    core = await Core.create(db)
    await ConsoleChannel(core, io.StringIO("/lichics\n/thoat\n"), out).run("Mẫu")
    found = re.search(r"Tệp đã được lưu tại: (.+?)\)", out.getvalue())
    assert found, out.getvalue()
    content = await asyncio.to_thread(Path(found.group(1)).read_bytes)
    assert content.startswith(b"BEGIN:VCALENDAR")


async def test_zalo_tells_that_files_are_on_telegram_only() -> None:
    calls: list[dict[str, object]] = []

    class Client:
        async def call(self, method: str, params: dict[str, object]) -> object:
            calls.append(params)
            return {}

    reply = Reply("Lịch hội nghị", document=Photo("lich.ics", b"BEGIN:VCALENDAR"))
    transport = ZaloTransport(Client(), None)  # type: ignore[arg-type]
    await transport.send("42", [reply], remember_empty=False)
    (sent,) = calls
    assert "Lịch hội nghị" in str(sent["text"]) and "chỉ nhận được qua Telegram" in str(
        sent["text"]
    )
