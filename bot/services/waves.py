"""When a reminder wave starts, so that its last message is out by its offset.

A wave (one offset of one session: one message per invited delegate, two with the map pin) goes
out at the bot token's pace, `rate` messages a second; a wave of N needs N / rate seconds, and
counts on WAVE_SHARE of the pace only (direct replies go first). Waves falling due at the same
moment share the pace, and a wave ends where a later one begins when that is earlier: planned
backwards from the last deadline. A wave starts a whole number of minutes before its deadline
(the scheduler's alarm and its sweep keep minutes), at least one when it has anything to send:
3,000 reminders at 29.5 a second take 102 s at the full pace, 128 s at WAVE_SHARE, and start
three minutes early."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

WAVE_SHARE = 0.8  # of the bot token's pace a wave counts on; the rest is the replies'


@dataclass(frozen=True)
class Wave:
    key: Hashable
    deadline: datetime  # the session's start minus the offset
    messages: int


def wave_starts(waves: Iterable[Wave], rate: float) -> dict[Hashable, datetime]:
    """Each wave's start: see the module's docstring."""
    by_deadline: dict[datetime, list[Wave]] = defaultdict(list)
    for wave in waves:
        by_deadline[wave.deadline].append(wave)
    starts: dict[Hashable, datetime] = {}
    next_start: datetime | None = None
    for deadline in sorted(by_deadline, reverse=True):
        group = by_deadline[deadline]
        end = deadline if next_start is None else min(deadline, next_start)
        seconds = sum(wave.messages for wave in group) / (rate * WAVE_SHARE)
        next_start = end - timedelta(minutes=math.ceil(seconds / 60))
        starts.update((wave.key, next_start) for wave in group)
    return starts
