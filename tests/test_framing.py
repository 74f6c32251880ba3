"""Keyness, frame scores, frame classifier and frame discovery on realistic text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import framing
from analysis.corpus import load_articles
from analysis import config


@pytest.fixture(scope="module")
def wikinews():
    return load_articles(config.RAW_DIR / "wikinews")


@pytest.fixture(scope="module")
def planted(wikinews):
    """Wikinews split in two pseudo-outlets, with phrases planted in each half."""
    arts = wikinews[wikinews["text"].str.len() > 0].head(80).copy()
    arts["outlet"] = ["Outlet A" if i % 2 == 0 else "Outlet B" for i in range(len(arts))]
    a = arts["outlet"] == "Outlet A"
    arts.loc[a, "text"] += "\n\nCritics warned of color revolutions backed from abroad."
    arts.loc[~a, "text"] += "\n\nThe pro-democracy movement held peaceful protests."
    return arts


def test_keyness_recovers_planted_phrases(planted):
    table = framing.keyness(planted, by="outlet", a="Outlet A", b="Outlet B")
    top_a = table.head(15)["term"].tolist()
    top_b = table.tail(15)["term"].tolist()
    assert {"color revolutions", "revolutions", "critics warned"} <= set(top_a)
    assert {"pro-democracy movement", "peaceful protests"} <= set(top_b)
    row = table.set_index("term").loc["color revolutions"]
    assert (row["count_a"], row["count_b"], row["group"]) == (40, 0, "Outlet A")
    assert row["z"] > 2      # |z| > 1.96: separates the groups at the 5 % level
    assert table.attrs["n_articles_a"] == table.attrs["n_articles_b"] == 40


def test_keyness_matches_monroe_formula():
    arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["A", "B"],
                         "text": ["tax tax tax cut", "tax cut cut cut"]})
    table = framing.keyness(arts, a="A", b="B", ngram_range=(1, 1), min_count=1)
    row = table.set_index("term").loc["tax"]
    ya, yb, na, nb = 3, 1, 4, 4
    a0 = na + nb
    alpha = a0 * (ya + yb) / 8
    delta = np.log((ya + alpha) / (na + a0 - ya - alpha)) - np.log((yb + alpha) / (nb + a0 - yb - alpha))
    assert row["log_odds"] == pytest.approx(delta)
    assert row["z"] == pytest.approx(delta / np.sqrt(1 / (ya + alpha) + 1 / (yb + alpha)))


def test_keyness_needs_two_groups(seed_articles):
    with pytest.raises(ValueError, match="two groups"):
        framing.keyness(seed_articles, by="outlet")


def test_frame_scores_of_seed(seed_articles):
    scores = framing.score_frames(seed_articles)
    row = scores.iloc[0]
    assert row["dominant_frame"] in ("security_and_defense", "external_regulation_and_reputation")
    assert row["security_and_defense"] > row["economic"] == 0
    assert set(framing.FRAMES) <= set(scores.columns)


def test_frame_profile_shares_sum_to_one(wikinews):
    profile = framing.frame_profile(wikinews)
    assert profile.groupby("outlet")["share"].sum().round(6).eq(1).all()
    assert len(profile) == 15


def test_train_frame_classifier_cross_validates(wikinews):
    arts = wikinews[wikinews["text"].str.len() > 0].copy()
    dominant = framing.score_frames(arts)["dominant_frame"].to_numpy()
    arts["frame"] = dominant
    keep = arts["frame"].isin(["political", "health_and_safety", "crime_and_punishment"])
    model = framing.train_frame_classifier(arts[keep], folds=3)
    assert list(model.cv_scores.columns) == ["fold", "accuracy", "macro_f1"]
    assert model.cv_scores["accuracy"].mean() > 0.5
    assert set(model.predict(arts[keep].head(5))) <= set(model.labels)


def test_discover_frames(wikinews):
    frames, weights = framing.discover_frames(wikinews, n_frames=6)
    assert frames["frame"].nunique() == 6 and len(weights) == len(wikinews)
    hurricane = frames[frames["term"].isin(["hurricane", "tropical", "storm"])]
    assert hurricane["frame"].nunique() == 1 and len(hurricane) == 3
    sums = weights.drop(columns="article_id").sum(axis=1)
    assert ((sums.round(6) == 1) | (sums == 0)).all()


# ---- how a term is presented ------------------------------------------------------------

PRESENTED = pd.DataFrame({
    "article_id": ["a", "b"], "outlet": ["Outlet A", "Outlet B"],
    "date": pd.to_datetime(["2017-04-25", "2017-04-26"]),
    "title": ["Color revolutions threaten the region, minister says", "Protests continue"],
    "lede": [pd.NA, pd.NA],
    "text": ["Officials blamed the so-called color revolutions for the unrest.\n\n"
             "Later the minister called it a “color revolution” again.",
             "Crowds gathered for a third day.\n\nHe said \"the color revolution in Serbia was "
             "a plot by outsiders,\" adding that NATO had no role."],
})


def test_kwic_on_seed(seed_articles):
    table = framing.kwic(seed_articles, "color revolution", window=5)
    assert table["match"].tolist() == ["color revolutions", "color revolutions"]
    assert table.loc[0, "left"] == "of recent decades, connected to"
    assert table.loc[1, "right"] == "took place. \"Our Moscow conference"
    text = seed_articles.loc[0, "text"]
    assert all(text[s:e] == m for s, e, m in zip(table["start"], table["end"], table["match"]))


def test_term_salience():
    sal = framing.term_salience(PRESENTED, ["color revolution", "NATO"]).set_index(["article_id", "term"])
    a = sal.loc[("a", "color revolution")]
    assert (a["n_mentions"], a["in_title"], a["in_lede"], a["in_first_paragraph"]) == (2, True, True, True)
    b = sal.loc[("b", "color revolution")]
    assert (b["in_title"], b["in_lede"], b["in_first_paragraph"]) == (False, False, False)
    assert 0.3 < b["first_position"] < 0.5
    summary = framing.salience_summary(framing.term_salience(PRESENTED, "color revolution"))
    assert summary.set_index("outlet")["in_title"].to_dict() == {"Outlet A": 1.0, "Outlet B": 0.0}


def test_scare_quotes_and_so_called():
    table = framing.scare_quotes(PRESENTED, "color revolution")
    assert table["marker"].fillna("none").tolist() == ["so_called", "quote_marks", "none"]
    summary = framing.scare_quote_summary(table).set_index("outlet")
    assert summary.loc["Outlet A", "share_distanced"] == 1.0
    assert summary.loc["Outlet B", "share_distanced"] == 0.0      # a quotation, not a scare quote


def test_cue_verb_profile_on_seed(seed_articles):
    from analysis.quotes import extract_quotes

    quotes = extract_quotes(seed_articles)
    profile = framing.cue_verb_profile(quotes, articles=seed_articles).set_index("tone")
    assert profile["share"].sum() == pytest.approx(1.0)
    assert profile.loc["neutral", "n_quotes"] >= 2                # "said", "added", "noted"
    assert "loaded" in profile.index                             # "stressed"
    top = framing.top_cues(quotes, articles=seed_articles, n=3)
    assert top.loc[0, "cue"] == "said"
