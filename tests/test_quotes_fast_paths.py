"""The fast paths of quote extraction give what the plain code they replace gives, on real
text (the seed article and the embedded Wikinews sample)."""

from __future__ import annotations

import json
import re

import pytest

from analysis import config
from analysis.quotes import filter as qfilter
from analysis.quotes.marks import _underscores, find_quote_spans
from analysis.quotes.resolve import _SURNAME_FIRST_RE


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((config.RAW_DIR / "seed").glob("*.txt"))]
    path = config.RAW_DIR / "wikinews" / "wikinews.jsonl"
    if path.exists():
        with open(path, encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()][:40]
    return texts


TEXTS = _texts()


@pytest.mark.parametrize("text", TEXTS[:10])
def test_underscores_match_the_newline_keeping_substitution(text):
    for s, e in find_quote_spans(text):
        inner = text[s:e]
        assert _underscores(inner) == re.sub(r"[^\n]", "_", inner)
    assert _underscores("a\nbc\n") == "_\n__\n"


def test_word_count_matches_split_with_its_limit():
    text = "\n".join(TEXTS)
    for start in range(0, len(text) - 5000, 997):
        for length in (3, 40, 700, 1499, 1500, 1501, 4000):
            end = start + length
            want = min(len(text[start:end].split()), 81)
            assert qfilter._count_words(text, start, end, 81) == want


def test_surname_first_pattern_keeps_the_word_boundary():
    old = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+-[a-z]+)\b")
    text = "\n".join(TEXTS) + " Leung Chun-ying met XLeung Chun-ying and éMoon Jae-in; Moon Jae-in"
    got = [(m.span(), m.groups()) for m in _SURNAME_FIRST_RE.finditer(text)]
    assert got == [(m.span(), m.groups()) for m in old.finditer(text)]
    assert ("Moon", "Jae-in") in [g for _, g in got]
