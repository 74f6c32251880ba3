"""The report command on hostile and tiny corpora: markup, links, formulas and template syntax in
every field and option are shown as text; a corpus of one, two or no articles gives every report
(with notes where a chart cannot be drawn); a failing notebook is listed, not fatal."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import nbformat
import pytest

from analysis import config
from analysis.__main__ import main
from analysis.report import list_notebooks, note_html

IMG = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(2))"
SCRIPT = "<script>alert(3)</script>"
MATH = "$x^2$"
TEMPLATE = "{{7*7}}"
HOSTILE = (IMG, LINK, SCRIPT, MATH, TEMPLATE)
BROKEN_MATH = "US$5 \\frac{ and $"     # mathtext cannot parse it: charts must draw it as text
LIVE = ("<img src=x onerror", "<script>alert(", 'href="javascript:')
NOTEBOOKS = [nb.stem for nb in list_notebooks()]


def report_pages(out) -> dict[str, str]:
    """The index and every report page of an output folder, by name."""
    pages = {"index": (out / "index.html").read_text(encoding="utf-8")}
    for name in NOTEBOOKS:
        pages[name] = (out / f"{name}.html").read_text(encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory, wikinews_records):
    """A folder named with hostile values holding Wikinews articles whose id, outlet, title,
    text and url each carry one; two outlets (the image tag and the link) and a rejected
    record whose title is a script."""
    folder = tmp_path_factory.mktemp("hostile") / f"corpus {IMG} {MATH} {TEMPLATE}"
    folder.mkdir()
    rows = []
    for i, rec in enumerate(wikinews_records[:10]):
        value = HOSTILE[i % len(HOSTILE)]
        rows.append({"id": f"{value}-{i}", "outlet": (IMG, LINK)[i % 2], "date": rec["date"],
                     "title": f"{value} {rec['title']}",
                     "text": (f"{rec['text']}\n\nCritics called it {value}, a so-called "
                              f"color revolution; {value} said the color revolution failed."),
                     "url": f"javascript:alert(2)//{i}"})
    (folder / "articles.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n",
                                           encoding="utf-8")
    (folder / "bad.jsonl").write_text(json.dumps({"title": SCRIPT}) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, hostile_corpus):
    """The report command on the hostile corpus, with hostile terms (each in chart titles) and
    outlets to compare."""
    out = tmp_path_factory.mktemp("hostile_reports")
    cmd = [sys.executable, "-m", "analysis", "report", "--corpus", str(hostile_corpus),
           "--terms", *HOSTILE, "color revolution", BROKEN_MATH, "--compare", IMG, LINK,
           "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    return done, out


def test_hostile_run_succeeds(hostile_run):
    done, _ = hostile_run
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.parametrize("page", ["index", *NOTEBOOKS])
def test_hostile_values_are_never_live(hostile_run, page):
    _, out = hostile_run
    html = report_pages(out)[page]
    for live in LIVE:
        assert live not in html, (page, live)
    assert "mathjax" not in html.lower()          # $x^2$ is not typeset as a formula
    assert "&lt;img src=x onerror=alert(1)&gt;" in html   # the corpus path, at least


def test_hostile_values_shown_as_text(hostile_run):
    _, out = hostile_run
    pages = report_pages(out)
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in pages["index"]     # rejected record
    assert LINK in pages["index"] and MATH in pages["index"] and TEMPLATE in pages["index"]
    overview = pages["01_corpus_overview"]
    assert overview.count("&lt;img src=x onerror=alert(1)&gt;") >= 2    # outlet in tables
    by_outlet = (out / "01_corpus_overview" / "articles_per_outlet.csv").read_text("utf-8")
    assert IMG in by_outlet and LINK in by_outlet                        # CSVs keep raw values
    keyness = (out / "04_framing_comparison" / "keyness.csv").read_text("utf-8")
    assert IMG in keyness and LINK in keyness


def test_note_is_escaped_text():
    html = note_html(f"group {IMG} {LINK} {SCRIPT} {MATH}", prefix="No <b>keyness</b>")
    for live in ("<img", "<script", "<b>"):
        assert live not in html
    assert html.startswith('<p class="tex2jax_ignore"><strong>No &lt;b&gt;keyness&lt;/b&gt;:')
    assert LINK in html                       # plain text: no Markdown turns it into a link


def tiny_corpus(folder, seed_path, records):
    folder.mkdir()
    shutil.copy(seed_path, folder / "seed.txt")
    if records:
        (folder / "wikinews.jsonl").write_text(
            "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=[0, 1], ids=["1-article", "2-articles"])
def tiny_run(request, tmp_path_factory, seed_path, wikinews_records):
    """The reports on the seed article alone, and on the seed and one Wikinews article."""
    from analysis.report import build_reports

    root = tmp_path_factory.mktemp("tiny")
    corpus = tiny_corpus(root / "corpus", seed_path, wikinews_records[:request.param])
    build_reports(corpus=corpus, out_dir=root / "out", progress=False)   # raises if one fails
    return request.param + 1, root / "out"


def test_tiny_corpus_every_report(tiny_run, index_section):
    n_articles, out = tiny_run
    pages = report_pages(out)
    assert f"articles loaded</th><td>{n_articles}</td>" in pages["index"]
    for name in NOTEBOOKS:
        assert "Traceback" not in pages[name], name
        assert "This report failed" not in index_section(pages["index"], name)
    comparison = pages["04_framing_comparison"]
    assert "<strong>No frame discovery:</strong>" in comparison      # NMF needs more articles
    if n_articles == 1:
        assert "<strong>No keyness comparison:</strong>" in comparison
        assert "found 1" in comparison
    else:
        assert (out / "04_framing_comparison" / "keyness.csv").exists()


@pytest.fixture(scope="module")
def empty_with_broken(tmp_path_factory):
    """The report command (in this process) on a corpus whose only record is rejected, with
    the four notebooks and one that always fails, in a notebooks folder of their own."""
    root = tmp_path_factory.mktemp("empty")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "bad.jsonl").write_text(json.dumps({"title": SCRIPT}) + "\n", encoding="utf-8")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    for nb in list_notebooks():
        shutil.copy(nb, notebooks / nb.name)
    broken = nbformat.v4.new_notebook()
    broken.cells = [nbformat.v4.new_code_cell(f"raise RuntimeError({SCRIPT!r})")]
    broken.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
    nbformat.write(broken, str(notebooks / "05_broken.ipynb"))
    return root, corpus, notebooks


def test_failed_notebook_is_listed_and_others_written(empty_with_broken, monkeypatch, capsys,
                                                      index_section):
    root, corpus, notebooks = empty_with_broken
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", notebooks)
    out = root / "out"
    code = main(["report", "--corpus", str(corpus), "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[-1].startswith("error: 1 notebook(s) failed: 05_broken;")
    index = (out / "index.html").read_text(encoding="utf-8")
    item = index_section(index, "05_broken")
    assert "<strong>This report failed:</strong>" in item
    assert "RuntimeError: &lt;script&gt;alert(3)&lt;/script&gt;" in item
    assert "<script>alert(" not in index
    assert "Rejected records (1)" in index and "articles loaded</th><td>0</td>" in index
    for name in NOTEBOOKS:                       # the empty corpus: notes, every report
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "<strong>Empty corpus:</strong>" in html, name
        assert f'href="{name}.html"' in index_section(index, name), name
    broken = (out / "05_broken.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in broken


# --------------------------------------------------------------------------------------------
# options checked before anything runs: one line on stderr, exit code 2, nothing written
# --------------------------------------------------------------------------------------------

@pytest.fixture
def folder_corpus(tmp_path, seed_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_path, corpus / "seed.txt")
    return corpus


@pytest.mark.parametrize("where, message", [
    ("inside", "is inside the corpus folder"),
    ("same", "is inside the corpus folder"),
    ("around", "is inside the output folder"),
])
def test_out_and_corpus_must_not_overlap(folder_corpus, capsys, where, message):
    out = {"inside": folder_corpus / "reports", "same": folder_corpus,
           "around": folder_corpus.parent}[where]
    before = sorted(folder_corpus.parent.rglob("*"))
    code = main(["report", "--corpus", str(folder_corpus / "seed.txt" if where == "around"
                                           else folder_corpus), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert sorted(folder_corpus.parent.rglob("*")) == before      # nothing written


@pytest.mark.parametrize("pattern, out, refused", [
    ("corpus/**/*.txt", "corpus/out", True),      # a recursive glob would read the reports
    ("corpus/*/*.txt", "corpus/out", True),
    ("corpus/*.txt", "corpus", True),             # *.html would match index.html
    ("corpus/*.txt", "corpus/out", False),        # reads no subfolder
    ("corpus/*", "corpus/out", True),             # matches the folder out/, which is searched
    ("corpus/*.txt", "elsewhere", False),
    ("corpus/seed.txt", "corpus/out", False),     # one file: the folder is not read
])
def test_out_and_globs(folder_corpus, monkeypatch, pattern, out, refused):
    from analysis.report import ReportError, check_output_location

    monkeypatch.chdir(folder_corpus.parent)
    if refused:
        with pytest.raises(ReportError, match="is inside the corpus folder"):
            check_output_location(out, [pattern])
    else:
        check_output_location(out, [pattern])


@pytest.mark.parametrize("argv, message", [
    (["--terms", ""], "--terms: empty term"),
    (["--terms", "NATO", "  "], "--terms: empty term"),
    (["--compare", "A", ""], "--compare needs two non-empty outlet names"),
    (["--notebooks", "99_nothing"], "unknown notebook"),
    (["--corpus", "no/such/folder"], "no such file or folder"),
])
def test_bad_options_one_line(tmp_path, capsys, argv, message):
    out = tmp_path / "out"
    code = main(["report", *argv, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert "Traceback" not in err and not out.exists()


def test_debug_shows_the_exception(tmp_path):
    with pytest.raises(ValueError, match="empty term"):
        main(["--debug", "report", "--terms", "", "--out", str(tmp_path / "out")])


def test_bad_record_with_errors_raise_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad\x1b[31m.jsonl"            # a terminal escape in the file name
    bad.write_text('{"title": "no text"}\n', encoding="utf-8")
    code = main(["load", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"error: {tmp_path}/bad\\x1b[31m.jsonl")
    assert "no text field" in err and err.count("\n") == 1 and "\x1b" not in err


def test_every_rejected_record_is_in_rejects_csv(hostile_run):
    _, out = hostile_run
    rejects = (out / "rejects.csv").read_text(encoding="utf-8")
    assert "bad.jsonl" in rejects and "no text field" in rejects
    assert 'href="rejects.csv"' in report_pages(out)["index"]


def test_index_lists_the_first_rejects_and_links_them_all(seed_articles):
    from analysis.report import MAX_REJECTS_SHOWN, render_index

    articles = seed_articles.copy()
    articles.attrs = {"records_read": 1 + MAX_REJECTS_SHOWN + 50,
                      "rejects": [{"source": "export.jsonl", "record": i, "reason": "invalid JSON"}
                                  for i in range(MAX_REJECTS_SHOWN + 50)]}
    html = render_index([], articles=articles, corpus="export.jsonl", parameters={})
    assert html.count("<td>invalid JSON</td>") == MAX_REJECTS_SHOWN
    assert f"all {MAX_REJECTS_SHOWN + 50} are in" in html and 'href="rejects.csv"' in html
