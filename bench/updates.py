"""Benchmark: Telegram updates handled per second, end to end, and per-update latency.

What is measured
    Two bots, one after the other, each a process of its own against a fresh fake Telegram Bot
    API server (tests/fake_telegram.py, aiohttp on 127.0.0.1) that runs in this process: ours,
    `hoinghi run` as operators start it (its event loop, garbage-collector settings, outbox
    sender and scheduler; OUTBOX_RATE at its upper bound, 100,000, so that the handling is
    measured and not the pace: at 1,000, Telegram's most, the pacer held ours to about 950
    messages/s), then a bare python-telegram-bot bot (bench/bare_bot.py: one
    SQLite lookup and a reply, our aiohttp request class, the same concurrency and event loop),
    the yardstick of what python-telegram-bot itself costs on this machine in this run.

    Each bot fetches with getUpdates (limit 100), answers and sends every reply back over HTTP.
    Throughput is N divided by the time from the moment queueing starts until the fake server
    has recorded the last expected reply. Latency of one update is the time from its own
    enqueue to the moment the server recorded its (last) reply; each update comes from a
    different registered delegate, so the replies are matched to updates by chat id. In a
    burst this latency is mostly time spent waiting in the queue, so a second, serial phase
    (one update in flight at a time) shows the latency of a single update on an idle bot. The
    bot process's CPU time over the burst (/proc) is printed per update.

    Before the run the database holds --delegates registered delegates (Vietnamese names,
    communes of the example plan's province, categories of the plan), each with its Telegram
    account, inserted with plain SQL. The plan is the example plan moved ahead of today as the
    demo moves it (its first session ten days ahead, before any reminder is due), so that the
    answers do not depend on the day of the run. The updates are a realistic mix: free-text
    schedule questions with and without diacritics, /lich, /lichcuatoi and /toi (the bare bot
    answers each with one message).

How to run (from the project root)
    python bench/updates.py [--n 5000] [--delegates 20000] [--serial 300] [--seed 1]
        [--python PATH] [--profile FILE]
    python bench/updates.py --workers 1,2,3 [--postgresql] [--n 2000]  (bench/workers.py: n
        updates posted to `hoinghi run` workers on one database, the fake Bot API apart)

    --python runs both bots with another interpreter: a virtualenv with the package and its
    own dependencies alone (`pip install -e '.[speed]'`), where the test tools' libraries
    (rich, click, pygments, which httpx then loads) are absent, as in production.

The summary: ``updates: N updates/s, p99 Y ms`` (ours), the bare bot's figures beside ours, and
last ``ratio R (ours / bare python-telegram-bot, same run)``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.app import load_plan  # noqa: E402
from bot.catalog import t  # noqa: E402
from bot.channels.telegram import CHANNEL, CONCURRENCY, MAX_TEXT  # noqa: E402
from bot.config import MAX_OUTBOX_RATE, Settings  # noqa: E402
from bot.domain import SeriesInfo  # noqa: E402
from bot.domain.messages import Inbound, Reply  # noqa: E402
from bot.runtime.core import Core  # noqa: E402
from bot.runtime.demo import prepare_demo  # noqa: E402
from bot.runtime.loop import chosen_loop  # noqa: E402
from bot.services.communes import Commune  # noqa: E402
from bot.services.paging import split_text, utf16_units  # noqa: E402
from bot.services.plan_state import communes_of  # noqa: E402
from bot.services.vntext import fold  # noqa: E402
from storage.db import Database, utc_text  # noqa: E402
from storage.plans import PlanRepository  # noqa: E402
from tests.backends import continue_numbering  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402

if str(ROOT / "bench") not in sys.path:  # after the root: bench/dashboard.py is not `dashboard`
    sys.path.append(str(ROOT / "bench"))
import workers  # noqa: E402

TOKEN = "123456:BENCH-token"
FIRST_USER_ID = 5_100_000_000  # Telegram user ids of the seeded delegates: FIRST_USER_ID + i
UNPACED = MAX_OUTBOX_RATE  # replies per second allowed: far beyond reach (1,000 was reached)
PLAN_LEAD_DAYS = 10  # the first session's distance from today: beyond the 7-day reminder
WARMUP = 200  # updates through the whole path before measuring (connections, caches)

SURNAMES = (
    ["Nguyễn"] * 8
    + ["Trần"] * 3
    + ["Lê"] * 3
    + ["Phạm"] * 2
    + [
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Điểu",
        "Thị",
        "Lâm",
        "Trương",
        "Đinh",
        "Mai",
        "Tạ",
        "Châu",
    ]
)
MIDDLE_MEN = ["Văn", "Văn", "Hữu", "Minh", "Đức", "Quang", "Công", "Thanh", "Xuân", "Ngọc", "Tấn"]
MIDDLE_WOMEN = ["Thị", "Thị", "Thị Kim", "Thị Thu", "Ngọc", "Thanh", "Thị Bích", "Hoài", "Mỹ"]
GIVEN_MEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Long",
    "Minh",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Brông",
    "K'Lơi",
]
GIVEN_WOMEN = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trang",
    "Vy",
    "Yến",
]
POSITIONS = {
    "thuong-truc-dang-uy": ["Bí thư Đảng ủy xã", "Phó Bí thư Thường trực Đảng ủy xã"],
    "thuong-truc-hdnd": ["Chủ tịch HĐND xã", "Phó Chủ tịch HĐND xã"],
    "lanh-dao-ubnd": ["Chủ tịch UBND xã", "Phó Chủ tịch UBND xã"],
    "mttq": ["Chủ tịch Ủy ban MTTQ Việt Nam xã", "Phó Chủ tịch Ủy ban MTTQ xã"],
    "doan-the": ["Bí thư Đoàn Thanh niên xã", "Chủ tịch Hội Phụ nữ xã", "Chủ tịch Hội Nông dân"],
    "cong-an-xa": ["Trưởng Công an xã", "Phó Trưởng Công an xã"],
    "quan-su-xa": ["Chỉ huy trưởng Ban CHQS xã", "Chính trị viên Ban CHQS xã"],
    "bien-phong": ["Đồn trưởng Đồn Biên phòng", "Chính trị viên Đồn Biên phòng"],
    "van-phong": ["Chánh Văn phòng HĐND và UBND xã", "Chuyên viên Văn phòng"],
    "thon-ap": ["Bí thư chi bộ ấp", "Trưởng ấp", "Trưởng khu phố"],
    "nguoi-uy-tin": ["Già làng", "Người có uy tín trong đồng bào dân tộc"],
    "ton-giao": ["Trụ trì chùa", "Linh mục quản xứ", "Trưởng ban trị sự"],
}
# Free-text schedule questions: {name} is a commune's short name with diacritics, {folded}
# the same without (as many people type), {full} the official name ("Xã Lộc Tấn").
COMMUNE_QUESTIONS = [
    "Hội nghị ở xã {name} khi nào?",
    "{folded} hop luc may gio",
    "hoi nghi o {folded} khi nao",
    "địa điểm hội nghị xã {name}",
    "{full} họp ngày nào ạ?",
    "cho em hỏi hội nghị biên giới tại {name} tổ chức ở đâu",
    "xa {folded} hop o dau vay",
    "Lịch hội nghị của {name}",
]
GENERAL_QUESTIONS = [
    "hội nghị tiếp theo",
    "hội nghị tiếp theo ở đâu",
    "hoi nghi tiep theo khi nao",
    "tháng 8 có hội nghị ở đâu",
    "thang 9 co hoi nghi nao khong",
    "Tháng 10 họp ở những xã nào?",
    "hội nghị cấp thành phố ngày nào",
    "hoi nghi cap thanh pho o dau",
    "tuần này có họp không",
    "lich hoi nghi",
    "Báo cáo viên là ai?",
    "nội dung hội nghị là gì",
    "bao nhieu nguoi tham du",
]
KIND_WEIGHTS = {"question": 55, "lich": 15, "lichcuatoi": 15, "toi": 15}


@dataclass(frozen=True)
class Person:
    user_id: int
    first_name: str
    last_name: str | None
    commune_code: int | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass(frozen=True)
class Job:
    """One update: who sends it and what they type."""

    person: Person
    kind: str  # question, lich, lichcuatoi, toi
    text: str

    @property
    def key(self) -> tuple[object, ...]:
        """Updates with the same key get the same number of messages back."""
        if self.kind == "question":  # some answers are about the asker's own sessions
            return ("question", self.text, self.person.commune_code)
        if self.kind == "lichcuatoi":
            return ("lichcuatoi", self.person.commune_code)
        return (self.kind,)


def vietnamese_name(rng: random.Random) -> str:
    if rng.random() < 0.5:
        middle, given = rng.choice(MIDDLE_MEN), rng.choice(GIVEN_MEN)
    else:
        middle, given = rng.choice(MIDDLE_WOMEN), rng.choice(GIVEN_WOMEN)
    return f"{rng.choice(SURNAMES)} {middle} {given}"


async def seed_delegates(
    db: Database,
    count: int,
    series: SeriesInfo,
    communes: tuple[Commune, ...],
    rng: random.Random,
    first_id: int = 1,
) -> list[Person]:
    """`count` delegates of `series` and their Telegram accounts, in one transaction of plain
    SQL; delegate and account ids (and Telegram user ids) from `first_id` on."""
    commune_categories = [c for c in series.categories if c.group == "commune"]
    city_categories = [c for c in series.categories if c.group == "city"]
    stamp = utc_text(datetime.now(UTC))
    people: list[Person] = []
    delegate_rows: list[tuple[object, ...]] = []
    account_rows: list[tuple[object, ...]] = []
    for i in range(first_id, first_id + count):
        full_name = vietnamese_name(rng)
        city_level = rng.random() < 0.08 and bool(city_categories)
        category = rng.choice(city_categories if city_level else commune_categories)
        commune = None if city_level else rng.choice(communes)
        position = rng.choice(POSITIONS.get(category.code, [category.label]))
        phone = "0" + rng.choice("35789") + "".join(rng.choices("0123456789", k=8))
        delegate_rows.append(
            (
                i,
                commune.code if commune else None,
                commune.name if commune else None,
                full_name,
                position,
                category.code,
                "",
                phone if rng.random() < 0.7 else "",
                "",
                stamp,
                stamp,
                series.id,
            )
        )
        user_id = FIRST_USER_ID + i
        account_rows.append((i, CHANNEL, str(user_id), str(user_id), full_name, i, stamp, stamp))
        # Telegram names: most people put the whole name in first_name, some split it.
        surname_and_middle, _, given = full_name.rpartition(" ")
        if rng.random() < 0.3:
            person = Person(user_id, given, surname_and_middle, commune.code if commune else None)
        else:
            person = Person(user_id, full_name, None, commune.code if commune else None)
        people.append(person)
    async with db.transaction() as tx:
        await tx.execute_many(
            "INSERT INTO delegates (id, commune_code, commune_name, full_name, position, "
            "category_code, category_other, phone, invite_code, created_at, updated_at, series_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            delegate_rows,
        )
        await tx.execute_many(
            "INSERT INTO accounts (id, channel, external_id, chat_id, display_name, delegate_id, "
            "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            account_rows,
        )
    return people


def moved_plan(folder: Path) -> Settings:
    """DATABASE_PATH and PLAN_FILE in `folder`: the example plan moved ahead of today, as the
    demo moves it, so that the answers do not depend on the date the bench runs and no
    reminder falls due while it runs."""
    settings = prepare_demo(
        Settings(database_path=folder / "bot.sqlite3"),
        datetime.now(UTC),
        "(benchmark)",
        timedelta(days=PLAN_LEAD_DAYS),
    ).settings
    assert settings.plan_file is not None
    return settings


@dataclass(frozen=True)
class Seeded:
    db: Database
    series: SeriesInfo
    communes: tuple[Commune, ...]
    people: list[Person]


async def seeded(path: Path | str, plan: Path, delegates: int, rng: random.Random) -> Seeded:
    """The database at `path` (a file or a URL; open) with `plan` loaded and `delegates`
    delegates seeded."""
    db = await Database.open(path)
    try:
        report, errors = await load_plan(db, plan)
        if report is None:
            raise SystemExit(f"the plan does not load: {[e.describe() for e in errors]}")
        series = await PlanRepository(db).active_series()
        assert series is not None
        communes = communes_of(series.province).all()
        people = await seed_delegates(db, delegates, series, communes, rng)
        await continue_numbering(db, "delegates", "accounts")  # ids given: PostgreSQL's go on
    except BaseException:
        await db.close()
        raise
    return Seeded(db, series, communes, people)


def make_jobs(
    people: list[Person], series: SeriesInfo, communes: tuple[Commune, ...], rng: random.Random
) -> list[Job]:
    """One update per person: the realistic mix of questions and menu commands."""
    by_code = {c.code: c for c in communes}
    with_sessions = sorted(
        {s.commune_code for s in series.sessions if s.commune_code in by_code}, key=str
    )
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    jobs = []
    for person in people:
        kind = rng.choices(kinds, weights)[0]
        if kind != "question":
            jobs.append(Job(person, kind, "/" + kind))
            continue
        if rng.random() < 0.6:
            # Mostly communes that have a session; some ask about one that has none.
            code = rng.choice(with_sessions) if rng.random() < 0.75 else rng.choice(communes).code
            commune = by_code[code]
            text = rng.choice(COMMUNE_QUESTIONS).format(
                name=commune.short, folded=fold(commune.short), full=commune.name
            )
        else:
            text = rng.choice(GENERAL_QUESTIONS)
        jobs.append(Job(person, kind, text))
    return jobs


def messages_of(reply: Reply) -> int:
    """How many Bot API messages TelegramChannel.send makes of one reply."""
    venue = reply.venue
    if venue is not None and venue.latitude is not None and venue.longitude is not None:
        return 1
    if getattr(reply, "photo", None) is not None:  # send_photo, the text as its caption
        return 1
    return len(split_text(reply.text, MAX_TEXT, utf16_units))


async def expected_messages(core: Core, jobs: list[Job]) -> dict[tuple[object, ...], int]:
    """Messages each kind of update gets back, asked of the Core directly (no HTTP)."""
    expected: dict[tuple[object, ...], int] = {}
    for job in jobs:
        if job.key in expected:
            continue
        uid = str(job.person.user_id)
        if job.kind == "question":
            inbound = Inbound(
                CHANNEL, uid, uid, "text", text=job.text, display_name=job.person.full_name
            )
        else:
            inbound = Inbound(
                CHANNEL, uid, uid, "command", command=job.kind, display_name=job.person.full_name
            )
        replies = await core.handle(inbound)
        expected[job.key] = sum(messages_of(reply) for reply in replies)
    return expected


async def wait_sent(server: FakeTelegram, count: int, timeout: float) -> bool:  # noqa: ASYNC109
    """Wait until the server has recorded `count` bot messages in all; False on timeout."""
    try:
        async with asyncio.timeout(timeout):
            while len(server.sent) < count:
                server._sent_event.clear()
                await server._sent_event.wait()
    except TimeoutError:
        return False
    return True


def enqueue(server: FakeTelegram, job: Job) -> float:
    person = job.person
    user = server.user(person.user_id, person.first_name, last_name=person.last_name)
    user.send_text(job.text)
    return time.monotonic()


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Contender:
    """A bot run as a process of its own against a fresh fake server: its command line, its
    environment, and how many messages each update gets back from it."""

    name: str
    command: list[str]
    environment: dict[str, str]
    replies: Callable[[Job], int]


@dataclass(frozen=True)
class Figures:
    rate: float  # updates/s in the burst
    p99: float  # ms from enqueue to last reply, in the burst
    cpu_per_update: float  # µs of the bot process's CPU per update of the burst
    serial_p50: float  # ms, one update at a time
    serial_p99: float


async def run(
    n: int,
    delegates: int,
    serial: int,
    seed: int,
    python: str = sys.executable,
    profile: Path | None = None,
) -> list[Figures]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="hoinghi-bench-") as name:
        folder = Path(name)
        started = time.monotonic()
        settings = moved_plan(folder)
        assert settings.plan_file is not None
        data = await seeded(settings.database_path, settings.plan_file, delegates, rng)
        db, series, communes, people = data.db, data.series, data.communes, data.people
        try:
            rng.shuffle(people)
            burst = make_jobs(people[:n], series, communes, rng)
            warmup = make_jobs(people[n : n + WARMUP], series, communes, rng)
            serial_jobs = make_jobs(people[n + WARMUP : n + WARMUP + serial], series, communes, rng)
            expected = await expected_messages(await Core.create(db), burst + warmup + serial_jobs)
        finally:
            await db.close()
        print(
            f"setup: plan + {delegates} delegates/accounts in SQLite, "
            f"{len(expected)} kinds of update probed, {time.monotonic() - started:.1f} s; "
            f"event loop {chosen_loop(os.environ.get('EVENT_LOOP', 'auto'))} in both bots"
        )
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TELEGRAM_", "ZALO_", "DASHBOARD_", "WEBHOOK_", "PLAN_"))
        }
        ours = Contender(
            "ours",
            [
                python,
                *(["-m", "cProfile", "-o", str(profile)] if profile else []),
                "-m",
                "bot",
                "run",
            ],
            {
                **environment,
                "PYTHONPATH": str(ROOT),
                "TELEGRAM_POLL_TIMEOUT": "1",
                "DATABASE_PATH": str(settings.database_path),
                "PLAN_FILE": str(settings.plan_file),
                # the handling is measured, not Telegram's 30 messages/s: the fake takes all
                "OUTBOX_RATE": str(UNPACED),
            },
            lambda job: expected[job.key],
        )
        bare = Contender(
            "bare",
            [python, str(ROOT / "bench" / "bare_bot.py")],
            environment,
            lambda job: 1,
        )
        figures = []
        for contender in (ours, bare):
            async with FakeTelegram(token=TOKEN) as server:
                if contender is bare:
                    contender.command.extend(
                        [
                            server.token,
                            server.base_url,
                            str(settings.database_path),
                            str(CONCURRENCY),
                        ]
                    )
                else:
                    contender.environment["TELEGRAM_BOT_TOKEN"] = server.token
                    contender.environment["TELEGRAM_API_BASE_URL"] = server.base_url
                figures.append(
                    await measure_process(contender, folder, server, burst, warmup, serial_jobs)
                )
        return figures


async def measure_process(
    contender: Contender,
    folder: Path,
    server: FakeTelegram,
    burst: list[Job],
    warmup: list[Job],
    serial_jobs: list[Job],
) -> Figures:
    """Start the contender's process (its working folder `folder`, so no .env is read), run the
    phases against it, stop it."""
    log_path = folder / f"{contender.name}.log"
    with log_path.open("wb") as log_file:
        process = await asyncio.create_subprocess_exec(
            *contender.command,
            cwd=folder,
            env=contender.environment,
            stdout=log_file,
            stderr=log_file,
        )
        try:
            return await measure(contender, process.pid, server, burst, warmup, serial_jobs)
        except BaseException:
            print(log_path.read_text(errors="replace")[-3000:], file=sys.stderr)
            raise
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(process.wait(), 20)
                except TimeoutError:
                    process.kill()
                    await process.wait()


async def measure(
    contender: Contender,
    pid: int,
    server: FakeTelegram,
    burst: list[Job],
    warmup: list[Job],
    serial_jobs: list[Job],
) -> Figures:
    name, replies = contender.name, contender.replies
    # Warm-up: the process started, connections opened, code paths and caches hot.
    target = len(server.sent) + sum(replies(job) for job in warmup)
    for job in warmup:
        enqueue(server, job)
    if not await wait_sent(server, target, 90.0):  # an answer may differ from the probe's
        if len(server.sent) < target - len(warmup) // 10:
            raise SystemExit(f"{name} warm-up: {len(server.sent)} of {target} replies arrived")
        print(f"WARNING: {name} warm-up: {len(server.sent)} of {target} replies", file=sys.stderr)

    # The burst: everything queued at once, then wait for every expected reply.
    first = len(server.sent)
    polls_before = sum(1 for method, _ in server.requests if method == "getUpdates")
    total = sum(replies(job) for job in burst)
    queued_at: dict[int, float] = {}
    cpu_before = cpu_seconds(pid)
    server_cpu_before = time.process_time()
    t0 = time.monotonic()
    for job in burst:
        queued_at[job.person.user_id] = enqueue(server, job)
    queueing = time.monotonic() - t0
    complete = await wait_sent(server, first + total, max(60.0, len(burst) / 50))
    cpu = cpu_seconds(pid) - cpu_before
    server_cpu = time.process_time() - server_cpu_before
    await asyncio.sleep(0.2)  # anything unexpected still on its way
    records = server.sent[first:]
    last_at: dict[int, float] = {}
    counts: Counter[int] = Counter()
    for record in records:
        if isinstance(record.chat_id, int):
            counts[record.chat_id] += 1
            last_at[record.chat_id] = record.time
    wrong = sum(1 for job in burst if counts[job.person.user_id] != replies(job))
    apologies = sum(1 for record in records if record.text == t("common.error"))
    if not complete or wrong:
        print(
            f"WARNING: {name}: {len(records)} of {total} expected replies arrived; "
            f"{wrong} updates got an unexpected number of replies",
            file=sys.stderr,
        )
    done = [job for job in burst if job.person.user_id in last_at]
    elapsed = max(last_at[job.person.user_id] for job in done) - t0
    rate = len(burst) / elapsed
    latencies = sorted(
        (last_at[job.person.user_id] - queued_at[job.person.user_id]) * 1000 for job in done
    )
    polls = sum(1 for method, _ in server.requests if method == "getUpdates") - polls_before
    mix = Counter(job.kind for job in burst)
    print(
        f"{name} burst: {len(burst)} updates ({', '.join(f'{k} {v}' for k, v in mix.items())}) "
        f"queued in {queueing * 1000:.0f} ms; {len(records)} messages sent back "
        f"({apologies} error apologies); {polls} getUpdates calls; "
        f"bot CPU {cpu / len(burst) * 1e6:.0f} µs per update; the fake server's (this "
        f"process) {server_cpu / len(burst) * 1e6:.0f} µs, {server_cpu / elapsed:.0%} of a core"
    )
    print(
        f"{name} burst: last reply after {elapsed:.2f} s -> {rate:.0f} updates/s; latency from "
        f"enqueue (mostly queueing): p50 {percentile(latencies, 0.5):.1f} ms, "
        f"p90 {percentile(latencies, 0.9):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
        f"max {latencies[-1]:.1f} ms"
    )

    # Serial: one update in flight at a time, the latency of a single update on an idle bot.
    single: list[float] = []
    questions: list[float] = []
    for job in serial_jobs:
        target = len(server.sent) + replies(job)
        sent_at = enqueue(server, job)
        if not await wait_sent(server, target, 10.0):
            print(f"WARNING: {name} serial: not all replies to {job.text!r}", file=sys.stderr)
            continue
        latency = (server.sent[target - 1].time - sent_at) * 1000
        single.append(latency)
        if job.kind == "question":
            questions.append(latency)
    single.sort()
    questions.sort()
    if single:
        print(
            f"{name} serial: {len(single)} updates one at a time: p50 "
            f"{percentile(single, 0.5):.1f} ms, p99 {percentile(single, 0.99):.1f} ms; "
            f"questions only ({len(questions)}): p50 {percentile(questions, 0.5):.1f} ms, "
            f"p99 {percentile(questions, 0.99):.1f} ms"
        )
    return Figures(
        rate,
        percentile(latencies, 0.99),
        cpu / len(burst) * 1e6,
        percentile(single, 0.5) if single else math.nan,
        percentile(single, 0.99) if single else math.nan,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=5000, help="updates in the burst")
    parser.add_argument("--delegates", type=int, default=20000, help="registered delegates")
    parser.add_argument(
        "--serial",
        type=int,
        default=300,
        help="updates sent one at a time after the burst (0: skip)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="the interpreter of both bots, e.g. of a virtualenv with only the package and its "
        "speed extra (pip install -e '.[speed]'); by default this one",
    )
    parser.add_argument(
        "--profile", type=Path, help="run ours under cProfile, its statistics written here"
    )
    workers.add_arguments(parser)
    args = parser.parse_args()
    if args.workers or args.postgresql:  # n updates posted to hoinghi run workers
        workers.run_from(args, 100, args.n)
        return
    if args.n < 1 or args.serial < 0:
        parser.error("--n must be positive and --serial not negative")
    if args.n + WARMUP + args.serial > args.delegates:
        parser.error(
            f"--delegates must be at least n + {WARMUP} + serial "
            "(one registered delegate per update)"
        )
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    profile = args.profile.resolve() if args.profile else None
    ours, bare = asyncio.run(
        run(args.n, args.delegates, args.serial, args.seed, args.python, profile)
    )
    print(f"updates: {round(ours.rate)} updates/s, p99 {ours.p99:.1f} ms")
    print(
        f"bare python-telegram-bot: {round(bare.rate)} updates/s, p99 {bare.p99:.1f} ms; "
        f"bot CPU per update: ours {ours.cpu_per_update:.0f} µs, bare "
        f"{bare.cpu_per_update:.0f} µs (ratio {bare.cpu_per_update / ours.cpu_per_update:.2f}); "
        f"one at a time p50: ours {ours.serial_p50:.1f} ms, bare {bare.serial_p50:.1f} ms "
        f"(ratio {bare.serial_p50 / ours.serial_p50:.2f})"
    )
    print(f"ratio {ours.rate / bare.rate:.2f} (ours / bare python-telegram-bot, same run)")


if __name__ == "__main__":
    main()
