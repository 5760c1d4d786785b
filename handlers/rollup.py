"""/tonghop: the live roll-up of a session for the organisers (per commune, per category), and
a nudge, through the outbox, to the invited delegates who have not answered yet.

Only admins, organisers and focal points, as the roles table says at the moment of the
request: a button's data names a session, never who may act on it. A focal point sees and
nudges only their own commune (scope commune:<ward code>) or unit (scope unit:<category>)."""

from __future__ import annotations

from dataclasses import asdict

from bot.catalog import t
from bot.domain import SessionInfo, session_order
from bot.domain.messages import Button, Reply, reply_to_json
from bot.services.attendance import answer_buttons
from bot.services.dates import format_session_day, format_session_when
from bot.services.invites import scope_text
from bot.services.levels import level_key
from bot.services.paging import chat_pages
from bot.services.plan_state import LoadedPlan
from bot.services.qa import venue_text
from handlers.context import Turn
from handlers.roles import Scopes, session_scope, titled, tool_plans
from storage.outbox import OutboxItem
from storage.rollup import Counts, Rollup, RollupGroup

PREFIX, NUDGE = "th:", "th:nudge:"


async def _in_scope(turn: Turn, delegate_id: int, scopes: Scopes) -> bool:
    if scopes is None:
        return True
    delegate = await turn.services.delegates.get(delegate_id)
    if delegate is None:
        return False
    return (
        f"commune:{delegate.commune_code}" in scopes or f"unit:{delegate.category_code}" in scopes
    )


async def _refused(turn: Turn) -> list[Reply]:
    return await turn.refusal("rollup.organisers_only", "a roll-up request")


async def command(turn: Turn, args: str) -> list[Reply]:
    """/tonghop: pick a session; /tonghop <number>: that session's roll-up."""
    session, allowed, scopes = await session_scope(turn, args)
    if not allowed:
        return await _refused(turn)
    return await _show(turn, session, scopes) if session else await _pick(turn)


async def on_button(turn: Turn, data: str) -> list[Reply]:
    """th:<session number> shows the roll-up; th:nudge:<session number> nudges."""
    nudge = data.startswith(NUDGE)
    session, allowed, scopes = await session_scope(
        turn, data.removeprefix(NUDGE if nudge else PREFIX)
    )
    if not allowed:
        return await _refused(turn)
    if session is None:
        return [turn.say("common.button_expired")]
    return await (_nudge if nudge else _show)(turn, session, scopes)


async def _pick(turn: Turn) -> list[Reply]:
    """The sessions to pick from, of every series this person's roles open the roll-up of."""
    plans = await tool_plans(turn)
    picks = [titled(turn, plans, plan, _pick_in(turn, plan)) for plan in plans]
    return picks or [turn.say("rollup.no_sessions")]


def _pick_in(turn: Turn, plan: LoadedPlan) -> Reply:
    sessions = plan.series.sessions
    if not sessions:
        return turn.say("rollup.no_sessions")
    upcoming = sorted((s for s in sessions if not s.ended_by(turn.now)), key=session_order)
    held = sorted((s for s in sessions if s.ended_by(turn.now)), key=session_order)
    held.reverse()  # the most recent first
    rows = []
    for session in [*upcoming, *held]:
        mark = turn.text("rollup.mark.upcoming" if session in upcoming else "rollup.mark.held")
        date = format_session_day(session, plan.zone, turn.locale)
        label = plan.answerer.label(session, turn.locale)
        rows.append(
            (
                turn.button(
                    "rollup.session_button",
                    f"{PREFIX}{session.num}",
                    mark=mark,
                    label=label,
                    date=date,
                ),
            )
        )
    return turn.say("rollup.pick_session", buttons=tuple(rows))


def _line(turn: Turn, name: str, counts: Counts, warn: bool = False) -> str:
    return turn.text(
        "rollup.line",
        warn="⚠️ " if warn else "",
        name=name,
        **vars(counts),  # the fields (dataclasses.asdict copies deeply: 2 µs a line)
    )


def _commune_name(turn: Turn, group: RollupGroup) -> str:
    if group.key == "":
        return turn.text(level_key("rollup.city_level", turn.plan.series.upper_level))
    return group.name or group.key


