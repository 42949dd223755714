"""Tables reshaped for the report: aggregates, top-N lists, and rows joined to their sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pandas as pd

from danvan.text import collation_key, fold
from danvan.vocab import load_yaml

ROLE_COLORS = {"result": "#4c72b0", "shortcoming": "#c44e52", "direction": "#55a868", "other": "#c8c8c8"}
TOP_ORGANISATIONS = 12
EXAMPLES_PER_THEME = 3
MAX_ARTICLES_IN_ROLE_PLOT = 40


def _with_sentence(df: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``df`` plus the full text of the sentence each row came from (column ``sentence``)."""
    source = sentences[["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"})
    return df.merge(source, on=["article_id", "sentence_id"], how="left")


def in_name_order(frame: pd.DataFrame | pd.Series, axis: str = "index", descending: bool = False):
    """Rows (or columns) in Vietnamese alphabetical order of their labels ("Đà Nẵng" after "Cao Bằng")."""
    labels = sorted(getattr(frame, axis), key=collation_key, reverse=descending)
    return frame.reindex(**{axis: labels})


def theme_matrix(themes: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Province × theme label: mean cue words per 1,000 words over the province's articles."""
    if themes.empty:
        return pd.DataFrame()
    placed = themes.assign(province=themes["province"].replace("", "(unknown)"))
    # articles without a theme hit count as 0, so average over all of a province's articles
    wide = placed.pivot_table(
        index=["province", "article_id"],
        columns="theme",
        values="per_1000_words",
        aggfunc="sum",
        fill_value=0,
    )
    matrix = wide.groupby(level="province").mean()
    matrix.columns = [labels.get(c, c) for c in matrix.columns]
    return in_name_order(matrix.round(2))


def role_matrix(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Sentences per role for each article, or for each province when there are too many articles to show."""
    province = articles.set_index("article_id")["province"].replace("", "(unknown)")
    if len(articles) > MAX_ARTICLES_IN_ROLE_PLOT:
        keys, label = sentences["article_id"].map(province), "province"
    else:
        keys, label = sentences["article_id"].map(lambda a: f"{province.get(a, '?')} · {a[:14]}"), "article"
    counts = sentences.assign(**{label: keys}).pivot_table(
        index=label, columns="role", values="sentence_id", aggfunc="count", fill_value=0
    )
    counts = counts.reindex(columns=[r for r in ROLE_COLORS if r in counts.columns])
    return in_name_order(counts, descending=True)  # read top-down in a horizontal bar chart


@cache
def _outlet_affixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words that open an outlet's name ("báo", "tạp chí") and close it ("điện tử"), folded, longest first."""
    rules = load_yaml("metadata_rules.yml")
    words, suffixes = ([fold(e["word"]) for e in rules[key]] for key in ("outlet_words", "outlet_suffixes"))
    return tuple(sorted(words, key=len, reverse=True)), tuple(sorted(suffixes, key=len, reverse=True))


def outlet_names(sources: Iterable[str]) -> set[str]:
    """Folded names the outlets of ``sources`` go by: "Báo An Giang điện tử" -> "báo an giang điện tử" and
    "an giang"; a web domain ("baoangiang.com.vn") -> its first label ("baoangiang")."""
    openers, closers = _outlet_affixes()
    names = set()
    for source in sources:
        name = fold(source).strip()
        if not name:
            continue
        names.add(name)
        if re.fullmatch(r"[\w-]+(\.[\w-]+)+", name):
            names.add(name.split(".")[0])
            continue
        for opener in openers:
            if name.startswith(opener + " "):
                name = name[len(opener) + 1 :]
                break
        for closer in closers:
            if name.endswith(" " + closer):
                name = name[: -len(closer) - 1]
                break
        names.add(name)
    return names


def top_terms(keyness: pd.DataFrame, articles: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """The ``n`` most distinctive terms per province as one row per province, without the names of the
    outlets that published the province's articles."""
    if keyness.empty:
        return pd.DataFrame({"note": ["No term passes the threshold (or the corpus has one province)."]})
    outlets = {p: outlet_names(group["source"]) for p, group in articles.groupby("province")}
    keyness = keyness[
        [t not in outlets.get(p, set()) for p, t in zip(keyness["province"], keyness["term"], strict=True)]
    ]
    ranked = keyness.sort_values(["province", "g2"], ascending=[True, False]).groupby("province").head(n)
    terms = (
        ranked.assign(term=ranked["term"] + " (" + ranked["g2"].round(1).astype(str) + ")")
        .groupby("province")["term"]
        .apply("; ".join)
    )
    return in_name_order(terms.to_frame("distinctive terms (G²)")).reset_index()


def theme_examples(sentences: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Up to three sentences per theme, preferring sentences about one theme, from different articles."""
    rows = sentences[sentences["themes"] != ""].assign(theme=lambda d: d["themes"].str.split("; "))
    rows = rows.explode("theme").assign(n_themes=lambda d: d["themes"].str.count(";") + 1)
    rows = rows.sort_values(["theme", "n_themes", "article_id", "sentence_id"])
    rows = rows.drop_duplicates(["theme", "article_id"]).groupby("theme").head(EXAMPLES_PER_THEME)
    province = articles.set_index("article_id")["province"]
    return pd.DataFrame(
        {
            "theme": rows["theme"].map(lambda t: labels.get(t, t)),
            "province": rows["article_id"].map(province),
            "article_id": rows["article_id"],
            "sentence": rows["text"],
        }
    )


def sentences_view(sentences: pd.DataFrame, articles: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    province = articles.set_index("article_id")["province"]
    return pd.DataFrame(
        {
            "province": sentences["article_id"].map(province),
            "article_id": sentences["article_id"],
            "sentence_id": sentences["sentence_id"],
            "role": sentences["role"],
            "themes": sentences["themes"].map(
                lambda s: "; ".join(labels.get(t, t) for t in s.split("; ") if t)
            ),
            "text": sentences["text"],
        }
    )


def figure_counts(figures: pd.DataFrame) -> pd.DataFrame:
    """Category × province: number of numeric claims."""
    placed = figures.assign(province=figures["province"].replace("", "(unknown)"))
    counts = placed.pivot_table(
        index="category", columns="province", values="value", aggfunc="count", fill_value=0
    )
    return in_name_order(counts, axis="columns")


def figures_view(figures: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    columns = [
        "province",
        "article_id",
        "qualifier",
        "value",
        "value_max",
        "unit",
        "object",
        "category",
        "text",
        "sentence",
    ]
    return _with_sentence(figures, sentences)[columns]


def organisation_shares(entities: pd.DataFrame) -> pd.DataFrame:
    """Province × top organisations: % of the province's organisation mentions (one row per province, as in
    the theme heatmap, so that many provinces stay readable)."""
    orgs = entities[entities["kind"] == "organisation"]
    if orgs.empty:
        return pd.DataFrame()
    orgs = orgs.assign(province=orgs["province"].replace("", "(unknown)"))
    counts = orgs.pivot_table(
        index="canonical", columns="province", values="name", aggfunc="count", fill_value=0
    )
    shares = counts / counts.sum() * 100
    top = counts.sum(axis=1).nlargest(TOP_ORGANISATIONS).index
    return in_name_order(shares.loc[top].T.round(1))


def persons_view(persons: pd.DataFrame) -> pd.DataFrame:
    """One row per official and article, all titles met in the article's mentions."""
    if persons.empty:
        return persons[["name", "titles", "organisation", "province", "article_id"]]

    def union(titles: pd.Series) -> str:
        seen: dict[str, None] = {}
        for value in titles:
            for title in str(value).split("; "):
                if title:
                    seen.setdefault(title)
        return "; ".join(seen)

    grouped = persons.groupby(["article_id", "name"], sort=False).agg(
        titles=("titles", union),
        organisation=("organisation", "first"),
        province=("province", "first"),
        mentions=("text", "size"),
    )
    return grouped.reset_index()[["name", "titles", "organisation", "province", "article_id", "mentions"]]


def entities_view(entities: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    columns = ["province", "article_id", "kind", "name", "canonical", "level", "sentence"]
    return _with_sentence(entities, sentences)[columns]


def timeline_events(documents: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """Documents (with an issue year) and periods as start/end years per province."""
    docs = documents[documents["issued"] != ""]
    years = pd.to_datetime(docs["issued"], errors="coerce").dt.year
    doc_events = pd.DataFrame(
        {"province": docs["province"], "kind": "document", "start": years, "end": years}
    )
    ends = periods["end_year"].fillna(periods["start_year"])  # "since 2021": a point at its start
    period_events = pd.DataFrame(
        {"province": periods["province"], "kind": "period", "start": periods["start_year"], "end": ends}
    )
    events = pd.concat([doc_events, period_events], ignore_index=True).dropna(subset=["start"])
    return events.assign(province=events["province"].replace("", "(unknown)"))


def documents_view(documents: pd.DataFrame) -> pd.DataFrame:
    return documents[["province", "article_id", "doc_type", "code", "issuer", "issued", "title", "text"]]


def ingest_summary(log: pd.DataFrame) -> list[str]:
    parsed = log[log["status"] == "parsed"]
    warned = int((parsed["reason"] != "").sum())
    rejected = log[log["status"] == "rejected"]
    lines = [
        f"{len(log)} files read: {len(parsed)} parsed ({warned} with a warning), {len(rejected)} set aside."
    ]
    for reason, n in rejected["reason"].str.replace(r" of .*", "", regex=True).value_counts().items():
        lines.append(f"Set aside ×{n}: {reason}")
    return lines
