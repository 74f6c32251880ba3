"""Speaker resolution within one article: surnames, pronouns, role nouns and "who" to the
canonical speaker."""

from __future__ import annotations

import bisect
import re
from collections import Counter

from ..text.tokens import CAPITALISED_WORD_RE
from ..text.words import pronouns, word_list
from .article import Article
from .people import PeopleIndex, looks_like_surname, person_index, split_title
from .records import (CAP_RUN_RE, CAP_STOP, DOCUMENTS, NOT_SPEAKERS, ORG_WORDS, PASSIVE_AUXILIARIES, PERSON_PRONOUNS,
                      PRONOUNS, ROLE_NOUNS,
                      TITLE_WORDS, Person, Statement, agrees, is_group_name, is_place, name_gender)
from .speakers import is_cap, np_ending_at, speaker_tokens, subject_at_start


class _Resolver:
    """Resolves mentions to canonical speakers within one article."""

    def __init__(self, text: str, masked: str, *, surnames: frozenset[str] | None = None,
                 roles: bool = True):
        self.text = text
        self.masked = masked
        self.surnames = surnames
        self.roles = roles
        self._people: list[Person] | None = None
        self._people_pos: list[int] = []
        self._index: PeopleIndex | None = None
        self.last_person: tuple[str, str | None] | None = None
        self.last_group: tuple[str, str | None] | None = None
        #: head noun of a common-noun speaker ("family", "spokesperson") -> its latest canonical
        #: name ("Don Imus family"), for a later "the family"
        self.by_head: dict[str, tuple[str, str | None, bool]] = {}
        #: "he"/"she" -> the last person speaker of that gender
        self.last_by_gender: dict[str, tuple[str, str | None]] = {}
        self.last_gender: str | None = None
        self._acronyms: dict[str, str] | None = None
        self._word_counts: dict[str, int] | None = None
        self._cap_runs: list[tuple[int, str]] | None = None
        self._name_ends: set[str] | None = None
        self._surname_first: dict[str, str] | None = None
        self._org_runs: dict[str, list[tuple[int, str]]] | None = None

    def resolve(self, mention: str, pos: int) -> tuple[str | None, str | None, bool]:
        """(canonical speaker, title, is_person) of ``mention`` at offset ``pos``."""
        low = mention.lower()
        if low in PRONOUNS and not (mention.isupper() and len(mention) > 1):  # "WHO" is no pronoun
            return self._pronoun(low)
        mention = _drop_place_tail(mention)
        owned = self._owned(mention, pos)
        if owned is not None:
            return owned
        toks = [t.strip(",") for t in mention.replace("’s", "").replace("'s", "").split()]
        toks = [t for t in toks if t]
        while len(toks) > 1 and toks[0] in _LEADING_PREPOSITIONS:  # "of the ... Party"
            toks = toks[2:] if toks[1].lower() == "the" else toks[1:]
            mention = " ".join(toks)
        person = _person_of_org(toks)
        if person is not None:  # "Suman Haripriya of the Hajo assembly"
            toks = person
        if not toks:
            return None, None, False
        if not is_cap(toks[-1]):
            return self._role(toks, pos, mention)
        return self._name(toks, pos, mention)

    def _owned(self, mention: str, pos: int) -> tuple[str | None, str | None, bool] | None:
        """A document or group named by its owner ("the WHO's website", "his family", "The
        court's summary") -> the owner's canonical name with the head noun ("World Health
        Organization website", "Don Imus family"), so the owner's name words are in it."""
        if "'s " not in mention and "’s " not in mention and mention[:2].lower() not in ("hi", "he", "it", "th"):
            return None     # no possessive (quick test before the pattern)
        m = _OWNED_RE.match(mention)
        if m is None:
            return None
        if m.group("pron"):
            owner, rest = m.group("pron"), m.group("prest").split()
        else:
            owner, rest = m.group("owner"), m.group("rest").split()
        head = _owned_head(rest)
        if not head:
            return None
        low = owner.lower()
        if low in ("his", "her"):
            name = self.last_person[0] if self.last_person else self._person_before(pos)
        elif low in ("its", "their"):
            name = self.last_group[0] if self.last_group else None
        elif owner.islower():   # "the court's summary" -> "Court of Session summary"
            org = self.by_head.get(low) or self._org_named(low, pos)
            name = org[0] if org else None
        else:
            name = self.resolve(owner, pos)[0]
        if not name or name.lower() in PRONOUNS or not any(c.isupper() for c in name):
            return None
        if name.lower().startswith("the "):
            name = name[4:]
        return f"{name} {head}", None, False

    @property
    def people(self) -> list[Person]:
        """Names introduced in the article (built on first use)."""
        if self._people is None:
            self._people = person_index(self.text, self.masked, surnames=self.surnames,
                                         roles=self.roles)
            self._people_pos = [p.pos for p in self._people]
        return self._people

    @property
    def index(self) -> "PeopleIndex | None":
        """The people by surname, name word, full name and title word, built on first use
        when there are many (a few are scanned, as fast)."""
        people = self.people
        if self._index is None and len(people) > _SCAN_PEOPLE:
            self._index = PeopleIndex(people)
        return self._index

    @property
    def people_pos(self) -> list[int]:
        self.people  # noqa: B018 -- builds the index
        return self._people_pos

    def relative(self, masked: str, pos: int) -> tuple[str | None, str | None, bool] | None:
        """The antecedent of a relative "who" at ``pos`` ("Ross, who ... said")."""
        toks = speaker_tokens(masked, max(0, pos - 120), pos)
        if len(toks) < 2 or toks[-1][2] != ",":
            return None
        rng = np_ending_at(toks, len(toks) - 2)
        if rng is None:
            return None
        s, e = toks[rng[0]][0], toks[rng[1]][1]
        return self.resolve(self.text[s:e], s)

    def _pronoun(self, low: str) -> tuple[str | None, str | None, bool]:
        if low in PERSON_PRONOUNS and self.last_person:
            if self.last_gender is None or agrees(low, "Mr." if self.last_gender == "m" else "Ms."):
                return (*self.last_person, True)
            other = self.last_by_gender.get(low)     # "she" after a man spoke: the last woman
            return (*other, True) if other else (None, None, True)
        if low in ("they", "it", "we") and self.last_group:
            return (*self.last_group, False)
        return None, None, low in PERSON_PRONOUNS

    def _name(self, toks: list[str], pos: int, mention: str) -> tuple[str | None, str | None, bool]:
        while toks and toks[0].lower() in ("the",):
            toks = toks[1:]
        if len(toks) == 1 and len(toks[0]) > 1 and toks[0].isupper() and toks[0] in self.acronyms:
            return self.acronyms[toks[0]], None, False
        title, name = split_title(toks)
        title_str = " ".join(title) or None
        if not name:  # "the Defense Minister"
            return self._role(["the"] + [t.lower() for t in title], pos, mention)
        if len(name) == 1 and is_group_name(name[0]):
            return name[0], title_str, False    # "Americans say": a group, no surname
        full = self._full_name(name, pos) if len(name) == 1 or not title else None
        if full is not None:
            return full.name, title_str or full.title, full.is_person
        if len(name) == 1 and name[0] in self.surname_first:   # "Leung" -> "Leung Chun-ying"
            return self.surname_first[name[0]], title_str, True
        is_org = any(t.lower() in ORG_WORDS for t in name) or mention.lower().startswith("the ")
        canon = " ".join(name)
        if mention.lower().startswith("the ") and not title:
            canon = "the " + canon
        return canon, title_str, not is_org and (len(name) >= 2 or bool(title) or looks_like_surname(name[0]))

    def _full_name(self, name: list[str], pos: int) -> Person | None:
        """The latest person introduced before ``pos`` whose name contains ``name``'s surname
        (or, failing that, the first one after it)."""
        last = name[-1].lower()
        key = tuple(t.lower() for t in name)
        bound = pos + len(" ".join(name))
        index = self.index
        if index is None:
            i = bisect.bisect_right(self.people_pos, bound)
            for p in reversed(self.people[:i]):
                if p.tokens[-1:] == (last,) or (len(key) == 1 and last in p.tokens[1:]) or p.tokens == key:
                    return p
            for p in self.people[i:]:
                if p.tokens[-1:] == (last,):
                    return p
            return None
        found = [index.last_before(index.by_last, last, bound), index.last_before(index.by_tokens, key, bound)]
        if len(key) == 1:
            found.append(index.last_before(index.by_inner, last, bound))
        found = [f for f in found if f is not None]
        if found:
            return max(found, key=lambda x: x[:2])[2]
        after = index.first_after(index.by_last, last, bound)
        return after[2] if after is not None else None

    def _role(self, toks: list[str], pos: int, mention: str) -> tuple[str | None, str | None, bool]:
        head = toks[-1].lower()
        if head in ROLE_NOUNS:
            index = self.index
            if index is None:
                i = bisect.bisect_right(self.people_pos, pos)
                for p in reversed(self.people[:i]):
                    if p.title and head in p.title.lower().split():
                        return p.name, p.title, True
            else:
                found = index.last_before(index.by_title, head, pos)
                if found is not None:
                    p = found[2]
                    return p.name, p.title, True
        return self._common(mention, toks, pos)

    def _common(self, mention: str, toks: list[str], pos: int) -> tuple[str | None, str | None, bool]:
        head = toks[-1].lower() if toks else ""
        person = head in ROLE_NOUNS and not head.endswith("s")
        first = mention.split(" ", 1)[0]
        if first.lower() == "the" and len(toks) == 2:  # "the family", "the court"
            known = self.by_head.get(head)
            if known is not None:
                return known
        if first in ("The", "A", "An", "His", "Her", "Their", "Its") and " " in mention:
            mention = first.lower() + mention[len(first):]  # sentence-initial capital
        return self._expand_acronyms(mention), None, person

    def _person_before(self, pos: int) -> str | None:
        """The full name (two to four capitalised name words) in the 300 characters before
        ``pos`` whose surname the article uses most (the latest on a tie): the owner of "his
        family" when no person has spoken yet."""
        best: tuple[int, int, str] | None = None
        for k, m in enumerate(CAP_RUN_RE.finditer(self.masked, max(0, pos - 300), pos)):
            words = m.group().split()
            while words and words[0].lower().rstrip(".") in CAP_STOP:
                words = words[1:]
            person = split_title(words)[1]
            if 2 <= len(person) <= 4 and not any(w.lower() in ORG_WORDS or w.lower() in NOT_SPEAKERS
                                                 for w in person) and not is_place(person):
                key = (self.word_counts.get(person[-1], 0), k, " ".join(person))
                best = max(best, key) if best else key
        return best[2] if best else None

    @property
    def word_counts(self) -> dict[str, int]:
        """How often each capitalised word occurs in the article (one pass, on first use): the
        article's main person is named most."""
        if self._word_counts is None:
            self._word_counts = Counter(CAPITALISED_WORD_RE.findall(self.masked))
        return self._word_counts

    @property
    def surname_first(self) -> dict[str, str]:
        """Surname -> full name for names written surname first with a hyphenated given name
        ("Leung Chun-ying", "Moon Jae-in"), found in one pass on first use."""
        if self._surname_first is None:
            self._surname_first = {}
            for m in _SURNAME_FIRST_RE.finditer(self.masked):
                if m.group(1).lower() not in CAP_STOP:
                    self._surname_first.setdefault(m.group(1), m.group())
        return self._surname_first

    @property
    def cap_runs(self) -> list[tuple[int, str]]:
        """(start, text) of every capitalised run of the article (one pass, on first use)."""
        if self._cap_runs is None:
            self._cap_runs = [(m.start(), m.group()) for m in CAP_RUN_RE.finditer(self.masked)]
        return self._cap_runs

    @property
    def name_ends(self) -> set[str]:
        """The last words of the article's full names (runs of two to four capitalised words)."""
        if self._name_ends is None:
            self._name_ends = {words[-1] for words in (g.split() for _, g in self.cap_runs)
                              if 2 <= len(words) <= 4 and words[0].lower() not in CAP_STOP}
        return self._name_ends

    @property
    def acronyms(self) -> dict[str, str]:
        """Acronym -> the capitalised name it abbreviates in this article, with the acronym
        ("WHO" -> "World Health Organization (WHO)"), found in one pass over the text on first
        use; the acronym alone is no name when the article never writes it out."""
        if self._acronyms is None:
            self._acronyms = {}
            for _, group in self.cap_runs:
                run = group.split()
                while run and run[0].lower() in CAP_STOP:
                    run = run[1:]
                words = [w for w in run if w.lower() not in _ACRONYM_SKIP]
                if 2 <= len(words) <= 8 and all(w[:1].isupper() for w in words):
                    acronym = "".join(w[0] for w in words)
                    self._acronyms.setdefault(acronym, f"{' '.join(run)} ({acronym})")
        return self._acronyms

    def _expand_acronyms(self, mention: str) -> str:
        """``mention`` with each acronym of the article written out ("the official WHO report"
        -> "the official World Health Organization (WHO) report")."""
        if not any(w.isupper() and len(w) > 1 for w in mention.split()):
            return mention
        return " ".join(self.acronyms.get(w, w) for w in mention.split())

    def _org_named(self, head: str, pos: int) -> tuple[str, None, bool] | None:
        """The organisation named with ``head`` as a capitalised word ("the court" -> "Court
        of Session"): the latest such name before ``pos``, else the first after it."""
        if head not in ORG_WORDS or head in _VAGUE_ORG_HEADS:
            return None
        if self._org_runs is None:
            self._org_runs = {}
            for start, group in self.cap_runs:
                words = group.split()
                if len(words) < 2 or words[0].lower() in CAP_STOP or split_title(words)[0]:
                    continue
                for w in {words[0].lower(), words[-1].lower()} & ORG_WORDS:
                    self._org_runs.setdefault(w, []).append((start, group.strip()))
        runs = self._org_runs.get(head)
        if not runs:
            return None
        i = bisect.bisect_right(runs, (pos, "\uffff"))
        return (runs[i - 1] if i else runs[0])[1], None, False

    def add_title(self, name: str, title: str, pos: int) -> None:
        """Record a role given in an apposition ("Hugh Hill, a doctor,") for later role nouns."""
        toks = tuple(t.lower() for t in name.split())
        i = bisect.bisect_right(self.people_pos, pos)
        person = Person(name=name, title=title, pos=pos, is_person=True, tokens=toks)
        self.people.insert(i, person)
        self.people_pos.insert(i, pos)
        if self._index is not None:
            self._index.add(person)

    def remember(self, speaker: str | None, title: str | None, is_person: bool,
                 mention: str | None = None) -> None:
        """Record the speaker just resolved: the last person or group, the last person of a
        known gender (from the mention's own first name or honorific, not the canonical name:
        "Clinton" may be Bill or Hillary), the speaker by head noun."""
        if speaker is None:
            return
        words = speaker.split()
        if len(words) > 1 and words[-1].islower() and words[-1] not in DOCUMENTS \
                and any(w[:1].isupper() for w in words[:-1]):
            self.by_head[words[-1]] = (speaker, title, is_person)
        if is_person:
            self.last_person = (speaker, title)
            self.last_gender = name_gender(mention or speaker, title)
            gender = self.last_gender
            if gender is not None:
                self.last_by_gender["he" if gender == "m" else "she"] = (speaker, title)
        else:
            self.last_group = (speaker, title)


