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

Extra input columns are kept; a value that is a list or an object is stored as JSON text, an
integer too long for a number as text, and a column mixing types (numbers and strings) as
text, so the table can always be written to Parquet. A repeated column name gets ``_2``
(a second ``text`` column becomes ``text_2``; the first is the text).

Formats (by name): ``.jsonl``/``.ndjson``, ``.json``, ``.csv``, ``.tsv``, ``.parquet``, ``.txt``
(scraped page or plain text) and ``.html``/``.htm``, each optionally compressed (``.gz``,
``.bz2``, ``.xz``: ``x.jsonl.gz``), and ``.zip`` archives (members read by their own names,
``source`` = ``archive.zip/member:record``), all streamed, nothing extracted to disk. Folders
are searched recursively, following links to folders (each real folder read once); a glob that
matches a folder searches it the same way. Hidden files and folders are ignored; files of
another type (README.md, images) are not read and are listed in ``attrs["skipped_files"]``. A
file named explicitly must have a readable type.

CSV/TSV are parsed one record at a time: a bare CR inside a field is data; a row with broken
quoting (an unclosed quote, text after a closing quote) is read again as its line alone,
without quoting (TSV exports often leave a field starting with ``"`` unquoted), then with
lenient quoting, and rejected with its line number when neither gives the header's field
count; reading goes on at the next line, so an unclosed quote never swallows the file.

Encodings: UTF-8 with or without BOM (also UTF-16/32 with BOM); otherwise the encoding
charset-normalizer finds with confidence (KOI8-R, cp1250/ISO-8859-2, Greek, GBK, Shift-JIS,
EUC-KR, MacRoman, cp1251, cp1252...), or cp1251/cp1252 when every word reads cleanly. With no
confident answer a page is rejected naming ``encoding=``, and a JSON Lines/CSV file is read as
UTF-8 with each line that is not valid UTF-8 rejected (never a guess, never mojibake).
``encoding=`` forces any Python codec. One undecodable line is one rejected record.

Text repair, the same for every format and field (``repair.py``): lone surrogates become U+FFFD;
mojibake (``cafÃ©``, ``â€œ``) is decoded back with ftfy; stray C1 controls become their cp1252
characters (``\\x96`` -> "–") or are removed when cp1252 has none (``\\x9d``); other control
characters are removed; U+2028/U+2029 become line/paragraph breaks; every string is normalised
to Unicode NFC (a decomposed "é" matches a composed search term). Normal text is never touched.
``articles.attrs["repairs"]`` counts the records repaired per kind. Binary content (a NUL, many
control characters) is rejected, not repaired.

Errors: with ``errors="raise"`` (default) the first problem raises :class:`CorpusError` naming the
file, the record and the problem. With ``errors="skip"`` loading goes on and every skipped record
is listed in ``articles.attrs["rejects"]`` (a list of ``{"source", "record", "reason"}``; see
:func:`rejects_table`), and one warning summarises them. A file that cannot be read at all (bad
encoding, binary, empty, no text column, no permission, corrupt archive) and a folder that
cannot be listed count as one rejected record with ``record`` empty; a truncated compressed
file keeps the records read before the cut.
``articles.attrs["records_read"] == len(articles) + len(articles.attrs["rejects"])`` always.
An input with no article and no rejected record raises ``CorpusError`` (with
``errors="skip"``: a warning). ``articles.attrs["date_problems"]`` counts why dates are NA
(``{"missing": n, "unparseable": n, "ambiguous day/month": n}``).
"""

from __future__ import annotations

from ..schema import CorpusError
from .dates import parse_date
from .describe import (UNKNOWN_OUTLET, article_lengths, count_by_month, count_by_outlet,
                       duplicates_table, list_articles)
from .encoding import ENCODINGS, decode_bytes, detect_encoding
from .formats import COLUMN_ALIASES, SUPPORTED_SUFFIXES
from .load import iter_articles, load_articles, rejects_table, resolve_paths, summarize_load
from .pages import parse_html_page, parse_text_page
from .sources import corpus_reach, find_overlap

__all__ = [
    "COLUMN_ALIASES", "ENCODINGS", "SUPPORTED_SUFFIXES", "UNKNOWN_OUTLET", "CorpusError",
    "article_lengths", "corpus_reach", "find_overlap", "count_by_month", "count_by_outlet", "decode_bytes", "detect_encoding",
    "duplicates_table", "iter_articles", "list_articles", "load_articles", "parse_date", "parse_html_page",
    "parse_text_page", "rejects_table", "resolve_paths", "summarize_load",
]
