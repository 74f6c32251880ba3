"""Validation figures (analysis.evaluation): the scoring rules, agreement with the shared scorer,
run_validation's table and files; run-time modules never import evaluation or training."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis import evaluation as ev
from analysis.evaluation import quotes as evq

SHARED_SCORER = config.SHARED_EVAL_DIR / "score_quotes.py"
POLNEAR_TRAIN = config.SHARED_DATA_DIR / "polnear" / "train.jsonl"

TEXT = ('"We are ready," Russian Defense Minister Sergei Shoigu said. He noted that the talks '
        "would continue. According to the Kremlin, sanctions failed.")


def gold_article() -> dict:
    """A hand-made article in the PolNeAR gold format (offsets into TEXT)."""
    def span(s: str) -> tuple[int, int]:
        i = TEXT.index(s)
        return i, i + len(s)

    q1, s1 = span('"We are ready,"'), span("Russian Defense Minister Sergei Shoigu")
    q2, s2 = span("that the talks would continue"), span("He")
    q3, s3 = span("sanctions failed"), span("the Kremlin")
    quotes = []
    for (qs, qe), (ss, se), kind, pron in ((q1, s1, "direct", False), (q2, s2, "indirect", True),
                                           (q3, s3, "indirect", False)):
        quotes.append({"start": qs, "end": qe, "content_spans": [[qs, qe]],
                       "speaker": TEXT[ss:se], "speaker_spans": [[ss, se]],
                       "speaker_is_pronoun": pron, "kind_detail": kind})
    return {"id": "t1", "text": TEXT, "quotes": quotes}


def test_name_tokens_and_pronouns():
    assert evq.name_tokens("Sen. Ted Cruz's") == {"ted", "cruz"}
    assert evq.name_tokens("President Obama") & evq.name_tokens("President Trump") == set()
    assert evq.is_pronoun_speaker("He") and not evq.is_pronoun_speaker("Shoigu")
    assert evq.speaker_key_string("The Post's") == "post"


@pytest.mark.parametrize("pred, expected", [((70, 100), True), ((71, 100), False), ((0, 200), True)])
def test_lenient_overlap_uses_the_longer_span(pred, expected):
    gold = ev.ScoredQuote(0, 100, "", None, None, [], 0, False)
    p = ev.ScoredQuote(pred[0], pred[1], "", None, None, [], pred[0], False)
    assert (evq.span_overlap(gold, p) >= 0.3) is expected


def test_greedy_matching_is_one_to_one():
    g = [ev.ScoredQuote(0, 10, "", None, None, [], 0, False),
         ev.ScoredQuote(5, 15, "", None, None, [], 5, False)]
    p = [ev.ScoredQuote(5, 15, "", None, None, [], 5, False)]
    assert ev.match_quotes(g, p, 0.3) == [(1, 0)]


def test_gold_scored_against_itself_is_perfect():
    art = gold_article()
    preds = {"t1": {"id": "t1", "quotes": [
        {"start": q["start"], "end": q["end"], "speaker": q["speaker"],
         "speaker_start": q["speaker_spans"][0][0], "speaker_end": q["speaker_spans"][0][1],
         "kind": q["kind_detail"]} for q in art["quotes"]]}}
    figures = ev.score_quotes([art], preds)
    assert figures["lenient_F1"] == figures["strict_F1"] == 1.0
    assert figures["lenient_speaker_accuracy"] == 1.0
    assert figures["share_tvd_all"] == 0.0
    empty = ev.score_quotes([art], {})
    assert empty["lenient_R"] == 0.0 and empty["share_tvd_all"] == 1.0


def test_extractor_on_the_hand_made_article():
    art = gold_article()
    preds = ev.predict_articles([art])
    figures = ev.score_quotes([art], {p["id"]: p for p in preds})
    assert figures["lenient_R"] == 1.0 and figures["lenient_P"] == 1.0
    assert figures["lenient_speaker_accuracy"] == 1.0
    assert figures["lenient_R_direct"] == 1.0
    he = next(q for q in preds[0]["quotes"] if q["start"] == TEXT.index("that the talks"))
    assert he["speaker"] == "Sergei Shoigu"
    assert TEXT[he["speaker_start"]:he["speaker_end"]] == "He"


def _run_shared_scorer(gold: Path, pred: Path, out: Path) -> dict:
    subprocess.run([sys.executable, str(SHARED_SCORER), "--gold", str(gold), "--pred",
                    f"ours={pred}", "--json", str(out)], check=True, capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))["systems"]["ours"]


@pytest.fixture(scope="module")
def train_sample(tmp_path_factory) -> Path:
    """The first 25 PolNeAR *train* articles (never dev) as a gold file."""
    if not SHARED_SCORER.exists() or not POLNEAR_TRAIN.exists():
        pytest.skip("shared scorer or PolNeAR train not available (../shared)")
    folder = tmp_path_factory.mktemp("gold")
    with open(POLNEAR_TRAIN, encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(25)]
    path = folder / "sample.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def project_gold(tmp_path_factory) -> Path:
    """The project's own Wikinews attribution gold (canonical speakers) as one gold file."""
    parts = sorted(config.WIKINEWS_GOLD.glob("*.jsonl"))
    if not SHARED_SCORER.exists() or not parts:
        pytest.skip("shared scorer or the project's Wikinews gold not available")
    path = tmp_path_factory.mktemp("gold") / "wikinews.jsonl"
    path.write_text("".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
    return path


@pytest.mark.parametrize("gold_fixture", ["train_sample", "project_gold"])
def test_same_figures_as_the_shared_scorer(gold_fixture, request, tmp_path):
    gold = request.getfixturevalue(gold_fixture)
    preds = ev.predict_polnear(gold)
    pred_path = ev.write_predictions(preds, tmp_path / "pred.jsonl")
    theirs = _run_shared_scorer(gold, pred_path, tmp_path / "scores.json")
    ours = ev.score_quotes(ev.load_jsonl(gold), {p["id"]: p for p in preds})
    for level in ("lenient", "strict"):
        for k in ("P", "R", "F1"):
            assert ours[f"{level}_{k}"] == pytest.approx(theirs[level]["quotes"][k])
            assert ours[f"{level}_end_to_end_{k}"] == pytest.approx(theirs[level]["end_to_end"][k])
        assert ours[f"{level}_speaker_accuracy"] == pytest.approx(theirs[level]["speaker_accuracy"])
        for kind in evq.QUOTE_KINDS:
            assert ours[f"{level}_R_{kind}"] == pytest.approx(theirs[level]["recall_by_kind"][kind])
        for t in evq.SOURCE_TYPES:
            assert ours[f"{level}_speaker_accuracy_{t}"] == pytest.approx(
                theirs[level]["speaker_accuracy_by_gold_source"][t]["acc"])
    assert ours["share_tvd_all"] == pytest.approx(theirs["share_tvd_all"]["mean"])
    assert ours["share_tvd_quoted"] == pytest.approx(theirs["share_tvd_quoted"]["mean"])
    assert (ours["n_gold"], ours["n_pred"]) == (theirs["n_gold"], theirs["n_pred"])


@pytest.mark.parametrize("speaker, expected", [
    ("Sergei Shoigu", True), ("Shoigu", True), ("Kremlin", False), ("He", False), (None, False)])
def test_canonical_gold_compares_resolved_names(speaker, expected):
    """With "speaker_form": "canonical", the gold "He" is Sergei Shoigu: the right mention ("He")
    resolved to the wrong name is wrong, the right name is right wherever it points."""
    art = gold_article()
    art["speaker_form"] = "canonical"
    he = art["quotes"][1]
    he["speaker"] = "Sergei Shoigu"
    span = he["speaker_spans"][0]
    pred = {"id": "t1", "quotes": [{"start": he["start"], "end": he["end"], "speaker": speaker,
                                    "speaker_start": span[0], "speaker_end": span[1], "kind": "indirect"}]}
    figures = ev.score_quotes([art], {"t1": pred})
    assert figures["lenient_speaker_accuracy"] == (1.0 if expected else 0.0)


def test_run_validation_writes_the_long_table(train_sample, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "WIKINEWS_GOLD", tmp_path / "no-project-gold")
    monkeypatch.setattr(config, "CONCEPT_HELDOUT", tmp_path / "no-project-gold.jsonl")
    gold_dir = tmp_path / "gold"
    (gold_dir / "polnear").mkdir(parents=True)
    # a train sample stands in for dev here: tests never read the real dev file
    (gold_dir / "polnear" / "dev.jsonl").write_text(train_sample.read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    table = ev.run_validation(gold_dir, tmp_path / "out")
    assert list(table.columns) == ["task", "dataset", "metric", "value"]
    assert set(table["dataset"]) == {"polnear/dev"}
    metrics = table.set_index("metric")["value"]
    assert metrics["n_articles"] == 25
    assert 0 < metrics["lenient_F1"] <= 1 and metrics["articles_per_s"] > 0
    assert pd.read_csv(tmp_path / "out" / "validation.csv").shape == table.shape
    assert len(json.loads((tmp_path / "out" / "validation.json").read_text())) == len(table)


def test_run_validation_skips_missing_gold(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(config, "WIKINEWS_GOLD", tmp_path / "no-project-gold")
    monkeypatch.setattr(config, "CONCEPT_HELDOUT", tmp_path / "no-project-gold.jsonl")
    table = ev.run_validation(tmp_path, tmp_path / "out")
    assert table.empty and list(table.columns) == ["task", "dataset", "metric", "value"]
    assert "skipped" in capsys.readouterr().out


def test_run_validation_needs_a_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        ev.run_validation(tmp_path / "missing", tmp_path / "out")


def test_cue_statistics_on_a_tiny_file(tmp_path):
    path = tmp_path / "g.jsonl"
    art = gold_article()
    i = TEXT.index("noted")
    art["quotes"][1]["cue_spans"] = [[i, i + 5]]
    path.write_text(json.dumps(art) + "\n", encoding="utf-8")
    stats = ev.cue_statistics(path, min_count=1)
    assert stats.set_index("word").loc["noted", "rate"] == 1.0


RUNTIME = ("corpus", "text", "quotes", "sentiment", "framing", "features", "plots", "report",
           "schema", "config", "_compat")


def _imported_modules(path: Path, package: str) -> set[str]:
    """Absolute names of every module ``path`` imports, at any depth (inside functions too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(p for p in (base, node.module) if p)
            names.update([module, *(f"{module}.{alias.name}" for alias in node.names)])
    return names


def test_runtime_modules_never_import_evaluation_or_training():
    root = config.PACKAGE_DIR
    files = [f for name in RUNTIME for f in ([root / f"{name}.py"] + sorted((root / name).glob("**/*.py")))
             if f.exists()]
    assert len(files) > 10
    for path in files:
        package = ".".join(("analysis", *path.relative_to(root).parent.parts))
        bad = {m for m in _imported_modules(path, package)
               if m.startswith(("analysis.evaluation", "analysis.training"))}
        assert not bad, f"{path.relative_to(root)} imports {sorted(bad)}"


def test_errors_add_up_to_the_scorer_figures():
    """Every statement the scorer counts against the system is listed once by the error reader:
    missed = gold - matched, false = predicted - matched, speaker = matched with a wrong speaker."""
    from analysis.evaluation import errors

    gold = errors.read_gold(config.WIKINEWS_GOLD)
    preds = ev.predict_articles(gold)
    figures = ev.score_quotes(gold, {p["id"]: p for p in preds})
    found = errors.find_errors(gold, preds)
    kinds = {k: sum(e.kind == k for e in found) for k in errors.ERROR_KINDS}
    matched = round(figures["lenient_R"] * figures["n_gold"])
    assert kinds["missed"] == figures["n_gold"] - matched
    assert kinds["false"] == figures["n_pred"] - matched
    assert kinds["speaker"] == round(matched * (1 - figures["lenient_speaker_accuracy"]))
    assert all(e.text == next(a for a in gold if a["id"] == e.article_id)["text"][e.start:e.end]
               for e in found)


@pytest.mark.parametrize("name, held_out", [("latest_train.jsonl", False), ("train.jsonl", False),
                                            ("dev2.jsonl", True), ("newsmtsc_test.jsonl", True)])
def test_one_rule_names_held_out_files(name, held_out):
    assert ev.gold.is_held_out(name) is held_out


@pytest.mark.parametrize("name", ["dev.jsonl", "test.jsonl", "dev_rw.jsonl", "polnear-dev.jsonl"])
def test_errors_refuse_held_out_gold(name, tmp_path):
    from analysis.evaluation import errors

    path = tmp_path / name
    path.write_text("", encoding="utf-8")
    with pytest.raises(SystemExit, match="held-out"):
        errors.read_gold(path)


def test_errors_refuse_a_folder_holding_dev(tmp_path):
    from analysis.evaluation import errors

    for name in ("train.jsonl", "dev.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    with pytest.raises(SystemExit, match="dev.jsonl"):
        errors.read_gold(tmp_path)


def test_errors_read_train_named_anything(tmp_path):
    from analysis.evaluation import errors

    path = tmp_path / "latest" / "polnear_train.jsonl"
    path.parent.mkdir()
    path.write_text(json.dumps({"id": "a", "text": "x", "quotes": []}) + "\n", encoding="utf-8")
    assert [a["id"] for a in errors.read_gold(path)] == ["a"]


def test_errors_keep_each_prediction_with_its_own_cue_after_an_invalid_span():
    from analysis.evaluation import errors

    text = "Smith said it rained. Jones said it snowed."
    gold = [{"id": "a", "text": text, "quotes": []}]
    preds = [{"id": "a", "quotes": [
        {"start": 5, "end": 999, "speaker": "X", "kind": "indirect", "cue": "bad", "mention": "X"},
        {"start": 33, "end": 42, "speaker": "Jones", "kind": "indirect", "cue": "said",
         "mention": "Jones"}]}]
    found = errors.find_errors(gold, preds)
    assert [(e.kind, e.text, e.cue, e.pred_mention) for e in found] == [
        ("false", "it snowed", "said", "Jones")]