_SCAN_PEOPLE = 48     # up to this many people, a lookup scans them

#: A surname written before a hyphenated given name ("Leung Chun-ying").
# (the word boundary before the first capital is a look-behind after it: the engine then scans
# for capitals instead of trying every position)
_SURNAME_FIRST_RE = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]+) ([A-Z][a-z]+-[a-z]+)\b")
#: Cues after which "it" is a dummy subject ("it seems", "it appears").
_RAISING_CUES = frozenset(("seems", "seem", "seemed", "appears", "appear", "appeared", "looks",
                           "looked"))
#: Cues whose subject is no source ("X appears to lead", "X is expected to", "known as").
EVIDENTIAL_CUES = word_list("evidential_cues")
APPEARANCE_PLACES = word_list("appearance_places")
#: Prepositions a mention should not start with ("of the Bharatiya Janta Party").
_LEADING_PREPOSITIONS = frozenset(("of", "by", "from", "for"))
#: Words left out of an acronym's letters ("Organization of the Petroleum ...").
_ACRONYM_SKIP = frozenset(("of", "the", "and", "for", "de", "on", "in", "&"))
#: Organisation words too vague to stand for one named body ("the state", "the news").
_VAGUE_ORG_HEADS = frozenset(("state", "states", "news", "post", "times", "press", "house", "tv",
                              "radio", "group", "team", "force", "forces", "service", "union"))
