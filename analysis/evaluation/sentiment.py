"""Target-sentiment figures on NewsMTSC-format gold data, with the definitions of the shared
scorer ``eval/score_sentiment.py`` (re-implemented here, not imported), and the predictions of
``sentiment.score_targets`` in that scorer's format."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from ..schema import LABELS
from ..sentiment import DEFAULT_ENGINE, score_targets
from .gold import read_newsmtsc

SENTIMENT_LABELS = LABELS   # the labels the shared scorer scores, as the package names them
SENTIMENT_SPLITS = ("dev_rw", "dev_mt")


def score_sentiment(gold: list[str], pred: list[str | None]) -> dict:
    """Target-sentiment figures of predicted labels ``pred`` against gold labels ``gold`` (same
    order; a ``None`` prediction is scored as the wrong label "missing"): ``n``, ``missing``,
    ``macro_f1`` (mean F1 over the three classes, NewsMTSC's F1m), ``accuracy``, ``per_class``
    ({label: precision, recall, f1, support}) and ``confusion`` ({"gold->pred": n})."""
    pairs = [(g, p if p in SENTIMENT_LABELS else "missing") for g, p in zip(gold, pred)]
    confusion = Counter(pairs)
    per_class = {}
    for c in SENTIMENT_LABELS:
        tp = confusion[(c, c)]
        fp = sum(n for (g, p), n in confusion.items() if p == c and g != c)
        fn = sum(n for (g, p), n in confusion.items() if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[c] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    return {
        "n": len(pairs),
        "missing": sum(1 for _, p in pairs if p == "missing"),
        "macro_f1": sum(v["f1"] for v in per_class.values()) / len(SENTIMENT_LABELS),
        "accuracy": sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0,
        "per_class": per_class,
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items())},
    }



def predict_newsmtsc(gold_path: str | Path, *, engine: str = DEFAULT_ENGINE) -> list[dict]:
    """``sentiment.score_targets`` (with ``engine``) on every target of a NewsMTSC-format file,
    in the shared scorer's prediction format: ``{"line", "target", "label"}`` (write with
    ``gold.write_predictions``)."""
    return predict_targets(read_newsmtsc(gold_path), engine=engine)


def predict_targets(targets: pd.DataFrame, *, engine: str = DEFAULT_ENGINE) -> list[dict]:
    """Predictions (scorer format) for the targets of ``read_newsmtsc``, in their order."""
    labels = score_targets(targets, engine=engine)["label"]
    return [{"line": int(ln), "target": int(t), "label": lab}
            for ln, t, lab in zip(targets["line"], targets["target"], labels)]


def concept_figures(engine: str) -> dict | None:
    """The cross-validated figures on the concept gold that the training of ``engine``'s shipped
    model recorded (``n_mentions``, ``cv_macro_f1``, ``cv_accuracy``...), or None."""
    from ..sentiment import load_engine

    info = load_engine(engine).info
    figures = info.get("figures", info).get("concepts")
    return dict(figures) if figures else None


def concept_agreement(agreement: str | Path | None = None, gold: str | Path | None = None) -> dict:
    """How far two annotators agree on the concept gold: the second labels of ``agreement``
    (default ``config.CONCEPT_AGREEMENT``, lines ``id``, ``label``, ``voice``, ``sure``,
    ``annotator``) against the first labels of the same ids in ``gold`` (default
    ``config.CONCEPT_GOLD``). Returns ``n``, ``agreed``, ``accuracy`` (share agreed),
    ``kappa`` (Cohen's), ``macro_f1`` (the second labels scored as predictions of the first,
    with ``score_sentiment``), ``n_both_sure`` / ``agreed_both_sure`` and ``confusion``
    ({"first->second": n}). Raises ``ValueError`` naming an id that is not in ``gold`` or not
    labelled there."""
    from .. import config
    from .gold import load_jsonl

    agreement = Path(agreement) if agreement is not None else config.CONCEPT_AGREEMENT
    first = {r["id"]: r for r in load_jsonl(gold if gold is not None else config.CONCEPT_GOLD)}
    pairs = []
    for line_no, second in enumerate(load_jsonl(agreement), start=1):
        r = first.get(second["id"])
        if r is None or r["label"] not in SENTIMENT_LABELS:
            raise ValueError(f"{agreement}, line {line_no}: {second['id']!r} is not a labelled mention of the gold")
        pairs.append((r, second))
    a = [r["label"] for r, _ in pairs]
    b = [s["label"] for _, s in pairs]
    scored = score_sentiment(a, b)
    n = len(pairs)
    expected = sum(a.count(c) * b.count(c) for c in SENTIMENT_LABELS) / n ** 2 if n else 0.0
    sure = [(r["label"], s["label"]) for r, s in pairs if r["sure"] and s["sure"]]
    return {"n": n, "agreed": sum(x == y for x, y in zip(a, b)), "accuracy": scored["accuracy"],
            "kappa": (scored["accuracy"] - expected) / (1 - expected) if expected < 1 else 1.0,
            "macro_f1": scored["macro_f1"], "n_both_sure": len(sure),
            "agreed_both_sure": sum(x == y for x, y in sure), "confusion": scored["confusion"]}
