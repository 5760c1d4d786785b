"""Benchmark: how long the web dashboard takes to answer its pages on a province-sized series.

What is measured
    The example plan with its city session inviting every commune category, so that one
    session invites the delegates of all 95 communes of Đồng Nai: 20,000 delegates (bench
    /updates.py's generator: Vietnamese names, 8 % city-level), each with a Telegram account,
    3 % of the accounts unreachable, answers to the city session (45 % in person, 5 % online,
    5 % substitutes, 10 % declined, 35 % silent) with their history rows, 20 % checked in.
    The real dashboard (dashboard/server.py, aiohttp on 127.0.0.1, the same process) serves an
    admin logged in through a real one-time link. A real HTTP client (aiohttp) asks each page
    --n times after 3 warm-up requests, one request at a time; a figure is the time from
    sending the request to the last byte of the answer, so it bounds the server's own time
    (loopback adds well under a millisecond). The very first request of each page is shown
    apart: it fills the cache of Vietnamese sort keys (storage/reports.py) and Jinja2's
    compiled templates.

    Pages: the city session's page (95 commune lines, the category lines, the first 50 of the
    7,000 silent and of the 600 unreachable, sorted in Vietnamese order), its live JSON (polled
    every 2 s by an open page), the overview (9 sessions), a delegate search by name, and the
    door view of the session's day (its four lists of the 20,000, the first 30 of each shown)
    with a name searched there.

    With --second N, a second series (the same plan under another series id and session ids,
    as a second province's would be) with N delegates of its own and their answers lives in
    the same database; the pages measured are still those of the first series.

How to run (from the project root)
    python bench/dashboard.py [--n 50] [--delegates 20000] [--second 20000] [--seed 1]

The last line printed is the summary: ``dashboard: session page p50 X ms, p95 Y ms, ...``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from common import percentile  # noqa: E402
from updates import seed_delegates  # noqa: E402

from bot.app import load_plan  # noqa: E402
from bot.config import DEFAULT_PLAN  # noqa: E402
from bot.domain import SeriesInfo, SessionInfo  # noqa: E402
from bot.runtime.core import Core  # noqa: E402
from bot.services import login_links  # noqa: E402
from bot.services.plan_state import communes_of  # noqa: E402
from dashboard.server import DashboardServer  # noqa: E402
from storage.db import Database, utc_text  # noqa: E402
from storage.plans import PlanRepository  # noqa: E402

ADMIN = "5000000001"
ANSWERS = [("in_person", 45), ("online", 5), ("substitute", 5), ("absent", 10), (None, 35)]
WARMUP = 3


def province_plan(folder: Path, second: bool = False) -> Path:
    """The example plan, its city session inviting every commune category; `second`: under
    another series id and other session ids."""
    text = DEFAULT_PLAN.read_text(encoding="utf-8")
    codes = re.findall(r"\{code: ([a-z0-9-]+), label: .*, group: commune\}", text)
    text = text.replace(
        "invite_categories: [lanh-dao-ubnd]", f"invite_categories: [{', '.join(codes)}]"
    )
    if second:
        text = text.replace("  id: dong-nai-2026-bien-gioi", "  id: bench-second-series")
        text = text.replace("  - id: 2026-", "  - id: second-2026-")
    path = folder / ("second.yaml" if second else "plan.yaml")
    path.write_text(text, encoding="utf-8")
    return path


async def seed_series(
    db: Database, plan: Path, delegates: int, first_id: int, rng: random.Random
) -> tuple[SeriesInfo, SessionInfo]:
    """Load a plan and give its series `delegates` delegates with answers to its city
    session; returns the series and that session."""
    report, errors = await load_plan(db, plan)
    if report is None:
        raise SystemExit(f"the plan does not load: {[e.describe() for e in errors]}")
    series_id = await db.scalar("SELECT id FROM series ORDER BY num DESC LIMIT 1")
    series = await PlanRepository(db).series(str(series_id))
    assert series is not None
    communes = communes_of(series.province).all()
    await seed_delegates(db, delegates, series, communes, rng, first_id)
    city = next(s for s in series.sessions if s.level == "city")
    await seed_answers(db, city.id, range(first_id, first_id + delegates), rng)
    return series, city


async def seed_answers(db: Database, session_id: str, delegates: range, rng: random.Random) -> None:
    stamp = utc_text(datetime.now(UTC))
    kinds = [kind for kind, _ in ANSWERS]
    weights = [weight for _, weight in ANSWERS]
    answers, history, checkins = [], [], []
    for delegate in delegates:
        kind = rng.choices(kinds, weights)[0]
        if kind is None:
            continue
        answers.append((session_id, delegate, kind, "telegram", stamp))
        history.append((session_id, delegate, kind, None, "telegram", delegate, stamp))
        if kind != "absent" and rng.random() < 0.3:
            checkins.append((session_id, delegate, "qr", stamp))
    unreachable = rng.sample(delegates, len(delegates) * 3 // 100)
    async with db.transaction() as tx:
        await tx.execute_many(
            "INSERT INTO attendance (session_id, delegate_id, answer, channel, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            answers,
        )
        await tx.execute_many(
            "INSERT INTO attendance_history (session_id, delegate_id, answer, previous_answer, "
            "channel, account_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            history,
        )
        await tx.execute_many(
            "INSERT INTO checkins (session_id, delegate_id, method, at) VALUES (?, ?, ?, ?)",
            checkins,
        )
        await tx.execute_many(
            "UPDATE accounts SET unreachable_at = ? WHERE delegate_id = ?",
            [(stamp, delegate) for delegate in unreachable],
        )


async def log_in(core: Core, http: aiohttp.ClientSession, base: str) -> None:
    """Through a real one-time link, as /dashboard makes it."""
    now = datetime.now(UTC)
    link = login_links.issue(login_links.derive_key(core.services.checkin_key), now)
    await core.services.dashboard_access.create_link(
        link.token_hash, "telegram", ADMIN, now, link.expires_at
    )
    async with http.post(f"{base}/login", data={"t": link.token}, allow_redirects=False) as r:
        assert r.status == 303, await r.text()


async def timed(
    http: aiohttp.ClientSession, url: str, n: int
) -> tuple[float, list[float], list[float], int]:
    """Milliseconds of the first request, of each of `n` requests after the warm-up (wall
    clock, and CPU time of this process: server and client, which a loaded machine inflates
    far less than the wall clock), and the page's size."""
    size, times, cpu = 0, [], []
    for _ in range(WARMUP + n):
        started, started_cpu = time.perf_counter(), time.process_time()
        async with http.get(url) as response:
            body = await response.read()
            assert response.status == 200, (url, response.status)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        size = len(body)
    return times[0], sorted(times[WARMUP:]), sorted(cpu[WARMUP:]), size


