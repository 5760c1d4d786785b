"""Speakers (báo cáo viên) as the plan names them: one id per person across sessions, their
slots, and the agenda text they are sent."""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalog import t
from bot.domain import SessionInfo, Speaker
from bot.services.dates import format_date, format_session_when
from bot.services.plan_state import LoadedPlan
from bot.services.qa import venue_text
from storage.outbox import OutboxItem
from storage.roles import RoleHolder

SPEAKER_SCOPE = "speaker:"


@dataclass(frozen=True)
class Slot:
    session: SessionInfo
    speaker: Speaker


def speakers_of(plan: LoadedPlan) -> dict[str, Speaker]:
    """Every speaker of the plan by id, in the order they first appear."""
    found: dict[str, Speaker] = {}
    for session in plan.series.sessions:
        for speaker in session.speakers:
            found.setdefault(speaker.id, speaker)
    return found


def slots_of(plan: LoadedPlan, speaker_id: str) -> list[Slot]:
    return [
        Slot(session, speaker)
        for session in plan.series.sessions
        for speaker in session.speakers
        if speaker.id == speaker_id
    ]


def speaker_ids(scopes: list[str]) -> list[str]:
    """The speaker ids in the scopes of someone's 'speaker' role grants."""
    return [s.removeprefix(SPEAKER_SCOPE) for s in scopes if s.startswith(SPEAKER_SCOPE)]


def slot_text(plan: LoadedPlan, slot: Slot, locale: str) -> str:
    """One slot: the session, when the talk is, how long, the topic, the other speakers."""
    session, speaker = slot.session, slot.speaker
    if speaker.start and session.starts_at is not None:
        day = format_date(session.starts_at, plan.zone, locale)
        when = t("speakers.slot_time", locale, date=day, time=speaker.start)
    else:
        when = format_session_when(session, plan.zone, locale)
    others = [s.name for s in session.speakers if s.id != speaker.id]
    return t(
        "speakers.slot",
        locale,
        label=plan.answerer.label(session, locale),
        when=when,
        minutes=t("speakers.minutes", locale, count=speaker.minutes)
        if speaker.minutes
        else t("speakers.minutes_unknown", locale),
        topic=speaker.topic or t("speakers.topic_open", locale),
        venue=venue_text(session.venue),
        others=", ".join(others) or t("speakers.no_others", locale),
    )


def notice(holder: RoleHolder, key: str, kind: str, payload: str) -> OutboxItem:
    """An outbox row for someone who holds a role: keyed per account, so it exists once."""
    return OutboxItem(
        f"{key}:{holder.account_id}",
        kind,
        holder.account_id,
        holder.channel,
        holder.chat_id,
        payload,
    )
