"""Attendance answers as buttons: the data carries the session's number and the answer, never
who answers; the presser is always the one whose record changes."""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalog import t
from bot.domain import SessionInfo
from bot.domain.messages import Button
from bot.services.numbers import as_number
from storage.attendance import AnswerKind

ANSWERS: dict[str, AnswerKind] = {"p": "in_person", "o": "online", "a": "absent", "s": "substitute"}
CODES = {answer: code for code, answer in ANSWERS.items()}
ALL_REMAINING = "att:all"


@dataclass(frozen=True)
class AnswerButton:
    code: str  # a key of ANSWERS
    session_num: int


def parse(data: str) -> AnswerButton | None:
    """ "att:p:12" -> AnswerButton("p", 12); None for anything else."""
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != "att" or parts[1] not in ANSWERS:
        return None
    number = as_number(parts[2])
    return AnswerButton(parts[1], number) if number is not None else None


def answer_buttons(
    session: SessionInfo, locale: str, with_all: bool = False
) -> tuple[tuple[Button, ...], ...]:
    """The answers to one session; "all remaining" only where the caller knows the person
    has two or more sessions ahead."""
    def button(code: str) -> Button:
        return Button(t(f"attendance.button.{ANSWERS[code]}", locale), f"att:{code}:{session.num}")

    first = (button("p"), button("o")) if session.online_allowed else (button("p"),)
    rows = [first, (button("a"), button("s"))]
    if with_all:
        # the session's number says which series "all remaining" is about
        all_data = f"{ALL_REMAINING}:{session.num}"
        rows.append((Button(t("attendance.button.all", locale), all_data),))
    return tuple(rows)
