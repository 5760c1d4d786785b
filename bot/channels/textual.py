"""Rendering for platforms without buttons: choices become numbered lines, and a typed number
(or the choice's words) presses the button again."""

from __future__ import annotations

from collections.abc import Sequence

from bot.catalog import t
from bot.domain.messages import Button, Reply
from bot.services.numbers import as_number
from bot.services.vntext import fold


def render(reply: Reply, locale: str = "vi", first: int = 1) -> tuple[str, list[Button]]:
    """The reply as plain text, and its buttons in the order of their numbers (from `first`)."""
    venue = reply.venue
    if venue is not None and venue.has_coordinates:
        pin = t(
            "options.map_pin",
            locale,
            name=venue.name,
            address=venue.address,
            latitude=venue.latitude,
            longitude=venue.longitude,
        )
        return pin, []
    lines = [reply.text]
    options = [button for row in reply.buttons for button in row]
    if options:
        lines.append(t("options.choose_by_number", locale))
        lines.extend(f"  {n}. {button.label}" for n, button in enumerate(options, first))
    if reply.contact_request is not None:
        lines.append(t("options.contact_hint", locale, skip=reply.contact_request.skip_label))
    return "\n".join(lines), options


def render_all(replies: Sequence[Reply], locale: str = "vi") -> tuple[list[str], list[Button]]:
    """Replies to one message, numbered on from one reply to the next, so that every number
    the person sees picks one choice."""
    texts: list[str] = []
    options: list[Button] = []
    for reply in replies:
        text, more = render(reply, locale, first=len(options) + 1)
        texts.append(text)
        options.extend(more)
    return texts, options


def chosen(text: str, options: Sequence[Button]) -> Button | None:
    """The option a typed answer picks: its number, or its label with or without diacritics."""
    answer = fold(text).rstrip(".")
    number = as_number(answer, max_digits=3)
    if number is not None and 1 <= number <= len(options):
        return options[number - 1]
    return next((button for button in options if fold(button.label) == answer), None)
