"""Everything per article, for corpora of any size: ``build_features`` on pandas or Dask.

``build_features(source, terms=..., out=DIR)`` streams the corpus in chunks (memory stays bounded
whatever its size), runs every stage on each chunk and writes four Parquet datasets to ``out``:

- ``articles/``: the articles table (``corpus.load_articles`` columns);
- ``features/``: one row per article (see :func:`article_features` for the columns);
- ``quotes/``: the quotes table (``quotes.extract_quotes``);
- ``mentions/``: the mentions table (``sentiment.term_sentiment``);

plus ``manifest.json`` (input fingerprint, settings, counts) and ``rejects.csv`` (every skipped
record). ``engine="dask"`` runs the same per-chunk stages as tasks on a ``distributed`` cluster
(``scheduler`` = the address of a running one, else a local cluster of worker processes) over
the partitions of the ``articles`` dataset; both engines give identical tables.

Reruns are incremental: when the input files (path, size, modification time) and the settings
are unchanged, the existing output is returned without recomputation; any change recomputes.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from . import __version__, config
from .corpus import iter_articles, resolve_paths
from .framing import FRAMES, score_frames

TABLES = ("articles", "features", "quotes", "mentions")
MANIFEST = "manifest.json"


@dataclass
class FeatureSet:
    """The output of :func:`build_features`: where the tables are, and how they were made."""

    out: Path
    manifest: dict = field(default_factory=dict)
    from_cache: bool = False

    def path(self, table: str) -> Path:
        """Folder of one Parquet dataset (``articles``, ``features``, ``quotes``, ``mentions``)."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}; expected one of {TABLES}")
        return self.out / table

    def read(self, table: str, *, columns: list[str] | None = None) -> pd.DataFrame:
        """One table as a pandas DataFrame, rows in corpus order."""
        parts = sorted(self.path(table).glob("part-*.parquet"))
        frames = [pd.read_parquet(p, columns=columns) for p in parts]
        frames = [f for f in frames if len(f)] or frames[:1]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)

    @property
    def n_articles(self) -> int:
        return int(self.manifest.get("n_articles", 0))


# --------------------------------------------------------------------------------------------
# the per-chunk stages
# --------------------------------------------------------------------------------------------

def term_slug(term: str) -> str:
    """Column-name form of a term: "color revolution" -> "color_revolution"."""
    return re.sub(r"[^0-9a-z]+", "_", term.lower()).strip("_")


def article_features(articles: pd.DataFrame, quotes: pd.DataFrame, mentions: pd.DataFrame,
                     *, terms: Sequence[str]) -> pd.DataFrame:
    """One row per article from the articles, quotes and mentions tables of the same articles.

    Columns: ``article_id``, ``outlet``, ``date``, ``n_words``, ``n_paragraphs``, ``n_quotes``,
    ``n_direct``, ``n_mixed``, ``n_indirect``, ``n_speakers``, ``quoted_words``,
    ``quoted_share`` (quoted words / article words), ``top_speaker``, ``top_speaker_share``
    (of the article's quoted words); per term (slug, e.g. ``color_revolution``) and voice:
    ``mentions_<slug>_narration``, ``mentions_<slug>_attributed`` (counts) and
    ``polarity_<slug>_narration``, ``polarity_<slug>_attributed`` (mean, NA without mentions);
    the 15 frame scores (hits per 1,000 words) and ``dominant_frame``.
    """
    from .quotes import quote_share

    frames = score_frames(articles)       # tokenizes each text once; gives n_words too
    out = pd.DataFrame({
        "article_id": articles["article_id"].to_numpy(),
        "outlet": articles["outlet"].to_numpy(),
        "date": articles["date"].to_numpy(),
        "n_words": frames["n_words"].to_numpy(),
        "n_paragraphs": [len([p for p in t.split("\n\n") if p.strip()]) for t in articles["text"]],
    })
    ids = out["article_id"]
    by_article = quotes.groupby("article_id")
    out["n_quotes"] = ids.map(by_article.size()).fillna(0).astype("int64")
    for kind in ("direct", "mixed", "indirect"):
        counts = quotes[quotes["kind"] == kind].groupby("article_id").size()
        out[f"n_{kind}"] = ids.map(counts).fillna(0).astype("int64")
    out["n_speakers"] = ids.map(by_article["speaker"].nunique()).fillna(0).astype("int64")
    out["quoted_words"] = ids.map(by_article["n_words"].sum()).fillna(0).astype("int64")
    out["quoted_share"] = (out["quoted_words"] / out["n_words"].where(out["n_words"] > 0)).fillna(0.0)
    shares = quote_share(quotes, by="article_id") if len(quotes) else pd.DataFrame(
        columns=["article_id", "speaker", "share"])
    shares = shares[shares["speaker"].notna()]
    top = shares.sort_values(["article_id", "share", "speaker"], ascending=[True, False, True])
    top = top.drop_duplicates("article_id").set_index("article_id")
    out["top_speaker"] = ids.map(top["speaker"]).astype("string")
    out["top_speaker_share"] = ids.map(top["share"]).astype("float64")
    for term in terms:
        slug = term_slug(term)
        m = mentions[mentions["term"] == term]
        for voice in ("narration", "attributed"):
            mv = m[m["voice"] == voice].groupby("article_id")["polarity"]
            out[f"mentions_{slug}_{voice}"] = ids.map(mv.size()).fillna(0).astype("int64")
            out[f"polarity_{slug}_{voice}"] = ids.map(mv.mean()).astype("float64")
    for frame in FRAMES:
        out[frame] = frames[frame].to_numpy()
    out["dominant_frame"] = frames["dominant_frame"].to_numpy()
    return out


