"""Dates as users read them: "Thứ Sáu, 27/11/2026, 08:00", in the series' time zone."""

from __future__ import annotations

from datetime import datetime, tzinfo

from bot.catalog import t


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
