"""`--tenant ID`: with TENANTS_FILE set, which province a command acts on. The one place that
turns the tenant into the Settings every command already uses (database, plan file, tokens),
so that no command knows about tenants."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.catalog import t
from bot.config import Settings

if TYPE_CHECKING:  # the file's models (pydantic, the plan's checks) load when there is a file
    from bot.plan.errors import PlanError
    from bot.tenants import Tenant

WITHOUT_DATA = {"hoinghi plan check"}  # reads a file, touches no database


def add_tenant_option(parser: argparse.ArgumentParser) -> None:
    """`--tenant ID` on every command, and every command below a command group, that acts on
    a province's data."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for group in groups:
        for command in group.choices.values():
            add_tenant_option(command)
    if not groups and parser.prog not in WITHOUT_DATA:
        parser.add_argument("--tenant", metavar="ID", help=t("tenants.option_help"))


def print_tenant_errors(file: object, errors: Sequence[PlanError]) -> int:
    print(t("tenants.errors", file=file, count=len(errors)), file=sys.stderr)
    for error in errors:
        print(f"  {error.describe()}", file=sys.stderr)
    return 2


def tenants_of(settings: Settings, wanted: str | None) -> list[Tenant] | int:
    """The tenants a command acts on: every one of TENANTS_FILE, or the one `--tenant` names;
    none without TENANTS_FILE (the process settings are the one province); an exit code when
    the file is wrong or names no such tenant (the reason printed)."""
    path = settings.tenants_file
    if path is None:
        if wanted is None:
            return []
        print(t("tenants.no_file"), file=sys.stderr)
        return 2
    from bot.tenants import read_tenants

    tenants, errors = read_tenants(path, settings)
    if errors:
        return print_tenant_errors(path, errors)
    if wanted is None:
        return tenants
    chosen = [tenant for tenant in tenants if tenant.id == wanted]
    if not chosen:
        ids = ", ".join(tenant.id for tenant in tenants)
        print(t("tenants.unknown", tenant=wanted, file=path, ids=ids), file=sys.stderr)
        return 2
    return chosen


def one_tenant(settings: Settings, tenants: Sequence[Tenant]) -> Settings | int:
    """The settings of the one province a data command acts on: the process settings without
    TENANTS_FILE, else the tenant chosen (the only one, or the one `--tenant` named)."""
    if not tenants:
        return settings
    if len(tenants) == 1:
        return tenants[0].settings
    ids = ", ".join(tenant.id for tenant in tenants)
    file = settings.tenants_file
    print(t("tenants.choose", file=file, count=len(tenants), ids=ids), file=sys.stderr)
    return 2
