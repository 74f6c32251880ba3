"""The people introduced in an article (capitalised names with their titles) and their index
by surname, name word, full name and title word."""

from __future__ import annotations

import bisect
import re

from ..text.words import word_list
from .records import CAP_RUN_RE, CAP_STOP, FIRST_NAMES, ORG_WORDS, PLACES, ROLE_NOUNS, TITLE_WORDS, Person


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'’-")


def _word_positions(text: str, word: str) -> list[int]:
    """Start offsets of ``word`` as a whole word in ``text`` (``str.find``, no regex)."""
    out = []
    n = len(word)
    i = text.find(word)
    while i >= 0:
        if (i == 0 or text[i - 1] not in _WORD_CHARS) and \
                (i + n == len(text) or text[i + n] not in _WORD_CHARS):
            out.append(i)
        i = text.find(word, i + n)
    return out



def split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """("Russian Defense Minister Sergei Shoigu" tokens) -> (title tokens, name tokens); an
    honorific ("Mr.", "Mrs.") is dropped from the title."""
    k = len(tokens)
    while k > 0 and tokens[k - 1].lower().rstrip(".") not in TITLE_WORDS:
        k -= 1
    if k and not any(t.lower().rstrip(".") in TITLE_WORDS and t.lower() not in _LINK_WORDS
                     for t in tokens[:k]):
        k = 0       # "University of California": "of" alone makes no title
    if 0 < k < len(tokens) - 2 and tokens[k - 1].lower() in _LINK_WORDS:
        k = _after_complement(tokens, k)
    if len(tokens) - k > 2 and tokens[k].lower() in PLACES and tokens[k + 1].lower() in FIRST_NAMES:
        k += 1      # "(Ambassador to) Germany Richard Grenell": the place is no part of the name
    if k == len(tokens) - 1 and tokens[-1].lower() in ORG_WORDS:
        return [], list(tokens)     # "World Health Organization", "Defense Department"
    title = [t for t in tokens[:k] if t.lower().rstrip(".") not in HONORIFICS]
    return title, tokens[k:]


HONORIFICS = word_list("honorifics")
#: Words that join a title to its complement ("Secretary of State") but are no title alone.
_LINK_WORDS = frozenset(("of", "for", "the", "de"))
_MAX_TITLE_WORD = max(map(len, TITLE_WORDS))


def person_index(text: str, masked: str, *, surnames: frozenset[str] | None = None,
                  roles: bool = True) -> list[Person]:
    """Names introduced in the article (capitalised runs of two or more name words, with the
    title in front of them), in text order. With ``surnames``, only runs ending in one of them
    (or, with ``roles``, holding a role noun) are kept: the ones resolution can use."""
    people = []
    for m in _candidate_runs(masked, surnames, roles):
        for offset, toks in _name_pieces(m.group()):
            person = _run_person(masked, m.start() + offset, toks, surnames, roles)
            if person is not None:
                people.append(person)
    return people


def _name_pieces(run: str) -> list[tuple[int, list[str]]]:
    """A capitalised run cut at a sentence end inside it ("Jorge Scheinig. Calling"): (offset,
    words) of the name before the full stop (without it) and of the words after it."""
    toks = run.split()
    if "." not in run:
        return [(0, toks)]
    cut = max((i for i, t in enumerate(toks) if t.endswith(".") and len(t) > 4), default=-1)
    if cut < 0:
        return [(0, toks)]
    rest = toks[cut + 1:]
    pieces = [(0, toks[:cut] + [toks[cut][:-1]])]
    if rest:
        pieces.append((run.rfind(" " + rest[0]) + 1, rest))
    return pieces


def _run_person(masked: str, pos: int, toks: list[str], surnames: frozenset[str] | None,
                roles: bool) -> Person | None:
    """The person (or organisation) a capitalised run at ``pos`` names, with its title (also a
    lower-case role just before it: "archbishop Jorge Scheinig"); None when resolution has no
    use for it or it is no name."""
    if len(toks) < 2 or surnames is not None and toks[-1] not in surnames and not (
            roles and (any(t.lower().rstrip(".") in ROLE_NOUNS for t in toks)
                       or _word_before(masked, pos) in ROLE_NOUNS)):
        return None
    while toks and toks[0].lower().rstrip(".").split("’")[0].split("'")[0] in CAP_STOP:
        toks = toks[1:]     # "The", "I’m"
    title, name = split_title(toks)
    if "of" in name[2:4] and len(name) > name.index("of") + 1 and all(is_cap_word(t) for t in name[:name.index("of")]):
        name = name[:name.index("of")]   # "Jennifer Lu of Marriage Equality Coalition Taiwan"
    if len(name) < 2 and not title or not name:
        return None
    title_str = " ".join(title) or None
    title_str = _lower_title_before(masked, pos, title_str)
    is_person = not any(t.lower() in ORG_WORDS for t in name) and len(name) <= 4
    return Person(name=" ".join(name), title=title_str, pos=pos, is_person=is_person,
                  tokens=tuple(t.lower() for t in name))


