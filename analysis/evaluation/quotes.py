"""Quote figures on PolNeAR-format gold data, with the definitions of the shared scorer
``eval/score_quotes.py`` (re-implemented here, not imported):

- quote detection P/R/F1 at two overlap levels, ``lenient`` (>= 0.3) and ``strict`` (>= 0.8),
  where overlap = shared characters / length of the longer span, with one-to-one global greedy
  matching (best overlap first; ties by gold order, then prediction order); recall per gold kind;
- speaker accuracy over the matched pairs (see ``speaker_is_correct``);
- end-to-end P/R/F1 (a true positive needs a matched quote and a correct speaker);
- quote-share error: mean over articles of the total variation distance between the gold and
  predicted distributions of quoted words over speakers, against all gold quotes and against the
  gold direct+mixed quotes only.

``predict_polnear(gold_path)`` runs ``quotes.extract_quotes`` on the gold articles' texts and
returns predictions in the scorer's format; ``gold.write_predictions`` writes them as JSONL, so
the shared scorer can check the same figures:
``python -m analysis.evaluation predict --gold GOLD.jsonl --out PRED.jsonl``.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import config
from ..quotes import extract_quotes
from ..text.words import read_word_list
from .gold import load_jsonl

THRESHOLDS = (("lenient", 0.3), ("strict", 0.8))
QUOTE_KINDS = ("direct", "mixed", "indirect")
SOURCE_TYPES = ("named", "pronoun", "none")
UNKNOWN = "<unknown>"

#: the quote figures reported by ``make validate`` (keys of ``score_quotes``)
QUOTE_METRICS = (
    "n_articles", "n_gold", "n_pred", "lenient_P", "lenient_R", "lenient_F1", "lenient_R_direct",
    "lenient_R_mixed", "lenient_R_indirect", "lenient_speaker_accuracy",
    "lenient_speaker_accuracy_named", "lenient_speaker_accuracy_pronoun",
    "lenient_speaker_accuracy_none", "lenient_end_to_end_P", "lenient_end_to_end_R",
    "lenient_end_to_end_F1", "strict_P", "strict_R", "strict_F1", "strict_R_direct",
    "strict_speaker_accuracy", "strict_end_to_end_F1", "share_tvd_all", "share_tvd_quoted",
)

# --------------------------------------------------------------------------------------------
# name tokens (the "same surname" rule for speakers)
# --------------------------------------------------------------------------------------------

_LETTERS = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_SHARE_WORD = re.compile(r"\w+(?:['’]\w+)*")
_CAPS_RUN = re.compile(r"[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*)*")
_SCORER_PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their "
    "theirs who whom whose which that this these those one".split())


@lru_cache(maxsize=None)
def not_names() -> frozenset[str]:
    """Capitalised words that never count as a name (``resources/score_not_names.txt``)."""
    return frozenset(w.lower() for w in read_word_list(config.RESOURCES_DIR / "score_not_names.txt"))


def name_tokens(speaker: str | None) -> frozenset[str]:
    """Lower-cased name words of a speaker string: letter runs of 3+ letters starting upper-case,
    not in ``not_names()``, after dropping possessive 's ("Sen. Ted Cruz's" -> {ted, cruz})."""
    if not speaker:
        return frozenset()
    stop = not_names()
    words = _LETTERS.findall(_POSSESSIVE.sub("", speaker))
    return frozenset(w.lower() for w in words if len(w) > 2 and w[0].isupper() and w.lower() not in stop)


def speaker_key_string(speaker: str | None) -> str:
    """Grouping key of a speaker string: lower case, no possessive or punctuation, no leading
    article ("The Post's" -> "post")."""
    words = _LETTERS.findall(_POSSESSIVE.sub("", speaker or "").lower())
    if words and words[0] in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def is_pronoun_speaker(speaker: str | None) -> bool:
    return speaker_key_string(speaker) in _SCORER_PRONOUNS


def proxy_antecedent(text: str, pos: int, names: set[str] | frozenset[str]) -> frozenset[str]:
    """Name tokens of the nearest run of capitalised words before ``pos`` that shares a token with
    ``names`` (the stand-in for a pronoun's antecedent); empty when there is none."""
    if not names:
        return frozenset()
    runs = list(_CAPS_RUN.finditer(text, 0, pos))
    for run in runs[::-1]:
        toks = name_tokens(run.group())
        if not toks.isdisjoint(names):
            return toks
    return frozenset()


