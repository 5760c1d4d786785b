"""The event loop of `hoinghi run`: uvloop when it is installed (the `speed` extra) and the
EVENT_LOOP setting allows it, else asyncio's own. bench/updates.py measures both."""

from __future__ import annotations

import asyncio
import importlib.util


def chosen_loop(choice: str = "auto") -> str:
    """The loop `install_event_loop(choice)` installs: "uvloop" or "asyncio"."""
    return "uvloop" if choice == "auto" and importlib.util.find_spec("uvloop") else "asyncio"


def install_event_loop(choice: str = "auto") -> str:
    """Make `asyncio.run` use uvloop where `choice` is "auto" and uvloop is installed; returns
    the name of the loop chosen."""
    name = chosen_loop(choice)
    if name == "uvloop":
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return name
