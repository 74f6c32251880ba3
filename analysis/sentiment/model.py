"""The trained stacked model at run time: ``TargetSentimentModel`` (plain arrays, no pickle),
``load_model`` (one cached instance per file and modification time), the fast engine's pair of
models (``FastEngine``: one for persons, one for concepts), the choice of engine (``ENGINES``,
``load_engine``) and ``score_targets``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..schema import LABELS, check_columns, require_model_file
from .accurate import AccurateModel, check_kind, load_accurate_model
from .features import (NB_VIEW, SENTIMENT_DIR, binarize, char_tfidf, char_window, dicts_to_csr, log_softmax,
                       target_features)

MODEL_PATH = SENTIMENT_DIR / "target_sentiment.npz"
#: The fast engine's model for concepts: the same stacked model trained on NewsMTSC train and the
#: project's concept gold (``make train-sentiment-fast``); persons keep ``MODEL_PATH``.
CONCEPT_MODEL_PATH = SENTIMENT_DIR / "target_sentiment_concepts.npz"
_BUILD_FAST = "make train-sentiment-fast OUT=path/to/target_sentiment.npz"

#: The target-sentiment engines: ``accurate`` (the fine-tuned transformer run with onnxruntime,
#: ``sentiment.accurate``: better on NewsMTSC's persons) and ``fast`` (the stacked linear model
#: of this module, several times faster). The default stays ``fast`` until the accurate engine
#: reads framing cues on concepts: today it scores the seed's "color revolutions ... do not lead
#: to anything good" positive (README, "How a term is talked about").
ENGINES = ("accurate", "fast")
DEFAULT_ENGINE = "fast"


@dataclass
class TargetSentimentModel:
    """A trained stacked model, reconstructed from plain arrays (no pickle).

    ``vocab``: word-feature names; ``views``: {name: (column indices, coef (3 x k), intercept)};
    ``char_vocab`` / ``char_idf`` / ``char_coef`` / ``char_intercept``: the character view;
    ``meta_coef`` / ``meta_intercept``: the stacker over the views' log-probabilities;
    ``info``: training data, settings and cross-validation figures.
    """

    vocab: dict[str, int]
    views: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
    char_vocab: dict[str, int]
    char_idf: np.ndarray
    char_coef: np.ndarray
    char_intercept: np.ndarray
    meta_coef: np.ndarray
    meta_intercept: np.ndarray
    info: dict
    char_cache: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def word_matrix(self, feats: list[dict[str, float]]) -> sp.csr_matrix:
        return dicts_to_csr(feats, self.vocab)

    def char_matrix(self, windows: list[str]) -> sp.csr_matrix:
        return char_tfidf(windows, self.char_vocab, self.char_idf, self.char_cache)

    def view_log_probs(self, words: sp.csr_matrix, chars: sp.csr_matrix) -> np.ndarray:
        """Log-probabilities of every base model side by side (n x 3 * n_views)."""
        blocks = []
        for name in self.info["view_order"]:
            if name == "char":
                blocks.append(log_softmax(chars @ self.char_coef.T + self.char_intercept))
            else:
                cols, coef, intercept = self.views[name]
                x = binarize(words[:, cols]) if name == NB_VIEW else words[:, cols]
                blocks.append(log_softmax(x @ coef.T + intercept))
        return np.hstack(blocks)

    def predict_proba(self, texts: Iterable[str], starts: Iterable[int], ends: Iterable[int], *,
                      kind: str = "person") -> np.ndarray:
        """P(negative), P(neutral), P(positive) per target (n x 3). ``kind`` (``TARGET_KINDS``)
        is checked but not read: this model scores persons and concepts alike."""
        check_kind(kind)
        texts, starts, ends = list(texts), list(starts), list(ends)
        feats = [target_features(t, s, e) for t, s, e in zip(texts, starts, ends)]
        windows = [char_window(t, s, e) for t, s, e in zip(texts, starts, ends)]
        z = self.view_log_probs(self.word_matrix(feats), self.char_matrix(windows))
        return np.exp(log_softmax(z @ self.meta_coef.T + self.meta_intercept))


@lru_cache(maxsize=4)
def _load_model_cached(path: str, mtime_ns: int) -> TargetSentimentModel:
    with np.load(path, allow_pickle=False) as z:
        info = json.loads(str(z["info"]))
        vocab = {w: i for i, w in enumerate(z["vocab"].tolist())}
        views = {name: (z[f"cols_{name}"], z[f"coef_{name}"].astype(np.float64),
                        z[f"intercept_{name}"].astype(np.float64))
                 for name in info["view_order"] if name != "char"}
        return TargetSentimentModel(
            vocab=vocab, views=views,
            char_vocab={w: i for i, w in enumerate(z["char_vocab"].tolist())},
            char_idf=z["char_idf"].astype(np.float64),
            char_coef=z["coef_char"].astype(np.float64),
            char_intercept=z["intercept_char"].astype(np.float64),
            meta_coef=z["coef_meta"].astype(np.float64),
            meta_intercept=z["intercept_meta"].astype(np.float64),
            info=info)


def load_model(path: str | Path | None = None) -> TargetSentimentModel:
    """The target-sentiment model at ``path`` (default: the shipped
    ``resources/sentiment/target_sentiment.npz``). Loaded once per file and modification time.
    Raises ``ModelNotFoundError`` (a ``FileNotFoundError``) naming the path when it is missing."""
    path = require_model_file(Path(path) if path is not None else MODEL_PATH, what="target-sentiment model",
                              build=_BUILD_FAST)
    return _load_model_cached(str(path), path.stat().st_mtime_ns)


@dataclass
class FastEngine:
    """The fast engine: one ``TargetSentimentModel`` per target kind (``models``: ``person`` ->
    the model trained on NewsMTSC train, ``concept`` -> the one trained on it and on the concept
    gold). ``predict_proba(..., kind=)`` routes each call to the model of its kind, so learning
    concepts does not move a single person's score."""

    models: dict[str, TargetSentimentModel]

    @property
    def info(self) -> dict:
        """The persons model's ``info``, with the concept model's cross-validated figures on the
        concept gold under ``concepts`` (what ``make validate`` reports for this engine)."""
        info = dict(self.models["person"].info)
        concepts = self.models["concept"].info.get("concepts")
        if concepts:
            info["concepts"] = concepts
        return info

    def predict_proba(self, texts: Iterable[str], starts: Iterable[int], ends: Iterable[int], *,
                      kind: str = "person") -> np.ndarray:
        """P(negative), P(neutral), P(positive) per target (n x 3), from the model of ``kind``."""
        return self.models[check_kind(kind)].predict_proba(texts, starts, ends, kind=kind)


