"""build_features never destroys: output/input overlap refused, only its own output replaced,
atomic runs, a cache keyed on content and verified part files, mixed-type extra fields."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.features import (MARKER, OutputFolderError, build_features, check_no_overlap,
                               to_arrow_writable)

TERMS = ["color revolution", "NATO"]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder`` (hidden files included)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def siblings(out: Path) -> list[str]:
    """Temporary or set-aside folders build_features may have left beside ``out``."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def run(source, out: Path, **options) -> object:
    options = {"terms": TERMS, "progress": False, "chunk_size": 2, **options}
    return build_features(source, out=out, **options)


@pytest.fixture
def corpus(tmp_path, wikinews_records) -> Path:
    """A corpus folder ``corpus/articles`` holding five Wikinews articles as JSON Lines."""
    folder = tmp_path / "corpus" / "articles"
    write_jsonl(folder / "wikinews.jsonl", wikinews_records[:5])
    return folder


@pytest.fixture
def built(tmp_path, corpus):
    """A first, successful run into ``tmp_path/out``."""
    return run(corpus, tmp_path / "out")


# --------------------------------------------------------------------------------------------
# output never overlaps input
# --------------------------------------------------------------------------------------------

def test_issue_reproduction_keeps_the_corpus(tmp_path, wikinews_records):
    """`python -m analysis features d/articles --out d` used to delete d/articles."""
    corpus_file = write_jsonl(tmp_path / "d" / "articles" / "mine.jsonl", wikinews_records[:3])
    before = snapshot(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "features", str(tmp_path / "d" / "articles"),
         "--out", str(tmp_path / "d")],
        capture_output=True, text=True, cwd=config.PROJECT_ROOT)
    assert done.returncode != 0
    assert "OutputFolderError" in done.stderr or "output folder" in done.stderr
    assert repr(str((tmp_path / "d").resolve())) in done.stderr
    assert repr(str((tmp_path / "d" / "articles").resolve())) in done.stderr
    assert snapshot(tmp_path) == before
    assert len(corpus_file.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize("case, problem", [
    ("out is the input folder", "is the input folder"),
    ("out inside the input folder", "is inside the input folder"),
    ("input inside out", "contains the input folder"),
    ("out is the input file", "is the input file"),
    ("out is a symlink to the input folder", "is the input folder"),
    ("out inside the input folder by ..", "is inside the input folder"),
])
def test_overlap_refused(tmp_path, corpus, case, problem):
    source, out = {
        "out is the input folder": (corpus, corpus),
        "out inside the input folder": (corpus, corpus / "features"),
        "input inside out": (corpus, corpus.parent),
        "out is the input file": (corpus / "wikinews.jsonl", corpus / "wikinews.jsonl"),
        "out is a symlink to the input folder": (corpus, tmp_path / "link"),
        "out inside the input folder by ..": (corpus, tmp_path / "elsewhere" / ".." / "corpus"
                                              / "articles" / "out"),
    }[case]
    if case.startswith("out is a symlink"):
        (tmp_path / "link").symlink_to(corpus, target_is_directory=True)
    before = snapshot(tmp_path)
    with pytest.raises(OutputFolderError, match=problem) as err:
        run(source, out)
    message = str(err.value)
    assert repr(str(Path(out).resolve())) in message          # the output folder is named
    assert str(corpus.resolve()) in message                   # and so is the input
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "elsewhere").exists()


def test_overlap_with_a_file_of_a_list(tmp_path, corpus, seed_path):
    """A list of inputs: the output may not hold any of them."""
    seed_copy = tmp_path / "out" / "seed.txt"
    seed_copy.parent.mkdir()
    seed_copy.write_bytes(seed_path.read_bytes())
    with pytest.raises(OutputFolderError, match="contains the input file"):
        check_no_overlap([corpus, seed_copy], tmp_path / "out")
    check_no_overlap([corpus, seed_path], tmp_path / "features")     # no overlap: no error


