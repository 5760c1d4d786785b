"""Hypothesis over the ways a question is typed: diacritics dropped, tone marks swapped, telex
left in the text, one pair of letters swapped. The answer keeps its facts."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import DEFAULT_PLAN
from bot.plan.loader import read_plan
from bot.services.communes import CommuneDirectory
from bot.services.qa import ScheduleAnswerer
from bot.services.vntext import fold
from tests.seed_plan import TZ

JULY = datetime(2026, 7, 1, 9, 0, tzinfo=TZ)
JUNE_2024 = datetime(2024, 6, 1, 9, 0, tzinfo=TZ)
# (question, a fact its answer must hold); no commune whose name differs from another only by
# a tone mark (Lộc Thành / Lộc Thạnh), whose tones are honoured when typed.
DONG_NAI = [
    ("Hội nghị ở xã Lộc Tấn khi nào", "23/07/2026"),
    ("Thiện Hưng họp ở đâu", "Hội trường UBND xã Thiện Hưng"),
    ("Bù Gia Mập họp mấy giờ", "08/10/2026"),
    ("Tân Tiến họp ngày nào", "20/08/2026"),
    ("hội nghị cấp thành phố tổ chức khi nào", "27/11/2026"),
    ("Hưng Phước bao nhiêu đại biểu", "150–200"),
]
LANG_SON = [
    ("hạn nộp tham luận là khi nào", "14/07/2024"),
    ("khi nào phải gửi báo cáo khen thưởng", "14/06/2024"),
]
_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_SHAPES = {"\u0302": None, "\u0306": "w", "\u031b": "w"}  # circumflex doubles the vowel


def answerer(name: str) -> ScheduleAnswerer:
    series, errors = read_plan(DEFAULT_PLAN.parent / name)
    assert series is not None, errors
    return ScheduleAnswerer(series, CommuneDirectory(series.province))


ANSWERERS = {"dong-nai": answerer("dong-nai-2026.yaml"), "lang-son": answerer("lang-son-2024.yaml")}


def telex(word: str) -> str:
    """The word as typed with the telex keys but the input method off: "ngày" -> "ngayf"."""
    out: list[str] = []
    tone = ""
    for char in unicodedata.normalize("NFD", word):
        if char in _TONES:
            tone = _TONES[char]
        elif char in _SHAPES:
            out.append(_SHAPES[char] or out[-1])
        elif char in "đĐ":
            out.append("dd")
        else:
            out.append(char)
    return "".join(out) + tone


def swap_tone(word: str, tone: str) -> str:
    """The word with its tone mark replaced by `tone` (a combining mark), if it has one."""
    parts = unicodedata.normalize("NFD", word)
    marked = [index for index, char in enumerate(parts) if char in _TONES]
    if not marked:
        return word
    bare = parts[: marked[0]] + parts[marked[0] + 1 :]
    vowel = marked[0] - 1  # the tone goes after the vowel's other marks, as NFC orders it
    while vowel + 1 < len(bare) and unicodedata.combining(bare[vowel + 1]):
        vowel += 1
    return unicodedata.normalize("NFC", bare[: vowel + 1] + tone + bare[vowel + 1 :])


def swap_letters(word: str, at: int) -> str:
    if len(word) < 4:
        return word
    i = 1 + at % (len(word) - 2)  # never the first letter
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


WAYS = ("as typed", "folded", "tone", "telex")


@st.composite
def phrasing(draw: st.DrawFn, question: str) -> str:
    words = question.split()
    ways = draw(st.lists(st.sampled_from(WAYS), min_size=len(words), max_size=len(words)))
    tone = draw(st.sampled_from(list(_TONES)))
    out = []
    for word, way in zip(words, ways, strict=True):
        if way == "folded":
            word = fold(word)
        elif way == "tone":
            word = swap_tone(word, tone)
        elif way == "telex":
            word = telex(word)
        out.append(word)
    typed = [i for i, way in enumerate(ways) if way != "telex"]
    if typed and draw(st.booleans()):  # and one pair of letters swapped in a word not telexed
        index = draw(st.sampled_from(typed))
        out[index] = swap_letters(out[index], draw(st.integers(0, 10)))
    return " ".join(out)


@pytest.mark.parametrize(
    ("plan", "now", "question", "fact"),
    [("dong-nai", JULY, *case) for case in DONG_NAI]
    + [("lang-son", JUNE_2024, *case) for case in LANG_SON],
)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_phrasings_keep_the_facts(
    plan: str, now: datetime, question: str, fact: str, data: st.DataObject
) -> None:
    typed = data.draw(phrasing(question))
    text = ANSWERERS[plan].answer(typed, now).text
    assert fact in text, (typed, text)
    assert "Tháng 5" not in text, (typed, text)


@pytest.mark.parametrize(
    ("typed", "plain"),
    [("ngày", "ngayf"), ("Lộc", "Loocj"), ("Tấn", "Taans"), ("đâu", "ddaau"), ("Hưng", "Huwng")],
)
def test_telex_of_the_generator(typed: str, plain: str) -> None:
    assert telex(typed) == plain


@pytest.mark.parametrize(("word", "swapped"), [("hội", "hồi"), ("Tấn", "Tần"), ("nào", "nào")])
def test_tone_swap_of_the_generator(word: str, swapped: str) -> None:
    assert swap_tone(word, "\u0300") == swapped
