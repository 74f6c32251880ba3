"""How a term is talked about: target sentiment of term mentions, with the voice that carries it.

``score_targets(df)``
    The mention-level model. Input columns ``text``, ``start``, ``end`` (the target span, 0-based
    end-exclusive offsets into ``text``); output the same index with ``polarity`` (float in
    [-1, 1]: P(positive) - P(negative)) and ``label`` (``negative`` | ``neutral`` | ``positive``).

``term_sentiment(articles, terms)``
    The mentions table (``schema.MENTION_COLUMNS``): every occurrence of the terms, the sentence
    it is in, its voice (``narration`` or ``attributed`` to a speaker by
    ``quotes.extract_quotes``) and the target sentiment of the mention within its sentence.

``summarize_mentions`` / ``mentions_by_*``
    Counts and mean polarity per group with bootstrap 95% intervals.

The default engine (offline, scikit-learn only at training time, numpy/scipy at run time) is a
stacked ensemble of linear models trained on NewsMTSC train (Hamborg & Donnay 2021, MIT):

* the target is masked by a placeholder ``<t>`` and the sentence is described by several views:
  the whole sentence (words, bigrams), words left / right of the target, a distance-weighted
  window around it (with the word right before and after, and word pairs), the clause that holds
  the target with negation marked, and character 2-5-grams of a +-60 character masked window;
* dense features: VADER lexicon valence (MIT, ``resources/sentiment/vader_lexicon.tsv``) summed
  over the sentence, the clause, the left and right windows and distance-weighted, with negation
  flipping the valence of the next three words; whether the target opens the sentence, is a
  pronoun, sits inside quotation marks, is the subject or object of a reporting verb;
* one multinomial logistic regression (balanced class weights) per view, a multinomial naive
  Bayes over the presence of all word and dense features, and a logistic regression over their
  out-of-fold log-probabilities (stacking, 5 folds grouped by sentence).

The artifact ``resources/sentiment/target_sentiment.npz`` holds only arrays (vocabularies,
coefficients, idf weights) and a JSON header; it loads with ``allow_pickle=False`` on any
numpy / scikit-learn version. ``python -m analysis train-sentiment --data PATH`` rebuilds it.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp

from . import config
from .schema import LABELS, MENTION_COLUMNS, check_columns
from .text import compile_terms, find_terms, sentence_spans

SENTIMENT_DIR = config.RESOURCES_DIR / "sentiment"
MODEL_PATH = SENTIMENT_DIR / "target_sentiment.npz"
VADER_PATH = SENTIMENT_DIR / "vader_lexicon.tsv"

#: NewsMTSC polarity codes
POLARITY_CODES = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}

# ----------------------------------------------------------------------------------------------
# features
# ----------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_NEGATIONS = frozenset("not no never n't without nor neither cannot hardly barely".split())
_CLAUSE_BREAKS = frozenset([",", ";", ":", "—", "–", "(", ")", '"', "“", "”", "-", "but", "while",
                            "although", "though", "whereas", "because"])
_PRONOUNS = frozenset("he she him her his they them it i we you".split())
_REPORTING = frozenset("""said says say told tells added stated argued claimed wrote writes noted
insisted explained announced tweeted asked warned suggested""".split())
_QUOTE_MARKS = frozenset('"“”')
_TARGET = "<t>"

#: feature families (prefix before ":") of each base model; "dense" are the numeric features
VIEWS: dict[str, tuple[str, ...]] = {
    "sentence": ("s", "b"),
    "side": ("sl", "sr"),
    "window": ("l", "r", "l1", "r1", "l12", "r12"),
    "clause": ("c",),
    "all": ("s", "b", "sl", "sr", "l", "r", "l1", "r1", "l12", "r12", "c"),
}
#: a multinomial naive Bayes over the presence of the "all" view's features (another model family
#: for the stack: its log-probabilities are a linear function of the binary features too)
NB_VIEW = "nb"
NB_ALPHA = 1.0
WINDOW = 5             # words each side of the target in the window view
CHAR_WINDOW = 60       # characters each side of the target in the character view
CHAR_NGRAMS = (2, 5)


@lru_cache(maxsize=None)
def vader_lexicon() -> dict[str, float]:
    """VADER word valences (``resources/sentiment/vader_lexicon.tsv``, MIT): {word: [-4, 4]}."""
    out = {}
    with open(VADER_PATH, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            word, value = line.rstrip("\n").split("\t")
            out[word] = float(value)
    return out


def _target_sequence(text: str, start: int, end: int) -> tuple[list[str], int]:
    """Lower-cased tokens of ``text`` with the target span replaced by one ``<t>`` token, and
    the index of that token."""
    toks = [(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN_RE.finditer(text)]
    inside = [i for i, (s, e, _) in enumerate(toks) if s < end and e > start]
    if inside:
        i0, i1 = inside[0], inside[-1] + 1
    else:
        i0 = next((i for i, (s, _, _) in enumerate(toks) if s >= end), len(toks))
        i1 = i0
    words = [t for _, _, t in toks]
    return words[:i0] + [_TARGET] + words[i1:], i0


def _clause_bounds(seq: list[str], ti: int) -> tuple[int, int]:
    a = ti
    while a > 0 and seq[a - 1] not in _CLAUSE_BREAKS:
        a -= 1
    b = ti + 1
    while b < len(seq) and seq[b] not in _CLAUSE_BREAKS:
        b += 1
    return a, b


def _add_lexical(f: dict, seq: list[str], ti: int) -> None:
    for i, w in enumerate(seq):
        f["s:" + w] = 1.0
        if i + 1 < len(seq):
            f["b:" + w + "_" + seq[i + 1]] = 1.0
        if i < ti:
            f["sl:" + w] = 1.0
        elif i > ti:
            f["sr:" + w] = 1.0
    for d in range(1, WINDOW + 1):
        if ti - d >= 0:
            f["l:" + seq[ti - d]] += 1.0 / math.sqrt(d)
        if ti + d < len(seq):
            f["r:" + seq[ti + d]] += 1.0 / math.sqrt(d)
    if ti >= 1:
        f["l1:" + seq[ti - 1]] = 1.0
    if ti >= 2:
        f["l12:" + seq[ti - 2] + "_" + seq[ti - 1]] = 1.0
    if ti + 1 < len(seq):
        f["r1:" + seq[ti + 1]] = 1.0
    if ti + 2 < len(seq):
        f["r12:" + seq[ti + 1] + "_" + seq[ti + 2]] = 1.0


def _add_clause(f: dict, seq: list[str], ti: int, a: int, b: int) -> None:
    negated = False
    for i in range(a, b):
        w = seq[i]
        if w in _NEGATIONS:
            negated = True
        elif i != ti:
            f["c:" + ("NEG_" if negated else "") + w] = 1.0


def _add_valence(f: dict, seq: list[str], ti: int, a: int, b: int) -> None:
    lex = vader_lexicon()
    sums = dict.fromkeys(("sent", "clause", "left", "right", "dist"), 0.0)
    n_pos = n_neg = scope = 0
    for i, w in enumerate(seq):
        if w in _NEGATIONS:
            scope = 3
            continue
        if w in _CLAUSE_BREAKS:
            scope = 0
        v = lex.get(w, 0.0)
        if scope:
            v, scope = -0.7 * v, scope - 1
        if not v:
            continue
        n_pos, n_neg = n_pos + (v > 0), n_neg + (v < 0)
        sums["sent"] += v
        sums["clause"] += v if a <= i < b else 0.0
        sums["left"] += v if ti - WINDOW <= i < ti else 0.0
        sums["right"] += v if ti < i <= ti + WINDOW else 0.0
        sums["dist"] += v / (1 + abs(i - ti) / 3)
    for k, v in sums.items():
        f["lex_" + k] = v / 4.0
        f["lexpos_" + k] = max(v, 0.0) / 4.0
        f["lexneg_" + k] = min(v, 0.0) / 4.0
    f["npos"] = min(n_pos, 5) / 5
    f["nneg"] = min(n_neg, 5) / 5


def _add_structure(f: dict, seq: list[str], ti: int, target: str) -> None:
    f["t_first"] = float(ti == 0)
    f["t_pronoun"] = float(target.strip().lower() in _PRONOUNS)
    f["t_inquote"] = float(sum(1 for w in seq[:ti] if w in _QUOTE_MARKS) % 2 == 1)
    f["rep_subject"] = float(any(w in _REPORTING for w in seq[ti + 1:ti + 4]))
    f["rep_object"] = float(any(w in _REPORTING for w in seq[max(0, ti - 3):ti]))
    f["bias"] = 1.0


def target_features(text: str, start: int, end: int) -> dict[str, float]:
    """The word and dense features of one target (see the module docstring): ``{name: value}``,
    names prefixed by their family (``s:``, ``b:``, ``sl:``, ``sr:``, ``l:``, ``r:``, ``l1:``,
    ``r1:``, ``l12:``, ``r12:``, ``c:``; dense ones have no colon)."""
    seq, ti = _target_sequence(text, start, end)
    f: dict[str, float] = defaultdict(float)
    _add_lexical(f, seq, ti)
    a, b = _clause_bounds(seq, ti)
    _add_clause(f, seq, ti, a, b)
    _add_valence(f, seq, ti, a, b)
    _add_structure(f, seq, ti, text[start:end])
    return f


def char_window(text: str, start: int, end: int) -> str:
    """The characters around the target with the target replaced by `` TGT `` (char view)."""
    return text[max(0, start - CHAR_WINDOW):start] + " TGT " + text[end:end + CHAR_WINDOW]


# ----------------------------------------------------------------------------------------------
# the model
# ----------------------------------------------------------------------------------------------

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
        return _dicts_to_csr(feats, self.vocab)

    def char_matrix(self, windows: list[str]) -> sp.csr_matrix:
        return _char_tfidf(windows, self.char_vocab, self.char_idf, self.char_cache)

    def view_log_probs(self, words: sp.csr_matrix, chars: sp.csr_matrix) -> np.ndarray:
        """Log-probabilities of every base model side by side (n x 3 * n_views)."""
        blocks = []
        for name in self.info["view_order"]:
            if name == "char":
                blocks.append(_log_softmax(chars @ self.char_coef.T + self.char_intercept))
            else:
                cols, coef, intercept = self.views[name]
                x = _binary(words[:, cols]) if name == NB_VIEW else words[:, cols]
                blocks.append(_log_softmax(x @ coef.T + intercept))
        return np.hstack(blocks)

    def predict_proba(self, texts: Iterable[str], starts: Iterable[int], ends: Iterable[int]) -> np.ndarray:
        """P(negative), P(neutral), P(positive) per target (n x 3)."""
        texts, starts, ends = list(texts), list(starts), list(ends)
        feats = [target_features(t, s, e) for t, s, e in zip(texts, starts, ends)]
        windows = [char_window(t, s, e) for t, s, e in zip(texts, starts, ends)]
        z = self.view_log_probs(self.word_matrix(feats), self.char_matrix(windows))
        return np.exp(_log_softmax(z @ self.meta_coef.T + self.meta_intercept))


def _binary(x: sp.csr_matrix) -> sp.csr_matrix:
    """``x`` with every stored non-zero value set to 1 (features present / absent)."""
    x = sp.csr_matrix(x, copy=True)
    x.data = (x.data != 0).astype(np.float64)
    return x


def _log_softmax(z) -> np.ndarray:
    z = np.asarray(z, dtype=np.float64)
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def _dicts_to_csr(feats: list[dict[str, float]], vocab: dict[str, int]) -> sp.csr_matrix:
    indptr, indices, data = [0], [], []
    for f in feats:
        for name, value in f.items():
            j = vocab.get(name)
            if j is not None and value:
                indices.append(j)
                data.append(value)
        indptr.append(len(indices))
    return sp.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                          np.asarray(indptr, dtype=np.int64)), shape=(len(feats), len(vocab)))


def word_char_ngrams(word: str) -> list[str]:
    """Character n-grams (``CHAR_NGRAMS``) of one lower-cased word padded with one space each
    side: the same as scikit-learn's ``analyzer="char_wb"`` on that word."""
    lo, hi = CHAR_NGRAMS
    w = f" {word} "
    grams = []
    for n in range(lo, hi + 1):
        if len(w) <= n:
            grams.append(w)
            break
        grams.extend(w[i:i + n] for i in range(len(w) - n + 1))
    return grams


