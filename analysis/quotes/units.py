"""Sentences of the quote-masked text: ``split_units`` and its abbreviation handling."""

from __future__ import annotations

import re


# sentence ends: . ! ? (then closing marks) before a capitalised word, or a line break; written
# to open with one character class so the engine skips ahead quickly. A run of terminators is
# tried from its first character only ("(?<![.!?][.!?])"): every later start ends the same way,
# and trying each would make a long run of dots quadratic.
_SENT_END_RE = re.compile(
    r"[.!?\n](?:(?<=[.!?])(?<![.!?][.!?])[.!?]*[\"'”’)\]]*(?=[ \t]+[\"'“‘(\[]?[A-Z0-9])"
    r"|(?<=\n)[ \t]*\n?)")
_ABBREV = frozenset("""
mr mrs ms dr prof gen lt col sgt capt adm cmdr gov sen rep st jr sr inc corp co ltd no vs jan feb
mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc rev ft mt fig est d.c
""".split())
_MAX_ABBREV = max(map(len, _ABBREV))


def split_units(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of the quote-masked text, whitespace excluded. A sentence
    ends at . ! ? before an upper-case word (not after "Mr." "Sen." "U.S." or an initial) and
    at every line break."""
    spans = []
    start = 0
    # the text's leading opening marks: a token reaching back to the start is stripped of them
    lead = len(masked) - len(masked.lstrip("(\"“"))
    for m in _SENT_END_RE.finditer(masked):
        if m.group()[0] == "." and _ends_abbreviation(masked, m.start(), lead):
            continue
        _push_unit(masked, start, m.end(), spans)
        start = m.end()
    _push_unit(masked, start, len(masked), spans)
    return spans


def _ends_abbreviation(masked: str, k: int, lead: int) -> bool:
    """Is the period at ``k`` the end of an abbreviation or an initial ("Mr." "U.S." "J.")?
    ``lead``: the number of opening marks the text starts with. Looks back 12 characters at
    most (a token reaching back to the text's start is only read when it is short)."""
    w = masked.rfind(" ", max(0, k - 12), k) + 1
    if w == 0 and k - lead > _MAX_ABBREV:
        return False
    token = masked[w:k].lstrip("(\"“").lower()
    return len(token) == 1 or token in _ABBREV


def _push_unit(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
