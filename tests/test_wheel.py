"""A wheel that works: built from this repository, installed into a fresh virtual environment
outside it, ``media-framing report`` writes every report from an empty folder. A report run
that finds no notebooks, or no corpus, is an error, never an empty index.

The fresh environment gets its dependencies from the environment running the tests through a
``.pth`` file listing that environment's site-packages folders. A path in a ``.pth`` file is
only added to ``sys.path``; the ``.pth`` files inside it (such as the editable install's finder)
are not processed, so ``import analysis`` finds the wheel's copy. Nothing is written into the
repository: the wheel is built from a copy of the files it needs.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import config, report
from analysis import sentiment as sn
from analysis.__main__ import main
from analysis.corpus import load_articles
from analysis.report import ReportError, build_reports, list_notebooks

REPO_ROOT = Path(__file__).resolve().parents[1]
BUILD_FILES = ("pyproject.toml", "README.md", "LICENSE")
NOTEBOOKS = [nb.stem for nb in sorted((REPO_ROOT / "analysis" / "notebooks").glob("*.ipynb"))]


def run(args: list, *, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


def build_wheel(tmp: Path) -> Path:
    """Build the wheel from a copy of the files the build reads (setuptools writes build/ and
    *.egg-info next to its input); returns the wheel's path. The build warns of nothing (pip's
    ``-v`` shows the build backend's output, where setuptools prints its warnings)."""
    source = tmp / "source"
    source.mkdir()
    for name in BUILD_FILES:
        shutil.copy2(REPO_ROOT / name, source / name)
    shutil.copytree(REPO_ROOT / "analysis", source / "analysis",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    done = run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation",
                "--no-index", "-w", tmp / "dist", source], cwd=tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    # any warning line ("SetuptoolsDeprecationWarning", "warning: no files found matching ..."),
    # except the note that pip's build skips byte-compiling
    warnings = [line for line in (done.stdout + done.stderr).splitlines()
                if "warning" in line.lower() and "byte-compiling is disabled" not in line]
    assert not warnings, warnings
    (wheel,) = (tmp / "dist").glob("media_framing_analysis-*.whl")
    return wheel


