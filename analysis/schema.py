"""Shared record types: the column contracts of the tables that flow between stages.

See DESIGN.md ("The tables that flow between stages"). Character offsets are 0-based,
end-exclusive, into the article's ``text``. Tables may carry more columns than listed here;
these names and meanings are the contract notebooks, tests and users rely on.
"""

from __future__ import annotations

#: corpus.load_articles
ARTICLE_COLUMNS = ("article_id", "outlet", "date", "title", "text", "url", "source")
ARTICLE_OPTIONAL_COLUMNS = ("lede", "caption", "authors", "language", "is_duplicate")

#: one skipped record in articles.attrs["rejects"]
REJECT_COLUMNS = ("source", "record", "reason")

#: quotes.extract_quotes
QUOTE_COLUMNS = (
    "article_id", "quote_id", "start", "end", "quote", "kind", "speaker", "speaker_mention",
    "speaker_start", "speaker_end", "speaker_title", "cue", "n_words",
)
QUOTE_KINDS = ("direct", "mixed", "indirect")

#: quotes.quote_share (after the ``by`` columns)
SHARE_COLUMNS = ("speaker", "n_quotes", "n_words", "share")

#: sentiment.term_sentiment
MENTION_COLUMNS = (
    "article_id", "term", "match", "start", "end", "sentence", "voice", "speaker",
    "quote_kind", "polarity", "label",
)
VOICES = ("narration", "attributed")
LABELS = ("negative", "neutral", "positive")


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


class ModelNotFoundError(FileNotFoundError):
    """A model file (the shipped one or one given by path) that does not exist. The message names
    the path and how to build the file."""
