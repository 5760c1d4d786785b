"""A delegate file read and checked in a process of its own, so that the event loop never
waits for it (chats stay answered while thousands of rows are checked) and a file that needs
more memory or time than allowed is stopped from outside: the child's address space is capped
and it is killed once past the time limit."""

from __future__ import annotations

import asyncio
import multiprocessing
import resource
from multiprocessing.connection import Connection

from bot.catalog import t
from bot.services.import_limits import ImportLimits
from bot.services.imports import Checked, read_rows
from bot.services.plan_state import LoadedPlan
from bot.services.sheets import ImportFileError

MEMORY_LIMIT = 1024 * 1024 * 1024  # address space of the reading process
START_GRACE = 10.0  # seconds for the child interpreter to start, beyond the time limit

Outcome = tuple[bool, Checked | str]  # (True, checked) or (False, the refusal in words)


def _read_in_child(
    sender: Connection, data: bytes, suffix: str, plan: LoadedPlan, limits: ImportLimits
) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    outcome: Outcome
    try:
        outcome = (True, read_rows(data, suffix, plan, limits))
    except ImportFileError as error:
        outcome = (False, str(error))
    except MemoryError:
        outcome = (False, t("import.limit_memory"))
    sender.send(outcome)
    sender.close()


async def read_apart(data: bytes, suffix: str, plan: LoadedPlan, limits: ImportLimits) -> Checked:
    """`imports.read_rows` in a child process; only `ImportFileError` escapes."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_read_in_child, args=(sender, data, suffix, plan, limits), daemon=True
    )
    try:
        await asyncio.to_thread(child.start)  # spawn hands the file over a pipe: not on the loop
        sender.close()
        if not await asyncio.to_thread(receiver.poll, limits.max_seconds + START_GRACE):
            raise ImportFileError(t("import.limit_seconds", seconds=f"{limits.max_seconds:g}"))
        ok, value = await asyncio.to_thread(receiver.recv)
    except EOFError as error:  # the child died: out of memory beyond what Python could catch
        raise ImportFileError(t("import.limit_memory")) from error
    finally:
        receiver.close()
        if child.pid is not None:
            child.kill()
            await asyncio.to_thread(child.join)
    if not ok:
        raise ImportFileError(str(value))
    assert isinstance(value, Checked)
    return value
