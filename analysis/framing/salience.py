"""How a term is presented: keyword in context (``kwic``) and where it appears in each
article (``term_salience``: title, lede, first paragraph) with its summary per group
(``salience_summary``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..schema import check_columns, fill_unknown_groups, group_keys, with_groups
from ..text import compile_terms, find_terms, sentence_spans


def kwic(articles: pd.DataFrame, term: str | list[str], *, window: int = 10) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` (a lexicon entry, phrase or list, see
    ``text.resolve_terms``) with ``window`` words either side.

    ``articles`` needs ``article_id``, ``outlet``, ``date``, ``text``. Columns: ``article_id``,
    ``outlet``, ``date``, ``term``, ``left``, ``match``, ``right``, ``start``, ``end`` (offsets
    into the article's text)."""

    check_columns(articles, ("article_id", "outlet", "date", "text"), what="kwic")
    compiled = compile_terms(term)
    rows = []
    for rec in articles[["article_id", "outlet", "date", "text"]].itertuples(index=False):
        for name, match, s, e in find_terms(rec.text, compiled):
            left = rec.text[max(0, s - 20 * window):s].split()[-window:] if window else []
            right = rec.text[e:e + 20 * window].split()[:window] if window else []
            rows.append((rec.article_id, rec.outlet, rec.date, name, " ".join(left), match,
                         " ".join(right), s, e))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "date", "term", "left", "match",
                                       "right", "start", "end"])


def term_salience(articles: pd.DataFrame, terms: str | list[str]) -> pd.DataFrame:
    """Where a term appears in each article (``articles``: ``article_id``, ``outlet``, ``title``,
    ``text``, optionally ``lede``): one row per article and term.

    Columns: ``article_id``, ``outlet``, ``term``, ``n_mentions`` (in the body), ``in_title``,
    ``in_lede`` (the ``lede`` column when the input has one, else the body's first sentence),
    ``in_first_paragraph``, ``first_position`` (offset of the first body mention / body length,
    0 = the very start; NA without mentions), ``mentioned`` (anywhere: title, lede or body)."""

    check_columns(articles, ("article_id", "outlet", "title", "text"), what="term_salience")
    compiled = compile_terms(terms)
    names = compiled[1]
    has_lede = "lede" in articles
    rows = []
    for rec in articles.itertuples(index=False):
        text = rec.text or ""
        title = rec.title if isinstance(rec.title, str) else ""
        lede = rec.lede if has_lede and isinstance(rec.lede, str) else ""
        if not lede:
            first = sentence_spans(text)[:1]
            lede = text[first[0][0]:first[0][1]] if first else ""
        para_end = text.find("\n\n")
        para_end = len(text) if para_end < 0 else para_end
        body = find_terms(text, compiled)
        in_title = {t for t, *_ in find_terms(title, compiled)}
        in_lede = {t for t, *_ in find_terms(lede, compiled)}
        for name in names:
            hits = [s for t, _, s, _ in body if t == name]
            rows.append((rec.article_id, rec.outlet, name, len(hits), name in in_title,
                         name in in_lede, any(s < para_end for s in hits),
                         hits[0] / len(text) if hits else np.nan,
                         bool(hits) or name in in_title or name in in_lede))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "term", "n_mentions", "in_title",
                                       "in_lede", "in_first_paragraph", "first_position",
                                       "mentioned"])


def salience_summary(salience: pd.DataFrame, *, articles: pd.DataFrame | None = None,
                     by: str | Sequence[str] | None = "outlet") -> pd.DataFrame:
    """Per group and term of a ``term_salience`` table (``article_id``, ``term``,
    ``mentioned``, ``n_mentions``, ``in_title``, ``in_lede``, ``in_first_paragraph`` and the
    ``by`` columns, else taken from ``articles`` by ``article_id``), among the articles that
    mention the term: the ``by`` columns (a missing
    value labelled ``UNKNOWN_GROUP``), ``term``, ``n_articles`` (that mention it),
    ``share_of_articles`` (of all the group's articles), ``in_title``, ``in_lede``,
    ``in_first_paragraph`` (shares), ``mentions_per_article``."""
    keys = group_keys(by)
    salience = with_groups(salience, keys, articles=articles, what="salience_summary")
    check_columns(salience, ("article_id", "term", "mentioned", "n_mentions", "in_title", "in_lede",
                             "in_first_paragraph", *keys), what="salience_summary")
    columns = [*keys, "term", "n_articles", "share_of_articles", "in_title", "in_lede",
               "in_first_paragraph", "mentions_per_article"]
    if salience.empty:
        return pd.DataFrame(columns=columns)
    s = fill_unknown_groups(salience, keys)
    total = s.groupby([*keys, "term"]).size().rename("n_total")
    m = s[s["mentioned"]]
    summary = m.groupby([*keys, "term"]).agg(
        n_articles=("article_id", "size"), in_title=("in_title", "mean"),
        in_lede=("in_lede", "mean"), in_first_paragraph=("in_first_paragraph", "mean"),
        mentions_per_article=("n_mentions", "mean"))
    summary = summary.join(total, how="right").fillna({"n_articles": 0}).reset_index()
    summary["share_of_articles"] = summary["n_articles"] / summary["n_total"]
    summary["n_articles"] = summary["n_articles"].astype(int)
    return summary[columns]
