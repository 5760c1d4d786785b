"""What a free-text schedule question asks: intents, communes, a month, a day or a period.

Parsing works on folded words (no diacritics), so "khi nào", "khi nao" and NFD input read
alike; diacritics are consulted only where folding merges two meanings ("tháng sáu" is June,
"tháng sau" next month) and for commune names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.services.communes import CommuneDirectory, CommuneMention
from bot.services.numbers import as_number
from bot.services.vntext import clean, fold_clean, words

# Detail intents, in the order their answers are written.
DETAILS: tuple[str, ...] = ("when", "where", "what", "who", "headcount")

_PHRASES: dict[str, str] = {
    # when
    "khi nao": "when",
    "bao gio": "when",
    "ngay nao": "when",
    "ngay may": "when",
    "hom nao": "when",
    "luc nao": "when",
    "may gio": "when",
    "may h": "when",
    "gio nao": "when",
    "luc may": "when",
    "thoi gian": "when",
    "thoi diem": "when",
    "ngay gio": "when",
    "bat dau": "when",
    "dien ra": "when",
    "when": "when",
    "what time": "when",
    "date": "when",
    "time": "when",
    # where
    "o dau": "where",
    "tai dau": "where",
    "dia diem": "where",
    "cho nao": "where",
    "noi nao": "where",
    "dia chi": "where",
    "hoi truong": "where",
    "vi tri": "where",
    "ban do": "where",
    "duong di": "where",
    "where": "where",
    "venue": "where",
    "address": "where",
    "location": "where",
    "place": "where",
    # what
    "noi dung": "what",
    "chu de": "what",
    "chuyen de": "what",
    "ve gi": "what",
    "noi gi": "what",
    "chuong trinh": "what",
    "tuyen truyen gi": "what",
    "topic": "what",
    "topics": "what",
    "agenda": "what",
    "about": "what",
    "content": "what",
    # who
    "ai": "who",
    "bao cao vien": "who",
    "dien gia": "who",
    "trinh bay": "who",
    "bao cao": "who",
    "speaker": "who",
    "speakers": "who",
    "who": "who",
    # headcount
    "bao nhieu": "headcount",
    "so luong": "headcount",
    "may nguoi": "headcount",
    "how many": "headcount",
    "headcount": "headcount",
    "so nguoi": "headcount",
    # next
    "tiep theo": "next",
    "sap toi": "next",
    "sap den": "next",
    "sap dien ra": "next",
    "gan nhat": "next",
    "ke tiep": "next",
    "next": "next",
    "upcoming": "next",
    # list
    "lich": "list",
    "lich hop": "list",
    "lich hoi nghi": "list",
    "tat ca": "list",
    "danh sach": "list",
    "schedule": "list",
    "all": "list",
    "cac hoi nghi": "list",
    "bao nhieu hoi": "list",
    "bao nhieu luot": "list",
    "bao nhieu buoi": "list",
    "may hoi nghi": "list",
    "may luot": "list",
    # city
    "thanh pho": "city",
    "cap thanh pho": "city",
    "cap tinh": "city",
    "city": "city",
    # the subject itself
    "hoi nghi": "topic",
    "hop": "topic",
    "conference": "topic",
    "conferences": "topic",
    "meeting": "topic",
    "session": "topic",
    "sessions": "topic",
}
_LONGEST = max(len(phrase.split()) for phrase in _PHRASES)
_PHRASE_WORDS = {tuple(phrase.split()): intent for phrase, intent in _PHRASES.items()}
_VOCABULARY = sorted({word for phrase in _PHRASES for word in phrase.split() if len(word) >= 3})

# Single words that mark a question, matched with their diacritics so that "Hợp" (a name) is
# not "họp" (a meeting); ignored in Title Case text, which is more likely a name or a unit.
_QUESTION_WORDS = frozenset(
    ["lịch", "đâu", "mấy", "nào", "when", "where", "schedule", "next", "venue"]
)

_PERIODS: dict[str, str] = {
    "hom nay": "today",
    "today": "today",
    "ngay mai": "tomorrow",
    "sang mai": "tomorrow",
    "chieu mai": "tomorrow",
    "tomorrow": "tomorrow",
    "tuan nay": "this_week",
    "this week": "this_week",
    "tuan sau": "next_week",
    "tuan toi": "next_week",
    "next week": "next_week",
    "thang nay": "this_month",
    "this month": "this_month",
    "thang toi": "next_month",
    "next month": "next_month",
}

_PERIOD_WORDS = {tuple(phrase.split()): period for phrase, period in _PERIODS.items()}
# Phrases of several words are specific enough to mark a question on their own, except those
# that only name the subject ("hội nghị", "thành phố"): an answer such as a position or an
# absence reason ("bận họp", "Chuyên viên Sở ... thành phố") often contains them.
_QUESTION_PHRASES = {
    phrase: "question"
    for phrase, intent in (*_PHRASE_WORDS.items(), *_PERIOD_WORDS.items())
    if len(phrase) > 1 and intent not in ("topic", "city")
}

_MONTH_WORDS: dict[str, int] = {
    "gieng": 1,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "chap": 12,
}
_ENGLISH_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
# Words left as typed; others one typo away from exactly one question word are corrected.
_KNOWN = (
    frozenset(_VOCABULARY)
    | {word for phrase in _PERIOD_WORDS for word in phrase}
    | _MONTH_WORDS.keys()
    | _ENGLISH_MONTHS.keys()
)
_MONTH_TOKEN = re.compile(r"(?:t|th|thg|thang)0?(1[0-2]|[1-9])")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*\d{2,4})?(?![\d:])")
_DAY_MONTH_WORDS = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2})\b")


@dataclass(frozen=True)
class Question:
    intents: frozenset[str]
    mentions: tuple[CommuneMention, ...]
    month: int | None = None
    day: tuple[int, int] | None = None
    period: str | None = None

    @property
    def details(self) -> tuple[str, ...]:
        return tuple(intent for intent in DETAILS if intent in self.intents)


def parse(text: str, communes: CommuneDirectory) -> Question:
    """Read a question; words of commune names are not read as intent words."""
    cleaned = clean(text)
    lowered = words(cleaned.lower())
    folded = [fold_clean(word) for word in lowered]
    mentions = tuple(communes.find_mentions_in(lowered, folded))
    free = list(folded)
    for mention in mentions:
        free[mention.start : mention.end] = [""] * (mention.end - mention.start)
    free = [_corrected(word) for word in free]
    named_month = _month_after_thang(lowered, free)
    period = "next_month" if named_month == 0 else next(iter(_phrases(free, _PERIOD_WORDS)), None)
    return Question(
        intents=frozenset(_phrases(free, _PHRASE_WORDS)),
        mentions=mentions,
        month=named_month or _month_token(free),
        day=_day(" ".join(free), cleaned),
        period=period,
    )


def looks_like_question(text: str) -> bool:
    """Clearly a schedule question, not a name or a commune typed during registration."""
    cleaned = clean(text)
    if "?" in cleaned:
        return True
    lowered = words(cleaned.lower())
    title_case = all(word[:1].isupper() for word in words(cleaned))
    if not title_case and _QUESTION_WORDS.intersection(lowered):
        return True
    folded = [fold_clean(word) for word in lowered]
    return bool(
        _phrases(folded, _QUESTION_PHRASES)
        or _month_after_thang(lowered, folded)
        or _month_token(folded)
    )


def _phrases(folded: Sequence[str], table: dict[tuple[str, ...], str]) -> list[str]:
    """The values of the longest phrases of `table` found at each position."""
    found: list[str] = []
    for start in range(len(folded)):
        for size in range(min(_LONGEST, len(folded) - start), 0, -1):
            value = table.get(tuple(folded[start : start + size]))
            if value is not None:
                found.append(value)
                break
    return found


def _corrected(word: str) -> str:
    """A word one typo away from exactly one question word becomes that word."""
    if len(word) < 4 or word.isdigit() or word in _KNOWN:
        return word
    hits = process.extract(word, _VOCABULARY, scorer=OSA.distance, score_cutoff=1, limit=2)
    return hits[0][0] if len(hits) == 1 else word


def _month_after_thang(lowered: Sequence[str], folded: Sequence[str]) -> int | None:
    """The month named by words after "tháng"; 0 for an unaccented "tháng sau" (next month)."""
    for index, word in enumerate(folded[:-1]):
        if word != "thang":
            continue
        following = folded[index + 1]
        month = as_number(following, max_digits=2)
        if month is not None and 1 <= month <= 12:
            return month
        if following == "muoi" and index + 2 < len(folded):
            extra = {"mot": 11, "hai": 12}.get(folded[index + 2])
            if extra:
                return extra
        if following == "sau" and lowered[index + 1] != "sáu":
            return 0
        if following in _MONTH_WORDS:
            return _MONTH_WORDS[following]
    return None


def _month_token(folded: Sequence[str]) -> int | None:
    """A month written as one word: "t8", "thang8", "august"."""
    for word in folded:
        matched = _MONTH_TOKEN.fullmatch(word)
        if matched:
            return int(matched.group(1))
        if word in _ENGLISH_MONTHS:
            return _ENGLISH_MONTHS[word]
    return None


def _day(folded_text: str, cleaned: str) -> tuple[int, int] | None:
    """(day, month) of a date like "9/7", "09-07-2026" or "ngày 9 tháng 7"."""
    matched = _DATE.search(cleaned) or _DAY_MONTH_WORDS.search(folded_text)
    if not matched:
        return None
    day, month = int(matched.group(1)), int(matched.group(2))
    return (day, month) if 1 <= day <= 31 and 1 <= month <= 12 else None
