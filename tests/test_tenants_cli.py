"""tenants.yaml from the command line: a wrong file stops everything with its errors (file,
line, field, why) and exit code 2; the data commands act on the tenant `--tenant` names."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.tenants import read_tenants
from storage.db import Database

ROOT = Path(__file__).resolve().parent.parent
GOOD = """tenants:
  - id: dong-nai
    name: Sở Ngoại vụ Đồng Nai
    database: dong-nai.sqlite3
    telegram_bot_token: "111111:DONG-NAI-token"
  - id: lang-son
    name: Sở Ngoại vụ Lạng Sơn
    database: lang-son.sqlite3
    telegram_bot_token_env: LANG_SON_TG_TOKEN
"""
BAD = """tenants:
  - id: Dong Nai
    name: Sở Ngoại vụ Đồng Nai
    database: dong-nai.sqlite3
    telegram_token: "111111:DONG-NAI-token"
  - id: lang-son
    name: Sở Ngoại vụ Lạng Sơn
    database: lang-son.sqlite3
    outbox_rate: nhanh
"""
TWINS = """tenants:
  - id: dong-nai
    name: Sở Ngoại vụ Đồng Nai
    database: one.sqlite3
    telegram_bot_token: "111111:SAME-token"
  - id: lang-son
    name: Sở Ngoại vụ Lạng Sơn
    database: ./one.sqlite3
    telegram_bot_token: "111111:SAME-token"
    zalo_bot_token_env: NOT_SET_ANYWHERE
"""


def tenants_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "tenants.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("TENANTS_FILE", str(path))
    monkeypatch.setenv("LANG_SON_TG_TOKEN", "222222:LANG-SON-token")
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    return path


def test_a_wrong_tenants_file_names_every_error_and_starts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tenants_file(tmp_path, monkeypatch, BAD)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert f"Tệp danh sách tỉnh {path} có 3 lỗi; bot chưa khởi động:" in err
    assert f"{path}:2: tenants[0].id: mã chỉ gồm chữ thường không dấu" in err
    assert f"{path}:5: tenants[0].telegram_token: trường không có trong mẫu tenants.yaml" in err
    assert f"{path}:9: tenants[1].outbox_rate: phải là số" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tenants.yaml"]  # no database made
    assert main(["plan", "check", str(ROOT / "plans" / "lang-son-2024.yaml")]) == 0  # no data


def test_two_tenants_may_not_share_a_database_or_a_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tenants_file(tmp_path, monkeypatch, TWINS)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:10: tenants[1].zalo_bot_token_env: biến môi trường NOT_SET_ANYWHERE" in err
    assert f"{path}:8: tenants[1].database: trùng với tỉnh dong-nai" in err
    assert f"{path}:9: tenants[1].telegram_bot_token: trùng với tỉnh dong-nai" in err
    tenants_file(tmp_path, monkeypatch, "tenants:\n  - id: [dong-nai\n")
    assert main(["run"]) == 2
    assert "sai cú pháp" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tenants.yaml"]


async def test_plan_load_goes_to_the_tenant_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tenants_file(tmp_path, monkeypatch, GOOD)
    plan = str(ROOT / "plans" / "lang-son-2024.yaml")
    assert await asyncio.to_thread(main, ["plan", "load", plan]) == 2
    assert "hãy chọn một bằng --tenant MÃ (dong-nai, lang-son)" in capsys.readouterr().err
    assert await asyncio.to_thread(main, ["plan", "load", plan, "--tenant", "ha-noi"]) == 2
    assert "Không có tỉnh mã «ha-noi»" in capsys.readouterr().err
    assert await asyncio.to_thread(main, ["plan", "check", plan]) == 0  # no data: no tenant

    assert await asyncio.to_thread(main, ["plan", "load", plan, "--tenant", "lang-son"]) == 0
    assert str(tmp_path / "lang-son.sqlite3") in capsys.readouterr().out
    assert not (tmp_path / "dong-nai.sqlite3").exists()
    db = await Database.open(tmp_path / "lang-son.sqlite3")
    try:
        assert await db.scalar("SELECT id FROM series") == "lang-son-2024-pgcm-15-nam"
    finally:
        await db.close()

    monkeypatch.delenv("TENANTS_FILE")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "alone.sqlite3"))
    assert await asyncio.to_thread(main, ["plan", "load", plan, "--tenant", "lang-son"]) == 2
    assert "--tenant chỉ dùng được khi đã đặt TENANTS_FILE" in capsys.readouterr().err
    assert await asyncio.to_thread(main, ["plan", "load", plan]) == 0  # as before tenants


def test_the_example_tenants_file_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets = {
        "DONG_NAI_TG_TOKEN": "111111:DONG-NAI-token",
        "DONG_NAI_WEBHOOK_SECRET": "dong_nai-webhook-secret-0001",
        "LANG_SON_TG_TOKEN": "222222:LANG-SON-token",
        "LANG_SON_ZALO_TOKEN": "3333333333:lang-son-zalo",
        "LANG_SON_WEBHOOK_SECRET": "lang_son-webhook-secret-0002",
    }
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)
    base = Settings(
        _env_file=None,
        webhook_url="https://hoinghi.example.gov.vn",
        webhook_secret="process-secret-0000000000",
    )
    tenants, errors = read_tenants(ROOT / "examples" / "tenants.yaml", base)
    assert errors == []
    dong_nai, lang_son = tenants
    assert dong_nai.prefix == "/t/dong-nai" and dong_nai.settings.admin_ids[1] == "zalo:222222222"
    assert lang_son.settings.outbox_rate == 20 and dong_nai.settings.outbox_rate == base.outbox_rate
    assert lang_son.settings.zalo_bot_token is not None
    assert dong_nai.settings.zalo_bot_token is None  # never the process's
    assert dong_nai.settings.webhook_url == base.webhook_url  # the process's
