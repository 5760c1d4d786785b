"""Tests of the fake Bot API server itself, driven by python-telegram-bot's real client."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    MessageEntity,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from tests.fake_telegram import FakeTelegram, ManualClock, RateLimits

TOKEN = "123:ABC"
USER = 1001

pytestmark = [
    # PTB itself warns about RetryAfter.retry_after's future type and do_api_request.
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBUserWarning"),
]


@asynccontextmanager
async def running(**kwargs: Any) -> AsyncIterator[tuple[FakeTelegram, Bot]]:
    async with FakeTelegram(token=TOKEN, **kwargs) as server:
        bot = Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url)
        async with bot:
            yield server, bot


def seconds(exc: RetryAfter) -> float:
    value: Any = exc._retry_after  # sidesteps PTB's int/timedelta deprecation warning
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d)] for t, d in pairs])


@pytest.mark.asyncio
async def test_get_me_returns_the_bot_user() -> None:
    async with running() as (server, bot):
        me = await bot.get_me()
        assert me.is_bot and me.username == "hoinghi_test_bot"
        assert me.first_name == "Hội nghị Bot"
        assert me.can_join_groups and not me.supports_inline_queries
        assert server.requests[0][0] == "getMe"


@pytest.mark.asyncio
async def test_wrong_token_unknown_method_json_and_query_bodies() -> None:
    async with FakeTelegram(token=TOKEN) as server:
        bad = Bot("999:WRONG", base_url=server.base_url)
        with pytest.raises(InvalidToken):
            await bad.get_me()
        await bad.shutdown()
        base = f"{server.base_url}{TOKEN}"
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{base}/noSuchMethod") as resp:
                assert resp.status == 404
                assert await resp.json() == {
                    "ok": False, "error_code": 404, "description": "Not Found"}
            async with http.get(f"{server.base_url}999:WRONG/getMe") as resp:
                assert resp.status == 401
                assert await resp.json() == {
                    "ok": False, "error_code": 401, "description": "Unauthorized"}
            payload = {"chat_id": USER, "text": "json body",
                       "reply_markup": {"inline_keyboard": [[{"text": "A",
                                                             "callback_data": "a"}]]}}
            async with http.post(f"{base}/SENDMESSAGE", json=payload) as resp:
                body = await resp.json()
                assert body["ok"] and body["result"]["text"] == "json body"
                assert body["result"]["reply_markup"] == payload["reply_markup"]
            async with http.get(f"{base}/sendMessage",
                                params={"chat_id": str(USER), "text": "query"}) as resp:
                assert (await resp.json())["result"]["message_id"] == 2
        assert server.status_counts[401] == 2
        assert [m.text for m in server.messages_to(USER)] == ["json body", "query"]
        assert server.messages_to(USER)[0].inline_buttons == [("A", "a")]


@pytest.mark.asyncio
async def test_send_message_recorded_and_wait_for() -> None:
    async with running() as (server, bot):
        user = server.user()
        user.send_command("start")

        async def reply_later() -> None:
            await asyncio.sleep(0.05)
            await bot.send_message(USER, "Xin chào <b>An</b>!", parse_mode="HTML",
                                   reply_markup=keyboard(("Đăng ký", "reg"), ("Hủy", "cancel")))

        task = asyncio.create_task(reply_later())
        [msg] = await server.wait_for(USER, timeout=2)
        await task
        assert msg.text == "Xin chào An!"
        assert msg.message["entities"] == [{"type": "bold", "offset": 9, "length": 2}]
        assert msg.message["from"]["is_bot"] and msg.message["chat"]["type"] == "private"
        assert msg.message_id == 2  # the user's /start was message 1 in this chat
        assert msg.inline_buttons == [("Đăng ký", "reg"), ("Hủy", "cancel")]
        with pytest.raises(AssertionError, match="expected 1 new message"):
            await server.wait_for(USER, timeout=0.1)  # already consumed


@pytest.mark.asyncio
async def test_text_length_and_empty_text() -> None:
    async with running() as (server, bot):
        await bot.send_message(USER, "ộ" * 4096)  # characters, not bytes
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(USER, "a" * 4097)
        with pytest.raises(BadRequest, match="Message text is empty"):
            await bot.send_message(USER, "   ")
        with pytest.raises(BadRequest, match="Message caption is too long"):
            await bot.send_document(USER, b"x", filename="a.txt", caption="c" * 1025)
        assert len(server.messages_to(USER)) == 1
        assert server.status_counts[400] == 3


@pytest.mark.asyncio
async def test_parse_mode_errors_like_the_real_api() -> None:
    async with running() as (_server, bot):
        with pytest.raises(BadRequest, match="t parse entities"):
            await bot.send_message(USER, "<b>unclosed", parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)character '.' is reserved"):
            await bot.send_message(USER, "Giá 10.000đ", parse_mode="MarkdownV2")
        ok = await bot.send_message(USER, r"*Giá* 10\.000đ", parse_mode="MarkdownV2")
        assert ok.text == "Giá 10.000đ"


@pytest.mark.asyncio
async def test_callback_data_is_limited_to_64_bytes() -> None:
    async with running() as (_server, bot):
        await bot.send_message(USER, "ok", reply_markup=keyboard(("x", "ộ" * 21)))  # 63 bytes
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await bot.send_message(USER, "no", reply_markup=keyboard(("x", "ộ" * 22)))  # 66


@pytest.mark.asyncio
async def test_press_answer_edit_and_forged_buttons() -> None:
    async with running() as (server, bot):
        user = server.user()
        sent = await bot.send_message(USER, "Chọn", reply_markup=keyboard(("Có", "yes")))
        [record] = server.messages_to(USER)
        with pytest.raises(AssertionError, match="no button"):
            user.press(record.message, "admin")
        update = user.press(record.message, "yes")
        query = update["callback_query"]
        assert query["data"] == "yes" and query["from"]["id"] == USER
        assert query["message"]["message_id"] == sent.message_id
        assert await bot.answer_callback_query(query["id"], text="Đã nhận")
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await bot.answer_callback_query(query["id"])
        user.click(sent.message_id, "Có")
        # editing without reply_markup removes the inline keyboard, as on Telegram
        await bot.edit_message_text("Đã chọn", chat_id=USER, message_id=sent.message_id)
        with pytest.raises(AssertionError):
            user.press(sent.message_id, "yes")
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text("Đã chọn", chat_id=USER, message_id=sent.message_id)
        forged = user.press_raw(sent.message_id, "admin:drop_all")
        assert forged["callback_query"]["data"] == "admin:drop_all"
        assert server.current(USER, sent.message_id)["text"] == "Đã chọn"  # type: ignore[index]
        assert [r.method for r in server.messages_to(USER, include_edits=True)] == [
            "sendMessage", "editMessageText"]
        assert await bot.delete_message(USER, sent.message_id)
        with pytest.raises(BadRequest, match="Message to delete not found"):
            await bot.delete_message(USER, sent.message_id)


@pytest.mark.asyncio
async def test_long_poll_and_offset_confirmation() -> None:
    async with running() as (server, bot):
        user = server.user()
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.1)
        assert not poll.done()
        enqueued = user.send_text("😀 /start abc")
        updates = await asyncio.wait_for(poll, 2)
        assert [u.update_id for u in updates] == [enqueued["update_id"]]
        message = updates[0].message
        assert message is not None and message.text == "😀 /start abc"
        [entity] = message.entities
        assert entity.type == MessageEntity.BOT_COMMAND and entity.offset == 3
        assert message.parse_entity(entity) == "/start"
        second = user.send_text("hai")
        again = await bot.get_updates(timeout=0)  # not confirmed yet: redelivered
        assert [u.update_id for u in again] == [enqueued["update_id"], second["update_id"]]
        confirmed = await bot.get_updates(offset=second["update_id"] + 1, timeout=0)
        assert confirmed == () and server.pending_updates == []
        start = asyncio.get_running_loop().time()
        assert await bot.get_updates(timeout=1) == ()
        assert asyncio.get_running_loop().time() - start >= 0.9


@pytest.mark.asyncio
async def test_concurrent_get_updates_and_webhook_conflicts() -> None:
    async with running() as (server, bot):
        url = f"{server.base_url}{TOKEN}/getUpdates"
        async with aiohttp.ClientSession() as http:
            first = asyncio.create_task(http.post(url, data={"timeout": "2"}))
            await asyncio.sleep(0.1)
            async with http.post(url, data={"timeout": "0"}) as resp:
                assert resp.status == 409
                assert (await resp.json())["description"].startswith(
                    "Conflict: terminated by other getUpdates request")
            server.user().send_text("xin chào")
            async with await first as resp:
                assert len((await resp.json())["result"]) == 1
        assert await bot.set_webhook("https://example.org/hook", secret_token="s3cret")
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()
        info = await bot.get_webhook_info()
        assert info.url == "https://example.org/hook" and info.pending_update_count == 1
        assert await bot.delete_webhook(drop_pending_updates=True)
        assert await bot.get_updates() == ()


@pytest.mark.asyncio
async def test_blocked_user_gets_forbidden() -> None:
    async with running() as (server, bot):
        server.block(USER)
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(USER, "hello")
        with pytest.raises(Forbidden):
            await bot.send_chat_action(USER, "typing")
        assert server.status_counts[403] == 2 and server.messages_to(USER) == []
        server.unblock(USER)
        await bot.send_message(USER, "hello again")


@pytest.mark.asyncio
async def test_rate_limits_give_retry_after() -> None:
    clock = ManualClock()
    async with running(enforce_limits=True, clock=clock) as (server, bot):
        results: list[Any] = []
        for i in range(5):
            try:
                results.append(await bot.send_message(USER, f"tin {i}"))
            except RetryAfter as exc:
                results.append(exc)
        assert [type(r).__name__ for r in results] == ["Message"] * 3 + ["RetryAfter"] * 2
        assert seconds(results[3]) == 1
        assert server.status_counts[429] == 2
        clock.advance(1.0)
        await bot.send_message(USER, "sau khi chờ")
        for i in range(20):  # 20 messages/minute to one group
            await bot.send_message(-100123, f"nhóm {i}")
            clock.advance(0.5)
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(-100123, "quá nhiều")
        assert seconds(caught.value) == 50  # the oldest one leaves the 60 s window in 50 s


@pytest.mark.asyncio
async def test_global_limit_is_configurable() -> None:
    clock = ManualClock()
    limits = RateLimits(global_per_second=4)
    async with running(enforce_limits=True, clock=clock, limits=limits) as (_server, bot):
        for chat in range(2001, 2005):
            await bot.send_message(chat, "x")
        with pytest.raises(RetryAfter):
            await bot.send_message(2005, "x")


@pytest.mark.asyncio
async def test_fault_injection() -> None:
    async with running(seed=1) as (server, bot):
        server.fail_next(1)
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(USER, "a")
        await bot.send_message(USER, "b")
        server.force_429(1, retry_after=7, skip=1)
        await bot.send_message(USER, "c")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(USER, "d")
        assert seconds(caught.value) == 7
        server.fail_next(1, status=502, methods={"sendChatAction"})
        await bot.send_message(USER, "e")
        with pytest.raises(TelegramError):
            await bot.send_chat_action(USER, "typing")
        server.fail_ratio = 0.5
        outcomes = []
        for i in range(20):
            try:
                await bot.send_message(USER, f"r{i}")
                outcomes.append(True)
            except NetworkError:
                outcomes.append(False)
        assert 0 < outcomes.count(False) < 20
        server.fail_ratio = 0.0
        server.delay = 0.2
        start = asyncio.get_running_loop().time()
        await bot.get_me()
        assert asyncio.get_running_loop().time() - start >= 0.2
        assert server.status_counts[500] == 1 + outcomes.count(False)


@pytest.mark.asyncio
async def test_send_venue_and_location() -> None:
    async with running() as (server, bot):
        venue = await bot.send_venue(USER, latitude=21.0285, longitude=105.8542,
                                     title="Trung tâm Hội nghị", address="Hà Nội")
        assert venue.venue is not None and venue.venue.title == "Trung tâm Hội nghị"
        assert venue.location is not None
        recorded = server.messages_to(USER)[0].venue
        assert recorded == {"location": {"latitude": 21.0285, "longitude": 105.8542},
                            "title": "Trung tâm Hội nghị", "address": "Hà Nội"}
        with pytest.raises(BadRequest, match=r'(?i)"title" is required'):
            await bot.do_api_request("sendVenue", api_kwargs={
                "chat_id": USER, "latitude": 21.0, "longitude": 105.8, "address": "x"})
        with pytest.raises(BadRequest, match=r"(?i)latitude is empty"):
            await bot.do_api_request("sendVenue", api_kwargs={
                "chat_id": USER, "longitude": 105.8, "title": "t", "address": "x"})
        loc = await bot.send_location(USER, latitude=10.77, longitude=106.69)
        assert loc.location is not None and loc.location.latitude == pytest.approx(10.77)
        with pytest.raises(BadRequest, match=r"(?i)invalid location"):
            await bot.send_location(USER, latitude=91, longitude=0)


@pytest.mark.asyncio
async def test_send_document_multipart_is_stored() -> None:
    async with running() as (server, bot):
        content = "Chương trình hội nghị".encode() * 10
        sent = await bot.send_document(USER, content, filename="chuong_trinh.pdf",
                                       caption="Tài liệu")
        [record] = server.messages_to(USER)
        assert record.upload is not None
        assert record.upload.filename == "chuong_trinh.pdf"
        assert record.upload.content == content
        assert record.upload.mime_type == "application/pdf"
        assert record.text == "Tài liệu"
        assert sent.document is not None and sent.document.file_name == "chuong_trinh.pdf"
        again = await bot.send_document(USER, sent.document.file_id)  # by file_id
        assert again.document is not None and again.document.file_id == sent.document.file_id
        with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
            await bot.send_document(USER, "no-such-file-id")


@pytest.mark.asyncio
async def test_user_document_get_file_and_download() -> None:
    async with running() as (server, bot):
        user = server.user()
        update = user.send_document("danh_sach.csv", b"ten,sdt\nAn,0901\n", "text/csv")
        file_id = update["message"]["document"]["file_id"]
        tg_file = await bot.get_file(file_id)
        assert tg_file.file_path is not None and tg_file.file_path.startswith(
            server.base_file_url)
        assert bytes(await tg_file.download_as_bytearray()) == b"ten,sdt\nAn,0901\n"
        with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
            await bot.get_file("nope")


@pytest.mark.asyncio
async def test_simulated_user_updates_parse_with_ptb() -> None:
    async with running() as (server, bot):
        user = server.user(user_id=2002, first_name="Trần Thị Bình", username="binh")
        contact = await bot.send_message(2002, "Chia sẻ số điện thoại", reply_markup=(
            ReplyKeyboardMarkup([[KeyboardButton("Gửi số", request_contact=True)]])))
        assert contact.reply_markup is None  # Message.reply_markup is inline-only
        assert server.messages_to(2002)[0].requests_contact
        user.share_contact("+84901234567")
        user.send_location(21.0, 105.8)
        user.send_sticker()
        user.send_photo(caption="ảnh")
        first = user.send_text("sai chính tả")
        user.edit_text(first["message"]["message_id"], "đúng chính tả")
        user.send_in_group("/dangky@hoinghi_test_bot")
        user.block_bot()
        updates = await bot.get_updates(timeout=0)
        assert len(updates) == 8
        assert [u.update_id for u in updates] == sorted(u.update_id for u in updates)
        msgs = [u.effective_message for u in updates]
        assert msgs[0] is not None and msgs[0].contact is not None
        assert msgs[0].contact.user_id == 2002 and msgs[0].contact.phone_number == "+84901234567"
        assert msgs[1] is not None and msgs[1].location is not None
        assert msgs[2] is not None and msgs[2].sticker is not None
        assert msgs[3] is not None and msgs[3].photo and msgs[3].caption == "ảnh"
        assert updates[5].edited_message is not None
        assert updates[5].edited_message.text == "đúng chính tả"
        group = updates[6].effective_chat
        assert group is not None and group.type == "supergroup" and group.id == -100123
        assert updates[7].my_chat_member is not None
        assert updates[7].my_chat_member.new_chat_member.status == "kicked"


@pytest.mark.asyncio
async def test_commands_and_chat_actions() -> None:
    async with running() as (server, bot):
        assert await bot.set_my_commands([("start", "Bắt đầu"), ("dangky", "Đăng ký")])
        assert [c.command for c in await bot.get_my_commands()] == ["start", "dangky"]
        with pytest.raises(BadRequest):
            await bot.set_my_commands([("Start", "bad")])
        assert await bot.delete_my_commands()
        assert await bot.get_my_commands() == ()
        assert await bot.send_chat_action(USER, "typing")
        assert server.chat_actions == [(USER, "typing")]
        assert await bot.close() and await bot.log_out() and server.logged_out


@pytest.mark.asyncio
async def test_hostile_raw_update_and_poller_takeover_after_disconnect() -> None:
    async with running() as (server, _bot):
        url = f"{server.base_url}{TOKEN}/getUpdates"
        async with aiohttp.ClientSession() as http:
            abandoned = asyncio.create_task(http.post(url, data={"timeout": "30"}))
            await asyncio.sleep(0.1)
            abandoned.cancel()  # the client goes away mid long poll (bot restart)
            with pytest.raises(asyncio.CancelledError):
                await abandoned
        await asyncio.sleep(0.05)
        raw = server.enqueue_raw({"message": {"weird": True}})
        async with (
            aiohttp.ClientSession() as http,
            http.post(url, json={"timeout": 1, "allowed_updates": []}) as resp,
        ):
            assert resp.status == 200
            assert (await resp.json())["result"] == [raw]
        await server.wait_delivered(timeout=1)


@pytest.mark.asyncio
async def test_ptb_application_polling_end_to_end_and_restart() -> None:
    from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

    async def start(update: Update, _ctx: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("Chào", reply_markup=keyboard(("OK", "ok")))

    async def pressed(update: Update, _ctx: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("Xong")

    async with FakeTelegram(token=TOKEN) as server:
        app = (Application.builder().token(TOKEN).base_url(server.base_url)
               .base_file_url(server.base_file_url).build())
        app.add_handler(CommandHandler("start", start))
        app.add_handler(CallbackQueryHandler(pressed))
        user = server.user()
        async with app:
            for _ in range(2):  # a restart must not run into a getUpdates conflict
                await app.start()
                assert app.updater is not None
                await app.updater.start_polling(poll_interval=0, timeout=10)
                user.send_command("start")
                [reply] = await server.wait_for(USER)
                assert reply.text == "Chào"
                user.press(reply.message, "ok")
                [edit] = await server.wait_for(USER, include_edits=True)
                assert edit.method == "editMessageText" and edit.text == "Xong"
                await app.updater.stop()
                await app.stop()
        assert len(server.callback_answers) == 2
        assert set(server.status_counts) == {200}


@pytest.mark.asyncio
async def test_lengths_are_utf16_units_and_keyboards_have_limits() -> None:
    async with running() as (server, bot):
        await bot.send_message(USER, "🙂" * 2048)  # 4096 UTF-16 units
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(USER, "🙂" * 2049)
        with pytest.raises(BadRequest, match="Message caption is too long"):
            await bot.send_document(USER, b"x", filename="a.txt", caption="🙂" * 513)
        with pytest.raises(BadRequest, match="Button_text_empty"):
            await bot.send_message(USER, "x", reply_markup=keyboard((" ", "data")))
        row = [InlineKeyboardButton(str(n), callback_data=str(n)) for n in range(9)]
        with pytest.raises(BadRequest, match="Reply markup is too long"):
            await bot.send_message(USER, "x", reply_markup=InlineKeyboardMarkup([row]))
        many = [[InlineKeyboardButton(str(n), callback_data=str(n))] for n in range(101)]
        with pytest.raises(BadRequest, match="Reply markup is too long"):
            await bot.send_message(USER, "x", reply_markup=InlineKeyboardMarkup(many))
        keys = [[KeyboardButton(str(n)) for n in range(13)]]
        with pytest.raises(BadRequest, match="Reply markup is too long"):
            await bot.send_message(USER, "x", reply_markup=ReplyKeyboardMarkup(keys))
        assert len(server.messages_to(USER)) == 1
        assert [status for _, status, _ in server.errors] == [400] * 6


@pytest.mark.asyncio
async def test_dropped_and_stalled_requests_are_never_handled() -> None:
    async with running(seed=3) as (server, bot):
        server.drop_ratio = 1.0
        with pytest.raises(NetworkError):
            await bot.send_message(USER, "dropped")
        assert server.dropped == 1
        await bot.get_updates(timeout=0)  # getUpdates is spared unless faults_on_polling
        server.drop_ratio, server.stall_ratio, server.stall_seconds = 0.0, 1.0, 0.5
        with pytest.raises(NetworkError):  # TimedOut: the client gives up first
            await bot.send_message(USER, "stalled", read_timeout=0.1)
        with pytest.raises(AssertionError, match="expected 1 new message"):
            await server.wait_for(USER, timeout=1.0)
        await bot.send_message(USER, "slow but there", read_timeout=5)
        (message,) = await server.wait_for(USER)
        assert message.text == "slow but there" and server.stalled == 2


@pytest.mark.asyncio
async def test_unknown_update_kinds_and_confirmation() -> None:
    async with running() as (server, bot):
        server.enqueue("poll_answer", {"poll_id": "1", "option_ids": [0], "user": {"id": 5}})
        server.enqueue("message_reaction", {"chat": {"id": 5, "type": "private"}})
        assert await bot.get_updates(timeout=0, allowed_updates=["message"]) == ()
        server.ignore_allowed_updates = True
        last = server.enqueue_raw({"future_kind": {"x": 1}})
        updates = await bot.get_updates(timeout=0)
        assert [u.update_id for u in updates] == [last["update_id"]]
        waiting = asyncio.create_task(server.wait_confirmed(timeout=2))
        await asyncio.sleep(0)
        assert not waiting.done()
        await bot.get_updates(offset=last["update_id"] + 1, timeout=0)
        await waiting
