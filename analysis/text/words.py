"""Word lists: the resource files of ``resources/words/`` (one list per file, with its
provenance), the stop words and the one pronoun table.

A list file starts with ``# <what it is>`` and ``# source: <where it came from>`` lines; then
words separated by spaces or line breaks; ``#`` starts a comment. ``word_list(name)`` reads
``resources/words/<name>.txt``. ``pronouns(*tags)`` queries ``resources/words/pronouns.tsv``
(one pronoun a line with its grammatical tags), so each pronoun set of the rules is derived from
one table.
"""

from __future__ import annotations

import os
from functools import lru_cache

from .. import config

#: The folder of the word lists.
WORDS_DIR = config.RESOURCES_DIR / "words"
#: The pronoun table: ``word<TAB>tags`` (tags separated by spaces).
PRONOUNS_FILE = WORDS_DIR / "pronouns.tsv"


def read_word_list(path: "str | os.PathLike[str]") -> list[str]:
    """The words of a word-list file in file order: ``#`` comments and blank lines left out,
    words separated by spaces, tabs or line breaks."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            out.extend(line.split("#", 1)[0].split())
    return out


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """The words of ``resources/words/<name>.txt``."""
    return frozenset(read_word_list(WORDS_DIR / f"{name}.txt"))


@lru_cache(maxsize=None)
def stopwords() -> frozenset[str]:
    """English stop words from ``resources/stopwords_en.txt`` (lower case)."""
    return frozenset(read_word_list(config.RESOURCES_DIR / "stopwords_en.txt"))


@lru_cache(maxsize=None)
def pronoun_table() -> dict[str, frozenset[str]]:
    """``{pronoun: tags}`` from ``resources/words/pronouns.tsv``."""
    table: dict[str, frozenset[str]] = {}
    with open(PRONOUNS_FILE, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            word, _, tags = line.partition("\t")
            if not tags.strip():
                raise ValueError(f"{PRONOUNS_FILE}, line {n}: a pronoun without tags")
            table[word.strip()] = frozenset(tags.split())
    return table


def pronouns(*tags: str, without: tuple[str, ...] = ()) -> frozenset[str]:
    """The pronouns that have every tag of ``tags`` and none of ``without``, e.g.
    ``pronouns("subject")`` (he she it we they i you who), ``pronouns("subject", "gendered")``
    (he she). Tags: subject, object, possessive, relative; first, second, third; singular,
    plural; gendered."""
    table = pronoun_table()
    known = frozenset().union(*table.values())
    unknown = sorted(set(tags) - known) + sorted(set(without) - known)
    if unknown:
        raise ValueError(f"unknown pronoun tag(s) {unknown}; known: {sorted(known)}")
    return frozenset(w for w, have in table.items()
                     if have.issuperset(tags) and not have.intersection(without))
