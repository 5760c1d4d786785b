"""The platform-free core: one entry point that every channel calls with an Inbound."""

from __future__ import annotations

import asyncio
import logging
import secrets
import uuid
from collections.abc import Sequence

from bot.catalog import t
from bot.clock import now_utc
from bot.domain.messages import Inbound, Reply, reply_to_json
from bot.runtime.leases import Leases, Worker
from bot.services.attempts import CodeAttempts
from bot.services.plan_state import PlanCache
from handlers.context import Services
from handlers.router import route
from storage.attempts import CodeFailures
from storage.attendance import AttendanceRepository, SecretRepository
from storage.audit import AuditLog
from storage.broadcasts import BroadcastRepository
from storage.channels import LinkCodes
from storage.db import Database, StorageUnavailable
from storage.deadlines import DeadlineRepository
from storage.documents import DocumentRepository
from storage.leases import LeaseRepository
from storage.menus import MenuRepository
from storage.outbox import OutboxItem, OutboxRepository
from storage.people import AccountRepository, ConversationRepository, DelegateRepository
from storage.plans import PlanRepository
from storage.qa_threads import ThreadRepository
from storage.roles import RoleRepository
from storage.rollup import RollupRepository
from storage.speaker_reminders import SpeakerReminderRepository

log = logging.getLogger(__name__)


class Core:
    def __init__(self, db: Database, checkin_key: bytes, worker: Worker | None = None) -> None:
        self.db = db
        self.leases = Leases(LeaseRepository(db), worker or Worker())
        self.plans = PlanRepository(db)
        self.menus = MenuRepository(db)
        self.services = Services(
            accounts=AccountRepository(db),
            delegates=DelegateRepository(db),
            conversations=ConversationRepository(db),
            plans=PlanCache(self.plans),
            attendance=AttendanceRepository(db),
            roles=RoleRepository(db),
            checkin_key=checkin_key,
            audit=AuditLog(db),
            links=LinkCodes(db),
            outbox=OutboxRepository(db),
            rollups=RollupRepository(db),
            broadcasts=BroadcastRepository(db),
            documents=DocumentRepository(db),
            deadlines=DeadlineRepository(db),
            speaker_reminders=SpeakerReminderRepository(db),
            threads=ThreadRepository(db),
            attempts=CodeAttempts(CodeFailures(db), AuditLog(db)),
            db=db,
        )
        # the lock of each person with an event in hand, and how many of theirs are in hand
        self._turns: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}

    @classmethod
    async def create(cls, db: Database, worker: Worker | None = None) -> Core:
        """The core, with the check-in signing key kept in the database (made on first run);
        `worker`: who this process is among those sharing the database."""
        key = await SecretRepository(db).get_or_create("checkin", secrets.token_hex(32))
        return cls(db, bytes.fromhex(key), worker)

    async def handle(self, inbound: Inbound) -> list[Reply]:
        """Replies to one event. One person's events are handled in order, others in parallel;
        a failure is logged and answered with an apology, never raised to the channel; so is
        a database that cannot be written now (storage/db.py logs that once)."""
        key = (inbound.channel, inbound.user_id)
        lock, holders = self._turns.get(key) or (asyncio.Lock(), 0)
        self._turns[key] = (lock, holders + 1)
        try:
            async with lock:
                return await route(self.services, inbound, now_utc())
        except StorageUnavailable:
            return [Reply(t("service.storage_unavailable"))]
        except Exception:
            log.exception("failed to handle a %s event on %s", inbound.kind, inbound.channel)
            return [Reply(t("common.error"))]
        finally:
            lock, holders = self._turns[key]
            if holders == 1:
                del self._turns[key]
            else:
                self._turns[key] = (lock, holders - 1)

    async def defer(self, inbound: Inbound, replies: Sequence[Reply]) -> None:
        """Replies that could not be sent now go to the outbox, in order, for the sender."""
        account = await self.services.accounts.find(inbound.channel, inbound.user_id)
        if account is None:
            raise LookupError(f"no account for {inbound.channel}:{inbound.user_id}")
        batch = uuid.uuid4().hex
        items = [
            OutboxItem(
                f"reply:{batch}:{n}",
                "reply",
                account.id,
                inbound.channel,
                inbound.chat_id,
                reply_to_json(reply),
            )
            for n, reply in enumerate(replies)
        ]
        await self.services.outbox.enqueue(items, now_utc())
