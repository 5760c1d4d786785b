"""Drafts of talks: a speaker sends the document; it is stored (name, size, SHA-256, version)
and the reviewers get it with "Đạt" and "Cần sửa"; their answer (with a comment when it needs
changes) reaches the speaker; a new version ends the review of the older one. /duyetbai shows
organisers and reviewers which talks are missing, in review, approved or to be revised."""

from __future__ import annotations

from bot.domain import ORGANISER_ROLES
from bot.domain.messages import Button, Photo, Reply, reply_to_json
from bot.services.numbers import as_number
from bot.services.plan_state import LoadedPlan
from bot.services.speakers import SPEAKER_SCOPE, notice, speakers_of
from handlers import uploads
from handlers.context import Turn, paged
from handlers.speakers import my_speaker_ids
from storage.documents import Draft
from storage.people import Conversation

PREFIX, APPROVE, CHANGES = "rv:", "rv:ok:", "rv:fix:"
COMMENT_FLOW = "review_comment"
MAX_COMMENT = 1000
REVIEWERS = ("reviewer",)
OVERSEERS = (*ORGANISER_ROLES, *REVIEWERS)  # who sees where every talk stands (/duyetbai)


def _speaker_name(turn: Turn, speaker_id: str) -> str:
    speaker = speakers_of(turn.plan).get(speaker_id)
    return speaker.name if speaker else speaker_id


async def _to_review(turn: Turn, draft_id: int | None) -> Draft | Reply:
    """The draft, when this person reviews in its series (the turn then acts in it), else
    why not. A draft of a series where they do not, pressed by a reviewer of another (a forged
    or stale button), is audited."""
    draft = await turn.services.documents.draft(draft_id) if draft_id is not None else None
    if draft is None:
        reviewer = await turn.holds(REVIEWERS)
        return turn.say("common.button_expired" if reviewer else "drafts.reviewers_only")
    plan = await turn.services.plans.of_series(draft.series_id)
    if plan is not None and await turn.holds(REVIEWERS, plan):
        await turn.act_in(plan.series.id)
        return draft
    if plan is None or plan.series.id == turn.plan.series.id:
        return turn.say("drafts.reviewers_only")
    await turn.audit("refused_other_series", what="a draft review", draft=draft.id)
    return turn.say("common.button_expired")


async def on_document(turn: Turn) -> list[Reply]:
    """A document from a speaker: the next version of their talk, in the first series they
    speak in (the turn's first), which then acts."""
    speaking = [(plan, await my_speaker_ids(turn, plan)) for plan in await turn.every_plan()]
    plan, mine = next(((plan, mine) for plan, mine in speaking if mine), (turn.plan, []))
    if not mine:
        return [turn.say("drafts.not_speaker")]
    await turn.act_in(plan.series.id)
    upload = await uploads.receive(turn)
    if isinstance(upload, Reply):
        return [upload]
    speaker_id = mine[0]  # one person speaking as several speakers: the first one's talk
    draft = await turn.services.documents.add_draft(
        turn.plan.series.id, speaker_id, upload.name, upload.content, turn.who, turn.now
    )
    await turn.audit("draft", speaker=speaker_id, version=draft.version, sha256=draft.file.sha256)
    reviewers = await _send_for_review(turn, draft, upload.content)
    key = "drafts.received" if reviewers else "drafts.received_no_reviewer"
    return [
        turn.say(
            key,
            version=draft.version,
            name=draft.file.file_name,
            size=_size(draft.file.size),
            digest=draft.file.sha256[:12],
        )
    ]


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


async def _send_for_review(turn: Turn, draft: Draft, content: bytes) -> int:
    """The draft to every reviewer (else to the organisers, to find one); how many reviewers."""
    roles = turn.services.roles
    reviewers = await roles.holders(REVIEWERS, turn.plan.series)
    people = reviewers or await roles.holders(ORGANISER_ROLES, turn.plan.series)
    caption = turn.text(
        "drafts.for_review",
        speaker=_speaker_name(turn, draft.speaker_id),
        version=draft.version,
        name=draft.file.file_name,
        size=_size(draft.file.size),
        digest=draft.file.sha256[:12],
    )
    buttons = (
        (
            Button(turn.text("drafts.approve_button"), f"{APPROVE}{draft.id}"),
            Button(turn.text("drafts.changes_button"), f"{CHANGES}{draft.id}"),
        ),
    )
    reply = Reply(
        caption if reviewers else turn.text("drafts.no_reviewer", caption=caption),
        buttons=buttons if reviewers else (),
        document=Photo(draft.file.file_name, content),
    )
    payload = reply_to_json(reply)
    key = f"draft:{draft.id}"
    await turn.services.outbox.enqueue(
        [notice(h, key, "draft_review", payload) for h in people], turn.now
    )
    return len(reviewers)


