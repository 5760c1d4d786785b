"""Agenda reminders to speakers at the plan's speaker offsets (default 14, 3 and 1 days before
a session), each with an "Đã nhận" button; a reminder nobody acknowledged within the plan's
`speaker_ack_hours` is reported to the organisers, once.

Like the delegates' reminders, this only turns "now" into outbox rows with unique keys; when
several offsets fell due while the bot was down, only the latest is sent."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.catalog import t
from bot.domain import ORGANISER_ROLES, SessionInfo, Speaker
from bot.domain.messages import Button, Reply, reply_to_json
from bot.services.dates import format_datetime
from bot.services.plan_state import LoadedPlan, PlanCache
from bot.services.reminders import UNITS, dated_sessions, parse_offset
from bot.services.speakers import (
    SPEAKER_SCOPE,
    Slot,
    notice,
    slot_text,
    speaker_ids,
)
from storage.outbox import OutboxItem, OutboxRepository
from storage.roles import RoleRepository
from storage.speaker_reminders import SpeakerReminder, SpeakerReminderRepository

log = logging.getLogger(__name__)
ACK_PREFIX = "sp:ok:"


def ack_data(session: SessionInfo, speaker: Speaker) -> str:
    return f"{ACK_PREFIX}{session.num}:{speaker.id}"


def _offsets(plan: LoadedPlan) -> list[tuple[str, timedelta]]:
    named = ((name, parse_offset(name)) for name in plan.series.speaking.offsets)
    return sorted(named, key=lambda o: -o[1])


def agenda_reminder(
    plan: LoadedPlan,
    slot: Slot,
    offset: str,
    locale: str = "vi",
    notice_key: str = "speakers.reminder",
) -> Reply:
    """The agenda with "Đã nhận"; `offset` ("3d") says how long is left, "" says nothing."""
    left = t(f"reminder.left.{UNITS[offset[-1]]}", locale, count=int(offset[:-1])) if offset else ""
    text = t(notice_key, locale, left=left, slot=slot_text(plan, slot, locale))
    button = Button(t("speakers.ack_button", locale), ack_data(slot.session, slot.speaker))
    return Reply(text, buttons=((button,),))


class SpeakerPlanner:
    def __init__(
        self,
        plans: PlanCache,
        roles: RoleRepository,
        reminders: SpeakerReminderRepository,
        outbox: OutboxRepository,
    ) -> None:
        self.plans, self.roles, self.reminders, self.outbox = plans, roles, reminders, outbox

    async def enqueue_due(self, now: datetime) -> int:
        """Agenda reminders due by `now`, and silences to report, in every active series."""
        return sum([await self._enqueue_series(plan, now) for plan in await self.plans.all()])

    async def _enqueue_series(self, plan: LoadedPlan, now: datetime) -> int:
        queued = 0
        offsets = _offsets(plan)
        for session, start in dated_sessions(plan.series.sessions):
            if start <= now:
                continue
            due = [name for name, delta in offsets if start - delta <= now]
            for speaker in session.speakers if due else ():
                queued += await self._remind(plan, Slot(session, speaker), due[-1], now)
        return queued + await self._escalate(plan, now)

    async def _remind(
        self, plan: LoadedPlan, slot: Slot, offset: str, now: datetime, dated: bool = False
    ) -> int:
        """The agenda reminder of one offset to a speaker, once (with `dated`: as the notice
        that the session's date was set or moved, keyed by that date)."""
        holders = await self.roles.holders(
            ("speaker",), plan.series, f"{SPEAKER_SCOPE}{slot.speaker.id}"
        )
        if not holders:
            return 0
        session = slot.session
        assert session.starts_at is not None
        stamp = int(session.starts_at.timestamp())
        if dated:
            if offset:  # the notice stands for the reminder due now
                await self.reminders.record(session.id, slot.speaker.id, offset, now)
            reply = agenda_reminder(plan, slot, offset, notice_key="speakers.date_notice")
            key = f"agenda-dated:{session.id}:{stamp}"
        elif await self.reminders.record(session.id, slot.speaker.id, offset, now):
            reply, key = (
                agenda_reminder(plan, slot, offset),
                f"agenda:{session.id}:{stamp}:{offset}",
            )
        else:
            return 0
        payload = reply_to_json(reply)
        items = [notice(h, key, "speaker_reminder", payload) for h in holders]
        return await self.outbox.enqueue(items, now)

    async def announce_dates(
        self, changes: Sequence[tuple[str, datetime | None]], now: datetime
    ) -> int:
        """Tell the speakers of each session whose date was set or moved, once per new date;
        the notice stands for the agenda reminder already due for that date, if any."""
        told = 0
        for session_id, _ in changes:
            found = await self.plans.find_session(session_id)
            if found is None:
                continue
            plan, session = found
            if session.starts_at is None or session.starts_at <= now:
                continue
            due = [name for name, delta in _offsets(plan) if session.starts_at - delta <= now]
            for speaker in session.speakers:
                offset = due[-1] if due else ""
                told += await self._remind(plan, Slot(session, speaker), offset, now, dated=True)
        return told

    async def _escalate(self, plan: LoadedPlan, now: datetime) -> int:
        """Tell the organisers of each reminder left unacknowledged past the allowed time."""
        waited = timedelta(hours=plan.series.speaking.ack_hours)
        silent = await self.reminders.unacknowledged(now - waited)
        if not silent:
            return 0
        organisers = await self.roles.holders(ORGANISER_ROLES, plan.series)
        sessions = {session.id: session for session in plan.series.sessions}
        items: list[OutboxItem] = []
        for reminder in silent:
            if not await self.reminders.mark_escalated(reminder, now):
                continue
            session = sessions.get(reminder.session_id)
            if session is None:
                continue  # cancelled since: nothing to chase
            payload = reply_to_json(Reply(self._escalation_text(plan, session, reminder)))
            key = f"agenda-silent:{reminder.session_id}:{reminder.speaker_id}:{reminder.offset}"
            items.extend(notice(h, key, "speaker_escalation", payload) for h in organisers)
            log.info(
                "speaker %s has not acknowledged the %s reminder of %s",
                reminder.speaker_id,
                reminder.offset,
                reminder.session_id,
            )
        return await self.outbox.enqueue(items, now)

    @staticmethod
    def _escalation_text(plan: LoadedPlan, session: SessionInfo, reminder: SpeakerReminder) -> str:
        speaker = next((s for s in session.speakers if s.id == reminder.speaker_id), None)
        return t(
            "speakers.escalation",
            "vi",
            speaker=speaker.name if speaker else reminder.speaker_id,
            label=plan.answerer.label(session, "vi"),
            sent=format_datetime(reminder.reminded_at, plan.zone, "vi"),
            hours=plan.series.speaking.ack_hours,
        )

    async def next_due(self, now: datetime) -> datetime | None:
        """The next agenda reminder to a speaker who joined, or the next moment a silence is to
        be reported, in any active series."""
        plans = await self.plans.all()
        joined = {
            plan.series.id: set(
                speaker_ids([h.scope for h in await self.roles.holders(("speaker",), plan.series)])
            )
            for plan in plans
        }
        moments = [
            start - delta
            for plan in plans
            for session, start in dated_sessions(plan.series.sessions)
            if joined[plan.series.id].intersection(s.id for s in session.speakers)
            for _, delta in _offsets(plan)
            if start - delta > now
        ]
        oldest = await self.reminders.oldest_open()
        if oldest is not None and plans:
            ack_hours = min(plan.series.speaking.ack_hours for plan in plans)
            moments.append(max(now, oldest + timedelta(hours=ack_hours)))
        return min(moments, default=None)
