"""A learned second opinion on who speaks: the speaker ranker.

The rules of ``cue_rules`` pick one speaker mention next to each cue. Where they found none, or
only a lone lower-case word that is no speaker ("respective", "found"; ``_settled``), the ranker
scores every word of the cue's sentence that could head a speaker mention (up to ``BEFORE``
words before the cue and ``AFTER`` after it; none before a passive cue) with a logistic
regression over symbolic features: the word, its shape, the words beside it, its side of the cue
and distance from it, the cue, the word lists of ``resources/words`` it belongs to, and whether
the rules chose it. When the best word is not in the rules' mention and beats it by the model's
``margin`` (with no mention: reaches ``min_new``), the mention becomes the phrase around that
word (``mention_around``: "the spokesman", "President Barack Obama", "he"); the resolver then
reads it as any mention.

The model ships as ``resources/speaker_ranker.json`` (feature weights, intercept, cut-offs:
plain JSON, no pickle), trained on PolNeAR *train* only by ``analysis.training.speaker_ranker``
(``make train-speaker-ranker OUT=path``): a word is a positive example when it lies in the head
of the gold source span (up to its first comma, bracket, dash or "who"/"which") of the gold statement the shared
scorer's lenient matching pairs the statement with. C and the cut-offs are chosen by 5-fold
cross-validation grouped by article.
"""

from __future__ import annotations

import bisect
import math
from functools import lru_cache
from pathlib import Path

from .. import config
from ..schema import load_json_model
from ..text.words import word_list
from .article import Article
from .filter import logistic
from .records import (CAP_STOP, DETERMINERS, DOCUMENTS, FIRST_NAMES, GROUP_NAMES, NOT_NOUN, NOT_SPEAKERS,
                      ORG_WORDS, PLACES, PRONOUNS, QUANTIFIER_SPEAKERS, ROLE_NOUNS, TITLE_WORDS, Statement,
                      is_passive_cue, is_place, is_plural_noun)
from .speakers import is_cap, np_ending_at, speaker_tokens

MODEL_FILE = config.RESOURCES_DIR / "speaker_ranker.json"

#: Words read before and after the cue (most sources sit within a few words of it; the
#: window keeps the work per cue constant).
BEFORE, AFTER = 20, 8

_DIST_BINS = (1, 2, 3, 4, 6, 9, 14)


def _dist(n: int) -> str:
    for b in _DIST_BINS:
        if n <= b:
            return str(b)
    return "far"


def _shape(tok: str) -> str:
    low = tok.lower()
    if low in PRONOUNS:
        return "pron"
    if tok.isupper() and len(tok) > 1:
        return "upper"
    if tok[:1].isupper():
        return "cap"
    if tok.isalpha():
        return "low"
    return "other"


#: The word lists a candidate word is looked up in, and the feature each gives.
_LISTS = (("L:not", NOT_SPEAKERS), ("L:role", ROLE_NOUNS), ("L:doc", DOCUMENTS), ("L:group", GROUP_NAMES),
          ("L:place", PLACES), ("L:first", FIRST_NAMES), ("L:capstop", CAP_STOP))


def _lists(low: str) -> list[str]:
    return [name for name, words in _LISTS if low in words]


#: Lower-case words no noun phrase ends at (``speakers.np_ending_at`` returns None for them):
#: skipped before it is asked.
_NEVER_HEAD = (NOT_NOUN | DETERMINERS | NOT_SPEAKERS) - PRONOUNS - QUANTIFIER_SPEAKERS


#: Reporting verbs a noun phrase does not run on into ("he says court decisions ...").
_VERBS = word_list("reporting_verbs")
#: Nouns of groups and bodies of people ("protesters", "police", "campaign").
_GROUP_NOUNS = word_list("speaker_group_nouns") | word_list("unnamed_bodies")


def _settled(masked: str, ms: int, me: int) -> bool:
    """Whether the rules' mention (``masked[ms:me]``) is left as it is: any mention but a single
    lower-case word that is no speaker phrase (``is_speaker_phrase``: "Shoigu", "the Defense
    Ministry", "he", "the spokesman", "officials" are left; "respective", "found" are not). In cross-validation on PolNeAR train the ranker gained little on the
    settled kinds (on names and pronouns it changed as many right mentions as wrong ones) and
    most where the rules found no mention or a lone word; asking it only there keeps its cost
    within the speed target."""
    if ms < 0:
        return False
    words = masked[ms:me].split()
    return len(words) != 1 or not words[0].islower() or is_speaker_phrase(words)


