"""The per-chat command menus: who should have one (role holders with a chat) and what was
set, so that only the changes reach the platform."""

from __future__ import annotations

from storage.db import Database


class MenuRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def role_holders(self, channel: str) -> dict[str, tuple[str, set[str]]]:
        """external id -> (chat id, roles held) for every account of the channel with a role."""
        rows = await self.db.fetch_all(
            "SELECT r.external_id, a.chat_id, r.role FROM roles r JOIN accounts a "
            "ON a.channel = r.channel AND a.external_id = r.external_id WHERE r.channel = ?",
            (channel,),
        )
        holders: dict[str, tuple[str, set[str]]] = {}
        for external_id, chat_id, role in rows:
            holders.setdefault(str(external_id), (str(chat_id), set()))[1].add(str(role))
        return holders

    async def set_menus(self, channel: str) -> dict[str, tuple[str, str]]:
        """external id -> (chat id, commands joined by spaces) as last set on the platform."""
        rows = await self.db.fetch_all(
            "SELECT external_id, chat_id, commands FROM chat_menus WHERE channel = ?", (channel,)
        )
        return {str(row[0]): (str(row[1]), str(row[2])) for row in rows}

    async def remember(self, channel: str, external_id: str, chat_id: str, commands: str) -> None:
        await self.db.write(
            "INSERT INTO chat_menus (channel, external_id, chat_id, commands) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (channel, external_id) DO UPDATE SET chat_id = excluded.chat_id, "
            "commands = excluded.commands",
            (channel, external_id, chat_id, commands),
        )

    async def forget(self, channel: str, external_id: str) -> None:
        await self.db.write(
            "DELETE FROM chat_menus WHERE channel = ? AND external_id = ?", (channel, external_id)
        )