#: "<owner>'s <noun phrase>" or "his/her/its/their <noun phrase>".
_OWNED_RE = re.compile(r"(?:(?:[Tt]he|[Aa]n?)\s+)?(?P<owner>(?:[A-Z][\w.\-]*\s+){0,5}[A-Z][\w.\-]*|"
                       r"[a-z]+)['’]s\s+(?P<rest>.+)$|(?P<pron>[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?P<prest>.+)$")
_OWNED_STOP = frozenset(("of", "on", "in", "at", "for", "by", "from", "with", "dated", "to", "and"))


def _owned_head(rest: list[str]) -> str:
    """The noun phrase after an owner ("situation report dated March 16" -> "situation
    report"): lower-case words up to the first preposition or participle, at most three."""
    out: list[str] = []
    for w in rest:
        if w in _OWNED_STOP or w.endswith(("ed", "ing")) or not w.isalpha():
            break
        if not w.islower():
            return ""       # "Huber's tag team partner Erick Rowan": a name follows
        out.append(w)
    return " ".join(out[:3])


def _drop_place_tail(mention: str) -> str:
    """"Legislative leaders in North Carolina" -> "Legislative leaders"; a mention that is
    only a place is kept."""
    for sep in (" in ", " from "):
        k = mention.find(sep)
        if k > 0 and is_place(mention[k + len(sep):].replace(",", " , ").split()):
            return mention[:k]
    return mention


