"""Sentences of the quote-masked text: ``split_units`` (the one sentence splitter,
``text.sentence_spans``, in its every-line-break variant)."""

from __future__ import annotations

from ..text.sentences import sentence_spans


def split_units(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of the quote-masked text, whitespace excluded:
    ``text.sentence_spans(masked, every_line=True)`` (see there for the rules)."""
    return sentence_spans(masked, every_line=True)