class SentenceWords:
    """The words of an article's sentences as the ranker reads them, found once per sentence and
    word however many cues share them: the tokens of each sentence (``units`` index), and per
    word the features that do not depend on the cue."""

    def __init__(self, art: Article):
        self.art = art
        self._toks: dict[int, list[tuple[int, int, str]]] = {}
        self._first: dict[int, int] = {}
        self._words: dict[tuple[int, int], list[str] | None] = {}
        #: per word, the summed weights of its features that do not depend on the cue (filled
        #: by ``rerank_speakers``)
        self.scores: dict[tuple[int, int], float] = {}
        self.cue_set = frozenset(art.cue_starts)
        #: per cue key (``cue_features``), the summed weights of its features
        self.cue_scores: dict[tuple, float] = {}

    def tokens(self, ui: int) -> list[tuple[int, int, str]]:
        toks = self._toks.get(ui)
        if toks is None:
            toks = self._toks[ui] = speaker_tokens(self.art.masked, *self.art.units[ui])
            self._first[ui] = next((k for k, t in enumerate(toks) if t[2][:1].isalpha()), -1)
        return toks

    def word(self, ui: int, k: int) -> list[str] | None:
        """The features without the cue of word ``k`` of sentence ``ui``; None when it can head
        no mention (``may_head``)."""
        key = (ui, k)
        if key in self._words:
            return self._words[key]
        toks = self.tokens(ui)
        tok = toks[k][2]
        if not may_head(tok):
            self._words[key] = None
            return None
        low = tok.lower()
        shape = _shape(tok)
        prev = toks[k - 1][2].lower() if k > 0 else "^"
        nxt = toks[k + 1][2].lower() if k + 1 < len(toks) else "$"
        f = ["bias", f"s:{shape}", f"w:{low}", f"p:{prev}", f"n:{nxt}", f"ps:{prev}|{shape}",
             f"ns:{shape}|{nxt}"]
        if k == self._first[ui]:
            f.append("first")
        if shape in ("cap", "upper"):   # where in a run of capitalised words
            run_end = k + 1 < len(toks) and is_cap(toks[k + 1][2])
            run_start = k > 0 and is_cap(toks[k - 1][2])
            f.append(f"run:{int(run_start)}{int(run_end)}")
        f.extend(_lists(low))
        self._words[key] = f
        return f

    def span(self, ui: int, k: int, bounds: tuple[int, int]) -> tuple[int, int] | None:
        """The mention span around word ``k`` of sentence ``ui`` (``mention_around``), within
        the words ``bounds`` (first, last + 1)."""
        return mention_around(self.tokens(ui), k, *bounds)


def may_head(tok: str) -> bool:
    """A cheap test of whether a mention may end at the word ``tok`` (``mention_around`` says
    for sure, asked only of the word the ranker chooses): a word, not a masked quotation
    ("W______."), a function word, a lower-case "-ing" form or a capitalised sentence opener
    ("However")."""
    if not tok[:1].isalpha() or tok in _NEVER_HEAD or "_" in tok:
        return False
    if tok.islower():
        return not tok.endswith("ing") or tok in PRONOUNS
    return tok.lower() not in CAP_STOP


def cue_candidates(words: SentenceWords, st: Statement, ui: int) -> list[tuple]:
    """(word index, character position, features without the cue, cue key, other features of
    the cue, the words its mention may span: (first, last + 1), on its side of the cue) of each word near ``st``'s cue in its sentence ``ui`` (``BEFORE`` words before,
    ``AFTER`` after) that may head its speaker mention (``may_head``); ``cue_features(cue key)``
    gives the features of its side of and distance from the cue. Empty when the rules' mention
    is settled (``_settled``)."""
    art = words.art
    cs = st.cue_start
    ce = cs + len(st.cue)
    ms, me = (st.mention_start, st.mention_end) if st.mention_start is not None else (-1, -1)
    if _settled(art.masked, ms, me):
        return []
    toks = words.tokens(ui)
    c = bisect.bisect_left(toks, (cs,))
    d = c
    while d < len(toks) and toks[d][0] < ce:
        d += 1
    cue_word = st.cue.lower().rsplit(" ", 1)[-1]
    # a passive cue ("was said to", "is accused of"): its subject is no source, so the words
    # before it are not asked
    before = range(c - 1, max(0, c - BEFORE) - 1, -1)
    if is_passive_cue(art.masked, toks[0][0] if toks else cs, cs, st.cue.lower()):
        before = range(0)
    out = []
    for side, ks in (("b", before), ("a", range(d, min(len(toks), d + AFTER)))):
        commas = quotes = cues = 0      # between the word and the cue
        n = 0
        for k in ks:
            n += 1
            pos, end, tok = toks[k]
            static = words.word(ui, k)
            if static is not None:
                extra = []
                if cues:
                    extra.append(f"cues:{side}{min(cues, 2)}")
                if commas:
                    extra.append(f"commas:{side}{min(commas, 3)}")
                if quotes:
                    extra.append(f"quote:{side}")
                dist = _dist(n)
                if ms <= pos < me:
                    extra.append("rule")
                    extra.append(f"rule:{static[1][2:]}")
                    if end == me or k + 1 < len(toks) and toks[k + 1][0] >= me:
                        extra.append("rule_last")
                elif ms < 0:
                    extra.append(f"norule:{side}{dist}")
                out.append((k, pos, static, (side, dist, static[1][2:], cue_word), extra,
                            (d, len(toks)) if side == "a" else (0, c)))
            if tok == ",":
                commas += 1
            elif "_" in tok:
                quotes += 1
            if pos in words.cue_set:
                cues += 1
    return out


