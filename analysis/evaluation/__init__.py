"""Accuracy against gold data (``make validate``): gold readers, the quote and target-sentiment
scorers (mirroring ``../shared/eval``), predictions in the scorers' format, cue statistics.

==========  ================================================================================
gold        ``load_jsonl``, ``read_newsmtsc``, ``read_concept_gold``, ``concept_gold_as_newsmtsc``,
            ``POLARITY_CODES``, ``write_predictions``
quotes      PolNeAR scoring (``score_quotes``, ``match_quotes``...), ``predict_polnear``
sentiment   NewsMTSC scoring (``score_sentiment``), ``predict_newsmtsc``, ``concept_agreement``
validate    ``VALIDATORS``, ``run_validation``, ``main`` (``python -m analysis.evaluation``)
cues        ``cue_statistics``
==========  ================================================================================

Run-time modules never import this package; it imports them (``quotes``, ``sentiment``).
"""

from __future__ import annotations

from .cues import cue_statistics
from .gold import (POLARITY_CODES, concept_gold_as_newsmtsc, load_jsonl, read_concept_gold, read_newsmtsc,
                   write_predictions)
from .quotes import (QUOTE_METRICS, ScoredQuote, match_quotes, predict_articles, predict_polnear,
                     score_quotes)
from .sentiment import concept_agreement, predict_newsmtsc, score_sentiment
from .validate import VALIDATORS, run_validation, validate_quotes, validate_sentiment

__all__ = [
    "POLARITY_CODES", "QUOTE_METRICS", "VALIDATORS", "ScoredQuote", "concept_agreement", "concept_gold_as_newsmtsc",
    "cue_statistics",
    "load_jsonl", "read_concept_gold",
    "match_quotes", "predict_articles", "predict_newsmtsc", "predict_polnear", "read_newsmtsc",
    "run_validation", "score_quotes", "score_sentiment", "validate_quotes", "validate_sentiment",
    "write_predictions",
]
