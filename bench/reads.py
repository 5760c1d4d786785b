"""Benchmark: reads that grow with the data, and what they do to the chats meanwhile.

What is measured
    The example plan moved ahead of today (as in bench/updates.py) with --delegates delegates
    (100,000 by default) and answers to its city session (bench/province.py's mix); with
    --everyone, bench/province.py's plan instead, whose city session invites every commune
    category, so that all of them are invited. Everything runs in this
    process, through the Core as a channel calls it (no HTTP for the chats), with the garbage
    collector as `hoinghi run` sets it once started (bot/collector.py):

    1. /tonghop of the city session asked by an admin, --n times one after the other: the time
       of `Core.handle` (the roll-up query and the text of the answer).
    2. A schedule question asked every 20 ms by a registered delegate (--questions of them, or
       as many as a minute allows), its time through `Core.handle`: first on an idle bot, then
       while an HTTP client asks the real dashboard (dashboard/server.py, the same process and
       event loop, as in `hoinghi run`) for the city session's page without pause, then while
       /tonghop of the city session is asked without pause. The two busy phases run twice:
       with the heavy reads on their own connection (Database.reader, as the bot runs), and
       with every read on the chats' connection, as before that connection existed.

    With --postgresql, the same on a fresh database of a throw-away PostgreSQL cluster
    (scripts/postgres.sh, or the server at HOINGHI_TEST_POSTGRES_URL): its pool reads beside
    the chats, so the phases on one shared connection are SQLite's only. After seeding, the
    bench vacuums: the seeding's 100,000 updates of a few hundred counters leave as many dead
    row versions, which autovacuum takes away within its minute in a running database.

How to run (from the project root)
    python bench/reads.py [--delegates 100000] [--n 300] [--questions 150] [--everyone]
        [--postgresql]

Summary (last line): ``reads: /tonghop p99 X ms; question p99 Y ms while the session page is
served, Z ms while /tonghop runs (N delegates)``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from common import percentile  # noqa: E402
from province import ADMIN, log_in, province_plan, seed_answers  # noqa: E402
from updates import make_jobs, moved_plan, seeded  # noqa: E402

from bot import collector  # noqa: E402
from bot.domain import SessionInfo  # noqa: E402
from bot.domain.messages import Inbound  # noqa: E402
from bot.runtime.core import Core  # noqa: E402
from dashboard.server import DashboardServer  # noqa: E402
from tests.backends import fresh_postgres, postgres_cluster  # noqa: E402

QUESTION_EVERY = 0.02  # seconds between two questions
PHASE_SECONDS = 60.0  # a phase stops asking after this (questions wait long on a shared connection)


def tonghop(session: SessionInfo) -> Inbound:
    return Inbound("telegram", ADMIN, ADMIN, "command", command="tonghop", text=str(session.num))


async def timed(core: Core, inbound: Inbound) -> float:
    began = time.perf_counter()
    await core.handle(inbound)
    return (time.perf_counter() - began) * 1000


async def questions_during(
    core: Core, questions: list[Inbound], load: Callable[[], Awaitable[object]] | None
) -> list[float]:
    """Milliseconds of each question, asked every QUESTION_EVERY s while `load` runs again and
    again (nothing when None), for PHASE_SECONDS at most."""

    async def again_and_again(work: Callable[[], Awaitable[object]]) -> None:
        while True:
            await work()

    background = asyncio.create_task(again_and_again(load)) if load is not None else None
    try:
        await asyncio.sleep(0.2)  # the load under way
        times: list[float] = []
        stop = time.monotonic() + PHASE_SECONDS
        for inbound in questions:
            if time.monotonic() > stop:
                break
            times.append(await timed(core, inbound))
            await asyncio.sleep(QUESTION_EVERY)
    finally:
        if background is not None:
            background.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await background
    return sorted(times)


def line(name: str, times: list[float]) -> str:
    return (
        f"{name}: p50 {percentile(times, 0.5):.1f} ms, p99 {percentile(times, 0.99):.1f} ms, "
        f"max {times[-1]:.1f} ms ({len(times)})"
    )


@contextlib.asynccontextmanager
async def database(folder: Path, postgresql: bool) -> AsyncIterator[str]:
    """Where the bench's database is: a file in `folder`, or a fresh PostgreSQL database."""
    if not postgresql:
        yield str(folder / "bot.sqlite3")
        return
    with postgres_cluster() as server:
        async with fresh_postgres(server) as url:
            yield url


