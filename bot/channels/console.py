"""The local demo: the whole bot in a terminal, one person, no network."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import TextIO

from bot.catalog import t
from bot.channels.textual import chosen, render_all
from bot.clock import now_utc
from bot.domain.messages import Button, Inbound, Photo, Reply, reply_from_json
from bot.runtime.core import Core
from bot.services.reminders import ReminderPlanner
from storage.outbox import OutboxRepository

QUIT = {"/thoat", "/quit", "/exit"}
CHANNEL = "console"


def to_inbound(line: str, options: list[Button], user_id: str) -> Inbound:
    text = line.strip()
    button = chosen(text, options) if options else None
    if button is not None:
        return Inbound(CHANNEL, user_id, user_id, "button", text=button.data)
    if text.startswith("/"):
        command, _, args = text[1:].partition(" ")
        return Inbound(CHANNEL, user_id, user_id, "command", text=args, command=command.lower())
    return Inbound(CHANNEL, user_id, user_id, "text", text=text, display_name="console")


class ConsoleChannel:
    def __init__(
        self, core: Core, reader: TextIO, writer: TextIO, user_id: str = "console"
    ) -> None:
        self.core, self.reader, self.writer, self.user_id = core, reader, writer, user_id
        self.options: list[Button] = []
        self.outbox = OutboxRepository(core.db)
        services = core.services
        self.reminders = ReminderPlanner(
            services.plans, services.attendance, self.outbox, services.reminder_offsets
        )

    @staticmethod
    def _save(photo: Photo) -> Path:
        """A terminal cannot show a picture: the PNG goes to a file the user can open."""
        path = Path(tempfile.gettempdir()) / photo.filename
        path.write_bytes(photo.content)
        return path

    def show(self, text: str) -> None:
        self.writer.write(text + "\n")
        self.writer.flush()

    async def run(self, series_title: str, note: str = "") -> None:
        self.show(t("console.banner", series=series_title) + (f"\n{note}" if note else ""))
        while True:
            self.writer.write("> ")
            self.writer.flush()
            line = await asyncio.to_thread(self.reader.readline)
            if not line or line.strip().lower() in QUIT:
                self.show(t("console.bye"))
                return
            if not line.strip():
                continue
            replies = await self.core.handle(to_inbound(line, self.options, self.user_id))
            self._print(replies + await self._due())

    async def _due(self) -> list[Reply]:
        """What the bot would send by itself by now (a reminder due), shown after the answer:
        the one person of the demo needs no scheduler nor sender."""
        now = now_utc()
        await self.reminders.enqueue_due(now)
        replies = []
        for row in await self.outbox.claim(now, limit=100, channels=(CHANNEL,)):
            replies.append(reply_from_json(row.payload))
            await self.outbox.mark_sent(row.id, now)
        return replies

    def _print(self, replies: list[Reply]) -> None:
        texts, self.options = render_all(replies)
        for reply, text in zip(replies, texts, strict=True):
            self.show(text)
            if reply.photo is not None:
                self.show(t("console.photo_saved", path=self._save(reply.photo)))
            if reply.document is not None:
                self.show(t("console.file_saved", path=self._save(reply.document)))
