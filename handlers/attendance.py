"""Attendance: the answer buttons of reminders and /xacnhan, the reason for an absence, a
substitute's details, "all remaining sessions", and the check-in QR code."""

from __future__ import annotations

from bot.domain import SessionInfo
from bot.domain.messages import Button, Photo, Reply
from bot.services import attendance as rules
from bot.services import checkin
from bot.services.dates import format_session_when
from bot.services.dialogue_text import (
    attendance_in_words,
    is_declining,
    reading,
    substitute_details,
)
from bot.services.numbers import as_number
from bot.services.people import (
    normalise_free_text,
    normalise_name,
    normalise_phone,
    normalise_position,
)
from bot.services.plan_state import LoadedPlan
from bot.services.qa import venue_text
from bot.services.vntext import quote
from handlers import schedule
from handlers.context import Turn
from storage.attendance import AttendanceAnswer
from storage.people import Conversation

ABSENT, SUBSTITUTE = "absent", "substitute"
NO_REASON = "att:noreason"
IS_ANSWER, IS_QUESTION = "att:is:answer", "att:is:question"
SUBSTITUTE_FIELDS = ("name", "position", "phone")


def _when(turn: Turn, session: SessionInfo) -> str:
    return format_session_when(session, turn.plan.zone, turn.locale)


async def _my_upcoming(turn: Turn) -> list[SessionInfo]:
    assert turn.delegate is not None
    upcoming = [s for s in turn.plan.series.sessions if not s.started_by(turn.now)]
    return [s for s in upcoming if await turn.services.attendance.is_invited(s, turn.delegate.id)]


async def _upcoming_everywhere(turn: Turn) -> list[tuple[LoadedPlan, int, SessionInfo]]:
    """(plan, delegate row id, session) of each upcoming session this person is invited to,
    in every active series they were invited to."""
    assert turn.delegate is not None
    found: list[tuple[LoadedPlan, int, SessionInfo]] = []
    for row in await turn.person_rows():
        plan = await turn.services.plans.of_series(row.series_id)
        if plan is None:
            continue
        for session in plan.series.sessions:
            if not session.started_by(turn.now) and await turn.services.attendance.is_invited(
                session, row.id
            ):
                found.append((plan, row.id, session))
    return found


async def confirm_command(turn: Turn) -> list[Reply]:
    """/xacnhan: each upcoming session of mine, in each series, with its answer buttons."""
    if turn.delegate is None:
        return [turn.say("attendance.not_registered")]
    sessions = await _upcoming_everywhere(turn)
    if not sessions:
        return [turn.say("attendance.nothing_remaining")]
    replies = []
    for plan, delegate_id, session in sessions:
        current = await turn.services.attendance.answer_of(session.id, delegate_id)
        in_series = sum(1 for other, _, _ in sessions if other is plan)
        replies.append(
            turn.say(
                "attendance.choose",
                label=plan.session_label(session, turn.locale),
                when=format_session_when(session, plan.zone, turn.locale),
                venue=venue_text(session.venue),
                current=turn.text(f"attendance.answer.{current.answer}")
                if current
                else turn.text("attendance.no_answer"),
                buttons=rules.answer_buttons(session, turn.locale, with_all=in_series > 1),
            )
        )
    return replies


async def on_button(turn: Turn, data: str) -> list[Reply]:
    """att:<answer>:<session number> or att:all:<session number>, acting only on the
    presser's own record, in the series of that session."""
    if turn.delegate is None:
        return [turn.say("attendance.not_registered")]
    if data.startswith(rules.ALL_REMAINING):
        num = as_number(data.removeprefix(rules.ALL_REMAINING).removeprefix(":"))
        if num is not None and await turn.session_anywhere(num) is None:
            return [turn.say("common.button_expired")]
        return await _confirm_all(turn)
    if data in (NO_REASON, IS_ANSWER, IS_QUESTION):
        return await _on_dialogue_button(turn, data)
    pressed = rules.parse(data)
    session = await turn.session_anywhere(pressed.session_num) if pressed else None
    if pressed is None or session is None:
        return [turn.say("common.button_expired")]
    refusal = await _refusal(turn, session, rules.ANSWERS[pressed.code])
    if refusal:
        return [turn.say(refusal)]
    if pressed.code == "s":
        pending = {"session": session.num, "series_id": session.series_id}
        await turn.save_conversation(Conversation(SUBSTITUTE, "name", pending))
        return [prompt(turn)]
    if pressed.code == "a":
        return await _absent(turn, session)
    await _record(turn, session, AttendanceAnswer(rules.ANSWERS[pressed.code]))
    return [_recorded(turn, session, rules.ANSWERS[pressed.code])]


