"""The official provinces and communes (package vietnam-provinces), read from the package's
own data file. Importing the package builds an enum of the country's 3,321 communes and, at
first use, an object for each (some 60 ms and 5 MiB at start); the bot needs the names of the
34 provinces and the communes of its own province, which one reading of the file gives.

The file is read into Divisions as it is decoded (json's object_hook) rather than into a tree
of dicts first: the tree, some 2 MiB, was freed at once but left the process that much larger
for good (the freed memory is scattered among what stays)."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Division:
    name: str  # "Thành phố Đồng Nai", "Xã Lộc Tấn"
    code: int  # the official code
    kind: str  # "tỉnh", "thành phố trung ương", "xã", "phường", "đặc khu"


@dataclass(frozen=True)
class Country:
    provinces: tuple[Division, ...]
    communes: dict[int, tuple[Division, ...]]  # by province code


def _data_file() -> Path:
    """vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, found without importing the package."""
    spec = importlib.util.find_spec("vietnam_provinces")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("vietnam_provinces")
    return Path(spec.origin).parent / "data" / "nested-divisions.json"


@lru_cache(maxsize=1)
def country() -> Country:
    kinds: dict[str, str] = {}  # "xã" once, not once per commune

    def division(fields: dict[str, Any]) -> object:
        """A province as (its Division, its communes), a commune as its Division."""
        kind = kinds.setdefault(fields["division_type"], fields["division_type"])
        found = Division(fields["name"], fields["code"], kind)
        return found if "wards" not in fields else (found, tuple(fields["wards"]))

    provinces = json.loads(_data_file().read_bytes(), object_hook=division)
    return Country(
        tuple(province for province, _ in provinces),
        {province.code: wards for province, wards in provinces},
    )
