"""Plan deadlines: the day each falls due, reminders before it and on it (in the morning, at
the plan's `deadline_days`), and one notice to owners and organisers when it has passed undone.

A deadline owed by a unit reaches the unit's focal points, one owed by a role reaches whoever
holds the role, one owed by a speaker reaches that speaker. Only outbox rows are made here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.catalog import t
from bot.domain import ORGANISER_ROLES, Deadline
from bot.domain.messages import Button, Reply, reply_to_json
from bot.services import plan_answers
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan, PlanCache
from bot.services.speakers import SPEAKER_SCOPE, notice, speakers_of
from storage.deadlines import DeadlineRepository, DoneMark
from storage.outbox import OutboxItem, OutboxRepository
from storage.roles import RoleHolder, RoleRepository, SeriesLike

REMIND_AT = time(8, 0)  # local time of the reminders and of the overdue notice
DONE_PREFIX = "dl:done:"


@dataclass(frozen=True)
class DeadlineState:
    deadline: Deadline
    due: date | None  # None: relative to a session whose date is not set
    done: DoneMark | None

    def overdue(self, today: date) -> bool:
        return self.done is None and self.due is not None and today > self.due


def due_day(plan: LoadedPlan, deadline: Deadline) -> date | None:
    """None while the session it counts from has no date."""
    return plan_answers.due_day(deadline, plan.series.sessions, plan.zone)


def states(plan: LoadedPlan, done: dict[str, DoneMark]) -> list[DeadlineState]:
    """Every deadline with its due day and done mark, soonest first, undated last."""
    found = [DeadlineState(d, due_day(plan, d), done.get(d.id)) for d in plan.series.deadlines]
    return sorted(found, key=lambda s: (s.due is None, s.due or date.min, s.deadline.id))


def owner_text(plan: LoadedPlan, deadline: Deadline, locale: str) -> str:
    if deadline.owner_kind == "unit":
        category = plan.category(deadline.owner)
        return category.label if category else deadline.owner
    if deadline.owner_kind == "speaker":
        speaker = speakers_of(plan).get(deadline.owner)
        return speaker.name if speaker else deadline.owner
    return t(f"roles.name.{deadline.owner}", locale)


async def owners(roles: RoleRepository, deadline: Deadline, series: SeriesLike) -> list[RoleHolder]:
    """The accounts that owe a deadline of this series (and may mark it done)."""
    if deadline.owner_kind == "unit":
        return await roles.holders(("focal",), series, f"unit:{deadline.owner}")
    if deadline.owner_kind == "speaker":
        return await roles.holders(("speaker",), series, f"{SPEAKER_SCOPE}{deadline.owner}")
    wanted = ORGANISER_ROLES if deadline.owner == "organiser" else (deadline.owner,)
    return await roles.holders(wanted, series)


def item_text(plan: LoadedPlan, state: DeadlineState, locale: str) -> str:
    deadline = state.deadline
    due = (
        t("deadlines.due", locale, date=f"{state.due:%d/%m/%Y}")
        if state.due
        else t("deadlines.due_unset", locale)
    )
    file = t("deadlines.file_owed", locale) if deadline.file else ""
    return t(
        "deadlines.item",
        locale,
        what=deadline.what,
        due=due,
        file=file,
        owner=owner_text(plan, deadline, locale),
    )


def done_button(plan: LoadedPlan, deadline: Deadline, locale: str) -> Button:
    """ "Đã xong", naming the series by its number: two series may share a deadline id."""
    data = f"{DONE_PREFIX}{plan.series.num}:{deadline.id}"
    return Button(t("deadlines.done_button", locale), data)


def done_data(data: str) -> tuple[int | None, str]:
    """The series number and the deadline id of a "Đã xong" button's data; no number in one
    made before the buttons named their series (dl:done:<deadline id>)."""
    rest = data.removeprefix(DONE_PREFIX)
    number, colon, deadline_id = rest.partition(":")
    series_num = as_number(number)
    if colon and series_num is not None:
        return series_num, deadline_id
    return None, rest


def _at(day: date, plan: LoadedPlan) -> datetime:
    return datetime.combine(day, REMIND_AT, tzinfo=plan.zone)


class DeadlinePlanner:
    def __init__(
        self,
        plans: PlanCache,
        roles: RoleRepository,
        deadlines: DeadlineRepository,
        outbox: OutboxRepository,
    ) -> None:
        self.plans, self.roles, self.deadlines, self.outbox = plans, roles, deadlines, outbox

    async def enqueue_due(self, now: datetime) -> int:
        """Reminders and overdue notices of the deadlines of every active series."""
        items: list[OutboxItem] = []
        for plan in await self.plans.all():
            for state in states(plan, await self.deadlines.done(plan.series.id)):
                if state.done is None and state.due is not None:
                    items.extend(await self._due_items(plan, state, now))
        return await self.outbox.enqueue(items, now)

    async def _due_items(
        self, plan: LoadedPlan, state: DeadlineState, now: datetime
    ) -> list[OutboxItem]:
        assert state.due is not None
        deadline, locale = state.deadline, "vi"
        key = f"deadline:{deadline.id}:{state.due.isoformat()}"
        if now >= _at(state.due + timedelta(days=1), plan):
            text = t("deadlines.overdue_notice", locale, item=item_text(plan, state, locale))
            payload = reply_to_json(Reply(text, buttons=((done_button(plan, deadline, locale),),)))
            people = await owners(self.roles, deadline, plan.series)
            people += await self.roles.holders(ORGANISER_ROLES, plan.series)
            unique = {holder.account_id: holder for holder in people}.values()
            return [notice(h, f"{key}:overdue", "deadline_overdue", payload) for h in unique]
        due = [
            n
            for n in plan.series.speaking.deadline_days
            if now >= _at(state.due - timedelta(days=n), plan)
        ]
        if not due:
            return []
        days = due[-1]  # the latest due; earlier ones missed while down are not sent late
        text = t(
            "deadlines.reminder_today" if days == 0 else "deadlines.reminder",
            locale,
            days=days,
            item=item_text(plan, state, locale),
        )
        payload = reply_to_json(Reply(text, buttons=((done_button(plan, deadline, locale),),)))
        return [
            notice(h, f"{key}:{days}", "deadline_reminder", payload)
            for h in await owners(self.roles, deadline, plan.series)
        ]

    async def next_due(self, now: datetime) -> datetime | None:
        moments = [
            moment
            for plan in await self.plans.all()
            for state in states(plan, await self.deadlines.done(plan.series.id))
            if state.done is None and state.due is not None
            for n in (*plan.series.speaking.deadline_days, -1)  # -1: the overdue notice
            if (moment := _at(state.due - timedelta(days=n), plan)) > now
        ]
        return min(moments, default=None)
