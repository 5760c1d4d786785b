"""2,000 personal invitations (giấy mời) as one PDF and as one DOCX: seconds and peak memory.

Each format runs in its own process (peak resident memory, `ru_maxrss`, is per process): a
temporary SQLite database with seed 000's plan and 2,000 imported delegates invited to the
city session, then `gather` (protocol order, personal codes and links) and the renderer.
Goal: ≤ 30 s and ≤ 300 MB each. Usage: .venv/bin/python bench/documents.py [--n 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.app import load_plan  # noqa: E402
from bot.config import DEFAULT_PLAN  # noqa: E402
from bot.documents.gather import Scope, gather  # noqa: E402
from bot.documents.invitations import invitations_docx, invitations_pdf  # noqa: E402
from bot.services.plan_state import build_loaded_plan  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.imports import ImportedPerson, ImportRepository  # noqa: E402
from storage.plans import PlanRepository, first_series  # noqa: E402

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đỗ", "Dương", "Võ", "Đặng", "Bùi")
GIVENS = ("An", "Ánh", "Bình", "Đạt", "Dũng", "Hương", "Lộc", "Phượng", "Thủy", "Yến")


async def one_format(form: str, n: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "bench.sqlite3")
        await load_plan(db, DEFAULT_PLAN)
        people = [
            ImportedPerson(
                i + 2,
                f"{FAMILIES[i % 10]} Thị {GIVENS[i // 10 % 10]} {i}",
                "Chuyên viên",
                "so-nganh",
                "",
                None,
                None,
                f"09{i:08d}",
            )
            for i in range(n)
        ]
        await ImportRepository(db).store(people, NOW, series_id=await first_series(db))
        series = await PlanRepository(db).active_series()
        assert series is not None
        plan = build_loaded_plan(series)
        session = next(s for s in series.sessions if s.level == "city")
        started = time.perf_counter()
        material = await gather(db, plan, session, Scope(), NOW, "hoinghi_bench_bot")
        render = invitations_pdf if form == "pdf" else invitations_docx
        data = render(material)
        seconds = time.perf_counter() - started
        await db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"documents: {len(material.people)} invitations as {form.upper()} in {seconds:.1f} s, "
        f"{len(data) / 1e6:.1f} MB file, peak {peak:.0f} MB resident"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--format", choices=("pdf", "docx"))
    arguments = parser.parse_args()
    if arguments.format:
        asyncio.run(one_format(arguments.format, arguments.n))
        return
    for form in ("pdf", "docx"):
        command = [sys.executable, __file__, "--n", str(arguments.n), "--format", form]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
