"""Text utilities shared by every stage: words, sentences, paragraphs, stop words.

Offsets are 0-based, end-exclusive character offsets into the text, as everywhere in the suite.
Term lexicons and term matching also live here (see ``load_terms`` / ``find_terms``): terms are
Unicode NFC, a text is matched in its NFC form with the offsets mapped back to the text as
given (an NFD "Cafe\u0301" matches "Café"), and terms written in Chinese, Japanese or Korean
script match without word boundaries (those scripts do not put spaces between words).
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from functools import lru_cache
from typing import Iterator

from . import config

# Combining marks (accents written separately, Indic vowel signs) belong to the word they follow.
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff" \
         "\u0e31-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD_RE = re.compile(rf"(?:[^\W\d_]|[{_MARKS}])+(?:['’\-](?:[^\W\d_]|[{_MARKS}])+)*", re.UNICODE)
# The same words for texts without combining marks (most), twice as fast.
_PLAIN_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_HAS_MARK_RE = re.compile(f"[{_MARKS}]")
# The same words for texts whose only non-ASCII characters are typographic punctuation (curly
# quotes, dashes, ellipsis, no-break space): ASCII letter classes are faster again.
_ASCII_WORD_RE = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*")
_NON_ASCII_WORDISH_RE = re.compile("[^\x00-\x7f‘’“”–—…\u00a0\u2009\u200b]")


def word_re(text: str) -> re.Pattern:
    """The word pattern for ``text``: ``WORD_RE``, or a faster equivalent when the text has no
    combining marks (``_PLAIN_WORD_RE``) or no non-ASCII letters at all (``_ASCII_WORD_RE``)."""
    if text.isascii() or not _NON_ASCII_WORDISH_RE.search(text):
        return _ASCII_WORD_RE
    return WORD_RE if _HAS_MARK_RE.search(text) else _PLAIN_WORD_RE

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and
# an upper-case letter, digit or opening quote; or at a paragraph break. Common abbreviations
# (Mr., Gen., U.S.) and initials do not end a sentence.
_SENT_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col sgt capt adm cmdr gov sen rep st jr sr inc corp co ltd no vs
jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc rev ft mt fig est
""".split())


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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, leading/trailing whitespace excluded.

    A rule-based splitter tuned for news prose: it does not split after common abbreviations
    ("Mr.", "Gen.", "U.S.") or single initials, and always splits at paragraph breaks.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        if m.group(0).strip():
            # the word before the period: an abbreviation or an initial is no sentence end
            before = text[max(start, m.start() - 12):m.start() + 1]
            last = re.findall(r"[\w.]+\.?$", before)
            token = last[0].rstrip(".").lower() if last else ""
            if m.group(0).startswith(".") and (token in _ABBREVIATIONS or len(token) == 1):
                continue
        _append_span(text, start, end, spans)
        start = end
    _append_span(text, start, len(text), spans)
    return spans


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start + (len(chunk) - len(chunk.lstrip()))
        spans.append((s, s + len(stripped)))


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see ``sentence_spans``)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (blocks separated by blank lines or single newlines)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text or "")]


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """English stop words from ``resources/stopwords_en.txt`` (lower case)."""
    return frozenset(read_word_list(config.RESOURCES_DIR / "stopwords_en.txt"))


