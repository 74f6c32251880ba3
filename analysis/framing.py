"""Framing measures: what separates two outlets' language, how a term is used, which frames.

- ``top_terms``: most frequent words.
- ``keyness``: 1-3 word phrases that separate two groups (log-odds ratio with an informative
  Dirichlet prior, Monroe, Colaresi & Quinn 2008).
- ``score_frames`` / ``frame_profile``: per-article scores on the 15 dimensions of the Policy
  Frames Codebook from ``resources/frames/policy_frames.tsv``.
- ``train_frame_classifier``: a scikit-learn pipeline for articles users coded themselves.
- ``discover_frames``: unsupervised frame discovery with NMF.
- ``cue_verb_profile`` / ``top_cues``: the reporting verbs each group uses.
- ``kwic``, ``term_salience`` / ``salience_summary``, ``scare_quotes`` / ``scare_quote_summary``:
  how a term is presented.

Every function takes the table its rows come from first (articles; quotes for the reporting
verbs; a ``term_salience`` or ``scare_quotes`` table for their summaries) and everything else
keyword-only: ``articles=`` (group columns merged on ``article_id``), ``by=`` (a column, a
sequence of columns or None for the whole table, see ``schema.group_keys``). A missing group
value is labelled ``schema.UNKNOWN_GROUP``. ``keyness`` compares two groups: a sequence ``by``
groups by the combination of its columns (labels joined by " · ", e.g. "Sputnik · 2024"), and
``a``/``b`` may then be given as such a label or as a tuple of values. A corpus that cannot
support an analysis (one group only, too few articles) raises ``schema.InsufficientDataError``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import count
from typing import Iterable

import numpy as np
import pandas as pd

from . import config
from ._compat import legacy_call
from .schema import (InsufficientDataError, check_columns, fill_unknown, group_keys, group_label,
                     with_groups)
from .text import sentence_spans, stopwords, tokenize

FRAMES = (
    "economic", "capacity_and_resources", "morality", "fairness_and_equality", "legality",
    "policy_prescription", "crime_and_punishment", "security_and_defense", "health_and_safety",
    "quality_of_life", "cultural_identity", "public_opinion", "political",
    "external_regulation_and_reputation", "other",
)


def top_terms(articles: pd.DataFrame, *, n: int = 20, min_length: int = 3) -> pd.DataFrame:
    """The ``n`` most frequent words of the corpus, stop words and words shorter than
    ``min_length`` left out. ``articles`` needs ``text``. Columns: ``term``, ``count``
    (occurrences), ``n_articles`` (articles containing it), ``per_1000_words``."""
    check_columns(articles, ("text",), what="top_terms")
    stop = stopwords()
    counts: Counter[str] = Counter()
    doc_freq: Counter[str] = Counter()
    total = 0
    for text in articles["text"]:
        words = tokenize(text)
        total += len(words)
        kept = [w for w in words if len(w) >= min_length and w not in stop]
        counts.update(kept)
        doc_freq.update(set(kept))
    rows = [(t, c, doc_freq[t], 1000 * c / max(total, 1)) for t, c in counts.most_common(n)]
    return pd.DataFrame(rows, columns=["term", "count", "n_articles", "per_1000_words"])


# --------------------------------------------------------------------------------------------
# keyness
# --------------------------------------------------------------------------------------------

def count_ngrams(texts: Iterable[str], *, ngram_range: tuple[int, int] = (1, 3)) -> Counter[str]:
    """Counts of the 1..n-word phrases of ``texts``, lower-cased, within sentences. A phrase
    may not start or end with a stop word, and single stop words are not counted."""
    stop = stopwords()
    lo, hi = ngram_range
    counts: Counter[str] = Counter()
    for text in texts:
        for s, e in sentence_spans(text):
            words = tokenize(text[s:e])
            for n in range(lo, hi + 1):
                for i in range(len(words) - n + 1):
                    gram = words[i:i + n]
                    if gram[0] in stop or gram[-1] in stop:
                        continue
                    counts[" ".join(gram)] += 1
    return counts


#: Separator of the values in the label of a group of several columns (``keyness``).
GROUP_SEPARATOR = " · "


def two_groups(articles: pd.DataFrame, *, by: str | Sequence[str] = "outlet", a=None, b=None
               ) -> tuple[pd.Series, str, str]:
    """Boolean masks for group ``a`` (True) and ``b`` (False; NA = in neither) and their labels.
    Defaults: the two largest groups of ``by``; ``b="rest"`` compares ``a`` with all others.

    ``by``: a column of ``articles``, or a sequence of columns whose combined values form the
    groups (labels joined by ``GROUP_SEPARATOR``; ``a``/``b`` may be tuples of values). A row
    with a missing group value is in neither group. ``InsufficientDataError`` when the corpus
    has fewer than two groups or a named group has no articles."""
    keys = group_keys(by)
    if not keys:
        raise ValueError("two_groups compares two groups: by= must name a column")
    check_columns(articles, keys, what="two_groups")
    values = group_label(articles, keys, unknown=None, sep=GROUP_SEPARATOR)
    a, b = (_group_name(v) for v in (a, b))
    if a is None or b is None:
        largest = values.value_counts().index.tolist()
        if a is None:
            a = largest[0] if largest else None
        if b is None:
            others = [v for v in largest if v != a]
            b = others[0] if others else None
    shown = by if isinstance(by, str) else keys
    if a is None or b is None or a == b:
        raise InsufficientDataError(f"keyness needs two groups of {shown!r}; found {values.nunique()} "
                                    f"({values.dropna().unique().tolist()[:5]})")
    in_a = values == str(a)
    in_b = ~in_a if b == "rest" else values == str(b)
    if not in_a.any() or not in_b.any():
        raise InsufficientDataError(f"group {a if not in_a.any() else b!r} has no articles in "
                                    f"{shown!r}")
    mask = pd.Series(pd.NA, index=articles.index, dtype="boolean")
    mask[in_a.fillna(False)] = True
    mask[in_b.fillna(False)] = False
    return mask, str(a), str(b)


def _group_name(value):
    """A group named by a tuple or list of values (one per ``by`` column) as its label."""
    if isinstance(value, (tuple, list)):
        return GROUP_SEPARATOR.join(map(str, value))
    return value


def keyness(articles: pd.DataFrame, *, by: str | Sequence[str] = "outlet", a=None, b=None,
            ngram_range: tuple[int, int] = (1, 3), min_count: int = 5,
            prior_scale: float | None = None) -> pd.DataFrame:
    """Words and phrases that separate group ``a`` from group ``b`` of column ``by``.

    The weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
    2008, "Fightin' Words", eq. 16-22): the prior for each phrase is its share in both groups
    together times ``prior_scale`` (default: the number of phrase tokens in both groups, so the
    prior counts as much as the data), which shrinks rare phrases towards zero.

    ``articles`` needs ``text`` and the ``by`` columns; ``by``, ``a``, ``b`` as in
    ``two_groups`` (``InsufficientDataError`` when the corpus has fewer than two groups).
    Returns one row per phrase counted at least ``min_count`` times in both groups together,
    sorted by ``z`` (most typical of ``a`` first): ``term``, ``n_words`` (1-3), ``count_a``,
    ``count_b``, ``per_1000_a``, ``per_1000_b`` (per 1,000 phrase tokens), ``log_odds``
    (delta), ``se``, ``z`` (positive: typical of ``a``), ``group`` (the group it is typical
    of, by the sign of z). ``attrs`` carry ``a``, ``b`` and the article counts.
    """
    check_columns(articles, ("text",), what="keyness")
    mask, label_a, label_b = two_groups(articles, by=by, a=a, b=b)
    counts_a = count_ngrams(articles.loc[mask.fillna(False).astype(bool), "text"],
                            ngram_range=ngram_range)
    counts_b = count_ngrams(articles.loc[(~mask).fillna(False).astype(bool), "text"],
                            ngram_range=ngram_range)
    vocab = [t for t in set(counts_a) | set(counts_b) if counts_a[t] + counts_b[t] >= min_count]
    table = pd.DataFrame({"term": vocab})
    table["count_a"] = np.array([counts_a[t] for t in vocab], dtype=float)
    table["count_b"] = np.array([counts_b[t] for t in vocab], dtype=float)
    n_a, n_b = float(sum(counts_a.values())), float(sum(counts_b.values()))
    alpha0 = prior_scale if prior_scale is not None else n_a + n_b
    total = table["count_a"] + table["count_b"]
    alpha = alpha0 * total / max(n_a + n_b, 1.0)   # background share over all phrase tokens
    ya, yb = table["count_a"], table["count_b"]
    delta = (np.log((ya + alpha) / (n_a + alpha0 - ya - alpha))
             - np.log((yb + alpha) / (n_b + alpha0 - yb - alpha)))
    se = np.sqrt(1.0 / (ya + alpha) + 1.0 / (yb + alpha))
    table["n_words"] = table["term"].str.count(" ") + 1
    table["per_1000_a"] = 1000 * ya / max(n_a, 1.0)
    table["per_1000_b"] = 1000 * yb / max(n_b, 1.0)
    table["log_odds"] = delta
    table["se"] = se
    table["z"] = delta / se
    table["group"] = np.where(table["z"] >= 0, label_a, label_b)
    table[["count_a", "count_b"]] = table[["count_a", "count_b"]].astype(int)
    cols = ["term", "n_words", "count_a", "count_b", "per_1000_a", "per_1000_b", "log_odds",
            "se", "z", "group"]
    out = table[cols].sort_values(["z", "term"], ascending=[False, True]).reset_index(drop=True)
    out.attrs.update({"a": label_a, "b": label_b, "by": by,
                      "n_articles_a": int(mask.fillna(False).sum()),
                      "n_articles_b": int((~mask).fillna(False).sum())})
    return out


# --------------------------------------------------------------------------------------------
# frame dimensions (Policy Frames Codebook)
# --------------------------------------------------------------------------------------------

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
    long["share"] = long["per_1000_words"] / _group_total(long, keys, "per_1000_words")
    long["share"] = long["share"].fillna(0.0)
    long["n_articles"] = long.join(sizes, on=keys)["n_articles"] if keys else len(merged)
    return long


def _group_total(df: pd.DataFrame, keys: list[str], column: str):
    """The sum of ``column`` over each row's group of ``keys`` (the whole table for no keys)."""
    return df.groupby(keys)[column].transform("sum") if keys else df[column].sum()


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


