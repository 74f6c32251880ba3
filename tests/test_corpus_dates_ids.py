"""Dates never guessed, ids always unique, scraped pages with missing parts (issue #10)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.corpus import (CorpusError, iter_articles, load_articles, parse_date,
                             parse_text_page)
from analysis.corpus.dates import DATE_PROBLEMS, TIMEZONES_PATH
from analysis.corpus.ids import IdRegistry


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ---- dates: a table of strings -> timestamp or reason ---------------------------------------

def _numeric_cases() -> list[tuple[str, str | None, str | None]]:
    """Every numeric layout with each separator, with and without a time part."""
    cases = []
    for sep in "/.-":
        for time, clock in (("", ""), (" 10:00", " 10:00"), (" 10:00:30", " 10:00:30"),
                            ("T10:00", " 10:00")):
            def d(a, b, c):
                return f"{a}{sep}{b}{sep}{c}{time}"
            cases += [
                (d("03", "04", "2017"), None, "ambiguous day/month"),
                (d("3", "4", "2017"), None, "ambiguous day/month"),
                (d("25", "04", "2017"), f"2017-04-25{clock}", None),      # day first: 25 > 12
                (d("04", "25", "2017"), f"2017-04-25{clock}", None),      # month first
                (d("04", "04", "2017"), f"2017-04-04{clock}", None),      # either way the same
                (d("2017", "04", "03"), f"2017-04-03{clock}", None),      # year first: Y-M-D
                (d("17", "04", "03"), None, "ambiguous year"),
                (d("03", "04", "17"), None, "ambiguous year"),
                (d("25", "04", "17"), None, "ambiguous year"),            # 2017-04-25 or 2025-04-17
                (d("31", "04", "17"), None, "ambiguous year"),            # not 2031-04-17
                (d("31", "12", "99"), f"1999-12-31{clock}", None),        # only D/M/Y fits
                (d("99", "12", "31"), f"1999-12-31{clock}", None),        # only Y/M/D fits
                (d("31", "04", "2017"), None, "unparseable"),             # no 31 April
                (d("13", "13", "2017"), None, "unparseable"),
                (d("2017", "25", "04"), None, "unparseable"),             # never Y-D-M
            ]
    return cases


@pytest.mark.parametrize("value, expected, reason", _numeric_cases())
def test_numeric_dates_only_when_the_order_is_certain(value, expected, reason):
    _check(value, expected, reason)


@pytest.mark.parametrize("value, expected, reason", [
    # ISO 8601 (the embedded corpus), with and without offsets
    ("2019-01-04", "2019-01-04", None),
    ("2017-04-25T10:00:00Z", "2017-04-25 10:00", None),
    ("2017-04-25T10:00:00.250+03:00", "2017-04-25 07:00:00.250", None),
    ("2017-04-25 10:00:00-0500", "2017-04-25 15:00", None),
    ("2017-04-25T10:00+03", "2017-04-25 07:00", None),
    ("20170425", "2017-04-25", None),
    # RFC 2822
    ("Tue, 25 Apr 2017 10:00:00 +0300", "2017-04-25 07:00", None),
    ("Tue, 25 Apr 2017 10:00:00 GMT", "2017-04-25 10:00", None),
    ("Tue, 25 Apr 2017 10:00:00 +0300 (MSK)", "2017-04-25 07:00", None),
    ("Tue, 25 Apr 2017 10:00:00 +0300 (EST)", None, "conflicting time zones"),
    ("Wed, 25 Apr 2017 10:00:00 GMT", None, "weekday mismatch"),
    # month names
    ("April 25, 2017", "2017-04-25", None),
    ("25 April 2017", "2017-04-25", None),
    ("APRIL 25, 2017", "2017-04-25", None),
    ("April 25th, 2017 at 10:00 PM", "2017-04-25 22:00", None),
    ("Apr. 25, 2017 10 p.m.", "2017-04-25 22:00", None),
    ("25-Apr-2017 10:00", "2017-04-25 10:00", None),
    ("25APR2017", "2017-04-25", None),                         # SAS date9
    ("2017-04-25 10:00EST", "2017-04-25 15:00", None),
    ("10pm 2017-04-25", "2017-04-25 22:00", None),
    ("2017EST12Apr", None, "unparseable"),                     # run together
    ("Updated 25 April 2017", None, "unparseable"),
    ("31 April 17", None, "ambiguous year"),
    ("Tuesday, April 25, 2017", "2017-04-25", None),
    ("25 Apr 17", None, "ambiguous year"),
    ("Apr 25 99", "1999-04-25", None),
    # named time zones honoured, unknown or ambiguous ones rejected
    ("25 April 2017 10:00 EST", "2017-04-25 15:00", None),
    ("April 25, 2017 10:00 AM EDT", "2017-04-25 14:00", None),
    ("2017-04-25 10:00 MSK", "2017-04-25 07:00", None),
    ("2017-04-25 10:00 JST", "2017-04-25 01:00", None),
    ("2017-04-25 10:00 AEST", "2017-04-25 00:00", None),
    ("2017-04-25 10:00 ACST", "2017-04-25 00:30", None),
    ("2017-04-25 10:00 ET", "2017-04-25 14:00", None),        # summer time in April
    ("2017-01-25 10:00 ET", "2017-01-25 15:00", None),
    ("2017-04-25 10:00 GMT+3", "2017-04-25 07:00", None),
    ("2017-04-25 10:00 UTC-05:30", "2017-04-25 15:30", None),
    ("2017-04-25 10:00 Europe/Moscow", "2017-04-25 07:00", None),
    ("2017-04-25 10:00 (America/New_York)", "2017-04-25 14:00", None),
    ("25.04.2017 10:00 CEST", "2017-04-25 08:00", None),
    ("10:00 25.04.2017", "2017-04-25 10:00", None),
    ("2017-04-25 10:00 IST", None, "ambiguous time zone"),
    ("2017-04-25 10:00 AST", None, "ambiguous time zone"),
    ("2017-04-25 10:00 XYZ", None, "unknown time zone"),
    ("2017-04-25 10:00 Mars/Olympus_Mons", None, "unknown time zone"),
    ("2017-11-05 01:30 America/New_York", None, "ambiguous local time"),
    ("2017-03-12 02:30 America/New_York", None, "nonexistent local time"),
    # what pd.to_datetime(format="mixed") silently fills in from the clock or with January 1
    ("now", None, "relative date"),
    ("today", None, "relative date"),
    ("Today 10:00", None, "relative date"),
    ("yesterday", None, "relative date"),
    ("3 hours ago", None, "relative date"),
    ("Tuesday", None, "relative date"),
    ("10:00", None, "relative date"),
    ("10:00 EST", None, "relative date"),
    ("2017", None, "incomplete date"),
    ("2017-04", None, "incomplete date"),
    ("04/2017", None, "incomplete date"),
    ("April 2017", None, "incomplete date"),
    ("25 April", None, "incomplete date"),
    # numbers: compact dates, epoch seconds (9-10 digits), else nothing
    ("1493114400", "2017-04-25 10:00", None),
    ("20170425100000", "2017-04-25 10:00", None),             # GDELT's YYYYMMDDHHMMSS
    ("201704251000", "2017-04-25 10:00", None),
    ("2017042510", None, "ambiguous number"),                 # epoch seconds or YYYYMMDDHH?
    ("20171325", None, "unparseable"),
    ("86400", None, "unparseable"),
    ("17", None, "unparseable"),
    ("12.5", None, "unparseable"),
    ("1493114400000", None, "out of range"),                 # milliseconds: not guessed
    # out of range, invalid, noise
    ("1700-01-01", None, "out of range"),
    ("2017-02-29", None, "unparseable"),
    ("2017-04-25T24:00", None, "unparseable"),
    ("13 pm 2017-04-25", None, "unparseable"),
    ("25 Apr 2017 Register", None, "unparseable"),
    ("soon", None, "unparseable"),
    ("   ", None, "missing"),
])
def test_date_strings(value, expected, reason):
    _check(value, expected, reason)


@pytest.mark.parametrize("value, expected, reason", [
    (1493114400, "2017-04-25 10:00", None),
    (1493114400.5, "2017-04-25 10:00:00.5", None),
    (np.int64(1493114400), "2017-04-25 10:00", None),
    (20170425, "2017-04-25", None),                 # read as its digits, not 1970-08-23
    (0, None, "unparseable"),
    (86400, None, "unparseable"),
    (-86400, None, "out of range"),
    (1493114400000, None, "out of range"),          # milliseconds are not guessed
    (float("inf"), None, "out of range"),
    (float("nan"), None, "missing"),
    (None, None, "missing"),
    (True, None, "unparseable"),
    (dt.date(2017, 4, 25), "2017-04-25", None),
    (dt.datetime(2017, 4, 25, 10, tzinfo=ZoneInfo("Europe/Moscow")), "2017-04-25 07:00", None),
    (pd.Timestamp("2017-04-25 10:00", tz="America/New_York"), "2017-04-25 14:00", None),
    (np.datetime64("2017-04-25T10:00"), "2017-04-25 10:00", None),
    (pd.NaT, None, "missing"),
    (dt.datetime(1500, 1, 1), None, "out of range"),
    (["2017-04-25"], None, "unparseable"),
])
def test_typed_dates(value, expected, reason):
    _check(value, expected, reason)


_DATE_BITS = ["2017", "04", "25", "03", "17", "99", "31", "12", "13", "-", "/", ".", ":", " ",
              "T", "Z", "+", "03:00", "10:00", "10:00:00", "0300", "EST", "IST", "XYZ", "Apr",
              "April", "Tue", "pm", "a.m.", "GMT", "UTC", "Europe/Moscow", "th", ",", "(", ")",
              "\u00a0", "1493114400", "20170425"]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30),
                 st.lists(st.sampled_from(_DATE_BITS), max_size=8).map("".join)))
def test_any_string_gives_a_date_or_a_reason(value):
    ts, problem = parse_date(value)
    if ts is None:
        assert problem in DATE_PROBLEMS
    else:
        assert problem is None and ts.tzinfo is None and 1800 <= ts.year <= 2100


def _check(value, expected, reason):
    ts, problem = parse_date(value)
    assert problem == reason
    if expected is None:
        assert ts is None
    else:
        assert ts == pd.Timestamp(expected) and ts.tzinfo is None
    assert problem is None or problem in DATE_PROBLEMS


def _timezone_rows() -> list[list[str]]:
    lines = TIMEZONES_PATH.read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]


def _offsets_in(zone: str) -> set[dt.timedelta]:
    """UTC offsets a zone takes in 2017-2024 (four dates a year)."""
    z = ZoneInfo(zone)
    return {dt.datetime(y, m, 15, 12, tzinfo=z).utcoffset()
            for y in range(2017, 2025) for m in (1, 4, 7, 10)}


def _offset(text: str) -> dt.timedelta:
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text.lstrip("+-").split(":")
    return sign * dt.timedelta(hours=int(hours), minutes=int(minutes))


@pytest.mark.parametrize("abbreviation, utc_offset, zone, name", _timezone_rows())
def test_timezone_table_matches_tzdata(abbreviation, utc_offset, zone, name):
    """Each fixed offset is one the named tzdata zone takes; each ambiguous abbreviation names
    zones with different offsets; each abbreviation parses as its offset says."""
    assert name and abbreviation.isupper()
    value = f"2017-01-16 10:00 {abbreviation}"
    if utc_offset == "ambiguous":
        zones = zone.split()
        assert len({min(_offsets_in(z)) for z in zones}) == len(zones) > 1
        assert parse_date(value) == (None, "ambiguous time zone")
    elif utc_offset == "local":
        assert len(_offsets_in(zone)) == 2            # a zone with summer time
        local = dt.datetime(2017, 1, 16, 10, tzinfo=ZoneInfo(zone))
        assert parse_date(value)[0] == pd.Timestamp("2017-01-16 10:00") - local.utcoffset()
    else:
        assert _offset(utc_offset) in _offsets_in(zone)
        assert parse_date(value)[0] == pd.Timestamp("2017-01-16 10:00") - _offset(utc_offset)


def test_timezone_table_states_its_source():
    head = TIMEZONES_PATH.read_text(encoding="utf-8").splitlines()[:5]
    assert any("IANA Time Zone Database" in line for line in head)


def test_loader_counts_each_date_problem(tmp_path, wikinews_records):
    dates = ["2019-01-04", "03/04/2019 10:00", "17/04/03", "today", "2019-01-04 10:00 XYZ",
             "January 2019", "4 January 2019 10:00 EST", None]
    recs = [dict(rec, date=d) for rec, d in zip(wikinews_records, dates)]
    articles = load_articles(_write_jsonl(tmp_path / "w.jsonl", recs))
    assert articles.loc[0, "date"] == pd.Timestamp("2019-01-04")
    assert articles.loc[6, "date"] == pd.Timestamp("2019-01-04 15:00")
    assert articles["date"].isna().sum() == 6
    assert articles.attrs["date_problems"] == {
        "ambiguous day/month": 1, "ambiguous year": 1, "relative date": 1,
        "unknown time zone": 1, "incomplete date": 1, "missing": 1}


def test_embedded_corpus_dates_unchanged(wikinews_records):
    """Every Wikinews date string reads as the calendar day it names, at midnight UTC."""
    for rec in wikinews_records:
        assert parse_date(rec["date"]) == (pd.Timestamp(rec["date"]), None)


# ---- ids ------------------------------------------------------------------------------------

@pytest.mark.parametrize("given, expected", [
    (["1~2", "1", "1"], ["1~2", "1", "1~3"]),           # the reproduction
    (["1", "1", "1~2"], ["1", "1~2", "1~2~2"]),         # a later given id already generated
    (["1", "1~2", "1"], ["1", "1~2", "1~3"]),
    (["1", 1, 1.0, " 1 ", "1~3"], ["1", "1~2", "1~3", "1~4", "1~3~2"]),
    (["a", "b", "a", "a~2~2", "a~2", "a"], ["a", "b", "a~2", "a~2~2", "a~2~3", "a~3"]),
])
def test_ids_stay_unique(given, expected):
    registry = IdRegistry()
    assigned = [registry.assign(g, f"text {i}")[0] for i, g in enumerate(given)]
    assert assigned == expected


@pytest.mark.parametrize("given, expected", [
    (["1~2", "1", "1"], ["1~2", "1", "1~3"]),
    (["1", "1", "1~2"], ["1", "1~2", "1~2~2"]),
])
def test_given_id_colliding_with_a_generated_one(tmp_path, wikinews_records, given, expected):
    """The reproduction through the loader, whole and in chunks of one: every id is unique, so
    the KWIC evidence of an id is that article's text."""
    recs = [{"id": i, "text": r["text"]} for i, r in zip(given, wikinews_records)]
    path = _write_jsonl(tmp_path / "ids.jsonl", recs)
    articles = load_articles(path)
    assert articles["article_id"].tolist() == expected
    chunked = pd.concat(iter_articles(path, chunk_size=1), ignore_index=True)
    assert chunked["article_id"].tolist() == expected


