"""Two series in one database, end to end: Đồng Nai (plans/dong-nai-2026.yaml) and Lạng Sơn
(plans/lang-son-2024.yaml, its one session dated here with /datngay's storage step).

Each gets its reminders at its own times; a Đồng Nai city-level delegate is no Lạng Sơn
invitee; one person invited to both answers for each; `hoinghi plan list/archive`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from bot.app import load_plan
from bot.cli import main
from bot.config import DEFAULT_PLAN
from storage.db import Database
from storage.import_rows import ImportedPerson
from storage.imports import ImportRepository
from storage.people import DelegateRepository
from storage.plans import PlanRepository
from storage.roles import Reach
from tests.conftest import AGREE, ORGANISER_ID, Bot, Chat, running_bot, travel
from tests.dashboard_helpers import base_url, client, logged_in

LANG_SON = DEFAULT_PLAN.parent / "lang-son-2024.yaml"
LS_SESSION = "2024-08-danh-gia-15-nam"
LS_ID = "lang-son-2024-pgcm-15-nam"
DN_ID = "dong-nai-2026-bien-gioi"
LS_START = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)  # 08:00 local, set as /datngay would
DN_CITY_START = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)
DN_TITLE = "Việt Nam - Campuchia năm 2026"  # the end of Đồng Nai's series title
LS_TITLE = "trên địa bàn tỉnh Lạng Sơn"  # the end of Lạng Sơn's


@pytest.fixture
async def two(db: Database, tmp_path: Path, clock: time_machine.Coordinates) -> AsyncIterator[Bot]:
    """The bot on Đồng Nai (loaded first, series number 1) and Lạng Sơn (number 2)."""
    report, errors = await load_plan(db, LANG_SON)
    assert report is not None, errors
    now = datetime.now(UTC)
    await PlanRepository(db).set_time(LS_SESSION, LS_START, LS_START + timedelta(hours=4), now)
    async with running_bot(db, tmp_path, dashboard=True) as bot:
        yield bot


async def register_city_level(chat: Chat, payload: str) -> None:
    """Through a unit's invite link (a city-level category): name, position, phone."""
    await chat.start(payload)
    await chat.send(chat.user.first_name)
    await chat.send("Chuyên viên")
    await chat.send("Bỏ qua", replies=2)


async def account_of(bot: Bot, chat: Chat) -> int:
    found = await bot.db.scalar(
        "SELECT id FROM accounts WHERE external_id = ?", (str(chat.user.id),)
    )
    return int(str(found))


async def reminders_to(bot: Bot, chat: Chat, session_id: str) -> int:
    found = await bot.db.scalar(
        "SELECT count(*) FROM outbox WHERE account_id = ? AND kind = 'reminder' "
        "AND status != 'skipped' AND dedup_key LIKE ?",
        (await account_of(bot, chat), f"%{session_id}%"),
    )
    return int(str(found))


async def test_both_series_remind_at_their_times_and_keep_their_people_apart(
    two: Bot, clock: time_machine.Coordinates
) -> None:
    dong_nai, lang_son = two.chat(4001, "Lê Văn Cường"), two.chat(4002, "Hoàng Thị Mai")
    await register_city_level(dong_nai, "u-so-nganh")  # an old link: Đồng Nai's category
    await register_city_level(lang_son, "s2_u-so-ngoai-vu")
    series = await two.db.fetch_all(
        "SELECT d.full_name, d.series_id FROM delegates d ORDER BY d.id"
    )
    assert [tuple(row) for row in series] == [
        ("Lê Văn Cường", "dong-nai-2026-bien-gioi"),
        ("Hoàng Thị Mai", "lang-son-2024-pgcm-15-nam"),
    ]
    scheduler = two.runtime.scheduler
    # 19/11 12:00 UTC: Lạng Sơn's 7-day reminder is due (24/11); Đồng Nai's comes on 20/11
    assert await scheduler.wake() == 1
    (first,) = await two.server.wait_for(lang_son.user.id)
    assert "còn 5 ngày" in (first.text or "") and LS_TITLE in (first.text or "")
    assert scheduler.next_wake() == DN_CITY_START - timedelta(days=7, minutes=1)  # early

    await travel(clock, DN_CITY_START - timedelta(days=7, seconds=-30))
    assert await scheduler.wake() == 2  # Đồng Nai's reminder and its map pin, to Cường only
    text, _pin = await two.server.wait_for(dong_nai.user.id, 2)
    assert "còn 7 ngày" in (text.text or "") and DN_TITLE in (text.text or "")

    await travel(clock, LS_START - timedelta(days=1, seconds=-10))
    assert await scheduler.wake() == 1
    (tomorrow,) = await two.server.wait_for(lang_son.user.id)
    assert "ngày mai" in (tomorrow.text or "")

    # the Đồng Nai city-level delegate is no Lạng Sơn invitee, nor the other way round
    assert await reminders_to(two, dong_nai, LS_SESSION) == 0
    assert await reminders_to(two, lang_son, "2026-11-thanh-pho") == 0
    assert await reminders_to(two, lang_son, LS_SESSION) == 2


