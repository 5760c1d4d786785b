"""The dashboard in a real headless Chromium (Debian's `chromium`, found or installed by
scripts/browser.sh, path in HOINGHI_CHROMIUM) driven by Playwright, against the whole running
bot and the fake Telegram Bot API: log in through the link the bot sent, see the figures,
watch a count change without reloading when a delegate answers in the chat, download a list
and open it; and be refused without a session, with a used or an expired link, and outside a
focal point's commune. One browser for the module; screenshots go to tests/artifacts/.

The example plan's city session (Friday 27/11/2026) is upcoming at the fixtures' "now"."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
import pytest_asyncio
import time_machine
from playwright.async_api import Browser, Page, async_playwright, expect

from bot.app import load_plan
from bot.config import DEFAULT_PLAN
from storage.db import Database
from tests.conftest import NOW, Bot, running_bot
from tests.dashboard_helpers import base_url, login_link
from tests.test_reminders_e2e import city_num
from tests.test_rollup_e2e import LOC_TAN, OTHER, add_delegate, answer, setup_city_session

pytestmark = pytest.mark.asyncio(loop_scope="module")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
LIVE_TIMEOUT_MS = 15_000  # the page polls every 2 s; generous for a loaded machine
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 768}
DAY = datetime(2026, 11, 27, 0, 30, tzinfo=UTC)  # 07:30 on the city session's day


def chromium() -> str:
    """Debian's chromium: a missing browser fails the tests, it does not skip them."""
    path = (
        os.environ.get("HOINGHI_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not path:
        pytest.fail("no Chromium found: run scripts/browser.sh (apt-get install chromium)")
    return path


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=chromium(),
            args=[
                "--no-sandbox",  # the tests run as root
                "--disable-background-networking",  # no internet here
                "--disable-component-update",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
            ],
        )
        yield launched
        await launched.close()


@pytest_asyncio.fixture(loop_scope="module")
async def dash(tmp_path: Path) -> AsyncIterator[Bot]:
    """The running bot with its dashboard (a fresh database with the example plan)."""
    with time_machine.travel(NOW, tick=True):
        db = await Database.open(tmp_path / "bot.sqlite3")
        report, errors = await load_plan(db, DEFAULT_PLAN)
        assert report is not None, errors
        try:
            async with running_bot(db, tmp_path, dashboard=True) as bot:
                yield bot
        finally:
            await db.close()


async def log_in(browser: Browser, bot: Bot, user_id: int, name: str, **options: object) -> Page:
    """A new browser profile that opens the link the bot sent to `user_id`."""
    context = await browser.new_context(locale="vi-VN", **options)  # type: ignore[arg-type]
    page = await context.new_page()
    await page.goto(await login_link(bot, user_id, name))
    await page.wait_for_url(f"{base_url(bot)}/")  # the page sent its form by itself
    return page


async def test_organiser_watches_a_session_live_and_downloads_its_list(
    dash: Bot, browser: Browser
) -> None:
    leader_a, _ = await setup_city_session(dash)
    num = await city_num(dash)
    ARTIFACTS.mkdir(exist_ok=True)
    page = await log_in(
        browser,
        dash,
        9001,
        "Ban tổ chức",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    await expect(page).to_have_title("Tổng quan · Bảng điều khiển hội nghị")
    city = page.locator("article.card", has_text="Hội nghị cấp thành phố")
    await expect(city.locator(".badge")).to_have_text("Sắp diễn ra")
    await expect(city.locator('[data-live$=":in_person"]')).to_have_text("2")
    await expect(city.locator(".expected")).to_contain_text("Dự kiến 150–250 người · đã mời 7")
    assert await page.locator("article.card").count() == 9
    await page.screenshot(path=ARTIFACTS / "overview.png", full_page=True)

    await city.get_by_role("link").first.click()
    await page.wait_for_url(f"{base_url(dash)}/session/{num}")
    in_person = page.locator('[data-live="total:in_person"]')
    await expect(in_person).to_have_text("2")
    await expect(page.locator('[data-live="total:not_answered"]')).to_have_text("3")
    waiting = page.locator("#list-none")
    await expect(waiting).to_contain_text("Chưa trả lời (1)")  # the unreachable: a list apart
    await expect(waiting).to_contain_text("Nguyễn Văn An")
    unreachable = page.locator("#list-unreachable")
    await expect(unreachable).to_contain_text("Hoàng Văn Năm")
    await expect(unreachable).to_contain_text("Bùi Văn Tám")
    loc_tan = page.locator(f'tr:has([data-live="commune.{LOC_TAN}:registered"])')
    await expect(loc_tan.locator("th")).to_contain_text("Lộc Tấn")
    await page.screenshot(path=ARTIFACTS / "session.png", full_page=True)

    # The delegate answers in the chat; the page changes without being reloaded.
    await page.evaluate("window.stillTheSamePage = true")
    (choice,) = await leader_a.send("/xacnhan")
    await leader_a.press(choice, "✅ Tham dự")
    await expect(in_person).to_have_text("3", timeout=LIVE_TIMEOUT_MS)
    await expect(page.locator('[data-live="total:not_answered"]')).to_have_text("2")
    await expect(loc_tan.locator(f'[data-live="commune.{LOC_TAN}:in_person"]')).to_have_text("2")
    assert await page.evaluate("window.stillTheSamePage") is True

    # Download the whole list as XLSX and open it.
    async with page.expect_download() as info:
        await page.locator(f'a[href="/export/list.xlsx?session={num}"]').first.click()
    download = await info.value
    assert download.suggested_filename == "danh-sach-2026-11-thanh-pho.xlsx"
    saved = ARTIFACTS / download.suggested_filename
    await download.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert sheet["A1"].value.startswith("Danh sách đại biểu")
    assert len(rows) == 7
    assert ("Nguyễn Văn An", "Tham dự") in {(r[1], r[6]) for r in rows}

    await page.set_viewport_size(PHONE)
    await page.screenshot(path=ARTIFACTS / "session-phone.png")
    await page.goto(f"{base_url(dash)}/")
    await page.screenshot(path=ARTIFACTS / "overview-phone.png")
    print(f"screenshots in {ARTIFACTS}")


async def test_refused_without_session_with_used_or_expired_link_and_outside_scope(
    dash: Bot, browser: Browser
) -> None:
    await setup_city_session(dash)
    num = await city_num(dash)
    base = base_url(dash)
    context = await browser.new_context(locale="vi-VN")
    stranger = await context.new_page()
    for path in ("/", f"/session/{num}", f"/export/list.xlsx?session={num}"):
        response = await stranger.goto(f"{base}{path}")
        assert response is not None and response.status == 401, path
        await expect(stranger.locator("main")).to_contain_text("Gõ /dashboard trong bot")

    link = await login_link(dash)
    organiser = await context.new_page()
    await organiser.goto(link)
    await organiser.wait_for_url(f"{base}/")  # used now
    other = await (await browser.new_context()).new_page()
    response = await other.goto(link)
    assert response is not None and response.status == 403
    await expect(other.locator("main")).to_contain_text("Liên kết này đã được dùng")
    await expect(other).to_have_url(link)  # no session: it stayed on the refusal

    late = await login_link(dash)
    with time_machine.travel(NOW + timedelta(minutes=11), tick=True):
        response = await other.goto(late)
    assert response is not None and response.status == 403
    await expect(other.locator("main")).to_contain_text("Liên kết này đã hết hạn")

    await dash.runtime.core.services.roles.grant(
        "telegram", "7001", "focal", "test", NOW, scope=f"commune:{LOC_TAN}"
    )
    focal = await log_in(browser, dash, 7001, "Đầu mối Lộc Tấn")
    await expect(focal.locator(".scope-note")).to_contain_text("Lộc Tấn")
    response = await focal.goto(f"{base}/commune/{OTHER}")
    assert response is not None and response.status == 403
    await expect(focal.locator("main")).to_contain_text("ngoài phạm vi")
    response = await focal.goto(f"{base}/commune/{LOC_TAN}")
    assert response is not None and response.status == 200
    await expect(focal.locator("h1")).to_contain_text("Lộc Tấn")


# The columns that must show on any screen, by their heading: a person's name, commune, phone
# and answer; a roll-up line's name, invited, in person, not answered, present.
KEY_HEADINGS = (
    "Họ và tên",
    "Xã/phường",
    "Số điện thoại",
    "Trạng thái",
    "Mời",
    "Trực tiếp",
    "Chưa trả lời",
    "Có mặt",
)
KEY_CELLS = """(table, keys) => {
  const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  const row = table.querySelector("tbody tr");
  if (!row) return [];
  const cells = [...row.children];
  return heads.flatMap((head, i) => {
    const cell = cells[i];
    if (!(i === 0 || keys.includes(head)) || !cell || !cell.textContent.trim()) return [];
    const box = cell.getBoundingClientRect();
    return [{head: head, x: box.x, width: box.width}];
  });
}"""


async def _fits(page: Page, path: str) -> None:
    """No sideways scrolling of the page; in every table, the key columns of the first row
    (found by their headings, shown or not) are on the screen."""
    width = await page.evaluate("window.innerWidth")
    scroll = await page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{path}: {scroll} px wide in a {width} px viewport"
    for table in await page.locator("main table").all():
        for cell in await table.evaluate(KEY_CELLS, list(KEY_HEADINGS)):
            shown = (
                cell["width"] > 0 and cell["x"] >= 0 and cell["x"] + cell["width"] <= width + 0.5
            )
            assert shown, f"{path}: column {cell['head']!r} off a {width} px screen: {cell}"


async def _menu_reaches_the_delegates(page: Page, phone: bool) -> None:
    menu = page.locator("header nav")
    if phone:
        await expect(menu).to_be_hidden()  # collapsed behind its button
        await page.locator(".menu-button").click()
    await expect(menu).to_be_visible()
    await menu.get_by_role("link", name="Đại biểu").click()
    await expect(page.locator("h1")).to_have_text("Đại biểu")


async def _more_people(bot: Bot) -> None:
    """A few more on the city session's list, with phones, so the pictures look like a day."""
    names = ("Trịnh Thị Hoa", "Đặng Văn Hùng", "Phan Thị Lan", "Ngô Văn Minh")
    for n, name in enumerate(names):
        delegate = await add_delegate(bot, name, "so-nganh")
        await answer(bot, delegate, "in_person")
        await bot.db.write(
            "UPDATE delegates SET phone = ?, position = 'Phó Giám đốc Sở' WHERE id = ?",
            (f"09{n}8123456", delegate),
        )


@pytest.mark.parametrize("size", [PHONE, DESK], ids=["phone", "desktop"])
async def test_every_page_fits_a_phone_and_a_desk_and_the_door_works(
    dash: Bot, browser: Browser, size: dict[str, int]
) -> None:
    """Issue 19: at 390 × 844 and 1366 × 768, no page is wider than the screen, the key
    columns show, the menu is reachable; at the door, a name typed without diacritics is found
    and checked in. Screenshots of the session page and the door view for the guide."""
    await setup_city_session(dash)
    await _more_people(dash)
    num = await city_num(dash)
    base = base_url(dash)
    phone = size["width"] < 640
    suffix = "-phone" if phone else ""
    ARTIFACTS.mkdir(exist_ok=True)
    delegate = await dash.db.scalar("SELECT id FROM delegates WHERE full_name = 'Lê Văn Ba'")
    with time_machine.travel(DAY, tick=True):
        page = await log_in(browser, dash, 9001, "Ban tổ chức", viewport=size)
        for path in (
            "/",
            f"/session/{num}",
            f"/session/{num}/door",
            "/delegates",
            f"/delegates?session={num}",
            f"/delegate/{delegate}",
            f"/delegate/{delegate}/edit",
            f"/commune/{LOC_TAN}",
            "/broadcasts",
            "/audit",
        ):
            response = await page.goto(base + path)
            assert response is not None and response.status == 200, path
            await _fits(page, path)
        await _menu_reaches_the_delegates(page, phone)

        await page.goto(f"{base}/session/{num}")
        await expect(page.locator('[data-live="total:never_reached"]').first).to_have_text("1")
        await page.screenshot(path=ARTIFACTS / f"session{suffix}.png", full_page=True)

        await page.goto(f"{base}/session/{num}/door")
        awaited = page.locator("#door-awaited")
        await expect(awaited).to_contain_text("Lê Văn Ba")
        await page.screenshot(path=ARTIFACTS / f"door{suffix}.png", full_page=True)
        await page.get_by_placeholder("Tìm tên").fill("le van ba")
        await page.get_by_role("button", name="Tìm", exact=True).click()
        person = page.locator("#door-awaited li.person", has_text="Lê Văn Ba")
        await expect(person.locator('a[href^="tel:"]')).to_have_count(0)  # no phone on file
        await person.get_by_role("button", name="Điểm danh").click()
        await expect(page.locator(".notice")).to_contain_text("Đã điểm danh có mặt: Lê Văn Ba")
        await expect(page.locator("#door-arrived")).to_contain_text("Lê Văn Ba")
        await _fits(page, "door after a check-in")
