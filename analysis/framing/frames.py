"""Frames: per-article scores on the 15 dimensions of the Policy Frames Codebook from
``resources/frames/policy_frames.tsv`` (``score_frames``) and their means per group
(``frame_profile``); a classifier for articles users coded themselves
(``train_frame_classifier``); unsupervised frame discovery with NMF (``discover_frames``)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import count

import numpy as np
import pandas as pd

from .. import config
from .._compat import legacy_call
from ..schema import InsufficientDataError, check_columns, fill_unknown, group_keys
from ..text import tokenize
from .groups import group_total

FRAMES = (
    "economic", "capacity_and_resources", "morality", "fairness_and_equality", "legality",
    "policy_prescription", "crime_and_punishment", "security_and_defense", "health_and_safety",
    "quality_of_life", "cultural_identity", "public_opinion", "political",
    "external_regulation_and_reputation", "other",
)


@lru_cache(maxsize=None)
def load_frame_lexicon(path: str | None = None) -> pd.DataFrame:
    """The frame lexicon: columns ``frame``, ``pattern`` (see the file's header for its origin).
    ``path`` defaults to ``resources/frames/policy_frames.tsv``."""
    path = path or str(config.RESOURCES_DIR / "frames" / "policy_frames.tsv")
    lex = pd.read_csv(path, sep="\t", comment="#", names=["frame", "pattern"], dtype=str)
    unknown = sorted(set(lex["frame"]) - set(FRAMES))
    if unknown:
        raise ValueError(f"{path}: unknown frame(s) {unknown}; expected {list(FRAMES)}")
    return lex


class _FrameMatcher:
    """Look-up of the frame lexicon: exact words, word prefixes (``econom*``) and phrases.

    Counting works on a text's token counts (each distinct word looked up once, with a
    cache), plus one regular expression for the few multi-word phrases; the words of a
    phrase hit are not counted again on their own."""

    def __init__(self, exact: dict[str, tuple[str, ...]], prefixes: dict[str, tuple[str, ...]],
                 phrases: list[tuple[str, bool, str]]):
        self.exact = exact
        self.prefixes = prefixes
        self.prefix_lengths = tuple(sorted({len(p) for p in prefixes}))
        # (first word, compiled phrase, frame): a phrase is searched only in texts that
        # contain its first word
        # literal first (fast search); the word boundary before it is checked by hand
        self.phrases = [(p.split()[0], re.compile(
            re.escape(p).replace(r"\ ", r"\s+") + (r"[\w'-]*" if is_prefix else r"\b")),
            frame) for p, is_prefix, frame in phrases]
        self._cache: dict[str, tuple[str, ...]] = {}

    def _frames_of(self, token: str) -> tuple[str, ...]:
        frames = self.exact.get(token)
        if frames is not None:
            return frames
        for length in self.prefix_lengths:
            if length > len(token):
                break
            frames = self.prefixes.get(token[:length])
            if frames:
                return frames
        return ()

    def frames_of(self, word: str) -> tuple[str, ...]:
        """The frames a lower-case word belongs to (cached; at most a million words)."""
        frames = self._cache.get(word)
        if frames is None:
            frames = self._frames_of(word)
            if len(self._cache) < 1 << 20:
                self._cache[word] = frames
        return frames

    def count_matrix(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(hits, n_words) for a batch of texts: ``hits[i, k]`` = lexicon hits of frame
        ``FRAMES[k]`` in text ``i``. Word counts go through one sparse product (each distinct
        word of the batch is looked up once)."""
        from scipy import sparse

        # each distinct word gets the next code on first sight (a C-level map over the words)
        index: dict[str, int] = defaultdict(count().__next__)
        codes = [list(map(index.__getitem__, tokenize(t))) for t in texts]
        n_words = np.fromiter((len(c) for c in codes), dtype=np.int64, count=len(codes))
        uniques = list(index)
        col = {f: k for k, f in enumerate(FRAMES)}
        rows, cols = [], []
        for u, word in enumerate(uniques):
            for frame in self.frames_of(word):
                rows.append(u)
                cols.append(col[frame])
        lexicon = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                                    shape=(len(uniques), len(FRAMES)))
        doc = np.repeat(np.arange(len(texts)), n_words)
        flat = np.fromiter((c for cs in codes for c in cs), dtype=np.int64, count=int(n_words.sum()))
        counts = sparse.csr_matrix((np.ones(len(flat)), (doc, flat)),
                                   shape=(len(texts), len(uniques)))
        hits = np.asarray((counts @ lexicon).todense())
        for i, text in enumerate(texts):
            self._phrase_hits(text, hits[i], col)
        return hits, n_words

    def _phrase_hits(self, text: str, row: np.ndarray, col: dict[str, int]) -> None:
        """Add phrase hits to ``row`` and take back the single-word hits of their words."""
        lower = None
        for first, pattern, frame in self.phrases:
            lower = text.lower() if lower is None else lower
            if first not in lower:
                continue
            for m in pattern.finditer(lower):
                if m.start() and lower[m.start() - 1].isalnum():
                    continue
                row[col[frame]] += 1
                for w in tokenize(m.group(0)):
                    for f in self.frames_of(w):
                        row[col[f]] -= 1


