"""The rows behind a chart, as a short table under it: each row with the title, outlet, date
and link (the URL, when the corpus has one) of its article, and a link to the full CSV."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING
from pathlib import Path
from urllib.parse import quote

import pandas as pd

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"

#: Article columns shown with every evidence row (joined by ``article_id``).
ARTICLE_COLUMNS = ("title", "outlet", "date", "url")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment of the pages: autoescaping on for every template, so a title, a
    speaker or a quote from a corpus is shown as text, never as markup."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def safe_url(url: object) -> str | None:
    """``url`` when it is an http(s) address (shown as a link), else None: a ``javascript:`` or
    ``file:`` value from a corpus never becomes a link."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) else None


def _date_text(value: object) -> str:
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return ""
    try:
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    except (ValueError, TypeError):
        return str(value)


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:.3g}"
    return str(value)


def evidence_rows(rows: pd.DataFrame, *, articles: pd.DataFrame, columns: list[str],
                  n: int = 5) -> list[dict]:
    """The first ``n`` rows of ``rows`` (which has ``article_id`` and ``columns``) as dicts for
    the template: ``cells`` (the values of ``columns`` as text), ``title``, ``url`` (None unless
    http(s)) and ``meta`` ("outlet · date"), joined from ``articles`` by ``article_id``."""
    missing = [c for c in ("article_id", *columns) if c not in rows.columns]
    if missing:
        raise KeyError(f"evidence rows lack column(s) {missing}; they have {list(rows.columns)}")
    shown = rows.head(n)
    have = [c for c in ARTICLE_COLUMNS if c in articles.columns]
    ids = articles["article_id"].astype(str)
    wanted = ids.isin(set(shown["article_id"].astype(str)))     # only the articles shown
    info: dict[str, dict] = {}
    for aid, rec in zip(ids[wanted], articles.loc[wanted, have].to_dict("records")):
        info.setdefault(aid, rec)
    out = []
    for rec in shown.to_dict("records"):
        art = info.get(str(rec["article_id"]), {})
        title = art.get("title")
        out.append({"cells": [_cell(rec[c]) for c in columns],
                    "title": title if isinstance(title, str) and title.strip() else str(rec["article_id"]),
                    "url": safe_url(art.get("url")),
                    "meta": " · ".join(x for x in (_cell(art.get("outlet")), _date_text(art.get("date"))) if x)})
    return out


def column_widths(rows: list[dict], n_columns: int) -> list[int]:
    """Column widths in percent for ``rows`` of ``evidence_rows`` and the article column after
    them: shared by the mean length of their text (at least 8 % each), so a quote gets more room
    than a number."""
    def mean_length(texts: list[str]) -> float:
        return max(4.0, sum(map(len, texts)) / max(len(texts), 1)) ** 0.75

    lengths = [mean_length([r["cells"][i] for r in rows]) for i in range(n_columns)]
    lengths.append(mean_length([r["title"] + r["meta"] for r in rows]))
    widths = [max(8, round(100 * x / sum(lengths))) for x in lengths[:-1]]
    return [*widths, max(12, 100 - sum(widths))]


def evidence_html(rows: pd.DataFrame, *, articles: pd.DataFrame, columns: list[str],
                  caption: str, csv: str | Path | None = None, n: int = 5) -> str:
    """HTML of the evidence table: ``caption``, the first ``n`` of ``rows`` (their ``columns``
    and their article's title, outlet, date and link) and a link to ``csv``, the full table
    (linked relative to the report page, which sits beside the notebook's CSV folder:
    ``<folder>/<file>.csv``). Every value is escaped by the template."""
    csv_href = quote(f"{Path(csv).parent.name}/{Path(csv).name}") if csv else None
    shown = evidence_rows(rows, articles=articles, columns=columns, n=n)
    return environment().get_template("evidence.html.j2").render(
        caption=caption, columns=list(columns), rows=shown, widths=column_widths(shown, len(columns)),
        shown=min(n, len(rows)), total=len(rows), csv_href=csv_href, csv_name=Path(csv).name if csv else None)
