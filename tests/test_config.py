"""Where the package finds its own files (importlib.resources) and the project root
(MEDIA_FRAMING_ROOT, else the repository holding the package, else the current folder)."""

from __future__ import annotations

import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

from analysis import config
from analysis.config import find_package_dir, find_project_root, read_project_name

REPO_ROOT = Path(__file__).resolve().parents[1]


def write_pyproject(folder: Path, name: str) -> Path:
    """A fake project folder holding a package folder ``analysis``; returns the package folder."""
    (folder / "pyproject.toml").write_text(
        f'[build-system]\nrequires = ["setuptools"]\n\n[project]\nname = "{name}"\n'
        'version = "1"\n\n[tool.other]\nname = "media-framing-analysis"\n', encoding="utf-8")
    package = folder / "analysis"
    package.mkdir()
    return package


def test_package_files_are_found_with_importlib_resources():
    located = files("analysis")
    assert isinstance(located, Path) and located.resolve() == config.PACKAGE_DIR
    assert config.RESOURCES_DIR == config.PACKAGE_DIR / "resources"
    assert config.NOTEBOOKS_DIR == config.PACKAGE_DIR / "notebooks"
    assert (located / "resources" / "cue_verbs.tsv").is_file()
    assert (located / "resources" / "sentiment" / "target_sentiment.npz").is_file()
    assert (located / "resources" / "sentiment" / "target_sentiment_concepts.npz").is_file()
    notebooks = sorted(p.name for p in config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    assert notebooks == ["01_corpus_overview.ipynb", "02_term_sentiment.ipynb",
                         "03_quote_share.ipynb", "04_framing_comparison.ipynb"]


def test_a_package_that_is_not_a_folder_is_refused(tmp_path, monkeypatch):
    archive = tmp_path / "analysis.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("analysis/__init__.py", "")
    monkeypatch.setattr(config, "files", lambda package: zipfile.Path(archive, "analysis/"))
    with pytest.raises(RuntimeError, match="not a folder on the file system.*install it unpacked"):
        find_package_dir()


def test_project_paths_derive_from_the_root():
    assert config.DATA_DIR == config.PROJECT_ROOT / "data"
    assert config.RAW_DIR == config.DATA_DIR / "raw" == config.DEFAULT_CORPUS
    assert config.INTERIM_DIR == config.DATA_DIR / "interim"
    assert config.REPORTS_DIR == config.PROJECT_ROOT / "reports"
    assert config.BENCHMARKS_DIR == config.PROJECT_ROOT / "benchmarks"
    assert config.WIKINEWS_GOLD == config.GOLD_DIR / "wikinews_attribution"
    assert config.GOLD_DIR == config.DATA_DIR / "gold"
    assert config.SHARED_DATA_DIR == config.PROJECT_ROOT.parent / "shared" / "data"


def test_root_from_the_environment_variable_comes_first(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIA_FRAMING_ROOT", str(tmp_path))
    monkeypatch.chdir(REPO_ROOT / "tests")
    assert find_project_root() == tmp_path.resolve()
    assert find_project_root(package_dir=config.PACKAGE_DIR) == tmp_path.resolve()


def test_root_is_the_repository_holding_the_package(tmp_path, monkeypatch):
    monkeypatch.delenv("MEDIA_FRAMING_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    assert find_project_root() == REPO_ROOT
    project = tmp_path / "checkout"
    project.mkdir()
    package = write_pyproject(project, "media-framing-analysis")
    assert find_project_root(package_dir=package) == project


def test_root_falls_back_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIA_FRAMING_ROOT", "  ")           # blank: not set
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    site_packages = tmp_path / "site-packages"               # an installed wheel
    site_packages.mkdir()
    (site_packages / "analysis").mkdir()
    assert find_project_root(package_dir=site_packages / "analysis") == work.resolve()
    other = tmp_path / "other"                               # another project's pyproject.toml
    other.mkdir()
    assert find_project_root(package_dir=write_pyproject(other, "something-else")) == work.resolve()


def test_read_project_name(tmp_path):
    path = tmp_path / "pyproject.toml"
    assert read_project_name(path) is None                   # missing
    path.write_text('[tool.x]\nname = "media-framing-analysis"\n', encoding="utf-8")
    assert read_project_name(path) is None                   # no [project] table
    write_pyproject(tmp_path, "media-framing-analysis")
    assert read_project_name(path) == "media-framing-analysis"
    assert read_project_name(REPO_ROOT / "pyproject.toml") == config.PROJECT_NAME
