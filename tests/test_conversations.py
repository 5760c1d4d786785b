"""The conversation corpus (tests/conversations/*.yaml) through the fake Telegram Bot API.

Each case is one person in a fresh chat, on one of the two example plans with the clock moved
before its sessions; each message's reply must hold the facts listed under `has` and none under
`lacks`. Failures are reported together, with the score of every pattern, so that a change
that helps one pattern and hurts another shows. Add cases to the YAML files; the format is at
the top of tests/conversations/qa.yaml."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
import yaml

from bot.app import load_plan
from bot.config import DEFAULT_PLAN
from bot.services.communes import CommuneDirectory
from storage.db import Database
from storage.people import AccountRepository, DelegateRepository
from storage.plans import first_series
from tests.conftest import Bot, Chat, running_bot
from tests.fake_telegram import SentMessage

CORPUS = Path(__file__).parent / "conversations"
PLAN_DIR = DEFAULT_PLAN.parent
PLANS: dict[str, tuple[Path, datetime]] = {
    # 09:00 local, a week before the first session (Lộc Thành, Thursday 09/07/2026)
    "dong-nai": (PLAN_DIR / "dong-nai-2026.yaml", datetime(2026, 7, 1, 2, 0, tzinfo=UTC)),
    # 09:00 local, before every deadline and the (undated) session of mid-August 2024
    "lang-son": (PLAN_DIR / "lang-son-2024.yaml", datetime(2024, 6, 1, 2, 0, tzinfo=UTC)),
}
PROVINCES = {"dong-nai": "Đồng Nai", "lang-son": "Lạng Sơn"}


@dataclass(frozen=True)
class Turn:
    say: str
    has: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    after: int = 0  # minutes the clock moves before the message


@dataclass(frozen=True)
class Case:
    plan: str
    pattern: str
    turns: tuple[Turn, ...]
    who: dict[str, str] | None = None
    source: str = ""


@dataclass
class Score:
    passed: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def table(self) -> str:
        return "\n".join(
            f"{pattern:12} {self.passed[pattern]:3}/{self.total[pattern]:3}"
            for pattern in sorted(self.total)
        )


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        for index, raw in enumerate(data["cases"]):
            assert raw["plan"] in PLANS, f"{path.name} case {index}: unknown plan"
            turns = tuple(
                Turn(
                    str(turn["say"]),
                    tuple(turn.get("has", ())),
                    tuple(turn.get("lacks", ())),
                    int(turn.get("after", 0)),
                )
                for turn in raw["turns"]
            )
            who = raw.get("who")
            source = f"{path.name}#{index}"
            cases.append(Case(raw["plan"], raw["pattern"], turns, who, source))
    return cases


CASES = load_cases()


def test_the_corpus_is_large_enough() -> None:
    messages = sum(len(case.turns) for case in CASES)
    assert messages >= 150, messages
    assert {case.plan for case in CASES} == set(PLANS)


async def _register(bot: Bot, chat: Chat, who: dict[str, str], plan: str, now: datetime) -> None:
    """A registered delegate, stored as registration stores one (the dialogue is tested in
    tests/test_registration_e2e.py)."""
    user = str(chat.user.id)
    account = await AccountRepository(bot.db).touch("telegram", user, user, "Đại biểu", now)
    commune = None
    if who["commune"] != "-":
        commune = CommuneDirectory(PROVINCES[plan]).resolve(who["commune"])
        assert commune is not None, who
    values = {
        "commune_code": commune.code if commune else None,
        "commune_name": commune.name if commune else None,
        "full_name": "Nguyễn Văn An",
        "position": "Phó Chủ tịch",
        "category_code": who["category"],
        "consented": True,
        "series_id": await first_series(bot.db),
    }
    await DelegateRepository(bot.db).register(account.id, values, now)


@asynccontextmanager
async def plan_bot(
    plan: str, tmp_path: Path
) -> AsyncIterator[tuple[Bot, time_machine.Coordinates]]:
    """The running bot on an example plan, the clock travelling from before its sessions."""
    path, start = PLANS[plan]
    with time_machine.travel(start, tick=True) as traveller:
        db = await Database.open(tmp_path / "bot.sqlite3")
        report, errors = await load_plan(db, path)
        assert report is not None, errors
        try:
            async with running_bot(db, tmp_path) as bot:
                yield bot, traveller
        finally:
            await db.close()


async def ask(chat: Chat, text: str) -> str:
    """Send one message; the text of the answer (a map pin that may follow is skipped)."""
    chat.user.send_text(text)

    def is_text(message: SentMessage) -> bool:
        return message.venue is None

    (reply,) = await chat.server.wait_for(chat.user.id, 1, predicate=is_text)
    return reply.text or ""


@pytest.mark.parametrize("plan", list(PLANS))
async def test_corpus(plan: str, tmp_path: Path) -> None:
    score = Score()
    async with plan_bot(plan, tmp_path) as (bot, traveller):
        cases = [case for case in CASES if case.plan == plan]
        for number, case in enumerate(cases):
            await _run(bot, case, 50_000 + number, traveller, score)
    print(f"\n{plan}:\n{score.table()}")  # shown with pytest -s
    assert not score.failures, "\n".join([*score.failures, "", score.table()])


async def _run(
    bot: Bot, case: Case, user_id: int, traveller: time_machine.Coordinates, score: Score
) -> None:
    chat = bot.chat(user_id=user_id)
    if case.who is not None:
        await _register(bot, chat, case.who, case.plan, datetime.now(UTC))
    for turn in case.turns:
        if turn.after:
            traveller.shift(timedelta(minutes=turn.after))
        text = await ask(chat, turn.say)
        missing = [fact for fact in turn.has if fact not in text]
        wrong = [fact for fact in turn.lacks if fact in text]
        score.total[case.pattern] += 1
        if missing or wrong:
            score.failures.append(
                f"[{case.pattern}] {case.source} {turn.say!r}: missing {missing}, "
                f"unwanted {wrong}\n    {text[:300]!r}"
            )
        else:
            score.passed[case.pattern] += 1
