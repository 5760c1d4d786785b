"""Issue 15, item 3: roles scoped by series and by province, with Đồng Nai's and Lạng Sơn's
plans in one database: `hoinghi roles grant --series/--province` (and the old lines while one
series exists), a refusal that names the series, the audit of it, and deadline ids that two
plans share. The matrix of every command × role across two series is in
test_authorisation_matrix.py."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

import pytest

from bot.app import load_plan
from bot.cli import main
from bot.config import DEFAULT_PLAN
from storage.db import Database
from storage.deadlines import DeadlineRepository
from storage.documents import DocumentRepository
from storage.people import AccountRepository, DelegateRepository
from storage.roles import Reach, RoleRepository
from storage.schema import migrations
from tests.backends import continue_numbering
from tests.conftest import NOW, ORGANISER_ID, Bot, running_bot
from tests.dashboard_helpers import client, get, logged_in

ROOT = Path(__file__).resolve().parent.parent
LANG_SON_PLAN = ROOT / "plans" / "lang-son-2024.yaml"
DONG_NAI = "dong-nai-2026-bien-gioi"
LANG_SON = "lang-son-2024-pgcm-15-nam"


async def _cli(*argv: str) -> int:
    return await asyncio.to_thread(main, list(argv))


async def _reaches(database: Path, user: str) -> set[tuple[str, str, str]]:
    db = await Database.open(database)
    try:
        rows = await db.fetch_all(
            "SELECT role, series_id, province FROM roles WHERE external_id = ?", (user,)
        )
    finally:
        await db.close()
    return {(str(r["role"]), str(r["series_id"]), str(r["province"])) for r in rows}


async def test_cli_grants_within_a_series_or_a_province(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(database))
    assert await _cli("plan", "load", str(DEFAULT_PLAN)) == 0
    # One series: yesterday's command line grants within it.
    assert await _cli("roles", "grant", "telegram:501", "focal", "--scope", "unit:mttq") == 0
    assert await _reaches(database, "501") == {("focal", DONG_NAI, "")}

    assert await _cli("plan", "load", str(LANG_SON_PLAN)) == 0
    capsys.readouterr()
    # Two series: an organiser must be told which.
    assert await _cli("roles", "grant", "telegram:502", "organiser") == 2
    refused = capsys.readouterr().err
    assert "--series" in refused and LANG_SON in refused and DONG_NAI in refused
    assert await _reaches(database, "502") == set()
    assert await _cli("roles", "grant", "telegram:502", "organiser", "--series", LANG_SON) == 0
    assert await _cli("roles", "grant", "telegram:503", "organiser", "--province", "lang son") == 0
    assert await _cli("roles", "grant", "telegram:504", "admin") == 0
    assert await _cli("roles", "grant", "telegram:505", "organiser", "--series", "khong-co") == 2
    assert await _cli("roles", "grant", "telegram:505", "organiser", "--province", "Hà Giang") == 2
    assert await _reaches(database, "502") == {("organiser", LANG_SON, "")}
    assert await _reaches(database, "503") == {("organiser", "", "Lạng Sơn")}
    assert await _reaches(database, "504") == {("admin", "", "")}
    assert await _reaches(database, "505") == set()

    capsys.readouterr()
    assert await _cli("roles", "list") == 0
    listed = capsys.readouterr().out
    assert f"telegram:502\torganiser\t\tđợt hội nghị {LANG_SON}\t" in listed
    assert "telegram:503\torganiser\t\tmọi đợt hội nghị của tỉnh Lạng Sơn\t" in listed
    assert "telegram:504\tadmin\t\ttoàn hệ thống\t" in listed

    # Revoking in one series leaves the other; without --series it revokes everywhere.
    grant = ("roles", "grant", "telegram:501", "focal", "--scope", "unit:mttq")
    assert await _cli(*grant, "--series", LANG_SON) == 0
    assert await _cli("roles", "revoke", "telegram:501", "focal", "--series", DONG_NAI) == 0
    assert await _reaches(database, "501") == {("focal", LANG_SON, "")}
    assert (
        await _cli(
            "roles", "grant", "telegram:501", "focal", "--scope", "unit:mttq", "--series", DONG_NAI
        )
        == 0
    )
    assert await _cli("roles", "revoke", "telegram:501", "focal") == 0
    assert await _reaches(database, "501") == set()


async def test_a_role_of_another_series_is_refused_by_name_and_audited(bot: Bot) -> None:
    roles = bot.runtime.core.services.roles
    await roles.grant("telegram", "601", "organiser", "test", NOW, reach=Reach(series_id=LANG_SON))
    await roles.grant("telegram", "602", "organiser", "test", NOW, reach=Reach(series_id=DONG_NAI))
    lang_son = bot.chat(601, "Ban tổ chức Lạng Sơn")
    dong_nai = bot.chat(602, "Ban tổ chức Đồng Nai")

    for command in ("/tonghop", "/dashboard", "/thongbao", "/moi dau-moi Lộc Tấn"):
        (refused,) = await lang_son.send(command)
        assert "không áp dụng cho Hội nghị tuyên truyền" in (refused.text or ""), command
    (mine,) = await lang_son.send("/quyen")
    assert f"Ban tổ chức — đợt hội nghị {LANG_SON}" in (mine.text or "")
    (rollup,) = await dong_nai.send("/tonghop")
    assert "không áp dụng" not in (rollup.text or "") and rollup.inline_buttons

    rows = await bot.db.fetch_all(
        "SELECT actor, details FROM audit_log WHERE action = 'refused_other_series' ORDER BY id"
    )
    assert [str(row["actor"]) for row in rows] == ["601"] * 4
    assert json.loads(rows[0]["details"]) == {"what": "a roll-up request", "series": DONG_NAI}
    assert await bot.db.scalar("SELECT count(*) FROM role_invites") == 0


async def test_an_invite_grants_within_the_inviters_series(bot: Bot) -> None:
    roles = bot.runtime.core.services.roles
    await roles.grant("telegram", "611", "organiser", "test", NOW, reach=Reach(province="Đồng Nai"))
    (invite,) = await bot.chat(611, "Ban tổ chức").send("/moi dau-moi mttq")
    code = (invite.text or "").split("start=")[1].split()[0]
    await bot.chat(612, "Đầu mối").send(f"/start {code}")
    assert [(g.role, g.scope, g.reach) for g in await roles.of("telegram", "612")] == [
        ("focal", "unit:mttq", Reach(series_id=DONG_NAI))
    ]


async def test_a_deadline_id_two_plans_share_is_done_in_one_series_only(db: Database) -> None:
    deadlines = DeadlineRepository(db)
    assert await deadlines.mark_done(DONG_NAI, "bao-cao-don-vi", "telegram:1", NOW)
    assert not await deadlines.mark_done(DONG_NAI, "bao-cao-don-vi", "telegram:2", NOW)
    assert await deadlines.done(LANG_SON) == {}
    assert await deadlines.mark_done(LANG_SON, "bao-cao-don-vi", "telegram:3", NOW)
    assert (await deadlines.done(LANG_SON))["bao-cao-don-vi"].done_by == "telegram:3"
    assert (await deadlines.done(DONG_NAI))["bao-cao-don-vi"].done_by == "telegram:1"


async def _delegate(
    db: Database, user_id: int, name: str, category: str, series: str, commune: int | None = None
) -> int:
    account = await AccountRepository(db).touch("telegram", str(user_id), str(user_id), "", NOW)
    values = {
        "commune_code": commune,
        "commune_name": "Xã Lộc Tấn" if commune else None,
        "full_name": name,
        "position": "Chuyên viên",
        "category_code": category,
        "series_id": series,
    }
    return (await DelegateRepository(db).register(account.id, values, NOW)).id


async def test_a_lang_son_organiser_sees_nothing_of_dong_nai(db: Database, tmp_path: Path) -> None:
    """Both plans live in one database: Lạng Sơn's organiser (granted for the province) works
    in Lạng Sơn's series, in the chat and on the dashboard, and never sees Đồng Nai's sessions,
    delegates or broadcasts' people; a Đồng Nai session asked for by number is refused."""
    report, errors = await load_plan(db, LANG_SON_PLAN)
    assert report is not None, errors
    async with running_bot(db, tmp_path, dashboard=True) as bot:
        services = bot.runtime.core.services
        services.plans.invalidate()
        dong_nai = await services.plans.of_series(DONG_NAI)
        lang_son = await services.plans.of_series(LANG_SON)
        assert dong_nai is not None and lang_son is not None
        theirs = await _delegate(db, 7001, "Người Đồng Nai", "thon-ap", DONG_NAI, 25279)
        await _delegate(db, 7002, "Người Lạng Sơn", "so-ngoai-vu", LANG_SON)
        await services.roles.grant(
            "telegram", "701", "organiser", "test", NOW, reach=Reach(province="Lạng Sơn")
        )
        organiser = bot.chat(701, "Ban tổ chức Lạng Sơn")

        (picker,) = await organiser.send("/tonghop")
        shown = {data for _, data in picker.inline_buttons}
        assert shown == {f"th:{s.num}" for s in lang_son.series.sessions}
        # A deployment-wide admin picks among the sessions of both, under each series' title.
        first, second = await bot.chat(ORGANISER_ID, "Quản trị").send("/tonghop", replies=2)
        assert (first.text or "").startswith(f"📌 {dong_nai.series.title}")
        assert (second.text or "").startswith(f"📌 {lang_son.series.title}")
        assert {data for _, data in second.inline_buttons} == shown
        city = next(s for s in dong_nai.series.sessions if s.level == "city")
        (refused,) = await organiser.send(f"/tonghop {city.num}")
        assert "không áp dụng cho Hội nghị tuyên truyền" in (refused.text or "")
        audit = await db.fetch_all(
            "SELECT details FROM audit_log WHERE action = 'refused_other_series'"
        )
        assert [json.loads(row["details"])["series"] for row in audit] == [DONG_NAI]

        await organiser.send("/thongbao")
        (choose,) = await organiser.send("Họp trực tuyến lúc 14 giờ.")
        (preview,) = await organiser.press(choose, "👥 Tất cả đại biểu")
        assert "Số người: 1 " in (preview.text or ""), preview.text
        await organiser.press(preview, "✅ Gửi")
        await services.roles.grant(
            "telegram", "702", "organiser", "test", NOW, reach=Reach(series_id=DONG_NAI)
        )

        base = bot.runtime.dashboard.base_url if bot.runtime.dashboard else ""
        async with client() as browser:
            await logged_in(bot, browser, 701)
            status, overview = await get(browser, f"{base}/")
            assert status == 200 and "15 năm" in overview
            assert "Lộc Tấn" not in overview and "Đồng Nai" not in overview
            status, people = await get(browser, f"{base}/delegates")
            assert "Người Lạng Sơn" in people and "Người Đồng Nai" not in people
            assert "Lộc Tấn" not in people  # nor in the communes to filter by
            assert (await get(browser, f"{base}/delegate/{theirs}"))[0] == 403
            assert (await get(browser, f"{base}/session/{city.num}"))[0] == 403
            assert (await get(browser, f"{base}/?series={dong_nai.series.num}"))[0] == 403
            assert 'href="/?series=' not in overview  # no other series of theirs to link to
            assert "Họp trực tuyến" in (await get(browser, f"{base}/broadcasts"))[1]
        async with client() as browser:  # Đồng Nai's organiser sees nothing of that broadcast
            await logged_in(bot, browser, 702)
            assert "Họp trực tuyến" not in (await get(browser, f"{base}/broadcasts"))[1]
        async with client() as browser:  # a deployment-wide admin switches between the two
            await logged_in(bot, browser, ORGANISER_ID)
            overview = (await get(browser, f"{base}/"))[1]
            assert "Lộc Tấn" in overview and f'href="/?series={lang_son.series.num}"' in overview
            assert "Lộc Tấn" not in (await get(browser, f"{base}/?series={lang_son.series.num}"))[1]
            # the choice stays for the next pages
            overview = (await get(browser, f"{base}/"))[1]
            assert (
                "Lộc Tấn" not in overview and f'href="/?series={dong_nai.series.num}"' in overview
            )


