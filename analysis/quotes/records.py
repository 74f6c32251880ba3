"""The internal records (``_Statement``, ``_Person``) and the word lists and regular expressions
shared by the rules of quote extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# word lists

_PERSON_PRONOUNS = frozenset("he she".split())
_PRONOUNS = frozenset("he she they it we i you who".split())
_AUX_ADV = frozenset("""
also has have had was were is are will would could can may might should must did does do not
n't never later then previously recently repeatedly publicly once again further still even
already reportedly just often first quickly finally frequently originally initially earlier
separately privately openly explicitly flatly immediately today yesterday tonight now long been
being apparently allegedly actually really clearly simply widely strongly specifically only
always generally usually angrily bluntly famously correctly wrongly falsely herself himself
themselves itself personally directly subsequently eventually nonetheless however too
don't doesn't didn't won't wouldn't can't couldn't isn't wasn't aren't weren't hasn't haven't
hadn't don’t doesn’t didn’t won’t wouldn’t can’t couldn’t isn’t wasn’t aren’t weren’t hasn’t
haven’t hadn’t
""".split())
_LY_NOUNS = frozenset("family ally italy assembly rally supply july belly bully monopoly".split())
_QUANTIFIER_SPEAKERS = frozenset("""
many some most others few several everyone everybody nobody someone somebody anyone one
""".split())
_DETERMINERS = frozenset("""
the a an his her their its our this these those one some many most several two three four
five six seven eight nine ten other another any each every both few no such
""".split())
# lower-case words that may not end or sit inside a common-noun speaker phrase
_NOT_NOUN = frozenset("""
and or but nor so as if that which who whom whose when where while because than then to of for
in on at by with from into onto about after before during under over through between against
without within upon via per is are was were be been being has have had do does did will would
could can may might should must not there here what why how i you he she it we they me him us
them my your mine yours ours theirs this these those also just only very more most much either
neither both that begun done gone become
""".split()) | _AUX_ADV
# role nouns and title modifiers: the part of "Russian Defense Minister Sergei Shoigu" that is a
# title, and the heads of role mentions ("the defense minister")
_ROLE_NOUNS = frozenset("""
president vice secretary minister prime premier chancellor governor gov senator sen
representative rep congressman congresswoman speaker leader chairman chairwoman chair director
chief deputy assistant executive officer spokesman spokeswoman spokesperson attorney general gen
judge justice mayor ambassador commissioner professor prof adviser advisor candidate nominee
lt col sgt capt adm cmdr mr mrs ms dr sir lord lady editor author reporter writer columnist
correspondent host anchor analyst founder ceo manager head official doctor lawyer sheriff
commander coach king queen prince pope chairperson strategist pollster aide economist expert
researcher scientist historian actor actress singer activist organizer campaigner member
""".split())
_TITLE_WORDS = _ROLE_NOUNS | frozenset("""
former late defense defence foreign state affairs interior finance homeland security national
white house press the of for u.s us u.k uk un top senior first republican democratic democrat
gop presidential russian american serbian chinese british french german ukrainian syrian iranian
israeli turkish mexican canadian japanese korean european iraqi afghan palestinian saudi indian
italian spanish polish cuban egyptian libyan venezuelan australian federal supreme majority
minority whip assistant acting interim general's campaign party committee council city county
district police fire health education energy trade treasury justice labor commerce
""".split())
# capitalised words that start a sentence but are not names
_CAP_STOP = frozenset("""
the a an and but or so yet for nor in on at by with from as if when while after before since
though although because however meanwhile still then there here this that these those it its
he she they we i you his her their our my what which who why how where both either neither
some many most all each every one no not also even just only now today yesterday last next
according asked said says told mr mrs ms dr over under during despite among within without
about above across against along amid around behind beyond by into like near off onto out
outside past per since than through throughout toward towards until unlike up upon via
soon having later earlier instead finally first second last next thus therefore indeed perhaps
maybe moreover besides facing given asked speaking january february march april may june july
august september october november december monday tuesday wednesday thursday friday saturday
sunday should would could will can might must did does do is are was were has have had
""".split())
_ORG_WORDS = frozenset("""
kremlin ministry department party committee council government administration office agency
house senate congress court commission union times post news journal press network tv radio
bank company corporation inc corp group institute university foundation association
organization organisation campaign police army navy force forces command service bureau fbi cia
nsa un nato eu pentagon state states republic federation coalition centre center board team
""".split())
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"


# regular expressions (compiled once)

_PARA_RE = re.compile(r"[^\n]+")
_NOT_NEWLINE_RE = re.compile(r"[^\n]")
_SPACES_RE = re.compile(r"\s+")
_MARK_RE = re.compile(r"''|[\"“”]")
_TOKEN_RE = re.compile(r"\w+(?:[.'’\-]\w+)*(?:\.(?=\s*[A-Z]))?|[^\w\s]")
_TIME_TAIL_RE = re.compile(
    r"(?:,?\s+(?:on|late|early|last|this|earlier|later|in|at)\s+(?:(?:" + _WEEKDAYS +
    r")(?:\s+(?:night|morning|afternoon|evening))?|week|month|year|night|morning|afternoon|"
    r"evening|an?\s+(?:statement|interview|email|e-mail|tweet|speech|letter|post)|"
    r"the\s+(?:weekend|morning|afternoon|evening|time|meeting|conference|event|rally|debate))"
    r"(?:\s+(?:night|morning|afternoon|evening))?,?)\s*$")
_QUOTE_OPENERS = ("“", "\"", "''")
_APPOS_START_RE = re.compile(
    r"\s*(?:who|which|whose|whom|a|an|the|his|her|their|its|[0-9]+|former|now|then|also|"
    r"[RDI]-[A-Z]\w*|[a-z]\w*)\b")
# (words separated by required white space: "\s*" between them let a long capitalised token
# split in exponentially many ways before failing)
_DASH_NAME_RE = re.compile(r"^\s*[—–-]{1,2}\s*([A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,4}\s*)$")
# the same, matched in place after a quote (``match(text, pos, end of paragraph)``)
_DASH_NAME_TAIL_RE = re.compile(_DASH_NAME_RE.pattern[1:])
_COLON_NAME_RE = re.compile(r"((?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’.\-]*)\s*:\s*$")
_CAP_RUN_RE = re.compile(
    r"[A-Z][\w'’\-]*\.?(?:[ \t]+(?:(?:of|for|the|de|von|van|al|bin|la|le)[ \t]+)*[A-Z][\w'’\-]*\.?)+")


@dataclass(slots=True)
class _Statement:
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


@dataclass(slots=True)
class _Person:
    name: str
    title: str | None
    pos: int
    is_person: bool
    tokens: tuple[str, ...] = field(default=())
