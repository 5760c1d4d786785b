"""`hoinghi backup` takes a consistent copy while the bot sends; `hoinghi restore` checks a file
before it replaces anything, and refuses what is not a sound backup of this bot."""

from __future__ import annotations

import asyncio
import hashlib
import re
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import now_utc
from bot.domain.messages import Reply, reply_to_json
from bot.runtime.outbox import Limits
from storage.db import Database
from storage.outbox import OutboxItem, OutboxRepository
from storage.people import AccountRepository
from tests.conftest import running_bot

pytestmark = pytest.mark.sqlite_file  # SQLite's file: copied, compared, made read-only

MESSAGES = 240


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """DATABASE_PATH for the command line: the test's database file."""
    path = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    yield path


async def hoinghi(*argv: str) -> int:
    """The command line in a thread of its own, as another process would run beside the bot."""
    return await asyncio.to_thread(main, list(argv))


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return [tuple(row) for row in connection.execute(sql)]


def files(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


def fingerprint(database: Path) -> dict[str, str]:
    """The bytes of the database and of its write-ahead log."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in files(database.parent, f"{database.name}*")
    }


async def queue_messages(db: Database, count: int) -> None:
    accounts = AccountRepository(db)
    items = []
    for n in range(count):
        account = await accounts.touch("telegram", str(5000 + n), str(5000 + n), "", now_utc())
        payload = reply_to_json(Reply(f"Thông báo số {n}"))
        items.append(
            OutboxItem(f"backup:{n}", "test", account.id, "telegram", str(5000 + n), payload)
        )
    await OutboxRepository(db).enqueue(items, now_utc())


async def test_backup_while_sending_then_restore_round_trip(
    db: Database, tmp_path: Path, live: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "saved" / "copy.sqlite3"
    backup.parent.mkdir()
    limits = Limits(per_second=80, chat_interval=0, poll_interval=0.05)
    async with running_bot(db, tmp_path, limits) as bot:
        await queue_messages(db, MESSAGES)
        bot.runtime.sender.wake()
        async with asyncio.timeout(30):
            while len(bot.server.sent) < 40:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
        assert await hoinghi("backup", str(backup)) == 0
        sent_then = len(bot.server.sent)
        async with asyncio.timeout(60):
            while await db.scalar("SELECT count(*) FROM outbox WHERE status = 'sent'") < MESSAGES:  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    assert 40 <= sent_then < MESSAGES  # the bot was sending before and after the copy
    assert "Đã sao lưu" in capsys.readouterr().out
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert list(backup.parent.iterdir()) == [backup]  # no partial file left beside it
    assert rows(backup, "PRAGMA integrity_check") == [("ok",)]
    assert rows(backup, "PRAGMA journal_mode") == [("delete",)]  # one file, no -wal needed
    statuses = dict(rows(backup, "SELECT status, count(*) FROM outbox GROUP BY status"))
    assert sum(statuses.values()) == MESSAGES and set(statuses) <= {"pending", "sending", "sent"}
    saved_sent = statuses.get("sent", 0)
    assert 30 <= saved_sent < MESSAGES

    await db.write("DELETE FROM outbox")  # a bad day: the data is lost
    await db.write("UPDATE series SET title = 'hỏng'")
    assert await hoinghi("restore", str(backup)) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục" in out and ".before-restore-" in out
    restored = await Database.open(live)
    try:
        assert await restored.scalar("SELECT count(*) FROM outbox") == MESSAGES
        assert await restored.scalar("SELECT count(*) FROM outbox WHERE status = 'sent'") == (
            saved_sent
        )
        assert await restored.scalar("SELECT title FROM series") != "hỏng"
        assert await restored.scalar("SELECT action FROM audit_log ORDER BY id DESC") == "restore"
    finally:
        await restored.close()
    (kept,) = files(tmp_path, "bot.sqlite3.before-restore-*")
    assert rows(kept, "SELECT count(*) FROM outbox") == [(0,)]  # the database as it was


async def test_backup_into_a_folder_names_the_file_by_the_time(
    db: Database, tmp_path: Path, live: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    assert await hoinghi("backup", str(folder)) == 0
    (made,) = folder.iterdir()
    assert re.fullmatch(r"hoinghi-20261125-0200\d\d\.sqlite3", made.name)  # NOW: 02:00 UTC
    assert "9 buổi hội nghị" in capsys.readouterr().out


async def test_backup_of_a_missing_database_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "nothing.sqlite3"))
    assert await hoinghi("backup", str(tmp_path / "copy.sqlite3")) == 2
    assert "Không tìm thấy cơ sở dữ liệu" in capsys.readouterr().err
    assert not (tmp_path / "copy.sqlite3").exists()


def corrupted(good: Path, target: Path) -> Path:
    """`good` with the root page of the sessions table overwritten."""
    data = bytearray(good.read_bytes())
    (root,) = rows(good, "SELECT rootpage FROM sqlite_master WHERE name = 'sessions'")[0]
    start = (int(str(root)) - 1) * 4096
    data[start : start + 4096] = b"\xa5" * 4096
    target.write_bytes(bytes(data))
    return target


async def test_restore_refuses_bad_files_and_leaves_the_database_alone(
    db: Database, tmp_path: Path, live: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.sqlite3"
    assert await hoinghi("backup", str(good)) == 0
    text = tmp_path / "notes.txt"
    text.write_text("danh sách đại biểu\n", encoding="utf-8")
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[:8192])
    foreign = tmp_path / "foreign.sqlite3"
    with closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.commit()
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(good.read_bytes())
    with closing(sqlite3.connect(newer)) as connection:
        connection.execute("INSERT INTO schema_migrations VALUES (999, '0999_future.sql', '')")
        connection.commit()
    cases = {
        tmp_path / "absent.sqlite3": "Không có tệp",
        text: "không phải tệp cơ sở dữ liệu SQLite",
        tmp_path / "empty.sqlite3": "không phải tệp cơ sở dữ liệu SQLite",
        truncated: "Tệp sao lưu bị hỏng",
        corrupted(good, tmp_path / "corrupt.sqlite3"): "Tệp sao lưu bị hỏng",
        foreign: "không phải cơ sở dữ liệu của bot",
        newer: "phiên bản bot mới hơn",
    }
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    capsys.readouterr()
    before = fingerprint(live)
    delegates_before = await db.scalar("SELECT count(*) FROM sessions")
    for path, reason in cases.items():
        assert await hoinghi("restore", str(path)) == 2, path
        error = capsys.readouterr().err
        assert reason in error, (path, error)
        assert "Cơ sở dữ liệu không thay đổi" in error
        assert fingerprint(live) == before, path
    assert files(tmp_path, "*.before-restore-*") == []
    assert await db.scalar("SELECT count(*) FROM sessions") == delegates_before == 9
