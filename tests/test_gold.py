"""The project's own attribution gold (data/gold/wikinews_attribution): well-formed PolNeAR-format
records whose offsets point where they say, on the texts of the embedded Wikinews articles."""

from __future__ import annotations

import json

import pytest

from analysis import config

PARTS = sorted(config.WIKINEWS_GOLD.glob("*.jsonl"))
ARTICLES = [json.loads(line) for path in PARTS for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="module")
def embedded_texts(wikinews_records) -> dict[str, str]:
    return {r["id"]: r["text"] for r in wikinews_records}


def test_there_are_at_least_30_articles_with_statements():
    assert len(ARTICLES) >= 30
    assert len({a["id"] for a in ARTICLES}) == len(ARTICLES)
    assert sum(len(a["quotes"]) for a in ARTICLES) >= 150


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"][:60] for a in ARTICLES])
def test_an_article_is_well_formed(article, embedded_texts):
    text = article["text"]
    assert text == embedded_texts[article["id"]], "gold text must be the embedded article's text"
    assert article["speaker_form"] == "canonical"
    for q in article["quotes"]:
        spans = q["content_spans"]
        assert spans and all(0 <= s < e <= len(text) for s, e in spans), q["id"]
        assert (q["start"], q["end"]) == (min(s for s, _ in spans), max(e for _, e in spans)), q["id"]
        assert q["quote_text"] == text[q["start"]:q["end"]], q["id"]
        assert q["kind"] in ("direct", "indirect") and q["kind_detail"] in ("direct", "mixed", "indirect")
        assert (q["kind"] == "direct") == (q["kind_detail"] == "direct"), q["id"]
        assert q["speaker"] is None or q["speaker"].strip() == q["speaker"] != "", q["id"]
        for s, e in q.get("speaker_spans") or []:
            assert 0 <= s < e <= len(text), q["id"]
        for s, e in spans:          # no stray spaces; a direct quote's marks stay outside its span
            assert text[s] not in " \t\n" and text[e - 1] not in " \t\n", q["id"]
            if q["kind_detail"] == "direct":
                assert text[s] not in "\"“" and text[e - 1] not in "\"”", q["id"]


# ----------------------------------------------------------------------------------------------
# the concept-sentiment gold (data/gold/concept_sentiment)
# ----------------------------------------------------------------------------------------------

CONCEPT_RECORDS = [json.loads(line) for line in config.CONCEPT_GOLD.read_text(encoding="utf-8").splitlines()
                   if line.strip()]
POLNEAR_TRAIN = config.SHARED_DATA_DIR / "polnear" / "train.jsonl"


def test_concept_gold_has_400_mentions_of_10_terms():
    labelled = [r for r in CONCEPT_RECORDS if r["label"] != "skip"]
    assert len(labelled) >= 400
    assert len({r["term"] for r in labelled}) >= 10
    assert {r["label"] for r in labelled} == {"negative", "neutral", "positive"}
    assert len({r["id"] for r in CONCEPT_RECORDS}) == len(CONCEPT_RECORDS)


def test_every_concept_record_is_well_formed():
    for record in CONCEPT_RECORDS:
        _check_concept_record(record)


def _check_concept_record(record: dict) -> None:
    assert record["source"] in ("polnear/train", "wikinews")
    assert record["label"] in ("negative", "neutral", "positive", "skip")
    assert record["polarity"] == {"negative": 2.0, "neutral": 4.0, "positive": 6.0}.get(record["label"])
    assert record["voice"] in ("narration", "attributed") and isinstance(record["sure"], bool)
    assert record["label"] != "skip" or record["skip_reason"]


