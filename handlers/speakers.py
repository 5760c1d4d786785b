"""Speakers in the chat: /lichbaocao (my slots: session, time, duration, topic, the other
speakers) and the "Đã nhận" button of the agenda reminders."""

from __future__ import annotations

from bot.domain.messages import Reply
from bot.services.speaker_reminders import ACK_PREFIX
from bot.services.speakers import Slot, slot_text, slots_of, speaker_ids, speakers_of
from handlers.context import Turn, paged


async def my_speaker_ids(turn: Turn) -> list[str]:
    """The plan's speakers this account speaks as (through its speaker invites)."""
    inbound = turn.inbound
    scopes = await turn.services.roles.scopes(
        inbound.channel, inbound.user_id, "speaker", turn.plan.series
    )
    known = speakers_of(turn.plan)
    return [speaker_id for speaker_id in speaker_ids(scopes) if speaker_id in known]


async def agenda(turn: Turn) -> list[Reply]:
    """/lichbaocao."""
    mine = await my_speaker_ids(turn)
    if not mine:
        return [turn.say("speakers.not_speaker")]
    known = speakers_of(turn.plan)
    parts = []
    for speaker_id in mine:
        slots = [s for s in slots_of(turn.plan, speaker_id) if not _over(s, turn)]
        body = "\n\n".join(slot_text(turn.plan, slot, turn.locale) for slot in slots)
        name = known[speaker_id].name
        parts.append(
            turn.text(
                "speakers.agenda", name=name, slots=body or turn.text("speakers.no_slots_left")
            )
        )
    parts.append(turn.text("speakers.agenda_footer"))
    return paged(parts, "\n\n")


def _over(slot: Slot, turn: Turn) -> bool:
    return slot.session.ends_at is not None and slot.session.ends_at <= turn.now


async def on_ack(turn: Turn, data: str) -> list[Reply]:
    """ "Đã nhận" under an agenda reminder: sp:ok:<session num>:<speaker id>."""
    num, _, speaker_id = data.removeprefix(ACK_PREFIX).partition(":")
    session = turn.session_named(num)
    if session is None or speaker_id not in await my_speaker_ids(turn):
        return [turn.say("common.button_expired")]
    await turn.services.speaker_reminders.acknowledge(session.id, speaker_id, turn.who, turn.now)
    await turn.audit("speaker_ack", session=session.id, speaker=speaker_id)
    return [turn.say("speakers.acked", label=turn.plan.answerer.label(session, turn.locale))]