def _char_counts(windows: list[str], vocab: dict[str, int],
                 cache: dict[str, list[int]] | None = None) -> sp.csr_matrix:
    """Counts of the in-vocabulary character n-grams of each window (``cache``: word -> ids,
    filled as it goes; words repeat, so this saves most of the work)."""
    cache = {} if cache is None else cache
    indptr, indices = [0], []
    for text in windows:
        for word in text.lower().split():
            ids = cache.get(word)
            if ids is None:
                ids = [j for j in map(vocab.get, word_char_ngrams(word)) if j is not None]
                if len(cache) < 200_000:
                    cache[word] = ids
            indices.extend(ids)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    x = sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                      shape=(len(windows), len(vocab)))
    x.sum_duplicates()
    return x


def _char_tfidf(windows: list[str], vocab: dict[str, int], idf: np.ndarray,
                cache: dict[str, list[int]] | None = None) -> sp.csr_matrix:
    """Sublinear tf x idf, rows L2-normalised: the same as sklearn's TfidfVectorizer."""
    x = _char_counts(windows, vocab, cache).tocsr()
    x.data = 1.0 + np.log(x.data)
    x = x @ sp.diags(idf)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ x)


@lru_cache(maxsize=4)
def _load_model_cached(path: str, mtime: float) -> TargetSentimentModel:
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
    ``resources/sentiment/target_sentiment.npz``). Loaded once per process."""
    path = Path(path) if path is not None else MODEL_PATH
    if not path.exists():
        raise FileNotFoundError(f"target-sentiment model not found: {path}; build it with "
                                "`python -m analysis train-sentiment --data NEWSMTSC_TRAIN.jsonl`")
    return _load_model_cached(str(path), path.stat().st_mtime)


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


def score_targets(df: pd.DataFrame, *, model: TargetSentimentModel | None = None,
                  batch_size: int = 2048) -> pd.DataFrame:
    """Target sentiment of each row of ``df`` (columns ``text``, ``start``, ``end``: the target
    span, 0-based end-exclusive). Returns a DataFrame with the same index and the columns
    ``polarity`` (float in [-1, 1], P(positive) - P(negative)) and ``label`` (``negative`` |
    ``neutral`` | ``positive``, the most probable class). Pass the sentence that holds the target
    (the model was trained on sentences). Raises ``ValueError`` on missing columns or offsets
    outside the text."""
    check_columns(df, ("text", "start", "end"), what="score_targets")
    if df.empty:
        return pd.DataFrame({"polarity": pd.Series(dtype="float64"),
                             "label": pd.Series(dtype="object")}, index=df.index)
    _check_spans(df)
    model = model or load_model()
    texts = df["text"].tolist()
    starts, ends = df["start"].astype(int).tolist(), df["end"].astype(int).tolist()
    probas = [model.predict_proba(texts[i:i + batch_size], starts[i:i + batch_size], ends[i:i + batch_size])
              for i in range(0, len(texts), batch_size)]
    proba = np.vstack(probas)
    labels = np.asarray(LABELS, dtype=object)[proba.argmax(axis=1)]
    return pd.DataFrame({"polarity": polarity_from_proba(proba), "label": labels}, index=df.index)


# ----------------------------------------------------------------------------------------------
# NewsMTSC data, training
# ----------------------------------------------------------------------------------------------

def read_newsmtsc(path: str | Path) -> pd.DataFrame:
    """The targets of a NewsMTSC-format JSONL file, one row per target: ``line`` (0-based line of
    the file), ``target`` (index in that line's ``targets``), ``text`` (``sentence_normalized``),
    ``start``, ``end``, ``mention``, ``label``. Raises ``ValueError`` naming the line of a bad
    record."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                for t_idx, t in enumerate(rec["targets"]):
                    rows.append({"line": line_no, "target": t_idx, "text": rec["sentence_normalized"],
                                 "start": int(t["from"]), "end": int(t["to"]), "mention": t.get("mention"),
                                 "label": POLARITY_CODES[float(t["polarity"])]})
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}, line {line_no + 1}: not a NewsMTSC record ({exc!r})") from exc
    return pd.DataFrame(rows, columns=["line", "target", "text", "start", "end", "mention", "label"])


