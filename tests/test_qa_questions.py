"""The schedule question answerer against the seed-000 plan (Đồng Nai 2026)."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.communes import CommuneDirectory
from bot.services.qa import ScheduleAnswerer
from tests.seed_plan import TZ, seed_series

JULY = datetime(2026, 7, 1, 9, 0, tzinfo=TZ)
AUGUST = datetime(2026, 8, 1, 9, 0, tzinfo=TZ)
NOVEMBER = datetime(2026, 11, 25, 9, 0, tzinfo=TZ)
AFTER = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)

ALL_IDS = (
    "2026-07-loc-thanh",
    "2026-07-loc-tan",
    "2026-08-loc-thanh-a",
    "2026-08-tan-tien",
    "2026-09-thien-hung",
    "2026-09-hung-phuoc",
    "2026-10-bu-gia-map",
    "2026-10-dak-o",
    "2026-11-thanh-pho",
)
CITY = ("2026-11-thanh-pho",)
ANY_DATE = "/2026"
HELP = "/lich"
WITH_SESSIONS = "Các xã có hội nghị: Lộc Thành, Lộc Tấn, Lộc Thạnh"


@dataclasses.dataclass(frozen=True)
class Case:
    question: str
    ids: tuple[str, ...] | None = None
    intent: str | None = None
    has: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    now: datetime = JULY
    locale: str = "vi"
    understood: bool = True
    choices: tuple[int, ...] = ()
    pin: bool | None = None  # True: a map pin exactly when the session's venue has coordinates


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


CASES = [
    # A commune's date, every way of typing it.
    Case(
        "Hội nghị ở xã Lộc Tấn khi nào?",
        ("2026-07-loc-tan",),
        "when",
        ("Thứ Năm, 23/07/2026, 08:00–11:30",),
        ("09/07", "06/08"),
        pin=False,
    ),
    Case("hoi nghi o xa loc tan khi nao", ("2026-07-loc-tan",), "when", ("23/07/2026",)),
    Case(nfd("Hội nghị ở xã Lộc Tấn khi nào?"), ("2026-07-loc-tan",), "when", ("23/07/2026",)),
    Case("HỘI NGHỊ Ở XÃ LỘC TẤN KHI NÀO", ("2026-07-loc-tan",), "when", ("23/07/2026",)),
    Case("loc tan hop luc may gio", ("2026-07-loc-tan",), "when", ("08:00",)),
    Case("loc tann khi nao", ("2026-07-loc-tan",), "when", ("23/07/2026",)),
    Case("Hội nghị ở Lộc Tấn tháng mấy", ("2026-07-loc-tan",), None, ("23/07/2026",)),
    Case("Lộc Tấn bao nhiêu đại biểu", ("2026-07-loc-tan",), "headcount", ("150–200",)),
    Case("nội dung hội nghị ở Lộc Tấn", ("2026-07-loc-tan",), "what", ("phân giới cắm mốc",)),
    # Lộc Thành and Lộc Thạnh differ by a diacritic only.
    Case("Lộc Thành khi nào", ("2026-07-loc-thanh",), "when", ("09/07/2026",), ("06/08",)),
    Case("Lộc Thạnh khi nào", ("2026-08-loc-thanh-a",), "when", ("06/08/2026",), ("09/07",)),
    Case("xã lộc thạnh họp mấy giờ", ("2026-08-loc-thanh-a",), "when", ("08:00",), ("09/07",)),
    Case(
        nfd("Lộc Thạnh ở đâu"), ("2026-08-loc-thanh-a",), "where", ("Hội trường UBND xã Lộc Thạnh",)
    ),
    Case(
        "loc thanh khi nao",
        (),
        "when",
        ("Lộc Thành hay Lộc Thạnh?",),
        ("09/07", "06/08"),
        choices=(25294, 25280),
    ),
    Case(
        "LOC THANH o dau",
        (),
        "where",
        ("Lộc Thành hay Lộc Thạnh?",),
        (ANY_DATE,),
        choices=(25294, 25280),
    ),
    Case(
        "hoi nghi xa loc thanh",
        (),
        "summary",
        ("Lộc Thành hay Lộc Thạnh?",),
        (ANY_DATE,),
        choices=(25294, 25280),
    ),
    # Đắc Ô is officially Xã Đăk Ơ.
    Case("Đắc Ô khi nào", ("2026-10-dak-o",), "when", ("22/10/2026",), ("08/10",)),
    Case("dac o", ("2026-10-dak-o",), "summary", ("22/10/2026", "Hội trường UBND xã Đăk Ơ")),
    Case("hội nghị xã Đăk Ơ ở đâu", ("2026-10-dak-o",), "where", ("Hội trường UBND xã Đăk Ơ",)),
    # Venues.
    Case(
        "thien hugn o dau",
        ("2026-09-thien-hung",),
        "where",
        ("Hội trường UBND xã Thiện Hưng",),
        pin=True,
    ),
    Case(
        "địa điểm hội nghị xã Thiện Hưng",
        ("2026-09-thien-hung",),
        "where",
        ("Địa điểm: Hội trường UBND xã Thiện Hưng",),
        pin=True,
    ),
    Case(
        "dia diem hoi nghi xa thien hung",
        ("2026-09-thien-hung",),
        "where",
        ("Thiện Hưng",),
        pin=True,
    ),
    Case(
        "hoi nghi o Thien Hung luc may gio va o dau",
        ("2026-09-thien-hung",),
        "when+where",
        ("10/09/2026", "Địa điểm"),
    ),
    Case(
        "tan tien hop o dau",
        ("2026-08-tan-tien",),
        "where",
        ("Hội trường UBND xã Tân Tiến",),
        pin=True,
    ),
    # Other communes with a session.
    Case("Hưng Phước họp ngày nào", ("2026-09-hung-phuoc",), "when", ("24/09/2026",)),
    Case("hung phuoc", ("2026-09-hung-phuoc",), "summary", ("24/09/2026", "Địa điểm")),
    Case("Tân Tiến", ("2026-08-tan-tien",), "summary", ("20/08/2026",)),
    Case("bu gia map khi nao", ("2026-10-bu-gia-map",), "when", ("08/10/2026",), ("22/10",)),
    Case("Bù Gia Mập", ("2026-10-bu-gia-map",), "summary", ("08/10/2026",)),
    Case("bu gia mao hop khi nao", ("2026-10-bu-gia-map",), "when", ("08/10/2026",)),
    # Months.
    Case(
        "tháng 7 có hội nghị nào",
        ("2026-07-loc-thanh", "2026-07-loc-tan"),
        "month",
        ("Tháng 7 có 2 hội nghị",),
    ),
    Case("thang 8", ("2026-08-loc-thanh-a", "2026-08-tan-tien"), "month"),
    Case("t8", ("2026-08-loc-thanh-a", "2026-08-tan-tien"), "month"),
    Case(
        "tháng tám có hội nghị ở đâu",
        ("2026-08-loc-thanh-a", "2026-08-tan-tien"),
        "month",
        ("Hội trường UBND xã Lộc Thạnh", "Hội trường UBND xã Tân Tiến"),
    ),
    Case("tháng 9", ("2026-09-thien-hung", "2026-09-hung-phuoc"), "month"),
    Case("thang 10 hop o dau", ("2026-10-bu-gia-map", "2026-10-dak-o"), "month", ("Địa điểm",)),
    Case("tháng mười", ("2026-10-bu-gia-map", "2026-10-dak-o"), "month"),
    Case("tháng 11", CITY, "month", ("27/11/2026",)),
    Case("tháng mười một có họp không", CITY, "month", ("27/11/2026",)),
    Case(
        "tháng 12 có hội nghị không",
        (),
        "month",
        ("Tháng 12 không có hội nghị",),
        ("27/11", ANY_DATE),
    ),
    Case("thang 1", (), "month", ("Tháng 1 không có",), (ANY_DATE,)),
    Case("tháng sáu", (), "month", ("Tháng 6 không có",), (ANY_DATE,)),
    Case("thang sau co hoi nghi khong", ("2026-08-loc-thanh-a", "2026-08-tan-tien"), "period"),
    # The city session.
    Case("hội nghị cấp thành phố ngày nào", CITY, "city", ("Thứ Sáu, 27/11/2026, 08:00–11:30",)),
    Case(
        "hoi nghi cap thanh pho o dau", CITY, "city", ("Hội trường Trung tâm Hành chính",), pin=True
    ),
    Case("hội nghị thành phố bao nhiêu đại biểu", CITY, "city", ("150–250",)),
    # The next session.
    Case("hội nghị tiếp theo", CITY, "next", ("27/11/2026",), ("22/10",), now=NOVEMBER),
    Case(
        "hội nghị sắp tới ở đâu",
        CITY,
        "next",
        ("Hội trường Trung tâm Hành chính",),
        now=NOVEMBER,
        pin=True,
    ),
    Case("hoi nghi tiep theo", ("2026-07-loc-thanh",), "next", ("09/07/2026",)),
    Case("hội nghị tiếp theo", ("2026-08-loc-thanh-a",), "next", ("06/08/2026",), now=AUGUST),
    Case("hội nghị tiếp theo", (), "next", ("Không còn hội nghị nào",), (ANY_DATE,), now=AFTER),
    # The series as a whole.
    Case("nội dung hội nghị", (), "what", ("phân giới cắm mốc",)),
    Case("chủ đề tuyên truyền", (), "what", ("Nội dung tuyên truyền",)),
    Case("hội nghị nói về gì", (), "what", ("biên giới",)),
    Case("ai báo cáo", (), "who", ("Ban Tuyên giáo",)),
    Case("bao cao vien la ai", (), "who", ("Báo cáo viên",)),
    Case("bao nhiêu đại biểu", (), "headcount", ("150–200", "150–250")),
    Case("lich hop", ALL_IDS, "list", ("Lịch hội nghị",)),
    Case("lịch hội nghị", ALL_IDS, "list"),
    Case("khi nao hop", ALL_IDS, "list"),
    Case("hoi nghi o dau", ALL_IDS, "list", ("Địa điểm",)),
    # Communes without a session: never another commune's date.
    Case(
        "Long Thành có hội nghị không",
        (),
        None,
        ("không có hội nghị nào tại xã Long Thành", WITH_SESSIONS),
        (ANY_DATE,),
    ),
    Case("long thanh khi nao", (), "when", ("xã Long Thành", WITH_SESSIONS), (ANY_DATE,)),
    Case("Biên Hòa họp khi nào", (), "when", ("phường Biên Hòa",), (ANY_DATE,)),
    Case("trang bom o dau", (), "where", ("xã Trảng Bom",), (ANY_DATE, "Hội trường")),
    Case("Xuân Lộc", (), "summary", ("xã Xuân Lộc",), (ANY_DATE,)),
    # Today, tomorrow, this week, a date; held and ongoing sessions.
    Case(
        "hôm nay có hội nghị không",
        ("2026-07-loc-thanh",),
        "period",
        ("đang diễn ra",),
        now=datetime(2026, 7, 9, 9, 0, tzinfo=TZ),
    ),
    Case(
        "ngày mai có hội nghị không",
        ("2026-07-loc-thanh",),
        "period",
        ("09/07/2026",),
        now=datetime(2026, 7, 8, 15, 0, tzinfo=TZ),
    ),
    Case(
        "tuần này có hội nghị không",
        ("2026-07-loc-tan",),
        "period",
        ("23/07/2026",),
        now=datetime(2026, 7, 20, 8, 0, tzinfo=TZ),
    ),
    Case(
        "hôm nay có họp không",
        (),
        "period",
        ("Hôm nay không có hội nghị",),
        now=datetime(2026, 7, 10, 8, 0, tzinfo=TZ),
    ),
    Case("ngày 9/7 có họp không", ("2026-07-loc-thanh",), "day", ("09/07/2026",)),
    Case("Lộc Thành khi nào", ("2026-07-loc-thanh",), "when", ("đã tổ chức",), now=AUGUST),
    Case("lich hop", ALL_IDS, "list", ("(đã tổ chức)",), now=AUGUST),
    # English.
    Case(
        "when is the session in loc tan",
        ("2026-07-loc-tan",),
        "when",
        ("Thursday, 23/07/2026, 08:00–11:30",),
        locale="en",
    ),
    Case("next session", CITY, "next", ("Friday, 27/11/2026",), now=NOVEMBER, locale="en"),
    # Not a question it can place.
    Case("asdkjhasd qwpoei", (), "help", (HELP,), understood=False),
    Case("😀🎉", (), "small_talk", ("không có gì",), (HELP, ANY_DATE)),
    Case("", (), "help", (HELP,), understood=False),
    Case("   \u200b ", (), "help", (HELP,), understood=False),
    Case("1' OR '1'='1'; DROP TABLE delegates; --", (), "help", (HELP,), understood=False),
    Case("<script>alert(1)</script>", (), "help", (HELP,), understood=False),
    Case("xin chào", (), "small_talk", ("Xin chào",), (HELP, ANY_DATE)),
]


@pytest.fixture(scope="module")
def answerer() -> ScheduleAnswerer:
    return ScheduleAnswerer(seed_series(), CommuneDirectory("Đồng Nai"))


def test_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{i:02d}-{c.question[:30]}" for i, c in enumerate(CASES)]
)
def test_question(answerer: ScheduleAnswerer, case: Case) -> None:
    answer = answerer.answer(case.question, case.now, case.locale)
    assert 1 <= len(answer.text) <= 4096
    if case.ids is not None:
        assert tuple(s.id for s in answer.sessions) == case.ids, answer.text
    if case.intent is not None:
        assert answer.intent == case.intent, answer.text
    for fragment in case.has:
        assert fragment in answer.text, answer.text
    for fragment in case.lacks:
        assert fragment not in answer.text, answer.text
    assert answer.understood == case.understood
    assert tuple(code for _, code in answer.choices) == case.choices
    if case.pin is not None:
        pinned = case.pin and answer.sessions[0].venue.has_coordinates
        assert answer.venue == (answer.sessions[0].venue if pinned else None)


def test_choice_button_answers_the_chosen_commune(answerer: ScheduleAnswerer) -> None:
    asked = answerer.answer("loc thanh o dau", JULY)
    chosen = answerer.answer_for_commune(asked.intent, asked.choices[1][1], JULY)
    assert [s.id for s in chosen.sessions] == ["2026-08-loc-thanh-a"]
    assert "Hội trường UBND xã Lộc Thạnh" in chosen.text
    assert "09/07" not in chosen.text


def test_tentative_sessions_are_flagged(answerer: ScheduleAnswerer) -> None:
    series = seed_series()
    sessions = tuple(dataclasses.replace(s, tentative=s.level == "city") for s in series.sessions)
    tentative = ScheduleAnswerer(
        dataclasses.replace(series, sessions=sessions), CommuneDirectory("Đồng Nai")
    )
    assert "(dự kiến)" in tentative.answer("hội nghị cấp thành phố khi nào", JULY).text
    assert "(dự kiến)" not in tentative.answer("Lộc Tấn khi nào", JULY).text


def test_schedule_all(answerer: ScheduleAnswerer) -> None:
    answer = answerer.schedule_all(AUGUST)
    assert tuple(s.id for s in answer.sessions) == ALL_IDS
    lines = answer.text.splitlines()
    assert len(lines) == 1 + len(ALL_IDS)
    assert lines[1] == "• Xã Lộc Thành: Thứ Năm, 09/07/2026, 08:00–11:30 (đã tổ chức)"
    assert lines[-1].startswith("• Hội nghị cấp thành phố: Thứ Sáu, 27/11/2026, 08:00–11:30")


def test_schedule_for_commune(answerer: ScheduleAnswerer) -> None:
    mine = answerer.schedule_for_commune(25279, JULY)
    assert [s.id for s in mine.sessions] == ["2026-07-loc-tan", *CITY]
    assert "23/07/2026" in mine.text and "27/11/2026" in mine.text
    none = answerer.schedule_for_commune(26368, JULY)
    assert [s.id for s in none.sessions] == list(CITY)
    assert "không có hội nghị cấp xã tại xã Long Thành" in none.text


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị ở xã Lộc Tấn khi nào?",
        "loc tan hop luc may gio",
        "lich hop",
        "hội nghị tiếp theo",
        "ở đâu",
        "tháng 8",
        "t8 hop o dau",
        "ngày nào họp",
        "hoi nghi cap thanh pho khi nao",
        "dia diem",
    ],
)
def test_looks_like_question(answerer: ScheduleAnswerer, text: str) -> None:
    assert answerer.looks_like_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lộc Tấn",
        "loc tan",
        "Nguyễn Văn An",
        "Nguyễn Văn Hợp",
        "Trần Thị Lịch Sự",
        "Chủ tịch UBND xã",
        "Trưởng thôn",
        "0912345678",
        "Xã Đăk Ơ",
        "Công an xã Lộc Thạnh",
        # answers that name the subject without asking anything (a position, a reason)
        "Bận họp Đảng ủy",
        "Phó ban tổ chức hội nghị",
        "Chuyên viên Sở Ngoại vụ thành phố",
        "",
    ],
)
def test_does_not_look_like_question(answerer: ScheduleAnswerer, text: str) -> None:
    assert not answerer.looks_like_question(text)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(), st.text(max_size=10_000), st.text(alphabet=st.characters(codec="utf-8")))
)
def test_any_text_gets_a_short_answer(text: str) -> None:
    answerer = _ANSWERER
    answer = answerer.answer(text, JULY)
    assert 1 <= len(answer.text) <= 4096
    answerer.looks_like_question(text)


_ANSWERER = ScheduleAnswerer(seed_series(), CommuneDirectory("Đồng Nai"))
