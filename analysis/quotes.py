"""Who speaks: quote extraction, speaker attribution and quote share.

``extract_quotes(articles)`` finds every attributed statement of each article and returns the
**quotes** table of DESIGN.md, one row per statement:

================  ============================================================================
article_id        the article's id
quote_id          ``<article_id>:<n>`` (n = 1, 2, ... in text order)
start, end        character span of the statement in ``text``; a direct quote's span includes
                  its quote marks; an interrupted quote (``"A," he said, "B."``) covers both pieces
quote             the content text (quote marks removed; the pieces of an interrupted quote
                  joined by a space)
kind              ``direct`` (the content is a quotation), ``mixed`` (a paraphrase containing a
                  quoted fragment), ``indirect`` (reported speech or belief, no quote marks)
speaker           canonical name within the article ("Sergei Shoigu" for "Shoigu", "he" or
                  "the defense minister"); organisations and countries too; NA when unknown
speaker_mention   the surface form at the cue ("he", "Shoigu", "the minister")
speaker_start/end offsets of that mention (NA when there is none)
speaker_title     the role given with the name ("Russian Defense Minister"), NA if none
cue               the reporting verb or phrase ("said", "according to", ":", "-")
n_words           words of ``quote`` (``text.count_words``)
================  ============================================================================

Method: rules propose candidates, a small shipped model filters them (no download, no spaCy).

1. Quote marks (straight, curly and the doubled ``''`` of some archives) are paired per
   paragraph; a quote may run over paragraphs when each new paragraph reopens it; stray marks
   never reach beyond their paragraph.
2. Reporting cues come from ``resources/cue_verbs.tsv``. Around each cue the speaker is the noun
   phrase next to it (skipping adverbs, time phrases, appositions and relative clauses; inverted
   "said Shoigu"; "according to X"); the content is the quote or clause before or after it.
   Quotes without a cue of their own continue the statement before them, or are led in by
   ``Name:`` / followed by ``- Name`` or by a speaker and a verb; a short quoted phrase in
   narration is kept as a direct quote of the sentence's subject, or with no speaker; a quoted
   phrase inside a longer paraphrase is also proposed as a direct quote of its own.
3. ``quote_filter`` (logistic regression over symbolic features, JSON weights trained on
   PolNeAR train) drops unlikely candidates; long direct quotes (and quoted sentences inside a
   paraphrase) are always kept. Of statements nested in one another with much overlap, only
   the longest is kept (``drop_nested``).
4. Speakers are resolved within the article: surname -> the full name introduced earlier,
   pronoun -> the named speaker mentioned nearest before it, role noun ("the defense minister")
   -> the person introduced with that role (also in an apposition), "who" -> its antecedent.

"X said that Y believes Z" gives one row (X's) unless the inner statement is short next to the
outer one (under 30 % of its length, e.g. a quoted phrase inside a paraphrase): then both rows
are kept and those words count twice; ``quote_share`` counts words per statement, as the
PolNeAR scorer does.

``quote_share(quotes, by=...)`` turns the table into each speaker's share of quoted words.

Work grows linearly with the article (a 5 MB article, or one sentence of thousands of cues):
nothing is searched from a cue to the end of its sentence or of the text; positions (commas,
contrasts, line breaks, quote marks) are found once per article and looked up by bisection;
the statements a content may be cut at, the kept statements of ``drop_nested`` and the people
a name or role resolves to are looked up by key, not scanned pair by pair. (``make bench``
times a 5 MB article and the one-sentence case.)
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from . import config
from .schema import QUOTE_COLUMNS, SHARE_COLUMNS, check_columns
from .quote_filter import keep_statements
from .text import WORD_RE, word_re

CUE_FILE = config.RESOURCES_DIR / "cue_verbs.tsv"

# --------------------------------------------------------------------------------------------
# word lists
# --------------------------------------------------------------------------------------------

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

# --------------------------------------------------------------------------------------------
# regular expressions (compiled once)
# --------------------------------------------------------------------------------------------

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
# sentence ends: . ! ? (then closing marks) before a capitalised word, or a line break; written
# to open with one character class so the engine skips ahead quickly. A run of terminators is
# tried from its first character only ("(?<![.!?][.!?])"): every later start ends the same way,
# and trying each would make a long run of dots quadratic.
_SENT_END_RE = re.compile(
    r"[.!?\n](?:(?<=[.!?])(?<![.!?][.!?])[.!?]*[\"'”’)\]]*(?=[ \t]+[\"'“‘(\[]?[A-Z0-9])"
    r"|(?<=\n)[ \t]*\n?)")
_ABBREV = frozenset("""
mr mrs ms dr prof gen lt col sgt capt adm cmdr gov sen rep st jr sr inc corp co ltd no vs jan feb
mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc rev ft mt fig est d.c
""".split())
_MAX_ABBREV = max(map(len, _ABBREV))


def split_units(masked: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of the quote-masked text, whitespace excluded. A sentence
    ends at . ! ? before an upper-case word (not after "Mr." "Sen." "U.S." or an initial) and
    at every line break."""
    spans = []
    start = 0
    # the text's leading opening marks: a token reaching back to the start is stripped of them
    lead = len(masked) - len(masked.lstrip("(\"“"))
    for m in _SENT_END_RE.finditer(masked):
        if m.group()[0] == "." and _ends_abbreviation(masked, m.start(), lead):
            continue
        _push_unit(masked, start, m.end(), spans)
        start = m.end()
    _push_unit(masked, start, len(masked), spans)
    return spans


def _ends_abbreviation(masked: str, k: int, lead: int) -> bool:
    """Is the period at ``k`` the end of an abbreviation or an initial ("Mr." "U.S." "J.")?
    ``lead``: the number of opening marks the text starts with. Looks back 12 characters at
    most (a token reaching back to the text's start is only read when it is short)."""
    w = masked.rfind(" ", max(0, k - 12), k) + 1
    if w == 0 and k - lead > _MAX_ABBREV:
        return False
    token = masked[w:k].lstrip("(\"“").lower()
    return len(token) == 1 or token in _ABBREV


def _push_unit(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


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


# --------------------------------------------------------------------------------------------
# resources
# --------------------------------------------------------------------------------------------

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


def _find_cues(masked: str) -> list[tuple[int, int]]:
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


# --------------------------------------------------------------------------------------------
# quote marks
# --------------------------------------------------------------------------------------------

def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in ``text``, marks included.

    Straight and curly double marks are paired within a paragraph. A quote left open at the end
    of a paragraph continues when the next paragraph opens with a quote mark (the convention for
    quotes running over paragraphs); otherwise it ends with its paragraph, and only when its
    opening mark looks like one (paragraph start or after ``,`` ``:`` or a dash). Stray marks are
    ignored, so a bad mark never swallows more than its paragraph.
    """
    spans: list[tuple[int, int]] = []
    paras = [(m.start(), m.end()) for m in _PARA_RE.finditer(text)]
    carry: int | None = None
    for i, (ps, pe) in enumerate(paras):
        open_pos = carry
        skip_first = carry is not None
        carry = None
        for m in _MARK_RE.finditer(text, ps, pe):
            pos, ch = m.start(), m.group()
            if ch == "''":
                ch = '"'
            if skip_first:
                skip_first = False
                if pos == ps or not text[ps:pos].strip():
                    continue
            if open_pos is None:
                if ch == "”" or (ch == '"' and _looks_closing(text, pos, m.end(), ps, pe)):
                    continue  # stray closing mark
                open_pos = pos
            elif ch == "“":
                open_pos = pos  # a second opening mark: the first one was stray
            else:
                spans.append((open_pos, m.end()))
                open_pos = None
        if open_pos is None:
            continue
        nxt = paras[i + 1][0] if i + 1 < len(paras) else None
        if nxt is not None and text.startswith(_QUOTE_OPENERS, nxt):
            carry = open_pos
        elif _looks_opening_context(text, open_pos, ps) and pe - open_pos > 3:
            spans.append((open_pos, pe))
    return spans


def _looks_closing(text: str, pos: int, end: int, ps: int, pe: int) -> bool:
    before = text[pos - 1] if pos > ps else " "
    after = text[end] if end < pe else " "
    return not before.isspace() and before not in "([—–-:" and (after.isspace() or after in ".,;:!?)")


def _looks_opening_context(text: str, pos: int, ps: int) -> bool:
    before = text[ps:pos].rstrip()
    return not before or before[-1] in ",:—–-"


def _mask_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the inside of each quote replaced by ``_`` (the first and last character
    inside the marks and newlines are kept, so sentence and paragraph ends survive)."""
    parts, last = [], 0
    for s, e in spans:
        open_len = 2 if text.startswith("''", s) else 1
        close_len = 2 if text.endswith("''", 0, e) else (1 if text[e - 1] in "”\"" else 0)
        inner_start, inner_end = s + open_len + 1, e - close_len - 1
        if inner_end <= inner_start:
            continue
        head = text[last:inner_start]
        if open_len == 2:  # '' -> ' "' so the sentence splitter sees an opening mark
            head = head[:-(open_len + 1)] + ' "' + head[-1]
        parts.append(head)
        parts.append(_NOT_NEWLINE_RE.sub("_", text[inner_start:inner_end]))
        last = inner_end
        if close_len == 2:
            parts.append(text[inner_end])
            parts.append('" ')
            last = e
    parts.append(text[last:])
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# speaker noun phrases next to a cue
# --------------------------------------------------------------------------------------------

def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, start, end)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _is_adverb(tok: str) -> bool:
    if not tok.islower():
        return False
    return tok in _AUX_ADV or (tok.endswith("ly") and len(tok) > 4 and tok not in _LY_NOUNS)