def _person_of_org(toks: list[str]) -> list[str] | None:
    """The title and name before "of" in "Jennifer Lu of Marriage Equality Coalition Taiwan" /
    "Lead author Sally Wasef of Australia's Griffith University"; None when the words before
    "of" are not a person's name ("Secretary of State Mike Pompeo", "Bank of America")."""
    if "of" not in toks:
        return None
    left = toks[:toks.index("of")]
    title, name = split_title(left)
    if len(name) < 2 or len(name) > 4 or any(t.lower() in ORG_WORDS or t.lower() in TITLE_WORDS
                                             or not is_cap(t) for t in name):
        return None
    return left


def resolve_speakers(art: Article) -> None:
    mentions = [st.mention for st in art.statements if st.mention]
    surnames = frozenset(_strip_possessive(w) for m in mentions for w in m.split()[-1:]
                         if w[:1].isupper())
    roles = any(m.split()[-1].lower().strip(",") in ROLE_NOUNS for m in mentions)
    resolver = _Resolver(art.text, art.masked, surnames=surnames, roles=roles)
    for st in sorted(art.statements, key=lambda s: s.mention_start if s.mention_start is not None else s.start):
        if st.inherits_title or st.mention is None:
            continue
        if st.mention.lower() == "it" and st.cue.lower().rsplit(" ", 1)[-1] in _RAISING_CUES:
            st.mention = None   # "it seems that ...": a dummy subject, no source
            continue
        rel = resolver.relative(art.masked, st.mention_start) if st.mention.lower() == "who" else None
        speaker, title, is_person = rel or resolver.resolve(st.mention, st.mention_start)
        named = _named_after(art.masked, st) if speaker is None or not is_cap(speaker.split()[-1]) else None
        if named is not None:  # "his wife, Amanda," / "a tweet on Monday by Mike Pompeo"
            speaker, title, is_person = resolver.resolve(art.text[named[0]:named[1]], named[0])
            title = title or st.mention
        appos = art.appositions.get(st.mention_start)
        if appos and speaker is not None:
            title = title or appos
            is_person = True
            resolver.add_title(speaker, appos, st.mention_start)
        st.speaker, st.title, st.is_person = speaker, title, is_person
        resolver.remember(speaker, title, is_person, st.mention)
    _resolve_pronouns_to_names(art)
    _resolve_to_subjects(art, resolver)
    for st in art.statements:
        if st.mention is not None and not st.inherits_title and _is_evidential(art, st):
            # "Sanders appears to have a slight lead": no source (a "he" after it may still
            # stand for Sanders: resolved above)
            st.speaker = st.title = st.mention = None
    _resolve_inherited(art.statements)


