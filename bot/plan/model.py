"""The schema of a plan file (pydantic). Times are local to the series' time zone."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from bot.domain import DEFAULT_RETENTION_DAYS, SLUG

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


def _parse_local_date(value: object) -> object:
    """Accept ISO "2024-07-04" and the Vietnamese "04/07/2024"."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                return value
    return value


LocalDateTime = Annotated[datetime, BeforeValidator(_parse_local_datetime)]
LocalDate = Annotated[date, BeforeValidator(_parse_local_date)]


def _parse_local_time(value: object) -> object:
    """YAML 1.1 reads an unquoted 8:30 as the number 510 (base 60): turn it back."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return time(value // 60, value % 60)
    return value


LocalTime = Annotated[time, BeforeValidator(_parse_local_time)]
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
    # the speaker's key for invites and deadlines; by default made from the name
    id: Annotated[str, Field(pattern=SLUG)] | None = None
    start: LocalTime | None = None  # when the talk begins on the session's day
    minutes: int | None = Field(default=None, ge=1, le=600)


NoteText = Annotated[str, Field(max_length=500)]


class NotesModel(StrictModel):
    """Practical notes for delegates (bot.domain.PracticalNotes); only what the plan states."""

    reception: NoteText = ""
    dress: NoteText = ""
    bring: NoteText = ""
    meals: NoteText = ""
    transport: NoteText = ""
    funding: NoteText = ""


class FaqModel(StrictModel):
    q: Text
    a: Text


class SessionModel(StrictModel):
    id: Annotated[str, Field(pattern=SLUG)]
    # city and province both mean the level above the communes; a series uses one of the two
    level: Literal["commune", "city", "province"]
    title: str = ""
    commune: str | None = None
    # Both, or neither with a date_note ("thời gian cụ thể sẽ có thông báo sau"): the date is
    # then set later by /datngay or by loading the plan again with start and end filled in.
    start: LocalDateTime | None = None
    end: LocalDateTime | None = None
    date_note: Annotated[str, Field(max_length=500)] = ""
    tentative: bool = False
    online: bool = False
    venue: VenueModel
    expected: HeadcountModel
    topics: list[Text] = Field(default_factory=list)
    speakers: list[SpeakerModel] = Field(default_factory=list)
    invite_categories: list[str] = Field(default_factory=list)
    checkin_radius_m: int = Field(default=300, ge=20, le=5000)
    notes: NotesModel = Field(default_factory=NotesModel)


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
    # speakers: agenda reminders before each session, and how long they have to acknowledge
    speaker_offsets: list[Offset] = Field(default_factory=lambda: ["14d", "3d", "1d"])
    speaker_ack_hours: int = Field(default=24, ge=1, le=24 * 14)
    # drafts of talks and owed files: the largest accepted, and the accepted file types
    document_max_mb: float = Field(default=10, gt=0, le=20)
    document_types: list[Annotated[str, Field(pattern=r"^[a-z0-9]{1,8}$")]] = Field(
        default_factory=lambda: ["pdf", "doc", "docx", "odt"]
    )
    # deadline reminders: this many days before the due day, in the morning (0: on the day)
    deadline_days: list[Annotated[int, Field(ge=0, le=90)]] = Field(
        default_factory=lambda: [3, 1, 0]
    )
    # days personal data is kept after the last session, then purged (`hoinghi purge`)
    retention_days: int = Field(default=DEFAULT_RETENTION_DAYS, ge=1, le=3650)
    # whom delegates call about the series: named in answers and printed on invitations
    contact: ContactModel | None = None
    # practical notes for every session, and questions with the organisers' answers
    notes: NotesModel = Field(default_factory=NotesModel)
    faq: list[FaqModel] = Field(default_factory=list, max_length=100)
    # the printed papers: issuing body, signer and document number (Nghị định 30/2020)
    paper: PaperModel | None = None


class ContactModel(StrictModel):
    name: Text
    phone: Annotated[str, Field(pattern=r"^[0-9 .+()-]{0,20}$")] = ""
    title: Annotated[str, Field(max_length=200)] = ""


Heading = Annotated[str, Field(max_length=200)]


class PaperModel(StrictModel):
    issuing_body: Text
    governing_body: Heading = ""
    place: Heading = ""
    number: Annotated[str, Field(pattern=r"^[^\n]{0,60}$")] = "{number}/GM"
    authority: Literal["", "TM.", "KT.", "TL.", "TUQ.", "Q."] = ""
    on_behalf_of: Heading = ""
    deputy_of: Heading = ""
    signer_title: Heading = ""
    signer_name: Heading = ""
    signer_note: Heading = ""


class DefaultSpeakersModel(StrictModel):
    commune: list[SpeakerModel] = Field(default_factory=list)
    city: list[SpeakerModel] = Field(default_factory=list)
    province: list[SpeakerModel] = Field(default_factory=list)


class DeadlineOwnerModel(StrictModel):
    """Exactly one of: a unit (a category code), a role, a speaker's id."""

    unit: str | None = None
    role: Literal["organiser", "reviewer", "speaker"] | None = None
    speaker: str | None = None


class BeforeSessionModel(StrictModel):
    session: Annotated[str, Field(pattern=SLUG)]
    days: int = Field(ge=0, le=365)


class DeadlineModel(StrictModel):
    id: Annotated[str, Field(pattern=SLUG)]
    what: Text
    owner: DeadlineOwnerModel
    due: LocalDate | None = None  # the last day it is on time
    before_session: BeforeSessionModel | None = None  # or: this many days before a session
    file: bool = False  # whether a file is owed (sent in the chat when marking it done)


class PlanModel(StrictModel):
    series: SeriesModel
    topics: list[Text] = Field(default_factory=list)
    speakers: DefaultSpeakersModel = Field(default_factory=DefaultSpeakersModel)
    categories: list[CategoryModel] = Field(min_length=1)
    sessions: list[SessionModel] = Field(min_length=1)
    deadlines: list[DeadlineModel] = Field(default_factory=list)
