"""Retraining the stacked target-sentiment model (``analysis.sentiment``) on NewsMTSC-format data:
``train_sentiment_model(data_path, out)`` writes the artifact to ``out`` (always an explicit path;
the shipped ``resources/sentiment/target_sentiment.npz`` is replaced only by copying a checked file
over it), ``fit_stacked_model`` returns its arrays. Command line:
``python -m analysis train-sentiment --data NEWSMTSC_TRAIN.jsonl --out PATH`` (or
``python -m analysis.training.sentiment``, which also takes ``--folds`` and ``--min-df``).
scikit-learn is imported only inside the functions that fit."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from ..evaluation.gold import POLARITY_CODES, concept_groups, read_concept_gold, read_newsmtsc
from ..schema import LABELS
from ..sentiment.features import (CHAR_NGRAMS, CHAR_WINDOW, NB_ALPHA, NB_VIEW, VIEWS, WINDOW, binarize,
                                  char_tfidf, char_window, dicts_to_csr, target_features)
from ..sentiment.model import clear_model_cache

__all__ = ["POLARITY_CODES", "fit_stacked_model", "read_newsmtsc", "train_sentiment_model"]


#: How many times each concept-gold mention counts in training beside the NewsMTSC targets by
#: default (about 1,400 mentions against 8,700 targets; never chosen on dev). The shipped concept
#: model's weight is the Makefile's ``FAST_CONCEPT_WEIGHT``, chosen by the concept cross-validation.
CONCEPT_WEIGHT = 3


def train_sentiment_model(data_path: str | Path, out: str | Path, *, folds: int = 5,
                          min_df: int = 2, concepts: pd.DataFrame | None = None,
                          concept_weight: int = CONCEPT_WEIGHT) -> Path:
    """Train the stacked target-sentiment model on NewsMTSC-format ``data_path`` and write it to
    ``out`` (required: training never writes into the package by default). The header of the
    file records the data, settings and the cross-validated macro-F1 / accuracy (folds grouped by
    sentence, so no sentence is in both train and test). Returns the path written.

    ``concepts``: the concept gold (``evaluation.gold.read_concept_gold``), learned beside the
    targets (each mention ``concept_weight`` times). Its figure is then cross-validated too
    (``concept_cross_validation``: folds grouped by article) and recorded under ``concepts``."""
    data = read_newsmtsc(data_path)
    if data.empty:
        raise ValueError(f"{data_path}: no targets to train on")
    concept_cv = None
    if concepts is not None:
        concept_cv = concept_cross_validation(data, concepts, folds=folds, min_df=min_df,
                                              concept_weight=concept_weight)
    arrays = fit_stacked_model(_with_concepts(data, concepts, concept_weight), folds=folds, min_df=min_df)
    arrays["info"]["data"] = Path(data_path).name
    if concept_cv is not None:
        arrays["info"]["concepts"] = concept_cv
    _write_arrays(arrays, Path(out))
    clear_model_cache()
    return Path(out)


def _write_arrays(arrays: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    arrays = dict(arrays)
    info = np.array(json.dumps(arrays.pop("info")))
    with open(out, "wb") as fh:
        np.savez_compressed(fh, info=info, **arrays)


def _with_concepts(data: pd.DataFrame, concepts: pd.DataFrame | None, weight: int) -> pd.DataFrame:
    """The NewsMTSC targets followed by the concept mentions, each ``weight`` times."""
    if concepts is None or concepts.empty:
        return data
    cols = ["text", "start", "end", "label"]
    return pd.concat([data[cols], *[concepts[cols]] * weight], ignore_index=True)


def concept_cross_validation(data: pd.DataFrame, concepts: pd.DataFrame, *, folds: int = 5, min_df: int = 2,
                             concept_weight: int = CONCEPT_WEIGHT) -> dict:
    """Out-of-fold figures on the concept gold: for each of ``folds`` folds grouped by article
    and shared sentence (``evaluation.gold.concept_groups``),
    a model trained on ``data`` plus the other folds' mentions labels the fold's mentions. Also
    the figure of a model trained on ``data`` alone (``newsmtsc_only_macro_f1``)."""
    import tempfile

    from sklearn.model_selection import GroupKFold

    from ..sentiment.model import load_model

    y = concepts["label"].to_numpy()
    oof = np.empty(len(concepts), dtype=object)
    with tempfile.TemporaryDirectory() as tmp:
        def fit_and_label(train: pd.DataFrame, test: pd.DataFrame, name: str) -> np.ndarray:
            path = Path(tmp) / f"{name}.npz"
            _write_arrays(fit_stacked_model(train, folds=folds, min_df=min_df), path)
            proba = load_model(path).predict_proba(test["text"], test["start"], test["end"])
            return np.asarray(LABELS)[proba.argmax(axis=1)]

        before = fit_and_label(data, concepts, "newsmtsc_only")
        for k, (tr, te) in enumerate(GroupKFold(folds).split(concepts, groups=concept_groups(concepts))):
            oof[te] = fit_and_label(_with_concepts(data, concepts.iloc[tr], concept_weight), concepts.iloc[te],
                                    f"fold{k}")
        clear_model_cache()
    return {"n_mentions": int(len(concepts)), "folds": folds, "concept_weight": concept_weight,
            "newsmtsc_only_macro_f1": _macro_f1_accuracy(y, before)["macro_f1"],
            **{f"cv_{k}": v for k, v in _macro_f1_accuracy(y, oof.astype(str)).items()}}


#: inverse regularisation strength of each base model and of the stacker
_C = {"sentence": 0.3, "side": 0.3, "window": 0.3, "clause": 0.3, "all": 0.1, "char": 3.0, "meta": 0.1}
_VIEW_ORDER = (*VIEWS, NB_VIEW, "char")


def _logreg(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def _feature_vocab(feats: list[dict[str, float]], *, min_df: int) -> dict[str, int]:
    df: dict[str, int] = defaultdict(int)
    for f in feats:
        for name in f:
            df[name] += 1
    return {name: i for i, name in enumerate(sorted(n for n, c in df.items() if c >= min_df))}


def _view_columns(vocab: dict[str, int]) -> dict[str, np.ndarray]:
    family = np.array([n.split(":", 1)[0] if ":" in n else "" for n in vocab])
    return {v: np.flatnonzero(np.isin(family, [*fams, ""])).astype(np.int32) for v, fams in VIEWS.items()}


def _base_model(view: str):
    if view == NB_VIEW:
        from sklearn.naive_bayes import MultinomialNB

        return MultinomialNB(alpha=NB_ALPHA)
    return _logreg(_C[view])


def _linear_parts(model) -> tuple[np.ndarray, np.ndarray]:
    """(coef, intercept) whose linear scores give the model's log-probabilities after softmax."""
    if hasattr(model, "feature_log_prob_"):
        return model.feature_log_prob_, model.class_log_prior_
    return model.coef_, model.intercept_


