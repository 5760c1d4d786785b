"""Registration: consent, commune, full name, position, category, phone; also the one-field
edits of /sua.

A dialogue is a list of steps still to ask (`todo`) and the answers so far, kept in the
database so that a restart or a question asked in between loses nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.domain import Category
from bot.domain.messages import Button, ContactRequest, Inbound, Reply
from bot.services.categories import match_category
from bot.services.levels import level_key
from bot.services.numbers import as_number
from bot.services.people import (
    lacks_diacritics,
    normalise_free_text,
    normalise_name,
    normalise_phone,
    normalise_position,
    with_workplace,
)
from bot.services.vntext import fold, quote
from handlers.context import Turn
from handlers.profile import is_own_contact, summary
from storage.people import Conversation

REGISTER, EDIT = "register", "edit"
CITY_GROUP, COMMUNE_GROUP = "city", "commune"
OTHER = "other"
SKIP_WORDS = {"bo qua", "khong", "skip", "bo", "bo qua buoc nay"}
AGREE_WORDS = {"dong y", "co", "yes", "ok", "i agree", "agree"}
DISAGREE_WORDS = {"khong", "khong dong y", "no", "i do not agree"}
COMMUNE_PAYLOAD, UNIT_PAYLOAD, PERSON_PAYLOAD = "c", "u", "p"
SERIES_PREFIX = re.compile(r"^s(\d{1,6})_(.*)$")  # s<series number>_<invite>: a series' link
SERIES_BUTTON = "reg:series:"
AS_DELEGATE = "reg:delegate"
ROLE_HOLDERS = ("admin", "organiser", "focal", "speaker", "reviewer")
FREE_TEXT_STEPS = ("name", "position", "category_other")  # answers in the person's own words


async def start(turn: Turn, payload: str, as_delegate: bool = False) -> list[Reply]:
    """/start, maybe with an invite payload: c-<commune code>, u-<category code>, or
    p-<personal code> of a delegate imported by their unit, each maybe after s<series
    number>_ (the series' own links). Organisers, focal points and speakers are not delegates
    unless they choose to register as one. With several series active, an unlinked /start
    asks first which one; a registered person who opens another series' link joins it."""
    series_link = SERIES_PREFIX.match(payload)
    if series_link is not None:
        payload = series_link.group(2)
        plan = await turn.services.plans.of_num(int(series_link.group(1)))
        if plan is not None:
            await turn.act_in(plan.series.id)
    elif payload:
        await _follow_invite(turn, payload)
    if kind_of(payload) == PERSON_PAYLOAD and (claimed := await _claim(turn, payload)):
        return claimed
    if turn.delegate is not None:
        if series_link is None or turn.delegate.series_id == turn.plan.series.id:
            return [turn.say("reg.welcome_back", name=turn.delegate.full_name), summary(turn)]
        return await _join(turn, payload)
    if not payload and not as_delegate and await turn.holds(ROLE_HOLDERS):
        register = turn.button("reg.button_as_delegate", AS_DELEGATE)
        return [turn.say("reg.welcome_role", buttons=((register,),))]
    if series_link is None and not payload and (choice := await _which_series(turn)):
        return [choice]
    kind = kind_of(payload)
    data: dict[str, Any] = {"series_id": turn.plan.series.id}
    todo = ["consent", "commune", "name", "position", "category", "phone"]
    preset = _invite_preset(turn, payload)
    if preset:
        data.update(preset)
        data["invite_code"] = payload
        todo = [step for step in todo if not _answered_by(step, preset)]
    replies = [turn.say("reg.welcome", series=turn.plan.series.title)]
    if preset.get("commune_name"):
        replies.append(turn.say("reg.invite_commune", commune=preset["commune_name"]))
    elif kind == PERSON_PAYLOAD:
        replies.append(turn.say("import.claim_unknown"))
    elif payload and not preset:
        replies.append(turn.say("reg.invite_unknown"))
    await turn.save_conversation(Conversation(REGISTER, todo[0], {**data, "todo": todo}))
    return [*replies, prompt(turn)]


def kind_of(payload: str) -> str:
    return payload.partition("-")[0]


async def _claim(turn: Turn, payload: str) -> list[Reply]:
    """p-<personal code>: the delegate imported by their unit becomes this person's, in the
    series of the import; [] when the code is unknown or spent."""
    delegate_id = await turn.services.imports.claim(payload.partition("-")[2], turn.account.id)
    delegate = await turn.services.delegates.get(delegate_id) if delegate_id else None
    if delegate is None:
        return []
    turn.conversation, turn.delegate = None, delegate
    await turn.act_in(delegate.series_id)
    claimed = f"{turn.text('import.claimed', name=delegate.full_name)}\n{notice(turn)}"
    return [Reply(claimed, remove_keyboard=True), summary(turn)]


async def _which_series(turn: Turn) -> Reply | None:
    """With several series active: a button per series, named by its province (by its title
    when two share a province); None with one series."""
    plans = await turn.services.plans.all()
    if len(plans) < 2:
        return None
    provinces = [plan.series.province for plan in plans]
    buttons = tuple(
        (
            Button(
                plan.series.province
                if provinces.count(plan.series.province) == 1
                else plan.series.title[:60],
                f"{SERIES_BUTTON}{plan.series.num}",
            ),
        )
        for plan in plans
    )
    return turn.say("series.which", buttons=buttons)


async def _follow_invite(turn: Turn, payload: str) -> None:
    """An invite link without a series number (printed before several series): the series
    whose sessions are in that commune, or whose categories have that code."""
    kind, _, value = payload.partition("-")
    code = as_number(value)
    for plan in await turn.services.plans.all():
        communes = {s.commune_code for s in plan.series.sessions}
        if (kind == COMMUNE_PAYLOAD and code in communes) or (
            kind == UNIT_PAYLOAD and plan.category(value) is not None
        ):
            await turn.act_in(plan.series.id)
            return


async def _join(turn: Turn, payload: str) -> list[Reply]:
    """A registered person invited to one more series: a delegate row of that series, asking
    only what that series needs (consent, commune, category); name, position and phone are
    the ones given before."""
    assert turn.delegate is not None
    known = turn.delegate
    data: dict[str, Any] = {
        "series_id": turn.plan.series.id,
        "full_name": known.full_name,
        "position": known.position,
        "phone": known.phone,
    }
    todo = ["consent", "commune", "category"]
    preset = _invite_preset(turn, payload)
    if preset:
        data.update(preset, invite_code=payload)
        todo = [step for step in todo if not _answered_by(step, preset)]
    await turn.save_conversation(Conversation(REGISTER, todo[0], {**data, "todo": todo}))
    return [turn.say("series.joining", series=turn.plan.series.title), prompt(turn)]


def _invite_preset(turn: Turn, payload: str) -> dict[str, Any]:
    kind, _, value = payload.partition("-")
    code = as_number(value)
    if kind == COMMUNE_PAYLOAD and code is not None:
        commune = turn.plan.communes.by_code(code)
        if commune is not None:
            return {"commune_code": commune.code, "commune_name": commune.name}
    if kind == UNIT_PAYLOAD and (category := turn.plan.category(value)) is not None:
        preset: dict[str, Any] = {"category_code": category.code}
        if category.group == CITY_GROUP:
            preset.update(commune_code=None, commune_name=None)
        return preset
    return {}


def _answered_by(step: str, data: dict[str, Any]) -> bool:
    keys = {"commune": "commune_code", "category": "category_code"}
    return keys.get(step, step) in data


async def edit(turn: Turn, field: str) -> list[Reply]:
    """Start a one-field edit from /sua; changing the commune asks the category again."""
    todo = ["commune", "category"] if field == "commune" else [field]
    await turn.save_conversation(Conversation(EDIT, todo[0], {"todo": todo}))
    return [prompt(turn)]


def notice(turn: Turn) -> str:
    """One line: what is stored, why, for how long, and /xoa."""
    return turn.text("privacy.notice", days=turn.plan.series.retention_days)


def prompt(turn: Turn) -> Reply:
    """The question of the current step, with its buttons."""
    assert turn.conversation is not None
    step = turn.conversation.step
    if step == "consent":
        answers = (
            turn.button("privacy.agree", "reg:consent:yes"),
            turn.button("privacy.disagree", "reg:consent:no"),
        )
        return turn.say("privacy.ask_consent", notice=notice(turn), buttons=(answers,))
    if step == "commune":
        upper_level = turn.plan.series.upper_level
        return turn.say(
            level_key("reg.ask_commune", upper_level),
            province=turn.plan.series.province,
            buttons=((turn.button(level_key("reg.button_city_level", upper_level), "reg:city"),),),
        )
    if step == "category":
        return turn.say("reg.ask_category", buttons=_category_buttons(turn))
    if step == "phone":
        return Reply(
            turn.text("reg.ask_phone"),
            contact_request=ContactRequest(turn.text("reg.share_phone"), turn.text("reg.skip")),
        )
    return turn.say(f"reg.ask_{step}")


def _bare(name: str) -> str:
    """A commune name folded, without its kind ("Xã Lộc Tấn", "xa loc tan" -> "loc tan")."""
    folded = fold(name)
    for kind in ("xa ", "phuong ", "dac khu "):
        folded = folded.removeprefix(kind)
    return folded


def _offered_categories(turn: Turn) -> list[tuple[Category, Button]]:
    """The categories of this person's level, with their buttons."""
    assert turn.conversation is not None
    data = turn.conversation.data
    city_level = "commune_code" in data and data["commune_code"] is None
    if turn.conversation.flow == EDIT and "commune_code" not in data and turn.delegate:
        city_level = turn.delegate.commune_code is None
    group = CITY_GROUP if city_level else COMMUNE_GROUP
    return [(c, Button(c.label, f"reg:cat:{c.code}")) for c in turn.plan.categories_of_group(group)]


def _category_buttons(turn: Turn) -> tuple[tuple[Button, ...], ...]:
    rows = [(button,) for _, button in _offered_categories(turn)]
    rows.append((turn.button("reg.button_other", f"reg:cat:{OTHER}"),))
    return tuple(rows)


async def on_input(turn: Turn) -> list[Reply]:
    """Text, a contact or a button answering the current step."""
    assert turn.conversation is not None
    inbound, step = turn.inbound, turn.conversation.step
    if inbound.kind == "button":
        return await _on_button(turn, inbound.text)
    if step == "phone":
        return await _on_phone(turn, inbound)
    if inbound.kind != "text":
        return [turn.say("reg.need_text"), prompt(turn)]
    if step == "consent":
        return await _on_consent_text(turn, fold(inbound.text))
    if step == "commune":
        return await _on_commune_text(turn, inbound.text)
    if step == "category":
        return await _on_category_text(turn, inbound.text)
    if step == "name":
        return await _on_name(turn, inbound.text)
    if step == "position":
        return await _accept_or_retry(turn, {"position": normalise_position(inbound.text)}, step)
    return await _accept_or_retry(turn, {"category_other": normalise_free_text(inbound.text)}, step)


async def _accept_or_retry(turn: Turn, values: dict[str, Any], step: str) -> list[Reply]:
    if any(value is None for value in values.values()):
        return [turn.say(f"reg.invalid_{step}"), prompt(turn)]
    return await advance(turn, values)


async def _on_name(turn: Turn, text: str) -> list[Reply]:
    """A name typed without diacritics is questioned once at registration, then accepted."""
    assert turn.conversation is not None
    conversation = turn.conversation
    name = normalise_name(text)
    if name is None:
        return [turn.say("reg.invalid_name"), prompt(turn)]
    questioned = conversation.data.get("name_questioned", False)
    if conversation.flow == REGISTER and lacks_diacritics(name) and not questioned:
        data = {**conversation.data, "name_questioned": True}
        await turn.save_conversation(Conversation(conversation.flow, conversation.step, data))
        return [turn.say("reg.name_without_diacritics", name=name)]
    return await advance(turn, {"full_name": name})


async def _on_category_text(turn: Turn, text: str) -> list[Reply]:
    """A category typed in words, matched like a commune: one, a choice of a few, or none."""
    found = match_category([c for c, _ in _offered_categories(turn)], text)
    if len(found) == 1:
        category = found[0]
        replies = await advance(turn, {"category_code": category.code, "category_other": ""})
        return _echoed(turn, replies, "reg.category_matched", category.label)
    if found:
        buttons = tuple((Button(c.label, f"reg:cat:{c.code}"),) for c in found)
        return [turn.say("reg.which_category", buttons=buttons)]
    return [turn.say("reg.use_buttons"), prompt(turn)]


def _echoed(turn: Turn, replies: list[Reply], key: str, value: str) -> list[Reply]:
    """What was understood, said inside the next question rather than as a yes/no step."""
    if not replies:
        return replies
    first = replies[0]
    return [replace(first, text=f"{turn.text(key, value=value)}\n{first.text}"), *replies[1:]]


async def _on_commune_text(turn: Turn, text: str) -> list[Reply]:
    match = turn.plan.communes.match(text)
    if match.status == "exact":
        commune = match.candidates[0]
        replies = await advance(turn, {"commune_code": commune.code, "commune_name": commune.name})
        if _bare(commune.name) != _bare(text):
            return _echoed(turn, replies, "reg.commune_matched", commune.name)
        return replies
    if match.status == "ambiguous":
        buttons = tuple((Button(c.name, f"reg:commune:{c.code}"),) for c in match.candidates)
        return [turn.say("reg.which_commune", buttons=buttons)]
    return [
        turn.say("reg.unknown_commune", text=quote(text), province=turn.plan.series.province),
        prompt(turn),
    ]


async def _on_phone(turn: Turn, inbound: Inbound) -> list[Reply]:
    if inbound.kind == "contact":
        if not is_own_contact(inbound):
            return [turn.say("reg.not_own_contact"), prompt(turn)]
        phone = normalise_phone(inbound.phone)
    elif inbound.kind == "text" and fold(inbound.text) in SKIP_WORDS:
        return await advance(turn, {"phone": ""})
    elif inbound.kind == "text":
        phone = normalise_phone(inbound.text)
    else:
        return [turn.say("reg.need_text"), prompt(turn)]
    if phone is None:
        return [turn.say("reg.invalid_phone"), prompt(turn)]
    return await advance(turn, {"phone": phone})


async def _on_consent_text(turn: Turn, words: str) -> list[Reply]:
    if words in AGREE_WORDS or words in DISAGREE_WORDS:
        return await _on_consent(turn, words in AGREE_WORDS)
    return [turn.say("reg.use_buttons"), prompt(turn)]


async def _on_consent(turn: Turn, agreed: bool) -> list[Reply]:
    """Nothing is asked, and nothing stored, without the person's agreement."""
    if agreed:
        return await advance(turn, {"consented": True})
    await turn.end_conversation()
    return [Reply(turn.text("privacy.declined"), remove_keyboard=True)]


async def _on_button(turn: Turn, data: str) -> list[Reply]:
    """Buttons act only when they answer the step this person is at now."""
    assert turn.conversation is not None
    step = turn.conversation.step
    kind, _, value = data.removeprefix("reg:").partition(":")
    if step == "consent" and kind == "consent" and value in ("yes", "no"):
        return await _on_consent(turn, value == "yes")
    if step == "commune" and kind == "city":
        return await advance(turn, {"commune_code": None, "commune_name": None})
    code = as_number(value)
    if step == "commune" and kind == "commune" and code is not None:
        commune = turn.plan.communes.by_code(code)
        if commune is not None:
            return await advance(turn, {"commune_code": commune.code, "commune_name": commune.name})
    if step == "category" and kind == "cat":
        if value == OTHER:
            return await advance(turn, {"category_code": OTHER}, then=["category_other"])
        category = turn.plan.category(value)
        if category is not None:
            return await advance(turn, {"category_code": category.code, "category_other": ""})
    return [turn.say("common.button_expired"), prompt(turn)]


async def advance(turn: Turn, values: dict[str, Any], then: list[str] | None = None) -> list[Reply]:
    """Store this step's answer and ask the next step, or finish."""
    assert turn.conversation is not None
    conversation = turn.conversation
    todo = [step for step in conversation.data.get("todo", []) if step != conversation.step]
    todo = (then or []) + todo
    data = {**conversation.data, **values, "todo": todo}
    if todo:
        await turn.save_conversation(Conversation(conversation.flow, todo[0], data))
        return [prompt(turn)]
    values = {key: value for key, value in data.items() if key != "todo"}
    if conversation.flow == REGISTER:
        values = with_workplace(values, turn.plan)
        turn.delegate = await turn.services.delegates.register(turn.account.id, values, turn.now)
        turn.conversation = None
        return [Reply(turn.text("reg.done"), remove_keyboard=True), summary(turn)]
    assert turn.delegate is not None
    await turn.services.delegates.update(turn.delegate.id, values, turn.now)
    await turn.end_conversation()
    turn.delegate = await turn.services.delegates.get(turn.delegate.id)
    return [Reply(turn.text("reg.updated"), remove_keyboard=True), summary(turn)]


async def cancel(turn: Turn) -> list[Reply]:
    """/huy: leave the dialogue; what was stored before stays as it was."""
    if turn.conversation is None:
        return [Reply(turn.text("reg.nothing_to_cancel"), remove_keyboard=True)]
    await turn.end_conversation()
    return [Reply(turn.text("reg.cancelled"), remove_keyboard=True)]
