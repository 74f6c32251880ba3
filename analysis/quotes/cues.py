"""The reporting cues of ``resources/cue_verbs.tsv``: the lexicon, its tone classes and
finding every cue of a text in one pass."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .. import config


CUE_FILE = config.RESOURCES_DIR / "cue_verbs.tsv"



@lru_cache(maxsize=None)
def cue_lexicon() -> pd.DataFrame:
    """The reporting cues of ``resources/cue_verbs.tsv``: columns ``cue``, ``lemma``, ``tone``
    (neutral | loaded | belief | action)."""
    rows = []
    with open(CUE_FILE, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                raise ValueError(f"{CUE_FILE}: bad line {line!r} (want cue<TAB>lemma<TAB>tone)")
            rows.append(parts)
    return pd.DataFrame(rows, columns=["cue", "lemma", "tone"])


def cue_tone(cue: str) -> str:
    """Tone class of a cue string ("said" -> "neutral", "has claimed" -> "loaded"); the last word
    of the cue decides; "other" for cues not in the lexicon (":" or "-")."""
    table = _tone_map()
    key = (cue or "").lower().strip()
    if key in table:
        return table[key]
    last = key.split()[-1] if key.split() else ""
    return table.get(last, "other")


@lru_cache(maxsize=None)
def _tone_map() -> dict[str, str]:
    lex = cue_lexicon()
    return dict(zip(lex["cue"].str.lower(), lex["tone"]))


@lru_cache(maxsize=None)
def _cue_table() -> dict[str, tuple[re.Pattern | None, ...]]:
    """First word of each cue -> patterns for the rest of the cue (None: the word alone)."""
    table: dict[str, list] = {}
    for cue in cue_lexicon()["cue"].str.lower().unique():
        first, _, rest = cue.partition(" ")
        table.setdefault(first, []).append(
            re.compile(r"\s+" + r"\s+".join(map(re.escape, rest.split())) + r"\b") if rest else None)
    # longer cues first
    return {k: tuple(sorted(v, key=lambda p: p is None)) for k, v in table.items()}


def _trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of ``words``, written as a prefix tree ("sa(?:id|ys)")
    so the engine tests each position once instead of once per word."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(root)


@lru_cache(maxsize=None)
def _cue_start_re() -> re.Pattern:
    """First words of the cues (and "According") as whole words."""
    words = sorted(set(_cue_table()) | {"According"})
    return re.compile(r"(?<![A-Za-z'’\-])" + _trie_pattern(words) + r"(?![A-Za-z'’\-])")


def find_cues(masked: str) -> list[tuple[int, int]]:
    """(start, end) of every cue of the lexicon in ``masked`` (lower-case; "According to" also
    capitalised): one pass of a prefix-tree regex over the text for the first words, then the
    rest of each multi-word cue is matched at the word's end (longer cues first)."""
    table = _cue_table()
    found = []
    for m in _cue_start_re().finditer(masked):
        word = m.group()
        end = m.end()
        for rest in table.get(word) or table.get(word.lower(), ()):
            if rest is None:
                found.append((m.start(), end))
                break
            r = rest.match(masked, end)
            if r:
                found.append((m.start(), r.end()))
                break
    return found
