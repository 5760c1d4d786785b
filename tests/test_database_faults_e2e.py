"""The database file made read-only, and the disk full, while the bot runs.

How the faults are made, for root in CI (file modes do not stop root):
* read-only: `chattr +i` on the database file and its WAL. The immutable attribute stops even
  root, and on ext4, xfs and btrfs it also stops writes through descriptors already open (the
  bot's connection): SQLite answers SQLITE_IOERR_WRITE, as for a file system gone read-only.
  `chattr -i` fixes it.
* disk full: the bot's connection gets `PRAGMA max_page_count` = the file's size and the room
  left is filled, so SQLite answers SQLITE_FULL, the code of a full disk (the limit is SQLite's,
  the error and what follows the same); deleting the filling and lifting the limit fixes it.

In both: one clear log line, a polite answer instead of the action (a question, which only
reads, is still answered), the messages queued before are all delivered, and everything works
again without a restart."""

from __future__ import annotations

import logging
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from bot.catalog import t
from bot.clock import now_utc
from bot.domain.messages import Reply, reply_from_json, reply_to_json
from storage.db import Database
from storage.outbox import OutboxItem, OutboxRepository
from tests.conftest import ORGANISER_ID, Bot, Chat
from tests.fake_telegram import SentMessage
from tests.hardening_helpers import Person, add_person
from tests.outbox_helpers import add_delegates, wait_drained

pytestmark = pytest.mark.sqlite_file  # SQLite's file: copied, compared, made read-only

SORRY = t("service.storage_unavailable")
QUEUED_PREFIX = t("broadcast.queued").split("{")[0]
ANNOUNCEMENT = "Kính mời các đồng chí dự Hội nghị cấp thành phố."
AUDIENCE = 150  # their messages need new pages in the file
WELCOME = t("reg.welcome", series="")[:20]
RECORDED = t("attendance.recorded").split("{")[0]
QUEUED = 12
FIRST_CHAT = 620_001


def chattr(flag: str, *paths: Path) -> None:
    done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(
            "this test needs `chattr` (root, and a file system with the immutable attribute: "
            f"ext4, xfs, btrfs) in {paths[0].parent}: {done.stderr.strip()}"
        )


def release(*paths: Path) -> None:
    """Never leave an immutable file behind (the temporary folder could not be removed)."""
    subprocess.run(["chattr", "-i", *map(str, paths)], check=False, capture_output=True)


async def on_bots_connection(db: Database, *statements: str) -> None:
    """Statements on the bot's own connection, between its transactions (max_page_count
    belongs to a connection)."""
    async with db._write_lock:
        for statement in statements:
            await db.connection.execute(statement)


async def fill(db: Database) -> None:
    """No room left in the file for the bot's connection."""
    await on_bots_connection(db, "CREATE TABLE filler (x BLOB)")
    pages = await db.scalar("PRAGMA page_count")
    await on_bots_connection(db, f"PRAGMA max_page_count = {pages}")
    for size in (4096, 512, 64, 1):
        while True:
            try:
                await on_bots_connection(db, f"INSERT INTO filler VALUES (zeroblob({size}))")
            except Exception as error:
                assert "full" in str(error), error
                break


async def free(db: Database) -> None:
    await on_bots_connection(db, "DROP TABLE filler", "PRAGMA max_page_count = 1073741823")


async def queue_messages(db: Database, people: list[Person], delay: float) -> None:
    """Messages to `people` that fall due `delay` seconds from now."""
    items = [
        OutboxItem(f"test:{p.user_id}", "broadcast", p.account_id, "telegram", str(p.user_id),
                   reply_to_json(Reply(f"Thông báo số {p.user_id}")))
        for p in people
    ]
    await OutboxRepository(db).enqueue(items, now_utc() + timedelta(seconds=delay))


async def first(chat: Chat, *starts: str) -> str:
    """The text of the next reply to `chat` that starts with one of `starts`."""

    def wanted(message: SentMessage) -> bool:
        return (message.text or "").startswith(starts)

    (found,) = await chat.server.wait_for(chat.user.id, timeout=30, predicate=wanted)
    return found.text or ""


