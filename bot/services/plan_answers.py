"""Answers from the plan beyond the schedule: deadlines, practical notes, the organisers'
questions and answers, and whom to call. Pure: the series in, text out.

What the plan does not say is said to be unknown, with the contact person: never guessed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.catalog import t
from bot.domain import Deadline, Faq, SeriesInfo, SessionInfo
from bot.services.vntext import fold, words

# fuzz.WRatio (0..100) of what was typed against an organiser's question, both folded and without
# function words: on the example plans paraphrases score 71 and more, other questions with no
# schedule word in them at most 68 (tests/test_plan_answers.py holds both sides of the line).
FAQ_THRESHOLD = 70.0
# Share of a question's content words (weighted, see _named_deadlines) that a deadline's text
# must hold to be the one asked.
DEADLINE_COVER = 0.7
MAX_DEADLINES = 4
_FAQ_FUNCTION = frozenset(
    {
     "co", "khong", "ko", "k", "gi", "j", "nao", "the", "la", "a", "ah", "nhe", "vay", "z", "oi",
     "cho", "hoi", "minh", "em", "e", "toi", "anh", "chi", "ban", "duoc", "dc", "roi", "nhu", "sao",
     "chua", "thi", "con", "nua", "nhi", "ha", "va", "voi", "cua", "o", "tai", "ve", "ra", "di",
     "cung", "phai", "can", "nhung", "nghi", "hop",
    }
)
_DEADLINE_WORDS = frozenset(
    [
        "han",
        "chot",
        "thoi",
        "nop",
        "gui",
        "hoan",
        "thanh",
        "trinh",
        "khi",
        "nao",
        "bao",
        "gio",
        "ngay",
        "phai",
        "la",
        "truoc",
        "cho",
        "ve",
        "cua",
        "hoi",
        "nghi",
    ]
)


def due_day(deadline: Deadline, sessions: Sequence[SessionInfo], zone: ZoneInfo) -> date | None:
    """The last day a deadline is on time; None while its session has no date."""
    if deadline.due is not None:
        return deadline.due
    session = next((s for s in sessions if s.id == deadline.session_id), None)
    if session is None or session.starts_at is None:
        return None
    return session.starts_at.astimezone(zone).date() - timedelta(days=deadline.days_before)


def contact_line(series: SeriesInfo, locale: str) -> str:
    """ "Anh/chị liên hệ <name> (<title>), ĐT <phone>." or the organiser when none is named."""
    contact = series.contact
    if contact is None:
        return t("qa.contact", locale, who=series.organiser)
    who = f"{contact.name} ({contact.title})" if contact.title else contact.name
    if contact.phone:
        who = t("qa.contact_phone", locale, who=who, phone=contact.phone)
    return t("qa.contact", locale, who=who)


def deadlines_text(
    series: SeriesInfo,
    content: Sequence[str],
    zone: ZoneInfo,
    locale: str,
    unit: str | None = None,
) -> str:
    """The deadlines a question names; when it names none, those the asker's unit (a category
    code) owes, else all of them; or that the plan sets no such deadline."""
    wanted = [word for word in content if not _holds(_DEADLINE_WORDS, word)]
    if wanted:
        chosen = _named_deadlines(series.deadlines, wanted)
    else:
        owed = [d for d in series.deadlines if d.owner_kind == "unit" and d.owner == unit]
        chosen = owed or list(series.deadlines)
    if not chosen:
        return "\n".join([t("qa.deadline_none", locale), contact_line(series, locale)])
    lines = [t("qa.deadline_title", locale)]
    for deadline in chosen[:MAX_DEADLINES]:
        day = due_day(deadline, series.sessions, zone)
        if day is not None:
            when = t("qa.deadline_due", locale, date=f"{day:%d/%m/%Y}")
        elif deadline.days_before:
            when = t("qa.deadline_relative", locale, days=deadline.days_before)
        else:
            when = t("qa.deadline_unset", locale)
        lines.append(t("qa.deadline_item", locale, what=deadline.what, when=when))
    if len(chosen) > MAX_DEADLINES:
        lines.append(t("qa.deadline_more", locale, count=len(chosen) - MAX_DEADLINES))
    return "\n".join(lines)


def _named_deadlines(deadlines: Sequence[Deadline], wanted: Sequence[str]) -> list[Deadline]:
    """The deadlines whose text holds the largest share of the words asked, if large enough.
    A word counts less the more deadlines hold it ("báo cáo" is in most), fully when none
    does; a word with two letters swapped ("lậun") counts as the text's."""
    texts = [set(words(fold(deadline.what))) for deadline in deadlines]
    # a short word no deadline holds is a slip ("hna"), not a subject
    wanted = [w for w in wanted if len(w) > 3 or any(w in text for text in texts)] or wanted
    found = [[_holds(text, word) for word in wanted] for text in texts]
    weights = [1 / max(1, sum(row[i] for row in found)) for i in range(len(wanted))]
    total = sum(weights)
    scored = [sum(w for w, hit in zip(weights, row, strict=True) if hit) / total for row in found]
    best = max(scored, default=0.0)
    if best < DEADLINE_COVER:
        return []
    return [deadline for score, deadline in zip(scored, deadlines, strict=True) if score == best]


def _holds(text: Iterable[str], word: str) -> bool:
    if word in text:  # a set or frozenset: the usual case is one lookup
        return True
    return len(word) >= 4 and any(_swapped(word, other) for other in text if len(other) >= 4)


def _swapped(typed: str, word: str) -> bool:
    """One pair of neighbouring letters swapped ("laun" for "luan"); no other slip, which
    turns too many short words into others ("kinh" into "kien")."""
    from rapidfuzz.distance import OSA, Levenshtein  # loads when first used, not at start

    return OSA.distance(typed, word, score_cutoff=1) == 1 and Levenshtein.distance(typed, word) == 2


def practical_text(
    series: SeriesInfo, topic: str, sessions: Sequence[SessionInfo], locale: str
) -> str:
    """A practical note (a session's own before the series'), or that the plan says nothing
    of it; both end with whom to call."""
    notes = [session.notes.merged(series.notes) for session in sessions] or [series.notes]
    found = list(dict.fromkeys(getattr(note, topic) for note in notes if getattr(note, topic)))
    if found:
        body = "\n".join(found)
    else:
        body = t("qa.practical_none", locale, topic=t(f"qa.topic.{topic}", locale))
    return "\n".join([body, contact_line(series, locale)])


def faq_match(faq: Sequence[Faq], text: str) -> Faq | None:
    """The organisers' question closest to what was typed (folded, function words left out),
    if close enough."""
    asked = _faq_words(text)
    if not asked:
        return None
    from rapidfuzz import fuzz  # loads when first used, not at start

    best: tuple[float, Faq | None] = (0.0, None)
    for item in faq:
        score = fuzz.WRatio(asked, _faq_words(item.question))
        if score > best[0]:
            best = (score, item)
    return best[1] if best[0] >= FAQ_THRESHOLD else None


def _faq_words(text: str) -> str:
    return " ".join(word for word in words(fold(text)) if word not in _FAQ_FUNCTION)


def unknown_text(series: SeriesInfo, locale: str) -> str:
    return t("qa.unknown", locale, contact=contact_line(series, locale))