# --------------------------------------------------------------------------------------------
# only our own output is ever replaced
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("foreign", [
    {"notes.txt": "My interview notes, not backed up."},
    {"articles/part-00000.parquet": "not ours", "manifest.json": "{}"},
    {MARKER: "something else entirely\n", "features/summary.csv": "a,b\n"},
])
def test_unrelated_folder_refused_and_untouched(tmp_path, corpus, foreign):
    out = tmp_path / "out"
    for rel, text in foreign.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(OutputFolderError, match="not written by build_features") as err:
        run(corpus, out)
    assert repr(str(out.resolve())) in str(err.value)
    assert snapshot(tmp_path) == before
    assert siblings(out) == []


def test_own_output_with_a_foreign_file_refused(tmp_path, corpus, built):
    stray = built.out / "features" / "my_analysis.csv"
    stray.write_text("article_id,coded_frame\n1,economic\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(OutputFolderError, match="my_analysis.csv"):
        run(corpus, built.out, terms=TERMS[:1])
    assert snapshot(tmp_path) == before


def test_second_run_replaces_own_output(tmp_path, corpus, built):
    assert (built.out / MARKER).is_file()
    assert "mentions_nato_narration" in built.read("features").columns
    again = run(corpus, built.out, terms=TERMS[:1])
    assert not again.from_cache
    columns = again.read("features").columns
    assert "mentions_color_revolution_narration" in columns
    assert "mentions_nato_narration" not in columns
    assert again.n_articles == 5 == len(again.read("articles"))
    assert siblings(built.out) == []
    cached = run(corpus, built.out, terms=TERMS[:1])
    assert cached.from_cache and cached.manifest == again.manifest


def test_empty_existing_folder_is_used(tmp_path, corpus):
    out = tmp_path / "out"
    out.mkdir()
    result = run(corpus, out)
    assert result.n_articles == 5 and (out / MARKER).is_file()
    assert siblings(out) == []


@pytest.mark.parametrize("previous", [True, False], ids=["previous output", "first run"])
def test_failed_run_leaves_previous_output(tmp_path, corpus, monkeypatch, previous):
    out = tmp_path / "out"
    if previous:
        run(corpus, out)
    before = snapshot(tmp_path)

    def failing_stage(articles, *, terms, sentiment_engine):
        raise RuntimeError(f"stage failed on {len(articles)} articles")

    monkeypatch.setattr("analysis.features.process_chunk", failing_stage)
    with pytest.raises(RuntimeError, match="stage failed"):
        run(corpus, out, refresh=True)
    assert snapshot(tmp_path) == before
    assert out.exists() == previous
    assert siblings(out) == []


# --------------------------------------------------------------------------------------------
# the cache: keyed on content, parts verified
# --------------------------------------------------------------------------------------------

def test_content_change_with_restored_mtime_recomputes(tmp_path, corpus, built):
    path = corpus / "wikinews.jsonl"
    st = path.stat()
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    text = records[0]["text"]
    assert text[0].isascii() and text[0].isalpha()
    records[0]["text"] = text[0].swapcase() + text[1:]          # same length, new content
    write_jsonl(path, records)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)

    again = run(corpus, built.out)
    assert not again.from_cache
    assert again.manifest["fingerprint"] != built.manifest["fingerprint"]
    assert records[0]["text"] in set(again.read("articles")["text"])
    assert text not in set(again.read("articles")["text"])


@pytest.mark.parametrize("damage", ["truncate", "same size", "remove", "extra part"])
def test_damaged_part_is_recomputed(tmp_path, corpus, built, damage):
    expected = {t: built.read(t) for t in ("articles", "features", "quotes", "mentions")}
    part = built.out / "features" / "part-00000.parquet"
    data = part.read_bytes()
    if damage == "truncate":
        part.write_bytes(data[: len(data) // 2])
    elif damage == "same size":
        middle = len(data) // 2
        part.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:])
    elif damage == "remove":
        part.unlink()
    else:
        part.with_name("part-00099.parquet").write_bytes(data)

    again = run(corpus, built.out)
    assert not again.from_cache
    for table, frame in expected.items():
        pd.testing.assert_frame_equal(again.read(table), frame)
    assert again.manifest["files"] == built.manifest["files"]
    assert run(corpus, built.out).from_cache


def test_manifest_records_every_part(built):
    files = built.manifest["files"]
    parts = sorted(p.relative_to(built.out).as_posix() for p in built.out.rglob("*.parquet"))
    assert sorted(f for f in files if f.endswith(".parquet")) == parts
    assert len(parts) == 4 * built.manifest["n_parts"] == 4 * 3     # 5 articles, chunks of 2
    for rel, meta in files.items():
        data = (built.out / rel).read_bytes()
        assert meta == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


