"""The speaker ranker (analysis.quotes.ranker): its shipped model, what it changes on real
Wikinews text, the phrases it may never give, and its retraining (analysis.training)."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from analysis import config
from analysis.quotes import extract_article, extract_quotes
from analysis.quotes import ranker
from analysis.quotes.extract import statements_to_resolve
from analysis.schema import ModelNotFoundError
from analysis.training.speaker_ranker import CueExample, choose, train_speaker_ranker

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
    ranked = {(st.start, st.end): st.speaker for st in extract_article(TESCO)}
    rules = {(st.start, st.end): st.speaker for st in extract_article(TESCO, rerank=False)}
    assert ranked.keys() == rules.keys()
    assert sum(v is not None for v in ranked.values()) > sum(v is not None for v in rules.values())


def _candidates(text: str) -> list[tuple[str | None, int]]:
    """(rules' mention, number of words the ranker scores) of each statement of ``text``."""
    art = statements_to_resolve(text)
    words = ranker.SentenceWords(art)
    return [(st.mention, len(ranker.cue_candidates(words, st, art.unit_index(st.cue_start)))) for st in art.statements]


def test_settled_mentions_are_not_asked():
    found = _candidates('"We are ready," Shoigu said. The minister said NATO was expanding.')
    assert found == [("Shoigu", 0), ("The minister", 0)]


def test_a_cue_without_a_mention_is_asked():
    found = _candidates(TESCO)        # "Dave Lewis, CEO of Tesco, stated": no mention by the rules
    assert (None, 11) in found


def test_run_time_choice_is_the_choice_training_scores():
    """``training.speaker_ranker.choose`` (on which the cross-validated figures rest) and
    ``ranker.choose_mention`` (what runs) give the same mention for the same probabilities."""
    model = ranker.load_ranker()
    weights = model["weights"]
    texts = [TESCO, "Officials said respective estimates vary. Asked about it, the spokesman, "
             "John Kirby, declined, saying the report was wrong."]
    compared = 0
    for text in texts:
        art = statements_to_resolve(text)
        words = ranker.SentenceWords(art)
        for st in art.statements:
            if st.cue_start < 0 or not st.cue[:1].isalpha():
                continue
            ui = art.unit_index(st.cue_start)
            rule = (st.mention_start, st.mention_end) if st.mention_start is not None else None
            ex, probs = CueExample("a", rule=rule), []
            for k, _, static, key, extra, bounds in ranker.cue_candidates(words, st, ui):
                z = model["intercept"] + sum(weights.get(f, 0.0) for f in
                                             static + list(ranker.cue_features(key)) + extra)
                probs.append(1 / (1 + math.exp(-z)))
                ex.spans.append(words.span(ui, k, bounds))
                ex.in_rule.append("rule" in extra)
            run_time = ranker.choose_mention(words, st, ui, model) or rule
            assert choose(ex, probs, model["margin"], model["min_new"]) == run_time
            compared += 1
    assert compared >= 3


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
def test_training_writes_a_loadable_model_to_the_given_path(tmp_path, head_of):
    sample = head_of(POLNEAR_TRAIN, 25, "train_sample.jsonl")
    shipped = ranker.MODEL_FILE.read_bytes()
    path = train_speaker_ranker(sample, tmp_path / "out" / "model.json", log=lambda *_: None)
    model = ranker.load_ranker(path)
    assert model["trained_on"] == "train_sample.jsonl" and model["weights"]
    assert ranker.MODEL_FILE.read_bytes() == shipped


def test_training_refuses_dev(tmp_path):
    with pytest.raises(ValueError, match="train only"):
        train_speaker_ranker(tmp_path / "dev.jsonl", tmp_path / "model.json")
