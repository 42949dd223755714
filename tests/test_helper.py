"""The helper process a run with a cache and two jobs forks as it starts (issue 23): it extracts one file as a
pool's worker would, raises its errors in the parent, and is stopped whatever it is doing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from danvan.run.helper import Helper
from danvan.run.per_file import process_file
from tests.conftest import SEEDS


def _task(path: Path) -> tuple[str, str, float, str]:
    return (str(path.parent), path.name, 5.0, path.stem)


def test_the_helper_extracts_what_this_process_would(tmp_path: Path):
    seed = sorted(SEEDS.glob("*.txt"))[0]
    helper = Helper(tmp_path / "cache")
    try:
        helper.extract((_task(seed), None))
        got = helper.result()
    finally:
        helper.stop()
    here = process_file(*_task(seed))
    assert got.log == here.log and got.tables == here.tables and got.words == here.words


def test_an_error_in_the_helper_is_raised_here_and_a_stopped_helper_gives_none(tmp_path: Path):
    helper = Helper(tmp_path / "cache")
    try:
        helper.extract((("/nonexistent", "a.txt", 5.0, "a"), "not an article"))
        with pytest.raises(AttributeError):
            helper.result()
    finally:
        helper.stop()
    helper.stop()  # again: nothing
    with pytest.raises(OSError):
        helper.extract((_task(sorted(SEEDS.glob("*.txt"))[0]), None))


def test_a_run_goes_on_without_a_helper_when_no_process_can_be_forked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from danvan.run import helper
    from danvan.run.options import ParseOptions
    from danvan.run.pipeline import parse_corpus

    def refuse(self, cache_folder):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(helper.Helper, "__init__", refuse)
    options = ParseOptions(cache_dir=tmp_path / "cache", progress=False, jobs=2)
    summary = parse_corpus(SEEDS, tmp_path / "out", options)
    assert summary.parsed == len(list(SEEDS.glob("*.txt")))


def test_what_the_helper_loads_leaves_out_numpy(tmp_path: Path):
    """NumPy (0.1 s to import) is for fingerprints, which the helper never makes: with the data built once
    kept (by the first run), its loading stays short."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from danvan.run.per_file import second_pass, start_worker\n"
        "from danvan.run.warm import keep_stores_in, warm_up\n"
        "keep_stores_in(Path(sys.argv[1]))\n"
        "warm_up()\n"
        "print(sorted(m for m in ('numpy', 'pandas', 'pyarrow') if m in sys.modules))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
        )
        for _ in range(2)
    ]
    assert runs[1].stdout.strip() == "[]"