def load_fast_engine(path: str | Path | None = None, concept_path: str | Path | None = None) -> FastEngine:
    """The fast engine: ``load_model(path)`` for persons and ``load_model(concept_path)`` for
    concepts (defaults: the shipped ``MODEL_PATH`` and ``CONCEPT_MODEL_PATH``). Raises
    ``ModelNotFoundError`` naming a missing file."""
    concept_path = require_model_file(Path(concept_path) if concept_path is not None else CONCEPT_MODEL_PATH,
                                      what="target-sentiment model for concepts", build=_BUILD_FAST)
    return FastEngine(models={"person": load_model(path), "concept": load_model(concept_path)})


def clear_model_cache() -> None:
    """Forget the models ``load_model`` has loaded (after writing a model file, so the next
    ``load_model`` reads it again even when its modification time did not change)."""
    _load_model_cached.cache_clear()


# ----------------------------------------------------------------------------------------------
# scoring
# ----------------------------------------------------------------------------------------------

def _check_spans(df: pd.DataFrame) -> None:
    texts = df["text"]
    bad_text = ~texts.map(lambda t: isinstance(t, str))
    if bad_text.any():
        raise ValueError(f"score_targets: text is not a string in row(s) {list(df.index[bad_text][:5])}")
    starts = pd.to_numeric(df["start"], errors="coerce")
    ends = pd.to_numeric(df["end"], errors="coerce")
    lengths = texts.str.len()
    bad = starts.isna() | ends.isna() | (starts < 0) | (ends <= starts) | (ends > lengths)
    if bad.any():
        i = df.index[bad][0]
        raise ValueError(f"score_targets: target offsets out of range in {int(bad.sum())} row(s), "
                         f"first at index {i!r}: start={df.at[i, 'start']!r}, end={df.at[i, 'end']!r}, "
                         f"text length {lengths.at[i]}")