async def test_one_person_invited_to_both_answers_for_each(
    two: Bot, clock: time_machine.Coordinates
) -> None:
    chat = two.chat(4003, "Phạm Quốc Hùng")
    await register_city_level(chat, "u-so-nganh")
    joining, consent = await chat.send("/start s2_u-so-ngoai-vu", replies=2)
    assert "đăng ký thêm" in (joining.text or "") and LS_TITLE in (joining.text or "")
    done, summary = await chat.press(consent, AGREE, replies=2)
    assert "Cảm ơn" in (done.text or "") and "cơ quan cấp tỉnh" in (summary.text or "")
    rows = await two.db.fetch_all(
        "SELECT id, series_id, person_id, full_name, phone FROM delegates ORDER BY id"
    )
    (first, second) = [tuple(row) for row in rows]
    assert second[1:] == ("lang-son-2024-pgcm-15-nam", first[0], *first[3:])
    linked = await two.db.scalar(
        "SELECT delegate_id FROM accounts WHERE external_id = ?", (str(chat.user.id),)
    )
    assert linked == first[0]  # the account stays linked to the person's first row

    schedule = await chat.send("/lichcuatoi", replies=2)  # Đồng Nai, then Lạng Sơn
    texts = "\n".join(message.text or "" for message in schedule)
    assert DN_TITLE in texts and LS_TITLE in texts

    dn_choice, ls_choice = await chat.send("/xacnhan", replies=2)  # one session in each
    assert DN_TITLE in (dn_choice.text or "") and LS_TITLE in (ls_choice.text or "")

    scheduler = two.runtime.scheduler
    assert await scheduler.wake() == 1
    (reminder,) = await two.server.wait_for(chat.user.id)
    (recorded,) = await chat.press(reminder, "✅ Tham dự")
    assert "tham dự" in (recorded.text or "") and LS_TITLE in (recorded.text or "")

    await travel(clock, DN_CITY_START - timedelta(days=7, seconds=-30))
    assert await scheduler.wake() == 2
    dn_reminder, _pin = await two.server.wait_for(chat.user.id, 2)
    (ask_reason,) = await chat.press(dn_reminder, "❌ Vắng mặt")
    assert "lý do" in (ask_reason.text or "")
    await chat.send("Đi công tác")
    answers = await two.db.fetch_all(
        "SELECT session_id, delegate_id, answer FROM attendance ORDER BY session_id"
    )
    assert [tuple(row) for row in answers] == [
        (LS_SESSION, second[0], "in_person"),
        ("2026-11-thanh-pho", first[0], "absent"),
    ]
    # a session moved in one series is announced by its series' name
    num = await two.db.scalar("SELECT num FROM sessions WHERE id = ?", (LS_SESSION,))
    (done,) = await two.chat(ORGANISER_ID, "Ban Tổ Chức").send(
        f"/datngay {num} 25/11/2026 14:00-17:00"
    )
    assert "Đã gửi thông báo tới 1 đại biểu" in (done.text or "")
    (notice,) = await two.server.wait_for(chat.user.id)
    assert "Lịch thay đổi: Hội nghị đánh giá 15 năm" in (notice.text or "")
    assert f"{LS_TITLE})" in (notice.text or "")
    # the person's name is theirs in both series; /xoa erases both registrations
    await DelegateRepository(two.db).update(
        second[0], {"full_name": "Phạm Quốc Hưng"}, datetime.now(UTC)
    )
    names = await two.db.fetch_all("SELECT full_name FROM delegates ORDER BY id")
    assert [row[0] for row in names] == ["Phạm Quốc Hưng", "Phạm Quốc Hưng"]
    await DelegateRepository(two.db).erase(second[0])
    assert await two.db.scalar("SELECT count(*) FROM delegates") == 0
    assert await two.db.scalar("SELECT count(*) FROM accounts WHERE delegate_id IS NOT NULL") == 0


