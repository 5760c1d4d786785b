"""The garbage collector while the process starts (bot/collector.py): lenient during the
imports and the start-up (bot/__main__.py), as usual again once the command line is read (any
command but `run`) or once the bot has started, with what lives by then frozen out of its
scans (bot/app.py)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import collector
from bot.config import DEFAULT_PLAN
from storage.db import Database
from tests.conftest import running_bot

ROOT = Path(__file__).resolve().parent.parent


def launched(argv: list[str], after: str) -> str:
    """What `python -m bot <argv>` prints when it has run `after` (Python) after the command
    (an argparse exit included), the collector's passes counted by generation."""
    probe = (
        "import gc, sys; from bot.__main__ import launch; passes = [0, 0, 0]\n"
        "def count(phase, info):\n"
        "    if phase == 'start': passes[info['generation']] += 1\n"
        f"gc.callbacks.append(count); sys.argv = {['hoinghi', *argv]!r}\n"
        "try: code = launch()\n"
        "except SystemExit as exit: code = exit.code\n"
        f"{after}"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_imports_and_the_parsing_make_few_passes() -> None:
    """`hoinghi --help` imports the whole command line and parses, then exits before the
    collector is as usual again: a few young passes, none over older objects (with the usual
    thresholds, about 90 young passes and 7 over older objects)."""
    out = launched(["--help"], "print('young', passes[0] < 40, 'older', passes[1] + passes[2])")
    assert "young True older 0" in out, out[-300:]


def test_a_command_sets_the_collector_as_usual_with_start_up_frozen() -> None:
    out = launched(
        ["plan", "check", str(DEFAULT_PLAN)],
        "print('exit', code, gc.get_threshold(), gc.get_freeze_count() > 0)",
    )
    assert f"exit 0 {collector.RUNNING} True" in out, out[-300:]


@pytest.fixture
def starting() -> Iterator[None]:
    """As `launch` leaves the collector when the command line takes over, nothing frozen yet
    (earlier tests' bots froze this process's objects)."""
    gc.unfreeze()
    collector.starting()
    try:
        yield
    finally:
        gc.set_threshold(*collector.RUNNING)


async def test_a_started_bot_runs_the_collector_as_usual_with_start_up_frozen(
    db: Database, tmp_path: Path, starting: None
) -> None:
    async with running_bot(db, tmp_path):
        assert gc.get_threshold() == collector.RUNNING
        assert gc.get_freeze_count() > 0
