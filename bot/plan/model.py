"""The schema of a plan file (pydantic). Times are local to the series' time zone."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from bot.domain import DEFAULT_RETENTION_DAYS

SLUG = r"^[a-z0-9][a-z0-9-]{0,47}$"
OFFSET_PATTERN = re.compile(r"^(\d{1,3})([dhm])$")


def _parse_local_datetime(value: object) -> object:
    """Accept ISO "2026-07-09 08:00" and the Vietnamese "09/07/2026 08:00"."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})\s*", value)
        if match:
            day, month, year, hour, minute = (int(part) for part in match.groups())
            try:
                return datetime(year, month, day, hour, minute)
            except ValueError:
                return value  # pydantic then reports an invalid date in the catalog's words
    return value


def _check_offset(value: str) -> str:
    if not OFFSET_PATTERN.match(value):
        raise ValueError("offset_format")
    return value


LocalDateTime = Annotated[datetime, BeforeValidator(_parse_local_datetime)]
Offset = Annotated[str, AfterValidator(_check_offset)]
Text = Annotated[str, Field(min_length=1, max_length=500)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class VenueModel(StrictModel):
    name: Text
    address: Text
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class HeadcountModel(StrictModel):
    min: int = Field(ge=0, le=100_000)
    max: int = Field(ge=0, le=100_000)


class SpeakerModel(StrictModel):
    name: Text
    unit: str = ""
    topic: str = ""


class SessionModel(StrictModel):
    id: Annotated[str, Field(pattern=SLUG)]
    level: Literal["commune", "city"]
    title: str = ""
    commune: str | None = None
    start: LocalDateTime
    end: LocalDateTime
    tentative: bool = False
    online: bool = False
    venue: VenueModel
    expected: HeadcountModel
    topics: list[Text] = Field(default_factory=list)
    speakers: list[SpeakerModel] = Field(default_factory=list)
    invite_categories: list[str] = Field(default_factory=list)
    checkin_radius_m: int = Field(default=300, ge=20, le=5000)


class CategoryModel(StrictModel):
    code: Annotated[str, Field(pattern=SLUG)]
    label: Text
    group: str = ""


class SeriesModel(StrictModel):
    id: Annotated[str, Field(pattern=SLUG)]
    title: Text
    province: Text
    organiser: Text
    timezone: str = "Asia/Ho_Chi_Minh"
    reminder_offsets: list[Offset] | None = None  # None: REMINDER_OFFSETS from the settings
    allow_groups: bool = False
    # days personal data is kept after the last session, then purged (`hoinghi purge`)
    retention_days: int = Field(default=DEFAULT_RETENTION_DAYS, ge=1, le=3650)


class DefaultSpeakersModel(StrictModel):
    commune: list[SpeakerModel] = Field(default_factory=list)
    city: list[SpeakerModel] = Field(default_factory=list)


class PlanModel(StrictModel):
    series: SeriesModel
    topics: list[Text] = Field(default_factory=list)
    speakers: DefaultSpeakersModel = Field(default_factory=DefaultSpeakersModel)
    categories: list[CategoryModel] = Field(min_length=1)
    sessions: list[SessionModel] = Field(min_length=1)
