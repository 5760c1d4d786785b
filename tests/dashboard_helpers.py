"""Helpers of the dashboard tests: the running bot with its dashboard, the login link a person
gets from /dashboard through the fake Bot API, and an HTTP client that logs in with it."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp

from tests.conftest import ORGANISER_ID, Bot

LINK = re.compile(r"(https?://\S+/login\?t=\S+)")
TOKEN_FIELD = re.compile(r'name="t" value="([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


def base_url(bot: Bot) -> str:
    assert bot.runtime.dashboard is not None
    return bot.runtime.dashboard.base_url


async def login_link(bot: Bot, user_id: int = ORGANISER_ID, name: str = "Ban tổ chức") -> str:
    """/dashboard in the chat; the link the bot answers with (other messages to the same chat,
    such as a broadcast's progress, are skipped)."""
    bot.chat(user_id, name).user.send_text("/dashboard")
    (reply,) = await bot.server.wait_for(
        user_id, predicate=lambda message: LINK.search(message.text or "") is not None
    )
    found = LINK.search(reply.text or "")
    assert found, reply.text
    return found.group(1)


@asynccontextmanager
async def client() -> AsyncIterator[aiohttp.ClientSession]:
    """A browser-like HTTP client: keeps cookies (of 127.0.0.1 too), follows no redirect."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        yield session


async def open_link(session: aiohttp.ClientSession, link: str) -> aiohttp.ClientResponse:
    """What the login page's script does: GET the link, then POST its form."""
    async with session.get(link) as page:
        html = await page.text()
        assert page.status == 200, html
    token = TOKEN_FIELD.search(html)
    assert token, html
    base = link.split("/login?", 1)[0]
    form = {"t": token.group(1)}
    async with session.post(f"{base}/login", data=form, allow_redirects=False) as response:
        await response.read()
        return response


async def logged_in(bot: Bot, session: aiohttp.ClientSession, user_id: int = ORGANISER_ID) -> None:
    response = await open_link(session, await login_link(bot, user_id))
    assert response.status == 303, response.status


async def get(session: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with session.get(url, allow_redirects=False) as response:
        return response.status, await response.text()
