"""The text primitives: word lists as resource files (provenance, the one pronoun table) and the
one sentence splitter (prose, and the every-line variant of the quote-masked text)."""

from __future__ import annotations

import pytest

from analysis import config
from analysis.corpus import load_articles
from analysis.quotes import split_units
from analysis.text import ABBREVIATIONS, pronouns, sentence_spans, stopwords, word_list
from analysis.text.words import WORDS_DIR, pronoun_table

LIST_NAMES = sorted(p.stem for p in WORDS_DIR.glob("*.txt"))


def test_word_lists_are_found():
    assert WORDS_DIR == config.RESOURCES_DIR / "words"
    assert {"abbreviations", "aux_adverbs", "cap_stop", "clause_breaks", "negations", "role_nouns",
            "title_words"} <= set(LIST_NAMES)


@pytest.mark.parametrize("name", LIST_NAMES)
def test_each_word_list_loads_and_says_where_it_came_from(name):
    words = word_list(name)
    assert words
    lines = (WORDS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert header and header[0].startswith("# ") and len(header[0]) > 10, "a first line saying what it is"
    assert any(line.startswith("# source: ") for line in header), "a provenance line"


@pytest.mark.parametrize("name", ["stopwords_en.txt", "score_not_names.txt"])
def test_the_other_word_lists_say_where_they_came_from(name):
    lines = (config.RESOURCES_DIR / name).read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("# source: ") for line in lines if line.startswith("#"))


def test_pronoun_table_has_a_provenance_line_and_tags():
    text = (WORDS_DIR / "pronouns.tsv").read_text(encoding="utf-8")
    assert text.startswith("# ") and "\n# source: " in text
    assert pronoun_table()["who"] >= {"relative"}
    with pytest.raises(ValueError, match="unknown pronoun tag"):
        pronouns("subjct")


def test_derived_pronoun_sets_equal_the_sets_they_replace():
    # the literal sets the modules defined before the table (quotes.records x2, quotes.resolve,
    # sentiment.features, quote_filter)
    assert pronouns("subject", "gendered") == frozenset("he she".split())
    assert pronouns("subject") == frozenset("he she they it we i you who".split())
    assert pronouns("subject", "third") | pronouns("subject", "plural") == frozenset("he she they it we".split())
    assert pronouns(without=("relative",)) == frozenset("he she him her his they them it i we you".split())
    from analysis.quotes.filter import PRONOUNS as filter_pronouns
    from analysis.quotes import records, resolve
    from analysis.sentiment import features
    assert records.PERSON_PRONOUNS == frozenset("he she".split())
    assert records.PRONOUNS == filter_pronouns == frozenset("he she they it we i you who".split())
    assert resolve.ANAPHORS == frozenset("he she they it we".split())
    assert features.PRONOUNS == frozenset("he she him her his they them it i we you".split())


def test_composed_lists_keep_their_parts():
    from analysis.quotes import records
    # members of each part: a role noun and a title modifier; a function word and an adverb
    assert {"minister", "spokesman", "former", "defense"} <= records.TITLE_WORDS
    assert {"which", "because", "repeatedly", "reportedly"} <= records.NOT_NOUN
    assert {"u.s", "d.c", "mr", "gen", "sept"} <= ABBREVIATIONS


def test_stop_words_still_come_from_their_file():
    assert {"the", "said", "and"} <= stopwords()
    assert "russia" not in stopwords()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return load_articles(config.RAW_DIR / "seed")["text"].iloc[0]


def test_sentence_spans_of_the_seed_article(seed_text):
    spans = sentence_spans(seed_text)
    assert len(spans) == 13
    assert spans[:4] == [(0, 188), (190, 529), (531, 689), (691, 945)]
    assert seed_text[:188].endswith("Russian Defense Minister Sergei Shoigu said Tuesday.")
    assert seed_text[531:].startswith("Moscow considers Belgrade")
    # one paragraph a sentence: the quote-masked variant gives the same sentences here
    assert sentence_spans(seed_text, every_line=True) == spans


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Defense Minister Gen. Sergei K. Shoigu met Mr. Djordjevic in the U.S. Capital. Both spoke."
    assert sentence_spans(text) == [(0, 78), (79, 90)]
    assert sentence_spans(text, every_line=True) == [(0, 78), (79, 90)]


def test_every_line_variant_breaks_at_each_line_break(seed_text):
    first = seed_text[:187]                      # the seed's first sentence without its period
    text = first + "\nMoscow considers Belgrade a reliable partner, Shoigu noted."
    assert sentence_spans(text) == [(0, len(text))]            # prose: one sentence
    assert sentence_spans(text, every_line=True) == [(0, 187), (188, len(text))]
    # the quote rules' units leave the wire dateline out ("MOSCOW (Sputnik) ")
    dateline = len("MOSCOW (Sputnik) ")
    assert text[:dateline] == "MOSCOW (Sputnik) "
    assert split_units(text) == [(dateline, 187), (188, len(text))]
    # the masked-text variant reads "D.C." as an abbreviation, prose as a sentence end
    dc = "He lives in Washington, D.C. The rest is quiet."
    assert split_units(dc) == [(0, len(dc))]
    assert len(sentence_spans(dc)) == 2
    # a paragraph break ends a prose sentence too
    assert sentence_spans(first + "\n\nMoscow") == [(0, 187), (189, 195)]


def test_the_variants_keep_their_own_rules():
    # "D.C." is an abbreviation in the quote-masked text only (as before the lists were merged)
    text = "Shoigu spoke in Washington, D.C. The talks went on."
    assert sentence_spans(text) == [(0, 32), (33, 51)]
    assert sentence_spans(text, every_line=True) == [(0, 51)]
    # the prose splitter reads the word before a period back over opening quote marks
    text = "He cited 'Gen. Smith' and left."
    assert sentence_spans(text) == [(0, len(text))]
