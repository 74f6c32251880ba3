"""Term lexicons and term matching (analysis.text: load_terms, term_pattern, resolve_terms,
compile_terms, find_terms)."""

from __future__ import annotations

import re

import pandas as pd

import pytest

from analysis import config
from analysis.text import compile_terms, find_terms, load_terms, resolve_terms, term_pattern

TERMS_DIR = config.RESOURCES_DIR / "terms"


@pytest.fixture(scope="module")
def lexicon():
    return load_terms()


@pytest.mark.parametrize("surface", [
    "color revolution", "Color Revolutions", "colour revolutions", "colored revolutions",
    "Coloured Revolution", "color-revolution", "color revolution's", "color revolutions'",
    "color revolution’s", "COLOR REVOLUTIONS", "color\nrevolutions", "colour - revolution",
])
def test_color_revolution_variants_match(surface, lexicon):
    hits = find_terms(f"They warned of {surface} in the region.", ["color revolution"], lexicon=lexicon)
    assert [(t, m) for t, m, _, _ in hits] == [("color revolution", surface)]


@pytest.mark.parametrize("text", [
    "a colorful revolution", "a color revolutionary", "discolor revolution", "colorrevolution",
    "the revolution of color",
])
def test_near_misses_do_not_match(text, lexicon):
    assert find_terms(text, ["color revolution"], lexicon=lexicon) == []


@pytest.mark.parametrize("phrase, text, expected", [
    ("hybrid war", "Two Hybrid-Wars and a hybrid war's end", ["Hybrid-Wars", "hybrid war's"]),
    ("policy", "foreign policies and one policy", ["policies", "policy"]),
    ("soft power", "SOFT POWER, soft  powers", ["SOFT POWER", "soft  powers"]),
    ("box", "two boxes, a box", ["boxes", "box"]),
])
def test_plain_phrases_follow_the_same_rules(phrase, text, expected, lexicon):
    hits = find_terms(text, [phrase], lexicon=lexicon)
    assert [m for _, m, _, _ in hits] == expected
    assert {t for t, _, _, _ in hits} == {phrase}


@pytest.mark.parametrize("text, expected", [
    ("NATO's eastward expansion", ["NATO's"]),
    ("the North Atlantic Treaty Organization met", ["North Atlantic Treaty Organization"]),
    ("nato is lower case here", []),
])
def test_acronyms_keep_their_case(text, expected, lexicon):
    assert [m for _, m, _, _ in find_terms(text, ["NATO"], lexicon=lexicon)] == expected


def test_offsets_point_at_the_match(lexicon):
    text = "Sanctions, regime-change and Colour Revolutions: NATO's terrorism rhetoric."
    hits = find_terms(text, ["sanctions", "regime change", "color revolution", "NATO", "terrorism"],
                      lexicon=lexicon)
    assert [t for t, _, _, _ in hits] == ["sanctions", "regime change", "color revolution", "NATO",
                                          "terrorism"]
    assert [(m, s, e) for _, m, s, e in hits] == [
        ("Sanctions", 0, 9), ("regime-change", 11, 24), ("Colour Revolutions", 29, 47),
        ("NATO's", 49, 55), ("terrorism", 56, 65)]


@pytest.mark.parametrize("given, entry", [
    ("color revolution", "color revolution"), ("Colour Revolutions", "color revolution"),
    ("nato", "NATO"), ("Regime-Change", "regime change"),
])
def test_user_terms_resolve_to_lexicon_entries(given, entry, lexicon):
    resolved = resolve_terms([given], lexicon=lexicon)
    assert list(resolved) == [entry]
    assert resolved[entry] == lexicon[entry]


def test_unknown_phrase_is_its_own_term(lexicon):
    assert resolve_terms("deep state", lexicon=lexicon) == {"deep state": ("deep state",)}
    with pytest.raises(ValueError, match="empty term"):
        resolve_terms(["  "], lexicon=lexicon)
    with pytest.raises(ValueError, match="no terms given"):
        find_terms("any text", [], lexicon=lexicon)


def test_one_alternation_for_all_terms_longest_first(lexicon):
    pattern, names, _ = compile_terms(["regime", "regime change"], lexicon=lexicon)
    assert isinstance(pattern, re.Pattern) and names == ("regime", "regime change")
    compiled = compile_terms(["regime", "regime change"], lexicon=lexicon)
    hits = find_terms("the regime and its regime change", compiled)
    assert [(t, m) for t, m, _, _ in hits] == [("regime", "regime"), ("regime change", "regime change")]


def test_seed_article_has_two_color_revolutions(seed_article):
    hits = find_terms(seed_article["text"], ["color revolution"])
    assert [m for _, m, _, _ in hits] == ["color revolutions", "color revolutions"]


def test_lexicon_files_state_their_provenance(lexicon):
    files = sorted(TERMS_DIR.glob("*.tsv"))
    assert files
    for f in files:
        head = f.read_text(encoding="utf-8").splitlines()[:5]
        assert any(line.startswith("#") and "Provenance" in line for line in head), f
    assert {"color revolution", "regime change", "NATO", "sanctions", "terrorism"} <= set(lexicon)
    assert "colour revolution" in lexicon["color revolution"]


