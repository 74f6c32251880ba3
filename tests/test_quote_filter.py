"""The shipped quote candidate filter (analysis.quote_filter): its model file and how it keeps
candidates."""

from __future__ import annotations

import json

import pytest

from analysis import quote_filter as qf
from analysis.quotes import candidate_statements

TEXT = ('Shoigu said NATO was expanding. Critics called the plan "a clear mistake" on Monday. '
        '"We are ready for talks at any time," the minister said.')


def test_shipped_model_is_plain_json_with_both_cut_offs():
    model = json.loads(qf.MODEL_FILE.read_text(encoding="utf-8"))
    assert 0 < model["threshold_direct"] <= model["threshold"] < 1
    assert model["trained_on"] == "train.jsonl"        # PolNeAR train, never dev
    assert all(isinstance(w, float) for w in model["weights"].values())


@pytest.mark.parametrize("threshold, threshold_direct, kinds", [
    (1.1, 1.1, {"direct"}),                  # only the sure (long) direct quote survives
    (1.1, 0.0, {"direct"}),                  # every direct candidate, nothing else
    (0.0, 1.1, {"direct", "indirect", "mixed"}),
])
def test_direct_candidates_have_their_own_cut_off(threshold, threshold_direct, kinds):
    masked, cands = candidate_statements(TEXT)
    model = {**qf.load_model(), "threshold": threshold, "threshold_direct": threshold_direct}
    kept = qf.keep_statements(masked, cands, model=model)
    assert {st.kind for st in kept} == kinds & {st.kind for st in cands}
    if threshold > 1 and threshold_direct > 1:
        assert [TEXT[st.start:st.end] for st in kept] == ['"We are ready for talks at any time,"']


def test_model_without_direct_cut_off_uses_the_general_one():
    masked, cands = candidate_statements(TEXT)
    model = {k: v for k, v in qf.load_model().items() if k != "threshold_direct"}
    general = qf.keep_statements(masked, cands, model={**model, "threshold": 0.0})
    assert len(general) == len(cands)
