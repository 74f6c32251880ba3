"""Timing helper shared by the benchmark modules."""

from __future__ import annotations

import os
import threading
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


class PeakRSS:
    """Peak resident memory (MiB) of this process and its children while in the block."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0.0
        self._stop = threading.Event()

    def _sample(self) -> float:
        pids = [os.getpid()]
        total = 0
        seen = set()
        while pids:
            pid = pids.pop()
            if pid in seen:
                continue
            seen.add(pid)
            try:
                with open(f"/proc/{pid}/status") as fh:
                    for line in fh:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
                with open(f"/proc/{pid}/task/{pid}/children") as fh:
                    pids.extend(int(c) for c in fh.read().split())
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                continue
        return total / 1024

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRSS":
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())
