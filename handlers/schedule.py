"""Schedule and venue questions: /lich, /lichcuatoi, free text and the choice buttons."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.messages import Button, Reply
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan
from bot.services.qa import Answer, Asker, Thread
from handlers.context import Turn
from handlers.registration import REGISTER

THREAD_MINUTES = 15  # how long a short follow-up is read against the last answer
# what a plan answers a question it has no answer to: another province named, a topic it
# does not mention, off-topic
NOT_IN_THIS_PLAN = frozenset({"province", "unknown", "help"})
# what a plan answers when it read a question against the last answer's sessions
FOLLOWED = frozenset({"follow", "practical"})


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
        replies += turn.under_title(plan, part) if len(mine) > 1 else part
    return replies


async def free_text(turn: Turn, text: str) -> list[Reply]:
    """A message that is no command, no button and no answer to a pending step: read as a
    question (about oneself when registered; a follow-up of the last answer for a while) and
    answered. What it was about is kept, so that a restart does not lose the thread. With
    several series, a follow-up is read in the series of the last answer, and a question the
    acting series has no answer to (a commune or a province of another series) by the others."""
    since = turn.now - timedelta(minutes=THREAD_MINUTES)
    stored = turn.thread.since(since) if turn.thread is not None else None
    thread = Thread.from_json(stored) if stored else None
    plan, answer = await _read_where_asked(turn, text, thread)
    if answer.thread is not None:
        await turn.services.threads.save(turn.account.id, answer.thread.as_json(), turn.now)
    return turn.by_series([(plan, replies_for(answer))])


async def _read_where_asked(
    turn: Turn, text: str, thread: Thread | None
) -> tuple[LoadedPlan, Answer]:
    """The acting series' answer; with several series, a follow-up of an answer from another
    series is read there, and what the acting one cannot answer is asked of the others."""
    plan = turn.plan
    if not plan.among_several:
        return plan, plan.answerer.answer(text, turn.now, turn.locale, _asker(turn), thread)
    if thread is not None and thread.session_ids:
        owner = await turn.services.plans.of_session(thread.session_ids[0])
        if owner is not None and not _acting(turn, owner):
            followed = await _answer_in(turn, owner, text, thread)
            if followed.intent in FOLLOWED:
                return owner, followed
            thread = None  # another series' sessions: nothing the acting one can follow
    answer = plan.answerer.answer(text, turn.now, turn.locale, _asker(turn), thread)
    return await _answered_elsewhere(turn, plan, answer, text)


async def _answered_elsewhere(
    turn: Turn, tried: LoadedPlan, answer: Answer, text: str
) -> tuple[LoadedPlan, Answer]:
    """Where a question is answered when other series are active. A commune named: by
    `tried` when it has sessions there, else by the first other series that names the same
    commune and has (two series of one province), else, when `tried`'s province has no such
    commune, by the first other series whose province has ("xã Lộc Tấn" asked of Lạng Sơn's
    series). Nothing named that `tried` can answer (another province, a topic it does not
    mention): by the first other series that can. Else by `tried`. Another series reads the
    question without the thread, which is `tried`'s."""
    here = tried.answerer.communes_named(text)
    if here and answer.sessions:
        return tried, answer
    others = [plan for plan in await turn.services.plans.all() if plan.series.id != tried.series.id]
    naming = [
        plan
        for plan in others
        if (codes := plan.answerer.communes_named(text)) and (not here or codes & here)
    ]
    answers = [(plan, await _answer_in(turn, plan, text)) for plan in naming]
    with_sessions = next(((plan, found) for plan, found in answers if found.sessions), None)
    if with_sessions is not None:
        return with_sessions
    if answers and not here:
        return answers[0]
    if answer.intent in NOT_IN_THIS_PLAN:
        for plan in others:
            found = await _answer_in(turn, plan, text)
            if found.understood and found.intent not in NOT_IN_THIS_PLAN:
                return plan, found
    return tried, answer


async def _answer_in(
    turn: Turn, plan: LoadedPlan, text: str, thread: Thread | None = None
) -> Answer:
    asker = await _asker_in(turn, plan)
    return plan.answerer.answer(text, turn.now, turn.locale, asker, thread)


def _acting(turn: Turn, plan: LoadedPlan) -> bool:
    return plan.series.id == turn.plan.series.id


async def _asker_in(turn: Turn, plan: LoadedPlan) -> Asker | None:
    """Who asks, in this plan: in another series than the acting one, the person's delegate
    row of that series, if they have one."""
    if _acting(turn, plan):
        return _asker(turn)
    if turn.delegate is None:
        return None
    row = next((r for r in await turn.person_rows() if r.series_id == plan.series.id), None)
    return Asker(row.commune_code, row.category_code) if row is not None else None


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


async def on_choice_button(turn: Turn, data: str) -> list[Reply]:
    """qa:<intent>:<commune code>, pressed after a question that matched several communes (in
    the series whose directory has the commune: codes are the country's)."""
    intent, _, text = data.removeprefix("qa:").partition(":")
    code = as_number(text)
    if code is None:
        return [turn.say("common.button_expired")]
    knowing = [plan for plan in await turn.every_plan() if plan.communes.by_code(code)]
    # two series of one province both know its communes: the one with sessions there first
    having = [plan for plan in knowing if plan.answerer.has_sessions_in(code)]
    plan = next(iter(having or knowing), None)
    if plan is None:
        return [turn.say("common.button_expired")]
    answer = plan.answerer.answer_for_commune(intent, code, turn.now, turn.locale)
    return turn.by_series([(plan, replies_for(answer))])


def looks_like_question(turn: Turn, text: str) -> bool:
    return turn.plan.answerer.looks_like_question(text)
