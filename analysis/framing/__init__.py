"""Framing measures: what separates two outlets' language, how a term is used, which frames.

- ``top_terms``: most frequent words.
- ``keyness``: 1-3 word phrases that separate two groups (log-odds ratio with an informative
  Dirichlet prior, Monroe, Colaresi & Quinn 2008).
- ``score_frames`` / ``frame_profile``: per-article scores on the 15 dimensions of the Policy
  Frames Codebook from ``resources/frames/policy_frames.tsv``.
- ``train_frame_classifier``: a scikit-learn pipeline for articles users coded themselves.
- ``discover_frames``: unsupervised frame discovery with NMF.
- ``cue_verb_profile`` / ``top_cues``: the reporting verbs each group uses.
- ``kwic``, ``term_salience`` / ``salience_summary``, ``scare_quotes`` / ``scare_quote_summary``:
  how a term is presented.

Every function takes the table its rows come from first (articles; quotes for the reporting
verbs; a ``term_salience`` or ``scare_quotes`` table for their summaries) and everything else
keyword-only: ``articles=`` (group columns merged on ``article_id``), ``by=`` (a column, a
sequence of columns or None for the whole table, see ``schema.group_keys``). A missing group
value is labelled ``schema.UNKNOWN_GROUP``. ``keyness`` compares two groups: a sequence ``by``
groups by the combination of its columns (labels joined by " · ", e.g. "Sputnik · 2024"), and
``a``/``b`` may then be given as such a label or as a tuple of values. A corpus that cannot
support an analysis (one group only, too few articles) raises ``schema.InsufficientDataError``.

One module per measure: ``vocabulary`` (``top_terms``, ``count_ngrams``, ``two_groups``,
``keyness``), ``frames`` (frame lexicon and scores, classifier, discovery), ``cues`` (reporting
verbs), ``salience`` (``kwic``, ``term_salience``, ``salience_summary``), ``scare`` (scare
quotes); ``groups`` holds the per-group total they share. Import the names from
``analysis.framing``.
"""

from __future__ import annotations

from .cues import cue_verb_profile, top_cues
from .frames import (FRAMES, MIN_ARTICLES_FOR_DISCOVERY, FrameClassifier, discover_frames,
                     frame_profile, load_frame_lexicon, score_frames, train_frame_classifier)
from .salience import kwic, salience_summary, term_salience
from .scare import scare_quote_summary, scare_quotes
from .vocabulary import GROUP_SEPARATOR, count_ngrams, keyness, keyness_evidence, top_terms, two_groups

__all__ = [
    "FRAMES", "GROUP_SEPARATOR", "MIN_ARTICLES_FOR_DISCOVERY", "FrameClassifier", "count_ngrams",
    "cue_verb_profile", "discover_frames", "frame_profile", "keyness", "keyness_evidence", "kwic", "load_frame_lexicon",
    "salience_summary", "scare_quote_summary", "scare_quotes", "score_frames", "term_salience",
    "top_cues", "top_terms", "train_frame_classifier", "two_groups",
]
