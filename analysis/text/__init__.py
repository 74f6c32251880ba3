"""Text primitives shared by every stage (re-exported here; each lives in one module):

- ``tokens``: every word and token pattern (``WORD_RE``, ``word_re``, ``tokenize``,
  ``iter_word_spans``, ``count_words``, the quote rules' and sentiment features' tokens);
- ``sentences``: the one sentence splitter, ``sentence_spans``;
- ``words``: word lists as resource files (``word_list``, ``stopwords``, ``pronouns``);
- ``unicode``: NFC with offsets, CJK letters;
- ``terms``: term lexicons and term matching (``load_terms`` ... ``find_terms``).

Offsets are 0-based, end-exclusive character offsets into the text, as everywhere in the suite.
"""

from __future__ import annotations

from .sentences import ABBREVIATIONS, sentence_spans
from .terms import CompiledTerms, compile_terms, find_terms, load_terms, resolve_terms, term_pattern
from .tokens import WORD_RE, count_words, iter_word_spans, tokenize, word_re
from .unicode import NfcOffsets, is_cjk, nfc, nfc_with_offsets
from .words import pronouns, read_word_list, stopwords, word_list

__all__ = [
    "ABBREVIATIONS", "CompiledTerms", "NfcOffsets", "WORD_RE", "compile_terms", "count_words",
    "find_terms", "is_cjk", "iter_word_spans", "load_terms", "nfc", "nfc_with_offsets", "pronouns",
    "read_word_list", "resolve_terms", "sentence_spans", "stopwords", "term_pattern", "tokenize",
    "word_list", "word_re",
]
