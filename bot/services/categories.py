"""A delegate category typed in words ("cong an"), matched on folded text like a commune."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain import Category
from bot.services.vntext import fold, words

# Level words say where, not which category: "công an xã" and "công an" are the same answer.
_LEVEL_WORDS = frozenset({"xa", "phuong", "tinh", "thanh", "pho", "tp", "va", "cac"})
_CUTOFF = 85.0
_CLEAR_GAP = 8.0


def _key(text: str) -> str:
    return " ".join(word for word in words(fold(text)) if word not in _LEVEL_WORDS)


def match_category(categories: Sequence[Category], text: str) -> tuple[Category, ...]:
    """One category when the text names it clearly, a few when it fits several, else none."""
    typed = _key(text)
    if not typed:
        return ()
    from rapidfuzz import fuzz  # loads at the first category typed, not at start

    scored = sorted(
        ((fuzz.token_set_ratio(typed, _key(c.label)), index) for index, c in enumerate(categories)),
        reverse=True,
    )
    fitting = [(score, categories[index]) for score, index in scored if score >= _CUTOFF]
    if not fitting:
        return ()
    if len(fitting) == 1 or fitting[0][0] - fitting[1][0] >= _CLEAR_GAP:
        return (fitting[0][1],)
    best = fitting[0][0]
    return tuple(category for score, category in fitting if best - score < _CLEAR_GAP)
