"""The printed papers on seed 000's plan with 200 invitees of the city session: every file
opens with python-docx, openpyxl and a PDF reader; one invitation a page with every name and
its diacritics; each QR code decodes (zxing-cpp) to that person's own link; the XLSX print
settings read back; the report's figures are the database's; phones stay text in CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import itertools
from datetime import date
from pathlib import Path

import docx
import pypdf
import pypdfium2
import pytest
import zxingcpp
from openpyxl import load_workbook  # type: ignore[import-untyped]
from PIL import Image

from bot.cli import main
from bot.documents.content import place_date
from bot.documents.protocol import name_parts, position_rank
from bot.domain import Paper
from bot.plan.loader import read_plan
from bot.services.people import derived_workplace
from storage.db import Database
from storage.imports import ImportedPerson, ImportRepository
from storage.plans import first_series
from tests.conftest import NOW, ORGANISER_ID, Bot, Chat
from tests.dashboard_helpers import base_url, client, get, logged_in
from tests.fake_telegram import SentMessage
from tests.test_dashboard_e2e import dash  # noqa: F401  (the bot with its dashboard)
from tests.test_files_e2e import CSV, make_focal, send_file
from tests.test_registration_e2e import register
from tests.test_reminders_e2e import city_num
from tests.test_rollup_e2e import setup_city_session

SESSION = "2026-11-thanh-pho"
BOT = "hoinghi_test_bot"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Đỗ", "Dương", "Võ", "Đặng", "Bùi", "Ưng")
MIDDLES = ("Văn", "Thị", "Hữu", "Ngọc", "Đức")
GIVENS = ("An", "Ánh", "Ân", "Bình", "Đạt", "Dũng", "Ơn", "Ưng", "Yến", "Ẩn")
POSITIONS = ("Phó Chủ tịch UBND xã", "Chủ tịch UBND xã", "Chuyên viên", "Giám đốc Sở")
COMMUNES = ((25279, "Xã Lộc Tấn"), (25270, "Xã Lộc Thành"), (25292, "Xã Lộc Hưng"))


def people() -> list[ImportedPerson]:
    """100 commune leaders of three communes and 100 city-level delegates, all invited to the
    city session; names with every kind of Vietnamese letter."""
    names = [" ".join(parts) for parts in itertools.product(FAMILIES, MIDDLES, GIVENS)][:200]
    found = []
    for number, name in enumerate(names):
        commune = COMMUNES[number % 3] if number < 100 else (None, None)
        category = "lanh-dao-ubnd" if number < 100 else ("so-nganh", "ban-chi-dao")[number % 2]
        found.append(
            ImportedPerson(
                number + 2,
                name,
                POSITIONS[number % 4],
                category,
                "",
                *commune,
                f"09{number:08d}",
            )
        )
    return found


@pytest.fixture
async def filled(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    await ImportRepository(db).store(people(), NOW, series_id=await first_series(db))
    answers = ("in_person", "online", "absent", "substitute", None)
    rows = await db.fetch_all("SELECT id FROM delegates ORDER BY id")
    for (delegate_id,), answer in zip(rows, itertools.cycle(answers), strict=False):
        if answer is not None:
            await db.write(
                "INSERT INTO attendance (session_id, delegate_id, answer, reason, "
                "substitute_name, channel, updated_at) VALUES (?, ?, ?, ?, ?, 'telegram', ?)",
                (
                    SESSION,
                    delegate_id,
                    answer,
                    "Đi công tác" if answer == "absent" else "",
                    "Hồ Văn Thế" if answer == "substitute" else "",
                    "2026-11-20 01:00:00",
                ),
            )
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    monkeypatch.delenv("PLAN_FILE", raising=False)
    monkeypatch.delenv("BOT_USERNAME", raising=False)
    return db


async def docs(tmp_path: Path, kind: str, form: str, *more: str) -> bytes:
    out = tmp_path / f"{kind}.{form}"
    arguments = ["docs", kind, "--session", SESSION, "--format", form, "--out", str(out)]
    assert await asyncio.to_thread(main, [*arguments, "--bot", BOT, *more]) == 0
    return out.read_bytes()


def first_page_png(data: bytes, name: str) -> None:
    """The first page as a picture, for the organisers' guide (docs/tai-lieu-in.md)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = pypdfium2.PdfDocument(data)[0]
    page.render(scale=1.5).to_pil().save(ARTIFACTS / f"{name}.png")


async def invited(db: Database) -> dict[str, str]:
    """Each invitee's name and personal link, from the database."""
    rows = await db.fetch_all("SELECT full_name, claim_code FROM delegates ORDER BY id")
    return {row[0]: f"https://t.me/{BOT}?start=p-{row[1]}" for row in rows}


