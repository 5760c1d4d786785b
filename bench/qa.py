"""Benchmark of the schedule question answerer on a province-sized plan.

One session per commune of Đồng Nai (95) plus a city session; a mix of realistic questions
(with and without diacritics, typos, months, communes without sessions) answered for about
three seconds. Then conversations of several turns by a registered delegate, each turn read
against the thread of the answer before (follow-ups, "xã tôi", "còn tháng 10?"). Prints
throughput and latency, ending with two summary lines:
`qa: N questions/s, p50 X ms, p99 Y ms` and `qa multi-turn: N turns/s, p50 X ms, p99 Y ms`.
Goal: p99 <= 10 ms for both.

Run from the project root: .venv/bin/python bench/qa.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.domain import Deadline, Faq, PracticalNotes, SeriesInfo, SessionInfo, Speaker, Venue
from bot.services.communes import CommuneDirectory
from bot.services.qa import Asker, ScheduleAnswerer, Thread

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DURATION = 3.0
QUESTIONS = [
    "Hội nghị ở xã Lộc Tấn khi nào?",
    "hoi nghi o xa loc tan khi nao",
    "loc tan hop luc may gio",
    "loc tann khi nao",
    "Lộc Thành khi nào",
    "loc thanh o dau",
    "Lộc Thạnh ở đâu",
    "Đắc Ô họp ngày nào",
    "dac o",
    "thien hugn o dau",
    "địa điểm hội nghị xã Thiện Hưng",
    "bu gia map khi nao",
    "bu gia mao hop o dau",
    "Hưng Phước họp mấy giờ",
    "tan tien",
    "Phường Biên Hòa họp khi nào",
    "bien hoa o dau",
    "trang bom",
    "Long Thành có hội nghị không",
    "xuan loc hop ngay nao",
    "nhơn trạch hội nghị ở đâu",
    "phuong tran bien",
    "tháng 8 có hội nghị ở đâu",
    "thang 9",
    "t10",
    "tháng tám",
    "tháng 12 có hội nghị không",
    "thang sau co hop khong",
    "hội nghị tiếp theo",
    "hoi nghi tiep theo o dau",
    "hội nghị cấp thành phố ngày nào",
    "hoi nghi cap thanh pho o dau",
    "nội dung hội nghị",
    "ai báo cáo",
    "bao nhiêu đại biểu",
    "lich hop",
    "lịch hội nghị tháng 11",
    "hôm nay có hội nghị không",
    "ngày mai có họp không",
    "tuần này có hội nghị không",
    "ngày 9/7 có họp không",
    "HỘI NGHỊ Ở XÃ LỘC TẤN KHI NÀO",
    "khi nao hop",
    "hoi nghi o dau",
    "when is the session in loc tan",
    "asdkjhasd",
    "😀",
    "",
    "xin chào, cho tôi hỏi hội nghị ở xã Phú Riềng tổ chức vào ngày nào và ở đâu vậy?",
    "Cho hỏi xã Đồng Tâm có hội nghị tuyên truyền biên giới không, nếu có thì mấy giờ?",
    "hội nghị mấy giờ bắt đầu ạ",
    "locj tans hopj ngayf naof",
    "HN cấp tp tổ chức ngày nào",
    "Hà Nội có hội nghị không",
    "hạn gửi báo cáo về Sở Ngoại vụ là ngày nào",
    "đi họp có cần mang theo giấy mời không",
    "hội nghị có văn nghệ không",
    "thời tiết Đồng Nai ngày mai thế nào",
    "dạ em cảm ơn ạ, hẹn gặp ở hội nghị",
    "chừng nào họp ở Lộc Tấn",
    "lco tan hop khi nao",
]
# Conversations of a delegate of the first commune, one turn after another.
CONVERSATIONS = [
    ["xã tôi họp khi nào", "ở đâu vậy ạ", "ai báo cáo?", "còn Lộc Thạnh?", "mấy giờ?"],
    ["tháng 9 họp ở đâu", "còn tháng 10?", "còn tháng mười một", "bao nhiêu đại biểu"],
    ["Bù Gia Mập họp khi nào", "mấy giờ bắt đầu?", "nội dung gì", "cảm ơn ạ"],
    ["lịch của tôi", "tuần sau có họp không", "hạn nộp báo cáo", "mặc gì đi họp"],
]


def province_series(communes: CommuneDirectory) -> SeriesInfo:
    """A session in every commune, two days apart from July 2026, and a city session."""
    first = datetime(2026, 7, 1, 8, 0, tzinfo=TZ)
    sessions = [
        SessionInfo(
            id=f"s{index:03d}",
            series_id="bench",
            level="commune",
            title=f"Hội nghị tại {commune.name}",
            commune_code=commune.code,
            commune_name=commune.name,
            starts_at=first + timedelta(days=2 * index),
            ends_at=first + timedelta(days=2 * index, hours=3, minutes=30),
            venue=Venue(f"Hội trường UBND {commune.name}", commune.name, 11.0, 107.0),
            expected_min=150,
            expected_max=200,
            topics=("Chủ quyền lãnh thổ, an ninh biên giới", "Phân giới cắm mốc"),
            speakers=(Speaker("Báo cáo viên", "Ban Chỉ đạo công tác biên giới"),),
        )
        for index, commune in enumerate(communes.all())
    ]
    city_day = datetime(2027, 2, 26, 8, 0, tzinfo=TZ)
    sessions.append(
        SessionInfo(
            id="city",
            series_id="bench",
            level="city",
            title="Hội nghị cấp thành phố",
            commune_code=None,
            commune_name=None,
            starts_at=city_day,
            ends_at=city_day + timedelta(hours=3, minutes=30),
            venue=Venue("Hội trường thành phố", "Đồng Nai", 10.95, 106.84),
            expected_min=150,
            expected_max=250,
        )
    )
    return SeriesInfo(
        id="bench",
        title="Bench",
        province="Đồng Nai",
        organiser="Sở Ngoại vụ",
        timezone="Asia/Ho_Chi_Minh",
        sessions=tuple(sessions),
        deadlines=(
            Deadline("bao-cao", "Báo cáo kết quả gửi Sở Ngoại vụ", "unit", "xa", date(2026, 7, 4)),
        ),
        notes=PracticalNotes(funding="Kinh phí do Ban Chỉ đạo công tác biên giới chi."),
        faq=tuple(
            Faq(q, "Có.")
            for q in (
                "Hội nghị có biểu diễn văn nghệ không?",
                "Có báo chí đưa tin hội nghị không?",
                "Hội nghị có in kỷ yếu không?",
            )
        ),
    )


def main() -> None:
    communes = CommuneDirectory("Đồng Nai")
    answerer = ScheduleAnswerer(province_series(communes), communes)
    now = datetime(2026, 9, 15, 9, 0, tzinfo=TZ)
    for question in QUESTIONS:  # warm up caches and check every answer fits one message
        assert 1 <= len(answerer.answer(question, now).text) <= 4096, question
    latencies: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() - started < DURATION:
        for question in QUESTIONS:
            before = time.perf_counter()
            answerer.answer(question, now)
            latencies.append(time.perf_counter() - before)
    elapsed = time.perf_counter() - started
    print(f"sessions: {len(answerer.schedule_all(now).sessions)}, questions: {len(QUESTIONS)}")
    print(f"answered {len(latencies)} questions in {elapsed:.2f} s")
    print(f"max latency {max(latencies) * 1000:.2f} ms")
    print(summary("qa", "questions", latencies, elapsed))
    asker = Asker(communes.all()[0].code, "lanh-dao-ubnd")
    turns: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() - started < DURATION:
        for conversation in CONVERSATIONS:
            thread: Thread | None = None
            for text in conversation:
                before = time.perf_counter()
                answer = answerer.answer(text, now, "vi", asker, thread)
                turns.append(time.perf_counter() - before)
                thread = answer.thread or thread
    elapsed = time.perf_counter() - started
    print(f"answered {len(turns)} turns of {len(CONVERSATIONS)} conversations in {elapsed:.2f} s")
    print(summary("qa multi-turn", "turns", turns, elapsed))


def summary(name: str, unit: str, latencies: list[float], elapsed: float) -> str:
    cuts = statistics.quantiles(latencies, n=100)
    rate = len(latencies) / elapsed
    p50, p99 = cuts[49] * 1000, cuts[98] * 1000
    return f"{name}: {rate:.0f} {unit}/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms"


if __name__ == "__main__":
    main()