def _np_ending_at(toks: list[tuple[int, int, str]], j: int) -> tuple[int, int] | None:
    """Index range [i, j] of the noun phrase whose last token is ``toks[j]``, or None."""
    tok = toks[j][2]
    low = tok.lower()
    if low in _PRONOUNS:
        return (j, j)
    if low in _QUANTIFIER_SPEAKERS:  # "many argue", "no one knows"
        if low == "one" and j > 0 and toks[j - 1][2].lower() in ("no", "every", "some", "any"):
            return (j - 1, j)
        return (j, j)
    if "'" in tok or "’" in tok and not tok.endswith(("’s", "'s")):
        return None  # "I'm", "they've": a contraction, no speaker phrase
    if _is_cap(tok) and low not in _CAP_STOP:
        i = j
        while i > 0:
            prev = toks[i - 1][2]
            pl = prev.lower()
            if (_is_cap(prev) and pl not in _CAP_STOP) or prev in ("’s", "'s"):
                i -= 1
            elif pl in ("of", "for", "the", "de", "al") and i > 1 and _is_cap(toks[i - 2][2]) \
                    and toks[i - 2][2].lower() not in _CAP_STOP:
                i -= 2
            elif prev.islower() and pl in _TITLE_WORDS:
                i -= 1
            else:
                break
        if i > 0 and toks[i - 1][2].lower() == "the":
            i -= 1
        return (i, j)
    if tok.isalpha() and tok.islower() and low not in _NOT_NOUN and low not in _DETERMINERS \
            and not low.endswith("ing"):
        i = j
        n = 0
        while i > 0 and n < 4:
            prev = toks[i - 1][2]
            pl = prev.lower()
            if prev.isalpha() and pl not in _NOT_NOUN and pl not in _DETERMINERS:
                i -= 1
                n += 1
            elif prev.endswith(("’s", "'s")) and len(prev) > 2:
                i -= 1
                break
            else:
                break
        if i > 0 and toks[i - 1][2].lower() in _DETERMINERS:
            i -= 1
        elif i > 0 and toks[i - 1][2] in ("’s", "'s") and i > 1:
            i -= 2
        # "a spokesman for the campaign": attach an of/for phrase to a role noun
        if i > 1 and toks[i - 1][2].lower() in ("of", "for", "at", "with"):
            inner = _np_ending_at(toks, i - 2)
            if inner and toks[inner[1]][2].lower() in _ROLE_NOUNS | {"spokesman", "spokeswoman"}:
                i = inner[0]
        return (i, j)
    return None


