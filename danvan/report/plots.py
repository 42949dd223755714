"""Plots for the report: one colour per province everywhere, Vietnamese labels intact."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.ticker import MaxNLocator

from danvan.report.groups import UNDATED, UNPLACED
from danvan.report.views import in_name_order
from danvan.text import collation_key

plt.rcParams.update(
    {
        "font.family": "DejaVu Sans",  # ships with matplotlib and covers Vietnamese diacritics
        "svg.hashsalt": "danvan",  # stable ids in SVG output: same input, same file
        "figure.dpi": 110,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "text.parse_math": False,  # labels come from the corpus: "$x$" in a file name is text, not math
    }
)
MAX_HEIGHT = 14.0  # inches: a plot with many provinces gets denser, not endlessly taller
MAX_GROUPS = 8  # provinces beyond which grouped bars turn into a heatmap
MAX_LEGEND_BELOW = 5  # parts of a stacked bar that fit in one row of legend under it
# Strong colours first (tab10), then their light shades (the odd entries of tab20) for provinces 11-20.
_PALETTE = list(plt.get_cmap("tab10").colors) + list(plt.get_cmap("tab20").colors[1::2])


def _height(rows: int, per_row: float, base: float, low: float = 2.5) -> float:
    return min(MAX_HEIGHT, max(low, per_row * rows + base))


GREY = (0.6, 0.6, 0.6)


def province_colors(provinces: list[str]) -> dict[str, tuple]:
    """A fixed colour per province (alphabetical order), grey for unplaced articles."""
    names = sorted({p for p in provinces if p and p not in (UNPLACED, UNDATED)}, key=collation_key)
    colors = {p: _PALETTE[i % len(_PALETTE)] for i, p in enumerate(names)}
    colors[UNPLACED] = colors[UNDATED] = GREY
    return colors


def heatmap(matrix: pd.DataFrame, title: str, value_label: str, fmt: str = "{:.1f}"):
    """Rows × columns heatmap with the value written in each cell."""
    width = max(6.0, 0.65 * len(matrix.columns) + 2.5)
    fig, ax = plt.subplots(figsize=(min(width, 11), _height(len(matrix.index), 0.45, 1.5)))
    image = ax.imshow(matrix.to_numpy(dtype=float), cmap="Reds", aspect="auto")
    ax.set_xticks(range(len(matrix.columns)), [str(c) for c in matrix.columns], rotation=35, ha="right")
    ax.set_yticks(range(len(matrix.index)), [str(i) for i in matrix.index])
    top = float(matrix.to_numpy(dtype=float).max()) if matrix.size else 0.0
    if matrix.size <= 400:
        for (i, j), value in pd.DataFrame(matrix.to_numpy(dtype=float)).stack().items():
            if value:
                ax.text(
                    j,
                    i,
                    fmt.format(value),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if value > top * 0.6 else "black",
                )
    fig.colorbar(image, ax=ax, label=value_label, shrink=0.8)
    ax.set_title(title, loc="left")
    ax.spines[:].set_visible(False)
    return fig


def bars_by_province(series: pd.Series, colors: dict[str, tuple], title: str, xlabel: str):
    """Horizontal bars, one per province, in the province's colour: largest on top, ties in name order."""
    series = in_name_order(series, descending=True).sort_values(kind="stable")
    fig, ax = plt.subplots(figsize=(8, _height(len(series), 0.4, 1, low=2.0)))
    bars = ax.barh(
        [str(i) for i in series.index],
        series.to_numpy(),
        color=[colors.get(i, GREY) for i in series.index],
    )
    ax.bar_label(bars, fmt="{:,.0f}", padding=3, fontsize=8)
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, loc="left")
    return fig


