"""The project's own attribution gold (data/gold/wikinews_attribution): well-formed PolNeAR-format
records whose offsets point where they say, on the texts of the embedded Wikinews articles."""

from __future__ import annotations

import json

import pytest

from analysis import config

PARTS = sorted(config.WIKINEWS_GOLD.glob("*.jsonl"))
ARTICLES = [json.loads(line) for path in PARTS for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="module")
def embedded_texts(wikinews_records) -> dict[str, str]:
    return {r["id"]: r["text"] for r in wikinews_records}


def test_there_are_at_least_30_articles_with_statements():
    assert len(ARTICLES) >= 30
    assert len({a["id"] for a in ARTICLES}) == len(ARTICLES)
    assert sum(len(a["quotes"]) for a in ARTICLES) >= 150


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"][:60] for a in ARTICLES])
def test_an_article_is_well_formed(article, embedded_texts):
    text = article["text"]
    assert text == embedded_texts[article["id"]], "gold text must be the embedded article's text"
    assert article["speaker_form"] == "canonical"
    for q in article["quotes"]:
        spans = q["content_spans"]
        assert spans and all(0 <= s < e <= len(text) for s, e in spans), q["id"]
        assert (q["start"], q["end"]) == (min(s for s, _ in spans), max(e for _, e in spans)), q["id"]
        assert q["quote_text"] == text[q["start"]:q["end"]], q["id"]
        assert q["kind"] in ("direct", "indirect") and q["kind_detail"] in ("direct", "mixed", "indirect")
        assert (q["kind"] == "direct") == (q["kind_detail"] == "direct"), q["id"]
        assert q["speaker"] is None or q["speaker"].strip() == q["speaker"] != "", q["id"]
        for s, e in q.get("speaker_spans") or []:
            assert 0 <= s < e <= len(text), q["id"]
        for s, e in spans:          # no stray spaces; a direct quote's marks stay outside its span
            assert text[s] not in " \t\n" and text[e - 1] not in " \t\n", q["id"]
            if q["kind_detail"] == "direct":
                assert text[s] not in "\"“" and text[e - 1] not in "\"”", q["id"]