@lru_cache(maxsize=65536)
def cue_features(key: tuple[str, str, str, str]) -> tuple[str, ...]:
    """The features of a word's side of the cue, distance from it and shape, and the cue word
    (``key``: side, distance bin, shape, cue word)."""
    side, dist, shape, cue_word = key
    return (f"d:{side}{dist}", f"sd:{side}{dist}{shape}", f"c:{cue_word}|{side}",
            f"cs:{cue_word}|{side}|{shape}")


def load_ranker(path: str | Path | None = None) -> dict:
    """The ranker model (``resources/speaker_ranker.json`` by default): {"weights", "intercept",
    "margin", "min_new", ...}, read once per file and modification time. A missing file is an
    error (``schema.ModelNotFoundError``)."""
    return load_json_model(Path(path) if path is not None else MODEL_FILE, what="speaker-ranker model",
                           build="make train-speaker-ranker OUT=PATH",
                           fields=("weights", "intercept", "margin", "min_new"))


def rerank_speakers(art: Article, *, model: dict | None = None) -> None:
    """Re-choose the speaker mention of each statement with a word cue (in place): the word the
    ranker scores highest, when it lies outside the rules' mention and its probability beats the
    best word inside that mention by ``model["margin"]`` (or, with no mention, reaches
    ``model["min_new"]``). Statements sharing a cue and the rules' mention share the choice."""
    model = model or load_ranker()
    words = SentenceWords(art)
    done: dict[tuple, tuple[int, int] | None] = {}
    for st in art.statements:
        cs = st.cue_start
        if cs < 0 or not st.cue[:1].isalpha() or st.inherits_title:
            continue
        key = (cs, st.mention_start, st.mention_end)
        if key not in done:
            ui = art.unit_index(cs)
            done[key] = choose_mention(words, st, ui, model) if ui >= 0 else None
        span = done[key]
        if span is not None:
            st.mention_start, st.mention_end = span
            st.mention = art.text[span[0]:span[1]]


def choose_mention(words: SentenceWords, st: Statement, ui: int, model: dict) -> tuple[int, int] | None:
    """The new mention span of ``st`` (None: keep the rules' choice)."""
    weights = model["weights"]
    scores = words.scores
    scored, rule_z = [], -math.inf
    cue_z = words.cue_scores
    for k, _, static, key, extra, bounds in cue_candidates(words, st, ui):
        z = scores.get((ui, k))
        if z is None:
            z = scores[(ui, k)] = model["intercept"] + sum([weights.get(f, 0.0) for f in static])
        zc = cue_z.get(key)
        if zc is None:
            zc = cue_z[key] = sum([weights.get(f, 0.0) for f in cue_features(key)])
        z += zc
        for f in extra:
            z += weights.get(f, 0.0)
        if "rule" in extra:
            rule_z = max(rule_z, z)
        else:
            scored.append((-z, len(scored), k, bounds))
    cut = logistic(rule_z) + model["margin"] if rule_z > -math.inf else model["min_new"]
    for neg_z, _, k, bounds in sorted(scored):     # best first; ties: candidate order
        if logistic(-neg_z) < cut:
            return None
        span = words.span(ui, k, bounds)
        if span is not None:
            return span
    return None


