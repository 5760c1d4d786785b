"""Helpers of the outbox fault and restart tests: a small plan (one commune session three days
ahead, so the 7d reminder is due now), delegates inserted with SQL, a fake Bot API server that
also logs every request's outcome with its time, and counting of copies per chat."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.app import load_plan
from storage.db import Database, utc_text
from storage.plans import FIRST_SERIES
from tests.backends import continue_numbering
from tests.fake_telegram import ApiError, FakeTelegram, Upload

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LOC_TAN = 25279  # Xã Lộc Tấn, Đồng Nai, in the official list
SESSION_ID = "loc-tan-outbox"
FIRST_CHAT = 700_000_001
TOKEN = "424242:OUTBOX-test-token"
PARAMS = web.RequestKey("outbox_test_params", dict)


def write_plan(folder: Path, days: int = 3) -> tuple[Path, datetime]:
    """A plan with one commune session in Xã Lộc Tấn starting `days` from now (local time),
    without venue coordinates, so each reminder is one sendMessage. Returns (file, start)."""
    start = (datetime.now(TZ) + timedelta(days=days)).replace(second=0, microsecond=0)
    end = start + timedelta(hours=3, minutes=30)
    text = f"""\
series:
  id: dong-nai-outbox-test
  title: Hội nghị tuyên truyền biên giới (thử outbox)
  province: Đồng Nai
  organiser: Sở Ngoại vụ
  timezone: Asia/Ho_Chi_Minh
  reminder_offsets: [7d, 1d, 2h]
categories:
  - {{code: lanh-dao-ubnd, label: Lãnh đạo UBND xã, group: commune}}
  - {{code: thon-ap, label: "Bí thư chi bộ, Trưởng thôn/ấp/khu phố", group: commune}}
sessions:
  - id: {SESSION_ID}
    level: commune
    commune: Xã Lộc Tấn
    start: {start:%Y-%m-%d %H:%M}
    end: {end:%Y-%m-%d %H:%M}
    venue:
      name: Hội trường UBND xã Lộc Tấn
      address: Trụ sở UBND xã Lộc Tấn, thành phố Đồng Nai
    expected: {{min: 10, max: 3000}}
"""
    path = folder / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path, start.astimezone(UTC)


async def add_delegates(
    db: Database,
    count: int,
    first_chat: int = FIRST_CHAT,
    *,
    name: str = "Đại biểu Số {n}",
    position: str = "Trưởng ấp",
    category_code: str = "thon-ap",
    phones: bool = True,
) -> list[int]:
    """`count` delegates of Lộc Tấn (ids 1 to `count`), each with one Telegram account whose
    chat id (= user id) is distinct, `first_chat` onwards; returns the chat ids in delegate
    order. `name` is formatted with the delegate's number `n`; without `phones` the phone
    column keeps its default (empty). bench/common.py seeds its delegates with this too."""
    stamp = utc_text(datetime.now(UTC))
    chats = [first_chat + i for i in range(count)]
    delegates = [
        (
            i + 1,
            LOC_TAN,
            "Xã Lộc Tấn",
            name.format(n=i + 1),
            position,
            category_code,
            f"09{i:08d}" if phones else "",
            stamp,
            stamp,
        )
        for i in range(count)
    ]
    accounts = [
        (i + 1, "telegram", str(chat), str(chat), f"Đại biểu {i + 1}", i + 1, stamp, stamp)
        for i, chat in enumerate(chats)
    ]
    async with db.transaction() as tx:
        await tx.execute_many(
            "INSERT INTO delegates (id, commune_code, commune_name, full_name, position, "
            "category_code, phone, created_at, updated_at, series_id) "
            f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, {FIRST_SERIES})",
            delegates,
        )
        await tx.execute_many(
            "INSERT INTO accounts (id, channel, external_id, chat_id, display_name, delegate_id, "
            "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            accounts,
        )
    await continue_numbering(db, "delegates", "accounts")
    return chats


async def planned_database(folder: Path, count: int) -> tuple[Database, list[int]]:
    """`folder`/bot.sqlite3 with `write_plan`'s plan loaded and `count` delegates of Lộc Tấn:
    (the open database, their chat ids)."""
    plan, _ = write_plan(folder)
    db = await Database.open(folder / "bot.sqlite3")
    report, errors = await load_plan(db, plan)
    assert report is not None, errors
    return db, await add_delegates(db, count)


@dataclass(frozen=True)
class Hit:
    """One request as the fake server answered it."""

    time: float
    method: str
    chat_id: object
    status: int


class LoggingTelegram(FakeTelegram):
    """The fake Bot API server, plus: every request's (time, method, chat, status) in `hits`,
    and chats in `always_fail` answer 500 to every send (a message that can never go)."""

    def __init__(self, token: str = TOKEN, **kwargs: object) -> None:
        super().__init__(token, **kwargs)  # type: ignore[arg-type]
        self.hits: list[Hit] = []
        self.always_fail: set[int] = set()

    async def _decode(self, request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
        params, files = await super()._decode(request)
        request[PARAMS] = params  # the body can be read once: keep it for _handle
        method = request.match_info["method"].lower()
        if params.get("chat_id") in self.always_fail and method.startswith("send"):
            raise ApiError(500, "Internal Server Error")
        return params, files

    async def _handle(self, request: web.Request) -> web.Response:
        response = await super()._handle(request)
        chat_id = request.get(PARAMS, {}).get("chat_id")
        asked = request.match_info["method"]  # the Bot API's method names are case-insensitive
        method = self._by_lower.get(asked.lower(), asked)
        self.hits.append(Hit(self.clock(), method, chat_id, response.status))
        return response

    def sends_to(self, chats: Collection[int]) -> list[Hit]:
        return [h for h in self.hits if h.method == "sendMessage" and h.chat_id in chats]


def copies(server: FakeTelegram, chats: Iterable[int]) -> Counter[int]:
    """How many messages each chat received (sendMessage records only, as the server stored
    them after answering 200); chats with none are present with 0."""
    wanted = set(chats)
    counted: Counter[int] = Counter({chat: 0 for chat in wanted})
    for record in server.sent:
        if record.method == "sendMessage" and record.chat_id in wanted:
            counted[int(record.chat_id)] += 1
    return counted


async def status_counts(database: str | Path) -> dict[str, int]:
    """The outbox by status, read through a connection of its own (a WAL snapshot on SQLite):
    the bot's shared connection can answer wrongly while the sender writes on it."""
    db = await Database.open(database)
    try:
        rows = await db.fetch_all("SELECT status, count(*) FROM outbox GROUP BY status")
        return {str(row[0]): int(row[1]) for row in rows}
    finally:
        await db.close()


async def wait_drained(database: str | Path, timeout: float = 30.0) -> dict[str, int]:  # noqa: ASYNC109
    """Poll the outbox every 50 ms until no row is pending or sending; returns the counts."""
    deadline = time.monotonic() + timeout
    while True:
        counts = await status_counts(database)
        if not counts.get("pending") and not counts.get("sending"):
            return counts
        if time.monotonic() > deadline:
            raise AssertionError(f"outbox not drained within {timeout} s: {counts}")
        await asyncio.sleep(0.05)


async def outbox_rows(db: Database) -> dict[int, tuple[str, int, str]]:
    """chat id -> (status, attempts, last_error) of the reminder rows that are to be sent."""
    rows = await db.fetch_all(
        "SELECT chat_id, status, attempts, last_error FROM outbox "
        "WHERE kind = 'reminder' AND status != 'skipped'"
    )
    return {int(r[0]): (r[1], int(r[2]), r[3]) for r in rows}
