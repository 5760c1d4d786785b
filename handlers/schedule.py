"""Schedule and venue questions: /lich, /lichcuatoi, free text and the choice buttons."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.domain.messages import Button, Reply
from bot.services.numbers import as_number
from bot.services.qa import Answer, Asker, Thread
from handlers.context import Turn
from handlers.registration import REGISTER

THREAD_MINUTES = 15  # how long a short follow-up is read against the last answer


def replies_for(answer: Answer) -> list[Reply]:
    """The answer as text (with choice buttons when it asks which commune) and a map pin."""
    intent = answer.intent
    buttons = tuple((Button(label, f"qa:{intent}:{code}"),) for label, code in answer.choices)
    replies = [Reply(answer.text, buttons=buttons)]
    if answer.venue is not None and answer.venue.has_coordinates:
        replies.append(Reply(answer.venue.name, venue=answer.venue))
    return replies


def schedule_all(turn: Turn) -> list[Reply]:
    return replies_for(turn.plan.answerer.schedule_all(turn.now, turn.locale))


async def my_schedule(turn: Turn) -> list[Reply]:
    """The sessions of each active series this person was invited to, under the series' title
    when they were invited to several."""
    if turn.delegate is None:
        return [turn.say("reg.register_for_my_schedule"), *schedule_all(turn)]
    rows = await turn.person_rows()
    found = [(row, await turn.services.plans.of_series(row.series_id)) for row in rows]
    mine = [(row, plan) for row, plan in found if plan is not None]
    if not mine:
        return schedule_all(turn)
    replies: list[Reply] = []
    for delegate, plan in mine:
        if delegate.commune_code is None:
            answer = plan.answerer.schedule_all(turn.now, turn.locale)
        else:
            answer = plan.answerer.schedule_for_commune(
                delegate.commune_code, turn.now, turn.locale
            )
        part = replies_for(answer)
        if len(mine) > 1:
            heading = turn.text("series.heading", series=plan.series.title)
            part[0] = replace(part[0], text=f"{heading}\n{part[0].text}")
        replies += part
    return replies


async def free_text(turn: Turn, text: str) -> list[Reply]:
    """A message that is no command, no button and no answer to a pending step: read as a
    question (about oneself when registered; a follow-up of the last answer for a while) and
    answered. What it was about is kept, so that a restart does not lose the thread."""
    since = turn.now - timedelta(minutes=THREAD_MINUTES)
    stored = turn.thread.since(since) if turn.thread is not None else None
    thread = Thread.from_json(stored) if stored else None
    answer = turn.plan.answerer.answer(text, turn.now, turn.locale, _asker(turn), thread)
    if answer.thread is not None:
        await turn.services.threads.save(turn.account.id, answer.thread.as_json(), turn.now)
    return replies_for(answer)


def _asker(turn: Turn) -> Asker | None:
    """Who asks "xã tôi…": the registered delegate, or someone half-way through registering
    once they have named their commune (what they said so far)."""
    if turn.delegate is not None:
        return Asker(turn.delegate.commune_code, turn.delegate.category_code)
    conversation = turn.conversation
    if conversation is None or conversation.flow != REGISTER:
        return None
    data = conversation.data
    if "commune_code" not in data:
        return None
    return Asker(data["commune_code"], str(data.get("category_code", "")))


def on_choice_button(turn: Turn, data: str) -> list[Reply]:
    """qa:<intent>:<commune code>, pressed after a question that matched several communes."""
    intent, _, text = data.removeprefix("qa:").partition(":")
    code = as_number(text)
    if code is None or turn.plan.communes.by_code(code) is None:
        return [turn.say("common.button_expired")]
    answer = turn.plan.answerer.answer_for_commune(intent, code, turn.now, turn.locale)
    return replies_for(answer)


def looks_like_question(turn: Turn, text: str) -> bool:
    return turn.plan.answerer.looks_like_question(text)
