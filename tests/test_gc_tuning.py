"""A parse collects garbage less often, and gives the setting back afterwards (issue 23)."""

from __future__ import annotations

import gc
from pathlib import Path

from danvan.run.gc_tuning import GEN0_THRESHOLD, collecting_less
from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus


def test_the_threshold_is_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with collecting_less():
        assert gc.get_threshold()[0] >= GEN0_THRESHOLD
        assert gc.get_threshold()[1:] == before[1:]
    assert gc.get_threshold() == before


def test_a_parse_leaves_the_callers_setting_alone(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Xã Minh Quang ra quân dân vận khéo\nNgày 10/8, Hội Nông dân xã vận động 45 hộ hiến đất làm đường.\n",
        encoding="utf-8",
    )
    before = gc.get_threshold()
    parse_corpus(corpus, tmp_path / "out", ParseOptions(jobs=1, use_cache=False, progress=False))
    assert gc.get_threshold() == before
