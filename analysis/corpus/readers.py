"""Records of each file format: JSON Lines, JSON, CSV/TSV, Parquet, text and HTML pages."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..schema import CorpusError
from .encoding import _CONTROL_RE, _decoded_lines, detect_encoding
from .formats import COLUMN_ALIASES, _clip
from .pages import parse_html_page, parse_text_page

_SAMPLE_BYTES = 1 << 16
_STREAMED = ("jsonl", "csv", "tsv")


def _streamed_records(path: Path, kind: str, *, encoding: str | None) -> Iterator[tuple[Any, Any]]:
    """Records of a JSON Lines or CSV/TSV file, decoded and parsed line by line."""
    name = str(path)
    with open(path, "rb") as raw:
        sample = raw.read(_SAMPLE_BYTES)
        if not sample.strip():
            raise CorpusError(name, None, "empty file")
        enc = encoding or detect_encoding(sample, source=name)
        raw.seek(0)
        lines = _decoded_lines(raw, name, enc)
        if kind == "jsonl":
            yield from _jsonl_lines(lines, name)
        else:
            yield from _table_lines(lines, name, sep="," if kind == "csv" else "\t")


def _jsonl_lines(lines: Iterable[str], source: str) -> Iterator[tuple[int, Any]]:
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        bad = _CONTROL_RE.search(line)
        if bad:
            yield line_no, CorpusError(source, line_no, f"control character {bad.group(0)!r} "
                                                        f"(binary or corrupt line)")
            continue
        try:
            yield line_no, json.loads(line)
        except json.JSONDecodeError as exc:
            yield line_no, CorpusError(source, line_no, f"invalid JSON ({exc.msg} at column "
                                                        f"{exc.colno})")


def _jsonl_records(text: str, source: str) -> Iterator[tuple[int, Any]]:
    return _jsonl_lines(text.splitlines(), source)


def _json_records(text: str, source: str) -> Iterator[tuple[int, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if "\n" in text.strip() and exc.msg == "Extra data":   # JSON Lines saved as .json
            yield from _jsonl_records(text, source)
            return
        raise CorpusError(source, None, f"invalid JSON ({exc.msg} at line {exc.lineno} column "
                                        f"{exc.colno})") from None
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


def _table_lines(lines: Iterable[str], source: str, *, sep: str) -> Iterator[tuple[str, Any]]:
    """Rows of a CSV/TSV file as dicts keyed by the header; a row with the wrong number of
    fields is a rejected record named by its line number."""
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(lines, delimiter=sep)
    what = "CSV" if sep == "," else "TSV"
    try:
        header = [h.strip() for h in next(reader)]
        _require_text_column(header, source)
        line = reader.line_num + 1
        for fields in reader:
            record, line = f"line {line}", reader.line_num + 1
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                yield record, CorpusError(source, record, f"{len(fields)} fields, expected "
                                                          f"{len(header)}: {_clip(sep.join(fields))!r}")
                continue
            yield record, dict(zip(header, fields))
    except csv.Error as exc:
        raise CorpusError(source, f"line {reader.line_num}", f"unreadable {what}: {exc}") from None


def _parquet_records(path: Path, *, batch_size: int = 5_000) -> Iterator[tuple[str, Any]]:
    """Rows of a Parquet file, read in batches."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        _require_text_column(pf.schema_arrow.names, str(path))
        batches = pf.iter_batches(batch_size=batch_size)
        row = 0
        for batch in batches:
            for rec in batch.to_pylist():
                row += 1
                yield f"row {row}", rec
    except (OSError, ValueError) as exc:   # pyarrow's ArrowInvalid is a ValueError
        if isinstance(exc, CorpusError):
            raise
        raise CorpusError(str(path), None, f"unreadable Parquet: {exc}") from None


def _require_text_column(columns: Iterable[str], source: str) -> None:
    lower = {str(c).strip().lower() for c in columns}
    if not lower & set(COLUMN_ALIASES["text"]):
        raise CorpusError(source, None, f"no text column: expected one of "
                                        f"{list(COLUMN_ALIASES['text'])}, got {list(columns)}")


def _text_records(text: str, source: str) -> Iterator[tuple[int, Any]]:
    try:
        yield 1, parse_text_page(text)
    except ValueError as exc:
        yield 1, CorpusError(source, 1, str(exc))


def _html_records(text: str, source: str) -> Iterator[tuple[int, Any]]:
    yield 1, parse_html_page(text)


_READERS = {
    "jsonl": _jsonl_records,
    "json": _json_records,
    "text": _text_records,
    "html": _html_records,
}
