"""Paths as a page may show them: never an absolute path of the machine that made it."""

from __future__ import annotations

import os
import re
import sys
from html import escape
from pathlib import Path

from .. import config

#: What may not come right before a folder for it to be replaced: a folder inside a web
#: address (a page under a site's home-folder-like path), a longer path or base64 data is left alone.
_NOT_BEFORE = r"(?<![\w.~/:+=%-])"


def display_path(path: str | Path, *, start: str | Path | None = None) -> str:
    """``path`` as a reader's page shows it: relative to ``start`` (default: the project folder,
    ``config.PROJECT_ROOT``, where the notebooks run) when it lies inside it, else ``…/`` and its
    last component. Never absolute: a report published from a corpus in a user's home folder
    shows ``…/corpus.jsonl``."""
    p = Path(path)
    base = Path(start) if start is not None else config.PROJECT_ROOT
    try:
        rel = p.resolve().relative_to(base.resolve())
    except ValueError:
        return f"…/{p.name}"
    return str(rel) if base.resolve().parent != base.resolve() else f"…/{p.name}"


def _escaped_forms(folder: str) -> set[str]:
    """``folder`` as it appears in HTML written by Python's ``html.escape`` or by markupsafe
    (Jinja2, nbconvert), which escape quotes differently."""
    from markupsafe import escape as markup_escape

    return {folder, escape(folder), str(markup_escape(folder))}


def redact_paths(text: str, replacements: dict[str | Path, str], *, html: bool = False) -> str:
    """``text`` with each absolute folder of ``replacements`` (folder -> what to show instead)
    replaced, longest first, and then the Python installation (``[python]``) and the home folder
    (``~``). Applied to every page and CSV file a report run writes: a warning, a traceback, a
    rejected record's source or a parameter cell would otherwise show the machine's folders. A
    folder is replaced only where a path starts (not inside a web address or a longer path).
    With ``html``, ``text`` is HTML: the folders are also found in their escaped forms and what
    replaces them is escaped."""
    pairs = {str(Path(k).resolve()): v for k, v in replacements.items()}
    for extra, shown in ((sys.prefix, "[python]"), (sys.base_prefix, "[python]"),
                         (str(Path.home()), "~")):
        pairs.setdefault(os.path.realpath(extra), shown)
        pairs.setdefault(extra, shown)
    for folder in sorted(pairs, key=len, reverse=True):
        if len(folder) <= 1:                     # never the root folder "/" itself
            continue
        shown = escape(pairs[folder]) if html else pairs[folder]
        for found in _escaped_forms(folder) if html else {folder}:
            text = re.sub(_NOT_BEFORE + re.escape(found + os.sep),
                          lambda _m, s=shown: f"{s}/" if s else "", text)
            text = re.sub(_NOT_BEFORE + re.escape(found) + r"(?![\w-]|\.\w)", lambda _m, s=shown: s or ".", text)
    return text
