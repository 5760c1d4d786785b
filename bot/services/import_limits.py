"""What a delegate file may hold (the IMPORT_* settings): apart from the readers of files
(bot/services/sheets.py), which load only when a file is read."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    """What a delegate file may hold (the IMPORT_* settings)."""

    max_bytes: int = 10 * MB
    max_rows: int = 50_000
    max_columns: int = 50
    max_cell_chars: int = 1_000
    max_seconds: float = 60.0
