"""The statements around one cue: the speaker and the content before or after it
(``process_cue``, ``according to X``)."""

from __future__ import annotations

import bisect
import re

from ..text.tokens import NON_SPACE_RUN_RE
from ..text.words import word_list
from .article import (CONTENT_CHAR_RE, OBJECT_CUES, OBJECT_RE, RIGHT_CLAUSE_RE, STRIP_CHARS, Article,
                      has_content, last_char, strip_span)
from .records import PRONOUNS, SPACES_RE, TIME_TAIL_RE, Statement, is_passive_cue
from .speakers import agent_after, speaker_after, speaker_before, subject_at_start


_COORD_BEFORE_RE = re.compile(r"(?:^|[\s,])(?:and|but)\s+(?:then\s+|also\s+)?$")
_APPOS_TITLE_RE = re.compile(r",\s*(?:an?|the)\s+([a-z][^,_]{1,80}?),\s*$")


def process_cue(art: Article, us: int, ue: int, cs: int, ce: int, prev: Statement | None) -> None:
    text, masked = art.text, art.masked
    cue = text[cs:ce]
    if not cue.isalpha():       # a one-word cue has no spaces to normalise
        cue = SPACES_RE.sub(" ", cue)
    low = cue.lower()
    if low == "according to":
        _process_according(art, us, ue, cs, ce, cue)
        return
    if is_passive_cue(masked, us, cs, low):
        # "was asked", "is expected": no source ("is hoping", "are concerned": the subject),
        # unless an agent follows ("was asked by host John Dickerson whether ...")
        if not art.right_empty(ce, ue):
            _add_right_content(art, ce, ue, cue, agent_after(masked, ce, ue))
        return
    spk = speaker_before(text, masked, us, cs)
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
    left_last = last_char(masked, us, left_end)
    left_is_content = left_last in (",", "”", '"', "—", "–") and has_content(masked, us, left_end)
    right_empty = art.right_empty(ce, ue) or bool(RIGHT_CLAUSE_RE.match(masked, ce, ue))
    if not right_empty and low.split()[-1] in OBJECT_CUES:  # "..., he told The Post."
        obj = OBJECT_RE.match(masked, ce, ue)
        right_empty = bool(obj and art.right_empty(obj.end(), ue))
    participle = low.endswith("ing") and low != "according to"
    if spk is None and participle and prev is not None and prev.mention_start is not None \
            and masked[max(us, cs - 4):cs].rstrip().endswith(","):
        _add_right_content(art, ce, ue, cue, (prev.mention_start, prev.mention_end))
        return
    if spk is None and participle and _FRONTED_RE.fullmatch(masked, us, cs) \
            and _add_fronted(art, ce, ue, cue):
        return      # "After asking for X, Huber signed ...": X, asked by Huber
    if participle and spk is not None and spk[1] < cs - 1 or participle and spk is not None \
            and not _is_agent(art.text[spk[0]:spk[1]]):
        # "sent a letter urging ...": the subject of the sentence speaks, not "a letter"
        if prev is not None and prev.mention_start is not None:
            spk = (prev.mention_start, prev.mention_end)
        else:
            spk = subject_at_start(masked, us, cs) or spk
    if spk is None and left_is_content and left_last in (",", "”", '"'):
        spk = speaker_after(masked, ce, ue)
        if spk is not None:
            _add_left_content(art, us, cs, ce, ue, cue, spk)
            return
    if spk is None:
        _add_unattributed(art, us, ue, cs, ce, cue, right_empty)
        return
    lead_quote = art.quote_ending_at(spk[0])
    if left_is_content and (right_empty or (lead_quote is not None and (
            art.quote_at(max(ce, spk[1])) is not None
            or not has_content(masked, us, lead_quote[0])))):
        _add_left_content(art, us, spk[0], ce, ue, cue, spk)
        return
    after_quote = art.quote_at(ce)
    if left_is_content and masked.startswith(",", ce, ue) and left_last == "," \
            and not art.quote_ending_at(spk[0]) and not (
                after_quote and art.text[after_quote[0]:after_quote[0] + 3].lstrip("“\"'")[:1].isupper()):  # "Many of the closures, he said, have ..."
        art.add(us, ue, cue=cue, spk=spk)
        return
    _add_right_content(art, ce, ue, cue, spk)


