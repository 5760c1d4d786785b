"""The garbage collector over the process's life: lenient while the process starts, then the
start-up's objects frozen out of its scans and the usual thresholds back.

Start-up creates some 400,000 objects that live as long as the process (modules, classes, the
plan, the settings). With the usual thresholds the collector scans all of them again each
time they have grown by a quarter, which frees nothing and costs about 25 ms of CPU of a 0.45 s
start (bench/startup.py); young objects are still collected while it starts."""

from __future__ import annotations

import gc

RUNNING = gc.get_threshold()  # CPython's own, (700, 10, 10)
STARTING = (5000, 50, 1000)  # young passes seldom, full passes (1000 older ones) none


def starting() -> None:
    gc.set_threshold(*STARTING)


def started() -> None:
    """The end of start-up: what lives by now leaves the collector's full scans, whose pauses
    would delay paced sends by tens of milliseconds, and it runs as usual."""
    gc.freeze()
    gc.set_threshold(*RUNNING)