def test_generated_id_equal_to_a_given_one(tmp_path, wikinews_records):
    text = wikinews_records[0]["text"]
    generated = load_articles(_write_jsonl(tmp_path / "a.jsonl", [{"text": text}]))["article_id"][0]
    recs = [{"id": generated, "text": wikinews_records[1]["text"]}, {"text": text}]
    articles = load_articles(_write_jsonl(tmp_path / "g.jsonl", recs))
    assert articles["article_id"].tolist() == [generated, f"{generated}~2"]


def test_repeated_texts_without_ids_keep_the_old_scheme(tmp_path, wikinews_records):
    text = wikinews_records[0]["text"]
    articles = load_articles(_write_jsonl(tmp_path / "d.jsonl", [{"text": text}] * 3))
    first = articles.loc[0, "article_id"]
    assert articles["article_id"].tolist() == [first, f"{first}~2", f"{first}~3"]
    assert articles["duplicate_of"].tolist()[1:] == [first, first]


# Given ids (value, the id it asks for) from a small alphabet: generated-looking ids, blanks,
# numbers, floats, and the generated id of the text "x"; texts from a small alphabet, so
# generated ids repeat.
_X_ID = hashlib.sha1(b"x").hexdigest()[:16]
_GIVEN = [("1", "1"), (1, "1"), (1.0, "1"), ("1~2", "1~2"), ("1~3", "1~3"), ("1~2~2", "1~2~2"),
          ("2", "2"), (2, "2"), (2.5, "2.5"), ("2.5", "2.5"), (_X_ID, _X_ID),
          (f"{_X_ID}~2", f"{_X_ID}~2"), ("", None), (" ", None), (None, None),
          (float("nan"), None)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_GIVEN), st.sampled_from(["x", "y", "z"])),
                max_size=12))
