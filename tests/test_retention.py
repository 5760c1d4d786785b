"""Retention: personal data goes `retention_days` after a series' last session (the example
plan: 90 days after 27/11/2026 11:30 local, i.e. 25/02/2027 04:30 UTC), and nothing before;
the roll-up counts survive the purge. Time travels; the database is a real SQLite file."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from bot.cli import main
from bot.domain import SessionInfo
from bot.domain.messages import Reply, reply_to_json
from bot.plan.loader import parse_plan
from bot.services.retention import Retention
from storage.attendance import AttendanceAnswer, AttendanceRepository
from storage.channels import NumberedChoices
from storage.db import Database, utc_text
from storage.deadlines import DeadlineRepository
from storage.documents import DocumentRepository
from storage.outbox import OutboxItem, OutboxRepository
from storage.people import (
    AccountRepository,
    Conversation,
    ConversationRepository,
    DelegateRepository,
)
from storage.plans import PlanRepository, first_series
from storage.retention import PurgeCounts
from storage.roles import RoleRepository
from storage.rollup import Rollup, RollupRepository
from storage.speaker_reminders import SpeakerReminderRepository
from tests.conftest import NOW, running_bot

DUE = datetime(2027, 2, 25, 4, 30, tzinfo=UTC)  # 27/11/2026 11:30 (UTC+7) + 90 days
PERSONAL_TABLES = (
    "delegates",
    "accounts",
    "attendance",
    "attendance_history",
    "checkins",
    "conversations",
    "outbox",
    "numbered_choices",
    "documents",
    "drafts",
    "deadlines_done",
    "speaker_reminders",
    "import_conflicts",
)
LATER_PLAN = """
series:
  id: dong-nai-2027
  title: Hội nghị năm 2027
  province: Đồng Nai
  organiser: Sở Ngoại vụ
  retention_days: 30
categories:
  - {code: lanh-dao-ubnd, label: Lãnh đạo UBND xã, group: commune}
speakers:
  commune:
    - {id: bien-phong, name: Báo cáo viên Biên phòng, start: "08:15", minutes: 40}
sessions:
  - id: 2027-06-loc-tan
    level: commune
    commune: Xã Lộc Tấn
    start: 2027-06-10 08:00
    end: 2027-06-10 11:30
    venue: {name: Hội trường UBND xã Lộc Tấn, address: Xã Lộc Tấn}
    expected: {min: 100, max: 150}