def _is_evidential(art: Article, st: Statement) -> bool:
    """Is ``st``'s subject what the writer judges, not a source: the cue is evidential ("seems",
    "appears", "known as"; not "appeared on Fox News", nor "seemed to recognize", where another
    cue follows), or "expected" after "is"/"was"/... ("Trump is expected to")?"""
    masked = art.masked
    cue = st.cue.lower().rsplit(" ", 1)[-1]
    if cue not in EVIDENTIAL_CUES or st.cue_start < 0:
        return False
    m = _TO_VERB_RE.match(masked, st.cue_start + len(cue))
    if m is not None:
        i = bisect.bisect_left(art.cue_starts, m.start(1))
        if i < len(art.cue_starts) and art.cue_starts[i] == m.start(1):
            return False    # "Obama seemed to recognize ...": the inner cue has a source
    if cue.startswith("appear"):    # not "appeared on Fox News"
        after = masked[st.cue_start + len(cue):st.cue_start + len(cue) + 12].split()
        return not after or after[0].lower() not in APPEARANCE_PLACES
    if cue != "expected":
        return True
    before = masked[max(0, st.cue_start - 24):st.cue_start].split()[-2:]   # "is also expected"
    return any(w.lower() in PASSIVE_AUXILIARIES for w in before)


_TO_VERB_RE = re.compile(r"[ \t]+to[ \t]+(\w)")


