"""Retraining the quote candidate filter (``analysis.quotes.filter``) on PolNeAR *train* only.

``train_quote_filter(gold_path, out)`` fits a logistic regression over the filter's features of
every rule candidate (a positive example when the shared scorer's lenient matching, overlap >= 0.3,
pairs it with a gold attribution), chooses its cut-offs by cross-validation and writes the JSON
model to ``out`` (always an explicit path: the shipped ``resources/quote_filter.json`` is replaced
only by copying a checked file over it). Command line:
``python -m analysis train-quote-filter --gold POLNEAR_TRAIN.jsonl --out PATH`` or
``python -m analysis.training.quote_filter --gold ... --out PATH``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from .. import config
from ..evaluation.gold import load_jsonl
from ..evaluation.quotes import ScoredQuote, gold_records, match_quotes
from ..quotes import candidate_statements, drop_nested
from ..quotes.filter import is_sure, load_model, statement_features

#: inverse regularisation strength, chosen by 5-fold grouped cross-validation on PolNeAR train
#: (CV F1 0.7281 against 0.7256 at 0.3, 0.7267 at 0.1, 0.7253 at 0.03)
DEFAULT_C = 0.05
#: cross-validated recall of gold direct quotes the direct-quote cut-off is chosen for (on
#: PolNeAR train; the acceptance figure is 0.95 on held-out articles)
DIRECT_RECALL_TARGET = 0.982
#: cross-validated lenient precision the cut-offs must reach (on PolNeAR train): the filter
#: shipped before the candidates for indirect statements were added had 0.777 (5-fold, at its
#: cut-offs 0.33/0.21; 0.797 on train itself, 0.800 on dev): more candidates must not buy
#: recall with precision
MIN_PRECISION = 0.78


def training_examples(gold_path: str | Path) -> tuple[list[dict], list[int], list[str], dict]:
    """(features, labels, article ids, {article id: (gold records, candidate records, sure
    flags)}) of every unfiltered candidate on a PolNeAR-format file (a sure candidate is kept
    whatever its probability, as ``quotes.filter.is_sure`` decides at run time)."""
    feats, labels, groups = [], [], []
    by_article: dict[str, tuple] = {}
    for art in load_jsonl(gold_path):
        masked, cands = candidate_statements(art["text"])
        golds = gold_records(art)
        preds = [ScoredQuote(st.start, st.end, "", st.kind, None, [], st.start, False)
                 for st in cands]
        matched = {pi for _, pi in match_quotes(golds, preds, 0.3)}
        by_article[art["id"]] = (golds, preds, [is_sure(masked, st) for st in cands])
        for i, st in enumerate(cands):
            feats.append(statement_features(masked, st))
            labels.append(int(i in matched))
            groups.append(art["id"])
    return feats, labels, groups, by_article


def train_quote_filter(gold_path: str | Path, out: str | Path, *, c: float = DEFAULT_C,
                       min_count: int = 3, direct_recall: float = DIRECT_RECALL_TARGET,
                       min_precision: float = MIN_PRECISION) -> Path:
    """Fit the filter on ``gold_path`` (PolNeAR *train*), choose the threshold that maximises
    the scorer's lenient F1 in 5-fold cross-validation (grouped by article), then the lower
    threshold for direct-quote candidates that brings the cross-validated recall of gold
    direct quotes to ``direct_recall`` (``direct_threshold``), raising both until the
    cross-validated precision reaches ``min_precision`` (``precise_thresholds``); write the JSON model to ``out``
    (required: training never writes into the package by default) and return its path.
    Features seen fewer than ``min_count`` times are dropped."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    feats, labels, groups, by_article = training_examples(gold_path)
    counts = Counter(k for f in feats for k in f)
    feats = [{k: v for k, v in f.items() if counts[k] >= min_count} for f in feats]
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    y = np.asarray(labels)
    clf = LogisticRegression(C=c, max_iter=2000)
    proba = cross_val_predict(clf, x, y, cv=GroupKFold(n_splits=5), groups=groups,
                              method="predict_proba")[:, 1]
    threshold, cv_f1 = best_threshold(proba, groups, by_article)
    threshold, threshold_direct, cv = precise_thresholds(proba, groups, by_article, threshold,
                                                         direct_recall=direct_recall,
                                                         min_precision=min_precision)
    cv_f1, cv_direct = cv["f1"], cv["direct_recall"]
    clf.fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
               if abs(w) >= 1e-3}
    model = {"about": "quote candidate filter (analysis/quotes/filter.py); trained on PolNeAR "
                      "train by analysis.training.quote_filter.train_quote_filter()",
             "trained_on": Path(gold_path).name,
             "n_examples": int(len(y)), "positives": int(y.sum()), "C": c,
             "cv_f1_estimate": round(cv_f1, 4), "cv_direct_recall_estimate": round(cv_direct, 4),
             "cv_precision_estimate": round(cv["precision"], 4),
             "cv_recall_estimate": round(cv["recall"], 4), "min_precision": min_precision,
             "threshold": threshold, "threshold_direct": threshold_direct,
             "intercept": float(clf.intercept_[0]), "weights": weights}
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return path


