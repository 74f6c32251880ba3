"""A small logistic-regression filter over the candidate statements the quote rules find.

The rules of ``quotes.py`` propose statements (a cue, a speaker, a content span); this model
scores each candidate from a handful of symbolic features (the cue word and the words around it,
the kind of speaker, where the content lies and how long it is) and drops the unlikely ones.

The model ships as ``resources/quote_filter.json`` (feature names, coefficients, intercept and
threshold: plain JSON, no pickle), trained on PolNeAR *train* only by ``train_quote_filter``
(``python -m analysis.quote_filter --gold ../shared/data/polnear/train.jsonl``). A candidate is a
positive example when the shared scorer's lenient matching (overlap >= 0.3) pairs it with a gold
attribution. Without the model file every candidate is kept.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

from . import config

MODEL_FILE = config.RESOURCES_DIR / "quote_filter.json"

_WORDS = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|[^\w\s]")
_PRONOUNS = frozenset("he she they it we i you who".split())
_LEN_BINS = (2, 5, 10, 20, 40, 80)


def _bucket(n: int) -> str:
    for b in _LEN_BINS:
        if n <= b:
            return f"<={b}"
    return ">80"


def _word_before(masked: str, pos: int) -> str:
    toks = _WORDS.findall(masked[max(0, pos - 30):pos])
    return toks[-1].lower() if toks else "^"


def _word_after(masked: str, pos: int) -> str:
    m = _WORDS.search(masked, pos, pos + 30)
    return m.group().lower() if m else "$"


def statement_features(masked: str, st) -> dict[str, float]:
    """Symbolic features of one candidate statement (``quotes._Statement``) in the
    quote-masked article text."""
    words = (st.cue or "").lower().split()
    last = words[-1] if words else "<none>"
    feats = {f"cue={last}": 1.0, f"kind={st.kind}": 1.0, f"right={st.right}": 1.0}
    mention = st.mention or ""
    low = mention.lower()
    if not mention:
        spk = "none"
    elif low in _PRONOUNS:
        spk = "pron"
        feats[f"pron={low}"] = 1.0
    elif mention[:1].isupper() and not low.startswith(("the ", "a ", "an ")):
        spk = "name" if len(mention.split()) > 1 else "name1"
    else:
        spk = "common"
    feats[f"spk={spk}"] = 1.0
    if spk == "common":
        feats[f"head={low.split()[-1]}"] = 1.0
    feats[f"cue={last}&spk={spk}"] = 1.0
    n_words = len(masked[st.start:st.end].split())
    feats[f"len{_bucket(n_words)}"] = 1.0
    feats[f"kind={st.kind}&len{_bucket(n_words)}"] = 1.0
    if st.cue_start >= 0:
        cue_end = st.cue_start + len(st.cue or "")
        before = _word_before(masked, st.cue_start)
        after = _word_after(masked, cue_end)
        feats[f"prev={before}"] = 1.0
        feats[f"next={after}"] = 1.0
        feats[f"cue={last}&next={after}"] = 1.0
        feats[f"cue={last}&prev={before}"] = 1.0
    first = _word_after(masked, st.start)
    feats[f"first={first}"] = 1.0
    feats[f"cue={last}&first={first}"] = 1.0
    feats["in_title"] = float("\n" not in masked[:st.start])
    return feats


@lru_cache(maxsize=None)
def load_model(path: str | None = None) -> dict | None:
    """The shipped model (``{"weights": {feature: coef}, "intercept", "threshold"}``) or None."""
    p = Path(path) if path else MODEL_FILE
    if not p.exists():
        return None
    with open(p, encoding="utf-8") as fh:
        model = json.load(fh)
    for key in ("weights", "intercept", "threshold"):
        if key not in model:
            raise ValueError(f"{p}: model file lacks {key!r}")
    return model


def probability(model: dict, feats: dict[str, float]) -> float:
    """P(candidate is a real attribution) under ``model``."""
    get = model["weights"].get
    total = 0.0
    for k, v in feats.items():
        total += get(k, 0.0) * v
    z = model["intercept"] + total
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def keep_statements(masked: str, statements: list, *, model: dict | None = None) -> list:
    """The candidates whose probability reaches the model's threshold (all without a model)."""
    model = model if model is not None else load_model()
    if model is None:
        return statements
    thr = model["threshold"]
    return [st for st in statements if _sure(masked, st)
            or probability(model, statement_features(masked, st)) >= thr]