def make_venv(tmp: Path, wheel: Path) -> Path:
    """A fresh virtual environment with the wheel installed and, through a ``.pth`` file, the
    running environment's site-packages on its path; returns its ``bin`` folder."""
    venv = tmp / "venv"
    done = run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    assert done.returncode == 0, done.stderr
    bindir = venv / "bin"
    done = run([sys.executable, "-m", "pip", "--python", bindir / "python", "install", "--no-deps",
                "--no-index", wheel], cwd=tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    purelib = run([bindir / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                  cwd=tmp).stdout.strip()
    ours = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (Path(purelib) / "_test_dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    return bindir


def clean_env() -> dict:
    """The environment for the installed command: no project root or Python path from the test
    run; nbconvert's templates (installed in the test environment's share/jupyter) visible."""
    from jupyter_core.paths import ENV_JUPYTER_PATH

    env = {k: v for k, v in os.environ.items()
           if k not in ("MEDIA_FRAMING_ROOT", "PYTHONPATH", "JUPYTER_PATH")}
    env["JUPYTER_PATH"] = os.pathsep.join(ENV_JUPYTER_PATH)
    return env


def write_small_corpus(path: Path) -> None:
    """Three articles from two outlets: the seed article (Sputnik) and two Wikinews articles."""
    seed = load_articles(config.RAW_DIR / "seed" / "000_ef8f72d60f8827d6.txt").iloc[0]
    rows = [{"id": "seed", "outlet": seed["outlet"], "date": seed["date"].date().isoformat(),
             "title": seed["title"], "text": seed["text"]}]
    with open(config.RAW_DIR / "wikinews" / "wikinews.jsonl", encoding="utf-8") as fh:
        rows += [json.loads(next(fh)) for _ in range(2)]
    keys = ("id", "outlet", "date", "title", "text")
    path.write_text("".join(json.dumps({k: r[k] for k in keys}) + "\n" for r in rows),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The ``bin`` folder of a fresh environment with the wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    return make_venv(tmp, build_wheel(tmp))


def test_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path):
    done = run([installed / "python", "-c",
                "import sys, analysis; from analysis import config; print(analysis.__file__); "
                "print(config.PROJECT_ROOT); print(config.NOTEBOOKS_DIR); "
                "print(any('__editable__' in m for m in sys.modules))"],
               cwd=tmp_path, env=clean_env())
    assert done.returncode == 0, done.stderr
    module, root, notebooks, editable = done.stdout.splitlines()
    venv = installed.parent.resolve()
    assert Path(module).resolve().is_relative_to(venv), module
    assert not Path(module).resolve().is_relative_to(REPO_ROOT)
    assert editable == "False"
    assert Path(root) == tmp_path.resolve()                  # no repository around: the cwd
    assert sorted(p.stem for p in Path(notebooks).glob("*.ipynb")) == NOTEBOOKS
    done = run([installed / "python", "-c", "from analysis import config; print(config.PROJECT_ROOT)"],
               cwd=tmp_path, env={**clean_env(), "MEDIA_FRAMING_ROOT": str(REPO_ROOT)})
    assert Path(done.stdout.strip()) == REPO_ROOT


def test_installed_accurate_engine_loads_its_onnx_model_from_the_wheel(installed, tmp_path):
    code = ("import pandas as pd; from analysis import sentiment as sn; "
            "m = sn.load_accurate_model(); print(sn.accurate.ONNX_PATH); "
            "t = 'The so-called color revolutions brought chaos and war.'; "
            "print(sn.score_targets(pd.DataFrame([{'text': t, 'start': 14, 'end': 31}]), engine='accurate')"
            "['label'].iloc[0]); "
            "import sys; print('torch' in sys.modules)")
    done = run([installed / "python", "-c", code], cwd=tmp_path, env=clean_env())
    assert done.returncode == 0, done.stderr
    path, label, torch_loaded = done.stdout.splitlines()
    assert Path(path).resolve().is_relative_to(installed.parent.resolve()), path
    checkout = sn.score_targets(pd.DataFrame([{"text": "The so-called color revolutions brought chaos and war.",
                                               "start": 14, "end": 31}]), engine="accurate")
    assert label == checkout["label"].iloc[0] and torch_loaded == "False"


def test_installed_report_writes_every_report(installed, tmp_path):
    write_small_corpus(tmp_path / "small.jsonl")
    done = run([installed / "media-framing", "report", "--corpus", "small.jsonl", "--out", "out"],
               cwd=tmp_path, env=clean_env())
    assert done.returncode == 0, done.stdout + done.stderr
    out = tmp_path / "out"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert len(NOTEBOOKS) == 4 and index.count('<section class="report"') == 4   # the templates ship
    assert "This report failed" not in index
    assert "articles loaded</th><td>3</td>" in index
    for name in NOTEBOOKS:
        assert f'<a href="{name}.html">Full report</a>' in index, name
        assert f'src="{name}/key_chart.png"' in index and (out / name / "key_chart.png").exists(), name
        assert (out / f"{name}.html").stat().st_size > 0, name
        assert list((out / name).glob("*.csv")), name
    assert not (tmp_path / "reports").exists() and not (tmp_path / "data").exists()


def test_installed_report_without_a_corpus_is_an_error(installed, tmp_path):
    done = run([installed / "media-framing", "report", "--out", "out"], cwd=tmp_path,
               env=clean_env())
    assert done.returncode == 2, done.stdout + done.stderr
    assert "pass --corpus" in done.stderr and "does not exist" in done.stderr
    assert not (tmp_path / "out").exists()


def test_installed_report_without_notebooks_is_an_error(installed, tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nSome text of an article.\n", encoding="utf-8")
    notebooks = run([installed / "python", "-c",
                     "from analysis import config; print(config.NOTEBOOKS_DIR)"],
                    cwd=tmp_path, env=clean_env()).stdout.strip()
    moved = tmp_path / "moved_notebooks"
    shutil.move(notebooks, moved)
    try:
        done = run([installed / "media-framing", "report", "--corpus", "a.txt", "--out", "out"],
                   cwd=tmp_path, env=clean_env())
    finally:
        shutil.move(moved, notebooks)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "no report notebooks" in done.stderr and notebooks in done.stderr
    assert "reports written" not in done.stdout
    assert not (tmp_path / "out" / "index.html").exists()


# --------------------------------------------------------------------------------------------
# the same errors, in process
# --------------------------------------------------------------------------------------------

def test_no_notebooks_is_an_error_not_an_empty_index(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "notebooks"
    empty.mkdir()
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", empty)
    with pytest.raises(ReportError, match=f"no report notebooks .* in {empty}"):
        list_notebooks()
    corpus = tmp_path / "a.txt"
    corpus.write_text("Title\n\nSome text of an article.\n", encoding="utf-8")
    code = main(["report", "--corpus", str(corpus), "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith(f"error: no report notebooks (NN_name.ipynb) in {empty}")
    assert "reports written" not in captured.out
    assert not (tmp_path / "out").exists()


def test_missing_default_corpus_asks_for_one(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "DEFAULT_CORPUS", tmp_path / "data" / "raw")
    with pytest.raises(ReportError, match="pass --corpus"):
        build_reports(out_dir=tmp_path / "out", progress=False)
    with pytest.raises(ReportError, match="MEDIA_FRAMING_ROOT"):
        report.load_report_corpus(None)
    assert not (tmp_path / "out").exists()


def test_report_without_the_report_extra_says_what_to_install(tmp_path, monkeypatch, capsys):
    real = report.importlib.util.find_spec
    monkeypatch.setattr(report.importlib.util, "find_spec",
                        lambda name, *a: None if name == "papermill" else real(name, *a))
    code = main(["report", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert "needs papermill, which is not installed" in err
    assert "pip install 'media-framing-analysis[report]'" in err
    assert not (tmp_path / "out").exists()
