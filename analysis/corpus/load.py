"""The loader: files and records -> the articles table (see the package docstring)."""

from __future__ import annotations

import lzma
import warnings
import zipfile
import zlib
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from ..schema import ARTICLE_COLUMNS, CorpusError
from .dates import parse_date
from .encoding import check_encoding_name
from .formats import (COLUMN_ALIASES, SUPPORTED_SUFFIXES, LoadState, clip, describe_reject, is_blank,
                      reason_kind)
from .ids import IdRegistry
from .pages import split_paragraphs
from .readers import CleanRecord, iter_records
from .repair import MIXED, repair_record
from .sources import COMPRESSED_SUFFIXES, find_inputs, open_inputs

_READ_ERRORS = (OSError, EOFError, ValueError, RecursionError, zipfile.BadZipFile,
                lzma.LZMAError, zlib.error)


def load_articles(source: str | Path | Iterable[str | Path], *, errors: str = "raise",
                  encoding: str | None = None) -> pd.DataFrame:
    """Load articles from ``source`` (a file, a folder searched recursively, a glob, or a list;
    files may be compressed or zip archives).

    Returns the articles table (columns in the package docstring). ``errors="raise"`` raises
    :class:`CorpusError` at the first bad file or record; ``errors="skip"`` lists each skipped
    record in ``attrs["rejects"]`` and warns once. ``encoding`` forces one text encoding
    (any Python codec name); by default UTF-8 (with or without BOM), else the encoding
    charset-normalizer finds with confidence, else an error. Repaired text is counted in
    ``attrs["repairs"]`` and files not read for their type are listed in
    ``attrs["skipped_files"]``. An input with no article and no rejected record raises
    ``CorpusError`` (``errors="skip"``: warns). For corpora larger than memory, use
    :func:`iter_articles`.
    """
    (articles,) = iter_articles(source, errors=errors, encoding=encoding, chunk_size=None)
    rejects = articles.attrs["rejects"]
    if rejects:
        warnings.warn(
            f"load_articles: {len(rejects)} of {articles.attrs['records_read']} records "
            f"skipped (listed in articles.attrs['rejects']); first: "
            f"{describe_reject(rejects[0])}", stacklevel=2)
    return articles


def iter_articles(source: str | Path | Iterable[str | Path], *, chunk_size: int | None = 10_000,
                  errors: str = "raise", encoding: str | None = None) -> Iterator[pd.DataFrame]:
    """Stream the articles table in chunks of at most ``chunk_size`` rows (None: one chunk).

    JSON Lines and CSV/TSV files (plain or compressed) are read line by line and Parquet files
    by row group, so memory stays bounded whatever the corpus size. Ids and duplicate flags are
    consistent across chunks. Each chunk's ``attrs`` hold the ``rejects`` found since the
    previous chunk, its ``records_read`` (rows + those rejects), ``date_problems``, ``repairs``
    and ``skipped_files`` (the first chunk): summed over the chunks, records read = rows +
    rejects. At least one (possibly empty) chunk is yielded; an input with no article and no
    rejected record raises ``CorpusError`` (``errors="skip"``: warns).
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
    if chunk_size is not None and chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, not {chunk_size}")
    check_encoding_name(encoding)
    found = find_inputs(source)
    state = LoadState(errors=errors)
    state.skipped_files.extend(found.skipped)
    ids = IdRegistry()
    for where, reason in found.problems:
        state.reject(where, None, reason)
    yielded = False
    for path in found.paths:
        for _ in _load_file(path, state, encoding=encoding):
            if chunk_size is not None and len(state.rows) >= chunk_size:
                yield _take_chunk(state, ids)
                yielded = True
    if state.n_articles == 0 and state.n_rejects == 0:
        _nothing_loaded(source, state)
    if state.rows or state.rejects or state.skipped_files or not yielded:
        yield _take_chunk(state, ids)


def _nothing_loaded(source: Any, state: LoadState) -> None:
    """An input that yields no article and no rejected record: raise (or warn when skipping)."""
    where = str(source) if isinstance(source, (str, Path)) else ", ".join(map(str, source))
    skipped = state.skipped_files
    reason = "no article found"
    if skipped:
        reason += (f"; {len(skipped)} file(s) of another type not read (e.g. "
                   f"{clip(Path(skipped[0]).name, 40)!r})")
    reason += (f"; readable types: {sorted(SUPPORTED_SUFFIXES)}, optionally compressed "
               f"{sorted(COMPRESSED_SUFFIXES)}, or .zip")
    if state.errors == "raise":
        raise CorpusError(where, None, reason)
    warnings.warn(f"load_articles: {where}: {reason}", stacklevel=3)


def _take_chunk(state: LoadState, ids: IdRegistry) -> pd.DataFrame:
    articles, date_problems = _finalize(state.rows, ids, state.repairs)
    articles.attrs["rejects"] = state.rejects
    articles.attrs["records_read"] = len(articles) + len(state.rejects)
    articles.attrs["date_problems"] = dict(date_problems)
    articles.attrs["repairs"] = dict(state.repairs)
    articles.attrs["skipped_files"] = state.skipped_files
    state.rows, state.rejects, state.skipped_files = [], [], []
    state.repairs = Counter()
    return articles


def rejects_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The skipped records of a ``load_articles(..., errors="skip")`` result as a table with
    columns ``source``, ``record``, ``reason`` (empty when nothing was skipped)."""
    return pd.DataFrame(articles.attrs.get("rejects", []), columns=["source", "record", "reason"])


