"""The Models section's tables: the catalogue, models by field and province with their base, the kinds
of model found in the most provinces, and the models named in several articles (same or near-same name)."""

from __future__ import annotations

from difflib import SequenceMatcher

import pandas as pd

from danvan.extract.models import field_labels
from danvan.report.groups import UNPLACED, in_order


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


def by_field(models: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Models per field and province, every province of the corpus a row (zero where it names none), with
    the base: the province's articles, and how many of them name a model at all; fields by their labels
    (danvan/data/models.yml)."""
    labels = field_labels()
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
    return table.loc[in_order(table.index)].rename_axis("province").reset_index()  # unplaced last


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


NEAR = (
    0.85  # two name keys this similar (difflib's ratio) name the same model ("Góc xanh" / "góc xanh nhà em")
)


def _name_groups(keys: list[str]) -> dict[str, str]:
    """Each name key -> the key of its group: keys equal, one containing the other (two words or more), or
    as similar as ``NEAR``; a group is named by its most frequent key."""
    order = sorted(set(keys), key=lambda k: (-keys.count(k), k))
    leader: dict[str, str] = {}
    for key in order:
        for lead in dict.fromkeys(leader.values()):
            contained = len(min(key, lead, key=len).split()) >= 2 and (key in lead or lead in key)
            if contained or SequenceMatcher(None, key, lead).ratio() >= NEAR:
                leader[key] = lead
                break
        else:
            leader[key] = key
    return leader


def recurring_names(models: pd.DataFrame) -> pd.DataFrame:
    """Models named in more than one article, the same or nearly the same name grouped: how many articles and
    provinces, and the names as written."""
    columns = ["name", "articles", "provinces", "names as written"]
    named = models[models["name_key"] != ""]
    if named.empty:
        return pd.DataFrame(columns=columns)
    group = named["name_key"].map(_name_groups(list(named["name_key"])))
    grouped = (
        named.assign(group=group)
        .groupby("group")
        .agg(
            name=("name", "first"),
            articles=("article_id", "nunique"),
            provinces=("province", lambda p: p[p != ""].nunique()),
            written=("name", lambda n: "; ".join(dict.fromkeys(n))),
        )
    )
    grouped = grouped[grouped["articles"] > 1].rename(columns={"written": "names as written"})
    return grouped.sort_values(["provinces", "articles", "name"], ascending=[False, False, True])[
        columns
    ].reset_index(drop=True)
