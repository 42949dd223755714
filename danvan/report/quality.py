"""Read the quality tables that the bench scripts wrote into bench/RESULTS.md, for the methods section."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from danvan.extract.themes import KEYNESS_P
from danvan.report.compare import ALPHA, BOOTSTRAP, CONFIDENCE, MIN_ARTICLES, MIN_PERMUTATIONS, SEED

SECTIONS = {
    "themes": "Theme and role tagging",
    "actors": "Officials and organisations",
    "figures": "Figures, documents and periods",
    "places": "Article metadata and places",
    "comparisons": "Province comparisons on corpora with a known answer",
}
FALSE_ALARMS = "false alarms: null corpora where a province is said to stand out"
DETECTION = "detection: planted province found on its theme"
_TABLE_LINE = re.compile(r"^\|.*\|\s*$")


def _markdown_tables(text: str) -> list[tuple[str, pd.DataFrame]]:
    """(the line of text before it, table) for every markdown table in ``text``."""
    frames, block, before, last_text = [], [], "", ""
    for line in [*text.splitlines(), ""]:
        if _TABLE_LINE.match(line):
            if not block:
                before = last_text
            block.append(line)
            continue
        if len(block) >= 3:
            cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in block]
            frames.append((before, pd.DataFrame(cells[2:], columns=cells[0])))
        block = []
        if line.strip():
            last_text = line
    return frames


def _label(line: str) -> str:
    """ "### Before any fix (...)" or "Blind, roles, **before** tuning:" as a plain label."""
    return re.sub(r"[*#`]", "", line).strip().rstrip(":").strip()


def quality_tables(results: Path) -> list[tuple[str, pd.DataFrame]]:
    """(caption, table) per quality section of ``results``: tables of per-theme rows are summarised by
    their "all ..." row, one summary table per section; other tables are shown whole."""
    if not results.exists():
        return []
    text = results.read_text(encoding="utf-8")
    out = []
    for name, caption in SECTIONS.items():
        match = re.search(rf"<!-- {name}:start -->(.*?)<!-- {name}:end -->", text, re.S)
        if not match:
            continue
        summary = []
        for before, frame in _markdown_tables(match.group(1)):
            first = frame.columns[0]
            totals = frame[frame[first].str.startswith("all ")]
            if len(totals):
                summary.append(totals.rename(columns={first: "measure"}).assign(set=_label(before)))
            else:  # a table under a heading of its own takes it as its caption
                label = f": {_label(before)}" if before.startswith("###") else ""
                out.append((f"{caption}{label} (bench/RESULTS.md)", frame))
        if summary:
            table = pd.concat(summary, ignore_index=True)
            table = table[["set", *[c for c in table.columns if c != "set"]]]
            out.append((f"{caption}, totals per gold set (bench/RESULTS.md has each theme and role)", table))
    return out


def measured(results: Path, measure: str) -> str:
    """The value of ``measure`` in the comparisons section of ``results``, or "not measured yet"."""
    for name, frame in quality_tables(results):
        if name.startswith(SECTIONS["comparisons"]) and "measure" in frame:
            rows = frame[frame["measure"] == measure]
            if len(rows):
                return str(rows.iloc[0]["value"])
    return "not measured yet (run python -m bench.comparisons)"


def comparison_method(results: Path) -> list[str]:
    """The methods of the province comparisons, with the numbers the code uses and the false-alarm rate
    measured by bench/comparisons.py."""
    false_alarms, detection = measured(results, FALSE_ALARMS), measured(results, DETECTION)
    return [
        "Sampling unit: the article. Each article gives one value per theme, its cue words per 1,000 words; "
        "a province's rate is the mean over its articles, so a long article weighs no more than a short one "
        "and words are never treated as independent draws.",
        f"Interval: the {CONFIDENCE:.0%} percentile bootstrap over the province's articles ({BOOTSTRAP:,} "
        "resamples), shown beside every rate for reading.",
        "Statistic and test: the difference between the province's mean and the mean of all other articles "
        "(unplaced ones included), tested by permutation: the province labels are shuffled over the articles "
        f"(at least {MIN_PERMUTATIONS:,} times, more when there are many comparisons) and the p-value is the "
        "share of shuffles with a difference at least as large either way. Exact whatever the shape of the "
        "rates; chosen over a bootstrap test, which is too liberal with a handful of articles, and over a "
        "negative-binomial model of word counts, whose assumptions a few articles cannot check.",
        f"Threshold: a province stands out when its Holm-adjusted p-value is at most {ALPHA:g}: the p-values "
        "of every province × theme compared are adjusted together (Holm), which keeps the chance of any "
        f"false 'stands out' among them at {ALPHA:.0%} or less. Findings are ranked by the ratio of rates. "
        f"A province needs {MIN_ARTICLES} articles to be compared: one article is not enough to characterise "
        "a province. Sentence roles (an article's share of sentences in each role) are compared the same "
        f"way, as a family of their own. A fixed random seed ({SEED}) gives every build the same numbers.",
        "Measured on corpora with a known answer (bench/comparisons.py, tests/planted.py): the false-alarm "
        f"rate, null corpora (all provinces alike) in which a province is said to stand out, {false_alarms}; "
        f"a province with three times the others' rate, 8 articles each, found {detection}.",
        "Distinctive words: Dunning's log-likelihood G² with Williams' correction (quanteda's "
        "textstat_keyness, measure lr) on word counts; a term is listed only when its p-value times the "
        f"number of terms tested (Bonferroni) is below {KEYNESS_P:g}. A province's own place names and its "
        "outlets' names are excluded.",
    ]
