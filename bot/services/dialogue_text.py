"""What a message typed in a dialogue is, read on folded text: plainly a question, a refusal
to give a reason, attendance said in words, or a substitute's details in one message.

The rules are deliberately narrow: a pending step owns the next message, so only a strong sign
takes a message away from it (see ../shared/CONVERSATION.md, point 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.services.people import normalise_name, normalise_phone, normalise_position
from bot.services.positions import POSITION_LEXICON
from bot.services.vntext import clean, fold

Reading = Literal["question", "unclear", "answer"]
Attendance = Literal["in_person", "absent", "substitute"]

# Question words and phrases (folded); "khong", "ko", "chua" ask only at the end ("có họp không").
_ASKING = re.compile(
    r"\b(khi nao|bao gio|may gio|gio nao|luc nao|ngay nao|ngay may|hom nao|o dau|tai dau|"
    r"cho nao|noi nao|the nao|nhu nao|ra sao|ai|gi|j|nao|bao nhieu|bn|chung nao|bua nao|o mo|"
    r"co phai|phai khong)\b|\b(khong|ko|k|chua)( a| ha| nhi)?\s*\??$"
)
# What a schedule question is about (folded words).
_SUBJECT = re.compile(
    r"\b(hop|hoi nghi|hn|lich|buoi|phien|dia diem|hoi truong|bat dau|ket thuc|to chuc|"
    r"bao cao|tham luan|chuong trinh|noi dung|han)\b"
)
_DECLINING = re.compile(
    r"^(thoi |da |vang |u |uhm )?(bo qua|skip|khong|ko|k|kg|hong|khoi|thoi|"
    r"(khong|ko|k|kg|khoi|hong) (can |co |ghi |neu |noi )*(ly do|gi|lydo)?( dau)?|"
    r"khong co ly do|ko co ly do|khong ghi ly do|khoi ghi ly do|khoi ghi|de trong)"
    r"( a| nhe| nha| nhe ban| ban oi)?$"
)
_ABSENT = re.compile(
    r"\b(xin phep vang|xin vang|bao vang|vang mat|se vang|xin nghi|"
    r"(khong|ko|k|kg|hong) (the |)(tham du|di du|di hop|du hop|den du|di|du|den) (duoc|dc)|"
    r"(khong|ko|k|kg) (tham du|di du|du hop|di hop) duoc)\b"
)
_SUBSTITUTE = re.compile(r"\b(cu nguoi|nguoi (di |du )?thay|(di|du) thay|cu d/?c|cu dong chi)\b")
_IN_PERSON = re.compile(
    r"\b((toi|em|minh|chung toi|ben em) (se |xin |)(tham du|di du|di hop|du hop|co mat|den du)|"
    r"se (tham du|co mat|di du|di hop|du hop)|xac nhan (tham du|co mat|di du)|"
    r"dang ky tham du)\b"
)
_PHONE = re.compile(r"(?:\+?84|0)[\d .\-]{8,14}\d")
# Words around a substitute's details that are none of them, longest first.
_SUBSTITUTE_NOISE = tuple(
    tuple(phrase.split())
    for phrase in (
        "so dien thoai",
        "cho em cu",
        "dien thoai",
        "xin phep cu",
        "di thay",
        "du thay",
        "thay em",
        "thay toi",
        "xin cu",
        "em cu",
        "toi cu",
        "dong chi",
        "cu",
        "d/c",
        "dc",
        "anh",
        "chi",
        "dt",
        "sdt",
        "so",
        "la",
        "nhe",
        "a",
        "thay",
    )
)
# Word groups that make a piece of text a position rather than a name ("Văn phòng" could be
# the end of a name such as Nguyễn Văn Phong, level words are in place names).
_POSITION_MARKS = re.compile(
    r"\b("
    + "|".join(
        sorted(
            (
                key
                for key in POSITION_LEXICON
                if (" " in key or not POSITION_LEXICON[key].islower())
                and key not in ("van phong", "thanh pho", "khu pho", "dac khu")
            ),
            key=len,
            reverse=True,
        )
    )
    + r"|can bo|cong chuc|truong|pho|bi thu)\b"
)


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w/?]+", " ", fold(text)).split())


def is_question(text: str) -> bool:
    """A question mark, a question word and a schedule subject: plainly a question."""
    folded = _folded(text)
    return "?" in text and bool(_ASKING.search(folded)) and bool(_SUBJECT.search(folded))


def reading(text: str) -> Reading:
    """How a message typed while a step waits for free text reads: plainly a question, unclear
    (asked back with two buttons), or the answer the step waits for."""
    folded = _folded(text)
    asking, subject = bool(_ASKING.search(folded)), bool(_SUBJECT.search(folded))
    if "?" in text and asking and subject:
        return "question"
    if asking and subject and len(folded.split()) <= 12:
        return "unclear"
    return "answer"


def is_declining(text: str) -> bool:
    """ "Bỏ qua", "không", "thôi khỏi ghi lý do", "không có lý do": nothing to add."""
    return bool(_DECLINING.match(_folded(text).replace("?", "").strip()))


@lru_cache(maxsize=2048)  # the same words come again and again; reading them is regexes
def attendance_in_words(text: str) -> Attendance | None:
    """ "em xin phép vắng", "tôi sẽ tham dự", "cho em cử người đi thay"; None for a question
    ("tôi có phải tham dự không?") or anything else."""
    folded = _folded(text)
    if "?" in text or re.search(r"\b(co phai|phai khong|khong a|khong\s*$)", folded):
        return None
    if _SUBSTITUTE.search(folded):
        return "substitute"
    if _ABSENT.search(folded):
        return "absent"
    if _IN_PERSON.search(folded):
        return "in_person"
    return None


@dataclass(frozen=True)
class SubstituteDetails:
    name: str | None = None
    position: str | None = None
    phone: str | None = None


def substitute_details(text: str) -> SubstituteDetails:
    """Whatever of a substitute's name, position and phone one message holds: "cử đ/c Nguyễn
    Văn Bình, PCT UBND xã, đt 0912 345 678 đi thay"."""
    text = clean(text)
    phone_match = _PHONE.search(text)
    phone = normalise_phone(phone_match.group()) if phone_match else None
    if phone_match:
        text = text[: phone_match.start()] + "," + text[phone_match.end() :]
    name = position = None
    for chunk in re.split(r"[,;\n]| - ", text):
        piece = _without_noise(chunk)
        mark = _POSITION_MARKS.search(_folded(piece))
        if mark is not None and mark.start() > 0:
            head, piece = _split_at_folded(piece, mark.start())
            name = name or normalise_name(head)
        if not piece:
            continue
        if position is None and _POSITION_MARKS.search(_folded(piece)):
            position = normalise_position(piece)
        elif name is None and len(piece.split()) <= 6:
            name = normalise_name(piece)
    return SubstituteDetails(name, position, phone)


def _without_noise(chunk: str) -> str:
    typed = chunk.split()
    folded = [_folded(word) for word in typed]
    kept: list[str] = []
    index = 0
    while index < len(typed):
        size = next(
            (len(p) for p in _SUBSTITUTE_NOISE if tuple(folded[index : index + len(p)]) == p), 0
        )
        if size == 0:
            kept.append(typed[index])
        index += max(size, 1)
    return " ".join(kept)


def _split_at_folded(piece: str, offset: int) -> tuple[str, str]:
    """Split at the word that starts at `offset` of the folded piece (same word count)."""
    typed = piece.split()
    before = len(_folded(piece)[:offset].split())
    return " ".join(typed[:before]), " ".join(typed[before:])
