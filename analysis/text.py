"""Text utilities shared by every stage: words, sentences, paragraphs, stop words.

Offsets are 0-based, end-exclusive character offsets into the text, as everywhere in the suite.
Term lexicons and term matching also live here (see ``load_terms`` / ``find_terms``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from . import config

# Combining marks (accents written separately, Indic vowel signs) belong to the word they follow.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff" \
         "\u0e31-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD_RE = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+(?:['’\-](?:[^\W\d_]|[{_MARKS}])+)*", re.UNICODE)

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and
# an upper-case letter, digit or opening quote; or at a paragraph break. Common abbreviations
# (Mr., Gen., U.S.) and initials do not end a sentence.
_SENT_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col sgt capt adm cmdr gov sen rep st jr sr inc corp co ltd no vs
jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc rev ft mt fig est
""".split())


def tokenize(text: str, *, lower: bool = True) -> list[str]:
    """Words of ``text`` (letters, inner apostrophes and hyphens; numbers dropped)."""
    words = WORD_RE.findall(text or "")
    return [w.lower() for w in words] if lower else words


def iter_word_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every word of ``text``."""
    for m in WORD_RE.finditer(text or ""):
        yield m.start(), m.end()


def count_words(text: str) -> int:
    """Number of words in ``text`` (the unit of quote share and article length)."""
    return sum(1 for _ in WORD_RE.finditer(text or ""))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, leading/trailing whitespace excluded.

    A rule-based splitter tuned for news prose: it does not split after common abbreviations
    ("Mr.", "Gen.", "U.S.") or single initials, and always splits at paragraph breaks.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        if m.group(0).strip():
            # the word before the period: an abbreviation or an initial is no sentence end
            before = text[max(start, m.start() - 12):m.start() + 1]
            last = re.findall(r"[\w.]+\.?$", before)
            token = last[0].rstrip(".").lower() if last else ""
            if m.group(0).startswith(".") and (token in _ABBREVIATIONS or len(token) == 1):
                continue
        _append_span(text, start, end, spans)
        start = end
    _append_span(text, start, len(text), spans)
    return spans


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start + (len(chunk) - len(chunk.lstrip()))
        spans.append((s, s + len(stripped)))


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see ``sentence_spans``)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (blocks separated by blank lines or single newlines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text or "")]


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """English stop words from ``resources/stopwords_en.txt`` (lower case)."""
    return frozenset(read_word_list(config.RESOURCES_DIR / "stopwords_en.txt"))


def read_word_list(path) -> list[str]:
    """Lines of a resource word list, without blank lines and ``#`` comments."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return out
