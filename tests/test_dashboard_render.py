"""A long page is rendered in parts (issue 18): the dashboard shares its event loop with the
chats, and a province's session page took 5 to 10 ms to render in one piece, which a chat's
answer waited behind."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import make_mocked_request

from bot.runtime.core import Core
from dashboard import render
from dashboard.server import make_app
from storage.db import Database


async def test_a_page_in_parts_is_the_same_page_and_lets_other_tasks_run(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = await Core.create(db)
    request = make_mocked_request("GET", "/", app=make_app(core.services, db))
    context = {"title": "Thông báo", "message": "Đại biểu chưa trả lời"}
    whole = render.page(request, "message.html", **context)
    turns = 0

    async def other_task() -> None:  # a chat's answer waiting for the loop
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    monkeypatch.setattr(render, "SLICE", 0.0)  # every part is a slice: a short page suffices
    other = asyncio.create_task(other_task())
    await asyncio.sleep(0)
    try:
        before = turns
        parted = await render.page_in_parts(request, "message.html", **context)
        assert turns - before >= 2  # the other task ran while the page was rendered
    finally:
        other.cancel()
    assert (parted.status, parted.text) == (whole.status, whole.text)
