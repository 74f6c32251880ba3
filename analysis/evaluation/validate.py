"""The figures of ``make validate``: accuracy on the shared gold data.

``run_validation(gold_dir, out_dir)`` runs every task in ``VALIDATORS`` whose gold file exists
under ``gold_dir`` and returns one long table (columns ``task``, ``dataset``, ``metric``,
``value``), also written to ``out_dir`` as ``validation.csv`` and ``validation.json``.

Command line (``python -m analysis.evaluation``):
``validate --gold-dir DIR --out DIR`` (the same as ``python -m analysis evaluate``);
``predict --gold GOLD.jsonl --out PRED.jsonl`` (``extract_quotes`` predictions on a PolNeAR file,
for the shared scorer); ``score --gold GOLD.jsonl --pred PRED.jsonl`` (the package's scorer).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from .. import config
from .gold import gold_files, load_jsonl, read_newsmtsc, write_predictions
from .quotes import QUOTE_METRICS, predict_articles, predict_polnear, score_quotes
from ..sentiment import DEFAULT_ENGINE, ENGINES, load_engine, score_targets
from .sentiment import SENTIMENT_SPLITS, concept_agreement, concept_figures, predict_targets, score_sentiment

RESULT_COLUMNS = ("task", "dataset", "metric", "value")


def timed(predict: Callable[[Any], list], items: Any) -> tuple[list, float | None]:
    """``predict(items)`` and its speed: (predictions, items per second; None when too fast to
    time)."""
    t0 = time.perf_counter()
    preds = predict(items)
    seconds = time.perf_counter() - t0
    return preds, (len(items) / seconds if seconds > 0 else None)


def validate_quotes(gold_dir: Path, *, splits: tuple[str, ...] = ("dev",)) -> list[dict]:
    """Quote figures on ``<gold_dir>/polnear/<split>.jsonl`` for each split present, plus the
    extraction speed (articles per second); rows of the long result table."""
    return [row for split, path in gold_files(gold_dir, "polnear", splits, task="quotes")
            for row in quote_rows(load_jsonl(path), dataset=f"polnear/{split}")]


def quote_rows(gold: list[dict], *, dataset: str) -> list[dict]:
    """The rows (``QUOTE_METRICS`` and ``articles_per_s``) of ``extract_quotes`` scored on the
    gold articles ``gold``, as ``dataset``."""
    preds, per_s = timed(predict_articles, gold)
    figures = {**score_quotes(gold, {p["id"]: p for p in preds}), "articles_per_s": per_s}
    return [{"task": "quotes", "dataset": dataset, "metric": m, "value": figures[m]}
            for m in (*QUOTE_METRICS, "articles_per_s")]


def validate_project_quotes(gold_dir: Path, *, folder: Path | None = None) -> list[dict]:
    """Quote figures on the project's own attribution gold (``config.WIKINEWS_GOLD``: Wikinews
    articles annotated by the project, canonical speaker names; every ``*.jsonl`` in the folder,
    read in name order), as dataset ``wikinews/gold``. ``gold_dir`` (the shared data) is not
    used: this gold ships with the project. No rows when the folder holds no file."""
    folder = Path(folder) if folder is not None else config.WIKINEWS_GOLD
    gold = [rec for path in sorted(folder.glob("*.jsonl")) for rec in load_jsonl(path)]
    if not gold:
        print(f"quotes: no project gold in {folder}; skipped")
        return []
    return quote_rows(gold, dataset="wikinews/gold")


def sentiment_task(engine: str) -> str:
    """The ``task`` of an engine's rows: ``sentiment`` for the default engine (fast, whose rows
    kept that name), ``sentiment-<engine>`` for the others (``sentiment-accurate``)."""
    return "sentiment" if engine == DEFAULT_ENGINE else f"sentiment-{engine}"


def validate_sentiment(gold_dir: Path, *, splits: tuple[str, ...] = SENTIMENT_SPLITS,
                       engines: tuple[str, ...] = ENGINES) -> list[dict]:
    """Target-sentiment figures (macro-F1, accuracy, per-class F1, targets per second) of each
    engine on ``<gold_dir>/newsmtsc/<split>.jsonl`` for each split present (task
    ``sentiment_task(engine)``)."""
    rows = []
    for split, path in gold_files(gold_dir, "newsmtsc", splits, task="sentiment"):
        targets = read_newsmtsc(path)
        for engine in engines:
            load_engine(engine)     # loading the model is not part of the rate
            preds, per_s = timed(lambda t, engine=engine: predict_targets(t, engine=engine), targets)
            figures = score_sentiment(targets["label"].tolist(), [p["label"] for p in preds])
            values = {"n_targets": figures["n"], "macro_f1": figures["macro_f1"], "accuracy": figures["accuracy"],
                      **{f"f1_{c}": v["f1"] for c, v in figures["per_class"].items()},
                      "targets_per_s": per_s}
            rows += [{"task": sentiment_task(engine), "dataset": f"newsmtsc/{split}", "metric": m, "value": v}
                     for m, v in values.items()]
    return rows


def validate_concepts(gold_dir: Path, *, engines: tuple[str, ...] = ENGINES) -> list[dict]:
    """The figures on the project's concept gold (dataset ``concepts/gold``, texts joined from
    ``<gold_dir>/polnear/train.jsonl``). An engine whose model learned from it reports the
    cross-validated figure its training measured and recorded (``cv_macro_f1``, folds grouped by
    article and shared sentence), never a score on mentions it learned (both shipped engines
    learned it); one that did not learn from it is scored on all of it (``macro_f1``). First the agreement of the gold's two annotations where it has them
    (task ``annotators``, dataset ``concepts/agreement``: ``sentiment.concept_agreement``), the
    ceiling to read the engines' figures against. Skipped when the PolNeAR texts are missing."""
    from .gold import read_concept_gold

    if not (Path(gold_dir) / "polnear" / "train.jsonl").exists():
        print(f"sentiment: no {Path(gold_dir) / 'polnear' / 'train.jsonl'} for the concept gold's texts; skipped")
        return []
    agreement = concept_agreement()
    rows = [{"task": "annotators", "dataset": "concepts/agreement", "metric": m, "value": agreement[m]}
            for m in ("n", "accuracy", "kappa", "macro_f1")]
    gold = None
    for engine in engines:
        figures = concept_figures(engine)
        if figures is None:
            gold = read_concept_gold(gold_dir=gold_dir) if gold is None else gold
            figures = _score_concepts(gold, engine)
        rows += [{"task": sentiment_task(engine), "dataset": "concepts/gold", "metric": m, "value": figures[m]}
                 for m in ("n_mentions", "macro_f1", "accuracy", "cv_macro_f1", "cv_accuracy") if m in figures]
    return rows