def _sure(masked: str, st) -> bool:
    """A direct quote of a full clause (a few words at least) is kept whatever the model says."""
    return st.kind == "direct" and st.end - st.start >= SURE_DIRECT_CHARS


SURE_DIRECT_CHARS = 30


# --------------------------------------------------------------------------------------------
# training (PolNeAR train only)
# --------------------------------------------------------------------------------------------

def training_examples(gold_path: str | Path) -> tuple[list[dict], list[int], list[str], dict]:
    """(features, labels, article ids, {article id: (gold records, candidate spans)}) of every
    unfiltered candidate on a PolNeAR-format file."""
    from . import evaluate as ev
    from .quotes import candidate_statements

    feats, labels, groups = [], [], []
    by_article: dict[str, tuple] = {}
    for art in ev.load_jsonl(gold_path):
        masked, cands = candidate_statements(art["text"])
        golds = ev.gold_records(art)
        preds = [ev.ScoredQuote(st.start, st.end, "", st.kind, None, [], st.start, False)
                 for st in cands]
        matched = {pi for _, pi in ev.match_quotes(golds, preds, 0.3)}
        by_article[art["id"]] = (golds, preds)
        for i, st in enumerate(cands):
            feats.append(statement_features(masked, st))
            labels.append(int(i in matched))
            groups.append(art["id"])
    return feats, labels, groups, by_article


def train_quote_filter(gold_path: str | Path, *, out: str | Path | None = None,
                       c: float = 0.3, min_count: int = 3) -> Path:
    """Fit the filter on ``gold_path`` (PolNeAR *train*), choose the threshold that maximises
    the scorer's lenient F1 in 5-fold cross-validation (grouped by article), write the JSON
    model. Features seen fewer than ``min_count`` times are dropped."""
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
    clf.fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
               if abs(w) >= 1e-3}
    model = {"about": "quote candidate filter (analysis/quote_filter.py); trained on PolNeAR "
                      "train by train_quote_filter()", "trained_on": Path(gold_path).name,
             "n_examples": int(len(y)), "positives": int(y.sum()), "C": c,
             "cv_f1_estimate": round(cv_f1, 4),
             "threshold": threshold, "intercept": float(clf.intercept_[0]), "weights": weights}
    path = Path(out) if out else MODEL_FILE
    path.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    load_model.cache_clear()
    return path


def best_threshold(proba, groups: list[str], by_article: dict) -> tuple[float, float]:
    """(cut-off, F1) maximising the lenient quote F1 of the scorer's matching when only the
    candidates whose cross-validated probability reaches the cut-off are kept."""
    from . import evaluate as ev

    per_article: dict[str, list[float]] = {}
    for p, g in zip(proba, groups):
        per_article.setdefault(g, []).append(float(p))
    n_gold = sum(len(golds) for golds, _ in by_article.values())
    best = (0.5, -1.0)
    for threshold in [i / 100 for i in range(15, 71, 3)]:
        tp = n_pred = 0
        for aid, (golds, preds) in by_article.items():
            kept = [c for c, p in zip(preds, per_article.get(aid, [])) if p >= threshold]
            n_pred += len(kept)
            tp += len(ev.match_quotes(golds, kept, 0.3))
        f1 = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
        if f1 > best[1]:
            best = (threshold, f1)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.quote_filter",
                                     description="retrain the shipped quote candidate filter")
    parser.add_argument("--gold", default=str(config.SHARED_DATA_DIR / "polnear" / "train.jsonl"),
                        help="PolNeAR-format training file (train only, never dev)")
    parser.add_argument("--out", default=None, help="model file (default: the shipped resource)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    print(f"model written: {train_quote_filter(args.gold, out=args.out, c=args.c)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
