"""The notebooks' filter parameters: keep some provinces, a region or a span of publication years.

Every per-article table keeps the rows of the articles kept; the glossary is counted again over them and
the distinctive words keep the provinces kept. The ingest log stays whole: every file is accounted for.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from danvan.tables import TABLES

WHOLE = ("ingest_log",)  # tables about the input files, not the articles


@dataclass(frozen=True)
class Filters:
    """What to keep; empty keeps everything."""

    provinces: tuple[str, ...] = ()  # as written in articles.csv's province (or province_2025)
    region: str = ""
    years: tuple[int, int] | None = None  # publication years, both included

    @classmethod
    def from_parameters(cls, provinces=(), region: str = "", years=()) -> Filters:
        span = tuple(int(y) for y in years) if years else None
        if span is not None and len(span) != 2:
            raise ValueError(f"YEARS takes two years, from and to: {list(years)}")
        return cls(tuple(provinces), region, span)  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return bool(self.provinces or self.region or self.years)

    def describe(self) -> str:
        """The filters in words, for the report's header: "none" when nothing is filtered."""
        parts = []
        if self.provinces:
            parts.append("provinces " + ", ".join(self.provinces))
        if self.region:
            parts.append(f"region {self.region}")
        if self.years:
            parts.append(f"published {self.years[0]}–{self.years[1]} (undated articles left out)")
        return "; ".join(parts) or "none"

    def keep(self, articles: pd.DataFrame) -> pd.Series:
        """Which articles pass: a boolean Series over ``articles``."""
        kept = pd.Series(True, index=articles.index)
        if self.provinces:
            kept &= articles["province"].isin(self.provinces) | articles["province_2025"].isin(self.provinces)
        if self.region:
            kept &= articles["region"] == self.region
        if self.years:
            year = pd.to_numeric(articles["published"].str[:4], errors="coerce")
            kept &= year.between(*self.years)
        return kept


def apply(tables: dict[str, pd.DataFrame], filters: Filters) -> dict[str, pd.DataFrame]:
    """``tables`` with only the rows of the articles ``filters`` keeps."""
    if not filters:
        return tables
    articles = tables["articles"]
    ids = set(articles.loc[filters.keep(articles), "article_id"])
    out = {
        name: df
        if name in WHOLE or name not in TABLES
        else df[df["article_id"].isin(ids)].reset_index(drop=True)
        for name, df in tables.items()
    }
    provinces = set(out["articles"]["province"])
    out["keyness"] = tables["keyness"][tables["keyness"]["province"].isin(provinces)].reset_index(drop=True)
    out["glossary"] = _glossary(out["abbreviations"], tables["glossary"])
    return out


def _glossary(abbreviations: pd.DataFrame, whole: pd.DataFrame) -> pd.DataFrame:
    """The corpus glossary counted again over the articles kept."""
    counts = abbreviations.groupby("abbreviation").agg(
        count=("count", "sum"), n_articles=("article_id", "nunique")
    )
    kept = whole.drop(columns=["count", "n_articles"]).merge(counts.reset_index(), on="abbreviation")
    return kept.sort_values(["count", "abbreviation"], ascending=[False, True], ignore_index=True)[
        whole.columns
    ]
