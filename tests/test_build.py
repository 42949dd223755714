"""End to end: build the report from a corpus into a temporary folder and read what it contains."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from danvan.report.build import (
    BuildError,
    build_report,
    combined_notebook,
    execute,
    inject_parameters,
    notebook_paths,
)
from danvan.run.options import ParseOptions
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow
PROVINCES = ["Bắc Kạn", "Hà Nội", "Kon Tum", "An Giang", "Tuyên Quang"]


def test_report_is_one_self_contained_file(seed_report):
    html = (seed_report / "index.html").read_text(encoding="utf-8")
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
        for value in re.findall(rf"<{tag}\b[^>]*\b{attr}=\"([^\"]*)\"", html):
            assert value.startswith(("data:", "#")), f"<{tag} {attr}={value[:60]}>"
    without_data = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "", html)
    assert not re.search(r"\b(src|href|action)=\"(https?:)?//", without_data)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", without_data)
    assert "@import" not in without_data


def test_report_has_no_code_cells_and_a_table_of_contents(seed_report):
    html = (seed_report / "index.html").read_text(encoding="utf-8")
    assert "input_area" not in html and "In&nbsp;[" not in html
    assert "R.load_tables" not in html and "import " not in html
    toc = re.search(r'<nav[^>]*id="toc".*?</nav>', html, re.S).group(0)
    for section in (
        "Key findings",
        "Corpus",
        "Themes",
        "Figures",
        "Actors",
        "Documents and timeline",
        "Data quality",
        "Methods and limitations",
        "Glossary",
    ):
        assert f">{section}</a>" in toc, section
    anchors = re.findall(r'href="#([^"]+)"', toc)
    for anchor in anchors:
        assert f'id="{anchor}"' in html


def test_report_names_the_five_provinces_and_embeds_plots(seed_report):
    html = (seed_report / "index.html").read_text(encoding="utf-8")
    for province in PROVINCES:
        assert province in html
    images = re.findall(r'<img[^>]*src="data:image/png;base64,', html)
    assert len(images) >= 5
    assert (seed_report / "figures" / "themes_heatmap.png").stat().st_size > 1000
    assert (seed_report / "figures" / "figures_by_category.svg").exists()


def test_build_writes_every_table_as_csv(seed_report):
    import pandas as pd

    for name, columns in {
        "articles": [
            "article_id",
            "file",
            "title",
            "source",
            "published",
            "author",
            "province",
            "district",
            "n_sentences",
            "n_words",
        ],
        "sentences": ["article_id", "sentence_id", "text"],
        "figures": ["article_id", "value", "unit", "object", "category", "text"],
        "themes": ["article_id", "province", "theme", "hits", "per_1000_words"],
        "ingest_log": ["file", "status", "reason"],
    }.items():
        df = pd.read_csv(seed_report / "data" / f"{name}.csv")
        assert list(df.columns[: len(columns)]) == columns, name


def _failing_notebooks(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    shutil.copy(ROOT / "notebooks" / "01_corpus.ipynb", folder)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("## Broken"), nbformat.v4.new_code_cell("1 / 0")]
    nbformat.write(nb, folder / "02_broken.ipynb")
    return folder


def test_a_failing_cell_names_notebook_and_cell_and_keeps_the_old_report(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous report", encoding="utf-8")
    (out / ".danvan-output").write_text('{"written": ["index.html"]}', encoding="utf-8")  # danvan wrote it
    with pytest.raises(BuildError, match=r"notebook 02_broken\.ipynb, cell 3"):
        build_report(
            SEEDS, out, ParseOptions(use_cache=False, progress=False), notebooks=_failing_notebooks(tmp_path)
        )
    assert (out / "index.html").read_text(encoding="utf-8") == "previous report"


def test_each_notebook_runs_on_its_own_with_its_defaults_from_any_folder(tmp_path):
    """As a user opens one in Jupyter: no injected tables, a working directory of its own; no tracked file
    of the repository changes (its plots go beside its tables)."""
    status = ["git", "status", "--porcelain"]
    before = subprocess.run(status, cwd=ROOT, capture_output=True, text=True).stdout
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        inject_parameters(nb, {"CORPUS": str(SEEDS)})  # its plots go beside its tables, not into figures/
        execute(nb, 600, progress=False, cwd=tmp_path)
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, path.name
    figures = ROOT / "build" / "figures"  # beside the tables the notebooks parsed (build/ is not tracked)
    assert sorted(p.suffix for p in figures.iterdir()).count(".svg") >= 5
    assert subprocess.run(status, cwd=ROOT, capture_output=True, text=True).stdout == before


def test_two_builds_from_the_same_input_are_identical(seed_report, tmp_path):
    build_report(SEEDS, tmp_path, ParseOptions(use_cache=False, progress=False))
    assert (tmp_path / "index.html").read_bytes() == (seed_report / "index.html").read_bytes()
    for table in sorted((seed_report / "data").glob("*.csv")):
        assert (tmp_path / "data" / table.name).read_bytes() == table.read_bytes(), table.name
    for figure in sorted((seed_report / "figures").glob("*")):
        assert (tmp_path / "figures" / figure.name).read_bytes() == figure.read_bytes(), figure.name


def test_methods_section_records_versions_and_corpus_hash(seed_report):
    html = (seed_report / "index.html").read_text(encoding="utf-8")
    run = (seed_report / "data" / "run.json").read_text(encoding="utf-8")
    corpus_hash = re.search(r'"corpus_sha256": "([0-9a-f]{64})"', run).group(1)
    assert corpus_hash in html
    assert "underthesea 9.5.0" in html


def test_report_on_another_corpus_says_other_true_things(other_report):
    html = (other_report / "index.html").read_text(encoding="utf-8")
    findings = re.search(r'<ul class="dv-findings">(.*?)</ul>', html, re.S).group(1)
    assert "3 articles (294 words) from 3 provinces" in findings
    for province in ("Đà Nẵng", "Nghệ An", "Lào Cai"):
        assert province in findings
    for seed_province in ("Bắc Kạn", "Kon Tum", "An Giang"):
        assert seed_province not in findings
    assert "&lt;script&gt;" in html  # the hostile article's markup is shown as text
    assert "<script>document.title" not in html


def test_build_runs_in_a_network_namespace_with_no_way_out(seed_report, tmp_path):
    """The whole build in a fresh network namespace that has only loopback (the kernel's own channel)."""
    import os
    import subprocess
    import sys

    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        pytest.skip("needs root, unshare and ip to make an isolated network namespace")
    out = tmp_path / "isolated"
    script = 'ip link set lo up && exec "$0" -m danvan.cli build --corpus "$1" --out "$2" --no-cache -q'
    done = subprocess.run(
        ["unshare", "-n", "sh", "-c", script, sys.executable, str(SEEDS), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (out / "index.html").read_bytes() == (seed_report / "index.html").read_bytes()


@pytest.mark.parametrize("group_by", ["province_2025", "region"])
def test_the_notebooks_compare_by_the_grouping_they_are_given(seed_report, tmp_path, group_by):
    """GROUP_BY as a user sets it (papermill-style): every notebook runs, the findings say how the articles are
    grouped, and every table of that grouping holds the groups of the table of articles, with its counts."""
    from danvan.report.render import render_html
    from tests.test_report_tables import check_same_groups

    params = {
        "DATA_DIR": str(seed_report / "data"),
        "FIGURES_DIR": str(tmp_path / "figures"),
        "GROUP_BY": group_by,
    }
    nb = combined_notebook(notebook_paths(), params)
    execute(nb, 600, progress=False, cwd=tmp_path)
    (tmp_path / "index.html").write_text(render_html(nb), encoding="utf-8")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    described = {
        "province_2025": "compared by province as merged on 1 July 2025: 5 provinces",
        "region": "compared by socio-economic region: 4 regions",
    }
    assert described[group_by] in html
    assert check_same_groups(tmp_path) >= 8


def test_an_unknown_grouping_is_refused_with_the_ones_there_are():
    from danvan.report import setup

    with pytest.raises(ValueError, match="GROUP_BY must be one of 'province', 'province_2025', 'region'"):
        setup(group_by="district")
