"""Decoding corpus files: encoding detection, line-by-line decoding, binary-content checks.

Detection, in order (only on a sample of the first 64 KB, never per record):

0. A UTF-16/32 byte-order mark; NUL bytes otherwise mean binary data (rejected).
1. UTF-8, with or without BOM (the fast path: most corpora stop here), also when a few stray
   bytes are not UTF-8 but valid multi-byte characters outnumber them four to one (the lines
   holding them are then rejected one by one).
2. The charset an HTML page declares (``<meta charset>``), if the sample decodes with it.
3. charset-normalizer, accepted only above a confidence floor: its language coherence must be
   at least ``_COHERENCE_FLOOR`` for single-byte code pages; for multi-byte encodings (GBK/
   GB18030, Shift-JIS, EUC-KR...) at least ``_MULTIBYTE_FLOOR`` or all close candidates
   agreeing, on ``_MIN_MULTIBYTE_BYTES`` non-ASCII bytes or more. The candidates that score
   about as well must decode the sample to the same text, or one with clean words must be the
   usual code page of its script (``_PREFERRED``: cp1252 for Western text, cp1251 for
   Cyrillic, cp1250 or ISO-8859-2 for Central European, whichever is more coherent).
4. cp1252 or cp1251 when every non-ASCII word reads as a plausible word (short texts, where
   charset-normalizer has too little to go on).

Otherwise :class:`CorpusError` names the file and tells to pass ``encoding=``: never a guess.
Latin-1 text is read as cp1252 (identical for every printable character). Bytes a Windows code
page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D in cp1252) decode to the C1 control of the
same number, as browsers do; the text repair (``repair.py``) then removes them and counts it.
"""

from __future__ import annotations

import codecs
import re
from typing import Any, BinaryIO, Iterator

from ..schema import CorpusError

#: encodings recognised before charset-normalizer was added (kept for compatibility)
ENCODINGS = ("utf-8", "cp1251", "cp1252", "latin-1")

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_COHERENCE_FLOOR = 0.25
_MULTIBYTE_FLOOR = 0.05
_MIN_MULTIBYTE_BYTES = 16
_CLOSE_CHAOS, _CLOSE_COHERENCE = 0.02, 0.05
_PREFERRED = ("cp1252", "cp1251", "iso8859_2", "cp1250", "koi8_r", "cp1253", "iso8859_7",
              "mac_roman", "gb18030", "cp932", "cp949", "big5")
_MULTIBYTE = {"gb18030", "gbk", "gb2312", "cp932", "shift_jis", "shift_jis_2004", "euc_jp",
              "cp949", "euc_kr", "johab", "big5", "big5hkscs", "cp950", "hz", "euc_jis_2004",
              "euc_jisx0213", "shift_jisx0213", "iso2022_jp", "iso2022_kr"}
_UNDEFINED_C1 = frozenset(b"\x81\x8d\x8f\x90\x9d")
_BOMS = {codecs.BOM_UTF32_LE: "utf-32", codecs.BOM_UTF32_BE: "utf-32",
         codecs.BOM_UTF16_LE: "utf-16", codecs.BOM_UTF16_BE: "utf-16"}


