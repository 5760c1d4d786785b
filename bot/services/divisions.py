"""The official provinces and communes (package vietnam-provinces), read from the package's
own data file. Importing the package builds an enum of the country's 3,321 communes and, at
first use, an object for each (some 60 ms and 5 MiB at start); the bot needs the names of the
34 provinces and the communes of its own province, which one reading of the file gives."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
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
    provinces, communes = [], {}
    for province in json.loads(_data_file().read_bytes()):
        provinces.append(Division(province["name"], province["code"], province["division_type"]))
        communes[province["code"]] = tuple(
            Division(ward["name"], ward["code"], ward["division_type"])
            for ward in province["wards"]
        )
    return Country(tuple(provinces), communes)
