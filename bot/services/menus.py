"""Which commands a person has: every delegate's, and those of the roles they hold. The same
list makes the Telegram command menu of their chat and the command part of /trogiup."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from storage.menus import MenuRepository

DELEGATE_COMMANDS = (
    "lich",
    "lichcuatoi",
    "xacnhan",
    "lichics",
    "toi",
    "sua",
    "xoa",
    "lienket",
    "kenh",
    "huy",
    "trogiup",
)
_ORGANISER = (
    "thongbao",
    "tonghop",
    "xuat",
    "mau",
    "hanchot",
    "datngay",
    "duyetbai",
    "dashboard",
    "moi",
    "loimoi",
    "quyen",
)
ROLE_COMMANDS: dict[str, tuple[str, ...]] = {
    "admin": _ORGANISER,
    "organiser": _ORGANISER,
    "focal": ("tonghop", "xuat", "mau", "loimoi", "hanchot", "dashboard", "quyen"),
    "speaker": ("lichbaocao", "hanchot", "quyen"),
    "reviewer": ("duyetbai", "quyen"),
}


def role_commands(roles: Iterable[str]) -> tuple[str, ...]:
    """The commands the roles add, in a stable order, without repeats."""
    held = set(roles)
    found: dict[str, None] = {}
    for role, commands in ROLE_COMMANDS.items():
        if role in held:
            found.update(dict.fromkeys(commands))
    return tuple(found)


def commands_for(roles: Iterable[str]) -> tuple[str, ...]:
    """A person's whole menu: the delegate commands, then their roles'."""
    return DELEGATE_COMMANDS + tuple(c for c in role_commands(roles) if c not in DELEGATE_COMMANDS)


# Set a chat's menu (a tuple of commands) or remove it (None); True when the platform took it.
ApplyMenu = Callable[[str, tuple[str, ...] | None], Awaitable[bool]]


async def sync_chat_menus(menus: MenuRepository, channel: str, apply: ApplyMenu) -> int:
    """Give each role holder's chat its own menu, and take it back from who lost every role:
    only what changed since the last time reaches the platform. Returns the chats changed."""
    holders = await menus.role_holders(channel)
    already = await menus.set_menus(channel)
    changed = 0
    for external_id, (chat_id, roles) in holders.items():
        commands = commands_for(roles)
        if already.get(external_id) != (chat_id, " ".join(commands)) and await apply(
            chat_id, commands
        ):
            await menus.remember(channel, external_id, chat_id, " ".join(commands))
            changed += 1
    for external_id, (chat_id, _) in already.items():
        if external_id not in holders and await apply(chat_id, None):
            await menus.forget(channel, external_id)
            changed += 1
    return changed
