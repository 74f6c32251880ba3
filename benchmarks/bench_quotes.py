"""Speed of quote extraction and quote share (``make bench`` stage module).

``run(articles)`` times ``quotes.extract_quotes`` and ``quotes.quote_share`` on the given
articles table (best of three runs, then one run under ``tracemalloc`` for peak Python memory)
and returns one row per stage: ``stage``, ``n_articles``, ``seconds``, ``articles_per_s``,
``peak_mb``.

``run_long()`` times the long inputs: one article of real Wikinews text (the embedded records
concatenated, repeated as needed) of 0.1 to 5 MB, reporting seconds and MB/s, and one sentence
of 800, 1,600 and 3,200 "the minister said that"; each row gives the size and time ratios to
the size before it (equal when the work grows linearly: per doubling of the sentence the time
was x8).
"""

from __future__ import annotations

import json
import time

import pandas as pd

from analysis import config
from analysis.quotes import extract_article, extract_quotes, quote_share
from benchmarks.timing import measure

LONG_SIZES_MB = (0.1, 0.2, 0.4, 0.8, 1.6, 5.0)
SAID_THAT_COUNTS = (800, 1600, 3200)
SAID_THAT = "the minister said that "


def _row(stage: str, n: int, seconds: float, peak: float) -> dict:
    return {"stage": stage, "n_articles": n, "seconds": round(seconds, 4),
            "articles_per_s": round(n / seconds, 1) if seconds > 0 else None,
            "peak_mb": round(peak, 1)}


def run(articles: pd.DataFrame) -> list[dict]:
    """Timing rows for ``extract_quotes`` and ``quote_share`` (by article) on ``articles``."""
    n = len(articles)
    seconds, peak, quotes = measure(lambda: extract_quotes(articles))
    rows = [_row("extract_quotes", n, seconds, peak)]
    seconds, peak, _ = measure(lambda: quote_share(quotes, by="article_id"))
    rows.append(_row("quote_share", n, seconds, peak))
    return rows


def long_article(n_chars: int, *, path=None) -> str:
    """One article of ``n_chars`` characters of real text: the Wikinews records of the
    embedded corpus, blank lines between them, repeated as often as needed."""
    path = path or config.RAW_DIR / "wikinews" / "wikinews.jsonl"
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    parts, size, i = [], 0, 0
    while size < n_chars:
        parts.append(texts[i % len(texts)])
        size += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:n_chars]


def _time(text: str, repeat: int) -> tuple[float, int]:
    """(best seconds of ``repeat`` runs of ``extract_article(text)``, statements found)."""
    best, n = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = len(extract_article(text))
        best = min(best, time.perf_counter() - t0)
    return best, n


def run_long(sizes_mb: tuple[float, ...] = LONG_SIZES_MB,
             counts: tuple[int, ...] = SAID_THAT_COUNTS) -> list[dict]:
    """Rows ``stage``, ``size`` (MB or cues), ``chars``, ``seconds``, ``mb_per_s``,
    ``statements``, ``size_ratio`` and ``time_ratio`` (to the size before) for one long
    article of real text per size and one sentence of ``counts`` "the minister said that"."""
    extract_article('The minister said that it rained. He said, "Yes."')    # compile, cache
    rows: list[dict] = []
    full = long_article(int(max(sizes_mb) * 1_000_000))
    prev = None
    for mb in sizes_mb:
        text = full[:int(mb * 1_000_000)]
        seconds, n = _time(text, 3 if mb <= 1 else 2)
        rows.append({"stage": "extract_article long article", "size": f"{mb:g} MB",
                     "chars": len(text), "seconds": round(seconds, 3),
                     "mb_per_s": round(len(text.encode("utf-8")) / 1e6 / seconds, 2),
                     "statements": n, **_ratios(len(text), seconds, prev)})
        prev = (len(text), seconds)
    prev = None
    for count in counts:
        text = SAID_THAT * count + "it rained."
        seconds, n = _time(text, 3)
        rows.append({"stage": "extract_article one sentence", "size": f"{count} x 'said that'",
                     "chars": len(text), "seconds": round(seconds, 3),
                     "mb_per_s": round(len(text) / 1e6 / seconds, 2),
                     "statements": n, **_ratios(len(text), seconds, prev)})
        prev = (len(text), seconds)
    return rows


def _ratios(chars: int, seconds: float, prev: tuple[int, float] | None) -> dict:
    """``size_ratio`` and ``time_ratio`` to the previous size (time_ratio ~ size_ratio when
    the work is linear)."""
    if prev is None:
        return {"size_ratio": None, "time_ratio": None}
    return {"size_ratio": round(chars / prev[0], 2), "time_ratio": round(seconds / prev[1], 2)}


if __name__ == "__main__":
    from analysis.corpus import load_articles

    pd.set_option("display.width", 200)
    print(pd.DataFrame(run(load_articles(config.DEFAULT_CORPUS))).to_string(index=False))
    print(pd.DataFrame(run_long()).to_string(index=False))
