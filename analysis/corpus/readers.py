"""Records of each file format: JSON Lines, JSON, CSV/TSV, Parquet, text and HTML pages.

Every reader yields ``(record, raw)`` pairs where ``raw`` is the parsed record or a
:class:`CorpusError` for a bad one: a bad line, row or byte never ends the file, and every
record of the input is yielded exactly once (blank lines are not records).

CSV/TSV are parsed strictly, one record at a time. A record whose quoting is broken (an
unclosed quote, text after a closing quote) is read again as its first line alone, without
quoting (TSV exports often do not quote: a field may start with ``"``), else with lenient
quoting; if that gives the header's number of fields it is loaded, else it is rejected with its line number, and reading
goes on at the next line (an unclosed quote never swallows the rest of the file). A bare CR
inside a field is data. Duplicate column names are kept: the second ``text`` becomes
``text_2`` (the first one is the text).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, deque
from typing import Any, BinaryIO, Iterable, Iterator

from ..schema import CorpusError
from .encoding import byte_lines, decode_bytes, decoded_lines, detect_encoding
from .formats import COLUMN_ALIASES, clip
from .pages import parse_html_page, parse_text_page
from .repair import BIG_INT, DUPLICATE_COLUMN, clean_line, repair_text
from .sources import Input

_SAMPLE_BYTES = 1 << 16
_STREAMED = ("jsonl", "csv", "tsv")
_DECODER = json.JSONDecoder(strict=False)   # control characters in strings: repaired later
_CR = "\U0010fffe"   # stands for a bare CR inside a CSV line while the csv module parses it
_Lines = Iterator[tuple[int, str, "str | None"]]


def iter_records(item: Input, *, encoding: str | None,
                 notes: Counter[str]) -> Iterator[tuple[Any, Any]]:
    """The records of one input. File-level problems raise ``CorpusError``; file-level repairs
    (duplicate column names, a page's text) are added to ``notes``."""
    if item.kind == "parquet":
        yield from _parquet_records(item)
        return
    with item.open() as raw:
        sample = raw.read(_SAMPLE_BYTES)
        if not sample.strip():
            raise CorpusError(item.name, None, "empty file")
        if item.kind in _STREAMED:
            enc = encoding or _streamed_encoding(sample, item.name)
            lines = decoded_lines(byte_lines(_Prefixed(sample, raw)), enc)
            if item.kind == "jsonl":
                yield from _jsonl_lines(lines, item.name, notes)
            else:
                yield from _table_lines(lines, item.name, sep="," if item.kind == "csv" else "\t",
                                        notes=notes)
            return
        data = sample + raw.read()
    declared = _declared_charset(sample) if item.kind == "html" else None
    text = decode_bytes(data, source=item.name, encoding=encoding, declared=declared)
    if not text.strip():
        raise CorpusError(item.name, None, "empty file")
    yield from _READERS[item.kind](text, item.name, notes)


def _streamed_encoding(sample: bytes, source: str) -> str:
    """The encoding of a JSON Lines or CSV/TSV file. When none is found with confidence, the
    file is read as UTF-8 line by line: each line that is not valid UTF-8 is then a rejected
    record whose reason says to pass ``encoding=`` (the other lines still load)."""
    try:
        return detect_encoding(sample, source=source)
    except CorpusError as exc:
        if exc.reason.startswith("binary"):
            raise
        return "utf-8-sig"


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (the encoding sample)."""

    def __init__(self, head: bytes, rest: BinaryIO):
        super().__init__()
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._head:
            head = self._head if size < 0 else self._head[:size]
            self._head = self._head[len(head):]
            return head
        return self._rest.read(size)


# ---- JSON ------------------------------------------------------------------------------------

class CleanRecord(dict):
    """A record parsed from a line :func:`clean_line` found clean: its strings need no repair."""


def _jsonl_lines(lines: _Lines, source: str, notes: Counter[str]) -> Iterator[tuple[int, Any]]:
    for line_no, line, bad in lines:
        if bad:
            yield line_no, CorpusError(source, line_no, bad)
        elif line.strip():
            value = _parse_json(line, source, line_no, notes)
            yield line_no, (CleanRecord(value) if type(value) is dict and clean_line(line)
                            else value)


def _parse_json(text: str, source: str, record: int | None, notes: Counter[str]) -> Any:
    """The parsed JSON value, or a CorpusError (returned when ``record`` is given, else
    raised). Integers too long for Python's int conversion are kept as text."""
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        where = f" at column {exc.colno}" if record is not None else (f" at line {exc.lineno} "
                                                                       f"column {exc.colno}")
        problem = CorpusError(source, record, f"invalid JSON ({exc.msg}{where})")
    except RecursionError:
        problem = CorpusError(source, record, "invalid JSON (nested too deeply)")
    except ValueError:   # an integer longer than Python converts (4,300 digits)
        try:
            value = json.loads(text, strict=False, parse_int=_int_or_text)
            notes[BIG_INT] += 1
            return value
        except (ValueError, RecursionError) as exc:
            problem = CorpusError(source, record, f"invalid JSON ({exc})")
    if record is None:
        raise problem
    return problem


def _int_or_text(digits: str) -> int | str:
    return int(digits) if len(digits.lstrip("-")) <= 4000 else digits


def _json_records(text: str, source: str, notes: Counter[str]) -> Iterator[tuple[int, Any]]:
    try:
        data = _parse_json(text, source, None, notes)
    except CorpusError as exc:
        if "\n" in text.strip() and "Extra data" in exc.reason:   # JSON Lines saved as .json
            lines = ((n, line, None) for n, line in enumerate(text.split("\n"), start=1))
            yield from _jsonl_lines(lines, source, notes)
            return
        raise
    if isinstance(data, dict):
        for key in ("articles", "stories", "data", "records", "items", "results"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    if not isinstance(data, list):
        raise CorpusError(source, None, "JSON is neither a list of articles nor an article")
    yield from enumerate(data, start=1)


# ---- CSV / TSV -------------------------------------------------------------------------------

class _Feed:
    """Decoded lines for ``csv.reader``, with push-back, the lines each record took, and bare
    CRs protected."""

    def __init__(self, lines: _Lines):
        self._lines = lines
        self.pushed: deque[tuple[int, str, str | None]] = deque()
        self.taken: list[tuple[int, str, str | None]] = []
        self.cr = False

    def __iter__(self) -> "_Feed":
        return self

    def __next__(self) -> str:
        item = self.pushed.popleft() if self.pushed else next(self._lines)
        self.taken.append(item)
        text = item[1]
        if "\r" in text:
            body = text.rstrip("\r\n")
            if "\r" in body:
                self.cr = True
                text = body.replace("\r", _CR) + text[len(body):]
        return text

    def start(self) -> None:
        self.taken, self.cr = [], False


def _table_lines(lines: _Lines, source: str, *, sep: str,
                 notes: Counter[str]) -> Iterator[tuple[str, Any]]:
    """Rows of a CSV/TSV file as dicts keyed by the header (see the module docstring); a bad
    row is a rejected record named by its first line."""
    csv.field_size_limit(2**31 - 1)
    what = "CSV" if sep == "," else "TSV"
    feed = _Feed(lines)
    reader = csv.reader(feed, delimiter=sep, strict=True)
    try:
        header = _dedupe([_restore(h, feed).strip() for h in next(reader)], notes)
    except StopIteration:
        raise CorpusError(source, None, "empty file") from None
    except csv.Error as exc:
        raise CorpusError(source, "line 1", f"unreadable {what} header: {exc}") from None
    _require_text_column(header, source)
    while True:
        feed.start()
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if not feed.taken:
                raise CorpusError(source, None, f"unreadable {what}: {exc}") from None
            yield _resync(feed, header, source, sep, f"broken {what} quoting ({exc})")
            continue
        first = feed.taken[0][0] if feed.taken else 0
        record = f"line {first}"
        bad = next(((n, b) for n, _, b in feed.taken if b), None)
        if bad:
            yield record, CorpusError(source, record, f"{bad[1]} (line {bad[0]})")
        elif not any(f.strip() for f in fields):
            continue
        elif len(fields) != len(header):
            yield record, CorpusError(source, record, f"{len(fields)} fields, expected "
                                                      f"{len(header)}: "
                                                      f"{clip(sep.join(fields))!r}")
        else:
            yield record, dict(zip(header, (_restore(f, feed) for f in fields)))


def _resync(feed: _Feed, header: list[str], source: str, sep: str,
            reason: str) -> tuple[str, Any]:
    """A record with broken quoting: its first line read alone without quoting, or rejected;
    the lines after it are read again."""
    first_no, first, bad = feed.taken[0]
    feed.pushed.extendleft(reversed(feed.taken[1:]))
    record = f"line {first_no}"
    if bad:
        return record, CorpusError(source, record, bad)
    plain = first.rstrip("\r\n")
    for quoting in (csv.QUOTE_NONE, csv.QUOTE_MINIMAL):   # as written, then leniently quoted
        try:
            fields = next(csv.reader([plain.replace("\r", _CR)], delimiter=sep,
                                     quoting=quoting), [])
        except csv.Error:
            continue
        if len(fields) == len(header):
            return record, dict(zip(header, (f.replace(_CR, "\r") for f in fields)))
    return record, CorpusError(source, record, f"{reason}: {clip(plain)!r}")


def _restore(field: str, feed: _Feed) -> str:
    return field.replace(_CR, "\r") if feed.cr else field


def _dedupe(header: list[str], notes: Counter[str]) -> list[str]:
    """Column names made unique: a repeated name gets ``_2``, ``_3``... (counted once)."""
    out: list[str] = []
    for name in header:
        new, n = name, 2
        while new in out:
            new, n = f"{name}_{n}", n + 1
        out.append(new)
    if out != header:
        notes[DUPLICATE_COLUMN] += 1
    return out


# ---- Parquet -----------------------------------------------------------------------------------

def _parquet_records(item: Input, *, batch_size: int = 5_000) -> Iterator[tuple[str, Any]]:
    """Rows of a Parquet file, read in batches."""
    import pyarrow.parquet as pq

    with item.open() as raw:
        stream = raw if item.path is not None else io.BytesIO(raw.read())
        try:
            pf = pq.ParquetFile(stream)
            _require_text_column(pf.schema_arrow.names, item.name)
            row = 0
            for batch in pf.iter_batches(batch_size=batch_size):
                for rec in batch.to_pylist():
                    row += 1
                    yield f"row {row}", rec
        except CorpusError:
            raise
        except (OSError, ValueError) as exc:   # pyarrow's ArrowInvalid is a ValueError
            raise CorpusError(item.name, None, f"unreadable Parquet: {exc}") from None


def _require_text_column(columns: Iterable[str], source: str) -> None:
    lower = {str(c).strip().lower() for c in columns}
    if not lower & set(COLUMN_ALIASES["text"]):
        raise CorpusError(source, None, f"no text column: expected one of "
                                        f"{list(COLUMN_ALIASES['text'])}, got {list(columns)}")


# ---- pages -------------------------------------------------------------------------------------

def _repaired_page(text: str, source: str, notes: Counter[str]) -> str:
    kinds: set[str] = set()
    try:
        text = repair_text(text, kinds)
    except ValueError as exc:
        raise CorpusError(source, None, str(exc)) from None
    notes.update(kinds)
    return text


def _text_records(text: str, source: str, notes: Counter[str]) -> Iterator[tuple[int, Any]]:
    try:
        yield 1, parse_text_page(_repaired_page(text, source, notes))
    except ValueError as exc:
        yield 1, CorpusError(source, 1, str(exc))


def _html_records(text: str, source: str, notes: Counter[str]) -> Iterator[tuple[int, Any]]:
    yield 1, parse_html_page(_repaired_page(text, source, notes))


_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
                              re.IGNORECASE)
_WHATWG = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
           "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252"}


def _declared_charset(sample: bytes) -> str | None:
    """The encoding an HTML page declares in ``<meta charset>`` (labels as browsers read them:
    ISO-8859-1 and ASCII mean windows-1252), or None."""
    import codecs

    m = _META_CHARSET_RE.search(sample[:4096])
    if not m:
        return None
    label = m.group(1).decode("ascii").lower()
    label = _WHATWG.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


_READERS = {
    "json": _json_records,
    "text": _text_records,
    "html": _html_records,
}
