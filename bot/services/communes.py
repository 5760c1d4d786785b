"""The official communes (xã, phường, đặc khu) of one province, matched from typed text.

Names are compared on a *key*: folded (no diacritics, lowercase) with a word-final "k" read as
"c", since minority place names are spelt both ways ("Đắc Ô" is officially "Xã Đăk Ơ"). Folding
merges names that differ only by a diacritic (Lộc Thành, Lộc Thạnh): text that carries the
diacritics of one of them picks it, otherwise the user is asked to choose.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.services.divisions import Division, country
from bot.services.vntext import clean, fold, fold_clean, words

MatchStatus = Literal["exact", "ambiguous", "none"]

MAX_CHOICES = 5
# fuzz.ratio (0..100) on keys without spaces: one typo in a short name scores about 88.
_FUZZY_CUTOFF = 84.0
_CLEAR_WINNER = 87.0
_CLEAR_GAP = 5.0

_KIND_PREFIXES: dict[tuple[str, ...], str] = {
    ("xa",): "xã",
    ("x",): "xã",
    ("phuong",): "phường",
    ("p",): "phường",
    ("f",): "phường",
    ("dac", "khu"): "đặc khu",
}
_PROVINCE_PREFIXES: tuple[tuple[str, ...], ...] = (("tinh",), ("thanh", "pho"), ("tp",))

# Everyday words of questions (folded). A typo-tolerant match may not rest on editing one of
# them: "la ngay" is not a typo of a commune "La Nga", "thanh pho" not one of "Thanh Sơn".
COMMON_WORDS = frozenset(
    {
        "hoi",
        "nghi",
        "hop",
        "lich",
        "khi",
        "nao",
        "bao",
        "gio",
        "ngay",
        "thang",
        "nam",
        "tuan",
        "nay",
        "mai",
        "hom",
        "qua",
        "may",
        "luc",
        "o",
        "dau",
        "dia",
        "diem",
        "cho",
        "noi",
        "tai",
        "tiep",
        "theo",
        "sap",
        "toi",
        "ke",
        "gan",
        "nhat",
        "thanh",
        "pho",
        "cap",
        "tinh",
        "xa",
        "phuong",
        "co",
        "khong",
        "ko",
        "k",
        "la",
        "va",
        "voi",
        "cua",
        "the",
        "nhe",
        "a",
        "oi",
        "anh",
        "chi",
        "em",
        "ban",
        "minh",
        "ong",
        "ba",
        "chu",
        "di",
        "den",
        "ve",
        "gi",
        "nhieu",
        "nguoi",
        "dai",
        "bieu",
        "cao",
        "vien",
        "ai",
        "dung",
        "de",
        "chuyen",
        "tham",
        "du",
        "duoc",
        "hay",
        "hoac",
        "nua",
        "roi",
        "sang",
        "chieu",
        "dem",
        "dang",
        "se",
        "da",
        "chua",
        "nhu",
        "sao",
        "vay",
    }
)


@dataclass(frozen=True)
class Commune:
    code: int
    name: str
    short: str
    kind: str


@dataclass(frozen=True)
class CommuneMatch:
    """What a delegate's typed commune resolves to; candidates are best first."""

    status: MatchStatus
    candidates: tuple[Commune, ...] = ()

    @property
    def commune(self) -> Commune | None:
        return self.candidates[0] if self.status == "exact" else None


@dataclass(frozen=True)
class CommuneMention:
    """Communes named by words[start:end] of a question; several when it cannot tell which."""

    start: int
    end: int
    candidates: tuple[Commune, ...]
    fuzzy: bool

    @property
    def commune(self) -> Commune | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def _key_word(word: str) -> str:
    return word[:-1] + "c" if len(word) > 1 and word.endswith("k") else word


def _key(folded_words: Iterable[str]) -> str:
    return " ".join(_key_word(word) for word in folded_words)


def _province_words(name: str) -> tuple[str, ...]:
    tokens = tuple(words(fold(name)))
    for prefix in _PROVINCE_PREFIXES:
        if tokens[: len(prefix)] == prefix and len(tokens) > len(prefix):
            return tokens[len(prefix) :]
    return tokens


def _find_province(name: str) -> Division:
    wanted = _province_words(name)
    for province in country().provinces:
        if _province_words(province.name) == wanted:
            return province
    raise ValueError(f"unknown province {name!r}: expected one of the 34, e.g. 'Đồng Nai'")


