"""Everything per article, for corpora of any size: ``build_features`` on pandas or Dask.

``build_features(source, terms=..., out=DIR)`` streams the corpus in chunks (memory stays bounded
whatever its size), runs every stage on each chunk and writes four Parquet datasets to ``out``:

- ``articles/``: the articles table (``corpus.load_articles`` columns);
- ``features/``: one row per article (see :func:`article_features` for the columns);
- ``quotes/``: the quotes table (``quotes.extract_quotes``);
- ``mentions/``: the mentions table (``sentiment.term_sentiment``);

plus ``manifest.json`` (input fingerprint, settings, counts, and the size and SHA-256 of every
file written), ``rejects.csv`` (every skipped record) and the marker file
``.media-framing-features``. ``engine="dask"`` runs the same per-chunk stages as tasks on a
``distributed`` cluster (``scheduler`` = the address of a running one, else a local cluster of
worker processes) over the partitions of the ``articles`` dataset; both engines give identical
tables.

The output folder is safe to point anywhere:

- it must not overlap the input: ``out`` equal to an input folder or file, inside an input
  folder, or holding an input file (symlinks resolved) raises :class:`OutputFolderError`
  before anything is read or written;
- the tool only ever replaces a folder it wrote itself: ``out`` must be missing, empty, or a
  previous output (it carries the marker file and only the files this tool writes); anything
  else raises :class:`OutputFolderError` and is left untouched;
- a run writes into a temporary folder beside ``out`` (``.<name>.tmp-<random>``, same parent)
  and renames it into place only when complete; a failed or interrupted run removes its
  temporary folder and leaves the previous output as it was. (A process killed outright may
  leave a ``.<name>.tmp-*`` folder behind; it is never reused or deleted by a later run.)

Reruns are incremental: the cache key is the SHA-256 of every input file's bytes (with its
path), the settings, the package version and the content of the resources the stages use
(lexicons, models). When they are unchanged and every file of the previous output still has the
size and SHA-256 recorded in its manifest, that output is returned without recomputation; any
change, or a damaged output file, recomputes. Checking reads the input and the output once.

Object columns pyarrow cannot store as one type (an extra input field that is a list in one
record and a string in another) are written as text: strings as they are, other values as JSON
(``["a", "b"]``), missing values as nulls.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import pandas as pd
import pyarrow as pa

from . import __version__, config
from .corpus import find_overlap, iter_articles, resolve_paths
from .framing import FRAMES, score_frames
from .schema import check_columns

TABLES = ("articles", "features", "quotes", "mentions")
MANIFEST = "manifest.json"
REJECTS = "rejects.csv"
#: The file that marks a folder as written by ``build_features`` (and so replaceable by it).
MARKER = ".media-framing-features"
_MARKER_TEXT = ("media-framing-analysis build_features output\n"
                "This folder is replaced as a whole by the next run of build_features with the "
                "same output folder.\n")
_PART_NAME = re.compile(r"part-\d{5}\.parquet")
_HASH_BLOCK = 1 << 20


class OutputFolderError(ValueError):
    """An output folder ``build_features`` refuses to use: it overlaps the input, or it holds
    files this tool did not write. The folder and the input are left untouched."""


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

    Reads ``articles`` (``article_id``, ``outlet``, ``date``, ``text``), ``quotes``
    (``article_id``, ``kind``, ``speaker``, ``n_words``) and ``mentions`` (``article_id``,
    ``term``, ``voice``, ``polarity``).
    """
    from .quotes import quote_share

    check_columns(articles, ("article_id", "outlet", "date", "text"), what="article_features")
    check_columns(quotes, ("article_id", "kind", "speaker", "n_words"), what="article_features quotes")
    check_columns(mentions, ("article_id", "term", "voice", "polarity"),
                  what="article_features mentions")

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