#: What may stand before a participle cue that opens its sentence ("After asking ...", "Asked ...")
_FRONTED_RE = re.compile(r"[ \t]*(?:(?:After|Before|While|Since|Upon|On|By|Without|When)[ \t]+)?")


def _add_fronted(art: Article, ce: int, ue: int, cue: str) -> bool:
    """A fronted participle clause ("After asking for his release from WWE, Huber signed ..."):
    its content runs to the first comma and its speaker is the name or pronoun opening the main
    clause after it. False (nothing added) when there is no such comma or subject."""
    comma = art.masked.find(",", ce, ue)
    spk = subject_at_start(art.masked, comma + 1, ue) if comma > ce else None
    if spk is None or not has_content(art.masked, ce, comma):
        return False
    art.add(ce, comma, cue=cue, spk=spk)
    return True


def _drop_last_mixed(art: Article) -> None:
    """Withdraw the statement just added by a fallback rule when a colon inside it leads into a
    quote ("said back in 2015: "I think ..."", "Hoff's letter makes a case: "...""): the rules
    for quotes with no cue of their own attribute that quote better than a guessed cue does."""
    if not art.statements or art.statements[-1].cue_start != art.cue_start:
        return
    st = art.statements[-1]
    if st.kind == "mixed" and any(last_char(art.masked, st.start, qs) == ":"
                                  for qs, _ in art.quotes_within(st.start, st.end)):
        art.statements.pop()


def _add_unattributed(art: Article, us: int, ue: int, cs: int, ce: int, cue: str,
                      right_empty: bool) -> None:
    """A cue with no speaker next to it ("Sen. Blunt (R-Mo.), facing a challenge, noted that
    ..."; "She urged A, proposed B"): the content after the cue, spoken by the name or pronoun
    that opens the sentence when there is one, else by no one (the filter weighs it)."""
    if right_empty:
        return
    _add_right_content(art, ce, ue, cue, subject_at_start(art.masked, us, cs))
    _drop_last_mixed(art)


_TITLE_COLON_RE = re.compile(r"[ \t]*([A-Z][^:\n]{0,60}?)[ \t]*:[ \t]+(?=\S)")
_TITLE_LEAD_WORDS = 5


def _is_section_label(lead: str) -> bool:
    """An all-capitals label of several words or of a long word ("THE FACTS", "UPDATE",
    "EDITOR'S NOTE"), not an acronym that may speak ("NATO", "CDC")."""
    return lead.isupper() and (len(lead.split()) > 1 or len(lead) > 5)


def process_title_colon(art: Article) -> None:
    """A headline "Source: statement" ("Graham: Trump's Rhetoric Destroying GOP's Chance",
    "Poll: Sanders Leads Clinton"): the words after the colon, spoken by the lead of at most
    ``_TITLE_LEAD_WORDS`` words (a label such as "The Latest:" is left to the filter; an
    all-capitals section label such as "THE FACTS:" proposes nothing)."""
    masked = art.masked
    end = masked.find("\n")
    end = len(masked) if end < 0 else end
    m = _TITLE_COLON_RE.match(masked, 0, end)
    if m is None or len(m.group(1).split()) > _TITLE_LEAD_WORDS or _is_section_label(m.group(1)):
        return
    art.cue_start = m.end(1)
    spk = m.span(1)
    q = art.quote_at(m.end())
    if q is not None and art.right_empty(q[1], end):
        art.add(q[0], q[1], cue=":", spk=spk, pieces=[q], kind="direct")
    else:
        art.add(m.end(), end, cue=":", spk=spk)


def _is_agent(mention: str) -> bool:
    """A name or a personal pronoun (who can be the subject of a participle cue)."""
    return mention.lower() in PRONOUNS or mention[:1].isupper()


def _add_left_content(art: Article, us: int, content_end: int, ce: int, ue: int, cue: str,
                      spk: tuple[int, int]) -> None:
    """``"...," X said`` / ``..., X said.`` / ``..., said X.``: the content is before the
    speaker; an interrupted quote (``"...," he said, "..."``) is joined with its second part."""
    first = art.quote_ending_at(content_end)
    lead = art.text[us:first[0]].rstrip() if first is not None else ""
    if first is not None and (not lead.strip(STRIP_CHARS) or lead.endswith(":")):
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


