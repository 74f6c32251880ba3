"""The report command end to end, on awkward corpora: no outlet or date, HTML in titles."""

from __future__ import annotations

import json

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


def test_report_command_on_another_outlet(two_outlet_reports, index_section):
    out, done = two_outlet_reports
    assert done.returncode == 0, done.stderr[-3000:]
    assert "reports written" in done.stdout
    stderr = "\n".join(line for line in done.stderr.replace("\r", "\n").splitlines()
                       if line.strip() and not line.startswith("reports:"))
    assert stderr == ""                                   # no error output, progress bar only
    index = (out / "index.html").read_text(encoding="utf-8")
    for nb in list_notebooks():
        html = (out / f"{nb.stem}.html").read_text(encoding="utf-8")
        assert f'href="{nb.stem}.html"' in index
        assert "hl-ipython3" not in html and "injected-parameters" not in html  # no code by default
        # charts drawn per term share one CSV with a term column; one CSV per chart otherwise
        # (checked with one term in test_notebooks)
        assert html.count("data:image/png;base64,") >= 1
        assert len(list((out / nb.stem).glob("*.csv"))) >= 3
        # the index: the key chart as a thumbnail, and the key figures in words
        assert f'src="{nb.stem}/key_chart.png"' in index_section(index, nb.stem)
        assert '<ul class="findings">' in index_section(index, nb.stem), nb.stem
    keyness = (out / "04_framing_comparison" / "keyness.csv").read_text(encoding="utf-8")
    assert "Example Times" in keyness and "Example Daily" in keyness
    assert "records read</th><td>24</td>" in index
    assert "24 articles from 2 outlets: Example Times 12, Example Daily 12." in index
    assert "“color revolution”: 16 mentions in 8 articles" in index
    quotes = index_section(index, "03_quote_share")
    assert "Example Times: " in quotes and "Example Daily: " in quotes and "of quoted words" in quotes


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
