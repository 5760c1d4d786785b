"""Route one inbound event to the handler of its job and return the replies.

Commands and buttons are looked up in two tables (`COMMANDS`, `BUTTONS`): the authorisation
matrix test (tests/test_authorisation_matrix.py) is derived from them, so a command or a
button prefix added here without a row in that matrix makes the test fail."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.catalog import t
from bot.domain.messages import Inbound, Reply
from bot.services.deadlines import DONE_PREFIX
from bot.services.dialogue_text import is_question
from bot.services.speaker_reminders import ACK_PREFIX
from bot.services.vntext import quote
from handlers import (
    attendance,
    broadcast,
    checkin,
    dashboard,
    deadlines,
    drafts,
    files,
    helptext,
    linking,
    profile,
    registration,
    roles,
    rollup,
    schedule,
    session_date,
    speakers,
)
from handlers.context import Services, Turn, series_in_focus

MAX_INPUT = 1000  # longer texts are not a name, a commune or a question
FREE_TEXT_FLOWS = (broadcast.FLOW, drafts.COMMENT_FLOW)
Action = Callable[[Turn, str], Awaitable[list[Reply]]]


async def route(services: Services, inbound: Inbound, now: datetime) -> list[Reply]:
    default = await services.plans.current()
    if default is None:
        return [Reply(t("common.no_plan"))]
    if not inbound.private and not default.series.allow_groups:
        return [Reply(t("common.private_only"))] if inbound.kind == "command" else []
    who = await services.accounts.arrive(
        inbound.channel, inbound.user_id, inbound.chat_id, inbound.display_name, now
    )
    turn = Turn(
        inbound,
        who.account,
        who.delegate,
        who.conversation,
        default,
        now,
        services,
        thread=who.thread,
        only_row=who.only_row,
    )
    focus = series_in_focus(who.delegate, who.conversation)
    if focus is not None and focus != default.series.id:
        await turn.act_in(focus)
    if who.delegate is None:  # a delegate's questions stay in their series; their tools move
        await roles.series_of_roles(turn)
    if inbound.kind == "command":
        return await _command(turn, inbound.command, inbound.text)
    if inbound.kind == "button":
        return await _button(turn, inbound.text)
    if inbound.kind == "edited":
        return [turn.say("common.edited_ignored")]
    if inbound.kind == "text":
        return await _text(turn, inbound.text)
    if inbound.kind == "document":
        return await _document(turn)
    if turn.conversation is not None:
        return await _continue(turn)
    if inbound.kind == "contact" and turn.delegate is not None:
        return await profile.on_contact(turn)
    if inbound.kind == "location":
        return await checkin.on_location(turn)
    return [turn.say("common.text_only")]


async def _document(turn: Turn) -> list[Reply]:
    """A file: the one a deadline waits for, a delegate list, else the draft of a talk."""
    if turn.conversation is not None and turn.conversation.flow == deadlines.FILE_FLOW:
        return await deadlines.on_file(turn)
    if files.is_list_file(turn.inbound.text):
        return _then_reask(turn, await files.on_document(turn))
    return _then_reask(turn, await drafts.on_document(turn))


async def _continue(turn: Turn) -> list[Reply]:
    """The next answer of a dialogue in progress, to the module that runs that dialogue."""
    assert turn.conversation is not None
    if turn.conversation.flow == broadcast.FLOW:
        return await broadcast.on_input(turn)
    if turn.conversation.flow == drafts.COMMENT_FLOW:
        return await drafts.on_comment(turn)
    if turn.conversation.flow == deadlines.FILE_FLOW:
        return await deadlines.on_file(turn)
    if turn.conversation.flow in (attendance.ABSENT, attendance.SUBSTITUTE):
        if turn.delegate is None:
            await turn.end_conversation()
            return [turn.say("attendance.not_registered")]
        return await attendance.on_input(turn)
    return await registration.on_input(turn)


def _prompt(turn: Turn) -> Reply:
    assert turn.conversation is not None
    if turn.conversation.flow == broadcast.FLOW:
        return broadcast.prompt(turn)
    if turn.conversation.flow == drafts.COMMENT_FLOW:
        return drafts.prompt(turn)
    if turn.conversation.flow == deadlines.FILE_FLOW:
        return deadlines.prompt(turn)
    if turn.conversation.flow in (attendance.ABSENT, attendance.SUBSTITUTE):
        return attendance.prompt(turn)
    return registration.prompt(turn)


def _reasked(action: Action) -> Action:
    """An answer given in the middle of a dialogue, followed by the pending step again."""

    async def run(turn: Turn, args: str) -> list[Reply]:
        return _then_reask(turn, await action(turn, args))

    return run


async def _start(turn: Turn, args: str) -> list[Reply]:
    """/start, /start c-…/u-…/p-… (invites), /start r-… (a role), /start ci-… (a check-in)."""
    payload = args.strip()[:64]
    if payload.startswith("ci-"):
        return await checkin.on_scan(turn, payload)
    if payload.startswith("r-"):
        return _then_reask(turn, await roles.accept(turn, payload))
    return await registration.start(turn, payload)


def _at_once(answer: Callable[[Turn], list[Reply]]) -> Action:
    """A handler that answers without waiting for anything, as an Action."""

    async def run(turn: Turn, _: str) -> list[Reply]:
        return answer(turn)

    return run


async def _help(turn: Turn, _: str) -> list[Reply]:
    return [await helptext.help_text(turn)]


COMMANDS: dict[str, Action] = {
    "start": _start,
    "xacnhan": _reasked(lambda turn, _: attendance.confirm_command(turn)),
    "lienket": linking.link,
    "kenh": lambda turn, _: linking.choose_app(turn),
    "huy": lambda turn, _: registration.cancel(turn),
    "tonghop": _reasked(lambda turn, args: rollup.command(turn, args[:64])),
    "thongbao": lambda turn, _: broadcast.command(turn),
    "mau": _reasked(lambda turn, _: files.template(turn)),
    "xuat": _reasked(lambda turn, _: files.export_command(turn)),
    "lichics": _reasked(_at_once(files.calendar)),
    "moi": _reasked(lambda turn, args: roles.invite(turn, args[:128])),
    "loimoi": _reasked(lambda turn, args: roles.invitation(turn, args[:128])),
    "quyen": _reasked(lambda turn, _: roles.mine(turn)),
    "datngay": _reasked(lambda turn, args: session_date.command(turn, args[:128])),
    "dashboard": _reasked(lambda turn, _: dashboard.command(turn)),
    "lichbaocao": _reasked(lambda turn, _: speakers.agenda(turn)),
    "duyetbai": _reasked(lambda turn, _: drafts.overview(turn)),
    "hanchot": _reasked(lambda turn, _: deadlines.command(turn)),
    "lich": _reasked(_at_once(schedule.schedule_all)),
    "lichcuatoi": _reasked(lambda turn, _: schedule.my_schedule(turn)),
    "toi": _reasked(_at_once(profile.show)),
    "sua": _at_once(profile.ask_field),
    "xoa": _at_once(profile.ask_erase),
    "help": _reasked(_help),
    "trogiup": _reasked(_help),
}


async def _command(turn: Turn, command: str, args: str) -> list[Reply]:
    action = COMMANDS.get(command)
    if action is not None:
        return await action(turn, args)
    unknown = turn.say("common.unknown_command", command=quote(command, 32))
    return [unknown, await helptext.help_text(turn)]


async def _registration_button(turn: Turn, data: str) -> list[Reply]:
    """reg:…: an answer to the registration or edit step this person is at, or an organiser's
    choice to register as a delegate too."""
    flow = turn.conversation.flow if turn.conversation is not None else None
    if flow in (registration.REGISTER, registration.EDIT):
        return await registration.on_input(turn)
    if data == registration.AS_DELEGATE:
        return await registration.start(turn, "", as_delegate=True)
    if data.startswith(registration.SERIES_BUTTON) and turn.delegate is None:
        number = data.removeprefix(registration.SERIES_BUTTON)
        return await registration.start(turn, f"s{number}_")
    return [turn.say("common.button_expired")]


async def _edit_button(turn: Turn, data: str) -> list[Reply]:
    """sua:<field>: a registered person's own record, one field."""
    field = data.removeprefix("sua:")
    if turn.delegate is not None and field in profile.EDITABLE:
        return await registration.edit(turn, field)
    return [turn.say("common.button_expired")]


