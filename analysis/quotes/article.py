"""``Article``, the working state of one article, and the text-position helpers the rules
share (positions found once per article, looked up by bisection)."""

from __future__ import annotations

import bisect
import re

from ..text.words import word_list
from .marks import find_quote_spans, mask_quotes
from .records import QUOTE_OPENERS, Statement
from .units import split_units


# after a cue, nothing but a time phrase ("on Monday", "last week") and the sentence end
_TIME_WORDS = (r"\s*(?:(?:on|in|at|during|after|before|while|when|last|this|earlier|later|"
               r"late|early|yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
               r"Sunday)\b)")
_RIGHT_EMPTY_BAD = ',;:_“"'
_RIGHT_EMPTY_TAIL = r"[.!?;]?[”\"’]?\s*$"
_RIGHT_EMPTY_RE = re.compile(
    _TIME_WORDS[:-1] + "[^" + re.escape(_RIGHT_EMPTY_BAD) + "]*)?" + _RIGHT_EMPTY_TAIL)
# its pieces, for ``Article.right_empty`` (which does not read to the sentence end per cue)
_RIGHT_EMPTY_WORD_RE = re.compile(_TIME_WORDS)
_RIGHT_EMPTY_TAIL_RE = re.compile(_RIGHT_EMPTY_TAIL)
_RIGHT_EMPTY_BARE_RE = re.compile(r"\s*[.!?;]?[”\"’]?\s*$")
RIGHT_CLAUSE_RE = re.compile(
    r"\s*,\s*(?:[a-z]+ing|who|which|as|when|after|before|while|in|on|at|during|according|"
    r"because|though|although|but|and\s+(?:[a-z]+ed|said|added))\b")
STRIP_CHARS = " \t\n,;:—–-"
_STRIP_END_CHARS = STRIP_CHARS + "."
OBJECT_CUES = word_list("object_cues")
OBJECT_RE = re.compile(
    r"\s*(?:(?:the|a|an|his|her|their|its)\s+)?(?:(?:[A-Z][\w.'’\-]*|of|the)\s*)+(?:’s|'s)?"
    r"(?:\s+[a-z]+)?|\s*(?:reporters|journalists|him|her|them|me|us|supporters|the\s+\w+|"
    r"an?\s+\w+(?:\s+\w+)?)\b")


_GAP_RE = re.compile("[ \t,:—–-]*")


def _only_gap(text: str, lo: int, hi: int) -> bool:
    """``not text[lo:hi].strip(" \\t,:—–-")`` without the copy: only spaces, commas, colons and
    dashes between ``lo`` and ``hi``."""
    return lo >= hi or _GAP_RE.match(text, lo, hi).end() >= hi


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in STRIP_CHARS:
        s += 1
    while e > s and text[e - 1] in _STRIP_END_CHARS:
        e -= 1
    # keep a closing quote mark's period inside: "...tonight." stays whole
    if e < len(text) and text[e:e + 2] in ('."', '.”') and e > s and text.startswith(QUOTE_OPENERS, s):
        e += 2
    return s, e


# spans up to this long are searched directly (a sentence's worth: the bound keeps the work per
# cue constant); longer ones use the positions an article finds once
_SHORT = 400


