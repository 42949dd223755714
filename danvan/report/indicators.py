"""The campaign's like-for-like indicators (``danvan/data/indicators.yml``) compared across the groups of a
corpus at the same scope level: a group's figure at a level is its latest claim there (the largest when one
period has several), never a sum over scopes or periods; "not reported" where a group says nothing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import matplotlib.pyplot as plt
import pandas as pd

from danvan.report.groups import corpus_groups, group_of, placed
from danvan.text import fold
from danvan.vocab import load_yaml

LEVELS = ("country", "province", "district", "commune", "village", "organisation")  # widest first
NOT_REPORTED = "not reported"
UNIT_LABELS = {"count": "", "household": "households", "person": "people", "m2": "m²", "VND": "VND"}
COLUMNS = ["indicator", "group", "scope_level", "value", "unit", "as_of", "scope_name", "claims", "text"]
COLUMNS += ["sentence", "article_id"]


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    gloss: str
    base_unit: str
    objects: tuple[str, ...]
    cues: tuple[str, ...]

    def takes(self, claim: pd.Series) -> bool:
        """Whether a numeric claim (a row of figures with its ``sentence``) measures this indicator."""
        if claim["kind"] != "result" or claim["base_unit"] != self.base_unit:
            return False
        if self.objects and not fold(str(claim["object"])).startswith(self.objects):
            return False
        return not self.cues or any(cue in fold(str(claim["sentence"])) for cue in self.cues)


@cache
def indicators() -> tuple[Indicator, ...]:
    """The indicators, in the order of the data file."""
    return tuple(
        Indicator(
            e["key"],
            e["label"],
            e["gloss"],
            e["base_unit"],
            tuple(fold(o["word"]) for o in e.get("objects", [])),
            tuple(fold(c["word"]) for c in e.get("cues", [])),
        )
        for e in load_yaml("indicators.yml")["indicators"]
    )


def indicator_claims(figures: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Every claim that measures an indicator, with its sentence and the indicator's label."""
    if figures.empty:
        return pd.DataFrame(columns=[*figures.columns, "sentence", "indicator"])
    text = sentences.set_index(["article_id", "sentence_id"])["text"]
    keys = zip(figures["article_id"], figures["sentence_id"], strict=True)
    claims = figures.assign(sentence=[text.get(key, "") for key in keys])
    rows = [
        claim.assign(indicator=ind.label)
        for ind in indicators()
        for claim in [claims[claims.apply(ind.takes, axis=1)]]
    ]
    return pd.concat(rows, ignore_index=True)


def indicator_table(
    figures: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame, by: str = "province"
) -> pd.DataFrame:
    """One row per indicator × group × scope level it is reported at (its latest claim there), and a "not
    reported" row per indicator × group of the corpus with no claim at any level."""
    claims = indicator_claims(figures, sentences)
    claims = claims.assign(group=claims["article_id"].map(group_of(articles, by)))
    groups = placed(corpus_groups(articles, by))
    rows = []
    for ind in indicators():
        mine = claims[claims["indicator"] == ind.label]
        for group in groups:
            found = mine[mine["group"] == group]
            if found.empty:
                rows.append({"indicator": ind.label, "group": group, "scope_level": NOT_REPORTED})
                continue
            for level in [lv for lv in LEVELS if lv in set(found["scope_level"])]:
                at = found[found["scope_level"] == level]
                best = at.sort_values(["as_of", "quantity"], ascending=False, kind="stable").iloc[0]
                rows.append(
                    {
                        "indicator": ind.label,
                        "group": group,
                        "scope_level": level,
                        "value": best["quantity"],
                        "unit": UNIT_LABELS.get(ind.base_unit, ind.base_unit),
                        "as_of": best["as_of"],
                        "scope_name": best["scope_name"],
                        "claims": len(at),
                        "text": best["text"],
                        "sentence": best["sentence"],
                        "article_id": best["article_id"],
                    }
                )
    return pd.DataFrame(rows, columns=COLUMNS).rename(columns={"group": by})


def common_level(table: pd.DataFrame, label: str) -> str:
    """The scope level at which most groups report indicator ``label`` (the wider on a tie), or ""."""
    rows = table[(table["indicator"] == label) & (table["scope_level"].isin(LEVELS))]
    counts = rows["scope_level"].value_counts()
    return min(counts.index, key=lambda lv: (-counts[lv], LEVELS.index(lv))) if len(counts) else ""


def indicator_chart(table: pd.DataFrame, by: str = "province"):
    """One panel per indicator reported anywhere: the groups compared at the scope level most of them report
    it at (each figure with the unit it covers and its as_of), "not reported at this level" for the others;
    None when no indicator is reported."""
    groups = list(dict.fromkeys(table[by]))
    shown = [(ind, level) for ind in indicators() if (level := common_level(table, ind.label))]
    if not shown:
        return None
    fig, _ = plt.subplots(len(shown), 1, figsize=(8, 0.6 + len(shown) * (0.32 * len(groups) + 0.8)))
    for ax, (ind, level) in zip(fig.axes, shown, strict=True):
        rows = table[(table["indicator"] == ind.label) & (table["scope_level"] == level)].set_index(by)
        values = [float(rows.at[g, "value"]) if g in rows.index else 0.0 for g in groups]
        ax.barh(range(len(groups)), values, color="#4c72b0")
        ax.set_yticks(range(len(groups)), groups)
        ax.invert_yaxis()
        top = max(values, default=0) or 1
        for y, group in enumerate(groups):
            if group in rows.index:
                row = rows.loc[group]
                where = ", ".join(str(x) for x in (row["scope_name"], row["as_of"]) if str(x))
                note = f"{values[y]:,.0f} ({where})" if where else f"{values[y]:,.0f}"
            else:
                note = f"not reported at {level} level"
            ax.text(
                values[y] + top * 0.01,
                y,
                note,
                va="center",
                fontsize=8,
                color="#333" if values[y] else "#888",
            )
        unit = UNIT_LABELS.get(ind.base_unit, ind.base_unit)
        title = f"{ind.label}{f' ({unit})' if unit else ''} at {level} level: {len(rows)} of {len(groups)}"
        ax.set_title(title, fontsize=10, loc="left")
        ax.set_xlim(0, top * 1.6)
        ax.tick_params(axis="x", labelsize=8)
    fig.tight_layout()
    return fig