async def _choice_button(turn: Turn, data: str) -> list[Reply]:
    return await schedule.on_choice_button(turn, data)


# Button data prefixes, looked up in order (the first that matches acts).
BUTTONS: tuple[tuple[str, Action], ...] = (
    ("reg:", _registration_button),
    ("att:", attendance.on_button),
    (rollup.PREFIX, _reasked(rollup.on_button)),
    (files.PREFIX, _reasked(files.on_export_button)),
    (files.CONFLICT_PREFIX, _reasked(files.on_conflict_button)),
    (broadcast.PREFIX, broadcast.on_button),
    (ACK_PREFIX, _reasked(speakers.on_ack)),
    (drafts.PREFIX, drafts.on_button),
    (DONE_PREFIX, deadlines.on_done_button),
    ("qr:", attendance.qr_code),
    (
        checkin.CONFIRM_PREFIX,
        lambda turn, data: checkin.on_scan(
            turn, data.removeprefix(checkin.CONFIRM_PREFIX), confirmed=True
        ),
    ),
    ("qa:", _reasked(_choice_button)),
    ("sua:", _edit_button),
    ("kenh:", linking.on_choice),
    ("xoa:", lambda turn, data: profile.on_erase_button(turn, data.removeprefix("xoa:"))),
)


async def _button(turn: Turn, data: str) -> list[Reply]:
    for prefix, action in BUTTONS:
        if data.startswith(prefix):
            return await action(turn, data)
    return [turn.say("common.button_expired")]


