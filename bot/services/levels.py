"""The words of the level above the communes: "cấp thành phố" in a city's series, "cấp tỉnh" in
a province's. Texts are written for a city; a provincial series reads their province variant."""

from __future__ import annotations

PROVINCE_VARIANTS = {
    "schedule.city": "schedule.province",
    "schedule.level.city": "schedule.level.province",
    "schedule.mine_city": "schedule.mine_province",
    "reg.ask_commune": "reg.ask_commune_province",
    "reg.button_city_level": "reg.button_province_level",
    "profile.city_level": "profile.province_level",
    "export.city_level": "export.province_level",
    "rollup.city_level": "rollup.province_level",
    "rollup.city_note": "rollup.province_note",
}


def level_key(key: str, upper_level: str) -> str:
    """The catalog key to use for `key` in a series whose upper level is `upper_level`."""
    return PROVINCE_VARIANTS.get(key, key) if upper_level == "province" else key
