"""Load news articles from files into the articles table.

``load_articles(source)`` reads a file, a folder (recursively), a glob pattern or a list of them
and returns one row per article with the columns of DESIGN.md:

=============  ==============================================================================
article_id     str, stable across runs: the input's id, else ``sha1(text)[:16]``; a repeated id
               gets ``~2``, ``~3``... in load order
outlet         str or NA (input column, or the wire dateline "MOSCOW (Sputnik)" of a text page)
date           datetime64 (UTC, tz-naive), NA where absent or unparseable (never guessed)
title          str or NA
text           the body as plain text, paragraphs separated by a blank line
url            str or NA
source         where the record came from: ``<file>:<record>`` (record = line, row or index)
lede, caption  scraped text pages only (NA elsewhere)
is_duplicate   True for the second and later articles with exactly the same text
duplicate_of   article_id of the first article with that text (NA when not a duplicate)
=============  ==============================================================================

Extra input columns are kept. Formats (by extension): ``.jsonl``/``.ndjson``, ``.json``,
``.csv``, ``.tsv``, ``.parquet``, ``.txt`` (scraped page or plain text) and ``.html``/``.htm``.
Folders are searched recursively for these extensions; hidden files and other extensions
(README.md, licences) are ignored. A file named explicitly must have one of these extensions.

Errors: with ``errors="raise"`` (default) the first problem raises :class:`CorpusError` naming the
file, the record and the problem. With ``errors="skip"`` loading goes on and every skipped record
is listed in ``articles.attrs["rejects"]`` (a list of ``{"source", "record", "reason"}``; see
:func:`rejects_table`), and one warning summarises them. A file that cannot be read at all (bad
encoding, binary, empty, no text column) counts as one rejected record with ``record`` empty.
``articles.attrs["records_read"] == len(articles) + len(articles.attrs["rejects"])`` always.
``articles.attrs["date_problems"]`` counts why dates are NA (``{"missing": n, "unparseable": n,
"ambiguous day/month": n}``).
"""

from __future__ import annotations

import csv
import glob as globmod
import hashlib
import html
import io
import json
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from .schema import ARTICLE_COLUMNS, CorpusError

SUPPORTED_SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
    ".parquet": "parquet", ".txt": "text", ".html": "html", ".htm": "html",
}

#: Input column names mapped to the articles table (compared case-insensitively; first found wins).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "article_id": ("article_id", "id", "stories_id", "story_id", "doc_id", "guid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "content_original", "article_text", "full_text"),
    "date": ("date", "publish_date", "published", "published_at", "pub_date", "datetime"),
    "outlet": ("outlet", "source", "media_name", "publisher", "media", "site_name"),
    "url": ("url", "link"),
    "lede": ("lede", "lead", "description", "summary"),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
}

ENCODINGS = ("utf-8", "cp1251", "cp1252", "latin-1")

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SCRAPED_HEADER_RE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b(.*)$")
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .,'\-]{1,40}?\s*\(([A-Z][\w .&'\-]{1,40}?)\)")
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([T ][\d:.]+)?(Z|[+\-]\d{2}:?\d{2})?$")
_NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")


@dataclass
class _Load:
    """Accumulates rows, rejects and date problems while loading (internal)."""

    errors: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)

    def reject(self, source: str, record: int | str | None, reason: str) -> None:
        if self.errors == "raise":
            raise CorpusError(source, record, reason)
        self.rejects.append({"source": source, "record": "" if record is None else record,
                             "reason": reason})


# --------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------

def load_articles(source: str | Path | Iterable[str | Path], *, errors: str = "raise",
                  encoding: str | None = None) -> pd.DataFrame:
    """Load articles from ``source`` (a file, a folder searched recursively, a glob, or a list).

    Returns the articles table (columns in the module docstring). ``errors="raise"`` raises
    :class:`CorpusError` at the first bad file or record; ``errors="skip"`` lists each skipped
    record in ``attrs["rejects"]`` and warns once. ``encoding`` forces one text encoding;
    by default UTF-8 (with or without BOM), then cp1251, cp1252 and latin-1 are tried.
    For corpora larger than memory, use :func:`iter_articles`.
    """
    (articles,) = iter_articles(source, errors=errors, encoding=encoding, chunk_size=None)
    rejects = articles.attrs["rejects"]
    if rejects:
        warnings.warn(
            f"load_articles: {len(rejects)} of {articles.attrs['records_read']} records "
            f"skipped (listed in articles.attrs['rejects']); first: "
            f"{_describe_reject(rejects[0])}", stacklevel=2)
    return articles