def test_raw_regex_variant_and_bad_lexicon(tmp_path):
    good = tmp_path / "good.tsv"
    good.write_text("# Provenance: test\nwar on terror\tre:war(?:s)? on terror(?:ism)?\n", encoding="utf-8")
    lex = load_terms(good)
    hits = find_terms("the wars on terrorism", ["war on terror"], lexicon=lex)
    assert [m for _, m, _, _ in hits] == ["wars on terrorism"]
    bad = tmp_path / "bad.tsv"
    bad.write_text("broken\tre:(unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv, line 1"):
        load_terms(bad)
    assert term_pattern("re:abc").startswith("(?<!\\w)")


# --------------------------------------------------------------------------------------------
# Unicode: NFC terms on NFD text, CJK terms in unspaced text
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "俄罗斯国防部长绍伊古表示，西方国家正在策划颜色革命，以推翻合法政府。",
    "他说：“颜色革命是一种新型战争。”",
    "所谓的颜色革命们",
])
def test_chinese_term_matches_unspaced_chinese(text, lexicon):
    hits = find_terms(text, ["颜色革命"], lexicon=lexicon)
    assert [(t, m) for t, m, _, _ in hits] == [("颜色革命", "颜色革命")]
    _, _, start, end = hits[0]
    assert text[start:end] == "颜色革命"


@pytest.mark.parametrize("term, text, surface", [
    ("カラー革命", "ロシアはカラー革命を警戒している。", "カラー革命"),
    ("색깔혁명", "러시아는 색깔혁명을 경계한다.", "색깔혁명"),
])
def test_japanese_and_korean_terms_match_inside_words(term, text, surface, lexicon):
    assert [m for _, m, _, _ in find_terms(text, [term], lexicon=lexicon)] == [surface]


def test_latin_terms_keep_their_word_boundaries_next_to_cjk_terms(lexicon):
    text = "颜色革命 and color revolutions, not colorrevolution"
    hits = find_terms(text, ["颜色革命", "color revolution"], lexicon=lexicon)
    assert [(t, m) for t, m, _, _ in hits] == [("颜色革命", "颜色革命"),
                                               ("color revolution", "color revolutions")]


@pytest.mark.parametrize("text", [
    "The Cafe\u0301 Society met in Paris; cafe\u0301 society gossip followed.",   # NFD
    "The Café Society met in Paris; café society gossip followed.",              # NFC
])
def test_nfd_text_matches_nfc_term_with_offsets_into_the_given_text(text, lexicon):
    hits = find_terms(text, ["Café Society"], lexicon=lexicon)
    assert [t for t, _, _, _ in hits] == ["Café Society", "Café Society"]
    assert [(s, e) for _, _, s, e in hits] == [(text.index("Caf"), text.index(" met")),
                                               (text.index("caf"), text.index(" gossip"))]
    assert [m.lower().replace("e\u0301", "é") for _, m, _, _ in hits] == ["café society"] * 2
    assert hits[0][2] == len("The ")


def test_nfd_term_matches_nfc_text(lexicon):
    hits = find_terms("a Café Society dinner", ["Cafe\u0301 Society"], lexicon=lexicon)
    assert [(t, m, s, e) for t, m, s, e in hits] == [("Café Society", "Café Society", 2, 14)]


def test_offsets_after_nfd_characters_stay_right(lexicon):
    """Every accent written as a separate mark before the match shifts the offsets by one."""
    text = "De\u0301ja\u0300 vu: the re\u0301gime change in the capital"
    hits = find_terms(text, ["regime change"], lexicon=lexicon)
    assert hits == []        # "régime" is not "regime"
    text = "De\u0301ja\u0300 vu: the regime change in the caf\u0065\u0301"
    (_, match, start, end), = find_terms(text, ["regime change"], lexicon=lexicon)
    assert text[start:end] == match == "regime change"
    assert start == text.index("regime")


def test_leading_hyphen_cjk_term_matches_unspaced_text(lexicon):
    assert [(m, s) for _, m, s, _ in find_terms("中国颜色革命", ["-颜色革命"], lexicon=lexicon)] \
        == [("颜色革命", 2)]


def test_lexicon_and_user_terms_are_nfc(tmp_path):
    lex_file = tmp_path / "nfd.tsv"
    lex_file.write_text("# Provenance: test\ncafe\u0301 society\tcafe\u0301 set\n", encoding="utf-8")
    lex = load_terms(lex_file)
    assert lex == {"café society": ("café society", "café set")}
    assert list(resolve_terms(["CAFE\u0301 SOCIETY"], lexicon=lex)) == ["café society"]
    assert [m for _, m, _, _ in find_terms("the cafe\u0301 set", ["café society"], lexicon=lex)] \
        == ["cafe\u0301 set"]


def test_find_mentions_on_user_frames_with_nfd_and_chinese_text():
    from analysis.sentiment import find_mentions

    nfd = "Officials met. The cafe\u0301 society was blamed for a colour revolution. Nobody agreed."
    zh = "西方国家正在策划颜色革命。"
    articles = pd.DataFrame({"article_id": ["fr", "zh"], "text": [nfd, zh]})
    mentions = find_mentions(articles, ["color revolution", "颜色革命", "café society"])
    assert list(zip(mentions["article_id"], mentions["term"])) == [
        ("fr", "café society"), ("fr", "color revolution"), ("zh", "颜色革命")]
    texts = dict(zip(articles["article_id"], articles["text"]))
    for row in mentions.itertuples():
        text = texts[row.article_id]
        assert text[row.start:row.end] == row.match
        assert text[row.sentence_start:row.sentence_start + len(row.sentence)] == row.sentence
        assert row.start >= row.sentence_start and row.end <= row.sentence_start + len(row.sentence)
    assert mentions["sentence"].iloc[0].startswith("The cafe\u0301 society")
