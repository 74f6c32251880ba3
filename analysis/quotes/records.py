"""The records (``Statement``, ``Person``) and the word lists and regular expressions
shared by the rules of quote extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.words import WORDS_DIR, pronouns, read_word_list, word_list

# word lists (resources/words/; see analysis.text.words)

#: Pronouns that stand for a person: he, she.
PERSON_PRONOUNS = pronouns("subject", "gendered")
#: Pronouns that can be a speaker: he she it we they i you who.
PRONOUNS = pronouns("subject")
AUX_ADV = word_list("aux_adverbs")
LY_NOUNS = word_list("ly_nouns")
QUANTIFIER_SPEAKERS = word_list("quantifier_speakers")
DETERMINERS = word_list("determiners")
#: Lower-case words that may not end or sit inside a common-noun speaker phrase.
NOT_NOUN = word_list("not_noun") | AUX_ADV
#: Role nouns and title modifiers: the part of "Russian Defense Minister Sergei Shoigu" that is
#: a title, and the heads of role mentions ("the defense minister").
ROLE_NOUNS = word_list("role_nouns") | word_list("extra_roles")
TITLE_WORDS = ROLE_NOUNS | word_list("title_words")
#: Adverbs between a speaker and its cue that are never a speaker ("He has since said").
SPEAKER_ADVERBS = word_list("speaker_adverbs")
#: Words that never head a speaker phrase ("Except", "It's", "findings", "the past").
NOT_SPEAKERS = word_list("not_speakers")
#: Auxiliaries of the passive ("was said", "is expected", "been called").
PASSIVE_AUXILIARIES = word_list("passive_auxiliaries")
#: Adjectives after "is"/"are" whose subject is the source ("is concerned", "are confident").
STATE_ADJECTIVES = word_list("state_adjectives")


def is_passive_cue(masked: str, lo: int, cs: int, cue: str) -> bool:
    """Whether the cue ``cue`` (lower case) at ``cs`` is a passive ("was asked", "is expected"),
    whose subject is no source: a passive auxiliary just before it (not before ``lo``), unless
    the cue is an "-ing" form or a state adjective ("is hoping", "are concerned")."""
    before = masked[max(lo, cs - 8):cs].split()
    return bool(before) and before[-1].lower() in PASSIVE_AUXILIARIES and not cue.endswith("ing") \
        and cue not in STATE_ADJECTIVES


def is_plural_noun(word: str) -> bool:
    """A lower-case word that reads as a plural noun ("officials", "critics"; not "various",
    "this", "press")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


#: Capitalised plural group names that are never a surname ("Democrats", "Americans").
GROUP_NAMES = word_list("group_names")


def is_group_name(word: str) -> bool:
    """"Democrats", "Americans", "Iranians": a group, not a person's surname."""
    low = word.lower()
    return low in GROUP_NAMES or len(low) > 5 and low.endswith("ans")


#: First name (lower case) -> "m" or "f" (resources/words/first_names.tsv).
FIRST_NAMES = dict(zip(*[iter(read_word_list(WORDS_DIR / "first_names.tsv"))] * 2))
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def name_gender(name: str | None, title: str | None = None) -> str | None:
    """"m", "f" or None (unknown) for a person's name: an honorific ("Mrs. Clinton") or a listed
    first name ("Hillary Clinton")."""
    if not name:
        return None
    for word in f"{title or ''} {name}".split():
        low = word.lower().rstrip(".")
        if low == "mr":
            return "m"
        if low in ("mrs", "ms", "miss"):
            return "f"
    return FIRST_NAMES.get(name.split()[0].lower())


def agrees(pronoun: str, name: str | None, title: str | None = None) -> bool:
    """Whether "he"/"she" may refer to ``name`` (an unknown gender agrees with both)."""
    want = _PRONOUN_GENDER.get(pronoun.lower())
    have = name_gender(name, title)
    return want is None or have is None or want == have


