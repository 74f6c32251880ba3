"""Reporting verbs: how each group introduces the statements it reports (``cue_verb_profile``)
and the cues it uses most (``top_cues``)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .._compat import legacy_call
from ..quotes import cue_tone
from ..schema import check_columns, fill_unknown_groups, group_keys, with_groups
from .groups import group_total


@legacy_call("quotes", "articles")
def cue_verb_profile(quotes: pd.DataFrame, *, articles: pd.DataFrame | None = None,
                     by: str | Sequence[str] | None = "outlet") -> pd.DataFrame:
    """How each group introduces the statements it reports: the tone of the cue (``neutral``
    "said", ``loaded`` "claimed"/"admitted"/"insisted", ``belief`` "thinks", ``action``
    "criticized", ``other`` punctuation-only cues), from ``resources/cue_verbs.tsv``.

    ``quotes``: the quotes table (``article_id``, ``cue``); each ``by`` column is a column of
    ``quotes``, else of ``articles`` (merged on ``article_id``). Returns the ``by`` columns (a
    missing value labelled ``UNKNOWN_GROUP``), ``tone``, ``n_quotes``, ``share`` (of the
    group's quotes, sums to 1 per group)."""
    keys = group_keys(by)
    q = _quotes_with_groups(quotes, keys, articles=articles, what="cue_verb_profile")
    q["tone"] = [cue_tone(c) for c in q["cue"].fillna("")]
    counts = q.groupby([*keys, "tone"]).size().rename("n_quotes").reset_index()
    counts["share"] = counts["n_quotes"] / group_total(counts, keys, "n_quotes")
    return counts


@legacy_call("quotes", "articles")
def top_cues(quotes: pd.DataFrame, *, articles: pd.DataFrame | None = None,
             by: str | Sequence[str] | None = "outlet", n: int = 10) -> pd.DataFrame:
    """The ``n`` most used cues per group (``quotes``, ``articles``, ``by`` as in
    ``cue_verb_profile``): the ``by`` columns, ``cue`` (lower case), ``tone``, ``n_quotes``,
    ``share``."""
    keys = group_keys(by)
    q = _quotes_with_groups(quotes, keys, articles=articles, what="top_cues")
    q = q.dropna(subset=["article_id", "cue"]).copy()
    q["cue"] = q["cue"].str.lower()
    counts = q.groupby([*keys, "cue"]).size().rename("n_quotes").reset_index()
    counts["share"] = counts["n_quotes"] / group_total(counts, keys, "n_quotes")
    counts["tone"] = [cue_tone(c) for c in counts["cue"]]
    counts = counts.sort_values([*keys, "n_quotes", "cue"], ascending=[*([True] * len(keys)), False, True])
    top = counts.groupby(keys).head(n) if keys else counts.head(n)
    return top.reset_index(drop=True)[[*keys, "cue", "tone", "n_quotes", "share"]]


def _quotes_with_groups(quotes: pd.DataFrame, keys: list[str], *, articles: pd.DataFrame | None,
                        what: str) -> pd.DataFrame:
    """``article_id``, ``cue`` and the group columns of ``quotes`` (taken from ``articles``
    where ``quotes`` lacks them), a missing group value labelled ``UNKNOWN_GROUP``."""
    check_columns(quotes, ("article_id", "cue"), what=what)
    q = with_groups(quotes, keys, articles=articles, what=what)
    return fill_unknown_groups(q[list(dict.fromkeys(["article_id", "cue", *keys]))], keys)
