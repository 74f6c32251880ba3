"""Shared record types: the column contracts of the tables that flow between stages, the labels
and errors every module shares, and the ``by`` contract of the grouped summaries.

See DESIGN.md ("The tables that flow between stages"). Character offsets are 0-based,
end-exclusive, into the article's ``text``. Tables may carry more columns than listed here;
these names and meanings are the contract notebooks, tests and users rely on.

Grouped summaries (``quotes.quote_share``, ``framing.cue_verb_profile``,
``sentiment.summarize_mentions``...) share one shape: ``f(primary_table, *, articles=None,
by=...)``. ``by`` is a column name, a sequence of column names (one group per combination of
their values) or None (the whole table as one group); ``group_keys`` reads it. A missing group
value is labelled ``UNKNOWN_GROUP`` wherever a summary or chart labels it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: corpus.load_articles
ARTICLE_COLUMNS = ("article_id", "outlet", "date", "title", "text", "url", "source")
ARTICLE_OPTIONAL_COLUMNS = ("lede", "caption", "authors", "language", "is_duplicate")

#: quotes.extract_quotes
QUOTE_COLUMNS = (
    "article_id", "quote_id", "start", "end", "quote", "kind", "speaker", "speaker_mention",
    "speaker_start", "speaker_end", "speaker_title", "cue", "n_words", "speaker_type", "speaker_id",
)
QUOTE_KINDS = ("direct", "mixed", "indirect")
#: the ``speaker_type`` of a quotes row (``quotes.identity.speaker_type``): a named person, an
#: organisation (also outlets and countries), an unnamed group of people, a document (a report,
#: a statement), or unknown (no speaker, a pronoun, an unnamed individual, no source at all)
SPEAKER_TYPES = ("person", "organisation", "group", "document", "unknown")

#: quotes.quote_share (after the ``by`` columns)
SHARE_COLUMNS = ("speaker", "n_quotes", "n_words", "share")

#: sentiment.term_sentiment
MENTION_COLUMNS = (
    "article_id", "term", "match", "start", "end", "sentence", "voice", "speaker",
    "quote_kind", "polarity", "label",
)
LABELS = ("negative", "neutral", "positive")


#: The label of a missing group value (an article without an outlet...) in tables and charts.
UNKNOWN_GROUP = "(unknown)"
#: The label of statements without a known speaker where a table lists them
#: (``quotes.top_speakers(include_unknown=True)``).
UNKNOWN_SPEAKER = "(unknown speaker)"


class InsufficientDataError(ValueError):
    """The corpus cannot support this analysis or chart: too few articles, fewer than two
    groups, no mentions, no quotes... The message says what is missing. Reports show it as a
    note (``report.attempt``); any other error is a bug and fails the report."""


class CorpusError(ValueError):
    """A corpus file or record that cannot be loaded. The message names the file, the record
    (line or row number, 1-based) and the problem."""

    def __init__(self, source: str, record: int | str | None, reason: str):
        self.source = str(source)
        self.record = record
        self.reason = reason
        where = self.source if record in (None, "") else f"{self.source}, record {record}"
        super().__init__(f"{where}: {reason}")


def check_columns(df, required, *, what: str) -> None:
    """Raise ``ValueError`` naming the missing columns when ``df`` lacks any of ``required``."""
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {missing}; got {list(df.columns)}")


# --------------------------------------------------------------------------------------------
# groups: the ``by`` argument of the grouped summaries
# --------------------------------------------------------------------------------------------

def group_keys(by: str | Sequence[str] | None) -> list[str]:
    """The group columns ``by`` names: ``[]`` for None (the whole table), ``[by]`` for a column
    name, the names of a sequence in order. Anything else raises ``TypeError``."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    if not isinstance(by, Sequence) or not all(isinstance(k, str) for k in by):
        raise TypeError(f"by must be a column name, a sequence of column names or None; got {by!r}")
    return list(by)


def fill_unknown(values: pd.Series) -> pd.Series:
    """A group column as strings, a missing value labelled ``UNKNOWN_GROUP``."""
    return values.astype("string").fillna(UNKNOWN_GROUP)


def fill_unknown_groups(df: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """A copy of ``df`` whose ``keys`` columns are strings, a missing value labelled
    ``UNKNOWN_GROUP`` (``fill_unknown`` on each)."""
    return df.assign(**{key: fill_unknown(df[key]) for key in keys})


#: what joins the values of several group columns into one label ("Sputnik · attributed")
GROUP_SEPARATOR = " · "


def group_label(df: pd.DataFrame, keys: Sequence[str], *, unknown: str | None = UNKNOWN_GROUP,
                sep: str = GROUP_SEPARATOR) -> pd.Series:
    """One string label per row for the group of ``keys``: the values joined by ``sep``
    ("Sputnik · attributed"). A missing value reads ``unknown``; with ``unknown=None`` the label
    of such a row is NA (the row is in no group)."""
    parts = [df[k].astype("string") if unknown is None else fill_unknown(df[k]) for k in keys]
    label = parts[0]
    for part in parts[1:]:
        label = label + sep + part
    return label


def with_groups(table: pd.DataFrame, keys: Sequence[str], *, articles: pd.DataFrame | None,
                what: str) -> pd.DataFrame:
    """``table`` with every group column of ``keys``: its own, else the column of ``articles``
    (merged on ``article_id``, the first row of each article; ``table`` is then re-indexed
    from 0). ``ValueError`` names the columns found in neither table."""
    missing = [k for k in keys if k not in table.columns]
    if not missing:
        return table
    if articles is None:
        raise ValueError(f"{what}: by column(s) {missing} are not in the table; pass articles= "
                         "to merge them from the articles table")
    check_columns(table, ("article_id",), what=what)
    check_columns(articles, ["article_id", *missing], what=f"{what} articles")
    return table.merge(articles[["article_id", *missing]].drop_duplicates("article_id"),
                       on="article_id", how="left")


class ModelNotFoundError(FileNotFoundError):
    """A model file (the shipped one or one given by path) that does not exist. The message names
    the path and how to build the file."""


def require_model_file(path: Path, *, what: str, build: str) -> Path:
    """``path`` when it is a file, else ``ModelNotFoundError`` naming it (``what``: the model,
    ``build``: the command that builds it)."""
    if not path.is_file():
        raise ModelNotFoundError(f"{what} not found: {path}; build it with `{build}`")
    return path


def load_json_model(path: Path, *, what: str, build: str, fields: tuple[str, ...]) -> dict:
    """The JSON model file at ``path`` (a plain dict: no pickle), read once per file and
    modification time: ``ModelNotFoundError`` naming it when it is missing
    (``require_model_file``), ``ValueError`` when it lacks one of ``fields``."""
    p = require_model_file(path, what=what, build=build)
    return _read_json_model(str(p), p.stat().st_mtime_ns, fields)


@lru_cache(maxsize=8)
def _read_json_model(path: str, mtime_ns: int, fields: tuple[str, ...]) -> dict:
    with open(path, encoding="utf-8") as fh:
        model = json.load(fh)
    for key in fields:
        if key not in model:
            raise ValueError(f"{path}: model file lacks {key!r}")
    return model