#: Document and message nouns ("statement", "tweet", "report").
DOCUMENTS = word_list("documents")
#: Place names (multi-word names joined by "_"), lower case.
PLACES = word_list("places")
#: Capitalised words that start a sentence but are not names.
CAP_STOP = word_list("cap_stop")
ORG_WORDS = word_list("org_words") | word_list("extra_org_words")



def is_place(words: list[str]) -> bool:
    """Whether ``words`` (a phrase's tokens) name a place alone ("Germany", "the United States",
    "Munich , Germany")."""
    names = [w for w in words if w not in (",", "and")]
    if not names or not all(w[:1].isupper() or w.lower() == "the" for w in names):
        return False
    if "_".join(names).lower() in PLACES:
        return True
    return len(names) > 1 and words.count(",") == 1 and all(
        "_".join(part).lower() in PLACES for part in _split_at_comma(words))


def _split_at_comma(words: list[str]) -> list[list[str]]:
    k = words.index(",")
    return [words[:k], words[k + 1:]]


_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"


# regular expressions (compiled once)

PARA_RE = re.compile(r"[^\n]+")
NOT_NEWLINE_RE = re.compile(r"[^\n]")
SPACES_RE = re.compile(r"\s+")
MARK_RE = re.compile(r"''|[\"“”]")
TIME_TAIL_RE = re.compile(
    r"(?:,?\s+(?:on|late|early|last|this|earlier|later|in|at)\s+(?:(?:" + _WEEKDAYS +
    r")(?:\s+(?:night|morning|afternoon|evening))?|week|month|year|night|morning|afternoon|"
    r"evening|an?\s+(?:statement|interview|email|e-mail|tweet|speech|letter|post)|"
    r"the\s+(?:weekend|morning|afternoon|evening|time|meeting|conference|event|rally|debate))"
    r"(?:\s+(?:night|morning|afternoon|evening))?,?)\s*$")
QUOTE_OPENERS = ("“", "\"", "''")
APPOS_START_RE = re.compile(
    r"\s*(?:who|which|whose|whom|a|an|the|his|her|their|its|[0-9]+|former|now|then|also|"
    r"[RDI]-[A-Z]\w*|[a-z]\w*)\b")
# (words separated by required white space: "\s*" between them let a long capitalised token
# split in exponentially many ways before failing)
DASH_NAME_RE = re.compile(r"^\s*[—–-]{1,2}\s*([A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,4}\s*)$")
# the same, matched in place after a quote (``match(text, pos, end of paragraph)``)
DASH_NAME_TAIL_RE = re.compile(DASH_NAME_RE.pattern[1:])
COLON_NAME_RE = re.compile(r"((?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’.\-]*)\s*:\s*$")
CAP_RUN_RE = re.compile(
    r"[A-Z][\w'’\-]*\.?(?:[ \t]+(?:(?:of|for|the|de|von|van|al|bin|la|le)[ \t]+)*[A-Z][\w'’\-]*\.?)+")


@dataclass(slots=True)
class Statement:
    """One attributed statement while an article is worked on (a row of the quotes table once
    resolved): its span and pieces (character offsets), ``kind`` (direct, mixed, indirect), the
    cue, the speaker mention and its offsets, the resolved speaker and title, and the flags the
    rules set on the way."""

    start: int
    end: int
    pieces: list[tuple[int, int]]
    kind: str
    cue: str
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    speaker: str | None = None
    title: str | None = None
    cue_start: int = -1
    right: bool = False
    fragment: bool = False      # a quoted phrase inside a mixed statement, also given alone
    # a quote continuing the statement before it (no cue of its own): it takes the speaker and
    # title that statement's mention resolves to
    inherits_title: bool = False
    # the resolved speaker is a person (not an organisation, group or document)
    is_person: bool = False


@dataclass(slots=True)
class Person:
    """A person or organisation introduced in an article: its name, title (role), position,
    whether it is a person, and the lower-case tokens of its name."""

    name: str
    title: str | None
    pos: int
    is_person: bool
    tokens: tuple[str, ...] = field(default=())
