"""/hanchot: what is owed and by when. An owner (a unit's focal point, a role's holder, a
speaker) sees their items and marks them done ("Đã xong"), sending the file where one is owed;
organisers see every item by owner, the overdue ones first."""

from __future__ import annotations

from itertools import groupby

from bot.domain import ORGANISER_ROLES
from bot.domain.messages import Reply
from bot.services.deadlines import (
    DeadlineState,
    done_button,
    done_data,
    item_text,
    owner_text,
    owners,
    states,
)
from bot.services.plan_state import LoadedPlan
from handlers import uploads
from handlers.context import Turn, paged
from storage.people import Conversation

FILE_FLOW = "deadline_file"


async def _states(turn: Turn, plan: LoadedPlan) -> list[DeadlineState]:
    return states(plan, await turn.services.deadlines.done(plan.series.id))


async def _owes(turn: Turn, plan: LoadedPlan, state: DeadlineState) -> bool:
    holders = await owners(turn.services.roles, state.deadline, plan.series)
    return turn.account.id in {holder.account_id for holder in holders}


def _status(turn: Turn, plan: LoadedPlan, state: DeadlineState) -> str:
    if state.done is not None:
        done_at = state.done.done_at.astimezone(plan.zone)
        return turn.text("deadlines.status.done", date=f"{done_at:%d/%m/%Y}")
    if state.overdue(turn.now.astimezone(plan.zone).date()):
        return turn.text("deadlines.status.overdue")
    return turn.text("deadlines.status.open")


async def command(turn: Turn) -> list[Reply]:
    """/hanchot: in every active series where they owe something or organise (the turn's
    first), each under its title unless it is the turn's series alone."""
    found = [(plan, await _of_series(turn, plan)) for plan in await turn.every_plan()]
    found = [(plan, replies) for plan, replies in found if replies]
    if not found:
        key = "deadlines.none_for_you" if turn.plan.series.deadlines else "deadlines.none_in_plan"
        return [turn.say(key)]
    return turn.by_series(found)


async def _of_series(turn: Turn, plan: LoadedPlan) -> list[Reply]:
    """What they owe in one series, and every item by owner when they organise it."""
    every = await _states(turn, plan)
    replies = [await _item(turn, plan, state) for state in every if await _owes(turn, plan, state)]
    if every and await turn.holds(ORGANISER_ROLES, plan):
        replies.extend(_by_owner(turn, plan, every))
    return replies


async def _item(turn: Turn, plan: LoadedPlan, state: DeadlineState) -> Reply:
    text = f"{item_text(plan, state, turn.locale)}\n{_status(turn, plan, state)}"
    if state.done is not None:
        return Reply(text)
    return Reply(text, buttons=((done_button(plan, state.deadline, turn.locale),),))


def _by_owner(turn: Turn, plan: LoadedPlan, every: list[DeadlineState]) -> list[Reply]:
    """Every item grouped by owner; each owner's overdue items first."""
    today = turn.now.astimezone(plan.zone).date()
    overdue = sum(state.overdue(today) for state in every)
    lines = [turn.text("deadlines.overview_title", overdue=overdue, total=len(every))]

    def owner(state: DeadlineState) -> str:
        return owner_text(plan, state.deadline, turn.locale)

    for name, group in groupby(sorted(every, key=owner), key=owner):
        items = sorted(group, key=lambda s: not s.overdue(today))
        lines.append(f"\n{name}")
        lines.extend(
            turn.text(
                "deadlines.overview_line",
                what=state.deadline.what,
                due=f"{state.due:%d/%m/%Y}" if state.due else turn.text("deadlines.due_unset"),
                status=_status(turn, plan, state),
            )
            for state in items
        )
    return paged(lines)


async def on_done_button(turn: Turn, data: str) -> list[Reply]:
    """ "Đã xong": done now, or first the owed file. The button names the deadline's series
    (by its number; a button made before it did means the turn's series), which then acts."""
    number, wanted = done_data(data)
    plan = turn.plan if number is None else await turn.services.plans.of_num(number)
    if plan is None or not await turn.act_in(plan.series.id):
        return [turn.say("common.button_expired")]
    state = next((s for s in await _states(turn, plan) if s.deadline.id == wanted), None)
    if state is None:
        return [turn.say("common.button_expired")]
    if not await _owes(turn, plan, state):
        return [turn.say("deadlines.not_yours")]
    if state.done is not None:
        return [turn.say("deadlines.already_done", what=state.deadline.what)]
    if state.deadline.file:
        wanting = {"deadline": wanted, "what": state.deadline.what, "series_id": plan.series.id}
        await turn.save_conversation(Conversation(FILE_FLOW, "file", wanting))
        return [prompt(turn)]
    return await _mark(turn, state, None)


def prompt(turn: Turn) -> Reply:
    assert turn.conversation is not None
    rules = turn.plan.series.speaking
    return turn.say(
        "deadlines.ask_file",
        what=turn.conversation.data.get("what", ""),
        allowed=", ".join(f".{kind}" for kind in rules.document_types),
        limit=f"{rules.document_max_bytes / 1024 / 1024:g}",
    )


async def on_file(turn: Turn) -> list[Reply]:
    """The file a deadline owes (anything else asks for it again; /huy gives up). The turn
    acts in the deadline's series: the dialogue names it."""
    assert turn.conversation is not None
    if turn.conversation.data.get("series_id", turn.plan.series.id) != turn.plan.series.id:
        await turn.end_conversation()  # its series was archived meanwhile
        return [turn.say("common.button_expired")]
    if turn.inbound.kind != "document":
        return [prompt(turn)]
    wanted = turn.conversation.data.get("deadline")
    every = await _states(turn, turn.plan)
    state = next((s for s in every if s.deadline.id == wanted), None)
    if state is None or not await _owes(turn, turn.plan, state):
        await turn.end_conversation()
        return [turn.say("deadlines.not_yours")]
    upload = await uploads.receive(turn)
    if isinstance(upload, Reply):
        return [upload, prompt(turn)]
    await turn.end_conversation()
    return await _mark(turn, state, (upload.name, upload.content))


async def _mark(turn: Turn, state: DeadlineState, file: tuple[str, bytes] | None) -> list[Reply]:
    deadline = state.deadline
    if not await turn.services.deadlines.mark_done(
        turn.plan.series.id, deadline.id, turn.who, turn.now, file
    ):
        return [turn.say("deadlines.already_done", what=deadline.what)]
    await turn.audit("deadline_done", deadline=deadline.id, file=file[0] if file else None)
    return [turn.say("deadlines.marked", what=deadline.what)]
