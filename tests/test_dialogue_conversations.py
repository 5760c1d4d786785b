"""Multi-turn conversations through the fake Telegram Bot API: a pending step owns the next
message, attendance said in words, a substitute's details in one go, clean registration data.

Each turn lists the facts its replies must hold and those they must not. The example plan's
city session (Friday 27/11/2026, 08:00) is two days ahead of the tests' clock; a commune leader
registered with `register_leader` is invited to it, and it is their only session ahead.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.conftest import Bot, Chat
from tests.fake_telegram import SentMessage
from tests.test_reminders_e2e import register_leader


@dataclass(frozen=True)
class Say:
    """A message typed (`text`) or a button pressed (`press`), and what the replies say."""

    text: str = ""
    press: str = ""
    must: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    buttons: tuple[str, ...] = ()  # button labels the last reply must offer
    replies: int = 1


@dataclass(frozen=True)
class Stored:
    """What the attendance row of the city session holds after the conversation."""

    answer: str
    reason: str = ""
    substitute: tuple[str, str, str] = ("", "", "")


async def converse(chat: Chat, turns: tuple[Say, ...]) -> None:
    seen: list[SentMessage] = []
    for number, turn in enumerate(turns, 1):
        if turn.press:
            holder = next(m for m in reversed(seen) if turn.press in dict(m.inline_buttons))
            replies = await chat.press(holder, turn.press, turn.replies)
        else:
            replies = await chat.send(turn.text, turn.replies)
        seen.extend(replies)
        said = "\n".join(m.text or "" for m in replies)
        where = f"turn {number} ({turn.text or turn.press!r}): {said!r}"
        for fact in turn.must:
            assert fact in said, f"missing {fact!r} in {where}"
        for fact in turn.never:
            assert fact not in said, f"unwanted {fact!r} in {where}"
        labels = [label for label, _ in replies[-1].inline_buttons]
        for label in turn.buttons:
            assert label in labels, f"no button {label!r} in {where}: {labels}"


async def city_answer(bot: Bot, user_id: int) -> Stored | None:
    row = await bot.db.fetch_one(
        "SELECT t.answer, t.reason, t.substitute_name, t.substitute_position, "
        "t.substitute_phone FROM attendance t JOIN accounts a ON a.delegate_id = t.delegate_id "
        "JOIN sessions s ON s.id = t.session_id "
        "WHERE a.channel = 'telegram' AND a.external_id = ? AND s.level = 'city'",
        (str(user_id),),
    )
    return Stored(row[0], row[1], (row[2], row[3], row[4])) if row else None


ABSENT, NO_REASON = "❌ Vắng mặt", "Không ghi lý do"
SUBSTITUTE, ATTEND = "👤 Cử người dự thay", "✅ Tham dự"
CITY_DAY = "27/11/2026"
ASKS_REASON = Say(press=ABSENT, must=("vắng mặt", "lý do"), buttons=(NO_REASON,))
SCHEDULE_DUMP = ("không có hội nghị", "Không có hội nghị", "23/07/2026")
MY_SESSIONS = Say("/xacnhan", must=(CITY_DAY, "chưa trả lời"), buttons=(ABSENT,))

CONVERSATIONS: dict[str, tuple[tuple[Say, ...], Stored]] = {
    "a reason is stored and echoed": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say(
                "Trùng lịch họp Ban Thường vụ Đảng ủy",
                must=("Đã lưu lý do", "Trùng lịch họp Ban Thường vụ Đảng ủy", CITY_DAY),
                never=SCHEDULE_DUMP,
            ),
        ),
        Stored("absent", "Trùng lịch họp Ban Thường vụ Đảng ủy"),
    ),
    "a reason naming a month and a place is a reason": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say(
                "Đi họp ở Sở Ngoại vụ tháng 3",
                must=("Đã lưu lý do", "Đi họp ở Sở Ngoại vụ tháng 3"),
                never=SCHEDULE_DUMP,
            ),
        ),
        Stored("absent", "Đi họp ở Sở Ngoại vụ tháng 3"),
    ),
    "a plain question is answered and the reason asked again": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say(
                "hội nghị cấp thành phố tổ chức ở đâu vậy?",
                must=("Hội trường Trung tâm Hành chính", "lý do"),
                never=("Đã lưu lý do",),
                replies=3,
            ),
            Say("con ốm phải đưa đi viện", must=("Đã lưu lý do", "con ốm phải đưa đi viện")),
        ),
        Stored("absent", "con ốm phải đưa đi viện"),
    ),
    "an unclear message is asked back, then taken as a question": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say(
                "hội nghị cấp thành phố tổ chức ở đâu",
                must=("hội nghị cấp thành phố tổ chức ở đâu", "câu hỏi"),
                never=("Đã lưu lý do", "Hội trường"),
                buttons=("Đây là lý do vắng mặt", "Đây là câu hỏi"),
            ),
            Say(
                press="Đây là câu hỏi",
                must=("Hội trường Trung tâm Hành chính", "lý do"),
                never=("Đã lưu",),
                replies=3,
            ),
            Say("Bỏ qua", must=("vắng mặt", "không ghi lý do"), never=("Đã dừng",)),
        ),
        Stored("absent"),
    ),
    "an unclear message is asked back, then taken as the reason": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say("lịch họp huyện trùng ngày nào", buttons=("Đây là lý do vắng mặt",)),
            Say(
                press="Đây là lý do vắng mặt",
                must=("Đã lưu lý do", "lịch họp huyện trùng ngày nào"),
            ),
        ),
        Stored("absent", "lịch họp huyện trùng ngày nào"),
    ),
    "skip confirms the absence without a reason": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say("Bỏ qua", must=("Đã ghi nhận anh/chị vắng mặt", "không ghi lý do", CITY_DAY)),
            Say("/xacnhan", must=("Hiện tại: vắng mặt",)),
        ),
        Stored("absent"),
    ),
    "the no-reason button confirms the absence": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say(press=NO_REASON, must=("vắng mặt", "không ghi lý do"), never=("Đã dừng",)),
            Say("cảm ơn", never=("Đã lưu lý do",)),  # the step is over: not a late reason
        ),
        Stored("absent"),
    ),
    "declining in words counts as skip": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say("thôi khỏi ghi lý do", must=("không ghi lý do",), never=("Đã lưu lý do",)),
            ASKS_REASON,
            Say("không có lý do ạ", must=("không ghi lý do",), never=("Đã lưu lý do",)),
        ),
        Stored("absent"),
    ),
    "pressing absent again changes the reason": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say("Bận tiếp đoàn công tác của tỉnh", must=("Bận tiếp đoàn công tác của tỉnh",)),
            Say(press=ABSENT, must=("lý do hiện tại", "Bận tiếp đoàn công tác của tỉnh")),
            Say("Đi công tác Hà Nội", must=("Đã lưu lý do", "Đi công tác Hà Nội")),
        ),
        Stored("absent", "Đi công tác Hà Nội"),
    ),
    "pressing absent again and skipping keeps no reason": (
        (
            MY_SESSIONS,
            ASKS_REASON,
            Say("Họp Đảng ủy", must=("Họp Đảng ủy",)),
            Say(press=ABSENT, must=("Họp Đảng ủy",), buttons=(NO_REASON,)),
            Say(press=NO_REASON, must=("không ghi lý do",)),
        ),
        Stored("absent"),
    ),
    "a substitute in one message": (
        (
            MY_SESSIONS,
            Say(press=SUBSTITUTE, must=("họ và tên người dự thay",)),
            Say(
                "cử đ/c Nguyễn Văn Bình, PCT UBND xã, đt 0912 345 678 đi thay",
                must=("Nguyễn Văn Bình", "Phó Chủ tịch UBND xã", "0912345678", CITY_DAY),
                never=("Chức vụ của người dự thay", "Số điện thoại của người dự thay"),
            ),
        ),
        Stored("substitute", substitute=("Nguyễn Văn Bình", "Phó Chủ tịch UBND xã", "0912345678")),
    ),
    "a substitute without phone: only the phone is asked": (
        (
            MY_SESSIONS,
            Say(press=SUBSTITUTE, must=("họ và tên người dự thay",)),
            Say(
                "le van tam - chu tich hoi nong dan xa",
                must=("Số điện thoại của người dự thay",),
                never=("Chức vụ của người dự thay",),
            ),
            Say("Bỏ qua", must=("Le Van Tam", "Chủ tịch Hội Nông dân xã", "chưa cung cấp")),
        ),
        Stored("substitute", substitute=("Le Van Tam", "Chủ tịch Hội Nông dân xã", "")),
    ),
    "a substitute step by step with a question in between": (
        (
            MY_SESSIONS,
            Say(press=SUBSTITUTE, must=("họ và tên người dự thay",)),
            Say("trần thị MAI", must=("Chức vụ của người dự thay",)),
            Say(
                "hội nghị cấp thành phố mấy giờ bắt đầu?",
                must=("08:00", "Chức vụ của người dự thay"),
                replies=2,
            ),
            Say("bi thu dang uy xa", must=("Số điện thoại",)),
            Say("0987 654 321", must=("Trần Thị Mai", "Bí thư Đảng ủy xã", "0987654321")),
        ),
        Stored("substitute", substitute=("Trần Thị Mai", "Bí thư Đảng ủy xã", "0987654321")),
    ),
    "name and phone first, then the position": (
        (
            MY_SESSIONS,
            Say(press=SUBSTITUTE, must=("họ và tên người dự thay",)),
            Say("Hoàng Văn Nam, 0977 111 222", must=("Chức vụ của người dự thay",)),
            Say(
                "Trưởng công an xã",
                must=("Hoàng Văn Nam", "Trưởng Công an xã", "0977111222"),
            ),
        ),
        Stored("substitute", substitute=("Hoàng Văn Nam", "Trưởng Công an xã", "0977111222")),
    ),
    "absence said in words, confirmed by its button": (
        (
            Say(
                "em xin phép vắng ạ",
                must=("vắng mặt", "Hội nghị cấp thành phố", CITY_DAY),
                never=SCHEDULE_DUMP,
                buttons=(ABSENT,),
            ),
            ASKS_REASON,
            Say("trùng lịch tiếp dân", must=("Đã lưu lý do", "trùng lịch tiếp dân")),
        ),
        Stored("absent", "trùng lịch tiếp dân"),
    ),
    "attending said in words, confirmed by its button": (
        (
            Say("tôi sẽ tham dự", must=("tham dự", CITY_DAY), buttons=(ATTEND,)),
            Say(press=ATTEND, must=("Đã ghi nhận: anh/chị tham dự",)),
        ),
        Stored("in_person"),
    ),
    "a substitute said in words": (
        (
            Say("cho em cử người đi thay", must=("cử người dự thay",), buttons=(SUBSTITUTE,)),
            Say(press=SUBSTITUTE, must=("họ và tên người dự thay",)),
            Say(
                "Đ/c Lò Văn Sáng, Phó Bí thư Đảng ủy xã, sđt 0911222333",
                must=("Lò Văn Sáng", "Phó Bí thư Đảng ủy xã"),
            ),
        ),
        Stored("substitute", substitute=("Lò Văn Sáng", "Phó Bí thư Đảng ủy xã", "0911222333")),
    ),
    "words alone record nothing until the button is pressed": (
        (
            Say("em không đi được ạ", buttons=(ABSENT,)),
            Say("/xacnhan", must=("chưa trả lời",)),
            Say("mình sẽ có mặt", buttons=(ATTEND,)),
            Say(press=ATTEND, must=("tham dự",)),
        ),
        Stored("in_person"),
    ),
}


@pytest.mark.parametrize("name", list(CONVERSATIONS))
async def test_conversation(bot: Bot, name: str) -> None:
    turns, stored = CONVERSATIONS[name]
    chat = bot.chat()
    await register_leader(chat)
    await converse(chat, turns)
    assert await city_answer(bot, chat.user.id) == stored


async def test_attendance_in_words_from_someone_not_registered(bot: Bot) -> None:
    chat = bot.chat()
    await converse(
        chat,
        (
            Say("em xin phép vắng", must=("đăng ký",), never=SCHEDULE_DUMP),
            Say("tôi sẽ tham dự", must=("/start",)),
        ),
    )


async def test_a_question_about_attending_is_not_an_answer(bot: Bot) -> None:
    chat = bot.chat()
    await register_leader(chat)
    await converse(chat, (Say("tôi có phải tham dự không?", never=("Bấm nút để xác nhận",)),))
    assert await city_answer(bot, chat.user.id) is None


REGISTRATIONS: dict[str, tuple[tuple[Say, ...], tuple[str, str, str]]] = {
    "odd capitals, a matched commune echoed, a typed category": (
        (
            Say("dac o", must=("Xã Đăk Ơ", "họ và tên")),
            Say("trần văn HÙNG", must=("Chức vụ",), never=("có dấu giúp",)),
            Say("pct ubnd xa", must=("thành phần",)),
            Say("cong an", must=("Công an xã", "số điện thoại")),
            Say("Bỏ qua", must=("Trần Văn Hùng", "Phó Chủ tịch UBND xã", "Xã Đăk Ơ"), replies=2),
        ),
        ("Trần Văn Hùng", "Phó Chủ tịch UBND xã", "cong-an-xa"),
    ),
    "a name without diacritics is questioned once, then accepted": (
        (
            Say("Lộc Tấn", must=("họ và tên",), never=("Đã ghi nhận",)),
            Say("le thi b", must=("có dấu giúp", "Le Thi B"), never=("Chức vụ",)),
            Say("le thi b", must=("Chức vụ",), never=("có dấu",)),
            Say("chu tich hdnd xa", must=("thành phần",)),
            Say("quan su", must=("Ban Chỉ huy Quân sự xã",)),
            Say("0912345678", must=("Le Thi B", "Chủ tịch HĐND xã"), replies=2),
        ),
        ("Le Thi B", "Chủ tịch HĐND xã", "quan-su-xa"),
    ),
    "a name retyped with diacritics after the question": (
        (
            Say("loc tan", must=("họ và tên",)),
            Say("nguyen van an", must=("có dấu giúp",)),
            Say("Nguyễn Văn An", must=("Chức vụ",)),
            Say("bí thư đảng uỷ xã", must=("thành phần",)),
            Say(
                "ubnd",
                must=("thành phần nào",),
                buttons=("Lãnh đạo UBND xã", "Văn phòng HĐND và UBND xã"),
            ),
            Say(press="Lãnh đạo UBND xã", must=("số điện thoại",)),
            Say("bo qua", must=("Nguyễn Văn An", "Bí thư Đảng ủy xã"), replies=2),
        ),
        ("Nguyễn Văn An", "Bí thư Đảng ủy xã", "lanh-dao-ubnd"),
    ),
    "a position that speaks of a schedule is a position": (
        (
            Say("Lộc Tấn", must=("họ và tên",)),
            Say("Hội nghị ở xã Lộc Tấn khi nào?", must=("23/07/2026", "họ và tên"), replies=2),
            Say("Phạm Thị Lan", must=("Chức vụ",)),
            Say("Cán bộ phụ trách lịch công tác", must=("thành phần",), never=("Lịch hội nghị",)),
            Say("van phong", must=("Văn phòng HĐND và UBND xã", "số điện thoại")),
            Say("Bỏ qua", must=("Cán bộ phụ trách lịch công tác",), replies=2),
        ),
        ("Phạm Thị Lan", "Cán bộ phụ trách lịch công tác", "van-phong"),
    ),
    "apostrophes and hyphens in names of minority peoples": (
        (
            Say("Lộc Tấn", must=("họ và tên",), never=("Đã ghi nhận",)),
            Say("điểu k'ré", must=("Chức vụ",)),
            Say("truong ap 3", must=("thành phần",)),
            Say("qwerty", must=("chọn một mục trong danh sách",), replies=2),
            Say("bi thu chi bo", must=("số điện thoại",)),
            Say("Bỏ qua", must=("Điểu K'Ré", "Trưởng ấp 3"), replies=2),
        ),
        ("Điểu K'Ré", "Trưởng ấp 3", "thon-ap"),
    ),
}


@pytest.mark.parametrize("name", list(REGISTRATIONS))
async def test_registration_cleans_what_is_typed(bot: Bot, name: str) -> None:
    turns, (full_name, position, category) = REGISTRATIONS[name]
    chat = bot.chat()
    await chat.start()
    await converse(chat, turns)
    row = await bot.db.fetch_one(
        "SELECT d.full_name, d.position, d.category_code FROM delegates d "
        "JOIN accounts a ON a.delegate_id = d.id WHERE a.external_id = ?",
        (str(chat.user.id),),
    )
    assert row is not None and tuple(row) == (full_name, position, category)


def test_the_suite_is_long_enough() -> None:
    """At least 60 messages of our own, each with facts that must or must not be said."""
    turns = [t for c, _ in CONVERSATIONS.values() for t in c]
    turns += [t for c, _ in REGISTRATIONS.values() for t in c]
    assert len(turns) >= 60
    assert all(t.must or t.never or t.buttons for t in turns)
