"""Refactoring guard: the tables of every corpus the tests use are byte-identical to the committed ones.

`tests/data/golden/<corpus>/` holds the CSV tables as the code produced them when they were committed.
A change meant to alter the output regenerates them on purpose:
`python -m tests.test_golden` (then review the diff with `git diff tests/data/golden`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from danvan.run.options import ParseOptions

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden"
CORPORA = {
    "seeds": ROOT / "seeds",
    **{
        name: ROOT / "tests" / "data" / name
        for name in (
            "actor_blind",
            "actor_stress",
            "figures_blind",
            "other_corpus",
            "places_blind",
            "places_blind2",
            "scraped_pages",
        )
    },
}
VERSION_LINE = re.compile(r"Extractor version \(hash of danvan's code and vocabulary\): [0-9a-f]+")


def _parse(corpus: Path, out: Path) -> None:
    from danvan.run.pipeline import parse_corpus

    parse_corpus(corpus, out, ParseOptions(use_cache=False, progress=False, jobs=1))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CORPORA))
def test_tables_match_the_committed_ones(name, tmp_path):
    _parse(CORPORA[name], tmp_path)
    expected = sorted(p.name for p in (GOLDEN / name).glob("*.csv"))
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == expected
    for table in expected:
        got = (tmp_path / table).read_bytes()
        assert got == (GOLDEN / name / table).read_bytes(), f"{name}/{table} differs from tests/data/golden"


@pytest.mark.slow
def test_seed_report_matches_the_committed_one(seed_report):
    """The committed report/index.html is what the committed code builds (but for the code's hash)."""
    built = (seed_report / "index.html").read_text(encoding="utf-8")
    committed = (ROOT / "report" / "index.html").read_text(encoding="utf-8")
    assert VERSION_LINE.sub("", built) == VERSION_LINE.sub("", committed)


if __name__ == "__main__":  # regenerate on purpose
    import shutil
    import tempfile

    for name, corpus in CORPORA.items():
        with tempfile.TemporaryDirectory() as tmp:
            _parse(corpus, Path(tmp))
            shutil.rmtree(GOLDEN / name, ignore_errors=True)
            (GOLDEN / name).mkdir(parents=True)
            for table in Path(tmp).glob("*.csv"):
                shutil.copy(table, GOLDEN / name / table.name)
    sys.exit(0)
