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

from ..schema import CorpusError
from .dates import parse_date
from .describe import (UNKNOWN_OUTLET, article_lengths, count_by_month, count_by_outlet,
                       duplicates_table)
from .encoding import ENCODINGS, decode_bytes, detect_encoding
from .formats import COLUMN_ALIASES, SUPPORTED_SUFFIXES
from .load import iter_articles, load_articles, rejects_table, resolve_paths, summarize_load
from .pages import parse_html_page, parse_text_page

__all__ = [
    "COLUMN_ALIASES", "ENCODINGS", "SUPPORTED_SUFFIXES", "UNKNOWN_OUTLET", "CorpusError",
    "article_lengths", "count_by_month", "count_by_outlet", "decode_bytes", "detect_encoding",
    "duplicates_table", "iter_articles", "load_articles", "parse_date", "parse_html_page",
    "parse_text_page", "rejects_table", "resolve_paths", "summarize_load",
]
