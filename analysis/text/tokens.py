r"""Every word and token pattern of the run-time code, one place, each named for what it is for.

- Words for counting and term statistics (``WORD_RE`` and its faster equivalents, chosen per
  text by ``word_re``; ``tokenize``, ``iter_word_spans``, ``count_words``): letters with inner
  apostrophes and hyphens, numbers dropped. The unit of article length, quote share, top terms,
  keyness and the frame lexicon.
- ``SPEAKER_TOKEN_RE``: the tokens the quote-extraction rules read around a reporting cue.
- ``FEATURE_TOKEN_RE``: the tokens of the target-sentiment model's features.
- ``FILTER_TOKEN_RE``: the tokens of the quote filter's features (ASCII words, punctuation).
- ``CAPITALISED_WORD_RE``: capitalised words of three or more characters (speaker names).
- ``NON_SPACE_RUN_RE``: runs of non-space characters (``str.split()`` words, without the copy).

(The evaluation scorers keep their own patterns: those mirror the external scorers.)

Offsets are 0-based, end-exclusive character offsets into the text, as everywhere in the suite.
"""

from __future__ import annotations

import re
from typing import Iterator

from .unicode import COMBINING_MARKS

#: A word: letters (combining marks included) with inner apostrophes or hyphens ("don't",
#: "Jean-Luc"); digits and underscores are no part of a word.
WORD_RE = re.compile(rf"(?:[^\W\d_]|[{COMBINING_MARKS}])+(?:['’\-](?:[^\W\d_]|[{COMBINING_MARKS}])+)*",
                     re.UNICODE)
# The same words for texts without combining marks (most), twice as fast.
_PLAIN_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_HAS_MARK_RE = re.compile(f"[{COMBINING_MARKS}]")
# The same words for texts whose only non-ASCII characters are typographic punctuation (curly
# quotes, dashes, ellipsis, no-break space): ASCII letter classes are faster again.
_ASCII_WORD_RE = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*")
_NON_ASCII_WORDISH_RE = re.compile("[^\x00-\x7f‘’“”–—…\u00a0\u2009\u200b]")

#: The tokens of the quote-extraction rules: a word with inner periods, apostrophes or hyphens
#: ("U.S", "O'Brien", "al-Assad"; digits and underscores included), with its final period when
#: a capital follows (an abbreviation or initial: "Sen.", "J."), or one punctuation character.
SPEAKER_TOKEN_RE = re.compile(r"\w+(?:[.'’\-]\w+)*(?:\.(?=\s*[A-Z]))?|[^\w\s]")

#: The tokens of the target-sentiment features: a word with inner apostrophes or hyphens (digits
#: and underscores included), or one punctuation character.
FEATURE_TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")

#: The quote filter's context tokens: ASCII words (with one apostrophe suffix: "don't",
#: "Trump's") and single punctuation marks; the filter model's features are built on them
FILTER_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|[^\w\s]")

#: A capitalised word of at least three characters (letters, digits, apostrophes, hyphens after
#: the capital): the name words by which speakers are matched.
CAPITALISED_WORD_RE = re.compile(r"[A-Z][\w'’\-]{2,}")

#: A run of non-space characters: the words of ``str.split()``, found without copying the text.
NON_SPACE_RUN_RE = re.compile(r"\S+")


def word_re(text: str) -> re.Pattern:
    """The word pattern for ``text``: ``WORD_RE``, or a faster equivalent when the text has no
    combining marks (``_PLAIN_WORD_RE``) or no non-ASCII letters at all (``_ASCII_WORD_RE``)."""
    if text.isascii() or not _NON_ASCII_WORDISH_RE.search(text):
        return _ASCII_WORD_RE
    return WORD_RE if _HAS_MARK_RE.search(text) else _PLAIN_WORD_RE


def tokenize(text: str, *, lower: bool = True) -> list[str]:
    """Words of ``text`` (letters, inner apostrophes and hyphens; numbers dropped)."""
    text = text or ""
    return word_re(text).findall(text.lower() if lower else text)


def iter_word_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every word of ``text``."""
    text = text or ""
    for m in word_re(text).finditer(text):
        yield m.start(), m.end()


def count_words(text: str) -> int:
    """Number of words in ``text`` (the unit of quote share and article length)."""
    text = text or ""
    return len(word_re(text).findall(text))
