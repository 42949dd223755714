"""The notebooks' filter parameters: keep some provinces, a region or a span of publication years, and
trust a placement only from a given confidence.

Every per-article table keeps the rows of the articles kept; the glossary is counted again over them and
the distinctive words keep the provinces kept. The ingest log stays whole: every file is accounted for.
Articles placed with less than the confidence asked for stay, counted as unplaced.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from danvan.tables import TABLES

WHOLE = ("ingest_log",)  # tables about the input files, not the articles
CONFIDENCE = ("low", "medium", "high")  # articles.province_confidence, weakest first
PLACE_COLUMNS = ("province", "province_2025", "region", "district")


@dataclass(frozen=True)
class Filters:
    """What to keep; empty keeps everything."""

    provinces: tuple[str, ...] = ()  # as written in articles.csv's province (or province_2025)
    region: str = ""
    years: tuple[int, int] | None = None  # publication years, both included
    confidence: str = ""  # the least province_confidence trusted ("medium", "high"); "" trusts every one

    @classmethod
    def from_parameters(cls, provinces=(), region: str = "", years=(), confidence: str = "") -> Filters:
        span = tuple(int(y) for y in years) if years else None
        if span is not None and len(span) != 2:
            raise ValueError(f"YEARS takes two years, from and to: {list(years)}")
        if confidence and confidence not in CONFIDENCE:
            levels = ", ".join(CONFIDENCE)
            raise ValueError(f"MIN_CONFIDENCE must be one of {levels} (or empty): {confidence!r}")
        return cls(tuple(provinces), region, span, confidence)  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return bool(self.provinces or self.region or self.years or self.confidence)

    def describe(self) -> str:
        """The filters in words, for the report's header: "none" when nothing is filtered."""
        parts = []
        if self.provinces:
            parts.append("provinces " + ", ".join(self.provinces))
        if self.region:
            parts.append(f"region {self.region}")
        if self.years:
            parts.append(f"published {self.years[0]}–{self.years[1]} (undated articles left out)")
        if self.confidence:
            parts.append(f"placements of {self.confidence} confidence or more (others counted as unplaced)")
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


def weak_placements(articles: pd.DataFrame, least: str) -> set[str]:
    """Ids of the placed articles whose province_confidence is below ``least``."""
    if not least:
        return set()
    rank = {level: i for i, level in enumerate(CONFIDENCE)}
    weak = articles["province_confidence"].map(lambda c: rank.get(c, -1) < rank[least])
    return set(articles.loc[weak & (articles["province"] != ""), "article_id"])


def _unplaced(tables: dict[str, pd.DataFrame], ids: set[str]) -> dict[str, pd.DataFrame]:
    """``tables`` with the place of articles ``ids`` emptied wherever a table repeats it."""
    if not ids:
        return tables
    out = dict(tables)
    for name, df in tables.items():
        columns = [c for c in PLACE_COLUMNS if c in df.columns]
        if name in WHOLE or "article_id" not in df.columns or not columns:
            continue
        df = df.copy()
        df.loc[df["article_id"].isin(ids), columns] = ""
        out[name] = df
    return out


def apply(tables: dict[str, pd.DataFrame], filters: Filters) -> dict[str, pd.DataFrame]:
    """``tables`` with only the rows of the articles ``filters`` keeps (weak placements unplaced first)."""
    if not filters:
        return tables
    tables = _unplaced(tables, weak_placements(tables["articles"], filters.confidence))
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
