"""Paths and defaults. Every path the project uses is defined here and nowhere else.

Two kinds of paths, each found the same way from any current folder (a notebook run by
nbconvert in another directory, a test, the command line, an installed wheel):

Package files ship inside the package and are located with ``importlib.resources``:
``PACKAGE_DIR``, ``RESOURCES_DIR`` (word lists, models) and ``NOTEBOOKS_DIR`` (the report
notebooks). A normal install (wheel, editable or a checkout) keeps them in a real folder; a
package that is not on the file system (imported from a zip) is refused with a clear error.

Project files (the embedded corpus, reports, caches, benchmark results) live in the project
root, ``PROJECT_ROOT``, found in this order (see ``find_project_root``):

1. the environment variable ``MEDIA_FRAMING_ROOT``, when it is set and not empty;
2. the repository the package sits in: the folder above the package, when it holds this
   project's ``pyproject.toml`` (project name ``media-framing-analysis``), i.e. a checkout or an
   editable install;
3. the current working directory (an installed wheel run from a project folder).

``DATA_DIR``, ``RAW_DIR``, ``INTERIM_DIR``, ``GOLD_DIR``, ``WIKINEWS_GOLD``, ``CONCEPT_GOLD``,
``CONCEPT_AGREEMENT``, ``CONCEPT_HELDOUT``, ``WIKINEWS_CORPUS``, ``REPORTS_DIR``, ``DEFAULT_CORPUS``
and ``BENCHMARKS_DIR`` derive from it. The root is found once, when this module is first imported.
"""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path

#: The distribution name in ``pyproject.toml``: how the repository holding the package is told
#: apart from any other project folder above an installed package.
PROJECT_NAME = "media-framing-analysis"

#: Environment variable that sets the project root explicitly.
ROOT_ENV_VAR = "MEDIA_FRAMING_ROOT"


def find_package_dir() -> Path:
    """The folder of the installed ``analysis`` package, from ``importlib.resources``. Raises
    ``RuntimeError`` when the package is not a real folder (e.g. imported from a zip file):
    its resources and notebooks are read as files, so it must be installed unpacked."""
    located = files(__package__)
    if not isinstance(located, Path) or not located.is_dir():
        raise RuntimeError(f"the {__package__!r} package is not a folder on the file system "
                           f"({located!r}); install it unpacked, e.g. "
                           f"`pip install {PROJECT_NAME}`, not from a zip file")
    return located.resolve()


def find_project_root(*, package_dir: Path | None = None) -> Path:
    """The project root: ``$MEDIA_FRAMING_ROOT`` when set, else the repository holding the
    package (``package_dir``'s parent, when it has this project's ``pyproject.toml``), else the
    current working directory. ``package_dir`` defaults to ``PACKAGE_DIR``."""
    from_env = os.environ.get(ROOT_ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser().resolve()
    repository = (package_dir or PACKAGE_DIR).parent
    if read_project_name(repository / "pyproject.toml") == PROJECT_NAME:
        return repository
    return Path.cwd().resolve()


def read_project_name(pyproject: Path) -> str | None:
    """The ``name`` of the ``[project]`` table of ``pyproject`` (None when the file is missing,
    unreadable or names no project). A line-based reading of that one key, which this project
    writes as ``name = "..."``; works on every supported Python (``tomllib`` is 3.11+)."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    table = re.search(r"^\[project\][ \t]*$(.*?)(?=^\[|\Z)", text, flags=re.M | re.S)
    name = table and re.search(r"""^name\s*=\s*["']([^"']+)["']""", table.group(1), flags=re.M)
    return name.group(1) if name else None


PACKAGE_DIR = find_package_dir()
RESOURCES_DIR = PACKAGE_DIR / "resources"
NOTEBOOKS_DIR = PACKAGE_DIR / "notebooks"

PROJECT_ROOT = find_project_root()
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"            # the embedded corpus, never modified
INTERIM_DIR = DATA_DIR / "interim"    # caches (git-ignored)
GOLD_DIR = DATA_DIR / "gold"          # gold the project annotated itself (open licences)
WIKINEWS_GOLD = GOLD_DIR / "wikinews_attribution"   # attribution gold: *.jsonl, PolNeAR format
CONCEPT_GOLD = GOLD_DIR / "concept_sentiment" / "mentions.jsonl"   # concept-term sentiment gold
CONCEPT_AGREEMENT = GOLD_DIR / "concept_sentiment" / "agreement.jsonl"  # its second annotations
CONCEPT_HELDOUT = GOLD_DIR / "concept_sentiment" / "heldout_wikinews.jsonl"  # blind check, never trained on
WIKINEWS_CORPUS = RAW_DIR / "wikinews" / "wikinews.jsonl"          # the embedded Wikinews sample
REPORTS_DIR = PROJECT_ROOT / "reports"  # generated, git-ignored
BENCHMARKS_DIR = PROJECT_ROOT / "benchmarks"

#: The corpus the reports run on when none is given: the seed article and the Wikinews sample.
DEFAULT_CORPUS = RAW_DIR

#: Gold data for validation lives outside the project (never copied in); override on the command
#: line with ``--gold-dir``. Beside the project root: ``<root>/../shared``.
SHARED_DATA_DIR = PROJECT_ROOT.parent / "shared" / "data"
SHARED_EVAL_DIR = PROJECT_ROOT.parent / "shared" / "eval"

#: Terms charted by default in the term-sentiment report (entries of resources/terms/).
DEFAULT_TERMS = ("color revolution",)
