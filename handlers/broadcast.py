"""/thongbao: an announcement to many delegates, through the outbox.

The dialogue (flow 'broadcast'): the text, then the audience (everyone, a session and the
answers wanted, a commune, a unit or category), then a preview with the head count, then
"Gửi". Who may do it is read from the roles table at every step, never from a button; a
focal point's audience is always cut to their own scopes, and a commune or unit outside them
is refused. Progress, cancel and the delivery report: bot/runtime/broadcast_reporter.py and
`cancel` here."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.domain import session_order
from bot.domain.messages import Button, Reply, reply_to_json
from bot.services import audiences
from bot.services.invites import scope_text
from bot.services.numbers import as_number
from bot.services.vntext import without_controls
from handlers.context import Turn, paged
from handlers.roles import Scopes, organiser_scope
from storage.broadcasts import Audience, Member
from storage.people import Conversation

FLOW, PREFIX, CANCEL = "broadcast", "bc:", "bc:cancel:"
MAX_TEXT = 3500
ANSWERS = ("all", "confirmed", "declined", "none", "unreachable")
Rows = tuple[tuple[Button, ...], ...]


async def _refused(turn: Turn) -> list[Reply]:
    return await turn.refusal("broadcast.organisers_only", "a broadcast request")


async def command(turn: Turn) -> list[Reply]:
    if not (await organiser_scope(turn))[0]:
        return await _refused(turn)
    await turn.save_conversation(Conversation(FLOW, "text", {}))
    return [prompt(turn)]


def prompt(turn: Turn) -> Reply:
    """The question of the current step, asked again."""
    assert turn.conversation is not None
    step, data = turn.conversation.step, turn.conversation.data
    if step == "text":
        return turn.say("broadcast.ask_text", limit=MAX_TEXT)
    if step == "audience":
        kinds = ("all", "session", "commune", "unit")
        rows = tuple((turn.button(f"broadcast.aud.{k}", f"bc:aud:{k}"),) for k in kinds)
        return turn.say("broadcast.ask_audience", buttons=rows)
    if step == "session":
        rows = tuple(
            (Button(turn.plan.answerer.label(s, turn.locale), f"bc:ses:{s.num}"),)
            for s in sorted(turn.plan.series.sessions, key=session_order)
        )
        return turn.say("broadcast.ask_session", buttons=rows)
    if step == "answer":
        rows = tuple((turn.button(f"broadcast.ans.{a}", f"bc:ans:{a}"),) for a in ANSWERS)
        return turn.say("broadcast.ask_answer", buttons=rows)
    if step == "commune":
        return turn.say("broadcast.ask_commune")
    if step == "unit":
        rows = tuple(
            (Button(c.label, f"bc:unit:{n}"),) for n, c in enumerate(turn.plan.series.categories)
        )
        return turn.say("broadcast.ask_unit", buttons=rows)
    return Reply(str(data.get("preview", "")), buttons=_preview_buttons(turn))


def _preview_buttons(turn: Turn) -> Rows:
    return (
        (
            turn.button("broadcast.send_button", "bc:send"),
            turn.button("broadcast.stop_button", "bc:stop"),
        ),
    )


async def on_input(turn: Turn) -> list[Reply]:
    """Typed text in the dialogue: the announcement, or a commune's name."""
    assert turn.conversation is not None
    allowed_now, scopes = await organiser_scope(turn)
    if not allowed_now:
        await turn.end_conversation()
        return await _refused(turn)
    step, data = turn.conversation.step, dict(turn.conversation.data)
    text = without_controls(turn.inbound.text).strip()
    if step == "text":
        if not text or len(text) > MAX_TEXT:
            return [turn.say("broadcast.text_length", limit=MAX_TEXT)]
        data["text"] = text
        return await _goto(turn, "audience", data)
    if step == "commune":
        match = turn.plan.communes.match(text)
        if match.commune is not None:
            return await _choose(turn, data, scopes, commune=match.commune.code)
        if match.candidates:
            rows = tuple((Button(c.name, f"bc:com:{c.code}"),) for c in match.candidates[:8])
            return [turn.say("broadcast.ask_commune", buttons=rows)]
        return [turn.say("broadcast.commune_unknown")]
    return [prompt(turn)]


async def on_button(turn: Turn, data: str) -> list[Reply]:
    allowed_now, scopes = await organiser_scope(turn)
    if not allowed_now:
        return await _refused(turn)
    if data.startswith(CANCEL):
        return await cancel(turn, data.removeprefix(CANCEL))
    conversation = turn.conversation
    if conversation is None or conversation.flow != FLOW:
        return [turn.say("common.button_expired")]
    state, step = dict(conversation.data), conversation.step
    kind, _, value = data.removeprefix(PREFIX).partition(":")
    if kind == "aud" and step == "audience":
        if value == "all":
            return await _choose(turn, state, scopes)
        if value in ("session", "commune", "unit"):
            return await _goto(turn, value, state)
    if kind == "ses" and step == "session":
        session = turn.session_named(value)
        if session is not None:
            state["session"] = session.num
            return await _goto(turn, "answer", state)
    if kind == "ans" and step == "answer" and value in ANSWERS:
        return await _choose(turn, state, scopes, session=state.get("session"), answer=value)
    number = as_number(value)
    commune = turn.plan.communes.by_code(number) if number is not None else None
    if kind == "com" and step == "commune" and commune is not None:
        return await _choose(turn, state, scopes, commune=commune.code)
    if kind == "unit" and step == "unit" and number is not None:
        categories = turn.plan.series.categories
        if number < len(categories):
            return await _choose(turn, state, scopes, unit=categories[number].code)
    if kind == "send" and step == "preview":
        return await _send(turn, state, scopes)
    if kind == "stop" and step == "preview":
        await turn.end_conversation()
        return [turn.say("broadcast.dropped")]
    return [turn.say("common.button_expired")]