def precise_thresholds(proba, groups: list[str], by_article: dict, threshold: float, *,
                       direct_recall: float = DIRECT_RECALL_TARGET,
                       min_precision: float = MIN_PRECISION) -> tuple[float, float, dict]:
    """(cut-off, direct-quote cut-off, cross-validated ``cv_counts``): the direct-quote cut-off
    of ``direct_threshold`` for the F1-best ``threshold``, then the other cut-off raised from
    ``threshold`` in steps of 0.01 until the cross-validated precision reaches
    ``min_precision`` (0.7 at most). Precision rises with the cut-off while F1 falls past its
    best, so this is the best F1 at that precision; the direct-quote cut-off stays (lowering it
    as the other rises would keep short quoted phrases that are mostly wrong)."""
    per_article = _per_article(proba, groups)
    td, _, _ = direct_threshold(proba, groups, by_article, threshold, target=direct_recall)
    t = round(threshold, 2)
    while True:
        counts = cv_counts(per_article, by_article, t, td)
        if counts["precision"] >= min_precision or t >= 0.7:
            return t, td, counts
        t = round(t + 0.01, 2)


def best_threshold(proba, groups: list[str], by_article: dict) -> tuple[float, float]:
    """(cut-off, F1) maximising the lenient quote F1 of the scorer's matching when the
    candidates kept are those of ``keep_statements`` (cross-validated probability at the
    cut-off, or a sure direct quote) after ``quotes.drop_nested``, as at run time."""
    per_article = _per_article(proba, groups)
    best = (0.5, -1.0)
    for threshold in [i / 100 for i in range(15, 71, 3)]:
        f1, _ = cv_scores(per_article, by_article, threshold, threshold)
        if f1 > best[1]:
            best = (threshold, f1)
    return best


def direct_threshold(proba, groups: list[str], by_article: dict, threshold: float, *,
                     target: float = DIRECT_RECALL_TARGET) -> tuple[float, float, float]:
    """(cut-off for direct-quote candidates, F1, direct recall): the highest cut-off, from
    ``threshold`` down to 0.10, at which the cross-validated lenient recall of gold *direct*
    quotes reaches ``target`` (the lowest one when none does). Missing a direct quote costs a
    user more than an extra candidate does, so direct quotes get a lower bar than the rest."""
    per_article = _per_article(proba, groups)
    t = round(threshold, 2)
    while True:
        f1, recall = cv_scores(per_article, by_article, threshold, t)
        if recall >= target or t <= 0.10:
            return t, f1, recall
        t = round(t - 0.01, 2)


def _per_article(proba, groups: list[str]) -> dict[str, list[float]]:
    per_article: dict[str, list[float]] = {}
    for p, g in zip(proba, groups):
        per_article.setdefault(g, []).append(float(p))
    return per_article


def cv_scores(per_article: dict, by_article: dict, threshold: float,
              threshold_direct: float) -> tuple[float, float]:
    """(lenient F1, lenient recall of gold direct quotes) when candidates are kept as at run
    time with these cut-offs (see ``keep_statements``)."""
    counts = cv_counts(per_article, by_article, threshold, threshold_direct)
    return counts["f1"], counts["direct_recall"]


def cv_counts(per_article: dict, by_article: dict, threshold: float,
              threshold_direct: float) -> dict[str, float]:
    """Lenient ``precision``, ``recall``, ``f1`` and ``direct_recall`` when candidates are kept
    as at run time with these cut-offs (see ``keep_statements``)."""
    tp = n_pred = n_gold = direct_tp = n_direct = 0
    for aid, (golds, preds, sure) in by_article.items():
        kept = drop_nested([
            c for c, p, s in zip(preds, per_article.get(aid, []), sure)
            if s or p >= (threshold_direct if c.kind == "direct" else threshold)])
        pairs = match_quotes(golds, kept, 0.3)
        n_pred += len(kept)
        n_gold += len(golds)
        tp += len(pairs)
        n_direct += sum(g.kind == "direct" for g in golds)
        direct_tp += sum(golds[gi].kind == "direct" for gi, _ in pairs)
    return {"precision": tp / n_pred if n_pred else 0.0, "recall": tp / n_gold if n_gold else 0.0,
            "f1": 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0,
            "direct_recall": direct_tp / n_direct if n_direct else 0.0}


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.training.quote_filter --gold PATH --out PATH [--c C]
    [--direct-recall R]``: retrain and print the chosen cut-offs."""
    parser = argparse.ArgumentParser(prog="python -m analysis.training.quote_filter",
                                     description="retrain the quote candidate filter")
    parser.add_argument("--gold", default=str(config.SHARED_DATA_DIR / "polnear" / "train.jsonl"),
                        help="PolNeAR-format training file (train only, never dev)")
    parser.add_argument("--out", required=True, help="model file to write (JSON)")
    parser.add_argument("--c", type=float, default=DEFAULT_C, help="inverse regularisation strength")
    parser.add_argument("--direct-recall", type=float, default=DIRECT_RECALL_TARGET,
                        help="cross-validated recall of direct quotes the direct cut-off aims at")
    args = parser.parse_args(argv)
    print(describe_training(train_quote_filter(args.gold, args.out, c=args.c,
                                               direct_recall=args.direct_recall)))
    return 0


def describe_training(path: str | Path) -> str:
    """One line on a written model: its path, cut-offs and cross-validated figures."""
    model = load_model(path)
    return (f"model written: {path} (threshold {model['threshold']}, direct quotes "
            f"{model['threshold_direct']}; cross-validated F1 {model['cv_f1_estimate']}, direct "
            f"recall {model['cv_direct_recall_estimate']})")


if __name__ == "__main__":
    sys.exit(main())
