"""Key findings as plain sentences computed from the tables (nothing here knows the corpus)."""

from __future__ import annotations

import pandas as pd

ROLE_LABELS = {
    "result": "results",
    "shortcoming": "shortcomings",
    "direction": "tasks ahead",
    "other": "context",
}


def _names(items: list[str], limit: int = 6) -> str:
    items = [i for i in items if i]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + (items[-1] if items else "")


def corpus_finding(articles: pd.DataFrame, log: pd.DataFrame) -> str:
    provinces = sorted(p for p in articles["province"].unique() if p)
    years = pd.to_datetime(articles["published"], errors="coerce").dt.year.dropna()
    span = f", published between {int(years.min())} and {int(years.max())}" if len(years) else ""
    unplaced = int((articles["province"] == "").sum())
    rejected = int((log["status"] == "rejected").sum())
    text = (
        f"The corpus holds {len(articles)} article(s) from {len(provinces)} province(s) "
        f"({_names(provinces)}){span}."
    )
    if unplaced:
        text += f" {unplaced} article(s) could not be placed in a province with confidence."
    if rejected:
        text += f" {rejected} input file(s) were set aside (see Data quality)."
    return text


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
        for province in rates.index:
            theme = lift.loc[province].idxmax()
            if lift.loc[province, theme] > 0:
                out.append(
                    f"{province} stands out on {labels.get(theme, theme).lower()} "
                    f"({rates.loc[province, theme]:.1f} cue words per 1,000 words against "
                    f"{rates[theme].mean():.1f} on average)."
                )
    return out


def role_finding(sentences: pd.DataFrame) -> str:
    shares = sentences["role"].value_counts(normalize=True) * 100
    parts = [f"{shares.get(role, 0):.0f}% {label}" for role, label in ROLE_LABELS.items()]
    text = "Sentence by sentence, the articles divide into " + ", ".join(parts) + "."
    per_article = sentences.groupby("article_id")["role"].apply(lambda r: (r == "shortcoming").mean())
    none = int((per_article == 0).sum())
    if none:
        text += f" {none} of {len(per_article)} article(s) mention no shortcoming at all."
    return text


def figure_finding(figures: pd.DataFrame) -> str:
    if figures.empty:
        return "No numeric claim was found."
    categories = figures["category"].value_counts()
    return (
        f"{len(figures)} numeric claims were extracted from {figures['article_id'].nunique()} article(s); "
        f"the most common kind is {categories.index[0]} ({categories.iloc[0]})."
    )


def actor_finding(entities: pd.DataFrame, persons: pd.DataFrame) -> str:
    orgs = entities[entities["kind"] == "organisation"]
    if orgs.empty:
        return "No organisation of the alias table was named."
    spread = orgs.groupby("canonical")["province"].nunique().sort_values(ascending=False)
    top = orgs["canonical"].value_counts()
    text = (
        f"The most named organisation is {top.index[0]} ({top.iloc[0]} mentions); "
        f"{spread.index[0]} is named in articles from {spread.iloc[0]} province(s)."
    )
    if not persons.empty:
        text += f" {persons['name'].nunique()} officials are named with their titles."
    return text


def document_finding(documents: pd.DataFrame) -> str:
    if documents.empty:
        return "No Party or State document is referenced."
    types = documents["doc_type"].value_counts()
    coded = documents[documents["code"] != ""]["code"].value_counts()
    text = f"{len(documents)} references to documents, most often of type {types.index[0]} ({types.iloc[0]})"
    if len(coded):
        text += f"; the most cited code is {coded.index[0]} ({coded.iloc[0]}×)"
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
