"""Province comparisons on corpora with a known answer (tests/planted.py): one province truly over-uses a theme
(8 articles in each of 10 provinces, three times the rate), or all provinces are drawn alike."""

from __future__ import annotations

import pandas as pd
import pytest

from danvan.extract.themes import labels
from danvan.report import by_group, findings
from danvan.run.options import ParseOptions
from tests import planted

SEEDS = range(30)
THEME_LABEL = labels()[planted.THEME]
POWER = 0.85  # the design's power as measured in bench/RESULTS.md (85% over 200 seeds)


def _stands_out(lines: list[str]) -> list[str]:
    return [line for line in lines if " stands out on " in line and not line.startswith("No ")]


def _flags(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    comparison = by_group.theme_comparison(tables["themes"], tables["articles"], labels())
    return comparison[comparison["stands_out"] != ""]


def test_the_fast_tables_are_what_danvan_parses_from_the_files(tmp_path):
    """The generator's own tables equal the pipeline's on the same articles, every province placed right (and
    the unplaced article left unplaced)."""
    from danvan.run.pipeline import parse_corpus

    design = planted.planted_design(0, per_province=2, unplaced=1)
    parse_corpus(
        planted.write_corpus(design, tmp_path / "corpus"),
        tmp_path / "out",
        ParseOptions(use_cache=False, progress=False, jobs=1),
    )
    fast = planted.tables(design)
    columns = ["article_id", "province", "province_2025", "region", "published", "n_words"]
    parsed = pd.read_csv(tmp_path / "out" / "articles.csv", keep_default_na=False)[columns]
    pd.testing.assert_frame_equal(parsed, fast["articles"][columns], check_dtype=False)
    assert list(parsed["province"]) == [p for p in design.provinces for _ in range(2)] + [""]
    themes = pd.read_csv(tmp_path / "out" / "themes.csv", keep_default_na=False)
    pd.testing.assert_frame_equal(themes, fast["themes"], check_dtype=False)


def test_the_planted_province_is_found_and_alike_provinces_are_not_flagged():
    """Over 30 seeds each. The rates measured over 200 seeds are in bench/RESULTS.md (bench/comparisons.py);
    the test allows what chance allows (1% risk) at Holm's 5% familywise error and at the design's power."""
    found = wrong = null_alarms = 0
    for seed in SEEDS:
        design = planted.planted_design(seed)
        flags = _flags(planted.tables(design))
        found += bool(
            (
                (flags["group"] == design.planted)
                & (flags["measure"] == THEME_LABEL)
                & (flags["stands_out"] == "higher")
            ).any()
        )
        wrong += bool((flags["group"] != design.planted).any())
        null_alarms += not _flags(planted.tables(planted.Design(seed=1000 + seed))).empty
    assert len(SEEDS) - found <= planted.at_most_by_chance(len(SEEDS), 1 - POWER)
    assert wrong <= planted.at_most_by_chance(len(SEEDS), 0.05)  # another province named: a false alarm
    assert null_alarms <= planted.at_most_by_chance(len(SEEDS), 0.05)


@pytest.mark.slow
def test_the_report_names_the_planted_province_and_stays_silent_on_a_null_corpus(tmp_path):
    """Through the whole pipeline, the report's key findings: on the first planted seed the planted province is
    the one that stands out; on the first null seed none does, and the findings say so."""
    from danvan.report.notebook import load_tables
    from danvan.run.pipeline import parse_corpus

    design, null = planted.planted_design(0), planted.Design(seed=1000)
    for name, d in (("planted", design), ("null", null)):
        corpus = planted.write_corpus(d, tmp_path / name)
        parse_corpus(corpus, tmp_path / f"{name}-data", ParseOptions(use_cache=False, progress=False))
    lines = findings.key_findings(load_tables("", str(tmp_path / "planted-data")), labels())
    named = _stands_out(lines)
    assert named and all(line.startswith(f"{design.planted} stands out on ") for line in named)
    assert any(f"stands out on {THEME_LABEL.lower()}, more than the rest" in line for line in named)
    assert "(8 articles, " in named[0] and "95% interval" in named[0]
    lines = findings.key_findings(load_tables("", str(tmp_path / "null-data")), labels())
    assert _stands_out(lines) == []
    assert any(
        line.startswith("No province stands out on any theme beyond the uncertainty") for line in lines
    )
