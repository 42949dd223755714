"""Key findings as plain sentences computed from the tables (nothing here knows the corpus). Every finding
says what it rests on; a group "stands out" only when a permutation test over articles says so."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from danvan.report.by_group import role_comparison, theme_comparison
from danvan.report.compare import MIN_ARTICLES, ranked_differences
from danvan.report.groups import corpus_groups, count, group_of, grouping, noun, placed
from danvan.vocab import load_csv, load_yaml

MAX_DIFFERENCE_LINES = 6  # differences with a line of their own (largest first); all are in §Themes
ROLE_LABELS = {
    "result": "results",
    "shortcoming": "shortcomings",
    "direction": "tasks ahead",
    "other": "context",
}
RATE = "cue words per 1,000 words"
SHARE = "% of the sentences of an article"


def _names(items: list[str], limit: int = 6) -> str:
    items = [i for i in items if i]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f", and {len(items) - limit:,} more"
    if len(items) < 3:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


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


def _of_articles(subset: pd.Series, articles: pd.DataFrame) -> str:
    """ "3 of the 5 articles"."""
    return f"{subset.nunique():,} of the {count(len(articles), 'article')}"


def corpus_finding(articles: pd.DataFrame, log: pd.DataFrame, by: str = "province") -> str:
    provinces = placed(corpus_groups(articles, "province"))
    span = _publication_span(articles)
    unplaced = int((articles["province"] == "").sum())
    rejected = int((log["status"] == "rejected").sum())
    words = count(int(articles["n_words"].sum()), "word")
    text = (
        f"The corpus holds {count(len(articles), 'article')} ({words}) "
        f"from {count(len(provinces), 'province')} ({_names(provinces)}){span}."
    )
    if by != "province":
        groups = placed(corpus_groups(articles, by))
        text += f" They are compared by {grouping(by)}: {_groups(len(groups), by)} ({_names(groups)})."
    if unplaced:
        text += f" {count(unplaced, 'article')} could not be placed in a province with confidence."
    if rejected:
        verb = "was" if rejected == 1 else "were"
        text += f" {count(rejected, 'input file')} {verb} set aside (see Data quality)."
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
        span += f" ({count(estimated, 'date')} estimated from the event the article reports)"
    return span


def _groups(n: int, by: str) -> str:
    """ "5 provinces", "1 region"."""
    return count(n, noun(by, 1), noun(by))


def _times(ratio: float) -> str:
    if np.isinf(ratio):
        return "where the rest of the corpus has none"
    return f"{ratio:,.1f} times the rest's" if ratio >= 1 else f"{ratio:,.2f} times the rest's"


def difference_line(row: pd.Series, words: int, unit: str) -> str:
    """One group that stands out: its figure with its base and interval, the rest of the corpus, the test."""
    direction = "more" if row["stands_out"] == "higher" else "less"
    return (
        f"{row['group']} stands out on {row['measure']}, {direction} than the rest of the corpus: "
        f"{row['mean']:,.1f} {unit} ({count(int(row['articles']), 'article')}, {count(words, 'word')}; 95% "
        f"interval {row['low']:,.1f}–{row['high']:,.1f}) against {row['rest_mean']:,.1f} in the other "
        f"{count(int(row['rest_articles']), 'article')}, {_times(row['ratio'])} (permutation test over "
        f"articles, Holm-adjusted p = {row['p_adjusted']:.2g})."
    )


def _too_few(base: pd.DataFrame, by: str, what: str) -> str:
    """Why no group could be compared."""
    groups = placed(base)
    singles = [g for g in groups if base.at[g, "articles"] == 1]
    if groups and len(singles) == len(groups):
        rests, few = f"each of the {_groups(len(groups), by)} rests on one article", "one article is"
    else:
        largest = int(base.loc[groups, "articles"].max()) if groups else 0
        rests, few = f"the largest has {count(largest, 'article')}", "so few articles are"
    return (
        f"No {noun(by, 1)} can be compared on {what}: a comparison needs {MIN_ARTICLES} articles or more, "
        f"and {rests}; {few} not enough to characterise a {noun(by, 1)}, so none is said to stand "
        f"out. Each {noun(by, 1)}'s figures, with their base, are in the sections below."
    )


def comparison_findings(
    comparison: pd.DataFrame, base: pd.DataFrame, by: str, unit: str, what: str
) -> list[str]:
    """The groups that stand out (largest effect first, at most MAX_DIFFERENCE_LINES), or why none does."""
    ranked = ranked_differences(comparison)
    tested = comparison.dropna(subset=["p"])
    if tested.empty:
        return [_too_few(base, by, what)]
    out = [
        difference_line(row, int(base.at[row["group"], "words"]), unit)
        for _, row in ranked.head(MAX_DIFFERENCE_LINES).iterrows()
    ]
    if len(ranked) > MAX_DIFFERENCE_LINES:
        out.append(
            f"{count(len(ranked) - MAX_DIFFERENCE_LINES, 'more difference')} are listed in the sections "
            "below."
        )
    if ranked.empty:
        out.append(
            f"No {noun(by, 1)} stands out on {what} beyond the uncertainty of its articles "
            f"({count(len(tested), 'comparison')}: the {_groups(tested['group'].nunique(), by)} with "
            f"{MIN_ARTICLES} articles or more, each against the rest of the corpus by a permutation test "
            "over articles, Holm-corrected)."
        )
    singles = [g for g in placed(base) if base.at[g, "articles"] == 1]
    if singles:
        one = len(singles) == 1
        out.append(
            f"{_names(singles)} {'rests' if one else 'rest'} on one article{'' if one else ' each'}; not "
            f"enough to characterise a {noun(by, 1)}, so {'it is' if one else 'they are'} not compared."
        )
    return out


def theme_findings(
    themes: pd.DataFrame,
    articles: pd.DataFrame,
    labels: dict[str, str],
    by: str = "province",
    comparison: pd.DataFrame | None = None,
) -> list[str]:
    if themes.empty:
        return ["No theme of the lexicon was found in the articles."]
    by_theme = themes.groupby("theme")["hits"].sum().sort_values(ascending=False, kind="stable")
    top = [f"{labels.get(t, t).lower()} ({count(int(n), 'cue word')})" for t, n in by_theme.head(3).items()]
    words = count(int(articles["n_words"].sum()), "word")
    out = [
        f"Across the corpus ({count(len(articles), 'article')}, {words}, "
        f"{count(int(by_theme.sum()), 'cue word')}) the most frequent themes are {_names(top)}."
    ]
    if comparison is None:
        comparison = theme_comparison(themes, articles, labels, by)
    comparison = comparison.assign(measure=comparison["measure"].str.lower())
    return out + comparison_findings(comparison, corpus_groups(articles, by), by, RATE, "any theme")


def role_findings(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    by: str = "province",
    comparison: pd.DataFrame | None = None,
) -> list[str]:
    shares = sentences["role"].value_counts(normalize=True) * 100
    parts = [f"{shares.get(role, 0):.0f}% {label}" for role, label in ROLE_LABELS.items()]
    text = (
        f"Sentence by sentence ({count(len(sentences), 'sentence')} in {count(len(articles), 'article')}), "
        "the articles divide into " + ", ".join(parts) + "."
    )
    per_article = sentences.groupby("article_id")["role"].apply(lambda r: (r == "shortcoming").mean())
    none = int((per_article == 0).sum())
    if none:
        text += f" {none:,} of the {count(len(per_article), 'article')} mention no shortcoming at all."
    if comparison is None:
        comparison = role_comparison(sentences, articles, by)
    comparison = comparison.assign(
        measure="the share of sentences on " + comparison["measure"].map(ROLE_LABELS)
    )
    words = corpus_groups(articles, by)["words"]
    differences = ranked_differences(comparison).head(MAX_DIFFERENCE_LINES)
    return [
        text,
        *(difference_line(row, int(words[row["group"]]), SHARE) for _, row in differences.iterrows()),
    ]


def figure_finding(figures: pd.DataFrame, articles: pd.DataFrame) -> str:
    if figures.empty:
        return f"No numeric claim was found in the {count(len(articles), 'article')}."
    categories = figures["category"].value_counts()
    return (
        f"{count(len(figures), 'numeric claim')} were extracted from "
        f"{_of_articles(figures['article_id'], articles)}; the most common kind is {categories.index[0]} "
        f"({categories.iloc[0]})."
    )


def actor_finding(
    entities: pd.DataFrame, persons: pd.DataFrame, articles: pd.DataFrame, by: str = "province"
) -> str:
    orgs = entities[entities["kind"] == "organisation"]
    if orgs.empty:
        return f"No organisation of the alias table was named in the {count(len(articles), 'article')}."
    groups = orgs["article_id"].map(group_of(articles, by))
    all_groups = placed(corpus_groups(articles, by))
    spread = (
        groups[groups.isin(all_groups)]
        .groupby(orgs["canonical"])
        .nunique()
        .sort_values(ascending=False, kind="stable")
    )
    top = orgs["canonical"].value_counts()
    text = (
        f"The most named organisation is {_glossed(top.index[0])}, with {top.iloc[0]:,} of the "
        f"{count(len(orgs), 'organisation mention')} in {_of_articles(orgs['article_id'], articles)}"
    )
    if len(all_groups) > 1 and len(spread):
        widest = spread.index[0]
        name = "it" if widest == top.index[0] else _glossed(widest)
        text += f"; {name} is named in articles from {spread.iloc[0]:,} of the {_groups(len(all_groups), by)}"
    text += "."
    if not persons.empty:
        n = persons["name"].nunique()
        text += f" {count(n, 'official')} {'is' if n == 1 else 'are'} named with their titles."
    return text


def document_finding(documents: pd.DataFrame, articles: pd.DataFrame) -> str:
    if documents.empty:
        return f"No Party or State document is referenced in the {count(len(articles), 'article')}."
    types = documents["doc_type"].value_counts()
    coded = documents[documents["code"] != ""]["code"].value_counts()
    text = (
        f"{count(len(documents), 'reference')} to documents in "
        f"{_of_articles(documents['article_id'], articles)}; the most frequent type is "
        f"{_glossed(types.index[0])}, with {types.iloc[0]:,}"
    )
    if len(coded) and coded.iloc[0] > 1:
        text += f"; the most cited code is {coded.index[0]} ({coded.iloc[0]:,}×)"
    elif len(coded):
        text += f"; {count(len(coded), 'document code')}, each cited once"
    return text + "."


def key_findings(
    tables: dict[str, pd.DataFrame],
    theme_labels: dict[str, str],
    by: str = "province",
    comparisons: dict[str, pd.DataFrame] | None = None,
) -> list[str]:
    """The report's opening summary (``comparisons``: the theme and role comparisons, if already made)."""
    comparisons = comparisons or {}
    articles = tables["articles"]
    return [
        corpus_finding(articles, tables["ingest_log"], by),
        *theme_findings(tables["themes"], articles, theme_labels, by, comparisons.get("themes")),
        *role_findings(tables["sentences"], articles, by, comparisons.get("roles")),
        figure_finding(tables["figures"], articles),
        actor_finding(tables["entities"], tables["persons"], articles, by),
        document_finding(tables["documents"], articles),
    ]