@pytest.mark.skipif(not POLNEAR_TRAIN.exists(), reason="PolNeAR train (../shared) not available")
def test_concept_gold_offsets_give_the_mention_in_its_sentence(tmp_path):
    from analysis.evaluation.gold import concept_gold_as_newsmtsc, read_concept_gold, read_newsmtsc

    gold = read_concept_gold()      # raises on any record whose offsets do not give its mention
    assert len(gold) == sum(r["label"] != "skip" for r in CONCEPT_RECORDS)
    for row in gold.itertuples():
        assert row.text[row.start:row.end] == row.mention
    assert gold["text"].str.len().max() < 2_000      # a sentence, not an article
    # the NewsMTSC-format copy (for the shared scorer) holds the same targets and labels
    back = read_newsmtsc(concept_gold_as_newsmtsc(gold, tmp_path / "concepts.jsonl"))
    assert back[["text", "start", "end", "label"]].equals(gold[["text", "start", "end", "label"]])


def test_concept_gold_names_a_record_whose_offsets_are_wrong(tmp_path):
    from analysis.evaluation.gold import read_concept_gold

    bad = dict(next(r for r in CONCEPT_RECORDS if r["source"] == "wikinews"), start=0)
    path = tmp_path / "mentions.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"line 1 \({bad['id']}\)"):
        read_concept_gold(path)


HELDOUT_RECORDS = [json.loads(line) for line in config.CONCEPT_HELDOUT.read_text(encoding="utf-8").splitlines()
                   if line.strip()]


def test_the_blind_wikinews_sample_is_well_formed_and_outside_the_gold():
    """The held-out sample: Wikinews mentions of articles the concept gold does not hold, so no
    model trained on the gold has seen their sentences; its offsets give its mentions."""
    from analysis.evaluation.gold import read_concept_gold

    for record in HELDOUT_RECORDS:
        _check_concept_record(record)
        assert record["source"] == "wikinews"
    gold_articles = {r["article_id"] for r in CONCEPT_RECORDS}
    assert gold_articles.isdisjoint(r["article_id"] for r in HELDOUT_RECORDS)
    held = read_concept_gold(config.CONCEPT_HELDOUT)
    assert len(held) == sum(r["label"] != "skip" for r in HELDOUT_RECORDS) >= 40
    assert all(row.text[row.start:row.end] == row.mention for row in held.itertuples())


def test_the_concept_gold_agreement_sample_was_labelled_twice():
    from analysis.evaluation import concept_agreement

    figures = concept_agreement()
    labelled = {r["id"] for r in CONCEPT_RECORDS if r["label"] != "skip"}
    second = [json.loads(line) for line in config.CONCEPT_AGREEMENT.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in second} <= labelled and len(second) == figures["n"] >= 100
    assert {r["annotator"] for r in second}.isdisjoint(
        {r["annotator"] for r in CONCEPT_RECORDS if r["id"] in {s["id"] for s in second}})
    assert 0.6 < figures["kappa"] < figures["accuracy"] <= 1


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_concept_agreement_counts_kappa_by_hand(tmp_path):
    from analysis.evaluation import concept_agreement

    first = ["negative", "negative", "neutral", "positive"]
    second = ["negative", "neutral", "neutral", "positive"]
    gold = _write_jsonl(tmp_path / "gold.jsonl", [{"id": f"c{i}", "label": lab, "sure": True} for i, lab in enumerate(first)])
    again = _write_jsonl(tmp_path / "again.jsonl", [{"id": f"c{i}", "label": lab, "sure": i != 1}
                                                    for i, lab in enumerate(second)])
    figures = concept_agreement(again, gold)
    # observed 3/4; expected by chance (2*1 + 1*2 + 1*1) / 16 = 5/16
    assert figures["agreed"] == 3 and figures["kappa"] == pytest.approx((0.75 - 5 / 16) / (1 - 5 / 16))
    assert figures["n_both_sure"] == figures["agreed_both_sure"] == 3
    assert figures["confusion"]["negative->neutral"] == 1


def test_concept_agreement_names_an_id_the_gold_does_not_label(tmp_path):
    from analysis.evaluation import concept_agreement

    gold = _write_jsonl(tmp_path / "gold.jsonl", [{"id": "c0", "label": "skip", "sure": True}])
    again = _write_jsonl(tmp_path / "again.jsonl", [{"id": "c0", "label": "neutral", "sure": True}])
    with pytest.raises(ValueError, match=r"again.jsonl, line 1: 'c0' is not a labelled mention"):
        concept_agreement(again, gold)
