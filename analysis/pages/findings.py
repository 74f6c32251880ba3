"""A report's key figures in words, for the index: one to three sentences per report, written
from the CSV files its notebook saved (so the index says what the charts show, and the figures
can be traced to a file). ``findings_for(notebook, folder)``; notebooks without a writer here
get none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

#: Sentences per report at most (terms, outlets).
MAX_ITEMS = 3


def _read(folder: Path, name: str) -> pd.DataFrame | None:
    path = Path(folder) / f"{name}.csv"
    if not path.exists():
        return None
    try:
        return pd.read_csv(path, keep_default_na=False, na_values=[""])
    except pd.errors.EmptyDataError:
        return pd.DataFrame()


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def corpus_findings(folder: Path) -> list[str]:
    """01: articles and outlets, the largest outlets, the months covered."""
    by_outlet = _read(folder, "articles_per_outlet")
    if by_outlet is None or by_outlet.empty:
        return ["No article was loaded."]
    by_outlet = by_outlet.sort_values("n_articles", ascending=False, kind="stable")
    n, k = int(by_outlet["n_articles"].sum()), len(by_outlet)
    pairs = list(zip(by_outlet["outlet"], by_outlet["n_articles"]))[:MAX_ITEMS]
    largest = ", ".join(f"{o} {int(c):,}" for o, c in pairs)
    out = [f"{_plural(n, 'article')} from {_plural(k, 'outlet')}: {largest}{' …' if k > MAX_ITEMS else ''}."]
    months = _read(folder, "articles_per_month")
    if months is not None and not months.empty:
        first, last = str(months["month"].min()), str(months["month"].max())
        out.append(f"Published {first} to {last}." if first != last else f"Published in {first}.")
    return out


def term_findings(folder: Path) -> list[str]:
    """02: per term, mentions, articles, how many attributed and to whom, mean polarity."""
    found, mentions = _read(folder, "terms_found"), _read(folder, "mentions")
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


def quote_findings(folder: Path) -> list[str]:
    """03: statements found, and each charted outlet's top speaker with its share of quoted words."""
    quotes = _read(folder, "quotes")
    out = [f"{_plural(len(quotes), 'attributed statement')} found."] if quotes is not None else []
    tops = sorted(Path(folder).glob("top_speakers_*.csv")) or [Path(folder) / "top_speakers.csv"]
    for path in tops[:MAX_ITEMS + 1]:
        top = _read(folder, path.stem)
        if top is None or top.empty:
            continue
        row = top.sort_values("share", ascending=False, kind="stable").iloc[0]
        where = f"{row['outlet']}: " if "outlet" in top.columns else ""
        out.append(f"{where}{row['speaker']} holds {row['share']:.0%} of quoted words "
                   f"({_plural(int(row['n_quotes']), 'statement')}).")
    return out


def framing_findings(folder: Path) -> list[str]:
    """04: the phrases most typical of each outlet (significant keyness), the leading frame."""
    out = []
    keyness = _read(folder, "keyness")
    if keyness is not None and not keyness.empty:
        sig = keyness[keyness["z"].abs() > 1.96]
        for group, part in sig.groupby("group", sort=False):
            words = part.reindex(part["z"].abs().sort_values(ascending=False).index)["term"].head(5)
            out.append(f"Most typical of {group}: {', '.join(map(str, words))}.")
        if sig.empty:
            out.append("No word or phrase separates the two outlets clearly (|z| > 1.96).")
    profile = _read(folder, "frame_profile")
    if profile is not None and not profile.empty:
        top = profile.sort_values("per_1000_words", ascending=False).drop_duplicates("outlet")
        out.extend(f"{r.outlet}: most frame words are {str(r.frame).replace('_', ' ')} "
                   f"({r.per_1000_words:.1f} per 1,000 words)."
                   for r in top.head(MAX_ITEMS).itertuples() if r.per_1000_words > 0)
    return out


FINDINGS: dict[str, Callable[[Path], list[str]]] = {
    "01_corpus_overview": corpus_findings,
    "02_term_sentiment": term_findings,
    "03_quote_share": quote_findings,
    "04_framing_comparison": framing_findings,
}


def findings_for(notebook: str, folder: str | Path) -> list[str]:
    """The key figures of report ``notebook`` in words, read from its CSV ``folder`` (empty for a
    notebook this module has no writer for, or whose CSVs are missing)."""
    writer = FINDINGS.get(notebook)
    return writer(Path(folder)) if writer else []
