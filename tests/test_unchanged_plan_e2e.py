"""A start reads PLAN_FILE only when it changed since its last successful load into the database,
or when the code that reads plans did (bot/plan/fingerprint.py): an unchanged plan costs no YAML
and no pydantic models at start. `hoinghi plan load` always reads."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import prepare_plan
from bot.cli import main
from bot.config import DEFAULT_PLAN, Settings
from bot.plan import fingerprint
from storage.db import Database, utc_text
from storage.plans import PlanRepository
from tests.conftest import NOW, Bot
from tests.fake_telegram import FakeTelegram
from tests.test_reminders_e2e import REGISTRATION_MESSAGES, register_leader

ROOT = Path(__file__).resolve().parent.parent
READING = ("yaml", "bot.plan.loader", "bot.plan.model")  # what reading a plan imports
CITY_MOVED = ("start: 2026-11-27 08:00", "start: 2026-11-28 14:00")
CITY_MOVED_END = ("end: 2026-11-27 11:30", "end: 2026-11-28 17:00")


def environment(code: Path = ROOT, **settings: str) -> dict[str, str]:
    """This process's environment without the bot's settings, `settings` put in, our code from
    `code`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "ZALO_", "DATABASE_", "PLAN_", "TENANTS_"))
    }
    return {**env, **settings, "PYTHONPATH": str(code)}


def reading(importtime: str) -> list[str]:
    """Which of READING a process imported, from its own -X importtime report."""
    imported = re.findall(r"^import time:.*\|\s*(\S+)$", importtime, re.MULTILINE)
    assert "bot.app" in imported  # the report is the process's own
    return [name for name in READING if name in imported]


