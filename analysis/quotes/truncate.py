"""Cutting a content that runs into the next coordinated statement of the same sentence
(``truncate_at_next``)."""

from __future__ import annotations

import bisect
import itertools
import re

from ..text.words import word_list
from .article import Article, last_char, strip_span
from .records import Statement


_COORD_END_RE = re.compile(r"(?:[,;]\s*(?:but|and|while|although|though|whereas|yet)?|\s+(?:but|and))\s*$")


#: Coordinating words that join two statements of one sentence (sorted: a fixed order).
COORD_WORDS = tuple(sorted(word_list("coordinators")))


def _coord_end(masked: str, lo: int, hi: int) -> int | None:
    """Start of ``_COORD_END_RE.search(masked, lo, hi)`` (a comma or semicolon, optionally
    with a coordinating word, or " but"/" and", then only spaces up to ``hi``), or None: read
    backwards from ``hi``, so only the few characters before ``hi`` are looked at."""
    e1 = hi
    while e1 > lo and masked[e1 - 1].isspace():
        e1 -= 1
    if e1 - 1 >= lo and masked[e1 - 1] in ",;":
        return e1 - 1
    best = None
    for word in COORD_WORDS:
        ws = e1 - len(word)
        if ws < lo or not masked.startswith(word, ws, e1):
            continue
        e2 = ws
        while e2 > lo and masked[e2 - 1].isspace():
            e2 -= 1
        if e2 - 1 >= lo and masked[e2 - 1] in ",;":
            found = e2 - 1
        elif word in ("but", "and") and e2 < ws:
            found = e2
        else:
            continue
        best = found if best is None else min(best, found)
    return best


def truncate_at_next(art: Article, unit_statements: list[Statement]) -> None:
    """End a content that runs into the next statement of the same sentence when the two are
    coordinated ("X said A, but he urged B"; "X urged A, saying B").

    For each content ``a`` (in order) the first statement ``b`` (in order) whose anchor (its
    speaker when that comes after ``a``'s cue, else its cue) lies inside ``a`` and is
    coordinated with it, or a direct quote led in by a colon, cuts ``a``. Only statements
    that can cut ``a`` are visited (found in a tree over the sentence's statements), so a
    sentence of thousands of cues is not read once per pair of them."""
    cue_starts = [b.cue_start for b in unit_statements]
    if len(unit_statements) <= _PAIRS_AT_MOST or any(x >= y for x, y in zip(cue_starts, cue_starts[1:])):
        for a in unit_statements:    # a few statements (or not one per cue, in order): all pairs
            if a.right:
                _cut_first(art, a, unit_statements, {})
        return
    cutters = _Cutters(art.masked, unit_statements)
    late = [j for j, b in enumerate(unit_statements)
            if b.mention_start is not None and b.mention_start > b.cue_start]
    active: list[int] = []    # earlier statements whose speaker may follow the current cue
    n_late = 0
    for i, a in enumerate(unit_statements):
        while n_late < len(late) and late[n_late] < i:
            active.append(late[n_late])
            n_late += 1
        if not a.right:
            continue
        active = [j for j in active if unit_statements[j].mention_start > a.cue_start]
        j_end = bisect.bisect_left(cue_starts, a.end)
        candidates = itertools.chain(
            (unit_statements[j] for j in active),                 # before ``a``
            cutters.between(i, j_end, a.cue_start),               # cue inside ``a``
            cutters.speaker_inside(j_end, max(a.start, a.cue_start), a.end))  # only the speaker
        _cut_first(art, a, candidates, cutters.coords)


_PAIRS_AT_MOST = 8    # sentences with up to this many statements try every pair


