"""What the runtime needs of a channel."""

from __future__ import annotations

from typing import Protocol

from bot.domain.messages import Reply
from bot.runtime.outbox import Pacer, Transport


class Channel(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def transport(self) -> Transport:
        """How the outbox sender reaches this platform."""
        ...

    def share_budget(self, pacer: Pacer) -> None:
        """Direct replies draw on `pacer`, the outbox's budget for this bot token, first."""
        ...

    async def post(self, chat_id: str, reply: Reply) -> str | None:
        """Send one message outside the outbox (progress of a broadcast); its platform id,
        or None when it could not be sent or the platform gives none."""
        ...

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        """Change a message sent by `post`; False when the platform cannot edit (the caller
        then posts a new message instead, sparingly)."""
        ...

    async def sync_menus(self) -> None:
        """Bring each person's command menu in line with the roles they hold now (a platform
        without command menus does nothing)."""
        ...
