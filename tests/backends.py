"""The database the tests run on: SQLite (a file in the test's folder) or, with
HOINGHI_TEST_BACKEND=postgresql, a fresh database of a throw-away PostgreSQL cluster
(HOINGHI_TEST_POSTGRES_URL, which scripts/test.sh starts; else one started for the session
by scripts/postgres.sh). Every fresh database is copied from a template that has the
migrations applied, which is much quicker than migrating each."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from uuid import uuid4

import asyncpg

from storage.db import Database

BACKEND = os.environ.get("HOINGHI_TEST_BACKEND", "sqlite")
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "postgres.sh"
TEMPLATE = "hoinghi_template"


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """The URL of the cluster's `postgres` database, the cluster stopped at the end when it was
    started here."""
    given = os.environ.get("HOINGHI_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    folder = tempfile.mkdtemp(prefix="hoinghi-pg-")
    started = subprocess.run(
        [SCRIPT, "start", folder], check=True, capture_output=True, text=True
    )
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([SCRIPT, "stop", folder], check=True, capture_output=True)


def database_url(server: str, name: str) -> str:
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


@asynccontextmanager
async def fresh_postgres(server: str) -> AsyncIterator[str]:
    """A new database with every migration applied, dropped at the end."""
    name = f"t{uuid4().hex}"
    admin = await asyncpg.connect(server)
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", TEMPLATE):
            await admin.execute(f"CREATE DATABASE {TEMPLATE}")
            await (await Database.open(database_url(server, TEMPLATE))).close()
        await admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        yield database_url(server, name)
    finally:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.close()


async def continue_numbering(db: Database, *tables: str) -> None:
    """After rows were inserted with explicit ids: PostgreSQL's identity numbering goes on
    after the highest (SQLite's rowid always does)."""
    if db.dialect != "postgresql":
        return
    for table in tables:
        await db.scalar(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )
