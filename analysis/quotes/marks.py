"""Quote marks: pairing them into quotations (``find_quote_spans``) and masking the quoted
text so the rules read only the narration."""

from __future__ import annotations

import re

from .records import MARK_RE, PARA_RE, QUOTE_OPENERS


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in ``text``, marks included: double marks, or single
    marks in an article that quotes with them (British style, ``single_mark_spans``)."""
    if uses_single_marks(text):
        return single_mark_spans(text)
    return double_mark_spans(text)


# a single mark opening a quotation: at a word start, before a letter or "[" ("'90s" no);
# closing one: after a non-space, before a space, punctuation or the end (not "don't")
_SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘'](?=[^\W\d_]|\[)", re.M)
_SINGLE_MARK_RE = re.compile(r"[‘’']")


def uses_single_marks(text: str) -> bool:
    """Does the article quote with single marks ('...' or ‘...’) rather than double ones?
    More single opening marks than double marks, and two at least."""
    doubles = text.count('"') + text.count("“") + text.count("''")
    if text.count("‘") + text.count("'") <= max(1, doubles):
        return False        # (an upper bound, counted in C: most articles stop here)
    singles = sum(1 for m in _SINGLE_MARK_RE.finditer(text) if _SINGLE_OPEN_RE.match(text, m.start()))
    return singles >= 2 and singles > doubles


def single_mark_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the quotations of an article quoting with single marks, marks included.

    An opening mark starts a word; the closing one is a single mark that ends a word and is not
    followed by a letter ("don't", "it’s" are apostrophes; "parents' rights" a possessive):
    the first one after a punctuation mark (",’" ".’"), else the first one before the next
    opening mark ("Doctors' Hospital.'" closes at ".'"). A quote left open at a paragraph's end continues when the next paragraph
    opens with a mark, as with double marks; otherwise it is dropped."""
    spans: list[tuple[int, int]] = []
    paras = [(m.start(), m.end()) for m in PARA_RE.finditer(text)]
    carry: int | None = None
    for i, (ps, pe) in enumerate(paras):
        open_pos = carry
        carry = None
        close: int | None = None
        skip_first = open_pos is not None
        for m in _SINGLE_MARK_RE.finditer(text, ps, pe):
            pos = m.start()
            if skip_first and not text[ps:pos].strip():
                skip_first = False
                continue
            skip_first = False
            if open_pos is None:
                if _SINGLE_OPEN_RE.match(text, pos):
                    open_pos = pos
                    close = None
            elif _closes_single(text, pos, pe):
                if text[pos - 1] in ".,!?;:…":
                    spans.append((open_pos, pos + 1))
                    open_pos = None
                elif close is None:
                    close = pos     # "Doctors' Hospital." or the end: decided at the next mark
            elif close is not None and _SINGLE_OPEN_RE.match(text, pos):
                spans.append((open_pos, close + 1))     # a new quote opens: the first close
                open_pos = pos
                close = None
        if open_pos is not None and close is not None:
            spans.append((open_pos, close + 1))
            open_pos = None
        nxt = paras[i + 1][0] if i + 1 < len(paras) else None
        if open_pos is not None and nxt is not None and _SINGLE_OPEN_RE.match(text, nxt):
            carry = open_pos
    return spans


def _closes_single(text: str, pos: int, pe: int) -> bool:
    """Is the single mark at ``pos`` a closing quotation mark (not an apostrophe)?"""
    if pos == 0 or text[pos - 1].isspace():
        return False
    after = text[pos + 1] if pos + 1 < pe else " "
    if after.isalnum():
        return False        # "don't", "it’s"
    if text[pos - 1] == "s" and after == " " and pos + 2 < pe and text[pos + 2].islower() \
            and text[pos - 2:pos - 1].isalpha():
        return False        # "the parents' rights"
    return True