def _add_right_content(art: Article, ce: int, ue: int, cue: str, spk: tuple[int, int] | None) -> None:
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
    end = cut if cut is not None and cut > start + 10 else ue
    if cue.lower().split()[-1] in OBJECT_VERBS:
        end = object_end(art.masked, start, end)
    art.add(start, end, cue=cue, spk=spk)
    if art.statements and art.statements[-1].cue_start == art.cue_start:
        art.statements[-1].right = True


#: Words that end the noun-phrase object of an action cue, and that open a clausal content.
OBJECT_ENDS = word_list("object_ends")
OBJECT_VERBS = word_list("object_verbs")
CLAUSE_OPENERS = word_list("clause_openers")
_OBJECT_WINDOW = 160    # characters read after an action cue (an object is short)
_OBJECT_WORD_RE = re.compile(r"[A-Za-z]+|,")


def object_end(masked: str, start: int, end: int) -> int:
    """Where the noun-phrase object of an action cue ends ("endorsed [Sanders] in February",
    "attacked [Fiorina] by reminding ..."): at the first comma or adjunct word of
    ``OBJECT_ENDS`` after its first word, read within ``_OBJECT_WINDOW`` characters; ``end``
    when the content opens a clause ("refused to ...", "proposed that ...") or has no such
    word."""
    first = True
    for m in _OBJECT_WORD_RE.finditer(masked, start, min(end, start + _OBJECT_WINDOW)):
        word = m.group().lower()
        if first:
            if word in CLAUSE_OPENERS:
                return end
            first = False
            continue
        if word == "," or word in OBJECT_ENDS:
            return m.start()
    return end


_SPACE_COLON_RE = re.compile("[ :]*")


def _only_colon(masked: str, lo: int, hi: int) -> bool:
    """``rest.rstrip().endswith(":") and not rest.strip(" :")`` for ``rest = masked[lo:hi]``
    without the copy: nothing but spaces and at least one colon."""
    return lo < hi and _SPACE_COLON_RE.match(masked, lo, hi).end() >= hi and ":" in masked[lo:hi]


def _next_unit(art: Article, pos: int) -> tuple[int, int] | None:
    i = bisect.bisect_left(art.units, (pos, pos))
    return art.units[i] if i < len(art.units) else None


def _process_according(art: Article, us: int, ue: int, cs: int, ce: int, cue: str) -> None:
    """``according to X, ...`` and ``..., according to X.``"""
    masked = art.masked
    comma = art.comma_after(ce, ue)
    spk = speaker_after(masked, ce, comma if comma > 0 else ue)
    if spk is None:
        stop = comma if comma > 0 else ue
        s, e = strip_span(art.text, ce, stop)
        if e - s < 2:
            return
        spk = (s, e)
    tail = TIME_TAIL_RE.search(masked, spk[0], spk[1])    # "an AP count late Tuesday"
    if tail is not None and tail.start() > spk[0]:
        spk = (spk[0], tail.start())
    if has_content(masked, us, cs):  # "..., according to X." / "... - 63 percent, according to X - still ..."
        if comma > 0 and _TAIL_CONTENT_RE.search(masked, comma + 1, ue) and _few_words(masked, us, cs, 4):
            art.add(comma + 1, ue, cue=cue, spk=spk)
        else:
            art.add(us, cs, cue=cue, spk=spk)
    elif comma > 0:
        art.add(comma + 1, ue, cue=cue, spk=spk)


_TAIL_CONTENT_RE = re.compile('[^ .;”"]')


def _few_words(masked: str, lo: int, hi: int, limit: int) -> bool:
    """``len(masked[lo:hi].strip(STRIP_CHARS).split()) < limit``, reading only the first
    ``limit`` words."""
    first = CONTENT_CHAR_RE.search(masked, lo, hi)
    if first is None:
        return limit > 0
    end = hi
    while end > first.start() and masked[end - 1] in STRIP_CHARS:
        end -= 1
    n = 0
    for _ in NON_SPACE_RUN_RE.finditer(masked, first.start(), end):
        n += 1
        if n >= limit:
            return False
    return True
