"""load_articles on hostile and messy input (issue #10): every record is loaded, repaired or
rejected with its reason, never silently lost, and the loader never crashes."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import unicodedata
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.corpus import CorpusError, load_articles, rejects_table, summarize_load
from analysis.corpus import repair, sources


def _lead(record: dict, n: int = 2) -> str:
    """The first ``n`` paragraphs of a Wikinews text: realistic and short."""
    return "\n\n".join(record["text"].split("\n\n")[:n])


def _jsonl(path: Path, records: list[dict], *, ensure_ascii: bool = True) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=ensure_ascii) + "\n" for r in records),
                    encoding="utf-8")
    return path


def _skip(path, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_articles(path, errors="skip", **kwargs)


def _check_counts(articles: pd.DataFrame, n_records: int) -> None:
    assert articles.attrs["records_read"] == len(articles) + len(articles.attrs["rejects"])
    assert articles.attrs["records_read"] == n_records


@pytest.fixture(scope="module")
def leads(wikinews_records) -> list[dict]:
    """Wikinews records with their text cut to the first two paragraphs."""
    return [{**r, "text": _lead(r)} for r in wikinews_records]


# ---- item 4: a bad line or row is one reject; reading goes on ---------------------------------

@pytest.mark.parametrize("n_lines, bad_line", [(4_500, 4_001), (40, 3)])
def test_undecodable_line_is_one_reject(tmp_path, leads, n_lines, bad_line):
    records = [{**leads[i % len(leads)], "id": f"w{i}"} for i in range(n_lines)]
    records[0]["title"] = "Ministers meet in Zürich — “talks” go on"   # real UTF-8 in the sample
    lines = [json.dumps(r, ensure_ascii=False).encode("utf-8") for r in records]
    lines[bad_line - 1] = lines[bad_line - 1].replace(b'"text": "', b'"text": "Caf\xe9 owners: ', 1)
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    articles = _skip(path)
    _check_counts(articles, n_lines)
    assert [(r["record"], r["reason"].split(":")[0]) for r in articles.attrs["rejects"]] == [
        (bad_line, "undecodable bytes")]
    assert articles["article_id"].iloc[-1] == f"w{n_lines - 1}"
    assert articles["title"].iloc[0] == "Ministers meet in Zürich — “talks” go on"
    with pytest.raises(CorpusError, match=rf"export\.jsonl, record {bad_line}: undecodable"):
        load_articles(path)


def _csv_body(leads: list[dict], i: int) -> str:
    return leads[i]["text"].split("\n\n")[0].replace('"', "'")


@pytest.mark.parametrize("case", ["bare CR", "unclosed quote", "unclosed quote at the end",
                                  "unclosed quote, line unusable", "text after closing quote"])
def test_csv_rows_with_broken_quoting_or_cr(tmp_path, leads, case):
    a, b, c = (_csv_body(leads, i) for i in range(3))
    a = a.replace(",", ";")   # unquoted in some rows
    a_cr = a.replace(". ", ".\r", 1)
    c_plain = c.replace(",", ";")
    rows = {   # content, ids loaded, lines rejected, records in the input
        "bare CR": (f'1,Storm,{a_cr}\n2,Vote,"{b}"\n3,Fire,"{c}"\n', ["1", "2", "3"], [], 3),
        "unclosed quote": (f'1,Storm,"{a}\n2,Vote,"{b}"\n3,Fire,"{c}"\n', ["1", "2", "3"], [], 3),
        "unclosed quote at the end": (f'1,Storm,"{a}"\n2,Vote,"{b}\n3,Fire,{c_plain}\n',
                                      ["1", "2", "3"], [], 3),
        "unclosed quote, line unusable": (f'1,Storm,extra,"{a}\n2,Vote,"{b}"\n', ["2"],
                                          ["line 2"], 2),
        "text after closing quote": (f'1,"Storm" hits coast,"{a}"\n2,Vote,"{b}"\n', ["1", "2"],
                                     [], 2),
    }
    content, ids, rejected, n_records = rows[case]
    path = tmp_path / "rows.csv"
    path.write_text("id,title,text\n" + content, encoding="utf-8")
    articles = _skip(path)
    _check_counts(articles, n_records)
    assert articles["article_id"].tolist() == ids
    assert [r["record"] for r in articles.attrs["rejects"]] == rejected
    texts = dict(zip(articles["article_id"], articles["text"]))
    if case == "bare CR":
        assert texts["1"] == a          # the CR is data (a line break inside the paragraph)
    if case == "text after closing quote":
        assert articles["title"].iloc[0] == '"Storm" hits coast'   # read as written
    if case == "unclosed quote at the end":
        assert texts == {"1": a, "2": b, "3": c_plain}   # read leniently: quote dropped
    if case == "unclosed quote":
        assert texts == {"1": '"' + a, "2": b, "3": c}


def test_tsv_fields_starting_with_a_quote(tmp_path, leads):
    a, b, c = (_csv_body(leads, i) for i in range(3))
    path = tmp_path / "export.tsv"
    path.write_text("id\ttitle\ttext\n"
                    f'1\t"Color revolutions" a threat, minister says\t{a}\n'
                    f'2\t"Unclosed title\t{b}\n'
                    f'3\tQuoted text\t"{c}"\n', encoding="utf-8")
    articles = load_articles(path)
    assert articles["title"].tolist() == ['"Color revolutions" a threat, minister says',
                                          '"Unclosed title', "Quoted text"]
    assert articles["text"].tolist() == [a, b, c]


# ---- item 5: one repair policy; binary content still rejected ---------------------------------

def _with_c1(text: str, where: int) -> str:
    cut = text.find(". ", where) + 1 or where
    return text[:cut] + "\x9d" + text[cut:cut + 1] + "\x96" + text[cut + 1:]


@pytest.mark.parametrize("fmt", ["jsonl raw", "jsonl escaped", "csv", "txt", "late jsonl raw",
                                 "late jsonl escaped"])
def test_c1_controls_repaired_everywhere(tmp_path, leads, fmt):
    record = {**leads[0], "text": _with_c1(leads[0]["text"], 100)}
    path = tmp_path / ("page.txt" if fmt == "txt" else "x.csv" if fmt == "csv" else "x.jsonl")
    filler = [{**leads[i % 50 + 1], "id": f"f{i}"} for i in range(120 if "late" in fmt else 0)]
    if fmt == "csv":
        pd.DataFrame([record]).to_csv(path, index=False)
    elif fmt == "txt":
        path.write_text(f"{record['title']}\n\n{record['text']}", encoding="utf-8")
    else:
        _jsonl(path, filler + [record], ensure_ascii="escaped" in fmt)
        assert path.stat().st_size > (1 << 16) or "late" not in fmt
        assert ("\\u009d" in path.read_text(encoding="utf-8")) == ("escaped" in fmt)
    articles = load_articles(path)
    text = articles["text"].iloc[-1]
    assert not repair.LEFTOVER_CONTROL_RE.search(text)
    assert text.replace("–", "") == leads[0]["text"]   # \x9d removed, \x96 became an en dash
    assert articles.attrs["repairs"] == {repair.C1: 1, repair.CONTROL: 1}
    assert "1 x control character removed" in summarize_load(articles)


@pytest.mark.parametrize("broken, fixed, kind", [
    ("The minister said â€œno commentâ€\x9d on Tuesday.",
     "The minister said “no comment” on Tuesday.", repair.MOJIBAKE),
    ("The cafÃ© owners protested.", "The café owners protested.", repair.MOJIBAKE),
    ("First line\u2028second line\u2029Next paragraph.", "First line second line\n\nNext paragraph.",
     repair.SEPARATOR),
    ("Tab\tand form\x0cfeed stay; bell\x07 goes.", "Tab and form\x0cfeed stay; bell goes.",
     repair.CONTROL),
])
def test_text_repairs(tmp_path, broken, fixed, kind):
    path = _jsonl(tmp_path / "r.jsonl", [{"text": broken, "title": broken.split(".")[0]}])
    articles = load_articles(path)
    assert articles["text"].iloc[0] == fixed
    assert kind in articles.attrs["repairs"]


@pytest.mark.parametrize("payload, reason", [
    ("Budget vote\x00\x00 delayed", "NUL character"),
    ("".join(f"{chr(1 + i % 8)}ab" for i in range(40)), "control characters"),
])
def test_binary_content_is_rejected(tmp_path, leads, payload, reason):
    path = _jsonl(tmp_path / "b.jsonl", [leads[0], {"text": payload}, leads[1]])
    articles = _skip(path)
    _check_counts(articles, 3)
    assert rejects_table(articles)["record"].tolist() == [2]
    assert reason in rejects_table(articles)["reason"].iloc[0]
    with pytest.raises(CorpusError, match=r"b\.jsonl, record 2: field 'text': binary content"):
        load_articles(path)


def test_nfd_text_is_normalised_to_nfc(tmp_path, leads):
    text = "Prime Minister Andrej Babiš met President Zeman in Prague. " + leads[0]["text"]
    path = _jsonl(tmp_path / "nfd.jsonl",
                  [{"text": unicodedata.normalize("NFD", text), "outlet": "Lidové noviny"}])
    row = load_articles(path).iloc[0]
    assert row["text"] == unicodedata.normalize("NFC", text) and "Babiš" in row["text"]
    assert row["outlet"] == "Lidové noviny"


def test_embedded_corpus_needs_no_repair():
    """The embedded corpus loads as before: no text changed by the repairs."""
    articles = load_articles(config.DEFAULT_CORPUS)
    assert articles.attrs["repairs"] == {} and len(articles) == 296
    raw = {json.loads(line)["id"]: json.loads(line)["text"]
           for line in (config.RAW_DIR / "wikinews" / "wikinews.jsonl").open(encoding="utf-8")}
    loaded = articles.set_index("article_id")["text"]
    assert all(loaded[k] == "\n\n".join(p.strip() for p in v.split("\n\n") if p.strip())
               for k, v in list(raw.items())[:50])


def test_export_with_stray_controls_loads_whole(tmp_path, leads):
    """Acceptance: a 5,000-article export with 11 records carrying \\x9d / \\x96 (raw UTF-8 and
    JSON-escaped) loads whole in the default mode, and the repairs are counted."""
    path = tmp_path / "allsides.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(5_000):
            rec = {**leads[i % len(leads)], "id": f"as{i}"}
            if i % 455 == 7:   # 11 records
                rec["text"] = _with_c1(rec["text"], 10)
            fh.write(json.dumps(rec, ensure_ascii=i % 2 == 0) + "\n")
    articles = load_articles(path, errors="raise")
    assert len(articles) == articles.attrs["records_read"] == 5_000
    assert articles.attrs["repairs"] == {repair.C1: 11, repair.CONTROL: 11}
    assert not any(repair.LEFTOVER_CONTROL_RE.search(t) for t in articles["text"])


# ---- item 6: encodings ------------------------------------------------------------------------

NEWS = {
    "koi8_r": "Министр обороны России Сергей Шойгу заявил во вторник, что так называемые цветные "
              "революции представляют угрозу для безопасности страны. По его словам, западные "
              "государства используют политические технологии для смены власти.",
    "cp1250": "Rada ministrów przyjęła we wtorek projekt ustawy budżetowej na przyszły rok. "
              "Minister finansów zapowiedział, że deficyt zostanie ograniczony, a wydatki na "
              "służbę zdrowia wzrosną. Opozycja skrytykowała plan.",
    "iso8859_2": "Vláda schválila v úterý návrh státního rozpočtu na příští rok. Ministr financí "
                 "uvedl, že schodek se podaří snížit a výdaje na zdravotnictví porostou. Opozice "
                 "plán kritizovala a tvrdí, že vláda špatně odhadla příjmy z daní.",
    "iso8859_7": "Η κυβέρνηση ενέκρινε την Τρίτη το σχέδιο του κρατικού προϋπολογισμού για το "
                 "επόμενο έτος. Ο υπουργός Οικονομικών δήλωσε ότι το έλλειμμα θα μειωθεί και ότι "
                 "οι δαπάνες για την υγεία θα αυξηθούν.",
    "gbk": "国务院总理星期二在北京主持召开常务会议，部署进一步稳定经济增长的措施。会议指出，今年以来"
           "国内经济运行总体平稳，但外部环境依然复杂严峻。",
    "shift_jis": "政府は火曜日、来年度予算案を閣議決定した。財務大臣は記者会見で、歳出の抑制により"
                 "財政赤字を縮小すると述べた。一方、野党は税収の見通しが楽観的すぎると批判した。",
    "euc_kr": "정부는 화요일 국무회의에서 내년도 예산안을 의결했다. 기획재정부 장관은 기자회견에서 "
              "지출 구조조정을 통해 재정 적자를 줄이겠다고 밝혔다. 야당은 세수 전망이 지나치게 "
              "낙관적이라고 비판했다.",
    "mac_roman": "The minister\u2019s office said on Tuesday that the caf\u00e9 owners\u2019 "
                 "association had \u201cno right\u201d to block the r\u00e9sum\u00e9 of talks. "
                 "\u201cWe will not accept this,\u201d she said.",
    "cp1251": "Министр обороны России Сергей Шойгу заявил во вторник, что так называемые цветные "
              "революции представляют угрозу для безопасности страны.",
    "cp1252": "El presidente del Gobierno de España anunció el martes un nuevo plan económico. "
              "«Vamos a crear empleo», dijo en una rueda de prensa en Madrid.",
}


@pytest.mark.parametrize("encoding", sorted(NEWS))
def test_news_in_legacy_encodings(tmp_path, encoding):
    title = "Budget" if encoding not in ("koi8_r", "cp1251") else "Шойгу"
    path = tmp_path / "story.txt"
    path.write_bytes(f"{title}\n\n{NEWS[encoding]}".encode(encoding))
    row = load_articles(path).iloc[0]
    assert (row["title"], row["text"]) == (title, NEWS[encoding])
    path = tmp_path / "story.csv"
    path.write_bytes(f"title,text\n{title},\"{NEWS[encoding]}\"\n".encode(encoding))
    assert load_articles(path)["text"].iloc[0] == NEWS[encoding]


@pytest.mark.parametrize("encoding, text", [
    ("koi8_r", "Шойгу заявил"), ("iso8859_7", "Η κυβέρνηση"), ("euc_kr", "정부는 화요일"),
    ("cp1250", "Rząd"),
])
def test_too_short_to_tell_is_a_clear_error_and_encoding_forces(tmp_path, encoding, text):
    path = tmp_path / "short.txt"
    path.write_bytes(f"Title\n\n{text}".encode(encoding))
    with pytest.raises(CorpusError, match=r"short\.txt: undecodable bytes: .*encoding='") as info:
        load_articles(path)
    assert info.value.source == str(path)
    assert load_articles(path, encoding=encoding)["text"].iloc[0] == text


def test_cp1252_html_with_undefined_bytes(tmp_path):
    body = ("The minister said the plan was \u201cnot acceptable\u201d and the caf\u00e9 "
            "would stay closed for the rest of the year, officials told reporters.")
    page = f"<html><body><article><p>{body}</p></article></body></html>".encode("cp1252")
    page = page.replace(b"plan ", b"plan \x81").replace(b"year,", b"year\x8d,")
    for name, head in (("plain.html", b""), ("declared.html", b'<meta charset="windows-1252">')):
        (tmp_path / name).write_bytes(head + page)
        articles = load_articles(tmp_path / name)
        assert articles["text"].iloc[0] == body
        assert articles.attrs["repairs"] == {repair.CONTROL: 1}


def test_unknown_encoding_option():
    with pytest.raises(ValueError, match="unknown encoding 'klingon'"):
        load_articles(config.DEFAULT_CORPUS, encoding="klingon")


# ---- item 7: columns, archives, folders, links ------------------------------------------------

def test_duplicate_text_column_kept_as_text_2(tmp_path, leads):
    path = tmp_path / "dup.csv"
    path.write_text(f'id,text,text\n1,"{_csv_body(leads, 0)}","{_csv_body(leads, 1)}"\n',
                    encoding="utf-8")
    articles = load_articles(path)
    assert articles["text"].iloc[0] == _csv_body(leads, 0)
    assert articles["text_2"].iloc[0] == _csv_body(leads, 1)
    assert articles.attrs["repairs"] == {repair.DUPLICATE_COLUMN: 1}


def _compressed(folder: Path, name: str, data: bytes) -> None:
    if name.endswith(".zip"):
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("export/part-1.jsonl", data)
            zf.writestr("export/README.md", b"about this export")
            zf.writestr("__MACOSX/export/._part-1.jsonl", b"\x00\x05junk")
    else:
        opener = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}
        (folder / name).write_bytes(opener[Path(name).suffix](data))


@pytest.mark.parametrize("name", ["export.jsonl.gz", "export.jsonl.bz2", "export.jsonl.xz",
                                  "export.zip"])
def test_folder_of_compressed_files(tmp_path, leads, name):
    data = "".join(json.dumps(r) + "\n" for r in leads[:5]).encode("utf-8")
    _compressed(tmp_path, name, data)
    articles = load_articles(tmp_path)
    assert articles["article_id"].tolist() == [r["id"] for r in leads[:5]]
    inner = "/export/part-1.jsonl" if name.endswith(".zip") else ""
    assert articles["source"].iloc[1] == f"{tmp_path / name}{inner}:2"
    skipped = [f"{tmp_path / name}/export/README.md"] if name.endswith(".zip") else []
    assert articles.attrs["skipped_files"] == skipped


def test_truncated_gzip_keeps_what_was_read(tmp_path, leads):
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in leads[:40]).encode("utf-8"))
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) * 2 // 3])
    articles = _skip(tmp_path / "cut.jsonl.gz")
    assert 0 < len(articles) < 40
    assert "corrupt or truncated" in rejects_table(articles)["reason"].iloc[-1]


@pytest.mark.parametrize("how", ["folder", "glob"])
def test_symlinked_subfolder_read_in_folder_and_glob(tmp_path, leads, how):
    real = tmp_path / "elsewhere"
    real.mkdir()
    _jsonl(real / "linked.jsonl", leads[:2])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _jsonl(corpus / "own.jsonl", leads[2:3])
    (corpus / "link").symlink_to(real, target_is_directory=True)
    (real / "loop").symlink_to(corpus, target_is_directory=True)      # a link loop
    source = corpus if how == "folder" else str(corpus / "**" / "*.jsonl")
    articles = load_articles(source)
    assert sorted(articles["article_id"]) == sorted(r["id"] for r in leads[:3])


def test_unreadable_folder_and_file_are_listed(tmp_path, leads, monkeypatch):
    (tmp_path / "locked").mkdir()
    _jsonl(tmp_path / "locked" / "a.jsonl", leads[:1])
    _jsonl(tmp_path / "secret.jsonl", leads[1:2])
    _jsonl(tmp_path / "fine.jsonl", leads[2:3])
    scan, read_file = sources.scan_folder, sources.open_binary

    def refuse_folder(folder):
        if folder.name == "locked":
            raise PermissionError(13, "Permission denied", str(folder))
        return scan(folder)

    def refuse_file(path):
        if path.name == "secret.jsonl":
            raise PermissionError(13, "Permission denied", str(path))
        return read_file(path)

    monkeypatch.setattr(sources, "scan_folder", refuse_folder)
    monkeypatch.setattr(sources, "open_binary", refuse_file)
    articles = _skip(tmp_path)
    assert articles["article_id"].tolist() == [leads[2]["id"]]
    assert rejects_table(articles)[["source", "reason"]].values.tolist() == [
        [str(tmp_path / "locked"), "cannot read folder: Permission denied"],
        [str(tmp_path / "secret.jsonl"), "cannot read file: Permission denied"]]
    with pytest.raises(CorpusError, match="locked: cannot read folder: Permission denied"):
        load_articles(tmp_path)


def test_skipped_files_listed_and_explicit_unknown_type_rejected(tmp_path, leads):
    _jsonl(tmp_path / "a.jsonl", leads[:1])
    (tmp_path / "README.md").write_text("About this corpus", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.jsonl").write_text("{broken", encoding="utf-8")
    articles = load_articles(tmp_path)
    assert articles.attrs["skipped_files"] == [str(tmp_path / "README.md"),
                                               str(tmp_path / "scan.pdf")]
    assert "files not read (not an article format): 2: 'README.md', 'scan.pdf'" in \
        summarize_load(articles)
    with pytest.raises(CorpusError, match=r"scan\.pdf: unsupported file type '\.pdf'"):
        load_articles(tmp_path / "scan.pdf")


@pytest.mark.parametrize("files", [{"notes.docx": b"x"}, {"header_only.csv": b"id,text\n"},
                                   {"empty_list.json": b"[]"}, {}])
def test_input_without_any_record_raises_or_warns(tmp_path, files):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with pytest.raises(CorpusError, match="no article found"):
        load_articles(tmp_path)
    with pytest.warns(UserWarning, match="no article found"):
        articles = load_articles(tmp_path, errors="skip")
    assert len(articles) == 0 and articles.attrs["records_read"] == 0


# ---- item 11: values that used to crash -------------------------------------------------------

def test_values_that_used_to_crash(tmp_path, leads):
    lines = [
        json.dumps({**leads[0], "title": "Storm \ud800 hits"}),
        '{"text": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({**leads[1], "id": "big"})[:-1] + ', "views": ' + "7" * 5_000 + "}",
        json.dumps({**leads[2], "text": leads[2]["text"] + "\udc9d", "tags": ["a", "b"]}),
        json.dumps({**leads[3], "tags": "c"}),
        json.dumps({**leads[4], "tags": 3, "meta": {"k": [1, 2]}}),
    ]
    path = tmp_path / "crash.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = _skip(path)
    _check_counts(articles, 6)
    assert rejects_table(articles)[["record", "reason"]].values.tolist() == [
        [2, "invalid JSON (nested too deeply)"]]
    assert articles["title"].iloc[0] == "Storm \ufffd hits"
    assert articles["text"].iloc[2].endswith("\ufffd")
    assert articles.set_index("article_id").loc["big", "views"] == "7" * 5_000
    assert articles["tags"].tolist()[2:] == ['["a", "b"]', "c", "3"]
    assert articles.attrs["repairs"][repair.SURROGATE] == 2
    articles.to_parquet(tmp_path / "out.parquet", index=False)        # Arrow-writable
    back = pd.read_parquet(tmp_path / "out.parquet")
    assert back["views"].iloc[1] == "7" * 5_000 and back["meta"].iloc[4] == '{"k": [1, 2]}'
    with pytest.raises(CorpusError, match=r"crash\.jsonl, record 2: invalid JSON"):
        load_articles(path)


@pytest.mark.parametrize("content, record, reason", [
    ('{"text": "Zürich — “talks” in São Paulo go on"}\n'.encode() + b'{"text": "caf\xe9"}\n', 2,
     "undecodable bytes"),
    (b'{"text": "ok"}\n{"text": "a\\u0000b"}\n', 2, "binary content"),
    (b'{"text": "ok"}\n[1, 2]\n', 2, "record is a list"),
])
def test_raise_names_file_record_and_reason(tmp_path, content, record, reason):
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=reason) as info:
        load_articles(path)
    assert (info.value.source, info.value.record) == (str(path), record)


def test_folder_symlink_to_missing_file_is_listed(tmp_path, leads):
    _jsonl(tmp_path / "a.jsonl", leads[:1])
    os.symlink(tmp_path / "gone.jsonl", tmp_path / "b.jsonl")
    articles = _skip(tmp_path)
    assert rejects_table(articles)["reason"].tolist() == [
        "broken symbolic link (its target does not exist)"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_spreadsheet_unicode_text_export(tmp_path, leads, encoding):
    """Excel's "Unicode text" is UTF-16 with a BOM and tabs; UTF-8 with BOM is its CSV UTF-8."""
    table = pd.DataFrame([{"title": "Шойгу: “цветные революции”", "text": leads[0]["text"]},
                          {"title": "Zürich talks", "text": leads[1]["text"]}])
    path = tmp_path / "export.tsv"
    path.write_bytes(table.to_csv(sep="\t", index=False).encode(encoding))
    articles = load_articles(path)
    assert articles["title"].tolist() == table["title"].tolist()
    assert articles["text"].tolist() == table["text"].tolist()