def double_mark_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in ``text`` quoted with double marks, marks included.

    Straight and curly double marks are paired within a paragraph. A quote left open at the end
    of a paragraph continues when the next paragraph opens with a quote mark (the convention for
    quotes running over paragraphs); otherwise it ends with its paragraph, and only when its
    opening mark looks like one (paragraph start or after ``,`` ``:`` or a dash). Stray marks are
    ignored, so a bad mark never swallows more than its paragraph.
    """
    spans: list[tuple[int, int]] = []
    paras = [(m.start(), m.end()) for m in PARA_RE.finditer(text)]
    carry: int | None = None
    for i, (ps, pe) in enumerate(paras):
        open_pos = carry
        skip_first = carry is not None
        carry = None
        for m in MARK_RE.finditer(text, ps, pe):
            pos, ch = m.start(), m.group()
            if ch == "''":
                ch = '"'
            if skip_first:
                skip_first = False
                if pos == ps or not text[ps:pos].strip():
                    continue
            if open_pos is None:
                if ch == "”" or (ch == '"' and _looks_closing(text, pos, m.end(), ps, pe)):
                    continue  # stray closing mark
                open_pos = pos
            elif ch == "“":
                open_pos = pos  # a second opening mark: the first one was stray
            else:
                spans.append((open_pos, m.end()))
                open_pos = None
        if open_pos is None:
            continue
        nxt = paras[i + 1][0] if i + 1 < len(paras) else None
        if nxt is not None and text.startswith(QUOTE_OPENERS, nxt):
            carry = open_pos
        elif _looks_opening_context(text, open_pos, ps) and pe - open_pos > 3:
            spans.append((open_pos, pe))
    return spans


def _looks_closing(text: str, pos: int, end: int, ps: int, pe: int) -> bool:
    before = text[pos - 1] if pos > ps else " "
    after = text[end] if end < pe else " "
    return not before.isspace() and before not in "([—–-:" and (after.isspace() or after in ".,;:!?)")


def _looks_opening_context(text: str, pos: int, ps: int) -> bool:
    before = text[ps:pos].rstrip()
    return not before or before[-1] in ",:—–-"


def _underscores(inner: str) -> str:
    """``NOT_NEWLINE_RE.sub("_", inner)``: every character but a newline as ``_``, built
    without a regex (one string of the same length per line)."""
    if "\n" not in inner:
        return "_" * len(inner)
    return "\n".join("_" * len(line) for line in inner.split("\n"))


def mask_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the inside of each quote replaced by ``_`` (the first and last character
    inside the marks and newlines are kept, so sentence and paragraph ends survive)."""
    parts, last = [], 0
    for s, e in spans:
        open_len = 2 if text.startswith("''", s) else 1
        single = text[s] in "‘'" and not text.startswith("''", s)
        close_len = 1 if single and text[e - 1] in "’'" else \
            2 if text.endswith("''", 0, e) else (1 if text[e - 1] in "”\"" else 0)
        inner_start, inner_end = s + open_len + 1, e - close_len - 1
        if inner_end <= inner_start:
            continue
        head = text[last:inner_start]
        if open_len == 2:  # '' -> ' "' so the sentence splitter sees an opening mark
            head = head[:-(open_len + 1)] + ' "' + head[-1]
        parts.append(head)
        parts.append(_underscores(text[inner_start:inner_end]))
        last = inner_end
        if close_len == 2:
            parts.append(text[inner_end])
            parts.append('" ')
            last = e
    parts.append(text[last:])
    return "".join(parts)


_DOUBLE_TO_SINGLE = {"“": "‘", "”": "’", '"': "'"}


def as_double_marks(text: str) -> str:
    """``text`` as the rules read it: in an article quoting with single marks (British style,
    ``uses_single_marks``), its quotations' marks written “ ” and its double marks (quotes
    inside a quote there) written ‘ ’, the same length, so every offset holds; otherwise
    ``text`` itself."""
    if not uses_single_marks(text):
        return text
    chars = [_DOUBLE_TO_SINGLE.get(ch, ch) for ch in text]
    for s, e in single_mark_spans(text):
        chars[s] = "“"
        if text[e - 1] in "’'":
            chars[e - 1] = "”"
    return "".join(chars)
