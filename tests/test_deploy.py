"""The files an operator copies: .env.example is a valid configuration, and the systemd units
run commands that exist."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import parser
from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def env_keys(text: str) -> list[str]:
    return [
        line.split("=", 1)[0]
        for line in text.splitlines()
        if "=" in line and not line.lstrip().startswith("#") and line[:1].isupper()
    ]


def test_the_example_settings_are_valid_and_all_known() -> None:
    example = ROOT / ".env.example"
    keys = env_keys(example.read_text(encoding="utf-8"))
    assert {"WEBHOOK_URL", "WEBHOOK_SECRET", "HEALTHZ", "DATABASE_PATH"} <= set(keys)
    assert {key.lower() for key in keys} <= set(Settings.model_fields)
    settings = Settings(_env_file=example)
    assert settings.webhook_url is None and settings.webhook_secret is None  # polling


@pytest.mark.parametrize(
    ("guide", "heading"),
    [
        ("docs/van-hanh.md", "Tệp `/etc/hoinghi/hoinghi.env`"),
        ("docs/en/operators.md", "The settings file `/etc/hoinghi/hoinghi.env`"),
    ],
)
def test_the_guides_settings_file_names_only_real_settings(guide: str, heading: str) -> None:
    text = (ROOT / guide).read_text(encoding="utf-8")
    block = text.split(heading, 1)[1].split("```sh", 1)[1]
    keys = env_keys(block.split("```", 1)[0])
    assert len(keys) >= 9 and {key.lower() for key in keys} <= set(Settings.model_fields)


def test_the_units_run_real_subcommands() -> None:
    for name, command in (("hoinghi.service", "run"), ("hoinghi-backup.service", "backup")):
        unit = configparser.ConfigParser(strict=False, interpolation=None)
        unit.read(ROOT / "deploy" / name, encoding="utf-8")
        argv = shlex.split(unit["Service"]["ExecStart"])
        assert argv[0] == "/opt/hoinghi/.venv/bin/hoinghi" and argv[1] == command
        assert parser().parse_args(argv[1:]).command == command
        assert unit["Service"]["User"] == "hoinghi"
        assert unit["Service"]["EnvironmentFile"] == "/etc/hoinghi/hoinghi.env"


def size_mb(value: str) -> float:
    number, unit = float(value[:-1]), value[-1].upper()
    return number * {"K": 1 / 1024, "M": 1, "G": 1024}[unit]


def test_the_bot_unit_bounds_memory_and_tasks_with_room_to_spare() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read(ROOT / "deploy" / "hoinghi.service", encoding="utf-8")
    service = unit["Service"]
    # the bot stays under 200 MB draining a 100,000-update backlog (test_update_backlog.py)
    assert 400 <= size_mb(service["MemoryHigh"]) < size_mb(service["MemoryMax"]) <= 4096
    assert 64 <= int(service["TasksMax"]) <= 4096


def test_setup_compiles_our_modules_for_a_service_that_cannot_write_beside_them(
    tmp_path: Path,
) -> None:
    """The service runs with the code read-only (ProtectSystem=strict): without bytecode made
    by scripts/setup.sh, every start compiled our modules again (issue 18)."""
    packages = ("bot", "handlers", "storage", "dashboard")
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.sh", tmp_path / "scripts" / "setup.sh")
    for package in packages:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=lambda folder, names: [n for n in names if "." in n and not n.endswith(".py")],
        )
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(sys.executable)
    (tmp_path / "pyproject.toml").touch()
    (tmp_path / ".venv" / ".installed").touch()  # installed already: pip is not run
    os.utime(tmp_path / "pyproject.toml", (1, 1))
    subprocess.run(
        ["bash", str(tmp_path / "scripts" / "setup.sh")],
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    sources = [path for package in packages for path in (tmp_path / package).rglob("*.py")]
    assert len(sources) > 100
    compiled = (Path(importlib.util.cache_from_source(str(path))) for path in sources)
    missing = [str(path) for path in compiled if not path.exists()]
    assert missing == []