def iter_articles(source: str | Path | Iterable[str | Path], *, chunk_size: int | None = 10_000,
                  errors: str = "raise", encoding: str | None = None) -> Iterator[pd.DataFrame]:
    """Stream the articles table in chunks of at most ``chunk_size`` rows (None: one chunk).

    JSON Lines and CSV/TSV files are read line by line and Parquet files by row group, so
    memory stays bounded whatever the corpus size. Ids and duplicate flags are consistent
    across chunks. Each chunk's ``attrs`` hold the ``rejects`` found since the previous chunk,
    its ``records_read`` (rows + those rejects) and ``date_problems``: summed over the chunks,
    records read = rows + rejects. At least one (possibly empty) chunk is yielded.
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    if chunk_size is not None and chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, not {chunk_size}")
    state = _Load(errors=errors)
    ids = _IdRegistry()
    yielded = False
    for path in resolve_paths(source):
        for _ in _load_file(path, state, encoding=encoding):
            if chunk_size is not None and len(state.rows) >= chunk_size:
                yield _take_chunk(state, ids)
                yielded = True
    if state.rows or state.rejects or not yielded:
        yield _take_chunk(state, ids)


def _take_chunk(state: _Load, ids: "_IdRegistry") -> pd.DataFrame:
    articles, date_problems = _finalize(state.rows, ids)
    articles.attrs["rejects"] = state.rejects
    articles.attrs["records_read"] = len(articles) + len(state.rejects)
    articles.attrs["date_problems"] = dict(date_problems)
    state.rows, state.rejects = [], []
    return articles


def rejects_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The skipped records of a ``load_articles(..., errors="skip")`` result as a table with
    columns ``source``, ``record``, ``reason`` (empty when nothing was skipped)."""
    return pd.DataFrame(articles.attrs.get("rejects", []), columns=["source", "record", "reason"])


def summarize_load(articles: pd.DataFrame) -> str:
    """A short text summary: records read, loaded, rejected (by reason), dates and duplicates."""
    rejects = rejects_table(articles)
    lines = [
        f"records read: {articles.attrs.get('records_read', len(articles))}",
        f"articles loaded: {len(articles)}",
        f"records rejected: {len(rejects)}",
    ]
    for reason, n in Counter(_reason_kind(r) for r in rejects["reason"]).most_common():
        lines.append(f"  {n} x {reason}")
    n_dated = int(articles["date"].notna().sum()) if len(articles) else 0
    lines.append(f"dates parsed: {n_dated} of {len(articles)}")
    for reason, n in articles.attrs.get("date_problems", {}).items():
        lines.append(f"  date NA, {reason}: {n}")
    n_empty = int((articles["text"].str.len() == 0).sum()) if len(articles) else 0
    if n_empty:
        lines.append(f"articles with empty text (kept): {n_empty}")
    if "is_duplicate" in articles:
        lines.append(f"exact duplicates flagged: {int(articles['is_duplicate'].sum())}")
    return "\n".join(lines)