async def _absent(turn: Turn, session: SessionInfo) -> list[Reply]:
    """Record the absence (keeping a reason given before) and ask for the reason, to give or
    to change it."""
    assert turn.delegate is not None
    current = await turn.services.attendance.answer_of(session.id, turn.delegate.id)
    reason = current.reason if current and current.answer == "absent" else ""
    await _record(turn, session, AttendanceAnswer("absent", reason=reason))
    await turn.save_conversation(
        Conversation(
            ABSENT,
            "reason",
            {"session": session.num, "reason": reason, "series_id": session.series_id},
        )
    )
    return [prompt(turn)]


async def _refusal(turn: Turn, session: SessionInfo, answer: str) -> str | None:
    assert turn.delegate is not None
    if session.started_by(turn.now):
        return "attendance.started"
    if not await turn.services.attendance.is_invited(session, turn.delegate.id):
        return "attendance.not_invited"
    if answer == "online" and not session.online_allowed:
        return "attendance.online_not_allowed"
    return None


async def _record(turn: Turn, session: SessionInfo, answer: AttendanceAnswer) -> None:
    assert turn.delegate is not None
    await turn.services.attendance.record(
        session.id, turn.delegate.id, answer, turn.inbound.channel, turn.account.id, turn.now
    )


def _recorded(turn: Turn, session: SessionInfo, answer: str) -> Reply:
    buttons: tuple[tuple[Button, ...], ...] = ()
    if answer == "in_person":
        buttons = ((turn.button("attendance.qr_offer", f"qr:{session.num}"),),)
    return turn.say(
        "attendance.recorded",
        answer=turn.text(f"attendance.answer.{answer}"),
        label=turn.plan.session_label(session, turn.locale),
        when=_when(turn, session),
        buttons=buttons,
    )


async def _confirm_all(turn: Turn) -> list[Reply]:
    sessions = await _my_upcoming(turn)
    if not sessions:
        return [turn.say("attendance.nothing_remaining")]
    for session in sessions:
        await _record(turn, session, AttendanceAnswer("in_person"))
    lines = "\n".join(
        f"• {turn.plan.answerer.label(s, turn.locale)}: {_when(turn, s)}" for s in sessions
    )
    return [turn.say("attendance.recorded_all", count=len(sessions), lines=lines)]


async def on_input(turn: Turn) -> list[Reply]:
    """The reason for an absence, or the substitute's name, position and phone; a plain
    question is answered and the step asked again, an unclear message asked back once."""
    assert turn.conversation is not None and turn.delegate is not None
    session = _pending_session(turn)
    if session is None:
        await turn.end_conversation()
        return [turn.say("attendance.started")]
    text = turn.inbound.text if turn.inbound.kind == "text" else ""
    if not text:
        return [turn.say("reg.need_text"), prompt(turn)]
    kind = reading(text)
    if kind == "question":
        return [*await schedule.free_text(turn, text), prompt(turn)]
    if kind == "unclear":
        data = {**turn.conversation.data, "unclear": text}
        await turn.save_conversation(
            Conversation(turn.conversation.flow, turn.conversation.step, data)
        )
        return [_which_is_it(turn, text)]
    return await _take_answer(turn, session, text)


def _pending_session(turn: Turn) -> SessionInfo | None:
    assert turn.conversation is not None
    session = turn.session_by_num(int(turn.conversation.data.get("session", 0)))
    return None if session is None or session.started_by(turn.now) else session


def _which_is_it(turn: Turn, text: str) -> Reply:
    assert turn.conversation is not None
    answer_key = f"attendance.this_is_{turn.conversation.flow}"
    buttons = (
        (
            turn.button(answer_key, IS_ANSWER),
            turn.button("attendance.this_is_question", IS_QUESTION),
        ),
    )
    return turn.say("attendance.which_is_it", text=quote(text), buttons=buttons)


async def _on_dialogue_button(turn: Turn, data: str) -> list[Reply]:
    """ "Không ghi lý do", and the answer to "is this a reason or a question?"."""
    conversation = turn.conversation
    if conversation is None or conversation.flow not in (ABSENT, SUBSTITUTE):
        return [turn.say("common.button_expired")]
    session = _pending_session(turn)
    if session is None:
        await turn.end_conversation()
        return [turn.say("attendance.started")]
    if data == NO_REASON:
        return await _take_answer(turn, session, "", declined=True)
    text = str(conversation.data.get("unclear", ""))
    if not text:
        return [turn.say("common.button_expired"), prompt(turn)]
    data_left = {k: v for k, v in conversation.data.items() if k != "unclear"}
    await turn.save_conversation(Conversation(conversation.flow, conversation.step, data_left))
    if data == IS_QUESTION:
        return [*await schedule.free_text(turn, text), prompt(turn)]
    return await _take_answer(turn, session, text)


