"""The web dashboard over HTTP, end to end: the whole running bot with its dashboard on
127.0.0.1, people talking to it through the fake Telegram Bot API, an HTTP client that logs in
with the link /dashboard sends. Login links and sessions, refusals, focal points' scopes,
the pages' figures and lists, live figures, exports, the audit log.

The example plan's city session (Friday 27/11/2026) is upcoming at the fixtures' "now";
setup_city_session (tests/test_rollup_e2e.py) invites seven people to it."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType

import aiohttp
import openpyxl
import pytest
import time_machine

from bot.config import Settings
from dashboard.server import DashboardServer
from storage.db import Database
from tests.conftest import NOW, ORGANISER_ID, Bot, running_bot
from tests.dashboard_helpers import (
    CSRF_FIELD,
    base_url,
    client,
    get,
    logged_in,
    login_link,
    open_link,
)
from tests.test_reminders_e2e import city_num, register_leader
from tests.test_rollup_e2e import LOC_TAN, OTHER, add_delegate, setup_city_session

FOCAL_ID = 7001  # a focal point of Lộc Tấn, in the tests that grant it


@pytest.fixture
async def dash(db: Database, tmp_path: Path) -> AsyncIterator[Bot]:
    async with running_bot(db, tmp_path, dashboard=True) as bot:
        yield bot


async def grant(bot: Bot, user_id: int, role: str, scope: str = "") -> None:
    roles = bot.runtime.core.services.roles
    await roles.grant("telegram", str(user_id), role, "test", NOW, scope=scope)


async def live(bot: Bot, session: aiohttp.ClientSession, num: int) -> dict[str, dict[str, int]]:
    status, text = await get(session, f"{base_url(bot)}/api/session/{num}/live")
    assert status == 200, text
    values: dict[str, dict[str, int]] = json.loads(text)["values"]
    return values


async def test_a_link_logs_in_once_and_nothing_is_served_without_a_session(dash: Bot) -> None:
    base, num = base_url(dash), await city_num(dash)
    async with client() as anonymous:
        for path in (
            "/",
            f"/session/{num}",
            "/delegates",
            "/delegate/1",
            "/audit",
            f"/export/list.xlsx?session={num}",
            "/export/lich.ics",
            "/no-such-page",
        ):
            status, text = await get(anonymous, base + path)
            assert status == 401, path
            assert "Gõ /dashboard trong bot" in text
        status, text = await get(anonymous, f"{base}/api/session/{num}/live")
        assert (status, json.loads(text)) == (401, {"error": "login"})
        assert (await get(anonymous, f"{base}/static/app.js"))[0] == 200  # code, no data

    (reply,) = await dash.chat(ORGANISER_ID, "Ban tổ chức").send("/dashboard")
    assert "dùng một lần, hết hạn sau 10 phút" in (reply.text or "")
    link = (reply.text or "").split("\n")[1]
    assert link.startswith(f"{base}/login?t=")
    async with client() as browser:
        assert (await get(browser, link))[0] == 200  # opening it (a preview) does not use it
        response = await open_link(browser, link)
        assert response.status == 303 and response.headers["Location"] == "/"
        cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
        assert "Secure" not in cookie  # plain http on 127.0.0.1; behind HTTPS it is Secure
        status, text = await get(browser, f"{base}/")
        assert status == 200
        assert "Hội nghị cấp thành phố" in text and "Hội nghị tại xã Lộc Tấn" in text
    async with client() as thief:
        status, text = await get(thief, link)
        assert status == 403 and "Liên kết này đã được dùng" in text
        form = {"t": link.split("?t=")[1]}
        async with thief.post(f"{base}/login", data=form, allow_redirects=False) as again:
            assert again.status == 403 and "Set-Cookie" not in again.headers
        forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
        status, text = await get(thief, forged)
        assert status == 403 and "Liên kết đăng nhập không hợp lệ" in text
        assert (await get(thief, f"{base}/"))[0] == 401
    actions = [r[0] for r in await dash.db.fetch_all("SELECT action FROM audit_log")]
    assert actions.count("dashboard_link") == 1 and actions.count("dashboard_login") == 1


async def test_links_expire_after_ten_minutes_and_sessions_after_twelve_hours(dash: Bot) -> None:
    base = base_url(dash)
    link = await login_link(dash)
    async with client() as browser:
        with time_machine.travel(NOW + timedelta(minutes=10, seconds=5), tick=True):
            status, text = await get(browser, link)
            assert status == 403 and "Liên kết này đã hết hạn" in text
        await logged_in(dash, browser)
        assert (await get(browser, f"{base}/"))[0] == 200
        with time_machine.travel(NOW + timedelta(hours=12, minutes=1), tick=True):
            status, text = await get(browser, f"{base}/")
            assert status == 401 and "Gõ /dashboard trong bot" in text


async def test_logout_needs_the_csrf_token_and_ends_the_session(dash: Bot) -> None:
    base = base_url(dash)
    async with client() as browser:
        await logged_in(dash, browser)
        _, page = await get(browser, f"{base}/")
        csrf = CSRF_FIELD.search(page)
        assert csrf
        async with browser.post(f"{base}/logout", data={}, allow_redirects=False) as forged:
            assert forged.status == 403 and "mã bảo vệ" in await forged.text()
        assert (await get(browser, f"{base}/"))[0] == 200
        form = {"csrf": csrf.group(1)}
        async with browser.post(f"{base}/logout", data=form, allow_redirects=False) as out:
            assert out.status == 303 and out.headers["Location"] == "/login"
        assert (await get(browser, f"{base}/"))[0] == 401
    assert await dash.db.scalar("SELECT count(*) FROM dashboard_sessions") == 0


async def test_delegates_get_no_link_and_a_revoked_role_ends_the_session(dash: Bot) -> None:
    delegate = dash.chat(1001, "Nguyễn Văn An")
    await register_leader(delegate, LOC_TAN)
    (refused,) = await delegate.send("/dashboard")
    assert "chỉ dành cho Ban tổ chức và đầu mối" in (refused.text or "")
    assert await dash.db.scalar("SELECT count(*) FROM dashboard_links") == 0
    await grant(dash, 4242, "organiser")
    async with client() as browser:
        await logged_in(dash, browser, 4242)
        assert (await get(browser, f"{base_url(dash)}/"))[0] == 200
        await dash.runtime.core.services.roles.revoke("telegram", "4242", "organiser", None)
        assert (await get(browser, f"{base_url(dash)}/"))[0] == 401


async def test_without_a_port_the_bot_says_the_dashboard_is_off(bot: Bot) -> None:
    (reply,) = await bot.chat(ORGANISER_ID, "Ban tổ chức").send("/dashboard")
    assert "chưa được bật" in (reply.text or "")
    assert bot.runtime.dashboard is None
    settings = Settings(_env_file=None)
    assert (settings.dashboard_port, settings.dashboard_host) == (None, "127.0.0.1")


async def test_behind_https_the_links_use_the_public_url_and_cookies_are_secure(
    dash: Bot,
) -> None:
    """DASHBOARD_URL (the reverse proxy's https address) goes into the links; a session
    cookie set through it is Secure."""
    services = dash.runtime.core.services
    public = DashboardServer("127.0.0.1", 0, "https://hoinghi.example.vn/")
    public.mount(services, dash.db)
    await public.start()
    try:
        assert public.base_url == "https://hoinghi.example.vn"
        dash.runtime.core.services = replace(services, dashboard_url=public.base_url)
        link = await login_link(dash)
        assert link.startswith("https://hoinghi.example.vn/login?t=")
        host, port = public.runner.addresses[0][:2]
        local = link.replace("https://hoinghi.example.vn", f"http://{host}:{port}")
        async with client() as browser:
            response = await open_link(browser, local)
        assert response.status == 303 and "Secure" in response.headers["Set-Cookie"]
    finally:
        await public.stop()


async def test_session_page_lists_and_live_figures_follow_the_chat(dash: Bot) -> None:
    leader_a, _ = await setup_city_session(dash)
    await dash.db.write(
        "UPDATE delegates SET phone = '0912345678' WHERE full_name = ?", ("Hoàng Văn Năm",)
    )
    num, base = await city_num(dash), base_url(dash)
    async with client() as browser:
        await logged_in(dash, browser)
        status, html = await get(browser, f"{base}/session/{num}")
        assert status == 200
        assert 'data-live="total:registered">7<' in html
        assert f'data-live="commune.{LOC_TAN}:in_person">1<' in html
        assert 'data-live="category.lanh-dao-ubnd:registered">4<' in html
        # Each person in one list: the two whom no chat reaches are not "not answered" too.
        assert "Chưa trả lời (1)" in html
        assert "chưa mở bot hoặc đã chặn bot (2)" in html
        assert 'href="tel:0912345678"' in html  # organisers call who cannot be reached
        assert "Đỗ Văn Sáu" not in html  # not invited to the city session
        assert f'data-live-url="/api/session/{num}/live"' in html
        before = await live(dash, browser, num)
        assert before["total"]["in_person"] == 2 and before["total"]["coming"] == 3
        (choice,) = await leader_a.send("/xacnhan")
        await leader_a.press(choice, "✅ Tham dự")
        after = await live(dash, browser, num)
        assert after["total"]["in_person"] == 3 and after["total"]["not_answered"] == 2
        assert after[f"commune.{LOC_TAN}"]["in_person"] == 2
        assert after["commune.-"]["registered"] == 3  # the city-level bodies
        status, html = await get(browser, f"{base}/session/{num}")
        assert "Chưa trả lời (0)" in html
        assert (await get(browser, f"{base}/session/999"))[0] == 404
        assert (await get(browser, f"{base}/session/{'9' * 5000}"))[0] == 404
        assert (await get(browser, f"{base}/delegates?session={'9' * 5000}"))[0] == 404


@contextmanager
def template_calls() -> Iterator[list[str]]:
    """The names of the template functions (Jinja2 compiles each template to a module named
    after its file: macros, blocks, and the root's resumptions) run while in the `with`."""
    calls: list[str] = []

    def count(frame: FrameType, event: str, arg: object) -> None:
        if event == "call" and frame.f_code.co_filename.endswith(".html"):
            calls.append(frame.f_code.co_name)

    before = sys.getprofile()
    sys.setprofile(count)
    try:
        yield calls
    finally:
        sys.setprofile(before)


async def test_the_session_page_runs_no_template_code_per_line_and_escapes_its_rows(
    dash: Bot,
) -> None:
    """Issue 18: the city session's page held the event loop 8 ms at 100,000 delegates, nearly
    all of it a macro per roll-up line (and its bar) and per person listed. The rows are now
    written in Python (dashboard/render.py): more lines, more people, and no more template code
    run; what an imported file names a commune is still escaped there."""
    await setup_city_session(dash)
    num, base = await city_num(dash), base_url(dash)
    async with client() as browser:
        await logged_in(dash, browser)
        await get(browser, f"{base}/session/{num}")  # the templates compiled
        with template_calls() as few:
            status, _ = await get(browser, f"{base}/session/{num}")
        assert status == 200
        for code in (99001, 99002, 99003):  # three more communes, each a line of the table
            await add_delegate(
                dash, f"Người số {code}", "lanh-dao-ubnd", code, f'<b>Xã "{code}" & Co</b>'
            )
            await add_delegate(dash, f"Người khác {code}", "lanh-dao-ubnd", code, account=None)
        with template_calls() as many:
            status, html = await get(browser, f"{base}/session/{num}")
        assert status == 200 and html.count("/commune/9900") == 3
        assert "Người số 99001" in html and "Người khác 99003" in html  # both lists grew
        assert sorted(many) == sorted(few), (len(few), len(many))
        assert '<a href="/commune/99002">&lt;b&gt;Xã &#34;99002&#34; &amp; Co&lt;/b&gt;</a>' in html
        assert "<b>Xã" not in html


async def test_on_the_day_the_check_in_count_follows_the_venue(dash: Bot) -> None:
    leader_a, _ = await setup_city_session(dash)  # one substitute already checked in
    num, base = await city_num(dash), base_url(dash)
    with time_machine.travel(datetime(2026, 11, 27, 0, 30, tzinfo=UTC), tick=True):  # 07:30
        async with client() as browser:
            await logged_in(dash, browser)
            _, overview = await get(browser, f"{base}/")
            assert "badge-today" in overview
            _, html = await get(browser, f"{base}/session/{num}")
            assert "Điểm danh hôm nay" in html and 'data-live="total:present">1<' in html
            leader_a.user.send_location(10.9470, 106.8190)  # at the venue
            (done,) = await dash.server.wait_for(leader_a.user.id)
            assert "Đã điểm danh có mặt bằng vị trí" in (done.text or "")
            now = await live(dash, browser, num)
            assert now["total"]["present"] == 2 and now[f"commune.{LOC_TAN}"]["present"] == 1


async def test_the_low_invited_warning_is_said_once_and_only_for_a_near_session(
    dash: Bot,
) -> None:
    """Issue 19: the eight commune sessions are held (no warning: nothing can be done), the
    city session two days away invites 7 of at least 150: one warning on its card and one on
    its page, never on its lines per commune; sessions come in the order of what is next, and
    a held one says when it was held."""
    await setup_city_session(dash)
    loc_tan_num = int(
        str(await dash.db.scalar("SELECT num FROM sessions WHERE commune_code = ?", (LOC_TAN,)))
    )
    num, base = await city_num(dash), base_url(dash)
    async with client() as browser:
        await logged_in(dash, browser)
        _, overview = await get(browser, f"{base}/")
        assert overview.count("Số được mời thấp hơn mức dự kiến tối thiểu") == 1
        assert "⚠ ⚠" not in overview and "⚠ ⚠️" not in overview
        cards = overview.split('<article class="card')[1:]
        assert 'href="/session/' + str(num) + '"' in cards[0]  # the next session first
        assert "Số được mời thấp hơn" in cards[0]
        assert all("Đã diễn ra ngày" in card for card in cards[1:])
        assert all("ngày dự kiến" not in card for card in cards[1:])
        held_days = [card.split("Đã diễn ra ngày ", 1)[1][:10] for card in cards[1:]]
        as_dates = [datetime.strptime(d, "%d/%m/%Y") for d in held_days]
        assert as_dates == sorted(as_dates, reverse=True)  # the latest held first
        _, page = await get(browser, f"{base}/session/{num}")
        assert page.count("Số được mời thấp hơn mức dự kiến tối thiểu (150).") == 1
        assert '<tr class="warn">' not in page and "⚠ ⚠" not in page
        _, held = await get(browser, f"{base}/session/{loc_tan_num}")
        assert "Đã diễn ra ngày" in held and "thấp hơn" not in held.lower()


async def test_focal_point_sees_only_their_commune(dash: Bot) -> None:
    await setup_city_session(dash)
    await grant(dash, FOCAL_ID, "focal", f"commune:{LOC_TAN}")
    other = int(
        str(await dash.db.scalar("SELECT id FROM delegates WHERE commune_code = ?", (OTHER,)))
    )
    mine = int(str(await dash.db.scalar("SELECT id FROM delegates WHERE full_name = 'Lê Văn Ba'")))
    other_session = int(
        str(
            await dash.db.scalar(
                "SELECT num FROM sessions WHERE level = 'commune' AND commune_code != ? LIMIT 1",
                (LOC_TAN,),
            )
        )
    )
    num, base = await city_num(dash), base_url(dash)
    async with client() as browser:
        await logged_in(dash, browser, FOCAL_ID)
        for path in (
            f"/commune/{OTHER}",
            f"/delegate/{other}",
            f"/session/{other_session}",
            f"/delegates?commune={OTHER}",
            f"/export/list.csv?session={num}&commune={OTHER}",
            "/audit",
        ):
            status, text = await get(browser, base + path)
            assert status == 403, path
            assert "ngoài phạm vi" in text or "chỉ dành cho quản trị viên" in text, path
        assert (await get(browser, f"{base}/api/session/{other_session}/live"))[0] == 403
        assert (await get(browser, f"{base}/commune/{LOC_TAN}"))[0] == 200
        assert (await get(browser, f"{base}/delegate/{mine}"))[0] == 200
        status, html = await get(browser, f"{base}/session/{num}")
        assert status == 200 and "Lộc Tấn" in html and "Lộc Thạnh" not in html
        assert "Hoàng Văn Năm" not in html and "Cơ quan cấp thành phố" not in html
        status, html = await get(browser, f"{base}/")
        assert html.count('<article class="card') == 2  # their commune's session, the city one
        async with browser.get(f"{base}/export/list.csv?session={num}") as response:
            rows = list(csv.reader(io.StringIO((await response.read()).decode("utf-8-sig"))))
        assert [row[4] for row in rows[1:]] == ["Xã Lộc Tấn", "Xã Lộc Tấn"]
        assert all(row[5] == "" for row in rows[1:])  # no phone numbers for focal points
        assert (await live(dash, browser, num))["total"]["registered"] == 2


async def test_exports_from_the_lists(dash: Bot) -> None:
    await setup_city_session(dash)
    await dash.db.write(
        "UPDATE delegates SET phone = '0987654321' WHERE full_name = ?", ("Phạm Thị Bốn",)
    )
    num, base = await city_num(dash), base_url(dash)
    async with client() as browser:
        await logged_in(dash, browser)
        async with browser.get(f"{base}/export/list.xlsx?session={num}") as response:
            assert response.headers["Content-Disposition"] == (
                'attachment; filename="danh-sach-2026-11-thanh-pho.xlsx"'
            )
            book = openpyxl.load_workbook(io.BytesIO(await response.read()))
        sheet = book.active
        assert sheet.title == "Danh sách đại biểu"
        assert sheet["A2"].value == "STT" and sheet["F2"].value == "Số điện thoại"
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        assert len(rows) == 7
        assert ("Phạm Thị Bốn", "0987654321", "Vắng mặt") in {(r[1], r[5], r[6]) for r in rows}
        async with browser.get(f"{base}/export/list.csv?session={num}&answer=none") as response:
            data = await response.read()
        assert data.startswith(b"\xef\xbb\xbf")
        names = [row[1] for row in csv.reader(io.StringIO(data.decode("utf-8-sig")))][1:]
        assert sorted(names) == sorted(["Nguyễn Văn An", "Hoàng Văn Năm", "Bùi Văn Tám"])
        async with browser.get(f"{base}/export/list.csv?session={num}&q=van+b") as response:
            found = (await response.read()).decode("utf-8-sig")  # without diacritics
        assert "Lê Văn Ba" in found and "Trần Văn Bảo" in found and "Nguyễn" not in found
        async with browser.get(f"{base}/export/lich.ics") as response:
            calendar = (await response.read()).decode()
        assert calendar.startswith("BEGIN:VCALENDAR") and calendar.count("BEGIN:VEVENT") == 9
        status, text = await get(browser, f"{base}/export/list.xlsx?session=all")
        assert status == 400 and "chọn buổi" in text
    details = [
        json.loads(r[0])
        for r in await dash.db.fetch_all(
            "SELECT details FROM audit_log WHERE action = 'export' ORDER BY id"
        )
    ]
    assert [d["format"] for d in details] == ["xlsx", "csv", "csv"]
    assert details[1]["filters"] == f"session={num}&answer=none" and details[0]["phones"]


async def test_delegate_search_and_a_delegates_history(dash: Bot) -> None:
    leader_a, _ = await setup_city_session(dash)
    await add_delegate(dash, "<script>alert(1)</script>", "so-nganh")
    (choice,) = await leader_a.send("/xacnhan")
    await leader_a.press(choice, "✅ Tham dự")
    await leader_a.press(choice, "❌ Vắng mặt")
    await leader_a.send("Bận họp Đảng ủy")
    num, base = await city_num(dash), base_url(dash)
    leader_id = int(
        str(await dash.db.scalar("SELECT id FROM delegates WHERE full_name = 'Nguyễn Văn An'"))
    )
    async with client() as browser:
        await logged_in(dash, browser)
        _, html = await get(browser, f"{base}/delegates?q=nguyen+van+an")
        assert "Tìm thấy 1 người." in html and f'href="/delegate/{leader_id}"' in html
        _, html = await get(browser, f"{base}/delegates?session={num}&answer=absent")
        assert "Tìm thấy 2 người." in html and "Phạm Thị Bốn" in html
        _, html = await get(browser, f"{base}/delegates?session={num}&category=cong-an-xa")
        assert "Tìm thấy 0 người." in html  # police are not invited to the city session
        _, html = await get(browser, f"{base}/delegates?session=all&category=cong-an-xa")
        assert "Tìm thấy 1 người." in html and "Đỗ Văn Sáu" in html
        _, html = await get(browser, f"{base}/delegates?session=all&commune={OTHER}")
        assert "Trần Văn Bảo" in html and "Hoàng Văn Năm" in html and "Lê Văn Ba" not in html
        _, html = await get(browser, f"{base}/delegates?session=all")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
        status, html = await get(browser, f"{base}/delegate/{leader_id}")
        assert status == 200 and "Lịch sử trả lời" in html
        history = html.split("Lịch sử trả lời", 1)[1]
        assert history.index("Vắng mặt") < history.index("Tham dự")  # newest first
        assert "Bận họp Đảng ủy" in history and "Telegram" in history
        assert (await get(browser, f"{base}/delegate/99999"))[0] == 404


async def test_broadcasts_with_their_report_and_the_audit_log_for_admins(dash: Bot) -> None:
    await setup_city_session(dash)
    organiser = dash.chat(ORGANISER_ID, "Ban tổ chức")
    await organiser.send("/thongbao")
    (choose,) = await organiser.send("Họp lúc 8 giờ, mang theo giấy mời.")
    (preview,) = await organiser.press(choose, "👥 Tất cả đại biểu")
    await organiser.press(preview, "✅ Gửi")
    broadcast = int(str(await dash.db.scalar("SELECT max(id) FROM broadcasts")))
    await grant(dash, 4242, "organiser")
    base = base_url(dash)
    async with client() as browser:
        await logged_in(dash, browser)
        _, html = await get(browser, f"{base}/broadcasts")
        assert "tất cả đại biểu" in html and "Họp lúc 8 giờ" in html
        status, html = await get(browser, f"{base}/broadcast/{broadcast}")
        assert status == 200 and "Báo cáo gửi" in html
        assert "Hoàng Văn Năm" in html and "Bùi Văn Tám" in html  # no chat reaches them
        _, html = await get(browser, f"{base}/audit")
        assert "broadcast" in html and "dashboard_login" in html
    async with client() as browser:
        await logged_in(dash, browser, 4242)  # an organiser, not an admin
        status, text = await get(browser, f"{base}/audit")
        assert status == 403 and "chỉ dành cho quản trị viên" in text
        assert 'href="/audit"' not in (await get(browser, f"{base}/"))[1]
    await grant(dash, FOCAL_ID, "focal", f"commune:{LOC_TAN}")
    async with client() as browser:
        await logged_in(dash, browser, FOCAL_ID)
        assert (await get(browser, f"{base}/broadcast/{broadcast}"))[0] == 404  # not theirs
        assert "Họp lúc 8 giờ" not in (await get(browser, f"{base}/broadcasts"))[1]


async def test_pages_carry_a_strict_content_security_policy(dash: Bot) -> None:
    async with client() as browser:
        await logged_in(dash, browser)
        async with browser.get(f"{base_url(dash)}/") as response:
            policy = response.headers["Content-Security-Policy"]
            assert "default-src 'self'" in policy and "script-src 'self'" in policy
            assert response.headers["Referrer-Policy"] == "no-referrer"
            assert response.headers["Cache-Control"] == "no-store"
            html = await response.text()
        assert "http://" not in html.replace(base_url(dash), "") and "https://" not in html


async def test_odd_addresses_get_a_polite_page_never_an_error(dash: Bot) -> None:
    base, num = base_url(dash), await city_num(dash)
    odd = [
        "/session/abc",
        "/session/-1",
        f"/session/{num}/x",
        "/commune/%00",
        "/commune/99999999999",
        "/delegate/0",
        "/broadcast/1",
        "/delegates?session=&q=%F0%9F%98%80&commune=x&category=nope&answer=maybe&page=-3",
        f"/delegates?q={'a' * 5000}",
        f"/export/list.csv?session={num}&answer=%27%3B--",
        "/audit?before=abc",
        "/login?t=%00%01",
        "/login?t=a.b.c",
        "/static/../bot/runtime/core.py",
    ]
    async with client() as browser:
        await logged_in(dash, browser)
        for path in odd:
            status, text = await get(browser, base + path)
            assert status in (200, 400, 403, 404), (path, status)
            assert "Traceback" not in text and "core.py" not in text.replace(path, "")
