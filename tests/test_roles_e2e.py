"""Roles through one-time invites (/moi, /start r-<code>, /quyen), focal points' scoped
roll-up, refusals, `hoinghi roles` and `hoinghi invites`, end to end."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import DEFAULT_PLAN
from storage.db import Database
from tests.conftest import ORGANISER_ID, Bot, Chat
from tests.test_reminders_e2e import city_num, register_leader

LINK = re.compile(r"https://t\.me/\w+\?start=(r-[A-Za-z0-9_-]+)")


async def _invite(chat: Chat, args: str) -> tuple[str, bytes]:
    (reply,) = await chat.send(f"/moi {args}")
    found = LINK.search(reply.text or "")
    assert found, reply.text
    assert reply.upload is not None and reply.upload.content.startswith(b"\x89PNG")
    return found.group(1), reply.upload.content


async def _roles(bot: Bot, user_id: int) -> list[tuple[str, str]]:
    rows = await bot.db.fetch_all(
        "SELECT role, scope FROM roles WHERE channel = 'telegram' AND external_id = ?",
        (str(user_id),),
    )
    return [(str(r["role"]), str(r["scope"])) for r in rows]


async def _audit(bot: Bot, action: str) -> list[dict[str, object]]:
    rows = await bot.db.fetch_all(
        "SELECT actor, details FROM audit_log WHERE action = ? ORDER BY id", (action,)
    )
    return [{"who": str(r["actor"]), **json.loads(r["details"])} for r in rows]


async def test_invites_grant_organiser_and_focal_roles_once(bot: Bot) -> None:
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    code, _ = await _invite(admin, "organiser")

    second = bot.chat(2002, "Người thứ hai")
    (granted,) = await second.send(f"/start {code}")
    assert "Ban tổ chức" in (granted.text or "")
    assert await _roles(bot, 2002) == [("organiser", "")]
    audit = await _audit(bot, "role_granted")
    assert audit[0]["who"] == "2002" and audit[0]["role"] == "organiser"
    assert audit[0]["invited_by"] == f"telegram:{ORGANISER_ID}"

    third = bot.chat(2003, "Người thứ ba")
    (refused,) = await third.send(f"/start {code}")
    assert "đã được dùng" in (refused.text or "")
    assert await _roles(bot, 2003) == []
    (unknown,) = await third.send("/start r-notacode")
    assert "không đúng" in (unknown.text or "")

    # The new organiser may invite a focal point, but not another organiser.
    (no,) = await second.send("/moi organiser")
    assert "chỉ Quản trị" in (no.text or "")
    focal_code, _ = await _invite(second, "dau-moi Lộc Tấn")
    fourth = bot.chat(2004, "Đầu mối Lộc Tấn")
    (ok,) = await fourth.send(f"/start {focal_code}")
    assert "Đầu mối" in (ok.text or "") and "Lộc Tấn" in (ok.text or "")
    assert await _roles(bot, 2004) == [("focal", "commune:25279")]
    (mine,) = await fourth.send("/quyen")
    assert "Đầu mối" in (mine.text or "")

    # A focal point cannot invite anyone.
    (focal_no,) = await fourth.send("/moi organiser")
    assert "chỉ dành cho Ban tổ chức" in (focal_no.text or "")
    (focal_no2,) = await fourth.send("/moi dau-moi Lộc Tấn")
    assert "chỉ dành cho Ban tổ chức" in (focal_no2.text or "")
    assert await bot.db.scalar("SELECT count(*) FROM role_invites") == 2
    assert len(await _audit(bot, "role_invite")) == 2


async def test_focal_point_sees_only_their_commune(bot: Bot) -> None:
    leader = bot.chat(1001, "Nguyễn Văn An")
    await register_leader(leader, 25279)
    other = bot.chat(1002, "Trần Văn Bảo")
    await register_leader(other, 25280)
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    code, _ = await _invite(admin, "dau-moi 25279")
    focal = bot.chat(2004, "Đầu mối")
    await focal.send(f"/start {code}")
    num = await city_num(bot)
    (rollup,) = await focal.send(f"/tonghop {num}")
    text = rollup.text or ""
    assert "Bạn là đầu mối" in text
    assert "Được mời (đã đăng ký): 1" in text
    assert "Cơ quan cấp thành phố" not in text
    focal.user.press(rollup, f"th:nudge:{num}")
    (queued,) = await bot.server.wait_for(focal.user.id)
    assert "cho 1 người chưa trả lời" in (queued.text or "")
    (nudge,) = await bot.server.wait_for(leader.user.id)
    assert "Ban tổ chức nhắc" in (nudge.text or "")


async def test_delegates_and_strangers_are_refused(bot: Bot) -> None:
    delegate = bot.chat(1001, "Nguyễn Văn An")
    await register_leader(delegate)
    stranger = bot.chat(3003, "Người lạ")
    for chat in (delegate, stranger):
        for command in ("/moi organiser", "/moi dau-moi Lộc Tấn", "/tonghop"):
            (reply,) = await chat.send(command)
            assert "chỉ dành cho Ban tổ chức" in (reply.text or ""), command
            assert reply.upload is None
        (mine,) = await chat.send("/quyen")
        assert "chưa có quyền" in (mine.text or "")
    assert await bot.db.scalar("SELECT count(*) FROM role_invites") == 0
    assert await bot.db.scalar("SELECT count(*) FROM roles WHERE role != 'admin'") == 0


async def _run_cli(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv)


async def test_cli_roles_round_trip_and_invites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(database))
    assert await _run_cli(["plan", "load", str(DEFAULT_PLAN)]) == 0
    capsys.readouterr()
    grant = ["roles", "grant", "telegram:555", "focal", "--scope", "commune:25279"]
    assert await _run_cli(grant) == 0
    assert "Đã cấp" in capsys.readouterr().out
    assert await _run_cli(["roles", "list"]) == 0
    assert "telegram:555\tfocal\tcommune:25279" in capsys.readouterr().out
    assert await _run_cli(["roles", "grant", "telegram:555", "focal"]) == 2
    assert "--scope" in capsys.readouterr().err
    assert await _run_cli(["roles", "grant", "nobody", "organiser"]) == 2
    revoke = ["roles", "revoke", "telegram:555", "focal", "--scope", "commune:25279"]
    assert await _run_cli(revoke) == 0
    assert "Đã thu hồi 1" in capsys.readouterr().out
    assert await _run_cli(revoke) == 2
    assert await _run_cli(["roles", "list"]) == 0
    assert "telegram:555" not in capsys.readouterr().out

    out = tmp_path / "giay-moi"
    assert await _run_cli(["invites", "--bot", "HoiNghiBot", "--out", str(out)]) == 0
    index = (out / "muc-luc.csv").read_bytes()
    assert index.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(index.decode("utf-8-sig"))))
    assert rows[0] == ["Tên", "Đường dẫn", "Tệp"]
    links = {row[1] for row in rows[1:]}
    assert "https://t.me/HoiNghiBot?start=c-25279" in links
    assert any(link.endswith("?start=u-lanh-dao-ubnd") for link in links)
    for row in rows[1:]:
        assert (out / row[2]).read_bytes().startswith(b"\x89PNG")

    db = await Database.open(database)
    try:
        actions = await db.fetch_all("SELECT channel, action FROM audit_log ORDER BY id")
        names = [(r["channel"], r["action"]) for r in actions]
        assert ("cli", "role_grant") in names and ("cli", "role_revoke") in names
        assert ("cli", "invites") in names
    finally:
        await db.close()


async def test_invitation_links_for_the_paper_invitations(bot: Bot) -> None:
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    (usage,) = await admin.send("/loimoi")
    assert "/loimoi Lộc Tấn" in (usage.text or "")
    (commune,) = await admin.send("/loimoi Lộc Tấn")
    assert "https://t.me/hoinghi_test_bot?start=c-25279" in (commune.text or "")
    assert commune.upload is not None and commune.upload.content.startswith(b"\x89PNG")
    (unit,) = await admin.send("/loimoi mttq")
    assert "?start=u-mttq" in (unit.text or "")
    code, _ = await _invite(admin, "dau-moi 25279")
    focal = bot.chat(2004, "Đầu mối")
    await focal.send(f"/start {code}")
    (own,) = await focal.send("/loimoi")
    assert "?start=c-25279" in (own.text or "")
    (outside,) = await focal.send("/loimoi Lộc Thạnh")
    assert "ngoài phạm vi" in (outside.text or "") and outside.upload is None
    audit = await _audit(bot, "invitation")
    assert [a["scopes"] for a in audit] == [["commune:25279"], ["unit:mttq"], ["commune:25279"]]


ORGANISER_COMMANDS = (
    "/tonghop",
    "/thongbao",
    "/moi organiser",
    "/moi dau-moi Lộc Tấn",
    "/loimoi Lộc Tấn",
    "/mau",
    "/xuat",
)


async def test_every_organiser_command_refuses_a_delegate_and_a_stranger(bot: Bot) -> None:
    """The refusal matrix: every organiser command, and every organiser button with forged
    data, by a registered delegate and by someone unknown: a polite answer, nothing stored."""
    delegate = bot.chat(1001, "Nguyễn Văn An")
    await register_leader(delegate)
    stranger = bot.chat(3003, "Người lạ")
    num = await city_num(bot)
    before = {
        table: await bot.db.scalar(f"SELECT count(*) FROM {table}")
        for table in ("outbox", "role_invites", "roles", "audit_log", "broadcasts")
    }
    for chat in (delegate, stranger):
        for command in ORGANISER_COMMANDS:
            (reply,) = await chat.send(command)
            assert "Ban tổ chức" in (reply.text or ""), (command, reply.text)
            assert reply.upload is None and not reply.inline_buttons, command
        for data in (
            f"th:{num}",
            f"th:nudge:{num}",
            "bc:aud:all",
            "bc:go",
            "bc:cancel:1",
            f"xuat:{num}",
        ):
            chat.user.press_raw(1, data)
            (reply,) = await bot.server.wait_for(chat.user.id)
            assert reply.upload is None, data
    after = {table: await bot.db.scalar(f"SELECT count(*) FROM {table}") for table in before}
    assert after == before
