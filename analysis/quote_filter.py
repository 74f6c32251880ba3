"""A small logistic-regression filter over the candidate statements the quote rules find.

The rules of ``analysis.quotes`` propose statements (a cue, a speaker, a content span); this model
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
from itertools import repeat
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


def _count_words(masked: str, start: int, end: int, limit: int) -> int:
    """``len(masked[start:end].split())``, counting no further than ``limit`` (no copy of a
    long statement: the length feature only needs to know it is over the last bin)."""
    n = 0
    for _ in _NON_SPACE_RE.finditer(masked, start, end):
        n += 1
        if n >= limit:
            break
    return n


_NON_SPACE_RE = re.compile(r"\S+")


def feature_names(masked: str, st, *, first_newline: int | None = None) -> list[str]:
    """The binary features that hold for one candidate statement (``quotes._Statement``) in
    the quote-masked article text: the cue word and the words around it, the kind of speaker
    mention, the kind and length of the content, and their combinations. ``first_newline``:
    ``masked.find("\\n")`` when the caller knows it (one search per article, not per
    statement)."""
    words = (st.cue or "").lower().split()
    last = words[-1] if words else "<none>"
    names = [f"cue={last}", f"kind={st.kind}", f"right={st.right}"]
    mention = st.mention or ""
    low = mention.lower()
    if not mention:
        spk = "none"
    elif low in _PRONOUNS:
        spk = "pron"
        names.append(f"pron={low}")
    elif mention[:1].isupper() and not low.startswith(("the ", "a ", "an ")):
        spk = "name" if len(mention.split()) > 1 else "name1"
    else:
        spk = "common"
    names.append(f"spk={spk}")
    if spk == "common":
        names.append(f"head={low.split()[-1]}")
    names.append(f"cue={last}&spk={spk}")
    length = _bucket(_count_words(masked, st.start, st.end, _LEN_BINS[-1] + 1))
    names.append(f"len{length}")
    names.append(f"kind={st.kind}&len{length}")
    if st.cue_start >= 0:
        cue_end = st.cue_start + len(st.cue or "")
        before = _word_before(masked, st.cue_start)
        after = _word_after(masked, cue_end)
        names += (f"prev={before}", f"next={after}", f"cue={last}&next={after}",
                  f"cue={last}&prev={before}")
    first = _word_after(masked, st.start)
    names += (f"first={first}", f"cue={last}&first={first}")
    newline = masked.find("\n") if first_newline is None else first_newline
    if newline < 0 or newline >= st.start:      # no line break before the statement
        names.append("in_title")
    if st.fragment:
        names += ("fragment", f"fragment&len{length}")
    return names


def statement_features(masked: str, st) -> dict[str, float]:
    """``feature_names`` as a feature dict for training (``in_title`` always present, 0 or
    1)."""
    feats = {"in_title": 0.0}
    feats.update(dict.fromkeys(feature_names(masked, st), 1.0))
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


def probability(model: dict, names: list[str]) -> float:
    """P(candidate is a real attribution) under ``model``, from its ``feature_names``."""
    z = model["intercept"] + sum(map(model["weights"].get, names, repeat(0.0, len(names))))
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def keep_statements(masked: str, statements: list, *, model: dict | None = None) -> list:
    """The candidates whose probability reaches the model's threshold (``threshold_direct``
    for direct-quote candidates) or that are sure (``_sure``); all of them without a model."""
    model = model if model is not None else load_model()
    if model is None:
        return statements
    thr = model["threshold"]
    thr_direct = model.get("threshold_direct", thr)
    newline = masked.find("\n")
    return [st for st in statements if _sure(masked, st)
            or probability(model, feature_names(masked, st, first_newline=newline)) >= (
                thr_direct if st.kind == "direct" else thr)]


def _sure(masked: str, st) -> bool:
    """A direct quote of a full clause (a few words at least) is kept whatever the model says;
    so is a quoted sentence (capitalised) inside a paraphrase. Quoted phrases inside a
    paraphrase ("called it "a disgrace"") are left to the model."""
    if st.kind != "direct":
        return False
    if st.fragment:
        return st.end - st.start >= SURE_FRAGMENT_CHARS and \
            masked[st.start:st.end].lstrip("“\"'")[:1].isupper()
    return st.end - st.start >= SURE_DIRECT_CHARS


SURE_DIRECT_CHARS = 30
# cross-validated recall of gold direct quotes the direct-quote cut-off is chosen for (on
# PolNeAR train; the acceptance figure is 0.95 on held-out articles)
DIRECT_RECALL_TARGET = 0.982
SURE_FRAGMENT_CHARS = 12


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
        by_article[art["id"]] = (golds, preds, [_sure(masked, st) for st in cands])
        for i, st in enumerate(cands):
            feats.append(statement_features(masked, st))
            labels.append(int(i in matched))
            groups.append(art["id"])
    return feats, labels, groups, by_article


def train_quote_filter(gold_path: str | Path, *, out: str | Path | None = None,
                       c: float = 0.3, min_count: int = 3,
                       direct_recall: float = DIRECT_RECALL_TARGET) -> Path:
    """Fit the filter on ``gold_path`` (PolNeAR *train*), choose the threshold that maximises
    the scorer's lenient F1 in 5-fold cross-validation (grouped by article), then the lower
    threshold for direct-quote candidates that brings the cross-validated recall of gold
    direct quotes to ``direct_recall`` (``direct_threshold``); write the JSON model. Features
    seen fewer than ``min_count`` times are dropped."""
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
    threshold_direct, cv_f1, cv_direct = direct_threshold(proba, groups, by_article, threshold,
                                                          target=direct_recall)
    clf.fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
               if abs(w) >= 1e-3}
    model = {"about": "quote candidate filter (analysis/quote_filter.py); trained on PolNeAR "
                      "train by train_quote_filter()", "trained_on": Path(gold_path).name,
             "n_examples": int(len(y)), "positives": int(y.sum()), "C": c,
             "cv_f1_estimate": round(cv_f1, 4), "cv_direct_recall_estimate": round(cv_direct, 4),
             "threshold": threshold, "threshold_direct": threshold_direct, "intercept": float(clf.intercept_[0]), "weights": weights}
    path = Path(out) if out else MODEL_FILE
    path.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    load_model.cache_clear()
    return path


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
    from . import evaluate as ev
    from .quotes import drop_nested

    tp = n_pred = n_gold = direct_tp = n_direct = 0
    for aid, (golds, preds, sure) in by_article.items():
        kept = drop_nested([
            c for c, p, s in zip(preds, per_article.get(aid, []), sure)
            if s or p >= (threshold_direct if c.kind == "direct" else threshold)])
        pairs = ev.match_quotes(golds, kept, 0.3)
        n_pred += len(kept)
        n_gold += len(golds)
        tp += len(pairs)
        n_direct += sum(g.kind == "direct" for g in golds)
        direct_tp += sum(golds[gi].kind == "direct" for gi, _ in pairs)
    f1 = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
    return f1, (direct_tp / n_direct if n_direct else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.quote_filter",
                                     description="retrain the shipped quote candidate filter")
    parser.add_argument("--gold", default=str(config.SHARED_DATA_DIR / "polnear" / "train.jsonl"),
                        help="PolNeAR-format training file (train only, never dev)")
    parser.add_argument("--out", default=None, help="model file (default: the shipped resource)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--direct-recall", type=float, default=DIRECT_RECALL_TARGET,
                        help="cross-validated recall of direct quotes the direct cut-off aims at")
    args = parser.parse_args(argv)
    path = train_quote_filter(args.gold, out=args.out, c=args.c, direct_recall=args.direct_recall)
    model = load_model(str(path))
    print(f"model written: {path} (threshold {model['threshold']}, direct quotes "
          f"{model['threshold_direct']}; cross-validated F1 {model['cv_f1_estimate']}, direct "
          f"recall {model['cv_direct_recall_estimate']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
