"""A tile-grid map of Vietnam, drawn by matplotlib from ``danvan/data/province_tiles.csv``: one square per
province before the 2025 merger (63), or the 34 provinces since as the unions of their former provinces'
squares. No network, no map tiles: the map is a chart like the others."""

from __future__ import annotations

import math
from functools import cache

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import Normalize
from matplotlib.patches import Patch, Rectangle

from danvan.extract.gazetteer import gazetteer
from danvan.vocab import load_csv

NO_ARTICLES = "#e4e4e4"
EDGE = "white"
MAPS = {
    "province": "63 provinces (before the 2025 merger)",
    "province_2025": "34 provinces (since the merger)",
}


@cache
def tiles() -> pd.DataFrame:
    """Row, column and label of each of the 63 provinces (index: short name), and its province since 2025."""
    frame = pd.DataFrame(load_csv("province_tiles.csv")).set_index("province")
    frame[["row", "col"]] = frame[["row", "col"]].astype(int)
    frame["province_2025"] = [gazetteer().province_2025[p] for p in frame.index]
    return frame


def _label_tile(layout: pd.DataFrame, by: str) -> dict[str, str]:
    """The tile that carries each map unit's label: its own, or (after the merger) the former province of
    the same name, else the first of its former provinces."""
    if by == "province":
        return {p: p for p in layout.index}
    out = {}
    for new, part in layout.groupby("province_2025", sort=False):
        out[new] = new if new in part.index else part.index[0]
    return out


def _wrapped(label: str) -> str:
    words = label.split(" ")
    return (
        label
        if len(words) < 2
        else " ".join(words[: len(words) // 2]) + "\n" + " ".join(words[len(words) // 2 :])
    )


def draw(ax, values: pd.Series, by: str, cmap: str, norm: Normalize, fmt: str) -> None:
    """Draw the map of ``values`` (index: provinces of grouping ``by``; missing or NaN: no articles)."""
    layout = tiles()
    unit = layout.index.to_series() if by == "province" else layout["province_2025"]
    colormap = plt.get_cmap(cmap)
    where = {(r, c): unit[p] for p, r, c in zip(layout.index, layout["row"], layout["col"], strict=True)}
    for province, row, col in zip(layout.index, layout["row"], layout["col"], strict=True):
        value = values.get(unit[province], math.nan)
        color = NO_ARTICLES if pd.isna(value) else colormap(norm(value))
        ax.add_patch(Rectangle((col, -row), 1, 1, facecolor=color, edgecolor="none"))
        for (dr, dc), line in {
            (0, -1): ((0, 0), (0, 1)),
            (0, 1): ((1, 1), (0, 1)),
            (-1, 0): ((0, 1), (1, 1)),
            (1, 0): ((0, 1), (0, 0)),
        }.items():
            if where.get((row + dr, col + dc)) != unit[province]:
                ax.plot(
                    [col + x for x in line[0]],
                    [-row + y for y in line[1]],
                    color=EDGE,
                    lw=1.6,
                    solid_capstyle="butt",
                )
    for name, province in _label_tile(layout, by).items():
        row, col = layout.at[province, "row"], layout.at[province, "col"]
        value = values.get(name, math.nan)
        dark = not pd.isna(value) and norm(value) > 0.6
        text = _wrapped(layout.at[name, "label"] if name in layout.index else name)
        if not pd.isna(value):
            text += "\n" + fmt.format(value)
        ax.text(
            col + 0.5,
            -row + 0.5,
            text,
            ha="center",
            va="center",
            fontsize=5.2,
            linespacing=0.95,
            color="white" if dark else "black",
        )
    ax.set_xlim(layout["col"].min() - 0.2, layout["col"].max() + 1.2)
    ax.set_ylim(-layout["row"].max() - 0.2, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")


def tile_maps(values: dict[str, pd.Series], title: str, label: str, fmt: str = "{:.0f}", cmap: str = "Reds"):
    """The 63- and 34-province maps side by side, one colour scale; ``values`` by grouping ("province",
    "province_2025"), each a Series indexed by province (absent or NaN: no articles, grey)."""
    fig, axes = plt.subplots(1, 2, figsize=(8, 8.2), gridspec_kw={"wspace": 0.02})
    fig.subplots_adjust(left=0.01, right=0.99, top=0.91, bottom=0.09)
    top = max([float(v.max()) for v in values.values() if v.notna().any()] + [1.0])
    norm = Normalize(0, top)
    for ax, (by, caption) in zip(axes, MAPS.items(), strict=True):
        draw(ax, values.get(by, pd.Series(dtype=float)), by, cmap, norm, fmt)
        ax.set_title(caption, fontsize=9)
    fig.suptitle(title, x=0.02, y=0.99, ha="left", fontsize=12)
    bar = fig.add_axes((0.3, 0.05, 0.4, 0.015))
    fig.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), cax=bar, orientation="horizontal", label=label)
    grey = Patch(facecolor=NO_ARTICLES, label="no article in the corpus")
    axes[0].legend(handles=[grey], loc="lower right", fontsize=8, frameon=False)
    return fig
