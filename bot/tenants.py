"""Several provinces (tenants) in one process, listed in tenants.yaml (TENANTS_FILE).

A tenant is one province's deployment: its own database, plan, admins, bot tokens, webhook
secret and outbox rate. Each becomes a Settings of its own, made from the process settings
with the tenant's values put in; what a tenant does not set (API addresses, time zone,
reminder offsets, limits, the web server's port) is the process's. A tenant's own things
never come from the process: its database, plan, admins, tokens and bot username; its
webhook secret does, when it gives none, and then no two tenants may share it. Isolation is
by separate databases: no query spans two.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from bot.catalog import t
from bot.config import DATABASE_SCHEMES, MAX_OUTBOX_RATE, WEBHOOK_SECRET, Settings
from bot.domain import SLUG
from bot.plan import yamlnodes
from bot.plan.errors import EXPLAINED_ERRORS, PlanError, dotted, error_from_pydantic

# Given in the file, or as the name of an environment variable holding it (`<field>_env`).
SECRET_FIELDS = ("telegram_bot_token", "zalo_bot_token", "webhook_secret")
EXPLAINED = {
    **EXPLAINED_ERRORS,
    "extra_forbidden": "tenants.error.unknown_field",
    "tenant_secret": "tenants.error.secret",
}


class TenantModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: Annotated[str, Field(pattern=SLUG)]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    database: Annotated[str, Field(min_length=1)]  # a SQLite file's path, or a database URL
    plan_file: Path | None = None
    admin_ids: list[str] = []
    telegram_bot_token: SecretStr | None = None
    telegram_bot_token_env: str | None = None
    zalo_bot_token: SecretStr | None = None
    zalo_bot_token_env: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_secret_env: str | None = None
    outbox_rate: Annotated[float, Field(gt=0, le=MAX_OUTBOX_RATE)] | None = None
    # a Bot API server of the tenant's own (self-hosted, or a test's fake); else the process's
    telegram_api_base_url: str | None = None
    zalo_api_base_url: str | None = None
    bot_username: str | None = None

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise PydanticCustomError("tenant_secret", "bad webhook secret")
        return value


class TenantsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tenants: Annotated[list[TenantModel], Field(min_length=1)]


@dataclass(frozen=True)
class Tenant:
    id: str
    name: str
    settings: Settings

    @property
    def prefix(self) -> str:
        """Where the tenant's addresses live on the shared web server and dashboard."""
        return f"/t/{self.id}"


def read_tenants(path: Path, base: Settings) -> tuple[list[Tenant], list[PlanError]]:
    """The tenants of `path`, each with its settings, or the errors (file, line, field, why)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [PlanError(str(path), None, "", t("tenants.error.unreadable", reason=error))]
    data, root, problems = yamlnodes.parse(text)
    errors = [PlanError(str(path), p.line, dotted(p.path), t(p.reason)) for p in problems]
    if errors:
        return [], errors
    try:
        listed = TenantsModel.model_validate(data)
    except ValidationError as invalid:
        return [], [
            error_from_pydantic(detail, root, str(path), explained=EXPLAINED)
            for detail in invalid.errors()
        ]
    reader = _Reader(path, root, base)
    tenants = [reader.tenant(index, model) for index, model in enumerate(listed.tenants)]
    reader.check_unshared(tenants)
    return (tenants, []) if not reader.errors else ([], reader.errors)


class _Reader:
    """Secrets from the environment, and what two tenants may not share."""

    def __init__(self, path: Path, root: yaml.Node | None, base: Settings) -> None:
        self.path, self.root, self.base = path, root, base
        self.errors: list[PlanError] = []

    def fail(self, where: tuple[str | int, ...], key: str, **params: Any) -> None:
        line = yamlnodes.line_of(self.root, where)
        self.errors.append(PlanError(str(self.path), line, dotted(where), t(key, **params)))

    def secret(self, index: int, model: TenantModel, field: str) -> SecretStr | None:
        given: SecretStr | None = getattr(model, field)
        variable: str | None = getattr(model, f"{field}_env")
        where = ("tenants", index, f"{field}_env")
        if given is not None and variable is not None:
            self.fail(where, "tenants.error.both", field=field)
        if variable is None:
            return given
        value = os.environ.get(variable, "").strip()
        if not value:
            self.fail(where, "tenants.error.env_missing", name=variable)
            return None
        if field == "webhook_secret" and not WEBHOOK_SECRET.fullmatch(value):
            self.fail(where, "tenants.error.secret")
        return SecretStr(value)

    def tenant(self, index: int, model: TenantModel) -> Tenant:
        secrets = {field: self.secret(index, model, field) for field in SECRET_FIELDS}
        if secrets["telegram_bot_token"] is None and secrets["zalo_bot_token"] is None:
            self.fail(("tenants", index, "id"), "tenants.error.no_token")
        folder = self.path.parent  # paths in the file are read from where the file is
        url = model.database if model.database.startswith(DATABASE_SCHEMES) else None
        settings = self.base.model_copy(
            update={
                # never the process's DATABASE_URL: a tenant's data is in its own database
                "database_url": url,
                "database_path": self.base.database_path if url else folder / model.database,
                "plan_file": folder / model.plan_file if model.plan_file else None,
                "admin_ids": tuple(model.admin_ids),
                "telegram_bot_token": secrets["telegram_bot_token"],
                "zalo_bot_token": secrets["zalo_bot_token"],
                "webhook_secret": secrets["webhook_secret"] or self.base.webhook_secret,
                # a tenant's Zalo webhook is WEBHOOK_URL/t/<id>/zalo/webhook, with its secret
                "zalo_webhook_url": None,
                "zalo_webhook_secret": None,
                "outbox_rate": model.outbox_rate or self.base.outbox_rate,
                "telegram_api_base_url": model.telegram_api_base_url
                or self.base.telegram_api_base_url,
                "zalo_api_base_url": model.zalo_api_base_url or self.base.zalo_api_base_url,
                "bot_username": model.bot_username,
                "tenants_file": None,
            }
        )
        return Tenant(model.id, model.name, settings)

    def check_unshared(self, tenants: Sequence[Tenant]) -> None:
        """Two tenants with one id, database, token or (webhooks on) secret would cross."""
        seen: dict[tuple[str, str], int] = {}
        for index, tenant in enumerate(tenants):
            settings = tenant.settings
            database = settings.database_url or str(settings.database_path.resolve())
            owned = [
                ("id", "id", tenant.id),
                ("database", "database", database),
                *(
                    (field, "token", token.get_secret_value())
                    for field in ("telegram_bot_token", "zalo_bot_token")
                    if (token := getattr(settings, field)) is not None
                ),
            ]
            if settings.webhook_url and settings.webhook_secret is not None:
                secret = settings.webhook_secret.get_secret_value()
                owned.append(("webhook_secret", "secret", secret))
            for field, what, value in owned:
                first = seen.setdefault((what, value), index)
                if first != index:
                    what_text = t(f"tenants.what.{what}")
                    where = ("tenants", index, field)
                    self.fail(
                        where, "tenants.error.shared", other=tenants[first].id, what=what_text
                    )