async def _text(turn: Turn, text: str) -> list[Reply]:
    if turn.conversation is not None and turn.conversation.flow in FREE_TEXT_FLOWS:
        return await _continue(turn)  # an announcement or a comment may be long, and ask things
    if len(text) > MAX_INPUT:
        return _then_reask(turn, [turn.say("common.too_long", limit=MAX_INPUT)])
    if turn.conversation is None:
        return await _free_text(turn, text)
    if turn.conversation.flow in (attendance.ABSENT, attendance.SUBSTITUTE):
        return await _continue(turn)  # the step tells a plain question from its answer itself
    if _asks(turn, text):
        return _then_reask(turn, await schedule.free_text(turn, text))
    return await _continue(turn)


def _asks(turn: Turn, text: str) -> bool:
    """Whether text typed while a step waits is a question rather than the answer: for a name
    or a position only when plainly one ("Cán bộ phụ trách lịch công tác" is a position)."""
    assert turn.conversation is not None
    if turn.conversation.step in registration.FREE_TEXT_STEPS:
        return is_question(text)
    return schedule.looks_like_question(turn, text)


async def _free_text(turn: Turn, text: str) -> list[Reply]:
    """No step waits: attendance said in words, else a question for the schedule reader."""
    offered = await attendance.offer_from_words(turn, text)
    if offered is not None:
        return offered
    return await schedule.free_text(turn, text)


def _then_reask(turn: Turn, replies: list[Reply]) -> list[Reply]:
    """People ask before they answer: reply, then ask the pending step again."""
    if turn.conversation is None:
        return replies
    return [*replies, _prompt(turn)]
