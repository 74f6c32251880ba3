"""The speaker noun phrase next to a cue: before it, after it (inverted "said X") or the
subject that opens the sentence."""

from __future__ import annotations

import re

from ..text.tokens import SPEAKER_TOKEN_RE
from ..text.words import word_list
from .records import (APPOS_START_RE, AUX_ADV, CAP_STOP, DETERMINERS, LY_NOUNS, NOT_NOUN, NOT_SPEAKERS,
                      DOCUMENTS, ORG_WORDS, PRONOUNS, QUANTIFIER_SPEAKERS, ROLE_NOUNS, SPEAKER_ADVERBS, TIME_TAIL_RE,
                      TITLE_WORDS, is_place)


def speaker_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in SPEAKER_TOKEN_RE.finditer(text, start, end)]


def is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _is_adverb(tok: str) -> bool:
    if not tok.islower():
        return False
    return tok in AUX_ADV or tok in SPEAKER_ADVERBS or (tok.endswith("ly") and len(tok) > 4 and tok not in LY_NOUNS)


def np_ending_at(toks: list[tuple[int, int, str]], j: int) -> tuple[int, int] | None:
    """Index range [i, j] of the noun phrase whose last token is ``toks[j]``, or None."""
    tok = toks[j][2]
    low = tok.lower()
    if low in PRONOUNS:
        return (j, j)
    if low in QUANTIFIER_SPEAKERS:  # "many argue", "no one knows"
        if low == "one" and j > 0 and toks[j - 1][2].lower() in ("no", "every", "some", "any"):
            return (j - 1, j)
        return (j, j)
    if ("'" in tok or "’" in tok and not tok.endswith(("’s", "'s"))) and not _APOSTROPHE_NAME_RE.match(tok):
        return None  # "I'm", "they've": a contraction, no speaker phrase (but "O'Donnell")
    if tok.isdigit() or low in _NUMBER_WORDS:
        return _share_phrase(toks, j)
    if is_cap(tok) and low not in CAP_STOP:
        if _is_function_word(toks, j):
            return None
        i = j
        while i > 0:
            prev = toks[i - 1][2]
            pl = prev.lower()
            if (is_cap(prev) and pl not in CAP_STOP) or prev in ("’s", "'s"):
                i -= 1
            elif pl in ("of", "for", "the", "de", "al") and i > 1 and is_cap(toks[i - 2][2]) \
                    and toks[i - 2][2].lower() not in CAP_STOP:
                i -= 2
            elif prev.islower() and pl in TITLE_WORDS:
                i -= 1
            else:
                break
        if i > 0 and toks[i - 1][2].lower() == "the":
            i -= 1
        return (i, j)
    if tok.isalpha() and tok.islower() and low not in NOT_NOUN and low not in DETERMINERS \
            and not low.endswith("ing") and low not in NOT_SPEAKERS:
        i = j
        n = 0
        while i > 0 and n < 4:
            prev = toks[i - 1][2]
            pl = prev.lower()
            if prev.isalpha() and pl not in NOT_NOUN and pl not in DETERMINERS:
                i -= 1
                n += 1
            elif prev.endswith(("’s", "'s")) and len(prev) > 2:
                i -= 1
                break
            else:
                break
        if i > 0 and toks[i - 1][2].lower() in DETERMINERS:
            i -= 1
            i = _name_of(toks, i)   # "Suman Haripriya of the Hajo assembly"
        elif i > 0 and toks[i - 1][2] in ("’s", "'s") and i > 1:
            i -= 2
        # "a spokesman for the campaign": attach an of/for phrase to a role noun
        if i > 1 and toks[i - 1][2].lower() in ("of", "for", "at", "with"):
            inner = np_ending_at(toks, i - 2)
            if inner and toks[inner[1]][2].lower() in ROLE_NOUNS | {"spokesman", "spokeswoman"}:
                i = inner[0]
        return (i, j)
    return None


#: A surname with an apostrophe after its first letter ("O'Donnell", "D’Souza"): no contraction.
_APOSTROPHE_NAME_RE = re.compile(r"[A-Z]['’][A-Z][a-z]")

_PARTICIPLE_RE = re.compile(r"[a-z]+ing\b")

#: Words before a bare lower-case phrase that make it a verb phrase ("to probe claims").
_VERB_BEFORE = frozenset(("to", "can", "could", "will", "would", "should", "must", "may", "might",
                          "cannot"))

_NUMBER_WORDS = frozenset(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                           "ten"))


