"""Corpus-level speaker identity: ``speaker_type``, ``link_speakers``, ``identify_speakers`` and
``speaker_names``.

``extract_quotes`` resolves speakers within one article ("Shoigu", "he" -> "Sergei Shoigu"). Across
articles one person still appears under several names ("Donald J. Trump", "President-elect Donald
Trump", "Trump"), and many speakers are no person at all ("the report", "officials", "Except").

**Type** (``speaker_type``, one of ``schema.SPEAKER_TYPES``), read from the speaker string alone:

- ``unknown``: no speaker (NA), a pronoun ("he", "they"), an unnamed individual ("the prime
  minister", "a woman"), a word that is no source ("Except", "please": ``speaker_debris``, ``not_speakers``, the
  stop words, capitalised sentence openers), a single letter;
- ``document``: the head noun is a document (``speaker_document_nouns``: "the report", "a
  statement", "the study", "findings");
- ``group``: an unnamed group of people: a group noun (``speaker_group_nouns``: "protesters",
  "the family", "Democrats"), a plural role noun ("officials", "the scientists"), a plural
  quantifier ("many", "others"), another plural common noun ("Muslim friends"), an unnamed body
  (an organisation noun with no capitalised word: "the police", "the campaign", "Police" opening
  a sentence: ``unnamed_bodies``), which names no particular organisation across articles;
- ``organisation``: a news outlet or platform (``speaker_outlets``), a country or US state
  (``speaker_places``), a capitalised name with an organisation word (``org_words`` +
  ``speaker_org_words``: "the Chess Federation", "Emergency Situations Ministry"), a noun
  phrase headed by one with a capitalised word ("the Trump campaign"), an acronym ("CNN");
- ``person``: any other capitalised name ("Sergei Shoigu", "Shoigu", "Gloria La Riva").

**Identity** (``link_speakers``): a person's name is normalised: a possessive, leading
determiners and sentence debris ("ABC. Trump", "Afterwards Trump") dropped; leading titles
("President-elect", "Mr.", "Dr.", "Defense Minister": role nouns, honorifics, title words,
``name_titles``) cut up to the last one followed by a name; suffixes ("Jr.", "III") dropped;
case and diacritics folded ("Erdoğan" = "Erdogan"). Its key is the given name and the surname
(the last word with its particles: "la riva", "de blasio"); middle names and initials do not count,
so "Donald J. Trump", "Donald John Trump" and "President-elect Donald Trump" are one person. Then,
within each group of ``by`` (the whole table by default), with the full names indexed by surname:

- a surname alone ("Trump") or a partial name joins the one full name of the group with that
  surname; when there are several ("Donald Trump", "Melania Trump"), it joins the one whose
  titles (``speaker_title`` of its rows and the titles cut from its names) share a role noun with
  the row's title ("President"), else the one named by ``DOMINANT_SHARE`` (80 %) of the rows
  that name one of them (in full, or by the surname with a title that told which one: in 2016
  news "Sanders" is Bernie, beside a few rows of Jane Sanders), else it stays apart under its
  own id (``clinton`` when Hillary and Bill Clinton are both quoted often);
- a longer name whose middle words hold the given name of the group's only other full name with
  that surname ("Hong Kong Carrie Lam" -> "Carrie Lam") joins it;
- a lone capitalised word that would be a place, a stop word or no source ("May", "Jordan")
  is a person when it joins a full name this way.

The id is a stable slug of the key: ``donald-trump`` for a person (given name and surname),
``trump`` for a surname kept apart, the folded phrase for an organisation, group or document
("the Associated Press", "Associated Press" -> ``associated-press``; "Officials", "officials" ->
``officials``); NA for an unknown speaker. ``speaker_names`` gives each id its display name: the
most frequent full form among its rows ("Donald Trump").

Work is linear in the rows: each distinct speaker string is read once (cached), full names are
indexed by (group, surname) and every row looks its surname up once; nothing compares all pairs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..schema import SPEAKER_TYPES, check_columns, group_keys, with_groups
from ..text.words import pronoun_table, stopwords, word_list
from . import records

# the in-article speaker rules' lists (quotes.records) and identity's own additions
ORG_WORDS = records.ORG_WORDS | word_list("speaker_org_words")
GROUP_NOUNS = records.GROUP_NAMES | word_list("speaker_group_nouns")
UNNAMED_BODIES = word_list("unnamed_bodies")
DOCUMENT_NOUNS = records.DOCUMENTS | word_list("speaker_document_nouns")
OUTLETS = word_list("speaker_outlets")
PLACES = word_list("speaker_places")
ROLE_NOUNS = records.ROLE_NOUNS
TITLE_HEADS = ROLE_NOUNS | word_list("honorifics") | word_list("name_titles")
TITLES = TITLE_HEADS | word_list("title_words")
PARTICLES = word_list("name_particles")
SUFFIXES = word_list("name_suffixes")
DETERMINERS = word_list("determiners")
LEADING_DEBRIS = word_list("speaker_debris")
NOT_SOURCES = (LEADING_DEBRIS | word_list("not_speakers") | word_list("cap_stop")
               | stopwords())
ABBREVIATIONS = word_list("abbreviations")
PRONOUNS = frozenset(pronoun_table())
#: Words that join the capitalised words of one name ("Ministry of Foreign Affairs").
CONNECTORS = frozenset({"of", "and", "the", "for", "&", "on", "in"}) | PARTICLES

#: A sentence end caught inside a speaker string ("ABC. Trump", "Afghanistan.Trump"): a word of
#: two letters or more, a period, a capital.
_SENTENCE_BREAK = re.compile(r"(?<![\w.])([A-Za-z]{2,})\.\s*(?=[A-Z])")
_PARENTHESES = re.compile(r"\([^()]*\)")
_INITIAL = re.compile(r"^[A-Za-z]\.?$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class SpeakerName:
    """What a speaker string says about its speaker: ``type`` (``SPEAKER_TYPES``), ``key`` (the
    folded name: "donald trump", "police"; None when unknown), ``display`` (the cleaned form in
    its own case: "Donald J. Trump"), for a person ``given`` and ``surname`` (folded; ``given``
    None for a surname alone), ``middles`` (folded middle words), ``roles`` (role nouns of the
    titles cut from it), and ``mergeable`` (a lone capitalised word that may be a surname)."""

    type: str
    key: str | None
    display: str | None
    given: str | None = None
    surname: str | None = None
    middles: tuple[str, ...] = ()
    roles: frozenset[str] = frozenset()
    mergeable: bool = False


UNKNOWN = SpeakerName("unknown", None, None)


def speaker_type(speaker: object) -> str:
    """The type of a speaker string (``schema.SPEAKER_TYPES``; see the module docstring):
    ``"person"`` for "Sergei Shoigu", ``"organisation"`` for "the Kremlin", ``"group"`` for
    "officials", ``"document"`` for "the report", ``"unknown"`` for NA, "he" or "Except"."""
    return read_speaker(speaker).type


def read_speaker(speaker: object) -> SpeakerName:
    """A ``SpeakerName`` for a speaker string (NA, None or not a string: unknown)."""
    if not isinstance(speaker, str):
        return UNKNOWN
    return _read_speaker(speaker)


@lru_cache(maxsize=65536)
def _read_speaker(speaker: str) -> SpeakerName:
    """``read_speaker`` of a string (cached: a table repeats its speakers)."""
    tokens = clean_tokens(speaker)
    if not tokens:
        return UNKNOWN
    low = [fold(t) for t in tokens]
    phrase = " ".join(low)
    display = " ".join(tokens)
    if len(low) == 1 and (low[0] in PRONOUNS or len(low[0]) < 2):
        return UNKNOWN
    if phrase.replace(" ", "_") in OUTLETS or phrase.replace(" ", "_") in PLACES:
        alone = len(low) == 1 and not tokens[0].isupper()
        return SpeakerName("organisation", phrase, display, surname=phrase if alone else None,
                           mergeable=alone)
    if is_name(tokens):
        return read_name(tokens, low, display)
    tail = name_tail(tokens)
    if tail:
        return read_name(tokens[-tail:], low[-tail:], " ".join(tokens[-tail:]))
    return read_common_phrase(low, display)


#: Endings of a capitalised plural that names a group ("Egyptologists", "Palestinians", "Americans").
PLURAL_GROUP_ENDINGS = ("ists", "ians", "icans", "eans", "ites")

#: A common noun phrase whose head comes after more words than this is a clause caught by
#: mistake ("which a section between Crete and Cyprus would cross ..."): unknown.
MAX_PHRASE_WORDS = 6


def name_tail(tokens: Sequence[str]) -> int:
    """The number of words of a capitalised name that ends a speaker string after at most four
    lower-case descriptors ("former President Barack Obama", "nonprofit CNA": 3, 1); 0 when there
    is none or a descriptor is a group, document or function word ("a report from ABC")."""
    n = 0
    while n < len(tokens) and (tokens[-1 - n][:1].isupper() or
                               (n and tokens[-1 - n].lower() in CONNECTORS)):
        n += 1
    while n and tokens[-n].lower() in CONNECTORS:
        n -= 1
    head = [fold(t) for t in tokens[:-n]] if n else []
    if not n or len(head) > 4 or any(
            w in NOT_SOURCES or w in DOCUMENT_NOUNS or w in GROUP_NOUNS for w in head):
        return 0
    return n


def clean_tokens(speaker: str) -> list[str]:
    """The words of a speaker string without sentence debris before a caught sentence end, a
    trailing possessive, leading determiners and leading words that are no source
    ("Afterwards Trump" -> ["Trump"])."""
    text = unicodedata.normalize("NFC", speaker).replace("’", "'").replace("‘", "'")
    text = _PARENTHESES.sub(" ", text)
    cut = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if m.group(1).lower() not in ABBREVIATIONS:
            cut = m.end()
    tokens = [t.strip("\"'“”,;:()[]") for t in text[cut:].split()]
    tokens = [t for t in tokens if t]
    if tokens:
        tokens[-1] = strip_possessive(tokens[-1])
    tokens = drop_trailing(tokens)
    while len(tokens) > 1 and (tokens[0].lower() in DETERMINERS or tokens[0].lower() in LEADING_DEBRIS):
        tokens = tokens[1:]
    return [t for t in tokens if t]


def strip_possessive(word: str) -> str:
    """``word`` without a final "'s" or "'" ("Trump's" -> "Trump")."""
    if word.endswith("'s"):
        return word[:-2]
    return word[:-1] if word.endswith("'") else word


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word in lower case without diacritics, a possessive or a final period ("Erdoğan's" ->
    "erdogan")."""
    if word.isascii():
        return strip_possessive(word).lower().rstrip(".")
    decomposed = unicodedata.normalize("NFKD", strip_possessive(word))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.lower().rstrip(".")


