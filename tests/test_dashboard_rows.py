"""The roll-up rows of a city session's page are written a few at a time, with the event loop
given back in between, so that the chats' questions do not wait for a hundred rows at once;
the rows are the same as written in one go."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from markupsafe import Markup

from dashboard.figures import Line
from dashboard.render import ROWS_AT_ONCE, count_rows, count_rows_in_turns
from storage.rollup import Counts


def communes(n: int) -> list[Line]:
    return [
        Line(
            f"c{i}",
            f'Xã <{i}> & "Lộc"',
            Counts(registered=i, in_person=i // 2),
            i % 3 == 0,
            f"/commune/{i}",
        )
        for i in range(1, n + 1)
    ]


async def turns_of_another_task(work: Awaitable[Markup]) -> tuple[int, Markup]:
    """How often another task (a chat's question) ran while `work` was done, and its result."""
    turns = 0
    done = False

    async def other() -> None:
        nonlocal turns
        while not done:
            turns += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(other())
    await asyncio.sleep(0)  # the other task is running
    turns = 0
    result = await work
    done = True
    await task
    return turns, result


async def test_a_hundred_rows_give_the_loop_back_and_come_out_as_written_in_one_go() -> None:
    lines = communes(5 * ROWS_AT_ONCE + 3)
    turns, rows = await turns_of_another_task(count_rows_in_turns(lines, 250, "/dash"))
    assert turns >= 5  # after each ROWS_AT_ONCE rows but the last few
    assert rows == count_rows(lines, 250, "/dash")
    assert rows.count("<tr") == len(lines)
    assert "Xã &lt;7&gt; &amp; &#34;Lộc&#34;" in rows and 'href="/dash/commune/7"' in rows


async def test_a_short_table_is_written_in_one_go() -> None:
    lines = communes(ROWS_AT_ONCE)
    turns, rows = await turns_of_another_task(count_rows_in_turns(lines, 250, ""))
    assert turns == 0
    assert rows == count_rows(lines, 250, "")
    assert await count_rows_in_turns([], 250, "") == ""