async def on_button(turn: Turn, data: str) -> list[Reply]:
    """rv:ok:<draft id> (approved) or rv:fix:<draft id> (ask for the comment first)."""
    approve = data.startswith(APPROVE)
    number = data.removeprefix(APPROVE if approve else CHANGES)
    draft = await _to_review(turn, as_number(number))
    if isinstance(draft, Reply):
        return [draft]
    if draft.status != "review":
        return [_already(turn, draft)]
    if approve:
        return await _decide(turn, draft, approved=True, comment="")
    await turn.save_conversation(Conversation(COMMENT_FLOW, "comment", {"draft": draft.id}))
    return [prompt(turn)]


def _already(turn: Turn, draft: Draft) -> Reply:
    return turn.say(
        f"drafts.already.{draft.status}",
        speaker=_speaker_name(turn, draft.speaker_id),
        version=draft.version,
    )


def prompt(turn: Turn) -> Reply:
    return turn.say("drafts.ask_comment", limit=MAX_COMMENT)


async def on_comment(turn: Turn) -> list[Reply]:
    """The reviewer's comment on a draft that needs changes."""
    assert turn.conversation is not None
    text = turn.inbound.text.strip()
    if turn.inbound.kind != "text" or not text or len(text) > MAX_COMMENT:
        return [prompt(turn)]
    draft_id = int(turn.conversation.data.get("draft", 0))
    await turn.end_conversation()
    draft = await _to_review(turn, draft_id)
    if isinstance(draft, Reply):
        return [draft]
    if draft.status != "review":
        return [_already(turn, draft)]
    return await _decide(turn, draft, approved=False, comment=text)


async def _decide(turn: Turn, draft: Draft, approved: bool, comment: str) -> list[Reply]:
    decided = await turn.services.documents.review(draft.id, approved, comment, turn.who, turn.now)
    if decided is None:  # another reviewer, or a new version, came first
        latest = await turn.services.documents.draft(draft.id)
        return [_already(turn, latest or draft)]
    await turn.audit("draft_review", draft=draft.id, speaker=draft.speaker_id, approved=approved)
    name = _speaker_name(turn, draft.speaker_id)
    key = "drafts.approved_notice" if approved else "drafts.changes_notice"
    text = turn.text(key, version=draft.version, name=draft.file.file_name, comment=comment)
    speakers = await turn.services.roles.holders(
        ("speaker",), turn.plan.series, f"{SPEAKER_SCOPE}{draft.speaker_id}"
    )
    payload = reply_to_json(Reply(text))
    await turn.services.outbox.enqueue(
        [notice(h, f"review:{draft.id}", "draft_decision", payload) for h in speakers], turn.now
    )
    done = "drafts.approved" if approved else "drafts.changes_sent"
    return [turn.say(done, speaker=name, version=draft.version, told=len(speakers))]


async def overview(turn: Turn) -> list[Reply]:
    """/duyetbai: each speaker's talk (missing, in review, approved or to be revised), in
    every active series they organise or review (the turn's first), each under its title
    unless it is the turn's series alone."""
    seen = [plan for plan in await turn.every_plan() if await turn.holds(OVERSEERS, plan)]
    if not seen:
        return [turn.say("drafts.overview_refused")]
    return turn.by_series([(plan, await _overview_of(turn, plan)) for plan in seen])


async def _overview_of(turn: Turn, plan: LoadedPlan) -> list[Reply]:
    latest = await turn.services.documents.latest_drafts(plan.series.id)
    joined = {
        holder.scope.removeprefix(SPEAKER_SCOPE)
        for holder in await turn.services.roles.holders(("speaker",), plan.series)
    }
    lines = [turn.text("drafts.overview_title")]
    counts = {"missing": 0, "review": 0, "approved": 0, "changes": 0}
    for speaker_id, speaker in speakers_of(plan).items():
        draft = latest.get(speaker_id)
        status = draft.status if draft else "missing"
        counts[status] += 1
        lines.append(
            turn.text(
                f"drafts.line.{status}",
                name=speaker.name,
                version=draft.version if draft else 0,
                joined="" if speaker_id in joined else turn.text("drafts.not_joined"),
            )
        )
    lines.append(turn.text("drafts.overview_counts", **counts))
    return paged(lines)
