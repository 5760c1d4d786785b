"""Names and positions as the state writes them (Nghị định 30/2020/NĐ-CP, Phụ lục II).

A name gets a capital at the start of each word and after an apostrophe or a hyphen ("điểu
k'ré" -> "Điểu K'Ré"). A position is rewritten word group by word group from a lexicon: titles
capitalised as titles (Phó Chủ tịch, Bí thư, Trưởng ấp), bodies as proper names (UBND, Đảng
ủy, Hội Nông dân), level words in lower case (xã, phường, tỉnh). A group is rewritten only
when what was typed carries no diacritics or the lexicon's own; anything else stays as typed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from bot.services.vntext import fold_clean

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Folded word group -> how it is written. Longest groups are tried first.
POSITION_LEXICON: dict[str, str] = {
    form_key: form
    for form in (
        # titles
        "Phó Chủ tịch",
        "Chủ tịch",
        "Phó Bí thư",
        "Bí thư",
        "Ủy viên",
        "Trưởng ấp",
        "Phó Trưởng ấp",
        "Trưởng thôn",
        "Phó Trưởng thôn",
        "Trưởng khu phố",
        "Trưởng ban",
        "Phó Trưởng ban",
        "Trưởng phòng",
        "Phó Trưởng phòng",
        "Giám đốc",
        "Phó Giám đốc",
        "Chánh Văn phòng",
        "Trưởng Công an",
        "Phó Trưởng Công an",
        "Chỉ huy trưởng",
        "Chỉ huy phó",
        "Chuyên viên",
        "Văn phòng",
        # bodies
        "UBND",
        "HĐND",
        "UBMTTQ",
        "MTTQ",
        "Ủy ban nhân dân",
        "Hội đồng nhân dân",
        "Đảng ủy",
        "Đảng bộ",
        "Chi bộ",
        "Ban Thường vụ",
        "Ban Chấp hành",
        "Mặt trận Tổ quốc",
        "Hội Nông dân",
        "Hội Phụ nữ",
        "Hội Liên hiệp Phụ nữ",
        "Hội Cựu chiến binh",
        "Đoàn Thanh niên",
        "Công an",
        "Quân sự",
        "Ban Chỉ huy Quân sự",
        "Biên phòng",
        "Đồn Biên phòng",
        "Sở Ngoại vụ",
        # levels
        "xã",
        "phường",
        "đặc khu",
        "tỉnh",
        "thành phố",
        "ấp",
        "thôn",
        "khu phố",
    )
    for form_key in (fold_clean(form),)
}
# Shorthands that stand for one title only.
POSITION_LEXICON.update({"pct": "Phó Chủ tịch", "pbt": "Phó Bí thư", "hdnd": "HĐND"})
_LONGEST = max(len(key.split()) for key in POSITION_LEXICON)


def proper_name(name: str) -> str:
    """Each word, and each part after an apostrophe or hyphen, with a capital and the rest in
    lower case; a letter whose case change is not one letter stays as it is."""
    out: list[str] = []
    after_letter = False
    for char in name:
        changed = char.lower() if after_letter else char.upper()
        out.append(changed if len(changed) == 1 else char)
        after_letter = char.isalpha()
    return "".join(out)


def _marks(word: str) -> list[str]:
    """The diacritics of a word, wherever the tone mark sits ("uỷ" and "ủy" alike)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d\u0335"))
    return sorted(char for char in decomposed if unicodedata.combining(char))


def _agrees(typed: str, written: str) -> bool:
    """Each typed word carries no diacritics, or the written form's own."""
    typed_words, written_words = typed.split(), written.split()
    if len(typed_words) != len(written_words):
        return typed.isascii()
    return all(
        t.isascii() or _marks(t) == _marks(w)
        for t, w in zip(typed_words, written_words, strict=True)
    )


def official_position(text: str) -> str:
    """A position with its known word groups written as the state writes them."""
    matches = list(_WORD.finditer(text))
    pieces: list[str] = []
    cursor = index = 0
    while index < len(matches):
        for size in range(min(_LONGEST, len(matches) - index), 0, -1):
            group = matches[index : index + size]
            if any(text[a.end() : b.start()] != " " for a, b in itertools.pairwise(group)):
                continue
            typed = text[group[0].start() : group[-1].end()]
            written = POSITION_LEXICON.get(fold_clean(typed))
            if written is not None and _agrees(typed, written):
                pieces.append(text[cursor : group[0].start()] + written)
                cursor, index = group[-1].end(), index + size
                break
        else:
            index += 1
    return "".join(pieces) + text[cursor:]
