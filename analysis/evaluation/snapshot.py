"""Identity check for refactors: write the suite's outputs to a folder, then compare two folders.

A change that should not alter behaviour (moving code, renaming, splitting modules) is checked
by writing a snapshot before and after it and comparing them file by file::

    python -m analysis.evaluation.snapshot write BEFORE --gold-dir ../shared/data
    ... the change ...
    python -m analysis.evaluation.snapshot write AFTER --gold-dir ../shared/data
    python -m analysis.evaluation.snapshot compare BEFORE AFTER     # exit code 1 on any difference

A snapshot holds, as CSV: the quotes ``extract_quotes`` finds on every PolNeAR train and dev
article (all columns), the polarity and label ``score_targets`` gives every NewsMTSC dev target,
the articles table of the embedded corpus and the mentions of three terms in it, and every CSV of
the reports on the embedded corpus (``report/``). Only files are compared; nothing is printed
from the gold articles (PolNeAR dev is read through the suite only, as its authors ask).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import sys
from pathlib import Path

import pandas as pd

from .. import config
from ..corpus import load_articles
from ..quotes import extract_quotes
from ..report import build_reports
from ..sentiment import score_targets, term_sentiment
from .gold import load_jsonl, read_newsmtsc

#: the terms whose mentions the snapshot records
SNAPSHOT_TERMS = ("color revolution", "NATO", "sanctions")


def write_snapshot(out: str | Path, *, gold_dir: str | Path, corpus: str | Path | None = None,
                   report: bool = True) -> Path:
    """Write the snapshot files into ``out`` (created); gold files that are missing are left out.
    ``corpus``: default the embedded corpus. ``report=False`` skips the reports (the slow part).
    Run it from the project root: the articles' ``source`` paths are written relative to it."""
    out, gold_dir = Path(out), Path(gold_dir)
    out.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        path = gold_dir / "polnear" / f"{split}.jsonl"
        if path.is_file():
            gold = load_jsonl(path)
            articles = pd.DataFrame({"article_id": [a["id"] for a in gold], "text": [a["text"] for a in gold]})
            extract_quotes(articles).to_csv(out / f"polnear_{split}_quotes.csv", index=False)
    for split in ("dev_rw", "dev_mt"):
        path = gold_dir / "newsmtsc" / f"{split}.jsonl"
        if path.is_file():
            scores = score_targets(read_newsmtsc(path))
            scores[["polarity", "label"]].to_csv(out / f"newsmtsc_{split}.csv", float_format="%.10g")
    # the corpus path relative to the current folder: the `source` column then reads the same in
    # two checkouts of the project (snapshots of two worktrees compare equal)
    articles = load_articles(os.path.relpath(corpus if corpus is not None else config.DEFAULT_CORPUS))
    articles.to_csv(out / "articles.csv", index=False)
    term_sentiment(articles, list(SNAPSHOT_TERMS)).to_csv(out / "mentions.csv", index=False,
                                                          float_format="%.10g")
    if report:
        # what `make report` runs: the default terms of the command line
        build_reports(corpus=corpus, out_dir=out / "report", terms=list(config.DEFAULT_TERMS))
    return out


def compare_snapshots(a: str | Path, b: str | Path) -> dict[str, list[str]]:
    """The CSV files of two snapshots that differ: ``{"only_a", "only_b", "differ"}`` (relative
    paths). Files are compared byte for byte."""
    a, b = Path(a), Path(b)
    files_a = {str(p.relative_to(a)) for p in a.rglob("*.csv")}
    files_b = {str(p.relative_to(b)) for p in b.rglob("*.csv")}
    both = sorted(files_a & files_b)
    equal = {f: filecmp.cmp(a / f, b / f, shallow=False) for f in both}
    return {"only_a": sorted(files_a - files_b), "only_b": sorted(files_b - files_a),
            "differ": [f for f in both if not equal[f]], "same": [f for f in both if equal[f]]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluation.snapshot",
                                     description="write or compare snapshots of the suite's outputs")
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write a snapshot folder")
    w.add_argument("out")
    w.add_argument("--gold-dir", default=str(config.SHARED_DATA_DIR))
    w.add_argument("--corpus", default=None)
    w.add_argument("--no-report", action="store_true", help="skip the reports")
    c = sub.add_parser("compare", help="compare two snapshot folders (exit 1 if they differ)")
    c.add_argument("a")
    c.add_argument("b")
    args = parser.parse_args(argv)
    if args.command == "write":
        print(f"snapshot written: {write_snapshot(args.out, gold_dir=args.gold_dir, corpus=args.corpus, report=not args.no_report)}")
        return 0
    result = compare_snapshots(args.a, args.b)
    for key in ("only_a", "only_b", "differ"):
        for name in result[key]:
            print(f"{key}: {name}")
    print(f"{len(result['same']) + len(result['differ'])} files in both; differing: {len(result['differ'])}; "
          f"only in one: {len(result['only_a']) + len(result['only_b'])}")
    return 1 if result["differ"] or result["only_a"] or result["only_b"] else 0


if __name__ == "__main__":
    sys.exit(main())
