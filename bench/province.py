"""A province-sized series for bench/dashboard.py and bench/reads.py (bench/ is not a package).

The example plan moved ahead of today (its first session ten days ahead, as bench/updates.py
moves it: nothing depends on the day of the run), its city session inviting every commune
category, so that one session invites the delegates of all 95 communes of Đồng Nai; answers
to that session (45 % in person, 5 % online, 5 % substitutes, 10 % declined, 35 % silent) with
their history rows, check-ins, 3 % of the accounts unreachable; an admin logged in to the
dashboard through a real one-time link.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from updates import PLAN_LEAD_DAYS

from bot.runtime.core import Core
from bot.runtime.demo import moved_example_plan
from bot.services import login_links
from storage.db import Database, utc_text

ADMIN = "5000000001"
ANSWERS = [("in_person", 45), ("online", 5), ("substitute", 5), ("absent", 10), (None, 35)]


def province_plan(folder: Path, second: bool = False) -> Path:
    """The example plan moved ahead of today, its city session inviting every commune
    category; `second`: under another series id and other session ids."""
    _, text = moved_example_plan(datetime.now(UTC), "(benchmark)", timedelta(days=PLAN_LEAD_DAYS))
    codes = re.findall(r"\{code: ([a-z0-9-]+), label: .*, group: commune\}", text)
    text = text.replace(
        "invite_categories: [lanh-dao-ubnd]", f"invite_categories: [{', '.join(codes)}]"
    )
    if second:
        text = text.replace("  id: dong-nai-2026-bien-gioi", "  id: bench-second-series")
        text = text.replace("  - id: 2026-", "  - id: second-2026-")
    path = folder / ("second.yaml" if second else "plan.yaml")
    path.write_text(text, encoding="utf-8")
    return path


async def seed_answers(
    db: Database, session_id: str, delegates: range, rng: random.Random
) -> None:
    stamp = utc_text(datetime.now(UTC))
    kinds = [kind for kind, _ in ANSWERS]
    weights = [weight for _, weight in ANSWERS]
    answers, history, checkins = [], [], []
    for delegate in delegates:
        kind = rng.choices(kinds, weights)[0]
        if kind is None:
            continue
        answers.append((session_id, delegate, kind, "telegram", stamp))
        history.append((session_id, delegate, kind, None, "telegram", delegate, stamp))
        if kind != "absent" and rng.random() < 0.3:
            checkins.append((session_id, delegate, "qr", stamp))
    unreachable = rng.sample(delegates, len(delegates) * 3 // 100)
    async with db.transaction() as tx:
        await tx.execute_many(
            "INSERT INTO attendance (session_id, delegate_id, answer, channel, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            answers,
        )
        await tx.execute_many(
            "INSERT INTO attendance_history (session_id, delegate_id, answer, previous_answer, "
            "channel, account_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            history,
        )
        await tx.execute_many(
            "INSERT INTO checkins (session_id, delegate_id, method, at) VALUES (?, ?, ?, ?)",
            checkins,
        )
        await tx.execute_many(
            "UPDATE accounts SET unreachable_at = ? WHERE delegate_id = ?",
            [(stamp, delegate) for delegate in unreachable],
        )


async def log_in(core: Core, http: aiohttp.ClientSession, base: str) -> None:
    """Through a real one-time link, as /dashboard makes it."""
    now = datetime.now(UTC)
    link = login_links.issue(login_links.derive_key(core.services.checkin_key), now)
    await core.services.dashboard_access.create_link(
        link.token_hash, "telegram", ADMIN, now, link.expires_at
    )
    async with http.post(f"{base}/login", data={"t": link.token}, allow_redirects=False) as r:
        assert r.status == 303, await r.text()
