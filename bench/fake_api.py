"""The fake Telegram Bot API (tests/fake_telegram.py) in a process of its own, for the benches
of several workers (bench/workers.py): prints its base URL, then serves until SIGTERM. It
enforces no flood limit: the benches measure what the bot can do."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fake_telegram import FakeTelegram


async def serve(token: str) -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with FakeTelegram(token) as server:
        print(server.base_url, flush=True)
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1]))