async def _take_answer(
    turn: Turn, session: SessionInfo, text: str, declined: bool = False
) -> list[Reply]:
    assert turn.conversation is not None
    declined = declined or is_declining(text)
    if turn.conversation.flow == SUBSTITUTE:
        return await _substitute_step(turn, session, text, declined)
    reason = "" if declined else normalise_free_text(text, limit=500) or ""
    await _record(turn, session, AttendanceAnswer("absent", reason=reason))
    await turn.end_conversation()
    label, when = turn.plan.answerer.label(session, turn.locale), _when(turn, session)
    if not reason:
        return [turn.say("attendance.absent_without_reason", label=label, when=when)]
    return [turn.say("attendance.reason_saved", reason=quote(reason, 200), label=label, when=when)]


async def _substitute_step(
    turn: Turn, session: SessionInfo, text: str, declined: bool
) -> list[Reply]:
    """Take whatever of name, position and phone the message holds; ask for what is missing."""
    assert turn.conversation is not None
    data = dict(turn.conversation.data)
    step = turn.conversation.step
    if declined and step != "phone":
        await turn.end_conversation()
        return [turn.say("attendance.substitute_dropped")]
    found = substitute_details(text)
    new = {
        key: value
        for key, value in (
            ("name", found.name),
            ("position", found.position),
            ("phone", found.phone),
        )
        if value is not None and key not in data
    }
    if step == "phone" and declined:
        new = {"phone": ""}
    if not new:
        whole = _whole_as(step, text)
        if whole is None:
            return [turn.say(f"reg.invalid_{step}"), prompt(turn)]
        new = {step: whole}
    data.update(new)
    missing = [field for field in SUBSTITUTE_FIELDS if field not in data]
    if missing:
        await turn.save_conversation(Conversation(SUBSTITUTE, missing[0], data))
        return [prompt(turn)]
    answer = AttendanceAnswer(
        "substitute",
        substitute_name=data["name"],
        substitute_position=data["position"],
        substitute_phone=data["phone"],
    )
    await _record(turn, session, answer)
    await turn.end_conversation()
    return [
        turn.say(
            "attendance.substitute_saved",
            name=data["name"],
            position=data["position"],
            phone=data["phone"] or turn.text("profile.no_phone"),
            label=turn.plan.session_label(session, turn.locale),
            when=_when(turn, session),
        )
    ]


def _whole_as(step: str, text: str) -> str | None:
    if step == "name":
        return normalise_name(text)
    if step == "position":
        return normalise_position(text)
    return normalise_phone(text)


def prompt(turn: Turn) -> Reply:
    assert turn.conversation is not None
    if turn.conversation.flow == ABSENT:
        reason = str(turn.conversation.data.get("reason", ""))
        buttons = ((turn.button("attendance.button.no_reason", NO_REASON),),)
        if reason:
            return turn.say("attendance.ask_new_reason", reason=quote(reason, 200), buttons=buttons)
        return turn.say("attendance.ask_reason", buttons=buttons)
    return turn.say(f"attendance.ask_substitute_{turn.conversation.step}")


async def offer_from_words(turn: Turn, text: str) -> list[Reply] | None:
    """Attendance said in words ("em xin phép vắng", "tôi sẽ tham dự", "cho em cử người đi
    thay"): the matching button for each upcoming session of mine, to confirm; None when the
    text says no such thing."""
    answer = attendance_in_words(text)
    if answer is None:
        return None
    if turn.delegate is None:
        return [turn.say("attendance.not_registered")]
    sessions = await _my_upcoming(turn)
    if not sessions:
        return [turn.say("attendance.nothing_remaining")]
    code = rules.CODES[answer]
    return [
        turn.say(
            "attendance.offer_from_words",
            answer=turn.text(f"attendance.answer.{answer}"),
            label=turn.plan.session_label(session, turn.locale),
            when=_when(turn, session),
            buttons=((turn.button(f"attendance.button.{answer}", f"att:{code}:{session.num}"),),),
        )
        for session in sessions
    ]


async def qr_code(turn: Turn, data: str) -> list[Reply]:
    """qr:<session number>: the delegate's signed check-in code, once they confirmed."""
    if turn.delegate is None:
        return [turn.say("attendance.not_registered")]
    session = turn.session_named(data.removeprefix("qr:"))
    current = (
        await turn.services.attendance.answer_of(session.id, turn.delegate.id) if session else None
    )
    if (
        session is None
        or session.ended_by(turn.now)
        or current is None
        or current.answer not in ("in_person", "online")
    ):
        return [turn.say("checkin.qr_needs_confirmation")]
    code = checkin.payload(turn.services.checkin_key, session.num, turn.delegate.id)
    link = turn.deep_link(code)
    caption = turn.text(
        "checkin.qr_caption",
        label=turn.plan.session_label(session, turn.locale),
        when=_when(turn, session),
    )
    return [Reply(caption, photo=Photo(f"diem-danh-{session.num}.png", checkin.qr_png(link)))]