async def run(n: int, delegates: int, second: int, seed: int) -> dict[str, list[float]]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="hoinghi-bench-") as folder:
        started = time.monotonic()
        db = await Database.open(Path(folder) / "bot.sqlite3")
        try:
            series, city = await seed_series(db, province_plan(Path(folder)), delegates, 1, rng)
            communes = communes_of(series.province).all()
            if second:
                second_plan = province_plan(Path(folder), second=True)
                await seed_series(db, second_plan, second, delegates + 1, rng)
            core = await Core.create(db)
            await core.services.roles.grant("telegram", ADMIN, "admin", "bench", datetime.now(UTC))
            invited = await db.scalar(
                "SELECT count(*) FROM delegates WHERE series_id = ? AND (commune_code IS NULL "
                "OR category_code IN (SELECT value FROM json_each((SELECT invite_categories "
                "FROM sessions WHERE id = ?))))",
                (series.id, city.id),
            )
            print(
                f"setup: {delegates} delegates in {len(communes)} communes, {invited} invited "
                f"to the city session, a second series of {second} delegates, "
                f"{time.monotonic() - started:.1f} s"
            )
            server = DashboardServer(core.services, db, "127.0.0.1", 0)
            await server.start()
            results: dict[str, list[float]] = {}
            try:
                jar = aiohttp.CookieJar(unsafe=True)
                async with aiohttp.ClientSession(cookie_jar=jar) as http:
                    await log_in(core, http, server.base_url)
                    pages = {
                        "session page": f"/session/{city.num}",
                        "live JSON": f"/api/session/{city.num}/live",
                        "overview": "/",
                        "search by name": f"/delegates?session={city.num}&q=nguyen+van",
                        "door view": f"/session/{city.num}/door",
                        "door search": f"/session/{city.num}/door?q=nguyen+van+an",
                    }
                    for name, path in pages.items():
                        first, times, cpu, size = await timed(http, server.base_url + path, n)
                        results[name] = times
                        print(
                            f"{name}: p50 {percentile(times, 0.5):.1f} ms, "
                            f"p95 {percentile(times, 0.95):.1f} ms, max {times[-1]:.1f} ms, "
                            f"first request {first:.1f} ms ({size / 1024:.0f} KiB); "
                            f"CPU p50 {percentile(cpu, 0.5):.1f} ms"
                        )
            finally:
                await server.stop()
            return results
        finally:
            await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="requests per page")
    parser.add_argument("--delegates", type=int, default=20000, help="registered delegates")
    parser.add_argument(
        "--second", type=int, default=0, help="delegates of a second series in the database"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    results = asyncio.run(run(args.n, args.delegates, args.second, args.seed))
    page, door = results["session page"], results["door view"]
    print(
        f"dashboard: session page p50 {percentile(page, 0.5):.0f} ms, "
        f"p95 {percentile(page, 0.95):.0f} ms, max {page[-1]:.0f} ms; "
        f"door view p50 {percentile(door, 0.5):.0f} ms, p95 {percentile(door, 0.95):.0f} ms "
        f"({args.delegates} delegates, 95 communes; a second series of {args.second})"
    )


if __name__ == "__main__":
    main()
