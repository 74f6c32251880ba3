"""Run the notebooks headless into HTML reports, and the small helpers notebooks use for output.

Notebook helpers: ``output_dir_for`` (where a notebook writes its CSVs), ``save_csv`` (the data
behind a chart), ``show_evidence`` (the rows behind a chart, under it, with their articles),
``show_note`` (a short escaped note in place of a chart or table) and ``attempt``. ``build_reports`` runs every notebook with papermill and converts it to HTML; each
notebook runs on its own, so one that fails is listed in the index with its error while the
others are still written. Running the notebooks needs the ``report`` extra
(``pip install 'media-framing-analysis[report]'``), and so do ``show_note`` and
``note_if_empty`` (they display through IPython); the other helpers need only the base install.
"""

from __future__ import annotations

import copy
import importlib.util
import time
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pandas as pd

from . import config
from .corpus import find_overlap, load_articles, rejects_table
from .schema import InsufficientDataError

if TYPE_CHECKING:
    import nbformat


class ReportError(ValueError):
    """Options the report command cannot run with (an output folder inside the corpus, an empty
    term, no notebooks, no corpus, the ``report`` extra not installed...). Raised before any
    notebook runs; the message says what to change."""


class ReportFailed(RuntimeError):
    """Some notebooks failed. Everything else was written: ``index`` (which lists each failed
    notebook with its error) and the other reports. ``failed`` maps notebook name to error."""

    def __init__(self, index: Path, failed: dict[str, str]):
        self.index = index
        self.failed = failed
        super().__init__(f"{len(failed)} notebook(s) failed: {', '.join(failed)}; "
                         f"their errors are listed in {index}")


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


def note_html(text: object, *, prefix: str = "Note") -> str:
    """``text`` as an HTML paragraph after a bold ``prefix``, both HTML-escaped (a corpus string
    or command-line value is shown as plain text, never as markup, a link or a formula)."""
    return (f'<p class="tex2jax_ignore"><strong>{escape(str(prefix))}:</strong> '
            f"{escape(str(text))}</p>")


def show_note(text: object, *, prefix: str = "Note") -> None:
    """Display ``text`` in a notebook as an escaped note with a bold ``prefix`` (notebooks use it
    instead of Markdown f-strings, which would render corpus strings as markup)."""
    from IPython.display import HTML, display

    from .pages.index import NOTE_KEY

    display(HTML(note_html(text, prefix=prefix)),
            metadata={NOTE_KEY: {"prefix": str(prefix), "text": str(text)}})


def show_evidence(rows: pd.DataFrame, *, articles: pd.DataFrame, columns: list[str], caption: str,
                  csv: str | Path | None = None, n: int = 5) -> None:
    """Display the rows behind a chart as a short table under it: the first ``n`` of ``rows``
    (their ``columns``, and the title, outlet, date and link of their article, joined from
    ``articles`` by ``article_id``), with ``caption`` and a link to ``csv``, the full table
    saved with ``save_csv``. Every value is escaped (``pages.evidence.evidence_html``)."""
    from IPython.display import HTML, display

    from .pages.evidence import evidence_html

    display(HTML(evidence_html(rows, articles=articles, columns=columns, caption=caption, csv=csv, n=n)))


def note_if_empty(articles: pd.DataFrame) -> None:
    """When no article was loaded, show a note saying so (records read and rejected; the
    rejected records are listed in the corpus overview and the index). Returns nothing, so a
    notebook cell ending with it shows no ``Out`` value; test ``len(articles)`` to branch."""
    if len(articles):
        return
    rejected = len(articles.attrs.get("rejects", []))
    show_note(f"no article was loaded ({articles.attrs.get('records_read', 0)} record(s) read, "
              f"{rejected} rejected; the rejected records are listed in 01_corpus_overview and "
              "in the index). The sections below are empty.", prefix="Empty corpus")


def load_report_corpus(corpus: str | Path | list | None = None, *, errors: str = "skip",
                       encoding: str | None = None) -> pd.DataFrame:
    """The articles table a notebook reports on: ``corpus`` (file, folder, glob or list) or, when
    empty, the embedded corpus ``config.DEFAULT_CORPUS`` (``ReportError`` when it does not
    exist). Bad records are skipped and listed in ``attrs["rejects"]`` by default, so a report
    always shows what was left out. ``encoding`` forces one text encoding for every file (empty
    or None: detected per file)."""
    return load_articles(corpus or default_corpus(), errors=errors, encoding=encoding or None)