def start(plan: Path, database_url: str, cwd: Path, code: Path = ROOT) -> list[str]:
    """`hoinghi run` as operators start it (the console: stdin ends at once), with the code at
    `code`; which of READING it imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", "run"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=environment(code, PLAN_FILE=str(plan), DATABASE_URL=database_url),
        cwd=cwd,
        timeout=60,
        check=True,
    )
    assert "Gõ /start để đăng ký" in result.stdout, result.stderr
    return reading(result.stderr)


async def serve_tenants(tenants: Path, server: FakeTelegram, cwd: Path) -> list[str]:
    """`hoinghi run` serving the provinces of `tenants` until it has answered a question on
    Telegram; which of READING it imported."""
    user = server.user()
    user.send_text("hội nghị ở đâu?")
    report = cwd / "importtime.txt"
    with report.open("w", encoding="utf-8") as stderr:
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-X", "importtime", "-m", "bot", "run"),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=environment(TENANTS_FILE=str(tenants)),
            cwd=cwd,
        )
    try:
        await server.wait_for(user.id, timeout=60)
    finally:
        process.terminate()
        await process.wait()
    return reading(report.read_text(encoding="utf-8"))


async def loads(db: Database) -> tuple[int, int]:
    """(the plan's revision, the plan loads in the audit log)."""
    revision = await db.scalar("SELECT revision FROM series")
    audited = await db.scalar("SELECT count(*) FROM audit_log WHERE action = 'plan_load'")
    return int(str(revision)), int(str(audited))


async def loads_in(database_url: str) -> tuple[int, int]:
    db = await Database.open(database_url)
    try:
        return await loads(db)
    finally:
        await db.close()


async def test_a_start_reads_the_plan_only_when_the_file_or_the_code_reading_it_changed(
    tmp_path: Path, database_url: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert await asyncio.to_thread(start, plan, database_url, tmp_path) == list(READING)
    assert await loads_in(database_url) == (1, 1)

    assert await asyncio.to_thread(start, plan, database_url, tmp_path) == []
    assert await loads_in(database_url) == (1, 1)  # nothing saved, nothing audited

    text = plan.read_text(encoding="utf-8").replace("năm 2026", "năm 2026 (sửa)", 1)
    plan.write_text(text, encoding="utf-8")
    assert await asyncio.to_thread(start, plan, database_url, tmp_path) == list(READING)
    assert await loads_in(database_url) == (2, 2)
    assert await asyncio.to_thread(start, plan, database_url, tmp_path) == []

    # an upgrade that reads plans differently: the same file is read again, once
    upgraded = tmp_path / "upgraded"
    for package in ("bot", "storage", "handlers", "dashboard"):
        shutil.copytree(ROOT / package, upgraded / package)
    with (upgraded / "bot" / "plan" / "model.py").open("a", encoding="utf-8") as model:
        model.write("# a plan is read another way\n")
    for expected, revision in ((list(READING), 3), ([], 3)):
        assert await asyncio.to_thread(start, plan, database_url, tmp_path, upgraded) == expected
        assert await loads_in(database_url) == (revision, revision)


async def test_a_moved_session_is_announced_once_by_the_start_that_reads_it(
    bot: Bot, tmp_path: Path
) -> None:
    chat = bot.chat()
    await register_leader(chat)
    await bot.runtime.scheduler.wake()  # 25/11: the 7d reminder fell due on 20/11, sent late
    await bot.server.wait_for(chat.user.id, 2)
    plan = tmp_path / "plan.yaml"
    settings = Settings(_env_file=None, plan_file=plan)
    plan.write_text(DEFAULT_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert await prepare_plan(bot.db, settings) == []  # as the fixture loaded it: not read
    assert await loads(bot.db) == (1, 1)

    moved = DEFAULT_PLAN.read_text(encoding="utf-8").replace(*CITY_MOVED).replace(*CITY_MOVED_END)
    plan.write_text(moved, encoding="utf-8")
    for _ in range(2):
        assert await prepare_plan(bot.db, settings) == []
        bot.runtime.core.services.plans.invalidate()
        bot.runtime.sender.wake()
    (notice,) = await bot.server.wait_for(chat.user.id)
    assert "Lịch thay đổi" in (notice.text or "")
    assert "Thứ Bảy, 28/11/2026, 14:00–17:00" in (notice.text or "")
    assert await loads(bot.db) == (2, 2)
    assert len(bot.server.messages_to(chat.user.id)) == REGISTRATION_MESSAGES + 2 + 1


async def test_a_plan_that_failed_or_was_archived_is_read_again_and_plan_load_always_reads(
    db: Database,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plans = PlanRepository(db)
    plan = tmp_path / "plan.yaml"
    settings = Settings(_env_file=None, plan_file=plan)
    example = DEFAULT_PLAN.read_text(encoding="utf-8")
    plan.write_text(example + "unknown: 1\n", encoding="utf-8")
    for _ in range(2):  # a file that failed is read (and fails) again at every start
        (error,) = await prepare_plan(db, settings)
        assert error.field == "unknown"
    plan.write_text(example, encoding="utf-8")
    assert await prepare_plan(db, settings) == []  # as at its last successful load: not read
    assert await loads(db) == (1, 1)

    # /datngay moved the city session: a start with the same file leaves it where it is
    city = str(await db.scalar("SELECT id FROM sessions WHERE level = 'city'"))
    moved = NOW + timedelta(days=10)
    assert await plans.set_time(city, moved, moved + timedelta(hours=3), NOW) is not None
    assert await prepare_plan(db, settings) == []
    assert await db.scalar("SELECT starts_at FROM sessions WHERE id = ?", (city,)) == (
        utc_text(moved)
    )
    assert await loads(db) == (2, 1)

    series_id = (await plans.listing())[0].id
    assert await plans.archive(series_id, NOW)
    assert await prepare_plan(db, settings) == []  # an archived series' file reopens it
    assert [line.archived_at for line in await plans.listing()] == [None]
    assert await loads(db) == (4, 2)  # archived (3), loaded again (4)

    monkeypatch.setenv("DATABASE_URL", database_url)
    assert await asyncio.to_thread(main, ["plan", "load", str(plan)]) == 0
    assert "lần 5" in capsys.readouterr().out
    assert await loads(db) == (5, 3)


async def test_the_provinces_hosting_reads_an_unchanged_plan_no_more(
    tmp_path: Path, database_url: str
) -> None:
    """tenants.yaml is YAML itself; the plan's reader and models stay out."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(DEFAULT_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    async with FakeTelegram(token="111111:DONG-NAI-token") as server:
        tenants = tmp_path / "tenants.yaml"
        tenants.write_text(
            f"""tenants:
  - id: dong-nai
    name: Sở Ngoại vụ Đồng Nai
    database: {database_url}
    plan_file: {plan}
    telegram_bot_token: "{server.token}"
    telegram_api_base_url: {server.base_url}
""",
            encoding="utf-8",
        )
        assert await serve_tenants(tenants, server, tmp_path) == list(READING)
        assert await serve_tenants(tenants, server, tmp_path) == ["yaml"]
    assert await loads_in(database_url) == (1, 1)


def test_the_fingerprint_covers_every_module_that_reads_or_stores_a_plan() -> None:
    """Each module of ours that reading and saving a plan load (in a fresh process, as at a
    start) is hashed into the fingerprint: a module that comes to take part is not forgotten.
    Left out: the texts (a file that fails is read at every start anyway), package markers and
    the database's transport (storage/db.py)."""
    probe = (
        "import sys, bot.plan.loader, storage.plans\n"
        "for module in list(sys.modules.values()):\n"
        "    if module.__name__.split('.')[0] in ('bot', 'storage', 'handlers'):\n"
        "        print(module.__file__)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    hashed = {name for name, _ in fingerprint._sources()}
    exempt = ("bot/catalog/", "storage/db.py")
    missing = [
        name
        for name in (Path(file).relative_to(ROOT).as_posix() for file in loaded)
        if name not in hashed and not name.startswith(exempt) and not name.endswith("__init__.py")
    ]
    assert missing == []
    assert "bot/plan/model.py" in hashed and "storage/plans.py" in hashed
