"""Key findings as plain sentences computed from the tables (nothing here knows the corpus)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from danvan.report.views import in_name_order
from danvan.text import collation_key
from danvan.vocab import load_csv, load_yaml

MAX_PROVINCE_LINES = (
    6  # provinces with a line of their own (those with most articles); the rest are in §Themes
)
ROLE_LABELS = {
    "result": "results",
    "shortcoming": "shortcomings",
    "direction": "tasks ahead",
    "other": "context",
}


def _names(items: list[str], limit: int = 6) -> str:
    items = [i for i in items if i]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f", and {len(items) - limit:,} more"
    if len(items) < 3:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _count(n: int, noun: str, plural: str = "") -> str:
    """ "1 article", "2,031 articles"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


@cache
def _glosses() -> dict[str, str]:
    """English glosses of organisation names and document types, from the vocabulary files."""
    glosses = {row["canonical"]: row["gloss_en"] for row in load_csv("organisations.csv")}
    glosses.update({row["type"]: row["gloss"] for row in load_yaml("documents.yml")["doc_types"]})
    return glosses


def _glossed(term: str) -> str:
    """A Vietnamese term with its English gloss: "Quy chế (regulation)"."""
    gloss = _glosses().get(term, "").replace(" (", ", ").replace(")", "")  # no nested brackets
    return f"{term} ({gloss})" if gloss else term


def corpus_finding(articles: pd.DataFrame, log: pd.DataFrame) -> str:
    provinces = sorted((p for p in articles["province"].unique() if p), key=collation_key)
    span = _publication_span(articles)
    unplaced = int((articles["province"] == "").sum())
    rejected = int((log["status"] == "rejected").sum())
    text = (
        f"The corpus holds {_count(len(articles), 'article')} from {_count(len(provinces), 'province')} "
        f"({_names(provinces)}){span}."
    )
    if unplaced:
        text += f" {_count(unplaced, 'article')} could not be placed in a province with confidence."
    if rejected:
        verb = "was" if rejected == 1 else "were"
        text += f" {_count(rejected, 'input file')} {verb} set aside (see Data quality)."
    return text


def _publication_span(articles: pd.DataFrame) -> str:
    """ ", published between 2018 and 2024", saying how many years rest on dates estimated from a lead event
    (dates that cannot be publication dates never reach the table)."""
    dated = articles[articles["published"] != ""]
    years = pd.to_datetime(dated["published"].str[:4], format="%Y", errors="coerce").dt.year
    if years.isna().all():
        return ""
    estimated = int((dated["published_basis"] == "lead event").sum())
    span = f", published between {int(years.min())} and {int(years.max())}"
    if estimated:
        span += f" ({_count(estimated, 'date')} estimated from the event the article reports)"
    return span


def theme_findings(themes: pd.DataFrame, labels: dict[str, str]) -> list[str]:
    if themes.empty:
        return ["No theme of the lexicon was found in the articles."]
    by_theme = themes.groupby("theme")["hits"].sum().sort_values(ascending=False)
    top = [labels.get(t, t) for t in by_theme.index[:3]]
    out = [f"Across the corpus the most frequent themes are {_names(top)}."]
    placed = themes[themes["province"] != ""]
    if placed["province"].nunique() > 1:
        rates = placed.groupby(["province", "theme"])["per_1000_words"].mean().unstack(fill_value=0)
        lift = rates - rates.mean()
        counts = placed.groupby("province")["article_id"].nunique()
        largest = in_name_order(counts).sort_values(ascending=False, kind="stable")  # ties by name
        for province in sorted(largest.index[:MAX_PROVINCE_LINES], key=collation_key):
            theme = lift.loc[province].idxmax()
            if lift.loc[province, theme] > 0:
                out.append(
                    f"{province} stands out on {labels.get(theme, theme).lower()} "
                    f"({rates.loc[province, theme]:.1f} cue words per 1,000 words against "
                    f"{rates[theme].mean():.1f} on average)."
                )
        if len(largest) > MAX_PROVINCE_LINES:
            out.append(
                f"The other {_count(len(largest) - MAX_PROVINCE_LINES, 'province')} are compared in the "
                "Themes section."
            )
    return out


def role_finding(sentences: pd.DataFrame) -> str:
    shares = sentences["role"].value_counts(normalize=True) * 100
    parts = [f"{shares.get(role, 0):.0f}% {label}" for role, label in ROLE_LABELS.items()]
    text = "Sentence by sentence, the articles divide into " + ", ".join(parts) + "."
    per_article = sentences.groupby("article_id")["role"].apply(lambda r: (r == "shortcoming").mean())
    none = int((per_article == 0).sum())
    if none:
        text += f" {none:,} of {_count(len(per_article), 'article')} mention no shortcoming at all."
    return text


def figure_finding(figures: pd.DataFrame) -> str:
    if figures.empty:
        return "No numeric claim was found."
    categories = figures["category"].value_counts()
    return (
        f"{_count(len(figures), 'numeric claim')} were extracted from "
        f"{_count(figures['article_id'].nunique(), 'article')}; "
        f"the most common kind is {categories.index[0]} ({categories.iloc[0]})."
    )


def actor_finding(entities: pd.DataFrame, persons: pd.DataFrame) -> str:
    orgs = entities[entities["kind"] == "organisation"]
    if orgs.empty:
        return "No organisation of the alias table was named."
    spread = orgs.groupby("canonical")["province"].nunique().sort_values(ascending=False)
    top = orgs["canonical"].value_counts()
    n_provinces = orgs.loc[orgs["province"] != "", "province"].nunique()
    text = f"The most named organisation is {_glossed(top.index[0])}, with {_count(top.iloc[0], 'mention')}"
    if n_provinces > 1:
        widest = spread.index[0]
        name = "it" if widest == top.index[0] else _glossed(widest)
        text += f"; {name} is named in articles from {spread.iloc[0]:,} of the {n_provinces:,} provinces"
    text += "."
    if not persons.empty:
        n = persons["name"].nunique()
        text += f" {_count(n, 'official')} {'is' if n == 1 else 'are'} named with their titles."
    return text


def document_finding(documents: pd.DataFrame) -> str:
    if documents.empty:
        return "No Party or State document is referenced."
    types = documents["doc_type"].value_counts()
    coded = documents[documents["code"] != ""]["code"].value_counts()
    text = (
        f"{_count(len(documents), 'reference')} to documents; the most frequent type is "
        f"{_glossed(types.index[0])}, with {types.iloc[0]:,}"
    )
    if len(coded) and coded.iloc[0] > 1:
        text += f"; the most cited code is {coded.index[0]} ({coded.iloc[0]:,}×)"
    elif len(coded):
        text += f"; {_count(len(coded), 'document code')}, each cited once"
    return text + "."


def key_findings(tables: dict[str, pd.DataFrame], theme_labels: dict[str, str]) -> list[str]:
    """The report's opening summary."""
    return [
        corpus_finding(tables["articles"], tables["ingest_log"]),
        *theme_findings(tables["themes"], theme_labels),
        role_finding(tables["sentences"]),
        figure_finding(tables["figures"]),
        actor_finding(tables["entities"], tables["persons"]),
        document_finding(tables["documents"]),
    ]