def resolve_paths(source: str | Path | Iterable[str | Path]) -> list[Path]:
    """The files ``source`` names, in a stable order. Folders are searched recursively for the
    supported extensions; a glob is expanded; a path that matches nothing raises
    ``FileNotFoundError``."""
    items = [source] if isinstance(source, (str, Path)) else list(source)
    if not items:
        raise FileNotFoundError("no corpus given")
    paths: list[Path] = []
    for item in items:
        p = Path(item).expanduser()
        if p.is_dir():
            paths.extend(sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.is_file():
            paths.append(p)
        elif globmod.has_magic(str(item)):
            matches = sorted(Path(m) for m in globmod.glob(str(p), recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                raise FileNotFoundError(f"{item}: the pattern matches no file")
            paths.extend(files)
        else:
            raise FileNotFoundError(f"{item}: no such file or folder")
    seen: set[Path] = set()
    return [p for p in paths if not (p.resolve() in seen or seen.add(p.resolve()))]


# --------------------------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------------------------

_SAMPLE_BYTES = 1 << 16
_STREAMED = ("jsonl", "csv", "tsv")


def _load_file(path: Path, state: _Load, *, encoding: str | None) -> Iterator[None]:
    """Add the records of one file to ``state``, yielding after each one (for chunking)."""
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    name = str(path)
    if kind is None:
        state.reject(name, None, f"unsupported file type {path.suffix or '(none)'!r}; "
                                 f"expected one of {sorted(SUPPORTED_SUFFIXES)}")
        return
    try:
        if kind == "parquet":
            records = _parquet_records(path)
        elif kind in _STREAMED:
            records = _streamed_records(path, kind, encoding=encoding)
        else:
            text = decode_bytes(path.read_bytes(), source=name, encoding=encoding)
            if not text.strip():
                raise CorpusError(name, None, "empty file")
            records = _READERS[kind](text, name)
        for record, raw in records:
            _add_record(raw, name, record, state)
            yield
    except CorpusError as exc:
        state.reject(exc.source, exc.record, exc.reason)


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


# --------------------------------------------------------------------------------------------
# text pages
# --------------------------------------------------------------------------------------------

def parse_text_page(text: str) -> dict[str, Any]:
    """Fields of a plain-text page.

    A scraped page starts with a header line ``date YYYY-MM-DD <site chrome>``, then the photo
    caption, the title, the lede and the body, one paragraph each (blank lines between). With
    only three paragraphs after the header there is no caption. Any other text file: the first
    non-empty line is the title and the rest is the body. The outlet is read from a wire dateline
    at the start of the body ("MOSCOW (Sputnik) ...") when there is one.
    """
    first_line, _, rest = _normalize_text(text).lstrip().partition("\n")
    header = _SCRAPED_HEADER_RE.match(first_line)
    if header:
        parts = _paragraphs(rest)
        if len(parts) < 3:
            raise ValueError("scraped page with fewer than three parts after the date line "
                             "(expected caption, title, lede, body)")
        caption = parts[0] if len(parts) >= 4 else None
        title, lede, *body = parts[1:] if caption else parts
        record = {"date": header.group(1), "caption": caption, "title": title, "lede": lede,
                  "text": "\n\n".join(body)}
    else:
        lines = [ln.strip() for ln in _normalize_text(text).split("\n")]
        first = next(i for i, ln in enumerate(lines) if ln)
        record = {"title": lines[first],
                  "text": "\n\n".join(_paragraphs("\n".join(lines[first + 1:])))}
    dateline = _DATELINE_RE.match(record["text"])
    if dateline:
        record["outlet"] = dateline.group(1).strip()
    return record


def _normalize_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")


def _paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (blocks split at blank lines), inner whitespace collapsed."""
    blocks = _BLANK_LINE_RE.split(_normalize_text(text))
    return [_collapse(b) for b in blocks if b.strip()]


_BLANK_LINE_RE = re.compile(r"\n\s*\n")
_INNER_SPACE_RE = re.compile(r"[ \t]*\n[ \t]*|[ \t]{2,}|\t")


def _collapse(block: str) -> str:
    """A paragraph on one line: line breaks and runs of spaces or tabs become one space."""
    block = block.strip()
    if "\n" in block or "  " in block or "\t" in block:
        block = _INNER_SPACE_RE.sub(" ", block)
    return block


class _MainTextParser(HTMLParser):
    """Collects metadata and block texts from an HTML page, skipping boilerplate elements."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg",
            "button", "iframe", "select", "figure", "template"}
    BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "div", "section",
              "article", "main", "br", "tr", "td", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.blocks: list[tuple[str, bool, str]] = []   # (tag, inside article/main, text)
        self._skip = 0
        self._main = 0
        self._tag_stack: list[str] = []
        self._buf: list[str] = []
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"])
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in self.SKIP:
            self._skip += 1
        elif tag in ("article", "main"):
            self._main += 1
        elif tag == "title":
            self._in_title = True
        if tag in self.BLOCKS:
            self._flush()
            self._tag_stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in ("article", "main"):
            self._flush()
            self._main = max(0, self._main - 1)
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._buf.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._buf)).strip()
        self._buf = []
        if text:
            tag = self._tag_stack[-1] if self._tag_stack else "body"
            self.blocks.append((tag, self._main > 0, text))


