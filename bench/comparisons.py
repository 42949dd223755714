"""False alarms and detection of the province comparisons, on corpora with a known answer.

Usage: python -m bench.comparisons [--seeds 200]   (writes the "comparisons" section of RESULTS.md)

Each seed makes two corpora with tests/planted.py: a null corpus (10 provinces of 8 articles, all drawn alike)
and a planted one (the same, but one province's articles carry three times as many sentences on digital
transformation). The report's comparison (danvan.report.by_group.theme_comparison: permutation tests over
articles, Holm-adjusted) is run on each; a false alarm is any province said to stand out in a null corpus.
"""

from __future__ import annotations

import argparse
import math
import time

from bench.results_file import write_section
from danvan.extract.themes import labels
from danvan.report.by_group import theme_comparison
from danvan.report.compare import ALPHA, MIN_ARTICLES
from tests import planted


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval of the proportion k / n."""
    if not n:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _rate(k: int, n: int) -> str:
    low, high = wilson(k, n)
    return f"{k / n:.1%} ({k} of {n}; 95% interval {low:.1%}–{high:.1%})"


def measure(seeds: int) -> dict[str, int | float]:
    theme = labels()[planted.THEME]
    counts = dict(null_alarms=0, null_flags=0, tests=0, found=0, wrong=0)
    start = time.perf_counter()
    for seed in range(seeds):
        null = planted.tables(planted.Design(seed=1000 + seed))
        result = theme_comparison(null["themes"], null["articles"], labels())
        flags = result[result["stands_out"] != ""]
        counts["null_alarms"] += not flags.empty
        counts["null_flags"] += len(flags)
        counts["tests"] += int(result["p"].notna().sum())
        design = planted.planted_design(seed)
        tables = planted.tables(design)
        result = theme_comparison(tables["themes"], tables["articles"], labels())
        flags = result[result["stands_out"] != ""]
        right = (
            (flags["group"] == design.planted)
            & (flags["measure"] == theme)
            & (flags["stands_out"] == "higher")
        )
        counts["found"] += bool(right.any())
        counts["wrong"] += bool((flags["group"] != design.planted).any())
    return {**counts, "seconds": time.perf_counter() - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200)
    args = parser.parse_args()
    got = measure(args.seeds)
    n = args.seeds
    design = planted.Design()
    table = "\n".join(
        f"| {k} | {v} |"
        for k, v in (
            (
                "false alarms: null corpora where a province is said to stand out",
                _rate(got["null_alarms"], n),
            ),
            (
                "false alarms per comparison (null corpora)",
                f"{got['null_flags'] / max(got['tests'], 1):.2%} of {got['tests']:,}",
            ),
            ("detection: planted province found on its theme", _rate(got["found"], n)),
            ("planted corpora where another province is said to stand out", _rate(got["wrong"], n)),
        )
    )
    text = f"""## Province comparisons: false alarms and detection

Command: `python -m bench.comparisons --seeds {n}` ({got["seconds"]:.0f} s). Corpora from `tests/planted.py`: {len(design.provinces)}
provinces of {design.per_province} articles, each article 10-16 campaign sentences plus a Poisson number of sentences on
digital transformation (mean {design.rate:g}); in a planted corpus one province's mean is {design.factor:g} times that. Each
province with {MIN_ARTICLES}+ articles is compared with the rest of the corpus on every theme (permutation test over
articles, Holm-adjusted at {ALPHA:g} familywise); {n} null and {n} planted corpora.

| measure | value |
|---|---|
{table}
"""
    write_section("comparisons", text)
    print(text)


if __name__ == "__main__":
    main()