def _word_before(masked: str, pos: int) -> str:
    """The lower-case word just before ``pos`` (at most one title word long), else ""."""
    lo = max(0, pos - 2 - _MAX_TITLE_WORD)
    k = masked.rfind(" ", lo, max(0, pos - 1)) + 1
    word = masked[k:pos - 1] if pos > 0 else ""
    return word if word.islower() else ""


_CAP_RUN_END_RE = re.compile(CAP_RUN_RE.pattern + "$")


def _candidate_runs(masked: str, surnames: frozenset[str] | None, roles: bool) -> list[re.Match]:
    """Capitalised runs worth indexing: all of them, or (without role lookups) only the runs
    ending at an occurrence of one of ``surnames``, found with ``str.find``."""
    if surnames is None or roles:
        return list(CAP_RUN_RE.finditer(masked))
    runs: dict[int, re.Match] = {}
    for name in sorted(surnames):      # sorted: the run kept at a start must not depend on set order
        for pos in _word_positions(masked, name):
            m = _CAP_RUN_END_RE.search(masked, max(0, pos - 90), pos + len(name))
            if m and m.start() not in runs:
                runs[m.start()] = m
    return [runs[k] for k in sorted(runs)]


_LOWER_TITLE_RE = re.compile(r"((?:\b[a-z]+\s+){1,3})$")


def _lower_title_before(masked: str, pos: int, title: str | None) -> str | None:
    """Extend a title with lower-case role words before the name ("presidential candidate")."""
    lo = max(0, pos - 2 - _MAX_TITLE_WORD) if pos > 0 else 0   # no further than a title word
    k = masked.rfind(" ", lo, max(0, pos - 1)) + 1
    if k == 0 and lo > 0 or masked[k:pos - 1] not in TITLE_WORDS:
        return title
    m = _LOWER_TITLE_RE.search(masked, max(0, pos - 40), pos)
    if not m:
        return title
    words = m.group(1).split()
    keep: list[str] = []
    for w in reversed(words):
        if w in TITLE_WORDS and w not in ("the", "of", "for"):
            keep.insert(0, w)
        else:
            break
    if not keep:
        return title
    return " ".join(keep + ([title] if title else []))


def _after_complement(tokens: list[str], k: int) -> int:
    """End of the complement of a title ending in of/for at ``tokens[k]`` ("President of
    Argentina", "President of the United States"): a listed place, else one word, so that a
    name of two words stays."""
    j = k + 1 if tokens[k].lower() == "the" else k
    for m in (3, 2, 1):
        if j + m <= len(tokens) - 2 and "_".join(tokens[j:j + m]).lower() in PLACES:
            return j + m
    return j + 1 if j + 1 <= len(tokens) - 2 else k


def is_cap_word(word: str) -> bool:
    """A capitalised word that is no function word opening a sentence."""
    return word[:1].isupper() and word.lower() not in CAP_STOP


_PLACE_END_RE = re.compile(r"(?:ia|land|stan|ica|ina|ea|us|ton|ville|burg|shire)$")


def looks_like_surname(word: str) -> bool:
    """A single capitalised word that is probably a person's surname, not a place, an acronym or
    an organisation ("Shoigu" yes; "Russia", "NATO", "Kremlin" no)."""
    return not (word.isupper() or word.lower() in ORG_WORDS or _PLACE_END_RE.search(word))


class PeopleIndex:
    """The people of an article looked up by key instead of scanned: surname (last name
    word), any later name word, full name and title word -> entries ``(pos, seq, person)``
    sorted in the order of the people list (by position; a person added later goes after
    those at the same position)."""

    def __init__(self, people: list[Person]):
        self.by_last: dict[str, list] = {}
        self.by_inner: dict[str, list] = {}
        self.by_tokens: dict[tuple[str, ...], list] = {}
        self.by_title: dict[str, list] = {}
        self._seq = 0
        for p in people:
            self.add(p)

    def add(self, p: Person) -> None:
        """Index ``p`` after every person indexed so far at its position."""
        entry = (p.pos, self._seq, p)
        self._seq += 1
        keys = [(self.by_tokens, p.tokens)]
        if p.tokens:
            keys.append((self.by_last, p.tokens[-1]))
        keys += [(self.by_inner, t) for t in dict.fromkeys(p.tokens[1:])]
        if p.title:
            keys += [(self.by_title, w) for w in dict.fromkeys(p.title.lower().split())]
        for table, key in keys:
            entries = table.setdefault(key, [])
            if not entries or entries[-1][:2] < entry[:2]:
                entries.append(entry)
            else:
                entries.insert(bisect.bisect_right(entries, entry[:2], key=lambda x: x[:2]), entry)

    @staticmethod
    def last_before(table: dict, key, bound: int) -> tuple | None:
        """The last entry under ``key`` at position ``bound`` or before."""
        entries = table.get(key)
        if not entries:
            return None
        i = bisect.bisect_right(entries, bound, key=lambda x: x[0])
        return entries[i - 1] if i else None

    @staticmethod
    def first_after(table: dict, key, bound: int) -> tuple | None:
        """The first entry under ``key`` after position ``bound``."""
        entries = table.get(key)
        if not entries:
            return None
        i = bisect.bisect_right(entries, bound, key=lambda x: x[0])
        return entries[i] if i < len(entries) else None