async def test_one_invitation_a_page_with_each_persons_own_qr_code(
    filled: Database, tmp_path: Path
) -> None:
    data = await docs(tmp_path, "invitations", "pdf")
    links = await invited(filled)
    assert len(links) == 200
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 200
    rendered = pypdfium2.PdfDocument(data)
    seen = {}
    for number, page in enumerate(reader.pages):
        text = " ".join(page.extract_text().split())  # justified lines: spaces vary
        name = next(n for n in links if f"Ông/Bà {n}," in text)
        assert links[name] in text
        picture = rendered[number].render(scale=2).to_pil()
        codes = [code.text for code in zxingcpp.read_barcodes(picture)]
        assert codes == [links[name]], (number, name)
        seen[name] = number
    assert set(seen) == set(links)
    first = reader.pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "GIẤY MỜI" in first
    assert "Đồng Nai, ngày 25 tháng 11 năm 2026" in first and "/GM-BCĐ" in first
    assert "TRƯỞNG BAN" in first and "Lê Trường Sơn" in first
    fonts = reader.pages[0]["/Resources"]["/Font"].values()
    assert fonts and all("LiberationSerif" in str(f.get_object()["/BaseFont"]) for f in fonts)
    first_page_png(data, "giay-moi")
    # The same as DOCX, one invitation a page, in Times New Roman 13 pt on A4.
    document = docx.Document(io.BytesIO(await docs(tmp_path, "invitations", "docx")))
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert section.left_margin.mm == pytest.approx(30, abs=0.5)
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 13)
    assert len(document.inline_shapes) == 200
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(f"Ông/Bà {name}," in text for name in links)


async def test_each_docx_invitation_shows_the_invitees_own_qr_code_and_link(
    filled: Database, tmp_path: Path
) -> None:
    # The DOCX copies one page for every invitee: each copy has their name, their QR picture
    # and their link, never another's.
    document = docx.Document(io.BytesIO(await docs(tmp_path, "invitations", "docx")))
    links = await invited(filled)
    name, seen = "", []
    for block in document.iter_inner_content():
        if isinstance(block, docx.text.paragraph.Paragraph) and "mời: Ông/Bà " in block.text:
            name = block.text.split("Ông/Bà ")[1].split(",")[0]
        elif isinstance(block, docx.table.Table) and block.rows[0].cells[0]._tc.xpath(".//a:blip"):
            cell = block.rows[0].cells[0]
            (embed,) = cell._tc.xpath(".//a:blip/@r:embed")
            picture = Image.open(io.BytesIO(document.part.related_parts[embed].blob))
            assert [c.text for c in zxingcpp.read_barcodes(picture)] == [links[name]], name
            assert cell.paragraphs[-1].text == links[name]
            seen.append(name)
    assert sorted(seen) == sorted(links)


async def test_one_person_by_phone_gets_their_own_invitation(
    filled: Database, tmp_path: Path
) -> None:
    data = await docs(tmp_path, "invitations", "pdf", "--person", "0900000007")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    name = people()[7].full_name
    assert f"Ông/Bà {name}," in " ".join(reader.pages[0].extract_text().split())
    picture = pypdfium2.PdfDocument(data)[0].render(scale=2).to_pil()
    assert [c.text for c in zxingcpp.read_barcodes(picture)] == [(await invited(filled))[name]]


async def test_lists_print_landscape_one_page_wide_with_titles_and_phones_as_text(
    filled: Database, tmp_path: Path
) -> None:
    for kind in ("list", "signin"):
        book = load_workbook(io.BytesIO(await docs(tmp_path, kind, "xlsx")))
        sheet = book.active
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.print_title_rows == "$6:$6"
        assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text
        header = [cell.value for cell in sheet[6]]
        assert "Thành phần" in header and "Đơn vị công tác" in header
        assert header[-1] == ("Ký tên" if kind == "signin" else "Trả lời")
        phone = header.index("Số điện thoại")
        body = list(sheet.iter_rows(min_row=7))
        assert len(body) == 200
        assert all(r[phone].data_type == "s" and r[phone].value.startswith("09") for r in body)
        names = [r[1].value for r in body]
        # Protocol order: the plan's categories (commune leaders before the city's bodies).
        category = header.index("Thành phần")
        assert body[0][category].value == "Lãnh đạo UBND xã"
        assert body[-1][category].value == "Sở, ban, ngành, đoàn thể thành phố"
        assert sorted(names) == sorted(p.full_name for p in people())
        pdf = await docs(tmp_path, kind, "pdf")
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert f"Trang 1/{len(reader.pages)}" in text and len(reader.pages) > 1
        assert all(name in text for name in names)
        first_page_png(pdf, "danh-sach-ky-ten" if kind == "signin" else "danh-sach-dai-bieu")