# --------------------------------------------------------------------------------------------
# reporting verbs
# --------------------------------------------------------------------------------------------

@legacy_call("quotes", "articles")
def cue_verb_profile(quotes: pd.DataFrame, *, articles: pd.DataFrame | None = None,
                     by: str | Sequence[str] | None = "outlet") -> pd.DataFrame:
    """How each group introduces the statements it reports: the tone of the cue (``neutral``
    "said", ``loaded`` "claimed"/"admitted"/"insisted", ``belief`` "thinks", ``action``
    "criticized", ``other`` punctuation-only cues), from ``resources/cue_verbs.tsv``.

    ``quotes``: the quotes table (``article_id``, ``cue``); each ``by`` column is a column of
    ``quotes``, else of ``articles`` (merged on ``article_id``). Returns the ``by`` columns (a
    missing value labelled ``UNKNOWN_GROUP``), ``tone``, ``n_quotes``, ``share`` (of the
    group's quotes, sums to 1 per group)."""
    from .quotes import cue_tone

    keys = group_keys(by)
    q = _quotes_with_groups(quotes, keys, articles=articles, what="cue_verb_profile")
    q["tone"] = [cue_tone(c) for c in q["cue"].fillna("")]
    counts = q.groupby([*keys, "tone"]).size().rename("n_quotes").reset_index()
    counts["share"] = counts["n_quotes"] / _group_total(counts, keys, "n_quotes")
    return counts