def test_ids_unique_and_single_given_ids_kept(records):
    registry = IdRegistry()
    assigned = [registry.assign(value, text)[0] for (value, _), text in records]
    assert len(set(assigned)) == len(assigned)
    again = IdRegistry()
    assert [again.assign(value, text)[0] for (value, _), text in records] == assigned
    asked = [ident for (_, ident), _ in records]
    for i, ident in enumerate(asked):
        # an id given once keeps its value, unless an earlier article got it as a generated id
        # (a sha1 or a ~k suffix)
        if ident is not None and asked.count(ident) == 1 and ident not in assigned[:i]:
            assert assigned[i] == ident


# ---- scraped pages --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_parts(seed_path) -> dict[str, str]:
    """The seed page's header line, caption, title, lede and body paragraphs b1, b2, ..."""
    text = seed_path.read_text(encoding="utf-8")
    header, _, rest = text.lstrip().partition("\n")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", rest) if b.strip()]
    parts = {"header": header, "caption": blocks[0], "title": blocks[1], "lede": blocks[2]}
    parts.update({f"b{i}": block for i, block in enumerate(blocks[3:], start=1)})
    return parts


def _page(parts: dict[str, str], names: str) -> str:
    return parts["header"] + "\n" + "\n\n".join(parts[n] for n in names.split()) + "\n"


