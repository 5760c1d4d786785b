"""Read models shared by storage, services and handlers: plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal

# "city" is the level above the communes: a centrally-run city's or a province's own session;
# which of the two the series calls it is SeriesInfo.upper_level.
SessionLevel = Literal["commune", "city"]
ORGANISER_ROLES = ("admin", "organiser")  # the roles that run the series (focal points: a part)
UpperLevel = Literal["city", "province"]
DEFAULT_RETENTION_DAYS = 90  # personal data kept after a series' last session, unless the plan says
SLUG = r"^[a-z0-9][a-z0-9-]{0,47}$"  # the ids a plan or tenants.yaml gives: series, sessions…
# What the importer decides for a row that conflicts with a stored person (storage/imports.py).
ImportDecision = Literal["keep", "replace", "skip"]
IMPORT_DECISIONS: tuple[ImportDecision, ...] = ("keep", "replace", "skip")


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
    id: str = ""  # the key of invites, reminders and drafts; the same person in every session
    start: str = ""  # "HH:MM" local, when their talk begins; "" if the plan does not say
    minutes: int | None = None


@dataclass(frozen=True)
class PracticalNotes:
    """What the plan says about going to a session; "" where it says nothing."""

    reception: str = ""  # when delegates are received, e.g. "Đón tiếp đại biểu từ 7 giờ 30"
    dress: str = ""
    bring: str = ""  # what to bring: the invitation, documents…
    meals: str = ""
    transport: str = ""  # getting there, parking
    funding: str = ""  # who pays

    def merged(self, other: PracticalNotes) -> PracticalNotes:
        """These notes, each empty one filled from `other` (a session's over its series')."""
        return PracticalNotes(
            **{name: getattr(self, name) or getattr(other, name) for name in NOTE_TOPICS}
        )


NOTE_TOPICS = ("reception", "dress", "bring", "meals", "transport", "funding")


@dataclass(frozen=True)
class Faq:
    """A question the organisers expect, and their answer."""

    question: str
    answer: str


@dataclass(frozen=True)
class SessionInfo:
    """One session (lượt hội nghị) as loaded from the plan; times are aware UTC datetimes, or
    both None while the date is still to be announced (`date_note` then says when roughly)."""

    id: str
    series_id: str
    level: SessionLevel
    title: str
    commune_code: int | None
    commune_name: str | None
    starts_at: datetime | None
    ends_at: datetime | None
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
    date_note: str = ""  # "Trung tuần tháng 8/2024 …" for a session whose date comes later
    notes: PracticalNotes = PracticalNotes()

    @property
    def slot(self) -> tuple[datetime, datetime] | None:
        """(start, end) once the date is set, None while it is to be announced."""
        if self.starts_at is None or self.ends_at is None:
            return None
        return self.starts_at, self.ends_at

    def started_by(self, now: datetime) -> bool:
        """An undated session has not started: people may still answer for it."""
        return self.starts_at is not None and self.starts_at <= now

    def ended_by(self, now: datetime) -> bool:
        return self.ends_at is not None and self.ends_at <= now


def session_order(session: SessionInfo) -> tuple[bool, datetime, str]:
    """Sort key: dated sessions by start, then the undated ones (by id)."""
    return session.starts_at is None, session.starts_at or _NO_DATE, session.id


_NO_DATE = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    group: str = ""


DeadlineOwnerKind = Literal["unit", "role", "speaker"]


@dataclass(frozen=True)
class Deadline:
    """Something owed by a unit, a role or a speaker: by a fixed last day (`due`), or a number
    of days before a session (`session_id`, `days_before`)."""

    id: str
    what: str
    owner_kind: DeadlineOwnerKind
    owner: str
    due: date | None = None
    session_id: str | None = None
    days_before: int = 0
    file: bool = False


@dataclass(frozen=True)
class SpeakingRules:
    """The plan's settings for speakers, drafts and deadlines (defaults in bot/plan/model)."""

    offsets: tuple[str, ...] = ("14d", "3d", "1d")
    ack_hours: int = 24
    document_max_bytes: int = 10 * 1024 * 1024
    document_types: tuple[str, ...] = ("pdf", "doc", "docx", "odt")
    deadline_days: tuple[int, ...] = (3, 1, 0)


@dataclass(frozen=True)
class Contact:
    """The person delegates call about the series (printed on invitations, named in answers)."""

    name: str
    phone: str = ""
    title: str = ""  # e.g. "Chuyên viên Phòng Biên giới, Sở Ngoại vụ"


SigningAuthority = Literal["", "TM.", "KT.", "TL.", "TUQ.", "Q."]


@dataclass(frozen=True)
class Paper:
    """What the printed papers need (Nghị định 30/2020/NĐ-CP): who issues them, under which
    body, who signs and with which authority, and the pattern of the document number."""

    issuing_body: str  # "SỞ NGOẠI VỤ", "BAN CHỈ ĐẠO CÔNG TÁC BIÊN GIỚI"
    governing_body: str = ""  # "UBND THÀNH PHỐ ĐỒNG NAI"; "" for a body without one
    place: str = ""  # địa danh of the date line ("Đồng Nai"); "" means the province
    number: str = "{number}/GM"  # "{number}/GM-BCĐ": {number} is left blank for the office
    authority: SigningAuthority = ""  # TM., KT., TL., TUQ., Q. or "" (signs in one's own name)
    on_behalf_of: str = ""  # what follows the authority: "ỦY BAN NHÂN DÂN", "GIÁM ĐỐC"
    deputy_of: str = ""  # with TM.: the head a deputy signs for ("CHỦ TỊCH": "KT. CHỦ TỊCH")
    signer_title: str = ""  # "PHÓ CHỦ TỊCH", "TRƯỞNG BAN"
    signer_name: str = ""
    signer_note: str = ""  # a line under the name: "PHÓ CHỦ TỊCH UBND THÀNH PHỐ"

    def signature_lines(self) -> list[str]:
        """The block above the signature: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", title."""
        lines = [f"{self.authority} {self.on_behalf_of}".strip()] if self.authority else []
        if self.deputy_of:
            lines.append(f"KT. {self.deputy_of}")
        return [*lines, self.signer_title] if self.signer_title else lines


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
    upper_level: UpperLevel = "city"
    categories: tuple[Category, ...] = ()
    retention_days: int = DEFAULT_RETENTION_DAYS
    sessions: tuple[SessionInfo, ...] = field(default=())
    speaking: SpeakingRules = SpeakingRules()
    deadlines: tuple[Deadline, ...] = ()
    contact: Contact | None = None
    notes: PracticalNotes = PracticalNotes()
    faq: tuple[Faq, ...] = ()
    paper: Paper | None = None
    num: int = 0  # its short number in invite links (s<num>_…), given when first stored
