"""Findings 2–7 and 12 of issue 12 (reading and answering free text), each through the fake
Telegram Bot API on an example plan with the clock before its sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine

from bot.app import load_plan
from bot.services.communes import CommuneDirectory
from storage.db import Database
from tests.conftest import running_bot
from tests.test_conversations import PLANS, PROVINCES, _register, ask, plan_bot

DUMP = "Lịch hội nghị:"


async def test_finding_2_may_is_not_the_english_month(tmp_path: Path) -> None:
    async with plan_bot("dong-nai", tmp_path) as (bot, _):
        chat = bot.chat()
        for text in ("mấy giờ bắt đầu", "hội nghị mấy giờ bắt đầu ạ", "hop luc may gio"):
            assert "Tháng 5" not in await ask(chat, text), text
        assert "08:00" in await ask(chat, "Lộc Tấn họp mấy giờ")


async def test_finding_3_me_is_the_registered_delegate(tmp_path: Path) -> None:
    async with plan_bot("dong-nai", tmp_path) as (bot, _):
        chat = bot.chat()
        who = {"commune": "Xã Lộc Thạnh", "category": "cong-an-xa"}
        await _register(bot, chat, who, "dong-nai", datetime.now(UTC))
        for text in ("xã tôi họp khi nào", "tôi phải đi họp ở đâu", "hoi nghi o xa minh khi nao"):
            answer = await ask(chat, text)
            assert "06/08/2026" in answer and DUMP not in answer, (text, answer)
            assert "Lộc Tấn" not in answer, (text, answer)
        week = await ask(chat, "tuần sau có họp không")  # Lộc Thành's, not theirs
        assert "không phải hội nghị anh/chị được mời" in week and "06/08/2026" in week
        stranger = bot.chat(user_id=1002)
        answer = await ask(stranger, "lịch của tôi")
        assert "/start" in answer and DUMP not in answer


async def test_finding_4_follow_ups_keep_the_thread_across_a_restart(tmp_path: Path) -> None:
    path, start = PLANS["dong-nai"]
    with time_machine.travel(start, tick=True) as traveller:
        db = await Database.open(tmp_path / "bot.sqlite3")
        assert (await load_plan(db, path))[0] is not None
        try:
            async with running_bot(db, tmp_path) as bot:
                assert "10/09/2026" in await ask(bot.chat(), "Thiện Hưng họp khi nào")
            async with running_bot(db, tmp_path) as restarted:  # the same person, a new process
                chat = restarted.chat()
                where = await ask(chat, "ở đâu vậy ạ")
                assert "Hội trường UBND xã Thiện Hưng" in where and "Lộc Tấn" not in where
                assert "Hội trường UBND xã Hưng Phước" in await ask(chat, "tháng 9 họp ở đâu")
                october = await ask(chat, "còn tháng 10?")
                assert "Hội trường UBND xã Bù Gia Mập" in october  # the venues asked before
                assert "08/10/2026" in await ask(chat, "Bù Gia Mập họp khi nào")
                begins = await ask(chat, "mấy giờ bắt đầu?")
                assert "08:00" in begins and "Tháng 5" not in begins and "22/10" not in begins
                traveller.shift(timedelta(minutes=16))  # the thread is gone after 15 minutes
                assert "08/10/2026" not in await ask(chat, "ở đâu?")
        finally:
            await db.close()


async def test_finding_5_deadlines_in_free_text(tmp_path: Path) -> None:
    async with plan_bot("lang-son", tmp_path) as (bot, _):
        chat = bot.chat()
        report = await ask(chat, "hạn gửi báo cáo về Sở Ngoại vụ là ngày nào")
        assert "04/07/2024" in report and "Báo cáo viên" not in report
        assert "14/07/2024" in await ask(chat, "khi nào phải nộp tham luận")
        assert "15 ngày" in await ask(chat, "bao giờ gửi giấy mời đại biểu")
        none = await ask(chat, "hạn gửi danh sách đại biểu")
        assert "không đặt hạn" in none and DUMP not in none and "UBND tỉnh Lạng Sơn" in none


async def test_finding_6_answers_agree_with_the_plan(tmp_path: Path) -> None:
    async with plan_bot("lang-son", tmp_path) as (bot, _):
        chat = bot.chat()
        august = await ask(chat, "tháng 8 có hội nghị không")
        assert "trung tuần tháng 8/2024" in august and "Tháng 8 không có" not in august
        who = {"commune": "Xã Tân Tiến", "category": "ubnd-huyen-bien-gioi"}
        leader = bot.chat(user_id=1003)
        await _register(bot, leader, who, "lang-son", datetime.now(UTC))
        own = await ask(leader, "xã Tân Tiến có phải đi họp không")
        assert "được mời dự" in own and "trung tuần tháng 8/2024" in own
        hanoi = await ask(chat, "Hà Nội có hội nghị không")
        assert "không có hội nghị nào tại Hà Nội" in hanoi and DUMP not in hanoi


async def test_finding_7_no_schedule_dump_for_everything_else(tmp_path: Path) -> None:
    async with plan_bot("dong-nai", tmp_path) as (bot, _):
        chat = bot.chat()
        for text in ("cảm ơn", "ok", "dạ em cảm ơn ạ, hẹn gặp ở hội nghị", "bạn là ai"):
            answer = await ask(chat, text)
            assert DUMP not in answer and "/2026" not in answer, (text, answer)
            assert "Báo cáo viên" not in answer, (text, answer)
        for text in ("đi họp có cần mang theo giấy mời không", "dự hội nghị mặc trang phục gì ạ"):
            answer = await ask(chat, text)
            assert "Kế hoạch chưa nêu" in answer and "liên hệ" in answer, (text, answer)
            assert DUMP not in answer, (text, answer)
        weather = await ask(chat, "thời tiết Đồng Nai ngày mai thế nào")
        assert "/2026" not in weather
        assert "27/11/2026" in await ask(chat, "HN cấp tp tổ chức ngày nào")
        assert "23/07/2026" in await ask(chat, "locj tans hopj ngayf naof")


async def test_finding_12_swapped_letters_in_commune_names(tmp_path: Path) -> None:
    directory = CommuneDirectory(PROVINCES["dong-nai"])
    swapped = (("lco tan", "Xã Lộc Tấn"), ("loc atn", "Xã Lộc Tấn"), ("dka o", "Xã Đăk Ơ"))
    for typed, name in swapped:
        found = directory.match(typed).commune
        assert found is not None and found.name == name, typed
    async with plan_bot("dong-nai", tmp_path) as (bot, _):
        assert "22/10/2026" in await ask(bot.chat(), "dka o hop ngay nao")


async def test_my_commune_while_registering_is_the_commune_just_named(tmp_path: Path) -> None:
    """Half-way through registration, "xã tôi" is the commune already given: not "type /start"
    (which would begin again), and the pending step is asked again."""
    async with plan_bot("dong-nai", tmp_path) as (bot, _):
        chat = bot.chat()
        await chat.start()
        (which,) = await chat.send("loc thanh")
        await chat.press(which, "Xã Lộc Thạnh")
        answer, again = await chat.send("xã tôi họp khi nào?", replies=2)
        assert "06/08/2026" in (answer.text or "") and "/start" not in (answer.text or "")
        assert "họ và tên" in (again.text or "")
