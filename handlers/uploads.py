"""The checks every file sent in the chat passes before anything of it is stored: the plan's
size limit and file types (drafts of talks, files owed by a deadline)."""

from __future__ import annotations

from pathlib import PurePath

from bot.messages import Reply
from handlers.context import Turn


def refusal(turn: Turn) -> Reply | None:
    """Why this document cannot be taken, or None when it can."""
    inbound, rules = turn.inbound, turn.plan.series.speaking
    limit_mb = f"{rules.document_max_bytes / 1024 / 1024:g}"
    if inbound.too_large or len(inbound.content or b"") > rules.document_max_bytes:
        return turn.say("uploads.too_large", limit=limit_mb)
    suffix = PurePath(inbound.text).suffix.lower().lstrip(".")
    if suffix not in rules.document_types:
        allowed = ", ".join(f".{kind}" for kind in rules.document_types)
        return turn.say("uploads.wrong_type", allowed=allowed)
    if not inbound.content:
        return turn.say("uploads.unreadable")
    return None


def file_name(turn: Turn) -> str:
    """The sent file's name, kept short and without folders."""
    name = PurePath(turn.inbound.text.replace("\\", "/")).name.strip()
    return name[-120:] or "tep"
