"""Unicode helpers: NFC normalisation with offsets back to the text as given, combining marks,
and the scripts written without spaces between words (Chinese, Japanese, Korean)."""

from __future__ import annotations

import bisect
import re
import unicodedata

#: Combining marks (accents written separately, Indic vowel signs): they belong to the word they
#: follow (a character class body, for ``[...]``).
COMBINING_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff" \
                  "\u0e31-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"

#: Han (with extensions and compatibility ideographs), Hiragana, Katakana (and half-width),
#: Hangul syllables and jamo, the iteration marks: scripts written without spaces between words.
_CJK_CHARS = ("\u1100-\u11ff\u3005-\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
              "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f"
              "\U00020000-\U0003134f")
_CJK_RE = re.compile(f"[{_CJK_CHARS}]")


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed: "e\u0301" -> "é")."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def is_cjk(char: str) -> bool:
    """Is ``char`` a Chinese, Japanese or Korean letter (Han, Hiragana, Katakana, Hangul)?"""
    return bool(char) and _CJK_RE.fullmatch(char) is not None




# a character and the combining marks (and Hangul vowel/final jamo, kana voicing marks) after it
_CLUSTER_RE = re.compile(f"(?s).[{COMBINING_MARKS}\u1160-\u11ff\u3099\u309a]*")
# the parts of a text NFC may change: a non-ASCII run and the character before it
_NON_ASCII_RUN_RE = re.compile(r"(?s).?[^\x00-\x7f]+")


class NfcOffsets:
    """Offsets of an NFC text mapped back to the text it was made from: the changed pieces
    ``(nfc_start, nfc_end, start, end)`` in order; elsewhere the two differ by a constant."""

    def __init__(self, changes: list[tuple[int, int, int, int]]):
        self.changes = changes
        self._starts = [c[0] for c in changes]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text behind ``nfc[start:end]`` (a piece cut by the span is
        taken whole)."""
        return self._map(start, is_end=False), self._map(end, is_end=True)

    def _map(self, pos: int, *, is_end: bool) -> int:
        """The original offset of NFC offset ``pos`` (a start or an end)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        ns, ne, os_, oe = self.changes[i]
        if pos == ns:
            return os_
        if pos < ne:
            return oe if is_end else os_
        return oe + (pos - ne)


def nfc_with_offsets(text: str) -> tuple[str, NfcOffsets | None]:
    """``(NFC text, offset map back to text)``; the map is None when ``text`` is NFC already
    (the usual case: ``corpus.load_articles`` normalises at load time). Only non-ASCII runs are
    looked at, one character with its combining marks at a time (a run whose characters
    compose across those pieces, e.g. Hangul jamo, is one piece)."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    changes: list[tuple[int, int, int, int]] = []
    last = 0
    out_len = 0
    for run in _NON_ASCII_RUN_RE.finditer(text):
        s, e = run.span()
        chunk = run.group()
        if unicodedata.is_normalized("NFC", chunk):
            continue
        parts.append(text[last:s])
        out_len += s - last
        pieces = [(m.start(), m.end()) for m in _CLUSTER_RE.finditer(chunk)]
        normal = [unicodedata.normalize("NFC", chunk[a:b]) for a, b in pieces]
        if "".join(normal) != unicodedata.normalize("NFC", chunk):
            pieces, normal = [(0, len(chunk))], [unicodedata.normalize("NFC", chunk)]
        for (a, b), piece in zip(pieces, normal):
            if piece != chunk[a:b]:
                changes.append((out_len, out_len + len(piece), s + a, s + b))
            parts.append(piece)
            out_len += len(piece)
        last = e
    parts.append(text[last:])
    return "".join(parts), NfcOffsets(changes)
