"""The guides cannot drift from the program: every `console` block of docs/ is run (each
`$ hoinghi …` line must succeed and print the lines that follow it), every `hoinghi`/`hn`
command line in a code block is one the command line accepts, and every complete plan shown
(a YAML block that starts with `series:`) loads."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main, parser
from bot.plan.loader import parse_plan

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").rglob("*.md"))
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(kind: str) -> list[tuple[str, str]]:
    """(page, body) of every fenced block of this language in the guides."""
    return [
        (page.relative_to(ROOT).as_posix(), match[2])
        for page in PAGES
        for match in FENCE.finditer(page.read_text(encoding="utf-8"))
        if match[1] == kind
    ]


def command_lines() -> list[tuple[str, str]]:
    found = []
    for kind in ("sh", "console"):
        for page, body in blocks(kind):
            for line in body.splitlines():
                line = line.removeprefix("$ ").strip()
                if line.startswith(("hoinghi ", "hn ")):
                    found.append((page, line))
    return found


def test_the_guides_show_commands_and_plans() -> None:
    assert len(PAGES) >= 8
    assert len(command_lines()) >= 10
    assert blocks("console") and any("\nsessions:" in body for _, body in blocks("yaml"))


@pytest.mark.parametrize(("page", "line"), command_lines())
def test_every_command_in_the_guides_is_accepted(page: str, line: str) -> None:
    argv = shlex.split(line, comments=True)[1:]
    argv = [re.sub(r"^<.*>$", "x", word) for word in argv]  # <tên bot>, <mã buổi>: any value
    try:
        parser().parse_args(argv)
    except SystemExit as refused:
        pytest.fail(f"{page}: `{line}` is refused by the command line ({refused})")


@pytest.mark.parametrize(("page", "body"), blocks("console"))
def test_console_blocks_run_as_shown(
    page: str,
    body: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "docs.sqlite3"))
    for step in re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]:
        command, *expected = step.splitlines()
        argv = shlex.split(command, comments=True)
        assert argv[0] == "hoinghi", f"{page}: only hoinghi commands run here: {command}"
        assert main(argv[1:]) == 0, f"{page}: `{command}` failed"
        printed = capsys.readouterr().out
        for line in filter(None, (line.strip() for line in expected)):
            assert line in printed, f"{page}: `{command}` did not print {line!r}"


@pytest.mark.parametrize(("page", "body"), blocks("yaml"))
def test_every_complete_plan_in_the_guides_loads(page: str, body: str) -> None:
    if not body.startswith("series:") or "\nsessions:" not in body:
        return
    series, errors = parse_plan(body, page)
    assert series is not None, [error.describe() for error in errors]


def test_the_delegates_page_prints_on_one_a4_page(tmp_path: Path) -> None:
    """scripts/delegate_guide.py renders docs/dai-bieu.md with the bot's QR in Chromium."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "delegate_guide.py"), "--bot", "thu_bot", "--out",
         str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "dai-bieu.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box and (round(float(box[1])), round(float(box[2]))) == (595, 842)  # A4 in points
    png = (tmp_path / "dai-bieu.png").read_bytes()
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 794
    assert (tmp_path / "bot-qr.png").read_bytes().startswith(b"\x89PNG")
