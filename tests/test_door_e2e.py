"""Issue 19 and issue 14's findings 6 and 9, end to end over HTTP and the fake Bot API: the
figures that tell "never opened the bot" from "blocked it", the door view of a session's day
(check-in from the list, walk-ins that reach the lists, the exports and the roll-up), editing
a delegate (audited, within scopes, phone conflicts shown), a search that never matches a
phone number the viewer may not see, and a check-in after a change of mind, in the chat and
at the door: the current answer is shown and not "Tham dự" needs a confirmation.

setup_city_session (tests/test_rollup_e2e.py) invites seven people to the city session of
Friday 27/11/2026; DAY is 07:30 local that morning."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest
import time_machine

from bot.services import checkin
from storage.db import Database
from tests.conftest import ORGANISER_ID, Bot, running_bot
from tests.dashboard_helpers import CSRF_FIELD, base_url, client, get, logged_in
from tests.test_reminders_e2e import city_num, register_leader
from tests.test_rollup_e2e import LOC_TAN, setup_city_session

DAY = datetime(2026, 11, 27, 0, 30, tzinfo=UTC)
FOCAL_ID = 7101  # a focal point of Lộc Tấn


@pytest.fixture
async def dash(db: Database, tmp_path: Path) -> AsyncIterator[Bot]:
    async with running_bot(db, tmp_path, dashboard=True) as bot:
        yield bot


async def grant_focal(bot: Bot) -> None:
    roles = bot.runtime.core.services.roles
    await roles.grant("telegram", str(FOCAL_ID), "focal", "test", DAY, scope=f"commune:{LOC_TAN}")


async def post(
    session: aiohttp.ClientSession, base: str, path: str, form: dict[str, str]
) -> tuple[int, str, str]:
    """A form sent as the page sends it (with the session's CSRF token): status, body, and
    where a 303 goes."""
    _, html = await get(session, f"{base}/delegates")
    token = CSRF_FIELD.search(html)
    assert token, html
    async with session.post(
        base + path, data={"csrf": token.group(1), **form}, allow_redirects=False
    ) as response:
        return response.status, await response.text(), response.headers.get("Location", "")


async def delegate_id(bot: Bot, name: str) -> int:
    found = await bot.db.scalar("SELECT id FROM delegates WHERE full_name = ?", (name,))
    assert found is not None, name
    return int(str(found))


async def audit(bot: Bot, action: str) -> list[dict[str, object]]:
    rows = await bot.db.fetch_all(
        "SELECT details FROM audit_log WHERE action = ? ORDER BY id", (action,)
    )
    return [json.loads(row["details"]) for row in rows]


async def live_total(bot: Bot, session: aiohttp.ClientSession, num: int) -> dict[str, int]:
    status, text = await get(session, f"{base_url(bot)}/api/session/{num}/live")
    assert status == 200, text
    total: dict[str, int] = json.loads(text)["values"]["total"]
    return total


# ------------------------------------------------------------------ figures (issue 19, 2)
async def test_never_opened_the_bot_is_told_apart_from_blocked_it(dash: Bot) -> None:
    """Bùi Văn Tám was imported and never opened the bot; Hoàng Văn Năm blocked it."""
    await setup_city_session(dash)
    num, base = await city_num(dash), base_url(dash)
    async with client() as browser:
        await logged_in(dash, browser)
        total = await live_total(dash, browser, num)
        assert (total["unreachable"], total["never_reached"], total["blocked"]) == (2, 1, 1)
        _, html = await get(browser, f"{base}/session/{num}")
        assert 'data-live="total:never_reached">1<' in html
        assert 'data-live="total:blocked">1<' in html
        unreachable = html.split('id="list-unreachable"', 1)[1]
        tam = unreachable.split("Bùi Văn Tám", 1)[1].split("</tr>", 1)[0]
        nam = unreachable.split("Hoàng Văn Năm", 1)[1].split("</tr>", 1)[0]
        assert "Chưa mở bot" in tam and "Đã chặn bot" in nam
        _, listed = await get(browser, f"{base}/delegates?session={num}&answer=never_reached")
        assert "Tìm thấy 1 người." in listed and "Bùi Văn Tám" in listed
        _, listed = await get(browser, f"{base}/delegates?session={num}&answer=blocked")
        assert "Tìm thấy 1 người." in listed and "Hoàng Văn Năm" in listed


# ------------------------------------------------------------------ finding 6 (issue 14)
async def test_a_search_never_matches_a_phone_the_viewer_may_not_see(dash: Bot) -> None:
    await setup_city_session(dash)
    await dash.db.write(
        "UPDATE delegates SET phone = '0912345678' WHERE full_name = 'Lê Văn Ba'"
    )  # of Lộc Tấn: within the focal point's scope
    await grant_focal(dash)
    num, base = await city_num(dash), base_url(dash)
    async with client() as focal:
        await logged_in(dash, focal, FOCAL_ID)
        for prefix in ("0912", "09123", "0912345678"):
            _, html = await get(focal, f"{base}/delegates?session=all&q={prefix}")
            assert "Tìm thấy 0 người." in html, prefix
        async with focal.get(f"{base}/export/list.csv?session={num}&q=09123") as response:
            rows = list(csv.reader(io.StringIO((await response.read()).decode("utf-8-sig"))))
        assert len(rows) == 1  # the header only
        _, door = await get(focal, f"{base}/session/{num}/door?q=09123")
        assert "Lê Văn Ba" not in door
        _, html = await get(focal, f"{base}/delegates?session=all&q=le+van+ba")
        assert "Tìm thấy 1 người." in html  # the name still finds them
    async with client() as organiser:
        await logged_in(dash, organiser)
        _, html = await get(organiser, f"{base}/delegates?session=all&q=09123")
        assert "Tìm thấy 1 người." in html and "Lê Văn Ba" in html


# ------------------------------------------------------------------ finding 9 (issue 14)
async def test_a_qr_scanned_after_a_change_of_mind_shows_the_answer_and_asks(dash: Bot) -> None:
    """The QR was issued while the delegate had confirmed; they declined since."""
    leader = dash.chat(1001, "Nguyễn Văn An")
    await register_leader(leader, LOC_TAN)
    (choice,) = await leader.send("/xacnhan")
    (recorded,) = await leader.press(choice, "✅ Tham dự")
    (qr,) = await leader.press(recorded, "📱 Lấy mã QR điểm danh")
    assert qr.upload is not None
    (changed,) = await leader.send("/xacnhan")
    await leader.press(changed, "❌ Vắng mặt")
    await leader.send("Bận họp đột xuất")
    me = await delegate_id(dash, "Nguyễn Văn An")
    payload = checkin.payload(dash.runtime.core.services.checkin_key, await city_num(dash), me)
    organiser = dash.chat(ORGANISER_ID, "Ban Tổ Chức")
    with time_machine.travel(DAY, tick=True):
        (asked,) = await organiser.send(f"/start {payload}")
        assert "Nguyễn Văn An (Xã Lộc Tấn) hiện trả lời: «Vắng mặt»" in (asked.text or "")
        assert "Chưa điểm danh" in (asked.text or "")
        assert await dash.db.scalar("SELECT count(*) FROM checkins") == 0
        (done,) = await organiser.press(asked, "✅ Vẫn điểm danh có mặt")
        assert "Đã điểm danh có mặt: Nguyễn Văn An" in (done.text or "")
        assert "Trả lời hiện tại: Vắng mặt" in (done.text or "")
    assert await dash.db.scalar("SELECT method FROM checkins") == "qr"
    (line,) = await audit(dash, "check_in")
    assert line["answer"] == "absent" and line["confirmed"] is True and line["first"] is True


async def test_a_confirmed_delegate_is_checked_in_at_once_and_the_answer_shown(
    dash: Bot,
) -> None:
    leader = dash.chat(1001, "Nguyễn Văn An")
    await register_leader(leader, LOC_TAN)
    (choice,) = await leader.send("/xacnhan")
    await leader.press(choice, "✅ Tham dự")
    me = await delegate_id(dash, "Nguyễn Văn An")
    payload = checkin.payload(dash.runtime.core.services.checkin_key, await city_num(dash), me)
    with time_machine.travel(DAY, tick=True):
        (done,) = await dash.chat(ORGANISER_ID).send(f"/start {payload}")
    assert "Đã điểm danh có mặt: Nguyễn Văn An" in (done.text or "")
    assert "Trả lời hiện tại: Tham dự." in (done.text or "")
    assert not done.inline_buttons


# ------------------------------------------------------------------ the door view (issue 19, 3)
async def test_the_door_view_checks_people_in_by_the_same_rule(dash: Bot) -> None:
    await setup_city_session(dash)
    await dash.db.write("UPDATE delegates SET phone = '0911111111' WHERE full_name = 'Lê Văn Ba'")
    await grant_focal(dash)
    num, base = await city_num(dash), base_url(dash)
    ba, bon = await delegate_id(dash, "Lê Văn Ba"), await delegate_id(dash, "Phạm Thị Bốn")
    door = f"/session/{num}/door"
    async with client() as browser:
        await logged_in(dash, browser)
        status, _, _ = await post(browser, base, f"{door}/checkin", {"delegate": str(ba)})
        assert status == 409  # two days before: the door opens on the day
    async with client() as browser:
        with time_machine.travel(DAY, tick=True):
            await logged_in(dash, browser)
            _, html = await get(browser, base + door)
            awaited = html.split('id="door-awaited"', 1)[1].split("</section>", 1)[0]
            assert "Lê Văn Ba" in awaited and 'href="tel:0911111111"' in awaited
            assert "Đã xác nhận, chưa đến (2)" in html and "Đã đến (1)" in html
            assert "Vắng mặt (1)" in html and "Chưa trả lời (3)" in html
            _, found = await get(browser, f"{base}{door}?q=pham+thi+bon")
            assert "Phạm Thị Bốn" in found and "Lê Văn Ba" not in found  # without diacritics

            status, _, where = await post(browser, base, f"{door}/checkin", {"delegate": str(ba)})
            assert status == 303 and where == f"{door}?checked={ba}"
            _, html = await get(browser, base + where)
            assert "Đã điểm danh có mặt: Lê Văn Ba. Trả lời hiện tại: Tham dự." in html
            arrived = html.split('id="door-arrived"', 1)[1].split("</section>", 1)[0]
            assert "Lê Văn Ba" in arrived

            # Phạm Thị Bốn declined: shown, and nothing happens until the organiser confirms.
            status, html, _ = await post(browser, base, f"{door}/checkin", {"delegate": str(bon)})
            assert status == 200 and "Phạm Thị Bốn hiện trả lời: «Vắng mặt»" in html
            assert 'name="confirmed" value="1"' in html
            checked = "SELECT count(*) FROM checkins WHERE delegate_id = ?"
            assert await dash.db.scalar(checked, (bon,)) == 0
            form = {"delegate": str(bon), "confirmed": "1"}
            status, _, _ = await post(browser, base, f"{door}/checkin", form)
            assert status == 303 and await dash.db.scalar(checked, (bon,)) == 1
            assert (await live_total(dash, browser, num))["present"] == 3
    methods = await dash.db.fetch_all(
        "SELECT method FROM checkins WHERE delegate_id IN (?, ?)", (ba, bon)
    )
    assert {row[0] for row in methods} == {"list"}
    lines = await audit(dash, "check_in")
    assert [(line["delegate"], line["answer"], line["confirmed"]) for line in lines] == [
        (ba, "in_person", False),
        (bon, "absent", True),
    ]
    async with client() as focal:
        with time_machine.travel(DAY, tick=True):
            await logged_in(dash, focal, FOCAL_ID)
            _, html = await get(focal, base + door)
            assert "Lê Văn Ba" in html and "tel:" not in html  # sees, but calls no one
            status, _, _ = await post(focal, base, f"{door}/checkin", {"delegate": str(ba)})
            assert status == 403  # organisers only


async def test_a_walk_in_reaches_the_lists_the_exports_and_the_rollup(dash: Bot) -> None:
    await setup_city_session(dash)
    num, base = await city_num(dash), base_url(dash)
    form = {
        "full_name": "Trần Khách Mời",
        "position": "Phóng viên",
        "workplace": "Báo Đồng Nai",
        "commune": str(LOC_TAN),
        "category": "",
    }
    async with client() as browser:
        with time_machine.travel(DAY, tick=True):
            await logged_in(dash, browser)
            status, _, where = await post(browser, base, f"/session/{num}/door/walkin", form)
            assert status == 303
            _, html = await get(browser, base + where)
            assert "Đã thêm và điểm danh: Trần Khách Mời." in html
            arrived = html.split('id="door-arrived"', 1)[1].split("</section>", 1)[0]
            assert "Trần Khách Mời" in arrived
            total = await live_total(dash, browser, num)
            assert (total["registered"], total["present"], total["in_person"]) == (8, 2, 3)
            async with browser.get(f"{base}/export/list.csv?session={num}") as response:
                text = (await response.read()).decode("utf-8-sig")
            row = next(r for r in csv.reader(io.StringIO(text)) if "Trần Khách Mời" in r)
            assert "Khách mời/khác" in row and "Xã Lộc Tấn" in row
            status, html, _ = await post(
                browser, base, f"/session/{num}/door/walkin", {**form, "full_name": "1"}
            )
            assert status == 400 and "Họ tên cần" in html
    walk_in = await delegate_id(dash, "Trần Khách Mời")
    assert await dash.db.scalar("SELECT workplace FROM delegates WHERE id = ?", (walk_in,)) == (
        "Báo Đồng Nai"
    )
    (line,) = await audit(dash, "walk_in")
    assert line["delegate"] == walk_in
    organiser = dash.chat(ORGANISER_ID, "Ban tổ chức")
    (pick,) = await organiser.send("/tonghop")
    (rollup,) = await organiser.press(pick, next(iter(dict(pick.inline_buttons))))
    assert "Được mời (đã đăng ký): 8" in (rollup.text or "")
    assert "Có mặt: 2" in (rollup.text or "")


# ------------------------------------------------------------------ edits (issue 19, 4)
async def test_organisers_and_focal_points_edit_a_delegate_audited_without_merging(
    dash: Bot,
) -> None:
    await setup_city_session(dash)
    await dash.db.write(
        "UPDATE delegates SET phone = '0987654321' WHERE full_name = 'Phạm Thị Bốn'"
    )
    await grant_focal(dash)
    base = base_url(dash)
    ba, nam = await delegate_id(dash, "Lê Văn Ba"), await delegate_id(dash, "Hoàng Văn Năm")
    edit = f"/delegate/{ba}/edit"
    fields = {"full_name": "Lê Văn Ba", "position": "Cán bộ", "workplace": "", "phone": ""}
    async with client() as organiser:
        await logged_in(dash, organiser)
        form = {**fields, "full_name": "Lê Văn Bá", "phone": "0912 000 111"}
        status, _, where = await post(organiser, base, edit, form)
        assert status == 303
        _, html = await get(organiser, base + where)
        assert "Đã lưu: họ tên, số điện thoại." in html and "Lê Văn Bá" in html
        conflict = {**form, "phone": "+84 987 654 321"}
        status, html, _ = await post(organiser, base, edit, conflict)
        assert status == 409 and "đã là số của đại biểu Phạm Thị Bốn" in html
        assert await dash.db.scalar("SELECT phone FROM delegates WHERE id = ?", (ba,)) == (
            "0912000111"
        )
    async with client() as focal:
        await logged_in(dash, focal, FOCAL_ID)
        _, html = await get(focal, base + edit)
        assert "0912000111" not in html  # a focal point types a number, never reads one
        form = {**fields, "full_name": "Lê Văn Bá", "workplace": "UBND xã Lộc Tấn"}
        status, _, _ = await post(focal, base, edit, form)
        assert status == 303
        status, html, _ = await post(focal, base, edit, {**form, "phone": "0987654321"})
        assert status == 409 and "thuộc về một đại biểu khác" in html
        assert "Phạm Thị Bốn" not in html
        status, _, _ = await post(focal, base, f"/delegate/{nam}/edit", fields)
        assert status == 403  # another commune
        assert (await get(focal, f"{base}/delegate/{nam}/edit"))[0] == 403
    stored = await dash.db.fetch_one(
        "SELECT full_name, workplace, phone FROM delegates WHERE id = ?", (ba,)
    )
    assert tuple(stored or ()) == ("Lê Văn Bá", "UBND xã Lộc Tấn", "0912000111")
    lines = await audit(dash, "delegate_edit")
    assert [line["after"] for line in lines] == [
        {"full_name": "Lê Văn Bá", "phone": "0912000111"},
        {"workplace": "UBND xã Lộc Tấn"},
    ]
    assert lines[0]["before"] == {"full_name": "Lê Văn Ba", "phone": ""}