@lru_cache(maxsize=None)
def _frame_matcher(path: str | None = None) -> _FrameMatcher:
    lex = load_frame_lexicon(path)
    exact: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    phrases: list[tuple[str, bool, str]] = []
    for frame, pattern in zip(lex["frame"], lex["pattern"]):
        is_prefix = pattern.endswith("*")
        words = tokenize(pattern.rstrip("*"))
        if len(words) > 1:
            phrases.append((" ".join(words), is_prefix, frame))
        elif is_prefix:
            prefixes.setdefault(words[0], []).append(frame)
        else:
            exact.setdefault(words[0], []).append(frame)
    return _FrameMatcher({k: tuple(v) for k, v in exact.items()},
                         {k: tuple(v) for k, v in prefixes.items()}, phrases)


def score_frames(articles: pd.DataFrame, *, lexicon: str | None = None) -> pd.DataFrame:
    """Per-article frame scores: lexicon hits per 1,000 words on each of the 15 dimensions.

    Returns ``article_id``, ``n_words``, one column per frame (``economic``, ...,
    ``other``: hits per 1,000 words) and ``dominant_frame`` (the highest-scoring dimension,
    NA when no lexicon word occurs). ``articles`` needs ``article_id`` and ``text``;
    ``lexicon`` overrides the shipped TSV file.
    """
    check_columns(articles, ("article_id", "text"), what="score_frames")
    matcher = _frame_matcher(lexicon)
    texts = [t if isinstance(t, str) else "" for t in articles["text"]]
    hits, n_words = matcher.count_matrix(texts) if texts else (np.zeros((0, len(FRAMES))),
                                                              np.zeros(0, dtype=np.int64))
    per_1000 = 1000 * hits / np.maximum(n_words, 1)[:, None]
    scores = pd.DataFrame(per_1000, columns=list(FRAMES), index=articles.index)
    scores["n_words"] = n_words
    dominant = scores[list(FRAMES)].idxmax(axis=1).where(scores[list(FRAMES)].sum(axis=1) > 0)
    scores.insert(0, "article_id", articles["article_id"])
    scores["dominant_frame"] = dominant.astype("string")
    return scores.reset_index(drop=True)


@legacy_call("articles", "scores")
def frame_profile(articles: pd.DataFrame, *, scores: pd.DataFrame | None = None,
                  by: str | Sequence[str] | None = "outlet") -> pd.DataFrame:
    """Mean frame scores per group (long).

    ``articles``: the ``by`` columns and, unless ``scores`` is given, ``text``; ``scores``: the
    ``score_frames`` table of the same articles in the same order (computed when None). Returns
    the ``by`` columns (a missing value labelled ``UNKNOWN_GROUP``), ``frame``,
    ``per_1000_words`` (mean over the group's articles), ``share`` (that frame's part of the
    group's frame vocabulary, sums to 1 per group), ``n_articles``."""
    keys = group_keys(by)
    check_columns(articles, keys if scores is not None else ["text", *keys], what="frame_profile")
    scores = score_frames(articles) if scores is None else scores
    check_columns(scores, FRAMES, what="frame_profile scores")
    merged = scores[list(FRAMES)].assign(**{k: fill_unknown(articles[k]).to_numpy() for k in keys})
    if keys:
        grouped = merged.groupby(keys)
        mean, sizes = grouped[list(FRAMES)].mean(), grouped.size().rename("n_articles")
    else:
        mean, sizes = merged[list(FRAMES)].mean().to_frame().T, None
    mean.columns.name = "frame"
    long = mean.stack().rename("per_1000_words").reset_index()
    if not keys:
        long = long.drop(columns=long.columns[0])          # the one row's index
    long["share"] = long["per_1000_words"] / group_total(long, keys, "per_1000_words")
    long["share"] = long["share"].fillna(0.0)
    long["n_articles"] = long.join(sizes, on=keys)["n_articles"] if keys else len(merged)
    return long


