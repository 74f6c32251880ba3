"""Quote marks: pairing them into quotations (``find_quote_spans``) and masking the quoted
text so the rules read only the narration."""

from __future__ import annotations

from .records import MARK_RE, NOT_NEWLINE_RE, PARA_RE, QUOTE_OPENERS


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in ``text``, marks included.

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


def mask_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the inside of each quote replaced by ``_`` (the first and last character
    inside the marks and newlines are kept, so sentence and paragraph ends survive)."""
    parts, last = [], 0
    for s, e in spans:
        open_len = 2 if text.startswith("''", s) else 1
        close_len = 2 if text.endswith("''", 0, e) else (1 if text[e - 1] in "”\"" else 0)
        inner_start, inner_end = s + open_len + 1, e - close_len - 1
        if inner_end <= inner_start:
            continue
        head = text[last:inner_start]
        if open_len == 2:  # '' -> ' "' so the sentence splitter sees an opening mark
            head = head[:-(open_len + 1)] + ' "' + head[-1]
        parts.append(head)
        parts.append(NOT_NEWLINE_RE.sub("_", text[inner_start:inner_end]))
        last = inner_end
        if close_len == 2:
            parts.append(text[inner_end])
            parts.append('" ')
            last = e
    parts.append(text[last:])
    return "".join(parts)