def train_sentiment_model(data_path: str | Path, out: str | Path | None = None, *, folds: int = 5,
                          min_df: int = 2) -> Path:
    """Train the stacked target-sentiment model on NewsMTSC-format ``data_path`` and write it to
    ``out`` (default: the shipped ``resources/sentiment/target_sentiment.npz``). The header of the
    file records the data, settings and the cross-validated macro-F1 / accuracy (folds grouped by
    sentence, so no sentence is in both train and test). Returns the path written."""
    data = read_newsmtsc(data_path)
    if data.empty:
        raise ValueError(f"{data_path}: no targets to train on")
    arrays = fit_stacked_model(data, folds=folds, min_df=min_df)
    arrays["info"]["data"] = Path(data_path).name
    out = Path(out) if out is not None else MODEL_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    info = np.array(json.dumps(arrays.pop("info")))
    with open(out, "wb") as fh:
        np.savez_compressed(fh, info=info, **arrays)
    _load_model_cached.cache_clear()
    return out


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
    words = _dicts_to_csr(feats, vocab)
    windows = [char_window(t, s, e) for t, s, e in zip(data["text"], data["start"], data["end"])]
    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=3, sublinear_tf=True,
                            dtype=np.float64).fit(windows)
    char_view = {"vocab": {g: int(i) for g, i in tfidf.vocabulary_.items()}, "idf": tfidf.idf_}
    cols = _view_columns(vocab)
    cols[NB_VIEW] = cols["all"]
    inputs = {**{v: words[:, cols[v]] for v in VIEWS}, NB_VIEW: _binary(words[:, cols["all"]]),
              "char": _char_tfidf(windows, char_view["vocab"], char_view["idf"])}
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