def process_chunk(articles: pd.DataFrame, *, terms: Sequence[str], sentiment_engine: str | None = None
                  ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """All stages on one chunk of articles: ``(features, quotes, mentions)``; the term
    sentiment comes from ``sentiment_engine`` (``fast`` or ``accurate``, see
    ``sentiment.score_targets``; None: its default)."""
    from .quotes import extract_quotes
    from .sentiment import term_sentiment

    quotes = extract_quotes(articles)
    mentions = term_sentiment(articles, list(terms), quotes=quotes,
                              **({"engine": sentiment_engine} if sentiment_engine else {}))
    return article_features(articles, quotes, mentions, terms=terms), quotes, mentions


def to_arrow_writable(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every object column pyarrow cannot convert to one type written as text:
    strings kept, missing values kept as missing, any other value (list, dict, number) as JSON.
    Columns pyarrow converts are left as they are."""
    out = df.copy()
    for column in [c for c in out.columns if pd.api.types.is_object_dtype(out[c].dtype)]:
        try:
            pa.array(out[column], from_pandas=True)
        except pa.ArrowException:
            out[column] = out[column].map(_as_text).astype(object)
    return out


def _as_text(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    if hasattr(value, "tolist"):        # numpy arrays and scalars (lists read from Parquet)
        value = value.tolist()
    return json.dumps(value, ensure_ascii=False, default=str)


def write_part(df: pd.DataFrame, folder: Path, index: int) -> None:
    """Write one partition; a mixed-type object column is written as text (see
    :func:`to_arrow_writable`) instead of failing."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{index:05d}.parquet"
    df = df.reset_index(drop=True)
    try:
        df.to_parquet(path, index=False)
    except pa.ArrowException:
        to_arrow_writable(df).to_parquet(path, index=False)


def _process_part(articles: pd.DataFrame, out: str, index: int, terms: Sequence[str],
                  sentiment_engine: str | None = None) -> int:
    """Run the stages on one partition and write its three output parts; returns its rows."""
    features, quotes, mentions = process_chunk(articles, terms=terms, sentiment_engine=sentiment_engine)
    base = Path(out)
    write_part(features, base / "features", index)
    write_part(quotes, base / "quotes", index)
    write_part(mentions, base / "mentions", index)
    return len(articles)


# --------------------------------------------------------------------------------------------
# the driver
# --------------------------------------------------------------------------------------------

def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks (memory stays bounded)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_HASH_BLOCK):
            h.update(block)
    return h.hexdigest()


def input_fingerprint(source, *, settings: dict) -> str:
    """SHA-256 of the input files' paths and contents, the settings, the package version and
    the content of the resources the stages use (lexicons, models)."""
    h = hashlib.sha256()
    for p in resolve_paths(source):
        h.update(f"{p.resolve()}|{file_sha256(p)}\n".encode())
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    h.update(__version__.encode())
    for res in sorted(config.RESOURCES_DIR.rglob("*")):
        if res.is_file():
            h.update(f"{res.relative_to(config.RESOURCES_DIR)}|{file_sha256(res)}\n".encode())
    return h.hexdigest()


def _show(path: Path | str) -> str:
    """A path as shown in messages: quoted, control characters escaped."""
    return repr(str(path))


def check_no_overlap(source, out: str | Path) -> None:
    """Raise :class:`OutputFolderError` when the output folder ``out`` is an input folder or
    file, lies inside an input folder (or under a glob that reads subfolders), or holds an
    input file or folder (``corpus.find_overlap``; symlinks resolved)."""
    found = find_overlap(out, source)
    if found is None:
        return
    relation, place = found
    kind = "folder" if place.is_dir() else "file"
    problem = {"same": "is the input", "inside": "is inside the input",
               "contains": "contains the input"}[relation]
    raise OutputFolderError(
        f"output folder {_show(Path(out).expanduser().resolve())} {problem} {kind} "
        f"{_show(place)}: the output must never overlap the input (a run would replace or "
        "re-read it); choose an output folder outside the corpus")


def check_replaceable(out: Path) -> None:
    """Raise :class:`OutputFolderError` unless ``out`` is missing, an empty folder, or an output
    of this tool: the marker file and only the files ``build_features`` writes."""
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputFolderError(f"output folder {_show(out)} exists and is not a folder; it is "
                                "left untouched: choose another output folder")
    if not any(out.iterdir()):
        return
    if not _has_marker(out):
        raise OutputFolderError(
            f"output folder {_show(out)} is not empty and was not written by build_features "
            f"(no {MARKER} file); it is left untouched: choose another output folder, or "
            "empty or remove it yourself")
    for path in sorted(out.rglob("*")):
        if not _is_own_file(out, path):
            raise OutputFolderError(
                f"output folder {_show(out)} holds {_show(path)}, which build_features did not "
                "write; the folder is left untouched: move that file away or choose another "
                "output folder")


def _has_marker(folder: Path) -> bool:
    marker = folder / MARKER
    if not marker.is_file() or marker.is_symlink():
        return False
    with open(marker, "rb") as fh:
        return fh.read(len(_MARKER_TEXT.encode())) == _MARKER_TEXT.encode()


def _is_own_file(folder: Path, path: Path) -> bool:
    """Whether ``path`` inside the output ``folder`` is one ``build_features`` writes: the
    marker, manifest and rejects files, the table folders and their ``part-NNNNN.parquet``."""
    parts = path.relative_to(folder).parts
    if path.is_symlink():
        return False
    if len(parts) == 1 and parts[0] in TABLES:
        return path.is_dir()
    if len(parts) == 1:
        return parts[0] in (MARKER, MANIFEST, REJECTS) and path.is_file()
    return (len(parts) == 2 and parts[0] in TABLES and path.is_file()
            and bool(_PART_NAME.fullmatch(parts[1])))


def _output_files(folder: Path) -> dict[str, dict[str, Any]]:
    """Size and SHA-256 of every file of an output folder but the marker and the manifest."""
    return {rel: {"bytes": (folder / rel).stat().st_size, "sha256": file_sha256(folder / rel)}
            for rel in _listed_files(folder)}


def _cached(out: Path, fingerprint: str) -> dict | None:
    """The manifest of a previous output made from the same input and settings whose files are
    all intact (size and SHA-256 as recorded), else None."""
    manifest_path = out / MANIFEST
    if not (_has_marker(out) and manifest_path.is_file()):
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(manifest, dict) or manifest.get("fingerprint") != fingerprint:
        return None
    recorded = manifest.get("files")
    if not isinstance(recorded, dict) or set(recorded) != set(_listed_files(out)):
        return None
    for rel, meta in recorded.items():
        path = out / rel
        if (not isinstance(meta, dict) or path.stat().st_size != meta.get("bytes")
                or file_sha256(path) != meta.get("sha256")):
            return None
    return manifest


def _listed_files(folder: Path) -> list[str]:
    """Relative paths of the files in an output folder but the marker and the manifest."""
    rels = (p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*")) if p.is_file())
    return [rel for rel in rels if rel not in (MARKER, MANIFEST)]


def build_features(source: str | Path | Iterable[str | Path], *,
                   terms: Sequence[str] = config.DEFAULT_TERMS, engine: str = "pandas",
                   scheduler: str | None = None, out: str | Path | None = None,
                   chunk_size: int = 2_000, errors: str = "skip", n_workers: int = 2,
                   refresh: bool = False, progress: bool = True,
                   encoding: str | None = None, sentiment_engine: str | None = None) -> FeatureSet:
    """Compute the per-article features, quotes and mentions of a corpus into Parquet datasets.

    ``source``: a file, folder, glob or list (any format ``load_articles`` reads). ``terms``:
    term lexicon entries or phrases to follow. ``engine``: ``"pandas"`` (in this process) or
    ``"dask"`` (``scheduler`` address, or a local cluster of ``n_workers`` processes).
    ``out``: output folder (default ``data/interim/features``); it must not overlap the input
    and must be missing, empty or a previous output of this function, else
    :class:`OutputFolderError` is raised and nothing is touched. It is replaced only when the
    run completes. ``chunk_size``: articles per partition (bounds memory). ``errors``:
    ``"skip"`` (listed in ``rejects.csv``) or ``"raise"``. ``encoding`` forces one text encoding for
    every input file (default: detected per file). ``refresh=True`` recomputes even
    when the cache is valid. ``sentiment_engine``: the term-sentiment engine, ``"fast"`` or
    ``"accurate"`` (None: ``sentiment.DEFAULT_ENGINE``, fast) (``sentiment.score_targets``; named so because ``engine`` was
    already the pandas / Dask choice). Returns a :class:`FeatureSet`; ``.read("features")``
    gives the table.
    """
    if engine not in ("pandas", "dask"):
        raise ValueError(f"engine must be 'pandas' or 'dask', not {engine!r}")
    from .sentiment import DEFAULT_ENGINE, check_engine

    sentiment_engine = check_engine(sentiment_engine or DEFAULT_ENGINE)
    items = [source] if isinstance(source, (str, Path)) else list(source)
    out = Path(out).expanduser() if out else config.INTERIM_DIR / "features"
    target = out.resolve()
    check_no_overlap(items, target)
    terms = list(terms)
    settings = {"terms": terms, "chunk_size": chunk_size, "errors": errors, "encoding": encoding,
                "sentiment_engine": sentiment_engine}
    fingerprint = input_fingerprint(items, settings=settings)
    if not refresh:
        manifest = _cached(target, fingerprint)
        if manifest is not None:
            return FeatureSet(out=out, manifest=manifest, from_cache=True)
    check_replaceable(target)
    tmp = _make_sibling(target, "tmp")
    try:
        (tmp / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        manifest = _build_into(tmp, items, fingerprint=fingerprint, settings=settings,
                               engine=engine, scheduler=scheduler, n_workers=n_workers,
                               progress=progress)
        check_replaceable(target)
        _install(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)     # our own temporary folder, if still there
    return FeatureSet(out=out, manifest=manifest)


def _build_into(tmp: Path, items: list, *, fingerprint: str, settings: dict, engine: str,
                scheduler: str | None, n_workers: int, progress: bool) -> dict:
    """Run the stages into the (new, empty but for the marker) folder ``tmp``; write
    ``rejects.csv`` and ``manifest.json`` there; return the manifest."""
    t0 = time.perf_counter()
    common = {"terms": settings["terms"], "chunk_size": settings["chunk_size"],
              "errors": settings["errors"], "encoding": settings["encoding"],
              "sentiment_engine": settings["sentiment_engine"], "progress": progress}
    if engine == "pandas":
        n_parts, n_articles, rejects = _run_pandas(items, tmp, **common)
    else:
        n_parts, n_articles, rejects = _run_dask(items, tmp, scheduler=scheduler,
                                                 n_workers=n_workers, **common)
    pd.DataFrame(rejects, columns=["source", "record", "reason"]).to_csv(tmp / REJECTS,
                                                                        index=False)
    manifest = {"fingerprint": fingerprint, "settings": settings, "engine": engine,
                "n_parts": n_parts, "n_articles": n_articles, "n_rejected": len(rejects),
                "records_read": n_articles + len(rejects), "version": __version__,
                "seconds": round(time.perf_counter() - t0, 3), "files": _output_files(tmp)}
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def _make_sibling(target: Path, kind: str) -> Path:
    """Create a new empty folder ``.<name>.<kind>-<random>`` beside ``target`` (same parent,
    so renames stay on one file system; default permissions, so remote workers can write)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        folder = target.parent / f".{target.name}.{kind}-{secrets.token_hex(6)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def _install(tmp: Path, target: Path) -> None:
    """Rename the finished ``tmp`` folder to ``target``. A previous output (checked by
    :func:`check_replaceable`) is first renamed aside, then removed once ``tmp`` is in place;
    if the rename fails it is put back."""
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    if not target.exists():
        os.replace(tmp, target)
        return
    old = _make_sibling(target, "old")
    old.rmdir()
    os.replace(target, old)
    try:
        os.replace(tmp, target)
    except BaseException:           # even an interrupt: the previous output goes back
        os.replace(old, target)
        raise
    shutil.rmtree(old)


def _ingest(source, out: Path, *, chunk_size: int, errors: str, progress: bool,
            encoding: str | None = None,
            on_chunk: Callable[[pd.DataFrame, int], None] | None = None
            ) -> tuple[int, int, list[dict]]:
    """Stream the corpus into ``out/articles`` partitions; ``on_chunk(chunk, index)`` runs on
    each. Returns (partitions, articles, rejects)."""
    from tqdm.auto import tqdm

    n_parts = n_articles = 0
    rejects: list[dict] = []
    with tqdm(desc="articles", unit=" art", disable=not progress) as bar:
        for chunk in iter_articles(source, chunk_size=chunk_size, errors=errors,
                                   encoding=encoding):
            rejects.extend(chunk.attrs.get("rejects", []))
            if len(chunk) == 0 and n_parts > 0:
                continue
            write_part(chunk, out / "articles", n_parts)
            if on_chunk is not None:
                on_chunk(chunk, n_parts)
            n_parts += 1
            n_articles += len(chunk)
            bar.update(len(chunk))
    return n_parts, n_articles, rejects


def _run_pandas(source, out: Path, *, terms, chunk_size, errors, encoding, sentiment_engine, progress):
    def on_chunk(chunk: pd.DataFrame, index: int) -> None:
        # the partition as written (Parquet round trip), exactly what the dask engine reads
        part = pd.read_parquet(out / "articles" / f"part-{index:05d}.parquet")
        _process_part(part, str(out), index, terms, sentiment_engine)

    return _ingest(source, out, chunk_size=chunk_size, errors=errors, encoding=encoding,
                   progress=progress,
                   on_chunk=on_chunk)


def _run_dask(source, out: Path, *, terms, chunk_size, errors, encoding, sentiment_engine, scheduler,
              n_workers, progress):
    try:
        import dask
        import dask.dataframe as dd
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ImportError("engine='dask' needs the [scale] extra: "
                          "pip install 'media-framing-analysis[scale]'") from exc

    n_parts, n_articles, rejects = _ingest(source, out, chunk_size=chunk_size, errors=errors,
                                           encoding=encoding,
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
    futures: list = []
    try:
        tasks = [dask.delayed(_process_part)(part, str(out.resolve()), i, terms, sentiment_engine)
                 for i, part in enumerate(ddf.to_delayed())]
        futures = client.compute(tasks)
        if progress:
            from distributed import progress as dask_progress

            dask_progress(futures)
        done = sum(client.gather(futures))
        if done != n_articles:
            raise RuntimeError(f"dask processed {done} articles, expected {n_articles}")
    except BaseException:
        client.cancel(futures)      # no task goes on writing into a folder about to be removed
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return n_parts, n_articles, rejects