def _commune(ward: Division) -> Commune:
    kind = ward.kind
    short = ward.name
    if short.lower().startswith(kind + " "):
        short = short[len(kind) + 1 :]
    return Commune(code=int(ward.code), name=ward.name, short=short, kind=kind)


class CommuneDirectory:
    """The communes of one province with cached keys for fast matching."""

    def __init__(self, province_name: str) -> None:
        province = _find_province(province_name)
        self.province = province.name
        self._province_words = _province_words(province.name)
        self._communes = tuple(_commune(ward) for ward in country().communes[province.code])
        self._by_code = {commune.code: commune for commune in self._communes}
        self._by_lower: dict[str, list[Commune]] = defaultdict(list)
        self._by_key: dict[str, list[Commune]] = defaultdict(list)
        # (word count, position, key word) -> keys, to find typo candidates sharing a word.
        self._by_word: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for commune in self._communes:
            self._by_lower[commune.short.lower()].append(commune)
            self._by_lower[commune.name.lower()].append(commune)
            key = _key(words(fold(commune.short)))
            if key not in self._by_key:
                parts = key.split()
                for position, word in enumerate(parts):
                    self._by_word[(len(parts), position, word)].append(key)
            self._by_key[key].append(commune)
        self._lengths = sorted({len(key.split()) for key in self._by_key}, reverse=True)
        self._squashed = {key.replace(" ", ""): key for key in self._by_key}
        self._squashed_keys = list(self._squashed)

    def all(self) -> tuple[Commune, ...]:
        return self._communes

    def by_code(self, code: int) -> Commune | None:
        return self._by_code.get(code)

    def resolve(self, name: str) -> Commune | None:
        """The commune with this official or short name (diacritics significant), if unique."""
        found = self._by_lower.get(clean(name).lower(), [])
        return found[0] if len(found) == 1 else None

    def match(self, text: str) -> CommuneMatch:
        """Resolve a commune typed by a delegate: exact, a few to choose from, or none."""
        lowered = words(clean(text).lower())
        folded = [fold_clean(word) for word in lowered]
        kind, skip = self._kind_prefix(folded)
        end = self._strip_province(folded)
        lowered, folded = lowered[skip:end], folded[skip:end]
        if not folded:
            return CommuneMatch("none")
        exact = _of_kind(self._by_lower.get(" ".join(lowered), []), kind)
        if len(exact) == 1:
            return CommuneMatch("exact", (exact[0],))
        same_key = _of_kind(self._by_key.get(_key(folded), []), kind)
        if same_key:
            status: MatchStatus = "exact" if len(same_key) == 1 else "ambiguous"
            return CommuneMatch(status, tuple(same_key[:MAX_CHOICES]))
        squashed = _key(folded).replace(" ", "")
        return self._swap_match(squashed, kind) or self._fuzzy_match(squashed, kind)

    def _swap_match(self, squashed: str, kind: str | None) -> CommuneMatch | None:
        """A name with one pair of neighbouring letters swapped ("lco tan", "dka o"), which
        fuzz.ratio scores as two edits: the one name it can be."""
        from rapidfuzz import process  # loads at the first name typed loosely, not at start
        from rapidfuzz.distance import OSA, Levenshtein

        typed = squashed.replace("k", "c")
        hits = process.extract(
            typed, self._squashed_keys, scorer=OSA.distance, score_cutoff=1, limit=2
        )
        swapped = [key for key, _, _ in hits if Levenshtein.distance(typed, key) == 2]
        if len(hits) != 1 or not swapped:
            return None
        found = _of_kind(self._by_key[self._squashed[swapped[0]]], kind)
        return CommuneMatch("exact", (found[0],)) if len(found) == 1 else _choose(found)

    def _kind_prefix(self, folded: Sequence[str]) -> tuple[str | None, int]:
        for prefix, kind in _KIND_PREFIXES.items():
            if tuple(folded[: len(prefix)]) == prefix and len(folded) > len(prefix):
                return kind, len(prefix)
        return None, 0

    def _strip_province(self, folded: Sequence[str]) -> int:
        """Where the words end once a trailing province name ("..., Đồng Nai") is dropped."""
        size = len(self._province_words)
        end = len(folded)
        if end > size and tuple(folded[end - size :]) == self._province_words:
            end -= size
            for prefix in _PROVINCE_PREFIXES:
                if end > len(prefix) and tuple(folded[end - len(prefix) : end]) == prefix:
                    return end - len(prefix)
        return end

    def _fuzzy_match(self, squashed: str, kind: str | None) -> CommuneMatch:
        from rapidfuzz import fuzz, process

        hits = process.extract(
            squashed,
            self._squashed_keys,
            scorer=fuzz.ratio,
            score_cutoff=_FUZZY_CUTOFF,
            limit=MAX_CHOICES,
        )
        if not hits:
            return self._prefix_match(squashed, kind)
        found: list[Commune] = []
        for choice, _score, _index in hits:
            found.extend(_of_kind(self._by_key[self._squashed[choice]], kind))
        best = hits[0][1]
        runner_up = hits[1][1] if len(hits) > 1 else 0.0
        clear = best >= _CLEAR_WINNER and best - runner_up >= _CLEAR_GAP
        if clear and len(found) == 1:
            return CommuneMatch("exact", (found[0],))
        return _choose(found)

    def _prefix_match(self, squashed: str, kind: str | None) -> CommuneMatch:
        """A name typed only in part ("bu gia"): offer the communes it begins."""
        if len(squashed) < 4:
            return CommuneMatch("none")
        found = [
            commune
            for key in self._squashed_keys
            if key.startswith(squashed)
            for commune in _of_kind(self._by_key[self._squashed[key]], kind)
        ]
        return _choose(found)

    def find_mentions(self, text: str) -> list[CommuneMention]:
        """The communes a free-text question names, in the order they appear."""
        lowered = words(clean(text).lower())
        return self.find_mentions_in(lowered, [fold_clean(word) for word in lowered])

    def find_mentions_in(
        self, lowered: Sequence[str], folded: Sequence[str]
    ) -> list[CommuneMention]:
        """`find_mentions` on words already tokenised: lowercase and folded, aligned."""
        keyed = [_key_word(word) for word in folded]
        taken = [False] * len(keyed)
        mentions: list[CommuneMention] = []
        for fuzzy in (False, True):
            for size in self._lengths:
                for start in range(len(keyed) - size + 1):
                    end = start + size
                    if any(taken[start:end]):
                        continue
                    found = self._span(lowered, keyed, start, end, fuzzy)
                    if found:
                        hint, _ = self._kind_prefix(folded[max(start - 1, 0) : start])
                        candidates = tuple(_of_kind(found, hint)[:MAX_CHOICES])
                        mentions.append(CommuneMention(start, end, candidates, fuzzy))
                        taken[start:end] = [True] * size
        return sorted(mentions, key=lambda mention: mention.start)

    def _span(
        self, lowered: Sequence[str], keyed: Sequence[str], start: int, end: int, fuzzy: bool
    ) -> list[Commune]:
        if not fuzzy:
            same_key = self._by_key.get(" ".join(keyed[start:end]))
            if not same_key:
                return []
            marked = self._by_lower.get(" ".join(lowered[start:end]), [])
            return [commune for commune in marked if commune in same_key] or same_key
        near = self._near_keys(keyed[start:end])
        return [commune for key in near for commune in self._by_key[key]]

    def _near_keys(self, span: Sequence[str]) -> list[str]:
        """Keys one typo away (two for long names) that share at least one word with span."""
        if all(word in COMMON_WORDS or word.isdigit() for word in span):
            return []
        budget = 1 if sum(map(len, span)) < 9 else 2
        best: dict[str, int] = {}
        for position, word in enumerate(span):
            for key in self._by_word.get((len(span), position, word), ()):
                if key not in best:
                    distance = _typo_distance(span, key.split(), budget)
                    if distance is not None:
                        best[key] = distance
        return sorted(best, key=best.__getitem__)


def _typo_distance(span: Sequence[str], name: Sequence[str], budget: int) -> int | None:
    from rapidfuzz.distance import OSA

    total = 0
    for typed, word in zip(span, name, strict=True):
        if typed != word:
            if typed in COMMON_WORDS or len(typed) < 2:
                return None
            # "dka" for "dak" (key "dac"): a swapped pair, then the k read as c
            total += min(
                OSA.distance(typed, word, score_cutoff=budget),
                OSA.distance(_key_word(typed.replace("k", "c")), word, score_cutoff=budget),
            )
            if total > budget:
                return None
    return total


def _choose(found: Sequence[Commune]) -> CommuneMatch:
    return CommuneMatch("ambiguous", tuple(found[:MAX_CHOICES])) if found else CommuneMatch("none")


def _of_kind(communes: Sequence[Commune], kind: str | None) -> list[Commune]:
    """The communes of `kind` if any (a typed "xã"/"phường" narrows), else all of them."""
    if kind is None:
        return list(communes)
    return [commune for commune in communes if commune.kind == kind] or list(communes)