"""


@dataclass(frozen=True)
class Person:
    account_id: int
    delegate_id: int


async def register(
    db: Database,
    user_id: int,
    name: str,
    commune: tuple[int, str] | None,
    category: str,
    now: datetime,
    series_id: str = "",
) -> Person:
    account = await AccountRepository(db).touch("telegram", str(user_id), str(user_id), name, now)
    values = {
        "commune_code": commune[0] if commune else None,
        "commune_name": commune[1] if commune else None,
        "full_name": name,
        "position": "Cán bộ",
        "category_code": category,
        "phone": f"09{user_id:08d}",
        "consented": True,
        "series_id": series_id or await first_series(db),
    }
    delegate = await DelegateRepository(db).register(account.id, values, now)
    return Person(account.id, delegate.id)


async def fill(db: Database) -> dict[str, Person]:
    """Three delegates with answers, a check-in, a substitute, queued messages, numbered choices,
    and an unregistered chat account halfway through registering."""
    attendance = AttendanceRepository(db)
    an = await register(db, 1001, "Nguyễn Văn An", (25279, "Xã Lộc Tấn"), "lanh-dao-ubnd", NOW)
    binh = await register(db, 1002, "Trần Thị Bình", (25280, "Xã Lộc Thạnh"), "cong-an-xa", NOW)
    cuong = await register(db, 1003, "Lê Văn Cường", None, "so-nganh", NOW)
    coming = AttendanceAnswer("in_person")
    await attendance.record("2026-11-thanh-pho", an.delegate_id, coming, "telegram", 1, NOW)
    await attendance.check_in("2026-11-thanh-pho", an.delegate_id, "qr", an.account_id, NOW)
    sent = AttendanceAnswer("substitute", "", "Phạm Thay Thế", "Phó trưởng Công an", "0987654321")
    await attendance.record("2026-08-loc-thanh-a", binh.delegate_id, sent, "telegram", 2, NOW)
    await attendance.record("2026-11-thanh-pho", cuong.delegate_id, coming, "telegram", 3, NOW)
    away = AttendanceAnswer("absent", "Đi công tác")
    await attendance.record("2026-11-thanh-pho", cuong.delegate_id, away, "telegram", 3, NOW)
    payload = reply_to_json(Reply("Nhắc lịch"))
    await OutboxRepository(db).enqueue(
        [
            OutboxItem(f"t:{chat}", "reminder", person.account_id, "telegram", chat, payload)
            for chat, person in (("1001", an), ("1002", binh), ("1003", cuong))
        ],
        NOW + timedelta(days=365),  # not sent by the running bot of the last tests
    )
    await NumberedChoices(db).remember("telegram", "1002", [("Đồng ý", "x")], NOW)
    guest = await AccountRepository(db).touch("telegram", "2001", "2001", "Khách Lạ", NOW)
    half_done = Conversation("register", "position", {"full_name": "Khách Lạ", "todo": []})
    await ConversationRepository(db).save(guest.id, half_done, NOW)
    await RoleRepository(db).grant("telegram", "9001", "organiser", "test", NOW)
    talk = "Bản thảo của Đại tá Hoàng Minh Tuấn".encode()
    await DocumentRepository(db).add_draft(
        "dong-nai-2026-bien-gioi", "bien-phong", "bai.pdf", talk, "telegram:3001", NOW
    )
    await DeadlineRepository(db).mark_done(
        "dong-nai-2026-bien-gioi", "bao-cao", "telegram:3002", NOW, ("bc.pdf", talk)
    )
    await SpeakerReminderRepository(db).record("2026-11-thanh-pho", "trung-uong", "3d", NOW)
    await db.write(  # an imported row held back, its importer never decided
        "INSERT INTO import_conflicts (batch, channel, user_id, kind, delegate_id, person, "
        "created_at) VALUES ('b1', 'telegram', '9001', 'phone', ?, ?, ?)",
        (an.delegate_id, '{"full_name": "Người Trùng Số"}', utc_text(NOW)),
    )
    return {"an": an, "binh": binh, "cuong": cuong}


async def counts(db: Database) -> dict[str, int]:
    return {
        table: int(str(await db.scalar(f"SELECT count(*) FROM {table}")))
        for table in PERSONAL_TABLES
    }


async def rollups(db: Database) -> dict[str, Rollup]:
    series = await PlanRepository(db).active_series()
    assert series is not None
    sessions: tuple[SessionInfo, ...] = series.sessions
    return {s.id: await RollupRepository(db).session_rollup(s) for s in sessions}


async def test_nothing_is_purged_before_the_term_ends(db: Database) -> None:
    await fill(db)
    before = await counts(db)
    assert before["delegates"] == 3 and before["accounts"] == 4
    for moment in (NOW, NOW + timedelta(days=89, hours=23)):
        assert await Retention(db).due(moment) == PurgeCounts(0, 0)
        assert await Retention(db).purge(moment) == PurgeCounts(0, 0)
    assert await counts(db) == before
    assert await db.scalar("SELECT count(*) FROM audit_log WHERE action = 'purge'") == 0
    # a minute before the term: only the chat account that never registered, unseen 90 days
    assert await Retention(db).purge(DUE - timedelta(minutes=1)) == PurgeCounts(0, 1)
    after = await counts(db)  # and the held import row nobody decided in 90 days
    assert after == {**before, "accounts": 3, "conversations": 0, "import_conflicts": 0}
    assert await db.scalar("SELECT count(*) FROM accounts WHERE external_id = '2001'") == 0


async def test_after_the_term_personal_data_goes_and_the_counts_stay(
    db: Database, tmp_path: Path
) -> None:
    await fill(db)
    report = await rollups(db)
    city = report["2026-11-thanh-pho"]
    assert (city.total.in_person, city.total.absent, city.total.present) == (1, 1, 1)
    assert await Retention(db).due(DUE) == PurgeCounts(3, 4, 2)

    assert await Retention(db).purge(DUE) == PurgeCounts(3, 4, 2)
    assert await counts(db) == dict.fromkeys(PERSONAL_TABLES, 0)
    assert await rollups(db) == report  # the final report reads the same numbers
    assert await db.scalar("SELECT count(*) FROM sessions") == 9
    assert await db.scalar("SELECT count(*) FROM roles") == 1
    audit = await db.fetch_one("SELECT channel, action, details FROM audit_log ORDER BY id DESC")
    assert audit is not None
    assert tuple(audit) == (
        "system",
        "purge",
        '{"delegates": 3, "accounts": 4, "files": 2}',
    )
    assert await Retention(db).purge(DUE + timedelta(days=1)) == PurgeCounts(0, 0)

    files = [p for p in tmp_path.iterdir() if p.name.startswith("bot.sqlite3")]  # noqa: ASYNC240
    raw = b"".join(path.read_bytes() for path in files)
    gone_names = ("Nguyễn Văn An", "Phạm Thay Thế", "Khách Lạ", "Hoàng Minh Tuấn", "Trùng Số")
    for gone in (*gone_names, "0987654321", "0900001001"):
        assert gone.encode() not in raw, gone  # overwritten on disk, not only unlinked


async def test_a_series_past_its_term_is_purged_alone(db: Database) -> None:
    """The example series ends; a later one goes on. Only the first one's people go: An, also
    invited to the later series, keeps that registration and their chat."""
    people = await fill(db)
    with time_machine.travel(datetime(2027, 1, 10, 3, 0, tzinfo=UTC), tick=False):
        later, errors = parse_plan(LATER_PLAN, "later.yaml")
        assert later is not None, errors
        await PlanRepository(db).save(later, datetime(2027, 1, 10, 3, 0, tzinfo=UTC))
    newcomer_at = datetime(2027, 2, 27, 9, 0, tzinfo=UTC)  # after the first series' term
    dung = await register(db, 1004, "Đỗ Văn Dũng", (25279, "Xã Lộc Tấn"), "lanh-dao-ubnd",
                          newcomer_at, "dong-nai-2027")  # fmt: skip
    an_later = await register(db, 1001, "Nguyễn Văn An", (25279, "Xã Lộc Tấn"), "lanh-dao-ubnd",
                              newcomer_at, "dong-nai-2027")  # fmt: skip
    assert an_later.account_id == people["an"].account_id
    await AccountRepository(db).touch("telegram", "2002", "2002", "Khách", newcomer_at)
    # the later series' own "bien-phong" (the first one's has that id too): its draft stays
    await DocumentRepository(db).add_draft(
        "dong-nai-2027", "bien-phong", "bai-2027.pdf", b"%PDF 2027", "telegram:3005", newcomer_at
    )

    march = datetime(2027, 3, 1, 0, 0, tzinfo=UTC)
    # An, Bình, Cường of the first series; Bình's and Cường's chats and the first guest; and
    # the first series' draft and owed file
    assert await Retention(db).due(march) == PurgeCounts(3, 3, 2)
    assert await Retention(db).purge(march) == PurgeCounts(3, 3, 2)
    left = await db.fetch_all("SELECT id, series_id, person_id FROM delegates ORDER BY id")
    assert [tuple(row) for row in left] == [
        (dung.delegate_id, "dong-nai-2027", None),
        (an_later.delegate_id, "dong-nai-2027", None),
    ]
    linked = await db.scalar(
        "SELECT delegate_id FROM accounts WHERE id = ?", (people["an"].account_id,)
    )
    assert linked == an_later.delegate_id  # An's chat now stands for their later registration
    assert await db.scalar("SELECT count(*) FROM attendance") == 0
    guests = await db.fetch_all("SELECT external_id FROM accounts WHERE delegate_id IS NULL")
    assert [row[0] for row in guests] == ["2002"]  # seen within the later plan's 30 days

    after_second = datetime(2027, 7, 10, 5, 0, tzinfo=UTC)  # 10/06/2027 11:30 + 30 days
    # the guest, unseen for 30 days; then the later series' people at its term
    assert await Retention(db).purge(after_second - timedelta(hours=1)) == PurgeCounts(0, 1)
    assert await Retention(db).purge(after_second) == PurgeCounts(2, 2, 1)
    assert await counts(db) == dict.fromkeys(PERSONAL_TABLES, 0)


async def test_the_plan_sets_the_term_and_checks_it() -> None:
    plan = LATER_PLAN.replace("retention_days: 30", "retention_days: 0")
    series, errors = parse_plan(plan, "bad.yaml")
    assert series is None and errors[0].field == "series.retention_days"
    assert errors[0].line == 7
    series, _ = parse_plan(LATER_PLAN.replace("  retention_days: 30\n", ""), "default.yaml")
    assert series is not None and series.retention_days == 90


async def test_hoinghi_purge_tells_the_term_then_purges(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await fill(db)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    with time_machine.travel(DUE - timedelta(days=1), tick=False):
        assert await asyncio.to_thread(main, ["purge", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "buổi cuối kết thúc Thứ Sáu, 27/11/2026, 11:30" in out
    assert "giữ 90 ngày, đến Thứ Năm, 25/02/2027, 11:30" in out
    assert "Đến hạn xóa: 0 đại biểu, 1 tài khoản chat" in out  # the guest, unseen 90 days
    with time_machine.travel(DUE + timedelta(days=1), tick=False):
        assert await asyncio.to_thread(main, ["purge", "--dry-run"]) == 0
        assert "Đến hạn xóa: 3 đại biểu, 4 tài khoản chat" in capsys.readouterr().out
        assert await db.scalar("SELECT count(*) FROM delegates") == 3
        assert await asyncio.to_thread(main, ["purge"]) == 0
    assert "Đã xóa dữ liệu cá nhân của 3 đại biểu và 4 tài khoản chat" in capsys.readouterr().out
    assert await db.scalar("SELECT count(*) FROM delegates") == 0
    assert await db.scalar("SELECT channel FROM audit_log WHERE action = 'purge'") == "cli"


async def test_the_running_bot_purges_at_start_and_every_night(
    db: Database, tmp_path: Path
) -> None:
    await fill(db)
    with time_machine.travel(DUE + timedelta(days=3), tick=True):
        async with running_bot(db, tmp_path) as bot:
            assert await db.scalar("SELECT count(*) FROM delegates") == 0
            job = bot.runtime.scheduler.scheduler.get_job("daily")
            assert job is not None
            assert job.next_run_time == datetime(2027, 2, 28, 20, 5, tzinfo=UTC)  # 03:05 in VN
            await register(db, 1005, "Vũ Thị Em", (25279, "Xã Lộc Tấn"), "mttq", NOW)
            await bot.runtime.scheduler.run_daily()  # what the job runs
            assert await db.scalar("SELECT count(*) FROM delegates") == 0


async def test_a_failing_daily_job_is_logged_and_the_bot_runs_on(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with running_bot(db, tmp_path) as bot:
        await fill(db)
        before = await counts(db)
        # the purge fails at its last step, after counting and deleting much
        if db.dialect == "postgresql":
            await db.write(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "'BEGIN RAISE EXCEPTION ''no''; END'"
            )
            await db.write(
                "CREATE TRIGGER refuse BEFORE DELETE ON delegates "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
        else:
            await db.write(
                "CREATE TRIGGER refuse BEFORE DELETE ON delegates "
                "BEGIN SELECT RAISE(ABORT, 'no'); END"
            )
        with time_machine.travel(DUE + timedelta(days=1), tick=True):
            await bot.runtime.scheduler.run_daily()
        assert "the daily job failed" in caplog.text
        assert await counts(db) == before  # all or nothing: rolled back whole
        assert await db.scalar("SELECT count(*) FROM session_tallies") == 0
        assert bot.runtime.scheduler.alive


async def test_a_session_still_waiting_for_its_date_keeps_the_series_open(db: Database) -> None:
    """Seed 002's "thời gian cụ thể sẽ có thông báo sau": until the date is set, the series has
    not ended, however long it waits; only the unregistered idle account goes."""
    await fill(db)
    await db.write(
        "UPDATE sessions SET starts_at = '', ends_at = '' WHERE id = '2026-11-thanh-pho'"
    )
    before = await counts(db)
    later = DUE + timedelta(days=800)
    assert await Retention(db).due(later) == PurgeCounts(0, 1)
    assert await Retention(db).purge(later) == PurgeCounts(0, 1)
    # and an import row held back, undecided for longer than the retention days
    assert await counts(db) == {**before, "accounts": 3, "conversations": 0, "import_conflicts": 0}