def _database_before(path: Path, version: int) -> sqlite3.Connection:
    """A SQLite database at the schema before migration `version`, made with the migrations
    themselves (a connection, to add what main wrote then)."""
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"
    )
    for migration in migrations("sqlite"):
        if migration.version < version:
            connection.executescript(migration.sql)
            connection.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, '2026-11-01T00:00:00Z')",
                (migration.version, migration.name),
            )
    return connection


def _database_before_scoped_roles(path: Path) -> None:
    """A database at the schema before migration 0029 with one series loaded (Đồng Nai's),
    the grants and the deadline mark main wrote: made with the migrations themselves."""
    with _database_before(path, 29) as connection:
        connection.execute(
            "INSERT INTO series (id, title, province, organiser, timezone, reminder_offsets, "
            "loaded_at) VALUES (?, 'Hội nghị', 'Đồng Nai', 'UBND', 'Asia/Ho_Chi_Minh', '[]', "
            "'2026-11-01T00:00:00Z')",
            (DONG_NAI,),
        )
        grants = [
            ("9001", "admin", "", "ADMIN_IDS"),
            ("3003", "organiser", "", "cli:root"),
            ("3001", "focal", "commune:25279", "telegram:9001"),
            ("3002", "speaker", "speaker:bien-phong", "telegram:9001"),
        ]
        connection.executemany(
            "INSERT INTO roles (channel, external_id, role, scope, granted_by, granted_at) "
            "VALUES ('telegram', ?, ?, ?, ?, '2026-11-01T00:00:00Z')",
            grants,
        )
        connection.execute(
            "INSERT INTO role_invites (code, role, scope, created_by, created_at) "
            "VALUES ('old-code', 'focal', 'unit:mttq', 'telegram:9001', '2026-11-01T00:00:00Z')"
        )
        connection.execute(
            "INSERT INTO deadlines_done (deadline_id, done_at, done_by) "
            "VALUES ('bao-cao', '2026-11-02T00:00:00.000000Z', 'telegram:3001')"
        )


