"""Read a plan file into a SeriesInfo, or a list of errors naming file, line, field and why."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import ValidationError

from bot.catalog import t
from bot.domain import (
    Category,
    Contact,
    Deadline,
    DeadlineOwnerKind,
    Faq,
    Paper,
    PracticalNotes,
    SeriesInfo,
    SessionInfo,
    Speaker,
    SpeakingRules,
    UpperLevel,
    Venue,
    session_order,
)
from bot.plan import yamlnodes
from bot.plan.errors import PlanError, dotted, error_from_pydantic
from bot.plan.model import PlanModel, SessionModel
from bot.services.communes import CommuneDirectory
from bot.services.vntext import slug


def read_plan(path: Path, locale: str = "vi") -> tuple[SeriesInfo | None, list[PlanError]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [
            PlanError(str(path), None, "", t("plan.error.unreadable", locale, reason=error))
        ]
    return parse_plan(text, str(path), locale)


def parse_plan(
    text: str, file: str, locale: str = "vi"
) -> tuple[SeriesInfo | None, list[PlanError]]:
    data, root, problems = yamlnodes.parse(text)
    errors = [PlanError(file, p.line, dotted(p.path), t(p.reason, locale)) for p in problems]
    if errors:
        return None, errors
    try:
        plan = PlanModel.model_validate(data)
    except ValidationError as invalid:
        return None, [
            error_from_pydantic(detail, root, file, locale) for detail in invalid.errors()
        ]
    checker = _SemanticChecker(plan, root, file, locale)
    series = checker.build()
    return (series, []) if not checker.errors else (None, checker.errors)


class _SemanticChecker:
    """Rules the schema cannot say: real communes, time order, unique ids, a real time zone."""

    def __init__(self, plan: PlanModel, root: yaml.Node | None, file: str, locale: str) -> None:
        self.plan, self.root, self.file, self.locale = plan, root, file, locale
        self.errors: list[PlanError] = []

    def fail(self, path: tuple[str | int, ...], key: str, **params: Any) -> None:
        line = yamlnodes.line_of(self.root, path)
        self.errors.append(PlanError(self.file, line, dotted(path), t(key, self.locale, **params)))

    def build(self) -> SeriesInfo | None:
        series = self.plan.series
        try:
            zone = ZoneInfo(series.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(("series", "timezone"), "plan.error.timezone", value=series.timezone)
            return None
        try:
            communes = CommuneDirectory(series.province)
        except ValueError:
            self.fail(("series", "province"), "plan.error.province", value=series.province)
            return None
        self._check_unique([c.code for c in self.plan.categories], "categories", "code")
        self._check_unique([s.id for s in self.plan.sessions], "sessions", "id")
        upper_level = self._upper_level()
        sessions = tuple(
            info
            for index, session in enumerate(self.plan.sessions)
            if (info := self._session(index, session, zone, communes)) is not None
        )
        deadlines = self._deadlines(sessions)
        if self.errors:
            return None
        return SeriesInfo(
            id=series.id,
            title=series.title,
            province=series.province,
            organiser=series.organiser,
            timezone=series.timezone,
            reminder_offsets=tuple(series.reminder_offsets or ()),
            allow_groups=series.allow_groups,
            upper_level=upper_level,
            retention_days=series.retention_days,
            categories=tuple(Category(c.code, c.label, c.group) for c in self.plan.categories),
            sessions=tuple(sorted(sessions, key=session_order)),
            speaking=SpeakingRules(
                offsets=tuple(series.speaker_offsets),
                ack_hours=series.speaker_ack_hours,
                document_max_bytes=int(series.document_max_mb * 1024 * 1024),
                document_types=tuple(series.document_types),
                deadline_days=tuple(sorted(set(series.deadline_days), reverse=True)),
            ),
            deadlines=deadlines,
            contact=Contact(**series.contact.model_dump()) if series.contact else None,
            notes=PracticalNotes(**series.notes.model_dump()),
            faq=tuple(Faq(item.q, item.a) for item in series.faq),
            paper=Paper(**series.paper.model_dump()) if series.paper else None,
        )

    def _upper_level(self) -> UpperLevel:
        """What the series calls the level above its communes: city or province, not both."""
        levels = [(i, s.level) for i, s in enumerate(self.plan.sessions) if s.level != "commune"]
        first = levels[0][1] if levels else "city"
        for index, level in levels:
            if level != first:
                self.fail(("sessions", index, "level"), "plan.error.mixed_levels", first=first)
        return "province" if first == "province" else "city"

    def _deadlines(self, sessions: tuple[SessionInfo, ...]) -> tuple[Deadline, ...]:
        self._check_unique([d.id for d in self.plan.deadlines], "deadlines", "id")
        session_ids = {session.id for session in sessions}
        speaker_ids = {s.id for session in sessions for s in session.speakers}
        units = {category.code for category in self.plan.categories}
        found = []
        for index, model in enumerate(self.plan.deadlines):
            where: tuple[str | int, ...] = ("deadlines", index)
            owner = model.owner
            given = [
                (k, v)
                for k, v in (("unit", owner.unit), ("role", owner.role), ("speaker", owner.speaker))
                if v
            ]
            if len(given) != 1:
                self.fail((*where, "owner"), "plan.error.deadline_owner")
                continue
            kind, value = given[0]
            known = {"unit": units, "speaker": speaker_ids}.get(kind)
            if known is not None and value not in known:
                key = f"plan.error.deadline_{kind}"
                self.fail((*where, "owner", kind), key, value=value)
            if (model.due is None) == (model.before_session is None):
                self.fail(where, "plan.error.deadline_when")
                continue
            before = model.before_session
            if before is not None and before.session not in session_ids:
                self.fail(
                    (*where, "before_session", "session"),
                    "plan.error.deadline_session",
                    value=before.session,
                )
            found.append(
                Deadline(
                    id=model.id,
                    what=model.what,
                    owner_kind=cast(DeadlineOwnerKind, kind),
                    owner=value,
                    due=model.due,
                    session_id=before.session if before else None,
                    days_before=before.days if before else 0,
                    file=model.file,
                )
            )
        return tuple(found)

    def _check_unique(self, values: list[str], section: str, field: str) -> None:
        seen: set[str] = set()
        for index, value in enumerate(values):
            if value in seen:
                self.fail((section, index, field), "plan.error.duplicate_id", value=value)
            seen.add(value)

    def _session(
        self, index: int, session: SessionModel, zone: ZoneInfo, communes: CommuneDirectory
    ) -> SessionInfo | None:
        where = ("sessions", index)
        commune = None
        if session.commune:
            commune = communes.resolve(session.commune)
            if commune is None:
                self.fail(
                    (*where, "commune"),
                    "plan.error.commune",
                    value=session.commune,
                    province=self.plan.series.province,
                )
        elif session.level == "commune":
            self.fail((*where, "commune"), "plan.error.commune_required")
        self._check_times(where, session)
        known = {category.code for category in self.plan.categories}
        for position, code in enumerate(session.invite_categories):
            if code not in known:
                self.fail(
                    (*where, "invite_categories", position), "plan.error.category", value=code
                )
        if session.expected.max < session.expected.min:
            self.fail((*where, "expected", "max"), "plan.error.headcount_order")
        venue = session.venue
        if (venue.latitude is None) != (venue.longitude is None):
            self.fail((*where, "venue"), "plan.error.coordinates_pair")
        if self.errors:
            return None
        speakers = session.speakers or getattr(self.plan.speakers, session.level)
        return SessionInfo(
            id=session.id,
            series_id=self.plan.series.id,
            level="commune" if session.level == "commune" else "city",
            title=session.title,
            commune_code=commune.code if commune else None,
            commune_name=commune.name if commune else None,
            starts_at=_to_utc(session.start, zone) if session.start else None,
            ends_at=_to_utc(session.end, zone) if session.end else None,
            venue=Venue(venue.name, venue.address, venue.latitude, venue.longitude),
            expected_min=session.expected.min,
            expected_max=session.expected.max,
            tentative=session.tentative,
            online_allowed=session.online,
            topics=tuple(session.topics or self.plan.topics),
            speakers=tuple(
                Speaker(
                    s.name,
                    s.unit,
                    s.topic,
                    s.id or slug(s.name),
                    s.start.strftime("%H:%M") if s.start else "",
                    s.minutes,
                )
                for s in speakers
            ),
            invite_categories=tuple(session.invite_categories),
            checkin_radius_m=session.checkin_radius_m,
            date_note=session.date_note,
            notes=PracticalNotes(**session.notes.model_dump()),
        )

    def _check_times(self, where: tuple[str | int, ...], session: SessionModel) -> None:
        """start and end together, after one another; or neither, with a date_note."""
        if session.start is None and session.end is None:
            if not session.date_note:
                self.fail(where, "plan.error.no_date")
        elif session.start is None or session.end is None:
            missing = "start" if session.start is None else "end"
            self.fail((*where, missing), "plan.error.start_end_pair")
        elif session.end <= session.start:
            self.fail((*where, "end"), "plan.error.end_before_start")


def _to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(UTC)
