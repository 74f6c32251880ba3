"""Gold-data files: JSONL records (PolNeAR), NewsMTSC targets, and prediction files in the shared
scorers' format (see ``../shared/data/README.md``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

#: NewsMTSC polarity codes
POLARITY_CODES = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


_HELD_OUT_NAME = re.compile(r"(?<![a-z])(?:dev|test)(?![a-z])")


def is_held_out(path: str | Path) -> bool:
    """Whether a gold file's name says it is a held-out split: the word ``dev`` or ``test`` not
    inside a longer word (``dev.jsonl``, ``dev_rw.jsonl``, ``polnear-dev.jsonl``, ``test2``; not
    ``latest_train.jsonl``). Trainers refuse such files; error listings read them only through
    the scorer's aggregate figures."""
    return bool(_HELD_OUT_NAME.search(Path(path).stem.lower()))


def load_jsonl(path: str | Path) -> list[dict]:
    """Records of a JSONL file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_newsmtsc(path: str | Path) -> pd.DataFrame:
    """The targets of a NewsMTSC-format JSONL file, one row per target: ``line`` (0-based line of
    the file), ``target`` (index in that line's ``targets``), ``text`` (``sentence_normalized``),
    ``start``, ``end``, ``mention``, ``label``. Raises ``ValueError`` naming the line of a bad
    record."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                for t_idx, t in enumerate(rec["targets"]):
                    rows.append({"line": line_no, "target": t_idx, "text": rec["sentence_normalized"],
                                 "start": int(t["from"]), "end": int(t["to"]), "mention": t.get("mention"),
                                 "label": POLARITY_CODES[float(t["polarity"])]})
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}, line {line_no + 1}: not a NewsMTSC record ({exc!r})") from exc
    return pd.DataFrame(rows, columns=["line", "target", "text", "start", "end", "mention", "label"])


def gold_files(gold_dir: str | Path, folder: str, splits: tuple[str, ...], *,
               task: str) -> Iterator[tuple[str, Path]]:
    """(split, path) of each ``<gold_dir>/<folder>/<split>.jsonl`` that exists; a missing one
    is reported and skipped."""
    for split in splits:
        path = Path(gold_dir) / folder / f"{split}.jsonl"
        if path.exists():
            yield split, path
        else:
            print(f"{task}: no gold file {path}; skipped")


def write_predictions(preds: list[dict], path: str | Path) -> Path:
    """Write prediction records as JSONL (the shared scorers' ``--pred`` input)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in preds:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


# --------------------------------------------------------------------------------------------
# the project's concept-sentiment gold (data/gold/concept_sentiment)
# --------------------------------------------------------------------------------------------

#: Columns of ``read_concept_gold``.
CONCEPT_COLUMNS = ("id", "source", "article_id", "term", "text", "start", "end", "mention", "label",
                   "voice", "sure")


def concept_groups(concepts: pd.DataFrame) -> np.ndarray:
    """A group number per mention for the concept folds: mentions of one article share a group,
    and so do articles that hold the same sentence (PolNeAR repeats a few sentences across
    articles), so that no sentence is learned in one fold and scored in another."""
    parent = {a: a for a in concepts["article_id"]}

    def root(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for articles in concepts.groupby("text")["article_id"].unique():
        for other in articles[1:]:
            parent[root(other)] = root(articles[0])
    roots = [root(a) for a in concepts["article_id"]]
    return pd.factorize(pd.Series(roots))[0]


def read_concept_gold(path: str | Path | None = None, *, gold_dir: str | Path | None = None,
                      wikinews: str | Path | None = None) -> pd.DataFrame:
    """The concept-term sentiment gold (``data/gold/concept_sentiment/mentions.jsonl``), one row
    per labelled mention (mentions marked ``skip``, no mention of the concept, are left out):
    columns ``CONCEPT_COLUMNS``; ``text`` is the sentence that holds the mention
    (``text.sentence_spans`` of the article) and ``start`` / ``end`` are offsets into it, as in
    ``read_newsmtsc``; ``article_id`` groups the mentions for cross-validation.

    The gold stores article offsets only: texts are joined by id from
    ``<gold_dir>/polnear/train.jsonl`` (default ``../shared/data``; PolNeAR stays outside the
    project) and from the embedded Wikinews sample (``wikinews``, default
    ``config.WIKINEWS_CORPUS``). Raises ``FileNotFoundError`` for a missing text file and
    ``ValueError`` naming the record whose offsets do not give its mention."""
    from .. import config
    from ..text import sentence_spans

    path = Path(path) if path is not None else config.CONCEPT_GOLD
    records = load_jsonl(path)
    gold_dir = Path(gold_dir) if gold_dir is not None else config.SHARED_DATA_DIR
    sources = {"polnear/train": gold_dir / "polnear" / "train.jsonl",
               "wikinews": Path(wikinews) if wikinews is not None else config.WIKINEWS_CORPUS}
    texts: dict[tuple[str, str], str] = {}
    for source in sorted({r["source"] for r in records}):
        if source not in sources:
            raise ValueError(f"{path}: unknown source {source!r} (known: {sorted(sources)})")
        if not sources[source].exists():
            raise FileNotFoundError(f"{path}: the texts of source {source!r} are read from "
                                    f"{sources[source]}, which does not exist (pass gold_dir=)")
        texts.update({(source, a["id"]): a["text"] for a in load_jsonl(sources[source])})
    spans_of: dict[tuple[str, str], list[tuple[int, int]]] = {}
    rows = []
    for line_no, r in enumerate(records, start=1):
        if r.get("label") not in ("negative", "neutral", "positive", "skip"):
            raise ValueError(f"{path}, line {line_no} ({r.get('id')}): label {r.get('label')!r} is not "
                             "negative, neutral, positive or skip")
        if r["label"] == "skip":
            continue
        key = (r["source"], r["article_id"])
        text = texts.get(key)
        if text is None or text[r["start"]:r["end"]] != r["mention"]:
            raise ValueError(f"{path}, line {line_no} ({r['id']}): offsets {r['start']}:{r['end']} of "
                             f"{r['article_id']!r} do not give the mention {r['mention']!r}")
        if key not in spans_of:
            spans_of[key] = sentence_spans(text)
        s0, s1 = next(((a, b) for a, b in spans_of[key] if a <= r["start"] < b), (r["start"], r["end"]))
        s1 = max(s1, r["end"])
        rows.append({"id": r["id"], "source": r["source"], "article_id": r["article_id"], "term": r["term"],
                     "text": text[s0:s1], "start": r["start"] - s0, "end": r["end"] - s0,
                     "mention": r["mention"], "label": r["label"], "voice": r["voice"], "sure": r["sure"]})
    return pd.DataFrame(rows, columns=list(CONCEPT_COLUMNS))


def concept_gold_as_newsmtsc(gold: pd.DataFrame, path: str | Path) -> Path:
    """Write ``read_concept_gold`` rows as a NewsMTSC-format file (one line per mention), so that
    ``../shared/eval/score_sentiment.py`` scores predictions on it (line ``i``, target 0)."""
    codes = {label: code for code, label in POLARITY_CODES.items()}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in gold.itertuples(index=False):
            fh.write(json.dumps({"primary_gid": row.id, "sentence_normalized": row.text,
                                 "targets": [{"Input.gid": row.id, "from": int(row.start), "to": int(row.end),
                                              "mention": row.mention, "polarity": codes[row.label]}]},
                                ensure_ascii=False) + "\n")
    return path
