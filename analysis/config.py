"""Paths and defaults. Every path the project uses is defined here and nowhere else.

Paths are resolved from this file's location, so they work from any current folder
(a notebook run by nbconvert in another directory, a test, the command line).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"            # the embedded corpus, never modified
INTERIM_DIR = DATA_DIR / "interim"    # caches (git-ignored)
REPORTS_DIR = PROJECT_ROOT / "reports"  # generated, git-ignored
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BENCHMARKS_DIR = PROJECT_ROOT / "benchmarks"

#: The corpus the reports run on when none is given: the seed article and the Wikinews sample.
DEFAULT_CORPUS = RAW_DIR

#: Gold data for validation lives outside the project (never copied in); override on the command
#: line with ``--gold-dir``. Resolved relative to the project root.
SHARED_DATA_DIR = PROJECT_ROOT.parent / "shared" / "data"
SHARED_EVAL_DIR = PROJECT_ROOT.parent / "shared" / "eval"

#: Terms charted by default in the term-sentiment report (entries of resources/terms/).
DEFAULT_TERMS = ("color revolution",)

#: How many top items a chart shows by default.
DEFAULT_TOP_N = 20
