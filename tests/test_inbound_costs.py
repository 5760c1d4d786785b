"""What every inbound update costs (issue 18): the account, its delegate, its dialogue and its
question thread in one query; a question answered with that query and the thread's write
alone (threads saved at once written together), not read again when asked again; a reply
sent without reading the message back, and measured once when it fits a message; a burst at
start-up waits for the plan; a getUpdates page kept in one statement and decoded once; the
event loop as EVENT_LOOP says."""

from __future__ import annotations

import asyncio
import json
import pickle
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from telegram import Bot, Message

from bot.channels.telegram import MAX_TEXT, send_reply
from bot.channels.updates_request import UpdatesRequest
from bot.clock import now_utc
from bot.config import Settings
from bot.domain.messages import Button, Inbound, Reply
from bot.runtime.core import Core
from bot.runtime.loop import chosen_loop
from bot.services import qa
from bot.services.communes import CommuneDirectory
from bot.services.paging import split_text, utf16_units
from bot.services.plan_state import PlanCache
from bot.services.question import Question
from storage.db import Database
from storage.inbound import InboundRepository
from storage.people import (
    AccountRepository,
    Conversation,
    ConversationRepository,
    DelegateRepository,
)
from storage.plans import PlanRepository
from storage.qa_threads import ThreadRepository
from tests.conftest import running_bot
from tests.fake_telegram import FakeTelegram

TOKEN = "123456:COSTS-token"
DELEGATE = {
    "full_name": "Trần Thị Bích",
    "position": "Chủ tịch Hội Phụ nữ xã",
    "category_code": "doan-the",
    "commune_code": 26179,
    "commune_name": "Xã Lộc Tấn",
}


@pytest.mark.sqlite_file  # counts the statements SQLite runs
async def test_the_account_its_delegate_and_dialogue_come_in_one_query(db: Database) -> None:
    now = now_utc()
    accounts = AccountRepository(db)
    account = await accounts.touch("telegram", "7001", "7001", "Trần Thị Bích", now)
    delegate = await DelegateRepository(db).register(account.id, DELEGATE, now)
    dialogue = Conversation("absent", "reason", {"session": "loc-tan"})
    await ConversationRepository(db).save(account.id, dialogue, now)
    statements: list[str] = []
    await db.connection.set_trace_callback(statements.append)
    try:
        arrival = await accounts.arrive("telegram", "7001", "7001", "Trần Thị Bích", now)
    finally:
        await db.connection.set_trace_callback(None)
    assert arrival.account == (await accounts.find("telegram", "7001"))
    assert arrival.delegate == delegate
    assert arrival.conversation == dialogue
    assert len(statements) == 1, statements


async def statements_of(
    db: Database, first: Inbound, then: Inbound
) -> tuple[list[Reply], list[str]]:
    """A delegate (of `first`'s user) sends `first` (the plan is read), then `then`: the
    replies to `then`, and the statements SQLite ran for it but the plan's recheck."""
    core = await Core.create(db)
    user = first.user_id
    account = await AccountRepository(db).touch("telegram", user, user, "Lê Văn An", now_utc())
    await DelegateRepository(db).register(account.id, DELEGATE, now_utc())
    await core.handle(first)
    statements: list[str] = []
    await db.connection.set_trace_callback(statements.append)
    try:
        replies = await core.handle(then)
    finally:
        await db.connection.set_trace_callback(None)
    return replies, [s for s in statements if "FROM series" not in s]


@pytest.mark.sqlite_file  # counts the statements SQLite runs
async def test_a_question_and_its_follow_up_cost_the_arrival_and_the_threads_write(
    db: Database,
) -> None:
    asked = Inbound("telegram", "7004", "7004", "text", text="Lộc Tấn họp ngày nào")
    replies, about_people = await statements_of(db, asked, replace(asked, text="ở đâu?"))
    assert "Lộc Tấn" in replies[0].text  # the follow-up was read against the first answer
    assert len(about_people) == 2, [s[:80] for s in about_people]
    assert "qa_threads" in about_people[0] and "accounts" in about_people[0]
    assert about_people[1].startswith("INSERT INTO qa_threads")


