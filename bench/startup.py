"""Benchmark: cold start and idle memory of `hoinghi run`, beside a bare python-telegram-bot bot.

What is measured
    1. ``python -c "import bot.cli, bot.app"``: the wall-clock time of the whole process (the
       interpreter's own start included), best of --repeat.
    2. Process start to the first getUpdates: `hoinghi run` started as operators start it (its
       settings in the environment, long polling) against the fake Telegram Bot API server
       (tests/fake_telegram.py) running in this process; the time from starting the process to
       the moment the server receives its first getUpdates, best of --repeat. The same for the
       bare bot of bench/bare_bot.py, for scale (python-telegram-bot and aiohttp alone: none of
       our settings, handlers or libraries); and the bare bot importing besides the libraries
       that we must use and python-telegram-bot does not load (pydantic-settings, APScheduler):
       the least a start of ours can take with its settings read by pydantic-settings ("bare +
       our libraries"). Ours twice: with the plan file as at its last load (not read again:
       every restart), and reading it (the first start after an edit of the file or an upgrade).
    3. Idle resident memory (VmRSS) of both, --settle seconds after their first getUpdates, with
       --delegates registered delegates in the database (the example plan moved ahead of today,
       as in bench/updates.py, so that nothing falls due); then again a second after one
       schedule question typed without diacritics (QUESTION) has been answered: what loads
       at the first question (the typo reader, the communes) rather than at start.

    Our modules' bytecode is compiled first, as scripts/setup.sh does for the service (which
    cannot write it beside the code); with PYTHONDONTWRITEBYTECODE set, as in some shells, the
    bots would otherwise compile every module at every start.

How to run (from the project root)
    python bench/startup.py [--delegates 100000] [--repeat 5] [--settle 5] [--python PATH]

    --python: as in bench/updates.py, the bots' interpreter (a virtualenv with the package and
    its own dependencies alone measures what production loads).

Summary (last line): ``startup: import X s, first getUpdates Y s, idle RSS Z MiB (N delegates)``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from updates import TOKEN, moved_plan, seeded  # noqa: E402

from bot.channels.telegram import CONCURRENCY  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402

ASKER = 555_000_001  # a stranger to the database: the question alone is handled
QUESTION = "xa loc tan hop o dau vay"


def compile_ours(python: str) -> None:
    """Our modules' bytecode, as scripts/setup.sh makes it."""
    packages = ("bot", "handlers", "storage", "dashboard")
    subprocess.run([python, "-m", "compileall", "-q", *packages], check=True, cwd=ROOT)


def import_time(repeat: int, python: str) -> float:
    """Best wall-clock time of a process that imports the command line and the wiring."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        subprocess.run([python, "-c", "import bot.cli, bot.app"], check=True, cwd=ROOT)
        best = min(best, time.perf_counter() - began)
    return best


def forget_plan_fingerprint(database: Path) -> None:
    """The next start reads the plan file again, as after an edit or an upgrade."""
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE series SET plan_fingerprint = ''")
    connection.close()


def resident_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError("no VmRSS")


async def first_poll(
    command: list[str], environment: dict[str, str], folder: Path, settle: float
) -> tuple[float, float, float]:
    """(seconds from start to the first getUpdates, resident MiB `settle` s later, resident
    MiB a second after a question has been answered)."""
    async with FakeTelegram(token=TOKEN) as server:
        environment = {**environment, "TELEGRAM_BOT_TOKEN": server.token}
        environment["TELEGRAM_API_BASE_URL"] = server.base_url
        command = [arg.replace("{base_url}", server.base_url) for arg in command]
        began = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            *command,
            cwd=folder,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while not any(method == "getUpdates" for method, _ in server.requests):
                if process.returncode is not None or time.perf_counter() - began > 60:
                    raise SystemExit(f"{command}: no getUpdates (exit {process.returncode})")
                await asyncio.sleep(0.002)
            took = time.perf_counter() - began
            await asyncio.sleep(settle)
            idle = resident_mib(process.pid)
            server.user(ASKER).send_text(QUESTION)
            await server.wait_for(ASKER, 1, timeout=30)
            await asyncio.sleep(1)
            return took, idle, resident_mib(process.pid)
        finally:
            process.terminate()
            await process.wait()


async def run(delegates: int, repeat: int, settle: float, imported: float, python: str) -> None:
    with tempfile.TemporaryDirectory(prefix="hoinghi-bench-") as name:
        folder = Path(name)
        began = time.monotonic()
        settings = moved_plan(folder)
        assert settings.plan_file is not None
        data = await seeded(settings.database_path, settings.plan_file, delegates, random.Random(1))
        await data.db.close()
        print(f"setup: example plan + {delegates} delegates, {time.monotonic() - began:.1f} s")
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TELEGRAM_", "ZALO_", "DASHBOARD_", "WEBHOOK_", "PLAN_"))
        }
        ours_environment = {
            **environment,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_POLL_TIMEOUT": "1",
            "DATABASE_PATH": str(settings.database_path),
            "PLAN_FILE": str(settings.plan_file),
        }
        ours_command = [python, "-m", "bot", "run"]
        bare_command = [
            python,
            str(ROOT / "bench" / "bare_bot.py"),
            TOKEN,
            "{base_url}",
            str(settings.database_path),
            str(CONCURRENCY),
        ]
        figures = {}
        for name, command, env in (
            ("ours", ours_command, ours_environment),
            ("bare", bare_command, environment),
            ("bare + our libraries", [*bare_command, "--with-libraries"], environment),
        ):
            runs = [await first_poll(command, env, folder, settle) for _ in range(repeat)]
            start = min(took for took, _, _ in runs)
            rss = min(idle for _, idle, _ in runs)
            asked = min(after for _, _, after in runs)
            figures[name] = (start, rss)
            print(
                f"{name}: process start to first getUpdates {start:.3f} s (best of {repeat}; "
                f"all {', '.join(f'{took:.2f}' for took, _, _ in runs)}), idle RSS {rss:.1f} MiB "
                f"({settle:.0f} s after), {asked:.1f} MiB after one question"
            )
        reread = []
        for _ in range(repeat):  # as the first start after an edit of the file or a release
            forget_plan_fingerprint(settings.database_path)
            reread.append((await first_poll(ours_command, ours_environment, folder, 0.1))[0])
        print(
            f"ours, reading the plan file: process start to first getUpdates {min(reread):.3f} s "
            f"(best of {repeat}; all {', '.join(f'{took:.2f}' for took in reread)})"
        )
        start, rss = figures["ours"]
        print(
            f"startup: import {imported:.2f} s, first getUpdates {start:.2f} s, "
            f"idle RSS {rss:.1f} MiB ({delegates} delegates)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--delegates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--settle", type=float, default=5.0, help="seconds before reading RSS")
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter of the bots, e.g. of a virtualenv with only the package and its "
        "speed extra (pip install -e '.[speed]'); by default this one",
    )
    args = parser.parse_args()
    compile_ours(args.python)
    imported = import_time(args.repeat, args.python)
    print(f"import: python -c 'import bot.cli, bot.app' {imported:.3f} s (best of {args.repeat})")
    asyncio.run(run(args.delegates, args.repeat, args.settle, imported, args.python))


if __name__ == "__main__":
    main()