# --------------------------------------------------------------------------------------------
# scoring records
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class ScoredQuote:
    """One gold or predicted quote as the scorer sees it."""

    start: int
    end: int
    text: str
    kind: str | None
    speaker: str | None
    speaker_spans: list[tuple[int, int]]
    speaker_pos: int
    pronoun: bool
    #: gold marked ``"speaker_form": "canonical"``: the speaker is the name a reader resolves,
    #: compared by name (the shared scorer's rule f), never through the pronoun proxy
    canonical: bool = False


def _clean_speaker(value) -> str | None:
    value = (value or "").strip()
    return value or None


def gold_records(article: dict) -> list[ScoredQuote]:
    """Scoring records of a gold article's quotes (discontinuous content: the covering span).
    An article marked ``"speaker_form": "canonical"`` gives canonical speaker names."""
    out = []
    text = article["text"]
    canonical = article.get("speaker_form") == "canonical"
    for q in article["quotes"]:
        spans = [(int(a), int(b)) for a, b in (q.get("speaker_spans") or [])]
        spk = _clean_speaker(q.get("speaker"))
        pron = not canonical and (bool(q.get("speaker_is_pronoun"))
                                  or (spk is not None and is_pronoun_speaker(spk)))
        out.append(ScoredQuote(q["start"], q["end"], text[q["start"]:q["end"]],
                               q.get("kind_detail") or q.get("kind"), spk, spans,
                               spans[0][0] if spans else q["start"], pron, canonical))
    return out


def pred_records(text: str, pred: dict | None, problems: Counter) -> list[ScoredQuote]:
    """Scoring records of one article's predictions; spans outside the text are counted in
    ``problems["invalid_pred_span"]`` and dropped."""
    out = []
    for q in (pred or {}).get("quotes", []):
        s, e = q.get("start"), q.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            problems["invalid_pred_span"] += 1
            continue
        spk = _clean_speaker(q.get("speaker"))
        ss, se = q.get("speaker_start"), q.get("speaker_end")
        spans = [(ss, se)] if isinstance(ss, int) and isinstance(se, int) and ss < se else []
        out.append(ScoredQuote(s, e, text[s:e], q.get("kind"), spk, spans,
                               spans[0][0] if spans else s,
                               spk is not None and is_pronoun_speaker(spk)))
    return out


# --------------------------------------------------------------------------------------------
# matching and speaker correctness
# --------------------------------------------------------------------------------------------

def span_overlap(gold: ScoredQuote, pred: ScoredQuote, *, denominator: str = "longer") -> float:
    """Shared characters over the longer span (or over the gold span with ``"gold"``)."""
    shared = min(gold.end, pred.end) - max(gold.start, pred.start)
    if shared <= 0:
        return 0.0
    g_len, p_len = gold.end - gold.start, pred.end - pred.start
    denom = max(g_len, p_len) if denominator == "longer" else g_len
    return shared / denom if denom > 0 else 0.0


