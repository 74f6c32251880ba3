"""The shared shape of the grouped summaries: ``f(primary_table, *, articles=None, by=...)``,
``by`` a column, a sequence of columns or None; the previous call forms warn and give the same
result; one label for a missing group; clear errors for missing columns; a corpus that cannot
support an analysis raises ``InsufficientDataError``, which ``report.attempt`` alone turns into
a note. Real text: the seed article and Wikinews articles of the embedded corpus."""

from __future__ import annotations

import warnings

import matplotlib
import pandas as pd
import pytest

from analysis import framing, plots
from analysis import quotes as aq
from analysis import sentiment as sn
from analysis.corpus import UNKNOWN_OUTLET, count_by_month, count_by_outlet, load_articles
from analysis.report import attempt
from analysis.schema import (UNKNOWN_GROUP, InsufficientDataError, group_keys, group_label,
                             with_groups)

matplotlib.use("Agg")

TERMS = ["NATO", "president", "minister", "color revolution"]


@pytest.fixture(scope="module")
def articles(small_corpus):
    """The seed article (Sputnik) and 12 Wikinews articles, with a ``half`` column (first or
    second half of each outlet's articles) to group by a second column."""
    arts = load_articles(small_corpus)
    rank = arts.groupby("outlet").cumcount()
    size = arts.groupby("outlet")["article_id"].transform("size")
    arts["half"] = ["first" if r < n / 2 else "second" for r, n in zip(rank, size)]
    return arts


@pytest.fixture(scope="module")
def quotes(articles):
    return aq.extract_quotes(articles)


@pytest.fixture(scope="module")
def mentions(articles, quotes):
    return sn.term_sentiment(articles, TERMS, quotes=quotes)


@pytest.fixture(scope="module")
def scores(articles):
    return framing.score_frames(articles)


