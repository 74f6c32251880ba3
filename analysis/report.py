"""Run the notebooks headless into HTML reports, and the small helpers notebooks use for output.

Notebook helpers: ``output_dir_for`` (where a notebook writes its CSVs), ``save_csv`` (the data
behind a chart). ``build_reports`` runs every notebook with papermill and converts it to HTML.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import config


def output_dir_for(notebook: str, output_dir: str | Path | None = None) -> Path:
    """Folder where notebook ``notebook`` (e.g. "01_corpus_overview") writes its CSV files:
    ``output_dir`` when given, else ``reports/<notebook>/`` under the project root. Created."""
    out = Path(output_dir) if output_dir else config.REPORTS_DIR / notebook
    out.mkdir(parents=True, exist_ok=True)
    return out


def save_csv(df: pd.DataFrame, out_dir: str | Path, name: str) -> Path:
    """Write ``df`` as ``<out_dir>/<name>.csv`` (the data behind a chart); returns the path."""
    path = Path(out_dir) / f"{name}.csv"
    df.to_csv(path, index=False)
    return path


def load_report_corpus(corpus: str | Path | list | None = None, *, errors: str = "skip") -> pd.DataFrame:
    """The articles table a notebook reports on: ``corpus`` (file, folder, glob or list) or, when
    empty, the embedded corpus ``config.DEFAULT_CORPUS``. Bad records are skipped and listed in
    ``attrs["rejects"]`` by default, so a report always shows what was left out."""
    from .corpus import load_articles

    return load_articles(corpus or config.DEFAULT_CORPUS, errors=errors)


def source_label(articles: pd.DataFrame, corpus: str | Path | list | None = None) -> str:
    """A one-line source for chart captions: the corpus and its outlets."""
    where = "embedded corpus (data/raw)" if not corpus else (
        ", ".join(map(str, corpus)) if isinstance(corpus, (list, tuple)) else str(corpus))
    outlets = articles["outlet"].dropna().unique().tolist() if len(articles) else []
    shown = ", ".join(map(str, outlets[:4])) + (" ..." if len(outlets) > 4 else "")
    return f"{len(articles)} articles, {where}" + (f"; outlets: {shown}" if shown else "")


# --------------------------------------------------------------------------------------------
# running the notebooks
# --------------------------------------------------------------------------------------------

def list_notebooks(names: list[str] | None = None) -> list[Path]:
    """The report notebooks (``notebooks/NN_name.ipynb``) in order, or those named in ``names``
    (with or without ``.ipynb``). An unknown name raises ``ValueError``."""
    available = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    if not names:
        return available
    by_stem = {p.stem: p for p in available}
    chosen = []
    for name in names:
        stem = Path(name).stem
        match = by_stem.get(stem) or next((p for s, p in by_stem.items() if s[3:] == stem), None)
        if match is None:
            raise ValueError(f"unknown notebook {name!r}; available: {sorted(by_stem)}")
        chosen.append(match)
    return chosen


def corpus_fingerprint(articles: pd.DataFrame) -> str:
    """SHA-256 (first 16 hex) of the loaded articles' ids and texts: the same corpus gives the
    same fingerprint, any change to an article changes it."""
    import hashlib

    h = hashlib.sha256()
    for aid, text in zip(articles["article_id"], articles["text"]):
        h.update(str(aid).encode("utf-8") + b"\x00" + text.encode("utf-8") + b"\x01")
    return h.hexdigest()[:16]


def build_reports(*, corpus: str | Path | list | None = None, out_dir: str | Path | None = None,
                  terms: list[str] | None = None, compare: list[str] | None = None,
                  notebooks: list[str] | None = None, no_code: bool = False,
                  errors: str = "skip", progress: bool = True) -> Path:
    """Execute every report notebook on ``corpus`` with papermill, convert each to HTML with
    nbconvert and write ``<out_dir>/index.html`` with provenance (corpus, records read and
    rejected, fingerprint, parameters, package versions, date). Returns the index path.

    Each notebook receives the parameters it declares among ``corpus``, ``output_dir``,
    ``errors``, ``terms`` and ``compare``; its CSV files go to ``<out_dir>/<notebook>/``.
    """
    import papermill as pm
    from tqdm.auto import tqdm

    from .corpus import load_articles

    out = Path(out_dir) if out_dir else config.REPORTS_DIR
    out.mkdir(parents=True, exist_ok=True)
    corpus_arg = [str(Path(c).resolve()) for c in corpus] if isinstance(corpus, (list, tuple)) \
        else str(Path(corpus).resolve()) if corpus else ""
    articles = load_articles(corpus_arg or config.DEFAULT_CORPUS, errors=errors)
    values = {"corpus": corpus_arg, "errors": errors}
    if terms:
        values["terms"] = list(terms)
    if compare:
        values["compare"] = list(compare)
    executed = out / "_executed"
    executed.mkdir(exist_ok=True)
    results = []
    for nb in tqdm(list_notebooks(notebooks), desc="reports", unit="notebook", disable=not progress):
        declared = pm.inspect_notebook(str(nb))
        params = {k: v for k, v in values.items() if k in declared}
        if "output_dir" in declared:
            params["output_dir"] = str((out / nb.stem).resolve())
        target = executed / nb.name
        pm.execute_notebook(str(nb), str(target), parameters=params, progress_bar=False,
                            cwd=str(config.PROJECT_ROOT), kernel_name="python3",
                            config=_kernel_config())
        html_path = export_html(target, out / f"{nb.stem}.html", no_code=no_code)
        results.append({"notebook": nb.stem, "html": html_path.name, "parameters": params,
                        "csv": sorted(p.name for p in (out / nb.stem).glob("*.csv"))})
    index = out / "index.html"
    index.write_text(render_index(results, articles=articles, corpus=corpus_arg,
                                  parameters=values), encoding="utf-8")
    return index


def _kernel_config():
    """Kernel settings for headless runs: the kernel talks to this process only, over local
    sockets; asking for CurveZMQ encryption where the kernel supports it keeps ipykernel >= 7.3
    from printing its "running over TCP without encryption" warning on every notebook."""
    from traitlets.config import Config

    cfg = Config()
    cfg.KernelManager.transport_encryption = "auto"
    return cfg


def export_html(notebook: str | Path, target: str | Path, *, no_code: bool = False) -> Path:
    """Convert an executed notebook to a standalone HTML file (charts embedded as images)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=no_code, exclude_input_prompt=no_code,
                            exclude_output_prompt=no_code)
    body, _ = exporter.from_notebook_node(nbformat.read(str(notebook), as_version=4))
    target = Path(target)
    target.write_text(body, encoding="utf-8")
    return target


