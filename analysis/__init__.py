"""Media-framing analysis: load news articles, find who is quoted and how terms are framed.

Modules (one concern each): ``corpus`` (loading), ``text`` (tokens, sentences, term matching),
``quotes``, ``sentiment``, ``framing``, ``features``, ``plots``, ``report``; apart from them
(run-time modules never import these) ``evaluation`` (accuracy on gold data) and ``training``
(retraining the shipped models). Import what you need, e.g.
``from analysis.corpus import load_articles``.
"""

__version__ = "0.2.0"
