"""Roles (admin, organiser, focal point with a scope) and the one-time invite codes that
grant them. Every role check reads these tables at the moment of the request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database, Row, utc_text


@dataclass(frozen=True)
class RoleGrant:
    channel: str
    external_id: str
    role: str
    scope: str
    granted_by: str
    granted_at: str


@dataclass(frozen=True)
class RoleHolder:
    """A chat account that holds a role: where to send what the role is owed."""

    account_id: int
    channel: str
    external_id: str
    chat_id: str
    scope: str


@dataclass(frozen=True)
class RoleInvite:
    code: str
    role: str
    scope: str
    created_by: str


class RoleRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def grant(
        self,
        channel: str,
        external_id: str,
        role: str,
        by: str,
        now: datetime,
        scope: str = "",
    ) -> bool:
        """True if the role is new for this account (with this scope)."""
        row = await self.db.write(
            "INSERT INTO roles (channel, external_id, role, scope, granted_by, "
            "granted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
            (channel, external_id, role, scope, by, utc_text(now)),
        )
        return row is not None

    async def revoke(self, channel: str, external_id: str, role: str, scope: str | None) -> int:
        """Remove a role (one scope, or every scope when None); the number of rows removed."""
        sql = "DELETE FROM roles WHERE channel = ? AND external_id = ? AND role = ?"
        params: tuple[object, ...] = (channel, external_id, role)
        if scope is not None:
            sql += " AND scope = ?"
            params = (*params, scope)
        rows = await self.db.fetch_all(f"{sql} RETURNING 1", params)
        return len(rows)

    async def has_any(self, channel: str, external_id: str, roles: tuple[str, ...]) -> bool:
        found = await self.db.scalar(
            f"SELECT 1 FROM roles WHERE channel = ? AND external_id = ? "
            f"AND role IN ({', '.join('?' * len(roles))})",
            (channel, external_id, *roles),
        )
        return found is not None

    async def of(self, channel: str, external_id: str) -> list[RoleGrant]:
        rows = await self.db.fetch_all(
            "SELECT * FROM roles WHERE channel = ? AND external_id = ? ORDER BY role, scope",
            (channel, external_id),
        )
        return [_grant(row) for row in rows]

    async def all(self) -> list[RoleGrant]:
        rows = await self.db.fetch_all(
            "SELECT * FROM roles ORDER BY role, channel, external_id, scope"
        )
        return [_grant(row) for row in rows]

    async def scopes(self, channel: str, external_id: str, role: str) -> list[str]:
        rows = await self.db.fetch_all(
            "SELECT scope FROM roles WHERE channel = ? AND external_id = ? AND role = ? "
            "ORDER BY scope",
            (channel, external_id, role),
        )
        return [str(row["scope"]) for row in rows]

    async def holders(self, roles: tuple[str, ...], scope: str | None = None) -> list[RoleHolder]:
        """The reachable chat accounts holding one of the roles (with this scope, if given)."""
        sql = (
            "SELECT a.id, r.channel, r.external_id, a.chat_id, r.scope FROM roles r "
            "JOIN accounts a ON a.channel = r.channel AND a.external_id = r.external_id "
            f"WHERE a.unreachable_at IS NULL AND r.role IN ({', '.join('?' * len(roles))})"
        )
        params: tuple[object, ...] = roles
        if scope is not None:
            sql, params = f"{sql} AND r.scope = ?", (*params, scope)
        rows = await self.db.fetch_all(f"{sql} ORDER BY a.id, r.scope", params)
        return [RoleHolder(*row) for row in rows]

    async def create_invite(
        self, code: str, role: str, scope: str, created_by: str, now: datetime
    ) -> None:
        await self.db.write(
            "INSERT INTO role_invites (code, role, scope, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (code, role, scope, created_by, utc_text(now)),
        )

    async def use_invite(self, code: str, used_by: str, now: datetime) -> RoleInvite | None:
        """Mark an unused invite as used, once: the invite, or None if unknown or used."""
        row = await self.db.write(
            "UPDATE role_invites SET used_by = ?, used_at = ? "
            "WHERE code = ? AND used_by IS NULL RETURNING code, role, scope, created_by",
            (used_by, utc_text(now), code),
        )
        if row is None:
            return None
        return RoleInvite(
            str(row["code"]), str(row["role"]), str(row["scope"]), str(row["created_by"])
        )


def _grant(row: Row) -> RoleGrant:
    return RoleGrant(
        str(row["channel"]),
        str(row["external_id"]),
        str(row["role"]),
        str(row["scope"]),
        str(row["granted_by"]),
        str(row["granted_at"]),
    )
