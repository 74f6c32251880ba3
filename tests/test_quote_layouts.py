"""Layouts the sentence rules do not read (analysis.quotes.layouts), on real text: Wikinews
interviews of the embedded corpus and of the project's gold, PolNeAR train transcripts and
embedded posts (skipped when ../shared is absent)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import config
from analysis.quotes import extract_quotes

WIKINEWS = config.RAW_DIR / "wikinews" / "wikinews.jsonl"
POLNEAR_TRAIN = config.SHARED_DATA_DIR / "polnear" / "train.jsonl"


def _gold_text(id_part: str) -> str:
    """The text of the first article of the project's Wikinews gold whose id holds ``id_part``."""
    texts: dict[str, str] = {}
    for f in sorted(GOLD.glob("*.jsonl")):
        texts.update(_articles(f, id_part))
    return next(iter(texts.values()))


def _articles(path, *id_parts: str) -> dict[str, str]:
    """{id: text} of the articles of a JSONL file whose id contains one of ``id_parts``."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if any(p in rec["id"] for p in id_parts):
                out[rec["id"]] = rec["text"]
    return out


def _quotes(text: str) -> pd.DataFrame:
    return extract_quotes(pd.DataFrame({"article_id": ["a"], "text": [text]}))


def _one(path, id_part: str) -> str:
    found = _articles(path, id_part)
    assert len(found) == 1, id_part
    return next(iter(found.values()))


def _overlapping(q: pd.DataFrame) -> list[tuple[int, int]]:
    spans = sorted(zip(q["start"], q["end"]))
    return [(a, b) for (a, b), (c, _) in zip(spans, spans[1:]) if c < b]


@pytest.fixture(scope="module")
def farquharson():
    text = _one(WIKINEWS, "Wikinews_interviews_Craig_Farquharson")
    return text, _quotes(text)


def test_wiki_interviewer_turns_are_wikinews_direct_statements(farquharson):
    text, q = farquharson
    turns = q[q["cue"] == ":"]
    questions = turns[turns["speaker"] == "Wikinews"]
    assert len(questions) == 6          # every "((WN)) : ..." line; not the label-less one
    assert (questions["kind"] == "direct").all()
    assert questions["quote"].str.endswith("?").all()
    assert set(questions["speaker_mention"]) == {"WN"}
    assert "Why did you decide to join the Liberal Democrats?" in set(questions["quote"])
    # the span is the question, without its label
    first = questions.iloc[0]
    assert text[first["start"]:first["end"]].startswith("The Liberal Democrats are a party")


def test_unlabelled_answer_is_the_interviewees(farquharson):
    _, q = farquharson
    answer = q[q["quote"].str.startswith("But one of the big issues for Groom")]
    assert answer["speaker"].tolist() == ["Craig Farquharson"]
    assert answer["kind"].tolist() == ["direct"]


def test_no_you_speaker_and_nothing_counted_twice_in_a_turn(farquharson):
    _, q = farquharson
    assert not q["speaker"].isin(["you", "You", "I"]).any()
    turns = q[q["cue"] == ":"]
    assert not any(s < e2 and s2 < e for s, e in zip(turns["start"], turns["end"])
                   for s2, e2 in zip(q["start"], q["end"]) if (s, e) != (s2, e2))


def test_initials_label_of_the_reporter_gives_the_outlet():
    text = _one(WIKINEWS, "Wikinews_interviews_Brian_Carroll")
    q = _quotes(text)
    questions = q[q["speaker_mention"] == "WSS"]
    assert len(questions) == 14
    assert set(questions["speaker"]) == {"Wikinews"}    # "Wikinews accredited reporter W. S. S."
    # the map legend between two questions ("██ On ballot") is no answer
    assert not q["quote"].str.contains("██").any()


def test_named_and_initials_answers_and_plain_wiki_label():
    text = _one(WIKINEWS, "Natasha_Gownaris")
    q = _quotes(text)
    turns = q[q["cue"] == ":"]
    answers = turns[turns["speaker"] == "Natasha Gownaris"]
    assert set(answers["speaker_mention"]) == {"Natasha Gownaris", "NG"}
    assert len(answers) == 11
    assert answers["quote"].iloc[0].startswith("I've wanted to be a marine scientist")
    assert set(turns[turns["speaker_mention"].isin(["Wikinews", "WN"])]["speaker"]) == {"Wikinews"}
    assert "What prompted your curiosity about Magellanic penguins?" in set(turns["quote"])
    # the pull-quote credit "—Natasha Gownaris" is not part of an answer
    assert not turns["quote"].str.contains("—Natasha Gownaris").any()
    assert _overlapping(q) == []


@pytest.mark.parametrize("month, narration", [
    ("July", "The Bread and Roses Party ticket of University of Maryland"),   # third person
    ("May", "On May 23 at the online Libertarian National Convention"),  # "With Wikinews, ..."
])
def test_narration_between_interviews_is_no_answer(month, narration):
    text = _one(WIKINEWS, f"On_the_campaign_trail_in_the_USA,_{month}_2020")
    q = _quotes(text)
    turns = q[q["speaker_mention"] == "WSS"]
    assert len(turns) == 9 and set(turns["speaker"]) == {"Wikinews"}
    at = text.index(narration)
    assert not ((q["start"] <= at) & (q["end"] > at) & q["speaker_mention"].isna()
                & (q["kind"] == "direct")).any()


def test_image_captions_do_not_join_a_question():
    text = _one(WIKINEWS, "Wikinews_interviews_Jo_Jorgensen")
    q = _quotes(text)
    questions = q[q["speaker_mention"] == "WSS"]
    assert len(questions) == 13
    assert not questions["quote"].str.contains("Image:").any()


def test_captions_and_single_labels_in_news_are_no_turns():
    # "Image: ..." lines and one-off "Name: headline" lines in the Wikinews sample
    texts = _articles(WIKINEWS, "")
    for aid, text in texts.items():
        if "interview" in aid.lower() or "campaign_trail" in aid:
            continue
        q = _quotes(text)
        assert not q["speaker_mention"].isin(["Image", "File"]).any(), aid


# --------------------------------------------------------------------------------------------
# PolNeAR train (read freely; skipped without ../shared)
# --------------------------------------------------------------------------------------------

needs_polnear = pytest.mark.skipif(not POLNEAR_TRAIN.exists(), reason="PolNeAR train not available")


@needs_polnear
def test_q_and_a_transcript():
    text = _one(POLNEAR_TRAIN, "usa-today_2016-05-06_immigration-debate")
    q = _quotes(text)
    turns = q[q["cue"] == ":"]
    answers, questions = turns[turns["speaker_mention"] == "A"], turns[turns["speaker_mention"] == "Q"]
    assert len(answers) == 8 and len(questions) == 8
    assert set(answers["speaker"]) == {"Diane Guerrero"}         # the interviewee, never "I"
    assert answers["quote"].iloc[0].startswith("I came home from school")
    assert _overlapping(q) == []


@needs_polnear
def test_capitalised_transcript_labels():
    text = _one(POLNEAR_TRAIN, "breitbart_2016-07-10_ok-gov-fallin")
    q = _quotes(text)
    turns = q[(q["cue"] == ":") & (q["start"] > text.index("\n"))]   # the headline aside
    assert turns["speaker_mention"].tolist() == ["TAPPER", "FALLIN", "TAPPER", "FALLIN"]
    assert turns[turns["speaker_mention"] == "FALLIN"]["speaker"].str.contains("Fallin").all()


@needs_polnear
def test_headlines_sections_and_lists_are_no_turns():
    for part in ("nyt_2016-07-11_from-failed-hopefuls", "politico_2016-02-04_insiders-trump-will",
                 "huff-post_2015-11-15_bernie-sanders-it-is"):
        q = _quotes(_one(POLNEAR_TRAIN, part))
        assert len(q) and (q["n_words"] < 300).all(), part


@needs_polnear
def test_credited_post_is_a_direct_statement_of_its_author():
    text = _one(POLNEAR_TRAIN, "breitbart_2016-06-29_donald-trump-denies-mike-tyson")
    q = _quotes(text)
    post = q[q["quote"].str.startswith("Iron Mike Tyson was not asked to speak")]
    assert post["speaker"].tolist() == ["Donald J. Trump"]
    assert post["kind"].tolist() == ["direct"]
    assert "(@realDonaldTrump)" not in post["quote"].iloc[0]
    assert "<tweet" not in post["quote"].iloc[0]


# --------------------------------------------------------------------------------------------
# terms and names in quote marks (free_quotes._is_term)
# --------------------------------------------------------------------------------------------

GOLD = config.WIKINEWS_GOLD


@pytest.mark.parametrize("id_part, term", [
    ("Taiwan", '"same-sex family relationship"'),      # 'used the terms "X" and "Y"'
    ("Taiwan", '"same-sex union."'),
    ("Brother_of_murdered", '"Kim Kardashian of Pakistan,"'),   # 'nicknamed the "..."'
    ("Joe_Biden_wins_2020_South_Carolina", '"Super Tuesday"'),  # 'is referred to as "..."'
])
def test_terms_and_names_in_quote_marks_are_no_statements(id_part, term):
    text = _gold_text(id_part)
    q = _quotes(text)
    start = text.index(term)
    assert not ((q["start"] == start) & (q["kind"] == "direct")).any()


# --------------------------------------------------------------------------------------------
# a quote continuing over paragraphs (free_quotes._opens_next_paragraph)
# --------------------------------------------------------------------------------------------

@needs_polnear
def test_quote_continuing_in_the_next_paragraph_is_one_statement():
    text = _one(POLNEAR_TRAIN, "breitbart_2015-12-11_charles-barkley-takes-on-donald")
    q = _quotes(text)
    start = text.index("“He started out by insulting Hispanics")
    row = q[q["start"] == start].iloc[0]
    assert text[row["end"] - 30:row["end"]].endswith("not because of Hispanics.”")
    assert row["speaker"] == "Charles Barkley"


@needs_polnear
def test_paragraph_going_on_after_the_quote_does_not_join_the_next_quote():
    # '“We are going to build a wall,” Trump added. He then had a question for the crowd.'
    text = _one(POLNEAR_TRAIN, "west-journal_2016-08-25_trump-stands-tall")
    q = _quotes(text)
    start = text.index("“We are going to build a wall,”")
    assert q.loc[q["start"] == start, "end"].tolist() == [start + len("“We are going to build a wall,”")]


# --------------------------------------------------------------------------------------------
# British single quote marks (marks.uses_single_marks, as_double_marks)
# --------------------------------------------------------------------------------------------

def _british(text: str) -> str:
    """A real article as a British outlet prints it: its double quote marks written ‘ ’ (same
    length), its apostrophes left as they are."""
    out, opened = [], False
    for ch in text:
        if ch == "\n":
            opened = False
        if ch == '"':
            out.append("’" if opened else "‘")
            opened = not opened
        else:
            out.append({"“": "‘", "”": "’"}.get(ch, ch))
    return "".join(out)


@pytest.mark.parametrize("id_part", [
    "Caloundra_defeat_Maroochydore",             # '"I am ...", Caloundra coach Geoff Ingram said.'
    "Puerto_Rico_governor_announces",            # 'Rosselló said, "Despite ..."'
    "Bishop_Emeritus_Dinualdo_Gutierrez",         # "... Doctors' Hospital." inside the quote
    "Hong_Kong_leader_announces_withdrawal",
])
def test_british_single_marks_give_the_same_statements(id_part):
    text = _gold_text(id_part)
    british = _british(text)
    cols = ["start", "end", "kind", "speaker"]
    plain = _quotes(text)[cols].astype(str).values.tolist()
    single = _quotes(british)
    assert single[cols].astype(str).values.tolist() == plain
    direct = single[single["kind"] == "direct"]["quote"]
    assert len(direct) and not direct.str.startswith("‘").any() and not direct.str.endswith("’").any()


def test_apostrophes_alone_are_no_quote_marks():
    from analysis.quotes.marks import uses_single_marks
    text = _one(WIKINEWS, "Caloundra_defeat_Maroochydore")      # "didn't", "we're", "Uni's"
    assert "'" in text and not uses_single_marks(text)


# --------------------------------------------------------------------------------------------
# a colon lead-in is narration, not content (free_quotes._trim_lead_ins)
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("id_part, quote_start", [
    ("Taiwan", '"The Chinese government has pointed'),   # 'commented on the ... decision: "..."'
    ("Scottish_court_finds", '"The Court will accordingly'),  # 'concluded with the statement: "..."'
])
def test_colon_lead_in_is_not_in_the_span(id_part, quote_start):
    text = _gold_text(id_part)
    q = _quotes(text)
    start = text.index(quote_start)
    row = q[(q["start"] <= start) & (q["end"] > start)]
    assert row["start"].tolist() == [start] and row["kind"].tolist() == ["direct"]


def test_unsourced_statement_about_a_term_is_dropped():
    # 'Tomorrow, a Tuesday, is referred to as "Super Tuesday" in the context of ...'
    text = _gold_text("Joe_Biden_wins_2020_South_Carolina")
    q = _quotes(text)
    term = text.index('"Super Tuesday"')
    assert not ((q["start"] <= term) & (q["end"] > term)).any()


def test_wiki_labels_need_no_final_stop_and_each_name_keeps_its_turns():
    # "((Akram Pasha)) ... ((hi))Hindi language: ...।": answers ending in Devanagari text
    text = _one(WIKINEWS, "Living_with_HIV_during_COVID-19")
    q = _quotes(text)
    turns = q[q["cue"] == ":"]
    counts = turns["speaker"].value_counts()
    assert counts["Akram Pasha"] > 40 and counts["Jaya"] > 30 and counts["Wikinews"] > 60
    assert set(turns[turns["speaker_mention"] == "WN"]["speaker"]) == {"Wikinews"}


def test_unlabelled_answers_go_to_the_person_the_article_says_was_interviewed():
    # "Professor Michael Siegel of Boston University ... Wikinews interviewed Siegel"
    text = _one(WIKINEWS, "US_study_finds_correlation_between_youth_suicide")
    q = _quotes(text)
    answers = q[(q["cue"] == "") & q["speaker_mention"].isna() & (q["kind"] == "direct")]
    assert len(answers) >= 5 and set(answers["speaker"]) == {"Michael Siegel"}
    assert answers["quote"].iloc[0].startswith("Michael Siegel I am a professor")


@pytest.mark.parametrize("question, answer", [("Q:", "A:"), ("Question:", "Answer:")])
def test_q_and_a_labels_on_a_real_interview(question, answer):
    # the Farquharson interview with its turns labelled the way other outlets print them
    text = _one(WIKINEWS, "Wikinews_interviews_Craig_Farquharson")
    text = text.replace("((WN)) :", question).replace(
        "But one of the big issues for Groom", f"{answer} But one of the big issues for Groom")
    q = _quotes(text)
    turns = q[q["cue"] == ":"]
    questions = turns[turns["speaker_mention"] == question[:-1]]
    assert len(questions) == 6 and set(questions["speaker"]) == {"Wikinews"}   # "Wikinews spoke to"
    answers = turns[turns["speaker_mention"] == answer[:-1]]
    assert answers["speaker"].tolist() == ["Craig Farquharson"]


@pytest.mark.parametrize("id_part", ["Wikinews_interviews_Craig_Farquharson", "Natasha_Gownaris",
                                     "Living_with_HIV_during_COVID-19"])
def test_interview_repeated_gives_the_same_turns_in_each_copy(id_part):
    text = _one(WIKINEWS, id_part)
    sep = "\n\n"
    q = _quotes(sep.join([text] * 3))
    turns = q[q["cue"] == ":"]
    step = len(text) + len(sep)
    parts = [turns[(turns["start"] >= j * step) & (turns["start"] < (j + 1) * step)]
             .assign(start=lambda d, j=j: d["start"] - j * step)[["start", "speaker", "quote"]]
             .reset_index(drop=True) for j in range(3)]
    assert len(parts[0]) > 5
    pd.testing.assert_frame_equal(parts[0], parts[1])
    pd.testing.assert_frame_equal(parts[0], parts[2])
