"""What separates two groups' language: the most frequent words (``top_terms``) and the
1-3 word phrases typical of one group against another (``keyness``: log-odds ratio with an
informative Dirichlet prior, Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Iterable

import numpy as np
import pandas as pd

from ..schema import GROUP_SEPARATOR, InsufficientDataError, check_columns, group_keys, group_label
from ..text import sentence_spans, stopwords, tokenize


def top_terms(articles: pd.DataFrame, *, n: int = 20, min_length: int = 3) -> pd.DataFrame:
    """The ``n`` most frequent words of the corpus, stop words and words shorter than
    ``min_length`` left out. ``articles`` needs ``text``. Columns: ``term``, ``count``
    (occurrences), ``n_articles`` (articles containing it), ``per_1000_words``."""
    check_columns(articles, ("text",), what="top_terms")
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
    rows = [(t, c, doc_freq[t], 1000 * c / max(total, 1)) for t, c in counts.most_common(n)]
    return pd.DataFrame(rows, columns=["term", "count", "n_articles", "per_1000_words"])


def count_ngrams(texts: Iterable[str], *, ngram_range: tuple[int, int] = (1, 3)) -> Counter[str]:
    """Counts of the 1..n-word phrases of ``texts``, lower-cased, within sentences. A phrase
    may not start or end with a stop word, and single stop words are not counted."""
    stop = stopwords()
    lo, hi = ngram_range
    counts: Counter[str] = Counter()
    for text in texts:
        for s, e in sentence_spans(text):
            words = tokenize(text[s:e])
            for n in range(lo, hi + 1):
                for i in range(len(words) - n + 1):
                    gram = words[i:i + n]
                    if gram[0] in stop or gram[-1] in stop:
                        continue
                    counts[" ".join(gram)] += 1
    return counts


#: Separator of the values in the label of a group of several columns (``keyness``).


def two_groups(articles: pd.DataFrame, *, by: str | Sequence[str] = "outlet", a=None, b=None
               ) -> tuple[pd.Series, str, str]:
    """Boolean masks for group ``a`` (True) and ``b`` (False; NA = in neither) and their labels.
    Defaults: the two largest groups of ``by``; ``b="rest"`` compares ``a`` with all others.

    ``by``: a column of ``articles``, or a sequence of columns whose combined values form the
    groups (labels joined by ``GROUP_SEPARATOR``; ``a``/``b`` may be tuples of values). A row
    with a missing group value is in neither group. ``InsufficientDataError`` when the corpus
    has fewer than two groups or a named group has no articles."""
    keys = group_keys(by)
    if not keys:
        raise ValueError("two_groups compares two groups: by= must name a column")
    check_columns(articles, keys, what="two_groups")
    values = group_label(articles, keys, unknown=None, sep=GROUP_SEPARATOR)
    a, b = (_group_name(v) for v in (a, b))
    if a is None or b is None:
        largest = values.value_counts().index.tolist()
        if a is None:
            a = largest[0] if largest else None
        if b is None:
            others = [v for v in largest if v != a]
            b = others[0] if others else None
    shown = by if isinstance(by, str) else keys
    if a is None or b is None or a == b:
        raise InsufficientDataError(f"keyness needs two groups of {shown!r}; found {values.nunique()} "
                                    f"({values.dropna().unique().tolist()[:5]})")
    in_a = values == str(a)
    in_b = ~in_a if b == "rest" else values == str(b)
    if not in_a.any() or not in_b.any():
        raise InsufficientDataError(f"group {a if not in_a.any() else b!r} has no articles in "
                                    f"{shown!r}")
    mask = pd.Series(pd.NA, index=articles.index, dtype="boolean")
    mask[in_a.fillna(False)] = True
    mask[in_b.fillna(False)] = False
    return mask, str(a), str(b)


def _group_name(value):
    """A group named by a tuple or list of values (one per ``by`` column) as its label."""
    if isinstance(value, (tuple, list)):
        return GROUP_SEPARATOR.join(map(str, value))
    return value


def keyness(articles: pd.DataFrame, *, by: str | Sequence[str] = "outlet", a=None, b=None,
            ngram_range: tuple[int, int] = (1, 3), min_count: int = 5,
            prior_scale: float | None = None) -> pd.DataFrame:
    """Words and phrases that separate group ``a`` from group ``b`` of column ``by``.

    The weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
    2008, "Fightin' Words", eq. 16-22): the prior for each phrase is its share in both groups
    together times ``prior_scale`` (default: the number of phrase tokens in both groups, so the
    prior counts as much as the data), which shrinks rare phrases towards zero.

    ``articles`` needs ``text`` and the ``by`` columns; ``by``, ``a``, ``b`` as in
    ``two_groups`` (``InsufficientDataError`` when the corpus has fewer than two groups).
    Returns one row per phrase counted at least ``min_count`` times in both groups together,
    sorted by ``z`` (most typical of ``a`` first): ``term``, ``n_words`` (1-3), ``count_a``,
    ``count_b``, ``per_1000_a``, ``per_1000_b`` (per 1,000 phrase tokens), ``log_odds``
    (delta), ``se``, ``z`` (positive: typical of ``a``), ``group`` (the group it is typical
    of, by the sign of z). ``attrs`` carry ``a``, ``b`` and the article counts.
    """
    check_columns(articles, ("text",), what="keyness")
    mask, label_a, label_b = two_groups(articles, by=by, a=a, b=b)
    counts_a = count_ngrams(articles.loc[mask.fillna(False).astype(bool), "text"],
                            ngram_range=ngram_range)
    counts_b = count_ngrams(articles.loc[(~mask).fillna(False).astype(bool), "text"],
                            ngram_range=ngram_range)
    vocab = [t for t in set(counts_a) | set(counts_b) if counts_a[t] + counts_b[t] >= min_count]
    table = pd.DataFrame({"term": vocab})
    table["count_a"] = np.array([counts_a[t] for t in vocab], dtype=float)
    table["count_b"] = np.array([counts_b[t] for t in vocab], dtype=float)
    n_a, n_b = float(sum(counts_a.values())), float(sum(counts_b.values()))
    alpha0 = prior_scale if prior_scale is not None else n_a + n_b
    total = table["count_a"] + table["count_b"]
    alpha = alpha0 * total / max(n_a + n_b, 1.0)   # background share over all phrase tokens
    ya, yb = table["count_a"], table["count_b"]
    delta = (np.log((ya + alpha) / (n_a + alpha0 - ya - alpha))
             - np.log((yb + alpha) / (n_b + alpha0 - yb - alpha)))
    se = np.sqrt(1.0 / (ya + alpha) + 1.0 / (yb + alpha))
    table["n_words"] = table["term"].str.count(" ") + 1
    table["per_1000_a"] = 1000 * ya / max(n_a, 1.0)
    table["per_1000_b"] = 1000 * yb / max(n_b, 1.0)
    table["log_odds"] = delta
    table["se"] = se
    table["z"] = delta / se
    table["group"] = np.where(table["z"] >= 0, label_a, label_b)
    table[["count_a", "count_b"]] = table[["count_a", "count_b"]].astype(int)
    cols = ["term", "n_words", "count_a", "count_b", "per_1000_a", "per_1000_b", "log_odds",
            "se", "z", "group"]
    out = table[cols].sort_values(["z", "term"], ascending=[False, True]).reset_index(drop=True)
    out.attrs.update({"a": label_a, "b": label_b, "by": by,
                      "n_articles_a": int(mask.fillna(False).sum()),
                      "n_articles_b": int((~mask).fillna(False).sum())})
    return out


def keyness_evidence(articles: pd.DataFrame, keyness_table: pd.DataFrame, *, n_terms: int = 2,
                     per_term: int = 3, window: int = 10, min_z: float = 1.96) -> pd.DataFrame:
    """Keyword-in-context lines behind a keyness chart: for each of the two groups, its
    ``n_terms`` most typical phrases (``|z| > min_z``), each in up to ``per_term`` passages of
    the group's own articles. ``keyness_table`` is ``keyness``'s output (its ``attrs`` name
    the groups and the ``by`` columns); ``articles`` needs ``article_id``, ``outlet``, ``date``,
    ``text`` and the ``by`` columns. Columns: ``group``, ``term``, ``z``, ``article_id``,
    ``left``, ``match``, ``right``."""
    from .salience import kwic

    cols = ["group", "term", "z", "article_id", "left", "match", "right"]
    check_columns(keyness_table, ("term", "z", "group"), what="keyness_evidence")
    by = keyness_table.attrs.get("by", "outlet")
    labels = group_label(articles, [by] if isinstance(by, str) else list(by))
    rows = []
    for group, part in keyness_table[keyness_table["z"].abs() > min_z].groupby("group", sort=False):
        top = part.reindex(part["z"].abs().sort_values(ascending=False).index).head(n_terms)
        own = articles[(labels == group).to_numpy()]
        for term, z in zip(top["term"], top["z"]):
            lines = kwic(own, term, window=window).head(per_term)
            rows.extend((group, term, round(float(z), 2), r.article_id, r.left, r.match, r.right)
                        for r in lines.itertuples(index=False))
    return pd.DataFrame(rows, columns=cols)
