"""Property: whatever the mess, records read = loaded + rejected = records in the input.

Generated JSON Lines and CSV files mix good records (Wikinews text), invalid JSON, undecodable
bytes, control characters (stray C1 mojibake or binary junk), blank lines, non-object JSON,
wrong field counts and unclosed quotes. "Records in the input" are the non-blank lines of a
JSON Lines file and the data rows of a CSV file, as generated.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import load_articles

SETTINGS = settings(max_examples=50, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
UTF8_FIRST = {"id": "first", "title": "Zürich talks — “no deal”, São Paulo, Kraków",
              "text": "Ministers met in Zürich on Tuesday — “no deal yet”, they said in Kraków."}

KINDS_JSONL = ["good", "good", "invalid json", "undecodable", "c1", "binary", "blank",
               "not an object", "no text"]
KINDS_CSV = ["good", "good", "multiline", "wrong count", "undecodable", "c1", "binary", "blank",
             "unclosed quote"]


@pytest.fixture(scope="module")
def sentences(wikinews_records) -> list[str]:
    return [r["text"].split("\n\n")[0][:300] for r in wikinews_records[:40]]


def _jsonl_line(kind: str, text: str, i: int) -> bytes:
    record = {"id": f"r{i}", "title": text[:40], "text": text}
    good = json.dumps(record, ensure_ascii=i % 2 == 0).encode("utf-8")
    return {
        "good": good,
        "invalid json": good[: len(good) // 2],
        "undecodable": good.replace(b'"text": "', b'"text": "\xff\xfe', 1),
        "c1": json.dumps({**record, "text": text[:20] + "\x9d" + text[20:]}).encode("utf-8"),
        "binary": json.dumps({**record, "text": "\x01\x02\x03\x04\x05\x06\x07\x08" * 4}).encode(),
        "blank": b"   ",
        "not an object": b'["' + text[:10].encode("utf-8") + b'"]',
        "no text": json.dumps({"id": f"r{i}", "title": text[:40]}).encode("utf-8"),
    }[kind]


@SETTINGS
@given(kinds=st.lists(st.sampled_from(KINDS_JSONL), max_size=30), data=st.data())
def test_jsonl_records_are_all_accounted_for(tmp_path_factory, sentences, kinds, data):
    picks = [data.draw(st.sampled_from(sentences)) for _ in kinds]
    lines = [json.dumps(UTF8_FIRST, ensure_ascii=False).encode("utf-8")]
    lines += [_jsonl_line(k, t, i) for i, (k, t) in enumerate(zip(kinds, picks))]
    path = tmp_path_factory.mktemp("prop") / "messy.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    n_records = 1 + sum(k != "blank" for k in kinds)
    for encoding in (None, "utf-8"):
        articles = _load(path, encoding)
        assert articles.attrs["records_read"] == len(articles) + len(articles.attrs["rejects"])
        assert articles.attrs["records_read"] == n_records
    assert len(articles) == 1 + sum(k in ("good", "c1") for k in kinds)   # read as UTF-8


def _csv_row(kind: str, text: str, i: int) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([f"r{i}", text[:40], text])
    good = buf.getvalue().encode("utf-8")
    flat = text.replace('"', "'").replace("\n", " ")
    return {
        "good": good,
        "multiline": _quoted_row(i, text[:40], flat[:60] + "\n\n" + flat[60:]),
        "wrong count": f"r{i},{flat[:20].replace(',', ';')}".encode("utf-8") + b"\n",
        "undecodable": _quoted_row(i, "Budget", "caf\udcff " + flat),
        "c1": _quoted_row(i, "Budget", flat[:20] + "\x96" + flat[20:]),
        "binary": _quoted_row(i, "Junk", "\x01\x02\x03\x04\x05\x06\x07\x08" * 4),
        "blank": b"\n",
        "unclosed quote": f'r{i},Vote,"{flat}\n'.encode("utf-8"),
    }[kind]


def _quoted_row(i: int, title: str, text: str) -> bytes:
    line = f'r{i},"{title.replace(chr(34), chr(39))}","{text}"\n'
    return line.encode("utf-8", errors="surrogateescape")


@SETTINGS
@given(kinds=st.lists(st.sampled_from(KINDS_CSV), max_size=30), data=st.data())
def test_csv_rows_are_all_accounted_for(tmp_path_factory, sentences, kinds, data):
    picks = [data.draw(st.sampled_from(sentences)) for _ in kinds]
    head = b"id,title,text\n" + _csv_row("good", UTF8_FIRST["text"], 0)
    rows = [_csv_row(k, t, i + 1) for i, (k, t) in enumerate(zip(kinds, picks))]
    path = tmp_path_factory.mktemp("prop") / "messy.csv"
    path.write_bytes(head + b"".join(rows))
    n_records = 1 + sum(k != "blank" for k in kinds)
    for encoding in (None, "utf-8"):
        articles = _load(path, encoding)
        assert articles.attrs["records_read"] == len(articles) + len(articles.attrs["rejects"])
        assert articles.attrs["records_read"] == n_records


def _load(path: Path, encoding: str | None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_articles(path, errors="skip", encoding=encoding)
