"""The live roll-up (/tonghop) and its nudge, end to end through the fake Telegram server.

The example plan's city session (Friday 27/11/2026, 08:00 local) invites city-level bodies and
the commune leaders (lanh-dao-ubnd) of every commune; the commune sessions are all held by the
fixtures' "now" (25/11/2026)."""

from __future__ import annotations

from bot.services.menus import DELEGATE_COMMANDS, role_commands
from storage.db import utc_text
from storage.plans import FIRST_SERIES
from tests.conftest import NOW, ORGANISER_ID, Bot, Chat
from tests.fake_telegram import SentMessage
from tests.test_reminders_e2e import buttons, city_num, register_leader

LOC_TAN, OTHER = 25279, 25280
NEXT_CHAT = iter(range(5_000_001, 6_000_000))


async def add_delegate(
    bot: Bot,
    name: str,
    category: str,
    commune: int | None = None,
    commune_name: str | None = None,
    account: str | None = "reachable",  # "reachable", "unreachable" or None (no account)
) -> int:
    stamp = utc_text(NOW)
    row = await bot.db.write(
        "INSERT INTO delegates (commune_code, commune_name, full_name, position, category_code, "
        "created_at, updated_at, series_id) "
        f"VALUES (?, ?, ?, 'Cán bộ', ?, ?, ?, {FIRST_SERIES}) RETURNING id",
        (commune, commune_name, name, category, stamp, stamp),
    )
    assert row is not None
    if account is not None:
        chat = str(next(NEXT_CHAT))
        await bot.db.write(
            "INSERT INTO accounts (channel, external_id, chat_id, delegate_id, created_at, "
            "last_seen_at, unreachable_at) VALUES ('telegram', ?, ?, ?, ?, ?, ?)",
            (chat, chat, row[0], stamp, stamp, stamp if account == "unreachable" else None),
        )
    return int(row[0])


async def answer(bot: Bot, delegate_id: int, kind: str) -> None:
    await bot.db.write(
        "INSERT INTO attendance (session_id, delegate_id, answer, channel, updated_at) "
        "SELECT id, ?, ?, 'telegram', ? FROM sessions WHERE level = 'city'",
        (delegate_id, kind, utc_text(NOW)),
    )


async def commune_name(bot: Bot, code: int) -> str:
    return str(
        await bot.db.scalar("SELECT commune_name FROM delegates WHERE commune_code = ?", (code,))
    )


async def nudges(bot: Bot) -> int:
    return int(str(await bot.db.scalar("SELECT count(*) FROM outbox WHERE kind = 'nudge'")))


async def press(chat: Chat, message: SentMessage, data: str, replies: int = 1) -> list[SentMessage]:
    chat.user.press(message, data)
    return await chat.server.wait_for(chat.user.id, replies)


async def setup_city_session(bot: Bot) -> tuple[Chat, Chat]:
    """Seven invited to the city session, one more not invited:
    leader A (Lộc Tấn, not answered), leader B (other commune, in person through the bot),
    D3 (Lộc Tấn leader, in person), D4 (city, absent), D5 (other commune leader, unreachable,
    not answered), D7 (city, substitute, checked in), D8 (city, no account, not answered),
    D6 (Lộc Tấn police: not invited to the city session)."""
    leader_a, leader_b = bot.chat(1001, "Nguyễn Văn An"), bot.chat(1002, "Trần Văn Bảo")
    await register_leader(leader_a, LOC_TAN)
    await register_leader(leader_b, OTHER)
    (choice,) = await leader_b.send("/xacnhan")
    await leader_b.press(choice, "✅ Tham dự")
    loc_tan, other = await commune_name(bot, LOC_TAN), await commune_name(bot, OTHER)
    d3 = await add_delegate(bot, "Lê Văn Ba", "lanh-dao-ubnd", LOC_TAN, loc_tan)
    await answer(bot, d3, "in_person")
    d4 = await add_delegate(bot, "Phạm Thị Bốn", "so-nganh")
    await answer(bot, d4, "absent")
    await add_delegate(bot, "Hoàng Văn Năm", "lanh-dao-ubnd", OTHER, other, "unreachable")
    await add_delegate(bot, "Đỗ Văn Sáu", "cong-an-xa", LOC_TAN, loc_tan)
    d7 = await add_delegate(bot, "Vũ Thị Bảy", "ban-chi-dao")
    await answer(bot, d7, "substitute")
    await bot.db.write(
        "INSERT INTO checkins (session_id, delegate_id, method, at) "
        "SELECT id, ?, 'qr', ? FROM sessions WHERE level = 'city'",
        (d7, utc_text(NOW)),
    )
    await add_delegate(bot, "Bùi Văn Tám", "so-nganh", account=None)
    return leader_a, leader_b