def _category_lines(turn: Turn, rollup: Rollup) -> list[str]:
    order = {c.code: n for n, c in enumerate(turn.plan.series.categories)}
    groups = sorted(rollup.by_category, key=lambda g: (order.get(g.key, len(order)), g.key))
    lines = []
    for group in groups:
        category = turn.plan.category(group.key)
        lines.append(_line(turn, category.label if category else group.key, group.counts))
    return lines


def render(turn: Turn, session: SessionInfo, rollup: Rollup) -> list[str]:
    """The roll-up as pages of at most paging.PAGE UTF-16 units, cut between lines."""
    total = rollup.total
    under = session.level == "commune" and total.registered < session.expected_min
    header = turn.text(
        "rollup.header",
        label=turn.plan.answerer.label(session, turn.locale),
        when=format_session_when(session, turn.plan.zone, turn.locale),
        expected_min=session.expected_min,
        expected_max=session.expected_max,
        warn=turn.text("rollup.under_quota", expected_min=session.expected_min) if under else "",
        coming=total.coming,
        **asdict(total),
    )
    lines = [header]
    if session.level == "city":
        lines.append(turn.text(level_key("rollup.city_note", turn.plan.series.upper_level)))
    if total.registered == 0:
        return chat_pages([*lines, "", turn.text("rollup.nobody")])
    lines += ["", turn.text("rollup.legend"), "", turn.text("rollup.by_commune")]
    for group in rollup.by_commune:
        warn = (
            session.level == "commune"
            and group.key != ""
            and group.counts.registered < session.expected_min
        )
        lines.append(_line(turn, _commune_name(turn, group), group.counts, warn))
    lines += ["", turn.text("rollup.by_category"), *_category_lines(turn, rollup)]
    pages = chat_pages(lines)
    if len(pages) == 1:
        return pages
    return [f"{page}\n({n}/{len(pages)})" for n, page in enumerate(pages, 1)]


async def _show(turn: Turn, session: SessionInfo, scopes: Scopes = None) -> list[Reply]:
    rollup = (await turn.services.rollups.session_rollup(session)).within(scopes)
    pages = render(turn, session, rollup)
    if scopes is not None:
        where = ", ".join(scope_text(turn.plan, scope, turn.locale) for scope in scopes)
        pages[0] = f"{turn.text('roles.focal_scope_only', scope=where)}\n{pages[0]}"
    buttons: tuple[tuple[Button, ...], ...] = ()
    if not session.started_by(turn.now):
        buttons = ((turn.button("rollup.nudge_button", f"{NUDGE}{session.num}"),),)
    return [
        Reply(page, buttons=buttons if n == len(pages) - 1 else ()) for n, page in enumerate(pages)
    ]


async def _nudge(turn: Turn, session: SessionInfo, scopes: Scopes = None) -> list[Reply]:
    """Queue one reminder per invited, reachable delegate who has not answered, at most one per
    person per day (the outbox's unique key); the running sender delivers them."""
    if session.started_by(turn.now):
        return [turn.say("rollup.nudge_started")]
    locale = "vi"  # what delegates read, as for the scheduled reminders
    payload = reply_to_json(
        Reply(_nudge_text(turn, session, locale), buttons=answer_buttons(session, locale))
    )
    day = turn.now.astimezone(turn.plan.zone).date().isoformat()
    recipients = await turn.services.attendance.recipients(session)
    items = [
        OutboxItem(
            f"nudge:{session.id}:{r.delegate_id}:{day}",
            "nudge",
            r.account_id,
            r.channel,
            r.chat_id,
            payload,
        )
        for r in recipients
        if r.answer is None and await _in_scope(turn, r.delegate_id, scopes)
    ]
    queued = await turn.services.outbox.enqueue(items, turn.now)
    await turn.audit(
        "nudge", session=session.id, queued=queued, not_answered=len(items), scopes=scopes
    )
    return [turn.say("rollup.nudged", count=queued)]


def _nudge_text(turn: Turn, session: SessionInfo, locale: str) -> str:
    return t(
        "rollup.nudge_text",
        locale,
        label=turn.plan.answerer.label(session, locale),
        when=format_session_when(session, turn.plan.zone, locale),
        venue=venue_text(session.venue),
    )
