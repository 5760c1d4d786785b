"""What flows between channels and handlers: inbound events and replies, platform-free."""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from bot.domain import Venue

InboundKind = Literal[
    "text", "command", "button", "contact", "location", "document", "unsupported", "edited"
]


@dataclass(frozen=True)
class Inbound:
    """One thing a person did: typed, pressed, shared. `text` holds the text, the command's
    arguments or the pressed button's data, by kind."""

    channel: str
    user_id: str
    chat_id: str
    kind: InboundKind
    text: str = ""
    command: str = ""
    display_name: str = ""
    private: bool = True
    phone: str = ""
    contact_user_id: str = ""
    latitude: float | None = None
    longitude: float | None = None
    # A sent document's bytes (kind "document"), or the way to download them, used only once
    # the sender may import (a stranger's files are never fetched); too_large: refused unread.
    content: bytes | None = None
    too_large: bool = False
    download: Callable[[], Awaitable[bytes | None]] | None = field(
        default=None, compare=False, repr=False
    )

    async def document_content(self) -> bytes | None:
        """The document's bytes, downloaded now if they were not sent along; None: unreadable."""
        if self.content is None and self.download is not None:
            return await self.download()
        return self.content


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class ContactRequest:
    """Ask for the phone number: a share-contact button where the platform has one."""

    share_label: str
    skip_label: str


@dataclass(frozen=True)
class Photo:
    filename: str
    content: bytes


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    contact_request: ContactRequest | None = None
    venue: Venue | None = None
    remove_keyboard: bool = False
    photo: Photo | None = None
    document: Photo | None = None  # a file (XLSX, CSV, .ics) with the text as its caption


def _file_json(file: Photo) -> dict[str, str]:
    return {"filename": file.filename, "content": base64.b64encode(file.content).decode()}


def _file_from_json(data: dict[str, str] | None) -> Photo | None:
    return Photo(data["filename"], base64.b64decode(data["content"])) if data else None


def reply_to_json(reply: Reply) -> str:
    """A reply as stored in the outbox (a photo's or a document's bytes in base64)."""
    data = asdict(reply)
    for name, file in (("photo", reply.photo), ("document", reply.document)):
        if file is not None:
            data[name] = _file_json(file)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def reply_from_json(payload: str) -> Reply:
    data: dict[str, Any] = json.loads(payload)
    venue, contact = data.get("venue"), data.get("contact_request")
    return Reply(
        text=data["text"],
        buttons=tuple(tuple(Button(**button) for button in row) for row in data["buttons"]),
        contact_request=ContactRequest(**contact) if contact else None,
        venue=Venue(**venue) if venue else None,
        remove_keyboard=data.get("remove_keyboard", False),
        photo=_file_from_json(data.get("photo")),
        document=_file_from_json(data.get("document")),
    )