async def run(
    delegates: int, n: int, count: int, everyone: bool, postgresql: bool
) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory(prefix="hoinghi-bench-") as name:
        async with database(Path(name), postgresql) as target:
            return await measure(Path(name), target, delegates, n, count, everyone)


async def measure(
    folder: Path, target: str, delegates: int, n: int, count: int, everyone: bool
) -> tuple[float, float, float]:
    rng = random.Random(1)
    began = time.monotonic()
    plan = province_plan(folder) if everyone else moved_plan(folder).plan_file
    assert plan is not None
    data = await seeded(target, plan, delegates, rng)
    db, series, communes, people = data.db, data.series, data.communes, data.people
    try:
        city = next(s for s in series.sessions if s.level == "city")
        await seed_answers(db, city.id, range(1, delegates + 1), rng)
        if db.dialect == "postgresql":  # the seeding's dead row versions of the counters,
            await db.scalar("VACUUM ANALYZE")  # which autovacuum takes away within its minute
        core = await Core.create(db)
        await core.services.roles.grant("telegram", ADMIN, "admin", "bench", datetime.now(UTC))
        jobs = [j for j in make_jobs(people[: count * 4], series, communes, rng)]
        asked = [
            Inbound("telegram", str(j.person.user_id), str(j.person.user_id), "text", text=j.text)
            for j in jobs
            if j.kind == "question"
        ][:count]
        print(f"setup: {delegates} delegates, answers, {time.monotonic() - began:.1f} s")
        collector.started()  # as `hoinghi run` once started: what lives by now frozen

        for _ in range(3):  # warm-up: caches, the reader connection, compiled statements
            await timed(core, tonghop(city))
        rollups = sorted([await timed(core, tonghop(city)) for _ in range(n)])
        print(line("/tonghop of the city session", rollups))

        server = DashboardServer("127.0.0.1", 0)
        server.mount(core.services, db)
        await server.start()
        try:
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as http:
                await log_in(core, http, server.base_url)
                page_url = f"{server.base_url}/session/{city.num}"

                async def page() -> None:
                    async with http.get(page_url) as response:
                        await response.read()

                async def rollup() -> None:
                    await core.handle(tonghop(city))

                await page()
                idle = await questions_during(core, asked, None)
                print(line("question, idle", idle))
                figures = {}
                shared = ("shared connection",) if db.dialect == "sqlite" else ()
                for connections in ("own connection", *shared):
                    path = getattr(db, "path", None)
                    if connections == "shared connection":
                        db.path = None  # type: ignore[attr-defined]  # reader() then reads on the chats' connection
                    try:
                        for load_name, load in (("session page", page), ("/tonghop", rollup)):
                            times = await questions_during(core, asked, load)
                            figures[(connections, load_name)] = percentile(times, 0.99)
                            print(
                                line(
                                    f"question while the {load_name} runs, heavy reads "
                                    f"on their {connections}",
                                    times,
                                )
                            )
                    finally:
                        if shared:
                            db.path = path  # type: ignore[attr-defined]
        finally:
            await server.stop()
        return (
            percentile(rollups, 0.99),
            figures[("own connection", "session page")],
            figures[("own connection", "/tonghop")],
        )
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--delegates", type=int, default=100_000)
    # of 30 times, the p99 would be the slowest one
    parser.add_argument("--n", type=int, default=300, help="/tonghop asked so many times")
    parser.add_argument("--questions", type=int, default=150, help="questions per phase")
    parser.add_argument(
        "--everyone", action="store_true", help="the city session invites every delegate"
    )
    parser.add_argument("--postgresql", action="store_true", help="on PostgreSQL, not SQLite")
    args = parser.parse_args()
    rollup, during_page, during_rollup = asyncio.run(
        run(args.delegates, args.n, args.questions, args.everyone, args.postgresql)
    )
    print(
        f"reads: /tonghop p99 {rollup:.1f} ms; question p99 {during_page:.1f} ms while the "
        f"session page is served, {during_rollup:.1f} ms while /tonghop runs "
        f"({args.delegates} delegates, {'PostgreSQL' if args.postgresql else 'SQLite'})"
    )


if __name__ == "__main__":
    main()
