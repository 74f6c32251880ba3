"""Layouts the sentence rules do not read: the speaker turns of interviews and transcripts
(``find_turns``) and embedded posts credited ``— Name (@handle) Month day, year``.

A **turn** is a paragraph led by a speaker label: ``Name: text``, ``NAME: text``, ``Q: text`` /
``A: text``, ``Question:`` / ``Answer:``, the wiki transcript label ``((WN)) : text`` or
``((Wikinews)) text``. Each turn is one direct statement of its speaker (cue ``:``); unlabelled
paragraphs after an answer continue it, and unlabelled paragraphs after an interviewer's turn
(interviews whose answers lost their labels) are the interviewee's answer. Statements the
sentence rules found inside a turn are dropped (``merge_turns``), so no words count twice.

Who speaks:

- the **interviewer** (labels ``Q``, ``Question``, ``Interviewer``, ``WN`` ... of
  ``resources/words/turn_labels.txt``, or a label whose turns are mostly questions; initials
  of the reporter the article names only tell who the interviewer is): the name the label
  stands for in the list (``WN`` ->
  "Wikinews": Wikinews' abbreviation for itself; its interviewer speaks for Wikinews, as the
  project's Wikinews gold annotates it), else the outlet employing the reporter the label's
  initials name ("Wikinews accredited reporter William S. Saturn" for ``((WSS))``), else the
  reporter, else the outlet the article names as interviewing ("X spoke to ..."), else "the
  interviewer";
- the **interviewee** (``A``, ``Answer``, unlabelled answers): the person the article introduces
  as interviewed (named in a sentence saying so, the most mentioned one), never "I" or "you";
- a **named label** (``Natasha Gownaris:``, ``NG:`` as her initials, ``TAPPER:``): that person,
  resolved like any speaker mention.

Plain ``Name:`` labels count only in a turn structure (two turns or more) and only when the name
occurs in the article besides its labels or labels two turns, so a headline "Trump: ..." or a
caption "Image: ..." is no turn; a turn whose text has no word ("Clinton: 547.") is no turn.

Work is linear in the text: paragraphs and labels are matched once, at paragraph starts.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..text import WORD_RE
from ..text.tokens import CAPITALISED_WORD_RE
from ..text.words import WORDS_DIR, read_word_list
from .article import Article
from .people import split_title
from .records import CAP_RUN_RE, CAP_STOP, ORG_WORDS, PARA_RE, PRONOUNS, Person, Statement

INTERVIEWER, INTERVIEWEE, NAMED = "interviewer", "interviewee", "named"

# a label at a paragraph start: "((WN)) :", "((Wikinews))", "Name Surname:", "Q:" (words
# separated by required white space, at most four: no backtracking over a long line)
_LABEL_RE = re.compile(
    r"[ \t]*(?:\(\((?P<wiki>[^()\n]{1,40})\)\)[ \t]*:?|"
    r"(?P<name>[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,3})[ \t]*:)[ \t]*(?=\S)")
# "— Donald J. Trump (@realDonaldTrump) June 29, 2016" ending a paragraph
_POST_CREDIT_RE = re.compile(
    r"[ \t]*[—–-]{1,2}[ \t]*(?P<name>[^\s(@—–][^\n(@—–]{0,60}?)[ \t]*\(@\w{1,30}\)[ \t]*"
    r"(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]*\d{4})?[ \t]*(?:</\w+>)?[ \t.]*$")
_CREDIT_START_RE = re.compile(r"[—–-]{1,2}[ \t]*[A-Z(@]")
_TAG_RE = re.compile(r"[ \t]*<[^<>\n]{0,300}>")
_INTERVIEW_CUE_RE = re.compile(
    r"\b(?:interview\w*|sp[eo]k\w*\s+(?:to|with)|talk\w*\s+(?:to|with)|caught\s+up\s+with|"
    r"sat\s+down\s+with|reached\s+out\s+to|answer\w*|questions?|asked)\b", re.I)
_OUTLET_BEFORE_RE = re.compile(
    r"((?:[A-Z][\w'’\-]*[ \t]+){0,3}[A-Z][\w'’\-]*)[ \t]+(?:(?:sp[eo]ke|talked|caught[ \t]+up)"
    r"[ \t]+(?:to|with)|interviewed|sat[ \t]+down[ \t]+with|reached[ \t]+out[ \t]+to)\b")
# "senior writer Michael Grunwald": the people asking, not answering
_REPORTER_BEFORE_RE = re.compile(
    r"\b(?:reporter|writer|correspondent|journalist|editor|columnist|host|anchor|interviewer)"
    r"[ \t]+$")
_OUTLET_AFTER_RE = re.compile(
    r"(?:\b(?:sp[eo]ke|talked|caught[ \t]+up)[ \t]+(?:to|with)|\bWith)[ \t]+([A-Z][\w'’\-]*)\b"
    r"(?![ \t]+[A-Z])")
# first person in an answer (lower case: "My Little Pony" is a title)
_FIRST_PERSON_RE = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|my|me|we|our|us)\b")
_REPORTER_RE = r"((?:[A-Z][\w'’\-]*[ \t]+){{0,3}}?[A-Z][\w'’\-]*)[ \t]+(?:[a-z]+[ \t]+)?(?:reporter|correspondent|journalist|editor|writer)[ \t]+{}"


@lru_cache(maxsize=None)
def turn_labels() -> dict[str, dict[str, str | None]]:
    """``{role: {label (lower case): the name it stands for or None}}`` from
    ``resources/words/turn_labels.txt`` (roles ``interviewer``, ``interviewee``,
    ``not_speaker``)."""
    out: dict[str, dict[str, str | None]] = {}
    section = None
    for tok in read_word_list(WORDS_DIR / "turn_labels.txt"):
        if tok.endswith(":"):
            section = out.setdefault(tok[:-1], {})
            continue
        label, _, name = tok.partition("=")
        section[label.lower()] = name or None
    return out


@dataclass(slots=True)
class Turn:
    """One speaker turn: its statement, the label's role and the name fixed for it (the
    interviewer's outlet, the interviewee for an unlabelled answer) or None (resolved)."""

    statement: Statement
    role: str
    name: str | None = None


