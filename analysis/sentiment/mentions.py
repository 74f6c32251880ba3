"""Term mentions: every occurrence of the terms with its sentence (``find_mentions``), its voice
(``assign_voice``) and the mentions table with target sentiment (``term_sentiment``)."""

from __future__ import annotations

import bisect

import numpy as np
import pandas as pd

from ..schema import MENTION_COLUMNS, check_columns
from ..text import compile_terms, find_terms, sentence_spans
from .accurate import AccurateModel
from .model import DEFAULT_ENGINE, FastEngine, TargetSentimentModel, check_engine, score_targets


def find_mentions(articles: pd.DataFrame, terms: str | list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Every occurrence of ``terms`` (lexicon entries or plain phrases, see
    ``text.resolve_terms``) in ``articles``: ``article_id``, ``term``, ``match``, ``start``,
    ``end``, ``sentence``, ``sentence_start`` (offset of the sentence in the text). One regular
    expression pass per article for all terms."""
    check_columns(articles, ("article_id", "text"), what="term_sentiment")
    compiled = compile_terms(terms)
    rows = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str) or not text:
            continue
        hits = find_terms(text, compiled)
        if not hits:
            continue
        spans = sentence_spans(text)
        for term, match, start, end in hits:
            s0, s1 = _sentence_around(spans, start, end)
            rows.append({"article_id": str(aid), "term": term, "match": match, "start": start, "end": end,
                         "sentence": text[s0:s1], "sentence_start": s0})
    return pd.DataFrame(rows, columns=["article_id", "term", "match", "start", "end", "sentence",
                                       "sentence_start"])


def _sentence_around(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentences overlapping ``start:end`` (``spans``: in order, disjoint), from the first
    one's start to the last one's end (at least ``end``); ``(start, end)`` when none. Found by
    bisection: an article with many mentions is not scanned once per mention."""
    i = bisect.bisect_right(spans, start, key=lambda span: span[1])    # first ending after start
    j = bisect.bisect_left(spans, end, key=lambda span: span[0]) - 1    # last starting before end
    if i > j:
        return start, end
    return spans[i][0], max(end, spans[j][1])


def _rows_by_article(df: pd.DataFrame) -> dict[str, np.ndarray]:
    """Positions (0-based row numbers) of ``df``'s rows per ``article_id`` (as str)."""
    if df.empty:
        return {}
    return pd.Series(np.arange(len(df))).groupby(df["article_id"].astype(str).to_numpy()).indices


def assign_voice(mentions: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """``voice``, ``speaker``, ``quote_kind`` and ``quote_id`` for each mention: ``attributed``
    when the mention lies inside a statement of ``quotes`` (the innermost one when statements
    nest), with that statement's speaker and kind; else ``narration`` (speaker, kind NA)."""
    check_columns(quotes, ("article_id", "quote_id", "start", "end", "kind", "speaker"), what="assign_voice")
    n = len(mentions)
    hit = np.full(n, -1, dtype=np.int64)          # row of quotes holding each mention, -1: none
    q_start, q_end = quotes["start"].to_numpy(dtype=np.int64), quotes["end"].to_numpy(dtype=np.int64)
    q_rows = _rows_by_article(quotes)
    m_start, m_end = mentions["start"].to_numpy(dtype=np.int64), mentions["end"].to_numpy(dtype=np.int64)
    for aid, m_rows in _rows_by_article(mentions).items():
        rows = q_rows.get(aid)
        if rows is None:
            continue
        s0, e0 = q_start[rows], q_end[rows]
        inside = (s0[None, :] <= m_start[m_rows, None]) & (e0[None, :] >= m_end[m_rows, None])
        length = np.where(inside, (e0 - s0)[None, :], np.iinfo(np.int64).max)
        best = length.argmin(axis=1)
        hit[m_rows] = np.where(inside.any(axis=1), rows[best], -1)
    found = hit >= 0
    take = lambda col: [quotes[col].iat[h] if h >= 0 else pd.NA for h in hit]  # noqa: E731
    voice = np.where(found, "attributed", "narration").tolist()
    speaker, kind, qid = take("speaker"), take("kind"), take("quote_id")
    out = mentions.copy()
    out["voice"] = voice
    out["speaker"] = pd.array(speaker, dtype="string")
    out["quote_kind"] = pd.array(kind, dtype="string")
    out["quote_id"] = pd.array(qid, dtype="string")
    return out


def term_sentiment(articles: pd.DataFrame, terms: str | list[str] | tuple[str, ...], *,
                   quotes: pd.DataFrame | None = None, engine: str = DEFAULT_ENGINE,
                   model: TargetSentimentModel | FastEngine | AccurateModel | None = None) -> pd.DataFrame:
    """The mentions table: one row per occurrence of ``terms`` in ``articles`` (columns
    ``article_id``, ``text``; ``outlet`` and ``date`` are carried along when present).

    Columns: ``article_id``, ``term`` (the lexicon entry or the user's phrase), ``match`` (the
    surface form), ``start``, ``end`` (offsets into the article text), ``sentence``, ``voice``
    (``narration`` | ``attributed``), ``speaker`` and ``quote_kind`` (when attributed, from
    ``quotes.extract_quotes``; pass ``quotes=`` to reuse a quotes table), ``polarity`` ([-1, 1]),
    ``label``; then ``quote_id``, ``outlet``, ``date`` where available. The sentiment is that of
    the mention as the target within its sentence (``score_targets`` with ``engine``: ``fast``,
    the default, or ``accurate``), read as a concept (``target_kind="concept"``)."""
    check_engine(engine)
    mentions = find_mentions(articles, terms)
    if quotes is None:
        from ..quotes import extract_quotes

        with_hits = articles[articles["article_id"].astype(str).isin(set(mentions["article_id"]))]
        quotes = extract_quotes(with_hits)
    mentions = assign_voice(mentions, quotes)
    scores = score_targets(pd.DataFrame({
        "text": mentions["sentence"],
        "start": mentions["start"] - mentions["sentence_start"],
        "end": mentions["end"] - mentions["sentence_start"]}, index=mentions.index),
        engine=engine, target_kind="concept", model=model)
    mentions["polarity"] = scores["polarity"].astype("float64")
    mentions["label"] = scores["label"]
    return _attach_article_columns(mentions, articles)


def _attach_article_columns(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    extra = [c for c in ("outlet", "date") if c in articles.columns]
    out = mentions[[*MENTION_COLUMNS, "quote_id"]].copy()
    if extra:
        meta = articles[["article_id", *extra]].copy()
        meta["article_id"] = meta["article_id"].astype(str)
        out = out.merge(meta.drop_duplicates("article_id"), on="article_id", how="left")
    for col in ("start", "end"):
        out[col] = out[col].astype("int64")
    return out