# ----------------------------------------------------------------------------------------------
# term mentions
# ----------------------------------------------------------------------------------------------

def find_mentions(articles: pd.DataFrame, terms: str | list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Every occurrence of ``terms`` (lexicon entries or plain phrases, see
    ``text.resolve_terms``) in ``articles``: ``article_id``, ``term``, ``match``, ``start``,
    ``end``, ``sentence``, ``sentence_start`` (offset of the sentence in the text). One regular
    expression pass per article for all terms."""
    check_columns(articles, ("article_id", "text"), what="term_sentiment")
    compiled = compile_terms(terms)
    rows = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str) or not text:
            continue
        hits = find_terms(text, compiled)
        if not hits:
            continue
        spans = sentence_spans(text)
        for term, match, start, end in hits:
            s0, s1 = _sentence_around(spans, start, end)
            rows.append({"article_id": str(aid), "term": term, "match": match, "start": start, "end": end,
                         "sentence": text[s0:s1], "sentence_start": s0})
    return pd.DataFrame(rows, columns=["article_id", "term", "match", "start", "end", "sentence",
                                       "sentence_start"])


def _sentence_around(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentences overlapping ``start:end`` (``spans``: in order, disjoint), from the first
    one's start to the last one's end (at least ``end``); ``(start, end)`` when none. Found by
    bisection: an article with many mentions is not scanned once per mention."""
    i = bisect.bisect_right(spans, start, key=lambda span: span[1])    # first ending after start
    j = bisect.bisect_left(spans, end, key=lambda span: span[0]) - 1    # last starting before end
    if i > j:
        return start, end
    return spans[i][0], max(end, spans[j][1])


def _rows_by_article(df: pd.DataFrame) -> dict[str, np.ndarray]:
    """Positions (0-based row numbers) of ``df``'s rows per ``article_id`` (as str)."""
    if df.empty:
        return {}
    return pd.Series(np.arange(len(df))).groupby(df["article_id"].astype(str).to_numpy()).indices


def assign_voice(mentions: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """``voice``, ``speaker``, ``quote_kind`` and ``quote_id`` for each mention: ``attributed``
    when the mention lies inside a statement of ``quotes`` (the innermost one when statements
    nest), with that statement's speaker and kind; else ``narration`` (speaker, kind NA)."""
    check_columns(quotes, ("article_id", "quote_id", "start", "end", "kind", "speaker"), what="assign_voice")
    n = len(mentions)
    hit = np.full(n, -1, dtype=np.int64)          # row of quotes holding each mention, -1: none
    q_start, q_end = quotes["start"].to_numpy(dtype=np.int64), quotes["end"].to_numpy(dtype=np.int64)
    q_rows = _rows_by_article(quotes)
    m_start, m_end = mentions["start"].to_numpy(dtype=np.int64), mentions["end"].to_numpy(dtype=np.int64)
    for aid, m_rows in _rows_by_article(mentions).items():
        rows = q_rows.get(aid)
        if rows is None:
            continue
        s0, e0 = q_start[rows], q_end[rows]
        inside = (s0[None, :] <= m_start[m_rows, None]) & (e0[None, :] >= m_end[m_rows, None])
        length = np.where(inside, (e0 - s0)[None, :], np.iinfo(np.int64).max)
        best = length.argmin(axis=1)
        hit[m_rows] = np.where(inside.any(axis=1), rows[best], -1)
    found = hit >= 0
    take = lambda col: [quotes[col].iat[h] if h >= 0 else pd.NA for h in hit]  # noqa: E731
    voice = np.where(found, "attributed", "narration").tolist()
    speaker, kind, qid = take("speaker"), take("kind"), take("quote_id")
    out = mentions.copy()
    out["voice"] = voice
    out["speaker"] = pd.array(speaker, dtype="string")
    out["quote_kind"] = pd.array(kind, dtype="string")
    out["quote_id"] = pd.array(qid, dtype="string")
    return out


def term_sentiment(articles: pd.DataFrame, terms: str | list[str] | tuple[str, ...], *,
                   quotes: pd.DataFrame | None = None,
                   model: TargetSentimentModel | None = None) -> pd.DataFrame:
    """The mentions table: one row per occurrence of ``terms`` in ``articles`` (columns
    ``article_id``, ``text``; ``outlet`` and ``date`` are carried along when present).

    Columns: ``article_id``, ``term`` (the lexicon entry or the user's phrase), ``match`` (the
    surface form), ``start``, ``end`` (offsets into the article text), ``sentence``, ``voice``
    (``narration`` | ``attributed``), ``speaker`` and ``quote_kind`` (when attributed, from
    ``quotes.extract_quotes``; pass ``quotes=`` to reuse a quotes table), ``polarity`` ([-1, 1]),
    ``label``; then ``quote_id``, ``outlet``, ``date`` where available. The sentiment is that of
    the mention as the target within its sentence (``score_targets``)."""
    mentions = find_mentions(articles, terms)
    if quotes is None:
        from .quotes import extract_quotes

        with_hits = articles[articles["article_id"].astype(str).isin(set(mentions["article_id"]))]
        quotes = extract_quotes(with_hits)
    mentions = assign_voice(mentions, quotes)
    scores = score_targets(pd.DataFrame({
        "text": mentions["sentence"],
        "start": mentions["start"] - mentions["sentence_start"],
        "end": mentions["end"] - mentions["sentence_start"]}, index=mentions.index), model=model)
    mentions["polarity"] = scores["polarity"].astype("float64")
    mentions["label"] = scores["label"]
    return _attach_article_columns(mentions, articles)


def _attach_article_columns(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    extra = [c for c in ("outlet", "date") if c in articles.columns]
    out = mentions[[*MENTION_COLUMNS, "quote_id"]].copy()
    if extra:
        meta = articles[["article_id", *extra]].copy()
        meta["article_id"] = meta["article_id"].astype(str)
        out = out.merge(meta.drop_duplicates("article_id"), on="article_id", how="left")
    for col in ("start", "end"):
        out[col] = out[col].astype("int64")
    return out


# ----------------------------------------------------------------------------------------------
# aggregation
# ----------------------------------------------------------------------------------------------

def summarize_mentions(mentions: pd.DataFrame, by: str | list[str] | None = None, *,
                       n_boot: int = 1000, seed: int = 0, ci: float = 0.95) -> pd.DataFrame:
    """Counts and mean polarity of ``mentions`` per group of ``by`` (columns of ``mentions``; None:
    all mentions as one group).

    Columns: the ``by`` columns, ``n_mentions``, ``n_articles``, ``mean_polarity``, ``ci_low``,
    ``ci_high``, ``share_negative``, ``share_neutral``, ``share_positive``.

    The interval is a percentile bootstrap of the mean polarity (``n_boot`` resamples,
    ``numpy.random.default_rng(seed)``, so the same input gives the same interval) that resamples
    whole articles within each group: mentions in one article are not independent. A group with a
    single article gets the interval of its mentions resampled one by one."""
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    check_columns(mentions, ["article_id", "polarity", "label", *keys], what="summarize_mentions")
    cols = [*keys, "n_mentions", "n_articles", "mean_polarity", "ci_low", "ci_high",
            *(f"share_{lab}" for lab in LABELS)]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    rng = np.random.default_rng(seed)
    rows = []
    groups = mentions.groupby(keys, dropna=False, sort=True) if keys else [((), mentions)]
    for key, g in groups:
        key = key if isinstance(key, tuple) else (key,)
        low, high = bootstrap_mean_ci(g, n_boot=n_boot, rng=rng, ci=ci)
        shares = g["label"].value_counts(normalize=True)
        rows.append({**dict(zip(keys, key)), "n_mentions": len(g), "n_articles": g["article_id"].nunique(),
                     "mean_polarity": float(g["polarity"].mean()), "ci_low": low, "ci_high": high,
                     **{f"share_{lab}": float(shares.get(lab, 0.0)) for lab in LABELS}})
    return pd.DataFrame(rows, columns=cols)


def bootstrap_mean_ci(mentions: pd.DataFrame, *, n_boot: int = 1000, rng: np.random.Generator | None = None,
                      ci: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean ``polarity`` of ``mentions``, resampling articles
    (clusters) with replacement; mentions one by one when there is a single article."""
    rng = rng if rng is not None else np.random.default_rng(0)
    per_article = mentions.groupby("article_id", sort=False)["polarity"].agg(["sum", "count"])
    if len(per_article) > 1:
        sums, counts = per_article["sum"].to_numpy(), per_article["count"].to_numpy()
    else:
        sums = mentions["polarity"].to_numpy(dtype=float)
        counts = np.ones_like(sums)
    if len(sums) == 1:
        value = float(sums[0] / counts[0])
        return value, value
    idx = rng.integers(0, len(sums), size=(n_boot, len(sums)))
    means = sums[idx].sum(axis=1) / counts[idx].sum(axis=1)
    alpha = (1 - ci) / 2
    return float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha))


def mentions_by_article(mentions: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """``summarize_mentions`` per ``article_id`` and ``term``."""
    return summarize_mentions(mentions, ["article_id", "term"], **kwargs)


def mentions_by_outlet(mentions: pd.DataFrame, *, voice: bool = False, **kwargs) -> pd.DataFrame:
    """``summarize_mentions`` per ``outlet`` and ``term`` (and ``voice`` when ``voice=True``).
    Needs the ``outlet`` column that ``term_sentiment`` carries from the articles."""
    return summarize_mentions(mentions, ["outlet", "term", *(["voice"] if voice else [])], **kwargs)


def mentions_by_month(mentions: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """``summarize_mentions`` per ``month`` (a ``YYYY-MM`` string from ``date``; mentions without a
    date are left out), ``outlet`` and ``term``."""
    check_columns(mentions, ("date", "outlet"), what="mentions_by_month")
    dated = mentions[pd.to_datetime(mentions["date"], errors="coerce").notna()].copy()
    dated["month"] = pd.to_datetime(dated["date"], errors="coerce").dt.strftime("%Y-%m")
    return summarize_mentions(dated, ["month", "outlet", "term"], **kwargs)


def mentions_by_speaker(mentions: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """``summarize_mentions`` per ``speaker`` and ``term`` over attributed mentions (speaker
    unknown: NA), most mentions first."""
    attributed = mentions[mentions["voice"] == "attributed"]
    out = summarize_mentions(attributed, ["speaker", "term"], **kwargs)
    return out.sort_values(["n_mentions", "speaker"], ascending=[False, True]).reset_index(drop=True)


def mention_evidence(mentions: pd.DataFrame, articles: pd.DataFrame, *, n: int = 10,
                     order: str = "negative", width: int = 80) -> pd.DataFrame:
    """Keyword-in-context rows of the ``n`` most negative (``order="negative"``) or most positive
    (``order="positive"``) mentions: ``article_id``, ``outlet``, ``date`` (when present), ``term``,
    ``voice``, ``speaker``, ``polarity``, ``label``, ``left`` (``width`` characters before the
    match, line breaks as spaces), ``match``, ``right``. Plain text: display it as a DataFrame,
    which HTML-escapes it."""
    if order not in ("negative", "positive"):
        raise ValueError(f"order must be 'negative' or 'positive', not {order!r}")
    check_columns(mentions, ("article_id", "term", "start", "end", "voice", "speaker", "polarity", "label"),
                  what="mention_evidence")
    check_columns(articles, ("article_id", "text"), what="mention_evidence articles")
    extra = [c for c in ("outlet", "date") if c in mentions.columns]
    cols = ["article_id", *extra, "term", "voice", "speaker", "polarity", "label", "left", "match", "right"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    top = mentions.sort_values("polarity", ascending=(order == "negative"), kind="stable").head(n).copy()
    texts = dict(zip(articles["article_id"].astype(str), articles["text"]))
    flat = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    top["left"] = [flat(texts[a][max(0, s - width):s]) for a, s in zip(top["article_id"], top["start"])]
    top["right"] = [flat(texts[a][e:e + width]) for a, e in zip(top["article_id"], top["end"])]
    top["match"] = [texts[a][s:e] for a, s, e in zip(top["article_id"], top["start"], top["end"])]
    top["polarity"] = top["polarity"].round(3)
    return top[cols].reset_index(drop=True)
