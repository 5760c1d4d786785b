"""Which reminders are due, from the plan, the offsets and the invited delegates.

Nothing here sleeps: the scheduler wakes the process and this module turns "now" into outbox
rows with a unique key (session, start, offset, recipient), so a restart recomputes the same
rows and nothing is sent twice. When several offsets of a session fell due while the bot was
down, only the latest is sent; the older ones are stored as skipped and logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Hashable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.catalog import t
from bot.config import TELEGRAM_RATE
from bot.domain import SessionInfo
from bot.domain.messages import Reply, reply_to_json
from bot.services.attendance import answer_buttons
from bot.services.dates import format_datetime, format_session_when
from bot.services.plan_state import LoadedPlan, PlanCache
from bot.services.qa import venue_text
from bot.services.waves import Wave, wave_starts
from storage.attendance import AttendanceRepository, Recipient
from storage.outbox import OutboxItem, OutboxRepository
from storage.plans import LoadReport

log = logging.getLogger(__name__)
MISSED_WINDOW = timedelta(days=1)  # how long after a start its unsent reminders are looked at
OFFSET = re.compile(r"^(\d{1,3})([dhm])$")
UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def parse_offset(text: str) -> timedelta:
    match = OFFSET.match(text)
    if match is None:
        raise ValueError(f"not a reminder offset: {text!r} (expected e.g. 7d, 1d, 2h, 30m)")
    return timedelta(**{UNITS[match.group(2)]: int(match.group(1))})


def offsets_of(plan: LoadedPlan, default: Sequence[str]) -> list[tuple[str, timedelta]]:
    """The plan's offsets (else the configured ones), farthest from the session first."""
    names = plan.series.reminder_offsets or tuple(default)
    return sorted(((name, parse_offset(name)) for name in names), key=lambda o: -o[1])


def _stamp(moment: datetime) -> int:
    return int(moment.timestamp())