def _package_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("media-framing-analysis", "pandas", "numpy", "scikit-learn", "matplotlib",
                "papermill", "nbconvert"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def render_index(results: list[dict], *, articles: pd.DataFrame, corpus, parameters: dict) -> str:
    """The HTML of ``index.html``: links to each report and the provenance of the run. All text
    taken from the data is HTML-escaped."""
    import datetime as dt
    import platform
    from html import escape

    rejects = articles.attrs.get("rejects", [])
    items = []
    for r in results:
        data = ", ".join(escape(f"{r['notebook']}/{c}") for c in r["csv"]) or "none"
        items.append(f'<li><a href="{escape(r["html"])}">{escape(r["notebook"])}</a>'
                     f" &mdash; data: {data}</li>")
    rows = "\n".join(items)
    prov = {
        "corpus": corpus or f"embedded corpus ({config.DEFAULT_CORPUS.relative_to(config.PROJECT_ROOT)})",
        "records read": articles.attrs.get("records_read", len(articles)),
        "articles loaded": len(articles),
        "records rejected": len(rejects),
        "corpus fingerprint (sha256 of ids and texts)": corpus_fingerprint(articles),
        "parameters": parameters,
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        **{f"version of {k}": v for k, v in _package_versions().items()},
    }
    prov_rows = "\n".join(f"<tr><th>{escape(str(k))}</th><td>{escape(str(v))}</td></tr>"
                          for k, v in prov.items())
    reject_rows = "\n".join(
        f"<tr><td>{escape(str(r['source']))}</td><td>{escape(str(r['record']))}</td>"
        f"<td>{escape(str(r['reason']))}</td></tr>" for r in rejects[:200])
    rejects_html = (f"<h2>Rejected records ({len(rejects)})</h2><table><tr><th>source</th>"
                    f"<th>record</th><th>reason</th></tr>{reject_rows}</table>") if rejects else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Media-framing reports</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}}
table{{border-collapse:collapse}}th,td{{border:1px solid #ccc;padding:.2em .5em;text-align:left;
vertical-align:top}}</style></head>
<body><h1>Media-framing reports</h1>
<h2>Reports</h2><ul>
{rows}
</ul>
<h2>Provenance</h2><table>
{prov_rows}
</table>
{rejects_html}
</body></html>
"""


def attempt(fn, *args, **kwargs) -> tuple[object, str | None]:
    """``(fn(*args, **kwargs), None)``, or ``(None, message)`` when the data cannot support the
    analysis (``fn`` raised ``ValueError``: one outlet only, too few articles...). Notebooks use
    it so that such a chart becomes a clear note instead of a traceback."""
    try:
        return fn(*args, **kwargs), None
    except ValueError as exc:
        return None, str(exc)
