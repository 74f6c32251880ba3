"""Cue statistics on PolNeAR-format gold data: where the PolNeAR figures of
``resources/cue_verbs.tsv`` come from."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from .gold import load_jsonl

_CUE_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def cue_statistics(gold_path: str | Path, *, min_count: int = 4) -> pd.DataFrame:
    """For each word form: how often it occurs in the gold texts (``n``), how often inside an
    annotated cue span (``n_cue``) and the rate ``n_cue / n``; columns ``word``, ``n``,
    ``n_cue``, ``rate``, sorted by ``n_cue``. Use on PolNeAR *train* only."""
    total: Counter = Counter()
    in_cue: Counter = Counter()
    for art in load_jsonl(gold_path):
        text = art["text"]
        cue_starts = {m.start() for q in art["quotes"] for s, e in (q.get("cue_spans") or [])
                      for m in _CUE_WORD.finditer(text, s, e)}
        for m in _CUE_WORD.finditer(text):
            word = m.group().lower()
            total[word] += 1
            in_cue[word] += m.start() in cue_starts
    rows = [{"word": w, "n": total[w], "n_cue": c, "rate": c / total[w]}
            for w, c in in_cue.items() if c >= min_count]
    return pd.DataFrame(rows, columns=["word", "n", "n_cue", "rate"]).sort_values(
        "n_cue", ascending=False, ignore_index=True)
