"""The words of /datngay: "<số buổi> <ngày/tháng/năm> <giờ bắt đầu>-<giờ kết thúc>", e.g.
"3 15/08/2024 08:00-11:30" (also 15-8-2024, 8h-11h30), read in the series' time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

_TIME = r"(\d{1,2})(?:[:hgHG](\d{2})?)?"
COMMAND = re.compile(
    rf"^\s*(\d{{1,4}})\s+(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}})\s+{_TIME}\s*[-–—]\s*{_TIME}\s*$"
)


@dataclass(frozen=True)
class DateRequest:
    num: int  # the session's number, as /datngay lists it
    start: datetime  # aware, UTC
    end: datetime


@dataclass
class DateCommandError(Exception):
    """Why the words are not a date: a catalog key and its parameters."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


def parse_date_command(text: str, zone: tzinfo) -> DateRequest:
    match = COMMAND.match(text)
    if match is None:
        raise DateCommandError("undated.bad_format")
    num, day, month, year, start_h, start_m, end_h, end_m = match.groups()
    try:
        date = datetime(int(year), int(month), int(day))
        start = date.replace(hour=int(start_h), minute=int(start_m or 0))
        end = date.replace(hour=int(end_h), minute=int(end_m or 0))
    except ValueError:
        shown = f"{day}/{month}/{year} {start_h}:{start_m or '00'}-{end_h}:{end_m or '00'}"
        raise DateCommandError("undated.bad_date", {"value": shown}) from None
    return DateRequest(int(num), _utc(start, zone), _utc(end, zone))


def _utc(local: datetime, zone: tzinfo) -> datetime:
    return local.replace(tzinfo=zone).astimezone(UTC)
