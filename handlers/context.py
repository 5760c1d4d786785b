"""What a handler gets for one inbound event: who, what, their stored state, the plan, now."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from bot.catalog import t
from bot.domain import SessionInfo
from bot.domain.messages import Button, Inbound, Reply
from bot.services.attempts import CodeAttempts
from bot.services.import_limits import ImportLimits
from bot.services.numbers import as_number
from bot.services.paging import chat_pages
from bot.services.plan_state import LoadedPlan, PlanCache
from bot.services.vntext import fold_clean
from storage.attendance import AttendanceRepository
from storage.audit import AuditLog
from storage.broadcasts import BroadcastRepository
from storage.channels import LinkCodes
from storage.db import Database
from storage.deadlines import DeadlineRepository
from storage.documents import DocumentRepository
from storage.outbox import OutboxRepository
from storage.people import (
    Account,
    AccountRepository,
    Conversation,
    ConversationRepository,
    Delegate,
    DelegateRepository,
)
from storage.qa_threads import SavedThread, ThreadRepository
from storage.roles import RoleRepository
from storage.rollup import RollupRepository
from storage.speaker_reminders import SpeakerReminderRepository

if TYPE_CHECKING:
    from storage.dashboard import DashboardAccess
    from storage.imports import ImportRepository
    from storage.reports import DelegateListRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    accounts: AccountRepository
    delegates: DelegateRepository
    conversations: ConversationRepository
    plans: PlanCache
    attendance: AttendanceRepository
    roles: RoleRepository
    checkin_key: bytes
    audit: AuditLog
    links: LinkCodes
    outbox: OutboxRepository
    rollups: RollupRepository
    broadcasts: BroadcastRepository
    documents: DocumentRepository
    deadlines: DeadlineRepository
    speaker_reminders: SpeakerReminderRepository
    threads: ThreadRepository
    attempts: CodeAttempts
    db: Database
    # Deep-link template per channel ("https://t.me/<bot>?start={payload}"), set by the
    # channels once they know their bot's name.
    deep_links: dict[str, str] = field(default_factory=dict)
    # REMINDER_OFFSETS of the settings, for plans that set none (the .ics alarms).
    reminder_offsets: tuple[str, ...] = ("7d", "1d", "2h")
    # The IMPORT_* settings: what a delegate file sent in the chat may hold.
    import_limits: ImportLimits = field(default_factory=ImportLimits)
    # The web dashboard's base URL for /dashboard login links; None when it is not running.
    dashboard_url: str | None = None

    # The repositories of organisers' tools (delegate files, lists, dashboard links) are made
    # at their first use: their modules load then, not at every start of the bot.
    @cached_property
    def imports(self) -> ImportRepository:
        from storage.imports import ImportRepository

        return ImportRepository(self.db)

    @cached_property
    def lists(self) -> DelegateListRepository:
        from storage.reports import DelegateListRepository

        return DelegateListRepository(self.db, fold_clean)

    @cached_property
    def dashboard_access(self) -> DashboardAccess:
        from storage.dashboard import DashboardAccess

        return DashboardAccess(self.db)


@dataclass
class Turn:
    inbound: Inbound
    account: Account
    delegate: Delegate | None
    conversation: Conversation | None
    plan: LoadedPlan
    now: datetime
    services: Services
    locale: str = "vi"
    thread: SavedThread | None = None  # what their last schedule answer was about
    only_row: int | None = None  # a delegate row known to be its person's only one

    async def person_rows(self) -> list[Delegate]:
        """Every delegate row of this person (one per series that invited them), the first
        first; read from the database unless the arrival said their row is the only one."""
        assert self.delegate is not None
        if self.delegate.id == self.only_row and self.delegate.person_id is None:
            return [self.delegate]
        return await self.services.delegates.of_person(self.delegate.person)

    async def act_in(self, series_id: str) -> bool:
        """Act in this active series from now on: its plan, and this person's delegate row of
        that series when they were invited to it (else their row stays, invited nowhere
        there). False, changing nothing, when the series is not active."""
        plan = await self.services.plans.of_series(series_id)
        if plan is None:
            return False
        self.plan = plan
        if self.delegate is not None and self.delegate.series_id != series_id:
            rows = await self.person_rows()
            self.delegate = next((d for d in rows if d.series_id == series_id), self.delegate)
        return True

    async def session_anywhere(self, num: int) -> SessionInfo | None:
        """The session of this number in any active series; the turn then acts in its series
        (session numbers are unique across series)."""
        found = await self.session_of_any(num)
        if found is None or not await self.act_in(found[0].series.id):
            return None
        return found[1]

    async def session_of_any(self, num: int) -> tuple[LoadedPlan, SessionInfo] | None:
        """The session of this number in any active series, with its plan, the turn's first."""
        for plan in await self.every_plan():
            session = plan.session_by_num(num)
            if session is not None:
                return plan, session
        return None

    def session_by_num(self, num: int) -> SessionInfo | None:
        return self.plan.session_by_num(num)

    @property
    def who(self) -> str:
        """This person as "channel:user id", as stored beside what they did."""
        return f"{self.inbound.channel}:{self.inbound.user_id}"

    def session_named(self, number: str) -> SessionInfo | None:
        """The session whose number is this text (typed, or from a button), if any."""
        num = as_number(number.strip())
        return self.session_by_num(num) if num is not None else None

    async def holds(self, roles: tuple[str, ...], plan: LoadedPlan | None = None) -> bool:
        """Whether this person holds one of the roles in this turn's series (or `plan`'s), as
        the roles table says now."""
        inbound = self.inbound
        series = (plan or self.plan).series
        return await self.services.roles.has_any(inbound.channel, inbound.user_id, roles, series)

    async def refusal(self, key: str, what: str) -> list[Reply]:
        """The polite refusal `key` of `what`, logged; to someone whose roles reach other
        series only, the refusal names this series instead, and the attempt is audited."""
        log.info("refused %s from %s", what, self.who)
        inbound, series = self.inbound, self.plan.series
        grants = await self.services.roles.of(inbound.channel, inbound.user_id)
        if not grants or any(grant.reach.covers(series) for grant in grants):
            return [self.say(key)]
        await self.audit("refused_other_series", what=what, series=series.id)
        return [self.say("roles.other_series", series=series.title)]

    async def audit(self, action: str, **details: object) -> None:
        """Record an organiser action: who (this account) and when (now)."""
        await self.services.audit.record(
            self.inbound.channel, self.inbound.user_id, action, details, self.now
        )

    def deep_link(self, payload: str) -> str:
        """The link that opens this bot with /start <payload> on this person's platform."""
        template = self.services.deep_links.get(self.inbound.channel, "/start {payload}")
        return template.format(payload=payload)

    def text(self, key: str, **params: object) -> str:
        return t(key, self.locale, **params)

    def say(
        self, key: str, *, buttons: tuple[tuple[Button, ...], ...] = (), **params: object
    ) -> Reply:
        return Reply(self.text(key, **params), buttons=buttons)

    def under_title(self, plan: LoadedPlan, replies: list[Reply]) -> list[Reply]:
        """Replies about one series of several, under that series' title."""
        heading = self.text("series.heading", series=plan.series.title)
        return [replace(replies[0], text=f"{heading}\n{replies[0].text}"), *replies[1:]]

    def needs_titles(self, plans: list[LoadedPlan]) -> bool:
        """Whether replies about these series name each: several, or one not the turn's."""
        return len(plans) > 1 or any(p.series.id != self.plan.series.id for p in plans)

    def by_series(self, found: list[tuple[LoadedPlan, list[Reply]]]) -> list[Reply]:
        """Each series' replies in turn, under its title when `needs_titles`."""
        titled = self.needs_titles([plan for plan, _ in found])
        return [
            reply
            for plan, replies in found
            for reply in (self.under_title(plan, replies) if titled else replies)
        ]

    async def every_plan(self) -> list[LoadedPlan]:
        """Every active series, this turn's first, the others in their order."""
        plans = await self.services.plans.all()
        return [self.plan, *(p for p in plans if p.series.id != self.plan.series.id)]

    def button(self, key: str, data: str, **params: object) -> Button:
        return Button(self.text(key, **params), data)

    async def save_conversation(self, conversation: Conversation) -> None:
        self.conversation = conversation
        await self.services.conversations.save(self.account.id, conversation, self.now)

    async def end_conversation(self) -> None:
        self.conversation = None
        await self.services.conversations.clear(self.account.id)


def series_in_focus(delegate: Delegate | None, conversation: Conversation | None) -> str | None:
    """The series a person acts in, as far as their state says: the one of the dialogue under
    way (a registration through a series' invite link, an answer being given), else the one
    of their registration."""
    series_id = conversation.data.get("series_id") if conversation is not None else None
    if isinstance(series_id, str):
        return series_id
    return delegate.series_id if delegate is not None else None


def paged(lines: list[str], separator: str = "\n") -> list[Reply]:
    """Lines as chat messages under the platforms' length limit, cut between lines."""
    return [Reply(page) for page in chat_pages(lines, separator)]
