"""The one sender: drains the outbox at the platforms' limits.

Of several workers sharing the database, one at a time sends for each bot token (it holds the
lease `sender:<channel>`; when it dies another takes over once the lease expired): the budget
of a token is then one Pacer, in one process; the other workers' direct replies reach it
through the outbox, first in line (`Pacer.here`).

Slots are handed out on the monotonic clock: at most `per_second` messages overall, one per
`chat_interval` to a private chat, one per `group_interval` to a group. A 429 pushes back only
that chat (or everything, when several chats hear 429 at once) for `retry_after`; a 403 marks
the person unreachable; other faults are retried with exponential backoff up to a cap.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal, Protocol

from bot.clock import now_utc
from bot.config import TELEGRAM_RATE
from bot.domain.messages import Reply, reply_from_json
from bot.runtime.leases import Leases, Worker
from storage.db import StorageUnavailable
from storage.leases import LeaseRepository
from storage.outbox import OutboxRepository, OutboxRow

log = logging.getLogger(__name__)
LISTEN_RETRY = 30.0  # seconds between tries to listen again, after one failed
Outcome = Literal["sent", "retry_after", "blocked", "refused", "transient"]


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    retry_after: float = 0.0
    error: str = ""


class Transport(Protocol):
    async def deliver(self, chat_id: str, reply: Reply) -> Delivery: ...


@dataclass(frozen=True)
class Limits:
    per_second: float = TELEGRAM_RATE  # slots: Telegram allows about 30 overall
    # ...and never more than per_second (rounded: 30) requests within any `window` seconds,
    # each counted from its start to its answer (see Pacer)
    window: float = 1.02
    chat_interval: float = 1.0
    group_interval: float = 3.0  # 20 per minute
    backoff_base: float = 1.0
    backoff_cap: float = 300.0
    max_attempts: int = 8
    max_in_flight: int = 64
    poll_interval: float = 1.0


@dataclass
class Pacer:
    """One budget of requests per bot token, shared by the outbox and the direct replies
    (replies first). A request counts against the window from the moment it may start until
    `window` seconds after its answer came back: the platform counts requests on arrival,
    which lies somewhere in between, so no delay on the way (a busy event loop, a slow
    network) can bunch more than the limit into one of its seconds."""

    limits: Limits
    clock: Callable[[], float] = time.monotonic
    next_any: float = 0.0
    next_chat: dict[str, float] = field(default_factory=dict)
    recent_429: deque[tuple[float, str]] = field(default_factory=deque)
    answered: deque[float] = field(default_factory=deque)  # when recent requests came back
    open: int = 0  # requests started and not answered yet
    first_waiting: int = 0  # replies waiting for room: the outbox leaves it to them
    here: bool = True  # this worker sends for the bot token; else replies go by the outbox
    admission: asyncio.Lock = field(default_factory=asyncio.Lock)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    @contextlib.asynccontextmanager
    async def request(self, first: bool = False, count: int = 1) -> AsyncIterator[None]:
        """Room for `count` requests, held until they are answered; `first` (a direct reply)
        goes before every outbox message waiting for room."""
        await self._admit(first, count)
        try:
            yield
        finally:
            self.open -= count
            self.answered.extend([self.clock()] * count)
            self.changed.set()

    async def _admit(self, first: bool, count: int) -> None:
        if first:
            self.first_waiting += count
            try:
                await self._room(count, after_replies=False)
            finally:
                self.first_waiting -= count
                self.changed.set()
            return
        async with self.admission:  # outbox messages take their turns in order
            await self._room(count, after_replies=True)

    async def _room(self, count: int, after_replies: bool) -> None:
        """Wait until `count` more requests fit beside those in the window (and, `after_replies`,
        beside the replies waiting at each look: replies may arrive meanwhile)."""
        limit = max(1, math.floor(self.limits.per_second + 0.5))
        while True:
            now = self.clock()
            while self.answered and self.answered[0] <= now - self.limits.window:
                self.answered.popleft()
            used = self.open + len(self.answered) + (self.first_waiting if after_replies else 0)
            if used + count <= max(limit, count):
                self.open += count
                return
            timeout = self.answered[0] + self.limits.window - now if self.answered else None
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self.changed.wait()

    def slot(self, chat_id: str) -> float:
        """The moment this chat's next message may go, reserving it. A message that waits
        for its own chat (the second of a reminder and its map pin) leaves the overall pace to
        the other chats: were it to take its place in that pace, every chat behind it would
        wait as long too. `request` still keeps every window under the limit."""
        now = self.clock()
        turn = max(now, self.next_any)
        moment = max(turn, self.next_chat.get(chat_id, 0.0))
        if moment == turn:
            self.next_any = moment + 1.0 / self.limits.per_second
        interval = (
            self.limits.group_interval if chat_id.startswith("-") else self.limits.chat_interval
        )
        self.next_chat[chat_id] = moment + interval
        if len(self.next_chat) > 10_000:
            self.next_chat = {c: t for c, t in self.next_chat.items() if t > now}
        return moment

    def too_many(self, chat_id: str, retry_after: float) -> None:
        """A 429: that chat waits; when three chats hear it within a second, everyone waits."""
        now = self.clock()
        self.next_chat[chat_id] = max(self.next_chat.get(chat_id, 0.0), now + retry_after)
        self.recent_429.append((now, chat_id))
        while self.recent_429 and self.recent_429[0][0] < now - 1.0:
            self.recent_429.popleft()
        if len({chat for _, chat in self.recent_429}) >= 3:
            self.next_any = max(self.next_any, now + retry_after)


class OutboxSender:
    def __init__(
        self,
        outbox: OutboxRepository,
        transports: Mapping[str, Transport],
        limits: Limits | None = None,
        leases: Leases | None = None,
    ) -> None:
        self.outbox, self.transports = outbox, transports
        self.limits = limits or Limits()
        self.leases = leases or Leases(LeaseRepository(outbox.db), Worker())
        self._pacers: dict[str, Pacer] = {}
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._runner: asyncio.Task[None] | None = None
        self._stopping = False
        self._deaf = False  # listening for new messages failed (told once)
        self._listen_again = -math.inf  # after a failure, not tried again before then

    def wake(self) -> None:
        self._wake.set()

    def pacer(self, channel: str) -> Pacer:
        """The budget of a channel's bot token, which its direct replies share."""
        return self._pacers.setdefault(channel, Pacer(self.limits))

    async def start(self) -> None:
        await self._claim(0)  # who sends for which bot token, before anyone asks
        requeued = await self.outbox.take_back_own(self.leases.worker.name)
        if requeued:
            log.warning(
                "outbox: %d messages were in flight at the last stop; sending again", requeued
            )
        self._runner = asyncio.create_task(self._run(), name="outbox-sender")

    async def stop(self) -> None:
        """Stop claiming (the loop ends at its next turn, never inside a claim); let the
        messages already handed out finish (bounded). Rows claimed but not sent stay
        'sending' and go back to the queue at this worker's next start, or when their lease
        expires."""
        self._stopping = True
        self._wake.set()
        if self._runner is not None:
            await asyncio.gather(self._runner, return_exceptions=True)
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=10)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for channel in self.transports:  # another worker may send for it at once
            await self.leases.release(f"sender:{channel}")

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    @property
    def alive(self) -> bool:
        """The sending loop runs (it ends only when stopped, or by a bug)."""
        return self._runner is not None and not self._runner.done()

    async def _run(self) -> None:
        """Hand out what is due, then sleep until woken or the next retry. A database that
        cannot be written (it says so once) or any other failure only makes the loop look
        again a little later: the sender must outlive them."""
        while not self._stopping:
            try:
                await self._listen()
                room = self.limits.max_in_flight - len(self._tasks)
                rows = await self._claim(room)
                for row in rows:
                    self._spawn(row)
                full = room <= len(rows)
                if rows and not full:
                    continue  # more may be due
                self._wake.clear()
                # full: a finishing task wakes the loop; empty: the next retry's due time does
                timeout = self.limits.poll_interval if full else await self._idle_for()
            except StorageUnavailable:
                self._wake.clear()
                timeout = self.limits.poll_interval
            except Exception:
                log.exception("outbox: looking for due messages failed")
                self._wake.clear()
                timeout = self.limits.poll_interval
            # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._wake.wait()

    async def _listen(self) -> None:
        """Be woken when any worker queues messages (PostgreSQL), listening anew after a lost
        connection; failing that, the loop's looking every `poll_interval` remains, and
        listening is tried again LISTEN_RETRY seconds later (a connection refused or slow to
        come must not hold up the loop each time)."""
        if time.monotonic() < self._listen_again:
            return
        try:
            await self.outbox.listen(self.wake)
        except StorageUnavailable:
            self._listen_again = time.monotonic() + LISTEN_RETRY
            return  # the claim that follows hears it too
        except Exception as error:
            if not self._deaf:
                log.warning("outbox: not woken by new messages, looking every %s s: %r",
                            self.limits.poll_interval, error)
            self._deaf = True
            self._listen_again = time.monotonic() + LISTEN_RETRY
        else:
            self._deaf = False

    async def _claim(self, room: int) -> list[OutboxRow]:
        """Up to `room` due rows of the bot tokens this worker sends for (it renews its
        leases here, also when there is no room)."""
        held = []
        for channel in self.transports:
            here = await self.leases.hold(f"sender:{channel}")
            self.pacer(channel).here = here
            if here:
                held.append(channel)
        if room <= 0 or not held:
            return []
        worker = self.leases.worker
        return await self.outbox.claim(now_utc(), room, held, worker.name, worker.lease)

    async def _idle_for(self) -> float:
        """Until the next retry falls due (a backoff ending), at most `poll_interval`; rows
        queued by another process are seen within `poll_interval`."""
        due = await self.outbox.next_due()
        if due is None:
            return self.limits.poll_interval
        return min(self.limits.poll_interval, max(0.0, (due - now_utc()).total_seconds()))

    def _spawn(self, row: OutboxRow) -> None:
        slot = self.pacer(row.channel).slot(row.chat_id)
        task = asyncio.create_task(self._send(row, slot))
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._wake.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("outbox task failed", exc_info=task.exception())

    async def _send(self, row: OutboxRow, slot: float) -> None:
        pacer = self.pacer(row.channel)
        await asyncio.sleep(max(0.0, slot - pacer.clock()))
        transport = self.transports.get(row.channel)
        if transport is None:
            await self.outbox.retry_later(
                row.id, now_utc() + timedelta(minutes=5), f"no {row.channel} channel running", False
            )
            return
        try:
            async with pacer.request():
                delivery = await transport.deliver(row.chat_id, reply_from_json(row.payload))
        except Exception as error:  # a transport bug must not lose the message
            log.exception("outbox: %s transport raised", row.channel)
            delivery = Delivery("transient", error=repr(error))
        while True:  # a message sent but not marked would go again after a restart
            try:
                await self._settle(row, delivery)
                return
            except StorageUnavailable:
                await asyncio.sleep(self.limits.poll_interval)

    async def _settle(self, row: OutboxRow, delivery: Delivery) -> None:
        now = now_utc()
        if delivery.outcome == "sent":
            await self.outbox.mark_sent(row.id, now)
        elif delivery.outcome == "retry_after":
            self.pacer(row.channel).too_many(row.chat_id, delivery.retry_after)
            later = now + timedelta(seconds=delivery.retry_after)
            await self.outbox.retry_later(row.id, later, "429", count_attempt=False)
        elif delivery.outcome == "blocked":
            await self.outbox.give_up(row.id, "blocked", delivery.error, now)
        elif delivery.outcome == "refused" or row.attempts + 1 >= self.limits.max_attempts:
            log.warning("outbox: message %d failed for good: %s", row.id, delivery.error)
            await self.outbox.give_up(row.id, "failed", delivery.error, now)
        else:
            delay = min(self.limits.backoff_cap, self.limits.backoff_base * 2**row.attempts)
            await self.outbox.retry_later(
                row.id, now + timedelta(seconds=delay), delivery.error, count_attempt=True
            )
