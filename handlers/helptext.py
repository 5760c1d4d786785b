"""/trogiup: how to ask, and the commands this person has (their roles' included)."""

from __future__ import annotations

from bot.domain.messages import Reply
from bot.services.menus import commands_for
from handlers.context import Turn


async def help_text(turn: Turn) -> Reply:
    grants = await turn.services.roles.of(turn.inbound.channel, turn.inbound.user_id)
    commands = ("start", *commands_for(grant.role for grant in grants))
    lines = "\n".join(
        turn.text("common.help_line", command=name, description=turn.text(f"menu.{name}"))
        for name in commands
    )
    return turn.say("common.help", commands=lines)
