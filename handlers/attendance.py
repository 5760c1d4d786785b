"""Attendance: the answer buttons of reminders and /xacnhan, the reason for an absence, a
substitute's details, "all remaining sessions", and the check-in QR code."""

from __future__ import annotations

from bot.domain import SessionInfo
from bot.messages import Button, Photo, Reply
from bot.services import attendance as rules
from bot.services import checkin
from bot.services.dates import format_session_when
from bot.services.people import normalise_free_text, normalise_name, normalise_phone
from bot.services.qa import venue_text
from bot.services.vntext import fold
from handlers.context import Turn
from storage.attendance import AttendanceAnswer
from storage.people import Conversation

ABSENT, SUBSTITUTE = "absent", "substitute"
SKIP_WORDS = {"bo qua", "skip", "khong"}


def _when(turn: Turn, session: SessionInfo) -> str:
    return format_session_when(session, turn.plan.zone, turn.locale)


async def _my_upcoming(turn: Turn) -> list[SessionInfo]:
    assert turn.delegate is not None
    upcoming = [s for s in turn.plan.series.sessions if not s.started_by(turn.now)]
    return [s for s in upcoming if await turn.services.attendance.is_invited(s, turn.delegate.id)]


async def confirm_command(turn: Turn) -> list[Reply]:
    """/xacnhan: each upcoming session of mine with its answer buttons."""
    if turn.delegate is None:
        return [turn.say("attendance.not_registered")]
    sessions = await _my_upcoming(turn)
    if not sessions:
        return [turn.say("attendance.nothing_remaining")]
    replies = []
    for session in sessions:
        current = await turn.services.attendance.answer_of(session.id, turn.delegate.id)
        replies.append(
            turn.say(
                "attendance.choose",
                label=turn.plan.answerer.label(session, turn.locale),
                when=_when(turn, session),
                venue=venue_text(session.venue),
                current=turn.text(f"attendance.answer.{current.answer}")
                if current
                else turn.text("attendance.no_answer"),
                buttons=rules.answer_buttons(session, turn.locale, with_all=len(sessions) > 1),
            )
        )
    return replies


async def on_button(turn: Turn, data: str) -> list[Reply]:
    """att:<answer>:<session number> or att:all, acting only on the presser's own record."""
    if turn.delegate is None:
        return [turn.say("attendance.not_registered")]
    if data == rules.ALL_REMAINING:
        return await _confirm_all(turn)
    pressed = rules.parse(data)
    session = turn.session_by_num(pressed.session_num) if pressed else None
    if pressed is None or session is None:
        return [turn.say("common.button_expired")]
    refusal = await _refusal(turn, session, rules.ANSWERS[pressed.code])
    if refusal:
        return [turn.say(refusal)]
    if pressed.code == "s":
        await turn.save_conversation(Conversation(SUBSTITUTE, "name", {"session": session.num}))
        return [turn.say("attendance.ask_substitute_name")]
    await _record(turn, session, AttendanceAnswer(rules.ANSWERS[pressed.code]))
    if pressed.code == "a":
        await turn.save_conversation(Conversation(ABSENT, "reason", {"session": session.num}))
        return [turn.say("attendance.ask_reason")]
    return [_recorded(turn, session, rules.ANSWERS[pressed.code])]


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
        label=turn.plan.answerer.label(session, turn.locale),
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
    """The reason for an absence, or the substitute's name, position and phone."""
    assert turn.conversation is not None and turn.delegate is not None
    conversation = turn.conversation
    session = turn.session_by_num(int(conversation.data.get("session", 0)))
    if session is None or session.started_by(turn.now):
        await turn.end_conversation()
        return [turn.say("attendance.started")]
    text = turn.inbound.text if turn.inbound.kind == "text" else ""
    if not text:
        return [turn.say("reg.need_text"), prompt(turn)]
    skip = fold(text) in SKIP_WORDS
    if conversation.flow == ABSENT:
        if not skip:
            reason = normalise_free_text(text, limit=500) or ""
            await _record(turn, session, AttendanceAnswer("absent", reason=reason))
        await turn.end_conversation()
        return [turn.say("attendance.reason_saved" if not skip else "reg.cancelled")]
    return await _substitute_step(turn, session, conversation, text, skip)


async def _substitute_step(
    turn: Turn, session: SessionInfo, conversation: Conversation, text: str, skip: bool
) -> list[Reply]:
    data = dict(conversation.data)
    if conversation.step == "name":
        name = normalise_name(text)
        if name is None:
            return [turn.say("reg.invalid_name"), prompt(turn)]
        await turn.save_conversation(Conversation(SUBSTITUTE, "position", {**data, "name": name}))
        return [prompt(turn)]
    if conversation.step == "position":
        position = normalise_free_text(text)
        if position is None:
            return [turn.say("reg.invalid_position"), prompt(turn)]
        data["position"] = position
        await turn.save_conversation(Conversation(SUBSTITUTE, "phone", data))
        return [prompt(turn)]
    phone = "" if skip else normalise_phone(text)
    if phone is None:
        return [turn.say("reg.invalid_phone"), prompt(turn)]
    answer = AttendanceAnswer(
        "substitute",
        substitute_name=data["name"],
        substitute_position=data["position"],
        substitute_phone=phone,
    )
    await _record(turn, session, answer)
    await turn.end_conversation()
    return [
        turn.say(
            "attendance.substitute_saved",
            name=data["name"],
            position=data["position"],
            label=turn.plan.answerer.label(session, turn.locale),
            when=_when(turn, session),
        )
    ]


def prompt(turn: Turn) -> Reply:
    assert turn.conversation is not None
    if turn.conversation.flow == ABSENT:
        return turn.say("attendance.ask_reason")
    return turn.say(f"attendance.ask_substitute_{turn.conversation.step}")


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
        label=turn.plan.answerer.label(session, turn.locale),
        when=_when(turn, session),
    )
    return [Reply(caption, photo=Photo(f"diem-danh-{session.num}.png", checkin.qr_png(link)))]