async def test_a_plain_start_asks_which_series(two: Bot) -> None:
    chat = two.chat(4004, "Vi Văn Sơn")
    (which,) = await chat.send("/start")
    assert [label for label, _ in which.inline_buttons] == ["Đồng Nai", "Lạng Sơn"]
    welcome, consent = await chat.press(which, "Lạng Sơn", replies=2)
    assert LS_TITLE in (welcome.text or "")
    (ask_commune,) = await chat.press(consent, AGREE)
    assert "Lạng Sơn" in (ask_commune.text or "")


async def test_plan_list_and_archive(
    two: Bot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    assert await asyncio.to_thread(main, ["plan", "list"]) == 0
    listed = capsys.readouterr().out
    assert "1. dong-nai-2026-bien-gioi — đang hoạt động" in listed
    assert "2. lang-son-2024-pgcm-15-nam — đang hoạt động" in listed
    assert await asyncio.to_thread(main, ["plan", "archive", "lang-son-2024-pgcm-15-nam"]) == 0
    assert "Đã lưu trữ" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["plan", "archive", "lang-son-2024-pgcm-15-nam"]) == 1
    assert await asyncio.to_thread(main, ["plan", "list"]) == 0
    assert "2. lang-son-2024-pgcm-15-nam — đã lưu trữ" in capsys.readouterr().out

    two.runtime.core.services.plans.invalidate()
    # archived: no reminders (its 7-day one was due), Đồng Nai's still come
    assert await two.runtime.scheduler.wake() == 0
    assert two.runtime.scheduler.next_wake() == DN_CITY_START - timedelta(days=7)  # nobody
    # loading Lạng Sơn's plan again reopens it and leaves Đồng Nai as it was
    report, _ = await load_plan(two.db, LANG_SON)
    assert report is not None
    two.runtime.core.services.plans.invalidate()
    assert [p.series.id for p in await two.runtime.core.services.plans.all()] == [
        "dong-nai-2026-bien-gioi",
        "lang-son-2024-pgcm-15-nam",
    ]


async def test_the_dashboard_shows_each_series(two: Bot) -> None:
    base = base_url(two)
    ls_num = await two.db.scalar("SELECT num FROM sessions WHERE id = ?", (LS_SESSION,))
    async with client() as browser:
        await logged_in(two, browser)
        async with browser.get(f"{base}/") as first:
            overview = await first.text()
        assert DN_TITLE in overview and 'href="/?series=2"' in overview
        async with browser.get(f"{base}/?series=2") as second:
            assert LS_TITLE in await second.text()
        async with browser.get(f"{base}/session/{ls_num}") as page:
            assert page.status == 200 and LS_TITLE in await page.text()


async def test_a_personal_link_of_another_series_adds_that_series(two: Bot) -> None:
    chat = two.chat(4005, "Nông Văn Tài")
    await register_city_level(chat, "u-so-nganh")
    person = ImportedPerson(2, "Nông Văn Tài", "Chuyên viên", "so-ngoai-vu", "", None, None, "")
    now = datetime.now(UTC)
    (stored,) = await ImportRepository(two.db).store([person], now, series_id=LS_ID)
    claimed, _summary = await chat.send(f"/start p-{stored.claim_code}", replies=2)
    assert "Nông Văn Tài" in (claimed.text or "")
    rows = await two.db.fetch_all("SELECT id, series_id, person_id FROM delegates ORDER BY id")
    (first, second) = [tuple(row) for row in rows]
    assert second == (stored.delegate_id, LS_ID, first[0])


