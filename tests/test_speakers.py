"""Who the speaker is within one article (analysis.quotes speakers, people, resolve), on the
embedded Wikinews articles (data/raw/wikinews, CC BY 2.5) and short sentences taken from them."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import config
from analysis import quotes as aq
from analysis.quotes.people import split_title
from analysis.quotes.records import is_place

WIKINEWS_FILE = config.PROJECT_ROOT / "data" / "raw" / "wikinews" / "wikinews.jsonl"


@pytest.fixture(scope="module")
def wikinews() -> dict[str, str]:
    with open(WIKINEWS_FILE, encoding="utf-8") as fh:
        return {rec["id"]: rec["text"] for rec in map(json.loads, fh)}


def quotes_of(wikinews: dict[str, str], prefix: str) -> pd.DataFrame:
    """The quotes table of the one embedded Wikinews article whose id starts with ``prefix``."""
    ids = [k for k in wikinews if k.startswith("wikinews-" + prefix)]
    assert len(ids) == 1, ids
    return aq.extract_quotes(pd.DataFrame({"article_id": ids, "text": [wikinews[ids[0]]]}))


def _unfiltered(wikinews: dict[str, str], prefix: str) -> list:
    """The statements of one embedded Wikinews article with speakers resolved, before the
    filter model (``extract_article(..., use_filter=False)``)."""
    ids = [k for k in wikinews if k.startswith("wikinews-" + prefix)]
    assert len(ids) == 1, ids
    return aq.extract_article(wikinews[ids[0]], use_filter=False)


def speaker_at(q: pd.DataFrame, mention: str) -> str:
    rows = q[q["speaker_mention"] == mention]
    assert len(rows), q[["speaker", "speaker_mention", "cue"]]
    return rows["speaker"].iloc[0]


def extract(text: str) -> pd.DataFrame:
    return aq.extract_quotes(pd.DataFrame({"article_id": ["a"], "text": [text]}))


# --------------------------------------------------------------------------------------------
# owners, acronyms, families
# --------------------------------------------------------------------------------------------

def test_acronym_and_possessive_documents_carry_the_long_name(wikinews):
    q = quotes_of(wikinews, "200_in_New_Delhi")
    assert speaker_at(q, "The WHO's website") == "World Health Organization (WHO) website"
    assert speaker_at(q, "the WHO's situation report dated March 16") == \
        "World Health Organization (WHO) situation report"


def test_acronym_alone_is_no_pronoun(wikinews):
    q = quotes_of(wikinews, "German_authorities_confirm")
    assert speaker_at(q, "WHO") == "World Health Organization (WHO)"


def test_his_family_and_the_family_are_the_owners_family(wikinews):
    q = quotes_of(wikinews, "Radio_host_Don_Imus")
    assert speaker_at(q, "his family") == "Don Imus family"
    assert set(q.loc[q["speaker_mention"] == "The family", "speaker"]) == {"Don Imus family"}
    assert speaker_at(q, "The family's statement on the death") == "Don Imus family statement"


def test_pronoun_without_a_speaker_before_takes_the_nearest_surname(wikinews):
    q = quotes_of(wikinews, "Radio_host_Don_Imus")
    assert set(q.loc[q["speaker_mention"].isin(["he", "He"]), "speaker"]) == {"Imus"}


def test_the_courts_summary_names_the_court(wikinews):
    q = quotes_of(wikinews, "Scottish_court_finds")
    assert speaker_at(q, "The court's summary") == "Court of Session summary"


# --------------------------------------------------------------------------------------------
# names with organisations, titles and roles
# --------------------------------------------------------------------------------------------

def test_name_of_organisation_gives_the_person(wikinews):
    q = quotes_of(wikinews, "Taiwan%27s_legislature")
    assert speaker_at(q, "Jennifer Lu of Marriage Equality Coalition Taiwan") == "Jennifer Lu"
    assert speaker_at(q, "Xiaogang Wei of the Beijing Gender Health Education Institute") == "Xiaogang Wei"
    q = quotes_of(wikinews, "200_in_New_Delhi")
    assert speaker_at(q, "Suman Haripriya of the Hajo assembly") == "Suman Haripriya"


def test_title_glued_to_name_goes_to_speaker_title(wikinews):
    q = quotes_of(wikinews, "Ancient_Egyptians_collected")
    row = q[q["speaker_mention"] == "Lead author Sally Wasef of Australia's Griffith University"].iloc[0]
    assert (row["speaker"], row["speaker_title"]) == ("Sally Wasef", "Lead author")


def test_role_given_lower_case_before_the_name(wikinews):
    q = quotes_of(wikinews, "Argentine_president_Fern")
    assert speaker_at(q, "the archbishop") == "Monsenor Jorge Eduardo Scheinig"


def test_apposed_name_after_a_role(wikinews):
    q = quotes_of(wikinews, "US_professional_wrestler_Jon_Huber")
    assert speaker_at(q, "his wife") == "Amanda"
    q = quotes_of(wikinews, "Argentine_president_Fern")
    assert "Mariela Belski" in set(q["speaker"])


def test_author_of_a_document():
    text = ('"The airline transports weapons and fighters across the Middle East," according to a '
            "tweet on Monday by US Secretary of State Mike Pompeo. The US has been encouraging allies.")
    q = extract(text)
    assert q["speaker"].iloc[0] == "Mike Pompeo"


def test_title_with_complement():
    assert split_title("President of Argentina Alberto Fernández".split()) == (
        ["President", "of", "Argentina"], ["Alberto", "Fernández"])
    assert split_title("Secretary of State Mike Pompeo".split()) == (
        ["Secretary", "of", "State"], ["Mike", "Pompeo"])
    assert split_title("University of California".split()) == ([], ["University", "of", "California"])
    assert split_title("Ambassador Germany Richard Grenell".split())[1] == ["Richard", "Grenell"]
    assert split_title("Chicago Teachers Union".split()) == ([], ["Chicago", "Teachers", "Union"])


# --------------------------------------------------------------------------------------------
# what is never a speaker
# --------------------------------------------------------------------------------------------

def test_place_after_in_is_not_the_speaker(wikinews):
    q = quotes_of(wikinews, "Francis_D%27Souza")
    assert "Goa" not in set(q["speaker"].dropna())
    assert is_place(["Munich", ",", "Germany"]) and is_place(["the", "United", "States"])
    assert not is_place(["Aam", "Aadmi", "Party"])


def test_adverb_between_speaker_and_cue_is_skipped(wikinews):
    q = quotes_of(wikinews, "Brother_of_murdered_Pakistani")
    assert "since" not in set(q["speaker_mention"].dropna())
    assert "since" not in set(q["speaker"].dropna())


def test_progressive_cue_keeps_its_subject():
    q = extract("Clinton is hoping voters see her as ready for the job.")
    assert q["speaker"].iloc[0] == "Clinton"


def test_pronoun_prefers_the_subject_of_its_sentence():
    text = ("Donald Trump said the wall would be built. Sheldon Adelson has not endorsed anyone. "
            "Adelson met with Trump in December, and he said Trump was very charming.")
    q = extract(text)
    assert q.loc[q["speaker_mention"] == "he", "speaker"].iloc[0] == "Sheldon Adelson"


def test_seed_still_gives_shoigu_the_largest_share(seed_articles):
    q = aq.extract_quotes(seed_articles)
    direct = q[q["kind"] == "direct"]
    assert (direct["speaker"] == "Sergei Shoigu").sum() == 3
    share = aq.quote_share(q)
    assert share.sort_values("share", ascending=False)["speaker"].iloc[0] == "Sergei Shoigu"


def test_surname_resolves_to_a_full_name_given_later_or_surname_first():
    q = extract("Sessions said the department would act. Attorney General Jeff Sessions spoke to "
                "reporters on Monday.")
    assert q["speaker"].iloc[0] == "Jeff Sessions"
    q = extract("Hong Kong's former chief executive Leung Chun-ying spoke on Monday. Leung said the "
                "protests must end.")
    assert q["speaker"].iloc[0] == "Leung Chun-ying"


def test_state_adjective_after_be_keeps_its_subject():
    q = extract("Clinton's allies have long been concerned that the super PAC will not match the "
                "fundraising of conservative groups.")
    assert q["speaker_mention"].iloc[0] == "Clinton's allies"


def test_agent_of_a_passive_cue(wikinews):
    # the agent resolves whether or not the filter keeps the statement (it is near the cut-off)
    agent = [st for st in _unfiltered(wikinews, "Bishop_Emeritus_Dinualdo_Gutierrez")
             if st.mention == "the CBCP"]
    assert agent and agent[0].speaker == "Catholic Bishops' Conference of the Philippines (CBCP)"
    q = extract("Sanders was asked by host John Dickerson whether his aim was similar to Kennedy's.")
    assert q["speaker"].iloc[0] == "John Dickerson"
    backed = aq.extract_article("Trump's plan was backed by a majority of voters.",
                                use_filter=False)
    assert backed and all(st.speaker is None for st in backed)


def test_she_skips_the_last_speaker_when_he_is_a_man():
    q = extract("Hillary Clinton said the economy was strong. Bernie Sanders said the race was "
                "close. She said the party would unite.")
    assert q.loc[q["speaker_mention"] == "She", "speaker"].iloc[0] == "Hillary Clinton"


def test_organisation_names_keep_their_words_and_lose_a_trailing_place():
    q = extract("The Russian Embassy in the United States said the claims were false. The World "
                "Health Organization said more tests were needed.")
    assert list(q["speaker"]) == ["the Russian Embassy", "World Health Organization"]
    q = extract("Rep. Ross Spano of Florida said the bill would pass.")
    assert q["speaker"].iloc[0] == "Ross Spano"


def test_dummy_it_has_no_speaker():
    q = extract("It now seems inevitable that Rubio and Cruz will direct their fire against Trump.")
    assert q["speaker"].isna().all() and q["speaker_mention"].isna().all()


def test_share_of_people_is_a_speaker():
    q = extract("About three in 10 said they prefer the next president to pursue a liberal agenda. "
                "Those over 60 say they feel that way by 2-1.")
    assert list(q["speaker_mention"]) == ["About three in 10", "Those over 60"]


# --------------------------------------------------------------------------------------------
# statement structure: names with apostrophes, chained quotes
# --------------------------------------------------------------------------------------------

def test_a_name_with_an_apostrophe_is_no_contraction(wikinews):
    q = quotes_of(wikinews, "O%E2%80%99Rourke_ends")
    assert speaker_at(q, "O'Rourke") == "Beto O'Rourke"
    assert set(q.loc[q["cue"].isin(["announced", "defended"]), "speaker"]) == {"Beto O'Rourke"}


def test_a_quote_closing_its_sentence_takes_the_speaker_named_after_it(wikinews):
    # '"... demands a trial." Pelosi said.': not the statement before it (Pelosi "mentioned")
    q = quotes_of(wikinews, "U.S._House_to_decide_on_submitting")
    row = q[q["quote"].str.startswith("The American people deserve the truth")].iloc[0]
    assert (row["speaker"], row["speaker_mention"], row["cue"]) == ("Nancy Pelosi", "Pelosi", "said")


def test_a_quote_after_a_named_quote_continues_it():
    # the Wikinews sentence above, split: the second quote continues Pelosi's, not the
    # statement of the sentence before
    q = extract("Pelosi also mentioned the House will appoint impeachment managers to conduct the "
                "prosecution in the trial. \"Do the American people deserve the truth?\" Pelosi "
                "said. \"The Constitution demands a trial.\"\n")
    direct = q[q["kind"] == "direct"]
    assert len(direct) == 1 and direct["speaker_mention"].iloc[0] == "Pelosi"
    assert direct["quote"].iloc[0].endswith("The Constitution demands a trial.")


def test_the_subject_of_an_evidential_cue_is_no_source(wikinews):
    # "Trump's state of emergency appears to allow him ...": the writer's judgement
    # (read before the filter, which may drop such a sourceless statement altogether)
    rows = [st for st in _unfiltered(wikinews, "Sixteen_states_sue") if st.cue == "appears"]
    assert rows and all(st.speaker is None and st.mention is None for st in rows)


def test_a_pronoun_after_an_evidential_cue_still_finds_its_subject():
    # Wikinews ("Brother of murdered Pakistani social media star sentenced to life"), cut short
    q = extract("Waseem appeared to have no regret for his sister's death after his 2016 "
                "arrest. He has since said his initial confession was forced.\n")
    assert q.loc[q["cue"] == "said", "speaker"].tolist() == ["Waseem"]
    assert q.loc[q["cue"] == "appeared", "speaker"].isna().all()
    # another cue after "to": the subject speaks ("seemed to acknowledge")
    q = extract("Waseem seemed to acknowledge that his initial confession was forced.\n")
    assert q["speaker"].tolist() == ["Waseem"]


def test_an_adverb_before_the_cue_is_no_speaker(wikinews):
    # "The president has not yet conceded", "The sevengill is sometimes called"
    q = quotes_of(wikinews, "Violence_breaks_out_in_Washington")
    assert q.loc[q["cue"] == "conceded", "speaker_mention"].tolist() == ["The president"]
    q = quotes_of(wikinews, "Study_indicates_as_great_white_shark")
    assert q.loc[q["cue"] == "called", "speaker_mention"].tolist() == ["The sevengill"]


def test_a_verb_after_to_is_no_speaker(wikinews):
    # "it was able to send back the data it had collected": "send" is no speaker phrase
    q = quotes_of(wikinews, "Lost_52_Project")
    assert "send" not in set(q["speaker_mention"].dropna())
    q = extract("Republicans can reasonably campaign saying that they won this legal battle.\n")
    assert set(q["speaker_mention"].dropna()) <= {"Republicans"}


def test_a_colon_lead_in_gives_the_subject_of_its_verb(wikinews):
    # "In a celebratory email to supporters, Jorgensen exclaimed: "It's official ...""
    q = quotes_of(wikinews, "On_the_campaign_trail_in_the_USA,_September_2020")
    row = q[q["quote"].str.startswith("It's official")].iloc[0]
    assert (row["speaker"], row["speaker_mention"]) == ("Jo Jorgensen", "Jorgensen")
    # a short quote after the colon is led in too, not a phrase of the narration
    q = extract("In a celebratory email to supporters, Jorgensen exclaimed: \"It's official!\"\n")
    assert q["speaker_mention"].tolist() == ["Jorgensen"]


def test_a_participle_cue_after_a_comma_is_the_sentence_subjects(wikinews):
    # "Susan Bro, Heather Heyer's mother, told reporters she considered the deal acceptable,
    # saying executing Fields would not bring her daughter back."
    q = quotes_of(wikinews, "Charlottesville,_Virginia_killer")
    row = q[q["cue"] == "saying"].iloc[0]
    assert row["speaker"] == "Susan Bro" and row["quote"].startswith("executing Fields")


def test_the_subject_of_a_sentence_is_no_owner_and_no_dateline(wikinews):
    # "Vessel Tracker's database had no sighting ...; the website ... declared the ship was not
    # actually there": the owner opening the sentence is not the subject
    q = quotes_of(wikinews, "Wikinews_investigates_disappearance_of_Indonesian")
    assert q.loc[q["cue"] == "declared", "speaker_mention"].tolist() == ["the website"]
    from analysis.quotes.speakers import subject_at_start
    text = "BUENA PARK, Calif. — Hillary Clinton promised to deliver change"
    s, e = subject_at_start(text, 0, len(text))
    assert text[s:e] == "Hillary Clinton"


def test_the_subject_of_reportedly_is_no_source(wikinews):
    # "UpGuard reportedly sent an email to Cultura Colectiva on January 10": unnamed reports
    # the guidelines' "no source": not even a candidate (quotes.filter.drop_non_statements)
    assert not [st for st in _unfiltered(wikinews, "540_million_private_Facebook")
                if st.cue == "reportedly"]
    q = quotes_of(wikinews, "540_million_private_Facebook")
    assert len(q) and "reportedly" not in set(q["cue"])


def test_the_listener_of_told_is_no_speaker_and_a_party_of_a_state_is_an_apposition():
    # a pattern of PolNeAR train (NYT) that the embedded Wikinews sample lacks; words invented
    q = extract("\"That was a good speech,\" Representative Jane Roe, Democrat of Ohio, told "
                "Mr. Smith as he passed.\n")
    assert q["speaker"].tolist() == ["Jane Roe"]
    q = extract("\"That was a good speech,\" told Mr. Smith.\n")
    assert "Smith" not in set(q["speaker"].dropna())