def _flat(paragraph: str) -> str:
    """A paragraph as the loader gives it: on one line, runs of (no-break) spaces as one."""
    return " ".join(paragraph.split())


def _same(value, expected) -> bool:
    return pd.isna(value) if expected is None else value == expected


@pytest.mark.parametrize("head, caption, lede, title", [
    ("caption title lede", True, True, True),
    ("title lede", False, True, True),            # no caption (the case)
    ("title", False, False, True),                # no caption, no lede
    ("caption title", True, False, True),         # no lede
    ("", False, False, False),                    # the body alone
])
def test_scraped_page_with_missing_parts(tmp_path, seed_parts, seed_article, head, caption,
                                         lede, title):
    body = " ".join(k for k in seed_parts if k.startswith("b"))
    path = tmp_path / "page.txt"
    path.write_text(_page(seed_parts, f"{head} {body}"), encoding="utf-8")
    articles = load_articles(path)
    assert articles.attrs["records_read"] == len(articles) == 1
    row = articles.iloc[0]
    assert row["text"] == seed_article["text"]             # the body, whole and alone
    assert row["date"] == pd.Timestamp("2017-04-25") and row["outlet"] == "Sputnik"
    assert _same(row["caption"], seed_article["caption"] if caption else None)
    assert _same(row["lede"], seed_article["lede"] if lede else None)
    assert _same(row["title"], seed_article["title"] if title else None)


