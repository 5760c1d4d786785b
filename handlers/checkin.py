"""Marking people present: an organiser scans a delegate's QR code (a signed /start payload),
or a delegate shares their location near the venue during the session."""

from __future__ import annotations

from datetime import timedelta

from bot.domain import ORGANISER_ROLES
from bot.domain.messages import Reply
from bot.services import checkin
from bot.services.dates import format_date
from bot.services.levels import level_key
from handlers import codes
from handlers.context import Turn

CHECKIN_CODES = "checkin"  # the kind of code, for the attempt limits
EARLY_MINUTES = 60  # location check-in opens an hour before the start
CONFIRM_PREFIX = "ciok:"  # + the scanned payload: check in someone not "Tham dự" all the same


async def on_scan(turn: Turn, payload: str, confirmed: bool = False) -> list[Reply]:
    """/start ci-…: only organisers, only for that session, on the session's day, once; the
    organiser sees the delegate's current answer, and one who is not "Tham dự" is checked in
    only after the organiser confirms (the button CONFIRM_PREFIX + payload)."""
    verified = checkin.verify(turn.services.checkin_key, payload)
    # The roles are checked in the session's own series (the turn acts in it).
    session = await turn.session_anywhere(verified[0]) if verified else None
    if not await turn.holds(ORGANISER_ROLES):
        return await turn.refusal("checkin.organisers_only", "a check-in scan")
    refused = await codes.refusal(turn, CHECKIN_CODES)
    if refused is not None:
        return refused
    delegate = await turn.services.delegates.get(verified[1]) if verified else None
    if session is None or delegate is None:
        await codes.wrong(turn, CHECKIN_CODES)
        return [turn.say("checkin.invalid")]
    if session.starts_at is None:
        label = turn.plan.answerer.label(session, turn.locale)
        return [turn.say("undated.no_checkin", label=label)]
    zone = turn.plan.zone
    if session.starts_at.astimezone(zone).date() != turn.now.astimezone(zone).date():
        return [
            turn.say("checkin.wrong_day", date=format_date(session.starts_at, zone, turn.locale))
        ]
    door = await checkin.check_in_at_door(
        turn.services.attendance,
        session.id,
        delegate.id,
        "qr",
        turn.account.id,
        turn.now,
        confirmed,
    )
    answer = turn.text(f"export.status.{door.answer or 'none'}")
    commune = delegate.commune_name or turn.text(
        level_key("profile.city_level", turn.plan.series.upper_level)
    )
    if door.step == "confirm":
        button = turn.button("checkin.confirm_button", f"{CONFIRM_PREFIX}{payload}")
        return [
            turn.say(
                "checkin.confirm",
                name=delegate.full_name,
                commune=commune,
                answer=answer,
                buttons=((button,),),
            )
        ]
    await turn.audit(
        "check_in",
        session=session.id,
        delegate=delegate.id,
        first=door.step == "done",
        answer=door.answer,
        confirmed=confirmed,
    )
    if door.earlier is not None:
        time = door.earlier.astimezone(zone).strftime("%H:%M")
        return [turn.say("checkin.already", name=delegate.full_name, time=time)]
    return [
        turn.say(
            "checkin.done",
            name=delegate.full_name,
            commune=commune,
            label=turn.plan.answerer.label(session, turn.locale),
            answer=answer,
        )
    ]


async def on_location(turn: Turn) -> list[Reply]:
    """A shared location checks the delegate in to a session of theirs under way nearby."""
    inbound, delegate = turn.inbound, turn.delegate
    if delegate is None or inbound.latitude is None or inbound.longitude is None:
        return [turn.say("common.text_only")]
    open_now = [
        s
        for s in turn.plan.series.sessions
        if (slot := s.slot) is not None
        and slot[0] - timedelta(minutes=EARLY_MINUTES) <= turn.now <= slot[1]
        and s.venue.latitude is not None
        and s.venue.longitude is not None
        and await turn.services.attendance.is_invited(s, delegate.id)
    ]
    if not open_now:
        return [turn.say("checkin.location_no_session")]
    session = open_now[0]
    assert session.venue.latitude is not None and session.venue.longitude is not None
    distance = checkin.distance_m(
        inbound.latitude, inbound.longitude, session.venue.latitude, session.venue.longitude
    )
    if distance > session.checkin_radius_m:
        return [
            turn.say(
                "checkin.location_far", distance=round(distance), radius=session.checkin_radius_m
            )
        ]
    await turn.services.attendance.check_in(
        session.id, delegate.id, "location", turn.account.id, turn.now
    )
    return [turn.say("checkin.location_done", label=turn.plan.answerer.label(session, turn.locale))]