@pytest.mark.sqlite_file  # counts the statements SQLite runs
async def test_my_schedule_costs_the_arrival_alone_for_a_delegate_of_one_series(
    db: Database,
) -> None:
    mine = Inbound("telegram", "7005", "7005", "command", command="lichcuatoi")
    replies, about_people = await statements_of(db, mine, mine)
    assert "Lộc Tấn" in replies[0].text
    assert len(about_people) == 1, [s[:80] for s in about_people]


async def ask_at_once(core: Core, db: Database, people: int) -> None:
    """`people` delegates ask a question at the same moment."""
    for n in range(people):
        user = str(7100 + n)
        account = await AccountRepository(db).touch("telegram", user, user, "Đại biểu", now_utc())
        await DelegateRepository(db).register(account.id, DELEGATE, now_utc())
    asked = [
        Inbound("telegram", str(7100 + n), str(7100 + n), "text", text="Lộc Tấn họp ngày nào")
        for n in range(people)
    ]
    await asyncio.gather(*(core.handle(inbound) for inbound in asked))


async def test_threads_saved_at_once_are_all_kept(db: Database) -> None:
    core = await Core.create(db)
    await ask_at_once(core, db, 10)
    assert await db.scalar("SELECT count(*) FROM qa_threads") == 10
    follow = Inbound("telegram", "7105", "7105", "text", text="ở đâu?")
    assert "Lộc Tấn" in (await core.handle(follow))[0].text


@pytest.mark.sqlite_file  # counts the statements SQLite runs
async def test_threads_saved_at_once_are_written_together(db: Database) -> None:
    core = await Core.create(db)
    await core.services.plans.all()  # the plan is read
    statements: list[str] = []
    await db.connection.set_trace_callback(statements.append)
    try:
        await ask_at_once(core, db, 10)
    finally:
        await db.connection.set_trace_callback(None)
    writes = [s for s in statements if s.startswith("INSERT INTO qa_threads")]
    assert 1 <= len(writes) <= 2, len(writes)  # the first alone at most, then the others
    assert await db.scalar("SELECT count(*) FROM qa_threads") == 10


async def test_a_thread_that_cannot_be_kept_fails_no_question_of_its_batch(
    db: Database,
) -> None:
    """An account erased while its question was answered: the batch's write fails, and the
    questions saved with it are answered all the same (only their follow-ups lose)."""
    account = await AccountRepository(db).touch("telegram", "7200", "7200", "Đại biểu", now_utc())
    threads = ThreadRepository(db)
    await asyncio.gather(
        threads.save(account.id, {"sessions": []}, now_utc()),
        threads.save(10**9, {"sessions": []}, now_utc()),  # no such account
    )


async def test_an_answerer_travels_to_an_import_without_what_it_read(db: Database) -> None:
    """A plan goes to a file import's child process by pickle: the answerer's readings and
    lines, changed by the event loop meanwhile, stay behind."""
    plan = await PlanCache(PlanRepository(db)).current()
    assert plan is not None
    answerer = plan.answerer
    answerer.answer("Lộc Tấn họp ngày nào", now_utc())
    copy = pickle.loads(pickle.dumps(answerer))
    assert answerer._questions and not copy._questions and not copy._lines
    assert copy.answer("Lộc Tấn họp ngày nào", now_utc()).text


