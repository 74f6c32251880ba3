"""Quote extraction on long input (analysis.quotes): real articles repeated k times give the
same statements in every copy, and a pathological sentence of hundreds of reporting cues gives
the nested statements the rules define with work that grows linearly. No wall-clock asserts:
speed is measured by ``make bench`` (benchmarks/bench_quotes.py)."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from analysis import quotes as aq
from analysis.corpus import load_articles
from analysis.quotes.records import DASH_NAME_RE

COLUMNS = ["start", "end", "quote", "kind", "speaker", "speaker_mention", "speaker_start",
           "speaker_end", "speaker_title", "cue", "n_words"]
SHIFTED = ("start", "end", "speaker_start", "speaker_end")
SEP = "\n\n"


def extract(text: str) -> pd.DataFrame:
    return aq.extract_quotes(pd.DataFrame({"article_id": ["a"], "text": [text]}))


def copies(text: str, k: int) -> list[pd.DataFrame]:
    """The quotes of ``text`` repeated ``k`` times (blank lines between), split by copy, each
    copy's offsets shifted back to the start of the copy."""
    quotes = extract(SEP.join([text] * k))
    step = len(text) + len(SEP)
    parts = []
    for j in range(k):
        part = quotes[(quotes["start"] >= j * step) & (quotes["start"] < (j + 1) * step)]
        part = part.assign(**{c: part[c] - j * step for c in SHIFTED})
        parts.append(part[COLUMNS].reset_index(drop=True))
    assert sum(map(len, parts)) == len(quotes)
    return parts


@pytest.fixture(scope="module")
def real_texts(seed_path, small_corpus) -> list[str]:
    """The seed article and the 12 Wikinews articles of the small corpus."""
    texts = list(load_articles(seed_path)["text"]) + list(load_articles(small_corpus / "wikinews.jsonl")["text"])
    return [t for t in texts if isinstance(t, str) and t]


@pytest.mark.parametrize("k", [2, 4])
def test_article_repeated_k_times_gives_k_copies_of_its_quotes(real_texts, k):
    n_checked = 0
    for text in real_texts:
        one = extract(text)[COLUMNS].reset_index(drop=True)
        parts = copies(text, k)
        # the first copy reads like the article alone; every later copy follows a copy of it,
        # so they are all alike. (A later copy may differ from the first: its first line is no
        # longer the text's title, which the filter reads, and a pronoun or surname at its
        # start may resolve to a speaker of the copy before.)
        pd.testing.assert_frame_equal(parts[0], one)
        for later in parts[2:]:
            pd.testing.assert_frame_equal(later, parts[1])
        n_checked += len(one)
    assert n_checked > 100      # the corpus has quotes to compare


def test_seed_article_quotes_survive_a_long_article(seed_path, wikinews_records):
    """The seed article at the end of a long article of real Wikinews text keeps its quotes."""
    seed = load_articles(seed_path)["text"].iloc[0]
    filler = SEP.join(r["text"] for r in wikinews_records[:60])
    text = filler + SEP + seed
    alone = extract(seed)
    inside = extract(text)
    shift = len(filler) + len(SEP)
    tail = inside[inside["start"] >= shift]
    assert list(tail["start"] - shift) == list(alone["start"])
    assert list(tail["quote"]) == list(alone["quote"])
    assert list(tail["kind"]) == list(alone["kind"])
    assert "Sergei Shoigu" in set(tail["speaker"].dropna())


def said_that(n: int) -> str:
    return "the minister said that " * n + "it rained."


@pytest.mark.parametrize("n", [800, 1600])
def test_pathological_sentence_gives_the_nested_statements(n):
    text = said_that(n)
    q = extract(text)
    # the outer statement: everything after the first "said", up to the final period
    first = q.iloc[0]
    assert (first["start"], first["end"]) == (len("the minister said "), len(text) - 1)
    assert first["speaker"] == "the minister" and first["cue"] == "said"
    assert first["kind"] == "indirect" and first["n_words"] == 4 * n - 1
    assert set(q["speaker"]) == {"the minister"} and (q["end"] == len(text) - 1).all()
    # nested statements are kept only when short next to the one around them (drop_nested)
    lengths = list(q["end"] - q["start"])
    assert all(inner < aq.NESTED_OVERLAP * outer for outer, inner in zip(lengths, lengths[1:]))
    assert len(q) <= 12


def count_calls(fn) -> int:
    """Python function calls made while running ``fn()`` (a measure of work, not of time)."""
    calls = 0

    def profile(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("unit", [
    "the minister said that ",
    "the minister wrote a letter, saying ",
    "the tax rises, said the minister, ",
    "the minister said, and ",
])
def test_work_on_a_sentence_of_many_cues_grows_linearly(unit):
    """Doubling the cues of one sentence about doubles the calls (it was x8 per doubling)."""
    aq.extract_article('The minister said that it rained. He said, "Yes."')   # compile, cache
    small = count_calls(lambda: aq.extract_article(unit * 400 + "it rained."))
    large = count_calls(lambda: aq.extract_article(unit * 800 + "it rained."))
    assert large / small < 2.3, (small, large)


def test_cut_at_the_next_coordinated_statement_in_a_long_sentence():
    """In a sentence of many coordinated statements each content ends where the next
    statement begins ("X said A, and Y said B, and ...")."""
    text = "".join(f"Minister{chr(65 + i % 26)} said the plan was good, and " for i in range(300)) + "it rained."
    q = extract(text)
    assert len(q) == 300
    assert (q["quote"].iloc[:-1] == "the plan was good").all()
    assert q["speaker"].iloc[0] == "MinisterA"


def test_long_input_paths_give_the_same_statements_as_the_short_ones(real_texts, monkeypatch):
    """The lookups used for long sentences and articles (positions found once per article,
    trees over a sentence's statements, the people index) find what the direct searches find:
    forced on everywhere, the quotes of real articles are unchanged."""
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(real_texts))], "text": real_texts})
    direct = aq.extract_quotes(articles)
    monkeypatch.setattr(aq.article, "_SHORT", -1)
    monkeypatch.setattr(aq.truncate, "_PAIRS_AT_MOST", 0)
    monkeypatch.setattr(aq.resolve, "_SCAN_PEOPLE", 0)
    pd.testing.assert_frame_equal(aq.extract_quotes(articles), direct)
    assert len(direct) > 100


# Patterns that made a regular expression backtrack without end (found by feeding the stages
# hostile text): a quote credited to a long capitalised token, and a long run of full stops.
# With the old patterns these calls did not return (x30 per doubling of the token), so a
# regression shows as a test that hangs, not as a timing assert.
@pytest.mark.parametrize("text", [
    '"We will not give up," — ' + "A" * 2_000 + "!",
    "The minister spoke" + "." * 100_000 + " Then he left.",
    "Sergei Shoigu said the protests were staged" + "?!" * 50_000 + " Nobody answered.",
])
def test_pathological_text_returns(text):
    quotes = extract(text)
    assert (quotes["end"] <= len(text)).all()


def test_dash_credit_still_names_the_speaker():
    text = '"Color revolutions are a new form of warfare." — Sergei Shoigu\n\nMore text.'
    quotes = extract(text)
    assert quotes["speaker"].tolist() == ["Sergei Shoigu"]
    assert DASH_NAME_RE.match("— " + "A" * 5_000 + "!") is None
    assert DASH_NAME_RE.match(" — Sergei  Shoigu ").group(1).rstrip() == "Sergei  Shoigu"
