"""10,000 hostile updates through the fake Bot API to the whole running bot.

Attackers are strangers, registered delegates and focal points (a commune's, a unit's); the
victims are other delegates (some in the focal points' commune), a half-done registration, a
link code, an organiser's broadcast still waiting, an unused role invite and an imported
delegate's claim code. After the run: the bot handled everything without an exception, never
sent what the Bot API refuses (no 400), still answers, the database is intact, and every row
that changed is one that some attacker had the right to change.

The updates come from a seeded generator (tests/hostile.py): HOSTILE_SEED picks another seed,
HOSTILE_UPDATES another count; a failure names its seed."""

from __future__ import annotations

import logging
import os
import random
import re
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from bot.clock import now_utc
from bot.domain.messages import Reply, reply_to_json
from handlers.router import BUTTONS, COMMANDS
from storage.broadcasts import BroadcastRepository, Member
from storage.channels import LinkCodes
from storage.db import Database, utc_text
from storage.imports import ImportedPerson, ImportRepository
from storage.people import Conversation, ConversationRepository
from storage.plans import first_series
from storage.roles import RoleRepository
from tests.conftest import ORGANISER_ID, running_bot
from tests.hardening_helpers import (
    LOC_TAN,
    LOC_TAN_NAME,
    Change,
    Person,
    Snapshot,
    add_person,
    changes,
    quiet,
    settle,
    snapshot,
)
from tests.hostile import Hostile

SEED = int(os.environ.get("HOSTILE_SEED", "20261125"))
UPDATES = int(os.environ.get("HOSTILE_UPDATES", "10000"))
ROUND = 500  # updates enqueued at once, then the bot catches up
# What the bot must never echo: bidirectional overrides and isolates (they turn the rest of
# the bot's own sentence around) and control characters other than tab and line break.
SPOOFING = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]")
UNIT = "mttq"
VICTIMS = range(300_001, 300_013)
STRANGERS, DELEGATES = range(500_001, 500_151), range(600_001, 600_081)
FOCAL = range(700_001, 700_007)  # four of Lộc Tấn, two of the unit
OTHER_COMMUNES = ((25280, "Xã Lộc Thạnh"), (25294, "Xã Lộc Thành"), (25318, "Xã Tân Tiến"))


@contextmanager
def seed_noted() -> Iterator[None]:
    try:
        yield
    except BaseException as error:
        error.add_note(f"hostile updates: HOSTILE_SEED={SEED} HOSTILE_UPDATES={UPDATES}")
        raise


class Rights:
    """What the attackers together may change: their own accounts, dialogues, delegate
    records, answers, link codes and messages; a focal point also the delegates of their
    commune or unit (by import; conflicting rows held for their decision), broadcasts and
    nudges to them, and their own audit lines.
    (The rights are pooled: a row one attacker may change passes whoever changed it.)"""

    def __init__(self, before: Snapshot, after: Snapshot, attackers: set[str]) -> None:
        accounts = [*before["accounts"].values(), *after["accounts"].values()]
        self.attackers = attackers
        self.accounts = {a["id"] for a in accounts if a["external_id"] in attackers}
        self.delegates = {a["delegate_id"] for a in accounts if a["id"] in self.accounts}
        self.delegate_of = {a["id"]: a["delegate_id"] for a in accounts}
        self.people = {**before["delegates"], **after["delegates"]}
        self.focal_creators = {str(n) for n in FOCAL}

    def in_focal_scope(self, delegate: dict[str, object] | None) -> bool:
        if delegate is None:
            return False
        return delegate["commune_code"] == LOC_TAN or delegate["category_code"] == UNIT

    def allowed(self, change: Change) -> bool:
        row, table = change.row, change.table
        if table == "accounts":
            return row["external_id"] in self.attackers
        if table in ("conversations", "link_codes", "qa_threads"):
            return row["account_id"] in self.accounts
        if table == "delegates":
            return all(
                r["id"] in self.delegates or self.in_focal_scope(r)
                for r in (change.before, change.after)
                if r is not None
            )
        if table == "attendance":
            return row["delegate_id"] in self.delegates
        if table == "attendance_history":
            return change.before is None and row["account_id"] in self.accounts
        if table == "outbox":
            if row["account_id"] in self.accounts:
                return True
            recipient = self.people.get((self.delegate_of.get(row["account_id"]),))
            # a focal point's import makes people recipients: the minute sweep may then queue
            # their reminder (a run longer than a minute meets it), as it would for anyone
            return (
                change.before is None
                and row["kind"] in ("nudge", "broadcast", "reminder")
                and self.in_focal_scope(recipient)
            )
        if table == "broadcasts":
            return change.before is None and row["creator"] in self.focal_creators
        if table == "audit_log":
            return change.before is None and row["actor"] in self.attackers
        if table == "code_failures":  # their own wrong codes, counted
            return change.before is None and str(row["subject"]).split(":")[1] in self.attackers
        if table == "inbound_updates":  # the updates they sent, their text erased once handled
            return change.before is None or row["payload"] is None
        if table == "leases":  # the runtime's own renewals, by the one worker
            return change.before is not None and row["holder"] == change.before["holder"]
        if table == "import_conflicts":  # a row held for its importer, about their own delegate
            held_for = self.people.get((row["delegate_id"],))
            return row["user_id"] in self.attackers and self.in_focal_scope(held_for)
        # The roll-up's counters follow the rows judged above (tests/test_tally.py holds them to
        # those rows); nothing else: series, sessions, roles, role invites, secrets, check-ins...
        return table in ("audience_cells", "answer_cells", "tally_persons")


