"""The speaker ranker (analysis.quotes.ranker): its shipped model, what it changes on real
Wikinews text, the phrases it may never give, and its retraining (analysis.training)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import config
from analysis.quotes import extract_article, extract_quotes
from analysis.quotes import ranker
from analysis.quotes.extract import statements_to_resolve
from analysis.schema import ModelNotFoundError
from analysis.training.speaker_ranker import train_speaker_ranker

POLNEAR_TRAIN = config.SHARED_DATA_DIR / "polnear" / "train.jsonl"

#: Wikinews, "British supermarket chain Tesco to sell its Polish branch to Salling Group A/S"
#: (CC BY 2.5; in data/raw): the cues after an apposition ("Matt Simister, Tesco's CEO for
#: Central Europe, explained") have no speaker by the rules alone
TESCO = ("Speaking to Portfolio.hu, Matt Simister, Tesco’s CEO for Central Europe, explained that "
         "the company held a 4% share of the Polish retail market, compared to its 16% share in "
         "Hungary, and stated they want to stay in Hungary. In a DW report in March of last year, "
         "Dave Lewis, CEO of Tesco, stated they did not have intentions of leaving Thailand or "
         "Poland.")


def test_shipped_model_is_plain_json_trained_on_train_and_beats_the_rules():
    model = json.loads(ranker.MODEL_FILE.read_text(encoding="utf-8"))
    assert model["trained_on"] == "train.jsonl"          # PolNeAR train, never dev
    assert model["cv_accuracy"] > model["rules_accuracy"]
    assert all(isinstance(w, float) for w in model["weights"].values())
    assert -1 < model["margin"] < 1 and 0 < model["min_new"] <= 1


@pytest.mark.parametrize("content, speaker", [
    ("the company held a 4% share", "Matt Simister"),
    ("they did not have intentions", "Dave Lewis"),
])
def test_ranker_finds_the_speaker_before_an_apposition(content, speaker):
    table = extract_quotes(pd.DataFrame({"article_id": ["tesco"], "text": [TESCO]}))
    row = table[table["quote"].str.contains(content, regex=False)]
    assert row["speaker"].tolist() == [speaker]


def test_without_the_ranker_the_rules_choice_stays():
    ranked = {TESCO[st.start:st.end][:20]: st.speaker for st in extract_article(TESCO)}
    rules = {TESCO[st.start:st.end][:20]: st.speaker for st in extract_article(TESCO, rerank=False)}
    assert ranked.keys() == rules.keys()
    assert sum(v is not None for v in ranked.values()) > sum(v is not None for v in rules.values())


def test_settled_mentions_are_not_asked():
    art = statements_to_resolve('"We are ready," Shoigu said. The minister said NATO was expanding.')
    words = ranker.SentenceWords(art)
    for st in art.statements:
        ui = max(i for i, u in enumerate(art.units) if u[0] <= st.cue_start)
        assert ranker.cue_candidates(words, st, ui) == []


@pytest.mark.parametrize("words, ok", [
    (["South", "Carolina"], False),     # a bare place
    (["former"], False),                # a lone adjective
    (["However"], False),               # a sentence opener
    (["officials"], True),
    (["spokesman"], True),
    (["he"], True),
    (["Matt", "Simister"], True),
])
def test_phrases_the_ranker_may_give(words, ok):
    assert ranker.is_speaker_phrase(words) is ok


def test_missing_model_file_is_an_error_naming_the_path(tmp_path, monkeypatch):
    missing = tmp_path / "missing" / "speaker_ranker.json"
    monkeypatch.setattr(ranker, "MODEL_FILE", missing)
    with pytest.raises(ModelNotFoundError, match="speaker_ranker.json"):
        ranker.load_ranker()
    with pytest.raises(ModelNotFoundError):
        extract_article(TESCO)


def test_model_file_without_a_field_is_an_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"weights": {}, "intercept": 0.0, "margin": 0.0}), encoding="utf-8")
    with pytest.raises(ValueError, match="min_new"):
        ranker.load_ranker(bad)


@pytest.mark.skipif(not POLNEAR_TRAIN.exists(), reason="PolNeAR train not available (../shared)")
def test_training_writes_a_loadable_model_to_the_given_path(tmp_path):
    sample = tmp_path / "train_sample.jsonl"
    with open(POLNEAR_TRAIN, encoding="utf-8") as fh:
        sample.write_text("".join(next(fh) for _ in range(25)), encoding="utf-8")
    shipped = ranker.MODEL_FILE.read_bytes()
    path = train_speaker_ranker(sample, tmp_path / "out" / "model.json", log=lambda *_: None)
    model = ranker.load_ranker(path)
    assert model["trained_on"] == "train_sample.jsonl" and model["weights"]
    assert ranker.MODEL_FILE.read_bytes() == shipped


def test_training_refuses_dev(tmp_path):
    with pytest.raises(ValueError, match="train only"):
        train_speaker_ranker(tmp_path / "dev.jsonl", tmp_path / "model.json")
