"""The corpus pass: every file accounted for, cache, parallel and Dask engines agree, same bytes twice."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import numpy as np
import pytest

from danvan.cli import main
from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus
from danvan.run.writer import _coerce, _column, _csv_cell, _csv_column
from danvan.tables import ALL_TABLES
from tests.conftest import SEEDS


def _tables(folder: Path) -> dict[str, bytes]:
    return {name: (folder / f"{name}.csv").read_bytes() for name in ALL_TABLES}


@pytest.fixture(scope="module")
def serial_tables(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial")
    parse_corpus(SEEDS, out, ParseOptions(jobs=1, use_cache=False, progress=False))
    return _tables(out)


def test_parse_writes_every_table_with_its_columns(serial_tables):
    for name, columns in ALL_TABLES.items():
        header = serial_tables[name].decode("utf-8").split("\n", 1)[0]
        assert header == ",".join(columns), name


def test_two_jobs_give_the_same_bytes_as_one(serial_tables, tmp_path):
    parse_corpus(SEEDS, tmp_path, ParseOptions(jobs=2, use_cache=False, progress=False))
    assert _tables(tmp_path) == serial_tables


@pytest.fixture
def parsed_files(monkeypatch) -> list[str]:
    """The files danvan.run.per_file actually extracts (not served from a cache) from now on (in this process:
    the tests that use it run with one job)."""
    from danvan.extract import combine

    seen: list[str] = []
    real = combine.extract_all

    def counting(article):
        seen.append(article.file)
        return real(article)

    monkeypatch.setattr(combine, "extract_all", counting)
    return seen


def test_warm_cache_gives_the_same_bytes_and_reparses_only_new_files(serial_tables, tmp_path, parsed_files):
    cache = tmp_path / "cache"
    first = parse_corpus(SEEDS, tmp_path / "a", ParseOptions(jobs=1, cache_dir=cache, progress=False))
    assert first.cached == 0 and len(parsed_files) == 5
    shutil.rmtree(cache / "runs")  # the per-file results alone must serve the next run
    warm = parse_corpus(SEEDS, tmp_path / "b", ParseOptions(jobs=1, cache_dir=cache, progress=False))
    assert warm.cached == 5 and len(parsed_files) == 5  # nothing parsed again
    assert _tables(tmp_path / "b") == serial_tables
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "new.txt").write_text(
        "Huyện Chiêm Hóa, tỉnh Tuyên Quang có 12 mô hình “Dân vận khéo” trong năm 2024, "
        "góp phần xây dựng nông thôn mới và giảm nghèo bền vững.",
        encoding="utf-8",
    )
    grown = parse_corpus(corpus, tmp_path / "c", ParseOptions(jobs=1, cache_dir=cache, progress=False))
    assert (grown.cached, grown.parsed) == (5, 6)
    assert parsed_files[5:] == ["new.txt"]


def test_unchanged_corpus_reuses_the_whole_run_and_a_changed_file_is_parsed_again(
    serial_tables, tmp_path, parsed_files
):
    cache = tmp_path / "cache"
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    parse_corpus(corpus, tmp_path / "a", ParseOptions(jobs=1, cache_dir=cache, progress=False))
    assert len(list((cache / "runs").iterdir())) == 1
    (tmp_path / "a" / "notes.md").write_text(
        "the user's own file", encoding="utf-8"
    )  # after danvan wrote "a"
    aside = tmp_path / "per-file"  # only the whole run's tables can serve the next run
    aside.mkdir()
    for part in [p for p in cache.iterdir() if p.name != "runs"]:
        shutil.move(part, aside / part.name)
    again = parse_corpus(corpus, tmp_path / "a", ParseOptions(jobs=1, cache_dir=cache, progress=False))
    for part in aside.iterdir():
        shutil.move(part, cache / part.name)
    assert (again.files, again.parsed, again.cached) == (5, 5, 5)
    assert _tables(tmp_path / "a") == serial_tables
    assert (tmp_path / "a" / "notes.md").read_text(encoding="utf-8") == "the user's own file"
    shutil.rmtree(cache / "runs")  # without the whole run, the per-file results still serve
    per_file = parse_corpus(corpus, tmp_path / "c", ParseOptions(jobs=1, cache_dir=cache, progress=False))
    assert per_file.cached == 5 and _tables(tmp_path / "c") == serial_tables
    assert len(parsed_files) == 5  # the first run's only
    first = sorted(corpus.iterdir())[0]
    first.write_text(
        first.read_text(encoding="utf-8") + "\nThêm một câu mới về công tác dân vận.", encoding="utf-8"
    )
    changed = parse_corpus(corpus, tmp_path / "d", ParseOptions(jobs=1, cache_dir=cache, progress=False))
    assert (changed.parsed, changed.cached) == (5, 4)
    assert parsed_files[5:] == [first.name]
    assert _tables(tmp_path / "d")["articles"] != serial_tables["articles"]


def test_dask_local_cluster_gives_the_same_tables(serial_tables, tmp_path):
    pytest.importorskip("dask.distributed")
    parse_corpus(SEEDS, tmp_path, ParseOptions(engine="dask", use_cache=False, progress=False))
    assert _tables(tmp_path) == serial_tables


def test_parse_makes_no_network_connection(serial_tables, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("danvan tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    parse_corpus(SEEDS, tmp_path, ParseOptions(jobs=1, use_cache=False, progress=False))
    assert _tables(tmp_path) == serial_tables


def test_cli_accounts_for_every_file_and_exits_zero_with_some_rejected(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    out = tmp_path / "out"
    assert main(["parse", str(corpus), "--out", str(out), "--no-cache", "-q", "--jobs", "1"]) == 0
    log = (out / "ingest_log.csv").read_text(encoding="utf-8").strip().split("\n")[1:]
    assert len(log) == 7
    assert sum(",parsed," in line for line in log) == 5
    assert sum(",rejected," in line for line in log) == 2
    assert "7 files: 5 parsed" in capsys.readouterr().err


def test_cli_fails_clearly_when_nothing_is_usable(tmp_path, capsys):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "blank.txt").write_text("   \n", encoding="utf-8")
    assert main(["parse", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--no-cache", "-q"]) == 1
    assert "no usable article" in capsys.readouterr().err
    assert main(["parse", str(tmp_path / "missing"), "--out", str(tmp_path / "out"), "-q"]) == 2
    assert "corpus folder not found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("str", ["a", "", None, 3, 2.5, float("nan"), True]),
        ("int", [3, None, "", "7", True, np.int64(4), 2.0]),
        ("float", [2.5, 2.0, None, "", float("nan"), 3, np.float64(1.0), "7"]),
        ("bool", [True, False, None, "", 0, 1]),
    ],
)
def test_writer_columns_are_coerced_as_cell_by_cell(kind, values):
    column = _column(values, kind)
    expected = [_coerce(v, kind) for v in values]
    assert column == expected and [type(v) for v in column] == [type(v) for v in expected]
    assert _csv_column(column, kind) == [_csv_cell(v) for v in column]


def test_a_run_that_cannot_be_cached_still_succeeds(tmp_path):
    from danvan.run.cache import ResultCache

    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.csv").write_text("article_id\n", encoding="utf-8")
    cache = ResultCache(tmp_path / "cache")
    cache.put_run("k", out, {"files": 1}, ["articles.csv", "vanished.csv"])  # a copy fails: no error
    assert cache.get_run("k", tmp_path / "again") is None
    assert not list((tmp_path / "cache" / "runs").iterdir())  # no half-written run left behind


def test_cache_folder_comes_from_the_environment_else_the_user_cache(monkeypatch, tmp_path):
    from danvan.run.cache import default_cache_dir

    monkeypatch.setenv("DANVAN_CACHE_DIR", str(tmp_path / "scratch"))
    assert default_cache_dir() == tmp_path / "scratch"
    parse_corpus(SEEDS, tmp_path / "out", ParseOptions(jobs=1, progress=False))
    assert (tmp_path / "scratch" / "runs").is_dir()  # the default cache is the one named
    monkeypatch.delenv("DANVAN_CACHE_DIR")
    assert default_cache_dir().name == "danvan" and default_cache_dir() != tmp_path / "scratch"


def test_copies_are_decided_before_the_expensive_pass_and_never_extracted(tmp_path, parsed_files):
    """Syndicated copies (the same article under another outlet line) are found by the cheap first pass:
    only the articles kept are segmented and extracted, and the ingest log says the same as before."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    original = sorted(SEEDS.glob("*.txt"))[0]
    for n in range(3):
        text = original.read_text(encoding="utf-8")
        (corpus / f"zz_copy{n}.txt").write_text(f"Báo Điện tử Số {n + 1}\n{text}", encoding="utf-8")
    for jobs in (1, 2):
        parsed_files.clear()
        out = tmp_path / f"out{jobs}"
        summary = parse_corpus(corpus, out, ParseOptions(jobs=jobs, use_cache=False, progress=False))
        assert summary.parsed == 5 and summary.rejected == 3
        if jobs == 1:  # counted in this process only
            assert sorted(parsed_files) == sorted(p.name for p in SEEDS.glob("*.txt"))
        log = (out / "ingest_log.csv").read_text(encoding="utf-8")
        assert log.count(f"duplicate of {original.stem}") == 3