async def test_a_question_about_another_series_is_answered_there(two: Bot) -> None:
    """A person acting in one series asks about a commune or the province of another: the
    other series answers, under its title, and a follow-up is read there too. Before, the
    acting series said it had no session in Lạng Sơn, or listed its own sessions."""
    stranger = two.chat(4005, "Đinh Văn Tú")  # no series yet: Đồng Nai's, the first loaded
    (province,) = await stranger.send("hội nghị ở Lạng Sơn khi nào")
    assert (province.text or "").startswith("📌 Hội nghị")
    assert LS_TITLE in (province.text or "") and "Hội nghị cấp tỉnh" in (province.text or "")
    assert "không có hội nghị nào tại Lạng Sơn" not in (province.text or "")
    (own,) = await stranger.send("hội nghị tiếp theo")  # nothing named: the acting series
    assert "📌" not in (own.text or "") and "Hội nghị cấp thành phố" in (own.text or "")

    lang_son = two.chat(4006, "Hoàng Văn Nam")
    await register_city_level(lang_son, "s2_u-so-ngoai-vu")
    (commune,) = await lang_son.send("hoi nghi o xa Loc Tan khi nao")
    assert DN_TITLE in (commune.text or "") and "Hội nghị tại xã Lộc Tấn" in (commune.text or "")
    (where,) = await lang_son.send("ở đâu")  # the thread is Lộc Tấn's
    assert DN_TITLE in (where.text or "") and "Địa điểm: Hội trường UBND xã Lộc Tấn" in (
        where.text or ""
    )
    (mine,) = await lang_son.send("hội nghị tiếp theo")
    assert "📌" not in (mine.text or "") and "Hội nghị cấp tỉnh" in (mine.text or "")
    # a name both provinces have: their own province's commune, not Đồng Nai's Tân Tiến
    (own,) = await lang_son.send("xã Tân Tiến họp khi nào")
    assert "📌" not in (own.text or "") and "không có hội nghị nào tại xã Tân Tiến" in (
        own.text or ""
    )
    lang_son.user.press_raw(1, "qa:when:25279")  # a choice among Đồng Nai's communes
    (chosen,) = await two.server.wait_for(lang_son.user.id)
    assert DN_TITLE in (chosen.text or "") and "Hội nghị tại xã Lộc Tấn" in (chosen.text or "")


async def test_a_speaker_of_both_series_sees_and_acknowledges_each(two: Bot) -> None:
    """/lichbaocao lists the talks of every series one speaks in, each under its title; the
    "Đã nhận" of a reminder from the series they are not acting in is taken (it was refused as
    an expired button)."""
    roles, now = two.runtime.core.services.roles, datetime.now(UTC)
    for scope, series in (("speaker:bien-phong", DN_ID), ("speaker:so-ngoai-vu", LS_ID)):
        await roles.grant("telegram", "4010", "speaker", "test", now, scope, Reach(series))
    speaker = two.chat(4010, "Nông Văn Dũng")
    (agenda,) = await speaker.send("/lichbaocao")
    text = agenda.text or ""
    assert text.startswith("📌 Hội nghị tuyên truyền") and DN_TITLE in text
    assert "📌 Hội nghị đánh giá 15 năm" in text and LS_TITLE in text
    assert "Báo cáo viên Bộ đội Biên phòng" in text and "Lãnh đạo Sở Ngoại vụ" in text
    num = await two.db.scalar("SELECT num FROM sessions WHERE id = ?", (LS_SESSION,))
    speaker.user.press_raw(1, f"sp:ok:{num}:so-ngoai-vu")
    (acked,) = await two.server.wait_for(speaker.user.id)
    assert "đã ghi nhận" in (acked.text or "") and "Hội nghị cấp tỉnh" in (acked.text or "")
    admin = two.chat(ORGANISER_ID, "Ban Tổ Chức")  # /duyetbai: each series the admin reaches
    dong_nai, lang_son = await admin.send("/duyetbai", replies=2)
    assert DN_TITLE in (dong_nai.text or "") and LS_TITLE in (lang_son.text or "")
    assert "⬜ Báo cáo viên Bộ đội Biên phòng: chưa gửi\n" in (dong_nai.text or "")
    assert "⬜ Lãnh đạo Sở Ngoại vụ: chưa gửi\n" in (lang_son.text or "")


