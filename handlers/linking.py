"""One person, two apps: /lienket gives a short code in one app and takes it in the other, so
that both accounts share one delegate record; /kenh chooses the app reminders come on."""

from __future__ import annotations

import secrets
from datetime import timedelta

from bot.domain.messages import Button, Reply
from bot.services.numbers import as_number
from handlers import codes
from handlers.context import Turn

CODE_MINUTES = 15
LINK_CODES = "link"  # the kind of code, for the attempt limits


def _app(turn: Turn, channel: str) -> str:
    return turn.text(f"channel.{channel}")


async def link(turn: Turn, args: str) -> list[Reply]:
    code = args.strip()
    if not code:
        return await _give_code(turn)
    if turn.delegate is not None:
        return [turn.say("link.already_registered", name=turn.delegate.full_name)]
    refused = await codes.refusal(turn, LINK_CODES)
    if refused is not None:
        return refused
    valid = len(code) == 6 and as_number(code) is not None
    delegate_id = (
        await turn.services.links.redeem(code, turn.account.id, turn.now) if valid else None
    )
    turn.delegate = await turn.services.delegates.get(delegate_id) if delegate_id else None
    if turn.delegate is None:
        await codes.wrong(turn, LINK_CODES)
        return [turn.say("link.invalid")]
    return [
        turn.say("link.done", name=turn.delegate.full_name, app=_app(turn, turn.inbound.channel))
    ]


async def _give_code(turn: Turn) -> list[Reply]:
    if turn.delegate is None:
        return [turn.say("link.register_first")]
    code = f"{secrets.randbelow(1_000_000):06d}"
    expires = turn.now + timedelta(minutes=CODE_MINUTES)
    await turn.services.links.create(code, turn.delegate.id, turn.account.id, expires)
    return [turn.say("link.code", code=code, minutes=CODE_MINUTES)]


async def choose_app(turn: Turn) -> list[Reply]:
    """/kenh: the apps linked to my record, as buttons."""
    if turn.delegate is None:
        return [turn.say("profile.not_registered")]
    accounts = await turn.services.accounts.of_delegate(turn.delegate.id)
    current = next((a for a in accounts if a.preferred), accounts[0])
    if len(accounts) < 2:
        return [turn.say("link.only_one", app=_app(turn, current.channel))]
    buttons = tuple((Button(_app(turn, a.channel), f"kenh:{a.id}"),) for a in accounts)
    return [turn.say("link.choose", app=_app(turn, current.channel), buttons=buttons)]


async def on_choice(turn: Turn, data: str) -> list[Reply]:
    """kenh:<account id>: only one of the presser's own accounts can be chosen."""
    number = as_number(data.removeprefix("kenh:"))
    if turn.delegate is None or number is None:
        return [turn.say("common.button_expired")]
    accounts = await turn.services.accounts.of_delegate(turn.delegate.id)
    chosen = next((a for a in accounts if a.id == number), None)
    if chosen is None:
        return [turn.say("common.button_expired")]
    await turn.services.accounts.prefer(turn.delegate.id, chosen.id)
    return [turn.say("link.chosen", app=_app(turn, chosen.channel))]
