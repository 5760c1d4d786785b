"""Settings read from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_PLAN = Path(__file__).resolve().parent.parent / "plans" / "dong-nai-2026.yaml"
DATABASE_SCHEMES = ("postgresql://", "postgres://", "sqlite:///")
TELEGRAM_RATE = 29.5  # messages a second: the outbox's pace by default, shared by every worker
# Telegram allows a bot token about 30 messages a second, 1,000 with paid broadcasts; more is
# for a Bot API server of one's own or a fake one (bench/updates.py measures the handling, not
# the pace, and the pacer of 1,000 a second was what it measured).
MAX_OUTBOX_RATE = 100_000
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{16,256}")  # what Telegram's secret_token allows


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", hide_input_in_errors=True
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_path: Path = Path("hoinghi.sqlite3")
    # postgresql://user:password@host/name for a database several workers share; when set it
    # wins over DATABASE_PATH (the default is SQLite's file, sqlite:///DATABASE_PATH).
    database_url: str | None = None
    plan_file: Path | None = None
    admin_ids: Annotated[tuple[str, ...], NoDecode] = ()
    timezone: str = "Asia/Ho_Chi_Minh"
    reminder_offsets: Annotated[tuple[str, ...], NoDecode] = ("7d", "1d", "2h")
    telegram_poll_timeout: int = Field(default=30, ge=0, le=50)
    zalo_bot_token: SecretStr | None = None
    zalo_api_base_url: str = "https://bot-api.zaloplatforms.com"
    zalo_poll_timeout: int = Field(default=30, ge=1, le=60)
    # Zalo by webhook instead of polling: the public URL Zalo posts to, and its secret.
    zalo_webhook_url: str | None = None
    zalo_webhook_secret: SecretStr | None = Field(default=None, min_length=8, max_length=256)
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    # Messages per second the outbox sender allows itself overall (Telegram: about 30), and the
    # direct replies with it.
    outbox_rate: float = Field(default=TELEGRAM_RATE, gt=0, le=MAX_OUTBOX_RATE)
    # `hoinghi run`'s event loop: "auto" is uvloop when installed (the `speed` extra), else
    # asyncio's own; "asyncio" keeps asyncio's own.
    event_loop: Literal["auto", "asyncio"] = "auto"
    # The organisers' web dashboard, served inside `hoinghi run` when DASHBOARD_PORT is set
    # (0: any free port); DASHBOARD_URL is the public address of its login links (behind the
    # reverse proxy), by default http://DASHBOARD_HOST:PORT.
    dashboard_port: int | None = Field(default=None, ge=0, le=65535)
    dashboard_host: str = "127.0.0.1"
    dashboard_url: str | None = None
    # The Telegram bot's username for printed links (`hoinghi docs`), never asked of the network.
    bot_username: str | None = None
    # Webhooks instead of polling: the public HTTPS address of the reverse proxy (Telegram
    # posts to {webhook_url}/telegram/webhook, Zalo to {webhook_url}/zalo/webhook unless
    # ZALO_WEBHOOK_URL says otherwise) and the secret header both must send.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    # Guessable codes (/lienket, role invites, check-in, dashboard login links): wrong codes
    # allowed per account within the first window and by everyone within the second, before
    # an exponential back-off (1, 2, 4... minutes a try).
    code_attempts_per_account: int = Field(default=5, ge=1)
    code_attempts_account_minutes: int = Field(default=15, ge=1)
    code_attempts_overall: int = Field(default=100, ge=1)
    code_attempts_overall_minutes: int = Field(default=60, ge=1)
    # Several workers on one database: WORKER_ID tells them apart (by default the host name,
    # with WEBHOOK_PORT when the web server runs); what a worker that died had claimed (messages
    # being sent, updates taken in, the sender's and reporter's roles) waits
    # WORKER_LEASE_SECONDS before another worker takes it over.
    worker_id: str | None = Field(default=None, min_length=1, max_length=200)
    worker_lease_seconds: int = Field(default=60, ge=2, le=3600)
    # Serve /healthz on WEBHOOK_HOST:WEBHOOK_PORT when polling too (webhook mode always does).
    healthz: bool = False
    # What a delegate file sent for import may hold (in the chat and `hoinghi import`); past a
    # limit the file is refused with the limit named.
    import_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    import_max_rows: int = Field(default=50_000, ge=1)
    import_max_columns: int = Field(default=50, ge=7)
    import_max_cell_chars: int = Field(default=1_000, ge=80)
    import_max_seconds: float = Field(default=60.0, gt=0)
    # Several provinces in one process: the file listing them (bot/tenants.py, tenants.yaml);
    # unset, the process serves the one province these settings describe.
    tenants_file: Path | None = None

    @field_validator("admin_ids", "reminder_offsets", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator(
        "telegram_bot_token",
        "zalo_bot_token",
        "zalo_webhook_secret",
        "dashboard_port",
        "dashboard_url",
        "bot_username",
        "webhook_url",
        "webhook_secret",
        "zalo_webhook_url",
        "tenants_file",
        "database_url",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_url")
    @classmethod
    def _https_only(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError("WEBHOOK_URL must be an https:// address (Telegram requires it)")
        return value.rstrip("/") if value else value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET: 16 to 256 characters among A-Z, a-z, 0-9, _ and -")
        return value


    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(DATABASE_SCHEMES):
            raise ValueError("DATABASE_URL: postgresql://… or sqlite:///…")
        return value

    @property
    def database(self) -> str:
        """What `Database.open` takes: DATABASE_URL, else SQLite's file at DATABASE_PATH."""
        return self.database_url or f"sqlite:///{self.database_path}"

    @property
    def database_label(self) -> str:
        """Where the database is, for messages: the file, or the URL without its password."""
        if self.database_url is None:
            return str(self.database_path)
        return re.sub(r"(//[^:/@]*):[^@]*@", r"\1@", self.database_url)

    def secret_values(self) -> list[str]:
        """Tokens and webhook secrets, for the logs to hide."""
        secrets = (
            self.telegram_bot_token,
            self.zalo_bot_token,
            self.webhook_secret,
            self.zalo_webhook_secret,
        )
        return [secret.get_secret_value() for secret in secrets if secret is not None]

    @model_validator(mode="after")
    def _webhook_pair(self) -> Settings:
        if (self.webhook_url is None) != (self.webhook_secret is None):
            raise ValueError("WEBHOOK_URL and WEBHOOK_SECRET are set together, or neither")
        return self
