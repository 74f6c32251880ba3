"""Term lexicons and term matching: ``load_terms``, ``term_pattern``, ``resolve_terms``,
``compile_terms``, ``find_terms``.

Terms are Unicode NFC, a text is matched in its NFC form with the offsets mapped back to the text
as given (an NFD "Cafe\u0301" matches "Café"), and terms written in Chinese, Japanese or Korean
script match without word boundaries (those scripts do not put spaces between words).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from .. import config
from .unicode import is_cjk, nfc, nfc_with_offsets


#: Between the words of a term: spaces (line breaks included) or a hyphen/dash.
_TERM_GAP = r"(?:\s*[-\u2010\u2011\u2012\u2013]\s*|\s+)"
#: After the last word: an optional possessive ('s, s', ’s).
_POSSESSIVE = r"(?:['\u2019]s?)?"


def load_terms(path: "str | os.PathLike[str] | None" = None) -> dict[str, tuple[str, ...]]:
    """The term lexicon: ``{term: (variant, ...)}`` from ``path`` (a ``.tsv`` file or a folder of
    them; default ``resources/terms/``). Each line is ``term<TAB>variant | variant | ...``
    (variants optional); the term itself is always its first variant. A variant written
    ``re:PATTERN`` is a raw regular expression. Raises ``ValueError`` naming the file and line of
    a malformed entry."""
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
