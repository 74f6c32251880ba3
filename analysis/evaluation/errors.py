"""Read the quote extractor's errors on gold you may read article by article (PolNeAR train, the
project's own Wikinews gold), the way the scorer counts them:

    python -m analysis.evaluation.errors data/gold/wikinews_attribution --kind speaker
    python -m analysis.evaluation.errors ../shared/data/polnear/train.jsonl --sample 40 --seed 1

Each error is printed with its article id, the span and its text: ``missed`` (a gold statement
with no prediction at the lenient level), ``false`` (a prediction matching no gold statement),
``speaker`` (matched, wrong speaker: gold name vs predicted name and mention). PolNeAR's authors
ask that ``dev`` be read only through the scorer's aggregate figures, so a file or folder whose
name says ``dev`` or ``test`` is refused.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .gold import is_held_out, load_jsonl
from .quotes import (THRESHOLDS, gold_records, known_names, match_quotes, pred_records,
                     predict_articles, score_quotes, speaker_is_correct)

ERROR_KINDS = ("missed", "false", "speaker")
_LENIENT = dict(THRESHOLDS)["lenient"]


@dataclass(slots=True)
class QuoteError:
    """One error of the extractor against gold."""

    kind: str
    article_id: str
    start: int
    end: int
    text: str
    gold_kind: str | None = None
    gold_speaker: str | None = None
    pred_kind: str | None = None
    pred_speaker: str | None = None
    pred_mention: str | None = None
    cue: str | None = None


def read_gold(path: str | Path) -> list[dict]:
    """Gold articles of a JSONL file or of every ``*.jsonl`` in a folder (name order); refuses
    held-out splits (a file named ``dev``, ``test``, ``dev_rw``..., also inside a folder)."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    for f in files:
        if is_held_out(f):
            raise SystemExit(f"{f}: held-out gold is read only through the scorer "
                             "(make validate), not error by error")
    return [rec for f in files for rec in load_jsonl(f)]


def find_errors(gold: list[dict], preds: list[dict]) -> list[QuoteError]:
    """Every lenient-level error of ``preds`` (``predict_articles`` output) against ``gold``."""
    problems: Counter = Counter()
    by_id = {p["id"]: p for p in preds}
    out: list[QuoteError] = []
    for art in gold:
        text = art["text"]
        golds = gold_records(art)
        preds_a, raw = [], []       # the scoring records and their predictions, aligned
        for q in by_id.get(art["id"], {}).get("quotes", []):
            for rec in pred_records(text, {"quotes": [q]}, problems):   # none: invalid span
                preds_a.append(rec)
                raw.append(q)
        pairs = match_quotes(golds, preds_a, _LENIENT)
        g_names = known_names(golds)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, g in enumerate(golds):
            if gi not in matched_g:
                out.append(QuoteError("missed", art["id"], g.start, g.end, g.text,
                                      gold_kind=g.kind, gold_speaker=g.speaker))
        for pi, p in enumerate(preds_a):
            if pi not in matched_p:
                out.append(QuoteError("false", art["id"], p.start, p.end, p.text,
                                      pred_kind=p.kind, pred_speaker=p.speaker,
                                      pred_mention=raw[pi].get("mention"), cue=raw[pi].get("cue")))
        for gi, pi in pairs:
            g, p = golds[gi], preds_a[pi]
            if not speaker_is_correct(g, p, text, g_names):
                out.append(QuoteError("speaker", art["id"], g.start, g.end, g.text,
                                      gold_kind=g.kind, gold_speaker=g.speaker, pred_kind=p.kind,
                                      pred_speaker=p.speaker, pred_mention=raw[pi].get("mention"),
                                      cue=raw[pi].get("cue")))
    return out


def format_error(err: QuoteError, *, width: int = 300) -> str:
    text = " ".join(err.text.split())
    text = text if len(text) <= width else text[:width] + " ..."
    head = f"[{err.kind}] {err.article_id} {err.start}-{err.end}"
    if err.kind == "missed":
        head += f" gold {err.gold_kind} by {err.gold_speaker!r}"
    elif err.kind == "false":
        head += (f" pred {err.pred_kind} by {err.pred_speaker!r} "
                 f"(mention {err.pred_mention!r}, cue {err.cue!r})")
    else:
        head += (f" gold {err.gold_speaker!r} / pred {err.pred_speaker!r} "
                 f"(mention {err.pred_mention!r}, cue {err.cue!r})")
    return f"{head}\n    {text}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluation.errors",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", help="a PolNeAR-format JSONL file or a folder of them")
    parser.add_argument("--kind", choices=ERROR_KINDS, action="append",
                        help="only these kinds of error (repeatable; default all)")
    parser.add_argument("--sample", type=int, default=None, help="print a random sample of N")
    parser.add_argument("--seed", type=int, default=0, help="seed of --sample")
    parser.add_argument("--articles", type=int, default=None,
                        help="only the first N articles of the gold")
    args = parser.parse_args(argv)
    gold = read_gold(args.gold)[: args.articles]
    preds = predict_articles(gold)
    figures = score_quotes(gold, {p["id"]: p for p in preds})
    errors = [e for e in find_errors(gold, preds) if not args.kind or e.kind in args.kind]
    counts = Counter(e.kind for e in errors)
    if args.sample is not None and args.sample < len(errors):
        errors = random.Random(args.seed).sample(errors, args.sample)
    for err in errors:
        print(format_error(err))
    print(f"\n{len(gold)} articles; errors: " + ", ".join(f"{k} {counts[k]}" for k in ERROR_KINDS))
    keys = ("lenient_P", "lenient_R", "lenient_F1", "lenient_R_direct", "lenient_R_mixed",
            "lenient_R_indirect", "lenient_speaker_accuracy", "lenient_end_to_end_F1",
            "share_tvd_all")
    print("  ".join(f"{k}={figures[k]:.3f}" for k in keys if figures[k] is not None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