@dataclass(slots=True)
class _Line:
    start: int          # paragraph start
    end: int            # paragraph end
    label: str | None   # the label text (None: an unlabelled paragraph)
    label_start: int = -1
    label_end: int = -1
    body: int = -1      # where the turn's text starts
    wiki: bool = False


def find_turns(art: Article) -> list[Turn]:
    """The speaker turns and credited posts of an article (empty for plain news prose)."""
    text = art.text
    lines = _read_lines(text)
    turns = _credited_posts(text, lines)
    labelled = [ln for ln in lines if ln.label is not None]
    if len(labelled) < 2:
        return turns
    roles = _label_roles(text, labelled)
    _drop_lone_labels(lines, roles)
    counts = Counter(ln.label for ln in labelled if ln.label in roles)
    if not counts or max(counts.values()) < 2:
        return turns        # no label opens two turns: headlines or a list, no dialogue
    first = next(ln.start for ln in labelled if ln.label in roles)
    people = _people_before(art, first)
    interviewer = _interviewer_name(text, roles, people)
    interviewee = _interviewee(text, people, interviewer, first)
    # answers print their own labels: an unlabelled paragraph after a question is narration
    answers_labelled = any(role != INTERVIEWER for role in roles.values())
    taken = {(t.statement.start, t.statement.end) for t in turns}
    current: Turn | None = None
    pending: list[_Line] = []       # unlabelled paragraphs since the last turn
    by_label: dict[str, Person | None] = {}
    for ln in lines:
        if ln.label is None:
            if current is not None and _ends_turns(text, ln):
                current = None
            elif current is not None and (ln.start, ln.end) not in taken \
                    and not _is_caption(text, ln):
                pending.append(ln)
            continue
        if current is not None and len(pending) <= MAX_CONTINUATION:
            unlabelled = None if answers_labelled or _names_interviewer(text, pending, interviewer) \
                else interviewee
            _continue_turn(text, current, pending, unlabelled, turns)
        pending = []
        current = None
        if ln.label in roles:
            current = _turn_of(text, ln, roles[ln.label], interviewer, interviewee, people,
                               by_label)
            turns.append(current)
    turns.sort(key=lambda t: t.statement.start)
    return turns


