"""Matplotlib helpers for the notebooks. Each takes data (a DataFrame) and ``ax=None``, draws one
chart with a title, labelled axes and a source line, and returns the Axes. None calls
``plt.show()``. When the data is empty, the chart shows a clear note instead of failing.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd


def get_ax(ax=None, *, figsize=(8, 4.5)):
    """The given Axes, or a new figure's Axes."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def finish(ax, *, title: str, xlabel: str = "", ylabel: str = "", source: str = ""):
    """Title, axis labels and a small source line under the chart; returns ``ax``."""
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if source:
        ax.annotate(f"Source: {source}", xy=(0, 0), xycoords="figure fraction",
                    xytext=(6, 4), textcoords="offset points", fontsize=7, color="0.4")
    ax.figure.tight_layout(rect=(0, 0.03, 1, 1))
    return ax


def empty_note(ax, message: str, *, title: str, source: str = ""):
    """Draw ``message`` in place of a chart (no data for it); returns ``ax``."""
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, fontsize=11, color="0.3",
            transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return finish(ax, title=title, source=source)


def bar_chart(data: pd.DataFrame, *, x: str, y: str, ax=None, title: str, xlabel: str = "",
              ylabel: str = "", source: str = "", horizontal: bool = True, color: str = "C0",
              empty_message: str = "No data to show.", value_format: str | None = "{:,.0f}"):
    """Bars of ``data[y]`` labelled by ``data[x]`` (horizontal by default, first row on top),
    each bar labelled with its value in ``value_format`` (None: no labels)."""
    ax = get_ax(ax)
    if data is None or data.empty:
        return empty_note(ax, empty_message, title=title, source=source)
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
    return finish(ax, title=title, xlabel=xlabel, ylabel=ylabel, source=source)


def articles_per_outlet(counts: pd.DataFrame, *, ax=None, source: str = ""):
    """Horizontal bars of ``counts`` (columns ``outlet``, ``n_articles``)."""
    return bar_chart(counts, x="outlet", y="n_articles", ax=ax, title="Articles per outlet",
                     xlabel="Articles", ylabel="Outlet", source=source,
                     empty_message="No articles were loaded.")


def articles_per_month(counts: pd.DataFrame, *, ax=None, source: str = ""):
    """Articles per month, one line per outlet; ``counts`` has ``month``, ``outlet``, ``n_articles``."""
    ax = get_ax(ax)
    title = "Articles per month"
    if counts.empty:
        return empty_note(ax, "No article has a known date.", title=title, source=source)
    wide = counts.pivot_table(index="month", columns="outlet", values="n_articles",
                              aggfunc="sum", fill_value=0).sort_index()
    x = pd.PeriodIndex(wide.index, freq="M").to_timestamp()
    style = "o-" if len(wide) < 40 else "-"
    for outlet in wide.columns:
        ax.plot(x, wide[outlet].to_numpy(), style, label=str(outlet), markersize=3)
    if len(wide.columns) > 1:
        ax.legend(fontsize=8, frameon=False)
    ax.set_ylim(bottom=0)
    return finish(ax, title=title, xlabel="Month", ylabel="Articles", source=source)


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
    xlabel = "Words per article" + (" (log scale)" if skewed else "")
    return finish(ax, title=title, xlabel=xlabel, ylabel="Articles", source=source)
