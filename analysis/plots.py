"""Matplotlib helpers for the notebooks. Each takes data (a DataFrame) and ``ax=None``, draws one
chart with a title, labelled axes and a source line, and returns the Axes. None calls
``plt.show()``. When the data is empty, the chart shows a clear note instead of failing.

Text is drawn as plain text: importing this module turns matplotlib's mathtext off
(``text.parse_math``), so an outlet, term or path such as ``$x^2$`` is shown literally and a
lone ``$`` cannot break a chart. Charts with one row or line per group show the ``MAX_GROUPS``
largest groups (by articles, mentions or statements) and say so in the title.

Charts with one bar, row or line per group take the group column as ``by=`` (keyword-only, one
column name: a chart has one label axis; to chart several columns, combine them into one label
column first, e.g. with ``schema.group_label``). A missing group value is shown as
``schema.UNKNOWN_GROUP``.
"""

from __future__ import annotations

import textwrap

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._compat import legacy_call
from .schema import check_columns, fill_unknown

# Tick labels are created when the figure is drawn (plt.show), after a chart function has
# returned, so an rc context around the function would not reach them: the setting is global.
mpl.rcParams["text.parse_math"] = False

#: Groups (outlets, speakers...) shown at most in a chart with one row or line per group.
MAX_GROUPS = 30

#: Count columns that rank groups, in order of preference.
_RANK_COLUMNS = ("n_articles", "n_mentions", "n_quotes", "n_words")


def top_groups(data: pd.DataFrame, *, by: str, n: int = MAX_GROUPS,
               weight: str | None = None) -> tuple[pd.DataFrame, str]:
    """The rows of the ``n`` largest groups of ``data[by]`` and a title suffix saying so
    (empty when all groups fit). Groups are ranked by the sum of ``weight``, else of the
    first count column present (articles, mentions, statements, words), else by rows."""
    check_columns(data, (by,), what="top_groups")
    groups = fill_unknown(data[by])
    n_groups = groups.nunique()
    if n_groups <= n:
        return data, ""
    column = weight or next((c for c in _RANK_COLUMNS if c in data.columns), None)
    sizes = (pd.to_numeric(data[column], errors="coerce").fillna(0).groupby(groups).sum()
             if column else groups.value_counts())
    keep = sizes.sort_values(ascending=False, kind="stable").index[:n]
    return data[groups.isin(keep)], f" (top {n} of {n_groups:,} {_plural(by)})"


def _plural(column: str) -> str:
    """What the rows of a chart grouped by ``column`` are, in the plural."""
    return {"outlet": "outlets", "speaker": "speakers", "term": "terms"}.get(column, "groups")


