"""Protocol order (thứ tự nghi thức): the plan's categories in order, then commune, then the
rank of the position, then the given name (tên), then family and middle names, each in
Vietnamese alphabetical order."""

from __future__ import annotations

from collections.abc import Sequence

from bot.services.plan_state import LoadedPlan
from storage.reports import DelegateListRow, vietnamese_key

# Position words from the highest rank down; the first that begins a position gives its rank.
POSITION_RANKS = (
    "bí thư",
    "chủ tịch",
    "phó bí thư",
    "phó chủ tịch",
    "giám đốc",
    "trưởng",
    "chỉ huy trưởng",
    "phó giám đốc",
    "phó trưởng",
    "phó chỉ huy trưởng",
    "phó",
    "ủy viên",
)


def position_rank(position: str) -> int:
    folded = " ".join(position.casefold().split())
    return next(
        (rank for rank, words in enumerate(POSITION_RANKS) if folded.startswith(words)),
        len(POSITION_RANKS),
    )


def name_parts(full_name: str) -> tuple[str, str]:
    """(given name, family and middle names): "Nguyễn Văn An" -> ("An", "Nguyễn Văn")."""
    words = full_name.split()
    return (words[-1], " ".join(words[:-1])) if words else ("", "")


def protocol_order(rows: Sequence[DelegateListRow], plan: LoadedPlan) -> list[DelegateListRow]:
    places = {category.code: index for index, category in enumerate(plan.series.categories)}
    unknown = len(places)

    def key(row: DelegateListRow) -> tuple[object, ...]:
        given, family = name_parts(row.full_name)
        return (
            places.get(row.category_code, unknown),
            vietnamese_key(row.category_other),
            row.commune_name is not None,
            vietnamese_key(row.commune_name or ""),
            position_rank(row.position),
            vietnamese_key(given),
            vietnamese_key(family),
        )

    return sorted(rows, key=key)
