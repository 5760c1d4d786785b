"""/datngay: an organiser sets the date of a session the plan left as "thời gian cụ thể sẽ có
thông báo sau" (or moves a dated one).

The date is written on the session (PlanRepository.set_time) and stays until a plan load gives
the session a date; every invitee is told once (the outbox key holds the new start), and the
reminders follow the new date: the scheduler's sweep, every minute, finds the new due times.
Admins and organisers only; focal points may not."""

from __future__ import annotations

from bot.domain import ORGANISER_ROLES, SessionInfo
from bot.domain.messages import Reply
from bot.services.date_command import DateCommandError, DateRequest, parse_date_command
from bot.services.dates import format_datetime, format_session_when, format_time_range
from bot.services.numbers import as_number
from bot.services.reminders import ReminderPlanner
from bot.services.speaker_reminders import SpeakerPlanner
from handlers.context import Turn


async def command(turn: Turn, args: str) -> list[Reply]:
    first = as_number((args.split() or [""])[0])
    if first is not None:  # the roles are checked in the session's own series
        await turn.session_anywhere(first)
    if not await turn.holds(ORGANISER_ROLES):
        return await turn.refusal("undated.organisers_only", "/datngay")
    if not args.strip():
        return [usage(turn)]
    try:
        request = parse_date_command(args, turn.plan.zone)
    except DateCommandError as error:
        return [Reply(turn.text(error.key, **error.params)), usage(turn)]
    session = turn.session_by_num(request.num)
    if session is None:
        return [turn.say("undated.unknown_session", num=request.num), usage(turn)]
    if request.end <= request.start:
        return [turn.say("undated.end_before_start")]
    when = format_time_range(request.start, request.end, turn.plan.zone, turn.locale)
    if request.start <= turn.now:
        return [turn.say("undated.in_past", when=when)]
    return [await _set(turn, session, request, when)]


async def _set(turn: Turn, session: SessionInfo, request: DateRequest, when: str) -> Reply:
    label = turn.plan.answerer.label(session, turn.locale)
    services = turn.services
    change = await services.plans.set_session_time(session.id, request.start, request.end, turn.now)
    if change is None:
        return turn.say("undated.unchanged", label=label, when=when)
    planner = ReminderPlanner(
        services.plans, services.attendance, services.outbox, services.reminder_offsets
    )
    speakers = SpeakerPlanner(
        services.plans, services.roles, services.speaker_reminders, services.outbox
    )
    changes = [(session.id, change.before)]
    told = await planner.announce_dates(changes, turn.now)
    told += await speakers.announce_dates(changes, turn.now)
    await turn.audit(
        "session_date",
        session=session.id,
        start=request.start.isoformat(),
        end=request.end.isoformat(),
        before=change.before.isoformat() if change.before else None,
        told=told,
    )
    if change.before is None:
        return turn.say("undated.set", label=label, when=when, count=told)
    old = format_datetime(change.before, turn.plan.zone, turn.locale)
    return turn.say("undated.moved", label=label, old=old, when=when, count=told)


def usage(turn: Turn) -> Reply:
    """How to write the command, and the sessions still to come with their numbers (those
    without a date first)."""
    sessions = [s for s in turn.plan.series.sessions if not s.ended_by(turn.now)]
    sessions.sort(key=lambda s: s.slot is not None)
    lines = [
        turn.text(
            "undated.session_line",
            num=s.num,
            label=turn.plan.answerer.label(s, turn.locale),
            when=format_session_when(s, turn.plan.zone, turn.locale),
        )
        for s in sessions
    ]
    example = sessions[0].num if sessions else 1
    return turn.say("undated.usage", example=example, sessions="\n".join(lines) or "—")