def _c1_passthrough(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte 0x80-0x9F that a code page leaves undefined becomes the C1
    control of the same number (as in browsers); any other undecodable byte stays an error."""
    if isinstance(exc, UnicodeDecodeError):
        byte = exc.object[exc.start]
        if 0x80 <= byte <= 0x9F:
            return chr(byte), exc.start + 1
    raise exc


codecs.register_error("corpus-c1", _c1_passthrough)


def codec_errors(encoding: str) -> str:
    """The error handler to decode with ``encoding``: ``corpus-c1`` for single-byte code pages,
    ``strict`` for UTF-8 and multi-byte encodings."""
    name = codecs.lookup(encoding).name
    return "strict" if name.startswith("utf") or name in _MULTIBYTE else "corpus-c1"


def detect_encoding(sample: bytes, *, source: str, declared: str | None = None) -> str:
    """The encoding of a file from its first bytes (see the module docstring). ``declared`` is
    an encoding the file names itself (an HTML ``<meta charset>``), used when the sample is
    not UTF-8 and decodes with it. NUL bytes (binary data) or no confident answer raise
    ``CorpusError``."""
    for bom, name in _BOMS.items():
        if sample.startswith(bom):
            return name
    if b"\x00" in sample[:8192]:
        raise CorpusError(source, None, "binary file (NUL bytes), not text")
    if _is_utf8(sample):
        return "utf-8-sig"
    if declared and _decodes(sample, declared):
        return declared
    guess = _detect_with_charset_normalizer(sample)
    if guess[0]:
        return guess[0]
    legacy = _legacy_guess(sample)
    if legacy:
        return legacy
    hint = f" (best guess {guess[1]}, too uncertain)" if guess[1] else ""
    raise CorpusError(source, None, f"undecodable bytes: not UTF-8, and no text encoding fits "
                                    f"with confidence{hint}; load it with encoding='...' "
                                    f"(e.g. encoding='koi8-r')")


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None,
                 declared: str | None = None) -> str:
    """Decode a whole file's bytes with ``encoding`` or the one :func:`detect_encoding` finds.
    Binary or undecodable data raises ``CorpusError``."""
    enc = encoding or detect_encoding(data[:1 << 16], source=source, declared=declared)
    try:
        text = data.decode(enc, errors=codec_errors(enc))
    except UnicodeDecodeError as exc:
        raise CorpusError(source, None, f"undecodable bytes: not valid {enc} at byte "
                                        f"{exc.start}") from None
    except LookupError:
        raise CorpusError(source, None, f"unknown encoding {enc!r}") from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CorpusError(source, None, f"binary file (NUL character on line {line}), not text")
    return text


def check_encoding_name(encoding: str | None) -> None:
    """Raise ``ValueError`` for an ``encoding=`` option Python does not know."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None


def byte_lines(stream: BinaryIO, *, chunk_size: int = 1 << 20) -> Iterator[bytes]:
    """The lines of a binary stream, each with its end: ``\\n`` ends a line; a file with bare
    CRs and no LF in its first chunk (classic Mac) is split at CR instead. A CR elsewhere in a
    line is left in it (it is data, e.g. inside a CSV field)."""
    first = stream.read(chunk_size)
    if not first:
        return
    sep = b"\r" if b"\n" not in first and b"\r" in first.rstrip(b"\r") else b"\n"
    pending = first
    while True:
        *lines, pending = pending.split(sep)
        for line in lines:
            yield line + sep
        chunk = stream.read(chunk_size)
        if not chunk:
            break
        pending += chunk
    if pending:
        yield pending


def decoded_lines(lines: Iterator[bytes], encoding: str,
                  ) -> Iterator[tuple[int, str, str | None]]:
    """``(line_no, text, None)`` for each line, or ``(line_no, text with U+FFFD, reason)`` for
    a line the encoding cannot decode: one bad line never ends the file."""
    errors = codec_errors(encoding)
    rest = encoding.replace("-sig", "")
    if codecs.lookup(encoding).name in ("utf-16", "utf-32"):
        yield from _wide_lines(lines, encoding)
        return
    for line_no, data in enumerate(lines, start=1):
        try:
            yield line_no, data.decode(encoding if line_no == 1 else rest, errors), None
        except UnicodeDecodeError as exc:   # the text, with U+FFFD, keeps a CSV row's shape
            yield line_no, data.decode(rest, "replace"), (
                f"undecodable bytes: not valid {rest} at byte {exc.start} of the line (if the "
                f"file is in another encoding, load it with encoding='...')")


def _wide_lines(lines: Iterator[bytes], encoding: str
                ) -> Iterator[tuple[int, str, str | None]]:
    """UTF-16/32 (with BOM): decode the stream incrementally, then split at line ends."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending, line_no = "", 0
    for data in lines:
        pending += decoder.decode(data)
        *done, pending = pending.split("\n")
        for text in done:
            line_no += 1
            yield line_no, text + "\n", None
    pending += decoder.decode(b"", final=True)
    if pending:
        yield line_no + 1, pending, None


def _is_utf8(sample: bytes) -> bool:
    """True for UTF-8, also when a few stray bytes are not (their lines are rejected later):
    valid multi-byte characters must then outnumber the invalid bytes four to one."""
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:   # the sample may cut a multi-byte character
        if exc.reason == "unexpected end of data" and exc.start >= len(sample) - 3:
            return True
    text = sample.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - sample.count("\ufffd".encode())
    valid = sum(1 for c in text if c > "\x7f") - invalid
    return valid >= 4 and invalid * 4 <= valid


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding, errors=codec_errors(encoding))
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def _detect_with_charset_normalizer(sample: bytes) -> tuple[str | None, str | None]:
    """(confident encoding or None, best guess or None) from charset-normalizer, on the sample
    as it is, then with the bytes Windows code pages leave undefined blanked out."""
    guess = None
    probe = sample[:1 << 15]
    blanked = bytes(b if b not in _UNDEFINED_C1 else 0x20 for b in probe)
    for attempt in ((blanked, probe) if blanked != probe else (probe,)):
        name, best = _pick(attempt)
        if name and _decodes(sample, name):
            return name, name
        guess = guess or best or ""
    return None, guess or None


def _pick(probe: bytes) -> tuple[str | None, str | None]:
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(probe, explain=False)
               if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return None, None
    best = min(matches, key=lambda m: (round(m.chaos, 3), -m.coherence))
    close = [m for m in matches if m.chaos <= best.chaos + _CLOSE_CHAOS
             and m.coherence >= best.coherence - _CLOSE_COHERENCE]
    chosen = _choose(close, probe)
    if chosen is None:
        return None, best.encoding
    name, match, agreed = chosen
    if name in _MULTIBYTE:
        n_high = sum(b > 0x7F for b in probe)
        ok = n_high >= _MIN_MULTIBYTE_BYTES and (match.coherence >= _MULTIBYTE_FLOOR or agreed)
    else:
        ok = match.coherence >= _COHERENCE_FLOOR
    return (name if ok and match.chaos <= 0.1 else None), name


def _choose(close: list, probe: bytes) -> tuple[str, Any, bool] | None:
    """(encoding, its match, whether all close candidates agree) among charset-normalizer's
    close candidates: all decode alike, or the first usual code page (``_PREFERRED``) whose
    text has clean words (of two code pages for one script, the more coherent; on a tie, the
    ISO one when no byte is in 0x80-0x9F). None when they disagree and none fits."""
    outputs = {str(m) for m in close}
    names = {n: m for m in close for n in [m.encoding, *m.could_be_from_charset]}
    order = list(_PREFERRED)
    if not any(0x80 <= b <= 0x9F for b in probe):   # no Windows-only bytes: ISO before cp125x
        order.remove("iso8859_2")
        order.insert(order.index("cp1250"), "iso8859_2")
    if len(outputs) == 1:
        name = next((n for n in order if n in names), close[0].encoding)
        return name, names.get(name, close[0]), True
    clean = [m for m in close if m.encoding not in _MULTIBYTE and _clean_words(str(m))]
    rank = {n: i for i, n in enumerate(order)}
    family = {"iso8859_2": "cp1250", "iso8859_7": "cp1253"}   # one script, two code pages
    ranked = sorted(
        ((rank[family.get(n, n)], -round(m.coherence, 2), rank[n], n, m)
         for m in clean for n in [m.encoding, *m.could_be_from_charset] if n in rank),
        key=lambda t: t[:3])
    if ranked:
        return ranked[0][3], ranked[0][4], False
    if clean and len({str(m) for m in clean}) == 1:
        return clean[0].encoding, clean[0], False
    return None


def _clean_words(text: str) -> bool:
    """True when no word mixes scripts or holds a symbol that is not a letter (mojibake such
    as "pøíš¹í" or "Ð¡Ð¾" fails)."""
    for token in text.split():
        if token.isascii():
            continue
        scripts = set()
        for c in token:
            if c.isalpha():
                scripts.add(_script(c))
            elif not c.isascii() and c not in _PUNCT_OK:
                return False
        if len(scripts - {"latin"}) > 1 or ({"latin"} < scripts and len(scripts) > 1):
            return False
    return True


def _script(c: str) -> str:
    o = ord(c)
    if o < 0x250:
        return "latin"
    if 0x370 <= o < 0x400:
        return "greek"
    if 0x400 <= o < 0x530:
        return "cyrillic"
    return "other"


_PUNCT_OK = set("“”‘’„«»–—…°€£¥§©®™•·×")
_CYRILLIC_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")


def _legacy_guess(sample: bytes) -> str | None:
    """cp1252 or cp1251 when every non-ASCII word decodes to a plausible word (strict: letters
    only, one script per word, the case of a real word), else None."""
    for enc in ("cp1251", "cp1252"):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _CONTROL_RE.search(text) and _plausible(text, cyrillic=enc == "cp1251"):
            return enc
    return None


def _plausible(text: str, *, cyrillic: bool) -> bool:
    """True when every token with non-ASCII characters looks like a real word: all-Cyrillic
    words in a normal case with vowels (cp1251), or Latin words with some ASCII letters
    (café, naïve) for cp1252. Mojibake fails: KOI8-R read as cp1251 swaps the case ("нИНИСТР"),
    Greek read as cp1251 has almost no vowels, Cyrillic read as cp1252 has no ASCII letters."""
    tokens = [t.strip(".,;:!?()[]\"'") for t in text.split() if not t.isascii()]
    if not tokens:
        return True
    letters = vowels = 0
    for token in tokens:
        if any(not c.isascii() and not c.isalpha() and c not in _PUNCT_OK for c in token):
            return False
        word = "".join(c for c in token if c.isalpha())
        has_cyr = any("\u0400" <= c <= "\u04ff" for c in word)
        has_ascii = any(c.isascii() for c in word)
        if cyrillic:
            if not has_cyr or has_ascii or not _normal_case(word):
                return False
            letters += len(word)
            vowels += sum(c in _CYRILLIC_VOWELS for c in word)
        elif has_cyr or (word and not has_ascii):
            return False
    return not cyrillic or vowels >= 0.3 * letters


def _normal_case(word: str) -> bool:
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())
