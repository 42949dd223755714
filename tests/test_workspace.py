"""The analyst's workspace: live kernels see a changed corpus, and the project's own Jupyter kernel."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from danvan.report.notebook import load_tables
from tests.conftest import ROOT, SEEDS


def test_load_tables_notices_a_file_added_to_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, corpus)
    first = load_tables(str(corpus))
    assert len(first["articles"]) == 2
    assert load_tables(str(corpus)) is first  # unchanged: the same tables, not parsed again
    shutil.copy(sorted(SEEDS.glob("*.txt"))[2], corpus)
    assert len(load_tables(str(corpus))["articles"]) == 3
    (corpus / sorted(p.name for p in corpus.iterdir())[0]).unlink()
    assert len(load_tables(str(corpus))["articles"]) == 2


@pytest.mark.slow
def test_the_project_kernel_is_installed_by_setup_and_runs_a_notebook(tmp_path):
    spec = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "danvan" / "kernel.json"
    if not spec.exists():
        pytest.skip("not in the project's .venv (make setup installs the kernel there)")
    argv = json.loads(spec.read_text(encoding="utf-8"))["argv"]
    assert Path(argv[0]).resolve() == Path(sys.executable).resolve()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert nbformat.read(path, as_version=4).metadata.kernelspec.name == "danvan", path.name
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import danvan\nprint(danvan.__version__)")]
    )
    NotebookClient(nb, kernel_name="danvan", timeout=120).execute(cwd=str(tmp_path))
    assert nb.cells[0].outputs[0]["text"].strip() == "0.1.0"