def _strip_possessive(word: str) -> str:
    """"Trump's" -> "Trump", "Sanders'" -> "Sanders", "Sessions" stays."""
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            word = word[:-2]
    return word.rstrip("’'")


def _resolve_inherited(statements: list[Statement]) -> None:
    """A quote that inherits the previous statement's speaker takes the speaker and title of
    the first statement with the same mention (looked up, not scanned for)."""
    first_src: dict[int | None, int] = {}
    for k, o in enumerate(statements):
        if not o.inherits_title:
            first_src.setdefault(o.mention_start, k)
    first_done = None       # a resolved inheritor has no mention start any more
    for k, st in enumerate(statements):
        if not st.inherits_title:
            continue
        j = first_src.get(st.mention_start)
        if st.mention_start is None and first_done is not None and (j is None or first_done < j):
            j = first_done
        src = statements[j] if j is not None else None
        st.speaker = src.speaker if src else None
        st.title = src.title if src else None
        st.mention_start = None
        if first_done is None:
            first_done = k


_NAME = r"(?:[A-Z][\w'’\-]*[ \t]+(?:(?:of|for|the|de)[ \t]+)?){0,5}[A-Z][\w'’\-]*"
#: ", Amanda," right after a role mention; "(on Monday) by Mike Pompeo" after a document.
_APPOS_NAME_RE = re.compile(r",[ \t]+(" + _NAME + r"),")
_BY_NAME_RE = re.compile(r"(?:[ \t]+(?:on|last|this|from)[ \t]+\w+)?[ \t]+by[ \t]+(" + _NAME + r")")


