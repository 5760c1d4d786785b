"""The demo: a copy of the example plan moved so that its first session is a few days ahead,
in a database of its own, so that a newcomer sees reminders, answers and check-ins at once.

The copy is the plan file's text with every date moved by the same number of days (ISO
"2026-07-09" and Vietnamese "09/07/2026" alike), so that weekdays aside the plan stays as
written; the demo database starts empty at each run and never touches the real one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import DEFAULT_PLAN, Settings
from bot.plan.loader import read_plan

LEAD = timedelta(days=3)  # how far ahead the first session lies in the demo
_DATES = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_SERIES_TITLE = re.compile(r"^(  title: )(?![>|])(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Demo:
    settings: Settings  # DATABASE_PATH and PLAN_FILE pointing at the demo's own files
    first_session: date


def shift_dates(text: str, days: int) -> str:
    """Every date of a plan's text moved by `days`, each written as it was."""

    def moved(match: re.Match[str]) -> str:
        if match.group(1):
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            return (day + timedelta(days=days)).isoformat()
        day = date(int(match.group(6)), int(match.group(5)), int(match.group(4)))
        return (day + timedelta(days=days)).strftime("%d/%m/%Y")

    return _DATES.sub(moved, text)


def prepare_demo(settings: Settings, now: datetime, title_note: str) -> Demo:
    """Write the moved copy of the example plan beside a fresh demo database."""
    series, errors = read_plan(DEFAULT_PLAN)
    assert series is not None, errors  # the example plan ships valid (tests load it)
    zone = ZoneInfo(series.timezone)
    starts = [s.starts_at.astimezone(zone).date() for s in series.sessions if s.starts_at]
    target = (now.astimezone(zone) + LEAD).date()
    days = (target - min(starts)).days
    text = shift_dates(DEFAULT_PLAN.read_text(encoding="utf-8"), days)
    text = _SERIES_TITLE.sub(lambda m: f"{m.group(1)}{m.group(2)} {title_note}", text, count=1)
    real = settings.database_path
    database = real.with_name(f"{real.stem}-demo{real.suffix or '.sqlite3'}")
    database.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        leftover.unlink(missing_ok=True)
    plan = database.with_suffix(".yaml")
    plan.write_text(text, encoding="utf-8")
    demo_settings = settings.model_copy(
        update={"database_path": database, "database_url": None, "plan_file": plan}
    )
    return Demo(demo_settings, target)
