"""Set-up shared by bench/outbox.py and bench/reminder_lateness.py (bench/ is not a package).

A temporary SQLite database with a one-session plan (a commune session in Đồng Nai, Xã Lộc
Tấn, no coordinates: one reminder message per delegate), N delegates of that commune with a
Telegram account each (distinct private chats), and the fake Bot API server enforcing
Telegram's flood limits.
"""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.app import load_plan  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.plans import PlanRepository  # noqa: E402
from tests.fake_telegram import FakeTelegram, RateLimits, SentMessage  # noqa: E402
from tests.outbox_helpers import LOC_TAN, add_delegates  # noqa: E402

TOKEN = "123456:BENCH-outbox-token"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
COMMUNE = "Xã Lộc Tấn"
COMMUNE_CODE = LOC_TAN  # 25279, the commune add_delegates puts every delegate in
SESSION_ID = "bench-loc-tan"
FIRST_CHAT = 6_100_000_000  # chat id (= Telegram user id) of delegate i: FIRST_CHAT + i
TELEGRAM_LIMITS = RateLimits(
    per_chat_per_second=1, per_chat_burst=3, global_per_second=30, group_per_minute=20
)

PLAN = """\
series:
  id: bench-dong-nai
  title: Hội nghị tuyên truyền về biên giới (benchmark)
  province: Đồng Nai
  organiser: Sở Ngoại vụ
  timezone: Asia/Ho_Chi_Minh
  reminder_offsets: [7d, 1d, 2h]
categories:
  - {{code: lanh-dao-ubnd, label: Lãnh đạo UBND xã, group: commune}}
sessions:
  - id: {session}
    level: commune
    commune: {commune}
    start: "{start}"
    end: "{end}"
    venue:
      name: Hội trường UBND xã Lộc Tấn
      address: Trụ sở UBND xã Lộc Tấn, thành phố Đồng Nai
    expected: {{min: 150, max: 200}}
"""


def write_plan(folder: Path, starts_at: datetime) -> Path:
    """The plan YAML with its only session starting at `starts_at` (whole seconds)."""
    local = starts_at.astimezone(ZONE).replace(tzinfo=None, microsecond=0)
    path = folder / "plan.yaml"
    path.write_text(
        PLAN.format(
            session=SESSION_ID,
            commune=COMMUNE,
            start=local.isoformat(sep=" "),
            end=(local + timedelta(hours=3)).isoformat(sep=" "),
        ),
        encoding="utf-8",
    )
    return path


async def seed_delegates(db: Database, n: int) -> list[int]:
    """`n` delegates of Xã Lộc Tấn, each with a Telegram account; returns their chat ids."""
    return await add_delegates(
        db,
        n,
        FIRST_CHAT + 1,
        name="Đại biểu số {n}",
        position="Phó Chủ tịch UBND xã",
        category_code="lanh-dao-ubnd",
        phones=False,
    )


async def prepared_database(
    folder: Path, n: int, starts_at: datetime, url: str | None = None
) -> tuple[Database, datetime]:
    """Open a fresh database (`url`, else a SQLite file in `folder`), load the plan, seed `n`
    delegates. Returns the database and the session's start as stored (UTC)."""
    db = await Database.open(url or folder / "bot.sqlite3")
    report, errors = await load_plan(db, write_plan(folder, starts_at))
    if report is None:
        await db.close()
        raise SystemExit(f"the benchmark plan does not load: {[e.describe() for e in errors]}")
    await seed_delegates(db, n)
    series = await PlanRepository(db).active_series()
    assert series is not None and len(series.sessions) == 1
    session = series.sessions[0]
    assert session.commune_code == COMMUNE_CODE, session
    return db, session.starts_at


def fake_server(seed: int = 0) -> FakeTelegram:
    """A fresh fake Bot API server enforcing Telegram's limits (not started)."""
    return FakeTelegram(token=TOKEN, enforce_limits=True, limits=TELEGRAM_LIMITS, seed=seed)


def deliveries(server: FakeTelegram, since: int = 0) -> list[SentMessage]:
    """Messages the server accepted (send*, not edits), from index `since` of server.sent."""
    return [r for r in server.sent[since:] if not r.is_edit]


def per_chat(records: list[SentMessage]) -> Counter[int]:
    return Counter(int(r.chat_id) for r in records)


def lost_and_duplicated(records: list[SentMessage], chats: list[int]) -> tuple[int, int]:
    counts = per_chat(records)
    return sum(1 for c in chats if counts[c] == 0), sum(1 for c in chats if counts[c] > 1)


def max_in_window(times: list[float], window: float = 1.0) -> int:
    """The most messages that fell in any `window`-second interval (sorted times)."""
    best, start = 0, 0
    for end, moment in enumerate(times):
        while times[start] <= moment - window:
            start += 1
        best = max(best, end - start + 1)
    return best


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def wall_offset() -> float:
    """time.time() - time.monotonic(): turns the fake server's monotonic stamps into wall
    clock (the server records SentMessage.time with time.monotonic)."""
    return time.time() - time.monotonic()
