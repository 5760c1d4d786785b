"""The one catalog of user-facing texts.

Texts are grouped by area in the modules of this package and merged into one table here:
every text a user sees is looked up by key with `t()`. Vietnamese ("vi") is the first
locale and must exist for every key; English ("en") is the second.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.catalog import (
    attendance,
    broadcast,
    channels,
    cli,
    common,
    dashboard,
    documents,
    exports,
    files,
    imports,
    operations,
    plan,
    privacy,
    qa,
    registration,
    roles,
    rollup,
    schedule,
    series,
    service,
    speakers,
    undated,
)

Locale = str
DEFAULT_LOCALE: Locale = "vi"
LOCALES: tuple[Locale, ...] = ("vi", "en")


def _merge(*tables: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for table in tables:
        for key, texts in table.items():
            if key in merged:
                raise ValueError(f"catalog key defined twice: {key}")
            merged[key] = texts
    return merged


CATALOG: dict[str, Mapping[str, str]] = _merge(
    attendance.TEXTS,
    broadcast.TEXTS,
    channels.TEXTS,
    cli.TEXTS,
    common.TEXTS,
    dashboard.TEXTS,
    documents.TEXTS,
    exports.TEXTS,
    files.TEXTS,
    imports.TEXTS,
    operations.TEXTS,
    plan.TEXTS,
    privacy.TEXTS,
    qa.TEXTS,
    registration.TEXTS,
    roles.TEXTS,
    rollup.TEXTS,
    schedule.TEXTS,
    series.TEXTS,
    speakers.TEXTS,
    undated.TEXTS,
    service.TEXTS,
)


def t(key: str, locale: Locale = DEFAULT_LOCALE, /, **params: object) -> str:
    """The text for `key` in `locale` (falling back to Vietnamese), formatted with `params`."""
    texts = CATALOG[key]
    template = texts.get(locale) or texts[DEFAULT_LOCALE]
    return template.format(**params) if params else template