def default_corpus() -> Path:
    """The embedded corpus ``config.DEFAULT_CORPUS``, read when no corpus is given. Raises
    ``ReportError`` when it does not exist (an installed package run outside the project
    folder): the message says to pass ``--corpus`` or set the project root."""
    if not config.DEFAULT_CORPUS.exists():
        raise ReportError(f"no corpus given and the embedded corpus {config.DEFAULT_CORPUS} "
                          f"does not exist (project root: {config.PROJECT_ROOT}); pass --corpus "
                          f"FILE_OR_FOLDER, or set {config.ROOT_ENV_VAR} to the project folder")
    return config.DEFAULT_CORPUS


def corpus_display(corpus: str | Path | list | None) -> str:
    """The corpus as pages show it: "embedded corpus (data/raw)", or each file or folder relative
    to the project folder (else ``…/name``), never as an absolute path of the machine
    (``pages.paths.display_path``)."""
    from .pages.paths import display_path

    if not corpus:
        return "embedded corpus (data/raw)"
    entries = corpus if isinstance(corpus, (list, tuple)) else [corpus]
    return ", ".join(display_path(c) for c in entries)


def source_label(articles: pd.DataFrame, corpus: str | Path | list | None = None) -> str:
    """A one-line source for chart captions: the corpus and its outlets."""
    where = corpus_display(corpus)
    outlets = articles["outlet"].dropna().unique().tolist() if len(articles) else []
    shown = ", ".join(map(str, outlets[:4])) + (" ..." if len(outlets) > 4 else "")
    return f"{len(articles)} articles, {where}" + (f"; outlets: {shown}" if shown else "")


# --------------------------------------------------------------------------------------------
# running the notebooks
# --------------------------------------------------------------------------------------------

def list_notebooks(names: list[str] | None = None) -> list[Path]:
    """The report notebooks (``NN_name.ipynb`` in ``config.NOTEBOOKS_DIR``) in order, or those
    named in ``names`` (with or without ``.ipynb``). ``ReportError`` (a ``ValueError``) for an
    unknown name, or when the folder holds no notebook: a report of nothing is an error."""
    available = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    if not available:
        raise ReportError(f"no report notebooks (NN_name.ipynb) in {config.NOTEBOOKS_DIR}: "
                          "nothing to report (the package was installed without its "
                          "notebooks? reinstall media-framing-analysis)")
    if not names:
        return available
    by_stem = {p.stem: p for p in available}
    chosen = []
    for name in names:
        stem = Path(name).stem
        match = by_stem.get(stem) or next((p for s, p in by_stem.items() if s[3:] == stem), None)
        if match is None:
            raise ReportError(f"unknown notebook {name!r}; available: {sorted(by_stem)}")
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
                  notebooks: list[str] | None = None, with_code: bool = False,
                  no_code: bool | None = None, errors: str = "skip", encoding: str | None = None,
                  sentiment_engine: str | None = None, progress: bool = True) -> Path:
    """Execute every report notebook on ``corpus`` with papermill, convert each to HTML with
    nbconvert and write ``<out_dir>/index.html`` with provenance (corpus, records read and
    rejected, fingerprint, parameters, package versions, date). Returns the index path.

    Each notebook receives the parameters it declares among ``corpus``, ``output_dir``,
    ``errors``, ``encoding``, ``terms``, ``compare`` and ``sentiment_engine`` (``fast`` or
    ``accurate``; None: ``sentiment.DEFAULT_ENGINE``, fast; see ``sentiment.score_targets``); its CSV files go to
    ``<out_dir>/<notebook>/``.

    The pages are for readers: no code cell and no parameter cell in the HTML unless
    ``with_code`` (for analysts; ``no_code`` is the old name of the default and is still
    accepted), and no absolute path of the machine in any page (``pages.paths.redact_paths``).
    The index leads with each report's key chart as a thumbnail (``<out_dir>/<notebook>/key_chart.png``)
    and its key figures in words (``pages.findings``), then links to the report and its CSV files.

    The options are checked first (``ReportError``: ``out_dir`` inside the corpus or the corpus
    inside ``out_dir``, an empty term or outlet, an unknown notebook). Each notebook runs on its
    own: when one fails, its partial HTML and the others are still written, the index lists it
    with its error, and ``ReportFailed`` is raised at the end.
    """
    from tqdm.auto import tqdm

    from .sentiment import DEFAULT_ENGINE, check_engine

    check_report_dependencies()
    if with_code and no_code:
        raise ReportError("--with-code and --no-code contradict each other; give one")
    sentiment_engine = check_engine(sentiment_engine or DEFAULT_ENGINE)
    out = Path(out_dir) if out_dir else config.REPORTS_DIR
    check_output_location(out, corpus)
    terms = check_terms(terms)
    compare = check_compare(compare)
    chosen = list_notebooks(notebooks)
    corpus_arg = [str(Path(c).resolve()) for c in corpus] if isinstance(corpus, (list, tuple)) \
        else str(Path(corpus).resolve()) if corpus else ""
    articles = load_report_corpus(corpus_arg, errors=errors, encoding=encoding)
    out.mkdir(parents=True, exist_ok=True)
    values = {"corpus": corpus_arg, "errors": errors, "sentiment_engine": sentiment_engine}
    if encoding:
        values["encoding"] = encoding
    if terms:
        values["terms"] = terms
    if compare:
        values["compare"] = compare
    results = [run_notebook(nb, out=out, values=values, with_code=with_code, corpus=corpus_arg)
               for nb in tqdm(chosen, desc="reports", unit="notebook", disable=not progress)]
    index = out / "index.html"
    rejects_table(articles).to_csv(out / REJECTS_CSV, index=False)
    _redact_file(out / REJECTS_CSV, out=out, corpus=corpus_arg)
    shown = dict(values, corpus=corpus_display(corpus_arg)) | {"with_code": with_code}
    html = render_index(results, articles=articles, corpus=corpus_arg, parameters=shown, out=out)
    index.write_text(_redact(html, out=out, corpus=corpus_arg), encoding="utf-8")
    failed = {r["notebook"]: r["error"] for r in results if r.get("error")}
    if failed:
        raise ReportFailed(index, failed)
    return index


