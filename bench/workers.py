"""Benchmark: 1, 2, 3 `hoinghi run` workers in webhook mode on one database (issue 16).

What is measured
    For each worker count, a fresh database (a SQLite file, or a database of PostgreSQL with
    --postgresql: a throw-away cluster that scripts/postgres.sh starts, or the server at
    HOINGHI_TEST_POSTGRES_URL) holds the one-session plan of bench/common.py and N delegates.
    The fake Bot API runs in its own process (bench/fake_api.py) and enforces no limit; the
    workers are `python -m bot run` processes with OUTBOX_RATE at its bound (MAX_OUTBOX_RATE),
    so that the figures are the workers' and not the pace's.

    messages/s  the N reminders, due at start, from the first `created_at` of the outbox to
                the last `sent_at`: one worker sends for the bot token, whatever the count.
    updates/s   then U text updates ("/lich", from U distinct users), posted by this process
                as Telegram does (40 connections at most), round-robin to the workers, from the
                first post to the last update marked handled in `inbound_updates` (answers of
                the workers that do not send go through the outbox to the one that does).

How to run (from the project root)
    python bench/workers.py [--postgresql] [--workers 1,2,3] [--n 3000] [--updates 2000]

bench/outbox.py --workers and bench/updates.py --workers run this too. Each worker count prints
one line ``<backend> <k> workers: messages/s M, updates/s U``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

if str(Path(__file__).resolve().parent) not in sys.path:  # bench/dashboard.py is not `dashboard`
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, TOKEN, prepared_database

from bot.config import MAX_OUTBOX_RATE, Settings
from storage.db import Database, parse_utc
from tests.backends import fresh_postgres, postgres_cluster
from tests.fake_common import WebhookSender, free_port
from tests.fake_telegram import WEBHOOK_SECRET_HEADER

SECRET = "bench-Webhook-secret-0123456789"
CONNECTIONS = 40  # Telegram's default max_connections of a webhook


@asynccontextmanager
async def fake_api() -> AsyncIterator[str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bench" / "fake_api.py"), TOKEN, stdout=asyncio.subprocess.PIPE
    )
    assert process.stdout is not None
    try:
        yield (await process.stdout.readline()).decode().strip()
    finally:
        process.send_signal(signal.SIGTERM)
        await process.wait()


@asynccontextmanager
async def workers(api: str, url: str, count: int, folder: Path) -> AsyncIterator[list[int]]:
    """`count` workers on `url`; their web ports."""
    names = {name.upper() for name in Settings.model_fields}
    base = {k: v for k, v in os.environ.items() if k.upper() not in names}
    ports, processes = [free_port() for _ in range(count)], []
    for n, port in enumerate(ports, 1):
        env = base | {
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api, "DATABASE_URL": url,
            "WEBHOOK_URL": "https://bench.example.gov.vn", "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_PORT": str(port), "WORKER_ID": f"worker-{n}",
            "OUTBOX_RATE": str(MAX_OUTBOX_RATE), "PYTHONPATH": str(ROOT),
        }
        with (folder / f"worker-{n}.log").open("wb") as log:
            processes.append(
                await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot", "run", env=env, cwd=folder, stdout=log, stderr=log
                )
            )
    try:
        await listening(ports)
        yield ports
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            await process.wait()


async def listening(ports: list[int]) -> None:
    """Until every worker answers /healthz."""
    async with aiohttp.ClientSession() as session:
        for port in ports:
            while True:
                try:
                    async with session.get(f"http://127.0.0.1:{port}/healthz") as answer:
                        await answer.read()
                        break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)


async def wait_for(db: Database, sql: str, wanted: int, timeout: float = 300) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    while int(str(await db.scalar(sql))) < wanted:
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out: {sql} < {wanted}")
        await asyncio.sleep(0.05)


def text_update(update_id: int, user_id: int) -> dict[str, object]:
    user = {"id": user_id, "is_bot": False, "first_name": f"Người {user_id}"}
    chat = {"id": user_id, "type": "private", "first_name": user["first_name"]}
    message = {"message_id": 1, "from": user, "chat": chat, "date": int(time.time())}
    message["text"] = "/lich"
    return {"update_id": update_id, "message": message}


async def post_updates(ports: list[int], count: int) -> None:
    """`count` updates, round-robin to the workers, at most CONNECTIONS at once."""
    sender, slots = WebhookSender(WEBHOOK_SECRET_HEADER), asyncio.Semaphore(CONNECTIONS)
    turns = itertools.cycle(ports)
    await sender.open()

    async def post(n: int, port: int) -> None:
        async with slots:
            url = f"http://127.0.0.1:{port}/telegram/webhook"
            answer = await sender.post(url, text_update(10_000 + n, 900_000_000 + n), SECRET, 30)
            assert answer.status == 200, answer

    try:
        await asyncio.gather(*(post(n, next(turns)) for n in range(count)))
    finally:
        await sender.close()


async def one_run(url: str, count: int, n: int, updates: int, folder: Path) -> tuple[float, float]:
    db, _ = await prepared_database(folder, n, datetime.now(UTC) + timedelta(days=3), url)
    try:
        async with fake_api() as api, workers(api, url, count, folder) as ports:
            await wait_for(db, "SELECT count(*) FROM outbox WHERE status = 'sent'", n)
            row = await db.fetch_one(
                "SELECT min(created_at), max(sent_at) FROM outbox WHERE kind = 'reminder'"
            )
            assert row is not None
            first, last = parse_utc(row[0]), parse_utc(row[1])
            messages = n / (last - first).total_seconds()
            began = time.monotonic()
            await post_updates(ports, updates)
            await wait_for(
                db, "SELECT count(handled_at) FROM inbound_updates WHERE update_id >= 10000",
                updates,
            )
            return messages, updates / (time.monotonic() - began)
    finally:
        await db.close()


async def run_all(postgresql: bool, counts: list[int], n: int, updates: int) -> None:
    with postgres_cluster() if postgresql else nullcontext("") as server:
        for count in counts:
            with tempfile.TemporaryDirectory() as folder:
                if postgresql:
                    async with fresh_postgres(server) as url:
                        result = await one_run(url, count, n, updates, Path(folder))
                else:
                    url = f"sqlite:///{Path(folder) / 'bot.sqlite3'}"
                    result = await one_run(url, count, n, updates, Path(folder))
            backend = "postgresql" if postgresql else "sqlite"
            figures = f"messages/s {result[0]:.0f}"
            if updates:
                figures += f", updates/s {result[1]:.0f}"
            print(f"{backend} {count} workers: {figures}", flush=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--postgresql", action="store_true", help="on PostgreSQL, not SQLite")
    parser.add_argument("--workers", help="`hoinghi run` workers to run, e.g. 1,2,3")


def run_from(arguments: argparse.Namespace, n: int, updates: int) -> None:
    counts = [int(count) for count in (arguments.workers or "1,2,3").split(",")]
    asyncio.run(run_all(arguments.postgresql, counts, n, updates))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    add_arguments(parser)
    parser.add_argument("--n", type=int, default=3000, help="delegates: reminders to send")
    parser.add_argument("--updates", type=int, default=2000, help="updates to post")
    arguments = parser.parse_args()
    run_from(arguments, arguments.n, arguments.updates)


if __name__ == "__main__":
    main()
