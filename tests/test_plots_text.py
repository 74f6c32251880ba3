"""Charts draw corpus strings as plain text and stay readable with thousands of outlets."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import plots  # noqa: E402

BROKEN_MATH = "US$5 \\frac{ and $"       # a lone formula that mathtext cannot parse
FRAMES = ["economic", "morality", "security_and_defense"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def draw(ax) -> None:
    ax.figure.savefig(io.BytesIO(), format="png")


def test_labels_with_dollars_are_literal():
    data = pd.DataFrame({"outlet": ["$x^2$", BROKEN_MATH, "plain"], "n_articles": [3, 2, 1]})
    ax = plots.articles_per_outlet(data, source="folder $HOME$")
    draw(ax)                                     # mathtext would raise on BROKEN_MATH
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["plain", BROKEN_MATH, "$x^2$"]
    assert not any(t.get_parse_math() for t in ax.get_yticklabels())


def test_note_with_dollars_is_drawn():
    ax = plots.empty_note(plots.get_ax(), f"group {BROKEN_MATH!r} has no articles",
                          title=f"Words that separate {BROKEN_MATH}")
    draw(ax)
    assert ax.get_title(loc="left") == f"Words that separate {BROKEN_MATH}"


def frame_profile(n_outlets: int) -> pd.DataFrame:
    """A frame profile of ``n_outlets`` outlets; outlet k has k + 1 articles."""
    outlets = [f"Outlet {k:04d}" for k in range(n_outlets)]
    return pd.DataFrame({
        "outlet": np.repeat(outlets, len(FRAMES)),
        "frame": FRAMES * n_outlets,
        "per_1000_words": np.tile([1.0, 2.0, 3.0], n_outlets),
        "share": np.tile([0.1, 0.2, 0.3], n_outlets),
        "n_articles": np.repeat(np.arange(1, n_outlets + 1), len(FRAMES)),
    })


def test_heatmap_shows_the_largest_outlets():
    ax = plots.frame_heatmap(frame_profile(3000))
    assert ax.get_title(loc="left").endswith("(top 30 of 3,000 outlets)")
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert len(shown) == plots.MAX_GROUPS
    assert set(shown) == {f"Outlet {k:04d}" for k in range(2970, 3000)}
    assert ax.figure.get_figheight() < 20


def test_heatmap_with_few_outlets_is_not_capped():
    ax = plots.frame_heatmap(frame_profile(3))
    assert "top" not in ax.get_title(loc="left")
    assert len(ax.get_yticklabels()) == 3


def test_monthly_lines_show_the_largest_outlets():
    counts = pd.DataFrame({"month": ["2020-01", "2020-02"] * 100,
                           "outlet": [f"O{k}" for k in range(100) for _ in range(2)],
                           "n_articles": [k for k in range(100) for _ in range(2)]})
    ax = plots.articles_per_month(counts)
    assert len(ax.get_lines()) == plots.MAX_GROUPS
    assert ax.get_title(loc="left") == "Articles per month (top 30 of 100 outlets)"
    assert {line.get_label() for line in ax.get_lines()} == {f"O{k}" for k in range(70, 100)}


def test_bar_chart_shows_the_first_rows():
    counts = pd.DataFrame({"outlet": [f"O{k}" for k in range(50)], "n_articles": range(50, 0, -1)})
    ax = plots.articles_per_outlet(counts)
    assert len(ax.patches) == plots.MAX_GROUPS
    assert ax.get_title(loc="left") == "Articles per outlet (top 30 of 50 outlets)"


def test_top_groups_ranks_by_count_column():
    data = pd.DataFrame({"speaker": list("abcd"), "tone": "neutral",
                         "n_quotes": [1, 9, 5, 7], "share": 1.0})
    kept, suffix = plots.top_groups(data, by="speaker", n=2)
    assert kept["speaker"].tolist() == ["b", "d"] and suffix == " (top 2 of 4 speakers)"


def test_one_month_gets_a_readable_axis():
    counts = pd.DataFrame({"month": ["2017-03"], "outlet": ["Sputnik"], "n_articles": [1]})
    ax = plots.articles_per_month(counts)
    draw(ax)
    low, high = (matplotlib.dates.num2date(v) for v in ax.get_xlim())
    assert (high - low).days < 100
    assert all(float(t).is_integer() for t in ax.get_yticks())
