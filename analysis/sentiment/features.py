"""Features of one target for the target-sentiment model: the VADER lexicon, the word and dense
features of a target-masked sentence (``target_features``), the character window and its n-grams,
and the sparse matrices built from them (shared by ``model`` at run time and
``analysis.training.sentiment``)."""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from .. import config
from ..text.tokens import FEATURE_TOKEN_RE
from ..text.words import pronouns, word_list

SENTIMENT_DIR = config.RESOURCES_DIR / "sentiment"
VADER_PATH = SENTIMENT_DIR / "vader_lexicon.tsv"

#: Words that negate the next words (the valence of three words, clause features after them).
NEGATIONS = word_list("negations")
#: Tokens that end the clause around the target.
CLAUSE_BREAKS = word_list("clause_breaks")
#: A target that is one of these is a pronoun target: he she it we they i you him her his them.
PRONOUNS = pronouns(without=("relative",))
#: Reporting verbs next to the target (it is the subject or the object of a statement).
REPORTING_VERBS = word_list("reporting_verbs")
_QUOTE_MARKS = frozenset('"“”')
_TARGET = "<t>"

#: feature families (prefix before ":") of each base model; "dense" are the numeric features
VIEWS: dict[str, tuple[str, ...]] = {
    "sentence": ("s", "b"),
    "side": ("sl", "sr"),
    "window": ("l", "r", "l1", "r1", "l12", "r12"),
    "clause": ("c",),
}
VIEWS["all"] = tuple(family for view in VIEWS.values() for family in view)
#: a multinomial naive Bayes over the presence of the "all" view's features (another model family
#: for the stack: its log-probabilities are a linear function of the binary features too)
NB_VIEW = "nb"
NB_ALPHA = 1.0
WINDOW = 5             # words each side of the target in the window view
CHAR_WINDOW = 60       # characters each side of the target in the character view
CHAR_NGRAMS = (2, 5)


def log_softmax(z) -> np.ndarray:
    """Row-wise log-softmax of scores ``z`` (n x k), computed stably (float64)."""
    z = np.asarray(z, dtype=np.float64)
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


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
    toks = [(m.start(), m.end(), m.group(0).lower()) for m in FEATURE_TOKEN_RE.finditer(text)]
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
    while a > 0 and seq[a - 1] not in CLAUSE_BREAKS:
        a -= 1
    b = ti + 1
    while b < len(seq) and seq[b] not in CLAUSE_BREAKS:
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
        if w in NEGATIONS:
            negated = True
        elif i != ti:
            f["c:" + ("NEG_" if negated else "") + w] = 1.0


def _add_valence(f: dict, seq: list[str], ti: int, a: int, b: int) -> None:
    lex = vader_lexicon()
    sums = dict.fromkeys(("sent", "clause", "left", "right", "dist"), 0.0)
    n_pos = n_neg = scope = 0
    for i, w in enumerate(seq):
        if w in NEGATIONS:
            scope = 3
            continue
        if w in CLAUSE_BREAKS:
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
    f["t_pronoun"] = float(target.strip().lower() in PRONOUNS)
    f["t_inquote"] = float(sum(1 for w in seq[:ti] if w in _QUOTE_MARKS) % 2 == 1)
    f["rep_subject"] = float(any(w in REPORTING_VERBS for w in seq[ti + 1:ti + 4]))
    f["rep_object"] = float(any(w in REPORTING_VERBS for w in seq[max(0, ti - 3):ti]))
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


def binarize(x: sp.csr_matrix) -> sp.csr_matrix:
    """``x`` with every stored non-zero value set to 1 (features present / absent)."""
    x = sp.csr_matrix(x, copy=True)
    x.data = (x.data != 0).astype(np.float64)
    return x


def dicts_to_csr(feats: list[dict[str, float]], vocab: dict[str, int]) -> sp.csr_matrix:
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


def char_tfidf(windows: list[str], vocab: dict[str, int], idf: np.ndarray,
                cache: dict[str, list[int]] | None = None) -> sp.csr_matrix:
    """Sublinear tf x idf, rows L2-normalised: the same as sklearn's TfidfVectorizer."""
    x = _char_counts(windows, vocab, cache).tocsr()
    x.data = 1.0 + np.log(x.data)
    x = x @ sp.diags(idf)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ x)
