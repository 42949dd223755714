"""Tables reshaped for the report: aggregates, top-N lists, and rows joined to their sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import pandas as pd

from danvan.report.groups import UNPLACED, corpus_groups, placed, with_base
from danvan.text import collation_key, fold
from danvan.vocab import load_yaml

EXAMPLES_PER_THEME = 3


def _with_sentence(df: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``df`` plus the full text of the sentence each row came from (column ``sentence``)."""
    source = sentences[["article_id", "sentence_id", "text"]].rename(columns={"text": "sentence"})
    return df.merge(source, on=["article_id", "sentence_id"], how="left")


def in_name_order(frame: pd.DataFrame | pd.Series, axis: str = "index", descending: bool = False):
    """Rows (or columns) in Vietnamese alphabetical order of their labels ("Đà Nẵng" after "Cao Bằng")."""
    labels = sorted(getattr(frame, axis), key=collation_key, reverse=descending)
    return frame.reindex(**{axis: labels})


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
    """The ``n`` most distinctive terms of every province of the corpus, one row per province with its base,
    without the names of the outlets that published the province's articles."""
    base = corpus_groups(articles, "province")
    outlets = {p: outlet_names(group["source"]) for p, group in articles.groupby("province")}
    own = [t in outlets.get(p, set()) for p, t in zip(keyness["province"], keyness["term"], strict=True)]
    kept = keyness[~pd.Series(own, index=keyness.index, dtype=bool)]  # a list would select columns
    ranked = kept.sort_values(["province", "g2"], ascending=[True, False]).groupby("province").head(n)
    terms = (
        ranked.assign(term=ranked["term"] + " (" + ranked["g2"].round(1).astype(str) + ")")
        .groupby("province")["term"]
        .apply("; ".join)
    )
    if len(placed(base)) < 2:
        empty = "not compared: the corpus has one province"
    else:
        empty = "none past the threshold"
    column = terms.reindex(base.index).fillna(empty).rename("distinctive terms (G²)")
    if UNPLACED in base.index:
        column[UNPLACED] = "no province: part of the rest of the corpus"
    return with_base(column.to_frame(), base)


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


def documents_view(documents: pd.DataFrame) -> pd.DataFrame:
    return documents[["province", "article_id", "doc_type", "code", "issuer", "issued", "title", "text"]]


def ingest_summary(log: pd.DataFrame) -> list[str]:
    parsed = log[log["status"] == "parsed"]
    warned = int((parsed["reason"] != "").sum())
    rejected = log[log["status"] == "rejected"]
    fetched = int((log["status"] == "metadata").sum())
    records = f", {fetched} fetch records (page sidecars, fetch log)" if fetched else ""
    lines = [
        f"{len(log)} files read: {len(parsed)} parsed ({warned} with a warning), "
        f"{len(rejected)} set aside{records}."
    ]
    for reason, n in rejected["reason"].str.replace(r" of .*", "", regex=True).value_counts().items():
        lines.append(f"Set aside ×{n}: {reason}")
    return lines