# --------------------------------------------------------------------------------------------
# mixed-type extra fields
# --------------------------------------------------------------------------------------------

def test_mixed_type_extra_field_is_written(tmp_path, wikinews_records):
    records = [dict(rec) for rec in wikinews_records[:4]]
    tags = [["politics", "Russia"], "economy", None, {"section": "world"}]
    for rec, tag in zip(records, tags):
        if tag is not None:
            rec["tags"] = tag
    source = write_jsonl(tmp_path / "in" / "tagged.jsonl", records)
    result = run(source, tmp_path / "out", chunk_size=10)
    assert (result.n_articles, result.manifest["n_rejected"]) == (4, 0)
    articles = result.read("articles")
    assert list(articles["title"]) == [rec["title"] for rec in records]
    written = list(articles["tags"])
    assert "politics" in str(written[0]) and "Russia" in str(written[0])
    assert written[1] == "economy"
    assert pd.isna(written[2])
    assert "world" in str(written[3])
    assert len(result.read("features")) == 4


def test_to_arrow_writable_only_touches_mixed_columns(wikinews_records):
    frame = pd.DataFrame({
        "title": [rec["title"] for rec in wikinews_records[:3]],
        "tags": [["politics", "Russia"], "economy", None],
        "words": [["a", "b"], ["c"], None],
        "read_back": [np.array(["war", "peace"], dtype=object), "Russia", 3],   # from Parquet
    })
    fixed = to_arrow_writable(frame)
    assert list(fixed["title"]) == list(frame["title"])
    assert list(fixed["tags"][:2]) == ['["politics", "Russia"]', "economy"]
    assert fixed["tags"][2] is None
    assert list(fixed["read_back"]) == ['["war", "peace"]', "Russia", "3"]
    assert fixed["words"][0] == ["a", "b"]          # one type throughout: left as it is
    assert frame["tags"][0] == ["politics", "Russia"]   # the input frame is not modified


def test_output_inside_a_glob_root_is_refused_on_the_first_run(tmp_path, wikinews_records):
    corpus = tmp_path / "corpus" / "2019"
    corpus.mkdir(parents=True)
    (corpus / "a.jsonl").write_text(json.dumps({"id": "a", "text": wikinews_records[0]["text"]}),
                                    encoding="utf-8")
    with pytest.raises(OutputFolderError, match="inside the input folder"):
        build_features(str(tmp_path / "corpus" / "**" / "*.jsonl"), out=tmp_path / "corpus" / "features",
                       progress=False)
    assert not (tmp_path / "corpus" / "features").exists()


def test_write_part_stores_a_mixed_column_as_text(tmp_path, wikinews_records):
    """The writer's own guard (the loader already stringifies such fields, so the end-to-end
    test above passes through it without it): a frame whose object column pyarrow cannot
    convert is written, lists and objects as JSON text."""
    from analysis.features import write_part

    frame = pd.DataFrame({"article_id": ["a", "b", "c"],
                          "text": [r["text"] for r in wikinews_records[:3]],
                          "tags": [["politics", "Russia"], "economy", {"section": "world"}]})
    with pytest.raises(Exception):          # what pyarrow does with it unaided
        frame.to_parquet(tmp_path / "plain.parquet", index=False)
    write_part(frame, tmp_path / "t", 0)
    back = pd.read_parquet(tmp_path / "t" / "part-00000.parquet")
    assert back["tags"].tolist() == ['["politics", "Russia"]', "economy", '{"section": "world"}']
    assert back["text"].tolist() == frame["text"].tolist()


def test_output_matched_by_a_one_folder_glob_is_refused(tmp_path, corpus):
    """``corpus/*`` matches a folder ``corpus/features`` once written, and the loader searches a
    matched folder: the output would be read back as input."""
    with pytest.raises(OutputFolderError, match="is inside the input folder"):
        check_no_overlap(str(corpus / "*"), corpus / "features")
    check_no_overlap(str(corpus / "*.jsonl"), corpus / "features")     # never matches it
