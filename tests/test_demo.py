"""The demo's copy of a plan: every date moved by the same number of days, as it was written."""

from __future__ import annotations

from bot.runtime.demo import shift_dates


def test_both_date_forms_move_alike_and_nothing_else_changes() -> None:
    text = "start: 2026-07-09 08:00\ndue: 04/07/2024\nid: 2026-07-loc-thanh\nphone: 0912/345/678\n"
    moved = shift_dates(text, 30)
    assert moved == (
        "start: 2026-08-08 08:00\ndue: 03/08/2024\nid: 2026-07-loc-thanh\nphone: 0912/345/678\n"
    )
    assert shift_dates(moved, -30) == text
