"""The index page of a report run (``reports/index.html``): each report's key chart as a
thumbnail and its key figures in words, links to the full report and its data, the notes
where a chart could not be drawn; then the provenance and the rejected records. Rendered with
Jinja2 (``templates/index.html.j2``), which escapes every value."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import TYPE_CHECKING

from .evidence import environment

if TYPE_CHECKING:
    from nbformat import NotebookNode
from .findings import findings_for

#: Width in pixels of the thumbnails in the index.
THUMBNAIL_WIDTH = 480
#: The tag of the cell whose first chart is a report's key chart (else its first chart is).
KEY_CHART_TAG = "key-chart"
#: Output metadata key under which ``report.show_note`` records a note, for the index.
NOTE_KEY = "media_framing_note"


def read_notebook(path: str | Path) -> NotebookNode:
    """The notebook file ``path`` (nbformat 4)."""
    import nbformat

    return nbformat.read(str(path), as_version=4)


def key_chart_png(executed: NotebookNode) -> bytes | None:
    """The PNG bytes of the key chart of an executed notebook: the first chart of the first cell
    tagged ``key-chart``, else its first chart; None when it drew none."""
    first = None
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        pngs = [o["data"]["image/png"] for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        if pngs and KEY_CHART_TAG in cell.metadata.get("tags", []):
            return base64.b64decode(pngs[0])
        first = first or (pngs[0] if pngs else None)
    return base64.b64decode(first) if first else None


def write_thumbnail(executed: NotebookNode, target: str | Path, *, width: int = THUMBNAIL_WIDTH) -> Path | None:
    """Write the key chart of ``executed`` shrunk to ``width`` pixels as the PNG ``target``;
    returns it, or None (nothing written) when the notebook drew no chart."""
    from PIL import Image

    png = key_chart_png(executed)
    if png is None:
        return None
    img = Image.open(io.BytesIO(png))
    if img.width > width:
        img = img.resize((width, round(img.height * width / img.width)), Image.LANCZOS)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    img.save(target, optimize=True)
    return target


def report_notes(executed: NotebookNode) -> list[str]:
    """The notes an executed notebook showed with ``report.show_note`` (a chart or table it could
    not draw, and why), as "prefix: text"."""
    notes = []
    for cell in executed.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            note = out.get("metadata", {}).get(NOTE_KEY)
            if note:
                notes.append(f"{note.get('prefix', 'Note')}: {note.get('text', '')}")
    return notes


def report_title(notebook: str | Path) -> str:
    """A notebook's title: the text of its first Markdown heading, else its name."""
    path = Path(notebook)
    for cell in read_notebook(path).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def _findings(report: dict) -> tuple[list[str], str | None]:
    """(the key figures of one report, a note when its CSV files could not be read): a report
    that failed gets none; an unreadable CSV does not stop the index, it is named in a note."""
    if report.get("error"):
        return [], None
    try:
        return findings_for(report["notebook"], report["folder"], files=report.get("csv")), None
    except (KeyError, ValueError, TypeError, OSError, UnicodeDecodeError) as exc:
        return [], f"Key figures not written: the CSV files in {Path(report['folder']).name}/ could not be read ({type(exc).__name__}: {exc})"


def render_index(reports: list[dict], *, provenance: dict, rejects: list[dict], rejects_csv: str,
                 max_rejects: int, corpus_line: str, version: str,
                 title: str = "Media-framing reports") -> str:
    """The HTML of the index. ``reports``: one dict per report with ``notebook``, ``title``,
    ``html`` (file name or None), ``csv`` (the file names this run wrote), ``error``,
    ``thumbnail`` (path relative to the index, or None), ``notes`` and ``findings`` (filled here
    from those CSV files in ``folder`` when not given)."""
    items = []
    for r in reports:
        item = {"notes": [], "thumbnail": None, "error": None, "csv": [], "html": None} | r
        if "findings" not in r:
            item["findings"], problem = _findings(r)
            item["notes"] = [*item["notes"], *([problem] if problem else [])]
        items.append(item)
    return environment().get_template("index.html.j2").render(
        title=title, corpus_line=corpus_line, reports=items, provenance=list(provenance.items()),
        rejects=rejects[:max_rejects], rejects_total=len(rejects), rejects_csv=rejects_csv,
        version=version)
