"""Sentences of the quote-masked text: ``split_units`` (the one sentence splitter,
``text.sentence_spans``, in its every-line-break variant), a wire dateline left out."""

from __future__ import annotations

import re

from ..text.sentences import sentence_spans

#: A wire-service dateline opening a sentence: "MOSCOW (Sputnik) ", "WASHINGTON (Reuters) - ",
#: "NEW YORK, June 3 (AP) — ", "BEIRUT — ": a place in capitals, optionally a date and the
#: agency in parentheses, then a dash or (after the agency) nothing, opening a paragraph and
#: followed by a capital or a quote mark. It is no part of what the sentence reports.
DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'\-]{2,}(?:[ \t]+[A-Z][A-Z.'\-]*){0,3}"
    r"(?:,[ \t]+[A-Z][a-z]+\.?(?:[ \t]+\d{1,2})?)?"
    r"(?:[ \t]*\([A-Z][\w .&-]{0,30}\)[ \t]*[-—–]?|[ \t]+[—–-])[ \t]+(?=[A-Z\"“‘'])"
)


def split_units(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of the quote-masked text, whitespace excluded:
    ``text.sentence_spans(masked, every_line=True)`` (see there for the rules); a sentence that
    opens with a wire dateline (``DATELINE_RE``) starts after it."""
    units = []
    for s, e in sentence_spans(masked, every_line=True):
        m = DATELINE_RE.match(masked, s, e) if masked[s:s + 3].isupper() and _opens_paragraph(masked, s) else None
        units.append((m.end(), e) if m and m.end() < e else (s, e))
    return units


def _opens_paragraph(masked: str, pos: int) -> bool:
    """Whether only spaces stand between ``pos`` and the line break (or text start) before it."""
    k = pos
    while k > 0 and masked[k - 1] in " \t":
        k -= 1
    return k == 0 or masked[k - 1] == "\n"
