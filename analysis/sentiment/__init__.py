"""How a term is talked about: target sentiment of term mentions, with the voice that carries it.

``score_targets(df)``
    The mention-level model. Input columns ``text``, ``start``, ``end`` (the target span, 0-based
    end-exclusive offsets into ``text``); output the same index with ``polarity`` (float in
    [-1, 1]: P(positive) - P(negative)) and ``label`` (``negative`` | ``neutral`` | ``positive``).

``term_sentiment(articles, terms)``
    The mentions table (``schema.MENTION_COLUMNS``): every occurrence of the terms, the sentence
    it is in, its voice (``narration`` or ``attributed`` to a speaker by
    ``quotes.extract_quotes``) and the target sentiment of the mention within its sentence.

``summarize_mentions`` / ``mentions_by_*``
    Counts and mean polarity per group with bootstrap 95% intervals.

Two engines give the same columns (``score_targets(..., engine=)``, ``term_sentiment(...,
engine=)``):

* ``fast`` (the default; modules ``features`` and ``model``, described below): offline,
  scikit-learn only at training time, numpy/scipy at run time;
* ``accurate`` (module ``accurate``): a MiniLM-L6 transformer fine-tuned on NewsMTSC train and the
  project's concept gold, run offline with onnxruntime from an int8 ONNX file; better on
  NewsMTSC and on the concept gold as a whole, but it misses framing cues such as the seed's
  (so it is not the default: see ``model.DEFAULT_ENGINE``).

The fast engine is a stacked ensemble of linear models trained on NewsMTSC train (Hamborg &
Donnay 2021, MIT):

* the target is masked by a placeholder ``<t>`` and the sentence is described by several views:
  the whole sentence (words, bigrams), words left / right of the target, a distance-weighted
  window around it (with the word right before and after, and word pairs), the clause that holds
  the target with negation marked, and character 2-5-grams of a +-60 character masked window;
* dense features: VADER lexicon valence (MIT, ``resources/sentiment/vader_lexicon.tsv``) summed
  over the sentence, the clause, the left and right windows and distance-weighted, with negation
  flipping the valence of the next three words; whether the target opens the sentence, is a
  pronoun, sits inside quotation marks, is the subject or object of a reporting verb;
* one multinomial logistic regression (balanced class weights) per view, a multinomial naive
  Bayes over the presence of all word and dense features, and a logistic regression over their
  out-of-fold log-probabilities (stacking, 5 folds grouped by sentence).

It is two such models (``model.FastEngine``): persons are scored by the one trained on NewsMTSC
train alone (``target_sentiment.npz``), concepts by one trained on NewsMTSC train and the
project's concept gold (``target_sentiment_concepts.npz``), so that learning how concepts are
framed does not change a person's score.

The artifact ``resources/sentiment/target_sentiment.npz`` holds only arrays (vocabularies,
coefficients, idf weights) and a JSON header; it loads with ``allow_pickle=False`` on any
numpy / scikit-learn version. ``python -m analysis train-sentiment --data PATH --out PATH``
(``analysis.training.sentiment``) trains a new one; NewsMTSC files are read by
``analysis.evaluation.read_newsmtsc``. A missing model file is an error
(``schema.ModelNotFoundError``).

Modules (imports point one way, down this list):

==========  ================================================================================
features    ``vader_lexicon``, ``target_features``, ``char_window``, ``word_char_ngrams``; the
            sparse matrices of the word and character views
accurate    ``AccurateModel``, ``load_accurate_model``, ``mark_target`` (the input of the
            transformer), ``load_tokenizer``
model       ``TargetSentimentModel``, ``load_model`` (cached; ``clear_model_cache``),
            ``FastEngine``, ``load_fast_engine``, ``ENGINES``, ``load_engine``,
            ``score_targets``, ``polarity_from_proba``
mentions    ``find_mentions``, ``assign_voice``, ``term_sentiment``
summaries   ``summarize_mentions``, ``bootstrap_mean_ci``, ``mentions_by_*``, ``mention_evidence``
==========  ================================================================================

The run-time modules never import ``analysis.training`` or ``analysis.evaluation``. The
constants (paths, ``VIEWS``, ``WINDOW``...) are read by the submodules that define them: set them
there, not here.
"""

from __future__ import annotations

from .features import (CHAR_NGRAMS, CHAR_WINDOW, NB_ALPHA, NB_VIEW, SENTIMENT_DIR, VADER_PATH, VIEWS, WINDOW,
                       char_window, target_features, vader_lexicon, word_char_ngrams)
from .mentions import assign_voice, find_mentions, term_sentiment
from .accurate import TARGET_KINDS, AccurateModel, load_accurate_model, mark_target
from .model import (CONCEPT_MODEL_PATH, DEFAULT_ENGINE, ENGINES, MODEL_PATH, FastEngine,
                    TargetSentimentModel, check_engine, load_engine, load_fast_engine, load_model,
                    polarity_from_proba, score_targets)
from .summaries import (bootstrap_mean_ci, mention_evidence, mentions_by_article, mentions_by_month,
                        mentions_by_outlet, mentions_by_speaker, summarize_mentions)

__all__ = [
    "AccurateModel", "CHAR_NGRAMS", "CHAR_WINDOW", "CONCEPT_MODEL_PATH", "DEFAULT_ENGINE", "ENGINES",
    "FastEngine", "MODEL_PATH", "NB_ALPHA", "NB_VIEW", "SENTIMENT_DIR", "TARGET_KINDS",
    "TargetSentimentModel", "VADER_PATH", "VIEWS", "WINDOW", "assign_voice", "bootstrap_mean_ci",
    "char_window", "check_engine", "find_mentions", "load_accurate_model", "load_engine", "load_fast_engine",
    "load_model", "mark_target", "mention_evidence", "mentions_by_article", "mentions_by_month",
    "mentions_by_outlet", "mentions_by_speaker", "polarity_from_proba", "score_targets", "summarize_mentions",
    "target_features", "term_sentiment", "vader_lexicon", "word_char_ngrams",
]