def match_quotes(golds: list[ScoredQuote], preds: list[ScoredQuote], threshold: float, *,
                 denominator: str = "longer") -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index): all pairs at or above ``threshold`` taken
    best-overlap first (ties: lower gold index, then lower pred index) when both are free."""
    candidates = [(score, gi, pi)
                  for gi, g in enumerate(golds) for pi, p in enumerate(preds)
                  if (score := span_overlap(g, p, denominator=denominator)) >= threshold and score > 0]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in taken_g or pi in taken_p:
            continue
        taken_g.add(gi)
        taken_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def speaker_is_correct(gold: ScoredQuote, pred: ScoredQuote, text: str, gold_names: set[str]) -> bool:
    """Gold without source: right iff no predicted speaker. No predicted speaker: wrong. Speaker
    spans overlapping: right. Named gold source: right iff the name tokens intersect. Pronoun
    gold source: right iff the predicted name tokens meet those of its proxy antecedent.
    Canonical gold with a name: right iff the name tokens intersect (the right mention resolved
    to the wrong name is wrong); without a name: the same key string, else the span rule."""
    if gold.speaker is None:
        return pred.speaker is None
    if pred.speaker is None:
        return False
    if gold.canonical:
        names = name_tokens(gold.speaker)
        if names:
            return not name_tokens(pred.speaker).isdisjoint(names)
        if speaker_key_string(pred.speaker) == speaker_key_string(gold.speaker):
            return True
    if any(ps < ge and gs < pe for ps, pe in pred.speaker_spans for gs, ge in gold.speaker_spans):
        return True
    predicted = name_tokens(pred.speaker)
    target = proxy_antecedent(text, gold.speaker_pos, gold_names) if gold.pronoun \
        else name_tokens(gold.speaker)
    return not predicted.isdisjoint(target)


def source_type(gold: ScoredQuote) -> str:
    if gold.speaker is None:
        return "none"
    return "pronoun" if gold.pronoun else "named"


# --------------------------------------------------------------------------------------------
# quote share
# --------------------------------------------------------------------------------------------

def known_names(records: Iterable[ScoredQuote]) -> set[str]:
    """Name tokens of the non-pronoun speakers of one side of an article."""
    names: set[str] = set()
    for r in records:
        if r.speaker and not r.pronoun:
            names |= name_tokens(r.speaker)
    return names


def _share_key(rec: ScoredQuote, text: str, names: set[str]) -> tuple[str, frozenset[str]]:
    if rec.speaker is None:
        return UNKNOWN, frozenset()
    if rec.pronoun:
        toks = proxy_antecedent(text, rec.speaker_pos, names)
        return (" ".join(sorted(toks)), toks) if toks else (UNKNOWN, frozenset())
    return speaker_key_string(rec.speaker) or UNKNOWN, name_tokens(rec.speaker)


def speaker_clusters(records: list[ScoredQuote], text: str, names: set[str]) -> tuple[list[dict], int]:
    """Quoted words per speaker cluster on one side of an article and the total. Keys whose name
    tokens are a subset of one another are merged (transitively); unknown speakers form one
    cluster of their own. A cluster is ``{"keys", "tokens", "words"}``."""
    words: Counter = Counter()
    tokens: dict[str, set[str]] = defaultdict(set)
    for rec in records:
        key, toks = _share_key(rec, text, names)
        words[key] += len(_SHARE_WORD.findall(rec.text))
        tokens[key] |= toks
    named = [k for k in words if k != UNKNOWN]
    root = {k: k for k in named}

    def find(k: str) -> str:
        while root[k] != k:
            root[k] = root[root[k]]
            k = root[k]
        return k

    for i, a in enumerate(named):
        for b in named[i + 1:]:
            ta, tb = tokens[a], tokens[b]
            if ta and tb and (ta <= tb or tb <= ta):
                root[find(a)] = find(b)
    groups: dict[str, dict] = {}
    for k in named:
        g = groups.setdefault(find(k), {"keys": set(), "tokens": set(), "words": 0})
        g["keys"].add(k)
        g["tokens"] |= tokens[k]
        g["words"] += words[k]
    clusters = list(groups.values())
    if words[UNKNOWN]:
        clusters.append({"keys": {UNKNOWN}, "tokens": set(), "words": words[UNKNOWN]})
    return clusters, sum(words.values())


def share_distance(golds: list[ScoredQuote], preds: list[ScoredQuote], text: str,
                   gold_names: set[str], pred_names: set[str]) -> float | None:
    """Total variation distance between gold and predicted quoted-word shares of one article
    (None when neither side quotes anything, 1.0 when only one side does). Each predicted
    cluster counts towards the gold cluster it shares a key or most name tokens with (ties: the
    larger gold cluster); unknown maps to unknown; unmatched clusters stay apart."""
    g_clusters, g_total = speaker_clusters(golds, text, gold_names)
    p_clusters, p_total = speaker_clusters(preds, text, pred_names)
    if not g_total and not p_total:
        return None
    if not g_total or not p_total:
        return 1.0
    gold_share = {i: c["words"] / g_total for i, c in enumerate(g_clusters)}
    pred_share: dict = defaultdict(float)
    for j, pc in enumerate(p_clusters):
        target = _best_gold_cluster(pc, g_clusters)
        pred_share[("pred", j) if target is None else target] += pc["words"] / p_total
    keys = set(gold_share) | set(pred_share)
    return 0.5 * sum(abs(gold_share.get(k, 0.0) - pred_share.get(k, 0.0)) for k in keys)


def _best_gold_cluster(pc: dict, g_clusters: list[dict]) -> int | None:
    best, best_rank = None, None
    p_unknown = UNKNOWN in pc["keys"]
    for i, gc in enumerate(g_clusters):
        g_unknown = UNKNOWN in gc["keys"]
        if p_unknown or g_unknown:
            hit = int(p_unknown and g_unknown)
        else:
            hit = len(pc["tokens"] & gc["tokens"]) + int(bool(pc["keys"] & gc["keys"]))
        if hit and (best_rank is None or (hit, gc["words"]) > best_rank):
            best, best_rank = i, (hit, gc["words"])
    return best


# --------------------------------------------------------------------------------------------
# scoring a system
# --------------------------------------------------------------------------------------------

def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


def score_quotes(gold_articles: list[dict], preds_by_id: dict[str, dict], *,
                 denominator: str = "longer") -> dict[str, float | int | None]:
    """All quote figures of predictions ``preds_by_id`` (article id -> prediction record) against
    ``gold_articles``, as a flat dict ``{metric name: value}`` (names as in ``QUOTE_METRICS``)."""
    problems: Counter = Counter()
    n_gold = n_pred = 0
    gold_kinds: Counter = Counter()
    tp: Counter = Counter()
    tp_kind: Counter = Counter()
    spk_ok: Counter = Counter()
    spk_type_ok: Counter = Counter()
    spk_type_n: Counter = Counter()
    tvd: dict[str, list[float]] = {"all": [], "quoted": []}
    for art in gold_articles:
        text = art["text"]
        golds = gold_records(art)
        preds = pred_records(text, preds_by_id.get(art["id"]), problems)
        n_gold += len(golds)
        n_pred += len(preds)
        gold_kinds.update(g.kind for g in golds)
        g_names, p_names = known_names(golds), known_names(preds)
        for level, threshold in THRESHOLDS:
            for gi, pi in match_quotes(golds, preds, threshold, denominator=denominator):
                g = golds[gi]
                ok = speaker_is_correct(g, preds[pi], text, g_names)
                tp[level] += 1
                tp_kind[level, g.kind] += 1
                spk_ok[level] += ok
                spk_type_n[level, source_type(g)] += 1
                spk_type_ok[level, source_type(g)] += ok
        _add_share(tvd["all"], share_distance(golds, preds, text, g_names, p_names))
        _add_share(tvd["quoted"], share_distance(
            [g for g in golds if g.kind in ("direct", "mixed")],
            [p for p in preds if p.kind in ("direct", "mixed", None)], text, g_names, p_names))
    out: dict[str, float | int | None] = {"n_articles": len(gold_articles), "n_gold": n_gold,
                                          "n_pred": n_pred}
    for level, _ in THRESHOLDS:
        for k, v in prf(tp[level], n_pred, n_gold).items():
            out[f"{level}_{k}"] = v
        for kind in QUOTE_KINDS:
            out[f"{level}_R_{kind}"] = tp_kind[level, kind] / gold_kinds[kind] if gold_kinds[kind] else None
        out[f"{level}_speaker_accuracy"] = spk_ok[level] / tp[level] if tp[level] else 0.0
        for t in SOURCE_TYPES:
            n = spk_type_n[level, t]
            out[f"{level}_speaker_accuracy_{t}"] = spk_type_ok[level, t] / n if n else None
        for k, v in prf(spk_ok[level], n_pred, n_gold).items():
            out[f"{level}_end_to_end_{k}"] = v
    out["share_tvd_all"] = statistics.fmean(tvd["all"]) if tvd["all"] else None
    out["share_tvd_quoted"] = statistics.fmean(tvd["quoted"]) if tvd["quoted"] else None
    out["invalid_pred_spans"] = problems["invalid_pred_span"]
    return out


def _add_share(values: list[float], value: float | None) -> None:
    if value is not None:
        values.append(value)


# --------------------------------------------------------------------------------------------
# predictions on PolNeAR
# --------------------------------------------------------------------------------------------

def predict_articles(gold_articles: list[dict]) -> list[dict]:
    """Predictions (scorer format) of ``quotes.extract_quotes`` for gold articles: per article
    ``{"id", "quotes": [{"start", "end", "speaker", "speaker_start", "speaker_end", "kind"}]}``;
    the speaker is the canonical name, else the mention."""
    articles = pd.DataFrame({"article_id": [a["id"] for a in gold_articles],
                             "text": [a["text"] for a in gold_articles]})
    table = extract_quotes(articles)
    by_id: dict[str, list[dict]] = defaultdict(list)
    for row in table.itertuples(index=False):
        speaker = row.speaker if not pd.isna(row.speaker) else (
            row.speaker_mention if not pd.isna(row.speaker_mention) else None)
        by_id[row.article_id].append({
            "start": int(row.start), "end": int(row.end), "speaker": speaker,
            "speaker_start": None if pd.isna(row.speaker_start) else int(row.speaker_start),
            "speaker_end": None if pd.isna(row.speaker_end) else int(row.speaker_end),
            "kind": row.kind, "cue": row.cue,
            "mention": None if pd.isna(row.speaker_mention) else row.speaker_mention})
    return [{"id": a["id"], "quotes": by_id.get(a["id"], [])} for a in gold_articles]


def predict_polnear(gold_path: str | Path) -> list[dict]:
    """Predictions for every article of a PolNeAR-format gold file (see ``predict_articles``)."""
    return predict_articles(load_jsonl(gold_path))