def get_ax(ax=None, *, figsize=(8, 4.5)):
    """The given Axes, or a new figure's Axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def finish(ax, *, title: str, xlabel: str = "", ylabel: str = "", source: str = "",
           note: str = ""):
    """Title, axis labels and a small source line under the chart, with ``note`` (what the chart
    leaves out...) above it; returns ``ax``."""
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    lines = textwrap.wrap(str(note), width=110) if note else []
    if source:
        ax.annotate(f"Source: {source}", xy=(0, 0), xycoords="figure fraction",
                    xytext=(6, 4), textcoords="offset points", fontsize=7, color="0.4")
    if lines:
        ax.annotate("\n".join(lines), xy=(0, 0), xycoords="figure fraction",
                    xytext=(6, 14 if source else 4), textcoords="offset points", fontsize=7,
                    color="0.25", va="bottom")
    bottom = 0.03 + 0.03 * len(lines)
    ax.figure.tight_layout(rect=(0, bottom, 1, 1))
    return ax


def empty_note(ax, message: str, *, title: str, source: str = "", note: str = ""):
    """Draw ``message`` in place of a chart (no data for it); returns ``ax``."""

    # wrapped by hand: matplotlib's wrap=True measures text as mathtext whatever parse_math says
    ax.text(0.5, 0.5, textwrap.fill(str(message), width=70), ha="center", va="center",
            fontsize=11, color="0.3", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return finish(ax, title=title, source=source, note=note)


def bar_chart(data: pd.DataFrame, *, x: str, y: str, ax=None, title: str, xlabel: str = "",
              ylabel: str = "", source: str = "", horizontal: bool = True, color: str = "C0",
              empty_message: str = "No data to show.", value_format: str | None = "{:,.0f}",
              note: str = ""):
    """Bars of ``data[y]`` labelled by ``data[x]`` (horizontal by default, first row on top),
    each bar labelled with its value in ``value_format`` (None: no labels), ``note`` under the
    chart. At most the first ``MAX_GROUPS`` rows are drawn (``data`` comes sorted, largest
    first), as the title says."""
    ax = get_ax(ax)
    if data is None or data.empty:
        return empty_note(ax, empty_message, title=title, source=source, note=note)
    if len(data) > MAX_GROUPS:
        title = f"{title} (top {MAX_GROUPS} of {len(data):,} {_plural(x)})"
        data = data.head(MAX_GROUPS)
    labels = data[x].astype(str).tolist()
    values = data[y].tolist()
    if horizontal:
        bars = ax.barh(labels[::-1], values[::-1], color=color)
    else:
        bars = ax.bar(labels, values, color=color)
        ax.tick_params(axis="x", labelrotation=45)
        for lab in ax.get_xticklabels():
            lab.set_horizontalalignment("right")
    if value_format and len(values) <= 40:
        ax.bar_label(bars, fmt=value_format, fontsize=8, padding=2)
    return finish(ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source, note=note)


def articles_per_outlet(counts: pd.DataFrame, *, ax=None, source: str = ""):
    """Horizontal bars of ``counts`` (columns ``outlet``, ``n_articles``)."""
    return bar_chart(counts, x="outlet", y="n_articles", ax=ax, title="Articles per outlet",
                     xlabel="Articles", ylabel="Outlet", source=source,
                     empty_message="No articles were loaded.")


def articles_per_month(counts: pd.DataFrame, *, ax=None, source: str = ""):
    """Articles per month, one line per outlet; ``counts`` has ``month``, ``outlet``, ``n_articles``."""
    return monthly_lines(counts, value="n_articles", ax=ax, title="Articles per month",
                         ylabel="Articles", source=source, markersize=3,
                         empty_message="No article has a known date.")


def monthly_lines(counts: pd.DataFrame | None, *, value: str, ax=None, title: str, ylabel: str,
                  source: str = "", markersize: float = 4,
                  empty_message: str = "Nothing dated to show."):
    """One line per outlet over the months: ``counts`` has ``month`` (YYYY-MM), ``outlet`` and
    the ``value`` column (summed per month and outlet; missing months count 0)."""
    ax = get_ax(ax)
    if counts is None or counts.empty:
        return empty_note(ax, empty_message, title=title, source=source)
    counts, capped = top_groups(counts, by="outlet", weight=value)
    title += capped
    wide = counts.pivot_table(index="month", columns="outlet", values=value,
                              aggfunc="sum", fill_value=0).sort_index()
    x = pd.PeriodIndex(wide.index, freq="M").to_timestamp()
    style = "o-" if len(wide) < 40 else "-"
    for outlet in wide.columns:
        ax.plot(x, wide[outlet].to_numpy(), style, label=str(outlet), markersize=markersize)
    if len(wide.columns) > 1:
        ax.legend(fontsize=8, frameon=False)
    if len(wide) == 1:                     # one month: a readable axis around it, not years
        ax.set_xlim(x[0] - pd.Timedelta(days=45), x[0] + pd.Timedelta(days=45))
    ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    return finish(ax, title=title, xlabel="Month", ylabel=ylabel, source=source)


def length_histogram(lengths: pd.DataFrame, *, ax=None, source: str = "", bins: int = 30):
    """Histogram of article length in words; ``lengths`` has ``n_words`` (and ``outlet``)."""
    ax = get_ax(ax)
    title = "Article length"
    if lengths.empty:
        return empty_note(ax, "No articles were loaded.", title=title, source=source)
    words = lengths["n_words"].clip(lower=1)
    skewed = words.max() > 20 * max(words.median(), 1)
    edges = np.geomspace(1, words.max() + 1, bins) if skewed else bins
    ax.hist(words, bins=edges, color="C0", edgecolor="white")
    if skewed:
        ax.set_xscale("log")
        # the log axis labels ticks with mathtext ("$10^{2}$"), drawn raw with parse_math off
        ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda x, _pos: f"{x:,.0f}"))
        ax.xaxis.set_minor_formatter(mpl.ticker.NullFormatter())
    xlabel = "Words per article" + (" (log scale)" if skewed else "")
    return finish(ax, title=title, xlabel=xlabel, ylabel="Articles", source=source)


# --------------------------------------------------------------------------------------------
# framing comparison (notebook 04)
# --------------------------------------------------------------------------------------------

def keyness_chart(table: pd.DataFrame, *, n: int = 15, ax=None, source: str = ""):
    """Diverging bars of the ``n`` phrases most typical of each group of a ``framing.keyness``
    table (z-score; right: group a, left: group b)."""
    a, b = table.attrs.get("a", "group a"), table.attrs.get("b", "group b")
    title = f"Words that separate {a} from {b}"
    ax = get_ax(ax, figsize=(8, max(4.5, 0.28 * 2 * n)))
    if table.empty:
        return empty_note(ax, "Too few shared words to compare the two groups.", title=title,
                          source=source)
    top = pd.concat([table.head(n), table.tail(n)]).drop_duplicates("term")
    top = top.sort_values("z")
    colors = ["C1" if z < 0 else "C0" for z in top["z"]]
    ax.barh(top["term"], top["z"], color=colors)
    ax.axvline(0, color="0.3", linewidth=0.8)
    for x in (-1.96, 1.96):
        ax.axvline(x, color="0.6", linewidth=0.6, linestyle=":")
    ax.tick_params(axis="y", labelsize=8)
    return finish(ax, title=title, xlabel=f"z-score of the log-odds ratio  (← {b} · {a} →)",
                  ylabel="Word or phrase", source=source)


def frame_heatmap(profile: pd.DataFrame, *, by: str = "outlet", value: str = "per_1000_words",
                  ax=None, source: str = ""):
    """Heatmap of a ``framing.frame_profile`` table: groups x the 15 frame dimensions."""
    title = "Frame profile (Policy Frames Codebook dimensions)"
    if profile.empty:
        return empty_note(get_ax(ax), "No articles to profile.", title=title, source=source)
    check_columns(profile, (by, "frame", value), what="frame_heatmap")
    profile, capped = top_groups(profile, by=by)
    title += capped
    wide = profile.assign(**{by: fill_unknown(profile[by])}).pivot(index=by, columns="frame",
                                                                   values=value)
    wide = wide[[f for f in profile["frame"].drop_duplicates()]]
    ax = get_ax(ax, figsize=(10, 3.8 + 0.45 * len(wide)))
    im = ax.imshow(wide.to_numpy(dtype=float), aspect="auto", cmap="Blues")
    ax.set_xticks(range(wide.shape[1]))
    ax.set_xticklabels([c.replace("_", " ") for c in wide.columns], rotation=45, ha="right",
                       fontsize=8)
    ax.set_yticks(range(wide.shape[0]))
    ax.set_yticklabels(wide.index.astype(str), fontsize=9)
    for (i, j), v in np.ndenumerate(wide.to_numpy(dtype=float)):
        ax.text(j, i, f"{v:.1f}" if value == "per_1000_words" else f"{v:.0%}", ha="center",
                va="center", fontsize=7, color="black" if v < np.nanmax(wide.to_numpy()) * 0.6
                else "white")
    ax.figure.colorbar(im, ax=ax, label="lexicon words per 1,000" if value == "per_1000_words"
                       else "share")
    return finish(ax, title=title, xlabel="Frame dimension", ylabel=by.capitalize(),
                  source=source)


TONE_COLORS = {"neutral": "0.7", "loaded": "C3", "belief": "C2", "action": "C4", "other": "0.9"}


def stacked_shares(data: pd.DataFrame, *, by: str, category: str, value: str = "share",
                   order: list[str] | None = None, colors: dict[str, str] | None = None, ax=None,
                   title: str, xlabel: str = "Share", source: str = "",
                   empty_message: str = "No data to show.", note: str = ""):
    """Horizontal 100 % stacked bars: one bar per ``by`` group split by ``category``; ``note``
    under the chart."""
    ax = get_ax(ax)
    if data is None or data.empty:
        return empty_note(ax, empty_message, title=title, source=source, note=note)
    check_columns(data, (by, category, value), what="stacked_shares")
    data, capped = top_groups(data, by=by)
    title += capped
    wide = data.assign(**{by: fill_unknown(data[by])}).pivot_table(
        index=by, columns=category, values=value, aggfunc="sum", fill_value=0)
    if wide.empty:
        return empty_note(ax, empty_message, title=title, source=source, note=note)
    cats = [c for c in (order or []) if c in wide.columns] + \
        [c for c in wide.columns if c not in (order or [])]
    left = np.zeros(len(wide))
    for c in cats:
        vals = wide[c].to_numpy(dtype=float)
        ax.barh(wide.index.astype(str), vals, left=left, label=str(c),
                color=(colors or {}).get(c))
        left += vals
    ax.set_xlim(0, max(1.0, left.max()))
    ax.legend(fontsize=8, frameon=False, ncol=min(len(cats), 5), loc="upper center",
              bbox_to_anchor=(0.5, -0.15))
    return finish(ax, title=title, xlabel=xlabel, ylabel=by.capitalize(), source=source,
                  note=note)


def cue_profile_chart(profile: pd.DataFrame, *, by: str = "outlet", ax=None, source: str = ""):
    """How each group introduces quotes: shares of neutral, loaded, belief and action cues
    (a ``framing.cue_verb_profile`` table)."""
    return stacked_shares(profile, by=by, category="tone", order=list(TONE_COLORS),
                          colors=TONE_COLORS, ax=ax, title="Reporting verbs: neutral or loaded",
                          xlabel="Share of the group's attributed statements", source=source,
                          empty_message="No attributed statements were found.")


# --- quotes (notebook 03) --------------------------------------------------------------------

def speaker_share_chart(top: pd.DataFrame, *, ax=None, title: str = "Who is quoted",
                        source: str = "", note: str = ""):
    """Horizontal bars of each speaker's share of the quoted words (a ``quotes.top_speakers``
    table for one group: ``speaker``, ``share``), largest on top; ``note`` under the chart says
    what it leaves out (``quotes.left_out_note``: "Left out: unknown speakers 12% of quoted
    words, ...")."""
    return bar_chart(top, x="speaker", y="share", ax=ax, title=title,
                     xlabel="Share of quoted words", ylabel="Speaker", source=source,
                     empty_message="No attributed statements with a known speaker.",
                     value_format="{:.0%}", note=note)


def quoted_vs_narration_chart(table: pd.DataFrame, *, by: str = "outlet", ax=None,
                              source: str = ""):
    """100 % bars per group: words inside attributed statements vs the outlet's own narration
    (a ``quotes.quoted_text_share`` table)."""
    return stacked_shares(table, by=by, category="voice", order=["quoted", "narration"],
                          colors={"quoted": "C0", "narration": "0.8"}, ax=ax,
                          title="Quoted speech vs the outlet's own narration",
                          xlabel="Share of the words of the group's articles", source=source,
                          empty_message="No article text to measure.")


def speaker_cue_chart(cues: pd.DataFrame, *, ax=None, source: str = "", note: str = ""):
    """100 % bars per speaker: shares of neutral, loaded, belief and action cues introducing
    the speaker's statements (a ``quotes.speaker_cues`` table); ``note`` under the chart."""
    return stacked_shares(cues, by="speaker", category="tone", order=list(TONE_COLORS),
                          colors=TONE_COLORS, ax=ax,
                          title="How each speaker is introduced: neutral or loaded verbs",
                          xlabel="Share of the speaker's statements", source=source,
                          empty_message="No statements by the top speakers.", note=note)


def salience_chart(summary: pd.DataFrame, *, by: str = "outlet", ax=None, source: str = ""):
    """Grouped bars from ``framing.salience_summary``: of the articles that mention each term,
    the share with it in the title, the lede and the first paragraph, per group."""
    title = "Where the terms appear"
    ax = get_ax(ax, figsize=(8, 4.5))
    data = summary[summary["n_articles"] > 0] if not summary.empty else summary
    if data.empty:
        return empty_note(ax, "None of the terms occurs in the corpus.", title=title,
                          source=source)
    check_columns(data, (by, "term", "n_articles", "in_title", "in_lede", "in_first_paragraph"),
                  what="salience_chart")
    data, capped = top_groups(data, by=by)
    title += capped
    labels = [f"{g} · {t}" for g, t in zip(fill_unknown(data[by]), data["term"])]
    y = np.arange(len(data))
    h = 0.8 / 3
    for k, (col, name) in enumerate([("in_title", "title"), ("in_lede", "lede"),
                                     ("in_first_paragraph", "first paragraph")]):
        ax.barh(y + (1 - k) * h, data[col].fillna(0).to_numpy(), height=h, label=name,
                color=f"C{k}")
    ax.set_yticks(y)
    ax.set_yticklabels([f"{lab} (n={n})" for lab, n in zip(labels, data["n_articles"])],
                       fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.legend(fontsize=8, frameon=False)
    return finish(ax, title=title, xlabel="Share of the articles that mention the term",
                  ylabel="", source=source)


# --------------------------------------------------------------------------------------------
# term mentions and their sentiment (notebook 02)
# --------------------------------------------------------------------------------------------

def mentions_over_time(counts: pd.DataFrame, *, ax=None, source: str = "", term: str = ""):
    """Mentions per month, one line per outlet; ``counts`` has ``month`` (YYYY-MM), ``outlet``,
    ``n_mentions``."""
    return monthly_lines(counts, value="n_mentions", ax=ax,
                         title=f"Mentions of {term!r} per month" if term else "Mentions per month",
                         ylabel="Mentions", source=source,
                         empty_message="No dated mention of the term in the corpus.")


@legacy_call("summary", renamed={"group": "by"})
def polarity_by_group(summary: pd.DataFrame, *, by: str, ax=None, title: str, source: str = "",
                      ylabel: str = "", empty_message: str = "No mention of the term to show."):
    """Mean polarity per group with its 95% interval as a horizontal dot plot; ``summary`` has
    the ``by`` column, ``mean_polarity``, ``ci_low``, ``ci_high``, ``n_mentions`` (from
    ``sentiment.summarize_mentions``). Groups are labelled with their number of mentions.
    (``group=`` is the deprecated name of ``by=``.)"""
    ax = get_ax(ax)
    if summary is None or summary.empty:
        return empty_note(ax, empty_message, title=title, source=source)
    check_columns(summary, (by, "mean_polarity", "ci_low", "ci_high", "n_mentions"),
                  what="polarity_by_group")
    summary, capped = top_groups(summary, by=by)
    title += capped
    data = summary.reset_index(drop=True)
    y = np.arange(len(data))[::-1]
    mean = data["mean_polarity"].to_numpy(dtype=float)
    err = np.vstack([mean - data["ci_low"].to_numpy(dtype=float),
                     data["ci_high"].to_numpy(dtype=float) - mean])
    ax.errorbar(mean, y, xerr=np.clip(err, 0, None), fmt="o", color="C0", ecolor="0.5", capsize=3)
    ax.axvline(0, color="0.6", linewidth=0.8, linestyle="--")
    labels = [f"{g} (n={n})" for g, n in zip(fill_unknown(data[by]), data["n_mentions"])]
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_ylim(-0.7, len(data) - 0.3)
    ax.set_xlim(-1.05, 1.05)
    return finish(ax, title=title, xlabel="Mean polarity (-1 negative ... +1 positive), 95% interval",
                  ylabel=ylabel, source=source)


@legacy_call("summary", renamed={"group": "by"})
def label_shares(summary: pd.DataFrame, *, by: str, ax=None, title: str, source: str = "",
                 ylabel: str = "", empty_message: str = "No mention of the term to show."):
    """Stacked horizontal bars of the share of negative, neutral and positive mentions per group;
    ``summary`` has the ``by`` column, ``share_negative``, ``share_neutral``, ``share_positive``,
    ``n_mentions``. (``group=`` is the deprecated name of ``by=``.)"""
    ax = get_ax(ax)
    if summary is None or summary.empty:
        return empty_note(ax, empty_message, title=title, source=source)
    check_columns(summary, (by, "share_negative", "share_neutral", "share_positive", "n_mentions"),
                  what="label_shares")
    summary, capped = top_groups(summary, by=by)
    title += capped
    data = summary.reset_index(drop=True)
    y = np.arange(len(data))[::-1]
    left = np.zeros(len(data))
    for label, color in (("negative", "#c0392b"), ("neutral", "0.75"), ("positive", "#2e86c1")):
        values = data[f"share_{label}"].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=color, label=label)
        left += values
    labels = [f"{g} (n={n})" for g, n in zip(fill_unknown(data[by]), data["n_mentions"])]
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlim(0, 1)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    return finish(ax, title=title, xlabel="Share of mentions", ylabel=ylabel, source=source)