def summarize_load(articles: pd.DataFrame) -> str:
    """A short text summary: records read, loaded, rejected (by reason), text repairs, files
    not read for their type, dates and duplicates."""
    rejects = rejects_table(articles)
    lines = [
        f"records read: {articles.attrs.get('records_read', len(articles))}",
        f"articles loaded: {len(articles)}",
        f"records rejected: {len(rejects)}",
    ]
    for reason, n in Counter(reason_kind(r) for r in rejects["reason"]).most_common():
        lines.append(f"  {n} x {reason}")
    repairs = articles.attrs.get("repairs", {})
    if repairs:
        lines.append("repairs (records, or columns, per kind):")
        for kind, n in sorted(repairs.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {n} x {kind}")
    skipped = articles.attrs.get("skipped_files", [])
    if skipped:
        shown = ", ".join(repr(Path(s).name) for s in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        lines.append(f"files not read (not an article format): {len(skipped)}: {shown}{more}")
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
    """The files ``source`` names, in a stable order. Folders are searched recursively (links
    to folders followed once) for the readable types (compressed files and zip archives
    included); a glob is expanded; a path that matches nothing raises ``FileNotFoundError``."""
    return find_inputs(source).paths


def _load_file(path: Path, state: LoadState, *, encoding: str | None) -> Iterator[None]:
    """Add the records of one file (each member of an archive) to ``state``, yielding after
    each one (for chunking). Any problem reading the file is a rejected record naming it."""
    name = str(path)
    try:
        for item in open_inputs(path, skipped=state.skipped_files):
            name = item.name
            try:
                for record, raw in iter_records(item, encoding=encoding, notes=state.repairs):
                    _add_record(raw, item.name, record, state)
                    yield
            except CorpusError as exc:
                state.reject(exc.source, exc.record, exc.reason)
            except _READ_ERRORS as exc:
                state.reject(item.name, None, _read_problem(exc))
    except CorpusError as exc:
        state.reject(exc.source, exc.record, exc.reason)
    except _READ_ERRORS as exc:
        state.reject(name, None, _read_problem(exc))


def _read_problem(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read file: {exc.strerror}"
    if isinstance(exc, (EOFError, zipfile.BadZipFile, lzma.LZMAError, zlib.error)):
        return f"corrupt or truncated compressed file: {exc}"
    return f"cannot read file: {exc}"


def _add_record(raw: Any, source: str, record: int | str, state: LoadState) -> None:
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
    try:
        row = repair_record(row, state.repairs, clean_text=type(raw) is CleanRecord)
    except ValueError as exc:
        state.reject(source, record, str(exc))
        return
    row["text"] = "\n\n".join(split_paragraphs(row["text"]))   # may be empty: kept, counted
    row["source"] = f"{source}:{record}"
    state.rows.append(row)
    state.n_articles += 1


def _map_columns(raw: dict[str, Any]) -> dict[str, Any]:
    """Rename the usual input column names to the articles table's; keep other columns."""
    row: dict[str, Any] = {}
    used: set[Any] = set()
    for target, keys in _column_plan(tuple(raw)):
        for key in keys:
            if key not in used and not is_blank(raw[key]):
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


@lru_cache(maxsize=256)
def _column_plan(keys: tuple[Any, ...]) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    """For the column names of a record: each target column and the input names that may fill
    it, in alias order (cached: the records of a file share their names)."""
    lower = {str(k).strip().lower(): k for k in keys}
    plan = ((target, tuple(lower[a] for a in aliases if a in lower))
            for target, aliases in COLUMN_ALIASES.items())
    return tuple((target, found) for target, found in plan if found)


def _finalize(rows: list[dict[str, Any]], ids: IdRegistry,
              repairs: Counter[str]) -> tuple[pd.DataFrame, Counter[str]]:
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
        df[col] = df[col].map(lambda v: pd.NA if is_blank(v) else str(v).strip()).astype("string")
    df["text"] = df["text"].astype(str)
    assigned = [ids.assign(given, text) for given, text in zip(df["article_id"], df["text"])]
    df["article_id"] = pd.Series([a for a, _ in assigned], index=df.index, dtype=object)
    df["duplicate_of"] = pd.array([d for _, d in assigned], dtype="string")
    df["is_duplicate"] = df["duplicate_of"].notna().astype(bool)
    front = list(ARTICLE_COLUMNS) + ["lede", "caption", "is_duplicate", "duplicate_of"]
    for col in df.columns:
        if col not in front and df[col].dtype == object and _mixed_types(df[col]):
            df[col] = df[col].map(lambda v: v if is_blank(v) else str(v))
            repairs[MIXED] += 1
    table = df[front + [c for c in df.columns if c not in front]].reset_index(drop=True)
    return table, Counter(problem for _, problem in parsed if problem)


_SAME_KIND = ({str}, {int}, {float}, {int, float}, {bool}, {bytes})


def _mixed_types(values: pd.Series) -> bool:
    """True when a column's values are not all of one Arrow-writable kind (e.g. numbers and
    strings): such a column is stored as text, so the table can be written to Parquet."""
    kinds = set(map(type, values)) - {type(None)}
    if len(kinds) <= 1 or kinds in _SAME_KIND:
        return False
    kinds = {type(v) for v in values if not is_blank(v)}
    return len(kinds) > 1 and kinds not in _SAME_KIND