def no_warning(call):
    """``call()``, failing on any warning (the new call forms warn about nothing)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call()


# --------------------------------------------------------------------------------------------
# the previous call forms: a DeprecationWarning, the same result
# --------------------------------------------------------------------------------------------

DEPRECATED = {
    "quote_share": (lambda t: aq.quote_share(t["quotes"], articles=t["articles"], by="outlet"),
                    lambda t: aq.quote_share(t["quotes"], "outlet", articles=t["articles"])),
    "quoted_text_share": (lambda t: aq.quoted_text_share(t["quotes"], articles=t["articles"], by="outlet"),
                          lambda t: aq.quoted_text_share(t["articles"], t["quotes"], by="outlet")),
    "quoted_text_share, quotes=": (lambda t: aq.quoted_text_share(t["quotes"], articles=t["articles"]),
                                   lambda t: aq.quoted_text_share(t["articles"], quotes=t["quotes"])),
    "cue_verb_profile": (lambda t: framing.cue_verb_profile(t["quotes"], articles=t["articles"], by="outlet"),
                         lambda t: framing.cue_verb_profile(t["quotes"], t["articles"], by="outlet")),
    "top_cues": (lambda t: framing.top_cues(t["quotes"], articles=t["articles"], n=3),
                 lambda t: framing.top_cues(t["quotes"], t["articles"], n=3)),
    "frame_profile": (lambda t: framing.frame_profile(t["articles"], scores=t["scores"], by="outlet"),
                      lambda t: framing.frame_profile(t["articles"], t["scores"], by="outlet")),
    "summarize_mentions": (lambda t: sn.summarize_mentions(t["mentions"], by=["outlet", "term"], n_boot=50),
                           lambda t: sn.summarize_mentions(t["mentions"], ["outlet", "term"], n_boot=50)),
    "mention_evidence": (lambda t: sn.mention_evidence(t["mentions"], articles=t["articles"], n=3),
                         lambda t: sn.mention_evidence(t["mentions"], t["articles"], n=3)),
}


@pytest.fixture(scope="module")
def tables(articles, quotes, mentions, scores):
    return {"articles": articles, "quotes": quotes, "mentions": mentions, "scores": scores}


@pytest.mark.parametrize("name", DEPRECATED)
def test_deprecated_form_warns_and_gives_the_same_table(tables, name):
    new_call, old_call = DEPRECATED[name]
    new = no_warning(lambda: new_call(tables))
    function = name.split(",")[0]
    with pytest.warns(DeprecationWarning, match=rf"{function}: the call form .* is deprecated"):
        old = old_call(tables)
    assert not new.empty
    pd.testing.assert_frame_equal(old, new)


@pytest.mark.parametrize("chart", ["polarity_by_group", "label_shares"])
def test_deprecated_group_keyword_of_charts(mentions, chart):
    summary = sn.mentions_by_outlet(mentions, n_boot=50)
    draw = getattr(plots, chart)
    new = no_warning(lambda: draw(summary, by="outlet", title="t"))
    with pytest.warns(DeprecationWarning, match="group="):
        old = draw(summary, group="outlet", title="t")
    labels = [[t.get_text() for t in ax.get_yticklabels()] for ax in (new, old)]
    assert labels[0] == labels[1] and labels[0]
    for ax in (new, old):
        matplotlib.pyplot.close(ax.figure)


def test_deprecated_form_rejects_what_the_old_form_rejected(tables):
    with pytest.raises(TypeError, match="multiple values"):
        aq.quote_share(tables["quotes"], "outlet", by="outlet")
    with pytest.raises(TypeError, match="at most 2 positional"):
        aq.quote_share(tables["quotes"], "outlet", tables["articles"])


# --------------------------------------------------------------------------------------------
# by: a column, a sequence of columns, None
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("by, keys", [(None, []), ("outlet", ["outlet"]),
                                      (["outlet", "half"], ["outlet", "half"]),
                                      (("outlet",), ["outlet"])])
def test_group_keys(by, keys):
    assert group_keys(by) == keys


@pytest.mark.parametrize("by", [3, ["outlet", 1]])
def test_group_keys_rejects_non_columns(by):
    with pytest.raises(TypeError, match="column name"):
        group_keys(by)


SUMMARIES = {
    "quote_share": lambda t, by: aq.quote_share(t["quotes"], articles=t["articles"], by=by),
    "quoted_text_share": lambda t, by: aq.quoted_text_share(t["quotes"], articles=t["articles"], by=by),
    "cue_verb_profile": lambda t, by: framing.cue_verb_profile(t["quotes"], articles=t["articles"], by=by),
    "top_cues": lambda t, by: framing.top_cues(t["quotes"], articles=t["articles"], by=by, n=3),
    "frame_profile": lambda t, by: framing.frame_profile(t["articles"], scores=t["scores"], by=by),
    "salience_summary": lambda t, by: framing.salience_summary(
        framing.term_salience(t["articles"], TERMS), articles=t["articles"], by=by),
    "scare_quote_summary": lambda t, by: framing.scare_quote_summary(
        framing.scare_quotes(t["articles"], TERMS), articles=t["articles"], by=by),
    "summarize_mentions": lambda t, by: sn.summarize_mentions(
        t["mentions"], articles=t["articles"], by=by, n_boot=50),
    "top_speakers": lambda t, by: aq.top_speakers(
        aq.quote_share(t["quotes"], articles=t["articles"], by=["outlet", "half"]), by=by, n=2),
}


@pytest.mark.parametrize("summarize, primary", [
    (framing.salience_summary, lambda t: framing.term_salience(t["articles"], TERMS)),
    (framing.scare_quote_summary, lambda t: framing.scare_quotes(t["articles"], TERMS)),
    (lambda table, **kw: sn.summarize_mentions(table, n_boot=50, **kw), lambda t: t["mentions"]),
])
def test_articles_gives_the_group_columns_a_merge_would(tables, summarize, primary):
    table = primary(tables)
    merged = table.merge(tables["articles"][["article_id", "half"]], on="article_id")
    by_hand = summarize(merged, by=["outlet", "half"])
    assert not by_hand.empty
    pd.testing.assert_frame_equal(summarize(table, articles=tables["articles"], by=["outlet", "half"]), by_hand)


@pytest.mark.parametrize("name", SUMMARIES)
def test_one_column_as_a_sequence_is_the_column(tables, name):
    summarize = SUMMARIES[name]
    one = no_warning(lambda: summarize(tables, "outlet"))
    assert not one.empty and "outlet" in one.columns
    pd.testing.assert_frame_equal(summarize(tables, ["outlet"]), one)


@pytest.mark.parametrize("name", SUMMARIES)
def test_two_columns_group_by_their_combinations(tables, name):
    table = no_warning(lambda: SUMMARIES[name](tables, ["outlet", "half"]))
    assert list(table.columns[:2]) == ["outlet", "half"]
    assert set(table["half"]) <= {"first", "second"}
    assert (table.groupby(["outlet", "half"]).ngroups
            > table.groupby("outlet").ngroups)           # Wikinews is split in two halves


@pytest.mark.parametrize("name", [n for n in SUMMARIES if n != "top_speakers"])
def test_no_by_is_the_whole_table(tables, name):
    table = no_warning(lambda: SUMMARIES[name](tables, None))
    assert not table.empty
    assert "outlet" not in table.columns and "half" not in table.columns


def test_sequence_by_sums_within_each_group(tables):
    share = aq.quote_share(tables["quotes"], articles=tables["articles"], by=["outlet", "half"])
    assert share.groupby(["outlet", "half"])["share"].sum().round(9).eq(1).all()
    profile = framing.cue_verb_profile(tables["quotes"], articles=tables["articles"],
                                       by=["outlet", "kind"])    # one column of each table
    assert profile["n_quotes"].sum() == len(tables["quotes"])
    assert profile.groupby(["outlet", "kind"])["share"].sum().round(9).eq(1).all()


def test_keyness_by_two_columns(articles):
    wikinews = articles[articles["outlet"] == "Wikinews (en)"]
    label = framing.keyness(wikinews, by=["outlet", "half"], a="Wikinews (en) · first",
                            b="Wikinews (en) · second", min_count=2)
    values = framing.keyness(wikinews, by=("outlet", "half"), a=("Wikinews (en)", "first"),
                             b=("Wikinews (en)", "second"), min_count=2)
    pd.testing.assert_frame_equal(label, values)
    halves = wikinews["half"].value_counts()
    assert (label.attrs["a"], label.attrs["b"]) == ("Wikinews (en) · first", "Wikinews (en) · second")
    assert (label.attrs["n_articles_a"], label.attrs["n_articles_b"]) == (halves["first"], halves["second"])
    by_half = framing.keyness(wikinews, by="half", a="first", b="second", min_count=2)
    assert label["z"].tolist() == by_half["z"].tolist()    # the same two groups of articles


def test_keyness_needs_a_column():
    with pytest.raises(ValueError, match="by= must name a column"):
        framing.two_groups(pd.DataFrame({"outlet": ["a", "b"]}), by=None)


# --------------------------------------------------------------------------------------------
# one label for a missing group
# --------------------------------------------------------------------------------------------

def test_unknown_outlet_is_the_unknown_group():
    assert UNKNOWN_OUTLET == UNKNOWN_GROUP == "(unknown)"


@pytest.fixture(scope="module")
def no_outlet(articles):
    """The corpus with the outlet of three Wikinews articles missing."""
    arts = articles.copy()
    arts["outlet"] = arts["outlet"].astype("object")
    arts.loc[arts.index[arts["outlet"] == "Wikinews (en)"][:3], "outlet"] = None
    return arts


MISSING_OUTLET = {
    "count_by_outlet": lambda a, q: count_by_outlet(a),
    "count_by_month": lambda a, q: count_by_month(a),
    "frame_profile": lambda a, q: framing.frame_profile(a),
    "cue_verb_profile": lambda a, q: framing.cue_verb_profile(q, articles=a),
    "top_cues": lambda a, q: framing.top_cues(q, articles=a),
    "salience_summary": lambda a, q: framing.salience_summary(framing.term_salience(a, ["said"])),
    "scare_quote_summary": lambda a, q: framing.scare_quote_summary(framing.scare_quotes(a, ["said"])),
}


@pytest.mark.parametrize("name", MISSING_OUTLET)
def test_missing_outlet_is_labelled_unknown(no_outlet, name):
    quotes = aq.extract_quotes(no_outlet)
    table = MISSING_OUTLET[name](no_outlet, quotes)
    assert UNKNOWN_GROUP in set(table["outlet"])
    assert table["outlet"].notna().all()


def test_group_label_joins_values(no_outlet):
    labels = group_label(no_outlet, ["outlet", "half"])
    assert f"{UNKNOWN_GROUP} · first" in set(labels)
    assert group_label(no_outlet, ["outlet", "half"], unknown=None).isna().sum() == 3


def test_chart_shows_missing_group_as_unknown(no_outlet):
    profile = framing.cue_verb_profile(aq.extract_quotes(no_outlet), articles=no_outlet)
    ax = plots.cue_profile_chart(profile)
    assert UNKNOWN_GROUP in [t.get_text() for t in ax.get_yticklabels()]
    matplotlib.pyplot.close(ax.figure)


# --------------------------------------------------------------------------------------------
# missing columns: a clear error at the entry point
# --------------------------------------------------------------------------------------------

MISSING_COLUMN = [
    ("score_frames", lambda t: framing.score_frames(t["articles"].drop(columns="text")), "text"),
    ("keyness", lambda t: framing.keyness(t["articles"].drop(columns="outlet")), "outlet"),
    ("frame_profile", lambda t: framing.frame_profile(t["articles"], by="desk"), "desk"),
    ("kwic", lambda t: framing.kwic(t["articles"].drop(columns="date"), "NATO"), "date"),
    ("quote_share", lambda t: aq.quote_share(t["quotes"].drop(columns="speaker")), "speaker"),
    ("quote_share articles", lambda t: aq.quote_share(t["quotes"], articles=t["articles"], by="desk"),
     "desk"),
    ("quoted_text_share", lambda t: aq.quoted_text_share(t["quotes"].drop(columns="start"),
                                                         articles=t["articles"]), "start"),
    ("cue_verb_profile", lambda t: framing.cue_verb_profile(t["quotes"].drop(columns="cue")), "cue"),
    ("summarize_mentions", lambda t: sn.summarize_mentions(t["mentions"].drop(columns="polarity")),
     "polarity"),
    ("count_by_outlet", lambda t: count_by_outlet(t["articles"].drop(columns="outlet")), "outlet"),
]


@pytest.mark.parametrize("name, call, column", MISSING_COLUMN, ids=[m[0] for m in MISSING_COLUMN])
def test_missing_column_is_named(tables, name, call, column):
    with pytest.raises(ValueError, match=rf"missing column\(s\) \['{column}'\]") as info:
        call(tables)
    assert not isinstance(info.value, InsufficientDataError)


def test_with_groups_without_articles_says_how():
    quotes = aq.extract_quotes(pd.DataFrame({"article_id": ["s"], "text": ['"Yes," Shoigu said.']}))
    with pytest.raises(ValueError, match="pass articles="):
        with_groups(quotes, ["outlet"], articles=None, what="test")


# --------------------------------------------------------------------------------------------
# InsufficientDataError, and report.attempt
# --------------------------------------------------------------------------------------------

def test_keyness_on_one_outlet_is_insufficient(seed_articles):
    with pytest.raises(InsufficientDataError, match="two groups of 'outlet'; found 1"):
        framing.keyness(seed_articles, by="outlet")


def test_keyness_of_an_absent_outlet_is_insufficient(articles):
    with pytest.raises(InsufficientDataError, match="'RT' has no articles"):
        framing.keyness(articles, a="Sputnik", b="RT")


@pytest.mark.parametrize("n_articles", [0, 1, 2])
def test_discovery_on_too_few_articles_is_insufficient(articles, n_articles):
    with pytest.raises(InsufficientDataError, match="at least 3 articles"):
        framing.discover_frames(articles.head(n_articles))


def test_discovery_without_shared_words_is_insufficient(seed_articles):
    three = pd.DataFrame({"article_id": ["1", "2", "3"],
                          "text": [seed_articles["text"].iloc[0], "Bonjour tout le monde.", "Hallo Welt."]})
    with pytest.raises(InsufficientDataError, match="no words shared"):
        framing.discover_frames(three)


def test_attempt_turns_insufficient_data_into_a_note(seed_articles):
    table, note = attempt(framing.keyness, seed_articles, by="outlet")
    assert table is None
    assert note.startswith("keyness needs two groups of 'outlet'; found 1")


def test_attempt_returns_the_result(articles):
    table, note = attempt(framing.keyness, articles, by="outlet")
    assert note is None and table.attrs["a"] == "Wikinews (en)"


@pytest.mark.parametrize("call, error", [
    (lambda a: attempt(framing.keyness, a, by="outlet", bogus=True), TypeError),
    (lambda a: attempt(framing.keyness, a.drop(columns="outlet")), ValueError),
    (lambda a: attempt(lambda: len(a) / 0), ZeroDivisionError),
])
def test_attempt_lets_other_errors_through(seed_articles, call, error):
    with pytest.raises(error) as info:
        call(seed_articles)
    assert not isinstance(info.value, InsufficientDataError)
