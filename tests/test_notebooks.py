"""Every report notebook executed: through the report command on a small two-outlet corpus,
and as a user runs it (``jupyter nbconvert --execute`` from another folder)."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from analysis import config
from analysis.report import list_notebooks

NOTEBOOKS = list_notebooks()


@pytest.fixture(scope="module")
def built(built_small):
    return built_small


def test_there_are_notebooks():
    assert [p.stem for p in NOTEBOOKS][:1] == ["01_corpus_overview"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_committed_without_outputs(notebook):
    nb = nbformat.read(str(notebook), as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count")
               for c in nb.cells if c.cell_type == "code")
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and nb.cells.index(params[0]) <= 2


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_report_per_notebook(built, notebook):
    out, index = built
    html = (out / f"{notebook.stem}.html").read_text(encoding="utf-8")
    assert f'href="{notebook.stem}.html"' in index
    assert "Traceback" not in html
    n_images = html.count("data:image/png;base64,")
    csvs = sorted((out / notebook.stem).glob("*.csv"))
    assert n_images >= 1
    assert len(csvs) >= n_images     # a CSV behind every chart


def test_index_provenance(built, small_corpus):
    _, index = built
    assert f"…/{small_corpus.name}" in index and str(small_corpus) not in index   # no machine path
    assert "records read</th><td>13</td>" in index
    assert re.search(r"corpus fingerprint[^<]*</th><td>[0-9a-f]{16}</td>", index)


def test_corpus_overview_figures(built):
    out, _ = built
    import pandas as pd

    by_outlet = pd.read_csv(out / "01_corpus_overview" / "articles_per_outlet.csv")
    assert dict(zip(by_outlet["outlet"], by_outlet["n_articles"])) == {"Wikinews (en)": 12,
                                                                       "Sputnik": 1}


def test_nbconvert_from_another_folder(tmp_path):
    """The way a user reruns one report: nbconvert with the default parameters, from elsewhere."""
    nb = config.NOTEBOOKS_DIR / "01_corpus_overview.ipynb"
    cmd = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute",
           str(nb), "--output-dir", str(tmp_path)]
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    html = (tmp_path / "01_corpus_overview.html").read_text(encoding="utf-8")
    assert "records read: 296" in html
