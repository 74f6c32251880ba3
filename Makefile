# Media-framing analysis: `make report` builds the HTML reports, `make test` runs the tests.
# Both create the virtual environment in .venv/ first when it is missing or out of date.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
GOLD ?= ../shared/data

.PHONY: help setup report test bench validate lint clean check-pages screenshot

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,scale]'
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the package with its dependencies

report: $(STAMP) ## Run every notebook on the embedded corpus into reports/ (reports/index.html)
	$(PY) -m analysis report

test: $(STAMP) ## Unit tests and every notebook executed
	$(PY) -m pytest -q

check-pages: $(STAMP) ## Open reports/ in headless Chromium: console errors, broken links or images, overflow; screenshots in reports/_screenshots
	$(PY) -m analysis.pages.browser reports

screenshot: report ## Refresh docs/index.png, the README's picture of the index, with the same browser check
	$(PY) -m analysis.pages.browser reports --readme-shot docs/index.png

lint: $(STAMP) ## Static checks: ruff, then the import contracts of pyproject.toml (import-linter)
	$(PY) -m ruff check analysis tests benchmarks
	$(VENV)/bin/lint-imports

bench: $(STAMP) ## Speed figures (articles/s, memory), printed and written to benchmarks/results/
	$(PY) -m benchmarks.bench --gold-dir $(GOLD)

validate: $(STAMP) ## Accuracy on the shared gold data (GOLD=../shared/data)
	$(PY) -m analysis evaluate --gold-dir $(GOLD)

OUT ?=
# the fast concept model's weight of each concept mention (chosen by cross-validation on the concept gold)
FAST_CONCEPT_WEIGHT ?= 3
.PHONY: train-quote-filter train-speaker-ranker train-sentiment train-sentiment-fast

train-quote-filter: $(STAMP) ## Retrain the quote filter on GOLD/polnear/train.jsonl into OUT=file.json (required)
	@test -n "$(OUT)" || { echo "make train-quote-filter needs OUT=path/to/quote_filter.json" >&2; exit 2; }
	$(PY) -m analysis train-quote-filter --gold $(GOLD)/polnear/train.jsonl --out $(OUT)

train-speaker-ranker: $(STAMP) ## Retrain the speaker ranker on GOLD/polnear/train.jsonl into OUT=file.json (required)
	@test -n "$(OUT)" || { echo "make train-speaker-ranker needs OUT=path/to/speaker_ranker.json" >&2; exit 2; }
	$(PY) -m analysis train-speaker-ranker --gold $(GOLD)/polnear/train.jsonl --out $(OUT)

train-sentiment: $(STAMP) ## Retrain the accurate sentiment engine (needs the train extra) into the folder OUT=dir (required)
	@test -n "$(OUT)" || { echo "make train-sentiment needs OUT=folder (three model files go there)" >&2; exit 2; }
	$(PY) -m pip install --quiet -e '.[dev,scale,train]'
	$(PY) -m analysis train-sentiment --engine accurate --data $(GOLD)/newsmtsc/train.jsonl --gold-dir $(GOLD) --out $(OUT)

train-sentiment-fast: $(STAMP) ## Retrain the fast sentiment engine's two models (persons: OUT=file.npz, required; concepts: beside it, *_concepts.npz)
	@test -n "$(OUT)" || { echo "make train-sentiment-fast needs OUT=path/to/target_sentiment.npz" >&2; exit 2; }
	$(PY) -m analysis train-sentiment --engine fast --data $(GOLD)/newsmtsc/train.jsonl --out $(OUT)
	$(PY) -m analysis train-sentiment --engine fast --data $(GOLD)/newsmtsc/train.jsonl --gold-dir $(GOLD) \
		--concepts data/gold/concept_sentiment/mentions.jsonl --concept-weight $(FAST_CONCEPT_WEIGHT) \
		--out $(OUT:.npz=)_concepts.npz

clean: ## Remove generated reports and caches (keeps .venv)
	rm -rf reports data/interim .pytest_cache .import_linter_cache
