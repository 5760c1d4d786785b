"""Guessable codes take a limited number of wrong tries (issue 14, finding 7): five per account
within 15 minutes, a hundred by everyone within an hour, then an exponential back-off; the
counters are in the database, so a restart does not reset them, and tripping a limit leaves an
audit line."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import time_machine

from storage.db import Database
from tests.conftest import NOW, ORGANISER_ID, Bot, Chat, running_bot
from tests.dashboard_helpers import client, get, login_link
from tests.test_reminders_e2e import register_leader

REFUSED = "nhập sai quá nhiều lần"
WRONG = "không đúng hoặc đã hết hạn"


async def live_code(chat: Chat) -> str:
    await register_leader(chat)
    (message,) = await chat.send("/lienket")
    return next(w for w in (message.text or "").split() if w.isdigit() and len(w) == 6)


def wrong_codes(live: str, count: int) -> list[str]:
    return [code for n in range(count + 1) if (code := f"{n:06d}") != live][:count]


async def linked_delegates(bot: Bot) -> int:
    return int(str(await bot.db.scalar("SELECT count(*) FROM accounts WHERE delegate_id > 0")))


async def test_300_wrong_link_codes_from_one_account(db: Database, tmp_path: Path) -> None:
    async with running_bot(db, tmp_path) as bot:
        code = await live_code(bot.chat())
        guesser = bot.chat(user_id=6666, first_name="Kẻ Đoán Mã")
        answers = [
            (await guesser.send(f"/lienket {guess}"))[0].text or ""
            for guess in wrong_codes(code, 300)
        ]
        assert all(WRONG in text for text in answers[:5])
        assert all(REFUSED in text and "1 phút" in text for text in answers[5:])
        (refused,) = await guesser.send(f"/lienket {code}")  # the live code, while locked
        assert REFUSED in (refused.text or "")
        assert await linked_delegates(bot) == 1

        audit = await bot.db.fetch_all(
            "SELECT channel, actor, details FROM audit_log WHERE action = 'code_attempts_limited'"
        )
        assert [(row[0], row[1]) for row in audit] == [("telegram", "6666")]
        details = json.loads(audit[0][2])
        assert details == {"kind": "link", "scope": "account", "wrong": 5, "wait_seconds": 60}
        assert await bot.db.scalar("SELECT count(*) FROM code_failures") == 5

    async with running_bot(db, tmp_path) as bot:  # a restart does not reset the counters
        guesser = bot.chat(user_id=6666, first_name="Kẻ Đoán Mã")
        (refused,) = await guesser.send(f"/lienket {code}")
        assert REFUSED in (refused.text or "")
        with time_machine.travel(NOW + timedelta(minutes=1, seconds=5), tick=True):
            (wrong,) = await guesser.send("/lienket 999999")  # the back-off is over: one try
            assert WRONG in (wrong.text or "")
            (refused,) = await guesser.send(f"/lienket {code}")
            assert "2 phút" in (refused.text or "")  # and the next wait is twice as long
        assert await linked_delegates(bot) == 1
        # someone else, unaffected by the guesser's lock, links with the live code
        (linked,) = await bot.chat(user_id=7777, first_name="An Zalo").send(f"/lienket {code}")
        assert "Đã liên kết" in (linked.text or "")


async def test_300_wrong_codes_from_many_accounts_trip_the_overall_limit(bot: Bot) -> None:
    code = await live_code(bot.chat())
    answers = []
    for n, guess in enumerate(wrong_codes(code, 300)):
        guesser = bot.chat(user_id=10_000 + n // 3, first_name="Người Đoán")
        answers.append((await guesser.send(f"/lienket {guess}"))[0].text or "")
    assert all(WRONG in text for text in answers[:100])
    assert all(REFUSED in text for text in answers[100:])
    (refused,) = await bot.chat(user_id=20_000, first_name="Mới").send(f"/lienket {code}")
    assert REFUSED in (refused.text or "")
    assert await linked_delegates(bot) == 1
    limited = await bot.db.fetch_all(
        "SELECT details FROM audit_log WHERE action = 'code_attempts_limited'"
    )
    assert [json.loads(row[0])["scope"] for row in limited] == ["overall"]


async def test_role_invites_take_five_wrong_codes(bot: Bot) -> None:
    guesser = bot.chat(user_id=6666, first_name="Kẻ Đoán Mã")
    answers = [(await guesser.send(f"/start r-guess{n}", replies=1))[0] for n in range(8)]
    assert all("mã mời này không đúng" in (m.text or "") for m in answers[:5])
    assert all(REFUSED in (m.text or "") for m in answers[5:])
    assert (
        await bot.db.scalar("SELECT count(*) FROM audit_log WHERE action = 'code_attempts_limited'")
        == 1
    )


async def test_forged_dashboard_links_take_five_tries_per_address(
    db: Database, tmp_path: Path
) -> None:
    async with running_bot(db, tmp_path, dashboard=True) as bot:
        link = await login_link(bot)
        forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
        async with client() as guesser:
            answers = [await get(guesser, forged) for _ in range(7)]
            assert [status for status, _ in answers] == [403] * 5 + [429] * 2
            assert REFUSED in answers[-1][1]
            status, text = await get(guesser, link)  # the genuine link, from the same address
            assert status == 429 and REFUSED in text
        row = await bot.db.fetch_one(
            "SELECT channel, actor, details FROM audit_log WHERE action = 'code_attempts_limited'"
        )
        assert row is not None and (row[0], row[1]) == ("web", "127.0.0.1")
        assert json.loads(row[2])["kind"] == "dashboard_link"


async def test_forged_check_in_codes_take_five_tries(bot: Bot) -> None:
    organiser = bot.chat(user_id=ORGANISER_ID, first_name="Ban tổ chức")
    answers = [
        (await organiser.send(f"/start ci-1-{n + 1}-{'A' * 16}"))[0].text or "" for n in range(7)
    ]
    assert all("Mã điểm danh không hợp lệ" in text for text in answers[:5])
    assert all(REFUSED in text for text in answers[5:])
    assert await bot.db.scalar("SELECT count(*) FROM checkins") == 0
