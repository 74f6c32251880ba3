"""build_features: per-article table on the seed, pandas and Dask engines identical, caching."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.features import build_features, term_slug

TERMS = ["color revolution", "NATO"]


@pytest.fixture(scope="module")
def pandas_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("features_pandas")
    return build_features(config.DEFAULT_CORPUS, terms=TERMS, out=out, chunk_size=100,
                          progress=False)


def test_seed_row(pandas_run):
    features = pandas_run.read("features").set_index("article_id")
    seed = features[features["outlet"] == "Sputnik"].iloc[0]
    assert seed["top_speaker"] == "Sergei Shoigu"
    assert seed["n_direct"] == 3
    assert seed["mentions_color_revolution_attributed"] == 2
    assert seed["mentions_color_revolution_narration"] == 0
    assert seed["polarity_color_revolution_attributed"] < 0
    assert seed["dominant_frame"] == "security_and_defense"
    assert seed["n_words"] == 354


def test_tables_and_manifest(pandas_run):
    m = pandas_run.manifest
    assert (m["n_articles"], m["n_rejected"], m["n_parts"]) == (296, 0, 3)
    assert len(pandas_run.read("articles")) == 296
    quotes = pandas_run.read("quotes")
    features = pandas_run.read("features")
    assert features["n_quotes"].sum() == len(quotes)
    mentions = pandas_run.read("mentions")
    for term in TERMS:
        slug = term_slug(term)
        n = features[f"mentions_{slug}_narration"].sum() + features[f"mentions_{slug}_attributed"].sum()
        assert n == (mentions["term"] == term).sum()


def test_dask_engine_identical(pandas_run, tmp_path):
    pytest.importorskip("distributed")
    dask_run = build_features(config.DEFAULT_CORPUS, terms=TERMS, out=tmp_path, chunk_size=100,
                              engine="dask", n_workers=2, progress=False)
    assert dask_run.manifest["engine"] == "dask"
    for table in ("articles", "features", "quotes", "mentions"):
        pd.testing.assert_frame_equal(pandas_run.read(table), dask_run.read(table))


def test_rerun_is_cached_and_settings_recompute(pandas_run):
    again = build_features(config.DEFAULT_CORPUS, terms=TERMS, out=pandas_run.out,
                           chunk_size=100, progress=False)
    assert again.from_cache and again.manifest == pandas_run.manifest
    changed = build_features(config.DEFAULT_CORPUS, terms=TERMS[:1], out=pandas_run.out,
                             chunk_size=100, progress=False)
    assert not changed.from_cache
    assert "mentions_nato_narration" not in changed.read("features").columns


def test_bad_records_listed(tmp_path, seed_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_path.read_bytes())
    (folder / "bad.jsonl").write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")
    result = build_features(folder, terms=TERMS, out=tmp_path / "out", progress=False)
    rejects = pd.read_csv(tmp_path / "out" / "rejects.csv")
    assert result.manifest["records_read"] == 3 == result.n_articles + len(rejects)
    assert rejects.loc[0, "record"] == 2


def test_the_sentiment_engine_reaches_the_mentions_and_the_cache_key(tmp_path, seed_path, seed_articles):
    from analysis.sentiment import term_sentiment

    fast = build_features(seed_path, terms=TERMS, out=tmp_path / "out", progress=False)
    accurate = build_features(seed_path, terms=TERMS, out=tmp_path / "out", progress=False,
                              sentiment_engine="accurate")
    assert not accurate.from_cache and accurate.manifest["settings"]["sentiment_engine"] == "accurate"
    assert fast.manifest["settings"]["sentiment_engine"] == "fast"     # the default, recorded
    expected = term_sentiment(seed_articles, TERMS, engine="accurate")
    assert accurate.read("mentions")["polarity"].tolist() == pytest.approx(expected["polarity"].tolist())
    with pytest.raises(ValueError, match="unknown sentiment engine"):
        build_features(seed_path, terms=TERMS, out=tmp_path / "other", sentiment_engine="slow")