def parse_html_page(page: str) -> dict[str, Any]:
    """Fields of a saved HTML page: title (og:title, <title> or the first <h1>), date
    (article:published_time, <time datetime>), outlet (og:site_name), url (canonical or og:url)
    and the main text: the paragraphs inside <article>/<main> when present, else every block of
    8+ words; navigation, headers, footers, scripts and forms are dropped as boilerplate."""
    parser = _MainTextParser()
    parser.feed(page)
    parser.close()
    parser._flush()
    m = parser.meta
    blocks = parser.blocks
    if any(in_main for _, in_main, _ in blocks):
        blocks = [b for b in blocks if b[1]]
    h1 = next((t for tag, _, t in blocks if tag == "h1"), None)
    title = m.get("og:title") or h1 or html.unescape(parser.title).strip() or None
    paragraphs = [t for tag, _, t in blocks
                  if tag not in ("h1",) and len(t.split()) >= 8 and t != title]
    return {
        "title": title,
        "text": "\n\n".join(paragraphs),
        "date": m.get("article:published_time") or m.get("datepublished") or m.get("date")
        or m.get("time"),
        "outlet": m.get("og:site_name"),
        "url": m.get("canonical") or m.get("og:url"),
        "authors": m.get("author") or m.get("article:author"),
        "lede": m.get("og:description") or m.get("description"),
    }


# --------------------------------------------------------------------------------------------
# records -> rows
# --------------------------------------------------------------------------------------------

def _add_record(raw: Any, source: str, record: int | str, state: _Load) -> None:
    if isinstance(raw, CorpusError):
        state.reject(raw.source, raw.record, raw.reason)
        return
    if not isinstance(raw, dict):
        state.reject(source, record, f"record is a {type(raw).__name__}, not an object")
        return
    row = _map_columns(raw)
    text = row.get("text")
    if text is None or (isinstance(text, float) and pd.isna(text)):
        state.reject(source, record, "no text field (expected one of "
                                     f"{list(COLUMN_ALIASES['text'])})")
        return
    if not isinstance(text, str):
        state.reject(source, record, f"text is a {type(text).__name__}, not a string")
        return
    row["text"] = "\n\n".join(_paragraphs(text))   # may be empty: kept, counted by summarize_load
    row["source"] = f"{source}:{record}"
    state.rows.append(row)


def _map_columns(raw: dict[str, Any]) -> dict[str, Any]:
    """Rename the usual input column names to the articles table's; keep other columns."""
    lower = {str(k).strip().lower(): k for k in raw}
    row: dict[str, Any] = {}
    used: set[Any] = set()
    for target, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            key = lower.get(alias)
            if key is not None and key not in used and not _blank(raw[key]):
                row[target] = raw[key]
                used.add(key)
                break
    for key, value in raw.items():
        if key in used:
            continue
        name = str(key).strip()
        if name.lower() in row or name.lower() in ("source", "is_duplicate", "duplicate_of"):
            name = f"input_{name}"   # an input column whose name the articles table uses
        row[name] = value
    return row


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@dataclass
class _IdRegistry:
    """Ids and texts seen so far in one load, so ids stay unique and duplicates are flagged
    across chunks (memory: one id string and a 16-byte digest per article)."""

    seen: Counter = field(default_factory=Counter)
    first_by_text: dict[bytes, str] = field(default_factory=dict)

    def assign(self, given: Any, text: str) -> tuple[str, str | None]:
        """(article_id, id of the first article with the same text or None)."""
        digest = hashlib.sha1(text.encode("utf-8")).digest()
        if _blank(given):
            base = digest.hex()[:16]
        elif isinstance(given, float) and float(given).is_integer():
            base = str(int(given))
        else:
            base = str(given).strip()
        self.seen[base] += 1
        article_id = base if self.seen[base] == 1 else f"{base}~{self.seen[base]}"
        first = self.first_by_text.setdefault(digest, article_id)
        return article_id, (first if first != article_id else None)


def _finalize(rows: list[dict[str, Any]], ids: _IdRegistry) -> tuple[pd.DataFrame, Counter[str]]:
    """The articles table from the accepted rows, and why dates are NA (reason -> count)."""
    df = pd.DataFrame(rows)
    for col in ARTICLE_COLUMNS + ("lede", "caption"):
        if col not in df:
            df[col] = pd.NA
    parsed = [parse_date(v) for v in df["date"]]
    df["date"] = pd.to_datetime(pd.Series([d for d, _ in parsed], index=df.index, dtype=object),
                                errors="raise") if len(df) else pd.Series(dtype="datetime64[ns]")
    df["date"] = df["date"].astype("datetime64[ns]")
    for col in ("outlet", "title", "url", "lede", "caption"):
        df[col] = df[col].map(lambda v: pd.NA if _blank(v) else str(v).strip()).astype("string")
    df["text"] = df["text"].astype(str)
    assigned = [ids.assign(given, text) for given, text in zip(df["article_id"], df["text"])]
    df["article_id"] = [a for a, _ in assigned]
    df["duplicate_of"] = pd.array([d for _, d in assigned], dtype="string")
    df["is_duplicate"] = df["duplicate_of"].notna().astype(bool)
    front = list(ARTICLE_COLUMNS) + ["lede", "caption", "is_duplicate", "duplicate_of"]
    table = df[front + [c for c in df.columns if c not in front]].reset_index(drop=True)
    return table, Counter(problem for _, problem in parsed if problem)


