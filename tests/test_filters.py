"""The notebooks' filters keep the articles asked for, in every per-article table, and nothing else."""

from __future__ import annotations

import pandas as pd
import pytest

from danvan.report.filters import Filters, apply
from danvan.report.notebook import load_tables, setup
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def tables():
    return load_tables(str(SEEDS))


def _ids(df: pd.DataFrame) -> set[str]:
    return set(df["article_id"])


def test_no_filter_keeps_everything(tables):
    kept = apply(tables, Filters())
    assert all(kept[name] is tables[name] for name in tables)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(provinces=("Hà Nội", "An Giang")), {"Hà Nội", "An Giang"}),
        (Filters(region="Mekong Delta"), {"An Giang"}),
        (Filters(years=(2018, 2018)), {"Hà Nội"}),
        (Filters(years=(2018, 2024)), {"Hà Nội", "An Giang"}),
    ],
)
def test_each_filter_keeps_its_articles_in_every_table(tables, filters, expected):
    kept = apply(tables, filters)
    assert set(kept["articles"]["province"]) == expected
    ids = _ids(kept["articles"])
    for name in ("sentences", "figures", "documents", "entities", "persons", "themes", "abbreviations"):
        assert _ids(kept[name]) <= ids, name
        whole = tables[name]
        assert len(kept[name]) == int(whole["article_id"].isin(ids).sum()), name  # and no row more is lost
    assert kept["ingest_log"] is tables["ingest_log"]  # every file stays accounted for
    assert set(kept["keyness"]["province"]) <= expected
    assert kept["glossary"]["count"].sum() == kept["abbreviations"]["count"].sum()


def test_a_province_after_the_2025_merger_keeps_the_provinces_merged_into_it(tables):
    merged = tables["articles"].set_index("province")["province_2025"]
    new = merged["Bắc Kạn"]  # Thái Nguyên since July 2025
    kept = apply(tables, Filters(provinces=(new,)))
    assert "Bắc Kạn" in set(kept["articles"]["province"])


def test_setup_reads_the_notebook_parameters(tmp_path):
    nb = setup(str(SEEDS), figures_dir=tmp_path, provinces=["Kon Tum"], years=[])
    assert set(nb.tables["articles"]["province"]) == {"Kon Tum"}
    assert nb.filters.describe() == "provinces Kon Tum"
    assert nb.tables.run["parsed"] == 5  # the run record describes the whole corpus
    with pytest.raises(ValueError, match="YEARS takes two years"):
        setup(str(SEEDS), figures_dir=tmp_path, years=[2018])
