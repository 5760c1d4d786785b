"""Roles through one-time invites: /moi (an admin invites an organiser, an organiser or admin
invites a focal point), /start r-<code> (whoever opens the link first gets the role), /quyen.

Authority is read from the roles table at the moment of the request; a code carries the role
it grants, never the authority to create more."""

from __future__ import annotations

import logging

from bot.domain import ORGANISER_ROLES, SessionInfo
from bot.domain.messages import Photo, Reply
from bot.services import invites
from bot.services.invites import scope_text
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan
from bot.services.speakers import SPEAKER_SCOPE, speakers_of
from bot.services.vntext import fold, quote, slug
from handlers import codes, speakers
from handlers.context import Services, Turn
from storage.roles import Reach, RoleRepository, SeriesLike

log = logging.getLogger(__name__)
Scopes = tuple[str, ...] | None  # None: every commune and unit (admins, organisers)
FOCAL_WORDS = ("dau-moi", "daumoi", "focal")
SPEAKER_WORDS = ("baocaovien", "bao-cao-vien", "bcv", "speaker")
ROLE_INVITES = "role_invite"  # the kind of code, for the attempt limits
REVIEWER_WORDS = ("kiemduyet", "kiem-duyet", "duyet", "reviewer")


async def organiser_scope(turn: Turn) -> tuple[bool, Scopes]:
    """(may use the organisers' tools, the focal scopes they are limited to) in this turn's
    series: its admins and organisers everywhere in it, focal points within their communes and
    units; nobody in a series their grants do not reach."""
    await series_of_roles(turn)
    inbound = turn.inbound
    return await scope_of(turn.services.roles, inbound.channel, inbound.user_id, turn.plan.series)


async def session_scope(turn: Turn, number: str) -> tuple[SessionInfo | None, bool, Scopes]:
    """The session of this number in any active series, with `organiser_scope` in that
    session's own series (the turn acts in it): an organiser of one series is refused, not
    served, a session of another. With no such session, `organiser_scope` as it is."""
    num = as_number(number.strip())
    session = await turn.session_anywhere(num) if num is not None else None
    if session is None:
        return (None, *await organiser_scope(turn))
    inbound = turn.inbound
    roles = turn.services.roles
    return (session, *await scope_of(roles, inbound.channel, inbound.user_id, turn.plan.series))


async def tool_plans(turn: Turn) -> list[LoadedPlan]:
    """Every active series whose organisers' tools this person may use, the turn's first."""
    inbound, roles = turn.inbound, turn.services.roles
    return [
        plan
        for plan in await turn.every_plan()
        if (await scope_of(roles, inbound.channel, inbound.user_id, plan.series))[0]
    ]


def titled(turn: Turn, plans: list[LoadedPlan], plan: LoadedPlan, reply: Reply) -> Reply:
    """A reply about one of several series, under that series' title (alone: as it is)."""
    return reply if len(plans) < 2 else turn.under_title(plan, [reply])[0]


async def scope_of(
    roles: RoleRepository, channel: str, user_id: str, series: SeriesLike
) -> tuple[bool, Scopes]:
    """`organiser_scope` of any account in one series (the web dashboard's visitors too)."""
    if await roles.has_any(channel, user_id, ORGANISER_ROLES, series):
        return True, None
    scopes = tuple(await roles.scopes(channel, user_id, "focal", series))
    return bool(scopes), scopes


async def series_of_roles(turn: Turn) -> None:
    """A role holder's tools work in a series their roles reach: the turn's own if they do,
    else the first active series they reach. Nothing changes for whoever holds no role, or
    when a dialogue under way names its series."""
    conversation = turn.conversation
    if conversation is not None and "series_id" in conversation.data:
        return
    inbound = turn.inbound
    reached = await reached_plans(turn.services, inbound.channel, inbound.user_id)
    if reached and all(plan.series.id != turn.plan.series.id for plan in reached):
        await turn.act_in(reached[0].series.id)


async def reached_plans(services: Services, channel: str, user_id: str) -> list[LoadedPlan]:
    """The active series an account's grants reach, in the order of the plans."""
    reaches = await services.roles.reaches(channel, user_id)
    return [
        plan
        for plan in await services.plans.all()
        if any(reach.covers(plan.series) for reach in reaches)
    ]


def role_text(turn: Turn, role: str, scope: str) -> tuple[str, str]:
    name = turn.text(f"roles.name.{role}")
    where = f" ({invites.scope_text(turn.plan, scope, turn.locale)})" if scope else ""
    return name, where


async def _refused(turn: Turn, key: str = "roles.organisers_only") -> list[Reply]:
    return await turn.refusal(key, "/moi")