async def test_a_question_asked_again_is_read_once(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = await PlanCache(PlanRepository(db)).current()
    assert plan is not None
    readings: list[str] = []
    read = qa.parse

    def counting(text: str, communes: CommuneDirectory) -> Question:
        readings.append(text)
        return read(text, communes)

    monkeypatch.setattr(qa, "parse", counting)
    first = plan.answerer.answer("Lộc Tấn họp ngày nào", now_utc())
    again = plan.answerer.answer("Lộc Tấn họp ngày nào", now_utc())
    other = plan.answerer.answer("Lộc Tấn họp ở đâu", now_utc())
    assert first == again != other
    assert readings == ["Lộc Tấn họp ngày nào", "Lộc Tấn họp ở đâu"]


def messages_built(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What python-telegram-bot builds a Message of, from now on."""
    built: list[object] = []
    de_json = Message.de_json

    def counting(data: Any, bot: Any = None) -> Any:
        built.append(data)
        return de_json(data, bot)

    monkeypatch.setattr(Message, "de_json", counting)
    return built


async def test_a_reply_is_sent_without_reading_the_message_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read = messages_built(monkeypatch)
    async with FakeTelegram(token=TOKEN) as server, Bot(TOKEN, base_url=server.base_url) as bot:
        reply = Reply("Chọn xã:", buttons=((Button("Lộc Tấn", "qa:when:26179"),),))
        await send_reply(bot, 8100, reply)
        [sent] = await server.wait_for(8100, 1)
    assert sent.text == "Chọn xã:" and dict(sent.inline_buttons) == {"Lộc Tấn": "qa:when:26179"}
    assert read == []


def test_a_reply_that_fits_one_message_is_measured_once() -> None:
    measured: list[str] = []

    def counting(text: str) -> int:
        measured.append(text)
        return utf16_units(text)

    schedule = "\n".join(f"{n}. Xã Lộc Tấn, Thứ Năm, 23/07/2026, 08:00–11:30" for n in range(30))
    assert split_text(schedule, MAX_TEXT, counting) == [schedule]
    assert len(measured) == 1
    assert split_text("\n\nhai dòng trống", MAX_TEXT) == ["hai dòng trống"]  # as before


async def test_an_update_is_read_by_the_bot_not_built_into_library_objects(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-telegram-bot's Update.de_json builds an object for every field of a message
    (about 75 µs an update); the channel reads the few fields it acts on from the JSON."""
    built = messages_built(monkeypatch)
    async with running_bot(db, tmp_path) as bot:
        chat = bot.chat(8200, "Trần Thị Bích")
        (schedule,) = await chat.send("/lich")
        (choice,) = await chat.send("loc thanh hop khi nao")
        (answer, *_) = await chat.press(choice, "Lộc Thành")
    assert (schedule.text or "").startswith("Lịch")
    assert "Lộc Thành" in (answer.text or "")
    assert built == []


@pytest.mark.sqlite_file  # counts the statements SQLite runs
async def test_a_page_of_updates_is_kept_in_one_statement(db: Database) -> None:
    inbound = InboundRepository(db)
    page = [(n, json.dumps({"update_id": n})) for n in range(900, 903)]
    statements: list[str] = []
    await db.connection.set_trace_callback(statements.append)
    try:
        fresh = await inbound.store("telegram", page, "worker-a", now_utc(), timedelta(minutes=1))
    finally:
        await db.connection.set_trace_callback(None)
    assert fresh == {900, 901, 902}
    assert len(statements) == 1, statements  # no BEGIN and COMMIT around it: the poller waits
    again = await inbound.store("telegram", page, "worker-b", now_utc(), timedelta(minutes=1))
    assert again == set()


async def test_a_newcomer_arrives_with_neither_delegate_nor_dialogue(db: Database) -> None:
    arrival = await AccountRepository(db).arrive("telegram", "7002", "7002", "Khách", now_utc())
    assert arrival.account.external_id == "7002"
    assert (arrival.delegate, arrival.conversation) == (None, None)


async def test_a_batch_of_updates_is_decoded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    async with FakeTelegram(token=TOKEN) as server:
        for n in range(5):
            server.user(8000 + n, "Đại biểu").send_text("hội nghị ở đâu")
        bot = Bot(TOKEN, base_url=server.base_url, get_updates_request=UpdatesRequest())
        async with bot:
            decoded: list[int] = []
            loads: Callable[..., Any] = json.loads

            def counting(text: Any, *args: Any, **kwargs: Any) -> Any:
                decoded.append(len(text))
                return loads(text, *args, **kwargs)

            monkeypatch.setattr(json, "loads", counting)
            updates = await bot.get_updates(timeout=0)
            monkeypatch.setattr(json, "loads", loads)
    assert len(updates) == 5
    assert len(decoded) == 1


def test_event_loop_asyncio_keeps_pythons_own_loop() -> None:
    assert chosen_loop("asyncio") == "asyncio"
    with pytest.raises(ValidationError):
        Settings(event_loop="trio")  # type: ignore[arg-type]
