"""Direct quotes with no cue of their own: joined to the statement they continue (also when the
quote is the whole next paragraph), given to the speaker of a cue right after the quote's
sentence, to the speaker named at a colon, after a dash or by a following verb; terms and names
in quote marks ("so-called", "known as": ``term_lead_ins``) are no statements, and narration
leading into a quote with a colon is cut from its statement (``_trim_lead_ins``)."""

from __future__ import annotations

import bisect
import re

from ..text import WORD_RE
from ..text.words import WORDS_DIR, read_word_list
from .article import Article, last_char
from .nested import NESTED_OVERLAP
from .records import CAP_STOP, COLON_NAME_RE, DASH_NAME_TAIL_RE, Statement
from .speakers import speaker_after, speaker_before, subject_at_start


def attach_free_quotes(art: Article) -> None:
    """Direct quotes with no cue of their own: a quote continuing the statement just before it
    in the same paragraph is joined to it; a quote set off as its own sentence or paragraph (or
    led in by ``Name:`` or followed by ``- Name``) becomes a statement of the last speaker."""
    by_start = sorted(art.statements, key=lambda s: (s.start, s.end))
    starts = [s.start for s in by_start]
    by_end = sorted(art.statements, key=lambda s: s.end)
    ends = [s.end for s in by_end]
    fragments = []
    term_ends: list[int] = []       # ends of the quoted terms found so far
    for qs, qe in art.quotes:
        i = bisect.bisect_right(starts, qs) - 1
        cover = next((s for s in by_start[max(0, i - 3):i + 1] if s.start <= qs and s.end >= qe - 1),
                     None) if i >= 0 else None
        if cover is not None:
            if FRAGMENTS_OF_MIXED and cover.kind == "mixed" \
                    and qe - qs < NESTED_OVERLAP * (cover.end - cover.start) \
                    and not _is_term(art.text, qs, term_ends):
                # a quoted phrase inside a longer paraphrase ("X called the plan "a disgrace"
                # and ..."): also a direct quote of its own (the filter decides)
                fragments.append(Statement(
                    start=qs, end=qe, pieces=[(qs, qe)], kind="direct", cue=cover.cue,
                    mention=cover.mention, mention_start=cover.mention_start,
                    mention_end=cover.mention_end, cue_start=cover.cue_start, fragment=True))
            continue
        unit = _unit_of(art, qs)
        content = art.text[qs + 1:qe - 1]
        n = len(WORD_RE.findall(content))
        if unit is not None and (qs - unit[0]) > 3 and n < 8 \
                and last_char(art.masked, unit[0], qs) != ":":   # 'he demurred: "..."' is led in
            # a short quoted phrase inside narration: kept as a fragment of the sentence's
            # subject ("chanting "No Hill""), or dropped when the sentence has none, or when
            # it is a term or name ('the word "marriage"', 'nicknamed the "..."')
            if _is_term(art.text, qs, term_ends):
                term_ends.append(qe)
                continue
            spk = subject_at_start(art.masked, unit[0], qs)
            if MIN_FRAGMENT_WORDS <= n:
                art.add(qs, qe, cue="", spk=spk, pieces=[(qs, qe)], kind="direct")
            continue
        n_before = len(art.statements)
        if _attach_named(art, qs, qe):
            for st in art.statements[n_before:]:    # a quote after it may continue it
                j = bisect.bisect_right(ends, st.end)
                ends.insert(j, st.end)
                by_end.insert(j, st)
            continue
        k = bisect.bisect_right(ends, qs) - 1
        prev = by_end[k] if k >= 0 else None
        if prev is not None and prev.kind != "direct":
            # '"A," said X, who declined to be named. "B."': the statement of the relative
            # clause sits between the two pieces; B continues the direct quote of that sentence
            prev = _direct_of_sentence(art, by_end, k) or prev
        if prev is not None and prev.kind == "direct" and _continues(art, prev, qs) and (
                _same_paragraph(art, prev.end, qs) or _opens_next_paragraph(art, prev.end, qs, qe)):
            prev.pieces.append((qs, qe))
            prev.end = qe
            continue
        if n < MIN_FREE_QUOTE_WORDS:
            continue
        st = Statement(start=qs, end=qe, pieces=[(qs, qe)], kind="direct", cue="")
        if prev is not None and prev.mention is not None and qs - prev.end < 1500:
            st.speaker, st.mention = prev.speaker, None
            st.cue = prev.cue
            st.inherits_title = True
            st.mention_start = prev.mention_start  # resolved like the previous statement
        art.statements.append(st)
    art.statements.extend(fragments)
    _trim_lead_ins(art)
    _drop_unsourced_terms(art)


