"""The console demo and the `hoinghi` command line, as a newcomer and an organiser use them."""

from __future__ import annotations

import asyncio
import io
import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from bot.channels.console import ConsoleChannel
from bot.cli import main
from bot.config import DEFAULT_PLAN
from bot.plan import yamlnodes
from bot.runtime.core import Core
from storage.db import Database
from tests.seed_plan import example_plan_moved

ROOT = Path(__file__).resolve().parent.parent


async def test_console_registration_with_numbered_choices(db: Database) -> None:
    script = "\n".join(
        [
            "/start",
            "1",
            "loc thanh",
            "2",
            "Nguyễn Văn An",
            "Trưởng ấp Lộc Bình",
            "11",
            "bỏ qua",
            "hội nghị tiếp theo ở đâu",
            "/toi",
            "/thoat",
        ]
    )
    out = io.StringIO()
    await ConsoleChannel(await Core.create(db), io.StringIO(script + "\n"), out).run("Hội nghị mẫu")
    text = out.getvalue()
    assert "Gõ số để chọn:" in text and "1. Xã Lộc Thành" in text and "2. Xã Lộc Thạnh" in text
    assert "Cảm ơn anh/chị đã đăng ký" in text
    assert "• Xã/phường: Xã Lộc Thạnh" in text
    assert "Bí thư chi bộ, Trưởng thôn/ấp/khu phố" in text
    assert "📍" in text and "10.9466" in text
    assert text.rstrip().endswith("Tạm biệt!")


async def test_console_confirmation_and_check_in_code(db: Database) -> None:
    script = "\n".join(
        [
            "/start c-25279",
            "đồng ý",
            "Nguyễn Văn An",
            "Chủ tịch UBND xã",
            "3",
            "bỏ qua",
            "/xacnhan",
            "1",
            "1",
            "/thoat",
        ]
    )
    out = io.StringIO()
    await ConsoleChannel(await Core.create(db), io.StringIO(script + "\n"), out).run("Mẫu")
    text = out.getvalue()
    assert "Hiện tại: chưa trả lời" in text and "1. ✅ Tham dự" in text
    assert "Đã ghi nhận: anh/chị tham dự" in text and "1. 📱 Lấy mã QR điểm danh" in text
    saved = re.search(r"Ảnh đã lưu vào tệp: (\S+)", text)
    assert saved is not None
    png = await asyncio.to_thread(Path(saved.group(1)).read_bytes)
    assert png.startswith(b"\x89PNG")
    assert await db.scalar("SELECT answer FROM attendance") == "in_person"


