"""Gold-data files: JSONL records (PolNeAR), NewsMTSC targets, and prediction files in the shared
scorers' format (see ``../shared/data/README.md``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pandas as pd

#: NewsMTSC polarity codes
POLARITY_CODES = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


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
