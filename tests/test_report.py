"""The report command end to end, on awkward corpora: no outlet or date, HTML in titles."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.report import build_reports, corpus_fingerprint, list_notebooks
from analysis.corpus import load_articles

SCRIPT_TITLE = "<script>alert('x')</script> Minister speaks"


@pytest.fixture(scope="module")
def bare_corpus(tmp_path_factory, wikinews_records):
    """Text and title only (no id, outlet, date or url); two exact duplicates, one titled with
    a <script> tag."""
    folder = tmp_path_factory.mktemp("bare")
    recs = [{"title": r["title"], "text": r["text"]} for r in wikinews_records[:6]]
    recs.append({"title": SCRIPT_TITLE, "text": recs[0]["text"]})
    (folder / "bare.jsonl").write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    return folder


def test_report_command_end_to_end(tmp_path, small_corpus):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "analysis", "report", "--corpus", str(small_corpus),
           "--out", str(out), "--notebooks", "01_corpus_overview", "--no-code"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "reports written" in done.stdout
    assert "Traceback" not in done.stderr and "WARNING" not in done.stderr
    html = (out / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "from analysis import" not in html            # --no-code hides the code cells
    assert (out / "index.html").exists()


def test_reports_on_bare_corpus_escape_titles(tmp_path, bare_corpus):
    index = build_reports(corpus=bare_corpus, out_dir=tmp_path, progress=False)
    assert index.exists()
    for nb in list_notebooks():
        html = (tmp_path / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "<script>alert(" not in html, nb.stem
    overview = (tmp_path / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in overview            # the duplicate's title, shown as text
    assert "(outlet unknown)" in overview


def test_fingerprint_changes_with_text(small_corpus):
    articles = load_articles(small_corpus)
    changed = articles.copy()
    changed.loc[0, "text"] += " "
    assert corpus_fingerprint(articles) == corpus_fingerprint(articles.copy())
    assert corpus_fingerprint(articles) != corpus_fingerprint(changed)


def test_unknown_notebook_name():
    with pytest.raises(ValueError, match="unknown notebook"):
        list_notebooks(["99_nothing"])
