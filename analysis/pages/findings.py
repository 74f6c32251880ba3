"""A report's key figures in words, for the index: at most three sentences per report, written
from the CSV files its notebook saved in this run (so the index says what the charts show, and
each figure can be traced to a file). ``findings_for(notebook, folder, files=...)``; notebooks
without a writer here get none."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: Sentences per report at most (and terms or outlets named in one sentence).
MAX_ITEMS = 3


@dataclass(frozen=True)
class ReportCsvs:
    """The CSV files a notebook wrote into ``folder`` in this run (``files``: their names; None:
    every CSV in the folder). A file left there by an earlier run is never read."""

    folder: Path
    files: frozenset[str] | None = None

    def names(self, pattern: str) -> list[str]:
        """The file stems matching the glob ``pattern`` ("top_speakers_*"), sorted."""
        return sorted(p.stem for p in self.folder.glob(f"{pattern}.csv")
                      if self.files is None or p.name in self.files)

    def read(self, name: str) -> pd.DataFrame | None:
        """``<folder>/<name>.csv`` as a table (an empty file: an empty table), or None when this
        run did not write it."""
        path = self.folder / f"{name}.csv"
        if not path.exists() or (self.files is not None and path.name not in self.files):
            return None
        try:
            return pd.read_csv(path, keep_default_na=False, na_values=[""])
        except pd.errors.EmptyDataError:
            return pd.DataFrame()


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word if n == 1 else word + 's'}"


def corpus_findings(csvs: ReportCsvs) -> list[str]:
    """01: articles and outlets, the largest outlets (``articles_per_outlet.csv``: ``outlet``,
    ``n_articles``), the months of the dated articles (``articles_per_month.csv``: ``month``)."""
    by_outlet = csvs.read("articles_per_outlet")
    if by_outlet is None or by_outlet.empty:
        return ["No article was loaded."]
    by_outlet = by_outlet.sort_values("n_articles", ascending=False, kind="stable")
    n, k = int(by_outlet["n_articles"].sum()), len(by_outlet)
    pairs = list(zip(by_outlet["outlet"], by_outlet["n_articles"]))[:MAX_ITEMS]
    largest = ", ".join(f"{o} {int(c):,}" for o, c in pairs)
    out = [f"{_plural(n, 'article')} from {_plural(k, 'outlet')}: {largest}{' …' if k > MAX_ITEMS else ''}."]
    months = csvs.read("articles_per_month")
    if months is not None and not months.empty:
        first, last = str(months["month"].min()), str(months["month"].max())
        out.append(f"Dated articles: {first} to {last}." if first != last else f"Dated articles: {first}.")
    return out


def term_findings(csvs: ReportCsvs) -> list[str]:
    """02: per term (``terms_found.csv``: ``term``), its mentions, articles, how many are
    attributed and to whom, and their mean polarity and labels (``mentions.csv``:
    ``term``, ``article_id``, ``voice``, ``speaker``, ``polarity``, ``label``)."""
    found, mentions = csvs.read("terms_found"), csvs.read("mentions")
    if found is None or mentions is None:
        return []
    out = []
    for term in found["term"].astype(str).tolist()[:MAX_ITEMS]:
        m = mentions[mentions["term"].astype(str) == term] if not mentions.empty else mentions
        if m.empty:
            out.append(f"“{term}”: no mention in the corpus.")
            continue
        attributed = m[m["voice"] == "attributed"]
        who = attributed["speaker"].dropna().value_counts().head(2)
        to = f" (most by {', '.join(f'{s} {c}' for s, c in who.items())})" if len(who) else ""
        labels = m["label"].value_counts()
        out.append(f"“{term}”: {_plural(len(m), 'mention')} in {_plural(m['article_id'].nunique(), 'article')}, "
                   f"{len(attributed):,} attributed{to}; mean polarity {m['polarity'].mean():+.2f} "
                   f"({labels.get('negative', 0)} negative, {labels.get('neutral', 0)} neutral, "
                   f"{labels.get('positive', 0)} positive).")
    return out


def quote_findings(csvs: ReportCsvs) -> list[str]:
    """03: statements found (``quotes.csv``), and the top speaker of each charted outlet with
    its share of the outlet's quoted words (``top_speakers_N.csv``: ``outlet``, ``speaker``,
    ``n_quotes``, ``share``), the first two outlets."""
    quotes = csvs.read("quotes")
    out = [f"{_plural(len(quotes), 'attributed statement')} found."] if quotes is not None else []
    for name in (csvs.names("top_speakers_*") or ["top_speakers"])[:MAX_ITEMS - 1]:
        top = csvs.read(name)
        if top is None or top.empty:
            continue
        row = top.sort_values("share", ascending=False, kind="stable").iloc[0]
        where = f"{row['outlet']}: " if "outlet" in top.columns else ""
        out.append(f"{where}{row['speaker']} holds {row['share']:.0%} of quoted words "
                   f"({_plural(int(row['n_quotes']), 'statement')}).")
    return out


def framing_findings(csvs: ReportCsvs) -> list[str]:
    """04: the phrases most typical of each of the two outlets (``keyness.csv``: ``term``,
    ``z``, ``group``; |z| > 1.96), and the leading frame dimension of the largest outlet
    (``frame_profile.csv``: ``outlet``, ``frame``, ``per_1000_words``, ``share``,
    ``n_articles``)."""
    out = []
    keyness = csvs.read("keyness")
    if keyness is not None and not keyness.empty:
        sig = keyness[keyness["z"].abs() > 1.96]
        for group, part in sig.groupby("group", sort=False):
            ranked = part.reindex(part["z"].abs().sort_values(ascending=False).index)["term"]
            out.append(f"Most typical of {group}: {', '.join(distinct_phrases(ranked, n=5))}.")
        if sig.empty:
            out.append("No word or phrase separates the two outlets clearly (|z| > 1.96).")
    profile = csvs.read("frame_profile")
    if profile is not None and not profile.empty:
        leading = profile.sort_values(["n_articles", "share"], ascending=False, kind="stable").iloc[0]
        if leading["per_1000_words"] > 0:
            out.append(f"{leading['outlet']} ({_plural(int(leading['n_articles']), 'article')}): leading frame "
                       f"{str(leading['frame']).replace('_', ' ')} ({leading['share']:.0%} of its frame words, "
                       f"{leading['per_1000_words']:.1f} per 1,000 words).")
    return out[:MAX_ITEMS]


def distinct_phrases(phrases: Iterable[object], *, n: int) -> list[str]:
    """The first ``n`` of ``phrases`` (in order) that neither hold nor sit inside one already
    taken, word for word: "nicholas moreau" after "image nicholas moreau" is the same name."""
    taken: list[str] = []
    for phrase in map(str, phrases):
        padded = f" {phrase} "
        if not any(padded in f" {t} " or f" {t} " in padded for t in taken):
            taken.append(phrase)
        if len(taken) == n:
            break
    return taken


FINDINGS: dict[str, Callable[[ReportCsvs], list[str]]] = {
    "01_corpus_overview": corpus_findings,
    "02_term_sentiment": term_findings,
    "03_quote_share": quote_findings,
    "04_framing_comparison": framing_findings,
}


def findings_for(notebook: str, folder: str | Path, *, files: list[str] | None = None) -> list[str]:
    """The key figures of report ``notebook`` in words, read from its CSV ``folder``: only the
    ``files`` this run wrote when given (a CSV left by an earlier run is ignored). Empty for a
    notebook this module has no writer for, or whose CSVs are missing."""
    writer = FINDINGS.get(notebook)
    if writer is None:
        return []
    csvs = ReportCsvs(Path(folder), frozenset(files) if files is not None else None)
    return writer(csvs)[:MAX_ITEMS]