async def test_organiser_sees_the_city_rollup_and_nudges_who_has_not_answered(bot: Bot) -> None:
    leader_a, _ = await setup_city_session(bot)
    organiser = bot.chat(ORGANISER_ID, "Ban tổ chức")
    num = await city_num(bot)
    (pick,) = await organiser.send("/tonghop")
    assert "Anh/chị muốn xem tổng hợp buổi hội nghị nào?" in (pick.text or "")
    data = list(buttons(pick).values())
    assert data[0] == f"th:{num}"  # the upcoming session first, then the 8 held ones
    assert len(data) == 9 and all(len(d.encode()) <= 64 for d in data)

    (rollup,) = await press(organiser, pick, f"th:{num}")
    text = rollup.text or ""
    loc_tan, other = await commune_name(bot, LOC_TAN), await commune_name(bot, OTHER)
    assert "Dự kiến: 150–250 người" in text
    assert "Được mời (đã đăng ký): 7" in text
    assert "Sẽ tham dự: 3 (trực tiếp 2, trực tuyến 0, người dự thay 1)" in text
    assert "Vắng mặt: 1 · Chưa trả lời: 3 · Không liên lạc được: 2 · Có mặt: 1" in text
    assert "Kế hoạch không ghi số dự kiến theo từng xã" in text
    assert "⚠️" not in text
    assert "• Cơ quan cấp thành phố: 👥 3 ✅ 0 💻 0 ❌ 1 👤 1 ⏳ 1 📵 1 📍 1" in text
    assert f"• {loc_tan}: 👥 2 ✅ 1 💻 0 ❌ 0 👤 0 ⏳ 1 📵 0 📍 0" in text
    assert f"• {other}: 👥 2 ✅ 1 💻 0 ❌ 0 👤 0 ⏳ 1 📵 1 📍 0" in text
    assert "• Lãnh đạo UBND xã: 👥 4 ✅ 2 💻 0 ❌ 0 👤 0 ⏳ 2 📵 1 📍 0" in text
    assert "• Sở, ban, ngành, đoàn thể thành phố: 👥 2 ✅ 0 💻 0 ❌ 1 👤 0 ⏳ 1 📵 1 📍 0" in text
    assert "• Ban Chỉ đạo công tác biên giới và Tổ giúp việc: 👥 1 ✅ 0 💻 0 ❌ 0 👤 1" in text
    assert "Công an xã" not in text  # not invited to the city session
    assert buttons(rollup) == {"📣 Nhắc người chưa trả lời": f"th:nudge:{num}"}

    # Only leader A is invited, reachable and silent: D5 is unreachable, D8 has no account.
    (queued,) = await press(organiser, rollup, f"th:nudge:{num}")
    assert "cho 1 người chưa trả lời" in (queued.text or "")
    (nudge,) = await bot.server.wait_for(leader_a.user.id)
    assert "Ban tổ chức nhắc: anh/chị chưa xác nhận tham dự" in (nudge.text or "")
    assert "Thứ Sáu, 27/11/2026, 08:00" in (nudge.text or "")
    assert "✅ Tham dự" in buttons(nudge)
    (again,) = await press(organiser, rollup, f"th:nudge:{num}")
    assert "cho 0 người chưa trả lời" in (again.text or "")
    assert await nudges(bot) == 1

    # The nudge's buttons work, and the roll-up follows at once.
    (recorded,) = await leader_a.press(nudge, "✅ Tham dự")
    assert "Đã ghi nhận: anh/chị tham dự" in (recorded.text or "")
    (after,) = await organiser.send(f"/tonghop {num}")
    assert "Sẽ tham dự: 4 (trực tiếp 3" in (after.text or "")
    assert "Chưa trả lời: 2" in (after.text or "")