def _named_after(masked: str, st: Statement) -> tuple[int, int] | None:
    """Offsets of the name that a common-noun mention is followed by: an apposition ("his wife,
    Amanda,") or the author of a document ("a tweet on Monday by Mike Pompeo")."""
    if st.mention is None or st.mention_end is None or st.mention.lower() in PRONOUNS \
            or not st.mention.split()[-1].islower():
        return None
    hi = min(len(masked), st.mention_end + 80)
    m = _APPOS_NAME_RE.match(masked, st.mention_end, hi) or _BY_NAME_RE.match(masked, st.mention_end, hi)
    if m is None:
        return None
    words = m.group(1).split()
    if words[0].lower() in CAP_STOP or is_place(words) or any(w.lower() in NOT_SPEAKERS for w in words):
        return None
    return m.start(1), m.end(1)


def _resolve_to_subjects(art: Article, resolver: _Resolver) -> None:
    """A "he"/"she" speaker whose sentence opens with a person's name before it refers to that
    name, the subject ("Adelson met with Trump and declared that he found ...", "Campaign
    manager Robby Mook acknowledged ..., he said"), not to a name in an object position."""
    for st in art.statements:
        if st.mention is None or st.mention.lower() not in PERSON_PRONOUNS or st.mention_start is None:
            continue
        i = bisect.bisect_right(art.units, (st.mention_start, len(art.text))) - 1
        if i < 0 or art.units[i][0] >= st.mention_start:
            continue
        subject = _person_subject(art, art.units[i][0], st.mention_start, resolver)
        if subject is None:
            continue
        words = art.text[subject[0]:subject[1]]
        speaker, title, _ = resolver.resolve(words, subject[0])
        if speaker is not None and agrees(st.mention, words):
            st.speaker, st.title = speaker, title
    for st in art.statements:
        if st.speaker is None and st.mention is not None and st.mention.lower() in PERSON_PRONOUNS \
                and st.mention_start is not None:
            _resolve_to_nearest_name(art, resolver, st, resolver.name_ends)


def _resolve_to_nearest_name(art: Article, resolver: _Resolver, st: Statement, surnames: set[str]) -> None:
    """A "he"/"she" left without a speaker refers to the nearest person's name before it in
    the 300 characters before (quotes masked: a name inside a quote is no antecedent): a
    surname of a full name of the article or a full name."""
    pos = st.mention_start
    words = CAPITALISED_WORD_RE.findall(art.masked, max(0, pos - 300), pos)
    for word in reversed(words):
        if word in surnames and word.lower() not in CAP_STOP and word.lower() not in ORG_WORDS \
                and resolver.word_counts.get(word, 0) > 1:    # a person named more than once
            speaker, title, _ = resolver.resolve(word, pos)  # a surname of a full name: a person
            if speaker is None:
                continue
            st.speaker, st.title, st.is_person = speaker, title, True
            return


