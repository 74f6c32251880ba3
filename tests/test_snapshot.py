"""The refactoring snapshot (analysis.evaluation.snapshot): two snapshots of the same code compare
equal, a changed file is reported, and a file on one side only is reported."""

from __future__ import annotations

import pytest

from analysis import config
from analysis.evaluation.snapshot import compare_snapshots, main, write_snapshot


@pytest.fixture(scope="module")
def two_snapshots(tmp_path_factory):
    root = tmp_path_factory.mktemp("snap")
    no_gold = root / "no-gold"          # gold files missing: only the corpus outputs are written
    no_gold.mkdir()
    corpus = config.RAW_DIR / "seed"
    a = write_snapshot(root / "a", gold_dir=no_gold, corpus=corpus, report=False)
    b = write_snapshot(root / "b", gold_dir=no_gold, corpus=corpus, report=False)
    return a, b


def test_the_same_code_gives_the_same_snapshot(two_snapshots):
    a, b = two_snapshots
    result = compare_snapshots(a, b)
    assert sorted(result["same"]) == ["articles.csv", "mentions.csv"]
    assert result["differ"] == result["only_a"] == result["only_b"] == []
    assert main(["compare", str(a), str(b)]) == 0


def test_a_changed_or_missing_file_is_reported(two_snapshots, tmp_path, capsys):
    a, b = two_snapshots
    changed = tmp_path / "changed"
    changed.mkdir()
    text = (b / "articles.csv").read_text(encoding="utf-8")
    (changed / "articles.csv").write_text(text.replace("Shoigu", "Shoygu", 1), encoding="utf-8")
    result = compare_snapshots(a, changed)
    assert result["differ"] == ["articles.csv"]
    assert result["only_a"] == ["mentions.csv"]
    assert main(["compare", str(a), str(changed)]) == 1
    assert "differ: articles.csv" in capsys.readouterr().out
