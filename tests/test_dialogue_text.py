"""The text rules of dialogues: plain questions, declining, attendance in words, a substitute's
details in one message, and names and positions written as the state writes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.dialogue_text import (
    attendance_in_words,
    is_declining,
    reading,
    substitute_details,
)
from bot.services.people import lacks_diacritics, normalise_name, normalise_position
from bot.services.positions import official_position, proper_name
from bot.services.vntext import fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trùng lịch họp Ban Thường vụ Đảng ủy", "answer"),
        ("Đi họp ở Sở Ngoại vụ tháng 3", "answer"),
        ("Tôi không đi họp được vì ốm", "answer"),
        ("con ốm", "answer"),
        ("hội nghị cấp thành phố ở đâu vậy?", "question"),
        ("xa loc tan hop khi nao?", "question"),
        ("có họp không?", "question"),
        ("hội nghị tổ chức ở đâu", "unclear"),
        ("lich hop khi nao", "unclear"),
        ("ai?", "answer"),  # a question word with no schedule subject
        ("Em bận họp Đảng ủy ạ", "answer"),  # "ạ" is politeness, not a question
        ("có việc đột xuất không đi họp được", "answer"),
        ("có họp không ạ", "unclear"),
    ],
)
def test_reading(text: str, expected: str) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bỏ qua",
        "bo qua",
        "không",
        "Không ạ",
        "thôi khỏi ghi lý do",
        "không có lý do",
        "ko co ly do nhe",
        "khong can ghi ly do",
        "skip",
    ],
)
def test_declining(text: str) -> None:
    assert is_declining(text)


@pytest.mark.parametrize(
    "text", ["không đi được vì ốm", "Bận họp", "khoông", "Không có xe đi", "bỏ qua lịch cũ rồi"]
)
def test_not_declining(text: str) -> None:
    assert not is_declining(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("em xin phép vắng", "absent"),
        ("Em xin phép vắng mặt buổi này ạ", "absent"),
        ("em ko di dc", "absent"),
        ("tôi không tham dự được", "absent"),
        ("tôi sẽ tham dự", "in_person"),
        ("em sẽ có mặt ạ", "in_person"),
        ("xác nhận tham dự", "in_person"),
        ("cho em cử người đi thay", "substitute"),
        ("em cử đ/c Bình dự thay", "substitute"),
        ("tôi có phải tham dự không", None),
        ("tôi sẽ tham dự hội nghị nào?", None),
        ("hội nghị ở đâu", None),
        ("Trùng lịch họp", None),
    ],
)
def test_attendance_in_words(text: str, expected: str | None) -> None:
    assert attendance_in_words(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "position", "phone"),
    [
        (
            "cử đ/c Nguyễn Văn Bình, PCT UBND xã, đt 0912 345 678 đi thay",
            "Nguyễn Văn Bình",
            "Phó Chủ tịch UBND xã",
            "0912345678",
        ),
        ("cu dc Le Van Tam pct ubnd xa di thay", "Le Van Tam", "Phó Chủ tịch UBND xã", None),
        ("Nguyễn Văn Phong", "Nguyễn Văn Phong", None, None),  # "Văn Phong" is a name
        ("Phó Chủ tịch UBND xã", None, "Phó Chủ tịch UBND xã", None),
        ("Trần Thị Mai, +84 987 654 321", "Trần Thị Mai", None, "0987654321"),
        (
            "em cử anh Hoàng Văn Nam trưởng công an xã đi thay, sđt 0977 111 222",
            "Hoàng Văn Nam",
            "Trưởng Công an xã",
            "0977111222",
        ),
    ],
)
def test_substitute_details(
    text: str, name: str | None, position: str | None, phone: str | None
) -> None:
    found = substitute_details(text)
    assert (found.name, found.position, found.phone) == (name, position, phone)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("trần văn HÙNG", "Trần Văn Hùng"),
        ("điểu k'ré", "Điểu K'Ré"),
        ("le thi B", "Le Thi B"),
        ("NGUYỄN THỊ MINH-KHAI", "Nguyễn Thị Minh-Khai"),
        ("h'hen niê", "H'Hen Niê"),
    ],
)
def test_names(typed: str, written: str) -> None:
    assert normalise_name(typed) == written


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("chu tich ubnd xa", "Chủ tịch UBND xã"),
        ("PCT UBND xã", "Phó Chủ tịch UBND xã"),
        ("phó chủ tịch ubnd phường", "Phó Chủ tịch UBND phường"),
        ("Bí thư Đảng uỷ xã", "Bí thư Đảng ủy xã"),
        ("truong ap 3", "Trưởng ấp 3"),
        ("cán bộ hội nông dân phường", "cán bộ Hội Nông dân phường"),
        ("ủy viên mat tran to quoc tinh", "Ủy viên Mặt trận Tổ quốc tỉnh"),
        ("chu tich hdnd xa", "Chủ tịch HĐND xã"),
        # a diacritic that is not the lexicon's: left as typed
        ("Chú tịch UBND xá", "Chú tịch UBND xá"),
        ("Kế toán", "Kế toán"),
    ],
)
def test_positions(typed: str, written: str) -> None:
    assert normalise_position(typed) == written


def test_names_without_diacritics() -> None:
    assert lacks_diacritics("Le Thi B")
    assert not lacks_diacritics("Lê Thị B")
    assert not lacks_diacritics("An")  # one word: nothing to tell


VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwzáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
TYPED = st.text(
    alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " '-,.0123456789/", max_size=60
)


def _letters(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


@given(TYPED)
def test_proper_name_is_idempotent_and_keeps_every_letter(text: str) -> None:
    once = proper_name(text)
    assert proper_name(once) == once
    assert len(once) == len(text)
    assert once.lower() == text.lower()


@given(TYPED)
def test_official_position_is_idempotent_and_never_loses_letters(text: str) -> None:
    once = official_position(text)
    assert official_position(once) == once
    letters, kept = _letters(text), iter(_letters(once))
    assert all(ch in kept for ch in letters), (text, once)  # a subsequence: only added to
