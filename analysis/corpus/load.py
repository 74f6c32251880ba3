"""The loader: files and records -> the articles table (see the package docstring)."""

from __future__ import annotations

import glob as globmod
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from ..schema import ARTICLE_COLUMNS, CorpusError
from .dates import parse_date
from .encoding import decode_bytes
from .formats import COLUMN_ALIASES, SUPPORTED_SUFFIXES, _blank, _describe_reject, _Load, _reason_kind
from .ids import _IdRegistry
from .pages import _paragraphs
from .readers import _READERS, _STREAMED, _parquet_records, _streamed_records

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
