"""Command line: ``python -m analysis <command> [options]`` (also installed as ``media-framing``).

Commands
  load                load a corpus and print a summary (rows, rejects, date problems)
  report              run every notebook on a corpus into HTML reports with an index
  features            per-article features, quotes and mentions as Parquet (pandas or Dask)
  evaluate            accuracy on gold data (PolNeAR and Wikinews quotes, NewsMTSC and concept sentiment)
  train-quote-filter  retrain the quote candidate filter on PolNeAR train (writes --out)
  train-speaker-ranker retrain the speaker ranker on PolNeAR train (writes --out)
  train-sentiment     retrain a target-sentiment engine (--engine fast|accurate; writes --out)
Run ``python -m analysis <command> --help`` for the options of each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config


def _cmd_load(args: argparse.Namespace) -> int:
    from .corpus import load_articles, summarize_load

    articles = load_articles(args.corpus, errors=args.errors, encoding=args.encoding)
    print(summarize_load(articles))
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix == ".parquet":
            articles.to_parquet(out, index=False)
        else:
            articles.to_csv(out, index=False)
        print(f"written: {out}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import ReportFailed, build_reports

    try:
        index = build_reports(
            corpus=args.corpus, out_dir=args.out, terms=args.terms, compare=args.compare,
            notebooks=args.notebooks, with_code=args.with_code, no_code=args.no_code or None,
            errors=args.errors,
            encoding=args.encoding, sentiment_engine=args.sentiment_engine,
        )
    except ReportFailed as exc:
        print(f"reports written: {exc.index}")
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return 1
    print(f"reports written: {index}")
    return 0


def _cmd_features(args: argparse.Namespace) -> int:
    from .features import build_features

    result = build_features(args.corpus, terms=args.terms, engine=args.engine,
                            scheduler=args.scheduler, out=args.out, chunk_size=args.chunk_size,
                            errors=args.errors, n_workers=args.workers, refresh=args.refresh,
                            encoding=args.encoding, sentiment_engine=args.sentiment_engine)
    m = result.manifest
    state = "cached, unchanged input and settings" if result.from_cache else f"{m['seconds']} s"
    print(f"{m['n_articles']} articles ({m['n_rejected']} records rejected) -> {result.out} "
          f"[{state}]")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import run_validation

    figures = run_validation(gold_dir=Path(args.gold_dir), out_dir=Path(args.out))
    print(figures.to_string(index=False))
    return 0


def _cmd_train_quote_filter(args: argparse.Namespace) -> int:
    from .training.quote_filter import describe_training, train_quote_filter

    options: dict[str, float] = {}
    if args.c is not None:
        options["c"] = args.c
    if args.direct_recall is not None:
        options["direct_recall"] = args.direct_recall
    path = train_quote_filter(Path(args.gold), Path(args.out), **options)
    print(describe_training(path))
    return 0


def _cmd_train_speaker_ranker(args: argparse.Namespace) -> int:
    from .training.speaker_ranker import train_speaker_ranker

    train_speaker_ranker(Path(args.gold), Path(args.out))
    return 0


def _cmd_train_sentiment(args: argparse.Namespace) -> int:
    if args.engine == "accurate":
        from .training.sentiment_transformer import train_accurate_model

        path = train_accurate_model(Path(args.data), Path(args.out), concepts=args.concepts,
                                    gold_dir=args.gold_dir, step1=args.step1)
    else:
        from .evaluation.gold import read_concept_gold
        from .training.sentiment import train_sentiment_model

        concepts = read_concept_gold(args.concepts, gold_dir=args.gold_dir) if args.concepts else None
        weight = {} if args.concept_weight is None else {"concept_weight": args.concept_weight}
        path = train_sentiment_model(Path(args.data), Path(args.out), concepts=concepts, **weight)
    print(f"model written: {path}")
    return 0


def _add_encoding_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--encoding", default=None,
                   help="text encoding of every corpus file (e.g. koi8-r); default: detected")


def _add_sentiment_engine_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sentiment-engine", choices=("fast", "accurate"), default=None,
                   help="target sentiment: fast (linear model; the default) or accurate (transformer: "
                        "better on people, misses some framing cues on concepts)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true",
                        help="show the full traceback of an error instead of one line")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("load", help="load a corpus and summarise it")
    p.add_argument("corpus", nargs="+", help="file(s), folder(s) or glob(s)")
    p.add_argument("--errors", choices=("raise", "skip"), default="raise")
    _add_encoding_option(p)
    p.add_argument("--out", help="write the articles table (.csv or .parquet)")
    p.set_defaults(func=_cmd_load)

    p = sub.add_parser("report", help="run the notebooks into HTML reports")
    p.add_argument("--corpus", nargs="+", default=None,
                   help="file(s), folder(s) or glob(s); default: the embedded corpus (data/raw)")
    p.add_argument("--terms", nargs="+", default=list(config.DEFAULT_TERMS),
                   help="terms to follow (lexicon entries or plain phrases)")
    p.add_argument("--compare", nargs=2, metavar=("OUTLET_A", "OUTLET_B"), default=None,
                   help="two outlets to compare (default: the two largest)")
    p.add_argument("--out", default=str(config.REPORTS_DIR), help="output folder")
    p.add_argument("--notebooks", nargs="+", default=None,
                   help="notebook names to run (default: all)")
    p.add_argument("--with-code", action="store_true",
                   help="keep the code and parameter cells in the HTML (for analysts; readers get none)")
    p.add_argument("--no-code", action="store_true",
                   help="no code cells in the HTML: the default now, kept for old scripts")
    p.add_argument("--errors", choices=("raise", "skip"), default="skip",
                   help="bad records: stop (raise) or list them in the report (skip)")
    _add_encoding_option(p)
    _add_sentiment_engine_option(p)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("features", help="per-article features, quotes and mentions as Parquet")
    p.add_argument("corpus", nargs="+", help="file(s), folder(s) or glob(s)")
    p.add_argument("--terms", nargs="+", default=list(config.DEFAULT_TERMS))
    p.add_argument("--engine", choices=("pandas", "dask"), default="pandas")
    p.add_argument("--scheduler", default=None, help="address of a running Dask scheduler")
    p.add_argument("--workers", type=int, default=2, help="local Dask workers (no --scheduler)")
    p.add_argument("--out", default=str(config.INTERIM_DIR / "features"))
    p.add_argument("--chunk-size", type=int, default=2000, help="articles per partition")
    p.add_argument("--errors", choices=("raise", "skip"), default="skip")
    _add_encoding_option(p)
    p.add_argument("--refresh", action="store_true", help="recompute even if cached")
    _add_sentiment_engine_option(p)
    p.set_defaults(func=_cmd_features)

    p = sub.add_parser("evaluate", help="accuracy on gold data")
    p.add_argument("--gold-dir", default=str(config.SHARED_DATA_DIR),
                   help="folder with polnear/ and newsmtsc/ (default: ../shared/data)")
    p.add_argument("--out", default=str(config.REPORTS_DIR / "validation"),
                   help="folder for the figures (CSV, JSON)")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("train-quote-filter", help="retrain the quote candidate filter")
    p.add_argument("--gold", default=str(config.SHARED_DATA_DIR / "polnear" / "train.jsonl"),
                   help="PolNeAR-format training file, train only (default: ../shared/data/polnear/"
                        "train.jsonl)")
    p.add_argument("--out", required=True, help="model file to write (JSON)")
    p.add_argument("--c", type=float, default=None,
                   help="inverse regularisation strength (default: the training module's DEFAULT_C)")
    p.add_argument("--direct-recall", type=float, default=None,
                   help="cross-validated recall of gold direct quotes the direct-quote cut-off aims "
                        "at (default: analysis.training.quote_filter.DIRECT_RECALL_TARGET)")
    p.set_defaults(func=_cmd_train_quote_filter)

    p = sub.add_parser("train-speaker-ranker", help="retrain the speaker ranker")
    p.add_argument("--gold", default=str(config.SHARED_DATA_DIR / "polnear" / "train.jsonl"),
                   help="PolNeAR-format training file, train only (default: ../shared/data/polnear/"
                        "train.jsonl)")
    p.add_argument("--out", required=True, help="model file to write (JSON)")
    p.set_defaults(func=_cmd_train_speaker_ranker)

    p = sub.add_parser("train-sentiment", help="retrain a target-sentiment engine")
    p.add_argument("--engine", choices=("fast", "accurate"), default="fast",
                   help="fast: the linear model (.npz file; the default, as before); accurate: the "
                        "transformer (a folder; needs pip install -e '.[train]')")
    p.add_argument("--data", required=True, help="NewsMTSC-format training JSONL (train split)")
    p.add_argument("--out", required=True, help="model file (fast, .npz) or folder (accurate) to write")
    p.add_argument("--concepts", default=None,
                   help="concept gold learned too (accurate: default data/gold/concept_sentiment/mentions.jsonl; "
                        "fast: only when given)")
    p.add_argument("--concept-weight", type=int, default=None,
                   help="fast, with --concepts: times each concept mention counts beside the NewsMTSC targets "
                        "(default: analysis.training.sentiment.CONCEPT_WEIGHT)")
    p.add_argument("--gold-dir", default=None,
                   help="shared data folder whose polnear/train.jsonl holds the concept gold's texts")
    p.add_argument("--step1", default=None,
                   help="accurate: start from the step-1 weights of an earlier run (its torch_step1 folder) "
                        "instead of training step 1 again")
    p.set_defaults(func=_cmd_train_sentiment)
    return parser


#: Errors a user can cause and fix (bad input, a bad option, a path): one line, exit code 2.
#: ``CorpusError`` is a ``ValueError``; anything else is a bug and shows its traceback.
EXPECTED_ERRORS = (ValueError, OSError)


def one_line(message: str) -> str:
    """``message`` on one line, with control characters (from a file name or a record) shown
    as escapes rather than sent to the terminal."""
    flat = " ".join(message.splitlines())
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in flat)


def main(argv: list[str] | None = None) -> int:
    """Run one command. Expected errors print ``error: <message>`` on one line to stderr and
    return 2 (``--debug`` shows the traceback instead); a report with failed notebooks returns 1."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except EXPECTED_ERRORS as exc:
        if args.debug:
            raise
        # a plain ValueError may come from deep inside (a bug rather than a bad option)
        hint = " (run with --debug for the traceback)" if type(exc) is ValueError else ""
        print(f"error: {one_line(str(exc))}{hint}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
