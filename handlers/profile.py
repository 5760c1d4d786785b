"""/toi shows what is stored about me, /sua changes one field, /xoa erases my data."""

from __future__ import annotations

from bot.domain.messages import Button, Inbound, Reply
from bot.services.levels import level_key
from bot.services.people import normalise_phone
from handlers.context import Turn

EDITABLE = ("commune", "name", "position", "category", "phone")


def summary(turn: Turn) -> Reply:
    delegate = turn.delegate
    assert delegate is not None
    category = turn.plan.category(delegate.category_code)
    return turn.say(
        "profile.summary",
        name=delegate.full_name,
        position=delegate.position,
        commune=delegate.commune_name
        or turn.text(level_key("profile.city_level", turn.plan.series.upper_level)),
        category=delegate.category_other
        or (category.label if category else delegate.category_code),
        phone=delegate.phone or turn.text("profile.no_phone"),
    )


def show(turn: Turn) -> list[Reply]:
    if turn.delegate is None:
        return [turn.say("profile.not_registered")]
    return [summary(turn)]


def ask_field(turn: Turn) -> list[Reply]:
    """/sua: which field to change, as buttons."""
    if turn.delegate is None:
        return [turn.say("profile.not_registered")]
    buttons = tuple((turn.button(f"profile.field_{field}", f"sua:{field}"),) for field in EDITABLE)
    return [summary(turn), turn.say("profile.ask_field", buttons=buttons)]


def ask_erase(turn: Turn) -> list[Reply]:
    if turn.delegate is None:
        return [turn.say("profile.nothing_to_erase")]
    buttons = (
        (
            Button(turn.text("profile.erase_yes"), "xoa:yes"),
            Button(turn.text("profile.erase_no"), "xoa:no"),
        ),
    )
    return [turn.say("profile.erase_confirm", buttons=buttons)]


async def on_erase_button(turn: Turn, answer: str) -> list[Reply]:
    """Only the presser's own record is erased, whatever else the button might say."""
    if turn.delegate is None:
        return [turn.say("profile.nothing_to_erase")]
    if answer != "yes":
        return [turn.say("profile.erase_kept")]
    await turn.services.delegates.erase(turn.delegate.id)
    turn.delegate, turn.conversation = None, None
    return [Reply(turn.text("profile.erased"), remove_keyboard=True)]


def is_own_contact(inbound: Inbound) -> bool:
    """A shared contact card is the sender's own (Telegram says whose card it is)."""
    return not inbound.contact_user_id or inbound.contact_user_id == inbound.user_id


async def on_contact(turn: Turn) -> list[Reply]:
    """A registered delegate shares their contact outside a dialogue: update the phone."""
    assert turn.delegate is not None
    if not is_own_contact(turn.inbound):
        return [turn.say("reg.not_own_contact")]
    phone = normalise_phone(turn.inbound.phone)
    if phone is None:
        return [turn.say("reg.invalid_phone")]
    await turn.services.delegates.update(turn.delegate.id, {"phone": phone}, turn.now)
    return [turn.say("profile.phone_updated", phone=phone)]
