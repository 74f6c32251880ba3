"""Speed of term matching and target sentiment (``make bench`` stage module).

``run(articles)`` finds the mentions of a broad set of terms in ``articles`` (every lexicon entry
plus a few common news words, so that even a small corpus yields hundreds of mentions) and times,
best of three runs then one run under ``tracemalloc`` for peak Python memory:

- ``find_mentions``: one regular-expression pass per article for all terms, plus sentences;
- ``score_targets (accurate)`` and ``score_targets (fast)``: each target-sentiment engine on the
  mentions' sentences (the mentions are repeated up to at least ``MIN_TARGETS`` rows so the rate
  is measured on a stable amount of work);
- ``term_sentiment (accurate)`` / ``(fast)``: the whole mentions table, quote extraction (voice)
  included.

Rows: ``stage``, ``n_mentions``, ``seconds``, ``mentions_per_s``, ``peak_mb`` (Python allocations,
``tracemalloc``), ``rss_mb`` (peak resident memory of the process during the timed runs: the
ONNX runtime's memory is not a Python allocation) and ``n_articles``.
"""

from __future__ import annotations

import pandas as pd

from analysis.sentiment import ENGINES, find_mentions, load_engine, score_targets, term_sentiment
from analysis.text import load_terms
from benchmarks.timing import PeakRSS, measure

#: common news words added to the lexicon terms to get enough mentions on a small corpus
EXTRA_TERMS = ("president", "government", "police", "minister", "election", "war")
MIN_TARGETS = 2000


def bench_terms() -> list[str]:
    """The terms the benchmark follows: every lexicon entry and ``EXTRA_TERMS``."""
    return [*load_terms(), *EXTRA_TERMS]


def _row(stage: str, n_mentions: int, n_articles: int, seconds: float, peak: float,
         rss: float | None = None) -> dict:
    return {"stage": stage, "n_mentions": n_mentions, "n_articles": n_articles, "seconds": round(seconds, 4),
            "mentions_per_s": round(n_mentions / seconds, 1) if seconds > 0 else None,
            "peak_mb": round(peak, 1), "rss_mb": None if rss is None else round(rss, 1)}


def targets_table(mentions: pd.DataFrame, *, min_rows: int = MIN_TARGETS) -> pd.DataFrame:
    """The ``score_targets`` input of ``mentions`` (sentence and offsets in it), repeated to at
    least ``min_rows`` rows when there are fewer (and at least one mention)."""
    targets = pd.DataFrame({"text": mentions["sentence"],
                            "start": mentions["start"] - mentions["sentence_start"],
                            "end": mentions["end"] - mentions["sentence_start"]})
    if 0 < len(targets) < min_rows:
        targets = pd.concat([targets] * -(-min_rows // len(targets)), ignore_index=True)
    return targets


def run(articles: pd.DataFrame) -> list[dict]:
    """Timing rows for ``find_mentions``, ``score_targets`` and ``term_sentiment`` on ``articles``."""
    terms = bench_terms()
    n_articles = len(articles)
    seconds, peak, mentions = measure(lambda: find_mentions(articles, terms))
    rows = [_row("find_mentions", len(mentions), n_articles, seconds, peak)]
    targets = targets_table(mentions)
    for engine in ENGINES:
        load_engine(engine)  # loading the model once per process is not part of the rate
        with PeakRSS() as rss:
            # the mentions are terms: scored as concepts, as term_sentiment scores them
            seconds, peak, _ = measure(lambda: score_targets(targets, engine=engine, target_kind="concept"))
        rows.append(_row(f"score_targets ({engine})", len(targets), n_articles, seconds, peak, rss.peak))
        seconds, peak, table = measure(lambda: term_sentiment(articles, terms, engine=engine), repeat=1)
        rows.append(_row(f"term_sentiment ({engine})", len(table), n_articles, seconds, peak))
    return rows


if __name__ == "__main__":
    from analysis import config
    from analysis.corpus import load_articles

    print(pd.DataFrame(run(load_articles(config.DEFAULT_CORPUS))).to_string(index=False))
