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
