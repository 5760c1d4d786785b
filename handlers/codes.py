"""Guessable codes in the chat (/lienket, role invites, check-in scans) take a limited number
of wrong tries: while the limit holds, no code is even looked at."""

from __future__ import annotations

from bot.domain.messages import Reply
from bot.services.attempts import minutes
from handlers.context import Turn


async def refusal(turn: Turn, kind: str) -> list[Reply] | None:
    """The polite refusal while this account (or everyone) must wait; None: it may try."""
    inbound = turn.inbound
    wait = await turn.services.attempts.wait(kind, inbound.channel, inbound.user_id, turn.now)
    if wait is None:
        return None
    return [turn.say("common.too_many_codes", minutes=minutes(wait))]


async def wrong(turn: Turn, kind: str) -> None:
    """A wrong code of `kind` from this account, counted (and audited when it trips a limit)."""
    inbound = turn.inbound
    await turn.services.attempts.failed(kind, inbound.channel, inbound.user_id, turn.now)