@pytest.mark.parametrize("names, caption, title, lede, body", [
    # without a wire dateline, the number and the shape of the paragraphs decide
    ("caption title lede b2 b3", "caption", "title", "lede", "b2 b3"),
    ("title lede b2 b3", None, "title", "lede", "b2 b3"),      # a lede-like 2nd paragraph
    ("title lede b2", None, "title", "lede", "b2"),
    ("title b2 b3", None, "title", "b2", "b3"),                # three parts: title, lede, body
    ("title b2", None, "title", None, "b2"),
    ("b2", None, None, None, "b2"),                            # one part: the body
    ("title", None, None, None, "title"),
])
def test_scraped_page_without_dateline(seed_parts, names, caption, title, lede, body):
    record = parse_text_page(_page(seed_parts, names))
    for field, name in (("caption", caption), ("title", title), ("lede", lede)):
        assert record[field] == (_flat(seed_parts[name]) if name else None)
    assert record["text"] == "\n\n".join(_flat(seed_parts[n]) for n in body.split())
    assert record["date"] == "2017-04-25" and "outlet" not in record


def test_scraped_page_with_only_the_date_line(tmp_path, seed_parts):
    path = tmp_path / "empty_page.txt"
    path.write_text(seed_parts["header"] + "\n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="nothing after the date line"):
        load_articles(path)
    with pytest.warns(UserWarning):
        skipped = load_articles(path, errors="skip")
    assert len(skipped) == 0 and skipped.attrs["records_read"] == 1


def test_blank_plain_text_page_is_a_value_error():
    with pytest.raises(ValueError, match="empty page"):
        parse_text_page(" \n\n \u00a0\n")