async def test_upgrade_keeps_every_grant_within_the_one_series(
    tmp_path: Path, frozen_now: None
) -> None:
    path = tmp_path / "old.sqlite3"
    _database_before_scoped_roles(path)
    db = await Database.open(path)
    try:
        rows = await db.fetch_all(
            "SELECT external_id, role, scope, series_id, province, granted_by FROM roles "
            "ORDER BY external_id"
        )
        assert [tuple(row) for row in rows] == [
            ("3001", "focal", "commune:25279", DONG_NAI, "", "telegram:9001"),
            ("3002", "speaker", "speaker:bien-phong", DONG_NAI, "", "telegram:9001"),
            ("3003", "organiser", "", DONG_NAI, "", "cli:root"),
            ("9001", "admin", "", "", "", "ADMIN_IDS"),  # deployment-wide, as before
        ]
        roles = RoleRepository(db)
        invite = await roles.use_invite("old-code", "telegram:4000", NOW)
        assert invite is not None and invite.reach == Reach(series_id=DONG_NAI)
        done = await DeadlineRepository(db).done(DONG_NAI)
        assert done["bao-cao"].done_by == "telegram:3001"
    finally:
        await db.close()


async def test_a_reviewer_of_lang_son_cannot_review_a_dong_nai_draft(
    db: Database, tmp_path: Path
) -> None:
    report, errors = await load_plan(db, LANG_SON_PLAN)
    assert report is not None, errors
    draft = await DocumentRepository(db).add_draft(
        DONG_NAI, "trung-uong", "bai.docx", b"PK draft", "telegram:1", NOW
    )
    async with running_bot(db, tmp_path) as bot:
        roles = bot.runtime.core.services.roles
        await roles.grant("telegram", "801", "reviewer", "test", NOW, reach=Reach(LANG_SON))
        reviewer = bot.chat(801, "Người duyệt Lạng Sơn")
        reviewer.user.press_raw(1, f"rv:ok:{draft.id}")
        (answer,) = await bot.server.wait_for(801)
        assert "Đạt" not in (answer.text or "")
        status = await db.scalar("SELECT status FROM drafts WHERE id = ?", (draft.id,))
        assert status == "review"
        audit = await db.scalar(
            "SELECT details FROM audit_log WHERE action = 'refused_other_series'"
        )
        assert json.loads(str(audit)) == {"what": "a draft review", "draft": draft.id}


