"""A YAML file's errors (a plan, tenants.yaml): file, line, field and why, in the catalog's
words. Apart from the plan's reader, so that tenants.yaml is checked without the plan's models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.catalog import t
from bot.plan import yamlnodes

if TYPE_CHECKING:
    import yaml
    from pydantic_core import ErrorDetails

# pydantic error types that have a Vietnamese explanation in the catalog
EXPLAINED_ERRORS = {
    "missing": "plan.error.missing",
    "extra_forbidden": "plan.error.unknown_field",
    "string_pattern_mismatch": "plan.error.slug",
    "datetime_from_date_parsing": "plan.error.datetime",
    "datetime_parsing": "plan.error.datetime",
    "datetime_type": "plan.error.datetime",
    "int_parsing": "plan.error.integer",
    "float_parsing": "plan.error.number",
    "bool_parsing": "plan.error.boolean",
    "literal_error": "plan.error.choice",
    "too_short": "plan.error.too_short",
    "string_too_short": "plan.error.too_short",
    "string_too_long": "plan.error.too_long",
    "greater_than_equal": "plan.error.range",
    "less_than_equal": "plan.error.range",
    "list_type": "plan.error.list",
    "dict_type": "plan.error.mapping",
    "model_type": "plan.error.mapping",
    "string_type": "plan.error.text",
    "date_from_datetime_parsing": "plan.error.date",
    "date_parsing": "plan.error.date",
    "date_type": "plan.error.date",
    "time_parsing": "plan.error.time",
    "time_type": "plan.error.time",
}


@dataclass(frozen=True)
class PlanError:
    file: str
    line: int | None
    field: str
    message: str

    def describe(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


def dotted(path: Sequence[str | int]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def error_from_pydantic(
    detail: ErrorDetails,
    root: yaml.Node | None,
    file: str,
    locale: str = "vi",
    explained: Mapping[str, str] = EXPLAINED_ERRORS,
) -> PlanError:
    """One schema error of a YAML file (a plan, tenants.yaml): where, which field, why."""
    path = tuple(step for step in detail["loc"] if isinstance(step, str | int))
    key = explained.get(detail["type"])
    if detail["type"] == "value_error" and "offset_format" in detail["msg"]:
        key = "plan.error.offset"
    message = t(key, locale) if key else detail["msg"]
    return PlanError(file, yamlnodes.line_of(root, path), dotted(path), message)
