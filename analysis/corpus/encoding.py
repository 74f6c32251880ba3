"""Decoding corpus files: encoding detection and text checks."""

from __future__ import annotations

import io
import re
from typing import Iterator

from ..schema import CorpusError

ENCODINGS = ("utf-8", "cp1251", "cp1252", "latin-1")

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _decoded_lines(raw: io.BufferedReader, source: str, encoding: str) -> Iterator[str]:
    """Lines of a binary file decoded one by one; a line the file's encoding cannot decode
    raises ``CorpusError`` naming it (records before it are kept)."""
    for line_no, data in enumerate(raw, start=1):
        try:
            yield data.decode(encoding if line_no == 1 else encoding.replace("-sig", ""))
        except UnicodeDecodeError:
            raise CorpusError(source, f"line {line_no}",
                              f"undecodable bytes: not valid {encoding}") from None


def detect_encoding(sample: bytes, *, source: str) -> str:
    """The encoding of a file from its first bytes: "utf-8-sig" (UTF-8 with or without BOM),
    else whichever of cp1251, cp1252 and latin-1 gives the most plausible text. NUL bytes or
    bytes no candidate decodes cleanly raise ``CorpusError``."""
    if b"\x00" in sample[:8192]:
        raise CorpusError(source, None, "binary file (NUL bytes), not text")
    try:
        _check_text(sample.decode("utf-8-sig"), source)
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(sample) - 3:
            return "utf-8-sig"   # the sample cut a multi-byte character
    candidates = []
    for enc in ENCODINGS[1:]:
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _CONTROL_RE.search(text):
            candidates.append((_plausibility(text), -ENCODINGS.index(enc), enc))
    if not candidates:
        raise CorpusError(source, None, "undecodable bytes: not UTF-8, cp1251, cp1252 or latin-1 "
                                        "text (binary data?)")
    return max(candidates)[2]


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode a whole file's bytes with ``encoding`` or the one :func:`detect_encoding` finds.
    Binary or undecodable data raises ``CorpusError``."""
    enc = encoding or detect_encoding(data, source=source)
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise CorpusError(source, None, f"not valid {enc} at byte {exc.start}") from None
    return _check_text(text, source)


_PUNCT_OK = set("“”‘’„«»–—…°€£¥§©®™•·×")


def _plausibility(text: str) -> float:
    """Share of the tokens with non-ASCII characters that look like real words: all-Cyrillic
    words, or Latin words with some ASCII letters (café, naïve). Mojibake scores low: Cyrillic
    read as cp1252 gives words of accented letters only ("Ìèíèñòð"), Latin read as cp1251 mixes
    scripts in a word ("cafй"), and stray symbols appear inside words."""
    tokens = [t for t in text.split() if any(ord(c) > 127 for c in t)]
    if not tokens:
        return 1.0
    good = 0
    for token in tokens:
        odd = [c for c in token if ord(c) > 127 and not c.isalpha() and c not in _PUNCT_OK]
        if odd:
            continue
        cyrillic = any("\u0400" <= c <= "\u04ff" for c in token)
        ascii_letters = any(c.isascii() and c.isalpha() for c in token)
        if cyrillic != ascii_letters:   # pure Cyrillic, or Latin anchored by ASCII letters
            good += 1
    return good / len(tokens)


def _check_text(text: str, source: str) -> str:
    bad = _CONTROL_RE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise CorpusError(source, None, f"binary or corrupt content (control character "
                                        f"{bad.group(0)!r} on line {line})")
    return text