async def test_report_figures_are_the_databases(filled: Database, tmp_path: Path) -> None:
    counts = {
        answer: await filled.scalar(
            "SELECT count(*) FROM attendance WHERE session_id = ? AND answer = ?",
            (SESSION, answer),
        )
        for answer in ("in_person", "online", "absent", "substitute")
    }
    answered = sum(int(str(v)) for v in counts.values())
    for kind in ("report", "readiness"):
        book = load_workbook(io.BytesIO(await docs(tmp_path, kind, "xlsx")))
        totals = {row[0]: row[1] for row in book.active.iter_rows(values_only=True) if row}
        assert totals["Được mời"] == 200
        assert totals["Đã trả lời"] == answered and totals["Chưa trả lời"] == 200 - answered
        assert totals["Tham dự trực tiếp"] == counts["in_person"]
        assert totals["Tham dự trực tuyến"] == counts["online"]
        assert totals["Vắng mặt"] == counts["absent"]
        assert totals["Cử người dự thay"] == counts["substitute"]
        sections: dict[str, list[tuple[object, ...]]] = {}
        for row in book.worksheets[1].iter_rows(values_only=True):
            if row[0] is not None and row[1] is None:
                title = str(row[0])
                sections[title] = []
            elif row[0] is not None and row[0] != "STT":
                sections[title].append(row)
        assert [r[3] for r in sections["Vắng mặt và lý do"]] == ["Đi công tác"] * 40
        assert len(sections["Cử người dự thay"]) == counts["substitute"]
        assert len(sections["Không liên lạc được qua ứng dụng"]) == 200  # imported, no chat
        assert ("Chưa trả lời" in sections) == (kind == "readiness")
        document = docx.Document(io.BytesIO(await docs(tmp_path, kind, "docx")))
        title = "BÁO CÁO TÌNH HÌNH CHUẨN BỊ" if kind == "readiness" else "BÁO CÁO KẾT QUẢ"
        assert title in [p.text for p in document.paragraphs]
        figures = {r.cells[0].text: r.cells[1].text for r in document.tables[1].rows}
        assert figures["Được mời"] == "200" and figures["Đã trả lời"] == str(answered)


async def test_a_communes_report_counts_that_commune(filled: Database, tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(await docs(tmp_path, "report", "xlsx", "--commune", "25279")))
    totals = {row[0]: row[1] for row in book.active.iter_rows(values_only=True) if row}
    invited = await filled.scalar("SELECT count(*) FROM delegates WHERE commune_code = 25279")
    assert totals["Được mời"] == invited == 34


async def test_posters_carry_the_communes_link(filled: Database, tmp_path: Path) -> None:
    data = await docs(tmp_path, "posters", "pdf", "--commune", "Lộc Tấn")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert "Xã Lộc Tấn" in reader.pages[0].extract_text()
    picture = pypdfium2.PdfDocument(data)[0].render(scale=1).to_pil()
    codes = [code.text for code in zxingcpp.read_barcodes(picture)]
    assert codes == [f"https://t.me/{BOT}?start=c-25279"]
    first_page_png(data, "ap-phich-qr")


async def test_csv_phones_are_plain_digits_with_their_leading_zero(
    filled: Database, tmp_path: Path
) -> None:
    out = tmp_path / "list.csv"
    arguments = ["export", "--session", SESSION, "--format", "csv", "--out", str(out)]
    assert await asyncio.to_thread(main, arguments) == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    phone = rows[0].index("Số điện thoại")
    phones = [row[phone] for row in rows[1:]]
    assert len(phones) == 200 and all(p.isdigit() and p.startswith("09") for p in phones)
    assert '="' not in out.read_text("utf-8-sig") and "\t" not in out.read_text("utf-8-sig")


