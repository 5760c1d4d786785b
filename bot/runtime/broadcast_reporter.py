"""The broadcast reporter: tells the organiser how an announcement is going.

Every `tick` seconds it looks at the broadcasts whose report is not out yet: the first time
it posts a progress message with a cancel button; then it edits it when the numbers changed,
never twice within `min_edit` seconds (on a platform that cannot edit, it posts a new one at
most every `min_post` seconds); when nothing is pending or being sent any more, it writes the
final line and sends the delivery report, with who was not reached, in pages.

Of several workers on one database, the one that sends for the broadcast's bot token reports
(one progress message, one report; another takes over when it dies), within the token's
budget, in turn with the outbox's messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping

from bot.catalog import t
from bot.clock import now_utc
from bot.domain.messages import Button, Reply
from bot.runtime.channel import Channel
from bot.runtime.outbox import Pacer
from bot.services.paging import split_text, utf16_units
from storage.broadcasts import Broadcast, BroadcastRepository
from storage.db import StorageUnavailable

log = logging.getLogger(__name__)
PAGE = 4000  # under Telegram's 4096 UTF-16 units
CANCEL = "bc:cancel:"


def progress_reply(broadcast: Broadcast, counts: Mapping[str, int]) -> Reply:
    done = sum(counts.get(s, 0) for s in ("sent", "blocked", "failed"))
    text = t(
        "broadcast.progress",
        id=broadcast.id,
        done=done,
        total=broadcast.total,
        sent=counts.get("sent", 0),
        blocked=counts.get("blocked", 0),
        failed=counts.get("failed", 0),
    )
    button = Button(t("broadcast.cancel_button"), f"{CANCEL}{broadcast.id}")
    return Reply(text, buttons=((button,),))


def final_reply(broadcast: Broadcast, counts: Mapping[str, int]) -> Reply:
    key = "broadcast.final_cancelled" if broadcast.status == "cancelled" else "broadcast.final"
    return Reply(
        t(
            key,
            id=broadcast.id,
            sent=counts.get("sent", 0),
            total=broadcast.total,
            skipped=counts.get("skipped", 0),
        )
    )


def report_pages(
    broadcast: Broadcast, counts: Mapping[str, int], missed: list[tuple[str, str, str]]
) -> list[str]:
    lines = [
        t(
            "broadcast.report",
            id=broadcast.id,
            sent=counts.get("sent", 0),
            blocked=counts.get("blocked", 0),
            failed=counts.get("failed", 0),
            skipped=counts.get("skipped", 0),
            unreachable=len(broadcast.unreachable),
        )
    ]
    if missed:
        lines += ["", t("broadcast.report_missed", count=len(missed))]
        for n, (why, name, phone) in enumerate(missed, 1):
            lines.append(
                t(
                    "broadcast.report_line",
                    n=n,
                    name=name,
                    phone=phone or "—",
                    why=t(f"broadcast.why.{why}"),
                )
            )
    pages = split_text("\n".join(lines), PAGE, utf16_units)
    if len(pages) == 1:
        return pages
    return [f"{page}\n({n}/{len(pages)})" for n, page in enumerate(pages, 1)]


class Paced:
    """A channel's posts and edits, each within the bot token's budget, in turn with the
    outbox's messages (asking to go first, a post waited past 10 s behind 5,000 messages at
    400 a second on a loaded machine: tests/test_broadcast_e2e.py)."""

    def __init__(self, channel: Channel, pacer: Pacer) -> None:
        self.channel, self.pacer = channel, pacer

    async def post(self, chat_id: str, reply: Reply) -> str | None:
        async with self.pacer.request():
            return await self.channel.post(chat_id, reply)

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        async with self.pacer.request():
            return await self.channel.edit(chat_id, message_id, reply)


class BroadcastReporter:
    def __init__(
        self,
        broadcasts: BroadcastRepository,
        channels: Mapping[str, Channel],
        budget: Callable[[str], Pacer],
        tick: float = 1.0,
        min_edit: float = 3.0,
        min_post: float = 30.0,
    ) -> None:
        self.broadcasts, self.channels, self.budget = broadcasts, channels, budget
        self.tick, self.min_edit, self.min_post = tick, min_edit, min_post
        self._last: dict[int, tuple[float, tuple[int, ...]]] = {}
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="broadcast-reporter")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        while True:
            try:
                await self.turn()
            except StorageUnavailable:
                pass  # told once by the database; the next turn tries again
            except Exception:
                log.exception("broadcast reporter turn failed")
            await asyncio.sleep(self.tick)

    async def turn(self) -> None:
        for broadcast in await self.broadcasts.open():
            channel = self.channels.get(broadcast.channel)
            if channel is None:
                await self._settle_unreported(broadcast)
            elif self.budget(broadcast.channel).here:
                await self._report(Paced(channel, self.budget(broadcast.channel)), broadcast)

    async def _settle_unreported(self, broadcast: Broadcast) -> None:
        """A broadcast with no chat to report to (`hoinghi broadcast`): finished once settled,
        so that it leaves the open ones; `hoinghi broadcast --status` tells its outcome."""
        counts = await self.broadcasts.counts(broadcast.id)
        if not counts.get("pending") and not counts.get("sending"):
            await self.broadcasts.finish(broadcast.id, now_utc())

    async def _report(self, channel: Paced, broadcast: Broadcast) -> None:
        counts = await self.broadcasts.counts(broadcast.id)
        now = time.monotonic()
        numbers = tuple(sorted(counts.items()))
        settled = not counts.get("pending") and not counts.get("sending")
        key = tuple(n for _, n in numbers)
        if broadcast.progress_id is None and broadcast.id not in self._last:
            message_id = await channel.post(broadcast.chat_id, progress_reply(broadcast, counts))
            self._last[broadcast.id] = (now, key)
            if message_id is not None:
                await self.broadcasts.set_progress(broadcast.id, message_id)
            return  # the next turn edits, at least `tick` later
        last_at, last_key = self._last.get(broadcast.id, (0.0, ()))
        if settled:
            if now - last_at < self.min_edit:
                return  # keep edits apart, even the last one
            await self._show(channel, broadcast, final_reply(broadcast, counts), final=True)
            await self.broadcasts.finish(broadcast.id, now_utc())
            missed = await self.broadcasts.not_reached(broadcast)
            for page in report_pages(broadcast, counts, missed):
                await channel.post(broadcast.chat_id, Reply(page))
            self._last.pop(broadcast.id, None)
            return
        if key == last_key:
            return
        shown = await self._show(
            channel, broadcast, progress_reply(broadcast, counts), final=False, since=now - last_at
        )
        if shown:
            self._last[broadcast.id] = (now, key)

    async def _show(
        self,
        channel: Paced,
        broadcast: Broadcast,
        reply: Reply,
        final: bool,
        since: float = float("inf"),
    ) -> bool:
        if broadcast.progress_id is not None:
            if since < self.min_edit:
                return False
            with contextlib.suppress(Exception):
                if await channel.edit(broadcast.chat_id, broadcast.progress_id, reply):
                    return True
        if final or since >= self.min_post:
            await channel.post(broadcast.chat_id, reply)
            return True
        return False
