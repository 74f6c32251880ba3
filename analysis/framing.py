"""Framing measures: word frequencies, keyness between groups, keyword in context, frames."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from .text import stopwords, tokenize


def top_terms(articles: pd.DataFrame, *, n: int = 20, min_length: int = 3) -> pd.DataFrame:
    """The ``n`` most frequent words of the corpus, stop words and words shorter than
    ``min_length`` left out. Columns: ``term``, ``count`` (occurrences), ``n_articles``
    (articles containing it), ``per_1000_words``."""
    stop = stopwords()
    counts: Counter[str] = Counter()
    doc_freq: Counter[str] = Counter()
    total = 0
    for text in articles["text"]:
        words = tokenize(text)
        total += len(words)
        kept = [w for w in words if len(w) >= min_length and w not in stop]
        counts.update(kept)
        doc_freq.update(set(kept))
    rows = [(t, c, doc_freq[t], 1000 * c / total) for t, c in counts.most_common(n)]
    return pd.DataFrame(rows, columns=["term", "count", "n_articles", "per_1000_words"])