async def seed_victims(db: Database) -> list[str]:
    """Other people's data the attackers must not touch; returns the victims' phone numbers."""
    now = now_utc()
    phones, members = [], []
    for n, user_id in enumerate(VICTIMS):
        commune = (LOC_TAN, LOC_TAN_NAME) if n % 3 == 0 else OTHER_COMMUNES[n % 3]
        phone = f"09120{user_id % 100_000:05d}"
        category = "lanh-dao-ubnd" if n % 2 else "thon-ap"
        person = await add_person(
            db, user_id, now, name=f"Nạn Nhân {n}", commune=commune, phone=phone, category=category
        )
        assert person.delegate_id is not None
        phones.append(phone)
        members.append(Member(person.delegate_id, "", phone, person.account_id, "telegram", ""))
    conversations = ConversationRepository(db)
    half_done = await add_person(db, 300_100, now)
    await conversations.save(half_done.account_id, Conversation("register", "name", {}), now)
    await LinkCodes(db).create(
        "482913", members[1].delegate_id, members[1].account_id or 0, now + timedelta(minutes=15)
    )
    await RoleRepository(db).create_invite("victim-invite-code", "organiser", "", "admin", now)
    imported = ImportedPerson(
        1, "Đặng Văn Nhập", "Trưởng ấp", "thon-ap", "", 25280, "Xã Lộc Thạnh", "0912999888"
    )
    await ImportRepository(db).store([imported], now, series_id=await first_series(db))
    phones.append(imported.phone)
    broadcasts = BroadcastRepository(db)
    payload = reply_to_json(Reply("Thông báo của Ban tổ chức"))
    broadcast_id, _ = await broadcasts.create(
        "telegram", str(ORGANISER_ID), str(ORGANISER_ID), "Thông báo", {}, members, payload, now
    )
    later = now + timedelta(days=1)  # still waiting during the run
    await db.write(
        "UPDATE outbox SET not_before = ? WHERE dedup_key LIKE ?",
        (utc_text(later), f"bc:{broadcast_id}:%"),
    )
    return phones


async def seed_attackers(db: Database) -> list[Person]:
    now = now_utc()
    people = [await add_person(db, user_id, now) for user_id in STRANGERS[:40]]
    for n, user_id in enumerate(DELEGATES):
        city = n % 4 == 0
        people.append(
            await add_person(
                db,
                user_id,
                now,
                name=f"Kẻ Phá {n}",
                commune=None if city else (LOC_TAN, LOC_TAN_NAME),
                category="so-nganh" if city else "lanh-dao-ubnd",
                phone=f"09130{n:05d}",
            )
        )
    for n, user_id in enumerate(FOCAL):
        scope = f"commune:{LOC_TAN}" if n < 4 else f"unit:{UNIT}"
        people.append(await add_person(db, user_id, now, role="focal", scope=scope))
    return people


@pytest.mark.sqlite_file  # its snapshots read SQLite's own tables (sqlite_master, rowid)
async def test_ten_thousand_hostile_updates(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    phones = await seed_victims(db)
    attackers = await seed_attackers(db)
    path = tmp_path / "bot.sqlite3"
    users = [*[p.user_id for p in attackers], *STRANGERS[40:]]
    caplog.set_level(logging.ERROR)
    with seed_noted():
        async with running_bot(db, tmp_path) as bot:
            await quiet(path)  # reminders due at start and the broadcast's progress: out
            before = snapshot(path)
            server = bot.server
            server.ignore_allowed_updates = True  # kinds the bot never asked for come too
            prefixes = [prefix for prefix, _ in BUTTONS]
            hostile = Hostile(server, SEED, list(COMMANDS), prefixes, phones)
            chooser = random.Random(SEED + 1)
            weights = [20 if user_id in FOCAL else 1 for user_id in users]  # the most rights
            fakes = {user_id: server.user(user_id, f"Người {user_id}") for user_id in users}
            began = time.monotonic()
            for start in range(0, UPDATES, ROUND):
                for _ in range(min(ROUND, UPDATES - start)):
                    user_id = chooser.choices(users, weights)[0]
                    hostile.act(fakes[user_id], organiser=user_id in FOCAL)
                await settle(bot, timeout=120)
            took = time.monotonic() - began
            print(f"\n{UPDATES} hostile updates handled in {took:.1f} s ({hostile.kinds})")

            refused = [e for e in server.errors if e[1] >= 400]
            assert not refused, f"the Bot API refused {len(refused)} requests: {refused[:5]}"
            spoofing = [m.text for m in server.sent if SPOOFING.search(m.text or "")]
            assert not spoofing, f"{len(spoofing)} replies carry control characters: {spoofing[:3]}"
            errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
            assert not errors, [f"{r.name}: {r.getMessage()}" for r in errors[:5]]

            await bot.runtime.scheduler.wake()  # the minute sweep, whether or not a minute passed
            await quiet(path)
            probe = bot.chat(499_999)
            (answer,) = await probe.send("Hội nghị ở xã Lộc Tấn khi nào?")
            assert "Lộc Tấn" in (answer.text or "")
            after = snapshot(path)

        assert await db.scalar("PRAGMA integrity_check") == "ok"
        assert await db.fetch_all("PRAGMA foreign_key_check") == []
        attacker_ids = {str(user_id) for user_id in users} | {"499999"}
        rights = Rights(before, after, attacker_ids)
        changed = changes(before, after)
        wrong = [c for c in changed if not rights.allowed(c)]
        assert not wrong, f"{len(wrong)} rows changed without the right: {wrong[:5]}"
        reach = Counter(c.table for c in changed)
        print(f"rows changed by the attackers, by table: {dict(reach)}")
        # the run went deep: people registered, answered, erased, linked; focal points acted
        for table in ("delegates", "attendance", "conversations", "audit_log", "link_codes"):
            assert reach[table] > 0, (table, reach)