async def test_without_a_bot_name_invitations_are_refused(
    filled: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["docs", "invitations", "--session", SESSION, "--out", str(tmp_path / "x.pdf")]
    assert await asyncio.to_thread(main, arguments) == 2
    assert "BOT_USERNAME" in capsys.readouterr().err


def test_the_date_line_has_leading_zeros_below_ten_and_for_january_and_february() -> None:
    assert place_date("Đồng Nai", date(2026, 2, 5)) == "Đồng Nai, ngày 05 tháng 02 năm 2026"
    assert place_date("Lạng Sơn", date(2024, 5, 29)) == "Lạng Sơn, ngày 29 tháng 5 năm 2024"
    assert place_date("Huế", date(2025, 12, 10)) == "Huế, ngày 10 tháng 12 năm 2025"


def test_the_signature_blocks_of_the_two_example_plans() -> None:
    root = Path(__file__).resolve().parent.parent / "plans"
    dong_nai, _ = read_plan(root / "dong-nai-2026.yaml")
    lang_son, _ = read_plan(root / "lang-son-2024.yaml")
    assert dong_nai is not None and lang_son is not None
    assert dong_nai.paper is not None and lang_son.paper is not None
    assert dong_nai.paper.signature_lines() == ["TRƯỞNG BAN"]
    assert dong_nai.paper.signer_note == "PHÓ CHỦ TỊCH UBND THÀNH PHỐ"
    assert lang_son.paper.signature_lines() == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert lang_son.paper.signer_name == "Dương Xuân Huyền"
    department = Paper(
        "SỞ NGOẠI VỤ", authority="KT.", on_behalf_of="GIÁM ĐỐC", signer_title="PHÓ GIÁM ĐỐC"
    )
    assert department.signature_lines() == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_protocol_order_reads_names_and_positions_the_vietnamese_way() -> None:
    assert name_parts("Nguyễn Thị Ánh Tuyết") == ("Tuyết", "Nguyễn Thị Ánh")
    assert position_rank("Bí thư Đảng ủy xã") < position_rank("Chủ tịch UBND xã")
    assert position_rank("Chủ tịch UBND xã") < position_rank("Phó Bí thư Đảng ủy xã")
    assert position_rank("Phó Chủ tịch UBND xã") < position_rank("Chuyên viên")


def test_the_workplace_is_the_category_in_the_commune() -> None:
    assert derived_workplace("Công an xã", "Xã Lộc Tấn") == "Công an xã Lộc Tấn"
    assert derived_workplace("Đoàn thể", "Phường Trấn Biên") == "Đoàn thể phường Trấn Biên"
    assert derived_workplace("Sở, ban, ngành", None) == "Sở, ban, ngành"


async def test_chat_registration_stores_the_derived_workplace(bot: Bot) -> None:
    await register(bot.chat())
    assert await bot.db.scalar("SELECT workplace FROM delegates") == "Công an xã Lộc Thạnh"


async def _paper_from_chat(chat: Chat, session_label: str, paper: str) -> SentMessage:
    (pick,) = await chat.send("/xuat")
    (listed,) = await chat.press(
        pick, next(b for b, _ in pick.inline_buttons if session_label in b)
    )
    assert listed.method == "sendDocument"
    (sent,) = await chat.press(listed, next(b for b, _ in listed.inline_buttons if paper in b))
    assert sent.method == "sendDocument" and sent.upload is not None
    return sent


async def test_xuat_offers_the_papers_and_a_focal_point_gets_their_scope(bot: Bot) -> None:
    admin = bot.chat(ORGANISER_ID, "Quản trị")
    await send_file(admin, "xa-loc-tan.csv", CSV, 2)
    sent = await _paper_from_chat(admin, "Lộc Tấn", "Giấy mời")
    assert sent.upload is not None
    reader = pypdf.PdfReader(io.BytesIO(sent.upload.content))
    invitees = await bot.db.fetch_all(
        "SELECT full_name, claim_code FROM delegates WHERE commune_code = 25279"
    )
    assert len(reader.pages) == len(invitees) > 0
    picture = pypdfium2.PdfDocument(sent.upload.content)[0].render(scale=2).to_pil()
    (code,) = [c.text for c in zxingcpp.read_barcodes(picture)]
    assert code.startswith("https://t.me/") and code.split("start=p-")[1] in {
        row[1] for row in invitees
    }
    focal = await make_focal(bot)
    sent = await _paper_from_chat(focal, "Lộc Tấn", "Danh sách đại biểu")
    assert sent.upload is not None
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(sent.upload.content)).pages)
    assert "Số điện thoại" not in text and "0912000001" not in text


async def test_the_session_page_offers_the_papers_to_download(dash: Bot) -> None:  # noqa: F811
    await setup_city_session(dash)
    num, base = await city_num(dash), base_url(dash)
    async with client() as browser:
        await logged_in(dash, browser)
        status, html = await get(browser, f"{base}/session/{num}")
        assert status == 200 and f"/export/paper/{num}/signin" in html
        async with browser.get(f"{base}/export/paper/{num}/signin") as response:
            assert response.headers["Content-Type"] == "application/pdf"
            text = " ".join(
                page.extract_text()
                for page in pypdf.PdfReader(io.BytesIO(await response.read())).pages
            )
        assert "DANH SÁCH KÝ TÊN" in text and "Ký tên" in text
        async with browser.get(f"{base}/export/paper/{num}/report") as response:
            document = docx.Document(io.BytesIO(await response.read()))
        assert "BÁO CÁO KẾT QUẢ" in [p.text for p in document.paragraphs]
