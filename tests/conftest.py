"""Shared fixtures: the real seed article, the embedded corpus and small realistic corpora."""

from __future__ import annotations

import itertools
import json
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
