"""What a free-text schedule question asks: intents, communes, a month, a day or a period.

Parsing works on folded words (no diacritics), so "khi nào", "khi nao" and NFD input read
alike; diacritics are consulted only where folding merges two meanings ("tháng sáu" is June,
"tháng sau" next month) and for commune names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.services.chat_words import expand, is_english
from bot.services.communes import CommuneDirectory, CommuneMention
from bot.services.divisions import country
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
    "chung nao": "when",
    "bua nao": "when",
    "hom mo": "when",
    "bua mo": "when",
    "khi mo": "when",
    "luc mo": "when",
    "to chuc ngay": "when",
    # where
    "o dau": "where",
    "o mo": "where",
    "cho mo": "where",
    "di dau": "where",
    "tai dau": "where",
    "dia diem": "where",
    "cho nao": "where",
    "noi nao": "where",
    "dia chi": "where",
    "hoi truong": "where",
    "vi tri": "where",
    "ban do": "where",
    "duong di": "where",
    # what
    "noi dung": "what",
    "chu de": "what",
    "chuyen de": "what",
    "ve gi": "what",
    "noi gi": "what",
    "chuong trinh": "what",
    "tuyen truyen gi": "what",
    # who
    "ai": "who",
    "bao cao vien": "who",
    "dien gia": "who",
    "trinh bay": "who",
    "bao cao": "who",
    "ai noi": "who",
    "ai phat bieu": "who",
    "phat bieu": "who",
    # headcount
    "bao nhieu": "headcount",
    "so luong": "headcount",
    "may nguoi": "headcount",
    "so nguoi": "headcount",
    # next
    "tiep theo": "next",
    "sap toi": "next",
    "sap den": "next",
    "sap dien ra": "next",
    "gan nhat": "next",
    "ke tiep": "next",
    # list
    "lich": "list",
    "lich hop": "list",
    "lich hoi nghi": "list",
    "danh sach": "list",
    "lich hop cua toi": "mine",
    "lich cua toi": "mine",
    "lich cua em": "mine",
    "lich cua minh": "mine",
    "tat ca": "whole",
    "ca nam": "whole",
    "toan bo": "whole",
    "day du": "whole",
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
    # the subject itself
    "hoi nghi": "topic",
    "hop": "topic",
    "dai bieu": "topic",
    "tham du": "topic",
    "du hop": "topic",
    "to chuc": "topic",
    "ban to chuc": "topic",
    "btc": "topic",
    "tuyen truyen": "topic",
    "bien gioi": "topic",
}
_ENGLISH_PHRASES: dict[str, str] = {
    "when": "when",
    "what time": "when",
    "date": "when",
    "time": "when",
    "where": "where",
    "venue": "where",
    "address": "where",
    "location": "where",
    "place": "where",
    "topic": "what",
    "topics": "what",
    "agenda": "what",
    "about": "what",
    "content": "what",
    "speaker": "who",
    "speakers": "who",
    "who": "who",
    "how many": "headcount",
    "headcount": "headcount",
    "next": "next",
    "upcoming": "next",
    "schedule": "list",
    "all": "list",
    "city": "city",
    "conference": "topic",
    "conferences": "topic",
    "meeting": "topic",
    "session": "topic",
    "sessions": "topic",
}
_LONGEST = max(len(phrase.split()) for phrase in (*_PHRASES, *_ENGLISH_PHRASES))
_PHRASE_WORDS = {tuple(phrase.split()): intent for phrase, intent in _PHRASES.items()}
_ENGLISH_WORDS = {tuple(phrase.split()): intent for phrase, intent in _ENGLISH_PHRASES.items()}
_VOCABULARY = sorted({word for phrase in _PHRASES for word in phrase.split() if len(word) >= 3})

# Practical matters the plan may note, per series or per session (PracticalNotes' fields).
_PRACTICAL: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): topic
    for topic, phrases in {
        "reception": ("don tiep", "tiep don", "co mat", "den truoc", "den som", "gio don"),
        "dress": (
            "trang phuc",
            "mac gi",
            "mac ao",
            "mac do",
            "ao dai",
            "dong phuc",
            "vest",
            "an mac",
            "mac the nao",
        ),
        "bring": (
            "mang theo",
            "mang gi",
            "can mang",
            "giay moi",
            "can cuoc",
            "cccd",
            "cmnd",
            "chuan bi gi",
            "giay to",
        ),
        "meals": (
            "an trua",
            "an com",
            "bua an",
            "com trua",
            "an uong",
            "an sang",
            "co com",
            "bao an",
            "an o dau",
        ),
        "transport": ("dua don", "xe dua", "gui xe", "do xe", "bai xe", "phuong tien", "di lai"),
        "funding": ("kinh phi", "chi phi", "cong tac phi", "tien an", "thanh toan", "boi duong"),
    }.items()
    for phrase in phrases
}
# Words that name the person asking: "xã tôi", "lịch của em", "bên mình", "chỗ tui".
_ME = frozenset({"toi", "tui", "minh", "em"})
_NOT_ME_BEFORE = frozenset({"sap", "tuan", "thang", "nam", "ke", "den", "di"})  # "sắp tới"
_SMALL_TALK: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): kind
    for kind, phrases in {
        "thanks": (
            "cam on",
            "thanks",
            "ok",
            "vang",
            "da",
            "hen gap",
            "ro roi",
            "da ro",
            "nhat tri",
            "duoc roi",
            "tot qua",
        ),
        "greeting": ("xin chao", "chao", "hello", "hi", "alo", "a lo"),
        "identity": (
            "ban la ai",
            "em la ai",
            "ban la gi",
            "bot la gi",
            "ban ten gi",
            "ban ten la gi",
            "ai day",
        ),
    }.items()
    for phrase in phrases
}
_FOLLOW = frozenset({("con",), ("the", "con"), ("vay", "con"), ("con", "thi")})
# Function words of questions: they explain nothing but do not make a message off-topic.
_FUNCTION = frozenset(
    [
        "co",
        "khong",
        "gi",
        "nao",
        "the",
        "la",
        "a",
        "ah",
        "nhe",
        "vay",
        "oi",
        "cho",
        "hoi",
        "minh",
        "em",
        "toi",
        "anh",
        "chi",
        "ban",
        "ad",
        "admin",
        "duoc",
        "roi",
        "nhu",
        "sao",
        "chua",
        "thi",
        "con",
        "nua",
        "nhi",
        "ha",
        "va",
        "voi",
        "cua",
        "o",
        "tai",
        "ve",
        "ra",
        "di",
        "den",
        "cung",
        "phai",
        "can",
        "nhung",
        "bay",
        "gio",
        "ngay",
        "mai",
        "hom",
        "nay",
        "xa",
        "phuong",
        "hay",
        "lam",
        "ben",
    ]
)

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
    | {word for table in (_PRACTICAL, _SMALL_TALK) for phrase in table for word in phrase}
    | _FUNCTION
)


# First folded word -> (name, folded words) of the 34 provinces, "Thành phố" dropped:
# "ha" -> [("Hà Nội", ("ha", "noi")), ("Hà Tĩnh", ("ha", "tinh"))]. Made at the first question,
# not at import: the country's file is read then (commands that ask nothing never read it).
@cache
def _provinces() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    table: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for province in country().provinces:
        name = province.name.removeprefix("Thành phố ")
        parts = tuple(words(fold_clean(name)))
        table.setdefault(parts[0], []).append((name, parts))
    return table


@cache
def _province_names() -> frozenset[tuple[str, ...]]:
    return frozenset(parts for named in _provinces().values() for _, parts in named)


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
    me: bool = False  # about the person asking ("xã tôi", "lịch của em")
    follow: bool = False  # "còn …?": the rest is taken from the last answer
    practical: str | None = None  # a PracticalNotes field: "dress", "meals", …
    small_talk: str | None = None  # "thanks", "greeting", "identity", "emoji"
    province: str | None = None  # a province named, by its name
    unexplained: int = 0  # content words no table knows (off-topic when many)
    content: tuple[str, ...] = ()  # the folded words left once the question words are known

    @property
    def details(self) -> tuple[str, ...]:
        return tuple(intent for intent in DETAILS if intent in self.intents)

    @property
    def scoped(self) -> bool:
        """Names its own sessions: a commune, a province, a date, a month or a period."""
        return bool(
            self.mentions
            or self.province
            or self.day
            or self.month
            or self.period
            or "city" in self.intents
        )


_DEADLINE_VERBS = frozenset({"nop", "gui", "hoan", "trinh"})


def parse(text: str, communes: CommuneDirectory) -> Question:
    """Read a question; words of commune names are not read as intent words."""
    cleaned = clean(text)
    lowered = words(cleaned.lower())
    english = is_english(lowered)
    folded = [fold_clean(word) for word in lowered]
    if not english:
        lowered, folded = expand(lowered, folded, _province_names())
    mentions = tuple(communes.find_mentions_in(lowered, folded))
    free = list(folded)
    for mention in mentions:
        free[mention.start : mention.end] = [""] * (mention.end - mention.start)
    province = _province(free, communes.province)
    free = [_corrected(word) for word in free]
    named_month = _month_after_thang(lowered, free)
    period = "next_month" if named_month == 0 else next(iter(_phrases(free, _PERIOD_WORDS)), None)
    intents = set(_phrases(free, _ENGLISH_WORDS if english else _PHRASE_WORDS))
    if _asks_deadline(lowered, free, intents):
        intents = {"deadline"}
    small_talk = next(iter(_phrases(free, _SMALL_TALK)), None)
    if not lowered and cleaned:
        small_talk = "emoji"
    known = _known_words(free)
    return Question(
        intents=frozenset(intents),
        mentions=mentions,
        month=named_month or _month_token(free, english),
        day=_day(" ".join(free), cleaned),
        period=period,
        me=_about_me(lowered, folded),
        follow=bool(free) and any(tuple(free[: len(f)]) == f for f in _FOLLOW),
        practical=next(iter(_phrases(free, _PRACTICAL)), None),
        small_talk=small_talk,
        province=province,
        unexplained=sum(1 for word, know in zip(free, known, strict=True) if word and not know),
        content=tuple(word for word in free if word and word not in _FUNCTION),
    )


def _asks_deadline(lowered: Sequence[str], folded: Sequence[str], intents: set[str]) -> bool:
    """ "hạn nộp …", "thời hạn …", or when something must be sent ("khi nào phải nộp …")."""
    for index, word in enumerate(folded):
        following = folded[index + 1] if index + 1 < len(folded) else ""
        if word == "han" and lowered[index] in ("hạn", "han") and following != "che":
            return True
    return "when" in intents and bool(_DEADLINE_VERBS.intersection(folded))


def _about_me(lowered: Sequence[str], folded: Sequence[str]) -> bool:
    for index, word in enumerate(folded):
        if word not in _ME:
            continue
        before = folded[index - 1] if index else ""
        if word == "toi" and (lowered[index] == "tới" or before in _NOT_ME_BEFORE):
            continue
        return True
    return False


def _province(free: list[str], own: str) -> str | None:
    """A province other than the plan's named in the words (they are blanked out)."""
    for start, word in enumerate(free):
        for name, parts in _provinces().get(word, ()):
            if tuple(free[start : start + len(parts)]) == parts:
                free[start : start + len(parts)] = [""] * len(parts)
                return None if name == own.removeprefix("Thành phố ") else name
    return None