def _share_phrase(toks: list[tuple[int, int, str]], j: int) -> tuple[int, int] | None:
    """A share of people ending in a number: "three in 10", "Those over 60" (with "About",
    "Nearly" before it)."""
    if j < 2 or toks[j - 1][2].lower() not in ("in", "of", "over", "under", "above"):
        return None
    before = toks[j - 2][2]
    low = before.lower()
    if not (before.isdigit() or low in _NUMBER_WORDS or low in ("those", "people", "voters", "adults")):
        return None
    i = j - 2
    if i > 0 and toks[i - 1][2].lower() in ("about", "nearly", "almost", "roughly", "only", "just"):
        i -= 1
    return i, j


def _name_of(toks: list[tuple[int, int, str]], i: int) -> int:
    """Start of "<Full Name> of" before the noun phrase starting at ``toks[i]`` ("Suman
    Haripriya of the Hajo assembly"), else ``i``."""
    if i < 3 or toks[i - 1][2] != "of" or not is_cap(toks[i - 2][2]):
        return i
    k = i - 2
    while k > 0 and is_cap(toks[k - 1][2]) and toks[k - 1][2].lower() not in CAP_STOP:
        k -= 1
    names = [t[2] for t in toks[k:i - 1]]
    if not 2 <= len(names) <= 4 or any(n.lower() in TITLE_WORDS or n.lower() in ORG_WORDS for n in names):
        return i
    return k


def _apposed_name(toks: list[tuple[int, int, str]], comma: int) -> tuple[int, int] | None:
    """Offsets of a person's full name set off by commas right before ``comma`` after a role
    phrase ("the director of Argentina's Amnesty International, Mariela Belski,")."""
    k = comma - 1
    while k >= 0 and comma - k <= 5 and toks[k][2] != ",":
        k -= 1
    if k < 1 or toks[k][2] != ",":
        return None
    words = [t[2] for t in toks[k + 1:comma]]
    if not 2 <= len(words) <= 4 or not all(is_cap(w) and w.isalpha() for w in words) or is_place(words) \
            or any(w.lower() in CAP_STOP or w.lower() in ORG_WORDS or w.lower() in TITLE_WORDS
                   for w in words):
        return None
    i = k - 1
    while i >= 0 and k - i <= 12 and toks[i][2] != ",":
        if toks[i][2] in ROLE_NOUNS:    # lower case: "the director of ..., Mariela Belski,"
            return toks[k + 1][0], toks[comma - 1][1]
        i -= 1
    return None     # "Ohio, Gov. John Kasich": the phrase before must hold a role


def _document_about(toks: list[tuple[int, int, str]], rng: tuple[int, int]) -> tuple[int, int]:
    """A speaker phrase after "on"/"about" extended to the document before it ("The family's
    statement on the death" read, not "the death")."""
    i, j = rng
    if i < 2 or toks[i - 1][2].lower() not in ("on", "about", "regarding"):
        return rng
    doc = np_ending_at(toks, i - 2)
    if doc is None or toks[doc[1]][2].lower() not in DOCUMENTS:
        return rng
    return doc[0], j


def _is_function_word(toks: list[tuple[int, int, str]], j: int) -> bool:
    """Whether the capitalised ``toks[j]`` is a listed word that never names a speaker: a
    function word, contraction or participle opening its sentence ("Except", "There's",
    "Acknowledging")."""
    return toks[j][2].lower() in NOT_SPEAKERS


def _before_place(toks: list[tuple[int, int, str]], rng: tuple[int, int]) -> tuple[int, int]:
    """A speaker phrase that is a place after "in"/"of"/"from" extended to the noun phrase
    before it ("the ministry in Munich, Germany", "the party in Goa"): a place alone is not the
    speaker (resolution drops the place again)."""
    i, j = rng
    if not is_cap(toks[j][2]) or i < 2:
        return rng
    words = [t[2] for t in toks[i:j + 1]]
    k = i
    while k > 1 and toks[k - 1][2] == "," and is_cap(toks[k - 2][2]):  # "Munich, Germany"
        k -= 2
        while k > 0 and is_cap(toks[k - 1][2]) and toks[k - 1][2].lower() not in CAP_STOP:
            k -= 1
        words = [t[2] for t in toks[k:j + 1]]
    if not is_place(words) or k < 2 or toks[k - 1][2].lower() not in ("in", "of", "from"):
        return rng
    inner = np_ending_at(toks, k - 2)
    return (inner[0], j) if inner is not None else rng


