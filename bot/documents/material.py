"""What a paper is made of: the session, its invitees in protocol order with the texts printed
for them, and (for reports) the figures. Collected by `bot.documents.gather`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain import Paper, SessionInfo
from bot.services.deadlines import DeadlineState
from bot.services.plan_state import LoadedPlan
from storage.reports import DelegateListRow
from storage.rollup import Rollup


@dataclass(frozen=True)
class Person:
    """One invitee as printed: thành phần and đơn vị công tác apart, and their own link."""

    row: DelegateListRow
    category: str
    workplace: str
    commune: str  # the commune's name, or the upper level's ("Cấp thành phố")
    link: str = ""  # https://t.me/<bot>?start=p-<code> on invitations


@dataclass(frozen=True)
class Material:
    plan: LoadedPlan
    session: SessionInfo
    people: tuple[Person, ...]  # in protocol order
    today: date  # the document's date, local to the series
    now: datetime
    with_phones: bool = True
    rollup: Rollup | None = None
    deadlines: tuple[DeadlineState, ...] = field(default=())

    @property
    def paper(self) -> Paper:
        """The plan's paper settings, or the organiser as the issuing body."""
        series = self.plan.series
        return series.paper or Paper(issuing_body=series.organiser.upper())
