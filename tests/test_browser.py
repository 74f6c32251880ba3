"""The report pages in a real browser (headless Chromium), as a reader opens them: no console
error, no broken link or image, nothing wider than the window, no text out of a table.

Needs Debian's chromium and chromium-driver (``.ci/run`` installs them) and selenium (the dev
extra). Without them the tests are skipped, except in CI (``CI`` set), where they fail: the
check must not silently stop running. Screenshots of every page are copied under
``reports/_screenshots/`` for a person to look at."""

from __future__ import annotations

import os
import shutil

import pytest

from analysis import config
from analysis.pages.browser import browser_available, check_pages

MISSING = browser_available()
if MISSING and os.environ.get("CI"):
    raise RuntimeError(f"the browser check cannot run in CI: {MISSING} (.ci/run installs them)")
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"browser check: {MISSING}")


def _keep_screenshots(out, name):
    target = config.REPORTS_DIR / "_screenshots" / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(out / "_screenshots", target)


@pytest.mark.parametrize("run", ["embedded_reports", "two_outlet_reports"])
def test_every_page_passes_the_browser_check(request, run):
    found = request.getfixturevalue(run)
    out = found[0] if isinstance(found, tuple) else found
    assert not isinstance(found, tuple) or found[1].returncode == 0, found[1].stderr[-2000:]
    results = check_pages(out)
    assert [r.page for r in results] == ["index.html", "01_corpus_overview.html", "02_term_sentiment.html",
                                         "03_quote_share.html", "04_framing_comparison.html"]
    assert {r.page: r.problems for r in results if r.problems} == {}
    assert all(r.screenshot.stat().st_size > 10_000 for r in results)
    _keep_screenshots(out, run)


@pytest.fixture()
def broken_copy(embedded_reports, tmp_path):
    """A copy of the embedded reports, to break on purpose."""
    copy = tmp_path / "reports"
    shutil.copytree(embedded_reports, copy)
    return copy


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("breakage, page, old, new, problem", [
    ("thumbnail missing", "index.html", 'src="01_corpus_overview/key_chart.png"',
     'src="01_corpus_overview/no_chart.png"', "broken image: 01_corpus_overview/no_chart.png"),
    ("CSV link broken", "index.html", 'href="03_quote_share/quotes.csv"',
     'href="03_quote_share/no_quotes.csv"', "broken link: 03_quote_share/no_quotes.csv"),
    ("chart image corrupt", "03_quote_share.html", 'src="data:image/png;base64,',
     'src="data:image/png;base64,AAAA', "broken image: data:image/png;base64,AAAA"),
    ("report link broken", "index.html", 'href="02_term_sentiment.html"', 'href="02_term_sentimnt.html"',
     "broken link: 02_term_sentimnt.html"),
    ("console error", "index.html", "</body>", "<script>console.error('boom')</script></body>", "console error"),
    ("page too wide", "index.html", "</body>", '<div style="width:3000px">wide</div></body>',
     "page wider than the window"),
    ("text out of a cell", "index.html", "</body>",
     '<table style="table-layout:fixed;width:200px"><tr><td style="white-space:nowrap;overflow:hidden">'
     + "x" * 200 + "</td></tr></table></body>", "text overflows 1 table cell"),
])
def test_a_broken_page_fails_the_check(broken_copy, breakage, page, old, new, problem):
    _edit(broken_copy / page, old, new)
    results = {r.page: r.problems for r in check_pages(broken_copy, screenshots=False)}
    assert any(p.startswith(problem) for p in results[page]), (breakage, results[page])
    assert not any(results[p] for p in results if p != page)
