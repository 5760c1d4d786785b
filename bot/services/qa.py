"""The schedule question answerer: free text in, a short reply about the plan out.

Pure: built once per loaded plan, no I/O, `now` passed in. Every reply fits one message.
A commune is only ever answered with its own sessions: a commune without a session is told
so, a name that folds to several communes asks which one, never a neighbour's date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.catalog import t
from bot.domain import SeriesInfo, SessionInfo, Speaker, Venue, session_order
from bot.services.communes import Commune, CommuneDirectory
from bot.services.dates import format_session_when
from bot.services.levels import level_key
from bot.services.plan_answers import (
    contact_line,
    deadlines_text,
    faq_match,
    practical_text,
    unknown_text,
)
from bot.services.question import DETAILS, Question, parse
from bot.services.question import looks_like_question as _looks_like_question
from bot.services.vntext import fold

MAX_TEXT = 4096
# Longer input is not a question; cutting it keeps the cost of an answer bounded.
MAX_INPUT = 500
MAX_LIST_LINES = 12
MAX_SESSIONS_IN_DETAIL = 5
MAX_ITEMS = 10
MAX_COMMUNE_NAMES = 12
# Questions read and kept per plan: people ask the same things in the same words, and reading
# one (the communes, the typos, the phrases) costs more than the rest of its answer.
QUESTIONS_KEPT = 2048
_NEVER = datetime.min.replace(tzinfo=ZoneInfo("UTC"))  # a moment before every session


@dataclass(frozen=True)
class Asker:
    """The registered delegate asking: their commune (None for a city-level delegate) and
    category. Invited as reminders count it (storage.attendance.audience_filter)."""

    commune_code: int | None
    category_code: str

    def invited(self, session: SessionInfo) -> bool:
        if session.level == "commune":
            return session.commune_code == self.commune_code
        return self.commune_code is None or self.category_code in session.invite_categories


@dataclass(frozen=True)
class Thread:
    """What an answer was about, for a short follow-up a few minutes later."""

    session_ids: tuple[str, ...] = ()
    commune_code: int | None = None
    month: int | None = None
    details: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "sessions": list(self.session_ids),
            "commune": self.commune_code,
            "month": self.month,
            "details": list(self.details),
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> Thread:
        return Thread(
            tuple(data.get("sessions", ())),
            data.get("commune"),
            data.get("month"),
            tuple(d for d in data.get("details", ()) if d in DETAILS),
        )


@dataclass(frozen=True)
class Answer:
    """A reply. `intent` names what was answered; for a commune answer (and for the question
    back when a name is ambiguous) it is the details asked, e.g. "when+where" or "summary",
    which a choice button hands to `answer_for_commune` with the chosen commune code."""

    text: str
    venue: Venue | None
    sessions: tuple[SessionInfo, ...]
    intent: str
    understood: bool
    choices: tuple[tuple[str, int], ...] = ()
    thread: Thread | None = None  # what to read a follow-up against; None: keep the last one


class ScheduleAnswerer:
    def __init__(self, series: SeriesInfo, communes: CommuneDirectory) -> None:
        self._series = series
        self._communes = communes
        self._tz = ZoneInfo(series.timezone)
        self._sessions = tuple(sorted(series.sessions, key=session_order))
        self._undated = tuple(session for session in self._sessions if session.slot is None)
        # (session, local start) of the dated sessions: what a date in a question can match
        self._local_starts = tuple(
            (session, session.starts_at.astimezone(self._tz))
            for session in self._sessions
            if session.starts_at is not None
        )
        self._by_commune: dict[int, list[SessionInfo]] = {}
        for session in self._sessions:
            if session.level == "commune" and session.commune_code is not None:
                self._by_commune.setdefault(session.commune_code, []).append(session)
        self._city = tuple(session for session in self._sessions if session.level == "city")
        # the plan does not change under an answerer (a new plan gets a new one)
        self._questions: dict[str, Question] = {}  # the last QUESTIONS_KEPT texts, read
        self._when: dict[tuple[str, str], str] = {}  # (session id, locale): its time, as read
        self._lines: dict[tuple[str, bool, str, str], str] = {}  # see `_line`

    def __getstate__(self) -> dict[str, object]:
        """Pickled (a plan sent to a file import's child process) without what it read: the
        event loop may be changing those dicts while the pickling thread walks them."""
        return {**self.__dict__, "_questions": {}, "_when": {}, "_lines": {}}

    # Entry points -------------------------------------------------------------------------

    def answer(
        self,
        text: str,
        now: datetime,
        locale: str = "vi",
        asker: Asker | None = None,
        thread: Thread | None = None,
    ) -> Answer:
        """Answer a free-text message. `asker`: the registered delegate asking, for "xã tôi";
        `thread`: what the last answer (minutes ago) was about, for a short follow-up."""
        question = self._read_question(text[:MAX_INPUT])
        if thread is not None and question.follow and not question.details:
            question = replace(question, intents=question.intents | set(thread.details))
        answer = self._read(text[:MAX_INPUT], question, now, locale, asker, thread)
        if answer.thread is None and answer.sessions and answer.intent != "list":
            details = question.details or (thread.details if thread else ())
            answer = replace(answer, thread=self._thread(answer.sessions, question, details))
        return answer

    def _read(
        self,
        text: str,
        question: Question,
        now: datetime,
        locale: str,
        asker: Asker | None,
        thread: Thread | None,
    ) -> Answer:
        """Which kind of message it is, in order, and its answer."""
        asks = question.intents - {"topic"}
        if question.small_talk == "identity":
            return self._said(
                t("qa.identity", locale, organiser=self._series.organiser), "identity"
            )
        if "deadline" in asks:
            unit = asker.category_code if asker else None
            due = deadlines_text(self._series, question.content, self._tz, locale, unit)
            return self._said(due, "deadline")
        if question.practical is not None:
            sessions = self._in_scope(question, asker, thread)
            return self._said(
                practical_text(self._series, question.practical, sessions, locale), "practical"
            )
        if not question.scoped and not asks:
            faq = faq_match(self._series.faq, text)
            if faq is not None:
                return self._said(f"{faq.answer}\n{contact_line(self._series, locale)}", "faq")
        if question.small_talk is not None and not asks and not question.scoped:
            key = "qa.greeting" if question.small_talk == "greeting" else "qa.thanks"
            return self._said(t(key, locale), "small_talk")
        if question.province is not None and not question.mentions:
            return self._about_province(question.province, locale)
        if question.mentions:
            return self._about_mentions(question, now, locale, asker)
        if "city" in question.intents:
            return self._about_selection(self._city, question, "city", now, locale)
        if question.me or "mine" in asks:
            return self._about_own(question, asker, now, locale)
        if thread is not None and thread.session_ids and question.details and not question.scoped:
            followed = [s for s in self._sessions if s.id in thread.session_ids]
            if followed and not asks & {"next", "list", "whole", "mine"}:
                return self._about_selection(followed, question, "follow", now, locale)
        if _off_topic(question, asks):
            return self.help(locale)
        if question.scoped:
            return self._mark_theirs(self._about_time(question, now, locale), asker, now, locale)
        if "next" in asks:
            return self._mark_theirs(self._about_next(question, now, locale), asker, now, locale)
        if "whole" in asks:
            return self._listing(self._sessions, "where" in asks, "list", now, locale)
        if asker is not None and asks & {"when", "where", "list"}:
            return self._about_own(question, asker, now, locale)
        if question.details and set(question.details) <= {"when", "where"} and not (
            question.intents & {"topic", "list"}
        ):
            return self._said(t("qa.which_session", locale), "which")
        for general in ("what", "who", "headcount"):
            if general in asks:
                return self._general(general, locale)
        if asks & {"when", "where", "list"} or (asks and question.unexplained < 2):
            return self._listing(self._sessions, "where" in asks, "list", now, locale)
        if "topic" in question.intents and question.unexplained >= 1:
            return Answer(unknown_text(self._series, locale), None, (), "unknown", False)
        return self.help(locale)

    def _about_time(self, question: Question, now: datetime, locale: str) -> Answer:
        if question.day is not None:
            return self._about_day(question, question.day, now, locale)
        if question.period is not None:
            return self._about_period(question, question.period, now, locale)
        assert question.month is not None
        return self._about_month(question, question.month, now, locale)

    def _said(self, text: str, intent: str) -> Answer:
        return Answer(_limit(text), None, (), intent, True)

    def _thread(
        self, sessions: Sequence[SessionInfo], question: Question, details: tuple[str, ...]
    ) -> Thread:
        commune = question.mentions[0].commune if question.mentions else None
        return Thread(
            tuple(s.id for s in sessions[: MAX_SESSIONS_IN_DETAIL * 2]),
            commune.code if commune else None,
            question.month,
            details,
        )

    def _in_scope(
        self, question: Question, asker: Asker | None, thread: Thread | None
    ) -> list[SessionInfo]:
        """The sessions a practical question is about: a commune named, the last answer's,
        the asker's own, else all of them (their notes said once each)."""
        codes = {m.candidates[0].code for m in question.mentions if m.commune is not None}
        if codes:
            return [s for s in self._sessions if s.commune_code in codes]
        if thread is not None and thread.session_ids:
            return [s for s in self._sessions if s.id in thread.session_ids]
        if asker is not None:
            return [s for s in self._sessions if asker.invited(s)]
        return list(self._sessions)

    def _about_own(
        self, question: Question, asker: Asker | None, now: datetime, locale: str
    ) -> Answer:
        """ "xã tôi họp khi nào", "lịch của tôi": the sessions the asker is invited to."""
        if asker is None:
            return Answer(t("qa.register_first", locale), None, (), "mine", True)
        own = [s for s in self._sessions if asker.invited(s)]
        if not own:
            return self._said(t("qa.mine_none", locale), "mine")
        asked = self._when_asked(question, now)
        if asked is not None:
            timely = [s for s in own if asked(s)]
            if not timely:
                lines = [t("qa.mine_none_then", locale)]
                upcoming = next((s for s in own if not s.started_by(now)), None)
                if upcoming is not None:
                    lines += [t("qa.mine_next", locale), self._line(upcoming, True, now, locale)]
                return self._said("\n".join(lines), "mine")
            own = timely
        ahead = [s for s in own if not s.ended_by(now)] or own
        if len(ahead) <= 2:
            text = "\n\n".join(self._detail(s, question.details, now, locale) for s in ahead)
            return Answer(_limit(text), _pin(ahead, question.details), tuple(ahead), "mine", True)
        text = self._list_text(t("qa.mine_title", locale), own, True, now, locale)
        return Answer(text, None, tuple(own), "mine", True)

    def _when_asked(
        self, question: Question, now: datetime
    ) -> Callable[[SessionInfo], bool] | None:
        """Whether a session falls on the day, in the period or the month asked; None when
        the question names no time."""
        starts = {session.id: local for session, local in self._local_starts}
        if question.day is not None:
            day = question.day
            return lambda s: s.id in starts and (starts[s.id].day, starts[s.id].month) == day
        if question.period is not None:
            first, last = _period_range(now.astimezone(self._tz).date(), question.period)
            return lambda s: s.id in starts and first <= starts[s.id].date() < last
        if question.month is not None:
            month = question.month
            return lambda s: s.id in starts and starts[s.id].month == month
        return None

    def _mark_theirs(
        self, answer: Answer, asker: Asker | None, now: datetime, locale: str
    ) -> Answer:
        """A registered delegate told of sessions none of which invites them hears so, and
        their own next session."""
        if asker is None or not answer.sessions or any(map(asker.invited, answer.sessions)):
            return answer
        own = [s for s in self._sessions if asker.invited(s) and not s.ended_by(now)]
        if not own:
            return answer
        note = "\n".join([t("qa.not_yours", locale), self._line(own[0], True, now, locale)])
        return replace(answer, text=_limit(f"{answer.text}\n\n{note}"))

    def _about_province(self, province: str, locale: str) -> Answer:
        text = t("qa.no_province", locale, province=province, own=self._series.province)
        names = self._commune_names(locale)
        if names:
            text += " " + t("qa.communes_with_sessions", locale, communes=names)
        if self._city:
            text += "\n" + "\n".join(self._line(s, False, _NEVER, locale) for s in self._city)
        return self._said(text, "province")

    def communes_named(self, text: str) -> frozenset[int]:
        """The codes of the communes of this plan's province the text may name (every
        candidate of a name it cannot tell apart); codes are the country's."""
        mentions = self._read_question(text[:MAX_INPUT]).mentions
        return frozenset(commune.code for mention in mentions for commune in mention.candidates)

    def has_sessions_in(self, commune_code: int) -> bool:
        return commune_code in self._by_commune

    def schedule_all(self, now: datetime, locale: str = "vi") -> Answer:
        """/lich: every session on one line, held ones marked."""
        if not self._sessions:
            return Answer(t("schedule.empty", locale), None, (), "list", True)
        lines = [self._line(session, False, now, locale) for session in self._sessions]
        text = _fit(t("schedule.all_title", locale), lines, "schedule.more_all", locale, len(lines))
        return Answer(text, None, self._sessions, "list", True)

    def schedule_for_commune(self, commune_code: int, now: datetime, locale: str = "vi") -> Answer:
        """/lichcuatoi: my commune's sessions and the city-level ones all communes attend."""
        commune = self._communes.by_code(commune_code)
        if commune is None:
            return Answer(t("schedule.unknown_commune", locale), None, (), "mine", False)
        own = self._by_commune.get(commune_code, [])
        place = self._place(commune, locale)
        parts = [
            t("schedule.mine_title", locale, commune=place)
            if own
            else t("schedule.mine_none", locale, commune=place)
        ]
        parts += [self._line(session, True, now, locale) for session in own]
        if self._city:
            parts.append(t(self._level_key("schedule.mine_city"), locale))
            parts += [self._line(session, True, now, locale) for session in self._city]
        return Answer(_limit("\n".join(parts)), None, (*own, *self._city), "mine", True)

    def answer_for_commune(
        self, text_intent: str, commune_code: int, now: datetime, locale: str = "vi"
    ) -> Answer:
        """What a choice button does after an ambiguous question: answer for that commune."""
        commune = self._communes.by_code(commune_code)
        if commune is None:
            return Answer(t("schedule.unknown_commune", locale), None, (), text_intent, False)
        details = tuple(detail for detail in DETAILS if detail in text_intent.split("+"))
        return self._about_communes([commune], details, now, locale)

    def looks_like_question(self, text: str) -> bool:
        """True for text that is clearly a schedule question (asked mid-registration)."""
        return _looks_like_question(text[:MAX_INPUT])

    def help(self, locale: str = "vi") -> Answer:
        """Everything else: one sentence on what can be asked, with an example."""
        first = next((s for s in self._sessions if s.level == "commune"), None)
        commune = self._communes.by_code(first.commune_code or 0) if first else None
        example = (
            t("schedule.example.commune", locale, commune=self._place(commune, locale))
            if commune
            else t("qa.example", locale)
        )
        return Answer(t("qa.off_topic", locale, example=example), None, (), "help", False)

    # Communes -----------------------------------------------------------------------------

    def _about_mentions(
        self, question: Question, now: datetime, locale: str, asker: Asker | None = None
    ) -> Answer:
        for mention in question.mentions:
            if mention.commune is None:
                return self._which(mention.candidates, question.details, locale)
        communes = list(dict.fromkeys(m.candidates[0] for m in question.mentions))
        return self._about_communes(communes, question.details, now, locale, asker)

    def _which(
        self, candidates: Sequence[Commune], details: tuple[str, ...], locale: str
    ) -> Answer:
        ordered = sorted(candidates, key=lambda commune: commune.code not in self._by_commune)
        shorts = [commune.short for commune in ordered]
        labels = shorts if len(set(shorts)) == len(shorts) else [c.name for c in ordered]
        options = _or_list(labels, locale)
        choices = tuple(zip(labels, (commune.code for commune in ordered), strict=True))
        text = t("schedule.which", locale, options=options)
        return Answer(text, None, (), _intent(details), True, choices)

    def _about_communes(
        self,
        communes: Sequence[Commune],
        details: tuple[str, ...],
        now: datetime,
        locale: str,
        asker: Asker | None = None,
    ) -> Answer:
        blocks: list[str] = []
        sessions: list[SessionInfo] = []
        for commune in communes[:MAX_SESSIONS_IN_DETAIL]:
            own = self._by_commune.get(commune.code, [])
            if not own:
                blocks.append(self._no_session(commune, asker, now, locale))
            for session in own[:MAX_SESSIONS_IN_DETAIL]:
                blocks.append(self._detail(session, details, now, locale))
                sessions.append(session)
        venue = _pin(sessions, details)
        return Answer(_limit("\n\n".join(blocks)), venue, tuple(sessions), _intent(details), True)

    def _no_session(self, commune: Commune, asker: Asker | None, now: datetime, locale: str) -> str:
        """No session in that commune: said by name, then what the person can go to: the
        upper-level sessions the asker (from there) is invited to, in full; else the communes
        that have a session and which upper-level sessions invite communes' delegates (without
        a date: a commune is only ever given its own dates)."""
        place = self._place(commune, locale)
        if asker is not None and asker.commune_code == commune.code:
            invited = [s for s in self._city if asker.invited(s)]
            if invited:
                lines = [self._detail(s, (), now, locale) for s in invited]
                return "\n".join([t("qa.own_commune_invited", locale, commune=place), *lines])
        names = self._commune_names(locale)
        text = (
            t("schedule.no_session", locale, commune=place, communes=names)
            if names
            else t("schedule.no_session_none", locale, commune=place)
        )
        for session in self._city:
            labels = [
                c.label
                for c in self._series.categories
                if c.code in session.invite_categories and c.group == "commune"
            ]
            if labels:
                head = t(
                    "qa.communes_invited",
                    locale,
                    level=self.label(session, locale),
                    categories="; ".join(labels),
                )
                text += "\n" + head
        return text

    def _commune_names(self, locale: str) -> str:
        """The communes that have a session, for "no session there" answers ("" if none)."""
        names = [
            found.short
            for code in self._by_commune
            if (found := self._communes.by_code(code)) is not None
        ]
        shown = ", ".join(names[:MAX_COMMUNE_NAMES])
        if len(names) > MAX_COMMUNE_NAMES:
            shown = t(
                "schedule.and_more", locale, names=shown, count=len(names) - MAX_COMMUNE_NAMES
            )
        return shown

    # Selections of sessions ---------------------------------------------------------------

    def _about_selection(
        self,
        sessions: Sequence[SessionInfo],
        question: Question,
        intent: str,
        now: datetime,
        locale: str,
    ) -> Answer:
        """One or a few sessions in detail, more as a list."""
        if len(sessions) > 2:
            return self._listing(sessions, "where" in question.intents, intent, now, locale)
        text = "\n\n".join(self._detail(s, question.details, now, locale) for s in sessions)
        return Answer(_limit(text), _pin(sessions, question.details), tuple(sessions), intent, True)

    def _about_next(self, question: Question, now: datetime, locale: str) -> Answer:
        upcoming = next((s for s in self._sessions if not s.started_by(now)), None)
        if upcoming is None:
            return Answer(t("schedule.no_next", locale), None, (), "next", True)
        detail = self._detail(upcoming, question.details, now, locale)
        text = f"{t('schedule.next', locale)}\n{detail}"
        return Answer(_limit(text), _pin([upcoming], question.details), (upcoming,), "next", True)

    def _about_month(self, question: Question, month: int, now: datetime, locale: str) -> Answer:
        found = [s for s, local in self._local_starts if local.month == month]
        expected = [s for s in self._undated if f"thang {month}" in fold(s.date_note)]
        if not found and expected:
            head = t("qa.month_undated", locale, month=month)
            lines = [self._line(s, "where" in question.intents, now, locale) for s in expected]
            return Answer(_limit("\n".join([head, *lines])), None, tuple(expected), "month", True)
        if not found:
            months = sorted({local.month for _, local in self._local_starts})
            shown = ", ".join(map(str, months)) or "—"
            text = t("schedule.month_none", locale, month=month, months=shown)
            return Answer(self._with_undated(text, now, locale), None, (), "month", True)
        head = t("schedule.month", locale, month=month, count=len(found))
        return self._headed(head, found, question, "month", now, locale)

    def _about_day(
        self, question: Question, day: tuple[int, int], now: datetime, locale: str
    ) -> Answer:
        found = [s for s, local in self._local_starts if (local.day, local.month) == day]
        label = f"{day[0]:02d}/{day[1]:02d}"
        if not found:
            text = self._with_undated(t("schedule.day_none", locale, date=label), now, locale)
            return Answer(text, None, (), "day", True)
        return self._headed(
            t("schedule.day", locale, date=label), found, question, "day", now, locale
        )

    def _about_period(self, question: Question, period: str, now: datetime, locale: str) -> Answer:
        first, last = _period_range(now.astimezone(self._tz).date(), period)
        found = [s for s, local in self._local_starts if first <= local.date() < last]
        name = t(f"schedule.period.{period}", locale)
        if found:
            head = t("schedule.period", locale, period=name)
            return self._headed(head, found, question, "period", now, locale)
        text = t("schedule.period_none", locale, period=name)
        upcoming = next((s for s, _ in self._local_starts if not s.started_by(now)), None)
        if upcoming is not None:
            text += (
                "\n" + t("schedule.next", locale) + "\n" + self._line(upcoming, False, now, locale)
            )
        return Answer(self._with_undated(text, now, locale), None, (), "period", True)

    def _headed(
        self,
        head: str,
        found: Sequence[SessionInfo],
        question: Question,
        intent: str,
        now: datetime,
        locale: str,
    ) -> Answer:
        if len(found) == 1:
            detail = self._detail(found[0], question.details, now, locale)
            venue = _pin(found, question.details)
            return Answer(_limit(f"{head}\n{detail}"), venue, tuple(found), intent, True)
        text = self._list_text(head, found, "where" in question.intents, now, locale)
        return Answer(text, None, tuple(found), intent, True)

    def _listing(
        self,
        sessions: Sequence[SessionInfo],
        with_venue: bool,
        intent: str,
        now: datetime,
        locale: str,
    ) -> Answer:
        if not sessions:
            return Answer(t("schedule.empty", locale), None, (), intent, True)
        text = self._list_text(t("schedule.all_title", locale), sessions, with_venue, now, locale)
        return Answer(text, None, tuple(sessions), intent, True)

    def _list_text(
        self,
        head: str,
        sessions: Sequence[SessionInfo],
        with_venue: bool,
        now: datetime,
        locale: str,
    ) -> str:
        """At most MAX_LIST_LINES sessions, one a line (only those are formatted), then how
        many more there are and /lich."""
        lines = [self._line(s, with_venue, now, locale) for s in sessions[:MAX_LIST_LINES]]
        return _fit(head, lines, "schedule.more", locale, MAX_LIST_LINES, len(sessions))

    # The series as a whole ----------------------------------------------------------------

    def _general(self, intent: str, locale: str) -> Answer:
        if intent == "what":
            topics = _unique(topic for s in self._sessions for topic in s.topics)
            text = (
                _items(t("schedule.what", locale), topics)
                if topics
                else t("schedule.what_none", locale)
            )
        elif intent == "who":
            speakers = _unique(_speaker(sp) for s in self._sessions for sp in s.speakers)
            text = (
                _items(t("schedule.who", locale), speakers)
                if speakers
                else t("schedule.who_none", locale)
            )
        else:
            lines = [t("schedule.headcount_title", locale)]
            for level in ("commune", "city"):
                ranges = [s for s in self._sessions if s.level == level]
                if ranges:
                    low = min(s.expected_min for s in ranges)
                    high = max(s.expected_max for s in ranges)
                    label = t(self._level_key(f"schedule.level.{level}"), locale)
                    lines.append(
                        t("schedule.headcount_level", locale, label=label, count=_range(low, high))
                    )
            text = "\n".join(lines)
        return Answer(_limit(text), None, (), intent, True)

    # Formatting ---------------------------------------------------------------------------

    def _detail(
        self, session: SessionInfo, details: tuple[str, ...], now: datetime, locale: str
    ) -> str:
        """A header with the time, then the details asked; a venue when none was asked."""
        lines = [
            t(
                "schedule.when",
                locale,
                label=self.label(session, locale),
                when=self._session_when(session, locale),
                state=self._state(session, now, locale),
            )
        ]
        if "where" in details or not details:
            lines.append(t("schedule.where", locale, venue=venue_text(session.venue)))
        if "what" in details:
            topics = list(session.topics)
            lines.append(
                _items(t("schedule.what", locale), topics)
                if topics
                else t("schedule.what_none", locale)
            )
        if "who" in details:
            speakers = [_speaker(speaker) for speaker in session.speakers]
            lines.append(
                _items(t("schedule.who", locale), speakers)
                if speakers
                else t("schedule.who_none", locale)
            )
        if "headcount" in details:
            count = _range(session.expected_min, session.expected_max)
            lines.append(t("schedule.headcount", locale, count=count))
        return "\n".join(lines)

    def _line(self, session: SessionInfo, with_venue: bool, now: datetime, locale: str) -> str:
        """One session on one line; written once for each state it is in (held, ongoing…)."""
        state = self._state(session, now, locale)
        key = (session.id, with_venue, locale, state)
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = t(
                "schedule.line_venue" if with_venue else "schedule.line",
                locale,
                label=self._short_label(session, locale),
                when=self._session_when(session, locale),
                state=state,
                venue=venue_text(session.venue),
            )
        return line

    def _read_question(self, text: str) -> Question:
        question = self._questions.get(text)
        if question is None:
            if len(self._questions) >= QUESTIONS_KEPT:  # the oldest reading goes
                del self._questions[next(iter(self._questions))]
            question = self._questions[text] = parse(text, self._communes)
        return question

    def _session_when(self, session: SessionInfo, locale: str) -> str:
        key = (session.id, locale)
        when = self._when.get(key)
        if when is None:
            when = self._when[key] = format_session_when(session, self._tz, locale)
        return when

    def label(self, session: SessionInfo, locale: str) -> str:
        if session.level == "city":
            return t(self._level_key("schedule.city"), locale)
        commune = self._communes.by_code(session.commune_code or 0)
        place = self._place(commune, locale) if commune else session.commune_name or session.title
        return t("schedule.at_commune", locale, commune=place)

    def _short_label(self, session: SessionInfo, locale: str) -> str:
        if session.level == "city":
            return t(self._level_key("schedule.city"), locale)
        commune = self._communes.by_code(session.commune_code or 0)
        return commune.name if commune else session.commune_name or session.title

    @staticmethod
    def _place(commune: Commune, locale: str) -> str:
        """ "xã Lộc Tấn" inside a Vietnamese sentence; the official name otherwise."""
        return f"{commune.kind} {commune.short}" if locale == "vi" else commune.name

    def _state(self, session: SessionInfo, now: datetime, locale: str) -> str:
        if session.ended_by(now):
            return t("schedule.held", locale)
        if session.started_by(now):
            return t("schedule.ongoing", locale)
        return t("schedule.tentative", locale) if session.tentative and session.slot else ""

    def _level_key(self, key: str) -> str:
        return level_key(key, self._series.upper_level)

    def _with_undated(self, text: str, now: datetime, locale: str) -> str:
        """A "none on that date" answer, and the sessions that may yet fall on it: the ones
        whose date is still to be announced."""
        if not self._undated:
            return text
        lines = [self._line(session, False, now, locale) for session in self._undated]
        return _limit("\n".join([text, t("undated.also", locale), *lines]))


def _off_topic(question: Question, asks: frozenset[str]) -> bool:
    """Several words no table knows, and nothing that names the sessions: "giá vàng hôm nay
    bao nhiêu" is not about a session although "hôm nay" and "bao nhiêu" are question words."""
    return (
        question.unexplained >= 2
        and "topic" not in question.intents
        and not asks & {"when", "where", "next", "list", "whole", "mine", "city"}
    )


def _intent(details: tuple[str, ...]) -> str:
    return "+".join(details) or "summary"


def _pin(sessions: Sequence[SessionInfo], details: tuple[str, ...]) -> Venue | None:
    """The venue to send as a map pin: one session, its venue shown, coordinates known."""
    if len(sessions) != 1 or (details and "where" not in details):
        return None
    venue = sessions[0].venue
    return venue if venue.has_coordinates else None


def venue_text(venue: Venue) -> str:
    if venue.address and venue.address != venue.name:
        return f"{venue.name}, {venue.address}"
    return venue.name


def _speaker(speaker: Speaker) -> str:
    text = speaker.name
    if speaker.unit and speaker.unit not in speaker.name:
        text = f"{text} — {speaker.unit}"
    return f"{text}: {speaker.topic}" if speaker.topic else text


def _range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _items(head: str, items: Sequence[str]) -> str:
    shown = [f"• {item}" for item in items[:MAX_ITEMS]]
    if len(items) > MAX_ITEMS:
        shown.append("…")
    return "\n".join([head, *shown])


def _or_list(labels: Sequence[str], locale: str) -> str:
    if len(labels) == 1:
        return labels[0]
    return f"{', '.join(labels[:-1])}{t('schedule.or', locale)}{labels[-1]}"


def _fit(
    head: str,
    lines: Sequence[str],
    more_key: str,
    locale: str,
    max_lines: int,
    total: int | None = None,
) -> str:
    """The head and as many lines as fit one message, then how many of `total` (by default
    the lines given) were left out."""
    total = len(lines) if total is None else total
    kept: list[str] = []
    size = len(head)
    reserve = 120
    for line in lines[:max_lines]:
        if size + 1 + len(line) > MAX_TEXT - reserve:
            break
        kept.append(line)
        size += 1 + len(line)
    parts = [head, *kept]
    if len(kept) < total:
        parts.append(t(more_key, locale, count=total - len(kept)))
    return "\n".join(parts)


def _limit(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _period_range(today: date, period: str) -> tuple[date, date]:
    """[first, last) local dates of a named period around `today`."""
    if period == "today":
        return today, today + timedelta(days=1)
    if period == "tomorrow":
        return today + timedelta(days=1), today + timedelta(days=2)
    if period in ("this_week", "next_week"):
        monday = today - timedelta(days=today.weekday())
        if period == "next_week":
            monday += timedelta(days=7)
        return monday, monday + timedelta(days=7)
    first = today.replace(day=1)
    if period == "next_month":
        first = _next_month(first)
    return first, _next_month(first)


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)