def validate_concepts_heldout(gold_dir: Path, *, engines: tuple[str, ...] = ENGINES) -> list[dict]:
    """Each engine on the concept gold's blind Wikinews sample (dataset ``concepts/heldout-wikinews``,
    ``config.CONCEPT_HELDOUT``): mentions in Wikinews articles outside the concept gold,
    labelled before any system output on them was seen and never trained or tuned on, so its
    figure is out of sample for every model. Small (about 40 mentions): read it with its
    counts. ``gold_dir`` is not read (the texts are the embedded Wikinews sample)."""
    from .gold import read_concept_gold

    if not config.CONCEPT_HELDOUT.exists():
        print(f"sentiment: no {config.CONCEPT_HELDOUT} (the blind Wikinews sample); skipped")
        return []
    held = read_concept_gold(config.CONCEPT_HELDOUT)
    return [{"task": sentiment_task(engine), "dataset": "concepts/heldout-wikinews", "metric": m, "value": v}
            for engine in engines for m, v in _score_concepts(held, engine).items()]


def _score_concepts(mentions: pd.DataFrame, engine: str) -> dict[str, float]:
    """``n_mentions``, ``macro_f1`` and ``accuracy`` of ``engine`` on concept-gold ``mentions``
    (``read_concept_gold`` rows), scored as concepts."""
    labels = score_targets(mentions, engine=engine, target_kind="concept")["label"].tolist()
    scored = score_sentiment(mentions["label"].tolist(), labels)
    return {"n_mentions": scored["n"], "macro_f1": scored["macro_f1"], "accuracy": scored["accuracy"]}


#: one function per task: (gold_dir) -> rows; each skips itself when its gold file is missing
VALIDATORS: list[Callable[[Path], list[dict]]] = [
    validate_quotes,
    validate_project_quotes,
    validate_sentiment,
    validate_concepts,
    validate_concepts_heldout,
]


def run_validation(gold_dir: Path, out_dir: Path) -> pd.DataFrame:
    """Run every task of ``VALIDATORS`` on the gold data in ``gold_dir``; return the long table
    (``task``, ``dataset``, ``metric``, ``value``) and write it to ``out_dir`` as
    ``validation.csv`` and ``validation.json``."""
    gold_dir, out_dir = Path(gold_dir), Path(out_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"gold data folder not found: {gold_dir}")
    rows: list[dict] = []
    for task in VALIDATORS:
        rows += task(gold_dir)
    table = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    out_dir.mkdir(parents=True, exist_ok=True)
    table.to_csv(out_dir / "validation.csv", index=False)
    (out_dir / "validation.json").write_text(
        json.dumps(table.to_dict(orient="records"), indent=1), encoding="utf-8")
    return table


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.evaluation validate|predict|score ...`` (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="every figure of make validate (CSV and JSON in --out)")
    p.add_argument("--gold-dir", default=str(config.SHARED_DATA_DIR),
                   help="folder with polnear/ and newsmtsc/ (default: ../shared/data)")
    p.add_argument("--out", default=str(config.REPORTS_DIR / "validation"),
                   help="folder for the figures (CSV, JSON)")
    p = sub.add_parser("predict", help="write extract_quotes predictions for a PolNeAR file")
    p.add_argument("--gold", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("score", help="score a PolNeAR prediction file (package scorer)")
    p.add_argument("--gold", required=True)
    p.add_argument("--pred", required=True)
    args = parser.parse_args(argv)
    if args.command == "validate":
        print(run_validation(Path(args.gold_dir), Path(args.out)).to_string(index=False))
    elif args.command == "predict":
        print(f"written: {write_predictions(predict_polnear(args.gold), args.out)}")
    else:
        figures = score_quotes(load_jsonl(args.gold), {r["id"]: r for r in load_jsonl(args.pred)})
        for k, v in figures.items():
            print(f"{k:40s} {'-' if v is None else round(v, 4)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
