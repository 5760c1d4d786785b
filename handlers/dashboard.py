"""/dashboard: a one-time link (signed, valid 10 minutes, single use) that opens the
organisers' web dashboard in the browser, for admins, organisers and focal points."""

from __future__ import annotations

from bot.domain.messages import Reply
from bot.services import login_links
from handlers.context import Turn
from handlers.roles import organiser_scope


async def command(turn: Turn) -> list[Reply]:
    allowed, _ = await organiser_scope(turn)
    inbound = turn.inbound
    if not allowed:
        return await turn.refusal("dashboard.refused", "/dashboard")
    base = turn.services.dashboard_url
    if base is None:
        return [turn.say("dashboard.disabled")]
    key = login_links.derive_key(turn.services.checkin_key)
    link = login_links.issue(key, turn.now)
    await turn.services.dashboard_access.create_link(
        link.token_hash, inbound.channel, inbound.user_id, turn.now, link.expires_at
    )
    await turn.audit("dashboard_link")
    minutes = int(login_links.LIFETIME.total_seconds() // 60)
    url = f"{base.rstrip('/')}/login?t={link.token}"
    return [turn.say("dashboard.link", link=url, minutes=minutes)]