async def _goto(turn: Turn, step: str, data: dict[str, Any]) -> list[Reply]:
    await turn.save_conversation(Conversation(FLOW, step, data))
    return [prompt(turn)]


async def _choose(turn: Turn, state: dict[str, Any], scopes: Scopes, **choice: Any) -> list[Reply]:
    """The audience is chosen: check it against the scopes, count it, show the preview."""
    out = _outside(choice, scopes)
    if out:
        where = ", ".join(scope_text(turn.plan, s, turn.locale) for s in scopes or ())
        return [turn.say("broadcast.out_of_scope", scope=where)]
    state = {k: v for k, v in state.items() if k in ("text",)} | {"choice": choice}
    members = await _members(turn, choice, scopes)
    if members is None:
        return [turn.say("common.button_expired")]
    reachable = sum(1 for m in members if m.account_id is not None)
    state["preview"] = turn.text(
        "broadcast.preview",
        text=state["text"],
        who=audiences.describe(turn.plan, choice, scopes, turn.locale),
        count=len(members),
        reachable=reachable,
        unreachable=len(members) - reachable,
    )
    return await _goto(turn, "preview", state)


def _outside(choice: dict[str, Any], scopes: Scopes) -> bool:
    if scopes is None:
        return False
    if "commune" in choice:
        return f"commune:{choice['commune']}" not in scopes
    if "unit" in choice:
        return f"unit:{choice['unit']}" not in scopes
    return False


async def _members(turn: Turn, choice: dict[str, Any], scopes: Scopes) -> list[Member] | None:
    """The delegates chosen, always within the organiser's series and scopes."""
    audience = Audience(scopes=scopes)
    if "session" in choice:
        session = turn.session_by_num(int(choice["session"]))
        if session is None:
            return None
        audience = Audience(session=session, answer=str(choice.get("answer", "all")), scopes=scopes)
    elif "commune" in choice:
        audience = Audience(commune_code=int(choice["commune"]), scopes=scopes)
    elif "unit" in choice:
        audience = Audience(unit=str(choice["unit"]), scopes=scopes)
    within_series = replace(audience, series_id=turn.plan.series.id)
    return await turn.services.broadcasts.members(within_series)


async def _send(turn: Turn, state: dict[str, Any], scopes: Scopes) -> list[Reply]:
    choice = dict(state.get("choice", {}))
    members = await _members(turn, choice, scopes)
    if members is None or _outside(choice, scopes):
        await turn.end_conversation()
        return [turn.say("common.button_expired")]
    if not any(m.account_id is not None for m in members):
        await turn.end_conversation()
        return _to_call(turn, members, with_phones=scopes is None)
    inbound = turn.inbound
    audience: dict[str, object] = {
        **choice,
        "scopes": list(scopes) if scopes else None,
        "series_id": turn.plan.series.id,
    }
    broadcast_id, queued = await turn.services.broadcasts.create(
        inbound.channel,
        inbound.user_id,
        inbound.chat_id,
        str(state["text"]),
        audience,
        members,
        reply_to_json(Reply(turn.text("broadcast.framed", text=str(state["text"])))),
        turn.now,
    )
    # only now: should the database refuse the broadcast, the preview stays, to send again
    await turn.end_conversation()
    await turn.audit(
        "broadcast", id=broadcast_id, audience=audience, queued=queued, people=len(members)
    )
    return [turn.say("broadcast.queued", id=broadcast_id, count=queued)]


def _to_call(turn: Turn, members: list[Member], with_phones: bool) -> list[Reply]:
    """Nobody in the audience has a chat that reaches them: the list to call instead (phone
    numbers for organisers only), in pages."""
    lines = [turn.text("broadcast.nobody")]
    if members:
        lines += ["", turn.text("broadcast.report_missed", count=len(members))]
        why = turn.text("broadcast.why.unreachable")
        lines += [
            turn.text(
                "broadcast.report_line",
                n=n,
                name=m.full_name,
                phone=(m.phone if with_phones else "") or "—",
                why=why,
            )
            for n, m in enumerate(members, 1)
        ]
    return paged(lines)


async def cancel(turn: Turn, value: str) -> list[Reply]:
    """bc:cancel:<id>, by its creator or an admin: the unsent rows are skipped."""
    number = as_number(value)
    if number is None:
        return [turn.say("common.button_expired")]
    broadcasts = turn.services.broadcasts
    broadcast = await broadcasts.get(number)
    if broadcast is None:
        return [turn.say("common.button_expired")]
    inbound = turn.inbound
    creator = (broadcast.channel, broadcast.creator) == (inbound.channel, inbound.user_id)
    if not creator and not await turn.holds(("admin",)):
        return await _refused(turn)
    skipped = await broadcasts.cancel(broadcast.id)
    if skipped is None:
        return [turn.say("broadcast.not_sending")]
    await turn.audit("broadcast_cancel", id=broadcast.id, skipped=skipped)
    return [turn.say("broadcast.cancelled", id=broadcast.id, skipped=skipped)]
