"""Describing a loaded corpus (the corpus-overview report).

Each function takes the articles table (the columns its docstring names) and groups by
``outlet`` by definition (the corpus overview's unit); an article without an outlet is counted
under ``schema.UNKNOWN_GROUP``. For other groupings use the grouped summaries of ``framing``,
``quotes`` and ``sentiment`` (``by=``)."""

from __future__ import annotations

import pandas as pd

from ..schema import UNKNOWN_GROUP, check_columns, fill_unknown

#: The label of an article without an outlet: ``schema.UNKNOWN_GROUP`` (this name is kept for
#: compatibility).
UNKNOWN_OUTLET = UNKNOWN_GROUP


def count_by_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet (``articles``: ``outlet``), largest first: columns ``outlet``,
    ``n_articles``, ``share``. Articles without an outlet are counted as ``UNKNOWN_GROUP``."""
    check_columns(articles, ("outlet",), what="count_by_outlet")
    outlets = fill_unknown(articles["outlet"])
    counts = outlets.value_counts().rename_axis("outlet").reset_index(name="n_articles")
    counts["outlet"] = counts["outlet"].astype(str)
    counts["share"] = counts["n_articles"] / max(len(articles), 1)
    return counts


def count_by_month(articles: pd.DataFrame) -> pd.DataFrame:
    """Dated articles per month and outlet (``articles``: ``date`` as datetimes, ``outlet``):
    columns ``month`` ("YYYY-MM"), ``outlet``, ``n_articles``. Articles without a date are left
    out (``summarize_load`` counts them)."""
    check_columns(articles, ("date", "outlet"), what="count_by_month")
    dated = articles[articles["date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=["month", "outlet", "n_articles"])
    month = dated["date"].dt.to_period("M").astype(str)
    outlet = fill_unknown(dated["outlet"]).astype(str)
    counts = (pd.DataFrame({"month": month, "outlet": outlet})
              .value_counts().rename("n_articles").reset_index())
    return counts.sort_values(["month", "outlet"]).reset_index(drop=True)


def article_lengths(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article (``articles``: ``article_id``, ``outlet``, ``text``): ``article_id``,
    ``outlet``, ``n_words``, ``n_paragraphs``."""
    from ..text import count_words

    check_columns(articles, ("article_id", "outlet", "text"), what="article_lengths")
    return pd.DataFrame({
        "article_id": articles["article_id"],
        "outlet": fill_unknown(articles["outlet"]),
        "n_words": [count_words(t) for t in articles["text"]],
        "n_paragraphs": [len([p for p in t.split("\n\n") if p.strip()]) for t in articles["text"]],
    })


def duplicates_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles flagged as exact duplicates (``is_duplicate``): ``article_id``, ``duplicate_of``,
    ``outlet``, ``date``, ``title``, ``source``."""
    cols = ["article_id", "duplicate_of", "outlet", "date", "title", "source"]
    check_columns(articles, [*cols, "is_duplicate"], what="duplicates_table")
    return articles.loc[articles["is_duplicate"], cols].reset_index(drop=True)


def list_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article, the largest outlet first and the newest first within it (the
    evidence behind the articles-per-outlet chart): ``article_id``, ``outlet``, ``date``,
    ``title``, ``url`` (empty when the corpus has none), ``n_words``."""
    check_columns(articles, ("article_id", "outlet", "date", "title", "text"), what="list_articles")
    lengths = article_lengths(articles)
    size = lengths["outlet"].map(lengths["outlet"].value_counts())
    table = pd.DataFrame({
        "article_id": articles["article_id"].to_numpy(), "outlet": lengths["outlet"].to_numpy(),
        "date": articles["date"].to_numpy(), "title": articles["title"].to_numpy(),
        "url": (articles["url"] if "url" in articles else pd.Series([None] * len(articles))).to_numpy(),
        "n_words": lengths["n_words"].to_numpy(), "_size": size.to_numpy()})
    table = table.sort_values(["_size", "outlet", "date"], ascending=[False, True, False],
                              na_position="last", kind="stable")
    return table.drop(columns="_size").reset_index(drop=True)
