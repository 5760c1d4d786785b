"""Benchmark: Telegram updates handled per second, end to end, and per-update latency.

What is measured
    The fake Telegram Bot API server (tests/fake_telegram.py, aiohttp on 127.0.0.1, in this
    process) queues N updates at once. The real bot -- python-telegram-bot long polling with
    getUpdates (limit 100), our Core and a real SQLite file in a temporary folder -- fetches
    them, answers them and sends every reply back over HTTP. Throughput is N divided by the
    time from the moment queueing starts until the fake server has recorded the last expected
    reply. Latency of one update is the time from its own enqueue to the moment the server
    recorded its (last) reply; each update comes from a different registered delegate, so the
    replies are matched to updates by chat id. In a burst this latency is mostly time spent
    waiting in the queue, so a second, serial phase (one update in flight at a time) shows the
    latency of a single update on an idle bot.

    Before the run the database holds --delegates registered delegates (Vietnamese names,
    communes of the example plan's province, categories of the plan), each with its Telegram
    account, inserted with plain SQL. The updates are a realistic mix: free-text schedule
    questions with and without diacritics, /lich, /lichcuatoi and /toi. The bot's clock is
    the real one.

How to run (from the project root)
    python bench/updates.py [--n 5000] [--delegates 20000] [--serial 300] [--seed 1]
    python bench/updates.py --workers 1,2,3 [--postgresql] [--n 2000]  (bench/workers.py: n
        updates posted to `hoinghi run` workers on one database, the fake Bot API apart)

The last line printed is the summary: ``updates: N updates/s, p99 Y ms``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.app import load_plan  # noqa: E402
from bot.catalog import t  # noqa: E402
from bot.channels.telegram import CHANNEL, MAX_TEXT, TelegramChannel  # noqa: E402
from bot.config import DEFAULT_PLAN  # noqa: E402
from bot.domain import SeriesInfo  # noqa: E402
from bot.domain.messages import Inbound, Reply  # noqa: E402
from bot.runtime.core import Core  # noqa: E402
from bot.runtime.outbox import Limits, Pacer  # noqa: E402
from bot.services.communes import Commune  # noqa: E402
from bot.services.paging import split_text, utf16_units  # noqa: E402
from bot.services.plan_state import communes_of  # noqa: E402
from bot.services.vntext import fold  # noqa: E402
from storage.db import Database, utc_text  # noqa: E402
from storage.plans import PlanRepository  # noqa: E402
from tests.fake_telegram import FakeTelegram  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
import workers  # noqa: E402

TOKEN = "123456:BENCH-token"
FIRST_USER_ID = 5_100_000_000  # Telegram user ids of the seeded delegates: FIRST_USER_ID + i
UNPACED = 1000.0  # replies per second allowed: OUTBOX_RATE's upper bound, never reached here
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
        if self.kind == "question":
            return ("question", self.text)
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
) -> list[Person]:
    """`count` delegates and their Telegram accounts, in one transaction of plain SQL."""
    commune_categories = [c for c in series.categories if c.group == "commune"]
    city_categories = [c for c in series.categories if c.group == "city"]
    stamp = utc_text(datetime.now(UTC))
    people: list[Person] = []
    delegate_rows: list[tuple[object, ...]] = []
    account_rows: list[tuple[object, ...]] = []
    for i in range(1, count + 1):
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
            "category_code, category_other, phone, invite_code, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            delegate_rows,
        )
        await tx.execute_many(
            "INSERT INTO accounts (id, channel, external_id, chat_id, display_name, delegate_id, "
            "created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            account_rows,
        )
    return people


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


async def run(n: int, delegates: int, serial: int, seed: int) -> tuple[float, float]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="hoinghi-bench-") as folder:
        started = time.monotonic()
        db = await Database.open(Path(folder) / "bot.sqlite3")
        try:
            report, errors = await load_plan(db, DEFAULT_PLAN)
            if report is None:
                raise SystemExit(f"the example plan does not load: {errors}")
            series = await PlanRepository(db).active_series()
            assert series is not None
            communes = communes_of(series.province).all()
            people = await seed_delegates(db, delegates, series, communes, rng)
            rng.shuffle(people)
            burst = make_jobs(people[:n], series, communes, rng)
            warmup = make_jobs(people[n : n + WARMUP], series, communes, rng)
            serial_jobs = make_jobs(people[n + WARMUP : n + WARMUP + serial], series, communes, rng)
            core = await Core.create(db)
            expected = await expected_messages(core, burst + warmup + serial_jobs)
            print(
                f"setup: plan + {delegates} delegates/accounts in SQLite, "
                f"{len(expected)} kinds of update probed, "
                f"{time.monotonic() - started:.1f} s"
            )
            async with FakeTelegram(token=TOKEN) as server:
                channel = TelegramChannel(core, server.token, server.base_url, poll_timeout=1)
                # the handling is measured, not Telegram's 30 messages/s: this server takes all
                channel.share_budget(Pacer(Limits(per_second=UNPACED)))
                await channel.start()
                try:
                    return await measure(server, expected, burst, warmup, serial_jobs)
                finally:
                    await channel.stop()
        finally:
            await db.close()


async def measure(
    server: FakeTelegram,
    expected: dict[tuple[object, ...], int],
    burst: list[Job],
    warmup: list[Job],
    serial_jobs: list[Job],
) -> tuple[float, float]:
    # Warm-up: connections opened, code paths and caches hot.
    target = len(server.sent) + sum(expected[job.key] for job in warmup)
    for job in warmup:
        enqueue(server, job)
    if not await wait_sent(server, target, 30.0):
        raise SystemExit(f"warm-up: only {len(server.sent)} of {target} replies arrived")

    # The burst: everything queued at once, then wait for every expected reply.
    first = len(server.sent)
    polls_before = sum(1 for method, _ in server.requests if method == "getUpdates")
    total = sum(expected[job.key] for job in burst)
    queued_at: dict[int, float] = {}
    t0 = time.monotonic()
    for job in burst:
        queued_at[job.person.user_id] = enqueue(server, job)
    queueing = time.monotonic() - t0
    complete = await wait_sent(server, first + total, max(60.0, len(burst) / 50))
    await asyncio.sleep(0.2)  # anything unexpected still on its way
    records = server.sent[first:]
    last_at: dict[int, float] = {}
    counts: Counter[int] = Counter()
    for record in records:
        if isinstance(record.chat_id, int):
            counts[record.chat_id] += 1
            last_at[record.chat_id] = record.time
    wrong = sum(1 for job in burst if counts[job.person.user_id] != expected[job.key])
    apologies = sum(1 for record in records if record.text == t("common.error"))
    if not complete or wrong:
        print(
            f"WARNING: {len(records)} of {total} expected replies arrived; "
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
        f"burst: {len(burst)} updates ({', '.join(f'{k} {v}' for k, v in mix.items())}) "
        f"queued in {queueing * 1000:.0f} ms; {len(records)} messages sent back "
        f"({apologies} error apologies); {polls} getUpdates calls"
    )
    print(
        f"burst: last reply after {elapsed:.2f} s -> {rate:.0f} updates/s; latency from "
        f"enqueue (mostly queueing): p50 {percentile(latencies, 0.5):.1f} ms, "
        f"p90 {percentile(latencies, 0.9):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
        f"max {latencies[-1]:.1f} ms"
    )

    # Serial: one update in flight at a time, the latency of a single update on an idle bot.
    if serial_jobs:
        single: list[float] = []
        questions: list[float] = []
        for job in serial_jobs:
            target = len(server.sent) + expected[job.key]
            sent_at = enqueue(server, job)
            if not await wait_sent(server, target, 10.0):
                raise SystemExit(f"serial: no reply to {job.text!r}")
            latency = (server.sent[target - 1].time - sent_at) * 1000
            single.append(latency)
            if job.kind == "question":
                questions.append(latency)
        single.sort()
        questions.sort()
        print(
            f"serial: {len(single)} updates one at a time: p50 "
            f"{percentile(single, 0.5):.1f} ms, p99 {percentile(single, 0.99):.1f} ms; "
            f"questions only ({len(questions)}): p50 {percentile(questions, 0.5):.1f} ms, "
            f"p99 {percentile(questions, 0.99):.1f} ms"
        )
    return rate, percentile(latencies, 0.99)


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
    rate, p99 = asyncio.run(run(args.n, args.delegates, args.serial, args.seed))
    print(f"updates: {round(rate)} updates/s, p99 {p99:.1f} ms")


if __name__ == "__main__":
    main()