def _person_subject(art: Article, lo: int, hi: int, resolver: _Resolver) -> tuple[int, int] | None:
    """Offsets of the name that opens the sentence at ``lo`` when it is a person's name (a full
    name, or the surname of a full name of the article; no article, organisation word, place
    or pronoun) and ends before ``hi``."""
    span = subject_at_start(art.masked, lo, hi)
    if span is None or span[1] >= hi:
        return None
    words = art.masked[span[0]:span[1]].split()
    bases = [w.lower().split("'")[0].split("’")[0] for w in words]
    if not words or bases[0] in CAP_STOP or bases[0] in NOT_SPEAKERS or is_place(words) or any(
            b in ORG_WORDS or b in PRONOUNS for b in bases):
        return None
    title, name = split_title(words)
    if not name or not all(is_cap(w) for w in name) or len(name) == 1 and name[0] not in resolver.name_ends:
        return None
    return span


#: Pronoun speakers resolved to a named speaker before them: he she it they we.
ANAPHORS = pronouns("subject", "third") | pronouns("subject", "plural")


def _resolve_pronouns_to_names(art: Article) -> None:
    """A pronoun speaker ("he said") refers to the named speaker of the article mentioned
    nearest before it: walk back over the capitalised words before the pronoun and take the
    first one that belongs to a named speaker's name."""
    owners = _speaker_owners(art.statements)
    if not owners:
        return
    for st in art.statements:
        if st.mention is None or st.mention.lower() not in ANAPHORS or st.mention_start is None:
            continue
        caps = CAPITALISED_WORD_RE.findall(art.text, max(0, st.mention_start - 700), st.mention_start)
        pronoun = st.mention.lower() if st.mention.lower() in PERSON_PRONOUNS else None
        i = len(caps) - 1
        while i >= 0 and not _owns(owners.get(caps[i]), pronoun):
            i -= 1
        if i < 0:
            continue
        near = set(caps[max(0, i - 3):i + 4])
        # the speaker sharing most capitalised words with the pronoun's neighbourhood, then the
        # latest mention; the first such statement on a tie ("he"/"she": people of that gender)
        best = max((g for g in owners[caps[i]] if _can_be(g[3], pronoun)),
                   key=lambda g: (len(near & g[0]), g[1], -g[2]))[3]
        st.speaker, st.title = best.speaker, best.title


def _owns(entries: list[tuple] | None, pronoun: str | None) -> bool:
    """Whether a capitalised word's speakers hold one a pronoun can stand for ("he": a person
    who is not known to be a woman)."""
    return bool(entries) and any(_can_be(g[3], pronoun) for g in entries)


def _can_be(st: Statement, pronoun: str | None) -> bool:
    """Whether ``pronoun`` ("he"/"she", or None for they/it/we) may stand for ``st``'s speaker."""
    return pronoun is None or st.is_person and agrees(pronoun, st.mention or st.speaker, st.title)


def _speaker_owners(statements: list[Statement]) -> dict[str, list[tuple]]:
    """Capitalised word of a named speaker (or its mention) -> one entry per speaker holding
    it: ``(the speaker's capitalised words, its latest mention start, the position of the
    first statement with that mention, that statement)``, so a pronoun compares speakers, not
    every statement of the article."""
    groups: dict[str, dict[str, list]] = {}
    for k, st in enumerate(statements):
        if st.speaker is None or st.mention is None or st.mention.lower() in PRONOUNS:
            continue
        ms = st.mention_start or 0
        for tok in CAPITALISED_WORD_RE.findall(f"{st.speaker} {st.mention}"):
            if tok.lower() in TITLE_WORDS or tok.lower() in CAP_STOP:
                continue
            by_speaker = groups.setdefault(tok, {})
            entry = by_speaker.get(st.speaker)
            if entry is None:
                by_speaker[st.speaker] = [frozenset(CAPITALISED_WORD_RE.findall(st.speaker)), ms, k, st]
            elif ms > entry[1]:
                entry[1:] = [ms, k, st]
    return {tok: [tuple(e) for e in by_speaker.values()] for tok, by_speaker in groups.items()}
