"""Execute the notebooks on the project's own kernel and render one self-contained HTML report."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from tqdm import tqdm

from danvan.paths import FIGURES, NOTEBOOKS, REPORT, resolve
from danvan.report.render import render_html
from danvan.run.options import ParseOptions
from danvan.run.outfolder import OutputFolder
from danvan.run.pipeline import parse_corpus
from danvan.run.summary import ParseSummary

KERNEL_NAME = "danvan-build"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class BuildError(RuntimeError):
    """A notebook failed; the message names the notebook and the cell."""


class _OwnKernelSpecs(KernelSpecManager):
    """Only one kernel exists for the build: this very interpreter. No name can mismatch."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--log-level=ERROR"],
            display_name="danvan (build)",
            language="python",
            env={"MPLBACKEND": "module://matplotlib_inline.backend_inline"},
        )

    def find_kernel_specs(self) -> dict[str, str]:
        return {KERNEL_NAME: ""}


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks, in order."""
    paths = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise BuildError(f"no notebooks found in {folder} (run danvan build from a checkout)")
    return paths


def inject_parameters(nb: nbformat.NotebookNode, params: dict[str, Any]) -> None:
    """Papermill-style: add an ``injected-parameters`` cell after the ``parameters`` cell."""
    source = "# Parameters injected by danvan build\n" + "".join(f"{k} = {v!r}\n" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    for index, existing in enumerate(nb.cells):
        if "parameters" in existing.get("metadata", {}).get("tags", []):
            nb.cells.insert(index + 1, cell)
            return
    nb.cells.insert(0, cell)


def combined_notebook(paths: list[Path], params: dict[str, str]) -> nbformat.NotebookNode:
    """All notebooks as one, each cell remembering where it came from (for error messages)."""
    combined = nbformat.v4.new_notebook()
    combined.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "danvan", "language": "python"}
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        inject_parameters(nb, params)
        for number, cell in enumerate(nb.cells, start=1):
            cell.metadata["danvan"] = {"notebook": path.name, "cell": number}
            cell["id"] = f"{path.stem}-{number}"
            combined.cells.append(cell)
    return combined


def execute(nb: nbformat.NotebookNode, timeout: int, progress: bool = True, cwd: Path = NOTEBOOKS) -> None:
    """Run ``nb`` in place on this interpreter's kernel, in ``cwd``; a failing cell raises BuildError."""
    manager = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=_OwnKernelSpecs())
    cells = sum(cell.cell_type == "code" for cell in nb.cells)
    bar = tqdm(total=cells, unit="cell", desc="notebooks", disable=not progress, delay=1.0)
    client = NotebookClient(
        nb,
        km=manager,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        allow_errors=False,
        resources={"metadata": {"path": str(cwd)}},
        on_cell_executed=lambda **_: bar.update(),
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as err:
        where = _failing_cell(nb)
        message = _ANSI.sub("", str(err)).strip()  # the kernel colours its tracebacks
        raise BuildError(f"{where} failed:\n{message[-2000:]}") from None
    finally:
        bar.close()
        manager.cleanup_resources()  # the kernel's connection file goes with the kernel


def _failing_cell(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            origin = cell.metadata.get("danvan", {})
            return f"notebook {origin.get('notebook', '?')}, cell {origin.get('cell', '?')}"
    for cell in reversed(nb.cells):  # a timeout leaves no error output: the last cell that started
        if cell.cell_type == "code" and cell.get("execution_count"):
            origin = cell.metadata.get("danvan", {})
            return f"notebook {origin.get('notebook', '?')}, cell {origin.get('cell', '?')}"
    return "a notebook"


def build_report(
    corpus: str | os.PathLike[str],
    out: str | os.PathLike[str],
    options: ParseOptions | None = None,
    *,
    timeout: int = 600,
    notebooks: Path = NOTEBOOKS,
    parameters: dict[str, Any] | None = None,
) -> ParseSummary:
    """Parse ``corpus`` into ``out/data``, execute the notebooks, write ``out/index.html`` (and the plots in
    ``out/figures``), all published in one step: a failed build leaves the previous output as it was.
    ``parameters`` (PROVINCES, REGION, YEARS) are injected into every notebook, papermill-style."""
    options = options or ParseOptions()
    corpus_dir, out_dir = resolve(corpus).resolve(), resolve(out).resolve()
    output = OutputFolder(out_dir, corpus_dir)
    with output as staging, tempfile.TemporaryDirectory(prefix="danvan-data-") as tmp:
        data = Path(tmp) / "data"
        summary = parse_corpus(corpus_dir, data, options)
        if summary.parsed == 0:
            return summary
        # the committed seed report's plots live in the repository's figures/; every other build's in OUT
        figures_dir = FIGURES if out_dir == REPORT.resolve() else staging / "figures"
        params = {
            **(parameters or {}),
            "CORPUS": str(corpus_dir),
            "DATA_DIR": str(data),
            "FIGURES_DIR": str(figures_dir),
        }
        nb = combined_notebook(notebook_paths(notebooks), params)
        execute(nb, timeout, progress=options.progress)
        (staging / "index.html").write_text(render_html(nb), encoding="utf-8")
        shutil.copytree(data, staging / "data", ignore=shutil.ignore_patterns("*.parquet", ".danvan-output"))
        (staging / "data").chmod(staging.stat().st_mode)
        output.publish()
    return summary
