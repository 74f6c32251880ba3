"""Retraining the shipped models, writing only to an explicit output path:

==============  ===============================================================================
quote_filter    ``train_quote_filter`` (the quote candidate filter, on PolNeAR train);
                ``python -m analysis.training.quote_filter --gold PATH --out PATH``
sentiment       ``train_sentiment_model``, ``fit_stacked_model`` (the stacked target-sentiment
                model, on NewsMTSC train); ``python -m analysis train-sentiment --data PATH --out PATH``
==============  ===============================================================================

Uses ``analysis.evaluation`` (gold readers, the scorer's matching) and the run-time modules;
run-time modules never import this package. Import from the submodules (this file imports
nothing, so ``python -m analysis.training.quote_filter`` runs without a double import).
"""