@dataclass
class FrameClassifier:
    """A fitted frame classifier and its cross-validated scores (one row per fold: ``fold``,
    ``accuracy``, ``macro_f1``)."""

    pipeline: object
    cv_scores: pd.DataFrame
    labels: list[str]

    def predict(self, articles: pd.DataFrame) -> pd.Series:
        """Predicted frame per article (same index)."""
        return pd.Series(self.pipeline.predict(articles["text"]), index=articles.index)


def train_frame_classifier(labelled_articles: pd.DataFrame, *, label: str = "frame",
                           folds: int = 5, random_state: int = 0) -> FrameClassifier:
    """Train a frame classifier on articles a user coded (columns ``text`` and ``label``):
    TF-IDF (1-2 grams) + logistic regression with balanced class weights. Returns the pipeline
    fitted on all articles and stratified ``folds``-fold cross-validated accuracy and macro-F1,
    so users can report how well it reproduces their coding before applying it.
    ``InsufficientDataError`` when a frame has fewer than ``folds`` coded articles."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_validate
    from sklearn.pipeline import make_pipeline

    check_columns(labelled_articles, ("text", label), what="train_frame_classifier")
    data = labelled_articles.dropna(subset=[label])
    smallest = data[label].value_counts().min() if len(data) else 0
    if smallest < folds:
        raise InsufficientDataError(f"every frame needs at least {folds} coded articles for "
                                    f"{folds}-fold cross-validation; the rarest has {smallest}")
    pipeline = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, stop_words="english"),
        LogisticRegression(max_iter=2000, class_weight="balanced"))
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    res = cross_validate(pipeline, data["text"], data[label], cv=cv,
                         scoring=("accuracy", "f1_macro"))
    scores = pd.DataFrame({"fold": range(1, folds + 1), "accuracy": res["test_accuracy"],
                           "macro_f1": res["test_f1_macro"]})
    pipeline.fit(data["text"], data[label])
    return FrameClassifier(pipeline=pipeline, cv_scores=scores,
                           labels=sorted(data[label].astype(str).unique()))


#: Fewest articles ``discover_frames`` works on: words must occur in two articles and in less
#: than 90 % of them.
MIN_ARTICLES_FOR_DISCOVERY = 3


def discover_frames(articles: pd.DataFrame, *, n_frames: int = 8, n_top_words: int = 10,
                    random_state: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Unsupervised frame discovery: NMF on TF-IDF (1-2 grams) of the article texts.

    ``articles`` needs ``article_id`` and ``text``. Returns ``(frames, weights)``: ``frames``
    has ``frame`` (0..n-1), ``rank``, ``term``, ``weight`` (the top words that characterise
    each discovered frame, to be named by a researcher); ``weights`` has ``article_id`` and one
    column per frame (``frame_0``...), each row normalised to sum to 1 (0 for an article with
    no vocabulary). ``InsufficientDataError`` when there are fewer than
    ``MIN_ARTICLES_FOR_DISCOVERY`` articles or no word recurs across them."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    check_columns(articles, ("article_id", "text"), what="discover_frames")
    texts = articles["text"].fillna("")
    if len(texts) < MIN_ARTICLES_FOR_DISCOVERY:
        raise InsufficientDataError(f"frame discovery needs at least {MIN_ARTICLES_FOR_DISCOVERY} "
                                    f"articles (words must recur across articles); got {len(texts)}")
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.9, stop_words="english",
                                 sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError as exc:       # scikit-learn: no word left in two articles (or any)
        raise InsufficientDataError(f"frame discovery found no words shared by the articles "
                                    f"({exc})") from exc
    n = min(n_frames, matrix.shape[0], matrix.shape[1])
    if n < 1:
        raise InsufficientDataError("too few articles or words to discover frames")
    model = NMF(n_components=n, init="nndsvd", random_state=random_state, max_iter=500)
    doc = model.fit_transform(matrix)
    terms = vectorizer.get_feature_names_out()
    rows = [(k, r + 1, terms[i], float(comp[i]))
            for k, comp in enumerate(model.components_)
            for r, i in enumerate(np.argsort(comp)[::-1][:n_top_words])]
    frames = pd.DataFrame(rows, columns=["frame", "rank", "term", "weight"])
    totals = doc.sum(axis=1, keepdims=True)
    doc = np.divide(doc, totals, out=np.zeros_like(doc), where=totals > 0)
    weights = pd.DataFrame(doc, columns=[f"frame_{k}" for k in range(n)])
    weights.insert(0, "article_id", articles["article_id"].to_numpy())
    return frames, weights
