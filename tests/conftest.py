"""Shared fixtures: the real seed article, the embedded corpus and small realistic corpora."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import config
from analysis.corpus import load_articles

SEED_FILE = config.RAW_DIR / "seed" / "000_ef8f72d60f8827d6.txt"
WIKINEWS_FILE = config.RAW_DIR / "wikinews" / "wikinews.jsonl"


@pytest.fixture()
def head_of(tmp_path):
    """``head_of(path, n, name)``: the file ``tmp_path / name`` holding the first ``n`` lines of
    ``path`` (a small sample of a gold or training file)."""
    def write(path: Path, n: int, name: str) -> Path:
        out = tmp_path / name
        with open(path, encoding="utf-8") as fh:
            out.write_text("".join(itertools.islice(fh, n)), encoding="utf-8")
        return out
    return write


@pytest.fixture(scope="session")
def index_section():
    """``index_section(index_html, notebook)``: the part of a report index about one report
    (its thumbnail, figures, notes and links)."""
    def section(index: str, notebook: str) -> str:
        return index.split(f'<section class="report" id="{notebook}">')[1].split("</section>")[0]
    return section


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED_FILE


@pytest.fixture(scope="session")
def seed_article(seed_path):
    """The seed article as one row of the articles table."""
    return load_articles(seed_path).iloc[0]


@pytest.fixture(scope="session")
def seed_articles(seed_path):
    """The seed article as a one-row articles table."""
    return load_articles(seed_path)


@pytest.fixture(scope="session")
def wikinews_records() -> list[dict]:
    with open(WIKINEWS_FILE, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory, wikinews_records) -> Path:
    """A small two-outlet corpus folder: the seed page (Sputnik) and 12 Wikinews articles."""
    folder = tmp_path_factory.mktemp("small_corpus")
    (folder / "seed.txt").write_bytes(SEED_FILE.read_bytes())
    with open(folder / "wikinews.jsonl", "w", encoding="utf-8") as fh:
        for rec in wikinews_records[:12]:
            fh.write(json.dumps(rec) + "\n")
    return folder


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
def two_outlet_reports(tmp_path_factory, other_outlet):
    """``(out, completed process)``: the report command, as a user types it, on the two-outlet
    JSONL corpus ``other_outlet`` with two terms and the two outlets compared."""
    out = tmp_path_factory.mktemp("two_outlets") / "out"
    cmd = [sys.executable, "-m", "analysis", "report", "--corpus", str(other_outlet),
           "--terms", "color revolution", "NATO", "--compare", "Example Times", "Example Daily",
           "--out", str(out)]
    return out, subprocess.run(cmd, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def embedded_reports(tmp_path_factory):
    """The reports of ``make report`` (the embedded corpus, default options), in a folder of
    the test's own."""
    from analysis.report import build_reports

    out = tmp_path_factory.mktemp("embedded") / "reports"
    build_reports(out_dir=out, progress=False)
    return out


@pytest.fixture(scope="session")
def built_small(tmp_path_factory, small_corpus):
    """``(out, index html)``: every report on ``small_corpus`` (the seed and 12 Wikinews
    articles), default options."""
    from analysis.report import build_reports

    out = tmp_path_factory.mktemp("reports")
    index = build_reports(corpus=small_corpus, out_dir=out, progress=False)
    return out, index.read_text(encoding="utf-8")
