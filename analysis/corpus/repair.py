"""Repairing the text of records: one policy for every format, field and position in a file.

Each string value of a record (and each column name) goes through :func:`repair_value`:

- binary content is rejected, never repaired: a NUL character, or more than
  ``_MAX_JUNK_SHARE`` of the characters (and at least ``_MIN_JUNK`` of them) C0 controls;
- lone surrogates (``"\\ud800"`` in JSON) become U+FFFD;
- mojibake (UTF-8 read as cp1252/latin-1, e.g. ``cafÃ©``, ``â€œ``) is decoded back with ftfy;
- C1 controls left by cp1252 text read as latin-1 (``\\x96``, ``\\x93``) become the cp1252
  characters (``–``, ``“``) with ftfy; C1 controls cp1252 leaves undefined (``\\x9d``,
  ``\\x81``...) and stray C0 controls (other than tab, line feed, carriage return, form feed)
  are removed;
- LINE SEPARATOR U+2028 becomes a line break and PARAGRAPH SEPARATOR U+2029 a blank line;
- the text is normalised to Unicode NFC (so decomposed "é" matches a composed search term).

Normal text is left alone: the ftfy steps run only on strings that hold a suspect character,
with options that never touch quotes, ligatures, character widths, HTML entities or line ends.
Each repair is counted once per record and kind (``articles.attrs["repairs"]``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from typing import Any

from ..text import nfc
from .formats import clip


# repair kinds, as shown by summarize_load
SURROGATE = "lone surrogate replaced by U+FFFD"
MOJIBAKE = "mojibake decoded (UTF-8 read as cp1252/latin-1)"
C1 = "C1 control character replaced by its cp1252 character"
CONTROL = "control character removed"
SEPARATOR = "U+2028/U+2029 separator made a line break"
NFC = "normalised to Unicode NFC"
BIG_INT = "integer too long for a number, kept as text"
NESTED = "list or object value stored as JSON text"
MIXED = "column of mixed types stored as text"
DUPLICATE_COLUMN = "duplicate column name renamed (name_2)"

_MAX_JUNK_SHARE, _MIN_JUNK = 0.01, 8
_SUSPECT_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ASCII_OK = bytes(range(0x20, 0x7F)) + b"\t\n\r\x0c"
# suspect characters, mojibake lead characters, and any character NFC may change (all but
# U+0000-U+02FF and the punctuation, currency and arrow blocks, which are always NFC)
_ANY_SUSPECT_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00c2-\u00f4\u0300-\u200f"
                             "\u2028\u2029\u205f-\u209f\u20c0-\u218f\u2200-\U0010ffff]")
_JUNK_RE = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
#: control characters no text may keep after repair (removed as the last step)
LEFTOVER_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# a UTF-8 lead byte read as cp1252/latin-1, then a continuation byte read the same way
_MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]")


def repair_text(text: str, counts: set[str]) -> str:
    """``text`` repaired (see the module docstring); the kinds of repair made are added to
    ``counts``. Raises ``ValueError`` for binary content."""
    if text.isascii():
        if not _ascii_controls(text):
            return text
    else:
        first = _ANY_SUSPECT_RE.search(text)   # one pass; most clean texts stop here
        if not first:
            return text
        start = max(first.start() - 1, 0)   # the text before is clean and NFC-stable
        if not _SUSPECT_RE.search(text, start) and not _MOJIBAKE_RE.search(text, start):
            if unicodedata.is_normalized("NFC", text[start:]):
                return text
            counts.add(NFC)              # the text before ``start`` is known to be NFC-stable
            return unicodedata.normalize("NFC", text)
    _check_not_binary(text)
    text = _step(text, counts, SURROGATE, _SURROGATE_RE.search, _fix_surrogates)
    text = _step(text, counts, MOJIBAKE, _MOJIBAKE_RE.search, _fix_mojibake)
    text = _step(text, counts, C1, re.compile(r"[\x80-\x9f]").search, _fix_c1)
    text = _step(text, counts, CONTROL, LEFTOVER_CONTROL_RE.search, _remove_controls)
    text = _step(text, counts, SEPARATOR, re.compile("[\u2028\u2029]").search,
                 lambda s: s.replace("\u2029", "\n\n").replace("\u2028", "\n"))
    return _nfc(text, counts)


def repair_record(record: dict[Any, Any], counts: Counter[str], *,
                  clean_text: bool = False) -> dict[str, Any]:
    """A record with every string value and column name repaired, lists and objects as JSON
    text and too-long integers as text; the repair kinds (once each) added to ``counts``.
    ``clean_text``: the caller checked that no string needs repair (see :func:`clean_line`).
    Raises ``ValueError`` naming the field for binary content."""
    kinds: set[str] = set()
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = key if type(key) is str else str(key)
        if name not in _CLEAN_NAMES and not clean_text:
            name = _repair_name(name, kinds)
        try:
            if clean_text and type(value) is str:
                out[_unique(name, out, kinds)] = value
                continue
            out[_unique(name, out, kinds)] = _repair_value(value, kinds)
        except ValueError as exc:
            raise ValueError(f"field {clip(name, 40)!r}: {exc}") from None
    counts.update(kinds)
    return out


def clean_line(line: str) -> bool:
    """True when no string parsed from this JSON line can need a repair: the line is ASCII,
    holds no control character, and escapes only characters that are never suspect and
    never changed by NFC (the usual ``ensure_ascii`` export: a fast check of the raw line)."""
    if not line.isascii() or _ascii_controls(line) or "\\b" in line:
        return False
    return all(_SAFE_ESCAPE[int(h, 16)] for h in _ESCAPE_RE.findall(line))


def _safe_code_points() -> bytearray:
    safe = bytearray(0x10000)
    for lo, hi in ((0x20, 0x7F), (0xA0, 0xC2), (0xF5, 0x300), (0x2010, 0x2028), (0x2030, 0x205F),
                   (0x20A0, 0x20C0), (0x2190, 0x2200)):
        safe[lo:hi] = b"\x01" * (hi - lo)
    for cp in (0x09, 0x0A, 0x0C, 0x0D):
        safe[cp] = 1
    return safe


_SAFE_ESCAPE = _safe_code_points()
_ESCAPE_RE = re.compile(r"\\u([0-9a-fA-F]{4})")
_CLEAN_NAMES: set[str] = set()   # column names seen clean (names repeat in every record)


def _repair_name(name: str, kinds: set[str]) -> str:
    fixed = repair_text(name, kinds)
    if fixed == name and len(_CLEAN_NAMES) < 10_000:
        _CLEAN_NAMES.add(name)
    return fixed


def _repair_value(value: Any, kinds: set[str]) -> Any:
    if isinstance(value, str):               # clean text returns at once (repair_text's fast path)
        return repair_text(value, kinds)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return value
    if isinstance(value, int):
        if -2**63 <= value < 2**63:
            return value
        kinds.add(BIG_INT)
        return str(value)
    if isinstance(value, (list, tuple, dict)):
        kinds.add(NESTED)
        try:
            return repair_text(json.dumps(value, ensure_ascii=False, default=str), kinds)
        except RecursionError:
            raise ValueError("value nested too deeply") from None
    return value


def _unique(name: str, taken: dict[str, Any], kinds: set[str]) -> str:
    if name not in taken:
        return name
    kinds.add(DUPLICATE_COLUMN)
    n = 2
    while f"{name}_{n}" in taken:
        n += 1
    return f"{name}_{n}"


def _ascii_controls(text: str) -> bytes:
    """The control characters of an ASCII string (a C-speed scan)."""
    return text.encode("ascii").translate(None, _ASCII_OK)


def _check_not_binary(text: str) -> None:
    if "\x00" in text:
        raise ValueError("binary content (NUL character), not text")
    junk = len(_JUNK_RE.findall(text))
    if junk >= _MIN_JUNK and junk > _MAX_JUNK_SHARE * len(text):
        raise ValueError(f"binary content ({junk} control characters in {len(text)}), not text")


def _step(text: str, counts: set[str], kind: str, found: Any, fix: Any) -> str:
    if not found(text):
        return text
    fixed = fix(text)
    if fixed != text:
        counts.add(kind)
    return fixed


def _fix_surrogates(text: str) -> str:
    return _SURROGATE_RE.sub("\ufffd", text)


def _fix_mojibake(text: str) -> str:
    import ftfy

    return ftfy.fix_encoding(text)


def _fix_c1(text: str) -> str:
    from ftfy.fixes import fix_c1_controls

    return fix_c1_controls(text)


def _remove_controls(text: str) -> str:
    return LEFTOVER_CONTROL_RE.sub("", text)


def _nfc(text: str, counts: set[str]) -> str:
    out = nfc(text)
    if out is not text:
        counts.add(NFC)
    return out