def parse_date(value: Any) -> tuple[pd.Timestamp | None, str | None]:
    """``(timestamp, None)`` or ``(None, reason)``. Accepts ISO 8601, RFC 2822, month-name dates
    ("April 25, 2017") and epoch seconds; time zones are converted to UTC and dropped. A numeric
    date whose day and month could be swapped ("03/04/2017") is NA with reason
    "ambiguous day/month": never guessed."""
    if _blank(value):
        return None, "missing"
    if isinstance(value, pd.Timestamp):
        ts = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 0 < value < 4e9:
            return None, "unparseable"
        ts = pd.Timestamp(value, unit="s")
    else:
        s = str(value).strip()
        m = _NUMERIC_DATE_RE.match(s)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if a <= 12 and b <= 12 and a != b:
                return None, "ambiguous day/month"
            dayfirst = a > 12
            try:
                ts = pd.to_datetime(s, dayfirst=dayfirst)
            except (ValueError, OverflowError):
                return None, "unparseable"
        else:
            try:
                ts = pd.Timestamp(s) if _ISO_DATE_RE.match(s) else pd.to_datetime(s, format="mixed")
            except (ValueError, OverflowError, TypeError):
                return None, "unparseable"
    if ts is pd.NaT or pd.isna(ts):
        return None, "unparseable"
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    if not 1800 <= ts.year <= 2100:
        return None, "unparseable"
    return ts, None


def _reason_kind(reason: str) -> str:
    """The reason without record-specific detail, for counting."""
    return re.split(r"[(:]", reason, maxsplit=1)[0].strip()


def _describe_reject(r: dict[str, Any]) -> str:
    where = r["source"] if r["record"] in ("", None) else f"{r['source']}, record {r['record']}"
    return f"{where}: {r['reason']}"


def _clip(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[:n] + "..."


# --------------------------------------------------------------------------------------------
# describing a loaded corpus (the corpus-overview report)
# --------------------------------------------------------------------------------------------

UNKNOWN_OUTLET = "(outlet unknown)"


def count_by_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet, largest first: columns ``outlet``, ``n_articles``, ``share``.
    Articles without an outlet are counted as "(outlet unknown)"."""
    outlets = articles["outlet"].astype("string").fillna(UNKNOWN_OUTLET)
    counts = outlets.value_counts().rename_axis("outlet").reset_index(name="n_articles")
    counts["outlet"] = counts["outlet"].astype(str)
    counts["share"] = counts["n_articles"] / max(len(articles), 1)
    return counts


def count_by_month(articles: pd.DataFrame) -> pd.DataFrame:
    """Dated articles per month and outlet: columns ``month`` ("YYYY-MM"), ``outlet``,
    ``n_articles``. Articles without a date are left out (``count_undated`` counts them)."""
    dated = articles[articles["date"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=["month", "outlet", "n_articles"])
    month = dated["date"].dt.to_period("M").astype(str)
    outlet = dated["outlet"].astype("string").fillna(UNKNOWN_OUTLET).astype(str)
    counts = (pd.DataFrame({"month": month, "outlet": outlet})
              .value_counts().rename("n_articles").reset_index())
    return counts.sort_values(["month", "outlet"]).reset_index(drop=True)


def article_lengths(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: ``article_id``, ``outlet``, ``n_words``, ``n_paragraphs``."""
    from .text import count_words

    return pd.DataFrame({
        "article_id": articles["article_id"],
        "outlet": articles["outlet"].astype("string").fillna(UNKNOWN_OUTLET),
        "n_words": [count_words(t) for t in articles["text"]],
        "n_paragraphs": [len([p for p in t.split("\n\n") if p.strip()]) for t in articles["text"]],
    })


def duplicates_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles flagged as exact duplicates: ``article_id``, ``duplicate_of``, ``outlet``,
    ``date``, ``title``, ``source``."""
    cols = ["article_id", "duplicate_of", "outlet", "date", "title", "source"]
    return articles.loc[articles["is_duplicate"], cols].reset_index(drop=True)