class Article:
    """Working state for one article."""

    def __init__(self, text: str):
        self.text = text
        self.quotes = find_quote_spans(text)
        self.quote_starts = [s for s, _ in self.quotes]
        self.masked = mask_quotes(text, self.quotes)
        self.units = split_units(self.masked)
        self.statements: list[Statement] = []
        self.cue_start = -1
        self.appositions: dict[int, str] = {}
        self.cue_starts: list[int] = []
        self._contrasts: list[int] | None = None
        self._commas: list[int] | None = None
        self._newlines: list[int] | None = None
        self._bad: tuple[list[int], list[int]] | None = None

    @property
    def newlines(self) -> list[int]:
        """Offsets of the line breaks of the text (found on first use)."""
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return self._newlines

    def paragraph_around(self, qs: int, qe: int) -> tuple[int, int]:
        """(start of the paragraph holding ``qs``, end of the paragraph holding ``qe``): as
        ``text.rfind("\\n", 0, qs) + 1`` and ``text.find("\\n", qe)`` (or the text's end)."""
        nl = self.newlines
        i = bisect.bisect_left(nl, qs)
        start = nl[i - 1] + 1 if i else 0
        j = bisect.bisect_left(nl, qe)
        end = nl[j] if j < len(nl) else len(self.text)
        return start, end

    # positions found once per article (a search from each cue to the end of its sentence
    # would read a long sentence once per cue) ---------------------------------------------
    def contrast_after(self, lo: int, hi: int) -> int | None:
        """Start of the first ``_CONTRAST_RE`` match in ``masked[lo:hi]`` (as
        ``_CONTRAST_RE.search(masked, lo, hi)``), from the article's matches found once."""
        if hi - lo <= _SHORT:
            m = _CONTRAST_RE.search(self.masked, lo, hi)
            return m.start() if m else None
        if self._contrasts is None:
            self._contrasts = [m.start() for m in _CONTRAST_RE.finditer(self.masked)]
        i = bisect.bisect_left(self._contrasts, lo)
        while i < len(self._contrasts) and self._contrasts[i] < hi:
            if _CONTRAST_RE.match(self.masked, self._contrasts[i], hi):
                return self._contrasts[i]
            i += 1
        return None

    def right_empty(self, lo: int, hi: int) -> bool:
        """``bool(_RIGHT_EMPTY_RE.match(masked, lo, hi))``: nothing but a time phrase and the
        sentence end after a cue. The phrase runs to the first of ``,;:_“"`` (found from the
        article's list of them, not by reading on), and only a closing mark may follow."""
        masked = self.masked
        if hi - lo <= _SHORT:
            return _RIGHT_EMPTY_RE.match(masked, lo, hi) is not None
        if _RIGHT_EMPTY_BARE_RE.match(masked, lo, hi):
            return True
        word = _RIGHT_EMPTY_WORD_RE.match(masked, lo, hi)
        if word is None:
            return False
        if self._bad is None:     # runs of those characters (a masked quote is one run)
            runs = [m.span() for m in re.finditer(f"[{_RIGHT_EMPTY_BAD}]+", masked)]
            self._bad = ([s for s, _ in runs], [e for _, e in runs])
        starts, ends = self._bad
        i = bisect.bisect_right(ends, word.end())
        bad = max(starts[i], word.end()) if i < len(starts) else hi
        if bad >= hi:
            return True
        return any(_RIGHT_EMPTY_TAIL_RE.match(masked, x, hi)
                   for x in range(max(word.end(), bad - 2), bad + 1))

    def comma_after(self, lo: int, hi: int) -> int:
        """``masked.find(",", lo, hi)`` from the article's commas found once."""
        if hi - lo <= _SHORT:
            return self.masked.find(",", lo, hi)
        if self._commas is None:
            self._commas = [m.start() for m in re.finditer(",", self.masked)]
        i = bisect.bisect_left(self._commas, lo)
        return self._commas[i] if i < len(self._commas) and self._commas[i] < hi else -1

    # sentences ---------------------------------------------------------------------------
    def unit_index(self, pos: int) -> int:
        """Index in ``units`` of the sentence holding ``pos``, or -1 (``pos`` between sentences)."""
        i = bisect.bisect_right(self.units, (pos, len(self.text) + 1)) - 1
        return i if i >= 0 and self.units[i][0] <= pos < self.units[i][1] else -1

    # quotes -----------------------------------------------------------------------------
    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quote span starting at ``pos`` (after whitespace/commas), if any."""
        i = bisect.bisect_left(self.quote_starts, pos)
        if i < len(self.quotes) and _only_gap(self.text, pos, self.quotes[i][0]):
            return self.quotes[i]
        return None

    def quote_ending_at(self, pos: int) -> tuple[int, int] | None:
        """The quote span that ends at ``pos`` (before whitespace/commas), if any."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        while i >= 0 and self.quotes[i][1] > pos:
            i -= 1
        if i >= 0 and _only_gap(self.text, self.quotes[i][1], pos):
            return self.quotes[i]
        return None

    def quotes_within(self, s: int, e: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.quote_starts, s)
        out = []
        while i < len(self.quotes) and self.quotes[i][0] < e:
            if self.quotes[i][1] <= e + 1:
                out.append(self.quotes[i])
            i += 1
        return out

    def kind_of(self, s: int, e: int) -> str:
        """``direct`` (a quote covers ``s:e``), ``mixed`` (quotes inside) or ``indirect``: the
        quotes are disjoint and in order, so those inside are a run from the first one at
        ``s`` or after, and only its first one or two can start at ``s`` or ``s + 1``."""
        quotes = self.quotes
        i = bisect.bisect_left(self.quote_starts, s)
        if i == len(quotes) or quotes[i][0] >= e or quotes[i][1] > e + 1:
            return "indirect"
        while i < len(quotes) and quotes[i][0] <= s + 1 and quotes[i][0] < e and quotes[i][1] <= e + 1:
            if quotes[i][1] >= e - 2:
                return "direct"
            i += 1
        return "mixed"

    # statements -------------------------------------------------------------------------
    def add(self, s: int, e: int, *, cue: str, spk: tuple[int, int] | None,
            pieces: list[tuple[int, int]] | None = None, kind: str | None = None) -> None:
        if pieces is None:
            s, e = strip_span(self.text, s, e)
            pieces = [(s, e)]
        if e - s < 2 or not _ALNUM_RE.search(self.text, s, e):
            return
        st = Statement(start=s, end=e, pieces=pieces, kind=kind or self.kind_of(s, e), cue=cue)
        if spk is not None:
            st.mention_start, st.mention_end = spk
            st.mention = self.text[spk[0]:spk[1]]
        st.cue_start = self.cue_start
        self.statements.append(st)
_ALNUM_RE = re.compile(r"[^\W_]")     # one character for which str.isalnum() holds


CONTENT_CHAR_RE = re.compile("[^" + re.escape(STRIP_CHARS) + "]")


def has_content(masked: str, lo: int, hi: int) -> bool:
    """``bool(masked[lo:hi].strip(STRIP_CHARS))`` without the copy."""
    return CONTENT_CHAR_RE.search(masked, lo, hi) is not None


def last_char(text: str, lo: int, hi: int) -> str:
    """The last character of ``text[lo:hi].rstrip()`` ("" if none), without the copy."""
    k = hi - 1
    while k >= lo and text[k].isspace():
        k -= 1
    return text[k] if k >= lo else ""


# a contrasting clause ends the reported content: "X considers A untrustworthy, but views B ..."
_CONTRAST_RE = re.compile(
    r",\s+(?:but|while|although|though|despite|whereas|yet|even\s+as|even\s+though|even\s+if|"
    r"[a-z]{2,}ing)\b|;\s|\s[—–-]{1,2}\s")
