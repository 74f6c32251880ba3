"""The pages readers open: evidence tables, findings in words, paths, code hidden by default."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.pages.evidence import evidence_html, safe_url
from analysis.pages.paths import display_path, redact_paths
from analysis.report import build_reports, list_notebooks

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture()
def seed_rows(seed_articles):
    """The seed's first three Shoigu quotes as evidence rows."""
    from analysis.quotes import extract_quotes

    quotes = extract_quotes(seed_articles)
    return quotes[quotes["speaker"] == "Sergei Shoigu"].head(3)


def test_evidence_table_names_the_article_and_links_the_csv(seed_articles, seed_rows):
    articles = seed_articles.assign(url="https://sputniknews.com/military/201704251052966797/")
    html = evidence_html(seed_rows, articles=articles, columns=["speaker", "cue", "quote"],
                         caption="What Shoigu said", csv=Path("03_quote_share/speaker_evidence.csv"))
    assert html.count("<tr>") == 1 + 3
    assert '<a href="https://sputniknews.com/military/201704251052966797/">Russia, Serbia Confirm' in html
    assert "Sputnik · 2017-04-25" in html
    assert 'href="03_quote_share/speaker_evidence.csv"' in html and "3 of 3 rows" in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", None, ""])
def test_evidence_links_only_web_addresses(seed_articles, seed_rows, url):
    articles = seed_articles.assign(url=url, title=SCRIPT)
    html = evidence_html(seed_rows.assign(quote=SCRIPT), articles=articles, columns=["quote"],
                         caption=SCRIPT)
    assert safe_url(url) is None
    assert "<script>" not in html and html.count("&lt;script&gt;") == 1 + 3 + 3   # caption, quotes, titles
    assert "<a href" not in html


@pytest.mark.parametrize("path, shown", [
    (config.PROJECT_ROOT / "data" / "raw", "data/raw"),
    ("data/raw/seed", "data/raw/seed"),
    ("/srv/leaks/corpus.jsonl", "…/corpus.jsonl"),
    (Path.home() / "leaks", "…/leaks"),
])
def test_display_path_is_never_absolute(path, shown, monkeypatch):
    monkeypatch.chdir(config.PROJECT_ROOT)     # a relative path is read from the current folder
    assert display_path(path) == shown


def test_redact_paths_in_a_page():
    page = (f"<p>{config.PROJECT_ROOT}/data/raw/x.txt</p><p>{sys.prefix}/lib/site.py</p>"
            "<p>/srv/out/01_corpus_overview/a.csv and /srv/output</p><p>/srv/c&lt;b&gt;/x</p>")
    html = redact_paths(page, {config.PROJECT_ROOT: "", "/srv/out": "", "/srv/c<b>": "…/c<b>"}, html=True)
    assert html == ("<p>data/raw/x.txt</p><p>[python]/lib/site.py</p>"
                    "<p>01_corpus_overview/a.csv and /srv/output</p><p>…/c&lt;b&gt;/x</p>")


def test_redact_paths_leaves_web_addresses_and_longer_paths_alone():
    home = str(Path.home())
    page = f'<a href="https://example.com{home}/story">x</a> {home}/notes.txt /srv/outer{home}'
    assert redact_paths(page, {}, html=True) == (f'<a href="https://example.com{home}/story">x</a> '
                                                 f"~/notes.txt /srv/outer{home}")


def test_redact_paths_finds_folders_escaped_by_jinja(tmp_path):
    from markupsafe import escape

    folder = tmp_path / "o'neil"
    assert redact_paths(str(escape(f"{folder}/x.csv")), {folder: "…/o'neil"}, html=True) == "…/o&#x27;neil/x.csv"


def test_findings_read_only_this_runs_csvs(tmp_path):
    from analysis.pages.findings import findings_for

    folder = tmp_path / "04_framing_comparison"
    folder.mkdir()
    pd.DataFrame({"term": ["shoigu"], "z": [-3.0], "group": ["Sputnik"]}).to_csv(folder / "keyness.csv", index=False)
    pd.DataFrame({"outlet": ["Sputnik"], "frame": ["security_and_defense"], "per_1000_words": [59.3],
                  "share": [0.41], "n_articles": [1]}).to_csv(folder / "frame_profile.csv", index=False)
    everything = findings_for("04_framing_comparison", folder)
    assert everything[0] == "Most typical of Sputnik: shoigu."
    this_run = findings_for("04_framing_comparison", folder, files=["frame_profile.csv"])   # keyness.csv is stale
    assert this_run == ["Sputnik (1 article): leading frame security and defense (41% of its frame words, "
                        "59.3 per 1,000 words)."]


def test_typical_phrases_name_each_thing_once():
    from analysis.pages.findings import distinct_phrases

    ranked = ["image nicholas", "image nicholas moreau", "moreau", "nicholas", "nicholas moreau", "emergency",
              "state of emergency", "said"]
    assert distinct_phrases(ranked, n=3) == ["image nicholas", "moreau", "emergency"]


