"""The tile-grid map: its layout (danvan/data/province_tiles.csv) checked against geography and the 2025
merger, and the drawing."""

import matplotlib

matplotlib.use("Agg")
import pandas as pd

from danvan.extract.gazetteer import gazetteer
from danvan.report import tilemap


def _layout() -> pd.DataFrame:
    return tilemap.tiles().assign(lat=lambda d: d["lat"].astype(float), lon=lambda d: d["lon"].astype(float))


def test_one_square_for_each_of_the_63_provinces():
    layout = _layout()
    assert set(layout.index) == set(gazetteer().province_2025)
    assert not layout.duplicated(["row", "col"]).any()
    assert layout["province_2025"].nunique() == 34


def test_the_grid_follows_geography():
    """Rows run north to south (rank correlation with latitude), and within a row squares run west to east."""
    layout = _layout()
    assert layout["row"].rank().corr((-layout["lat"]).rank()) > 0.99
    for _, row in layout.sort_values("col").groupby("row"):
        assert row["lon"].is_monotonic_increasing, list(row.index)


def test_the_provinces_merged_in_2025_share_edges():
    layout = _layout()
    for new, part in layout.groupby("province_2025"):
        cells = set(zip(part["row"], part["col"], strict=True))
        seen, todo = set(), [next(iter(cells))]
        while todo:
            r, c = todo.pop()
            seen.add((r, c))
            todo += [
                n for n in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)) if n in cells and n not in seen
            ]
        assert seen == cells, new


def _texts(ax) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in ax.texts]


def test_the_maps_draw_every_province_and_label_values():
    values = {
        "province": pd.Series({"Bắc Kạn": 2.0, "Hà Nội": 1.0, "Cà Mau": 0.0}),
        "province_2025": pd.Series({"Thái Nguyên": 2.0, "Hà Nội": 1.0, "Cà Mau": 0.0}),
    }
    fig = tilemap.tile_maps(values, "Articles per province", "articles")
    before, after = fig.axes[:2]
    assert len(before.patches) == 63 and len(after.patches) == 63  # after the merger: unions of the 63
    assert len(before.texts) == 63 and len(after.texts) == 34
    assert "Bắc Kạn 2" in _texts(before) and "Cà Mau 0" in _texts(before)
    assert "Thái Nguyên 2" in _texts(after)
    grey = [p for p in before.patches if matplotlib.colors.to_hex(p.get_facecolor()) == tilemap.NO_ARTICLES]
    assert len(grey) == 60  # provinces without an article; Cà Mau has one, with a rate of 0