def mention_around(toks: list[tuple[int, int, str]], k: int, lo: int = 0,
                   hi: int | None = None) -> tuple[int, int] | None:
    """The character span of the mention ``toks[k]`` belongs to: the noun phrase
    (``speakers.np_ending_at``) ending at the last word of its capitalised run ("President Barack
    Obama" from "Barack") or at the word itself ("the spokesman", "he"), without leading function
    words ("of George Floyd" is "George Floyd"), and reaching on to the noun it modifies ("the
    Greek foreign minister" from "Greek"), within the words ``lo`` to ``hi`` - 1 (the side of
    the cue: "said study co-author" is "study co-author"); None when no noun phrase ends there ("of",
    "launched") or the phrase is no speaker (``is_speaker_phrase``)."""
    hi = len(toks) if hi is None else hi
    j = k
    if is_cap(toks[k][2]):
        while j + 1 < hi and is_cap(toks[j + 1][2]) and toks[j + 1][2].lower() not in CAP_STOP:
            j += 1
    rng = np_ending_at(toks, j)
    if rng is None or rng[0] > k:
        return None
    i = max(rng[0], lo)
    while i < k and toks[i][2] in NOT_NOUN:
        i += 1
    if toks[k][2].lower() not in PRONOUNS:
        j = _noun_after(toks, j, hi)
        if lo > 0 and _is_title(toks[j][2]):
            j = _name_after(toks, j, hi)
    if not is_speaker_phrase([t[2] for t in toks[i:j + 1]]):
        return None
    return toks[i][0], toks[j][1]


def _noun_after(toks: list[tuple[int, int, str]], j: int, hi: int) -> int:
    """The last word of the phrase ending at ``toks[j]`` once the noun it modifies is added ("the
    Greek foreign minister" from "Greek", "Democratic members"): up to three lower-case words
    before word ``hi``, up to the first role, document, organisation or group noun, or a plural
    right after a capitalised adjective (``_is_adjective``); else ``j``."""
    for m in range(j + 1, min(hi, j + 4)):
        word = toks[m][2]
        if not word.islower() or not may_head(word) or word.endswith("ed") or word in _VERBS:
            break       # "Bush appointed ...", "he says ..."
        if word in ROLE_NOUNS or word in DOCUMENTS or word in ORG_WORDS or word in _GROUP_NOUNS \
                or _is_title(word) or is_plural_noun(word) and m == j + 1 and _is_adjective(toks[j][2]):
            return m    # the first noun ends it ("This article", not "This article requires")
    return j


def _is_adjective(word: str) -> bool:
    """A capitalised adjective of a nation, party or creed ("Chinese", "Democratic",
    "Republican", "British"), which a plural may follow as its noun ("Chinese students"; but
    "Obama wants", "Sessions chuckles": a name, then a verb)."""
    return word[:1].isupper() and word.lower().endswith(("an", "ese", "ic", "ish", "ian", "i"))


def _is_title(word: str) -> bool:
    """A lower-case title or role word, also as the last part of a compound ("co-author")."""
    return word.islower() and word.rsplit("-", 1)[-1] in TITLE_WORDS


def _name_after(toks: list[tuple[int, int, str]], j: int, hi: int) -> int:
    """After the cue, a role phrase runs on to the name that follows it ("said spokesman John
    Kirby" from "spokesman"): the end of a capitalised run that starts after ``toks[j]`` and at
    most two more title words; else ``j``."""
    m = j + 1
    while m < min(hi, j + 3) and _is_title(toks[m][2]):
        m += 1
    if m >= hi or not is_cap(toks[m][2]) or toks[m][2].lower() in CAP_STOP:
        return j
    while m + 1 < hi and is_cap(toks[m + 1][2]) and toks[m + 1][2].lower() not in CAP_STOP:
        m += 1
    return m


def is_speaker_phrase(words: list[str]) -> bool:
    """Whether a phrase the ranker chose may be a speaker: not a bare place ("South Carolina"),
    not a phrase ending in a verb ("This fulfilled"), not a capitalised word that is no name ("However", "Except"), and, when it is one
    lower-case word, a pronoun, quantifier ("many"), role ("spokesman"), document ("report") or
    plural ("officials")."""
    if is_place(words):
        return False
    if len(words) > 1:      # not "This fulfilled", "he says"
        last = words[-1]
        return not (last.islower() and (last.endswith("ed") or last in _VERBS))
    low = words[0].lower()
    if not words[0].islower():     # not "However", "Officially"
        return low not in CAP_STOP and low not in NOT_SPEAKERS and not low.endswith("ly")
    return low in PRONOUNS or low in QUANTIFIER_SPEAKERS or low in ROLE_NOUNS or low in DOCUMENTS \
        or low in ORG_WORDS or low in _GROUP_NOUNS or is_plural_noun(low)
