"""Speed and memory of danvan on generated corpora, measured as ratios within one run.

Usage: python -m bench.run [--n 1000] [--big 10000] [--rounds 3] [--instructions 20]   (writes the "performance" section of RESULTS.md)
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from statistics import median

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


def notebook_overhead(data_dir: Path, n_rounds: int) -> list[dict[str, float]]:
    """Seconds, per round, to execute and render: the real notebooks on ``data_dir`` as danvan build does (one
    kernel for all, "build"); as many empty notebooks the way Jupyter runs notebooks (nbclient, a kernel each,
    rendered each, as ``jupyter nbconvert --execute`` and papermill do, "jupyter"); the empty ones on one shared
    kernel ("shared"); and the real ones a kernel each ("each"). Rounds turn their order (A B C D, D C B A)."""
    import nbformat

    from danvan.report.build import combined_notebook, execute, notebook_paths
    from danvan.report.render import render_html

    paths = notebook_paths()
    params = {"CORPUS": str(ROOT / "seeds"), "DATA_DIR": str(data_dir), "FIGURES_DIR": tempfile.mkdtemp()}
    with tempfile.TemporaryDirectory() as empty_dir:
        for path in paths:
            nb = nbformat.v4.new_notebook()
            nb.cells = [nbformat.v4.new_code_cell("CORPUS = ''", metadata={"tags": ["parameters"]})]
            nbformat.write(nb, Path(empty_dir) / path.name)

        def run_notebooks(folder: Path, kernel_each: bool) -> float:
            groups = [[p] for p in notebook_paths(folder)] if kernel_each else [notebook_paths(folder)]
            start = time.perf_counter()
            for group in groups:
                nb = combined_notebook(group, params)
                execute(nb, 600, progress=False)
                render_html(nb)
            return time.perf_counter() - start

        ways = {
            "build": (paths[0].parent, False),
            "jupyter": (Path(empty_dir), True),
            "shared": (Path(empty_dir), False),
            "each": (paths[0].parent, True),
        }
        rounds = []
        for number in range(n_rounds):
            order = list(ways) if number % 2 == 0 else list(reversed(ways))
            rounds.append({way: run_notebooks(*ways[way]) for way in order})
    return rounds


def save(rows: list[tuple[str, str]], args: argparse.Namespace, finished: bool) -> None:
    """Write what has been measured so far (a failed late step keeps the earlier figures)."""
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    status = "" if finished else "\n**Incomplete run:** the steps after the last row did not finish.\n"
    write_section(
        "performance",
        f"""## Performance

Command (from the repository root, in `.venv`):
`python -m bench.run --n {args.n} --big {args.big} --rounds {args.rounds} --instructions {args.instructions}`
Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}.
Corpora are generated from the seeds' sentences by `bench/make_corpus.py` (numbers varied and sentences
recombined, so no two files are alike and neither the cache nor de-duplication can shortcut the work; the
extractors' per-sentence memos, folded sentences included, are cleared for every article). All figures come
from one run. This machine's speed drifts by ±20% within minutes, so the floor, 1 job and 2 jobs run in
{args.rounds} rounds (the order turned every round: A B C, C B A, ...), each ratio is taken within a round and
the median of the rounds is reported with every round's value. As a check that no clock enters, valgrind's
callgrind counts the instructions per article of the floor and of `danvan parse --jobs 1` (both programs on
{args.instructions} articles and on 1; the difference, so start-up cancels out). Instructions are not seconds:
the segmenter's compiled code and Python's interpreter do not retire instructions at the same rate.