def polarity_from_proba(proba: np.ndarray) -> np.ndarray:
    """Polarity in [-1, 1]: P(positive) - P(negative)."""
    return np.clip(proba[:, 2] - proba[:, 0], -1.0, 1.0)


def check_engine(engine: str) -> str:
    """``engine`` if it names one of ``ENGINES``, else a ``ValueError`` listing them."""
    if engine not in ENGINES:
        raise ValueError(f"unknown sentiment engine {engine!r}: choose one of {', '.join(ENGINES)}")
    return engine


def load_engine(engine: str = DEFAULT_ENGINE) -> FastEngine | AccurateModel:
    """The shipped model of ``engine``: ``accurate`` (one transformer that reads the kind as a
    token type) or ``fast`` (``FastEngine``: one stacked model per kind). Both have
    ``predict_proba(texts, starts, ends, kind=)`` -> P(negative), P(neutral), P(positive) and
    ``info``."""
    return load_accurate_model() if check_engine(engine) == "accurate" else load_fast_engine()


def score_targets(df: pd.DataFrame, *, engine: str = DEFAULT_ENGINE, target_kind: str = "person",
                  model: TargetSentimentModel | FastEngine | AccurateModel | None = None,
                  batch_size: int = 2048) -> pd.DataFrame:
    """Target sentiment of each row of ``df`` (columns ``text``, ``start``, ``end``: the target
    span, 0-based end-exclusive). Returns a DataFrame with the same index and the columns
    ``polarity`` (float in [-1, 1], P(positive) - P(negative)) and ``label`` (``negative`` |
    ``neutral`` | ``positive``, the most probable class). Pass the sentence that holds the target
    (both engines were trained on sentences).

    ``engine``: ``fast`` (default: the linear model) or ``accurate`` (the transformer,
    ``sentiment.accurate``); ``model`` overrides the shipped model of the engine.
    ``target_kind``: what the targets are, ``person`` (default: people, groups, organisations,
    as in NewsMTSC) or ``concept`` (terms such as "sanctions"; ``term_sentiment`` passes it).
    The accurate engine reads it when its model was trained to (``AccurateModel.reads_kinds``);
    the fast engine scores each kind with its own model (``FastEngine``); a single
    ``TargetSentimentModel`` passed as ``model`` scores both alike. Raises ``ValueError`` on
    missing columns, offsets outside the text, an unknown engine or an unknown kind."""
    check_engine(engine)
    check_kind(target_kind)
    check_columns(df, ("text", "start", "end"), what="score_targets")
    if df.empty:
        return pd.DataFrame({"polarity": pd.Series(dtype="float64"),
                             "label": pd.Series(dtype="object")}, index=df.index)
    _check_spans(df)
    model = model or load_engine(engine)
    texts = df["text"].tolist()
    starts, ends = df["start"].astype(int).tolist(), df["end"].astype(int).tolist()
    probas = [model.predict_proba(texts[i:i + batch_size], starts[i:i + batch_size], ends[i:i + batch_size],
                                  kind=target_kind)
              for i in range(0, len(texts), batch_size)]
    proba = np.vstack(probas)
    labels = np.asarray(LABELS, dtype=object)[proba.argmax(axis=1)]
    return pd.DataFrame({"polarity": polarity_from_proba(proba), "label": labels}, index=df.index)
