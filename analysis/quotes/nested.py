"""``drop_nested``: one statement per nest of overlapping statements."""

from __future__ import annotations

import bisect


NESTED_OVERLAP = 0.3


def drop_nested(statements: list, *, overlap: float = NESTED_OVERLAP) -> list:
    """Keep one statement per nest: a statement inside (or around) a longer kept one is dropped
    when the two overlap by ``overlap`` of the longer span or more ("X said that Y believes Z"
    gives one row, the outer one). PolNeAR rarely nests attributions, and two rows for the
    same words would count them twice in the quote share. Works on anything with ``start`` and
    ``end``; longest first, ties in the given order; returns them in text order."""
    order = sorted(range(len(statements)),
                   key=lambda i: (statements[i].start - statements[i].end, i))
    kept: list = []
    starts: list[int] = []               # starts of the kept, sorted
    ends_at: dict[int, list[int]] = {}   # start -> ends of the kept starting there
    for i in order:
        a = statements[i]
        s, e = a.start, a.end
        # the kept are at least as long as ``a``: ``a`` can only lie inside one of them (or
        # have the same span), and only inside one at most ``(e - s) / overlap`` long, so
        # starting at ``e - (e - s) / overlap`` or later: a window of the sorted starts
        if not _inside_kept(starts, ends_at, s, e, overlap):
            kept.append(a)
            if s not in ends_at:
                bisect.insort(starts, s)
            ends_at.setdefault(s, []).append(e)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _inside_kept(starts: list[int], ends_at: dict[int, list[int]], s: int, e: int,
                 overlap: float) -> bool:
    """Does a kept span (``bs <= s``, ``e <= be``) hold ``s:e`` with ``e - s >= overlap * (be -
    bs)``? Only starts from ``e - (e - s) / overlap`` on can (the rest are longer)."""
    length = e - s
    lo = bisect.bisect_left(starts, e - length / overlap - 1) if overlap > 0 else 0
    hi = bisect.bisect_right(starts, s)
    for k in range(lo, hi):
        bs = starts[k]
        for be in ends_at[bs]:
            if e <= be and length >= overlap * (be - bs):
                return True
    return False
