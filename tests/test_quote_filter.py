"""The shipped quote candidate filter (analysis.quote_filter): its model file and how it keeps
candidates."""

from __future__ import annotations

import json

import pytest

from analysis import quote_filter as qf
from analysis.quotes import candidate_statements

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