def speaker_before(text: str, masked: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """Offsets of the speaker phrase that ends before the cue at ``cue_start`` (not before
    ``lo``): skips auxiliaries and adverbs ("has also"), a time phrase ("on Tuesday"),
    appositions ("Hugh Hill, a doctor,") and relative clauses ("X, who replaced Y,")."""
    window_lo = max(lo, cue_start - 110)
    end = cue_start
    m = TIME_TAIL_RE.search(masked, max(window_lo, cue_start - 60), end)
    if m:
        end = m.start()
    toks = speaker_tokens(masked, window_lo, end)
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
        return subject_at_start(masked, lo, cue_start)
    if toks[j][2] == ",":
        if _PARTICIPLE_RE.match(masked, cue_start):
            # "Trump ratcheted up his attacks on Rubio, saying ...": the subject of the sentence
            return subject_at_start(masked, lo, cue_start) or _speaker_before_apposition(masked, toks, j)
        return _speaker_before_apposition(masked, toks, j)
    if toks[j][2] in ("’s", "'s"):
        return None
    rng = np_ending_at(toks, j)
    if rng is None:
        return None
    if _is_verb_phrase(toks, rng):
        # "Sanders asked his colleagues to reject the deal, arguing ...", "Republicans can
        # reasonably campaign saying ...": the sentence's subject speaks
        return subject_at_start(masked, lo, cue_start)
    rng = _before_place(toks, rng)
    rng = _document_about(toks, rng)
    return toks[rng[0]][0], toks[rng[1]][1]


def _is_verb_phrase(toks: list[tuple[int, int, str]], rng: tuple[int, int]) -> bool:
    """Is the bare lower-case phrase ``toks[rng]`` a verb phrase after "to" or a modal ("to pay
    back", "can reasonably campaign")?"""
    first = toks[rng[0]][2]
    return rng[0] > 0 and first.islower() and first not in PRONOUNS and first not in DETERMINERS \
        and first not in QUANTIFIER_SPEAKERS and toks[rng[0] - 1][2].lower() in _VERB_BEFORE


def subject_at_start(masked: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The name or pronoun that opens the sentence starting at ``lo`` (the subject shared by
    coordinated verbs)."""
    toks = speaker_tokens(masked, lo, min(hi, lo + 100))
    i = 0
    while i < len(toks) and toks[i][2].lower() in ("but", "and", "so", "yet", "still", "then"):
        i += 1
    i = _after_dateline(toks, i)
    if i >= len(toks):
        return None
    low = toks[i][2].lower()
    if low in ("he", "she", "they", "we", "it"):
        return toks[i][0], toks[i][1]
    if low in NOT_SPEAKERS or low.endswith("ing") and i + 1 < len(toks) and not is_cap(toks[i + 1][2]):
        return None     # "Declaring that he alone ...", "Following an animated town hall ..."
    k = i + 1 if low == "the" else i
    end = None
    while k < len(toks) and is_cap(toks[k][2]) and toks[k][2].lower() not in CAP_STOP:
        end = k
        k += 1
    if end is None or k >= len(toks) or toks[k][2] in (",", "(") and end == i:
        return None
    last = toks[end][2]
    if last.endswith(("’s", "'s")) or toks[k][2] in ("’s", "'s") or last.isupper() and len(last) > 3:
        return None     # "Donald Trump's credentials ...": the owner; "TURNS": a headline
    return toks[i][0], toks[end][1]


def _after_dateline(toks: list[tuple[int, int, str]], i: int) -> int:
    """The token after a dateline opening the sentence ("CLEVELAND — ", "NEW YORK (Reuters) -",
    "BUENA PARK, Calif. —"), else ``i``."""
    k = i
    while k < len(toks) and toks[k][2].isupper() and len(toks[k][2]) > 1 and toks[k][2].isalpha():
        k += 1
    if k == i:
        return i
    for m in range(k, min(len(toks), k + 8)):   # a state or agency, then the dash
        tok = toks[m][2]
        if tok in ("—", "–", "-"):
            while m + 1 < len(toks) and toks[m + 1][2] in ("—", "–", "-"):
                m += 1
            return m + 1
        if tok[:1].islower():
            break
    return i


def _speaker_before_apposition(masked: str, toks: list[tuple[int, int, str]],
                               comma: int) -> tuple[int, int] | None:
    """Speaker before a comma-closed apposition or relative clause."""
    named = _apposed_name(toks, comma)
    if named is not None:   # "the director of Amnesty International, Mariela Belski, said"
        return named
    seen = 0
    for k in range(comma - 1, max(-1, comma - 40), -1):
        if toks[k][2] != ",":
            continue
        seen += 1
        if seen > 4:
            break
        seg_start = toks[k][1]
        if not APPOS_START_RE.match(masked, seg_start) and not _OF_APPOS_RE.match(masked, seg_start):
            continue
        if k == 0:
            return None
        rng = np_ending_at(toks, k - 1)
        if rng is None:
            continue
        rng = _before_place(toks, rng)
        head = toks[rng[1]][2]
        has_det = toks[rng[0]][2].lower() in ("a", "an", "the")
        if is_cap(head) or head.lower() in PRONOUNS or (has_det and rng[0] < rng[1]):
            return toks[rng[0]][0], toks[rng[1]][1]
    # "Clinton's attorney, David Kendall, declined ...": a name set off by commas
    k = comma - 1
    i = k
    while i >= 0 and is_cap(toks[i][2]) and toks[i][2].lower() not in CAP_STOP:
        i -= 1
    if i < k and i >= 0 and toks[i][2] == ",":
        before = np_ending_at(toks, i - 1) if i > 0 else None
        return (toks[before[0]][0] if before else toks[i + 1][0]), toks[k][1]
    return None


#: An apposition naming a party or post of a place ("Steve Cohen, Democrat of Tennessee,").
_OF_APPOS_RE = re.compile(r"[ \t]*[A-Z][a-z]+[ \t]+of[ \t]+[A-Z]")

#: Words that may follow a speaker put after its cue ("said Shoigu on Monday").
AFTER_SPEAKER = word_list("after_speaker")
#: Cues whose object is the listener ("told", "informed"): what follows them is no speaker
#: ("asked" is left out: '"...?" asked Mr. Manafort' is a common inversion).
LISTENER_CUES = frozenset(w for w in word_list("object_cues") if not w.startswith("ask"))
_WORD_BEFORE_RE = re.compile(r"[A-Za-z]+$")


def speaker_after(masked: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """Offsets of an inverted speaker right after the cue ("..., said Shoigu." / "said the
    minister")."""
    cue = _WORD_BEFORE_RE.search(masked, max(0, cue_end - 20), cue_end)
    if cue is not None and cue.group().lower() in LISTENER_CUES:
        return None     # '"...," Representative Steve Cohen told Mr. Obama': the listener
    toks = speaker_tokens(masked, cue_end, min(hi, cue_end + 100))
    j = 0
    while j < len(toks) and _is_adverb(toks[j][2]) and toks[j][2].lower() not in ("he", "she"):
        j += 1
    if j >= len(toks):
        return None
    first = toks[j][2]
    low = first.lower()
    if low in ("he", "she", "they", "it", "we", "i"):
        nxt = toks[j + 1][2] if j + 1 < len(toks) else "."
        if nxt in (",", ".", "!", "?", ";", "—", "–") or nxt.lower() in AFTER_SPEAKER:
            return toks[j][0], toks[j][1]
        return None
    k = j
    if low in DETERMINERS:
        k += 1
    last = None
    while k < len(toks):
        tok = toks[k][2]
        tl = tok.lower()
        if is_cap(tok) or (tok.isalpha() and tok.islower() and tl not in NOT_NOUN
                            and tl not in DETERMINERS):
            last = k
            k += 1
        elif tl in ("of", "for") and last is not None and k + 1 < len(toks) and is_cap(toks[k + 1][2]):
            k += 1
        else:
            break
    if last is None:
        return None
    stop = toks[k][2] if k < len(toks) else "."
    if stop not in (",", ".", "!", "?", ";", ")", "—", "–") and stop.lower() not in AFTER_SPEAKER:
        return None
    return toks[j][0], toks[last][1]


_BY_RE = re.compile(r"[ \t]+by[ \t]+")
#: Words that end an agent phrase after "by" ("described by the CBCP as ...").
_AGENT_STOP = frozenset(("as", "to", "that", "for", "in", "on", "at", "with", "about", "whether",
                         "if", "and", "but", "after", "before", "during", "over", "of"))


#: Heads of "by" phrases that measure instead of naming an agent.
_NOT_AGENTS = frozenset(("large", "wide", "majority", "margin", "margins", "percent", "far", "vote",
                         "votes", "points", "much", "means", "way", "far", "default", "law"))


def agent_after(masked: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """Offsets of the agent of a passive cue ("was asked by host John Dickerson whether",
    "was described by the CBCP as"): a noun phrase of at most six words after "by"."""
    m = _BY_RE.match(masked, cue_end, hi)
    if m is None:
        return None
    toks = speaker_tokens(masked, m.end(), min(hi, m.end() + 80))
    last = None
    for k, (_, _, tok) in enumerate(toks[:6]):
        low = tok.lower()
        if low in _AGENT_STOP or not (tok[:1].isalnum() or low in ("’s", "'s")):
            break
        if low in PRONOUNS and k == 0:
            return toks[0][0], toks[0][1]
        last = k
    if last is None or toks[last][2].lower() in DETERMINERS or any(
            t[2].lower() in _NOT_AGENTS or t[2][:1].isdigit() for t in toks[:last + 1]):
        return None     # "backed by a majority", "by large margins", "by 2 points"
    return toks[0][0], toks[last][1]
