"""Speed of quote extraction and quote share (``make bench`` stage module).

``run(articles)`` times ``quotes.extract_quotes`` and ``quotes.quote_share`` on the given
articles table (best of three runs, then one run under ``tracemalloc`` for peak Python memory)
and returns one row per stage: ``stage``, ``n_articles``, ``seconds``, ``articles_per_s``,
``peak_mb``.
"""

from __future__ import annotations

import pandas as pd

from analysis.quotes import extract_quotes, quote_share
from benchmarks.timing import measure


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


if __name__ == "__main__":
    from analysis import config
    from analysis.corpus import load_articles

    print(pd.DataFrame(run(load_articles(config.DEFAULT_CORPUS))).to_string(index=False))
