"""A bare python-telegram-bot bot, the yardstick of bench/updates.py: python-telegram-bot's own
ceiling on this machine with the work of an update cut to the least a useful bot does.

Each update (any message) costs one SQLite lookup (the sender's delegate, by their Telegram id,
as our bot finds its account) and one reply with sendMessage. It polls with getUpdates like
`hoinghi run`, with our aiohttp request class (bot/channels/aiohttp_request.py), the same
number of updates handled at once (CONCURRENCY, given by the benches: telegram.py's)
and the same event loop as `hoinghi run` (bot/runtime/loop.py: uvloop when installed, unless
EVENT_LOOP=asyncio); no garbage-collector tuning. It imports none of our bot beyond those two
small modules: its start-up time and memory are python-telegram-bot's.

    python bench/bare_bot.py TOKEN BASE_URL DATABASE_PATH CONCURRENCY [--with-libraries]

--with-libraries: before it starts, it also imports the libraries that our bot must use and
python-telegram-bot does not load itself (LIBRARIES: pydantic-settings for the settings,
APScheduler for reminders), and uses neither: bench/startup.py's floor of a start that reads
its settings with pydantic-settings.

Runs until SIGTERM or SIGINT.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import aiosqlite  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler  # noqa: E402

from bot.channels.aiohttp_request import AiohttpRequest  # noqa: E402
from bot.runtime.loop import install_event_loop  # noqa: E402

LIBRARIES = ("pydantic_settings", "apscheduler.schedulers.asyncio")
LOOKUP = (
    "SELECT d.full_name FROM accounts a JOIN delegates d ON d.id = a.delegate_id "
    "WHERE a.channel = 'telegram' AND a.external_id = ?"
)


def main() -> None:
    token, base_url, database, concurrency = sys.argv[1:5]
    if "--with-libraries" in sys.argv[5:]:
        for library in LIBRARIES:
            importlib.import_module(library)
    install_event_loop(os.environ.get("EVENT_LOOP", "auto"))
    connection: list[aiosqlite.Connection] = []

    async def opened(_: Application) -> None:  # type: ignore[type-arg]
        connection.append(await aiosqlite.connect(database))

    async def closed(_: Application) -> None:  # type: ignore[type-arg]
        await connection[0].close()

    async def answer(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.from_user is None:
            return
        rows = list(await connection[0].execute_fetchall(LOOKUP, (str(message.from_user.id),)))
        name = rows[0][0] if rows else "bạn"
        await message.get_bot().send_message(message.chat.id, f"Chào {name}: {message.text}")

    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(base_url)
        .request(AiohttpRequest(connection_pool_size=int(concurrency)))
        .get_updates_request(AiohttpRequest(connection_pool_size=1, read_timeout=11))
        .concurrent_updates(int(concurrency))
        .post_init(opened)
        .post_shutdown(closed)
        .build()
    )
    app.add_handler(MessageHandler(None, answer))
    app.run_polling(timeout=1, allowed_updates=["message"])


if __name__ == "__main__":
    main()