def _drop_unsourced_terms(art: Article) -> None:
    """A mixed statement with no source whose quote is a term ('Tomorrow is referred to as
    "Super Tuesday" ...'): a name in quote marks, not speech."""
    keep = []
    for st in art.statements:
        if st.kind == "mixed" and st.mention is None:
            quotes = art.quotes_within(st.start, st.end)
            if len(quotes) == 1 and _is_term(art.text, quotes[0][0], []):
                continue
        keep.append(st)
    art.statements = keep


# narration leading in a quote with a colon: "on the decision: "..."" (a comma lead-in stays:
# cutting it lost PolNeAR matches)
_LEAD_IN_END_RE = re.compile(r":[ \t]*$")
_CLAUSE_WORD_RE = re.compile(r"\b(?:that|whether|if|what|how|why|when|who|which)\b", re.I)


def _trim_lead_ins(art: Article) -> None:
    """A statement whose content is narration led into one quote by a colon ("told the crowd:
    "...""): its content is the quote alone, direct. Not
    when the narration is a clause of the content ("that if elected, "..."") or the longer
    part."""
    for st in art.statements:
        if st.kind != "mixed" or len(st.pieces) != 1:
            continue
        quotes = art.quotes_within(st.start, st.end)
        if len(quotes) != 1:
            continue
        qs, qe = quotes[0]
        if qe < st.end - 2 or qs - st.start > qe - qs \
                or not _LEAD_IN_END_RE.search(art.text, st.start, qs) \
                or _CLAUSE_WORD_RE.search(art.text, st.start, qs):
            continue
        st.start, st.pieces, st.kind = qs, [(qs, max(qe, st.end))], "direct"


FRAGMENTS_OF_MIXED = True


def _term_lead_in_re() -> re.Pattern:
    words = sorted(read_word_list(WORDS_DIR / "term_lead_ins.txt"), key=len, reverse=True)
    alts = "|".join(r"[ \t]+".join(map(re.escape, w.split("_"))) for w in words)
    return re.compile(rf"(?<![\w'’-])(?:{alts})(?:[ \t]+(?:the|a|an))?[ \t,:]*$", re.I)


#: A term lead-in ending where a quote starts (read in the 40 characters before it).
TERM_LEAD_IN_RE = _term_lead_in_re()
_TERM_JOIN_RE = re.compile(r"[ \t]*(?:,|and|or|,[ \t]*and|,[ \t]*or)[ \t]*$")


def _is_term(text: str, qs: int, term_ends: list[int]) -> bool:
    """Is the quote at ``qs`` a term or name: led in by a word of ``term_lead_ins`` ('the
    terms "X"') or joined by "and"/"or"/"," to a term just before ('"X" and "Y"')?"""
    if TERM_LEAD_IN_RE.search(text, max(0, qs - 40), qs):
        return True
    return bool(term_ends) and qs - term_ends[-1] < 8 and \
        _TERM_JOIN_RE.fullmatch(text, term_ends[-1], qs) is not None


def _direct_of_sentence(art: Article, by_end: list[Statement], k: int) -> Statement | None:
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


def _continues(art: Article, prev: Statement, qs: int) -> bool:
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


def _attach_named(art: Article, qs: int, qe: int) -> bool:
    """``Name: "..."`` and ``"..." - Name``: the speaker named at the colon or after the dash;
    ``"..." Name said.``: the speaker of a cue after the quote."""
    text = art.text
    para_start, para_end = art.paragraph_around(qs, qe)
    # a name and a colon: at most the last few words before the quote (not the paragraph)
    m = COLON_NAME_RE.search(text, max(para_start, _start_of_last_words(text, qs, 6)), qs)
    if m and m.end() == qs or (m and not text[m.end():qs].strip()):
        s, e = m.span(1)
        art.add(qs, qe, cue=":", spk=(s, e), pieces=[(qs, qe)], kind="direct")
        return True
    m = DASH_NAME_TAIL_RE.match(text, qe, para_end)
    if m:
        s, e = m.start(1), m.start(1) + len(m.group(1).rstrip())
        art.add(qs, qe, cue="—", spk=(s, e), pieces=[(qs, qe)], kind="direct")
        return True
    found = _cue_after_quote(art, qe, para_end)
    if found is not None:
        spk, cs, ce = found
        art.cue_start = cs
        art.add(qs, qe, cue=art.text[cs:ce], spk=spk, pieces=[(qs, qe)], kind="direct")
        return True
    m = _QUOTE_THEN_VERB_RE.match(art.masked, qe, para_end)
    if m and m.group(1).lower() not in CAP_STOP - {"the"} | {"it", "this", "that"}:
        art.add(qs, qe, cue=m.group(2), spk=m.span(1), pieces=[(qs, qe)], kind="direct")
        return True
    if last_char(art.masked, para_start, qs) == ":":
        colon = art.masked.rindex(":", para_start, qs)
        unit = _unit_of(art, max(para_start, colon))
        spk = _speaker_of_lead_in(art, unit[0], colon) if unit else None
        if spk is not None:
            art.add(qs, qe, cue=":", spk=spk, pieces=[(qs, qe)], kind="direct")
            return True
    return False


