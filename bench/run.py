"""Speed and memory of danvan on generated corpora, measured as ratios within one run.

Usage: python -m bench.run [--n 1000] [--big 10000]   (writes the "performance" section of RESULTS.md)
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.make_corpus import make_corpus
from bench.results_file import write_section

ROOT = Path(__file__).resolve().parents[1]
DANVAN = [sys.executable, "-m", "danvan.cli"]


def run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the largest process of the command's tree)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return wall, float(proc.stdout.strip().splitlines()[-1])


# Runs the command as a child and prints the peak RSS (MB) of itself and its children.
_MEASURE = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(peak)
sys.exit(code)
"""


# The floor as a program of its own: start, load the model, segment every file's whole text on one core.
_FLOOR = """
import sys
from pathlib import Path
from underthesea import word_tokenize
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    word_tokenize(path.read_text(encoding="utf-8"))
"""


def notebook_overhead(data_dir: Path) -> tuple[float, float, float]:
    """Seconds to execute and render the real notebooks on ``data_dir`` (danvan build's way: one kernel for
    all), as many empty notebooks the same way, and as many empty notebooks each on its own kernel and
    rendered on its own (the way papermill or ``jupyter nbconvert --execute`` runs a set of notebooks)."""
    import nbformat

    from danvan.build import combined_notebook, execute, notebook_paths
    from danvan.render import render_html

    paths = notebook_paths()
    params = {"CORPUS": str(ROOT / "seeds"), "DATA_DIR": str(data_dir), "FIGURES_DIR": tempfile.mkdtemp()}
    with tempfile.TemporaryDirectory() as empty_dir:
        for path in paths:
            nb = nbformat.v4.new_notebook()
            nb.cells = [nbformat.v4.new_code_cell("CORPUS = ''", metadata={"tags": ["parameters"]})]
            nbformat.write(nb, Path(empty_dir) / path.name)
        timings = []
        for folder in (Path(empty_dir), paths[0].parent):
            start = time.perf_counter()
            nb = combined_notebook(notebook_paths(folder), params)
            execute(nb, 600, progress=False)
            render_html(nb)
            timings.append(time.perf_counter() - start)
        start = time.perf_counter()
        for path in notebook_paths(Path(empty_dir)):
            nb = combined_notebook([path], params)
            execute(nb, 600, progress=False)
            render_html(nb)
        one_by_one = time.perf_counter() - start
    return timings[1], timings[0], one_by_one


def save(rows: list[tuple[str, str]], args: argparse.Namespace, finished: bool) -> None:
    """Write what has been measured so far (a failed late step keeps the earlier figures)."""
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    status = "" if finished else "\n**Incomplete run:** the steps after the last row did not finish.\n"
    write_section(
        "performance",
        f"""## Performance

Command: `python -m bench.run --n {args.n} --big {args.big}` (from the repository root, in `.venv`).
Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}.
Corpora are generated from the seeds' sentences by `bench/make_corpus.py` (numbers varied and sentences
recombined, so no two files are alike and neither the cache nor de-duplication can shortcut the work; the
extractors' per-sentence memo is cleared for every article). All figures come from one run. This machine's
speed drifts by ±20% within minutes, so the floor, 1 job and 2 jobs are each timed twice, in the order
A B C C B A, and averaged.
{status}
| measure | result |
|---|---|
{table}
""",
    )
    print(table, flush=True)


