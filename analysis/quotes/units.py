"""Sentences of the quote-masked text: ``split_units`` (the one sentence splitter,
``text.sentence_spans``, in its every-line-break variant)."""

from __future__ import annotations

from ..text.sentences import sentence_spans


def split_units(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of the quote-masked text, whitespace excluded. A sentence
    ends at . ! ? before an upper-case word (not after "Mr." "Sen." "U.S." or an initial) and
    at every line break (``sentence_spans(masked, every_line=True)``)."""
    return sentence_spans(masked, every_line=True)
