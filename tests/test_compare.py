"""The statistics of province comparisons, on numbers made up in the test."""

from itertools import combinations

import numpy as np
import pandas as pd

from danvan.report import compare
from danvan.report.groups import UNPLACED
from tests.planted import at_most_by_chance


def _frame(groups: dict[str, list[float]]) -> tuple[pd.DataFrame, pd.Series]:
    ids, labels, values = [], [], []
    for group, rates in groups.items():
        for i, rate in enumerate(rates):
            ids.append(f"{group}-{i}")
            labels.append(group)
            values.append(rate)
    return pd.DataFrame({"rate": values}, index=ids), pd.Series(labels, index=ids)


def test_holm_adjusts_step_down_and_keeps_the_order():
    p = np.array([0.01, 0.04, 0.03, 0.005])
    assert np.allclose(compare.holm(p), [0.03, 0.06, 0.06, 0.02])
    assert compare.holm(np.array([])).size == 0


def test_permutation_p_agrees_with_the_exact_enumeration():
    values, groups = _frame({"A": [9.0, 7.0, 8.0], "B": [1.0, 3.0, 2.0, 4.0, 6.0]})
    row = compare.compare_groups(values, groups).set_index("group").loc["A"]
    rates = values["rate"].to_numpy()
    expected = 3 * rates.mean()
    observed = abs(rates[:3].sum() - expected)
    draws = [abs(rates[list(c)].sum() - expected) for c in combinations(range(8), 3)]
    exact = np.mean([d >= observed - 1e-9 for d in draws])  # 2 of 56 splits are as extreme
    assert abs(row["p"] - exact) < 0.01
    assert row["mean"] == 8.0 and row["rest_mean"] == 3.2 and row["rest_articles"] == 5


def test_a_clear_difference_stands_out_and_intervals_hold_the_mean():
    rng = np.random.default_rng(1)
    data = {f"P{i}": list(rng.poisson(10, 8).astype(float)) for i in range(8)}
    data["P3"] = list(rng.poisson(30, 8).astype(float))
    values, groups = _frame(data)
    result = compare.compare_groups(values, groups)
    flagged = result[result["stands_out"] != ""]
    assert list(flagged["group"]) == ["P3"] and list(flagged["stands_out"]) == ["higher"]
    assert ((result["low"] <= result["mean"]) & (result["mean"] <= result["high"])).all()
    assert list(compare.ranked_differences(result)["group"]) == ["P3"]


def test_alike_groups_stand_out_no_more_often_than_holm_allows():
    """Twenty corpora where every group is drawn alike (skewed rates, many zeros): a false alarm in at most
    as many as a 5% familywise error rate allows by chance."""
    alarms = 0
    for seed in range(20):
        rng = np.random.default_rng(100 + seed)
        data = {f"P{i}": list(rng.negative_binomial(1, 0.2, 8).astype(float)) for i in range(10)}
        values, groups = _frame(data)
        alarms += (compare.compare_groups(values, groups)["stands_out"] != "").any()
    assert alarms <= at_most_by_chance(20, compare.ALPHA)


def test_small_and_unplaced_groups_are_described_but_not_tested():
    values, groups = _frame(
        {"A": [50.0], "B": [1.0, 2.0], "C": [1.0, 2.0, 1.5], UNPLACED: [40.0, 45.0, 50.0]}
    )
    result = compare.compare_groups(values, groups).set_index("group")
    assert result.loc[["A", "B", UNPLACED], "p"].isna().all()
    assert np.isnan(result.loc["A", "low"])  # one article: no interval
    assert result.loc["C", "rest_articles"] == 6  # the unplaced articles are part of the rest
    assert result.loc["A", "mean"] == 50.0 and (result["stands_out"] == "").all()


def test_same_input_same_numbers():
    values, groups = _frame({"A": [3.0, 9.0, 4.0, 8.0], "B": [1.0, 0.0, 2.0, 0.0, 5.0]})
    first = compare.compare_groups(values, groups)
    pd.testing.assert_frame_equal(first, compare.compare_groups(values, groups))


def test_enough_permutations_for_the_smallest_holm_threshold():
    for tests in (1, 140, 882):
        assert 1 / (compare.permutations_needed(tests) + 1) <= compare.ALPHA / tests / 2
