"""Describing a loaded corpus (the corpus-overview report)."""

from __future__ import annotations

import pandas as pd

UNKNOWN_OUTLET = "(outlet unknown)"


def count_by_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet, largest first: columns ``outlet``, ``n_articles``, ``share``.
    Articles without an outlet are counted as "(outlet unknown)"."""
    outlets = articles["outlet"].astype("string").fillna(UNKNOWN_OUTLET)
    counts = outlets.value_counts().rename_axis("outlet").reset_index(name="n_articles")
    counts["outlet"] = counts["outlet"].astype(str)
    counts["share"] = counts["n_articles"] / max(len(articles), 1)
    return counts


def count_by_month(articles: pd.DataFrame) -> pd.DataFrame:
    """Dated articles per month and outlet: columns ``month`` ("YYYY-MM"), ``outlet``,
    ``n_articles``. Articles without a date are left out (``count_undated`` counts them)."""
    dated = articles[articles["date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=["month", "outlet", "n_articles"])
    month = dated["date"].dt.to_period("M").astype(str)
    outlet = dated["outlet"].astype("string").fillna(UNKNOWN_OUTLET).astype(str)
    counts = (pd.DataFrame({"month": month, "outlet": outlet})
              .value_counts().rename("n_articles").reset_index())
    return counts.sort_values(["month", "outlet"]).reset_index(drop=True)


def article_lengths(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: ``article_id``, ``outlet``, ``n_words``, ``n_paragraphs``."""
    from ..text import count_words

    return pd.DataFrame({
        "article_id": articles["article_id"],
        "outlet": articles["outlet"].astype("string").fillna(UNKNOWN_OUTLET),
        "n_words": [count_words(t) for t in articles["text"]],
        "n_paragraphs": [len([p for p in t.split("\n\n") if p.strip()]) for t in articles["text"]],
    })


def duplicates_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles flagged as exact duplicates: ``article_id``, ``duplicate_of``, ``outlet``,
    ``date``, ``title``, ``source``."""
    cols = ["article_id", "duplicate_of", "outlet", "date", "title", "source"]
    return articles.loc[articles["is_duplicate"], cols].reset_index(drop=True)
