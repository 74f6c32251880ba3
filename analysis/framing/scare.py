"""Scare quotes: mentions of a term the writer distances themselves from, inside quote marks
or after "so-called" (``scare_quotes``), and their share per group (``scare_quote_summary``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from ..schema import check_columns, fill_unknown_groups, group_keys, with_groups
from ..text import compile_terms, find_terms


_QUOTE_OPEN = "\"“‘'«„"
_QUOTE_CLOSE = "\"”’'»“"
_SO_CALLED_RE = re.compile(r"(?i:so[-\s]called|self[-\s]styled|self[-\s]proclaimed|alleged|"
                           r"supposed|purported)\s+[\"“‘'«]?\s*$")


def scare_quotes(articles: pd.DataFrame, terms: str | list[str]) -> pd.DataFrame:
    """Mentions of ``terms`` that the writer distances themselves from: the term alone inside
    quote marks (“color revolutions”), or after "so-called", "self-styled", "alleged"...

    One row per mention: ``article_id``, ``outlet``, ``term``, ``match``, ``start``, ``end``,
    ``marker`` (``quote_marks``, ``so_called`` or NA for a plain mention), ``context`` (40
    characters either side). A quoted span longer than the term plus two words is a quotation,
    not a scare quote. ``articles`` needs ``article_id``, ``outlet``, ``text``."""

    check_columns(articles, ("article_id", "outlet", "text"), what="scare_quotes")
    compiled = compile_terms(terms)
    rows = []
    for rec in articles[["article_id", "outlet", "text"]].itertuples(index=False):
        text = rec.text or ""
        for name, match, s, e in find_terms(text, compiled):
            rows.append((rec.article_id, rec.outlet, name, match, s, e, _distancing(text, s, e),
                         text[max(0, s - 40):e + 40].replace("\n", " ")))
    table = pd.DataFrame(rows, columns=["article_id", "outlet", "term", "match", "start", "end",
                                        "marker", "context"])
    table["marker"] = table["marker"].astype("string")
    return table


def _distancing(text: str, s: int, e: int) -> str | None:
    before = text[max(0, s - 40):s]
    if _SO_CALLED_RE.search(before):
        return "so_called"
    # the nearest quote marks around the mention, at most two extra words inside them
    left = text[max(0, s - 25):s]
    right = text[e:e + 25]
    lo = max((left.rfind(c) for c in _QUOTE_OPEN), default=-1)
    hi = min((i for i in (right.find(c) for c in _QUOTE_CLOSE) if i >= 0), default=-1)
    if lo >= 0 and hi >= 0:
        inside = left[lo + 1:] + text[s:e] + right[:hi]
        extra = len(left[lo + 1:].split()) + len(right[:hi].split())
        if extra <= 2 and "\n" not in inside and not re.search(r"[.!?;:]", left[lo + 1:] + right[:hi]):
            return "quote_marks"
    return None


def scare_quote_summary(table: pd.DataFrame, *, articles: pd.DataFrame | None = None,
                        by: str | Sequence[str] | None = "outlet") -> pd.DataFrame:
    """Per group and term of a ``scare_quotes`` table (``term``, ``match``, ``marker`` and the
    ``by`` columns, else taken from ``articles`` by ``article_id``): the ``by`` columns (a missing value labelled ``UNKNOWN_GROUP``), ``term``,
    ``n_mentions``, ``n_quote_marks``, ``n_so_called``, ``share_distanced`` (mentions with
    either marker / all mentions)."""
    keys = group_keys(by)
    table = with_groups(table, keys, articles=articles, what="scare_quote_summary")
    check_columns(table, ("term", "match", "marker", *keys), what="scare_quote_summary")
    t = fill_unknown_groups(table, keys)
    out = t.groupby([*keys, "term"]).agg(
        n_mentions=("match", "size"),
        n_quote_marks=("marker", lambda m: int((m == "quote_marks").sum())),
        n_so_called=("marker", lambda m: int((m == "so_called").sum()))).reset_index()
    out["share_distanced"] = (out["n_quote_marks"] + out["n_so_called"]) / out["n_mentions"]
    return out
