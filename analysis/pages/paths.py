"""Paths as a page may show them: never an absolute path of the machine that made it."""

from __future__ import annotations

import os
import re
from html import escape
import sys
from pathlib import Path


def display_path(path: str | Path, *, start: str | Path | None = None) -> str:
    """``path`` as a reader's page shows it: relative to ``start`` (default: the current folder)
    when it lies inside it, else ``…/`` and its last component. Never absolute: a report
    published from ``/home/jane/leaks/corpus.jsonl`` shows ``…/corpus.jsonl``."""
    p = Path(path)
    base = Path(start) if start is not None else Path.cwd()
    try:
        rel = p.resolve().relative_to(base.resolve())
    except ValueError:
        return f"…/{p.name}" if p.is_absolute() or ".." in p.parts else str(p)
    return str(rel) if str(rel) != "." else "."


def redact_paths(text: str, replacements: dict[str | Path, str], *, html: bool = False) -> str:
    """``text`` with each absolute folder of ``replacements`` (folder -> what to show instead)
    replaced, longest first, and then the Python installation (``[python]``) and the home folder
    (``~``). Applied to every page written, after the notebooks ran: a warning, a traceback or a
    parameter cell would otherwise show the machine's folders. With ``html``, ``text`` is HTML:
    the folders are also found in their escaped form and what replaces them is escaped."""
    pairs = {str(Path(k).resolve()): v for k, v in replacements.items()}
    for extra, shown in ((sys.prefix, "[python]"), (sys.base_prefix, "[python]"),
                         (str(Path.home()), "~")):
        pairs.setdefault(os.path.realpath(extra), shown)
        pairs.setdefault(extra, shown)
    for folder in sorted(pairs, key=len, reverse=True):
        if len(folder) <= 1:                     # never the root folder "/" itself
            continue
        shown = escape(pairs[folder]) if html else pairs[folder]
        for found in {folder, escape(folder)} if html else {folder}:
            text = text.replace(found + os.sep, f"{shown}/" if shown else "")
            text = re.sub(re.escape(found) + r"(?![\w-]|\.\w)", lambda _m, s=shown: s or ".", text)
    return text
