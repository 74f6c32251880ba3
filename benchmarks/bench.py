"""``make bench``: speed (articles/s, mentions/s) and peak memory per stage on the embedded corpus.

Each stage is timed once without instrumentation, then run again under ``tracemalloc`` for its
peak Python memory. Results are printed and written to ``benchmarks/results/bench.csv``.
Stage modules (``bench_quotes``, ``bench_sentiment``) expose ``run(articles) -> list[dict]``.
"""

from __future__ import annotations

import importlib
import time
import tracemalloc
from typing import Callable

import pandas as pd

from analysis import config
from analysis.corpus import load_articles

STAGE_MODULES = ("benchmarks.bench_quotes", "benchmarks.bench_sentiment")


def measure(fn: Callable[[], object], *, repeat: int = 3) -> tuple[float, float, object]:
    """(best seconds of ``repeat`` runs, peak MiB under tracemalloc, result of the last run)."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20, result


def bench_load() -> tuple[dict, pd.DataFrame]:
    """Loading the embedded corpus: articles/s and peak memory."""
    seconds, peak, articles = measure(lambda: load_articles(config.DEFAULT_CORPUS))
    row = {"stage": "load_articles", "n_articles": len(articles), "seconds": round(seconds, 4),
           "articles_per_s": round(len(articles) / seconds, 1), "peak_mb": round(peak, 1)}
    return row, articles


def main() -> pd.DataFrame:
    row, articles = bench_load()
    rows = [row]
    for name in STAGE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        rows.extend(module.run(articles))
    table = pd.DataFrame(rows)
    out = config.BENCHMARKS_DIR / "results"
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "bench.csv", index=False)
    print(f"embedded corpus: {len(articles)} articles, "
          f"{articles['text'].str.split().str.len().mean():.0f} words on average")
    print(table.to_string(index=False))
    print(f"written: {out / 'bench.csv'}")
    return table


if __name__ == "__main__":
    main()