def _oof_log_proba(x, y: np.ndarray, splits, make) -> np.ndarray:
    out = np.zeros((len(y), len(LABELS)))
    for train, test in splits:
        out[test] = make().fit(x[train], y[train]).predict_log_proba(x[test])
    return out


def _macro_f1_accuracy(gold, pred) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return {"macro_f1": float(f1_score(gold, pred, labels=list(LABELS), average="macro")),
            "accuracy": float(accuracy_score(gold, pred))}


def _training_inputs(data: pd.DataFrame, *, min_df: int) -> tuple[dict, dict, dict, dict]:
    """The feature matrices of each view for ``data``, the word vocabulary, each view's columns,
    and the character view's vocabulary and idf (``{"vocab": ..., "idf": ...}``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    feats = [target_features(t, s, e) for t, s, e in zip(data["text"], data["start"], data["end"])]
    vocab = _feature_vocab(feats, min_df=min_df)
    words = dicts_to_csr(feats, vocab)
    windows = [char_window(t, s, e) for t, s, e in zip(data["text"], data["start"], data["end"])]
    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=3, sublinear_tf=True,
                            dtype=np.float64).fit(windows)
    char_view = {"vocab": {g: int(i) for g, i in tfidf.vocabulary_.items()}, "idf": tfidf.idf_}
    cols = _view_columns(vocab)
    cols[NB_VIEW] = cols["all"]
    inputs = {**{v: words[:, cols[v]] for v in VIEWS}, NB_VIEW: binarize(words[:, cols["all"]]),
              "char": char_tfidf(windows, char_view["vocab"], char_view["idf"])}
    return inputs, vocab, cols, char_view


def _fit_base_models(inputs: dict, cols: dict, y: np.ndarray) -> dict[str, np.ndarray]:
    """Each view's model fitted on all of ``y``, as arrays ``coef_<view>``, ``intercept_<view>``
    and ``cols_<view>``."""
    arrays = {}
    for v in _VIEW_ORDER:
        model = _base_model(v).fit(inputs[v], y)
        if tuple(model.classes_) != LABELS:
            raise ValueError(f"training data must hold all of {LABELS}; got {list(model.classes_)}")
        coef, intercept = _linear_parts(model)
        arrays[f"coef_{v}"] = coef.astype(np.float32)
        arrays[f"intercept_{v}"] = intercept.astype(np.float32)
        if v in cols:
            arrays[f"cols_{v}"] = cols[v]
    return arrays


def fit_stacked_model(data: pd.DataFrame, *, folds: int = 5, min_df: int = 2) -> dict:
    """Fit the base models and the stacker on ``data`` (``read_newsmtsc`` columns) and return the
    arrays of the artifact plus ``info`` (settings and cross-validated figures: the stacker's
    out-of-fold predictions over the base models' out-of-fold log-probabilities, folds grouped by
    sentence)."""
    from sklearn.model_selection import GroupKFold

    y = data["label"].to_numpy()
    inputs, vocab, cols, char_view = _training_inputs(data, min_df=min_df)
    splits = list(GroupKFold(n_splits=folds).split(inputs["all"], y, groups=data["text"]))
    oof = np.hstack([_oof_log_proba(inputs[v], y, splits, lambda v=v: _base_model(v)) for v in _VIEW_ORDER])
    meta_oof = _oof_log_proba(oof, y, splits, lambda: _logreg(_C["meta"]))
    meta = _logreg(_C["meta"]).fit(oof, y)
    labels = np.asarray(LABELS)
    k = _VIEW_ORDER.index("all")
    info = {
        "model": "stacked linear models over target-masked views (see analysis.sentiment)",
        "view_order": list(_VIEW_ORDER), "C": _C, "nb_alpha": NB_ALPHA, "min_df": min_df, "folds": folds,
        "window": WINDOW, "char_window": CHAR_WINDOW, "char_ngrams": list(CHAR_NGRAMS),
        "n_targets": int(len(y)), "n_sentences": int(data["text"].nunique()),
        "cv_grouped_by_sentence": {
            "stacked": _macro_f1_accuracy(y, labels[meta_oof.argmax(1)]),
            "all_features_single_model": _macro_f1_accuracy(y, labels[oof[:, 3 * k:3 * k + 3].argmax(1)])},
    }
    return {"vocab": np.array(list(vocab), dtype=str),
            "char_vocab": np.array(sorted(char_view["vocab"], key=char_view["vocab"].get), dtype=str),
            "char_idf": char_view["idf"].astype(np.float32),
            **_fit_base_models(inputs, cols, y),
            "coef_meta": meta.coef_.astype(np.float32), "intercept_meta": meta.intercept_.astype(np.float32),
            "info": info}


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.training.sentiment --data PATH --out PATH [--folds K] [--min-df N]``."""
    parser = argparse.ArgumentParser(prog="python -m analysis.training.sentiment",
                                     description="retrain the target-sentiment model")
    parser.add_argument("--data", required=True, help="NewsMTSC-format training JSONL")
    parser.add_argument("--out", required=True, help="model file to write (.npz)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (stacking)")
    parser.add_argument("--min-df", type=int, default=2, help="keep word features seen in at least this many targets")
    parser.add_argument("--concepts", default=None,
                        help="concept gold to learn too (e.g. data/gold/concept_sentiment/mentions.jsonl; "
                             "default: none, as the shipped persons model; the concept model learns it)")
    parser.add_argument("--concept-weight", type=int, default=CONCEPT_WEIGHT,
                        help="times each concept mention counts beside the NewsMTSC targets "
                             f"(default {CONCEPT_WEIGHT})")
    parser.add_argument("--gold-dir", default=None, help="shared data folder with polnear/ (default ../shared/data)")
    args = parser.parse_args(argv)
    concepts = read_concept_gold(args.concepts, gold_dir=args.gold_dir) if args.concepts else None
    path = train_sentiment_model(args.data, args.out, folds=args.folds, min_df=args.min_df, concepts=concepts,
                                 concept_weight=args.concept_weight)
    print(f"model written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