def test_arrow_columns_built_from_buffers_equal_pyarrows_own():
    """The Parquet writer builds its columns from buffers (no pandas import); they equal pa.array's."""
    import pyarrow as pa

    from danvan.run.writer import _ARROW, _arrow

    columns = {
        "str": ["", "Hà Nội", "=1+2", "a\nb"],
        "int": [1, None, -3, 2**40],
        "float": [0.5, None, -2.25, 1e12],  # NaN never reaches the writer: _column makes it None
        "bool": [True, False, None, True],
    }
    for kind, values in columns.items():
        built = _arrow(values, kind)
        assert built.equals(pa.array(values, type=_ARROW[kind], from_pandas=False)), kind


def test_the_warm_up_loads_what_workers_need_before_they_are_forked():
    """In a fresh process: after the warm-up thread, the segmentation data and the gazetteer are loaded
    (workers forked then inherit them) and the sample article was extracted without an error."""
    import subprocess
    import sys

    code = (
        "from danvan.ingest.underthesea_parts import segmentation_data as s\n"
        "from danvan.extract.gazetteer import gazetteer\n"
        "from danvan.run.warm import start_warm_up\n"
        "assert s.cache_info().currsize == 0 and gazetteer.cache_info().currsize == 0\n"
        "start_warm_up().join()\n"
        "assert s.cache_info().currsize == 1 and gazetteer.cache_info().currsize == 1\n"
        "from danvan.extract.combine import extract_all\n"
        "from danvan.ingest.read import build_article\n"
        "from danvan.run.warm import _SAMPLE\n"
        "tables, _ = extract_all(build_article('w', 'w.txt', _SAMPLE))\n"
        "assert tables['models'] and tables['figures'] and tables['entities'] and tables['documents'] and tables['persons']\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
