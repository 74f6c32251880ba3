"""The report command end to end, on awkward corpora: no outlet or date, HTML in titles."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.report import build_reports, corpus_fingerprint, list_notebooks
from analysis.corpus import load_articles
from analysis.schema import UNKNOWN_GROUP

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


@pytest.fixture(scope="module")
def other_outlet(tmp_path_factory, wikinews_records):
    """A JSONL corpus of two other outlets with the usual columns (id, outlet, date, title,
    text, url): Wikinews articles relabelled, a "color revolution" sentence in some."""
    path = tmp_path_factory.mktemp("other") / "other.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, r in enumerate(wikinews_records[20:44]):
            text = r["text"]
            if i % 3 == 0:
                text += ("\n\nCritics called the protests a so-called color revolution, "
                         "and the minister said the color revolutions had failed.")
            rec = {"id": f"ex-{i}", "outlet": "Example Daily" if i % 2 else "Example Times",
                   "date": r["date"], "title": r["title"], "text": text, "url": r["url"]}
            fh.write(json.dumps(rec) + "\n")
    return path


def test_report_command_on_another_outlet(tmp_path, other_outlet):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "analysis", "report", "--corpus", str(other_outlet),
           "--terms", "color revolution", "NATO", "--compare", "Example Times", "Example Daily",
           "--out", str(out), "--no-code"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "reports written" in done.stdout
    stderr = "\n".join(line for line in done.stderr.replace("\r", "\n").splitlines()
                       if line.strip() and not line.startswith("reports:"))
    assert stderr == ""                                   # no error output, progress bar only
    index = (out / "index.html").read_text(encoding="utf-8")
    for nb in list_notebooks():
        html = (out / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert f'href="{nb.stem}.html"' in index
        assert "from analysis import" not in html          # --no-code hides the code cells
        # charts drawn per term share one CSV with a term column; one CSV per chart otherwise
        # (checked with one term in test_notebooks)
        assert html.count("data:image/png;base64,") >= 1
        assert len(list((out / nb.stem).glob("*.csv"))) >= 3
    keyness = (out / "04_framing_comparison" / "keyness.csv").read_text(encoding="utf-8")
    assert "Example Times" in keyness and "Example Daily" in keyness
    assert "records read</th><td>24</td>" in index


def test_reports_on_bare_corpus_escape_titles(tmp_path, bare_corpus):
    index = build_reports(corpus=bare_corpus, out_dir=tmp_path, progress=False)
    assert index.exists()
    for nb in list_notebooks():
        html = (tmp_path / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert "<script>alert(" not in html, nb.stem
    overview = (tmp_path / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in overview            # the duplicate's title, shown as text
    assert UNKNOWN_GROUP in overview                       # the articles without an outlet
    assert UNKNOWN_GROUP in (tmp_path / "01_corpus_overview" / "articles_per_outlet.csv").read_text("utf-8")


def test_fingerprint_changes_with_text(small_corpus):
    articles = load_articles(small_corpus)
    changed = articles.copy()
    changed.loc[0, "text"] += " "
    assert corpus_fingerprint(articles) == corpus_fingerprint(articles.copy())
    assert corpus_fingerprint(articles) != corpus_fingerprint(changed)


def test_unknown_notebook_name():
    with pytest.raises(ValueError, match="unknown notebook"):
        list_notebooks(["99_nothing"])
