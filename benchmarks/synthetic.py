"""A synthetic large corpus for speed and memory benchmarks, made by resampling real sentences.

``write_synthetic_corpus(path, n_articles)`` writes JSON Lines articles of about 700 words
(the length of the embedded Wikinews articles): each is a random draw of real sentences from
the embedded corpus (seed + Wikinews), grouped into paragraphs of 1-4 sentences, with one of
five outlet names and a date in 2019-2021. Deterministic for a given ``seed``; streamed to disk,
so a million articles need no more memory than a thousand.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from analysis import config
from analysis.corpus import load_articles
from analysis.text import sentence_spans

OUTLETS = ("Outlet A", "Outlet B", "Outlet C", "Outlet D", "Outlet E")


def real_sentences() -> list[str]:
    """Every sentence of the embedded corpus (about 15,000)."""
    articles = load_articles(config.DEFAULT_CORPUS)
    return [text[s:e] for text in articles["text"] for s, e in sentence_spans(text)
            if 3 <= len(text[s:e].split()) <= 80]


def write_synthetic_corpus(path: str | Path, n_articles: int, *, words: int = 700,
                           seed: int = 0) -> Path:
    """Write ``n_articles`` synthetic articles of about ``words`` words to ``path`` (JSONL)."""
    rng = random.Random(seed)
    sentences = real_sentences()
    lengths = [len(s.split()) for s in sentences]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n_articles):
            paragraphs, para, total = [], [], 0
            while total < words:
                k = rng.randrange(len(sentences))
                para.append(sentences[k])
                total += lengths[k]
                if len(para) >= rng.randint(1, 4):
                    paragraphs.append(" ".join(para))
                    para = []
            if para:
                paragraphs.append(" ".join(para))
            fh.write(json.dumps({
                "id": f"synthetic-{i:08d}", "outlet": OUTLETS[i % len(OUTLETS)],
                "date": f"{2019 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "title": paragraphs[0][:80], "text": "\n\n".join(paragraphs)}) + "\n")
    return path
