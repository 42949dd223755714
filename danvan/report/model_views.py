"""The Models section's tables: the catalogue, models by field and province with their base, and the kinds
of model found in the most provinces."""

from __future__ import annotations

import pandas as pd

from danvan.report.views import in_name_order

UNPLACED = "(unplaced)"


def catalogue(models: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per model: name, who runs it, where, field, status, year, its results and its sentence."""
    source = sentences[["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"})
    rows = models.merge(source, on=["article_id", "sentence_id"], how="left")
    columns = [
        "name",
        "runner",
        "place",
        "province",
        "field",
        "kind",
        "status",
        "year",
        "results",
        "sentence",
    ]
    return rows[columns].rename(columns={"results": "figures beside it"})


def by_field(models: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Models per field and province, every province of the corpus a row (zero where it names none), with
    the base: the province's articles, and how many of them name a model at all."""
    provinces = articles["province"].replace("", UNPLACED)
    base = pd.DataFrame(
        {
            "articles": provinces.value_counts(),
            "articles naming a model": provinces[
                articles["article_id"].isin(models["article_id"])
            ].value_counts(),
        }
    ).fillna(0)
    fields = models.assign(
        province=models["province"].replace("", UNPLACED), field=models["field"].replace("", "other")
    )
    counts = pd.crosstab(fields["province"], fields["field"].map(lambda f: labels.get(f, f)))
    table = base.join(counts, how="left").fillna(0).astype(int)
    table = in_name_order(table)
    order = [p for p in table.index if p != UNPLACED] + [p for p in table.index if p == UNPLACED]  # last
    return table.loc[order].rename_axis("province").reset_index()


def widespread_kinds(models: pd.DataFrame) -> pd.DataFrame:
    """Kinds of model by the number of provinces whose articles name one, with an example name each."""
    kinds = models[models["kind"] != ""]
    if kinds.empty:
        return pd.DataFrame(columns=["kind", "provinces", "models", "example"])
    grouped = kinds.groupby("kind").agg(
        provinces=("province", lambda p: p[p != ""].nunique()),
        models=("name", "size"),
        example=("name", "first"),
    )
    return grouped.sort_values(["provinces", "models"], ascending=False).reset_index()