async def test_deadlines_of_another_series_are_listed_and_marked_there(two: Bot) -> None:
    """A unit's focal point in both series acts in Đồng Nai's, which owes nothing: /hanchot
    lists what Lạng Sơn's owes them (it said the plan had no deadline), and the "Đã xong" of
    Lạng Sơn's overdue notice marks it done there, with the file (the button named no series,
    and was read in Đồng Nai's plan)."""
    roles, now = two.runtime.core.services.roles, datetime.now(UTC)
    for scope, series in (("unit:mttq", DN_ID), ("unit:so-ngoai-vu", LS_ID)):
        await roles.grant("telegram", "4020", "focal", "test", now, scope, Reach(series))
    owner = two.chat(4020, "Lý Thị Hoa")
    owed = await owner.send("/hanchot", replies=4)  # the four items of Sở Ngoại vụ
    first = owed[0].text or ""
    assert first.startswith("📌 Hội nghị đánh giá 15 năm") and LS_TITLE in first
    assert "tiêu chí, tiêu chuẩn, đề xuất khen thưởng" in first
    assert all(item.inline_buttons[0][0] == "✅ Đã xong" for item in owed)

    await two.runtime.scheduler.wake()  # Lạng Sơn's deadlines of 2024 are long overdue
    notices = await two.server.wait_for(owner.user.id, 4)
    overdue = next(n for n in notices if "tiêu chí" in (n.text or ""))
    assert "Đã quá hạn" in (overdue.text or "")
    (ask,) = await owner.press(overdue, "✅ Đã xong")
    assert "Anh/chị gửi tệp" in (ask.text or "")
    owner.user.send_document("tieu-chi.pdf", b"%PDF-1.4 tieu chi", "application/pdf")
    (marked,) = await two.server.wait_for(owner.user.id)
    assert "Đã ghi nhận hoàn thành" in (marked.text or "")
    done = await two.db.fetch_all("SELECT series_id, deadline_id, done_by FROM deadlines_done")
    assert [tuple(row) for row in done] == [(LS_ID, "tieu-chi-khen-thuong", "telegram:4020")]
    # a speaker of Lạng Sơn's too: a draft sent while acting in Đồng Nai is Lạng Sơn's
    speaker = "speaker:so-ngoai-vu"
    await roles.grant("telegram", "4020", "speaker", "test", now, speaker, Reach(LS_ID))
    owner.user.send_document("bai.pdf", b"%PDF-1.4 bai", "application/pdf")
    (received,) = await two.server.wait_for(owner.user.id)
    assert "Đã nhận bản thảo lần 1" in (received.text or "")
    drafts = await two.db.fetch_all("SELECT series_id, speaker_id FROM drafts")
    assert [tuple(row) for row in drafts] == [(LS_ID, "so-ngoai-vu")]


async def test_a_commune_whose_session_is_in_the_other_series_of_the_province(
    db: Database, tmp_path: Path
) -> None:
    """Two series of Đồng Nai: the first has no session in xã Tân Lợi, the second has one.
    Asked in the first, the question is answered by the second (the first said there was no
    session there)."""
    header = DEFAULT_PLAN.read_text(encoding="utf-8").split("\nsessions:\n")[0]
    second = tmp_path / "tong-ket.yaml"
    second.write_text(
        header.replace("id: dong-nai-2026-bien-gioi", "id: dong-nai-2026-tong-ket").replace(
            "title: Hội nghị tuyên truyền", "title: Hội nghị tổng kết tuyên truyền"
        )
        + TAN_LOI_SESSION,
        encoding="utf-8",
    )
    report, errors = await load_plan(db, second)
    assert report is not None, errors
    async with running_bot(db, tmp_path) as bot:
        chat = bot.chat(4030, "Trần Văn Lợi")
        (answer,) = await chat.send("xa tan loi hop khi nao")
        assert (answer.text or "").startswith("📌 Hội nghị tổng kết tuyên truyền")
        assert "Hội nghị tại xã Tân Lợi: Thứ Năm, 10/12/2026" in (answer.text or "")
        (here,) = await chat.send("xã Lộc Tấn họp khi nào")  # the first series' own
        assert "📌" not in (here.text or "") and "xã Lộc Tấn" in (here.text or "")
        chat.user.press_raw(1, "qa:when:25378")  # Tân Lợi, which both series' directories have
        (chosen,) = await bot.server.wait_for(chat.user.id)
        assert (chosen.text or "").startswith("📌 Hội nghị tổng kết tuyên truyền")


TAN_LOI_SESSION = """
sessions:
  - {id: 2026-12-tan-loi, level: commune, commune: Xã Tân Lợi, start: 2026-12-10 08:00,
     end: 2026-12-10 11:30, expected: {min: 150, max: 200},
     venue: {name: Hội trường UBND xã Tân Lợi, address: Trụ sở UBND xã Tân Lợi}}
"""