async def try_everything(delegate: Chat, stranger: Chat) -> tuple[str, str, str]:
    """A stranger starts registering; a delegate answers a reminder's button, and asks."""
    stranger.user.send_text("/start c-25279")
    started = await first(stranger, SORRY, WELCOME)
    delegate.user.press_raw(1, "att:p:9")
    answered = await first(delegate, SORRY, RECORDED)
    delegate.user.send_text("hội nghị tiếp theo")
    asked = await first(delegate, SORRY, "Hội nghị tiếp theo")
    return started, answered, asked


def logged(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= level]


async def prepared(bot: Bot) -> list[Person]:
    """People with messages queued that fall due during the fault, and a delegate."""
    recipients = [
        await add_person(bot.db, FIRST_CHAT + n, now_utc(), name=f"Người Nhận {n}")
        for n in range(QUEUED)
    ]
    await add_person(bot.db, 1001, now_utc(), name="Trần Thị Mai")  # a leader of Lộc Tấn
    await queue_messages(bot.db, recipients, delay=0.5)
    return recipients


async def told_once(caplog: pytest.LogCaptureFixture, reason: str) -> str:
    (line,) = logged(caplog, logging.ERROR)
    assert line.startswith("database not writable: ") and reason in line
    return line


async def nothing_lost(bot: Bot, caplog: pytest.LogCaptureFixture, line: str) -> None:
    """After the fix: every queued message delivered, one line told it, the file intact."""
    assert set(await wait_drained(Path(bot.runtime.settings.database_path))) == {"sent"}
    for row in await bot.db.fetch_all("SELECT chat_id, payload FROM outbox"):
        text = reply_from_json(row["payload"]).text
        assert text in [m.text for m in bot.server.messages_to(int(row["chat_id"]))]
    assert logged(caplog, logging.ERROR) == [line]
    assert [m for m in logged(caplog, logging.WARNING) if "writable again" in m]
    assert await bot.db.scalar("PRAGMA integrity_check") == "ok"


async def test_a_read_only_database_file(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    """Every write fails: a stranger starting to register and a delegate answering get an
    apology; a question is answered; after the fix both work."""
    path = Path(bot.runtime.settings.database_path)
    files = (path, path.with_name(path.name + "-wal"))
    await prepared(bot)
    delegate, stranger = bot.chat(1001), bot.chat(1002)
    caplog.set_level(logging.INFO)
    try:
        chattr("+i", *files)
        started, answered, asked = await try_everything(delegate, stranger)
        assert (started, answered) == (SORRY, SORRY)
        assert asked.startswith("Hội nghị tiếp theo")  # reading needs no write
        line = await told_once(caplog, "SQLITE_IOERR")
        chattr("-i", *files)
        started, answered, asked = await try_everything(delegate, stranger)
        assert started.startswith(WELCOME) and answered.startswith(RECORDED)
    finally:
        release(*files)
    await nothing_lost(bot, caplog, line)


async def test_a_full_disk(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    """What needs room fails: an organiser's announcement to 150 people gets an apology and
    the preview stays; once there is room, "Gửi" again sends it to all."""
    chats = await add_delegates(bot.db, AUDIENCE, first_chat=630_001)  # ids 1 to AUDIENCE
    await prepared(bot)
    admin = bot.chat(ORGANISER_ID)
    await admin.send("/thongbao")
    (audience,) = await admin.send(ANNOUNCEMENT)
    await admin.press(audience, t("broadcast.aud.all"))
    caplog.set_level(logging.INFO)
    await fill(bot.db)
    admin.user.press_raw(1, "bc:send")
    assert await first(admin, SORRY, QUEUED_PREFIX) == SORRY
    bot.chat(1001).user.send_text("hội nghị tiếp theo")
    await first(bot.chat(1001), "Hội nghị tiếp theo")  # reading needs no room
    line = await told_once(caplog, "SQLITE_FULL")
    assert await bot.db.scalar("SELECT count(*) FROM broadcasts") == 0

    await free(bot.db)
    admin.user.press_raw(1, "bc:send")
    assert (await first(admin, SORRY, QUEUED_PREFIX)).startswith(QUEUED_PREFIX)
    for chat in chats:
        await first(bot.chat(chat), f"📣 Thông báo của Ban tổ chức\n\n{ANNOUNCEMENT}")
    await nothing_lost(bot, caplog, line)
