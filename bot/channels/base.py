"""What the runtime needs of a channel."""

from __future__ import annotations

from typing import Protocol

from bot.outbox import Transport


class Channel(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def transport(self) -> Transport:
        """How the outbox sender reaches this platform."""
        ...