def test_an_unreadable_csv_is_a_note_not_a_missing_index(tmp_path):
    from analysis.pages.index import render_index

    folder = tmp_path / "02_term_sentiment"
    folder.mkdir()
    (folder / "terms_found.csv").write_text("no header here\n", encoding="utf-8")
    (folder / "mentions.csv").write_text("article_id\n", encoding="utf-8")
    html = render_index([{"notebook": "02_term_sentiment", "title": "02", "folder": folder,
                          "csv": ["terms_found.csv", "mentions.csv"]}],
                        provenance={}, rejects=[], rejects_csv="rejects.csv", max_rejects=10,
                        corpus_line="", version="0")
    assert "Key figures not written: the CSV files in 02_term_sentiment/ could not be read (KeyError" in html


def test_published_csvs_hold_no_machine_path(tmp_path, wikinews_records):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(json.dumps(wikinews_records[0]) + "\n" + '{"title": "no text"}\n',
                                    encoding="utf-8")
    out = tmp_path / "out"
    build_reports(corpus=corpus, out_dir=out, notebooks=["01_corpus_overview"], progress=False)
    for csv in [out / "rejects.csv", out / "01_corpus_overview" / "rejects.csv"]:
        text = csv.read_text(encoding="utf-8")
        assert "…/corpus/a.jsonl" in text and str(tmp_path) not in text


def test_index_leads_with_findings_and_thumbnails(built_small, index_section):
    out, index = built_small
    assert index.index('<section class="report"') < index.index("<h2>Provenance</h2>")
    assert "13 articles from 2 outlets: Wikinews (en) 12, Sputnik 1." in index
    assert "Dated articles: 2017-04 to " in index
    assert "Sputnik: Sergei Shoigu holds" in index_section(index, "03_quote_share")
    assert "“color revolution”: 2 mentions in 1 article, 2 attributed (most by Sergei Shoigu 2)" in index
    for nb in list_notebooks():
        assert (out / nb.stem / "key_chart.png").stat().st_size < 100_000
        assert f'<img src="{nb.stem}/key_chart.png" alt="Key chart of ' in index_section(index, nb.stem)


def test_notes_reach_the_index(built_small, index_section):
    _, index = built_small
    section = index_section(index, "04_framing_comparison")     # the seed's mentions are not in scare quotes
    assert ('<p class="notes">No scare quotes: no mention of the terms is in scare quotes or after '
            "“so-called”.</p>") in section
    assert '<p class="notes">' not in index_section(index, "01_corpus_overview")


def test_reports_for_readers_have_no_code_and_no_machine_paths(built_small, small_corpus):
    out, index = built_small
    for page in [index, *((out / f"{nb.stem}.html").read_text(encoding="utf-8") for nb in list_notebooks())]:
        assert "hl-ipython3" not in page and "celltag_parameters" not in page
        for folder in (out, small_corpus, config.PROJECT_ROOT, Path(sys.prefix), Path.home()):
            assert str(folder) not in page


def test_with_code_keeps_the_code_but_no_machine_paths(tmp_path, seed_path):
    out = tmp_path / "out"
    build_reports(corpus=seed_path, out_dir=out, with_code=True, notebooks=["01_corpus_overview"],
                  progress=False)
    html = (out / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "hl-ipython3" in html and "celltag_injected-parameters" in html
    for folder in (out, tmp_path, config.PROJECT_ROOT, Path(sys.prefix)):
        assert str(folder) not in html and str(folder) not in (out / "index.html").read_text("utf-8")


def test_with_code_and_no_code_contradict(tmp_path):
    from analysis.report import ReportError

    with pytest.raises(ReportError, match="contradict"):
        build_reports(out_dir=tmp_path, with_code=True, no_code=True, progress=False)


def test_list_articles_largest_outlet_first(small_corpus):
    from analysis.corpus import list_articles, load_articles

    listing = list_articles(load_articles(small_corpus))
    assert listing.columns.tolist() == ["article_id", "outlet", "date", "title", "url", "n_words"]
    assert listing["outlet"].tolist() == ["Wikinews (en)"] * 12 + ["Sputnik"]
    dates = listing["date"].iloc[:12]
    assert dates.is_monotonic_decreasing


def test_keyness_evidence_lines_come_from_their_group(small_corpus):
    from analysis import framing
    from analysis.corpus import load_articles

    articles = load_articles(small_corpus)
    lines = framing.keyness_evidence(articles, framing.keyness(articles), n_terms=2, per_term=3)
    assert set(lines["group"]) <= {"Sputnik", "Wikinews (en)"} and len(lines) > 0
    outlet = dict(zip(articles["article_id"], articles["outlet"]))
    assert all(outlet[a] == g for a, g in zip(lines["article_id"], lines["group"]))
    assert all(m.lower() == t for m, t in zip(lines["match"], lines["term"]) if " " not in t)