def process_chunk(articles: pd.DataFrame, *, terms: Sequence[str]
                  ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """All stages on one chunk of articles: ``(features, quotes, mentions)``."""
    from .quotes import extract_quotes
    from .sentiment import term_sentiment

    quotes = extract_quotes(articles)
    mentions = term_sentiment(articles, list(terms), quotes=quotes)
    return article_features(articles, quotes, mentions, terms=terms), quotes, mentions


def _write_part(df: pd.DataFrame, folder: Path, index: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    df.reset_index(drop=True).to_parquet(folder / f"part-{index:05d}.parquet", index=False)


def _process_part(articles: pd.DataFrame, out: str, index: int, terms: Sequence[str]) -> int:
    """Run the stages on one partition and write its three output parts; returns its rows."""
    features, quotes, mentions = process_chunk(articles, terms=terms)
    base = Path(out)
    _write_part(features, base / "features", index)
    _write_part(quotes, base / "quotes", index)
    _write_part(mentions, base / "mentions", index)
    return len(articles)


# --------------------------------------------------------------------------------------------
# the driver
# --------------------------------------------------------------------------------------------

def input_fingerprint(source, *, settings: dict) -> str:
    """SHA-256 of the input files' paths, sizes and modification times, the settings, the
    package version and the resources the stages use (lexicons, models)."""
    h = hashlib.sha256()
    for p in resolve_paths(source):
        st = p.stat()
        h.update(f"{p.resolve()}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    h.update(__version__.encode())
    for res in sorted(config.RESOURCES_DIR.rglob("*")):
        if res.is_file():
            st = res.stat()
            h.update(f"{res.relative_to(config.RESOURCES_DIR)}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _cached(out: Path, fingerprint: str) -> dict | None:
    manifest_path = out / MANIFEST
    if not manifest_path.exists():
        return None
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("fingerprint") != fingerprint:
        return None
    n_parts = manifest.get("n_parts", -1)
    if any(len(list((out / t).glob("part-*.parquet"))) != n_parts for t in TABLES):
        return None
    return manifest


def build_features(source: str | Path | Iterable[str | Path], *,
                   terms: Sequence[str] = config.DEFAULT_TERMS, engine: str = "pandas",
                   scheduler: str | None = None, out: str | Path | None = None,
                   chunk_size: int = 2_000, errors: str = "skip", n_workers: int = 2,
                   refresh: bool = False, progress: bool = True) -> FeatureSet:
    """Compute the per-article features, quotes and mentions of a corpus into Parquet datasets.

    ``source``: a file, folder, glob or list (any format ``load_articles`` reads). ``terms``:
    term lexicon entries or phrases to follow. ``engine``: ``"pandas"`` (in this process) or
    ``"dask"`` (``scheduler`` address, or a local cluster of ``n_workers`` processes).
    ``out``: output folder (default ``data/interim/features``). ``chunk_size``: articles per
    partition (bounds memory). ``errors``: ``"skip"`` (listed in ``rejects.csv``) or
    ``"raise"``. ``refresh=True`` recomputes even when the cache is valid.
    Returns a :class:`FeatureSet`; ``.read("features")`` gives the table.
    """
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    out = Path(out) if out else config.INTERIM_DIR / "features"
    terms = list(terms)
    settings = {"terms": terms, "chunk_size": chunk_size, "errors": errors}
    fingerprint = input_fingerprint(source, settings=settings)
    if not refresh:
        manifest = _cached(out, fingerprint)
        if manifest is not None:
            return FeatureSet(out=out, manifest=manifest, from_cache=True)
    for table in TABLES:
        shutil.rmtree(out / table, ignore_errors=True)
    (out / MANIFEST).unlink(missing_ok=True)
    t0 = time.perf_counter()
    if engine == "pandas":
        n_parts, n_articles, rejects = _run_pandas(source, out, terms=terms,
                                                   chunk_size=chunk_size, errors=errors,
                                                   progress=progress)
    else:
        n_parts, n_articles, rejects = _run_dask(source, out, terms=terms, chunk_size=chunk_size,
                                                 errors=errors, scheduler=scheduler,
                                                 n_workers=n_workers, progress=progress)
    pd.DataFrame(rejects, columns=["source", "record", "reason"]).to_csv(out / "rejects.csv",
                                                                        index=False)
    manifest = {"fingerprint": fingerprint, "settings": settings, "engine": engine,
                "n_parts": n_parts, "n_articles": n_articles, "n_rejected": len(rejects),
                "records_read": n_articles + len(rejects), "version": __version__,
                "seconds": round(time.perf_counter() - t0, 3)}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return FeatureSet(out=out, manifest=manifest)


def _ingest(source, out: Path, *, chunk_size: int, errors: str, progress: bool,
            on_chunk=None) -> tuple[int, int, list[dict]]:
    """Stream the corpus into ``out/articles`` partitions; ``on_chunk(chunk, index)`` runs on
    each. Returns (partitions, articles, rejects)."""
    from tqdm.auto import tqdm

    n_parts = n_articles = 0
    rejects: list[dict] = []
    with tqdm(desc="articles", unit=" art", disable=not progress) as bar:
        for chunk in iter_articles(source, chunk_size=chunk_size, errors=errors):
            rejects.extend(chunk.attrs.get("rejects", []))
            if len(chunk) == 0 and n_parts > 0:
                continue
            _write_part(chunk, out / "articles", n_parts)
            if on_chunk is not None:
                on_chunk(chunk, n_parts)
            n_parts += 1
            n_articles += len(chunk)
            bar.update(len(chunk))
    return n_parts, n_articles, rejects


def _run_pandas(source, out: Path, *, terms, chunk_size, errors, progress):
    def on_chunk(chunk: pd.DataFrame, index: int) -> None:
        # the partition as written (Parquet round trip), exactly what the dask engine reads
        part = pd.read_parquet(out / "articles" / f"part-{index:05d}.parquet")
        _process_part(part, str(out), index, terms)

    return _ingest(source, out, chunk_size=chunk_size, errors=errors, progress=progress,
                   on_chunk=on_chunk)


def _run_dask(source, out: Path, *, terms, chunk_size, errors, scheduler, n_workers, progress):
    try:
        import dask
        import dask.dataframe as dd
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ImportError("engine='dask' needs the [scale] extra: "
                          "pip install 'media-framing-analysis[scale]'") from exc

    n_parts, n_articles, rejects = _ingest(source, out, chunk_size=chunk_size, errors=errors,
                                           progress=progress)
    parts = [str(p) for p in sorted((out / "articles").glob("part-*.parquet"))]
    with dask.config.set({"dataframe.convert-string": False}):
        # one partition per part file, read with pandas exactly as the pandas engine has it
        ddf = dd.from_map(pd.read_parquet, parts)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        tasks = [dask.delayed(_process_part)(part, str(out.resolve()), i, terms)
                 for i, part in enumerate(ddf.to_delayed())]
        futures = client.compute(tasks)
        if progress:
            from distributed import progress as dask_progress

            dask_progress(futures)
        done = sum(client.gather(futures))
        if done != n_articles:
            raise RuntimeError(f"dask processed {done} articles, expected {n_articles}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return n_parts, n_articles, rejects