def run_notebook(notebook: Path, *, out: Path, values: dict, with_code: bool = False,
                 corpus: str | list = "") -> dict:
    """Execute one notebook into ``<out>/_executed/`` and export ``<out>/<name>.html`` (without
    code cells unless ``with_code``; absolute paths of ``out``, ``corpus`` and the machine
    replaced). Returns ``{notebook, title, html, parameters, csv, folder, thumbnail, notes,
    error}``: ``error`` is None, or the error that stopped the notebook (its partial HTML, up
    to the failing cell, is still exported when possible); ``thumbnail`` is the key chart's
    PNG relative to ``out`` (None without a chart); ``notes`` what the notebook could not
    draw, and why."""
    from .pages.index import read_notebook, report_notes, report_title, write_thumbnail

    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    declared = pm.inspect_notebook(str(notebook))
    params = {k: v for k, v in values.items() if k in declared}
    if "output_dir" in declared:
        params["output_dir"] = str((out / notebook.stem).resolve())
    target = out / "_executed" / notebook.name
    target.parent.mkdir(exist_ok=True)
    started = int(time.time()) - 1        # files older than this are from an earlier run
    error = None
    try:
        pm.execute_notebook(str(notebook), str(target), parameters=params, progress_bar=False,
                            cwd=str(config.PROJECT_ROOT), kernel_name="python3",
                            config=_kernel_config())
    except pm.PapermillExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}" + (f" (cell {exc.exec_count})" if exc.exec_count
                                                else "")
    except (CellTimeoutError, DeadKernelError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    html = thumbnail = None
    notes: list[str] = []
    folder = out / notebook.stem
    if _written_since(target, started):
        try:
            executed = read_notebook(target)
            html = export_html(executed, out / f"{notebook.stem}.html", no_code=not with_code,
                               rewrite=lambda page: _redact(page, out=out, corpus=corpus)).name
            notes = report_notes(executed)
            thumb = write_thumbnail(executed, folder / KEY_CHART_FILE)
            thumbnail = f"{notebook.stem}/{KEY_CHART_FILE}" if thumb else None
        except (OSError, ValueError) as exc:   # a notebook cut short may not convert
            error = error or f"HTML export failed: {type(exc).__name__}: {exc}"
    csvs = sorted(p.name for p in folder.glob("*.csv") if _written_since(p, started))
    for name in csvs:       # published beside the pages: no machine path in them either
        _redact_file(folder / name, out=out, corpus=corpus)
    return {"notebook": notebook.stem, "title": report_title(notebook), "html": html,
            "parameters": params, "csv": csvs, "folder": folder, "thumbnail": thumbnail,
            "notes": notes, "error": _redact(error, out=out, corpus=corpus, html=False) if error else None}


def _redact_file(path: Path, *, out: Path, corpus: str | list) -> None:
    """Rewrite the text file ``path`` (a CSV of this run) without absolute paths (``_redact``)."""
    text = path.read_text(encoding="utf-8")
    redacted = _redact(text, out=out, corpus=corpus, html=False)
    if redacted != text:
        path.write_text(redacted, encoding="utf-8")


#: The thumbnail of a report's key chart, in its CSV folder.
KEY_CHART_FILE = "key_chart.png"


def _redact(text: str, *, out: Path, corpus: str | list, html: bool = True) -> str:
    """``text`` without absolute paths: the output folder becomes relative (links stay valid),
    each corpus file or folder is shown as ``corpus_display`` shows it, paths in the project
    folder become relative to it, the Python installation is ``[python]`` and the home folder
    ``~``. ``html``: ``text`` is a page (see ``pages.paths.redact_paths``)."""
    from .pages.paths import display_path, redact_paths

    entries = corpus if isinstance(corpus, (list, tuple)) else [corpus] if corpus else []
    return redact_paths(text, {out: "", config.PROJECT_ROOT: "",
                               **{c: display_path(c) for c in entries}}, html=html)


def _written_since(path: Path, started: float) -> bool:
    """Whether ``path`` exists and was written at or after ``started`` (a time stamp): what a
    run lists must come from this run, not from an earlier one into the same folder."""
    return path.exists() and path.stat().st_mtime >= started


# --------------------------------------------------------------------------------------------
# checking the options before anything runs
# --------------------------------------------------------------------------------------------

#: Modules the report command runs the notebooks with: the ``report`` extra.
REPORT_MODULES = ("papermill", "nbformat", "nbconvert", "nbclient", "ipykernel")
REPORT_EXTRA_HINT = "pip install 'media-framing-analysis[report]'"


def check_report_dependencies() -> None:
    """Raise ``ReportError`` when a module of the ``report`` extra is not installed; the
    message names them and the install command."""
    missing = [name for name in REPORT_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise ReportError(f"the report command needs {', '.join(missing)}, which "
                          f"{'is' if len(missing) == 1 else 'are'} not installed; "
                          f"install the report extra: {REPORT_EXTRA_HINT}")


def check_output_location(out: str | Path, corpus: str | Path | list | None) -> None:
    """Raise ``ReportError`` when the output folder ``out`` is a corpus folder or lies where
    the corpus is read from (inside a corpus folder, or under a recursive glob), or a corpus
    file or folder is inside ``out``: the reports (HTML, CSV) would be read as articles by the
    next run, or written among the user's input. No ``corpus``: the embedded corpus, which must
    exist (``default_corpus``)."""
    entries = list(corpus) if isinstance(corpus, (list, tuple)) else [corpus or default_corpus()]
    found = find_overlap(out, entries)
    if found is None:
        return
    relation, place = found
    if relation == "contains" or place.is_file():
        raise ReportError(f"the corpus {place} is inside the output folder {out}: choose an "
                          "output folder that holds none of the input")
    raise ReportError(f"--out {out} is inside the corpus folder {place}: the reports would "
                      "be loaded as articles by the next run; choose an output folder "
                      "outside the corpus")


def check_terms(terms: list[str] | str | None) -> list[str] | None:
    """The terms as a list (None when not given); ``ReportError`` for an empty or blank term,
    which would match nothing (or everything)."""
    if terms is None:
        return None
    terms = [terms] if isinstance(terms, str) else list(terms)
    blank = [t for t in terms if not str(t).strip()]
    if blank or not terms:
        raise ReportError(f"--terms: empty term in {terms!r}; give each term as a word or phrase")
    return [str(t) for t in terms]


def check_compare(compare: list[str] | None) -> list[str] | None:
    """The two outlets to compare (None when not given); ``ReportError`` unless exactly two
    non-empty names."""
    if not compare:
        return None
    compare = [str(c) for c in compare]
    if len(compare) != 2 or any(not c.strip() for c in compare):
        raise ReportError(f"--compare needs two non-empty outlet names; got {compare!r}")
    return compare


def _kernel_config():
    """Kernel settings for headless runs: the kernel talks to this process only, over local
    sockets; asking for CurveZMQ encryption where the kernel supports it keeps ipykernel >= 7.3
    from printing its "running over TCP without encryption" warning on every notebook."""
    from traitlets.config import Config

    cfg = Config()
    cfg.KernelManager.transport_encryption = "auto"
    return cfg


#: nbconvert's lab template without scripts from a CDN: no MathJax (the reports hold no
#: formulas, and MathJax would typeset any ``$...$`` of an outlet, title or term), no
#: require.js and no mermaid (nothing uses them; offline, their loading is a console error).
#: Tables wrap their text within the page.
_PLAIN_TEMPLATE = ('{%- extends "index.html.j2" -%}\n'
                   "{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}\n"
                   "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
                   "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
                   "{% block extra_css %}<style>"
                   "body{max-width:1100px;margin:0 auto}"
                   ".jp-RenderedHTMLCommon table{table-layout:auto;max-width:100%}"
                   ".jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th{white-space:normal;"
                   "overflow-wrap:anywhere;max-width:28em}"
                   ".jp-OutputArea-output{overflow-x:auto}"
                   "</style>{% endblock extra_css %}\n")


def export_html(notebook: str | Path | nbformat.NotebookNode, target: str | Path, *,
                no_code: bool = False, rewrite: Callable[[str], str] | None = None) -> Path:
    """Convert an executed notebook to a standalone HTML file (charts embedded as images).
    With ``no_code``, for readers: no code (only the cells' outputs), and neither the parameter
    cells nor code cells without output. ``rewrite`` is applied to the page before it is
    written (the report command removes the machine's paths with it). No MathJax is loaded, so
    text is shown as it is (notebooks display corpus strings only through escaped HTML: pandas
    tables, ``show_note``, printed text)."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=no_code, exclude_input_prompt=no_code,
                            exclude_output_prompt=no_code,
                            extra_loaders=[DictLoader({"plain_report.html.j2": _PLAIN_TEMPLATE})],
                            template_file="plain_report.html.j2")
    nb = nbformat.read(str(notebook), as_version=4) if isinstance(notebook, (str, Path)) else \
        copy.copy(notebook)   # the cells are filtered on the copy, never changed
    if no_code:     # for readers: no parameter cells, no code cell that shows nothing
        nb.cells = [c for c in nb.cells if c.cell_type != "code" or (
            c.get("outputs") and not {"parameters", "injected-parameters"} & set(c.metadata.get("tags", [])))]
    body, _ = exporter.from_notebook_node(nb)
    target = Path(target)
    target.write_text(rewrite(body) if rewrite else body, encoding="utf-8")
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


#: Rejected records listed in the index page itself; all of them go to ``REJECTS_CSV``.
MAX_REJECTS_SHOWN = 200
REJECTS_CSV = "rejects.csv"


def render_index(results: list[dict], *, articles: pd.DataFrame, corpus, parameters: dict,
                 out: str | Path | None = None) -> str:
    """The HTML of ``index.html`` (``pages.index.render_index``): for each report of ``results``
    (from ``run_notebook``) its key chart as a thumbnail, its key figures in words, its notes
    and links to it and its CSV files; then the provenance of the run and the rejected
    records. Every value taken from the data or the command line is escaped by the template."""
    import datetime as dt
    import platform

    from .pages.index import render_index as render

    rejects = articles.attrs.get("rejects", [])
    prov = {
        "corpus": corpus_display(corpus) if corpus else
        f"embedded corpus ({config.DEFAULT_CORPUS.relative_to(config.PROJECT_ROOT)})",
        "records read": articles.attrs.get("records_read", len(articles)),
        "articles loaded": len(articles),
        "records rejected": len(rejects),
        "text repairs (records, by kind)": articles.attrs.get("repairs") or "none",
        "files not read (not an article format)": articles.attrs.get("skipped_files") or "none",
        "corpus fingerprint (sha256 of ids and texts)": corpus_fingerprint(articles),
        "parameters": parameters,
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        **{f"version of {k}": v for k, v in _package_versions().items()},
    }
    base = Path(out) if out else config.REPORTS_DIR
    reports = [{"folder": base / r["notebook"], "title": r["notebook"]} | r for r in results]
    outlets = articles["outlet"].nunique() if len(articles) else 0
    line = (f"{len(articles):,} article{'s' if len(articles) != 1 else ''} from {outlets} "
            f"outlet{'s' if outlets != 1 else ''} ({prov['corpus']}). Each report below: its key chart, "
            "its key figures, then the full report and the data behind every chart.")
    return render(reports, provenance={k: str(v) for k, v in prov.items()},
                  rejects=[{k: str(v) for k, v in r.items()} for r in rejects],
                  rejects_csv=REJECTS_CSV, max_rejects=MAX_REJECTS_SHOWN, corpus_line=line,
                  version=_package_versions()["media-framing-analysis"])


def attempt(fn, *args, **kwargs) -> tuple[object, str | None]:
    """``(fn(*args, **kwargs), None)``, or ``(None, message)`` when the corpus cannot support the
    analysis (``fn`` raised ``InsufficientDataError``: one outlet only, too few articles...).
    Notebooks use it so that such a chart becomes a clear note instead of a traceback; any other
    error (a bug, a wrong argument) propagates and fails the notebook."""
    try:
        return fn(*args, **kwargs), None
    except InsufficientDataError as exc:
        return None, str(exc)
