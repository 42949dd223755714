"""The command line as an analyst meets it: paths from where they stand, one-line errors, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from danvan.cli import main
from tests.conftest import ROOT, SEEDS


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A folder of the user's own, outside the repository, with a two-article corpus "mine"."""
    (tmp_path / "mine").mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, tmp_path / "mine")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_parse_resolves_paths_from_the_current_folder(elsewhere, capsys):
    assert main(["parse", "mine", "--out", "tables", "-q", "--no-cache", "-j", "1"]) == 0
    assert (elsewhere / "tables" / "articles.csv").is_file()
    assert f"tables in {elsewhere / 'tables'}" in capsys.readouterr().err


@pytest.mark.slow
def test_build_takes_the_corpus_as_an_argument_and_writes_only_where_it_stands(elsewhere, capsys):
    before = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    assert main(["build", "mine", "-q", "--no-cache", "-j", "1"]) == 0  # no --out: ./report
    assert (elsewhere / "report" / "index.html").is_file()
    assert (elsewhere / "report" / "figures").is_dir()
    assert f"report in {elsewhere / 'report' / 'index.html'}" in capsys.readouterr().err
    after = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    assert after == before  # the repository's report, tables and figures are untouched


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["parse", "missing", "--out", "out"], 2, "corpus folder not found: missing"),
        (["parse", "mine/a.txt", "--out", "out"], 2, "is a file; give the folder that holds the articles"),
        (["parse", "mine", "--out", "afile"], 2, "--out afile is a file; give a folder for the output"),
        (["build", "mine", "--out", "afile"], 2, "--out afile is a file; give a folder for the output"),
        (["build", "missing"], 2, "corpus folder not found: missing"),
    ],
)
def test_user_errors_are_one_line_with_their_exit_code(elsewhere, capsys, argv, code, message):
    (elsewhere / "afile").write_text("x", encoding="utf-8")
    (elsewhere / "mine" / "a.txt").write_text("x", encoding="utf-8")
    assert main([*argv, "-q"]) == code
    assert message in _one_line(capsys.readouterr().err)


def test_an_unexpected_error_is_one_line_unless_debug(elsewhere, capsys, monkeypatch):
    import danvan.run.pipeline as pipeline

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "parse_corpus", broken)
    assert main(["parse", "mine", "--out", "out", "-q"]) == 3
    assert "unexpected error: disk on fire (run with --debug" in _one_line(capsys.readouterr().err)
    with pytest.raises(RuntimeError):
        main(["parse", "mine", "--out", "out", "-q", "--debug"])


def test_version_and_plain_help():
    out = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "danvan 0.1.0"
    help_text = subprocess.run(
        [sys.executable, "-m", "danvan.cli", "build", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "120"},
    ).stdout
    assert "``" not in help_text and "(default: report)" in help_text and "positional arguments" in help_text


def test_a_parse_ends_quickly_with_its_output_written_and_its_lines_printed(tmp_path: Path):
    """After a parse the command skips the interpreter's teardown (``entry``): all it prints is flushed first,
    and a re-run with one file changed (its helper process stopped) ends as cleanly."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    command = [sys.executable, "-m", "danvan.cli", "parse", str(corpus), "--out", str(tmp_path / "out")]
    command += ["-q", "-j", "2", "--cache", str(tmp_path / "cache")]
    for _ in range(2):
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0 and done.stderr.rstrip().endswith(f"tables in {tmp_path / 'out'}")
        assert (tmp_path / "out" / "articles.csv").is_file()
        first = sorted(corpus.glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")


def test_the_command_ends_a_parse_without_teardown_and_anything_else_as_usual(tmp_path: Path):
    """An exit handler shows whether the interpreter was torn down: not after a parse (its lines are printed
    all the same), as usual after anything else."""
    program = (
        "import atexit, sys; atexit.register(lambda: print('torn down', flush=True)); "
        "from danvan.cli import entry; sys.argv = ['danvan', *sys.argv[1:]]; entry()"
    )
    parse = ["parse", str(SEEDS), "--out", str(tmp_path / "o"), "-q", "--no-cache"]
    done = subprocess.run(
        [sys.executable, "-c", program, *parse], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and "torn down" not in done.stdout and "tables in" in done.stderr
    done = subprocess.run([sys.executable, "-c", program, "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "torn down" in done.stdout