def build_command(folder: Path, out: Path) -> list[str]:
    return [*DANVAN, "build", "--corpus", str(folder), "--out", str(out), "--no-cache", "-q", "--jobs", "2"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="articles in the main corpus")
    parser.add_argument("--big", type=int, default=10000, help="articles in the large corpus (0 to skip)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="danvan-bench-"))
    corpus = make_corpus(tmp / f"corpus{args.n}", args.n)
    rows: list[tuple[str, str]] = []

    def parse(out: str, *options: str) -> tuple[float, float]:
        return run([*DANVAN, "parse", str(corpus), "--out", str(tmp / out), "-q", *options])

    # Floor, 1 job and 2 jobs alternate on the whole corpus (A B C, then C B A): a machine that speeds up or
    # slows down during the run weighs on all three alike. Every one is a fresh process on the same files.
    size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    spent = {"floor": 0.0, "1": 0.0, "2": 0.0}
    rss1 = 0.0
    for k, what in enumerate(("floor", "1", "2", "2", "1", "floor")):
        if what == "floor":
            seconds, _ = run([sys.executable, "-c", _FLOOR, str(corpus)])
        else:
            out = str(tmp / f"j{what}-{k}")
            seconds, rss = run(
                [*DANVAN, "parse", str(corpus), "--out", out, "-q", "--jobs", what, "--no-cache"]
            )
            rss1 = max(rss1, rss) if what == "1" else rss1
        spent[what] += seconds / 2
    floor, t1, t2 = spent["floor"], spent["1"], spent["2"]
    rows += [
        (
            f"bare word_tokenize, 1 core, {args.n} articles (as a program: start, load, segment)",
            f"{floor:.1f} s ({args.n / floor:.1f} articles/s)",
        ),
        ("danvan parse --jobs 1", f"{t1:.1f} s ({args.n / t1:.1f} articles/s, {size / t1 / 1e6:.2f} MB/s)"),
        ("per-core throughput ÷ bare word_tokenize (target ≥ 0.75)", f"{floor / t1:.2f}"),
        (f"peak RSS, parse of {args.n} with 1 job", f"{rss1:.0f} MB"),
        ("danvan parse --jobs 2", f"{t2:.1f} s ({args.n / t2:.1f} articles/s)"),
        ("speed-up 1 → 2 jobs (target ≥ 1.7)", f"{t1 / t2:.2f}"),
    ]
    cache = ("--jobs", "2", "--cache", str(tmp / "cache"))
    cold, _ = parse("o3", *cache)
    warm, _ = parse("o4", *cache)
    added = corpus / "article_added.txt"
    added.write_text(
        (ROOT / "seeds" / "000_ee9cf19ad247c0e8.txt").read_text(encoding="utf-8") + "\nThêm.", "utf-8"
    )
    grown, _ = parse("o5", *cache)
    added.unlink()
    rows += [
        ("cold run with cache, 2 jobs", f"{cold:.1f} s"),
        ("warm re-run, nothing changed (the whole run's tables are copied)", f"{warm:.2f} s"),
        ("warm ÷ cold (target < 5%)", f"{warm / cold:.1%}"),
        ("re-run with one new article (per-file cache, tables re-assembled)", f"{grown:.2f} s"),
    ]
    save(rows, args, finished=False)
    for n, folder in [(5, ROOT / "seeds"), (args.n, corpus)]:
        seconds, rss = run(build_command(folder, tmp / f"r{n}"))
        rows.append(
            (
                f"danvan build, {n} articles, 2 jobs, no cache",
                f"{seconds:.1f} s, peak RSS of the largest process {rss:.0f} MB, {_report_kb(tmp / f'r{n}')}",
            )
        )
    real, empty, one_by_one = notebook_overhead(tmp / "r5" / "data")
    n_notebooks = len(notebook_files())
    rows += [
        (f"execute + render the {n_notebooks} notebooks on the 5 seeds (one kernel)", f"{real:.2f} s"),
        (
            f"execute + render {n_notebooks} empty notebooks, one kernel (as danvan build does)",
            f"{empty:.2f} s",
        ),
        ("ratio to empty notebooks on one kernel (target < 2)", f"{real / empty:.2f}"),
        (
            f"execute + render {n_notebooks} empty notebooks, a kernel each (as papermill does)",
            f"{one_by_one:.2f} s",
        ),
        ("ratio to empty notebooks, a kernel each (target < 2)", f"{real / one_by_one:.2f}"),
    ]
    save(rows, args, finished=not args.big)
    if args.big:
        big = make_corpus(tmp / f"corpus{args.big}", args.big)
        seconds, rss = run(build_command(big, tmp / f"r{args.big}"))
        rows.append(
            (
                f"danvan build, {args.big} articles, 2 jobs, no cache (target < 15 min, RSS < 1.5 GB)",
                f"{seconds:.1f} s, peak RSS {rss:.0f} MB, {_report_kb(tmp / f'r{args.big}')}",
            )
        )
        save(rows, args, finished=True)


def _report_kb(out: Path) -> str:
    return f"report {(out / 'index.html').stat().st_size / 1024:,.0f} KB"


def notebook_files() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


if __name__ == "__main__":
    main()
