"""Quote share and the report helpers of notebook 03: ``quote_share`` (with ``left_out_table``
and ``left_out_note``: what it left out), ``merge_surnames``, ``top_speakers``,
``quoted_text_share``, ``speaker_cues``, ``speaker_evidence``.

Every helper takes the table its rows come from first: the quotes table (``quote_share``,
``quoted_text_share``, ``speaker_cues``, ``speaker_evidence``) or a ``quote_share`` table
(``top_speakers``); everything else is keyword-only: ``articles=`` (the articles table, for
group columns such as ``outlet`` and for the article texts), ``by=`` (a column, a sequence of
columns or None, see ``schema.group_keys``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .._compat import legacy_call
from ..schema import (SHARE_COLUMNS, SPEAKER_TYPES, UNKNOWN_SPEAKER, check_columns, group_keys,
                      with_groups)
from .cues import cue_tone
from .identity import identify_speakers, speaker_names


def merge_surnames(speakers: pd.Series) -> pd.Series:
    """Speakers merged across articles: a one-word name ("Trump") becomes the most frequent
    longer name that ends with it ("Donald Trump") when there is one. (Kept for callers;
    ``quote_share`` merges by ``speaker_id``, see ``identity.link_speakers``.)"""
    names = speakers.dropna().astype(str)
    if names.empty:
        return speakers
    counts = names.value_counts()
    best: dict[str, str] = {}
    for name, _ in counts.items():
        parts = name.split()
        if len(parts) >= 2 and parts[-1][:1].isupper() and parts[-1] not in best:
            best[parts[-1]] = name
    mapping = {n: best[n] for n in counts.index if " " not in n and n in best}
    return speakers.map(lambda s: mapping.get(s, s) if isinstance(s, str) else s).astype(speakers.dtype)


@legacy_call("quotes", "by")
def quote_share(quotes: pd.DataFrame, *, articles: pd.DataFrame | None = None,
                by: str | Sequence[str] | None = None,
                exclude_types: Sequence[str] = ()) -> pd.DataFrame:
    """Each speaker's share of the quoted words within each group.

    ``quotes``: the quotes table (``article_id``, ``speaker``, ``n_words``; ``speaker_id`` and
    ``speaker_type`` when present, else they are derived with ``identity.identify_speakers``).
    ``by``: None (the whole corpus), a column of ``quotes`` (e.g. "article_id") or a sequence of
    them; a column of ``articles`` (``article_id`` and that column, e.g. "outlet") when
    ``articles=`` is given (merged on ``article_id``). Speakers are grouped by ``speaker_id``, so
    the variants of one person ("Donald J. Trump", "Trump") count as one, shown under the id's
    display name (``identity.speaker_names``: "Donald Trump"); statements without an identified
    speaker (``speaker_type`` unknown) count as speaker NA; a missing group value stays NA (its
    own group). Returns the ``by`` columns, then ``speaker``, ``n_quotes``, ``n_words``,
    ``share`` (of the group's quoted words: sums to 1 within each group), sorted by group and by
    descending share.

    ``exclude_types``: speaker types (``schema.SPEAKER_TYPES``, e.g. ``("unknown", "group")``)
    whose rows are left out of the table. Shares stay shares of all the group's quoted words, so
    the rows kept add up to 1 minus the share left out; what was left out (per group and type:
    statements, words, share) is kept in ``attrs["left_out"]``: read it with
    ``left_out_table`` and ``left_out_note``.
    """
    keys = group_keys(by)
    bad = sorted(set(exclude_types) - set(SPEAKER_TYPES))
    if bad or isinstance(exclude_types, str):
        raise ValueError(f"quote_share: exclude_types must be a sequence of {SPEAKER_TYPES}; "
                         f"got {exclude_types!r}")
    check_columns(quotes, ("article_id", "speaker", "n_words"), what="quote_share")
    df = with_groups(quotes, keys, articles=articles, what="quote_share")
    cols = [*keys, *SHARE_COLUMNS]
    if df.empty:
        out = pd.DataFrame(columns=cols)
        out.attrs["left_out"] = []
        return out
    if "speaker_id" not in df.columns or "speaker_type" not in df.columns:
        df = identify_speakers(df)
    names = speaker_names(df)
    df = df.assign(speaker=df["speaker_id"].map(names).astype("string"),
                   speaker_type=df["speaker_type"].fillna("unknown"))
    grouped = (df.groupby([*keys, "speaker_id", "speaker_type"], dropna=False, sort=False)
               .agg(speaker=("speaker", "first"), n_quotes=("n_words", "size"),
                    n_words=("n_words", "sum")).reset_index())
    if keys:
        totals = grouped.groupby(keys, dropna=False)["n_words"].transform("sum")
        grouped["share"] = (grouped["n_words"] / totals).where(totals > 0, 0.0)
    else:
        total = grouped["n_words"].sum()
        grouped["share"] = grouped["n_words"] / total if total else 0.0
    left = grouped["speaker_type"].isin(list(exclude_types))
    kept = grouped[~left].sort_values([*keys, "share", "speaker"],
                                      ascending=[*([True] * len(keys)), False, True])
    out = kept[cols].reset_index(drop=True)
    out.attrs["left_out"] = _left_out_records(grouped[left], keys)
    return out


#: How a chart note names the speakers of each type it leaves out.
TYPE_LABELS = {"unknown": "unknown speakers", "group": "unnamed groups", "document": "documents",
               "organisation": "organisations", "person": "named people"}


def _left_out_records(rows: pd.DataFrame, keys: list[str]) -> list[dict]:
    """What ``quote_share`` left out, per group and speaker type, as plain records (kept in
    ``attrs``, which pandas compares and copies with the table)."""
    if rows.empty:
        return []
    agg = (rows.groupby([*keys, "speaker_type"], dropna=False, sort=True)
           .agg(n_quotes=("n_quotes", "sum"), n_words=("n_words", "sum"), share=("share", "sum"))
           .reset_index())
    return [{k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v)
             for k, v in rec.items()} for rec in agg.to_dict("records")]


def left_out_table(share: pd.DataFrame) -> pd.DataFrame:
    """What a ``quote_share(..., exclude_types=...)`` table left out: its ``by`` columns,
    ``speaker_type``, ``n_quotes``, ``n_words``, ``share`` (of the group's quoted words); no rows
    when nothing was left out."""
    records = share.attrs.get("left_out", [])
    keys = [c for c in share.columns if c not in SHARE_COLUMNS and c != "rank"]
    return pd.DataFrame(records, columns=[*keys, "speaker_type", "n_quotes", "n_words", "share"])


def left_out_note(share: pd.DataFrame, **group: object) -> str:
    """A one-line note of what a ``quote_share`` (or ``top_speakers``) table left out, for the
    group given by keyword (``outlet="Sputnik"``; none for a table of one group): "Left out:
    unknown speakers 12% of quoted words (3 statements), unnamed groups 5% (1 statement)".
    Empty when nothing was left out."""
    table = left_out_table(share)
    for key, value in group.items():
        if key not in table.columns:
            raise ValueError(f"left_out_note: {key!r} is not a group column of the table")
        table = table[table[key].astype("object") == value]
    if table.empty:
        return ""
    per_type = table.groupby("speaker_type", sort=False)[["n_quotes", "share"]].sum()
    per_type = per_type.sort_values("share", ascending=False)
    parts = [f"{TYPE_LABELS.get(t, t)} {_percent(r['share'])} ({_statements(int(r['n_quotes']))})"
             for t, r in per_type.iterrows()]
    parts[0] = parts[0].replace(" (", " of quoted words (", 1)
    return "Left out: " + ", ".join(parts)


def _statements(n: int) -> str:
    return f"{n:,} statement" + ("" if n == 1 else "s")


def _percent(share: float) -> str:
    return f"{share:.0%}" if share >= 0.01 or share == 0 else "<1%"


def top_speakers(share: pd.DataFrame, *, by: str | Sequence[str] | None = None, n: int = 10,
                 include_unknown: bool = False) -> pd.DataFrame:
    """The ``n`` speakers with the largest share in each ``by`` group of a ``quote_share`` table
    (``speaker``, ``share`` and the ``by`` columns; the output has the same columns, plus
    ``rank`` from 1). Unknown speakers are left out unless ``include_unknown``, then labelled
    ``UNKNOWN_SPEAKER``."""
    keys = group_keys(by)
    check_columns(share, ["speaker", "share", *keys], what="top_speakers")
    df = share.copy()
    if include_unknown:
        df["speaker"] = df["speaker"].astype("object").where(df["speaker"].notna(), UNKNOWN_SPEAKER)
    else:
        df = df[df["speaker"].notna()]
    df = df.sort_values([*keys, "share", "speaker"], ascending=[*([True] * len(keys)), False, True])
    df = df.groupby(keys, sort=False).head(n) if keys else df.head(n)
    df = df.assign(rank=df.groupby(keys).cumcount() + 1 if keys else range(1, len(df) + 1))
    out = df.reset_index(drop=True)
    out.attrs = {"left_out": list(share.attrs.get("left_out", []))}
    return out


@legacy_call("articles", "quotes")
def quoted_text_share(quotes: pd.DataFrame, *, articles: pd.DataFrame,
                      by: str | Sequence[str] | None = "outlet") -> pd.DataFrame:
    """How much of each group's text is attributed to someone else versus the outlet's own
    narration. ``quotes``: the quotes table (``article_id``, ``start``, ``end``); ``articles``:
    the articles whose words are counted (``article_id``, ``text`` and the ``by`` columns).

    Returns the ``by`` columns, ``voice`` (``quoted`` | ``narration``), ``n_words``, ``share``
    (of the group's words); a missing group value stays NA (its own group), a group without
    words is left out. Overlapping statements are counted once per word."""
    from ..text import iter_word_spans

    keys = group_keys(by)
    check_columns(quotes, ("article_id", "start", "end"), what="quoted_text_share")
    check_columns(articles, ("article_id", "text", *keys), what="quoted_text_share articles")
    spans = {aid: sorted(zip(g["start"], g["end"])) for aid, g in quotes.groupby("article_id")} \
        if len(quotes) else {}
    counts = [_count_quoted_words(text if isinstance(text, str) else "", spans.get(aid, []),
                                  iter_word_spans)
              for aid, text in zip(articles["article_id"], articles["text"])]
    cols = [*keys, "voice", "n_words", "share"]
    if not counts:
        return pd.DataFrame(columns=cols)
    per = pd.DataFrame(counts, columns=["total", "quoted"])
    for key in keys:
        per[key] = articles[key].to_numpy()
    per = per.groupby(keys, dropna=False)[["total", "quoted"]].sum() if keys else per.sum().to_frame().T
    out = []
    for group, r in per.iterrows():
        if r["total"] == 0:
            continue
        labels = dict(zip(keys, group if isinstance(group, tuple) else (group,)))
        out.append({**labels, "voice": "quoted", "n_words": int(r["quoted"]),
                    "share": r["quoted"] / r["total"]})
        out.append({**labels, "voice": "narration", "n_words": int(r["total"] - r["quoted"]),
                    "share": 1 - r["quoted"] / r["total"]})
    return pd.DataFrame(out, columns=cols)


def _count_quoted_words(text: str, spans: list[tuple[int, int]], iter_word_spans) -> tuple[int, int]:
    total = quoted = 0
    i = 0
    for ws, we in iter_word_spans(text):
        total += 1
        while i < len(spans) and spans[i][1] <= ws:
            i += 1
        j = i
        while j < len(spans) and spans[j][0] <= ws:
            if spans[j][1] >= we:
                quoted += 1
                break
            j += 1
    return total, quoted


def _rows_of(quotes: pd.DataFrame, speakers: list[str]) -> pd.DataFrame:
    """The rows of the given speakers: by display name of ``speaker_id`` when the table has it
    (``speaker`` then reads that name, as in ``quote_share``), else by ``speaker``."""
    if "speaker_id" not in quotes.columns or quotes.empty:
        return quotes[quotes["speaker"].isin(speakers)]
    shown = quotes["speaker_id"].map(speaker_names(quotes)).astype("string")
    keep = shown.isin(speakers).fillna(False).astype(bool)
    return quotes[keep].assign(speaker=shown[keep])


def speaker_cues(quotes: pd.DataFrame, speakers: list[str]) -> pd.DataFrame:
    """Cue tone counts of the given speakers (display names, as ``quote_share`` shows them) in the
    quotes table (``speaker``, ``cue``):
    ``speaker``, ``tone``, ``n_quotes``, ``share`` (of the speaker's statements), tones from
    ``resources/cue_verbs.tsv``."""
    check_columns(quotes, ("speaker", "cue"), what="speaker_cues")
    cols = ["speaker", "tone", "n_quotes", "share"]
    q = _rows_of(quotes, speakers)
    if q.empty:
        return pd.DataFrame(columns=cols)
    q = q.assign(tone=[cue_tone(c) for c in q["cue"].fillna("")])
    counts = q.groupby(["speaker", "tone"]).size().rename("n_quotes").reset_index()
    counts["share"] = counts["n_quotes"] / counts.groupby("speaker")["n_quotes"].transform("sum")
    return counts[cols]


def speaker_evidence(quotes: pd.DataFrame, speakers: list[str], *, per_speaker: int = 3,
                     max_chars: int = 240) -> pd.DataFrame:
    """The longest statements of each speaker in the quotes table (the columns below and
    ``n_words``) as evidence: ``speaker``, ``article_id``, ``kind``, ``cue``,
    ``speaker_mention``, ``quote`` (shortened to ``max_chars``)."""
    cols = ["speaker", "article_id", "kind", "cue", "speaker_mention", "quote"]
    check_columns(quotes, [*cols, "n_words"], what="speaker_evidence")
    q = _rows_of(quotes, speakers)
    if q.empty:
        return pd.DataFrame(columns=cols)
    order = {s: i for i, s in enumerate(speakers)}
    q = q.sort_values("n_words", ascending=False).groupby("speaker", sort=False).head(per_speaker)
    q = q.assign(_o=q["speaker"].map(order)).sort_values(["_o", "n_words"], ascending=[True, False])
    short = q["quote"].where(q["quote"].str.len() <= max_chars,
                             q["quote"].str.slice(0, max_chars - 1) + "…")
    return q.assign(quote=short)[cols].reset_index(drop=True)
