"""Quote extraction, speaker attribution and quote share (analysis.quotes) on realistic sentences
and on the seed article."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import quotes as aq
from analysis.schema import QUOTE_COLUMNS, QUOTE_KINDS, SHARE_COLUMNS


def extract(text: str, article_id: str = "a1") -> pd.DataFrame:
    return aq.extract_quotes(pd.DataFrame({"article_id": [article_id], "text": [text]}))


def one(text: str) -> pd.Series:
    q = extract(text)
    assert len(q) == 1, q[["quote", "speaker", "cue"]]
    return q.iloc[0]


# --------------------------------------------------------------------------------------------
# the table
# --------------------------------------------------------------------------------------------

def test_columns_and_types():
    q = extract('"We are ready," Shoigu said. He said that the talks would go on.')
    assert tuple(q.columns) == QUOTE_COLUMNS
    assert set(q["kind"]) <= set(QUOTE_KINDS)
    assert q["quote_id"].tolist() == ["a1:1", "a1:2"]
    assert q["start"].dtype == "int64" and q["speaker_start"].dtype == "Int64"


def test_empty_inputs():
    empty = aq.extract_quotes(pd.DataFrame({"article_id": [], "text": []}))
    assert tuple(empty.columns) == QUOTE_COLUMNS and empty.empty
    assert extract("").empty
    assert extract("The weather was fine on Monday.").empty


def test_missing_text_column_fails_loudly():
    with pytest.raises(ValueError, match="text"):
        aq.extract_quotes(pd.DataFrame({"article_id": ["x"]}))


# --------------------------------------------------------------------------------------------
# direct quotes
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, quote", [
    ('"Our regular meetings confirm our interest," Shoigu said.', "Our regular meetings confirm our interest,"),
    ("“Our regular meetings confirm our interest,” Shoigu said.", "Our regular meetings confirm our interest,"),
    ("''Our regular meetings confirm our interest,'' Shoigu said.", "Our regular meetings confirm our interest,"),
    ('"Our regular meetings confirm our interest," said Shoigu.', "Our regular meetings confirm our interest,"),
    ('Shoigu said: "Our regular meetings confirm our interest."', "Our regular meetings confirm our interest."),
])
def test_direct_quote_marks(text, quote):
    row = one(text)
    assert row["kind"] == "direct"
    assert row["quote"] == quote
    assert row["speaker"] == "Shoigu" and row["speaker_mention"] == "Shoigu"
    assert text[row["speaker_start"]:row["speaker_end"]] == "Shoigu"
    assert text[row["start"]] in "\"“'"


def test_interrupted_quote_is_one_statement():
    text = '"The talks were useful," the spokesman said, "but no agreement was reached."'
    row = one(text)
    assert row["kind"] == "direct"
    assert (row["start"], row["end"]) == (0, len(text))
    assert row["quote"] == "The talks were useful, but no agreement was reached."
    assert row["speaker"] == "the spokesman" and row["cue"] == "said"


def test_quote_over_several_paragraphs():
    text = ('Hugh Hill, a doctor at the hospital, said: "Two patients are in critical condition.'
            '\n\n"We expect more to arrive tonight."\n\nThe weather was calm.')
    q = extract(text)
    direct = q[q["kind"] == "direct"].iloc[0]
    assert direct["quote"].endswith("We expect more to arrive tonight.")
    assert direct["quote"].startswith("Two patients")
    assert direct["speaker"] == "Hugh Hill"
    assert direct["speaker_title"] == "doctor at the hospital"


@pytest.mark.parametrize("text", [
    'He said "this is the "best deal" ever.\n\nThe next paragraph is plain narration, long enough.',
    'A stray mark " in the middle.\n\n"Unclosed at the end of a paragraph\n\nAnother plain paragraph.',
    '”Backwards marks“ and "" empty ones.\n\nPlain text follows here.',
])
def test_stray_marks_never_crash_or_swallow(text):
    q = extract(text)
    last_para = text.rindex("\n\n")
    assert all(e <= last_para for e in q["end"])  # the last paragraph is never swallowed


def test_scare_quote_in_narration_has_no_speaker():
    # PolNeAR annotates quoted phrases in narration as (source-less) quotes; they are kept
    # with speaker NA and no cue, so they never count towards a named speaker
    q = extract('The so-called "color revolutions" spread across the region last decade.')
    assert len(q) <= 1
    if len(q):
        assert q.iloc[0]["quote"] == "color revolutions"
        assert pd.isna(q.iloc[0]["speaker"]) and q.iloc[0]["cue"] == ""


# --------------------------------------------------------------------------------------------
# mixed and indirect speech
# --------------------------------------------------------------------------------------------

def test_mixed_quote():
    q = extract('Putin described the talks as "very productive" and said a deal was close.')
    assert q["kind"].tolist() == ["mixed", "indirect"]
    assert q["quote"].tolist() == ['the talks as "very productive"', "a deal was close"]
    assert set(q["speaker"]) == {"Putin"}


@pytest.mark.parametrize("text, quote, speaker, cue", [
    ("Sergei Shoigu said that the army was ready.", "that the army was ready", "Sergei Shoigu", "said"),
    ("Sergei Shoigu said the army was ready.", "the army was ready", "Sergei Shoigu", "said"),
    ("The army is ready for the drills, Sergei Shoigu said.", "The army is ready for the drills", "Sergei Shoigu", "said"),
    ("The army is ready for the drills, said Sergei Shoigu.", "The army is ready for the drills", "Sergei Shoigu", "said"),
    ("According to Sergei Shoigu, the army is ready.", "the army is ready", "Sergei Shoigu", "According to"),
    ("The strikes hit three sites, according to the Pentagon.", "The strikes hit three sites", "the Pentagon", "according to"),
    ("The Kremlin warned that sanctions would backfire.", "that sanctions would backfire", "the Kremlin", "warned"),
    ("Russia claimed the drills were defensive.", "the drills were defensive", "Russia", "claimed"),
    ("Analysts believe the market will recover by spring.", "the market will recover by spring", "Analysts", "believe"),
    ("Lavrov stressed that Moscow was open to dialogue.", "that Moscow was open to dialogue", "Lavrov", "stressed"),
    ("Many of the closures, he said, have involved public courses.", "Many of the closures, he said, have involved public courses", None, "said"),
])
def test_indirect_speech(text, quote, speaker, cue):
    row = one(text)
    assert row["kind"] == "indirect"
    assert row["quote"] == quote
    assert (None if pd.isna(row["speaker"]) else row["speaker"]) == speaker
    assert row["cue"] == cue


def test_dash_attribution():
    row = one('"Our goal is peace" — Sergei Lavrov')
    assert row["kind"] == "direct" and row["speaker"] == "Sergei Lavrov" and row["cue"] == "—"


def test_colon_lead_in_to_next_sentence():
    q = extract("The minister said:\n\nThe army will be ready by the autumn.")
    assert q.iloc[0]["quote"] == "The army will be ready by the autumn"
    assert q.iloc[0]["speaker"] == "the minister"


# --------------------------------------------------------------------------------------------
# speakers
# --------------------------------------------------------------------------------------------

SHOIGU_TEXT = ("Russian Defense Minister Sergei Shoigu said the army was ready. "
               "The defense minister stressed that Russia would respond. "
               "He also noted that talks would continue. "
               '"We are open to dialogue," Shoigu added.')


def test_surname_pronoun_and_role_noun_resolve_to_the_full_name():
    q = extract(SHOIGU_TEXT)
    assert q["speaker_mention"].tolist() == ["Russian Defense Minister Sergei Shoigu",
                                             "The defense minister", "He", "Shoigu"]
    assert q["speaker"].tolist() == ["Sergei Shoigu"] * 4
    assert q["speaker_title"].tolist() == ["Russian Defense Minister"] * 4
    assert q["kind"].tolist() == ["indirect", "indirect", "indirect", "direct"]


def test_speaker_offsets_point_at_the_mention():
    q = extract(SHOIGU_TEXT)
    for row in q.itertuples():
        assert SHOIGU_TEXT[row.speaker_start:row.speaker_end] == row.speaker_mention


@pytest.mark.parametrize("text, speaker, title", [
    ("Hugh Hill, a doctor, said two patients were in critical condition.", "Hugh Hill", "doctor"),
    ("Sergei Shoigu, who replaced Anatoly Serdyukov in 2012, said the reform was over.", "Sergei Shoigu", None),
    ("Cory James, 22, of Flint, Mich., said he would vote for Sanders.", "Cory James", None),
    ("Sen. Rand Paul (R-Ky.) said the tax plan would give money to immigrants.", "Rand Paul", "Sen."),
    ("Committee Chairman Rep. Jason Chaffetz, R-Utah, said the questioning will start with Comey.", "Jason Chaffetz", "Committee Chairman Rep."),
])
def test_appositions_relative_clauses_and_titles(text, speaker, title):
    row = one(text)
    assert row["speaker"] == speaker
    assert (None if pd.isna(row["speaker_title"]) else row["speaker_title"]) == title


def test_later_role_noun_uses_the_apposition():
    q = extract("Hugh Hill, a doctor, said two patients were stable. The doctor added that more were expected.")
    assert q["speaker"].tolist() == ["Hugh Hill", "Hugh Hill"]


def test_pronoun_picks_the_last_person_speaking():
    q = extract("Joe Biden said the economy was growing. Donald Trump said it was not. "
                "He added that taxes would fall.")
    assert q["speaker"].tolist() == ["Joe Biden", "Donald Trump", "Donald Trump"]


def test_participle_cue_keeps_the_speaker():
    q = extract("Madeleine Albright urged women to vote for Hillary Clinton, saying the race was close.")
    assert q["quote"].tolist() == ["women to vote for Hillary Clinton", "the race was close"]
    assert set(q["speaker"]) == {"Madeleine Albright"}


def test_coordinated_cue_shares_the_subject_and_ends_the_first_content():
    q = extract("The president noted that he taught constitutional law, and added: "
                "“I know a little about this.”")
    assert q["quote"].tolist() == ["that he taught constitutional law", "I know a little about this."]
    assert q["kind"].tolist() == ["indirect", "direct"]
    assert q["cue"].tolist() == ["noted", "added"]
    assert q["speaker"].tolist() == ["the president", "the president"]


def test_colon_ends_a_paraphrase_before_the_quote_it_leads_into():
    q = extract("Trump asserted that France had lost its identity: “France is no longer France,” "
                "he claimed.")
    assert q["quote"].tolist() == ["that France had lost its identity", "France is no longer France,"]
    assert q["cue"].tolist() == ["asserted", "claimed"]
    assert set(q["speaker"]) == {"Trump"}


def test_quote_after_a_relative_clause_continues_the_first_quote():
    text = ("“I never really trusted her,” said Robert Stone, a 59-year-old from Hilton Head, who "
            "already cast an absentee ballot for Sanders. “Every time she opens her mouth, I think "
            "she is lying.”")
    direct = extract(text).query("kind == 'direct'")
    assert len(direct) == 1
    row = direct.iloc[0]
    assert row["quote"] == ("I never really trusted her, Every time she opens her mouth, I think "
                            "she is lying.")
    assert row["speaker"] == "Robert Stone" and row["start"] == 0 and row["end"] == len(text)


def test_quoted_sentence_inside_a_paraphrase_is_also_a_direct_quote():
    q = extract("In Berlin in 1987 Ronald Reagan made his famous demand that the Soviet leader "
                "end the division of the city with the words \"Mr. Gorbachev, tear down this wall!\" "
                "before a crowd of thousands.")
    assert "Mr. Gorbachev, tear down this wall!" in q.loc[q["kind"] == "direct", "quote"].tolist()
    assert set(q["speaker"]) == {"Ronald Reagan"}


def test_nested_statements_keep_the_outer_one():
    q = extract("Shoigu said that NATO believes the exercises are defensive.")
    assert len(q) == 1
    assert q.iloc[0]["speaker"] == "Shoigu" and q.iloc[0]["cue"] == "said"


@pytest.mark.parametrize("spans, kept", [
    ([(0, 100), (10, 90)], [(0, 100)]),            # inner covers 80 %: dropped
    ([(0, 100), (10, 30)], [(0, 100), (10, 30)]),  # inner covers 20 %: kept
    ([(0, 50), (40, 100)], [(0, 50), (40, 100)]),  # overlapping, not nested: both kept
    ([(5, 20), (5, 20)], [(5, 20)]),               # same span twice: one
])
def test_drop_nested(spans, kept):
    class S:
        def __init__(self, start, end):
            self.start, self.end = start, end
    out = aq.drop_nested([S(s, e) for s, e in spans])
    assert [(s.start, s.end) for s in out] == kept


# --------------------------------------------------------------------------------------------
# the seed article
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_quotes(seed_articles):
    return aq.extract_quotes(seed_articles)


def test_seed_direct_quotes_are_shoigu(seed_quotes, seed_articles):
    direct = seed_quotes[seed_quotes["kind"] == "direct"]
    assert len(direct) == 3
    assert set(direct["speaker"]) == {"Sergei Shoigu"}
    assert set(direct["speaker_title"]) == {"Russian Defense Minister"}
    assert direct["cue"].tolist() == ["said", "stressed", "added"]
    assert direct["quote"].iloc[0].startswith("Our regular meetings confirm once again")
    text = seed_articles["text"].iloc[0]
    assert [text[s:e] for s, e in zip(direct["speaker_start"], direct["speaker_end"])] == ["Shoigu"] * 3


def test_seed_indirect_statements(seed_quotes):
    by_cue = dict(zip(seed_quotes["cue"], seed_quotes["speaker_mention"]))
    assert by_cue["noted"] in ("Shoigu", "He")
    row = seed_quotes[seed_quotes["cue"] == "According to"].iloc[0]
    assert row["speaker_mention"] == "the Russian defense minister"
    assert row["speaker"] == "Sergei Shoigu"


def test_seed_shoigu_has_the_largest_share(seed_quotes):
    share = aq.quote_share(seed_quotes)
    assert share.iloc[0]["speaker"] == "Sergei Shoigu"
    assert share.iloc[0]["share"] > 0.6
    assert share["share"].sum() == pytest.approx(1.0)


# --------------------------------------------------------------------------------------------
# quote share
# --------------------------------------------------------------------------------------------

@pytest.fixture
def two_outlets() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pd.DataFrame({
        "article_id": ["s1", "s2", "w1"],
        "outlet": ["Sputnik", "Sputnik", "Wikinews"],
        "text": ['"We will respond to any provocation," Russian Defense Minister Sergei Shoigu said.',
                 'Shoigu said the drills were defensive. "Nothing will change," Lavrov said.',
                 "Joe Biden said the economy was growing fast. Critics disagreed."],
    })
    return articles, aq.extract_quotes(articles)


def test_quote_share_by_outlet(two_outlets):
    articles, quotes = two_outlets
    share = aq.quote_share(quotes, by="outlet", articles=articles)
    assert list(share.columns) == ["outlet", *SHARE_COLUMNS]
    assert share.groupby("outlet")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    sputnik = share[share["outlet"] == "Sputnik"].set_index("speaker")
    # "Shoigu" in s2 is merged with "Sergei Shoigu" of s1 by canonical name
    assert sputnik.loc["Sergei Shoigu", "n_quotes"] == 2
    assert sputnik.loc["Sergei Shoigu", "n_words"] == 6 + 4
    assert sputnik.loc["Lavrov", "share"] == pytest.approx(3 / 13)


def test_quote_share_by_article_and_corpus(two_outlets):
    _, quotes = two_outlets
    by_article = aq.quote_share(quotes, by="article_id")
    assert by_article.groupby("article_id")["share"].sum().tolist() == pytest.approx([1, 1, 1])
    corpus = aq.quote_share(quotes)
    assert list(corpus.columns) == list(SHARE_COLUMNS)
    assert corpus["n_words"].sum() == quotes["n_words"].sum()
    assert corpus.iloc[0]["speaker"] == "Sergei Shoigu"


def test_quote_share_needs_articles_for_outlet(two_outlets):
    _, quotes = two_outlets
    with pytest.raises(ValueError, match="articles="):
        aq.quote_share(quotes, by="outlet")


def test_quote_share_of_no_quotes():
    empty = extract("Nothing remarkable happened here.")
    assert aq.quote_share(empty, by="article_id").empty


def test_report_helpers_degrade_on_no_quotes():
    articles = pd.DataFrame({"article_id": ["x"], "outlet": ["Solo"], "text": ["Plain narration only."]})
    quotes = aq.extract_quotes(articles)
    voice = aq.quoted_text_share(quotes, articles=articles)
    assert voice.set_index("voice")["share"].to_dict() == {"quoted": 0.0, "narration": 1.0}
    assert aq.speaker_cues(quotes, []).empty
    assert aq.speaker_evidence(quotes, []).empty
    assert aq.top_speakers(aq.quote_share(quotes, by="outlet", articles=articles), by="outlet").empty


def test_quoted_text_share_counts_words(two_outlets):
    articles, quotes = two_outlets
    voice = aq.quoted_text_share(quotes, articles=articles).set_index(["outlet", "voice"])
    assert voice.loc[("Wikinews", "quoted"), "n_words"] == 5   # "the economy was growing fast"
    assert voice.loc[("Wikinews", "narration"), "n_words"] == 5   # "Joe Biden said", "Critics disagreed"


def test_cue_tones():
    assert aq.cue_tone("said") == "neutral"
    assert aq.cue_tone("claimed") == "loaded"
    assert aq.cue_tone("stressed") == "loaded"
    assert aq.cue_tone("thinks") == "belief"
    assert aq.cue_tone(":") == "other"
    lex = aq.cue_lexicon()
    assert set(lex["tone"]) <= {"neutral", "loaded", "belief", "action"}
    assert not lex["cue"].duplicated().any()


@pytest.mark.parametrize("chart, data", [
    ("speaker_share_chart", pd.DataFrame(columns=["speaker", "share"])),
    ("quoted_vs_narration_chart", pd.DataFrame(columns=["outlet", "voice", "n_words", "share"])),
    ("speaker_cue_chart", pd.DataFrame(columns=["speaker", "tone", "n_quotes", "share"])),
])
def test_quote_charts_degrade_to_a_note(chart, data):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis import plots

    ax = getattr(plots, chart)(data)
    assert ax.texts and not ax.patches  # a note, no bars
    plt.close(ax.figure)


def test_quote_charts_draw_bars(two_outlets):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis import plots

    articles, quotes = two_outlets
    top = aq.top_speakers(aq.quote_share(quotes, by="outlet", articles=articles), by="outlet")
    ax = plots.speaker_share_chart(top[top["outlet"] == "Sputnik"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Lavrov", "Sergei Shoigu"]
    plt.close(ax.figure)
    ax = plots.quoted_vs_narration_chart(aq.quoted_text_share(quotes, articles=articles))
    assert len(ax.patches) == 4   # two outlets x (quoted, narration)
    plt.close(ax.figure)


def test_same_output_for_any_hash_seed(tmp_path):
    """Speaker resolution must not depend on set order (Dask workers each have their own
    PYTHONHASHSEED): two processes with different seeds give identical tables."""
    import os
    import subprocess
    import sys

    code = ("from analysis.corpus import load_articles; from analysis.quotes import extract_quotes; "
            "from analysis import config; import sys; "
            "extract_quotes(load_articles(config.DEFAULT_CORPUS)).to_csv(sys.argv[1], index=False)")
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"q{seed}.csv"
        subprocess.run([sys.executable, "-c", code, str(out)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]


def test_record_types_are_public_and_a_continuing_quote_inherits_speaker_and_title():
    assert {"Article", "Person", "Statement"} <= set(aq.__all__)
    assert not [n for n in vars(aq) if n.startswith("_") and not n.startswith("__")]
    # (a quote that is the whole next paragraph continues the statement as one, as the
    # guidelines count it; here the first paragraph goes on, so the second quote is a
    # statement of its own that inherits the speaker)
    one = ('Russian Defense Minister Sergei Shoigu said: "The talks were useful."\n\n'
           '"We will meet again next year, in Moscow, to sign the agreement."')
    assert len(aq.extract_article(one)) == 1
    text = ('Russian Defense Minister Sergei Shoigu said: "The talks were useful." The delegations '
            'left on Monday.\n\n"We will meet again next year, in Moscow, to sign the agreement."')
    _, candidates = aq.candidate_statements(text)
    first, second = sorted(aq.extract_article(text), key=lambda s: s.start)
    assert isinstance(second, aq.Statement) and second.inherits_title and not first.inherits_title
    assert (second.speaker, second.title) == (first.speaker, first.title) == (
        "Sergei Shoigu", "Russian Defense Minister")
    # before resolution no title is set (no sentinel string in it)
    assert candidates and all(st.title is None for st in candidates)


@pytest.mark.parametrize("text, first", [
    ("MOSCOW (Sputnik) Both Russia and Serbia confirm it, Shoigu said.", "Both Russia"),
    ("WASHINGTON (Reuters) - The minister said it rained.", "The minister"),
    ("NEW YORK, June 3 (AP) — A spokesman said it rained.", "A spokesman"),
    ("BEIRUT — Syrian officials said it rained.", "Syrian officials"),
    ("FBI (Federal Bureau) said it rained.", "FBI (Federal"),       # no dateline: a verb follows
    ("He said. NATO (the alliance) Chief said it.", "He said"),   # not at a paragraph start
])
def test_a_wire_dateline_is_no_part_of_the_sentence(text, first):
    from analysis.quotes.units import split_units

    s, _ = split_units(text)[0]
    assert text[s:].startswith(first)


def test_the_seed_dateline_stays_out_of_shoigus_statement(seed_quotes):
    first = seed_quotes.iloc[0]
    assert first["speaker"] == "Sergei Shoigu"
    assert first["quote"].startswith("Both Russia and Serbia confirm")


@pytest.mark.parametrize("text, expected", [
    ("The Senate voted to repeal the law on Tuesday.", []),
    ("The party nominated Collins for Vice President the next month.", []),
    ("Sanders spoke about affordable higher education in his announcement.", []),
    ("Protesters reportedly set fire to a car.", []),
    ("President Trump signed the bill on Friday, saying it was a historic day for farmers.",
     ["it was a historic day for farmers"]),
    ("Sanders spoke of his hope that the movement would continue.",
     ["that the movement would continue"]),
])
def test_acts_and_topics_are_no_statements(text, expected):
    """ATTRIBUTION_GUIDELINES.md: acts and decisions, speaking about a topic and "reportedly"
    are no attributed statements; a message they carry ("saying ...", "hope that ...") is."""
    assert [text[s.start:s.end] for s in aq.extract_article(text)] == expected


def test_a_fronted_participle_is_asked_by_the_main_clauses_subject():
    text = ("He won the Intercontinental Championship once. After asking for his release from "
            "WWE, Huber signed with AEW at the beginning of this year.")
    got = [(text[s.start:s.end], s.speaker) for s in aq.extract_article(text)]
    assert got == [("for his release from WWE", "Huber")]


def test_a_time_phrase_is_no_part_of_an_according_to_source():
    # a sentence of NewsMTSC (an outlet not tuned on), read by hand for issue #12
    text = ("According to an Associated Press count late Tuesday, Cruz won 33 of 36 allocated "
            "Wisconsin delegates.")
    (st,) = aq.extract_article(text)
    assert (st.mention, text[st.start:st.end]) == (
        "an Associated Press count", "Cruz won 33 of 36 allocated Wisconsin delegates")