def _cue_after_quote(art: Article, qe: int, para_end: int) -> tuple[tuple[int, int], int, int] | None:
    """(speaker span, cue start, cue end) of a quote followed in its paragraph by its speaker
    and a reporting cue ('"..." Mrs. Clinton said.', '"..." said Mrs. Clinton.'): the cue rules
    miss them when the quote closes its own sentence ("?", "!", ".")."""
    i = bisect.bisect_left(art.cue_starts, qe)
    if i == len(art.cue_starts) or art.cue_starts[i] >= min(para_end, qe + _AFTER_QUOTE_CHARS):
        return None
    masked = art.masked
    cs = art.cue_starts[i]
    ce = _CUE_WORD_RE.match(masked, cs).end()
    if masked[cs:ce].lower() == "according":
        return None
    if _GAP_RE.match(masked, qe, cs).end() >= cs:    # inverted: '"..." said Mrs. Clinton.'
        spk = speaker_after(masked, ce, para_end)
    else:
        spk = speaker_before(art.text, masked, qe, cs)
        if spk is not None and _GAP_RE.match(masked, qe, spk[0]).end() < spk[0] \
                or _CONTENT_AFTER_CUE_RE.match(masked, ce):
            spk = None  # narration before the speaker; the cue's own content ('said he would')
    return (spk, cs, ce) if spk is not None else None


_AFTER_QUOTE_CHARS = 80
# a cue leading into a content of its own: 'said: "..."', 'said that ...', 'said he would ...'
_CONTENT_AFTER_CUE_RE = re.compile(r"[ \t]*(?::|[“\"]|''|(?:that|he|she|they|it|we|I)\b)")
_CUE_WORD_RE = re.compile(r"[A-Za-z'’\-]+")
_GAP_RE = re.compile(r"[ \t,]*")


def _speaker_of_lead_in(art: Article, lo: int, colon: int) -> tuple[int, int] | None:
    """The speaker of a colon lead-in ('a spokesman could only quip: "..."', 'The letter
    continues: "..."'): the subject of the verb before the colon when it is a cue or looks like
    a verb, else the subject that opens the sentence."""
    m = _LAST_WORD_RE.search(art.masked, max(lo, colon - 40), colon)
    if m is not None:
        i = bisect.bisect_left(art.cue_starts, m.start(1))
        is_cue = i < len(art.cue_starts) and art.cue_starts[i] == m.start(1)
        if is_cue or m.group(1).endswith(("ed", "es", "ts")):
            spk = speaker_before(art.text, art.masked, lo, m.start(1))
            if spk is not None:
                return spk
    return subject_at_start(art.masked, lo, colon)


_LAST_WORD_RE = re.compile(r"\b([a-z]+)[ \t]*$")


# '"Mexico!" the audience screamed back.' -- a speaker and any past-tense verb after a quote
_QUOTE_THEN_VERB_RE = re.compile(
    r"[ \t]*,?[ \t]*((?:[Tt]he[ \t]+[a-z]+(?:[ \t]+[a-z]+)?)|he|she|they|"
    r"[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,3})[ \t]+(?:[a-z]+ly[ \t]+)?([a-z]{3,}ed|[a-z]{3,}s)\b")


def _unit_of(art: Article, pos: int) -> tuple[int, int] | None:
    i = art.unit_index(pos)
    return art.units[i] if i >= 0 else None


def _opens_next_paragraph(art: Article, a: int, b: int, qe: int) -> bool:
    """Does the quote ``b``-``qe`` open the paragraph right after the one holding ``a`` ("A," X
    said.\n\n"B.")? A quote continuing over paragraphs (one sentence per paragraph) stays one
    statement."""
    i = bisect.bisect_left(art.newlines, a)
    if i == len(art.newlines) or art.newlines[i] >= b or art.text[art.newlines[i]:b].strip():
        return False
    # the quote is its whole paragraph, and the previous paragraph ended with ``a``'s sentence
    _, para_end = art.paragraph_around(b, qe)
    return not art.text[qe:para_end].strip() and art.newlines[i] - a < 120 \
        and not _SENTENCE_BREAK_RE.search(art.text, max(0, a - 2), art.newlines[i])


# a sentence starting ("said. He then ..."): the paragraph went on after the quote's sentence
_SENTENCE_BREAK_RE = re.compile(r"[.!?][”\"’]?[ \t]+[A-Z“\"]")


def _same_paragraph(art: Article, a: int, b: int) -> bool:
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


MIN_FRAGMENT_WORDS = 1
MIN_FREE_QUOTE_WORDS = 1   # a quote with no cue of its own, set off as its own sentence