async def invite(turn: Turn, args: str) -> list[Reply]:
    """/moi organiser | /moi dau-moi <commune name or unit code>."""
    if not await turn.holds(ORGANISER_ROLES):
        return await _refused(turn)
    words = args.strip()
    folded = fold(words)
    if folded in ("organiser", "organizer", "btc", "ban-to-chuc", "ban to chuc"):
        if not await turn.holds(("admin",)):
            return await _refused(turn, "roles.admins_only")
        return await _create(turn, "organiser", "")
    if folded in REVIEWER_WORDS:
        return await _create(turn, "reviewer", "")
    first, _, given = words.partition(" ")
    if fold(first) in SPEAKER_WORDS:
        return await _invite_speaker(turn, given)
    if fold(first) not in FOCAL_WORDS or not given.strip():
        return [turn.say("roles.invite_usage")]
    scope = invites.focal_scope(turn.plan, given)
    if scope is None:
        units = ", ".join(c.code for c in turn.plan.series.categories)
        return [turn.say("roles.invite_unknown_scope", given=quote(given), units=units)]
    return await _create(turn, "focal", scope)


async def _invite_speaker(turn: Turn, given: str) -> list[Reply]:
    """/moi baocaovien <speaker id or part of the name>: an invite for that speaker."""
    known = speakers_of(turn.plan)
    wanted = fold(given)
    found = [i for i, s in known.items() if wanted and (wanted == i or wanted in fold(s.name))]
    if len(found) != 1:
        listed = "\n".join(f"• {i}: {s.name}" for i, s in known.items())
        return [turn.say("roles.speaker_usage", speakers=listed or "—")]
    return await _create(turn, "speaker", f"{SPEAKER_SCOPE}{found[0]}")


async def _create(turn: Turn, role: str, scope: str) -> list[Reply]:
    """An invite to a role in this turn's series (never wider than the inviter's own reach)."""
    code = invites.new_code()
    by = f"{turn.inbound.channel}:{turn.inbound.user_id}"
    series = turn.plan.series
    reach = Reach(series_id=series.id)
    await turn.services.roles.create_invite(code, role, scope, by, turn.now, reach)
    await turn.audit("role_invite", role=role, scope=scope, series=series.id)
    link = turn.deep_link(f"{invites.ROLE_PAYLOAD}{code}")
    name, where = role_text(turn, role, scope)
    caption = turn.text("roles.invite_created", role=name, scope=where, link=link)
    return [Reply(caption, photo=Photo(f"moi-{role}.png", invites.qr_png(link)))]


async def accept(turn: Turn, payload: str) -> list[Reply]:
    """/start r-<code>: the role of an unused invite, to this account, once."""
    code = payload.removeprefix(invites.ROLE_PAYLOAD)
    inbound = turn.inbound
    refused = await codes.refusal(turn, ROLE_INVITES)
    if refused is not None:
        return refused
    used = await turn.services.roles.use_invite(
        code, f"{inbound.channel}:{inbound.user_id}", turn.now
    )
    if used is None:
        log.info("refused a role invite from %s:%s", inbound.channel, inbound.user_id)
        await codes.wrong(turn, ROLE_INVITES)
        return [turn.say("roles.invite_invalid")]
    new = await turn.services.roles.grant(
        inbound.channel,
        inbound.user_id,
        used.role,
        used.created_by,
        turn.now,
        used.scope,
        used.reach,
    )
    await turn.audit(
        "role_granted",
        role=used.role,
        scope=used.scope,
        series=used.reach.series_id,
        invited_by=used.created_by,
        new=new,
    )
    name, where = role_text(turn, used.role, used.scope)
    replies = [turn.say("roles.granted" if new else "roles.already", role=name, scope=where)]
    if used.role == "speaker":
        replies.extend(await speakers.agenda(turn))
    return replies


async def mine(turn: Turn) -> list[Reply]:
    """/quyen: my roles."""
    grants = await turn.services.roles.of(turn.inbound.channel, turn.inbound.user_id)
    if not grants:
        return [turn.say("roles.none")]
    lines = []
    for grant in grants:
        name, where = role_text(turn, grant.role, grant.scope)
        lines.append(f"• {name}{where} — {invites.reach_text(grant.reach, turn.locale)}")
    return [turn.say("roles.mine", roles="\n".join(lines))]


async def invitation(turn: Turn, args: str) -> list[Reply]:
    """/loimoi [commune | unit]: the invite link and printable QR code for delegates of a
    commune (c-<code>) or a unit (u-<code>), for the paper invitation. A focal point gets their
    own scope's; an organiser names the commune or unit."""
    allowed, scopes = await organiser_scope(turn)
    if not allowed:
        return await _refused(turn)
    wanted = [invites.focal_scope(turn.plan, args)] if args.strip() else list(scopes or ())
    if not wanted:
        return [turn.say("roles.invitation_usage")]
    if None in wanted or (scopes is not None and not set(wanted) <= set(scopes)):
        return [turn.say("roles.invitation_outside")]
    replies = []
    for scope in wanted:
        assert scope is not None
        kind, _, value = scope.partition(":")
        payload = f"{'c' if kind == 'commune' else 'u'}-{value}"
        link = turn.deep_link(invites.invite_payload(turn.plan, payload))
        caption = turn.text(
            "roles.invitation", scope=scope_text(turn.plan, scope, turn.locale), link=link
        )
        replies.append(
            Reply(caption, photo=Photo(f"loi-moi-{slug(value)}.png", invites.qr_png(link)))
        )
    await turn.audit("invitation", scopes=wanted)
    return replies