async def test_two_series_with_the_same_speaker_id_keep_their_drafts_apart(
    db: Database, tmp_path: Path
) -> None:
    """Speaker ids are each plan's: Lạng Sơn's plan here calls its Sở Ngoại vụ speaker
    "bien-phong", as Đồng Nai's calls its border guard's. Each one's talk is numbered in its
    own series, and one's upload leaves the other's version in review (before, it replaced it
    and came out as version 2)."""
    shared = tmp_path / "lang-son.yaml"
    shared.write_text(
        LANG_SON_PLAN.read_text(encoding="utf-8").replace("id: so-ngoai-vu", "id: bien-phong"),
        encoding="utf-8",
    )
    report, errors = await load_plan(db, shared)
    assert report is not None, errors
    documents, lang_son = DocumentRepository(db), Reach(LANG_SON)
    speaker_scope = "speaker:bien-phong"
    dong_nai = await documents.add_draft(
        DONG_NAI, "bien-phong", "bai.pdf", b"%PDF-1.4 dn", "telegram:3002", NOW
    )
    async with running_bot(db, tmp_path) as bot:
        roles = bot.runtime.core.services.roles
        await roles.grant("telegram", "3005", "speaker", "test", NOW, speaker_scope, lang_son)
        await roles.grant("telegram", "3006", "reviewer", "test", NOW, reach=lang_son)
        # an organiser of Đồng Nai too: they act there, and review Lạng Sơn's drafts all the same
        await roles.grant("telegram", "3006", "organiser", "test", NOW, reach=Reach(DONG_NAI))
        reviewer = bot.chat(3006, "Người duyệt Lạng Sơn")
        await reviewer.send("/lich")  # their chat account, which the review is sent to
        speaker = bot.chat(3005, "Lãnh đạo Sở Ngoại vụ")
        speaker.user.send_document("bai-ls.pdf", b"%PDF-1.4 ls", "application/pdf")
        (received,) = await bot.server.wait_for(speaker.user.id)
        assert "Đã nhận bản thảo lần 1" in (received.text or "")
        (to_review,) = await bot.server.wait_for(3006)
        assert "Lãnh đạo Sở Ngoại vụ, lần 1" in (to_review.text or "")
        (approved,) = await reviewer.press(to_review, "✅ Đạt")
        assert "đạt" in (approved.text or "")
    assert (await documents.draft(dong_nai.id)) == dong_nai  # still in review, version 1
    latest = await documents.latest_drafts(LANG_SON)
    assert [(d.speaker_id, d.version, d.status) for d in latest.values()] == [
        ("bien-phong", 1, "approved")
    ]
    assert list(await documents.latest_drafts(DONG_NAI)) == ["bien-phong"]


