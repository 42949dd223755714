"""Per-group tables for the report: one row for every group of the corpus (zero rows included, unplaced
articles last), in the order of :func:`danvan.report.groups.corpus_groups`, each with the base it rests on."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from danvan.report.compare import MIN_ARTICLES, compare_groups
from danvan.report.groups import (
    UNDATED,
    UNPLACED,
    base_label,
    base_of,
    corpus_groups,
    group_of,
    in_order,
    year_of,
)

INTERVAL_COLUMNS = ["mean", "low", "high", "rest_mean", "p_adjusted", "stands_out"]  # under the chart
ROLE_COLORS = {"result": "#4c72b0", "shortcoming": "#c44e52", "direction": "#55a868", "other": "#c8c8c8"}
TOP_ORGANISATIONS = 12
MAX_ARTICLES_IN_ROLE_PLOT = 40


def _per_group(values: pd.DataFrame, articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sums of per-article ``values`` (index article_id) per group, every group of the corpus a row."""
    groups = group_of(articles, by)
    summed = values.reindex(groups.index, fill_value=0).groupby(groups).sum()
    return summed.reindex(corpus_groups(articles, by).index, fill_value=0)


def article_theme_rates(themes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Cue words per 1,000 words of every article (rows, all articles: 0 where no hit) × theme (columns)."""
    wide = themes.pivot_table(
        index="article_id", columns="theme", values="per_1000_words", aggfunc="sum", fill_value=0
    )
    return wide.reindex(articles["article_id"], fill_value=0).astype(float)


def theme_matrix(
    themes: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str], by: str = "province"
) -> pd.DataFrame:
    """Group × theme label: mean cue words per 1,000 words over the group's articles (each article weighs
    the same; an article without a hit of a theme counts as 0)."""
    rates = article_theme_rates(themes, articles)
    groups = group_of(articles, by)
    matrix = rates.groupby(groups.reindex(rates.index)).mean()
    matrix = matrix.reindex(corpus_groups(articles, by).index, fill_value=0)
    matrix.columns = [labels.get(c, c) for c in matrix.columns]
    return matrix.round(2)


def note_on_base(articles: int, tested: bool, unplaced: bool = False) -> str:
    """Why a group's row has no test, in words."""
    if unplaced:
        return "no province: part of the rest of the corpus, not compared"
    if articles == 1:
        return "one article; not enough to characterise the province"
    if not tested:
        return f"{articles} articles; a comparison needs {MIN_ARTICLES}"
    return ""


def comparison_table(comparison: pd.DataFrame, base: pd.DataFrame, measure: str, unit: str) -> pd.DataFrame:
    """A comparison (:func:`danvan.report.compare.compare_groups`) as the report shows it: the group and its
    base, the rate with its interval, the rest of the corpus, the ratio, the adjusted p-value and a note."""
    rows = comparison.merge(base[["words"]], left_on="group", right_index=True, how="left")
    notes = [
        "stands out: " + ("higher" if out == "higher" else "lower") + " than the rest of the corpus"
        if out
        else note_on_base(n, not np.isnan(p), group == UNPLACED)
        for group, n, p, out in zip(
            rows["group"], rows["articles"], rows["p"], rows["stands_out"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            base.index.name: rows["group"],
            "articles": rows["articles"],
            "words": rows["words"],
            measure: rows["measure"],
            unit: rows["mean"].round(2),
            "95% interval": [_interval(lo, hi) for lo, hi in zip(rows["low"], rows["high"], strict=True)],
            "rest of corpus": rows["rest_mean"].round(2),
            "ratio": rows["ratio"].round(2),
            "p (Holm)": rows["p_adjusted"].map(lambda p: "" if np.isnan(p) else f"{p:.3g}"),
            "note": notes,
        }
    )


def _interval(low: float, high: float) -> str:
    return "" if np.isnan(low) else f"{low:,.1f}–{high:,.1f}"


def theme_comparison(
    themes: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str], by: str = "province"
) -> pd.DataFrame:
    """Every group × theme compared with the rest of the corpus (:func:`compare_groups`), theme labels in
    English, groups in the corpus' order."""
    rates = article_theme_rates(themes, articles)
    rates = rates[[t for t in labels if t in rates.columns] + [t for t in rates.columns if t not in labels]]
    result = compare_groups(rates, _ordered_groups(articles, by))
    return result.assign(measure=result["measure"].map(lambda t: labels.get(t, t)))


def _ordered_groups(articles: pd.DataFrame, by: str) -> pd.Series:
    """The group of every article, articles sorted by their group's place in the corpus' order."""
    groups = group_of(articles, by)
    rank = {g: i for i, g in enumerate(corpus_groups(articles, by).index)}
    return groups.iloc[np.argsort([rank[g] for g in groups], kind="stable")]


