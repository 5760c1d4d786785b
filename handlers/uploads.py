"""The checks every file sent in the chat passes before anything of it is stored: the plan's
size limit and file types (drafts of talks, files owed by a deadline). The file is fetched
only after its sender was found entitled to send it, and its type looked acceptable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from bot.domain.messages import Reply
from handlers.context import Turn


@dataclass(frozen=True)
class Upload:
    """A file that passed: its name, kept short and without folders, and its bytes."""

    name: str
    content: bytes


async def receive(turn: Turn) -> Upload | Reply:
    """The sent file, or the polite answer saying why it cannot be taken."""
    inbound, rules = turn.inbound, turn.plan.series.speaking
    limit_mb = f"{rules.document_max_bytes / 1024 / 1024:g}"
    if inbound.too_large:
        return turn.say("uploads.too_large", limit=limit_mb)
    suffix = PurePath(inbound.text).suffix.lower().lstrip(".")
    if suffix not in rules.document_types:
        allowed = ", ".join(f".{kind}" for kind in rules.document_types)
        return turn.say("uploads.wrong_type", allowed=allowed)
    content = await inbound.document_content()
    if not content:
        return turn.say("uploads.unreadable")
    if len(content) > rules.document_max_bytes:
        return turn.say("uploads.too_large", limit=limit_mb)
    name = PurePath(inbound.text.replace("\\", "/")).name.strip()
    return Upload(name[-120:] or "tep", content)