class ReminderPlanner:
    def __init__(
        self,
        plans: PlanCache,
        attendance: AttendanceRepository,
        outbox: OutboxRepository,
        default_offsets: Sequence[str] = ("7d", "1d", "2h"),
        rate: float = TELEGRAM_RATE,
    ) -> None:
        """`rate`: the bot token's pace, messages a second, that a wave is planned for."""
        self.plans, self.attendance, self.outbox = plans, attendance, outbox
        self.default_offsets, self.rate = tuple(default_offsets), rate
        self._planned: tuple[datetime, dict[Hashable, datetime]] | None = None

    async def enqueue_due(self, now: datetime) -> int:
        """Queue every reminder due by `now` for sessions that have not started, in every
        active series; returns how many messages were queued now (0 when everything due was
        queued before)."""
        self._planned = None  # counted afresh at each wake, kept for its `next_due`
        starts = await self.wave_starts(now)
        plans = await self.plans.all()
        return sum([await self._enqueue_series(plan, now, starts) for plan in plans])

    async def wave_starts(self, now: datetime) -> dict[Hashable, datetime]:
        """When each wave whose offset is still ahead starts ((series, session, offset):
        moment), planned from its audience and the pace (bot/services/waves.py); the
        audiences are counted once for a given `now` (a wake's enqueue_due and next_due)."""
        if self._planned is not None and self._planned[0] == now:
            return self._planned[1]
        waves = []
        for plan in await self.plans.all():
            offsets = offsets_of(plan, self.default_offsets)
            for session, start in dated_sessions(plan.series.sessions):
                ahead = [(name, start - delta) for name, delta in offsets if start - delta > now]
                if not ahead:
                    continue
                each = 2 if session.venue.has_coordinates else 1  # the reminder, its pin
                messages = each * await self.attendance.reminded_at_most(session)
                waves += [
                    Wave((plan.series.id, session.id, name), deadline, messages)
                    for name, deadline in ahead
                ]
        starts = wave_starts(waves, self.rate)
        self._planned = (now, starts)
        return starts

    async def _enqueue_series(
        self, plan: LoadedPlan, now: datetime, starts: dict[Hashable, datetime]
    ) -> int:
        offsets = offsets_of(plan, self.default_offsets)
        queued = 0
        remaining: dict[int, int] | None = None
        for session, start in dated_sessions(plan.series.sessions):
            if now - MISSED_WINDOW < start <= now:
                await self._skip_missed(session, start, offsets)
            if start <= now:
                continue
            due = [
                (name, delta)
                for name, delta in offsets
                if starts.get((plan.series.id, session.id, name), start - delta) <= now
            ]
            if due:
                remaining = remaining or await self._remaining(plan, now)
                queued += await self._queue_session(plan, session, due, now, remaining)
        return queued

    async def _remaining(self, plan: LoadedPlan, now: datetime) -> dict[int, int]:
        """How many sessions ahead each delegate is invited to: "all remaining" is offered
        only to who has two or more."""
        counts: dict[int, int] = {}
        for session, start in dated_sessions(plan.series.sessions):
            if start > now:
                for recipient in await self.attendance.recipients(session):
                    counts[recipient.delegate_id] = counts.get(recipient.delegate_id, 0) + 1
        return counts

    async def _skip_missed(
        self, session: SessionInfo, start: datetime, offsets: list[tuple[str, timedelta]]
    ) -> None:
        """Reminders of a session that began while the bot was down are no use any more: stored
        as skipped, with a log line the first time."""
        items = [
            self._item(recipient, session, name, "{}", status="skipped")
            for recipient in await self.attendance.recipients(session)
            for name, _ in offsets
        ]
        _, new = await self.outbox.enqueue_counting(items, start)
        if new:
            log.warning(
                "session %s began at %s before %d reminders could be sent; skipped",
                session.id,
                start.isoformat(),
                new,
            )

    async def _queue_session(
        self,
        plan: LoadedPlan,
        session: SessionInfo,
        due: list[tuple[str, timedelta]],
        now: datetime,
        remaining: dict[int, int],
    ) -> int:
        latest, superseded = due[-1], due[:-1]
        recipients = await self.attendance.recipients(session)
        items: list[OutboxItem] = []
        texts: dict[tuple[str | None, bool], str] = {}
        for recipient in recipients:
            if recipient.answer == "absent":
                continue  # who said they will not come is not chased
            for name, _ in superseded:
                items.append(self._item(recipient, session, name, "{}", status="skipped"))
            kind = (recipient.answer, remaining.get(recipient.delegate_id, 0) > 1)
            if kind not in texts:
                reply = self.reminder(plan, session, now, *kind)
                texts[kind] = reply_to_json(reply)
            items.append(self._item(recipient, session, latest[0], texts[kind]))
            pin = self.pin(session)
            if pin is not None:
                items.append(self._item(recipient, session, latest[0] + ":pin", pin))
        queued = await self.outbox.enqueue(items, now)
        if queued and superseded:
            log.info(
                "session %s: reminders %s fell due while the bot was down; sent only %s",
                session.id,
                [name for name, _ in superseded],
                latest[0],
            )
        return queued

    @staticmethod
    def _item(
        recipient: Recipient,
        session: SessionInfo,
        offset: str,
        payload: str,
        status: str = "pending",
    ) -> OutboxItem:
        assert session.starts_at is not None, "an undated session has no reminders"
        key = f"reminder:{session.id}:{_stamp(session.starts_at)}:{offset}:{recipient.delegate_id}"
        return OutboxItem(
            key,
            "reminder",
            recipient.account_id,
            recipient.channel,
            recipient.chat_id,
            payload,
            status,
        )

    @staticmethod
    def pin(session: SessionInfo) -> str | None:
        venue = session.venue
        return reply_to_json(Reply(venue.name, venue=venue)) if venue.has_coordinates else None

    @staticmethod
    def reminder(
        plan: LoadedPlan,
        session: SessionInfo,
        now: datetime,
        answer: str | None,
        with_all: bool = True,
    ) -> Reply:
        """The reminder as read at `now`: the true time left beside the full date, the
        session's own title, the answer buttons ("all remaining" only when asked for)."""
        locale = "vi"
        ask = (
            t("reminder.answered", locale, answer=t(f"attendance.answer.{answer}", locale))
            if answer
            else t("reminder.please_answer", locale)
        )
        assert session.starts_at is not None, "an undated session has no reminders"
        return Reply(
            t(
                "reminder.text",
                locale,
                label=session_title(plan, session, locale),
                left=time_left(session.starts_at, now, plan.zone, locale),
                when=format_session_when(session, plan.zone, locale),
                venue=venue_text(session.venue),
                ask=ask,
            ),
            buttons=answer_buttons(session, locale, with_all=with_all),
        )

    async def next_due(self, now: datetime) -> datetime | None:
        """The next moment a reminder wave starts, in any active series, for the scheduler to
        wake at."""
        return min((m for m in (await self.wave_starts(now)).values() if m > now), default=None)

    async def announce_moves(self, report: LoadReport, now: datetime) -> int:
        """Tell the invitees of each session a plan load moved or gave its date at last."""
        return await self.announce_dates(report.date_changes, now)

    async def announce_dates(
        self, changes: Sequence[tuple[str, datetime | None]], now: datetime
    ) -> int:
        """Tell the invitees of each session whose date moved (the old start given) or was set
        (None), once per new date: the outbox key holds it. Reminders already due for the new
        date are covered by this notice and stored as skipped."""
        items: list[OutboxItem] = []
        for session_id, old_start in changes:
            found = await self.plans.find_session(session_id)
            if found is None:
                continue
            plan, session = found
            offsets = offsets_of(plan, self.default_offsets)
            if session.starts_at is None or session.starts_at <= now:
                continue
            kind = "moved" if old_start is not None else "dated"
            reply = reply_to_json(self._date_notice(plan, session, old_start))
            covered = [name for name, delta in offsets if session.starts_at - delta <= now]
            for recipient in await self.date_notice_recipients(session):
                key = f"{kind}:{session.id}:{_stamp(session.starts_at)}:{recipient.delegate_id}"
                items.append(
                    OutboxItem(
                        key,
                        "schedule_change",
                        recipient.account_id,
                        recipient.channel,
                        recipient.chat_id,
                        reply,
                    )
                )
                items.extend(
                    self._item(recipient, session, key, "{}", status="skipped")
                    for name in covered
                    for key in (name, f"{name}:pin")
                )
        return await self.outbox.enqueue(items, now)

    async def date_notice_recipients(self, session: SessionInfo) -> list[Recipient]:
        """Who hears that a session's date moved or was set: its invited delegates.
        Seam for speakers: once speakers have ids, the accounts holding role 'speaker' with
        scope 'speaker:<id>' of this session's speakers join here (their outbox key then needs
        an account-based suffix instead of the delegate id, and no reminder to skip)."""
        return await self.attendance.recipients(session)

    @staticmethod
    def _date_notice(plan: LoadedPlan, session: SessionInfo, old_start: datetime | None) -> Reply:
        locale = "vi"  # what delegates read, as for the reminders
        label = session_title(plan, session, locale)
        when = format_session_when(session, plan.zone, locale)
        venue = venue_text(session.venue)
        if old_start is None:
            text = t("undated.dated_notice", locale, label=label, when=when, venue=venue)
        else:
            old = format_datetime(old_start, plan.zone, locale)
            text = t("reminder.moved", locale, label=label, old=old, new=when, venue=venue)
        return Reply(text, buttons=answer_buttons(session, locale))


