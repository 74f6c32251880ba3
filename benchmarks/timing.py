"""Timing helper shared by the benchmark modules."""

from __future__ import annotations

import time
import tracemalloc
from typing import Callable


def measure(fn: Callable[[], object], *, repeat: int = 3) -> tuple[float, float, object]:
    """(best wall-clock seconds of ``repeat`` runs, peak MiB of Python allocations in one more
    run under ``tracemalloc``, result of the last timed run)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20, result