@legacy_call("quotes", "articles")
def top_cues(quotes: pd.DataFrame, *, articles: pd.DataFrame | None = None,
             by: str | Sequence[str] | None = "outlet", n: int = 10) -> pd.DataFrame:
    """The ``n`` most used cues per group (``quotes``, ``articles``, ``by`` as in
    ``cue_verb_profile``): the ``by`` columns, ``cue`` (lower case), ``tone``, ``n_quotes``,
    ``share``."""
    from .quotes import cue_tone

    keys = group_keys(by)
    q = _quotes_with_groups(quotes, keys, articles=articles, what="top_cues")
    q = q.dropna(subset=["article_id", "cue"]).copy()
    q["cue"] = q["cue"].str.lower()
    counts = q.groupby([*keys, "cue"]).size().rename("n_quotes").reset_index()
    counts["share"] = counts["n_quotes"] / _group_total(counts, keys, "n_quotes")
    counts["tone"] = [cue_tone(c) for c in counts["cue"]]
    counts = counts.sort_values([*keys, "n_quotes", "cue"], ascending=[*([True] * len(keys)), False, True])
    top = counts.groupby(keys).head(n) if keys else counts.head(n)
    return top.reset_index(drop=True)[[*keys, "cue", "tone", "n_quotes", "share"]]


def _quotes_with_groups(quotes: pd.DataFrame, keys: list[str], *, articles: pd.DataFrame | None,
                        what: str) -> pd.DataFrame:
    """``article_id``, ``cue`` and the group columns of ``quotes`` (taken from ``articles``
    where ``quotes`` lacks them), a missing group value labelled ``UNKNOWN_GROUP``."""
    check_columns(quotes, ("article_id", "cue"), what=what)
    q = with_groups(quotes, keys, articles=articles, what=what)
    q = q[list(dict.fromkeys(["article_id", "cue", *keys]))].copy()
    for key in keys:
        q[key] = fill_unknown(q[key])
    return q


