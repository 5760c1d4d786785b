"""Speakers in the chat: /lichbaocao (my slots: session, time, duration, topic, the other
speakers) and the "Đã nhận" button of the agenda reminders."""

from __future__ import annotations

from bot.domain.messages import Reply
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan
from bot.services.speaker_reminders import ACK_PREFIX
from bot.services.speakers import Slot, slot_text, slots_of, speaker_ids, speakers_of
from handlers.context import Turn, paged


async def my_speaker_ids(turn: Turn, plan: LoadedPlan) -> list[str]:
    """The speakers of a plan this account speaks as (through its speaker invites)."""
    inbound = turn.inbound
    scopes = await turn.services.roles.scopes(
        inbound.channel, inbound.user_id, "speaker", plan.series
    )
    known = speakers_of(plan)
    return [speaker_id for speaker_id in speaker_ids(scopes) if speaker_id in known]


async def agenda(turn: Turn) -> list[Reply]:
    """/lichbaocao: their talks in every active series they speak in, the turn's first, each
    under its series' title when there are several."""
    speaking = [(plan, await my_speaker_ids(turn, plan)) for plan in await turn.every_plan()]
    speaking = [(plan, mine) for plan, mine in speaking if mine]
    if not speaking:
        return [turn.say("speakers.not_speaker")]
    parts = []
    titled = turn.needs_titles([plan for plan, _ in speaking])
    for plan, mine in speaking:
        if titled:
            parts.append(turn.text("series.heading", series=plan.series.title))
        parts += [_talks(turn, plan, speaker_id) for speaker_id in mine]
    parts.append(turn.text("speakers.agenda_footer"))
    return paged(parts, "\n\n")


def _talks(turn: Turn, plan: LoadedPlan, speaker_id: str) -> str:
    slots = [s for s in slots_of(plan, speaker_id) if not _over(s, turn)]
    body = "\n\n".join(slot_text(plan, slot, turn.locale) for slot in slots)
    if not body:
        body = turn.text("speakers.no_slots_left")
    return turn.text("speakers.agenda", name=speakers_of(plan)[speaker_id].name, slots=body)


def _over(slot: Slot, turn: Turn) -> bool:
    return slot.session.ends_at is not None and slot.session.ends_at <= turn.now


async def on_ack(turn: Turn, data: str) -> list[Reply]:
    """ "Đã nhận" under an agenda reminder: sp:ok:<session num>:<speaker id>."""
    num, _, speaker_id = data.removeprefix(ACK_PREFIX).partition(":")
    number = as_number(num)  # of a session of any series: the reminder came from its own
    found = await turn.session_of_any(number) if number is not None else None
    if found is None:
        return [turn.say("common.button_expired")]
    plan, session = found
    if speaker_id not in await my_speaker_ids(turn, plan):
        return [turn.say("common.button_expired")]
    await turn.services.speaker_reminders.acknowledge(session.id, speaker_id, turn.who, turn.now)
    await turn.audit("speaker_ack", session=session.id, speaker=speaker_id)
    label = plan.session_label(session, turn.locale)
    return [turn.say("speakers.acked", label=label)]