#: Unlabelled paragraphs between two turns that still continue the first (an answer over a
#: few paragraphs); more, or any after the last turn, are the article's narration.
MAX_CONTINUATION = 6


def _names_interviewer(text: str, paras: list[_Line], interviewer: str | None) -> bool:
    """Do the paragraphs name the interviewer ("With Wikinews, Cohen discussed ...")? Then
    they are narration introducing an interview, not an answer."""
    return bool(interviewer) and any(text.find(interviewer, ln.start, ln.end) >= 0 for ln in paras)


def _continue_turn(text: str, turn: Turn, paras: list[_Line], interviewee: Person | None,
                   turns: list[Turn]) -> None:
    """Unlabelled paragraphs between two turns: they continue an answer or a named turn; after
    an interviewer's turn they are the answer of ``interviewee`` (labels lost; None: no
    answer)."""
    if not paras:
        return
    if turn.role == INTERVIEWER:
        if interviewee is None or not (len(paras) == 1 or any(
                _FIRST_PERSON_RE.search(text, ln.start, ln.end) for ln in paras)):
            return      # several paragraphs in the third person: narration between interviews
        turns.append(_answer_turn(text, paras, interviewee))
        return
    st = turn.statement
    st.pieces.extend((ln.start, ln.end) for ln in paras)
    st.end = paras[-1].end


def merge_turns(statements: list[Statement], turns: list[Turn]) -> list[Statement]:
    """``statements`` without those overlapping a turn, plus the turns' statements: the words
    of a turn count once, as its speaker's."""
    if not turns:
        return statements
    spans = sorted((t.statement.start, t.statement.end) for t in turns)
    starts = [s for s, _ in spans]
    keep = []
    for st in statements:
        i = bisect.bisect_left(starts, st.end)
        if i and spans[i - 1][1] > st.start:
            continue        # the turn starting last before this statement's end overlaps it
        keep.append(st)
    return keep + [t.statement for t in turns]


def name_turns(turns: list[Turn]) -> None:
    """After speaker resolution: a turn with a fixed name takes it; an answer resolved to
    nothing or to a pronoun takes its label."""
    for t in turns:
        st = t.statement
        if t.name is not None:
            st.speaker, st.title = t.name, None
        elif st.speaker is None or st.speaker.lower() in PRONOUNS:
            st.speaker = st.mention


# --------------------------------------------------------------------------------------------
# lines and labels
# --------------------------------------------------------------------------------------------

def _read_lines(text: str) -> list[_Line]:
    """The paragraphs of ``text`` with the turn label each opens with, if any."""
    lines = []
    for m in PARA_RE.finditer(text):
        ps, pe = m.span()
        while pe > ps and text[pe - 1].isspace():
            pe -= 1
        if pe <= ps:
            continue
        lab = _LABEL_RE.match(text, ps, pe)
        # a wiki label "((Name))" or a listed one ("Q") is no heading: no final stop needed
        listed = lab is not None and (lab.group("wiki") is not None
                                      or _is_listed(lab.group("name")))
        if lab is None or not _is_turn_text(text, lab.end(), pe, listed) or "'" in lab.group() \
                or "’" in lab.group():
            lines.append(_Line(ps, pe, None))
            continue
        group = "wiki" if lab.group("wiki") is not None else "name"
        ls, le = lab.span(group)
        label = text[ls:le].strip()
        lines.append(_Line(ps, pe, label, ls, ls + len(label), lab.end(), group == "wiki"))
    return lines


def _is_listed(label: str) -> bool:
    """Is ``label`` a listed interviewer or interviewee label ("Q", "A", "WN")?"""
    low = label.strip().lower()
    lists = turn_labels()
    return low in lists["interviewer"] or low in lists["interviewee"]