The notebook target sets danvan build's notebook step (execute and render; the parse before it is timed in the
build rows) against the time to execute and render as many empty notebooks, each of one parameters cell. The
baseline runs them the way Jupyter's own tools run a set of notebooks (`jupyter nbconvert --execute`,
papermill, jupyter-book: a kernel for each notebook), with the same nbclient and exporter as danvan build,
in-process so no program start-up is counted. danvan build itself shares one kernel across its notebooks,
which is why its step can take less time than the empty ones. Both are timed in {args.rounds} rounds, order
turned, with two more ways for context. Against empty notebooks squeezed into one shared kernel, a baseline of
little more than one kernel start, the step takes several times as long: importing pandas and matplotlib and
drawing the plots alone take more than twice that baseline, so no report with matplotlib plots could come
within 2× of it. The last row runs the real notebooks a kernel each, as a user re-running them one by one
would: then each notebook imports pandas and matplotlib again.
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
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of floor, 1 job and 2 jobs; of the notebook ways"
    )
    parser.add_argument(
        "--instructions", type=int, default=20, help="articles counted under callgrind (0 to skip)"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="danvan-bench-"))
    corpus = make_corpus(tmp / f"corpus{args.n}", args.n)
    rows: list[tuple[str, str]] = []

    def parse(out: str, *options: str) -> tuple[float, float]:
        return run([*DANVAN, "parse", str(corpus), "--out", str(tmp / out), "-q", *options])

    size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    rounds, rss1 = timed_rounds(corpus, tmp, args.rounds)
    per_core = median(r["floor"] / r["1"] for r in rounds)
    speed_up = median(r["1"] / r["2"] for r in rounds)
    floor, t1, t2 = (median(r[k] for r in rounds) for k in ("floor", "1", "2"))
    rows += [
        (
            f"bare word_tokenize, 1 core, {args.n} articles (as a program: start, load, segment), median",
            f"{floor:.1f} s ({args.n / floor:.1f} articles/s)",
        ),
        (
            "danvan parse --jobs 1, median",
            f"{t1:.1f} s ({args.n / t1:.1f} articles/s, {size / t1 / 1e6:.2f} MB/s)",
        ),
        (
            "per-core throughput ÷ bare word_tokenize (target ≥ 0.75): median of the rounds (each round's)",
            f"**{per_core:.2f}** ({_listed(r['floor'] / r['1'] for r in rounds)})",
        ),
        (f"peak RSS, parse of {args.n} with 1 job", f"{rss1:.0f} MB"),
        ("danvan parse --jobs 2, median", f"{t2:.1f} s ({args.n / t2:.1f} articles/s)"),
        (
            "speed-up 1 → 2 jobs (target ≥ 1.7): median of the rounds (each round's)",
            f"**{speed_up:.2f}** ({_listed(r['1'] / r['2'] for r in rounds)})",
        ),
    ]
    if args.instructions and not shutil.which("valgrind"):
        rows.append(("instructions per article (callgrind)", "not measured: valgrind is not installed"))
    elif args.instructions:
        floor_i, danvan_i = instruction_ratio(tmp, args.instructions)
        rows.append(
            (
                f"instructions per article (callgrind, {args.instructions} articles less 1, no clock involved): "
                "bare word_tokenize ÷ danvan parse --jobs 1",
                f"{floor_i / 1e6:.0f} M ÷ {danvan_i / 1e6:.0f} M = **{floor_i / danvan_i:.2f}**",
            )
        )
    save(rows, args, finished=False)
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
    nb_rounds = notebook_overhead(tmp / "r5" / "data", args.rounds)
    n_nb = len(notebook_files())
    build, jupyter, shared, each = (
        median(r[k] for r in nb_rounds) for k in ("build", "jupyter", "shared", "each")
    )
    ratio = median(r["build"] / r["jupyter"] for r in nb_rounds)
    rows += [
        (
            f"danvan build's notebook step on the 5 seeds: execute + render its {n_nb} notebooks (one kernel), median",
            f"{build:.2f} s",
        ),
        (
            f"execute + render {n_nb} empty notebooks as Jupyter runs notebooks (a kernel each, as "
            "`jupyter nbconvert --execute` and papermill do), median",
            f"{jupyter:.2f} s",
        ),
        (
            f"danvan build's notebook step ÷ {n_nb} empty notebooks (target < 2{': missed' if ratio >= 2 else ''}): "
            "median of the rounds (each round's)",
            f"**{ratio:.2f}** ({_listed(r['build'] / r['jupyter'] for r in nb_rounds)})",
        ),
        (
            f"context: {n_nb} empty notebooks squeezed into one shared kernel, median; danvan build's step ÷ that",
            f"{shared:.2f} s; {median(r['build'] / r['shared'] for r in nb_rounds):.2f}",
        ),
        (
            f"context: the {n_nb} real notebooks a kernel each (as a user re-runs them one by one), median; ÷ the "
            "empty ones a kernel each",
            f"{each:.2f} s; {median(r['each'] / r['jupyter'] for r in nb_rounds):.2f}",
        ),
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


def _listed(values: Iterable[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def timed_rounds(corpus: Path, tmp: Path, n_rounds: int) -> tuple[list[dict[str, float]], float]:
    """Seconds of the floor, 1 job and 2 jobs in each round (every one a fresh process on the whole corpus;
    the order turns from round to round), and the peak RSS of the 1-job runs."""
    rounds, rss1 = [], 0.0
    for k in range(n_rounds):
        spent: dict[str, float] = {}
        for what in ("floor", "1", "2") if k % 2 == 0 else ("2", "1", "floor"):
            if what == "floor":
                spent[what], _ = run([sys.executable, "-c", _FLOOR, str(corpus)])
                continue
            out = str(tmp / f"j{what}-{k}")
            spent[what], rss = run(
                [*DANVAN, "parse", str(corpus), "--out", out, "-q", "--jobs", what, "--no-cache"]
            )
            rss1 = max(rss1, rss) if what == "1" else rss1
        rounds.append(spent)
        print(f"round {k + 1}: " + ", ".join(f"{key} {v:.1f} s" for key, v in spent.items()), flush=True)
    return rounds, rss1


def instruction_ratio(tmp: Path, n: int) -> tuple[float, float]:
    """Instructions per article of the floor and of ``danvan parse --jobs 1`` under callgrind: each program
    on corpora of n articles and of 1, the difference divided by n - 1 (start-up cancels out). Counts, not
    seconds: the machine's drifting speed does not enter."""
    counts = {}
    for size in (1, n):
        corpus = make_corpus(tmp / f"instructions{size}", size)
        out = str(tmp / f"instructions-out{size}")
        danvan = [*DANVAN, "parse", str(corpus), "--out", out, "-q", "--jobs", "1", "--no-cache"]
        for name, cmd in (("floor", [sys.executable, "-c", _FLOOR, str(corpus)]), ("danvan", danvan)):
            counts[name, size] = callgrind_instructions(cmd)
    per = {name: (counts[name, n] - counts[name, 1]) / (n - 1) for name in ("floor", "danvan")}
    return per["floor"], per["danvan"]


def callgrind_instructions(cmd: list[str]) -> int:
    """Instructions the command executes, counted by valgrind's callgrind."""
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"callgrind failed on {' '.join(cmd)}:\n{proc.stderr[-3000:]}")
    return int(found.group(1))


def _report_kb(out: Path) -> str:
    return f"report {(out / 'index.html').stat().st_size / 1024:,.0f} KB"


def notebook_files() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


if __name__ == "__main__":
    main()
