"""The article loop and the public extraction API: ``extract_article``,
``candidate_statements`` and ``extract_quotes`` (the quotes table)."""

from __future__ import annotations

import bisect
import re

import pandas as pd

from ..schema import QUOTE_COLUMNS, check_columns
from ..text import WORD_RE, word_re
from ..text.words import word_list
from .article import Article
from .cue_rules import process_cue, process_title_colon
from .cues import find_cues
from .filter import drop_non_statements, keep_statements, load_model
from .free_quotes import attach_free_quotes
from .identity import identify_speakers
from .layouts import find_turns, merge_turns, name_turns
from .marks import as_double_marks
from .nested import drop_nested
from .ranker import rerank_speakers
from .records import Statement
from .resolve import resolve_speakers
from .truncate import truncate_at_next


def extract_article(text: str, *, use_filter: bool = True, model: dict | None = None,
                    rerank: bool = True) -> list[Statement]:
    """The statements of one article text, in text order (the internal records behind
    ``extract_quotes``): rule candidates, kept by the filter model (``filter.keep_statements``;
    ``model`` default: the shipped one, an error when its file is missing), their speaker
    mentions re-chosen by the speaker ranker (``ranker.rerank_speakers``; ``rerank=False``
    keeps the rules' choice) and resolved. Speaker turns of interviews and transcripts and
    credited posts (``layouts.find_turns``) replace the statements found inside them."""
    art, turns = _kept_statements(text, use_filter=use_filter, model=model)
    if rerank:
        rerank_speakers(art)
    resolve_speakers(art)
    name_turns(turns)
    art.statements.sort(key=lambda s: (s.start, s.end))
    return art.statements


def statements_to_resolve(text: str) -> Article:
    """The article state after the filter and the layouts, before the speaker ranker and the
    resolver: the training examples of ``analysis.training.speaker_ranker``."""
    return _kept_statements(text, use_filter=True, model=None)[0]


def _kept_statements(text: str, *, use_filter: bool, model: dict | None) -> tuple[Article, list]:
    art = _find_candidates(text)
    if use_filter:
        art.statements = drop_nested(keep_statements(art.masked, art.statements, model=model))
    turns = find_turns(art)
    art.statements = merge_turns(art.statements, turns)
    return art, turns


def candidate_statements(text: str) -> tuple[str, list[Statement]]:
    """(quote-masked text, rule candidates before filtering and speaker resolution): the
    training examples of ``analysis.training.quote_filter``."""
    art = _find_candidates(text)
    return art.masked, art.statements


def _find_candidates(text: str) -> Article:
    art = Article(as_double_marks(text))    # British single quote marks read as double ones
    # a headline cue found in both (a capitalised "According to") counts once
    cues = sorted(set(_title_case_cues(art.masked)) | set(find_cues(art.masked)))
    cue_starts = art.cue_starts = [c[0] for c in cues]
    for us, ue in art.units:
        prev = None
        first = len(art.statements)
        lo = bisect.bisect_left(cue_starts, us)
        hi = bisect.bisect_left(cue_starts, ue)
        for cs, ce in cues[lo:hi]:
            if ce > ue or _cue_blocked(art.masked, cs, ce):
                continue
            n_before = len(art.statements)
            art.cue_start = cs
            process_cue(art, us, ue, cs, ce, prev)
            if len(art.statements) > n_before:
                prev = art.statements[-1]
        if len(art.statements) - first > 1:
            truncate_at_next(art, art.statements[first:])
    process_title_colon(art)
    attach_free_quotes(art)
    art.statements.sort(key=lambda st: st.start)
    _dedupe(art)
    # acts and topics are no statements (the guidelines): dropped before the filter, so that it
    # trains and runs on the same candidates
    art.statements = drop_non_statements(art.masked, art.statements)
    return art

def _title_case_cues(masked: str) -> list[tuple[int, int]]:
    """The cues of a Title Case headline (the text before the first line break: "Bellwether
    County Says Trump Should Win", "Morton Blackwell Endorses Ted Cruz"), found in its lower-case
    copy; the cues found in the text as it is come after them in ``find_cues``'s order, so only
    the capitalised ones are added here."""
    end = masked.find("\n")
    if end <= 0:
        return []
    title = masked[:end]
    return [c for c in find_cues(title.lower()) if title[c[0]].isupper()]


#: Words before a cue word that make it no cue ("the said", "to say").
CUE_BLOCKERS = word_list("cue_blockers")


def _cue_blocked(masked: str, cs: int, ce: int) -> bool:
    """Cue words used otherwise: "the said", "to say" after a noun ("nothing to say"), "as
    reported", "so-called"."""
    before = masked[max(0, cs - 12):cs].split()
    prev = before[-1].lower() if before else ""
    return prev in CUE_BLOCKERS and masked[cs:ce].lower() not in ("according to",)


def _dedupe(art: Article) -> None:
    """Drop a statement whose span equals another's (two cues finding the same content)."""
    seen: set[tuple[int, int]] = set()
    keep = []
    for st in art.statements:
        key = (st.start, st.end)
        if key in seen:
            continue
        seen.add(key)
        keep.append(st)
    art.statements = keep



def extract_quotes(articles: pd.DataFrame) -> pd.DataFrame:
    """The quotes table (columns of ``schema.QUOTE_COLUMNS``, see the module docstring) for the
    articles table ``articles`` (needs ``article_id`` and ``text``). Raises
    ``schema.ModelNotFoundError`` when the shipped filter model is missing."""
    check_columns(articles, ("article_id", "text"), what="extract_quotes")
    model = load_model()
    rows: list[dict] = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str) or not text:
            continue
        words = word_re(text)
        for n, st in enumerate(extract_article(text, model=model), 1):
            rows.append(_row(str(aid), n, text, st, words))
    return identify_speakers(_quotes_frame(rows))


def _row(aid: str, n: int, text: str, st: Statement, words: re.Pattern = WORD_RE) -> dict:
    if st.kind == "direct":
        quote = " ".join(_piece_text(text, s, e) for s, e in st.pieces)
    else:
        quote = " ".join(text[s:e].strip() for s, e in st.pieces)
    return {
        "article_id": aid, "quote_id": f"{aid}:{n}", "start": st.start, "end": st.end,
        "quote": quote, "kind": st.kind, "speaker": st.speaker, "speaker_mention": st.mention,
        "speaker_start": st.mention_start if st.mention is not None else None,
        "speaker_end": st.mention_end if st.mention is not None else None,
        "speaker_title": st.title, "cue": st.cue, "n_words": len(words.findall(quote)),
    }


def _piece_text(text: str, s: int, e: int) -> str:
    piece = text[s:e]
    closers: tuple[str, ...] = ("''", "”", '"')
    for mark in ("''", "“", '"', "‘", "'"):
        if piece.startswith(mark):
            piece = piece[len(mark):]
            if mark in "‘'":
                closers = ("’", "'")      # single marks (marks.single_mark_spans)
            break
    for mark in closers:
        if piece.endswith(mark):
            piece = piece[:-len(mark)]
            break
    return piece.strip()


def _quotes_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    for col in ("start", "end", "n_words"):
        df[col] = df[col].astype("int64")
    for col in ("speaker_start", "speaker_end"):
        df[col] = df[col].astype("Int64")
    for col in ("speaker", "speaker_mention", "speaker_title"):
        df[col] = df[col].astype("string")
    return df