def _known_words(free: Sequence[str]) -> list[bool]:
    """Which words some table explains (question words, periods, months, small talk…)."""
    known = [not word or word in _FUNCTION or word.isdigit() for word in free]
    for table in (_PHRASE_WORDS, _PERIOD_WORDS, _PRACTICAL):
        for start in range(len(free)):
            for size in range(min(_LONGEST, len(free) - start), 0, -1):
                if tuple(free[start : start + size]) in table:
                    known[start : start + size] = [True] * size
                    break
    for index, word in enumerate(free):
        if word in _MONTH_WORDS or _MONTH_TOKEN.fullmatch(word) or word == "thang":
            known[index] = True
    return known


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
    from rapidfuzz import process  # loads at the first unknown word, not at start
    from rapidfuzz.distance import OSA

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


def _month_token(folded: Sequence[str], english: bool = False) -> int | None:
    """A month written as one word: "t8", "thang8", "august" (English only in English)."""
    for word in folded:
        matched = _MONTH_TOKEN.fullmatch(word)
        if matched:
            return int(matched.group(1))
        if english and word in _ENGLISH_MONTHS:
            return _ENGLISH_MONTHS[word]
    return None


def _day(folded_text: str, cleaned: str) -> tuple[int, int] | None:
    """(day, month) of a date like "9/7", "09-07-2026" or "ngày 9 tháng 7"."""
    matched = _DATE.search(cleaned) or _DAY_MONTH_WORDS.search(folded_text)
    if not matched:
        return None
    day, month = int(matched.group(1)), int(matched.group(2))
    return (day, month) if 1 <= day <= 31 and 1 <= month <= 12 else None
