"""The shipped quote candidate filter (analysis.quotes.filter): its model file, how it keeps
candidates, and the error when the model file is missing."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import config
from analysis.quotes import candidate_statements, extract_article, extract_quotes
from analysis.quotes import filter as qf
from analysis.schema import ModelNotFoundError
from analysis.training.quote_filter import train_quote_filter

POLNEAR_TRAIN = config.SHARED_DATA_DIR / "polnear" / "train.jsonl"

TEXT = ('Shoigu said NATO was expanding. Critics called the plan "a clear mistake" on Monday. '
        '"We are ready for talks at any time," the minister said. "No comment," the spokesman said.')
LONG, SHORT = '"We are ready for talks at any time,"', '"No comment,"'


def test_shipped_model_is_plain_json_with_both_cut_offs():
    model = json.loads(qf.MODEL_FILE.read_text(encoding="utf-8"))
    assert 0 < model["threshold_direct"] <= model["threshold"] < 1
    assert model["trained_on"] == "train.jsonl"        # PolNeAR train, never dev
    assert all(isinstance(w, float) for w in model["weights"].values())


def kept_texts(**cut_offs) -> tuple[set[str], list[str]]:
    masked, cands = candidate_statements(TEXT)
    model = {**qf.load_model(), **cut_offs}
    kept = qf.keep_statements(masked, cands, model=model)
    return {st.kind for st in kept}, [TEXT[st.start:st.end] for st in kept if st.kind == "direct"]


@pytest.mark.parametrize("threshold, threshold_direct, kinds, direct", [
    (1.1, 1.1, {"direct"}, [LONG]),            # only the sure (long) direct quote survives
    (1.1, 0.0, {"direct"}, [LONG, SHORT]),     # every direct candidate, nothing else
    (0.0, 1.1, {"direct", "indirect", "mixed"}, [LONG]),
])
def test_direct_candidates_have_their_own_cut_off(threshold, threshold_direct, kinds, direct):
    assert kept_texts(threshold=threshold, threshold_direct=threshold_direct) == (kinds, direct)


def test_model_without_direct_cut_off_uses_the_general_one():
    model = {k: v for k, v in qf.load_model().items() if k != "threshold_direct"}
    masked, cands = candidate_statements(TEXT)
    strict = qf.keep_statements(masked, cands, model={**model, "threshold": 1.1})
    assert [TEXT[st.start:st.end] for st in strict] == [LONG]
    loose = qf.keep_statements(masked, cands, model={**model, "threshold": 0.0})
    assert len(loose) == len(cands)


# ----------------------------------------------------------------------------------------------
# a missing model file is an error, never "keep every candidate"
# ----------------------------------------------------------------------------------------------

@pytest.fixture()
def no_shipped_model(tmp_path, monkeypatch):
    missing = tmp_path / "missing" / "quote_filter.json"
    monkeypatch.setattr(qf, "MODEL_FILE", missing)
    return missing


def test_missing_model_file_is_an_error_naming_the_path(no_shipped_model):
    with pytest.raises(ModelNotFoundError, match="quote_filter.json") as err:
        qf.load_model()
    assert str(no_shipped_model) in str(err.value)
    assert isinstance(err.value, FileNotFoundError)
    with pytest.raises(ModelNotFoundError):
        qf.load_model(no_shipped_model.parent / "other.json")


def test_extract_quotes_fails_loudly_without_the_shipped_model(no_shipped_model):
    articles = pd.DataFrame({"article_id": ["a"], "text": [TEXT]})
    with pytest.raises(ModelNotFoundError, match=str(no_shipped_model.name)):
        extract_quotes(articles)
    with pytest.raises(ModelNotFoundError):
        extract_quotes(articles.iloc[:0])


def test_an_explicit_model_works_without_the_shipped_one(tmp_path, monkeypatch):
    shipped = qf.load_model()
    copy = tmp_path / "model.json"
    copy.write_text(json.dumps(shipped), encoding="utf-8")
    monkeypatch.setattr(qf, "MODEL_FILE", tmp_path / "missing.json")
    assert qf.load_model(copy) == shipped
    masked, cands = candidate_statements(TEXT)
    assert qf.keep_statements(masked, cands, model=shipped)
    assert [st.kind for st in extract_article(TEXT, model=shipped)]


def test_model_file_without_a_field_is_an_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"weights": {}, "intercept": 0.0}), encoding="utf-8")
    with pytest.raises(ValueError, match="threshold"):
        qf.load_model(bad)


# ----------------------------------------------------------------------------------------------
# retraining (analysis.training.quote_filter) writes only where it is told
# ----------------------------------------------------------------------------------------------

@pytest.mark.skipif(not POLNEAR_TRAIN.exists(), reason="PolNeAR train not available (../shared)")
def test_training_writes_a_loadable_model_to_the_given_path(tmp_path, head_of):
    sample = head_of(POLNEAR_TRAIN, 20, "train_sample.jsonl")
    shipped = qf.MODEL_FILE.read_bytes()
    path = train_quote_filter(sample, tmp_path / "out" / "model.json")
    model = qf.load_model(path)
    assert path == tmp_path / "out" / "model.json"
    assert model["trained_on"] == "train_sample.jsonl" and model["weights"]
    assert "analysis/quotes/filter.py" in model["about"]
    assert qf.MODEL_FILE.read_bytes() == shipped


def test_training_needs_an_output_path():
    with pytest.raises(TypeError):
        train_quote_filter(POLNEAR_TRAIN)    # type: ignore[call-arg]