def grouped_bars(frame: pd.DataFrame, colors: dict[str, tuple], title: str, xlabel: str):
    """Categories (rows) × provinces (columns) as grouped horizontal bars; with more than MAX_GROUPS
    provinces, a province × category heatmap of the same counts (bars would be unreadable)."""
    if len(frame.columns) > MAX_GROUPS:
        return heatmap(frame.T, title, xlabel, fmt="{:.0f}")
    per_row = 0.5 * max(1, len(frame.columns)) ** 0.5
    fig, ax = plt.subplots(figsize=(9, _height(len(frame.index), per_row, 1.5)))
    frame.plot.barh(ax=ax, color=[colors.get(c, GREY) for c in frame.columns], width=0.8)
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("")
    ax.set_title(title, loc="left")
    ax.legend(title="Province", fontsize=8, title_fontsize=9, loc="best")
    return fig


def stacked_shares(
    frame: pd.DataFrame, title: str, palette: dict[str, str], xlabel: str = "share of sentences (%)"
):
    """Each row as a 100% stacked bar of its columns (e.g. sentence roles per article)."""
    shares = frame.div(frame.sum(axis=1).replace(0, 1), axis=0) * 100
    fig, ax = plt.subplots(figsize=(9, _height(len(shares.index), 0.38, 1.5)))
    shares.plot.barh(
        ax=ax,
        stacked=True,
        color=[palette.get(c, _PALETTE[i % 20]) for i, c in enumerate(shares.columns)],
        width=0.75,
    )
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.set_xlim(0, 100)
    ax.set_title(title, loc="left")
    if len(shares.columns) > MAX_LEGEND_BELOW:  # many parts: one column of legend beside the bars
        ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    else:
        ax.legend(ncol=len(shares.columns), fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12))
    return fig


def timeline(
    events: pd.DataFrame,
    groups: list[str],
    colors: dict[str, tuple],
    title: str,
    labels: list[str] | None = None,
):
    """Documents (points at a year) and periods (spans) on one time axis, one row per group (of ``groups``,
    in that order: a group without an event keeps its empty row), rows labelled ``labels`` (default: the
    groups). The periods are drawn as one collection of lines: the cost does not grow with one call per
    period."""
    fig, ax = plt.subplots(figsize=(9, _height(len(groups), 0.55, 1.5)))
    rows = {group: row for row, group in enumerate(groups)}
    placed = events[events["group"].isin(rows)]
    periods = placed[placed["kind"] == "period"]
    segments = [
        [(start, rows[group]), (end, rows[group])]
        for start, end, group in zip(periods["start"], periods["end"], periods["group"], strict=True)
    ]
    period_colors = [colors.get(group, GREY) for group in periods["group"]]
    ax.add_collection(
        LineCollection(segments, colors=period_colors, linewidths=6, alpha=0.45, capstyle="butt")
    )
    docs = placed[placed["kind"] == "document"]
    if len(docs):
        ax.scatter(
            docs["start"],
            docs["group"].map(rows),
            color=[colors.get(group, GREY) for group in docs["group"]],
            edgecolor="black",
            zorder=3,
            s=36,
        )
    ax.autoscale_view()
    ax.set_yticks(range(len(groups)), labels or groups)
    ax.set_xlabel("year")
    ax.set_title(title, loc="left")
    ax.grid(axis="x", alpha=0.3)
    return fig


def intervals(comparison: pd.DataFrame, overall: float, title: str, xlabel: str):
    """One row per group (``label``): its mean (dot) and 95% interval (line) against the corpus' mean
    (dashed); groups that stand out in red, groups too small to compare as open circles."""
    rows = comparison.iloc[::-1].reset_index(drop=True)  # first group on top
    fig, ax = plt.subplots(figsize=(8, _height(len(rows), 0.4, 1.2, low=2.0)))
    ax.hlines(rows.index, rows["low"], rows["high"], color="#555555", lw=2)
    tested = rows[rows["p"].notna()]
    color = ["#c44e52" if out else "#4c72b0" for out in tested["stands_out"]]
    ax.scatter(tested["mean"], tested.index, color=color, zorder=3)
    small = rows[rows["p"].isna()]
    ax.scatter(small["mean"], small.index, facecolor="white", edgecolor="#4c72b0", zorder=3)
    ax.axvline(overall, color="black", ls="--", lw=1)
    ax.set_yticks(list(rows.index), [str(g) for g in rows["label"]])
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    ax.grid(axis="x", alpha=0.3)
    return fig
