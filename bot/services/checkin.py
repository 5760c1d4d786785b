"""Check-in codes: a signed deep-link payload that an organiser's phone camera opens, the rule
at the door (shared by the chat's QR scan and the dashboard's door view), and the distance rule
for checking in by shared location."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from storage.attendance import AnswerKind, AttendanceRepository

PAYLOAD = re.compile(r"^ci-(\d{1,9})-(\d{1,12})-([A-Za-z0-9_-]{16})$")
EARTH_RADIUS_M = 6_371_000


def _signature(key: bytes, session_num: int, delegate_id: int) -> str:
    digest = hmac.new(key, f"{session_num}.{delegate_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()


def payload(key: bytes, session_num: int, delegate_id: int) -> str:
    """At most 64 characters of A-Za-z0-9_- (Telegram's /start payload)."""
    return f"ci-{session_num}-{delegate_id}-{_signature(key, session_num, delegate_id)}"


def verify(key: bytes, text: str) -> tuple[int, int] | None:
    """(session number, delegate id) of a genuine payload, None for a forged or broken one."""
    match = PAYLOAD.match(text)
    if match is None:
        return None
    session_num, delegate_id = int(match.group(1)), int(match.group(2))
    expected = _signature(key, session_num, delegate_id)
    return (session_num, delegate_id) if hmac.compare_digest(expected, match.group(3)) else None


@dataclass(frozen=True)
class DoorCheck:
    """What the organiser at the door is told: checked in now ("done"), earlier ("already",
    at `earlier`), or not yet because their answer is not "Tham dự" ("confirm")."""

    step: Literal["done", "already", "confirm"]
    answer: AnswerKind | None  # the delegate's current answer to the session
    earlier: datetime | None = None


async def check_in_at_door(
    attendance: AttendanceRepository,
    session_id: str,
    delegate_id: int,
    method: str,
    by_account: int | None,
    now: datetime,
    confirmed: bool = False,
) -> DoorCheck:
    """Mark a delegate present, showing their current answer: someone who has not answered
    "Tham dự" (declined, changed their mind, online, sent a substitute, never answered) is
    checked in only once the organiser confirms it, whatever code they carry."""
    current = await attendance.answer_of(session_id, delegate_id)
    answer = current.answer if current is not None else None
    earlier = await attendance.checked_in_at(session_id, delegate_id)
    if earlier is not None:
        return DoorCheck("already", answer, earlier)
    if answer != "in_person" and not confirmed:
        return DoorCheck("confirm", answer)
    earlier = await attendance.check_in(session_id, delegate_id, method, by_account, now)
    return DoorCheck("done" if earlier is None else "already", answer, earlier)


def qr_png(link: str) -> bytes:
    out = io.BytesIO()
    import segno  # loaded when a first QR code is made, not at start

    segno.make(link, error="m").save(out, kind="png", scale=8, border=4)
    return out.getvalue()


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), good to a metre at venue scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))
