"""Input formats and column names the loader recognises, and the load state shared by the
readers (internal)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..schema import CorpusError

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


@dataclass
class LoadState:
    """Accumulates rows, rejects and date problems while loading (shared by the loader modules)."""

    errors: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    repairs: Counter[str] = field(default_factory=Counter)
    skipped_files: list[str] = field(default_factory=list)
    n_articles: int = 0
    n_rejects: int = 0

    def reject(self, source: str, record: int | str | None, reason: str) -> None:
        if self.errors == "raise":
            raise CorpusError(source, record, reason)
        self.rejects.append({"source": source, "record": "" if record is None else record,
                             "reason": reason})
        self.n_rejects += 1


def is_blank(value: Any) -> bool:
    """True for None, NaN/NA and empty or blank strings (lists and objects are not blank)."""
    if value is None or value is pd.NA:
        return True
    kind = type(value)
    if kind is str:
        return not value.strip()
    if kind is int or kind is bool or kind in (list, dict, tuple):
        return False
    if kind is float:
        return value != value
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def reason_kind(reason: str) -> str:
    """The reason without record-specific detail, for counting."""
    return re.split(r"[(:]", reason, maxsplit=1)[0].strip()


def describe_reject(r: dict[str, Any]) -> str:
    """A reject (``{"source", "record", "reason"}``) as one line: where, then why."""
    where = r["source"] if r["record"] in ("", None) else f"{r['source']}, record {r['record']}"
    return f"{where}: {r['reason']}"


def clip(s: str, n: int = 60) -> str:
    """``s`` cut to its first ``n`` characters plus "..." when longer (for error messages)."""
    return s if len(s) <= n else s[:n] + "..."
