"""Route one inbound event to the handler of its job and return the replies."""

from __future__ import annotations

from datetime import datetime

from bot.catalog import t
from bot.messages import Inbound, Reply
from bot.services.deadlines import DONE_PREFIX
from bot.services.speaker_reminders import ACK_PREFIX
from handlers import (
    attendance,
    broadcast,
    checkin,
    dashboard,
    deadlines,
    drafts,
    files,
    linking,
    profile,
    registration,
    roles,
    rollup,
    schedule,
    session_date,
    speakers,
)
from handlers.context import Services, Turn

MAX_INPUT = 1000  # longer texts are not a name, a commune or a question
FREE_TEXT_FLOWS = (broadcast.FLOW, drafts.COMMENT_FLOW)


async def route(services: Services, inbound: Inbound, now: datetime) -> list[Reply]:
    plan = await services.plans.current()
    if plan is None:
        return [Reply(t("common.no_plan"))]
    if not inbound.private and not plan.series.allow_groups:
        return [Reply(t("common.private_only"))] if inbound.kind == "command" else []
    account = await services.accounts.touch(
        inbound.channel, inbound.user_id, inbound.chat_id, inbound.display_name, now
    )
    delegate = await services.delegates.get(account.delegate_id) if account.delegate_id else None
    conversation = await services.conversations.get(account.id)
    turn = Turn(inbound, account, delegate, conversation, plan, now, services)
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


async def _command(turn: Turn, command: str, args: str) -> list[Reply]:
    if command == "start" and args.strip().startswith("ci-"):
        return await checkin.on_scan(turn, args.strip()[:64])
    if command == "start" and args.strip().startswith("r-"):
        return _then_reask(turn, await roles.accept(turn, args.strip()[:64]))
    if command == "start":
        return await registration.start(turn, args.strip()[:64])
    if command == "xacnhan":
        return _then_reask(turn, await attendance.confirm_command(turn))
    if command == "lienket":
        return await linking.link(turn, args)
    if command == "kenh":
        return await linking.choose_app(turn)
    if command == "huy":
        return await registration.cancel(turn)
    if command == "tonghop":
        return _then_reask(turn, await rollup.command(turn, args[:64]))
    if command == "thongbao":
        return await broadcast.command(turn)
    if command == "mau":
        return _then_reask(turn, await files.template(turn))
    if command == "xuat":
        return _then_reask(turn, await files.export_command(turn))
    if command == "lichics":
        return _then_reask(turn, files.calendar(turn))
    if command == "moi":
        return _then_reask(turn, await roles.invite(turn, args[:128]))
    if command == "loimoi":
        return _then_reask(turn, await roles.invitation(turn, args[:128]))
    if command == "datngay":
        return _then_reask(turn, await session_date.command(turn, args[:128]))
    if command == "dashboard":
        return _then_reask(turn, await dashboard.command(turn))
    if command == "quyen":
        return _then_reask(turn, await roles.mine(turn))
    if command == "lichbaocao":
        return _then_reask(turn, await speakers.agenda(turn))
    if command == "duyetbai":
        return _then_reask(turn, await drafts.overview(turn))
    if command == "hanchot":
        return _then_reask(turn, await deadlines.command(turn))
    if command in ("lich", "lichcuatoi"):
        replies = schedule.schedule_all(turn) if command == "lich" else schedule.my_schedule(turn)
        return _then_reask(turn, replies)
    if command == "toi":
        return _then_reask(turn, profile.show(turn))
    if command == "sua":
        return profile.ask_field(turn)
    if command == "xoa":
        return profile.ask_erase(turn)
    if command in ("help", "trogiup"):
        return _then_reask(turn, [turn.say("common.help")])
    return [turn.say("common.unknown_command", command=command[:32]), turn.say("common.help")]


async def _button(turn: Turn, data: str) -> list[Reply]:
    if (
        data.startswith("reg:")
        and turn.conversation is not None
        and turn.conversation.flow in (registration.REGISTER, registration.EDIT)
    ):
        return await registration.on_input(turn)
    if data.startswith("att:"):
        return await attendance.on_button(turn, data)
    if data.startswith(rollup.PREFIX):
        return _then_reask(turn, await rollup.on_button(turn, data))
    if data.startswith(files.PREFIX):
        return _then_reask(turn, await files.on_export_button(turn, data))
    if data.startswith(broadcast.PREFIX):
        return await broadcast.on_button(turn, data)
    if data.startswith(ACK_PREFIX):
        return _then_reask(turn, await speakers.on_ack(turn, data))
    if data.startswith(drafts.PREFIX):
        return await drafts.on_button(turn, data)
    if data.startswith(DONE_PREFIX):
        return await deadlines.on_done_button(turn, data)
    if data.startswith("qr:"):
        return await attendance.qr_code(turn, data)
    if data.startswith("qa:"):
        return _then_reask(turn, schedule.on_choice_button(turn, data))
    if data.startswith("sua:") and turn.delegate is not None:
        field = data.removeprefix("sua:")
        if field in profile.EDITABLE:
            return await registration.edit(turn, field)
    if data.startswith("kenh:"):
        return await linking.on_choice(turn, data)
    if data.startswith("xoa:"):
        return await profile.on_erase_button(turn, data.removeprefix("xoa:"))
    return [turn.say("common.button_expired")]


async def _text(turn: Turn, text: str) -> list[Reply]:
    if turn.conversation is not None and turn.conversation.flow in FREE_TEXT_FLOWS:
        return await _continue(turn)  # an announcement or a comment may be long, and ask things
    if len(text) > MAX_INPUT:
        return _then_reask(turn, [turn.say("common.too_long", limit=MAX_INPUT)])
    if turn.conversation is None:
        return schedule.question(turn, text)
    if schedule.looks_like_question(turn, text):
        return _then_reask(turn, schedule.question(turn, text))
    return await _continue(turn)


def _then_reask(turn: Turn, replies: list[Reply]) -> list[Reply]:
    """People ask before they answer: reply, then ask the pending step again."""
    if turn.conversation is None:
        return replies
    return [*replies, _prompt(turn)]
