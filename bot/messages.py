"""What flows between channels and handlers: inbound events and replies, platform-free."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
class Reply:
    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    contact_request: ContactRequest | None = None
    venue: Venue | None = None
    remove_keyboard: bool = False
