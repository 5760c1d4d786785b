"""Roles (admin, organiser, focal point with a scope) and the one-time invite codes that
grant them. Every role check reads these tables at the moment of the request.

A grant reaches one series, or every series of a province; a grant that names neither reaches
the whole deployment (the admins of ADMIN_IDS). Every check and every list of holders is asked
for one series and counts only the grants that reach it: an organiser of one province's series
holds nothing in another's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from storage.db import Database, Row, utc_text


class SeriesLike(Protocol):
    """What a check needs of a series: its id and its province."""

    @property
    def id(self) -> str: ...

    @property
    def province(self) -> str: ...


@dataclass(frozen=True)
class Reach:
    """Where a grant applies: one series, or every series of a province; neither: everywhere."""

    series_id: str = ""
    province: str = ""

    @property
    def everywhere(self) -> bool:
        return not self.series_id and not self.province

    def covers(self, series: SeriesLike) -> bool:
        return (
            self.everywhere
            or self.series_id == series.id
            or (bool(self.province) and self.province == series.province)
        )


# The SQL twin of Reach.covers, for the grants aliased r; parameters: series id, province.
COVERS = (
    "((r.series_id = '' AND r.province = '') OR r.series_id = ? "
    "OR (r.province <> '' AND r.province = ?))"
)


@dataclass(frozen=True)
class RoleGrant:
    channel: str
    external_id: str
    role: str
    scope: str
    granted_by: str
    granted_at: str
    reach: Reach


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
    reach: Reach


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
        reach: Reach = Reach(),
    ) -> bool:
        """True if the role is new for this account (with this scope and reach)."""
        row = await self.db.write(
            "INSERT INTO roles (channel, external_id, role, scope, series_id, province, "
            "granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING RETURNING 1",
            (
                channel,
                external_id,
                role,
                scope,
                reach.series_id,
                reach.province,
                by,
                utc_text(now),
            ),
        )
        return row is not None

    async def revoke(
        self,
        channel: str,
        external_id: str,
        role: str,
        scope: str | None,
        reach: Reach | None = None,
    ) -> int:
        """Remove a role (one scope or every scope, one reach or every reach when None); the
        number of rows removed."""
        sql = "DELETE FROM roles WHERE channel = ? AND external_id = ? AND role = ?"
        params: tuple[object, ...] = (channel, external_id, role)
        if scope is not None:
            sql, params = f"{sql} AND scope = ?", (*params, scope)
        if reach is not None:
            sql += " AND series_id = ? AND province = ?"
            params = (*params, reach.series_id, reach.province)
        rows = await self.db.fetch_all(f"{sql} RETURNING 1", params)
        return len(rows)

    async def has_any(
        self, channel: str, external_id: str, roles: tuple[str, ...], series: SeriesLike
    ) -> bool:
        """Whether the account holds one of the roles in this series."""
        found = await self.db.scalar(
            f"SELECT 1 FROM roles r WHERE r.channel = ? AND r.external_id = ? "
            f"AND r.role IN ({', '.join('?' * len(roles))}) AND {COVERS}",
            (channel, external_id, *roles, series.id, series.province),
        )
        return found is not None

    async def everywhere(self, channel: str, external_id: str, role: str) -> bool:
        """Whether the account holds the role for the whole deployment (ADMIN_IDS' admins)."""
        found = await self.db.scalar(
            "SELECT 1 FROM roles WHERE channel = ? AND external_id = ? AND role = ? "
            "AND series_id = '' AND province = ''",
            (channel, external_id, role),
        )
        return found is not None

    async def known_series(self) -> list[Reach]:
        """Every active series, as the reach of a grant to it (with its province)."""
        rows = await self.db.fetch_all(
            "SELECT id, province FROM series WHERE archived_at IS NULL ORDER BY id"
        )
        return [Reach(str(row["id"]), str(row["province"])) for row in rows]

    async def reaches(self, channel: str, external_id: str) -> list[Reach]:
        """Where the account's grants apply, each reach once."""
        rows = await self.db.fetch_all(
            "SELECT DISTINCT series_id, province FROM roles WHERE channel = ? AND external_id = ? "
            "ORDER BY series_id, province",
            (channel, external_id),
        )
        return [Reach(str(row["series_id"]), str(row["province"])) for row in rows]

    async def of(self, channel: str, external_id: str) -> list[RoleGrant]:
        rows = await self.db.fetch_all(
            "SELECT * FROM roles WHERE channel = ? AND external_id = ? "
            "ORDER BY role, series_id, province, scope",
            (channel, external_id),
        )
        return [_grant(row) for row in rows]

    async def all(self) -> list[RoleGrant]:
        rows = await self.db.fetch_all(
            "SELECT * FROM roles ORDER BY role, channel, external_id, series_id, province, scope"
        )
        return [_grant(row) for row in rows]

    async def scopes(
        self, channel: str, external_id: str, role: str, series: SeriesLike
    ) -> list[str]:
        """The scopes of the account's grants of this role that reach this series."""
        rows = await self.db.fetch_all(
            f"SELECT DISTINCT r.scope FROM roles r WHERE r.channel = ? AND r.external_id = ? "
            f"AND r.role = ? AND {COVERS} ORDER BY r.scope",
            (channel, external_id, role, series.id, series.province),
        )
        return [str(row["scope"]) for row in rows]

    async def holders(
        self, roles: tuple[str, ...], series: SeriesLike, scope: str | None = None
    ) -> list[RoleHolder]:
        """The reachable chat accounts holding one of the roles in this series (with this
        scope, if given), each account and scope once."""
        sql = (
            "SELECT DISTINCT a.id, r.channel, r.external_id, a.chat_id, r.scope FROM roles r "
            "JOIN accounts a ON a.channel = r.channel AND a.external_id = r.external_id "
            f"WHERE a.unreachable_at IS NULL AND r.role IN ({', '.join('?' * len(roles))}) "
            f"AND {COVERS}"
        )
        params: tuple[object, ...] = (*roles, series.id, series.province)
        if scope is not None:
            sql, params = f"{sql} AND r.scope = ?", (*params, scope)
        rows = await self.db.fetch_all(f"{sql} ORDER BY a.id, r.scope", params)
        return [RoleHolder(*row) for row in rows]

    async def create_invite(
        self,
        code: str,
        role: str,
        scope: str,
        created_by: str,
        now: datetime,
        reach: Reach = Reach(),
    ) -> None:
        await self.db.write(
            "INSERT INTO role_invites (code, role, scope, series_id, province, created_by, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (code, role, scope, reach.series_id, reach.province, created_by, utc_text(now)),
        )

    async def use_invite(self, code: str, used_by: str, now: datetime) -> RoleInvite | None:
        """Mark an unused invite as used, once: the invite, or None if unknown or used."""
        row = await self.db.write(
            "UPDATE role_invites SET used_by = ?, used_at = ? WHERE code = ? AND used_by IS NULL "
            "RETURNING code, role, scope, created_by, series_id, province",
            (used_by, utc_text(now), code),
        )
        if row is None:
            return None
        return RoleInvite(
            str(row["code"]),
            str(row["role"]),
            str(row["scope"]),
            str(row["created_by"]),
            Reach(str(row["series_id"]), str(row["province"])),
        )


def _grant(row: Row) -> RoleGrant:
    return RoleGrant(
        str(row["channel"]),
        str(row["external_id"]),
        str(row["role"]),
        str(row["scope"]),
        str(row["granted_by"]),
        str(row["granted_at"]),
        Reach(str(row["series_id"]), str(row["province"])),
    )