def _is_turn_text(text: str, lo: int, hi: int, listed: bool = False) -> bool:
    """A turn's text: words ending a sentence, not a heading ("Jeb Bush: Student loans"), a
    list of names ("Iowa: Tim Albrecht, Brad Anderson, ...") or a quotation led in by a name
    (the quote rules read ``Name: "..."``)."""
    if text[lo] in "\"“‘'" or not _has_words(text, lo, hi) \
            or not listed and text[hi - 1] not in ".!?\"”’)]…":
        return False
    commas = text.count(",", lo, min(hi, lo + 600))
    return commas < 6 or len(WORD_RE.findall(text, lo, min(hi, lo + 600))) > 4 * commas


def _has_words(text: str, lo: int, hi: int) -> bool:
    """Two words, or one word and the end of a sentence ("Yes."): not a number or a list."""
    words = WORD_RE.findall(text, lo, min(hi, lo + 200))
    return len(words) >= 2 or (len(words) == 1 and text[hi - 1] in ".!?")


def _label_roles(text: str, labelled: list[_Line]) -> dict[str, str]:
    """``{label: role}`` of the labels that open turns: the listed interviewer and interviewee
    labels, wiki labels, and names that label two turns or occur elsewhere in the text."""
    lists = turn_labels()
    counts = Counter(ln.label for ln in labelled)
    questions = Counter(ln.label for ln in labelled if text[ln.end - 1] == "?")
    wiki = {ln.label for ln in labelled if ln.wiki}
    in_text = Counter(CAPITALISED_WORD_RE.findall(text))
    in_labels = Counter(w for ln in labelled for w in CAPITALISED_WORD_RE.findall(ln.label))
    roles: dict[str, str] = {}
    for label, n in counts.items():
        low = label.lower()
        if low in lists["interviewer"]:
            roles[label] = INTERVIEWER
        elif low in lists["interviewee"]:
            roles[label] = INTERVIEWEE
        elif low in lists["not_speaker"] or low in CAP_STOP or low.split()[0] in lists["not_speaker"]:
            continue
        elif n >= 2 and questions[label] * 2 > n:
            roles[label] = INTERVIEWER
        elif n >= 2 or _occurs_elsewhere(label, in_text, in_labels):
            roles[label] = NAMED
        elif label in wiki:
            roles[label] = INTERVIEWER if questions[label] else NAMED
    return roles


def _drop_lone_labels(lines: list[_Line], roles: dict[str, str]) -> None:
    """A named label used once counts only next to another turn (a dialogue alternates); one
    followed and preceded by narration is a headline ("OK Gov Fallin: Trump Is ...")."""
    uses = Counter(ln.label for ln in lines if ln.label in roles)
    for i, ln in enumerate(lines):
        if ln.label not in roles or roles[ln.label] != NAMED or uses[ln.label] > 1:
            continue
        near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if not any(o.label in roles and o.label != ln.label for o in near):
            del roles[ln.label]


def _occurs_elsewhere(label: str, in_text: Counter, in_labels: Counter) -> bool:
    """Does ``label``'s last word (its surname) occur in the text other than in turn labels?
    ``in_text`` and ``in_labels`` count the capitalised words of the text and of its labels
    (counted once per article: a transcript of many one-off labels stays linear)."""
    word = label.split()[-1]
    if len(word) < 3 or word.lower() in CAP_STOP:
        return False
    return in_text[word] > in_labels[word]


def _ends_turns(text: str, ln: _Line) -> bool:
    """A credit line ("—Natasha Gownaris"), a rule ("___") or a by-line ends the turns."""
    return bool(_CREDIT_START_RE.match(text, ln.start, ln.end)) or text.startswith("___", ln.start)


_LABEL_ONLY_RE = re.compile(r"[ \t]*\(\([^()\n]{1,40}\)\)[ \t]*:?[ \t]*")


def _is_caption(text: str, ln: _Line) -> bool:
    """An image caption ("... Image: Gage Skidmore.") or a legend ("██ On ballot")."""
    para = text[ln.start:ln.end]
    if _LABEL_ONLY_RE.fullmatch(para):
        return True         # "((Wayne Tseng))" with its answer lost
    if not any(ch.isalpha() for ch in para[:3]) or para[-1] not in ".!?\"”’')]…":
        return True
    return any(f"{w.capitalize()}:" in para for w in ("image", "photo", "file", "credit"))


