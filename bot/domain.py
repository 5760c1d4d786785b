"""Read models shared by storage, services and handlers: plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

SessionLevel = Literal["commune", "city"]
DEFAULT_RETENTION_DAYS = 90  # personal data kept after a series' last session, unless the plan says


@dataclass(frozen=True)
class Venue:
    name: str
    address: str
    latitude: float | None = None
    longitude: float | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class Speaker:
    name: str
    unit: str = ""
    topic: str = ""


@dataclass(frozen=True)
class SessionInfo:
    """One session (lượt hội nghị) as loaded from the plan; times are aware UTC datetimes."""

    id: str
    series_id: str
    level: SessionLevel
    title: str
    commune_code: int | None
    commune_name: str | None
    starts_at: datetime
    ends_at: datetime
    venue: Venue
    expected_min: int
    expected_max: int
    tentative: bool = False
    online_allowed: bool = False
    topics: tuple[str, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    invite_categories: tuple[str, ...] = ()
    checkin_radius_m: int = 300
    num: int = 0  # short stable number given by the database, for QR codes and buttons


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    group: str = ""


@dataclass(frozen=True)
class SeriesInfo:
    id: str
    title: str
    province: str
    organiser: str
    timezone: str
    reminder_offsets: tuple[str, ...] = ()
    allow_groups: bool = False
    revision: int = 0
    categories: tuple[Category, ...] = ()
    retention_days: int = DEFAULT_RETENTION_DAYS
    sessions: tuple[SessionInfo, ...] = field(default=())
