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
speaker_type      ``person`` | ``organisation`` | ``group`` | ``document`` | ``unknown``
                  (``identity.speaker_type``; a surname that joins a full name is a person)
speaker_id        the same speaker across the articles of the table (``identity.link_speakers``):
                  "Donald J. Trump", "President-elect Donald Trump" and "Trump" (when the table
                  leaves no doubt which Trump) share ``donald-trump``; NA when unknown. Linked
                  over the articles passed in (``build_features`` passes chunks: relink the whole
                  quotes table with ``identify_speakers``)
================  ============================================================================

The last two columns extend the quotes contract of DESIGN.md; the others keep their names and
order.

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
   phrase inside a longer paraphrase is also proposed as a direct quote of its own. For the
   stances PolNeAR annotates beyond speech, a cue with no speaker next to it still proposes its
   content (the sentence's opening name or pronoun, else no one, as speaker); a sentence with
   no cue that opens with a name or pronoun and a verb proposes the verb's object; a headline
   "Source: statement" and the cues of a Title Case headline are read too. A content ends at a
   contrast, a participle clause, a semicolon or a spaced dash; the object of
   endorse/back/support at its first adjunct. Terms and names led in as such ("so-called",
   "known as", "nicknamed") are no statements. Articles that quote with single marks ('...',
   ‘...’) are read as if they used double marks.
   Interviews and transcripts (``layouts``): each speaker turn (``Name:``, ``NAME:``, ``Q:`` /
   ``A:``, ``((WN)) :``) is one direct statement of its speaker, the interviewer's turns given
   to the outlet, the answers to the interviewee by name; posts credited
   ``— Name (@handle) date`` are direct statements of Name.
3. ``filter`` (logistic regression over symbolic features, JSON weights trained on
   PolNeAR train; its cut-off the best cross-validated F1 at a cross-validated precision of at
   least 0.78) drops unlikely candidates; long direct quotes (and quoted sentences inside a
   paraphrase) are always kept. Acts, decisions and speaking about a topic ("signed the bill",
   "voted to repeal", "spoke about X", ``resources/words/not_statement_cues.txt``) are dropped
   unless their content is a "that" clause or a quotation (``drop_non_statements``: the
   attribution guidelines exclude them). Of statements nested in one another with much
   overlap, only the longest is kept (``drop_nested``).
4. A speaker ranker (``ranker.rerank_speakers``, a logistic regression trained on PolNeAR
   train, ``resources/speaker_ranker.json``) takes a second look where the rules found no
   speaker mention or only a lone lower-case word: it scores the words around the cue and, when
   one clearly beats the rules' choice, makes the phrase around it the mention ("Matt Simister,
   Tesco's CEO for Central Europe, explained that ..."). Names, pronouns and noun phrases the
   rules found are left as they are.
5. Speakers are resolved within the article: surname -> the full name introduced earlier,
   pronoun -> the named speaker mentioned nearest before it, role noun ("the defense minister")
   -> the person introduced with that role (also in an apposition), "who" -> its antecedent.

"X said that Y believes Z" gives one row (X's) unless the inner statement is short next to the
outer one (under 30 % of its length, e.g. a quoted phrase inside a paraphrase): then both rows
are kept and those words count twice; ``quote_share`` counts words per statement, as the
PolNeAR scorer does.

``quote_share(quotes, by=...)`` turns the table into each speaker's share of quoted words, one
row per ``speaker_id`` shown under its display name; ``exclude_types=("unknown", "group")``
leaves out unidentified speakers and unnamed groups and records what it left out
(``left_out_note``: "Left out: unknown speakers 12% of quoted words, ...").

Work grows linearly with the article (a 5 MB article, or one sentence of thousands of cues):
nothing is searched from a cue to the end of its sentence or of the text; positions (commas,
contrasts, line breaks, quote marks) are found once per article and looked up by bisection;
the statements a content may be cut at, the kept statements of ``drop_nested`` and the people
a name or role resolves to are looked up by key, not scanned pair by pair. (``make bench``
times a 5 MB article and the one-sentence case.)

Modules (imports point one way, down this list):

============  ==============================================================================
records       ``Statement``, ``Person``; shared word lists (``resources/words/``) and regexes
units         ``split_units``: sentences of the quote-masked text (``text.sentence_spans``)
cues          ``cue_lexicon``, ``cue_tone``; finding the cues of a text
marks         ``find_quote_spans``; masking quoted text
speakers      the speaker noun phrase next to a cue
article       ``Article`` (one article's working state) and text-position helpers
cue_rules     the statements around one cue
nested        ``drop_nested``
free_quotes   quotes with no cue of their own
truncate      cutting a content at the next coordinated statement
filter        ``keep_statements``: the shipped candidate filter model (``load_model``)
people        the people introduced in an article, and their index
layouts       speaker turns of interviews and transcripts (``Name:``, ``Q:/A:``, ``((WN)) :``),
              credited embedded posts
ranker        ``rerank_speakers``: the shipped speaker ranker (``load_ranker``), a learned second
              opinion on the speaker mention of a cue
resolve       speaker resolution
identity      ``speaker_type``, ``link_speakers``: one speaker across articles
extract       ``extract_article``, ``candidate_statements``, ``extract_quotes``
share         ``quote_share`` and the report helpers of notebook 03
============  ==============================================================================
"""

from __future__ import annotations

from .article import Article
from .cues import CUE_FILE, cue_lexicon, cue_tone
from .extract import candidate_statements, extract_article, extract_quotes
from .free_quotes import FRAGMENTS_OF_MIXED, MIN_FRAGMENT_WORDS, MIN_FREE_QUOTE_WORDS
from .identity import identify_speakers, link_speakers, speaker_names, speaker_type
from .marks import find_quote_spans
from .nested import NESTED_OVERLAP, drop_nested
from .records import Person, Statement
from .share import (UNKNOWN_SPEAKER, left_out_note, left_out_table, merge_surnames, quote_share,
                    quoted_text_share, speaker_cues, speaker_evidence, top_speakers)
from .units import split_units

__all__ = [
    "Article", "CUE_FILE", "FRAGMENTS_OF_MIXED", "MIN_FRAGMENT_WORDS", "MIN_FREE_QUOTE_WORDS",
    "NESTED_OVERLAP", "Person", "Statement", "UNKNOWN_SPEAKER", "candidate_statements", "cue_lexicon",
    "cue_tone", "drop_nested", "extract_article", "extract_quotes", "find_quote_spans",
    "identify_speakers", "left_out_note", "left_out_table", "link_speakers", "merge_surnames",
    "quote_share", "quoted_text_share", "speaker_cues", "speaker_evidence", "speaker_names",
    "speaker_type", "split_units", "top_speakers",
]