# --------------------------------------------------------------------------------------------
# who speaks
# --------------------------------------------------------------------------------------------

def _people_before(art: Article, pos: int) -> list[Person]:
    """The people named in the narration before the first turn (at most its last 20,000
    characters: an introduction): capitalised runs of two or more name words after their title,
    organisations left out, a sentence's final period dropped ("... reporter William S.
    Saturn.")."""
    out = []
    for m in CAP_RUN_RE.finditer(art.masked, max(0, pos - 20000), pos):
        toks = m.group().split()
        # a run over a sentence end ("... Jim Tankersley. Biden said"): its last sentence
        cut = max((i for i, t in enumerate(toks[:-1]) if t.endswith(".") and len(t) > 3), default=-1)
        toks = toks[cut + 1:]
        toks[-1] = toks[-1].rstrip(".")
        while toks and toks[0].lower() in CAP_STOP:
            toks = toks[1:]
        k = next((i for i, t in enumerate(toks) if not t[:1].isupper()), len(toks))
        _, name = split_title(toks[:k])   # "Michael Siegel of Boston University": before "of"
        if not 2 <= len(name) <= 4 or any(t.lower().strip("'’s") in ORG_WORDS for t in name) \
                or name[-1].lower() in CAP_STOP:
            continue
        start = m.start() + m.group().rfind(" ".join(name))
        out.append(Person(name=" ".join(name), title=None, pos=start, is_person=True,
                          tokens=tuple(t.lower() for t in name)))
    return out


def _initials_of(name: str) -> str:
    return "".join(t[0] for t in name.replace(".", ". ").split() if t[:1].isupper())


def _person_for_label(label: str, people: list[Person]) -> Person | None:
    """The person a label names: by surname or full name, else by initials ("NG", "WSS")."""
    low = label.lower().split()
    for p in people:
        if p.tokens[-len(low):] == tuple(low) or p.tokens[-1:] == (low[-1],):
            return p
    if label.isupper() and 2 <= len(label) <= 4:
        for p in people:
            if _initials_of(p.name) == label:
                return p
    return None


def _interviewer_name(text: str, roles: dict[str, str], people: list[Person]) -> str | None:
    """The name the interviewer's turns get: the name the label list gives ("WN"), else the
    employer of the reporter the label stands for, else the reporter, else the outlet the
    article names as interviewing, else "the interviewer" (None: no interviewer label)."""
    labels = [lab for lab, role in roles.items() if role == INTERVIEWER]
    if not labels:
        return None
    listed = turn_labels()["interviewer"]
    for lab in labels:
        if listed.get(lab.lower()):
            return listed[lab.lower()]      # "WN": Wikinews
    for lab in labels:
        p = None if lab.lower() in listed else _person_for_label(lab, people)
        if p is not None:
            m = re.search(_REPORTER_RE.format(re.escape(p.name)), text)
            return m.group(1) if m else p.name
    outlet = _outlet_named(text, people)
    return outlet if outlet is not None else "the interviewer"


def _outlet_named(text: str, people: list[Person]) -> str | None:
    """The outlet the article names as interviewing: the subject of "X spoke to / interviewed
    ..." or the object of "... spoke with X" / "With X, ...", a name that is no person's."""
    hi = min(len(text), 20000)
    for m in _OUTLET_BEFORE_RE.finditer(text, 0, hi):
        name = m.group(1)
        if name.split()[-1].lower() not in CAP_STOP and _person_for_label(name, people) is None:
            return name
    for m in _OUTLET_AFTER_RE.finditer(text, 0, hi):
        name = m.group(1)
        if name.lower() not in CAP_STOP and _person_for_label(name, people) is None:
            return name
    return None