def read_word_list(path) -> list[str]:
    """Lines of a resource word list, without blank lines and ``#`` comments."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return out


# --------------------------------------------------------------------------------------------
# term lexicons and term matching
# --------------------------------------------------------------------------------------------

#: Between the words of a term: spaces (line breaks included) or a hyphen/dash.
_TERM_GAP = r"(?:\s*[-\u2010\u2011\u2012\u2013]\s*|\s+)"
#: After the last word: an optional possessive ('s, s', ’s).
_POSSESSIVE = r"(?:['\u2019]s?)?"
#: Han (with extensions and compatibility ideographs), Hiragana, Katakana (and half-width),
#: Hangul syllables and jamo, the iteration marks: scripts written without spaces between words.
_CJK_CHARS = ("\u1100-\u11ff\u3005-\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
              "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f"
              "\U00020000-\U0003134f")
_CJK_RE = re.compile(f"[{_CJK_CHARS}]")


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed: "e\u0301" -> "é")."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def is_cjk(char: str) -> bool:
    """Is ``char`` a Chinese, Japanese or Korean letter (Han, Hiragana, Katakana, Hangul)?"""
    return bool(char) and _CJK_RE.fullmatch(char) is not None


def load_terms(path: "str | os.PathLike[str] | None" = None) -> dict[str, tuple[str, ...]]:
    """The term lexicon: ``{term: (variant, ...)}`` from ``path`` (a ``.tsv`` file or a folder of
    them; default ``resources/terms/``). Each line is ``term<TAB>variant | variant | ...``
    (variants optional); the term itself is always its first variant. A variant written
    ``re:PATTERN`` is a raw regular expression. Raises ``ValueError`` naming the file and line of
    a malformed entry."""
    from pathlib import Path

    path = Path(path) if path is not None else config.RESOURCES_DIR / "terms"
    files = sorted(path.glob("*.tsv")) if path.is_dir() else [path]
    if not files:
        raise ValueError(f"no term lexicon (*.tsv) found in {path}")
    lexicon: dict[str, tuple[str, ...]] = {}
    for file in files:
        lexicon.update(_read_term_file(file))
    return lexicon


def _read_term_file(file: "os.PathLike[str]") -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    with open(file, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            term, _, rest = nfc(line.rstrip("\n")).partition("\t")
            term = term.strip()
            if not term:
                raise ValueError(f"{file}, line {n}: empty term")
            variants = [v.strip() for v in rest.split("|") if v.strip()]
            for v in variants:
                if v.startswith("re:"):
                    _check_regex(v[3:], where=f"{file}, line {n}")
            out[term] = tuple(dict.fromkeys([term, *variants]))
    return out


def _check_regex(pattern: str, *, where: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{where}: bad regular expression {pattern!r}: {exc}") from exc


def term_pattern(phrase: str) -> str:
    """The regular expression (no groups) matching ``phrase`` with the variant rules of every
    term: any case (an all-capital word such as "NATO" keeps its case), the plural of the last
    word (-s, -es, y -> -ies), a possessive ('s, s'), a hyphen or space(s) between words, and
    word boundaries on both sides. ``re:PATTERN`` is taken as it is (case-insensitive). The
    phrase is taken in NFC. A phrase that starts (ends) with a Chinese, Japanese or Korean
    letter has no word boundary at its start (end), and a last word in those scripts no plural
    or possessive: "颜色革命" matches inside unspaced Chinese."""
    phrase = nfc(phrase.strip())
    if phrase.startswith("re:"):
        return rf"(?<!\w)(?i:{phrase[3:]})(?!\w)"
    words = [w for w in re.split(r"[\s\-\u2010-\u2013]+", phrase) if w]
    if not words:
        raise ValueError(f"empty term {phrase!r}")
    cjk_end = is_cjk(words[-1][-1])
    last = re.escape(words[-1]) if cjk_end else _last_word_pattern(words[-1])
    parts = [_word_pattern(w) for w in words[:-1]] + [last]
    head = "" if is_cjk(words[0][0]) else r"(?<!\w)"
    tail = "" if cjk_end else _POSSESSIVE + r"(?!\w)"
    return head + _TERM_GAP.join(parts) + tail


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _word_pattern(word: str) -> str:
    return re.escape(word) if _is_acronym(word) else f"(?i:{re.escape(word)})"


def _last_word_pattern(word: str) -> str:
    if _is_acronym(word):
        return re.escape(word) + "s?"
    low = word.lower()
    if re.search(r"[^aeiou]y$", low):
        return f"(?i:{re.escape(word[:-1])}(?:y|ies))"
    if re.search(r"(?:s|x|z|ch|sh)$", low):
        return f"(?i:{re.escape(word)}(?:es)?)"
    return f"(?i:{re.escape(word)}(?:s|es)?)"


def resolve_terms(terms: str | list[str] | tuple[str, ...], *,
                  lexicon: dict[str, tuple[str, ...]] | None = None) -> dict[str, tuple[str, ...]]:
    """``{term: variants}`` for the user's ``terms`` (a string or a list): a lexicon entry (any
    case, or any surface form its variants match, e.g. "Colour Revolutions") brings its variants;
    any other phrase is a term of its own, matched with the same variant rules."""
    if isinstance(terms, str):
        terms = [terms]
    lexicon = load_terms() if lexicon is None else lexicon
    by_lower = {k.lower(): k for k in lexicon}
    out: dict[str, tuple[str, ...]] = {}
    for phrase in terms:
        phrase = nfc(str(phrase).strip())
        if not phrase:
            raise ValueError("empty term in terms")
        entry = by_lower.get(phrase.lower()) or _entry_matching(phrase, lexicon)
        if entry is not None:
            out[entry] = lexicon[entry]
        else:
            out.setdefault(phrase, (phrase,))
    return out


def _entry_matching(phrase: str, lexicon: dict[str, tuple[str, ...]]) -> str | None:
    for entry, variants in lexicon.items():
        if any(re.fullmatch(term_pattern(v), phrase) for v in variants):
            return entry
    return None


def _variant_body(variant: str) -> tuple[str, bool]:
    """``(body, bounded)``: ``term_pattern(variant)`` without its leading boundary and case
    scoping (the alternative used inside the one case-insensitive alternation of
    ``compile_terms``), and whether it had that leading word boundary (not for a variant that
    starts with a CJK letter)."""
    pattern = term_pattern(variant)
    bounded = pattern.startswith(r"(?<!\w)")
    if bounded:
        pattern = pattern[len(r"(?<!\w)"):]
    return pattern.replace("(?i:", "(?:"), bounded


@lru_cache(maxsize=64)
def _compiled_terms(items: tuple[tuple[str, tuple[str, ...]], ...]) -> "CompiledTerms":
    alternatives = []
    strict: dict[str, re.Pattern] = {}
    for i, (_, variants) in enumerate(items):
        for v in variants:
            group = f"t{i}_{len(alternatives)}"
            body, bounded = _variant_body(v)
            alternatives.append((len(v), not bounded, f"(?P<{group}>{body})"))
            if any(_is_acronym(w) for w in re.split(r"[\s\-\u2010-\u2013]+", v)) and not v.startswith("re:"):
                strict[group] = re.compile(term_pattern(v))
    # longer variants first, so that "regime change" wins over a shorter term at the same place
    alternatives.sort(key=lambda a: -a[0])
    # one case-insensitive pass with the word boundary factored out is >10x faster than scoped
    # flags per alternative; acronym variants are then checked for their case. Variants that
    # start with a CJK letter (no boundary) form a second branch: no variant of the first
    # branch can match where one of them starts, so the order between the two does not matter
    spaced = "|".join(a for _, cjk, a in alternatives if not cjk)
    unspaced = "|".join(a for _, cjk, a in alternatives if cjk)
    branches = ([r"(?<!\w)(?:" + spaced + ")"] if spaced else []) + (["(?:" + unspaced + ")"] if unspaced else [])
    pattern = re.compile("|".join(branches), re.IGNORECASE)
    return CompiledTerms(pattern, tuple(term for term, _ in items), strict)


class CompiledTerms(tuple):
    """``(pattern, term names, {group: case-sensitive pattern of an acronym variant})``."""

    def __new__(cls, pattern: re.Pattern, names: tuple[str, ...], strict: dict[str, re.Pattern]):
        return super().__new__(cls, (pattern, names, strict))


def compile_terms(terms: str | list[str] | tuple[str, ...], *,
                  lexicon: dict[str, tuple[str, ...]] | None = None) -> CompiledTerms:
    """One compiled alternation for all ``terms`` (see ``resolve_terms``), the term names and the
    case checks of acronym variants: a match's ``lastgroup`` ``t<i>_<j>`` names term ``i``. One
    pass over a text finds every term (pass the result to ``find_terms`` in a loop)."""
    resolved = resolve_terms(terms, lexicon=lexicon)
    if not resolved:
        raise ValueError("no terms given: pass a lexicon entry or a phrase, e.g. ['color revolution']")
    return _compiled_terms(tuple(resolved.items()))


def find_terms(text: str, terms: "str | list[str] | tuple[str, ...] | CompiledTerms", *,
               lexicon: dict[str, tuple[str, ...]] | None = None) -> list[tuple[str, str, int, int]]:
    """Every occurrence of ``terms`` in ``text`` as ``(term, match, start, end)``, in text order,
    non-overlapping; ``term`` is the lexicon entry (or the user's phrase), ``match`` the surface
    form. ``terms`` may also be the result of ``compile_terms`` (faster in a loop)."""
    compiled = terms if isinstance(terms, CompiledTerms) else compile_terms(terms, lexicon=lexicon)
    pattern, names, strict = compiled
    text = text or ""
    normalized, offsets = nfc_with_offsets(text)
    out = []
    for m in pattern.finditer(normalized):
        group = m.lastgroup
        if group in strict and not strict[group].fullmatch(m.group(0)):
            continue
        start, end = m.start(), m.end()
        if offsets is not None:
            start, end = offsets.to_original(start, end)
        out.append((names[int(group[1:].split("_", 1)[0])], text[start:end], start, end))
    return out


# --------------------------------------------------------------------------------------------
# NFC with offsets into the text as given
# --------------------------------------------------------------------------------------------

# a character and the combining marks (and Hangul vowel/final jamo, kana voicing marks) after it
_CLUSTER_RE = re.compile(f"(?s).[{_MARKS}\u1160-\u11ff\u3099\u309a]*")
# the parts of a text NFC may change: a non-ASCII run and the character before it
_NON_ASCII_RUN_RE = re.compile(r"(?s).?[^\x00-\x7f]+")


class NfcOffsets:
    """Offsets of an NFC text mapped back to the text it was made from: the changed pieces
    ``(nfc_start, nfc_end, start, end)`` in order; elsewhere the two differ by a constant."""

    def __init__(self, changes: list[tuple[int, int, int, int]]):
        self.changes = changes
        self._starts = [c[0] for c in changes]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text behind ``nfc[start:end]`` (a piece cut by the span is
        taken whole)."""
        return self._map(start, is_end=False), self._map(end, is_end=True)

    def _map(self, pos: int, *, is_end: bool) -> int:
        """The original offset of NFC offset ``pos`` (a start or an end)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        ns, ne, os_, oe = self.changes[i]
        if pos == ns:
            return os_
        if pos < ne:
            return oe if is_end else os_
        return oe + (pos - ne)


def nfc_with_offsets(text: str) -> tuple[str, NfcOffsets | None]:
    """``(NFC text, offset map back to text)``; the map is None when ``text`` is NFC already
    (the usual case: ``corpus.load_articles`` normalises at load time). Only non-ASCII runs are
    looked at, one character with its combining marks at a time (a run whose characters
    compose across those pieces, e.g. Hangul jamo, is one piece)."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    changes: list[tuple[int, int, int, int]] = []
    last = 0
    out_len = 0
    for run in _NON_ASCII_RUN_RE.finditer(text):
        s, e = run.span()
        chunk = run.group()
        if unicodedata.is_normalized("NFC", chunk):
            continue
        parts.append(text[last:s])
        out_len += s - last
        pieces = [(m.start(), m.end()) for m in _CLUSTER_RE.finditer(chunk)]
        normal = [unicodedata.normalize("NFC", chunk[a:b]) for a, b in pieces]
        if "".join(normal) != unicodedata.normalize("NFC", chunk):
            pieces, normal = [(0, len(chunk))], [unicodedata.normalize("NFC", chunk)]
        for (a, b), piece in zip(pieces, normal):
            if piece != chunk[a:b]:
                changes.append((out_len, out_len + len(piece), s + a, s + b))
            parts.append(piece)
            out_len += len(piece)
        last = e
    parts.append(text[last:])
    return "".join(parts), NfcOffsets(changes)
