"""The one sentence splitter, ``sentence_spans``, for news prose and for the quote-masked text of
quote extraction (``every_line=True``, which ``quotes.split_units`` calls).

A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before white space
and an upper-case letter, digit or opening mark, unless the period ends an abbreviation
(``resources/words/abbreviations.txt``: "Mr." "Gen." "U.S.") or an initial ("J."); it also ends
at a paragraph break (prose) or at every line break (``every_line``). Offsets are 0-based,
end-exclusive; a span excludes leading and trailing white space.
"""

from __future__ import annotations

import re

from .words import word_list

#: Lower case, without the last period ("u.s" for "U.S.").
ABBREVIATIONS = word_list("abbreviations")
#: Abbreviations that end a prose sentence all the same (the prose splitter predates them in the
#: list; leaving them out keeps its sentences as they were): "Washington, D.C. The ...".
PROSE_SENTENCE_ENDS = frozenset({"d.c"})
_PROSE_ABBREVIATIONS = ABBREVIATIONS - PROSE_SENTENCE_ENDS
_MAX_ABBREVIATION = max(map(len, ABBREVIATIONS))


def _end_pattern(*, space: str, line_end: str) -> re.Pattern:
    """Sentence ends: a run of . ! ? (then closing marks) before ``space`` and a capital, digit
    or opening mark; or a line break followed by ``line_end``. Written to open with one
    character class so the engine skips ahead quickly; a run of terminators is tried from its
    first character only ("(?<![.!?][.!?])": every later start ends the same way, and trying
    each would make a long run of dots quadratic)."""
    return re.compile(
        r"[.!?\n](?:(?<=[.!?])(?<![.!?][.!?])[.!?]*[\"'”’)\]]*(?=" + space + r"+[\"'“‘(\[]?[A-Z0-9])"
        r"|(?<=\n)" + line_end + ")")


# prose: any white space (line breaks too) between sentences; a blank line ends a paragraph
_PROSE_END_RE = _end_pattern(space=r"\s", line_end=r"\s*\n")
# quote-masked text: spaces or tabs between sentences; every line break ends a sentence
_LINE_END_RE = _end_pattern(space=r"[ \t]", line_end=r"[ \t]*\n?")
# the word before a prose period: letters, digits and periods
_WORD_BEFORE_RE = re.compile(r"[\w.]+\.?$")


def sentence_spans(text: str, *, every_line: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, leading/trailing whitespace excluded.

    A rule-based splitter tuned for news prose: it does not split after common abbreviations
    ("Mr.", "Gen.", "U.S.") or single initials, and always splits at paragraph breaks.

    ``every_line=True`` is the variant for quote extraction's quote-masked text (each quotation
    masked, its line breaks kept): every line break ends a sentence, sentences on one line are
    separated by spaces or tabs, the word before a period is read back to the last space (its
    opening marks stripped) and "D.C." is an abbreviation too.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    ends = _LINE_END_RE if every_line else _PROSE_END_RE
    # the text's leading opening marks: a word reaching back to the start is stripped of them
    lead = len(text) - len(text.lstrip("(\"“")) if every_line else 0
    for m in ends.finditer(text):
        if m.group()[0] == "." and (_ends_spaced_abbreviation(text, m.start(), lead) if every_line
                                    else _ends_prose_abbreviation(text, m.start(), start)):
            continue
        _push_span(text, start, m.end(), spans)
        start = m.end()
    _push_span(text, start, len(text), spans)
    return spans


def _ends_prose_abbreviation(text: str, k: int, start: int) -> bool:
    """Is the period at ``k`` the end of an abbreviation or an initial? The word before it is
    its run of letters, digits and periods (at most 12 characters back, not before the
    sentence's ``start``), without its last periods."""
    before = text[max(start, k - 12):k + 1]
    last = _WORD_BEFORE_RE.findall(before)
    token = last[0].rstrip(".").lower() if last else ""
    return token in _PROSE_ABBREVIATIONS or len(token) == 1


def _ends_spaced_abbreviation(text: str, k: int, lead: int) -> bool:
    """Is the period at ``k`` the end of an abbreviation or an initial ("Mr." "U.S." "J.")? The
    word before it runs back to the last space, its opening marks stripped. ``lead``: the number
    of opening marks the text starts with. Looks back 12 characters at most (a word reaching
    back to the text's start is only read when it is short)."""
    w = text.rfind(" ", max(0, k - 12), k) + 1
    if w == 0 and k - lead > _MAX_ABBREVIATION:
        return False
    token = text[w:k].lstrip("(\"“").lower()
    return len(token) == 1 or token in ABBREVIATIONS


def _push_span(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    """Append ``s:e`` to ``spans`` without its leading and trailing white space (if anything
    is left)."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
