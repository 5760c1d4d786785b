"""Practical notes and the organisers' questions: the plan fields, their storage, the FAQ
threshold on both sides of the line, and answers that end with whom to call."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import DEFAULT_PLAN
from bot.domain import Contact, Faq, PracticalNotes, SeriesInfo
from bot.plan.loader import parse_plan, read_plan
from bot.services.communes import CommuneDirectory
from bot.services.plan_answers import FAQ_THRESHOLD, contact_line, faq_match
from bot.services.qa import ScheduleAnswerer
from storage.db import Database
from storage.plans import PlanRepository
from tests.test_undated_plan import PLAN as BASE_PLAN

JULY = datetime(2024, 7, 1, 2, 0, tzinfo=UTC)
PLAN = BASE_PLAN.replace(
    "  organiser: Sở Ngoại vụ\n",
    """  organiser: Sở Ngoại vụ
  contact: {name: Hoàng Thị Lan, phone: '0205 3812 345', title: Chuyên viên}
  notes:
    reception: Đón tiếp đại biểu từ 7 giờ 30.
    meals: Ban tổ chức mời cơm trưa.
  faq:
    - q: Hội nghị kéo dài bao lâu?
      a: Một ngày.
""",
).replace("TIMES", "    date_note: sau\n    notes: {dress: Trang phục công sở.}")


def series_of(plan: str) -> SeriesInfo:
    series, errors = read_plan(DEFAULT_PLAN.parent / plan)
    assert series is not None, errors
    return series


def test_notes_and_faq_are_read_from_the_plan() -> None:
    series, errors = parse_plan(PLAN, "thu.yaml")
    assert series is not None, errors
    assert series.notes == PracticalNotes(
        reception="Đón tiếp đại biểu từ 7 giờ 30.", meals="Ban tổ chức mời cơm trưa."
    )
    assert series.faq == (Faq("Hội nghị kéo dài bao lâu?", "Một ngày."),)
    (session,) = series.sessions
    assert session.notes.merged(series.notes).dress == "Trang phục công sở."
    assert session.notes.merged(series.notes).meals == "Ban tổ chức mời cơm trưa."


def test_an_unknown_note_is_refused() -> None:
    series, errors = parse_plan(PLAN.replace("meals:", "lunch:"), "thu.yaml")
    assert series is None and any("lunch" in error.describe() for error in errors)


async def test_notes_and_faq_are_stored_and_read_back(tmp_path: Path) -> None:
    series, errors = parse_plan(PLAN, "thu.yaml")
    assert series is not None, errors
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        await PlanRepository(db).save(series, JULY)
        stored = await PlanRepository(db).active_series()
        assert stored is not None
        assert (stored.notes, stored.faq) == (series.notes, series.faq)
        assert stored.sessions[0].notes == series.sessions[0].notes
        await PlanRepository(db).save(replace(series, notes=PracticalNotes(), faq=()), JULY)
        again = await PlanRepository(db).active_series()
        assert again is not None and (again.notes, again.faq) == (PracticalNotes(), ())
    finally:
        await db.close()


def test_a_note_answers_with_the_contact_and_a_missing_one_says_so() -> None:
    series, errors = parse_plan(PLAN, "thu.yaml")
    assert series is not None, errors
    answerer = ScheduleAnswerer(series, CommuneDirectory(series.province))
    contact = "Anh/chị liên hệ Hoàng Thị Lan (Chuyên viên), ĐT 0205 3812 345."
    meals = answerer.answer("có ăn trưa không", JULY).text
    assert "mời cơm trưa" in meals and meals.endswith(contact)
    dress = answerer.answer("mặc gì đi họp", JULY).text
    assert "Trang phục công sở" in dress  # the session's own note
    parking = answerer.answer("gửi xe ở đâu", JULY).text
    assert "Kế hoạch chưa nêu" in parking and parking.endswith(contact)
    assert answerer.answer("hoi nghi keo dai bao lau", JULY).text.startswith("Một ngày.")


def test_without_a_contact_the_organiser_is_named() -> None:
    series = series_of("dong-nai-2026.yaml")
    assert series.contact is None
    assert contact_line(series, "vi") == f"Anh/chị liên hệ {series.organiser}."
    named = replace(series, contact=Contact("Lê Văn Bình"))
    assert contact_line(named, "vi") == "Anh/chị liên hệ Lê Văn Bình."


# Paraphrases of the example plans' questions, and questions they do not answer: the line
# FAQ_THRESHOLD draws between them.
MATCHES = [
    ("lang-son-2024.yaml", "hoi nghi keo dai bao lau", "kéo dài"),
    ("lang-son-2024.yaml", "hội nghị kéo dài mấy ngày", "kéo dài"),
    ("lang-son-2024.yaml", "có kỷ yếu không", "kỷ yếu"),
    ("lang-son-2024.yaml", "hội nghị có in kỷ yếu ko", "kỷ yếu"),
    ("lang-son-2024.yaml", "có trưng bày ảnh không", "trưng bày"),
    ("dong-nai-2026.yaml", "hội nghị có văn nghệ không", "văn nghệ"),
    ("dong-nai-2026.yaml", "có tiết mục văn nghệ ko", "văn nghệ"),
    ("dong-nai-2026.yaml", "có phóng viên đưa tin không", "báo chí"),
    ("dong-nai-2026.yaml", "bao chi co den khong", "báo chí"),
]
MISSES = [
    ("lang-son-2024.yaml", "có được mang người nhà không"),
    ("lang-son-2024.yaml", "hội nghị có phát quà không"),
    ("lang-son-2024.yaml", "hội nghị có mấy phiên"),
    ("dong-nai-2026.yaml", "hội nghị có phát tài liệu không"),
    ("dong-nai-2026.yaml", "có được quay phim không"),
    ("dong-nai-2026.yaml", "có nghỉ giải lao không"),
    ("dong-nai-2026.yaml", "thời tiết thế nào"),
]


@pytest.mark.parametrize(("plan", "typed", "question"), MATCHES)
def test_faq_paraphrases_match(plan: str, typed: str, question: str) -> None:
    found = faq_match(series_of(plan).faq, typed)
    assert found is not None and question in found.question


@pytest.mark.parametrize(("plan", "typed"), MISSES)
def test_other_questions_do_not_match(plan: str, typed: str) -> None:
    assert faq_match(series_of(plan).faq, typed) is None, FAQ_THRESHOLD
