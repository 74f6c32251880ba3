"""Retraining the shipped models, writing only to an explicit output path:

==============  ===============================================================================
quote_filter    ``train_quote_filter`` (the quote candidate filter, on PolNeAR train);
                ``python -m analysis.training.quote_filter --gold PATH --out PATH``
sentiment       ``train_sentiment_model``, ``fit_stacked_model`` (the fast target-sentiment engine,
                on NewsMTSC train); ``python -m analysis train-sentiment --data PATH --out PATH``
sentiment_      ``train_accurate_model`` (the accurate engine: fine-tuning and ONNX export; needs
transformer     the train extra); ``make train-sentiment OUT=DIR``
target_         ``TargetClassifier``: the accurate engine's network while it trains (encoder and
classifier      a head reading ``[CLS]`` and the target's mark; needs torch)
speaker_ranker  ``train_speaker_ranker`` (on PolNeAR train); ``make train-speaker-ranker OUT=PATH``
==============  ===============================================================================

Uses ``analysis.evaluation`` (gold readers, the scorer's matching) and the run-time modules;
run-time modules never import this package. Import from the submodules (this file imports
nothing, so ``python -m analysis.training.quote_filter`` runs without a double import).
"""