async def test_a_commune_session_under_quota_stands_out(bot: Bot) -> None:
    await register_leader(bot.chat(1001), LOC_TAN)
    num = int(
        str(await bot.db.scalar("SELECT num FROM sessions WHERE commune_code = ?", (LOC_TAN,)))
    )
    organiser = bot.chat(ORGANISER_ID, "Ban tổ chức")
    (rollup,) = await organiser.send(f"/tonghop {num}")
    text = rollup.text or ""
    assert "⚠️ Số được mời thấp hơn mức dự kiến tối thiểu (150)." in text
    assert f"⚠️ • {await commune_name(bot, LOC_TAN)}: 👥 1 " in text
    assert "Dự kiến: 150–200 người" in text
    assert buttons(rollup) == {}  # held: nobody left to nudge


async def test_delegates_and_strangers_are_refused_and_nothing_is_queued(bot: Bot) -> None:
    leader_a, _ = await setup_city_session(bot)
    num = await city_num(bot)
    (refused,) = await leader_a.send("/tonghop")
    assert "chỉ dành cho Ban tổ chức" in (refused.text or "")
    assert buttons(refused) == {}
    leader_a.user.press_raw(refused.message_id, f"th:nudge:{num}")
    (forged,) = await bot.server.wait_for(leader_a.user.id)
    assert "chỉ dành cho Ban tổ chức" in (forged.text or "")
    leader_a.user.press_raw(refused.message_id, f"th:{num}")
    (peek,) = await bot.server.wait_for(leader_a.user.id)
    assert "chỉ dành cho Ban tổ chức" in (peek.text or "")
    stranger = bot.chat(4242, "Người lạ")
    (also,) = await stranger.send(f"/tonghop {num}")
    assert "chỉ dành cho Ban tổ chức" in (also.text or "")
    assert await nudges(bot) == 0
    # the organisers' menu holds /tonghop; the delegates' does not
    assert "tonghop" in role_commands(["organiser"]) and "tonghop" not in DELEGATE_COMMANDS


async def test_95_communes_page_under_the_telegram_limit(bot: Bot) -> None:
    for n in range(1, 96):
        name = f"Xã Thử Nghiệm Biên Giới Số {n:02d}"
        for person in range(2):
            delegate = await add_delegate(
                bot, f"Người {n}-{person}", "lanh-dao-ubnd", 90_000 + n, name
            )
            if person:
                await answer(bot, delegate, "in_person")
    organiser = bot.chat(ORGANISER_ID, "Ban tổ chức")
    num = await city_num(bot)
    organiser.user.send_text(f"/tonghop {num}")
    # the pages come in order; the last one carries the nudge button
    await bot.server.wait_for(organiser.user.id, predicate=lambda m: bool(m.inline_buttons))
    pages = bot.server.messages_to(organiser.user.id)
    texts = [page.text or "" for page in pages]
    assert len(texts) >= 2
    assert all(len(text.encode("utf-16-le")) // 2 <= 4096 for text in texts)
    joined = "\n".join(texts)
    assert "Được mời (đã đăng ký): 190" in texts[0]
    for n in range(1, 96):
        assert f"• Xã Thử Nghiệm Biên Giới Số {n:02d}: 👥 2 ✅ 1 " in joined
    assert f"(1/{len(texts)})" in texts[0] and f"({len(texts)}/{len(texts)})" in texts[-1]
    assert buttons(pages[-1]) == {"📣 Nhắc người chưa trả lời": f"th:nudge:{num}"}
    assert all(buttons(page) == {} for page in pages[:-1])