def singular(word: str) -> str:
    """A rough singular of a lower-case English noun ("officials" -> "official", "agencies" ->
    "agency"); the word itself when it does not look plural."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def is_name(tokens: Sequence[str]) -> bool:
    """Whether the words are a capitalised name: the first and every word but connectors ("of",
    "de") start with a capital letter or a digit."""
    if not tokens[0][:1].isupper():
        return False
    return all(t[:1].isupper() or t[:1].isdigit() or t.lower() in CONNECTORS for t in tokens)


def is_title(word: str) -> bool:
    """Whether a word is a title or title modifier ("President", "President-elect", "Sen.",
    "Russian", "Co-author")."""
    parts = [fold(p) for p in word.split("-") if p]
    return bool(parts) and all(p in TITLES or singular(p) in ROLE_NOUNS for p in parts)


def cut_titles(tokens: Sequence[str]) -> tuple[list[str], frozenset[str]]:
    """The words of a name after its leading titles, cut after the last title word that is
    followed by a capitalised word that is no title, when the words cut hold a title noun (a
    role noun, honorific or ``name_titles`` word, not only modifiers such as "of", "State"):
    "Secretary of State Mike Pompeo" -> "Mike Pompeo", "NASA Administrator Jim Bridenstine" ->
    "Jim Bridenstine", "Court of Session" kept whole. Returns the words and the role nouns of
    the words cut."""
    cut = 0
    titles = [is_title(t) for t in tokens]
    heads = [is_title_head(t) for t in tokens]
    for i in range(len(tokens) - 1):
        if titles[i] and not titles[i + 1] and tokens[i + 1][:1].isupper() and any(heads[:i + 1]):
            cut = i + 1
    return list(tokens[cut:]), title_roles(tokens[:cut])


def is_title_head(word: str) -> bool:
    """Whether a word is a title noun ("Secretary", "Mr.", "President-elect", "Businessman"), not
    only a title modifier ("former", "State", "of")."""
    parts = [fold(p) for p in word.split("-") if p]
    return any(p in TITLE_HEADS or singular(p) in ROLE_NOUNS for p in parts)


def title_roles(words: Iterable[str]) -> frozenset[str]:
    """The role nouns among the words of a title ("United States President" -> {"president"})."""
    roles = set()
    for word in words:
        for part in word.split("-"):
            p = singular(fold(part))
            if p in ROLE_NOUNS:
                roles.add(p)
    return frozenset(roles)


@lru_cache(maxsize=65536)
def _roles_of_title(title: str) -> frozenset[str]:
    return title_roles(title.split())


def read_name(tokens: list[str], low: list[str], display: str) -> SpeakerName:
    """A capitalised speaker string: an organisation, a group, a document or a person; a
    possessive inside it gives the owner's person ("Media Research Center's Bozell" -> "Bozell")."""
    owner = max((i for i, t in enumerate(tokens[:-1]) if t.endswith("'s")), default=-1)
    if owner >= 0:
        after = read_name(tokens[owner + 1:], low[owner + 1:], " ".join(tokens[owner + 1:]))
        if after.type == "person":
            return after
    person, roles = cut_titles(drop_trailing(drop_suffixes(tokens)))
    person = drop_leading_places(person)
    plow = [fold(t) for t in person]
    if len(tokens) == 1 and low[0] in UNNAMED_BODIES:      # "Police said" opening a sentence
        return SpeakerName("group", low[0], display)
    if (any(w in ORG_WORDS for w in plow) or plow[0] in OUTLETS
            or "_".join(plow) in OUTLETS or "_".join(plow) in PLACES
            or (len(person) == 1 and is_acronym(person[0]))):
        alone = len(person) == 1 and is_acronym(person[0])     # "TRUMP" may still be a surname
        return SpeakerName("organisation", " ".join(low), display,
                           surname=plow[0] if alone else None, mergeable=alone)
    head = plow[plow.index("of", 1) - 1] if "of" in plow[1:] else plow[-1]   # "Constitution of X"
    one = singular(head)
    if head in GROUP_NOUNS or (one != head and (one in ROLE_NOUNS or one in ORG_WORDS)) or (
            len(person) == 1 and head.endswith(PLURAL_GROUP_ENDINGS)):
        return SpeakerName("group", " ".join(low), display)
    if head in DOCUMENT_NOUNS or singular(head) in DOCUMENT_NOUNS:
        # "Constitution of X" is a document, "New York Post" a publication
        kind = "document" if len(person) == 1 or head != plow[-1] else "organisation"
        return SpeakerName(kind, " ".join(low), display)
    if len(person) == 1 and (head in NOT_SOURCES or head in PRONOUNS or is_title_head(person[0])):
        # "That", "May", "Republican", "Speaker": no source, or a role without its person,
        # unless a full name of the table has that surname ("Theresa May", "Steve King")
        return SpeakerName("unknown", head, person[0], surname=head, mergeable=True)
    return read_person(person, roles)