class _Cutters:
    """The statements of a sentence that can cut a content they lie in (a coordination before
    their cue or their speaker, or a colon before a direct quote), by position in the
    sentence. Which anchor counts depends on the content's cue (the speaker when it comes
    after that cue): ``between`` finds, in order and through two trees, only those whose
    anchor for that cue has a coordination (or that lead in a quote)."""

    def __init__(self, masked: str, statements: list[Statement]):
        self.statements = statements
        self.coords: dict[int, int | None] = {}    # anchor -> _coord_end(masked, 0, anchor)
        self.index: list[int] = []
        by_cue_or_any, by_speaker = [], []
        for j, b in enumerate(statements):
            at_cue = self.coord(masked, b.cue_start) is not None
            at_spk = b.mention_start is not None and self.coord(masked, b.mention_start) is not None
            colon = b.kind == "direct" and last_char(masked, 0, b.start) == ":"
            if not (at_cue or at_spk or colon):
                continue
            self.index.append(j)
            inf = float("inf")
            if colon or (at_cue and (at_spk or b.mention_start is None)):
                low, high = -inf, inf              # whichever anchor counts
            elif at_cue:
                low, high = b.mention_start, inf   # the cue, if the speaker is before ``a``'s cue
            else:
                low, high = inf, -b.mention_start  # the speaker, if it follows ``a``'s cue
            by_cue_or_any.append(low)
            by_speaker.append(high)
        self._low = _MinTree(by_cue_or_any)
        self._high = _MinTree(by_speaker)
        self._by_mention = sorted((statements[j].mention_start, j) for j in self.index
                                  if statements[j].mention_start is not None)

    def coord(self, masked: str, anchor: int) -> int | None:
        """``_coord_end(masked, 0, anchor)``, computed once per anchor."""
        if anchor not in self.coords:
            self.coords[anchor] = _coord_end(masked, 0, anchor)
        return self.coords[anchor]

    def between(self, i: int, j_end: int, cue: int):
        """The cutters after statement ``i`` and before ``j_end`` that can cut a content whose
        cue starts at ``cue``, in order."""
        p = bisect.bisect_right(self.index, i)
        stop = bisect.bisect_left(self.index, j_end)
        p1 = self._low.first_at_most(p, cue)           # lo <= cue
        p2 = self._high.first_at_most(p, -cue - 1)     # cue < hi
        while True:
            q = min(x for x in (p1, p2, stop) if x is not None)
            if q >= stop:
                return
            yield self.statements[self.index[q]]
            if p1 == q:
                p1 = self._low.first_at_most(q + 1, cue)
            if p2 == q:
                p2 = self._high.first_at_most(q + 1, -cue - 1)

    def speaker_inside(self, j_end: int, lo: int, hi: int):
        """The cutters from ``j_end`` on whose speaker lies strictly between ``lo`` and
        ``hi``, in order."""
        a = bisect.bisect_right(self._by_mention, (lo, len(self.statements)))
        b = bisect.bisect_left(self._by_mention, (hi, -1))
        for j in sorted(j for _, j in self._by_mention[a:b] if j >= j_end):
            yield self.statements[j]


class _MinTree:
    """A segment tree of minima: ``first_at_most(p, x)`` is the first position ``>= p`` whose
    value is ``<= x`` (None if none), in O(log n)."""

    def __init__(self, values: list[float]):
        size = 1
        while size < len(values):
            size *= 2
        self.size = size
        self.tree = [float("inf")] * (2 * size)
        self.tree[size:size + len(values)] = values
        for k in range(size - 1, 0, -1):
            self.tree[k] = min(self.tree[2 * k], self.tree[2 * k + 1])

    def first_at_most(self, p: int, x: float) -> int | None:
        """The first position ``>= p`` holding a value ``<= x``, or None."""
        return self._find(1, 0, self.size, p, x)

    def _find(self, node: int, lo: int, hi: int, p: int, x: float) -> int | None:
        """``first_at_most`` within the subtree ``node`` covering positions ``lo:hi``."""
        if hi <= p or self.tree[node] > x:
            return None
        if hi - lo == 1:
            return lo
        mid = (lo + hi) // 2
        found = self._find(2 * node, lo, mid, p, x)
        return found if found is not None else self._find(2 * node + 1, mid, hi, p, x)


def _cut_first(art: Article, a: Statement, candidates, coords: dict[int, int | None]) -> None:
    """Cut the content ``a`` at the first of ``candidates`` (in order) inside it that is
    coordinated with it (see ``truncate_at_next``). ``coords``: known ``_coord_end(masked,
    0, anchor)`` values (a match at or after ``a``'s start is the same from there)."""
    masked = art.masked
    for b in candidates:
        anchor = b.mention_start if b.mention_start is not None and b.mention_start > a.cue_start \
            else b.cue_start
        if b is a or not (a.start < anchor < a.end):
            continue
        cut = coords[anchor] if anchor in coords else _coord_end(masked, 0, anchor)
        if cut is not None and cut <= a.start + 2:
            cut = _coord_end(masked, a.start, anchor)
        if cut is not None and cut > a.start + 2:
            _set_span(art, a, a.start, cut)
            return
        if b.kind == "direct" and a.start < b.start < a.end:
            # "X asserted A: "B," he claimed": A ends at the colon that leads into B
            k = b.start - 1
            while k >= a.start and masked[k].isspace():
                k -= 1
            if k >= a.start and masked[k] == ":" and k - a.start + 1 > 3:
                _set_span(art, a, a.start, k)
                return


def _set_span(art: Article, st: Statement, s: int, e: int) -> None:
    """Shorten ``st`` to ``s:e`` (stripped), unless that leaves less than two characters."""
    s, e = strip_span(art.text, s, e)
    if e - s >= 2:
        st.start, st.end = s, e
        st.pieces = [(s, e)]
        st.kind = art.kind_of(s, e)