# A database before migration 0045 (drafts by series), in SQL both backends read: both series,
# a speaker "bien-phong" granted in each, a draft sent by each of them and one by a sender
# without a grant; and the drafts' (document, series, version) once upgraded.
BEFORE_DRAFTS_BY_SERIES = [
    *(
        "INSERT INTO series (id, title, province, organiser, timezone, reminder_offsets, "
        f"loaded_at) VALUES ('{series}', 'Hội nghị', 'Tỉnh', 'UBND', 'Asia/Ho_Chi_Minh', '[]', "
        f"'2026-11-0{loaded}T00:00:00Z')"
        for series, loaded in ((DONG_NAI, 1), (LANG_SON, 2))
    ),
    *(
        "INSERT INTO roles (channel, external_id, role, scope, series_id, granted_by, "
        f"granted_at) VALUES ('telegram', '{user}', 'speaker', 'speaker:bien-phong', "
        f"'{series}', 'cli', '2026-11-01T00:00:00Z')"
        for user, series in (("3002", DONG_NAI), ("3005", LANG_SON))
    ),
    *(
        statement
        for number, sender in enumerate(("telegram:3002", "telegram:3005", "zalo:77"), 1)
        for statement in (
            "INSERT INTO documents (id, file_name, size, sha256, content, sent_by, sent_at) "
            f"VALUES ({number}, 'bai.pdf', 0, 'x', '', '{sender}', '2026-11-03T00:00:00Z')",
            "INSERT INTO drafts (id, speaker_id, version, document_id, status) "
            f"VALUES ({number}, 'bien-phong', {number}, {number}, 'replaced')",
        )
    ),
]
UPGRADED_DRAFTS = [
    (1, DONG_NAI, 1),
    (2, LANG_SON, 2),
    (3, LANG_SON, 3),  # no grant of the sender's: the series loaded last
]


async def upgraded_drafts(db: Database) -> list[tuple[object, ...]]:
    """The drafts once 0045 ran; a new version then goes on numbering in its series."""
    rows = await db.fetch_all("SELECT document_id, series_id, version FROM drafts ORDER BY id")
    await continue_numbering(db, "documents", "drafts")
    draft = await DocumentRepository(db).add_draft(
        DONG_NAI, "bien-phong", "v2.pdf", b"%PDF", "telegram:3002", NOW
    )
    return [*(tuple(row) for row in rows), (draft.id, draft.version)]


async def test_upgrade_puts_each_draft_in_its_senders_series(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with _database_before(path, 45) as connection:
        for statement in BEFORE_DRAFTS_BY_SERIES:
            connection.execute(statement)
    db = await Database.open(path)
    try:
        assert await upgraded_drafts(db) == [*UPGRADED_DRAFTS, (4, 2)]
    finally:
        await db.close()