def is_acronym(word: str) -> bool:
    """An all-capital word of two letters or more ("CNN", "NATO")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def drop_suffixes(tokens: Sequence[str]) -> list[str]:
    """The words of a name without its suffixes ("Jr.", "III", "QC")."""
    tokens = list(tokens)
    while len(tokens) > 1 and fold(tokens[-1]).replace(".", "") in SUFFIXES:
        tokens = tokens[:-1]
    return tokens


def drop_trailing(tokens: Sequence[str]) -> list[str]:
    """The words of a name without trailing lower-case function words ("Hawkins all")."""
    tokens = list(tokens)
    while len(tokens) > 1 and tokens[-1].islower() and tokens[-1] in NOT_SOURCES:
        tokens = tokens[:-1]
    return tokens


def drop_leading_places(tokens: Sequence[str]) -> list[str]:
    """The words of a name without a leading country or acronym left of a title before at least
    two more words ("Argentina Alberto Fernández", "Hong Kong Carrie Lam", "USA Howie Hawkins")."""
    for n in (3, 2, 1):
        if len(tokens) - n < 2:
            continue
        lead = "_".join(fold(t) for t in tokens[:n])
        if lead in PLACES or (n == 1 and is_acronym(tokens[0]) and lead not in ORG_WORDS):
            return list(tokens[n:])
    return list(tokens)


def read_person(tokens: list[str], roles: frozenset[str]) -> SpeakerName:
    """A person's name (titles and suffixes dropped): surname with its particles, given name,
    middle words."""
    display = " ".join(tokens)
    low = [fold(t) for t in tokens]
    start = len(low) - 1
    while start > 1 and low[start - 1] in PARTICLES:
        start -= 1
    surname = " ".join(low[start:])
    if start == 0:
        return SpeakerName("person", surname, display, surname=surname, roles=roles, mergeable=True)
    middles = tuple(w for w in low[1:start] if not _INITIAL.match(w))
    given = low[0]
    return SpeakerName("person", f"{given} {surname}", display, given=given, surname=surname,
                       middles=middles, roles=roles)


#: Words after the head noun of a common noun phrase ("parents of X", "a spokesman for Y").
HEAD_ENDS = frozenset({"of", "for", "from", "at", "in", "with", "on", "including", "who", "that"})


def read_common_phrase(low: list[str], display: str) -> SpeakerName:
    """A speaker string that is no capitalised name ("the report", "officials", "a woman",
    "parents of Qandeel Baloch"): typed by its head noun, the last word before a preposition.
    An organisation noun heads an organisation only with a capitalised word ("the Trump
    campaign"); alone ("the campaign", "the police") it names an unnamed group."""
    phrase = " ".join(low)
    capitalised = any(w[:1].isupper() for w in display.split())
    if low[-1] in DOCUMENT_NOUNS or singular(low[-1]) in DOCUMENT_NOUNS:
        return SpeakerName("document", phrase, display)
    end = next((i for i, w in enumerate(low) if w in HEAD_ENDS and i > 0), len(low))
    head = low[end - 1]
    one = singular(head)
    if head in DOCUMENT_NOUNS or one in DOCUMENT_NOUNS:
        return SpeakerName("document", phrase, display)
    if end > MAX_PHRASE_WORDS:
        return UNKNOWN
    if head in GROUP_NOUNS or (one != head and (one in ROLE_NOUNS or one in GROUP_NOUNS
                                                or one in ORG_WORDS)):
        return SpeakerName("group", phrase, display)
    if head in ORG_WORDS:
        return SpeakerName("organisation" if capitalised else "group", phrase, display)
    if one != head and len(head) > 4 and head not in NOT_SOURCES:
        return SpeakerName("group", phrase, display)
    return UNKNOWN


# --------------------------------------------------------------------------------------------
# linking across a table
# --------------------------------------------------------------------------------------------

def slug(key: str) -> str:
    """A stable id from a folded key ("donald trump" -> "donald-trump")."""
    return _NOT_SLUG.sub("-", key).strip("-")


def link_speakers(quotes: pd.DataFrame, *, by: str | Sequence[str] | None = None,
                  articles: pd.DataFrame | None = None) -> pd.Series:
    """The ``speaker_id`` of each row of a quotes table (``speaker``; ``speaker_title`` is used
    when present), named ``speaker_id``, on the index of ``quotes``. Surnames and partial names
    merge into the one full name with that surname within each group of ``by`` (a column of
    ``quotes``, or of ``articles`` merged on ``article_id``; None: the whole table). See the
    module docstring for the rule."""
    ids, _ = _link(quotes, by=by, articles=articles)
    return ids


def identify_speakers(quotes: pd.DataFrame) -> pd.DataFrame:
    """``quotes`` with the columns ``speaker_type`` and ``speaker_id`` (linked across the whole
    table; a surname or a lone word that joins a full name is a person), added at the end or
    replaced where present."""
    ids, types = _link(quotes)
    out = quotes.drop(columns=[c for c in ("speaker_type", "speaker_id") if c in quotes.columns])
    return out.assign(speaker_type=types, speaker_id=ids)


def _link(quotes: pd.DataFrame, *, by: str | Sequence[str] | None = None,
          articles: pd.DataFrame | None = None) -> tuple[pd.Series, pd.Series]:
    """(``speaker_id``, ``speaker_type``) of each row of ``quotes``, on its index."""
    check_columns(quotes, ("speaker",), what="link_speakers")
    keys = group_keys(by)
    table = with_groups(quotes, keys, articles=articles, what="link_speakers")
    groups = list(zip(*(table[k].astype("object").where(table[k].notna(), None) for k in keys))) \
        if keys else [()] * len(table)
    names = _per_distinct(table["speaker"], read_speaker, UNKNOWN)
    row_roles = (_per_distinct(table["speaker_title"], _roles_of_title, frozenset())
                 if "speaker_title" in table.columns else [frozenset()] * len(table))
    full = _index_full_names(names, row_roles, groups)
    _count_titled_surnames(names, row_roles, groups, full)
    ids: list[str | None] = []
    types: list[str] = []
    for name, roles, group in zip(names, row_roles, groups):
        person = _person_key(name, roles, full, group)
        if person is not None:
            ids.append(slug(person))
            types.append("person")
        elif name.type == "unknown" or name.key is None:
            ids.append(None)
            types.append("unknown")
        else:
            ids.append(slug(name.key))
            types.append(name.type)
    index = quotes.index
    return (pd.Series(ids, index=index, dtype="string", name="speaker_id"),
            pd.Series(types, index=index, dtype="string", name="speaker_type"))


def _per_distinct(values: pd.Series, read, missing) -> list:
    """``read`` of each value of a column, computed once per distinct string (``missing`` for
    NA and non-strings)."""
    codes, uniques = pd.factorize(values.astype("object"), use_na_sentinel=True)
    done = [read(v) if isinstance(v, str) else missing for v in uniques]
    return [done[c] if c >= 0 else missing for c in codes]


#: A surname shared by several full names of a group joins the one that has at least this share
#: of their rows ("Sanders" -> "Bernie Sanders" beside a few "Jane Sanders"); below it, and with
#: no title to tell them apart, it stays apart.
DOMINANT_SHARE = 0.8


@dataclass
class FullNames:
    """The full person names (given name and surname) of a table: ``by_surname[group][surname]``
    counts the rows of each full key of the group; ``roles[key]`` holds the role nouns of every
    row and title that names it (over all groups)."""

    by_surname: dict[tuple, dict[str, Counter]]
    roles: dict[str, set[str]]
    #: rows of a surname alone that a title joined to a full name: ``[group][surname][key]``
    titled: dict[tuple, dict[str, Counter]] = field(default_factory=dict)

    def candidates(self, group: tuple, surname: str) -> Counter:
        """The full keys of ``group`` with that surname and their row counts."""
        return self.by_surname.get(group, {}).get(surname, Counter())

    def uses(self, group: tuple, surname: str) -> Counter:
        """The rows that name each full key of ``group`` with that surname: in full, or by the
        surname alone with a title that tells which one."""
        return self.candidates(group, surname) + self.titled.get(group, {}).get(surname, Counter())


def _index_full_names(names: Sequence[SpeakerName], roles: Sequence[frozenset[str]],
                      groups: Sequence[tuple]) -> FullNames:
    """The full names of the rows, indexed by group and surname (one pass over the rows)."""
    by_surname: dict[tuple, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    all_roles: dict[str, set[str]] = defaultdict(set)
    for name, row_roles, group in zip(names, roles, groups):
        if name.type != "person" or name.given is None:
            continue
        key = f"{name.given} {name.surname}"
        all_roles[key].update(row_roles, name.roles)
        by_surname[group][name.surname][key] += 1
    return FullNames(by_surname, all_roles)


def _count_titled_surnames(names: Sequence[SpeakerName], roles: Sequence[frozenset[str]],
                           groups: Sequence[tuple], full: FullNames) -> None:
    """Count into ``full.titled`` the rows of a surname alone that their title joins to one of
    several full names ("President" + "Trump" -> Donald Trump): evidence of whom the surname
    alone means, read by the dominance rule."""
    titled: dict[tuple, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for name, row_roles, group in zip(names, roles, groups):
        if not name.mergeable or name.surname is None or not (row_roles or name.roles):
            continue
        candidates = full.candidates(group, name.surname)
        if len(candidates) > 1:
            key = _match_roles(candidates, row_roles | name.roles, full)
            if key:
                titled[group][name.surname][key] += 1
    full.titled = titled


def _person_key(name: SpeakerName, roles: frozenset[str], full: FullNames,
                group: tuple) -> str | None:
    """The folded key of the person a row names, after merging into the group's full names;
    None when the row names no person."""
    if name.type == "person" and name.given is not None:
        own = f"{name.given} {name.surname}"
        if name.middles:
            others = [k for k in full.candidates(group, name.surname) if k != own
                      and k.split(" ", 1)[0] in name.middles]
            if len(others) == 1:
                return others[0]
        if name.given in PARTICLES:          # "La Riva": a surname with its particle
            joined = _join_surname(group, own, roles | name.roles, full)
            if joined:
                return joined
        return own
    if not name.mergeable or name.surname is None:
        return None
    joined = _join_surname(group, name.surname, roles | name.roles, full)
    if joined:
        return joined
    return name.surname if name.type == "person" else None


def _join_surname(group: tuple, surname: str, roles: frozenset[str],
                  full: FullNames) -> str | None:
    """The full key of ``group`` a surname joins: the only one with that surname; else the only
    one whose roles share one with ``roles``; else one named by ``DOMINANT_SHARE`` of the rows
    that name one of them (in full or by a titled surname); else None."""
    candidates = full.candidates(group, surname)
    if len(candidates) == 1:
        return next(iter(candidates))
    if not candidates:
        return None
    match = _match_roles(candidates, roles, full) if roles else None
    if match:
        return match
    uses = full.uses(group, surname)
    key, rows = uses.most_common(1)[0]
    return key if rows >= DOMINANT_SHARE * sum(uses.values()) else None


def _match_roles(candidates: Counter, roles: frozenset[str], full: FullNames) -> str | None:
    """The only candidate full key whose roles share one with ``roles``, else None."""
    match = [k for k in candidates if full.roles.get(k, set()) & roles]
    return match[0] if len(match) == 1 else None


def speaker_names(quotes: pd.DataFrame) -> dict[str, str]:
    """Each ``speaker_id`` of a quotes table (``speaker``, ``speaker_id``) with its display name:
    the most frequent cleaned form of its rows among those that give a full name (given name
    and surname), else among all its rows (ties: the longer, then the first in order), with a
    capital first letter ("the police" -> "Police")."""
    check_columns(quotes, ("speaker", "speaker_id"), what="speaker_names")
    full: dict[str, Counter] = defaultdict(Counter)
    any_form: dict[str, Counter] = defaultdict(Counter)
    pairs = Counter((sp if isinstance(sp, str) else None, sid)     # each distinct pair read once
                    for sp, sid in zip(quotes["speaker"].astype("object"),
                                       quotes["speaker_id"].astype("object"))
                    if isinstance(sid, str))
    for (speaker, sid), n in pairs.items():
        name = read_speaker(speaker)
        form = name.display or (speaker if speaker is not None else sid)
        any_form[sid][form] += n
        if name.given is not None and slug(name.key or "") == sid:
            full[sid][form] += n
    return {sid: _most_frequent(full.get(sid) or forms) for sid, forms in any_form.items()}


def _most_frequent(forms: Counter) -> str:
    name = min(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
    return name[:1].upper() + name[1:]


__all__ = ["SPEAKER_TYPES", "SpeakerName", "identify_speakers", "link_speakers", "read_speaker",
           "slug", "speaker_names", "speaker_type"]
