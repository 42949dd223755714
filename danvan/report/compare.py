"""Does a group (a province, a region) differ from the rest of the corpus? Articles are the sampling unit.

Each article gives one value per measure (say, its cue words per 1,000 words of one theme); a group's figure
is the mean over its articles. For each group:

- an interval for reading: the 95% percentile bootstrap over the group's articles;
- a test: the group against the rest of the corpus by permutation (the group labels shuffled over the
  articles, the difference of means compared both ways). Exact under the null hypothesis that the articles of
  the group and of the rest are alike, however skewed the rates, and the corpus' articles are the only
  assumption: no words are treated as independent draws.
- the p-values of every group × measure compared are adjusted together by Holm's method: the chance that
  any difference is claimed where none exists stays below ALPHA.

A group is compared only with MIN_ARTICLES articles or more: one or two articles describe themselves, not a
province. Unplaced articles belong to the rest of the corpus but are not a group to compare. One generator
with a fixed seed, used in a fixed order: the same corpus gives the same numbers.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from danvan.report.groups import UNPLACED

SEED = 15
ALPHA = 0.05  # familywise error rate over all comparisons of one family (Holm)
CONFIDENCE = 0.95  # of the bootstrap interval shown beside each rate
MIN_ARTICLES = 3
MIN_PERMUTATIONS = 9_999
BOOTSTRAP = 2_000
_BATCH_NUMBERS = 4_000_000  # values per batch of resamples: memory stays near 32 MB on any corpus

COLUMNS = [
    "group",
    "measure",
    "articles",
    "mean",
    "low",
    "high",
    "rest_articles",
    "rest_mean",
    "ratio",
    "p",
    "p_adjusted",
    "stands_out",
]


def permutations_needed(tests: int) -> int:
    """Permutations for ``tests`` comparisons: the smallest Holm threshold, ALPHA / tests, must be reachable
    (a Monte Carlo p-value is at least 1 / (permutations + 1)), with room to spare."""
    return max(MIN_PERMUTATIONS, math.ceil(2 * tests / ALPHA))


def holm(p: np.ndarray) -> np.ndarray:
    """Holm's step-down adjustment of the p-values ``p`` (one family)."""
    m = len(p)
    if not m:
        return p
    order = np.argsort(p, kind="stable")
    adjusted = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * p[order]))
    out = np.empty(m)
    out[order] = adjusted
    return out


def _batches(total: int, per_item: int) -> list[int]:
    size = max(1, _BATCH_NUMBERS // max(per_item, 1))
    return [min(size, total - start) for start in range(0, total, size)]


def _bootstrap(values: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of the column means of ``values`` (articles × measures), resampling articles."""
    n = len(values)
    means = [
        values[rng.integers(0, n, size=(size, n))].mean(axis=1)
        for size in _batches(BOOTSTRAP, n * values.shape[1])
    ]
    tail = (1 - CONFIDENCE) / 2
    low, high = np.quantile(np.concatenate(means), [tail, 1 - tail], axis=0)
    return low, high


def _permutation_p(
    values: np.ndarray, starts: np.ndarray, sizes: np.ndarray, permutations: int, rng: np.random.Generator
) -> np.ndarray:
    """Two-sided permutation p-values (groups × measures) of each group's sum against its expectation, the
    rows of ``values`` sorted by group (group g holds rows starts[g] to starts[g] + sizes[g])."""
    n = len(values)
    expected = np.outer(sizes / n, values.sum(axis=0))
    observed = np.abs(np.add.reduceat(values, starts, axis=0) - expected)
    tolerance = 1e-9 * (1 + np.abs(values).sum(axis=0))  # sums in another order may differ in the last bits
    exceed = np.zeros_like(observed)
    identity = np.arange(n)
    for size in _batches(permutations, n * values.shape[1]):
        shuffled = rng.permuted(np.broadcast_to(identity, (size, n)), axis=1)
        sums = np.add.reduceat(values[shuffled], starts, axis=1)
        exceed += (np.abs(sums - expected) >= observed - tolerance).sum(axis=0)
    return (exceed + 1) / (permutations + 1)


def compare_groups(values: pd.DataFrame, groups: pd.Series, seed: int = SEED) -> pd.DataFrame:
    """One row per group × measure (COLUMNS): the group's mean over its articles with its bootstrap interval,
    the rest of the corpus' mean, their ratio, the permutation p-value, Holm-adjusted over all tests, and
    whether the group ``stands_out`` ("higher", "lower" or "").

    ``values``: one row per article (index article_id), one column per measure; ``groups``: the group of each
    article (index article_id). Groups come out in the order they first appear in ``groups``."""
    labels = groups.reindex(values.index)
    order = list(dict.fromkeys(groups[groups.index.isin(values.index)]))
    codes = pd.Categorical(labels, categories=order).codes
    rows_in_order = np.argsort(codes, kind="stable")
    data = values.to_numpy(dtype=float)[rows_in_order]
    sizes = np.bincount(codes, minlength=len(order))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n, total = len(data), data.sum(axis=0)
    rng = np.random.default_rng(seed)
    varies = data.max(axis=0, initial=0) > data.min(axis=0, initial=0)
    testable = np.array(
        [
            size >= MIN_ARTICLES and n - size >= 1 and name != UNPLACED
            for name, size in zip(order, sizes, strict=True)
        ]
    )
    records = []
    for g, (name, start, size) in enumerate(zip(order, starts, sizes, strict=True)):
        block = data[start : start + size]
        mean = block.mean(axis=0)
        low, high = _bootstrap(block, rng) if size > 1 else (np.full_like(mean, np.nan),) * 2
        rest = (total - block.sum(axis=0)) / (n - size) if n > size else np.full_like(mean, np.nan)
        for t, measure in enumerate(values.columns):
            records.append((g, t, name, measure, int(size), mean[t], low[t], high[t], int(n - size), rest[t]))
    frame = pd.DataFrame.from_records(records, columns=["g", "t", *COLUMNS[: COLUMNS.index("ratio")]])
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["ratio"] = frame["mean"] / frame["rest_mean"]
    tested = testable[frame["g"]] & varies[frame["t"]]
    frame["p"] = np.nan
    if tested.any():
        p = _permutation_p(data, starts, sizes, permutations_needed(int(tested.sum())), rng)
        frame.loc[tested, "p"] = p[frame.loc[tested, "g"], frame.loc[tested, "t"]]
    frame["p_adjusted"] = np.nan
    frame.loc[tested, "p_adjusted"] = holm(frame.loc[tested, "p"].to_numpy())
    beyond = frame["p_adjusted"] <= ALPHA
    frame["stands_out"] = np.where(
        beyond, np.where(frame["mean"] > frame["rest_mean"], "higher", "lower"), ""
    )
    return frame[COLUMNS]


def ranked_differences(comparison: pd.DataFrame) -> pd.DataFrame:
    """The rows that stand out, largest effect (ratio to the rest of the corpus, either way) first."""
    out = comparison[comparison["stands_out"] != ""]
    effect = np.abs(np.log(out["ratio"].astype(float)))
    return out.assign(effect=effect).sort_values(
        ["effect", "group", "measure"], ascending=[False, True, True]
    )
