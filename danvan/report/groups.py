"""The groups the report compares, defined once: provinces before the 2025 merger (63), after it (34), or
regions; each with its base (articles and words). Every chart, table and finding takes its groups from here,
so each shows the same groups with the same counts, groups without a hit as zero rows, and unplaced articles
in a row of their own."""

from __future__ import annotations

import pandas as pd

from danvan.text import collation_key

# GROUP_BY value -> (singular, plural, what the grouping is) as the report writes them
GROUPINGS = {
    "province": ("province", "provinces", "province as it was before the 2025 merger"),
    "province_2025": ("province", "provinces", "province as merged on 1 July 2025"),
    "region": ("region", "regions", "socio-economic region"),
}
UNPLACED = "(unplaced)"
UNDATED = "(undated)"


def check_grouping(by: str) -> str:
    """``by`` if it names a grouping, else a clear error."""
    if by not in GROUPINGS:
        raise ValueError(f"GROUP_BY must be one of {', '.join(map(repr, GROUPINGS))}, not {by!r}")
    return by


def noun(by: str, n: int = 2) -> str:
    """ "province" or "provinces" (n != 1), "region" ..."""
    singular, plural, _ = GROUPINGS[check_grouping(by)]
    return singular if n == 1 else plural


def grouping(by: str) -> str:
    """What the groups of ``by`` are, in words."""
    return GROUPINGS[check_grouping(by)][2]


def count(n: int, noun_singular: str, plural: str = "") -> str:
    """ "1 article", "2,031 articles"."""
    return f"{n:,} {noun_singular if n == 1 else plural or noun_singular + 's'}"


def group_of(articles: pd.DataFrame, by: str = "province") -> pd.Series:
    """The group of every article (index: article_id); UNPLACED where the article has none."""
    groups = articles.set_index("article_id")[check_grouping(by)].astype(str)
    return groups.replace("", UNPLACED).rename(by)


def year_of(articles: pd.DataFrame) -> pd.Series:
    """The year each article was published (index: article_id), UNDATED where unknown."""
    years = pd.to_datetime(articles["published"], errors="coerce", format="mixed").dt.year
    labels = years.map(lambda y: UNDATED if pd.isna(y) else str(int(y)))
    return pd.Series(labels.to_numpy(), index=articles["article_id"].to_numpy(), name="year")


def in_order(labels) -> list[str]:
    """Group labels in Vietnamese alphabetical order (years in time order), UNPLACED and UNDATED last."""
    last = [x for x in (UNPLACED, UNDATED) if x in set(labels)]
    return sorted((x for x in set(labels) if x not in last), key=collation_key) + last


def base_of(groups: pd.Series, articles: pd.DataFrame) -> pd.DataFrame:
    """Articles and words per group of ``groups`` (article_id -> group), one row per group, in order."""
    words = articles.set_index("article_id")["n_words"].reindex(groups.index).fillna(0)
    base = pd.DataFrame({"articles": groups.value_counts(), "words": words.groupby(groups).sum()})
    base = base.reindex(in_order(groups)).astype(int)
    base.index.name = groups.name
    return base


def corpus_groups(articles: pd.DataFrame, by: str = "province") -> pd.DataFrame:
    """The groups of this corpus: every group with an article, in Vietnamese alphabetical order, unplaced
    articles last; columns ``articles`` and ``words``."""
    return base_of(group_of(articles, by), articles)


def placed(base: pd.DataFrame) -> list[str]:
    """The groups of ``base`` but the row of unplaced (or undated) articles."""
    return [g for g in base.index if g not in (UNPLACED, UNDATED)]


def base_label(group: str, articles: int, words: int | None = None, extra: str = "") -> str:
    """ "Bắc Kạn · 1 article · 717 words" (and ``extra``, e.g. "35 mentions")."""
    parts = [group, count(articles, "article")]
    if words is not None:
        parts.append(count(words, "word"))
    if extra:
        parts.append(extra)
    return " · ".join(parts)


def labelled(
    frame: pd.DataFrame, base: pd.DataFrame, extra: pd.Series | None = None, noun_extra: str = ""
) -> pd.DataFrame:
    """``frame`` (rows: groups of ``base``) with every row label carrying its base, for a chart's axis."""
    labels = [
        base_label(
            group,
            int(base.at[group, "articles"]),
            int(base.at[group, "words"]),
            count(int(extra[group]), noun_extra) if extra is not None else "",
        )
        for group in frame.index
    ]
    return frame.set_axis(labels, axis="index")


def with_base(frame: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (rows: groups of ``base``) as a table: the group, its articles and words, then the values."""
    table = base.join(frame, how="left")
    return table.reset_index()
