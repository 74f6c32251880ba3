"""A small logistic-regression filter over the candidate statements the quote rules find.

The rules of ``analysis.quotes`` propose statements (a cue, a speaker, a content span); this model
scores each candidate from a handful of symbolic features (the cue word and the words around it,
the kind of speaker, where the content lies and how long it is) and drops the unlikely ones.

The model ships as ``resources/quote_filter.json`` (feature names, coefficients, intercept and
threshold: plain JSON, no pickle), trained on PolNeAR *train* only by
``analysis.training.quote_filter`` (``python -m analysis train-quote-filter --gold
../shared/data/polnear/train.jsonl --out PATH``). A candidate is a positive example when the
shared scorer's lenient matching (overlap >= 0.3) pairs it with a gold attribution. A missing
model file is an error (``schema.ModelNotFoundError``), never a silent "keep everything".
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from .. import config
from ..schema import load_json_model
from ..text.tokens import FILTER_TOKEN_RE, NON_SPACE_RUN_RE
from ..text.words import word_list
from .cues import cue_tone
from .records import PRONOUNS

MODEL_FILE = config.RESOURCES_DIR / "quote_filter.json"

_LEN_BINS = (2, 5, 10, 20, 40, 80)


def _bucket(n: int) -> str:
    for b in _LEN_BINS:
        if n <= b:
            return f"<={b}"
    return ">80"


def _word_before(masked: str, pos: int) -> str:
    toks = FILTER_TOKEN_RE.findall(masked[max(0, pos - 30):pos])
    return toks[-1].lower() if toks else "^"


def _word_after(masked: str, pos: int) -> str:
    m = FILTER_TOKEN_RE.search(masked, pos, pos + 30)
    return m.group().lower() if m else "$"


def _count_words(masked: str, start: int, end: int, limit: int) -> int:
    """``len(masked[start:end].split())``, counting no further than ``limit`` (no copy of a
    long statement: the length feature only needs to know it is over the last bin)."""
    if end - start <= _COUNT_SLICE:
        return min(len(masked[start:end].split()), limit)
    n = len(masked[start:start + _COUNT_SLICE].split())
    if n >= limit:      # a word cut at the slice's end is one word of the full span too
        return limit
    n = 0
    for _ in NON_SPACE_RUN_RE.finditer(masked, start, end):
        n += 1
        if n >= limit:
            break
    return n




#: spans up to this long are counted on a copy (``str.split``); longer ones are read in place
_COUNT_SLICE = 1500


@lru_cache(maxsize=4096)
def _cue_parts(cue: str | None) -> tuple[str, bool]:
    """(last word of the cue, lower case, or "<none>"; whether its tone is unknown): the
    cue's features, read once per distinct cue string."""
    words = (cue or "").lower().split()
    return (words[-1] if words else "<none>"), cue_tone(cue or "") == "other"


def feature_names(masked: str, st, *, first_newline: int | None = None) -> list[str]:
    """The binary features that hold for one candidate statement (``quotes.Statement``) in
    the quote-masked article text: the cue word and the words around it, the kind of speaker
    mention, the kind and length of the content, and their combinations. ``first_newline``:
    ``masked.find("\\n")`` when the caller knows it (one search per article, not per
    statement)."""
    last, unknown = _cue_parts(st.cue)
    names = [f"cue={last}", f"kind={st.kind}", f"right={st.right}"]
    if unknown:
        names.append("cue_unknown")
    mention = st.mention or ""
    low = mention.lower()
    if not mention:
        spk = "none"
    elif low in PRONOUNS:
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


def load_model(path: str | Path | None = None) -> dict:
    """The filter model at ``path`` (default: the shipped ``resources/quote_filter.json``):
    ``{"weights": {feature: coef}, "intercept", "threshold", ...}``, read once per file and
    modification time. Raises ``ModelNotFoundError`` (a ``FileNotFoundError``) naming the path
    when the file is missing, ``ValueError`` when it lacks a field."""
    return load_json_model(Path(path) if path is not None else MODEL_FILE, what="quote-filter model",
                           build="python -m analysis train-quote-filter --gold POLNEAR_TRAIN.jsonl --out PATH",
                           fields=("weights", "intercept", "threshold"))


def probability(model: dict, names: list[str]) -> float:
    """P(candidate is a real attribution) under ``model``, from its ``feature_names``."""
    return logistic(model["intercept"] + sum(map(model["weights"].get, names, repeat(0.0, len(names)))))


def logistic(z: float) -> float:
    """1 / (1 + e^-z): the probability of a logistic-regression score ``z`` (0 below -30, where
    ``exp`` would overflow); ``-inf`` gives 0."""
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def keep_statements(masked: str, statements: list, *, model: dict | None = None) -> list:
    """The candidates whose probability reaches the model's threshold (``threshold_direct``
    for direct-quote candidates) or that are sure (``is_sure``). ``model``: a model dict (see
    ``load_model``); default the shipped one (an error when its file is missing)."""
    model = model if model is not None else load_model()
    thr = model["threshold"]
    thr_direct = model.get("threshold_direct", thr)
    newline = masked.find("\n")
    return [st for st in statements if is_sure(masked, st)
            or probability(model, feature_names(masked, st, first_newline=newline)) >= (
                thr_direct if st.kind == "direct" else thr)]


#: cue words of acts, decisions and topic-only speech acts (``resources/words/not_statement_cues``)
NOT_STATEMENT_CUES = word_list("not_statement_cues")
_MESSAGE_OPENERS = ("that ", "whether ", "if ")


def drop_non_statements(masked: str, statements: list) -> list:
    """The statements without those whose cue is an act, a decision or a speech act naming only
    a topic (``NOT_STATEMENT_CUES``: "signed the bill", "voted to repeal", "discussed the
    budget", "reportedly") and whose content is neither a quotation nor a "that" / "whether"
    clause ("mentioned that ..." stays): the attribution guidelines exclude them, while PolNeAR,
    which the filter is trained on, often annotates them as stances. Applied to the rule
    candidates (``extract.candidate_statements``), before the filter trains or runs."""
    out = []
    for st in statements:
        words = st.cue.lower().split()
        if words and words[0] in NOT_STATEMENT_CUES and st.kind == "indirect" \
                and not masked.startswith(_MESSAGE_OPENERS, st.start):
            continue
        out.append(st)
    return out


def is_sure(masked: str, st) -> bool:
    """A direct quote of a full clause (a few words at least) is kept whatever the model says;
    so is a quoted sentence (capitalised) inside a paraphrase. Quoted phrases inside a
    paraphrase ("called it "a disgrace"") are left to the model."""
    if st.kind != "direct":
        return False
    if st.fragment:
        return st.end - st.start >= SURE_FRAGMENT_CHARS and \
            masked[st.start:st.end].lstrip("“\"'")[:1].isupper()
    return st.end - st.start >= SURE_DIRECT_CHARS


#: a direct quote at least this long (characters, marks included) is always kept
SURE_DIRECT_CHARS = 30
#: a capitalised quoted fragment inside a paraphrase at least this long is always kept
SURE_FRAGMENT_CHARS = 12