# --------------------------------------------------------------------------------------------
# how a term is presented: keyword in context, salience, scare quotes
# --------------------------------------------------------------------------------------------

def kwic(articles: pd.DataFrame, term: str | list[str], *, window: int = 10) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` (a lexicon entry, phrase or list, see
    ``text.resolve_terms``) with ``window`` words either side.

    ``articles`` needs ``article_id``, ``outlet``, ``date``, ``text``. Columns: ``article_id``,
    ``outlet``, ``date``, ``term``, ``left``, ``match``, ``right``, ``start``, ``end`` (offsets
    into the article's text)."""
    from .text import compile_terms, find_terms

    check_columns(articles, ("article_id", "outlet", "date", "text"), what="kwic")
    compiled = compile_terms(term)
    rows = []
    for rec in articles[["article_id", "outlet", "date", "text"]].itertuples(index=False):
        for name, match, s, e in find_terms(rec.text, compiled):
            left = rec.text[max(0, s - 20 * window):s].split()[-window:] if window else []
            right = rec.text[e:e + 20 * window].split()[:window] if window else []
            rows.append((rec.article_id, rec.outlet, rec.date, name, " ".join(left), match,
                         " ".join(right), s, e))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "date", "term", "left", "match",
                                       "right", "start", "end"])


def term_salience(articles: pd.DataFrame, terms: str | list[str]) -> pd.DataFrame:
    """Where a term appears in each article (``articles``: ``article_id``, ``outlet``, ``title``,
    ``text``, optionally ``lede``): one row per article and term.

    Columns: ``article_id``, ``outlet``, ``term``, ``n_mentions`` (in the body), ``in_title``,
    ``in_lede`` (the ``lede`` column when the input has one, else the body's first sentence),
    ``in_first_paragraph``, ``first_position`` (offset of the first body mention / body length,
    0 = the very start; NA without mentions), ``mentioned`` (anywhere: title, lede or body)."""
    from .text import compile_terms, find_terms, sentence_spans

    check_columns(articles, ("article_id", "outlet", "title", "text"), what="term_salience")
    compiled = compile_terms(terms)
    names = compiled[1]
    has_lede = "lede" in articles
    rows = []
    for rec in articles.itertuples(index=False):
        text = rec.text or ""
        title = rec.title if isinstance(rec.title, str) else ""
        lede = rec.lede if has_lede and isinstance(rec.lede, str) else ""
        if not lede:
            first = sentence_spans(text)[:1]
            lede = text[first[0][0]:first[0][1]] if first else ""
        para_end = text.find("\n\n")
        para_end = len(text) if para_end < 0 else para_end
        body = find_terms(text, compiled)
        in_title = {t for t, *_ in find_terms(title, compiled)}
        in_lede = {t for t, *_ in find_terms(lede, compiled)}
        for name in names:
            hits = [s for t, _, s, _ in body if t == name]
            rows.append((rec.article_id, rec.outlet, name, len(hits), name in in_title,
                         name in in_lede, any(s < para_end for s in hits),
                         hits[0] / len(text) if hits else np.nan,
                         bool(hits) or name in in_title or name in in_lede))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "term", "n_mentions", "in_title",
                                       "in_lede", "in_first_paragraph", "first_position",
                                       "mentioned"])


def salience_summary(salience: pd.DataFrame, *, by: str | Sequence[str] | None = "outlet"
                     ) -> pd.DataFrame:
    """Per group and term of a ``term_salience`` table (``article_id``, ``term``,
    ``mentioned``, ``n_mentions``, ``in_title``, ``in_lede``, ``in_first_paragraph`` and the
    ``by`` columns), among the articles that mention the term: the ``by`` columns (a missing
    value labelled ``UNKNOWN_GROUP``), ``term``, ``n_articles`` (that mention it),
    ``share_of_articles`` (of all the group's articles), ``in_title``, ``in_lede``,
    ``in_first_paragraph`` (shares), ``mentions_per_article``."""
    keys = group_keys(by)
    check_columns(salience, ("article_id", "term", "mentioned", "n_mentions", "in_title", "in_lede",
                             "in_first_paragraph", *keys), what="salience_summary")
    columns = [*keys, "term", "n_articles", "share_of_articles", "in_title", "in_lede",
               "in_first_paragraph", "mentions_per_article"]
    if salience.empty:
        return pd.DataFrame(columns=columns)
    s = salience.copy()
    for key in keys:
        s[key] = fill_unknown(s[key])
    total = s.groupby([*keys, "term"]).size().rename("n_total")
    m = s[s["mentioned"]]
    summary = m.groupby([*keys, "term"]).agg(
        n_articles=("article_id", "size"), in_title=("in_title", "mean"),
        in_lede=("in_lede", "mean"), in_first_paragraph=("in_first_paragraph", "mean"),
        mentions_per_article=("n_mentions", "mean"))
    summary = summary.join(total, how="right").fillna({"n_articles": 0}).reset_index()
    summary["share_of_articles"] = summary["n_articles"] / summary["n_total"]
    summary["n_articles"] = summary["n_articles"].astype(int)
    return summary[columns]


_QUOTE_OPEN = "\"“‘'«„"
_QUOTE_CLOSE = "\"”’'»“"
_SO_CALLED_RE = re.compile(r"(?i:so[-\s]called|self[-\s]styled|self[-\s]proclaimed|alleged|"
                           r"supposed|purported)\s+[\"“‘'«]?\s*$")


def scare_quotes(articles: pd.DataFrame, terms: str | list[str]) -> pd.DataFrame:
    """Mentions of ``terms`` that the writer distances themselves from: the term alone inside
    quote marks (“color revolutions”), or after "so-called", "self-styled", "alleged"...

    One row per mention: ``article_id``, ``outlet``, ``term``, ``match``, ``start``, ``end``,
    ``marker`` (``quote_marks``, ``so_called`` or NA for a plain mention), ``context`` (40
    characters either side). A quoted span longer than the term plus two words is a quotation,
    not a scare quote. ``articles`` needs ``article_id``, ``outlet``, ``text``."""
    from .text import compile_terms, find_terms

    check_columns(articles, ("article_id", "outlet", "text"), what="scare_quotes")
    compiled = compile_terms(terms)
    rows = []
    for rec in articles[["article_id", "outlet", "text"]].itertuples(index=False):
        text = rec.text or ""
        for name, match, s, e in find_terms(text, compiled):
            rows.append((rec.article_id, rec.outlet, name, match, s, e, _distancing(text, s, e),
                         text[max(0, s - 40):e + 40].replace("\n", " ")))
    table = pd.DataFrame(rows, columns=["article_id", "outlet", "term", "match", "start", "end",
                                        "marker", "context"])
    table["marker"] = table["marker"].astype("string")
    return table


def _distancing(text: str, s: int, e: int) -> str | None:
    before = text[max(0, s - 40):s]
    if _SO_CALLED_RE.search(before):
        return "so_called"
    # the nearest quote marks around the mention, at most two extra words inside them
    left = text[max(0, s - 25):s]
    right = text[e:e + 25]
    lo = max((left.rfind(c) for c in _QUOTE_OPEN), default=-1)
    hi = min((i for i in (right.find(c) for c in _QUOTE_CLOSE) if i >= 0), default=-1)
    if lo >= 0 and hi >= 0:
        inside = left[lo + 1:] + text[s:e] + right[:hi]
        extra = len(left[lo + 1:].split()) + len(right[:hi].split())
        if extra <= 2 and "\n" not in inside and not re.search(r"[.!?;:]", left[lo + 1:] + right[:hi]):
            return "quote_marks"
    return None


def scare_quote_summary(table: pd.DataFrame, *, by: str | Sequence[str] | None = "outlet"
                        ) -> pd.DataFrame:
    """Per group and term of a ``scare_quotes`` table (``term``, ``match``, ``marker`` and the
    ``by`` columns): the ``by`` columns (a missing value labelled ``UNKNOWN_GROUP``), ``term``,
    ``n_mentions``, ``n_quote_marks``, ``n_so_called``, ``share_distanced`` (mentions with
    either marker / all mentions)."""
    keys = group_keys(by)
    check_columns(table, ("term", "match", "marker", *keys), what="scare_quote_summary")
    t = table.copy()
    for key in keys:
        t[key] = fill_unknown(t[key])
    out = t.groupby([*keys, "term"]).agg(
        n_mentions=("match", "size"),
        n_quote_marks=("marker", lambda m: int((m == "quote_marks").sum())),
        n_so_called=("marker", lambda m: int((m == "so_called").sum()))).reset_index()
    out["share_distanced"] = (out["n_quote_marks"] + out["n_so_called"]) / out["n_mentions"]
    return out