def test_the_first_command_runs_the_console_demo_with_no_token(tmp_path: Path) -> None:
    """The demo moves the example plan so that its first session is three days ahead (the
    plan's own dates are past by now), in a database apart from DATABASE_PATH; a delegate who
    registers gets the reminder already due and answers it."""
    env = {
        **os.environ,
        "DATABASE_PATH": str(tmp_path / "demo.sqlite3"),
        "TELEGRAM_BOT_TOKEN": "",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("PLAN_FILE", None)
    script = [
        "/start",
        "1",  # agree
        "Lộc Thành",
        "Nguyễn Văn An",
        "Chủ tịch UBND xã",
        "3",  # Lãnh đạo UBND xã
        "bỏ qua",  # no phone: registered, and the reminder already due is shown
        "2",  # ❌ Vắng mặt
        "Trùng lịch tiếp công dân",
        "hội nghị tiếp theo ở đâu?",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        input="\n".join(script) + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    out = result.stdout
    first_day = (datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")) + timedelta(days=3)).strftime(
        "%d/%m/%Y"
    )
    banner = out.split("> ", 1)[0]
    assert "Chạy thử hoinghi-bot trên máy" in banner and "bản chạy thử" in banner
    assert f"diễn ra ngày {first_day}" in banner and "demo-demo.sqlite3" in banner
    reminder = out[out.index("🔔 Nhắc lịch") :]
    assert f"{first_day}, 08:00–11:30 (còn 3 ngày)" in reminder
    assert "1. ✅ Tham dự" in reminder and "2. ❌ Vắng mặt" in reminder
    assert "Đã lưu lý do vắng mặt: «Trùng lịch tiếp công dân»" in out
    assert "Hội nghị tiếp theo:" in out and "đã tổ chức" not in out
    assert "Tạm biệt!" in out
    assert (tmp_path / "demo-demo.sqlite3").exists()
    assert not (tmp_path / "demo.sqlite3").exists()  # the real database is left alone


BROKEN_PLAN = """\
series:
  id: thu-nghiem
  title: Hội nghị thử
  province: Đồng Nai
  organiser: Sở Ngoại vụ
  reminder_offsets: [7d, 2 ngày]
categories:
  - {code: mttq, label: MTTQ}
sessions:
  - id: buoi-1
    level: commune
    commune: Xã Long Hải
    start: 31/02/2026 08:00
    end: 2026-07-09 07:00
    venue: {name: Hội trường, address: UBND xã}
    expected: {min: 200, max: 150}
  - id: buoi-1
    level: thanh-pho
    start: 2026-07-09 08:00
    end: 2026-07-09 11:00
    venue: {name: Hội trường}
    expected: {min: 1, max: 2}
    speaker: ai đó
"""


def test_plan_check_names_file_line_field_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(BROKEN_PLAN, encoding="utf-8")
    assert main(["plan", "check", str(plan)]) == 2
    err = capsys.readouterr().err
    assert f"{plan}:6: series.reminder_offsets[1]: mốc nhắc phải có dạng" in err
    assert f"{plan}:13: sessions[0].start: ngày giờ không hợp lệ" in err
    assert f"{plan}:18: sessions[1].level: giá trị không hợp lệ" in err
    assert f"{plan}:21: sessions[1].venue.address: thiếu trường bắt buộc" in err
    assert f"{plan}:23: sessions[1].speaker: trường không có trong mẫu" in err


def test_plan_check_semantic_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "ke-hoach.yaml"
    fixed = BROKEN_PLAN.replace("[7d, 2 ngày]", "[7d, 2d]").replace("31/02/2026", "09/07/2026")
    fixed = fixed.split("  - id: buoi-1\n    level: thanh-pho")[0]
    plan.write_text(fixed, encoding="utf-8")
    assert main(["plan", "check", str(plan)]) == 2
    err = capsys.readouterr().err
    assert f'{plan}:12: sessions[0].commune: không có xã/phường tên "Xã Long Hải"' in err
    assert f"{plan}:14: sessions[0].end: giờ kết thúc phải sau giờ bắt đầu" in err
    assert f"{plan}:16: sessions[0].expected.max:" in err


def test_yaml_syntax_errors_and_missing_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "hong.yaml"
    plan.write_text("series:\n  id: [unclosed\n", encoding="utf-8")
    assert main(["plan", "check", str(plan)]) == 2
    assert "sai cú pháp" in capsys.readouterr().err
    assert main(["plan", "check", str(tmp_path / "khong-co.yaml")]) == 2
    assert "không đọc được tệp kế hoạch" in capsys.readouterr().err


def test_a_plan_is_read_by_libyaml_with_the_same_nodes_and_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plan is read at every start: libyaml's parser, not PyYAML's pure-Python one (ten
    times slower, 25 ms for the example plan; issue 18), with the same data and lines."""
    assert yaml.__with_libyaml__ and yamlnodes.LOADER is yaml.CSafeLoader
    texts = (
        DEFAULT_PLAN.read_text(encoding="utf-8"),
        "a: 1\nb: [1, 2\nc: 3\n",
        'a: "unclosed\n',
        "a: 1\na: 2\n",
    )
    by_libyaml = [yamlnodes.parse(text) for text in texts]
    monkeypatch.setattr(yamlnodes, "LOADER", yaml.SafeLoader)
    by_python = [yamlnodes.parse(text) for text in texts]
    for (data, root, problems), (data_p, root_p, problems_p) in zip(
        by_libyaml, by_python, strict=True
    ):
        assert (data, problems) == (data_p, problems_p)
        for path in (("sessions", 2, "venue"), ("series", "title"), ("b",)):
            assert yamlnodes.line_of(root, path) == yamlnodes.line_of(root_p, path)


def test_the_example_plan_checks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "check", str(DEFAULT_PLAN)]) == 0
    assert "9 buổi hội nghị" in capsys.readouterr().out


async def test_plan_load_updates_a_moved_session_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(database))
    assert await _run_cli(["plan", "load", str(DEFAULT_PLAN)]) == 0
    assert "thêm 9" in capsys.readouterr().out
    moved = example_plan_moved(
        tmp_path / "moved.yaml",
        ("2026-07-23 08:00", "2026-07-24 14:00"),
        ("2026-07-23 11:30", "2026-07-24 17:00"),
    )
    assert await _run_cli(["plan", "load", str(moved)]) == 0
    out = capsys.readouterr().out
    assert "lần 2" in out and "đổi giờ 1" in out and "thêm 0" in out
    assert "2026-07-loc-tan: Thứ Năm, 23/07/2026, 08:00 → Thứ Sáu, 24/07/2026, 14:00" in out
    db = await Database.open(database)
    try:
        assert await db.scalar("SELECT count(*) FROM sessions") == 9
        start = await db.scalar("SELECT starts_at FROM sessions WHERE id = '2026-07-loc-tan'")
        assert start == "2026-07-24T07:00:00.000000Z"
        audit = await db.fetch_all("SELECT channel, action, details FROM audit_log ORDER BY id")
        assert [(r["channel"], r["action"]) for r in audit] == [("cli", "plan_load")] * 2
        assert '"moved": ["2026-07-loc-tan"]' in audit[1]["details"]
    finally:
        await db.close()


async def _run_cli(argv: list[str]) -> int:
    """`main` runs its own event loop: call it from a worker thread inside an async test."""
    return await asyncio.to_thread(main, argv)