def _speaker_before(text: str, masked: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """Offsets of the speaker phrase that ends before the cue at ``cue_start`` (not before
    ``lo``): skips auxiliaries and adverbs ("has also"), a time phrase ("on Tuesday"),
    appositions ("Hugh Hill, a doctor,") and relative clauses ("X, who replaced Y,")."""
    window_lo = max(lo, cue_start - 110)
    end = cue_start
    m = _TIME_TAIL_RE.search(masked, max(window_lo, cue_start - 60), end)
    if m:
        end = m.start()
    toks = _tokens(masked, window_lo, end)
    j = len(toks) - 1
    while j >= 0 and _is_adverb(toks[j][2]):
        j -= 1
    if j >= 0 and toks[j][2] == ")":  # "Sen. Rand Paul (R-Ky.) said"
        k = j
        while k >= 0 and toks[k][2] != "(" and j - k < 12:
            k -= 1
        if k > 0 and toks[k][2] == "(":
            j = k - 1
    if j < 0:
        return None
    if toks[j][2].lower() in ("and", "but"):  # "Trump denounced her record and said ..."
        return _subject_at_start(masked, lo, cue_start)
    if toks[j][2] == ",":
        return _speaker_before_apposition(masked, toks, j)
    if toks[j][2] in ("’s", "'s"):
        return None
    rng = _np_ending_at(toks, j)
    if rng is None:
        return None
    return toks[rng[0]][0], toks[rng[1]][1]


def _subject_at_start(masked: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The name or pronoun that opens the sentence starting at ``lo`` (the subject shared by
    coordinated verbs)."""
    toks = _tokens(masked, lo, min(hi, lo + 100))
    i = 0
    while i < len(toks) and toks[i][2].lower() in ("but", "and", "so", "yet", "still", "then"):
        i += 1
    if i >= len(toks):
        return None
    low = toks[i][2].lower()
    if low in ("he", "she", "they", "we", "it"):
        return toks[i][0], toks[i][1]
    k = i + 1 if low == "the" else i
    end = None
    while k < len(toks) and _is_cap(toks[k][2]) and toks[k][2].lower() not in _CAP_STOP:
        end = k
        k += 1
    if end is None or k >= len(toks) or toks[k][2] in (",", "(") and end == i:
        return None
    return toks[i][0], toks[end][1]


def _speaker_before_apposition(masked: str, toks: list[tuple[int, int, str]],
                               comma: int) -> tuple[int, int] | None:
    """Speaker before a comma-closed apposition or relative clause."""
    seen = 0
    for k in range(comma - 1, max(-1, comma - 40), -1):
        if toks[k][2] != ",":
            continue
        seen += 1
        if seen > 4:
            break
        seg_start = toks[k][1]
        if not _APPOS_START_RE.match(masked, seg_start):
            continue
        if k == 0:
            return None
        rng = _np_ending_at(toks, k - 1)
        if rng is None:
            continue
        head = toks[rng[1]][2]
        has_det = toks[rng[0]][2].lower() in ("a", "an", "the")
        if _is_cap(head) or head.lower() in _PRONOUNS or (has_det and rng[0] < rng[1]):
            return toks[rng[0]][0], toks[rng[1]][1]
    # "Clinton's attorney, David Kendall, declined ...": a name set off by commas
    k = comma - 1
    i = k
    while i >= 0 and _is_cap(toks[i][2]) and toks[i][2].lower() not in _CAP_STOP:
        i -= 1
    if i < k and i >= 0 and toks[i][2] == ",":
        before = _np_ending_at(toks, i - 1) if i > 0 else None
        return (toks[before[0]][0] if before else toks[i + 1][0]), toks[k][1]
    return None


_AFTER_SPEAKER = frozenset("""
in on at during who when after before as while to about of last this earlier adding according
that yesterday today recently
""".split())


def _speaker_after(masked: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """Offsets of an inverted speaker right after the cue ("..., said Shoigu." / "said the
    minister")."""
    toks = _tokens(masked, cue_end, min(hi, cue_end + 100))
    j = 0
    while j < len(toks) and _is_adverb(toks[j][2]) and toks[j][2].lower() not in ("he", "she"):
        j += 1
    if j >= len(toks):
        return None
    first = toks[j][2]
    low = first.lower()
    if low in ("he", "she", "they", "it", "we", "i"):
        nxt = toks[j + 1][2] if j + 1 < len(toks) else "."
        if nxt in (",", ".", "!", "?", ";", "—", "–") or nxt.lower() in _AFTER_SPEAKER:
            return toks[j][0], toks[j][1]
        return None
    k = j
    if low in _DETERMINERS:
        k += 1
    last = None
    while k < len(toks):
        tok = toks[k][2]
        tl = tok.lower()
        if _is_cap(tok) or (tok.isalpha() and tok.islower() and tl not in _NOT_NOUN
                            and tl not in _DETERMINERS):
            last = k
            k += 1
        elif tl in ("of", "for") and last is not None and k + 1 < len(toks) and _is_cap(toks[k + 1][2]):
            k += 1
        else:
            break
    if last is None:
        return None
    stop = toks[k][2] if k < len(toks) else "."
    if stop not in (",", ".", "!", "?", ";", ")", "—", "–") and stop.lower() not in _AFTER_SPEAKER:
        return None
    return toks[j][0], toks[last][1]


# --------------------------------------------------------------------------------------------
# statements around one cue
# --------------------------------------------------------------------------------------------

_RIGHT_EMPTY_RE = re.compile(
    r"\s*(?:(?:on|in|at|during|after|before|while|when|last|this|earlier|later|"
    r"late|early|yesterday|today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"[^,;:_“\"]*)?[.!?;]?[”\"’]?\s*$")
# its pieces, for ``_Article.right_empty`` (which does not read to the sentence end per cue)
_RIGHT_EMPTY_WORD_RE = re.compile(_RIGHT_EMPTY_RE.pattern.split(r"\b")[0] + r"\b)")
_RIGHT_EMPTY_BAD = ',;:_“"'
_RIGHT_EMPTY_TAIL_RE = re.compile(r"[.!?;]?[”\"’]?\s*$")
_RIGHT_EMPTY_BARE_RE = re.compile(r"\s*[.!?;]?[”\"’]?\s*$")
_RIGHT_CLAUSE_RE = re.compile(
    r"\s*,\s*(?:[a-z]+ing|who|which|as|when|after|before|while|in|on|at|during|according|"
    r"because|though|although|but|and\s+(?:[a-z]+ed|said|added))\b")
_STRIP_CHARS = " \t\n,;:—–-"
_OBJECT_CUES = frozenset("told tell tells telling asked ask asks asking assured reminded informed".split())
_OBJECT_RE = re.compile(
    r"\s*(?:(?:the|a|an|his|her|their|its)\s+)?(?:(?:[A-Z][\w.'’\-]*|of|the)\s*)+(?:’s|'s)?"
    r"(?:\s+[a-z]+)?|\s*(?:reporters|journalists|him|her|them|me|us|supporters|the\s+\w+|"
    r"an?\s+\w+(?:\s+\w+)?)\b")


_GAP_RE = re.compile("[ \t,:—–-]*")


def _only_gap(text: str, lo: int, hi: int) -> bool:
    """``not text[lo:hi].strip(" \\t,:—–-")`` without the copy: only spaces, commas, colons and
    dashes between ``lo`` and ``hi``."""
    return lo >= hi or _GAP_RE.match(text, lo, hi).end() >= hi


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _STRIP_CHARS:
        s += 1
    while e > s and text[e - 1] in _STRIP_CHARS + ".":
        e -= 1
    # keep a closing quote mark's period inside: "...tonight." stays whole
    if e < len(text) and text[e:e + 2] in ('."', '.”') and e > s and text.startswith(_QUOTE_OPENERS, s):
        e += 2
    return s, e


# spans up to this long are searched directly (a sentence's worth: the bound keeps the work per
# cue constant); longer ones use the positions an article finds once
_SHORT = 400


class _Article:
    """Working state for one article."""

    def __init__(self, text: str):
        self.text = text
        self.quotes = find_quote_spans(text)
        self.quote_starts = [s for s, _ in self.quotes]
        self.masked = _mask_quotes(text, self.quotes)
        self.units = split_units(self.masked)
        self.statements: list[_Statement] = []
        self.cue_start = -1
        self.appositions: dict[int, str] = {}
        self.cue_starts: list[int] = []
        self._contrasts: list[int] | None = None
        self._commas: list[int] | None = None
        self._newlines: list[int] | None = None
        self._bad: tuple[list[int], list[int]] | None = None

    @property
    def newlines(self) -> list[int]:
        """Offsets of the line breaks of the text (found on first use)."""
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return self._newlines

    def paragraph_around(self, qs: int, qe: int) -> tuple[int, int]:
        """(start of the paragraph holding ``qs``, end of the paragraph holding ``qe``): as
        ``text.rfind("\\n", 0, qs) + 1`` and ``text.find("\\n", qe)`` (or the text's end)."""
        nl = self.newlines
        i = bisect.bisect_left(nl, qs)
        start = nl[i - 1] + 1 if i else 0
        j = bisect.bisect_left(nl, qe)
        end = nl[j] if j < len(nl) else len(self.text)
        return start, end

    # positions found once per article (a search from each cue to the end of its sentence
    # would read a long sentence once per cue) ---------------------------------------------
    def contrast_after(self, lo: int, hi: int) -> int | None:
        """Start of the first ``_CONTRAST_RE`` match in ``masked[lo:hi]`` (as
        ``_CONTRAST_RE.search(masked, lo, hi)``), from the article's matches found once."""
        if hi - lo <= _SHORT:
            m = _CONTRAST_RE.search(self.masked, lo, hi)
            return m.start() if m else None
        if self._contrasts is None:
            self._contrasts = [m.start() for m in _CONTRAST_RE.finditer(self.masked)]
        i = bisect.bisect_left(self._contrasts, lo)
        while i < len(self._contrasts) and self._contrasts[i] < hi:
            if _CONTRAST_RE.match(self.masked, self._contrasts[i], hi):
                return self._contrasts[i]
            i += 1
        return None

    def right_empty(self, lo: int, hi: int) -> bool:
        """``bool(_RIGHT_EMPTY_RE.match(masked, lo, hi))``: nothing but a time phrase and the
        sentence end after a cue. The phrase runs to the first of ``,;:_“"`` (found from the
        article's list of them, not by reading on), and only a closing mark may follow."""
        masked = self.masked
        if hi - lo <= _SHORT:
            return _RIGHT_EMPTY_RE.match(masked, lo, hi) is not None
        if _RIGHT_EMPTY_BARE_RE.match(masked, lo, hi):
            return True
        word = _RIGHT_EMPTY_WORD_RE.match(masked, lo, hi)
        if word is None:
            return False
        if self._bad is None:     # runs of those characters (a masked quote is one run)
            runs = [m.span() for m in re.finditer(f"[{_RIGHT_EMPTY_BAD}]+", masked)]
            self._bad = ([s for s, _ in runs], [e for _, e in runs])
        starts, ends = self._bad
        i = bisect.bisect_right(ends, word.end())
        bad = max(starts[i], word.end()) if i < len(starts) else hi
        if bad >= hi:
            return True
        return any(_RIGHT_EMPTY_TAIL_RE.match(masked, x, hi)
                   for x in range(max(word.end(), bad - 2), bad + 1))

    def comma_after(self, lo: int, hi: int) -> int:
        """``masked.find(",", lo, hi)`` from the article's commas found once."""
        if hi - lo <= _SHORT:
            return self.masked.find(",", lo, hi)
        if self._commas is None:
            self._commas = [m.start() for m in re.finditer(",", self.masked)]
        i = bisect.bisect_left(self._commas, lo)
        return self._commas[i] if i < len(self._commas) and self._commas[i] < hi else -1

    # quotes -----------------------------------------------------------------------------
    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quote span starting at ``pos`` (after whitespace/commas), if any."""
        i = bisect.bisect_left(self.quote_starts, pos)
        if i < len(self.quotes) and _only_gap(self.text, pos, self.quotes[i][0]):
            return self.quotes[i]
        return None

    def quote_ending_at(self, pos: int) -> tuple[int, int] | None:
        """The quote span that ends at ``pos`` (before whitespace/commas), if any."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        while i >= 0 and self.quotes[i][1] > pos:
            i -= 1
        if i >= 0 and _only_gap(self.text, self.quotes[i][1], pos):
            return self.quotes[i]
        return None

    def quotes_within(self, s: int, e: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.quote_starts, s)
        out = []
        while i < len(self.quotes) and self.quotes[i][0] < e:
            if self.quotes[i][1] <= e + 1:
                out.append(self.quotes[i])
            i += 1
        return out

    def kind_of(self, s: int, e: int) -> str:
        """``direct`` (a quote covers ``s:e``), ``mixed`` (quotes inside) or ``indirect``: the
        quotes are disjoint and in order, so those inside are a run from the first one at
        ``s`` or after, and only its first one or two can start at ``s`` or ``s + 1``."""
        quotes = self.quotes
        i = bisect.bisect_left(self.quote_starts, s)
        if i == len(quotes) or quotes[i][0] >= e or quotes[i][1] > e + 1:
            return "indirect"
        while i < len(quotes) and quotes[i][0] <= s + 1 and quotes[i][0] < e and quotes[i][1] <= e + 1:
            if quotes[i][1] >= e - 2:
                return "direct"
            i += 1
        return "mixed"

    # statements -------------------------------------------------------------------------
    def add(self, s: int, e: int, *, cue: str, spk: tuple[int, int] | None,
            pieces: list[tuple[int, int]] | None = None, kind: str | None = None) -> None:
        if pieces is None:
            s, e = _strip_span(self.text, s, e)
            pieces = [(s, e)]
        if e - s < 2 or not _ALNUM_RE.search(self.text, s, e):
            return
        st = _Statement(start=s, end=e, pieces=pieces, kind=kind or self.kind_of(s, e), cue=cue)
        if spk is not None:
            st.mention_start, st.mention_end = spk
            st.mention = self.text[spk[0]:spk[1]]
        st.cue_start = self.cue_start
        self.statements.append(st)


_COORD_BEFORE_RE = re.compile(r"(?:^|[\s,])(?:and|but)\s+(?:then\s+|also\s+)?$")
_ALNUM_RE = re.compile(r"[^\W_]")     # one character for which str.isalnum() holds
_APPOS_TITLE_RE = re.compile(r",\s*(?:an?|the)\s+([a-z][^,_]{1,80}?),\s*$")


def _process_cue(art: _Article, us: int, ue: int, cs: int, ce: int, prev: _Statement | None) -> None:
    text, masked = art.text, art.masked
    cue = _SPACES_RE.sub(" ", text[cs:ce])
    low = cue.lower()
    if low == "according to":
        _process_according(art, us, ue, cs, ce, cue)
        return
    before = masked[max(us, cs - 8):cs].split()
    if before and before[-1].lower() in _PASSIVE_BEFORE:  # "was asked", "is expected": no source
        if not art.right_empty(ce, ue):
            _add_right_content(art, ce, ue, cue, None)
        return
    spk = _speaker_before(text, masked, us, cs)
    if spk is None and prev is not None and prev.mention_start is not None \
            and _COORD_BEFORE_RE.search(masked, max(us, cs - 12), cs):
        spk = (prev.mention_start, prev.mention_end)  # "The president noted A, and added: B"
    if spk is not None:
        appos = _APPOS_TITLE_RE.match(masked, spk[1], cs)
        if appos:
            art.appositions[spk[0]] = appos.group(1)
    # the text before the speaker (or the cue) and after the cue, read in place (no copies:
    # a sentence may hold thousands of cues)
    left_end = spk[0] if spk else cs
    left_last = _last_char(masked, us, left_end)
    left_is_content = left_last in (",", "”", '"', "—", "–") and _has_content(masked, us, left_end)
    right_empty = art.right_empty(ce, ue) or bool(_RIGHT_CLAUSE_RE.match(masked, ce, ue))
    if not right_empty and low.split()[-1] in _OBJECT_CUES:  # "..., he told The Post."
        obj = _OBJECT_RE.match(masked, ce, ue)
        right_empty = bool(obj and art.right_empty(obj.end(), ue))
    participle = low.endswith("ing") and low != "according to"
    if spk is None and participle and prev is not None and prev.mention_start is not None \
            and masked[max(us, cs - 4):cs].rstrip().endswith(","):
        _add_right_content(art, ce, ue, cue, (prev.mention_start, prev.mention_end))
        return
    if participle and spk is not None and spk[1] < cs - 1 or participle and spk is not None \
            and not _is_agent(art.text[spk[0]:spk[1]]):
        # "sent a letter urging ...": the subject of the sentence speaks, not "a letter"
        if prev is not None and prev.mention_start is not None:
            spk = (prev.mention_start, prev.mention_end)
        else:
            spk = _subject_at_start(masked, us, cs) or spk
    if spk is None and left_is_content and left_last in (",", "”", '"'):
        spk = _speaker_after(masked, ce, ue)
        if spk is not None:
            _add_left_content(art, us, cs, ce, ue, cue, spk)
            return
    if spk is None:
        return
    lead_quote = art.quote_ending_at(spk[0])
    if left_is_content and (right_empty or (lead_quote is not None and (
            art.quote_at(max(ce, spk[1])) is not None
            or not _has_content(masked, us, lead_quote[0])))):
        _add_left_content(art, us, spk[0], ce, ue, cue, spk)
        return
    after_quote = art.quote_at(ce)
    if left_is_content and masked.startswith(",", ce, ue) and left_last == "," \
            and not art.quote_ending_at(spk[0]) and not (
                after_quote and art.text[after_quote[0]:after_quote[0] + 3].lstrip("“\"'")[:1].isupper()):  # "Many of the closures, he said, have ..."
        art.add(us, ue, cue=cue, spk=spk)
        return
    _add_right_content(art, ce, ue, cue, spk)


_CONTENT_CHAR_RE = re.compile("[^" + re.escape(_STRIP_CHARS) + "]")


def _has_content(masked: str, lo: int, hi: int) -> bool:
    """``bool(masked[lo:hi].strip(_STRIP_CHARS))`` without the copy."""
    return _CONTENT_CHAR_RE.search(masked, lo, hi) is not None


def _last_char(text: str, lo: int, hi: int) -> str:
    """The last character of ``text[lo:hi].rstrip()`` ("" if none), without the copy."""
    k = hi - 1
    while k >= lo and text[k].isspace():
        k -= 1
    return text[k] if k >= lo else ""


def _is_agent(mention: str) -> bool:
    """A name or a personal pronoun (who can be the subject of a participle cue)."""
    return mention.lower() in _PRONOUNS or mention[:1].isupper()


def _add_left_content(art: _Article, us: int, content_end: int, ce: int, ue: int, cue: str,
                      spk: tuple[int, int]) -> None:
    """``"...," X said`` / ``..., X said.`` / ``..., said X.``: the content is before the
    speaker; an interrupted quote (``"...," he said, "..."``) is joined with its second part."""
    first = art.quote_ending_at(content_end)
    lead = art.text[us:first[0]].rstrip() if first is not None else ""
    if first is not None and (not lead.strip(_STRIP_CHARS) or lead.endswith(":")):
        # the quote opens the sentence, or a colon leads into it ("X asserted A: "B," he
        # claimed"): the statement is the quote
        after_spk = max(ce, spk[1])
        tail = art.masked[after_spk:ue]
        m = re.match(r"[^,;:—–\"“]{0,40}[,:]\s*", tail)
        second = art.quote_at(after_spk + m.end()) if m else None
        if second is not None and second[0] > first[1]:
            art.add(first[0], second[1], cue=cue, spk=spk, pieces=[first, second], kind="direct")
            return
        art.add(first[0], first[1], cue=cue, spk=spk, pieces=[first], kind="direct")
        return
    art.add(us, content_end, cue=cue, spk=spk)


def _add_right_content(art: _Article, ce: int, ue: int, cue: str, spk: tuple[int, int] | None) -> None:
    """``X said (that) ...`` / ``X said: "..."``: the content follows the cue (to the end of the
    sentence; a colon at the end of the sentence leads into the next one)."""
    start = max(ce, spk[1]) if spk is not None and spk[0] >= ce else ce
    q = art.quote_at(start)
    if q is not None:
        art.add(q[0], q[1], cue=cue, spk=spk, pieces=[q], kind="direct")
        return
    if _only_colon(art.masked, start, ue):
        nxt = _next_unit(art, ue)
        if nxt is not None:
            q = art.quote_at(nxt[0])
            if q is not None:
                art.add(q[0], q[1], cue=cue, spk=spk, pieces=[q], kind="direct")
            else:
                art.add(nxt[0], nxt[1], cue=cue, spk=spk)
        return
    cut = art.contrast_after(start, ue)
    art.add(start, cut if cut is not None and cut > start + 10 else ue, cue=cue, spk=spk)
    if art.statements and art.statements[-1].cue_start == art.cue_start:
        art.statements[-1].right = True


# a contrasting clause ends the reported content: "X considers A untrustworthy, but views B ..."
_CONTRAST_RE = re.compile(
    r",\s+(?:but|while|although|though|despite|whereas|yet|even\s+as|even\s+though)\b|;\s")


_SPACE_COLON_RE = re.compile("[ :]*")


def _only_colon(masked: str, lo: int, hi: int) -> bool:
    """``rest.rstrip().endswith(":") and not rest.strip(" :")`` for ``rest = masked[lo:hi]``
    without the copy: nothing but spaces and at least one colon."""
    return lo < hi and _SPACE_COLON_RE.match(masked, lo, hi).end() >= hi and ":" in masked[lo:hi]


def _next_unit(art: _Article, pos: int) -> tuple[int, int] | None:
    i = bisect.bisect_left(art.units, (pos, pos))
    return art.units[i] if i < len(art.units) else None


def _process_according(art: _Article, us: int, ue: int, cs: int, ce: int, cue: str) -> None:
    """``according to X, ...`` and ``..., according to X.``"""
    masked = art.masked
    comma = art.comma_after(ce, ue)
    spk = _speaker_after(masked, ce, comma if comma > 0 else ue)
    if spk is None:
        stop = comma if comma > 0 else ue
        s, e = _strip_span(art.text, ce, stop)
        if e - s < 2:
            return
        spk = (s, e)
    if _has_content(masked, us, cs):  # "..., according to X." / "... - 63 percent, according to X - still ..."
        if comma > 0 and _TAIL_CONTENT_RE.search(masked, comma + 1, ue) and _few_words(masked, us, cs, 4):
            art.add(comma + 1, ue, cue=cue, spk=spk)
        else:
            art.add(us, cs, cue=cue, spk=spk)
    elif comma > 0:
        art.add(comma + 1, ue, cue=cue, spk=spk)


_TAIL_CONTENT_RE = re.compile('[^ .;”"]')
_NON_SPACE_RUN_RE = re.compile(r"\S+")


def _few_words(masked: str, lo: int, hi: int, limit: int) -> bool:
    """``len(masked[lo:hi].strip(_STRIP_CHARS).split()) < limit``, reading only the first
    ``limit`` words."""
    first = _CONTENT_CHAR_RE.search(masked, lo, hi)
    if first is None:
        return limit > 0
    end = hi
    while end > first.start() and masked[end - 1] in _STRIP_CHARS:
        end -= 1
    n = 0
    for _ in _NON_SPACE_RUN_RE.finditer(masked, first.start(), end):
        n += 1
        if n >= limit:
            return False
    return True


def _attach_free_quotes(art: _Article) -> None:
    """Direct quotes with no cue of their own: a quote continuing the statement just before it
    in the same paragraph is joined to it; a quote set off as its own sentence or paragraph (or
    led in by ``Name:`` or followed by ``- Name``) becomes a statement of the last speaker."""
    by_start = sorted(art.statements, key=lambda s: (s.start, s.end))
    starts = [s.start for s in by_start]
    by_end = sorted(art.statements, key=lambda s: s.end)
    ends = [s.end for s in by_end]
    fragments = []
    for qs, qe in art.quotes:
        i = bisect.bisect_right(starts, qs) - 1
        cover = next((s for s in by_start[max(0, i - 3):i + 1] if s.start <= qs and s.end >= qe - 1),
                     None) if i >= 0 else None
        if cover is not None:
            if FRAGMENTS_OF_MIXED and cover.kind == "mixed" \
                    and qe - qs < NESTED_OVERLAP * (cover.end - cover.start):
                # a quoted phrase inside a longer paraphrase ("X called the plan "a disgrace"
                # and ..."): also a direct quote of its own (the filter decides)
                fragments.append(_Statement(
                    start=qs, end=qe, pieces=[(qs, qe)], kind="direct", cue=cover.cue,
                    mention=cover.mention, mention_start=cover.mention_start,
                    mention_end=cover.mention_end, cue_start=cover.cue_start, fragment=True))
            continue
        unit = _unit_of(art, qs)
        content = art.text[qs + 1:qe - 1]
        n = len(WORD_RE.findall(content))
        if unit is not None and (qs - unit[0]) > 3 and n < 8:
            # a short quoted phrase inside narration: kept as a fragment of the sentence's
            # subject ("chanting "No Hill""), or dropped when the sentence has none
            spk = _subject_at_start(art.masked, unit[0], qs)
            if MIN_FRAGMENT_WORDS <= n:
                art.add(qs, qe, cue="", spk=spk, pieces=[(qs, qe)], kind="direct")
            continue
        if _attach_named(art, qs, qe):
            continue
        k = bisect.bisect_right(ends, qs) - 1
        prev = by_end[k] if k >= 0 else None
        if prev is not None and prev.kind != "direct":
            # '"A," said X, who declined to be named. "B."': the statement of the relative
            # clause sits between the two pieces; B continues the direct quote of that sentence
            prev = _direct_of_sentence(art, by_end, k) or prev
        if prev is not None and prev.kind == "direct" and _same_paragraph(art, prev.end, qs) \
                and _continues(art, prev, qs):
            prev.pieces.append((qs, qe))
            prev.end = qe
            continue
        if n < MIN_FREE_QUOTE_WORDS:
            continue
        st = _Statement(start=qs, end=qe, pieces=[(qs, qe)], kind="direct", cue="")
        if prev is not None and prev.mention is not None and qs - prev.end < 1500:
            st.speaker, st.mention = prev.speaker, None
            st.cue = prev.cue
            st.title = "__inherit__"
            st.mention_start = prev.mention_start  # resolved like the previous statement
        art.statements.append(st)
    art.statements.extend(fragments)


FRAGMENTS_OF_MIXED = True


def _direct_of_sentence(art: _Article, by_end: list[_Statement], k: int) -> _Statement | None:
    """The direct statement whose cue is in the same sentence as the cue of ``by_end[k]``
    (looking back over the statements of that sentence), if any."""
    st = by_end[k]
    unit = _unit_of(art, st.cue_start) if st.cue_start >= 0 else None
    if unit is None:
        return None
    for j in range(k - 1, -1, -1):
        other = by_end[j]
        if other.end < unit[0] - 400:
            break
        if other.kind == "direct" and other.cue_start >= 0 and unit[0] <= other.cue_start < unit[1]:
            return other
    return None


def _continues(art: _Article, prev: _Statement, qs: int) -> bool:
    """Does the quote at ``qs`` continue ``prev`` ("A," X said. "B.")? Not when another cue
    or a colon lead-in comes between them, or the gap is long."""
    if qs - prev.end > 400 or art.masked[prev.end:qs].rstrip().endswith(":"):
        return False
    cue_unit = _unit_of(art, prev.cue_start) if prev.cue_start >= 0 else None
    i = bisect.bisect_right(art.cue_starts, prev.end)
    while i < len(art.cue_starts) and art.cue_starts[i] < qs:
        if cue_unit is None or not cue_unit[0] <= art.cue_starts[i] < cue_unit[1]:
            return False  # a cue of another sentence: the quote belongs to someone else
        i += 1
    return True


def _attach_named(art: _Article, qs: int, qe: int) -> bool:
    """``Name: "..."`` and ``"..." - Name``: the speaker named at the colon or after the dash."""
    text = art.text
    para_start, para_end = art.paragraph_around(qs, qe)
    # a name and a colon: at most the last few words before the quote (not the paragraph)
    m = _COLON_NAME_RE.search(text, max(para_start, _start_of_last_words(text, qs, 6)), qs)
    if m and m.end() == qs or (m and not text[m.end():qs].strip()):
        s, e = m.span(1)
        art.add(qs, qe, cue=":", spk=(s, e), pieces=[(qs, qe)], kind="direct")
        return True
    m = _DASH_NAME_TAIL_RE.match(text, qe, para_end)
    if m:
        s, e = m.start(1), m.start(1) + len(m.group(1).rstrip())
        art.add(qs, qe, cue="—", spk=(s, e), pieces=[(qs, qe)], kind="direct")
        return True
    m = _QUOTE_THEN_VERB_RE.match(art.masked, qe, para_end)
    if m and m.group(1).lower() not in _CAP_STOP - {"the"} | {"it", "this", "that"}:
        art.add(qs, qe, cue=m.group(2), spk=m.span(1), pieces=[(qs, qe)], kind="direct")
        return True
    if _last_char(art.masked, para_start, qs) == ":":
        colon = art.masked.rindex(":", para_start, qs)
        unit = _unit_of(art, max(para_start, colon))
        spk = _subject_at_start(art.masked, unit[0], qs) if unit else None
        if spk is not None:
            art.add(qs, qe, cue=":", spk=spk, pieces=[(qs, qe)], kind="direct")
            return True
    return False


# '"Mexico!" the audience screamed back.' -- a speaker and any past-tense verb after a quote
_QUOTE_THEN_VERB_RE = re.compile(
    r"[ \t]*,?[ \t]*((?:[Tt]he[ \t]+[a-z]+(?:[ \t]+[a-z]+)?)|he|she|they|"
    r"[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,3})[ \t]+(?:[a-z]+ly[ \t]+)?([a-z]{3,}ed|[a-z]{3,}s)\b")


def _unit_of(art: _Article, pos: int) -> tuple[int, int] | None:
    i = bisect.bisect_right(art.units, (pos, len(art.text) + 1)) - 1
    if i >= 0 and art.units[i][0] <= pos < art.units[i][1]:
        return art.units[i]
    return None


def _same_paragraph(art: _Article, a: int, b: int) -> bool:
    """No line break between ``a`` and ``b``."""
    i = bisect.bisect_left(art.newlines, a)
    return i == len(art.newlines) or art.newlines[i] >= b


def _start_of_last_words(text: str, pos: int, n: int) -> int:
    """Offset where the last ``n`` runs of non-space characters before ``pos`` begin (0 when
    there are fewer): a bound for patterns that match a few words ending at ``pos``."""
    k = pos
    for _ in range(n):
        while k > 0 and text[k - 1].isspace():
            k -= 1
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        if k == 0:
            return 0
    return k


# --------------------------------------------------------------------------------------------
# speaker resolution
# --------------------------------------------------------------------------------------------

def _split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """("Russian Defense Minister Sergei Shoigu" tokens) -> (title tokens, name tokens); an
    honorific ("Mr.", "Mrs.") is dropped from the title."""
    k = len(tokens)
    while k > 0 and tokens[k - 1].lower().rstrip(".") not in _TITLE_WORDS:
        k -= 1
    title = [t for t in tokens[:k] if t.lower().rstrip(".") not in _HONORIFICS]
    return title, tokens[k:]


_HONORIFICS = frozenset("mr mrs ms miss mx sir dame".split())
_MAX_TITLE_WORD = max(map(len, _TITLE_WORDS))


def _person_index(text: str, masked: str, *, surnames: frozenset[str] | None = None,
                  roles: bool = True) -> list[_Person]:
    """Names introduced in the article (capitalised runs of two or more name words, with the
    title in front of them), in text order. With ``surnames``, only runs ending in one of them
    (or, with ``roles``, holding a role noun) are kept: the ones resolution can use."""
    people = []
    for m in _candidate_runs(masked, surnames, roles):
        toks = m.group().split()
        if surnames is not None and toks[-1] not in surnames and not (
                roles and any(t.lower().rstrip(".") in _ROLE_NOUNS for t in toks)):
            continue
        cut = max((i for i, t in enumerate(toks) if t.endswith(".") and len(t) > 4), default=-1)
        toks = toks[cut + 1:]
        if len(toks) < 2:
            continue
        while toks and toks[0].lower().rstrip(".") in _CAP_STOP:
            toks = toks[1:]
        title, name = _split_title(toks)
        if len(name) < 2 and not title:
            continue
        if not name:
            continue
        title_str = " ".join(title) or None
        title_str = _lower_title_before(masked, m.start(), title_str)
        is_person = not any(t.lower() in _ORG_WORDS for t in name) and len(name) <= 4
        people.append(_Person(name=" ".join(name), title=title_str, pos=m.start(),
                              is_person=is_person, tokens=tuple(t.lower() for t in name)))
    return people


_CAP_RUN_END_RE = re.compile(_CAP_RUN_RE.pattern + "$")


def _candidate_runs(masked: str, surnames: frozenset[str] | None, roles: bool) -> list[re.Match]:
    """Capitalised runs worth indexing: all of them, or (without role lookups) only the runs
    ending at an occurrence of one of ``surnames``, found with ``str.find``."""
    if surnames is None or roles:
        return list(_CAP_RUN_RE.finditer(masked))
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
    if k == 0 and lo > 0 or masked[k:pos - 1] not in _TITLE_WORDS:
        return title
    m = _LOWER_TITLE_RE.search(masked, max(0, pos - 40), pos)
    if not m:
        return title
    words = m.group(1).split()
    keep: list[str] = []
    for w in reversed(words):
        if w in _TITLE_WORDS and w not in ("the", "of", "for"):
            keep.insert(0, w)
        else:
            break
    if not keep:
        return title
    return " ".join(keep + ([title] if title else []))


_PLACE_END_RE = re.compile(r"(?:ia|land|stan|ica|ina|ea|us|ton|ville|burg|shire)$")


def _looks_like_surname(word: str) -> bool:
    """A single capitalised word that is probably a person's surname, not a place, an acronym or
    an organisation ("Shoigu" yes; "Russia", "NATO", "Kremlin" no)."""
    return not (word.isupper() or word.lower() in _ORG_WORDS or _PLACE_END_RE.search(word))


class _Resolver:
    """Resolves mentions to canonical speakers within one article."""

    def __init__(self, text: str, masked: str, *, surnames: frozenset[str] | None = None,
                 roles: bool = True):
        self.text = text
        self.masked = masked
        self.surnames = surnames
        self.roles = roles
        self._people: list[_Person] | None = None
        self._people_pos: list[int] = []
        self._index: _PeopleIndex | None = None
        self.last_person: tuple[str, str | None] | None = None
        self.last_group: tuple[str, str | None] | None = None

    def resolve(self, mention: str, pos: int) -> tuple[str | None, str | None, bool]:
        """(canonical speaker, title, is_person) of ``mention`` at offset ``pos``."""
        low = mention.lower()
        if low in _PRONOUNS:
            return self._pronoun(low)
        toks = [t.strip(",") for t in mention.replace("’s", "").replace("'s", "").split()]
        if not toks:
            return None, None, False
        if not _is_cap(toks[-1]):
            return self._role(toks, pos, mention)
        return self._name(toks, pos, mention)

    @property
    def people(self) -> list[_Person]:
        """Names introduced in the article (built on first use)."""
        if self._people is None:
            self._people = _person_index(self.text, self.masked, surnames=self.surnames,
                                         roles=self.roles)
            self._people_pos = [p.pos for p in self._people]
        return self._people

    @property
    def index(self) -> "_PeopleIndex | None":
        """The people by surname, name word, full name and title word, built on first use
        when there are many (a few are scanned, as fast)."""
        people = self.people
        if self._index is None and len(people) > _SCAN_PEOPLE:
            self._index = _PeopleIndex(people)
        return self._index

    @property
    def people_pos(self) -> list[int]:
        self.people  # noqa: B018 -- builds the index
        return self._people_pos

    def relative(self, masked: str, pos: int) -> tuple[str | None, str | None, bool] | None:
        """The antecedent of a relative "who" at ``pos`` ("Ross, who ... said")."""
        toks = _tokens(masked, max(0, pos - 120), pos)
        if len(toks) < 2 or toks[-1][2] != ",":
            return None
        rng = _np_ending_at(toks, len(toks) - 2)
        if rng is None:
            return None
        s, e = toks[rng[0]][0], toks[rng[1]][1]
        return self.resolve(self.text[s:e], s)

    def _pronoun(self, low: str) -> tuple[str | None, str | None, bool]:
        if low in _PERSON_PRONOUNS and self.last_person:
            return (*self.last_person, True)
        if low in ("they", "it", "we") and self.last_group:
            return (*self.last_group, False)
        return None, None, low in _PERSON_PRONOUNS

    def _name(self, toks: list[str], pos: int, mention: str) -> tuple[str | None, str | None, bool]:
        while toks and toks[0].lower() in ("the",):
            toks = toks[1:]
        title, name = _split_title(toks)
        title_str = " ".join(title) or None
        if not name:  # "the Defense Minister"
            return self._role(["the"] + [t.lower() for t in title], pos, mention)
        full = self._full_name(name, pos) if len(name) == 1 or not title else None
        if full is not None:
            return full.name, title_str or full.title, full.is_person
        is_org = any(t.lower() in _ORG_WORDS for t in name) or mention.lower().startswith("the ")
        canon = " ".join(name)
        if mention.lower().startswith("the ") and not title:
            canon = "the " + canon
        return canon, title_str, not is_org and (len(name) >= 2 or bool(title) or _looks_like_surname(name[0]))

    def _full_name(self, name: list[str], pos: int) -> _Person | None:
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
        if head in _ROLE_NOUNS:
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
        person = head in _ROLE_NOUNS and not head.endswith("s")
        first = mention.split(" ", 1)[0]
        if first in ("The", "A", "An", "His", "Her", "Their", "Its") and " " in mention:
            mention = first.lower() + mention[len(first):]  # sentence-initial capital
        return mention, None, person

    def add_title(self, name: str, title: str, pos: int) -> None:
        """Record a role given in an apposition ("Hugh Hill, a doctor,") for later role nouns."""
        toks = tuple(t.lower() for t in name.split())
        i = bisect.bisect_right(self.people_pos, pos)
        person = _Person(name=name, title=title, pos=pos, is_person=True, tokens=toks)
        self.people.insert(i, person)
        self.people_pos.insert(i, pos)
        if self._index is not None:
            self._index.add(person)

    def remember(self, speaker: str | None, title: str | None, is_person: bool) -> None:
        if speaker is None:
            return
        if is_person:
            self.last_person = (speaker, title)
        else:
            self.last_group = (speaker, title)


_SCAN_PEOPLE = 48     # up to this many people, a lookup scans them


class _PeopleIndex:
    """The people of an article looked up by key instead of scanned: surname (last name
    word), any later name word, full name and title word -> entries ``(pos, seq, person)``
    sorted in the order of the people list (by position; a person added later goes after
    those at the same position)."""

    def __init__(self, people: list[_Person]):
        self.by_last: dict[str, list] = {}
        self.by_inner: dict[str, list] = {}
        self.by_tokens: dict[tuple[str, ...], list] = {}
        self.by_title: dict[str, list] = {}
        self._seq = 0
        for p in people:
            self.add(p)

    def add(self, p: _Person) -> None:
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


def _resolve_speakers(art: _Article) -> None:
    mentions = [st.mention for st in art.statements if st.mention]
    surnames = frozenset(w.rstrip("’'s").rstrip("’'") for m in mentions for w in m.split()[-1:]
                         if w[:1].isupper())
    roles = any(m.split()[-1].lower().strip(",") in _ROLE_NOUNS for m in mentions)
    resolver = _Resolver(art.text, art.masked, surnames=surnames, roles=roles)
    for st in sorted(art.statements, key=lambda s: s.mention_start if s.mention_start is not None else s.start):
        if st.title == "__inherit__":
            continue
        if st.mention is None:
            continue
        rel = resolver.relative(art.masked, st.mention_start) if st.mention.lower() == "who" else None
        speaker, title, is_person = rel or resolver.resolve(st.mention, st.mention_start)
        appos = art.appositions.get(st.mention_start)
        if appos and speaker is not None:
            title = title or appos
            is_person = True
            resolver.add_title(speaker, appos, st.mention_start)
        st.speaker, st.title = speaker, title
        resolver.remember(speaker, title, is_person)
    _resolve_pronouns_to_names(art)
    _resolve_inherited(art.statements)


def _resolve_inherited(statements: list[_Statement]) -> None:
    """A quote that inherits the previous statement's speaker takes the speaker and title of
    the first statement with the same mention (looked up, not scanned for)."""
    first_src: dict[int | None, int] = {}
    for k, o in enumerate(statements):
        if o.title != "__inherit__":
            first_src.setdefault(o.mention_start, k)
    first_done = None       # a resolved inheritor has no mention start any more
    for k, st in enumerate(statements):
        if st.title != "__inherit__":
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


_CAP_TOKEN_RE = re.compile(r"[A-Z][\w'’\-]{2,}")
_ANAPHORS = frozenset("he she they it we".split())


def _resolve_pronouns_to_names(art: _Article) -> None:
    """A pronoun speaker ("he said") refers to the named speaker of the article mentioned
    nearest before it: walk back over the capitalised words before the pronoun and take the
    first one that belongs to a named speaker's name."""
    owners = _speaker_owners(art.statements)
    if not owners:
        return
    for st in art.statements:
        if st.mention is None or st.mention.lower() not in _ANAPHORS or st.mention_start is None:
            continue
        caps = _CAP_TOKEN_RE.findall(art.text, max(0, st.mention_start - 700), st.mention_start)
        i = len(caps) - 1
        while i >= 0 and caps[i] not in owners:
            i -= 1
        if i < 0:
            continue
        near = set(caps[max(0, i - 3):i + 4])
        # the speaker sharing most capitalised words with the pronoun's neighbourhood, then the
        # latest mention; the first such statement on a tie
        best = max(owners[caps[i]], key=lambda g: (len(near & g[0]), g[1], -g[2]))[3]
        st.speaker, st.title = best.speaker, best.title


def _speaker_owners(statements: list[_Statement]) -> dict[str, list[tuple]]:
    """Capitalised word of a named speaker (or its mention) -> one entry per speaker holding
    it: ``(the speaker's capitalised words, its latest mention start, the position of the
    first statement with that mention, that statement)``, so a pronoun compares speakers, not
    every statement of the article."""
    groups: dict[str, dict[str, list]] = {}
    for k, st in enumerate(statements):
        if st.speaker is None or st.mention is None or st.mention.lower() in _PRONOUNS:
            continue
        ms = st.mention_start or 0
        for tok in _CAP_TOKEN_RE.findall(f"{st.speaker} {st.mention}"):
            if tok.lower() in _TITLE_WORDS or tok.lower() in _CAP_STOP:
                continue
            by_speaker = groups.setdefault(tok, {})
            entry = by_speaker.get(st.speaker)
            if entry is None:
                by_speaker[st.speaker] = [frozenset(_CAP_TOKEN_RE.findall(st.speaker)), ms, k, st]
            elif ms > entry[1]:
                entry[1:] = [ms, k, st]
    return {tok: [tuple(e) for e in by_speaker.values()] for tok, by_speaker in groups.items()}


# --------------------------------------------------------------------------------------------
# the article loop
# --------------------------------------------------------------------------------------------

def extract_article(text: str, *, use_filter: bool = True) -> list[_Statement]:
    """The statements of one article text, in text order (the internal records behind
    ``extract_quotes``): rule candidates, kept by the shipped filter model (``quote_filter``),
    with their speakers resolved."""
    art = _find_candidates(text)
    if use_filter:
        art.statements = drop_nested(keep_statements(art.masked, art.statements))
    _resolve_speakers(art)
    art.statements.sort(key=lambda s: (s.start, s.end))
    return art.statements


NESTED_OVERLAP = 0.3


def drop_nested(statements: list, *, overlap: float = NESTED_OVERLAP) -> list:
    """Keep one statement per nest: a statement inside (or around) a longer kept one is dropped
    when the two overlap by ``overlap`` of the longer span or more ("X said that Y believes Z"
    gives one row, the outer one). PolNeAR rarely nests attributions, and two rows for the
    same words would count them twice in the quote share. Works on anything with ``start`` and
    ``end``; longest first, ties in the given order; returns them in text order."""
    order = sorted(range(len(statements)),
                   key=lambda i: (statements[i].start - statements[i].end, i))
    kept: list = []
    starts: list[int] = []               # starts of the kept, sorted
    ends_at: dict[int, list[int]] = {}   # start -> ends of the kept starting there
    for i in order:
        a = statements[i]
        s, e = a.start, a.end
        # the kept are at least as long as ``a``: ``a`` can only lie inside one of them (or
        # have the same span), and only inside one at most ``(e - s) / overlap`` long, so
        # starting at ``e - (e - s) / overlap`` or later: a window of the sorted starts
        if not _inside_kept(starts, ends_at, s, e, overlap):
            kept.append(a)
            if s not in ends_at:
                bisect.insort(starts, s)
            ends_at.setdefault(s, []).append(e)
    return sorted(kept, key=lambda s: (s.start, s.end))


def _inside_kept(starts: list[int], ends_at: dict[int, list[int]], s: int, e: int,
                 overlap: float) -> bool:
    """Does a kept span (``bs <= s``, ``e <= be``) hold ``s:e`` with ``e - s >= overlap * (be -
    bs)``? Only starts from ``e - (e - s) / overlap`` on can (the rest are longer)."""
    length = e - s
    lo = bisect.bisect_left(starts, e - length / overlap - 1) if overlap > 0 else 0
    hi = bisect.bisect_right(starts, s)
    for k in range(lo, hi):
        bs = starts[k]
        for be in ends_at[bs]:
            if e <= be and length >= overlap * (be - bs):
                return True
    return False


def candidate_statements(text: str) -> tuple[str, list[_Statement]]:
    """(quote-masked text, rule candidates before filtering and speaker resolution): the
    training examples of ``quote_filter``."""
    art = _find_candidates(text)
    return art.masked, art.statements


def _find_candidates(text: str) -> _Article:
    art = _Article(text)
    cues = _find_cues(art.masked)
    cue_starts = art.cue_starts = [c[0] for c in cues]
    for us, ue in art.units:
        prev = None
        first = len(art.statements)
        lo = bisect.bisect_left(cue_starts, us)
        hi = bisect.bisect_left(cue_starts, ue)
        for cs, ce in cues[lo:hi]:
            if ce > ue or _cue_blocked(art.masked, cs, ce):
                continue
            n_before = len(art.statements)
            art.cue_start = cs
            _process_cue(art, us, ue, cs, ce, prev)
            if len(art.statements) > n_before:
                prev = art.statements[-1]
        if len(art.statements) - first > 1:
            _truncate_at_next(art, art.statements[first:])
    _attach_free_quotes(art)
    _dedupe(art)
    return art


_COORD_END_RE = re.compile(r"(?:[,;]\s*(?:but|and|while|although|though|whereas|yet)?|\s+(?:but|and))\s*$")


_COORD_WORDS = ("but", "and", "while", "although", "though", "whereas", "yet")


def _coord_end(masked: str, lo: int, hi: int) -> int | None:
    """Start of ``_COORD_END_RE.search(masked, lo, hi)`` (a comma or semicolon, optionally
    with a coordinating word, or " but"/" and", then only spaces up to ``hi``), or None: read
    backwards from ``hi``, so only the few characters before ``hi`` are looked at."""
    e1 = hi
    while e1 > lo and masked[e1 - 1].isspace():
        e1 -= 1
    if e1 - 1 >= lo and masked[e1 - 1] in ",;":
        return e1 - 1
    best = None
    for word in _COORD_WORDS:
        ws = e1 - len(word)
        if ws < lo or not masked.startswith(word, ws, e1):
            continue
        e2 = ws
        while e2 > lo and masked[e2 - 1].isspace():
            e2 -= 1
        if e2 - 1 >= lo and masked[e2 - 1] in ",;":
            found = e2 - 1
        elif word in ("but", "and") and e2 < ws:
            found = e2
        else:
            continue
        best = found if best is None else min(best, found)
    return best


def _truncate_at_next(art: _Article, unit_statements: list[_Statement]) -> None:
    """End a content that runs into the next statement of the same sentence when the two are
    coordinated ("X said A, but he urged B"; "X urged A, saying B").

    For each content ``a`` (in order) the first statement ``b`` (in order) whose anchor (its
    speaker when that comes after ``a``'s cue, else its cue) lies inside ``a`` and is
    coordinated with it, or a direct quote led in by a colon, cuts ``a``. Only statements
    that can cut ``a`` are visited (found in a tree over the sentence's statements), so a
    sentence of thousands of cues is not read once per pair of them."""
    cue_starts = [b.cue_start for b in unit_statements]
    if len(unit_statements) <= _PAIRS_AT_MOST or any(x >= y for x, y in zip(cue_starts, cue_starts[1:])):
        for a in unit_statements:    # a few statements (or not one per cue, in order): all pairs
            if a.right:
                _cut_first(art, a, unit_statements, {})
        return
    cutters = _Cutters(art.masked, unit_statements)
    late = [j for j, b in enumerate(unit_statements)
            if b.mention_start is not None and b.mention_start > b.cue_start]
    active: list[int] = []    # earlier statements whose speaker may follow the current cue
    n_late = 0
    for i, a in enumerate(unit_statements):
        while n_late < len(late) and late[n_late] < i:
            active.append(late[n_late])
            n_late += 1
        if not a.right:
            continue
        active = [j for j in active if unit_statements[j].mention_start > a.cue_start]
        j_end = bisect.bisect_left(cue_starts, a.end)
        candidates = itertools.chain(
            (unit_statements[j] for j in active),                 # before ``a``
            cutters.between(i, j_end, a.cue_start),               # cue inside ``a``
            cutters.speaker_inside(j_end, max(a.start, a.cue_start), a.end))  # only the speaker
        _cut_first(art, a, candidates, cutters.coords)


_PAIRS_AT_MOST = 8    # sentences with up to this many statements try every pair


class _Cutters:
    """The statements of a sentence that can cut a content they lie in (a coordination before
    their cue or their speaker, or a colon before a direct quote), by position in the
    sentence. Which anchor counts depends on the content's cue (the speaker when it comes
    after that cue): ``between`` finds, in order and through two trees, only those whose
    anchor for that cue has a coordination (or that lead in a quote)."""

    def __init__(self, masked: str, statements: list[_Statement]):
        self.statements = statements
        self.coords: dict[int, int | None] = {}    # anchor -> _coord_end(masked, 0, anchor)
        self.index: list[int] = []
        by_cue_or_any, by_speaker = [], []
        for j, b in enumerate(statements):
            at_cue = self.coord(masked, b.cue_start) is not None
            at_spk = b.mention_start is not None and self.coord(masked, b.mention_start) is not None
            colon = b.kind == "direct" and _last_char(masked, 0, b.start) == ":"
            if not (at_cue or at_spk or colon):
                continue
            self.index.append(j)
            inf = float("inf")
            if colon or (at_cue and (at_spk or b.mention_start is None)):
                low, high = -inf, inf              # whichever anchor counts
            elif at_cue:
                low, high = b.mention_start, inf   # the cue, if the speaker is before ``a``'s cue
            else:
                low, high = inf, -b.mention_start  # the speaker, if it follows ``a``'s cue
            by_cue_or_any.append(low)
            by_speaker.append(high)
        self._low = _MinTree(by_cue_or_any)
        self._high = _MinTree(by_speaker)
        self._masked = masked
        self._by_mention = sorted((statements[j].mention_start, j) for j in self.index
                                  if statements[j].mention_start is not None)

    def coord(self, masked: str, anchor: int) -> int | None:
        """``_coord_end(masked, 0, anchor)``, computed once per anchor."""
        if anchor not in self.coords:
            self.coords[anchor] = _coord_end(masked, 0, anchor)
        return self.coords[anchor]

    def between(self, i: int, j_end: int, cue: int):
        """The cutters after statement ``i`` and before ``j_end`` that can cut a content whose
        cue starts at ``cue``, in order."""
        p = bisect.bisect_right(self.index, i)
        stop = bisect.bisect_left(self.index, j_end)
        p1 = self._low.first_at_most(p, cue)           # lo <= cue
        p2 = self._high.first_at_most(p, -cue - 1)     # cue < hi
        while True:
            q = min(x for x in (p1, p2, stop) if x is not None)
            if q >= stop:
                return
            yield self.statements[self.index[q]]
            if p1 == q:
                p1 = self._low.first_at_most(q + 1, cue)
            if p2 == q:
                p2 = self._high.first_at_most(q + 1, -cue - 1)

    def speaker_inside(self, j_end: int, lo: int, hi: int):
        """The cutters from ``j_end`` on whose speaker lies strictly between ``lo`` and
        ``hi``, in order."""
        a = bisect.bisect_right(self._by_mention, (lo, len(self.statements)))
        b = bisect.bisect_left(self._by_mention, (hi, -1))
        for j in sorted(j for _, j in self._by_mention[a:b] if j >= j_end):
            yield self.statements[j]


class _MinTree:
    """A segment tree of minima: ``first_at_most(p, x)`` is the first position ``>= p`` whose
    value is ``<= x`` (None if none), in O(log n)."""

    def __init__(self, values: list[float]):
        size = 1
        while size < len(values):
            size *= 2
        self.size = size
        self.tree = [float("inf")] * (2 * size)
        self.tree[size:size + len(values)] = values
        for k in range(size - 1, 0, -1):
            self.tree[k] = min(self.tree[2 * k], self.tree[2 * k + 1])

    def first_at_most(self, p: int, x: float) -> int | None:
        """The first position ``>= p`` holding a value ``<= x``, or None."""
        return self._find(1, 0, self.size, p, x)

    def _find(self, node: int, lo: int, hi: int, p: int, x: float) -> int | None:
        """``first_at_most`` within the subtree ``node`` covering positions ``lo:hi``."""
        if hi <= p or self.tree[node] > x:
            return None
        if hi - lo == 1:
            return lo
        mid = (lo + hi) // 2
        found = self._find(2 * node, lo, mid, p, x)
        return found if found is not None else self._find(2 * node + 1, mid, hi, p, x)


def _cut_first(art: _Article, a: _Statement, candidates, coords: dict[int, int | None]) -> None:
    """Cut the content ``a`` at the first of ``candidates`` (in order) inside it that is
    coordinated with it (see ``_truncate_at_next``). ``coords``: known ``_coord_end(masked,
    0, anchor)`` values (a match at or after ``a``'s start is the same from there)."""
    masked = art.masked
    for b in candidates:
        anchor = b.mention_start if b.mention_start is not None and b.mention_start > a.cue_start \
            else b.cue_start
        if b is a or not (a.start < anchor < a.end):
            continue
        cut = coords[anchor] if anchor in coords else _coord_end(masked, 0, anchor)
        if cut is not None and cut <= a.start + 2:
            cut = _coord_end(masked, a.start, anchor)
        if cut is not None and cut > a.start + 2:
            _set_span(art, a, a.start, cut)
            return
        if b.kind == "direct" and a.start < b.start < a.end:
            # "X asserted A: "B," he claimed": A ends at the colon that leads into B
            k = b.start - 1
            while k >= a.start and masked[k].isspace():
                k -= 1
            if k >= a.start and masked[k] == ":" and k - a.start + 1 > 3:
                _set_span(art, a, a.start, k)
                return


def _set_span(art: _Article, st: _Statement, s: int, e: int) -> None:
    """Shorten ``st`` to ``s:e`` (stripped), unless that leaves less than two characters."""
    s, e = _strip_span(art.text, s, e)
    if e - s >= 2:
        st.start, st.end = s, e
        st.pieces = [(s, e)]
        st.kind = art.kind_of(s, e)


MIN_FRAGMENT_WORDS = 1
MIN_FREE_QUOTE_WORDS = 1   # a quote with no cue of its own, set off as its own sentence

_BLOCK_BEFORE = frozenset("to the a an of as".split())
_PASSIVE_BEFORE = frozenset("is are was were be been being".split())


def _cue_blocked(masked: str, cs: int, ce: int) -> bool:
    """Cue words used otherwise: "the said", "to say" after a noun ("nothing to say"), "as
    reported", "so-called"."""
    before = masked[max(0, cs - 12):cs].split()
    prev = before[-1].lower() if before else ""
    return prev in _BLOCK_BEFORE and masked[cs:ce].lower() not in ("according to",)


def _dedupe(art: _Article) -> None:
    """Drop a statement whose span equals another's (two cues finding the same content)."""
    seen: set[tuple[int, int]] = set()
    keep = []
    for st in art.statements:
        key = (st.start, st.end)
        if key in seen:
            continue
        seen.add(key)
        keep.append(st)
    art.statements = keep


# --------------------------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------------------------

def extract_quotes(articles: pd.DataFrame) -> pd.DataFrame:
    """The quotes table (columns of ``schema.QUOTE_COLUMNS``, see the module docstring) for the
    articles table ``articles`` (needs ``article_id`` and ``text``)."""
    check_columns(articles, ("article_id", "text"), what="extract_quotes")
    rows: list[dict] = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        if not isinstance(text, str) or not text:
            continue
        words = word_re(text)
        for n, st in enumerate(extract_article(text), 1):
            rows.append(_row(str(aid), n, text, st, words))
    return _quotes_frame(rows)


def _row(aid: str, n: int, text: str, st: _Statement, words: re.Pattern = WORD_RE) -> dict:
    if st.kind == "direct":
        quote = " ".join(_piece_text(text, s, e) for s, e in st.pieces)
    else:
        quote = " ".join(text[s:e].strip() for s, e in st.pieces)
    return {
        "article_id": aid, "quote_id": f"{aid}:{n}", "start": st.start, "end": st.end,
        "quote": quote, "kind": st.kind, "speaker": st.speaker, "speaker_mention": st.mention,
        "speaker_start": st.mention_start if st.mention is not None else None,
        "speaker_end": st.mention_end if st.mention is not None else None,
        "speaker_title": st.title, "cue": st.cue, "n_words": len(words.findall(quote)),
    }


def _piece_text(text: str, s: int, e: int) -> str:
    piece = text[s:e]
    for mark in ("''", "“", '"'):
        if piece.startswith(mark):
            piece = piece[len(mark):]
            break
    for mark in ("''", "”", '"'):
        if piece.endswith(mark):
            piece = piece[:-len(mark)]
            break
    return piece.strip()


def _quotes_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    for col in ("start", "end", "n_words"):
        df[col] = df[col].astype("int64")
    for col in ("speaker_start", "speaker_end"):
        df[col] = df[col].astype("Int64")
    for col in ("speaker", "speaker_mention", "speaker_title"):
        df[col] = df[col].astype("string")
    return df


def merge_surnames(speakers: pd.Series) -> pd.Series:
    """Speakers merged across articles: a one-word name ("Trump") becomes the most frequent
    longer name that ends with it ("Donald Trump") when there is one."""
    names = speakers.dropna().astype(str)
    if names.empty:
        return speakers
    counts = names.value_counts()
    best: dict[str, str] = {}
    for name, _ in counts.items():
        parts = name.split()
        if len(parts) >= 2 and parts[-1][:1].isupper() and parts[-1] not in best:
            best[parts[-1]] = name
    mapping = {n: best[n] for n in counts.index if " " not in n and n in best}
    return speakers.map(lambda s: mapping.get(s, s) if isinstance(s, str) else s).astype(speakers.dtype)


def quote_share(quotes: pd.DataFrame, by: str | list[str] | None = None, *,
                articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each speaker's share of the quoted words within each group.

    ``by``: None (the whole corpus), a column of ``quotes`` (e.g. "article_id") or a list of
    them; a column of ``articles`` (e.g. "outlet") when ``articles=`` is given (merged on
    ``article_id``). Speakers are merged across articles by canonical name; statements without a
    known speaker count as speaker NA. Returns the ``by`` columns, then ``speaker``,
    ``n_quotes``, ``n_words``, ``share`` (sums to 1 within each group), sorted by group and by
    descending share.
    """
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    check_columns(quotes, ("article_id", "speaker", "n_words"), what="quote_share")
    df = quotes
    missing = [k for k in keys if k not in df.columns]
    if missing:
        if articles is None:
            raise ValueError(f"quote_share: by column(s) {missing} are not in quotes; pass "
                             "articles= to merge them from the articles table")
        check_columns(articles, ["article_id", *missing], what="quote_share articles")
        df = df.merge(articles[["article_id", *missing]].drop_duplicates("article_id"),
                      on="article_id", how="left")
    cols = [*keys, *SHARE_COLUMNS]
    if df.empty:
        return pd.DataFrame(columns=cols)
    df = df.assign(speaker=merge_surnames(df["speaker"]))
    grouped = (df.groupby([*keys, "speaker"], dropna=False, sort=False)
               .agg(n_quotes=("n_words", "size"), n_words=("n_words", "sum")).reset_index())
    if keys:
        totals = grouped.groupby(keys, dropna=False)["n_words"].transform("sum")
    else:
        totals = grouped["n_words"].sum()
    grouped["share"] = (grouped["n_words"] / totals).where(totals > 0, 0.0) if keys else \
        (grouped["n_words"] / totals if totals else 0.0)
    grouped = grouped.sort_values([*keys, "share", "speaker"], ascending=[*([True] * len(keys)), False, True])
    return grouped[cols].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# report helpers (notebook 03)
# --------------------------------------------------------------------------------------------

UNKNOWN_SPEAKER = "(unknown speaker)"


def top_speakers(share: pd.DataFrame, *, by: str | None = None, n: int = 10,
                 include_unknown: bool = False) -> pd.DataFrame:
    """The ``n`` speakers with the largest share in each ``by`` group of a ``quote_share`` table
    (same columns, plus ``rank`` from 1). Unknown speakers are left out unless
    ``include_unknown``, then labelled ``UNKNOWN_SPEAKER``."""
    df = share.copy()
    if include_unknown:
        df["speaker"] = df["speaker"].astype("object").where(df["speaker"].notna(), UNKNOWN_SPEAKER)
    else:
        df = df[df["speaker"].notna()]
    keys = [by] if by else []
    df = df.sort_values([*keys, "share", "speaker"], ascending=[*([True] * len(keys)), False, True])
    df = df.groupby(keys, sort=False).head(n) if keys else df.head(n)
    df = df.assign(rank=df.groupby(keys).cumcount() + 1 if keys else range(1, len(df) + 1))
    return df.reset_index(drop=True)


def quoted_text_share(articles: pd.DataFrame, quotes: pd.DataFrame, *,
                      by: str = "outlet") -> pd.DataFrame:
    """How much of each group's text is attributed to someone else versus the outlet's own
    narration: columns ``by``, ``voice`` (``quoted`` | ``narration``), ``n_words``, ``share``
    (of the group's words). Overlapping statements are counted once per word."""
    from .text import iter_word_spans

    check_columns(articles, ("article_id", "text", by), what="quoted_text_share")
    spans = {aid: sorted(zip(g["start"], g["end"])) for aid, g in quotes.groupby("article_id")} \
        if len(quotes) else {}
    rows = []
    for aid, text, group in zip(articles["article_id"], articles["text"], articles[by]):
        total, quoted = _count_quoted_words(text if isinstance(text, str) else "",
                                            spans.get(aid, []), iter_word_spans)
        rows.append((group, total, quoted))
    cols = [by, "voice", "n_words", "share"]
    if not rows:
        return pd.DataFrame(columns=cols)
    per = pd.DataFrame(rows, columns=[by, "total", "quoted"]).groupby(by, dropna=False).sum()
    out = []
    for group, r in per.iterrows():
        if r["total"] == 0:
            continue
        out.append({by: group, "voice": "quoted", "n_words": int(r["quoted"]),
                    "share": r["quoted"] / r["total"]})
        out.append({by: group, "voice": "narration", "n_words": int(r["total"] - r["quoted"]),
                    "share": 1 - r["quoted"] / r["total"]})
    return pd.DataFrame(out, columns=cols)


def _count_quoted_words(text: str, spans: list[tuple[int, int]], iter_word_spans) -> tuple[int, int]:
    total = quoted = 0
    i = 0
    for ws, we in iter_word_spans(text):
        total += 1
        while i < len(spans) and spans[i][1] <= ws:
            i += 1
        j = i
        while j < len(spans) and spans[j][0] <= ws:
            if spans[j][1] >= we:
                quoted += 1
                break
            j += 1
    return total, quoted


def speaker_cues(quotes: pd.DataFrame, speakers: list[str]) -> pd.DataFrame:
    """Cue tone counts of the given speakers: ``speaker``, ``tone``, ``n_quotes``, ``share``
    (of the speaker's statements), tones from ``resources/cue_verbs.tsv``."""
    cols = ["speaker", "tone", "n_quotes", "share"]
    q = quotes[quotes["speaker"].isin(speakers)]
    if q.empty:
        return pd.DataFrame(columns=cols)
    q = q.assign(tone=[cue_tone(c) for c in q["cue"].fillna("")])
    counts = q.groupby(["speaker", "tone"]).size().rename("n_quotes").reset_index()
    counts["share"] = counts["n_quotes"] / counts.groupby("speaker")["n_quotes"].transform("sum")
    return counts[cols]


def speaker_evidence(quotes: pd.DataFrame, speakers: list[str], *, per_speaker: int = 3,
                     max_chars: int = 240) -> pd.DataFrame:
    """The longest statements of each speaker as evidence: ``speaker``, ``article_id``,
    ``kind``, ``cue``, ``speaker_mention``, ``quote`` (shortened to ``max_chars``)."""
    cols = ["speaker", "article_id", "kind", "cue", "speaker_mention", "quote"]
    q = quotes[quotes["speaker"].isin(speakers)]
    if q.empty:
        return pd.DataFrame(columns=cols)
    order = {s: i for i, s in enumerate(speakers)}
    q = q.sort_values("n_words", ascending=False).groupby("speaker", sort=False).head(per_speaker)
    q = q.assign(_o=q["speaker"].map(order)).sort_values(["_o", "n_words"], ascending=[True, False])
    short = q["quote"].where(q["quote"].str.len() <= max_chars,
                             q["quote"].str.slice(0, max_chars - 1) + "…")
    return q.assign(quote=short)[cols].reset_index(drop=True)
