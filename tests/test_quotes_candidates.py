"""The candidate rules for statements PolNeAR annotates beyond "X said": cues with no speaker
next to them, headlines ("Source: statement",
Title Case cues), where a content ends, and the filter's cross-validated settings; on the
Wikinews sample of data/raw (real text)."""

from __future__ import annotations

import pytest

from analysis.quotes import candidate_statements
from analysis.quotes.cue_rules import object_end


@pytest.fixture(scope="module")
def wikinews_by_id(wikinews_records) -> dict[str, dict]:
    return {r["id"]: r for r in wikinews_records}


def _article(records: dict[str, dict], prefix: str) -> dict:
    return next(r for aid, r in records.items() if aid.startswith(prefix))


def _candidates(text: str) -> list[tuple[str, str | None, str]]:
    """(cue, speaker mention, content) of every rule candidate of ``text``."""
    _, sts = candidate_statements(text)
    return [(st.cue, st.mention, text[st.start:st.end]) for st in sts]


def test_cue_without_a_speaker_still_proposes_its_content(wikinews_by_id):
    # "The president did not concede ..., however, and vowed to ...": no speaker next to "vowed"
    text = _article(wikinews_by_id, "wikinews-US_federal_agency_announces_plans")["text"]
    found = [c for c in _candidates(text) if c[0] == "vowed"]
    assert found and found[0][2].startswith("to keep fighting")


def test_a_narrative_sentence_proposes_nothing():
    """A sentence that opens with a name and a verb but has no reporting cue reports no one's
    words ("Congress passed a funding bill"); issue #12 read such candidates by hand."""
    for text in ("Hillary Clinton enters the final 15 days of the race safely ahead.",
                 "President Trump delivers his first speech to the United Nations.",
                 "Wikinews examined data and contacted experts."):
        assert _candidates(text) == []


def test_passive_or_copula_sentence_proposes_nothing():
    for text in ("Trump was defeated by Clinton on Monday.", "Obama is a candidate for the job."):
        assert _candidates(text) == []


def test_headline_source_colon_statement(wikinews_by_id):
    rec = _article(wikinews_by_id, "wikinews-Study:_people_infected")
    text = rec["title"] + "\n\n" + rec["text"]
    assert ("", None, "") not in _candidates(text)
    assert (":", "Study", "people infected by new coronavirus 'likely' hundreds more than "
                          "confirmed") in _candidates(text)


@pytest.mark.parametrize("title", ["THE FACTS: It's not even close to true that tax cuts came.",
                                   "UPDATE: The minister resigned on Friday."])
def test_a_section_label_is_no_headline_source(title):
    assert not [c for c in _candidates(title) if c[0] == ":"]


def test_title_case_headline_cue(wikinews_by_id):
    rec = _article(wikinews_by_id, "wikinews-Senator_Ted_Cruz_proposes")
    title = " ".join(w[:1].upper() + w[1:] for w in rec["title"].split())  # Title Case
    found = [c for c in _candidates(title + "\n\n" + rec["text"]) if c[0] == "Proposes"]
    assert found and found[0][1] == "Senator Ted Cruz" and found[0][2].startswith("Amendment")


def test_object_of_support_ends_at_its_first_adjunct(wikinews_by_id):
    text = _article(wikinews_by_id, "wikinews-Arrest_made_as_mayor")["text"]
    found = [c for c in _candidates(text) if c[0] == "supported"]
    assert [c[2] for c in found] == ["LGBT rights"]
    # a clause after the cue is not cut ("supported that ...")
    clause = "He supported that the city should host the event in June."
    start = clause.index("that")
    assert object_end(clause, start, len(clause)) == len(clause)


@pytest.mark.parametrize("tail", [", throwing a wrench in the effort.", " - a landslide win.",
                                  ", even if he may lose."])
def test_content_ends_at_a_participle_clause_or_dash(tail):
    text = "Speaker Paul Ryan on Thursday declared that he cannot currently support the plan" + tail
    found = [c for c in _candidates(text) if c[0] == "declared"]
    assert [c[2] for c in found] == ["that he cannot currently support the plan"]