def article_role_shares(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Share (%) of every article's sentences in each role (rows: all articles)."""
    counts = pd.crosstab(sentences["article_id"], sentences["role"])
    counts = counts.reindex(columns=[r for r in ROLE_COLORS if r in counts.columns])
    shares = counts.div(counts.sum(axis=1).replace(0, 1), axis=0) * 100
    return shares.reindex(articles["article_id"], fill_value=0).astype(float)


def short_id(article_id: str, width: int = 14) -> str:
    """An article id cut to ``width`` characters with an ellipsis, as every plot label shows it (the tables
    give it whole)."""
    return article_id if len(article_id) <= width else article_id[: width - 1] + "…"


def role_comparison(sentences: pd.DataFrame, articles: pd.DataFrame, by: str = "province") -> pd.DataFrame:
    """Every group × role (share of an article's sentences) compared with the rest of the corpus."""
    return compare_groups(article_role_shares(sentences, articles), _ordered_groups(articles, by))


def role_matrix(sentences: pd.DataFrame, articles: pd.DataFrame, by: str = "province") -> pd.DataFrame:
    """Sentences per role for each article (rows "province · article"), or for each group when there are
    too many articles to show; rows read top-down in a horizontal bar chart (last row first)."""
    counts = pd.crosstab(sentences["article_id"], sentences["role"])
    counts = counts.reindex(columns=[r for r in ROLE_COLORS if r in counts.columns], fill_value=0)
    if len(articles) > MAX_ARTICLES_IN_ROLE_PLOT:
        matrix = _per_group(counts, articles, by)
        matrix.index.name = by
    else:
        groups = group_of(articles, by)
        counts = counts.reindex(groups.index, fill_value=0)
        rank = {g: i for i, g in enumerate(in_order(groups))}
        order = sorted(groups.index, key=lambda a: (rank[groups[a]], a))
        matrix = counts.loc[order].set_axis([f"{groups[a]} · {short_id(a)}" for a in order], axis="index")
        matrix.index.name = "article"
    return matrix.iloc[::-1]


def figure_counts(figures: pd.DataFrame, articles: pd.DataFrame, by: str = "province") -> pd.DataFrame:
    """Group × category: numeric claims (every group a row, 0 where it has none)."""
    counts = pd.crosstab(figures["article_id"], figures["category"])
    return _per_group(counts, articles, by)


def organisation_shares(entities: pd.DataFrame, articles: pd.DataFrame, by: str = "province") -> pd.DataFrame:
    """Group × the most named organisations: % of the group's organisation mentions (0 for a group with
    none; the base, ``mentions``, is the first column)."""
    orgs = entities[entities["kind"] == "organisation"]
    counts = _per_group(pd.crosstab(orgs["article_id"], orgs["canonical"]), articles, by)
    mentions = counts.sum(axis=1)
    top = counts.sum().nlargest(TOP_ORGANISATIONS).index
    shares = counts[top].div(mentions.replace(0, 1), axis=0) * 100
    return shares.round(1).assign(mentions=mentions)[["mentions", *top]]


def timeline_events(
    documents: pd.DataFrame, periods: pd.DataFrame, articles: pd.DataFrame, by: str = "province"
) -> pd.DataFrame:
    """Documents (with an issue year) and periods as start/end years, with the group of their article."""
    docs = documents[documents["issued"] != ""]
    years = pd.to_datetime(docs["issued"], errors="coerce").dt.year
    doc_events = pd.DataFrame(
        {"article_id": docs["article_id"], "kind": "document", "start": years, "end": years}
    )
    ends = periods["end_year"].fillna(periods["start_year"])  # "since 2021": a point at its start
    period_events = pd.DataFrame(
        {"article_id": periods["article_id"], "kind": "period", "start": periods["start_year"], "end": ends}
    )
    events = pd.concat([doc_events, period_events], ignore_index=True).dropna(subset=["start"])
    return events.assign(group=events["article_id"].map(group_of(articles, by)))


def timeline_counts(events: pd.DataFrame, articles: pd.DataFrame, by: str = "province") -> pd.DataFrame:
    """Group × kind (document, period): dated events on the timeline, every group a row."""
    counts = pd.crosstab(events["article_id"], events["kind"]).reindex(
        columns=["document", "period"], fill_value=0
    )
    return _per_group(counts, articles, by).rename(columns={"document": "documents", "period": "periods"})


def themes_by_year(themes: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Year × theme label: each theme's share (%) of the year's cue words; the base (articles, words, cue
    words) in the first columns; undated articles in a row of their own."""
    years = year_of(articles)
    hits = themes.pivot_table(index="article_id", columns="theme", values="hits", aggfunc="sum", fill_value=0)
    hits = hits.reindex(years.index, fill_value=0)
    per_year = hits.groupby(years).sum().reindex(in_order(years))
    cue_words = per_year.sum(axis=1)
    shares = (per_year.div(cue_words.replace(0, 1), axis=0) * 100).round(1)
    shares.columns = [labels.get(c, c) for c in shares.columns]
    base = base_of(years, articles)
    return base.assign(**{"cue words": cue_words}).join(shares)


def spans_years(articles: pd.DataFrame) -> bool:
    """Whether the dated articles come from more than one year."""
    return len(set(year_of(articles)) - {UNDATED}) > 1


def chosen_theme(themes: pd.DataFrame, theme: str = "") -> str:
    """``theme`` if the corpus has it, else (or when empty) the theme with the most cue words."""
    if theme and theme in set(themes["theme"]):
        return theme
    if themes.empty:
        return ""
    return str(themes.groupby("theme")["hits"].sum().sort_values(ascending=False, kind="stable").index[0])


def interval_rows(comparison: pd.DataFrame, base: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The rows of one measure of a comparison, each labelled with its group's base."""
    rows = comparison[comparison["measure"] == measure]
    label = [base_label(g, int(base.at[g, "articles"]), int(base.at[g, "words"])) for g in rows["group"]]
    return rows.assign(label=label)


def map_tables(
    articles: pd.DataFrame, groupings: Iterable[str], values: Callable[[str], pd.DataFrame] | None = None
) -> dict[str, pd.DataFrame]:
    """For each grouping (the map's 63 and 34 provinces): its groups' base, joined to ``values(grouping)``."""
    bases = {by: corpus_groups(articles, by) for by in groupings}
    return {by: base.join(values(by)) if values else base for by, base in bases.items()}
