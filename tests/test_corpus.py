"""load_articles on the real seed, the embedded corpus, every format and malformed input."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import (CorpusError, article_lengths, count_by_month, count_by_outlet,
                             iter_articles,
                             decode_bytes, load_articles, parse_date, rejects_table,
                             summarize_load)
from analysis.schema import ARTICLE_COLUMNS

RECORD = {"id": "a1", "outlet": "Daily Planet", "date": "2021-03-04",
          "title": "Council votes on budget",
          "text": "The council approved the budget on Tuesday.\n\n\"It is a good day,\" Mayor Jane Roe said."}


# ---- the seed, field by field --------------------------------------------------------------

def test_seed_fields(seed_article):
    assert seed_article["date"] == pd.Timestamp("2017-04-25")
    assert seed_article["caption"] == "Russian Defense Minister Sergei Shoigu"
    assert seed_article["title"] == ("Russia, Serbia Confirm Interest in Developing Military "
                                     "Cooperation - Shoigu")
    assert seed_article["lede"].startswith("Russian Defense Minister said that both Russia and "
                                           "Serbia confirm their interest")
    assert seed_article["text"].startswith("MOSCOW (Sputnik) Both Russia and Serbia confirm")
    assert seed_article["text"].endswith("as well as representatives of international and "
                                         "non-governmental organizations and military experts.")
    assert seed_article["outlet"] == "Sputnik"
    assert "\u00a0" not in seed_article["text"]
    assert seed_article["text"].count("\n\n") == 8      # nine body paragraphs
    assert seed_article["source"].endswith("000_ef8f72d60f8827d6.txt:1")


def test_seed_id_is_stable(seed_path):
    first = load_articles(seed_path)["article_id"].iloc[0]
    assert load_articles([seed_path])["article_id"].iloc[0] == first
    assert len(first) == 16


# ---- the embedded corpus -------------------------------------------------------------------

@pytest.fixture(scope="module")
def embedded():
    return load_articles(config.DEFAULT_CORPUS)


def test_embedded_corpus_rows_and_dates(embedded):
    assert len(embedded) == 296
    assert embedded["date"].notna().all()
    assert embedded["date"].dtype == "datetime64[ns]"
    assert list(embedded.columns[:len(ARTICLE_COLUMNS)]) == list(ARTICLE_COLUMNS)
    assert embedded["article_id"].is_unique
    assert embedded.attrs["records_read"] == 296 and embedded.attrs["rejects"] == []


def test_embedded_corpus_outlets(embedded):
    counts = count_by_outlet(embedded).set_index("outlet")["n_articles"]
    assert counts.to_dict() == {"Wikinews (en)": 295, "Sputnik": 1}
    months = count_by_month(embedded)
    assert months["n_articles"].sum() == 296
    assert months["month"].min() == "2017-04"


def test_embedded_corpus_keeps_wikinews_ids_and_licence(embedded):
    row = embedded.set_index("article_id").loc[
        "wikinews-Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead"]
    assert row["url"].startswith("https://en.wikinews.org/wiki/")
    assert row["license"].startswith("CC BY 2.5")      # extra input column kept


# ---- formats ---------------------------------------------------------------------------------

def _write(path, content, mode="w"):
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, writer", [
    ("a.jsonl", lambda p: _write(p, json.dumps(RECORD) + "\n")),
    ("a.json", lambda p: _write(p, json.dumps([RECORD]))),
    ("a.json", lambda p: _write(p, json.dumps({"articles": [RECORD]}))),
    ("a.csv", lambda p: pd.DataFrame([RECORD]).to_csv(p, index=False)),
    ("a.tsv", lambda p: pd.DataFrame([RECORD]).to_csv(p, index=False, sep="\t")),
    ("a.parquet", lambda p: pd.DataFrame([RECORD]).to_parquet(p, index=False)),
])
def test_structured_formats(tmp_path, name, writer):
    writer(tmp_path / name)
    row = load_articles(tmp_path / name).iloc[0]
    assert row["article_id"] == "a1"
    assert row["outlet"] == "Daily Planet"
    assert row["date"] == pd.Timestamp("2021-03-04")
    assert row["title"] == "Council votes on budget"
    assert row["text"] == RECORD["text"]
    assert row["source"] == f"{tmp_path / name}:{'row 1' if name.endswith('parquet') else row['source'].rsplit(':', 1)[1]}"


def test_media_cloud_column_names(tmp_path):
    rec = {"stories_id": 987654, "media_name": "Example Times", "publish_date":
           "2020-05-01 10:00:00+02:00", "headline": "A headline", "content_original": "Body text.",
           "link": "https://example.org/a"}
    row = load_articles(_write(tmp_path / "mc.jsonl", json.dumps(rec))).iloc[0]
    assert (row["article_id"], row["outlet"], row["title"], row["url"]) == (
        "987654", "Example Times", "A headline", "https://example.org/a")
    assert row["date"] == pd.Timestamp("2020-05-01 08:00:00")   # converted to UTC


def test_plain_text_first_line_is_title(tmp_path):
    p = _write(tmp_path / "story.txt", "Flood hits town\n\nRiver levels rose overnight.\nResidents fled.\n\nSecond paragraph.")
    row = load_articles(p).iloc[0]
    assert row["title"] == "Flood hits town"
    assert row["text"] == "River levels rose overnight. Residents fled.\n\nSecond paragraph."
    assert pd.isna(row["date"]) and pd.isna(row["outlet"])


def test_html_page_main_text(tmp_path):
    page = """<html><head><title>Site | Story</title>
    <meta property="og:title" content="Ministers meet in Moscow">
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2017-04-25T10:00:00Z">
    <link rel="canonical" href="https://example.org/story"><script>var x = "<p>junk</p>";</script>
    </head><body><nav><p>Home News Sport Weather Contact us About the site Login</p></nav>
    <article><h1>Ministers meet in Moscow</h1>
    <p>Defense ministers from Russia and Serbia met in Moscow on Tuesday to discuss cooperation.</p>
    <p>&quot;Our meetings confirm our interest,&quot; the Russian minister said at the talks.</p>
    <div class="share">Share</div></article>
    <footer><p>Copyright Example News 2017 all rights reserved by the company ltd</p></footer>
    </body></html>"""
    row = load_articles(_write(tmp_path / "page.html", page)).iloc[0]
    assert row["title"] == "Ministers meet in Moscow"
    assert row["outlet"] == "Example News"
    assert row["url"] == "https://example.org/story"
    assert row["date"] == pd.Timestamp("2017-04-25 10:00:00")
    assert row["text"] == ("Defense ministers from Russia and Serbia met in Moscow on Tuesday to "
                           "discuss cooperation.\n\n\"Our meetings confirm our interest,\" the "
                           "Russian minister said at the talks.")


@pytest.mark.parametrize("encoding, text", [
    ("utf-8-sig", "Café owner says: “we stay open”"),
    ("cp1251", "Министр обороны России Сергей Шойгу заявил о цветных революциях"),
    ("cp1252", "Café crème – naïve résumé, “quoted”"),
    ("latin-1", "Müller sagte, die Größe sei gut"),
])
def test_encodings(tmp_path, encoding, text):
    p = _write(tmp_path / "enc.txt", f"Title\n\n{text}".encode(encoding))
    assert load_articles(p).iloc[0]["text"] == text


# ---- malformed input -----------------------------------------------------------------------

def test_truncated_json_line_raises_with_line_number(tmp_path):
    good = json.dumps(RECORD)
    p = _write(tmp_path / "bad.jsonl", good + "\n" + good[:40] + "\n" + json.dumps({**RECORD, "id": "a3"}) + "\n")
    with pytest.raises(CorpusError, match=r"bad\.jsonl, record 2: invalid JSON"):
        load_articles(p)


def test_truncated_json_line_skipped_and_listed(tmp_path):
    good = json.dumps(RECORD)
    p = _write(tmp_path / "bad.jsonl", good + "\n" + good[:40] + "\n" + json.dumps({**RECORD, "id": "a3"}) + "\n")
    with pytest.warns(UserWarning, match="1 of 3 records skipped"):
        articles = load_articles(p, errors="skip")
    assert articles["article_id"].tolist() == ["a1", "a3"]
    rejects = rejects_table(articles)
    assert rejects.iloc[0]["record"] == 2 and "invalid JSON" in rejects.iloc[0]["reason"]
    assert articles.attrs["records_read"] == len(articles) + len(rejects) == 3


def test_csv_without_text_column(tmp_path):
    p = _write(tmp_path / "meta.csv", "id,title,date\n1,Hello,2020-01-01\n")
    with pytest.raises(CorpusError, match=r"meta\.csv: no text column"):
        load_articles(p)


def test_csv_row_with_wrong_field_count_names_line(tmp_path):
    p = _write(tmp_path / "rows.csv", 'id,title,text\n1,A,"First, body."\n2,B\n3,C,Third body.\n')
    with pytest.raises(CorpusError, match=r"rows\.csv, record line 3: 2 fields, expected 3"):
        load_articles(p)
    with pytest.warns(UserWarning):
        articles = load_articles(p, errors="skip")
    assert articles["article_id"].tolist() == ["1", "3"]


def test_record_without_text_is_rejected(tmp_path):
    p = _write(tmp_path / "notext.jsonl", json.dumps({"id": "x", "title": "No body"}) + "\n")
    with pytest.raises(CorpusError, match=r"record 1: no text field"):
        load_articles(p)


@pytest.mark.parametrize("name, content, message", [
    ("undecodable.txt", b"Title\n\nBad bytes \x98\x81\x8d here", "undecodable bytes"),
    ("empty.jsonl", b"", "empty file"),
    ("blank.csv", b"  \n\n", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("data.parquet", b"this is not parquet", "unreadable Parquet"),
])
def test_unreadable_files(tmp_path, name, content, message):
    p = _write(tmp_path / name, content)
    with pytest.raises(CorpusError, match=message) as info:
        load_articles(p)
    assert info.value.source == str(p)


def test_folder_with_one_bad_file(tmp_path, seed_path):
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "seed.txt", seed_path.read_bytes())
    _write(tmp_path / "good.jsonl", json.dumps(RECORD) + "\n")
    _write(tmp_path / "broken.jsonl", b"\xff\xfe\x00\x00garbage")
    _write(tmp_path / "README.md", "not an article")               # ignored in folders
    with pytest.raises(CorpusError, match="broken.jsonl"):
        load_articles(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = load_articles(tmp_path, errors="skip")
    assert len(caught) == 1
    assert sorted(articles["outlet"].dropna()) == ["Daily Planet", "Sputnik"]
    assert rejects_table(articles)["source"].tolist() == [str(tmp_path / "broken.jsonl")]
    assert articles.attrs["records_read"] == 3
    assert "records rejected: 1" in summarize_load(articles)


def test_glob_and_missing_paths(tmp_path, seed_path):
    _write(tmp_path / "x.jsonl", json.dumps(RECORD) + "\n")
    assert len(load_articles(str(tmp_path / "*.jsonl"))) == 1
    with pytest.raises(FileNotFoundError, match="matches no file"):
        load_articles(str(tmp_path / "*.csv"))
    with pytest.raises(FileNotFoundError, match="no such file"):
        load_articles(tmp_path / "missing.jsonl")


# ---- ids, duplicates, dates --------------------------------------------------------------

def test_duplicates_flagged_not_dropped(tmp_path):
    recs = [{"text": "Same body."}, {"text": "Other body."}, {"text": "Same body."}]
    p = _write(tmp_path / "d.jsonl", "\n".join(json.dumps(r) for r in recs))
    articles = load_articles(p)
    assert articles["is_duplicate"].tolist() == [False, False, True]
    assert articles["article_id"].is_unique
    assert articles.loc[2, "duplicate_of"] == articles.loc[0, "article_id"]
    assert articles.loc[2, "article_id"] == articles.loc[0, "article_id"] + "~2"


@pytest.mark.parametrize("value, expected, problem", [
    ("2017-04-25", "2017-04-25", None),
    ("April 25, 2017", "2017-04-25", None),
    ("Tue, 25 Apr 2017 14:00:00 +0300", "2017-04-25 11:00:00", None),
    ("25/04/2017", "2017-04-25", None),
    ("04/25/2017", "2017-04-25", None),
    ("03/04/2017", None, "ambiguous day/month"),
    ("yesterday", None, "relative date"),     # issue #10: a relative date, not a guess
    ("", None, "missing"),
    (None, None, "missing"),
])
def test_parse_date(value, expected, problem):
    ts, reason = parse_date(value)
    assert reason == problem
    assert (ts is None) if expected is None else ts == pd.Timestamp(expected)


def test_date_problems_counted(tmp_path):
    recs = [{"text": "a", "date": "2020-01-02"}, {"text": "b", "date": "soon"}, {"text": "c"}]
    articles = load_articles(_write(tmp_path / "d.jsonl", "\n".join(map(json.dumps, recs))))
    assert articles["date"].isna().tolist() == [False, True, True]
    assert articles.attrs["date_problems"] == {"unparseable": 1, "missing": 1}


def test_decode_rejects_mojibake_free_garbage():
    with pytest.raises(CorpusError, match="undecodable"):
        decode_bytes(b"\x98\x81\x8d\x8f", source="x")


def test_article_lengths_of_seed(seed_articles):
    lengths = article_lengths(seed_articles)
    assert lengths.loc[0, "n_paragraphs"] == 9
    assert lengths.loc[0, "n_words"] == 354   # words of letters


# ---- streaming -------------------------------------------------------------------------------

def test_iter_articles_chunks_match_load(tmp_path, wikinews_records):
    recs = wikinews_records[:25] + [wikinews_records[3]]          # an exact duplicate at the end
    p = _write(tmp_path / "w.jsonl", "\n".join(json.dumps(r) for r in recs) + "\n{broken\n")
    with pytest.warns(UserWarning):
        whole = load_articles(p, errors="skip")
    chunks = list(iter_articles(p, chunk_size=10, errors="skip"))
    assert [len(c) for c in chunks] == [10, 10, 6]
    joined = pd.concat(chunks, ignore_index=True)
    pd.testing.assert_frame_equal(joined[whole.columns], whole)
    assert sum(c.attrs["records_read"] for c in chunks) == 27
    assert [r["record"] for c in chunks for r in c.attrs["rejects"]] == [27]
    assert joined["is_duplicate"].sum() == 1
    assert joined.loc[25, "article_id"] == f"{recs[3]['id']}~2"


def test_bytes_invalid_late_in_a_streamed_file(tmp_path):
    good = (json.dumps(RECORD) + "\n").encode("utf-8") * 3000        # > the encoding sample
    p = _write(tmp_path / "late.jsonl", good + b'{"text": "caf\xe9 \xff\xfe"}\n')
    with pytest.raises(CorpusError, match=r"late\.jsonl, record 3001: undecodable bytes"):
        load_articles(p)
