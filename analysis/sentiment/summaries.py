"""Aggregation of the mentions table: counts and mean polarity per group with bootstrap intervals
(``summarize_mentions``, ``mentions_by_*``) and keyword-in-context evidence (``mention_evidence``).

Every helper takes the mentions table first; everything else is keyword-only (``by=``: a column,
a sequence of columns or None, see ``schema.group_keys``; ``articles=``: the articles table)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._compat import legacy_call
from ..schema import LABELS, check_columns, group_keys, with_groups


@legacy_call("mentions", "by")
def summarize_mentions(mentions: pd.DataFrame, *, articles: pd.DataFrame | None = None,
                       by: str | Sequence[str] | None = None, n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> pd.DataFrame:
    """Counts and mean polarity of ``mentions`` (``article_id``, ``polarity``, ``label`` and the
    ``by`` columns) per group of ``by`` (columns of ``mentions``, else taken from ``articles`` by
    ``article_id``; None: all mentions as one group; a missing group value stays NA, its own
    group).

    Columns: the ``by`` columns, ``n_mentions``, ``n_articles``, ``mean_polarity``, ``ci_low``,
    ``ci_high``, ``share_negative``, ``share_neutral``, ``share_positive``.

    The interval is a percentile bootstrap of the mean polarity (``n_boot`` resamples,
    ``numpy.random.default_rng(seed)``, so the same input gives the same interval) that resamples
    whole articles within each group: mentions in one article are not independent. A group with a
    single article gets the interval of its mentions resampled one by one."""
    keys = group_keys(by)
    mentions = with_groups(mentions, keys, articles=articles, what="summarize_mentions")
    check_columns(mentions, ["article_id", "polarity", "label", *keys], what="summarize_mentions")
    cols = [*keys, "n_mentions", "n_articles", "mean_polarity", "ci_low", "ci_high",
            *(f"share_{lab}" for lab in LABELS)]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    rng = np.random.default_rng(seed)
    rows = []
    groups = mentions.groupby(keys, dropna=False, sort=True) if keys else [((), mentions)]
    for key, g in groups:
        key = key if isinstance(key, tuple) else (key,)
        low, high = bootstrap_mean_ci(g, n_boot=n_boot, rng=rng, ci=ci)
        shares = g["label"].value_counts(normalize=True)
        rows.append({**dict(zip(keys, key)), "n_mentions": len(g), "n_articles": g["article_id"].nunique(),
                     "mean_polarity": float(g["polarity"].mean()), "ci_low": low, "ci_high": high,
                     **{f"share_{lab}": float(shares.get(lab, 0.0)) for lab in LABELS}})
    return pd.DataFrame(rows, columns=cols)


def bootstrap_mean_ci(mentions: pd.DataFrame, *, n_boot: int = 1000, rng: np.random.Generator | None = None,
                      ci: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean ``polarity`` of ``mentions``, resampling articles
    (clusters) with replacement; mentions one by one when there is a single article."""
    check_columns(mentions, ("article_id", "polarity"), what="bootstrap_mean_ci")
    rng = rng if rng is not None else np.random.default_rng(0)
    per_article = mentions.groupby("article_id", sort=False)["polarity"].agg(["sum", "count"])
    if len(per_article) > 1:
        sums, counts = per_article["sum"].to_numpy(), per_article["count"].to_numpy()
    else:
        sums = mentions["polarity"].to_numpy(dtype=float)
        counts = np.ones_like(sums)
    if len(sums) == 1:
        value = float(sums[0] / counts[0])
        return value, value
    idx = rng.integers(0, len(sums), size=(n_boot, len(sums)))
    means = sums[idx].sum(axis=1) / counts[idx].sum(axis=1)
    alpha = (1 - ci) / 2
    return float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha))


def mentions_by_article(mentions: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """``summarize_mentions`` per ``article_id`` and ``term`` (``kwargs``: its options)."""
    return summarize_mentions(mentions, by=["article_id", "term"], **kwargs)


def mentions_by_outlet(mentions: pd.DataFrame, *, voice: bool = False, **kwargs) -> pd.DataFrame:
    """``summarize_mentions`` per ``outlet`` and ``term`` (and ``voice`` when ``voice=True``).
    Needs the ``outlet`` column that ``term_sentiment`` carries from the articles."""
    return summarize_mentions(mentions, by=["outlet", "term", *(["voice"] if voice else [])], **kwargs)


def mentions_by_month(mentions: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """``summarize_mentions`` per ``month`` (a ``YYYY-MM`` string from ``date``; mentions without a
    date are left out), ``outlet`` and ``term``."""
    check_columns(mentions, ("date", "outlet"), what="mentions_by_month")
    parsed = pd.to_datetime(mentions["date"], errors="coerce")
    dated = mentions[parsed.notna()].assign(month=parsed[parsed.notna()].dt.strftime("%Y-%m"))
    return summarize_mentions(dated, by=["month", "outlet", "term"], **kwargs)


def mentions_by_speaker(mentions: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """``summarize_mentions`` per ``speaker`` and ``term`` over attributed mentions (``voice``;
    speaker unknown: NA), most mentions first."""
    check_columns(mentions, ("voice", "speaker", "term"), what="mentions_by_speaker")
    attributed = mentions[mentions["voice"] == "attributed"]
    out = summarize_mentions(attributed, by=["speaker", "term"], **kwargs)
    return out.sort_values(["n_mentions", "speaker"], ascending=[False, True]).reset_index(drop=True)


@legacy_call("mentions", "articles")
def mention_evidence(mentions: pd.DataFrame, *, articles: pd.DataFrame, n: int = 10,
                     order: str = "negative", width: int = 80) -> pd.DataFrame:
    """Keyword-in-context rows of the ``n`` most negative (``order="negative"``) or most positive
    (``order="positive"``) mentions of the mentions table (the columns below up to ``label``)
    in the articles table ``articles`` (``article_id``, ``text``): ``article_id``, ``outlet``, ``date`` (when present), ``term``,
    ``voice``, ``speaker``, ``polarity``, ``label``, ``left`` (``width`` characters before the
    match, line breaks as spaces), ``match``, ``right``. Plain text: display it as a DataFrame,
    which HTML-escapes it."""
    if order not in ("negative", "positive"):
        raise ValueError(f"order must be 'negative' or 'positive', not {order!r}")
    check_columns(mentions, ("article_id", "term", "start", "end", "voice", "speaker", "polarity", "label"),
                  what="mention_evidence")
    check_columns(articles, ("article_id", "text"), what="mention_evidence articles")
    extra = [c for c in ("outlet", "date") if c in mentions.columns]
    cols = ["article_id", *extra, "term", "voice", "speaker", "polarity", "label", "left", "match", "right"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    top = mentions.sort_values("polarity", ascending=(order == "negative"), kind="stable").head(n).copy()
    texts = dict(zip(articles["article_id"].astype(str), articles["text"]))
    top["article_id"] = top["article_id"].astype(str)    # the keys of ``texts``
    flat = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    top["left"] = [flat(texts[a][max(0, s - width):s]) for a, s in zip(top["article_id"], top["start"])]
    top["right"] = [flat(texts[a][e:e + width]) for a, e in zip(top["article_id"], top["end"])]
    top["match"] = [texts[a][s:e] for a, s, e in zip(top["article_id"], top["start"], top["end"])]
    top["polarity"] = top["polarity"].round(3)
    return top[cols].reset_index(drop=True)
