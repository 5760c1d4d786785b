"""Vietnamese as typed in chat, made readable word by word before a question is parsed.

Shorthand (ko, đc, j, z, ntn, bn, tp, HN), telex left in the text when the keyboard was off
("hopj", "ngayf", "thasng") and central words (mô, rứa, chừ) become the plain folded words the
question tables know. Works on two aligned word lists, lowercase (diacritics kept) and folded,
and returns new aligned lists: an expanded word has no diacritics to keep, so it appears folded
in both. A message that is English as a whole is left alone (see `is_english`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

# Folded shorthand typed without diacritics -> the folded words it stands for.
_SHORTHAND: dict[str, tuple[str, ...]] = {
    "ko": ("khong",),
    "k": ("khong",),
    "kh": ("khong",),
    "khg": ("khong",),
    "kg": ("khong",),
    "hok": ("khong",),
    "hem": ("khong",),
    "dc": ("duoc",),
    "j": ("gi",),
    "z": ("vay",),
    "v": ("vay",),
    "ntn": ("nhu", "the", "nao"),
    "bn": ("bao", "nhieu"),
    "bh": ("bao", "gio"),
    "bgio": ("bao", "gio"),
    "hnay": ("hom", "nay"),
    "e": ("em",),
    "mik": ("minh",),
    "mk": ("minh",),
    "ad": ("admin",),
    "r": ("roi",),
    "vs": ("voi",),
    "tp": ("thanh", "pho"),
    "hcm": ("ho", "chi", "minh"),
    "tphcm": ("thanh", "pho", "ho", "chi", "minh"),
    "oke": ("ok",),
    "oki": ("ok",),
    "okie": ("ok",),
    "okay": ("ok",),
    "tks": ("thanks",),
    "thks": ("thanks",),
    "thank": ("thanks",),
}
# Central (and some northern) words, recognised only with their diacritics.
_REGIONAL: dict[str, tuple[str, ...]] = {
    "rứa": ("the",),
    "chừ": ("bay", "gio"),
    "răng": ("sao",),
    "tê": ("kia",),
}
# "HN" is Hà Nội after a word of place or movement, or joined to a province by a connector
# ("Hải Phòng và HN", "HN hay Đà Nẵng"); otherwise hội nghị ("HN Đồng Nai" is a conference).
_BEFORE_PLACE = frozenset({"o", "tai", "ve", "ra", "den", "di", "toi"})
_CONNECTORS = frozenset({"va", "voi", "hay", "hoac"})

_VOWELS = frozenset("aeiouy")
_TONE_KEYS = frozenset("sfrxj")
_FINALS = ("ch", "nh", "ng", "c", "m", "n", "p", "t")
_DOUBLES = (("dd", "d"), ("aa", "a"), ("ee", "e"), ("oo", "o"), ("aw", "a"), ("ow", "o"))

# Words that only an English message has, and common Vietnamese words that an English one does
# not: "may" is the month only when nothing in the message is Vietnamese.
_ENGLISH = frozenset(
    [
        "when",
        "where",
        "what",
        "who",
        "which",
        "is",
        "are",
        "the",
        "next",
        "session",
        "sessions",
        "meeting",
        "conference",
        "schedule",
        "venue",
        "how",
        "many",
        "in",
        "of",
        "there",
        "any",
        "speakers",
        "topics",
        "date",
        "time",
        "about",
        "agenda",
        "address",
        "location",
        "place",
        "do",
        "does",
        "will",
        "start",
        "starts",
        "held",
        "commune",
        "ward",
        "month",
        "week",
        "today",
        "tomorrow",
    ]
)
_VIETNAMESE = frozenset(
    [
        "hop",
        "hoi",
        "nghi",
        "khi",
        "nao",
        "o",
        "dau",
        "thang",
        "ngay",
        "gio",
        "co",
        "khong",
        "xa",
        "lich",
        "bao",
        "luc",
        "bat",
        "tai",
        "cua",
        "toi",
        "em",
        "minh",
        "nay",
        "mai",
        "tuan",
        "sau",
        "ai",
        "gi",
        "vay",
        "nhe",
        "chua",
        "duoc",
        "phuong",
    ]
)


def is_english(lowered: Sequence[str]) -> bool:
    """No diacritics, at least one English-only word and no common Vietnamese one."""
    if not all(word.isascii() for word in lowered):
        return False
    return bool(_ENGLISH.intersection(lowered)) and not _VIETNAMESE.intersection(lowered)


def detelex(word: str) -> str:
    """A folded word without the telex keys left in it: "hopj" -> "hop", "thasng" -> "thang",
    "ddaau" -> "dau". Vietnamese syllables never end in s, f, r, x or j, nor hold "dd", "aa"…"""
    if not word.isascii() or not word.isalpha() or len(word) < 2:
        return word
    if word[-1] in _TONE_KEYS and _VOWELS.intersection(word[:-1]):
        word = word[:-1]
    else:
        for final in _FINALS:
            stem = word[: -len(final)]
            if word.endswith(final) and len(stem) >= 2 and stem[-1] in _TONE_KEYS:
                if stem[-2] in _VOWELS:
                    word = stem[:-1] + final
                break
    for double, single in _DOUBLES:
        word = word.replace(double, single)
    return word.replace("uw", "u").replace("w", "u") if "w" in word else word


def _is_ha_noi(folded: Sequence[str], index: int, provinces: Collection[tuple[str, ...]]) -> bool:
    """Whether the "hn" at `index` names Hà Nội rather than a conference (hội nghị)."""
    before = folded[index - 1] if index else ""
    if before in _BEFORE_PLACE:
        return True
    after = tuple(folded[index + 2 :])
    if index + 1 < len(folded) and folded[index + 1] in _CONNECTORS:
        return any(after[: len(name)] == name for name in provinces)
    if before in _CONNECTORS:
        head = tuple(folded[: index - 1])
        return any(head[-len(name) :] == name for name in provinces)
    return False


def expand(
    lowered: Sequence[str],
    folded: Sequence[str],
    provinces: Collection[tuple[str, ...]] = (),
) -> tuple[list[str], list[str]]:
    """Shorthand, regional words and telex residue replaced; aligned lists in, aligned out.
    `provinces`: the folded words of province names, beside which "HN" is Hà Nội."""
    out_lowered: list[str] = []
    out_folded: list[str] = []
    for index, (low, fold) in enumerate(zip(lowered, folded, strict=True)):
        replaced = _REGIONAL.get(low)
        if replaced is None and low == fold:
            if fold == "hn":
                ha_noi = _is_ha_noi(folded, index, provinces)
                replaced = ("ha", "noi") if ha_noi else ("hoi", "nghi")
            else:
                replaced = _SHORTHAND.get(fold)
        if replaced is None and low == fold:
            plain = detelex(fold)
            replaced = (plain,) if plain != fold else None
        if replaced is None:
            out_lowered.append(low)
            out_folded.append(fold)
        else:
            out_lowered.extend(replaced)
            out_folded.extend(replaced)
    return out_lowered, out_folded