def _interviewee(text: str, people: list[Person], interviewer: str | None,
                 first: int) -> Person | None:
    """The person the article introduces as interviewed: among the people whose surname a
    sentence about the interview names ("Wikinews interviewed Siegel"; else all people named
    before the first turn at ``first``), the one whose surname the text uses most; not the
    interviewer or a reporter."""
    if not people:
        return None
    counts = Counter(CAPITALISED_WORD_RE.findall(text))
    people = [p for p in people if not _REPORTER_BEFORE_RE.search(text, max(0, p.pos - 40), p.pos)
              and not (interviewer and (p.name in interviewer or interviewer in p.name))]
    cued_words: set[str] = set()
    for m in _INTERVIEW_CUE_RE.finditer(text, max(0, first - 20000), first):
        cued_words.update(CAPITALISED_WORD_RE.findall(_sentence_around(text, m.start())))
    cued = [p for p in people if p.name.split()[-1] in cued_words]
    pool = cued or people
    if not pool:
        return None
    # the surname alone ("Farquharson is ..."), as a person is referred to after the first
    # mention (a party's "Liberal Democrats" always comes whole)
    return max(pool, key=lambda p: (counts[p.name.split()[-1]] - text.count(p.name), -p.pos))


def _sentence_around(text: str, pos: int) -> str:
    lo = max(text.rfind(". ", max(0, pos - 300), pos), text.rfind("\n", max(0, pos - 300), pos))
    hi_dot, hi_nl = text.find(". ", pos, pos + 400), text.find("\n", pos, pos + 400)
    his = [h for h in (hi_dot, hi_nl) if h >= 0]
    return text[max(0, lo):min(his) if his else min(len(text), pos + 400)]


# --------------------------------------------------------------------------------------------
# statements
# --------------------------------------------------------------------------------------------

def _turn_of(text: str, ln: _Line, role: str, interviewer: str | None, interviewee: Person | None,
             people: list[Person], by_label: dict[str, Person | None]) -> Turn:
    """The statement of one labelled turn (``by_label``: the people labels of initials stand
    for, filled as they are met)."""
    st = Statement(start=ln.body, end=ln.end, pieces=[(ln.body, ln.end)], kind="direct", cue=":")
    st.mention, st.mention_start, st.mention_end = ln.label, ln.label_start, ln.label_end
    st.cue_start = ln.label_end
    if role == INTERVIEWER:
        return Turn(st, role, interviewer)
    person = interviewee if role == INTERVIEWEE else None
    if role == NAMED and ln.label.isupper() and len(ln.label) <= 4:
        if ln.label not in by_label:
            by_label[ln.label] = _person_for_label(ln.label, people)
        person = by_label[ln.label]                     # initials: "NG" -> Natasha Gownaris
    # the mention stays the label ("A", "NG"); the name is the person's the label stands for
    if person is None and role == INTERVIEWEE:
        return Turn(st, role, "the interviewee")    # never "A" or "I"
    return Turn(st, role, person.name if person is not None else None)


def _answer_turn(text: str, paras: list[_Line], interviewee: Person) -> Turn:
    """An unlabelled answer after an interviewer's turn: the interviewee's."""
    st = Statement(start=paras[0].start, end=paras[-1].end,
                   pieces=[(ln.start, ln.end) for ln in paras], kind="direct", cue="")
    return Turn(st, INTERVIEWEE, interviewee.name)


def _credited_posts(text: str, lines: list[_Line]) -> list[Turn]:
    """Posts pasted into an article and credited ``— Name (@handle) Month day, year``: the
    post's text is a direct statement of Name."""
    turns = []
    for ln in lines:
        if "(@" not in text[ln.start:ln.end]:
            continue
        at = text.rfind("(@", ln.start, ln.end)
        dash = max(text.rfind(d, ln.start, at) for d in "—–-")
        m = _POST_CREDIT_RE.match(text, dash, ln.end) if dash >= 0 else None
        if m is None:
            continue
        s = ln.start
        tag = _TAG_RE.match(text, s, dash)
        if tag:
            s = tag.end()
        e = dash
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        if not _has_words(text, s, e) and len(WORD_RE.findall(text, s, e)) < 2:
            continue
        st = Statement(start=s, end=e, pieces=[(s, e)], kind="direct", cue="—")
        ns, ne = m.span("name")
        st.mention, st.mention_start, st.mention_end = text[ns:ne].strip(), ns, ns + len(text[ns:ne].strip())
        st.cue_start = dash
        turns.append(Turn(st, NAMED, None))
    return turns
