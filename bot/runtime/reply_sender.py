"""Direct replies to what someone just did, in order, through the channel's transport, ahead
of the outbox within the same budget of the bot token (`Pacer`).

A transient fault (a dropped connection, a 5xx, a request that stalled past its timeout) is
tried again a few times, quickly; a short 429 is waited out. What still has not gone is queued
in the outbox, in order, where the sender keeps trying with its own backoff, across restarts:
a reply is never lost to the network. A request that timed out may have arrived all the same,
so a reply can, rarely, come twice; never not at all.

On a worker that does not send for the bot token (another worker holds its budget, see
bot/runtime/outbox.py), replies go to the outbox at once, first in line for that worker."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bot.domain.messages import Inbound, Reply
from bot.runtime.outbox import Delivery, Limits, Pacer, Transport
from storage.db import StorageUnavailable

log = logging.getLogger(__name__)
Defer = Callable[[Inbound, Sequence[Reply]], Awaitable[None]]


@dataclass(frozen=True)
class Retries:
    attempts: int = 3  # tries of one reply before it goes to the outbox
    backoff: float = 0.5  # seconds before the second try, doubled after each
    longest_wait: float = 10.0  # a longer 429 sends the reply to the outbox instead


class ReplySender:
    def __init__(self, transport: Transport, defer: Defer, retries: Retries | None = None) -> None:
        self.transport, self.defer = transport, defer
        self.retries = retries or Retries()
        # the bot token's budget; the runtime hands over the outbox's, so that both share it
        self.pacer = Pacer(Limits())

    async def send(self, inbound: Inbound, replies: Sequence[Reply]) -> None:
        if not self.pacer.here:
            await self._queue(inbound, replies, None)
            return
        for index, reply in enumerate(replies):
            delivery = await self._deliver(inbound.chat_id, reply)
            if delivery.outcome in ("transient", "retry_after"):
                await self._queue(inbound, replies[index:], delivery)
                return
            if delivery.outcome == "blocked":
                log.info("a chat blocked the bot; reply dropped")
                return
            if delivery.outcome == "refused":
                log.warning("reply refused by the platform: %s", delivery.error)

    async def _deliver(self, chat_id: str, reply: Reply) -> Delivery:
        delivery = Delivery("transient")
        for attempt in range(self.retries.attempts):
            if attempt:
                await asyncio.sleep(self.retries.backoff * 2 ** (attempt - 1))
            async with self.pacer.request(first=True):
                delivery = await self.transport.deliver(chat_id, reply)
            wait = delivery.retry_after
            if delivery.outcome == "retry_after" and wait <= self.retries.longest_wait:
                log.warning("rate limited for %s s (attempt %d)", wait, attempt + 1)
                await asyncio.sleep(wait)
                continue
            if delivery.outcome != "transient":
                return delivery
        return delivery

    async def _queue(
        self, inbound: Inbound, replies: Sequence[Reply], last: Delivery | None
    ) -> None:
        """Replies to the outbox; `last`: why they were not sent here (None: another worker
        sends for the bot token)."""
        try:
            await self.defer(inbound, replies)
        except StorageUnavailable:
            log.error("%d replies to %s lost: not sent, and the database is not writable",
                      len(replies), inbound.chat_id)
            return
        except Exception:
            log.exception(
                "%d replies to %s lost: not sent, not queued", len(replies), inbound.chat_id
            )
            return
        if last is None:
            return
        log.warning(
            "%d replies to %s queued in the outbox after %s: %s",
            len(replies),
            inbound.chat_id,
            last.outcome,
            last.error,
        )
