"""Dates as users read them: "Thứ Sáu, 27/11/2026, 08:00", in the series' time zone."""

from __future__ import annotations

from datetime import datetime, tzinfo

from bot.catalog import t
from bot.domain import SessionInfo


def _local(moment: datetime, tz: tzinfo) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("expected an aware datetime (times are stored in UTC)")
    return moment.astimezone(tz)


def format_date(moment: datetime, tz: tzinfo, locale: str = "vi") -> str:
    """ "Thứ Sáu, 27/11/2026" (the weekday name comes from the catalog)."""
    local = _local(moment, tz)
    return f"{t(f'date.weekday.{local.weekday()}', locale)}, {local:%d/%m/%Y}"


def format_datetime(moment: datetime, tz: tzinfo, locale: str = "vi") -> str:
    """ "Thứ Sáu, 27/11/2026, 08:00"."""
    return f"{format_date(moment, tz, locale)}, {_local(moment, tz):%H:%M}"


def format_time_range(start: datetime, end: datetime, tz: tzinfo, locale: str = "vi") -> str:
    """ "Thứ Sáu, 27/11/2026, 08:00–11:30"; both dates in full when the range spans days."""
    local_start, local_end = _local(start, tz), _local(end, tz)
    if local_start.date() == local_end.date():
        return f"{format_datetime(start, tz, locale)}–{local_end:%H:%M}"
    return f"{format_datetime(start, tz, locale)} – {format_datetime(end, tz, locale)}"


def format_session_when(session: SessionInfo, tz: tzinfo, locale: str = "vi") -> str:
    """The session's time range, or that its date is still to be announced (with the plan's
    note, e.g. "Trung tuần tháng 8/2024")."""
    slot = session.slot
    if slot is not None:
        return format_time_range(*slot, tz, locale)
    if session.date_note:
        return t("undated.when", locale, note=session.date_note)
    return t("undated.when_plain", locale)


def format_session_day(session: SessionInfo, tz: tzinfo, locale: str = "vi") -> str:
    """ "27/11/2026" for buttons, or "chưa có ngày"."""
    if session.starts_at is None:
        return t("undated.short", locale)
    return f"{_local(session.starts_at, tz):%d/%m/%Y}"