def dated_sessions(sessions: Sequence[SessionInfo]) -> list[tuple[SessionInfo, datetime]]:
    """The sessions that have a date, with their start: only these have reminders."""
    return [(session, session.starts_at) for session in sessions if session.starts_at]


def session_title(plan: LoadedPlan, session: SessionInfo, locale: str) -> str:
    """A province or city session by its own title, a commune's by its commune; with the series
    beside it when other series are active too."""
    if session.level != "commune" and session.title:
        return plan.titled(session.title, locale)
    return plan.session_label(session, locale)


def time_left(start: datetime, now: datetime, zone: ZoneInfo, locale: str) -> str:
    """ "còn 5 ngày", "ngày mai", "2 giờ nữa", "30 phút nữa": counted in calendar days of the
    plan's zone, in hours (rounded) on the day itself."""
    days = (start.astimezone(zone).date() - now.astimezone(zone).date()).days
    if days >= 2:
        return t("reminder.left.days", locale, count=days)
    if days == 1:
        return t("reminder.left.tomorrow", locale)
    minutes = max(1, round((start - now).total_seconds() / 60))
    if minutes >= 60:
        return t("reminder.left.hours", locale, count=int(minutes / 60 + 0.5))
    return t("reminder.left.minutes", locale, count=minutes)
