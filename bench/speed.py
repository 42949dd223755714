"""The speed targets of issue 23 on three corpora, as ratios measured within one run.

Usage: python -m bench.speed [--n 300] [--rounds 3] [--large 1500] [--speedup-rounds 5]
(writes the "speed" section of RESULTS.md)

Corpora: "generated" (bench/make_corpus.py, long recombined articles), "short" (8-14 unique sentences an
article, bench/speed_corpora.py) and "syndicated" (as many files as "short", 7 of 8 near-copies of an
original under another outlet's source line). Every command is a fresh process; rounds turn their order.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

from bench.make_corpus import make_corpus
from bench.results_file import write_section
from bench.speed_corpora import make_short, make_syndicated
from danvan.run.warm import stores

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

# The floor: underthesea alone, as danvan uses it (sentences, then the words of each), on one core.
FLOOR = """
import sys
from pathlib import Path
from underthesea import sent_tokenize, word_tokenize
sent_tokenize("Xin chào. Tôi đi."); word_tokenize("Xin chào")  # imports and models loaded
for path in sorted(p for folder in sys.argv[1:] for p in Path(folder).glob("*.txt")):
    for line in path.read_text(encoding="utf-8").split("\\n"):
        for sentence in sent_tokenize(line):
            word_tokenize(sentence)
"""
LOAD = (
    'from underthesea import sent_tokenize, word_tokenize; sent_tokenize("Xin chào. Tôi đi."); '
    'word_tokenize("Xin chào")'
)


def seconds(cmd: list[str]) -> float:
    """Wall seconds of one fresh process (output thrown away)."""
    return timed(cmd)[0]


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, with every process it waited for) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def parse(corpus: Path, out: Path, *options: str) -> list[str]:
    return [PY, "-m", "danvan.cli", "parse", str(corpus), "--out", str(out), "-q", *options]


def floor(*corpora: Path) -> list[str]:
    return [PY, "-c", FLOOR, *map(str, corpora)]


def at_once(first: list[str], second: list[str]) -> list[str]:
    """Both commands started together (a shell waits for both; fails if either does)."""
    script = f"{shlex.join(first)} & one=$!; {shlex.join(second)} || exit 1; wait $one"
    return ["sh", "-c", script]


def rounds(commands: dict[str, Callable[[], list[str]]], n: int, cpu: bool = False) -> list[dict[str, float]]:
    """Seconds of every command in each of ``n`` rounds, the order turned every round; with ``cpu``, each
    command's CPU seconds too (as "NAME cpu")."""
    out = []
    for k in range(n):
        names = list(commands) if k % 2 == 0 else list(reversed(commands))
        out.append({})
        for name in names:
            out[-1][name], used = timed(commands[name]())
            if cpu:
                out[-1][f"{name} cpu"] = used
        print(f"round {k + 1}: " + ", ".join(f"{a} {b:.2f}" for a, b in out[-1].items()), flush=True)
    return out


def ratio(
    values: list[dict[str, float]], top: Callable[[dict], float], bottom: Callable[[dict], float]
) -> str:
    each = [top(r) / bottom(r) for r in values]
    return f"**{median(each):.2f}** ({', '.join(f'{v:.2f}' for v in each)})"


CEILING_FILES = 400  # files the machine's own 1 → 2 speed-up is measured on (speedup_rows)

# data danvan builds once per installation, kept in its cache (by folder)
BUILT_ONCE = set(stores())


def forget_results(cache: Path) -> Path:
    """``cache`` without any result, chunk, run or digest: what a corpus not parsed before finds there (the
    data built once, the gazetteer, underthesea's segmentation data and the parsed vocabulary, stays)."""
    for entry in cache.iterdir() if cache.is_dir() else ():
        if entry.is_dir() and entry.name not in BUILT_ONCE:
            shutil.rmtree(entry)
    return cache


def new_corpus(corpus: Path, out: Path, cache: Path, jobs: str) -> list[str]:
    """A parse of ``corpus`` as a corpus not seen before, on a machine where danvan has run before."""
    return parse(corpus, out, "--cache", str(forget_results(cache)), "--jobs", jobs)


def unseen_article(one: Path, cache: Path, command: list[str]) -> list[str]:
    """``command`` (a parse of ``one`` with ``cache``), the article made new (a sentence added) and the cached
    results and runs removed, so that it is parsed; the cache keeps the data built once (the gazetteer,
    underthesea's segmentation data)."""
    article = next(one.glob("*.txt"))
    article.write_text(
        article.read_text(encoding="utf-8") + f"\nLần chạy {time.perf_counter_ns()}.\n", "utf-8"
    )
    forget_results(cache)
    return command


def measure(
    name: str, corpus: Path, one: Path, tmp: Path, stores: Path, n_rounds: int
) -> list[tuple[str, str]]:
    """Per-core ratio to the floor and 2-job speed-up (start-up off: runs on 1 file subtracted), warm
    re-run and one changed file against a cold run with a cache; every parse a corpus not seen before."""
    runs = rounds(
        {
            "floor": lambda: floor(corpus),
            "floor1": lambda: floor(one),
            "j1": lambda: new_corpus(corpus, tmp / f"{name}-j1", stores, "1"),
            "j1one": lambda: new_corpus(one, tmp / f"{name}-one", stores, "1"),
            "j2": lambda: new_corpus(corpus, tmp / f"{name}-j2", stores, "2"),
            "j2one": lambda: new_corpus(one, tmp / f"{name}-one2", stores, "2"),
        },
        n_rounds,
    )
    n = len(list(corpus.glob("*.txt")))
    rows = [
        (
            f"{name}: {n} files, {sum(p.stat().st_size for p in corpus.glob('*.txt')) / 1e6:.1f} MB; "
            "floor / danvan parse --jobs 1 / --jobs 2, medians",
            " / ".join(f"{median(r[k] for r in runs):.1f} s" for k in ("floor", "j1", "j2")),
        ),
        (
            f"{name}: per core, start-up off: (floor − floor on 1 file) ÷ (parse --jobs 1 − parse of 1 file) "
            "(target ≥ 0.85)",
            ratio(runs, lambda r: r["floor"] - r["floor1"], lambda r: r["j1"] - r["j1one"]),
        ),
        (
            f"{name}: speed-up 1 → 2 jobs, whole runs / start-up off (a parse of 1 file subtracted) "
            "(target ≥ 1.8)",
            ratio(runs, lambda r: r["j1"], lambda r: r["j2"])
            + " / "
            + ratio(runs, lambda r: r["j1"] - r["j1one"], lambda r: r["j2"] - r["j2one"]),
        ),
    ]
    rows += cache_rows(name, corpus, tmp, stores, n_rounds)
    return rows


def cache_rows(name: str, corpus: Path, tmp: Path, stores: Path, n_rounds: int) -> list[tuple[str, str]]:
    """A cold run (a corpus not seen before), a warm re-run (nothing changed) and a re-run with one file
    changed, 2 jobs, in each of ``n_rounds`` rounds."""
    n = len(list(corpus.glob("*.txt")))
    cache = tmp / f"{name}-cache"
    shutil.copytree(stores, cache)  # the data built once, nothing of this corpus
    work = tmp / f"{name}-copy"
    shutil.copytree(corpus, work)
    changed = sorted(work.glob("*.txt"))[n // 2]
    text = changed.read_text(encoding="utf-8")
    timed = []
    for k in range(n_rounds):
        forget_results(cache)
        changed.write_text(text, encoding="utf-8")
        cold = seconds(parse(work, tmp / f"{name}-cold", "--jobs", "2", "--cache", str(cache)))
        warm = seconds(parse(work, tmp / f"{name}-cold", "--jobs", "2", "--cache", str(cache)))
        changed.write_text(text.replace(".", ". Thêm một câu mới.", 1) if k else text + "\nThêm.", "utf-8")
        edit = seconds(parse(work, tmp / f"{name}-cold", "--jobs", "2", "--cache", str(cache)))
        timed.append({"cold": cold, "warm": warm, "edit": edit})
        print(f"{name} cache round {k + 1}: {timed[-1]}", flush=True)
    return [
        (
            f"{name}: cold run (a corpus not seen before, the data built once present), 2 jobs, median",
            f"{median(r['cold'] for r in timed):.1f} s",
        ),
        (
            f"{name}: warm re-run ÷ cold (target ≤ 0.05)",
            ratio(timed, lambda r: r["warm"], lambda r: r["cold"]),
        ),
        (
            f"{name}: one file changed ÷ cold (target ≤ 0.05)",
            ratio(timed, lambda r: r["edit"], lambda r: r["cold"]),
        ),
    ]


def speedup_rows(name: str, corpus: Path, tmp: Path, stores: Path, n_rounds: int) -> list[tuple[str, str]]:
    """1 → 2 jobs on whole runs (start-up included), each a corpus not seen before; in the same rounds, the
    CPU time each run used and the machine's own 1 → 2 speed-up: the floor on CEILING_FILES of the files in
    one process, and on two halves of them in two processes at once, start-up off (a floor run on one of
    them subtracted from both), which no parser can beat."""
    files = sorted(corpus.glob("*.txt"))[:CEILING_FILES]
    halves = [tmp / f"{name}-half-a", tmp / f"{name}-half-b", tmp / f"{name}-single"]
    for half, part in zip(halves, (files[0::2], files[1::2], files[:1]), strict=True):
        half.mkdir()
        for path in part:
            shutil.copyfile(path, half / path.name)
    runs = rounds(
        {
            "j1": lambda: new_corpus(corpus, tmp / f"{name}-j1", stores, "1"),
            "j2": lambda: new_corpus(corpus, tmp / f"{name}-j2", stores, "2"),
            "floor1": lambda: floor(*halves[:2]),
            "floor2": lambda: at_once(floor(halves[0]), floor(halves[1])),
            "floor0": lambda: floor(halves[2]),
        },
        n_rounds,
        cpu=True,
    )

    def machine(r: dict[str, float]) -> float:
        return (r["floor1"] - r["floor0"]) / (r["floor2"] - r["floor0"])

    return [
        (
            f"{name}: danvan parse --jobs 1 / --jobs 2, medians",
            " / ".join(f"{median(r[k] for r in runs):.1f} s" for k in ("j1", "j2")),
        ),
        (
            f"{name}: speed-up 1 → 2 jobs, whole runs (target ≥ 1.8)",
            ratio(runs, lambda r: r["j1"], lambda r: r["j2"]),
        ),
        (
            f"the machine's own speed-up in the same rounds: the floor on {CEILING_FILES} of these files in one "
            "process ÷ on two halves of them in two processes at once, start-up off",
            ratio(runs, machine, lambda r: 1.0),
        ),
        (
            f"{name}: danvan's speed-up (whole runs) ÷ the machine's, round by round",
            ratio(runs, lambda r: r["j1"] / r["j2"], machine),
        ),
        (
            f"{name}: CPU time (all processes) of --jobs 2 ÷ --jobs 1: what running in parallel costs",
            ratio(runs, lambda r: r["j2 cpu"], lambda r: r["j1 cpu"]),
        ),
    ]


def syndicated_rows(
    unique: Path, synd: Path, one: Path, tmp: Path, stores: Path, n_rounds: int, no_cache: bool
) -> list[tuple[str, str]]:
    """A syndicated corpus ÷ a unique one of as many files, --jobs 1, as corpora not seen before: whole runs
    and start-up off (a parse of 1 file subtracted); with ``no_cache``, whole runs without a cache too."""
    commands = {
        "unique": lambda: new_corpus(unique, tmp / "s-unique", stores, "1"),
        "syndicated": lambda: new_corpus(synd, tmp / "s-synd", stores, "1"),
        "one": lambda: new_corpus(one, tmp / "s-one", stores, "1"),
    }
    if no_cache:
        commands["unique_nc"] = lambda: parse(unique, tmp / "s-unique", "--no-cache", "--jobs", "1")
        commands["syndicated_nc"] = lambda: parse(synd, tmp / "s-synd", "--no-cache", "--jobs", "1")
    runs = rounds(commands, n_rounds)
    n = len(list(unique.glob("*.txt")))
    result = (
        ratio(runs, lambda r: r["syndicated"], lambda r: r["unique"])
        + " / start-up off "
        + ratio(runs, lambda r: r["syndicated"] - r["one"], lambda r: r["unique"] - r["one"])
    )
    if no_cache:
        result += " / no cache " + ratio(runs, lambda r: r["syndicated_nc"], lambda r: r["unique_nc"])
    return [
        (
            f"syndicated ({n} files, 7 of 8 copies) ÷ short ({n} unique), --jobs 1, whole runs / start-up off"
            + (" / whole runs without a cache" if no_cache else "")
            + " (target ≤ 0.30)",
            result,
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300, help="files in each corpus")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every timed comparison")
    parser.add_argument(
        "--large", type=int, default=1500, help="short files for the cache runs at size (0: none)"
    )
    parser.add_argument(
        "--speedup-rounds", type=int, default=5, help="rounds of the 1 → 2 jobs comparison at size"
    )
    args = parser.parse_args()
    byte_compile()
    tmp = Path(tempfile.mkdtemp(prefix="danvan-speed-"))
    corpora = {
        "generated": make_corpus(tmp / "generated", args.n),
        "short": make_short(tmp / "short", args.n),
    }
    synd = make_syndicated(tmp / "syndicated", args.n)
    one = make_short(tmp / "one", 1, seed=99)
    rows: list[tuple[str, str]] = []
    one_c = make_short(tmp / "one-cached", 1, seed=99)  # the same article, made new before each run
    seen = parse(one_c, tmp / "start-c", "--cache", str(tmp / "start-cache"))
    seconds(seen)  # the cache now holds the gazetteer, as after any earlier run
    starts = rounds(
        {
            "load": lambda: [PY, "-c", LOAD],
            "parse1": lambda: parse(one, tmp / "start", "--no-cache", "--jobs", "1"),
            "parse1c": lambda: unseen_article(one_c, tmp / "start-cache", seen),
        },
        args.rounds * 2,
    )
    rows += [
        (
            "start-up: danvan parse of 1 short article, --jobs 1, no cache / an article not yet cached, with "
            "a cache (it keeps the gazetteer and segmentation data); importing underthesea and loading its "
            "models; medians",
            f"{median(r['parse1'] for r in starts):.2f} s / {median(r['parse1c'] for r in starts):.2f} s; "
            f"{median(r['load'] for r in starts):.2f} s",
        ),
        (
            "start-up ÷ underthesea's, no cache / with a cache (0.8 s ÷ 0.53 s = 1.51 is the target)",
            ratio(starts, lambda r: r["parse1"], lambda r: r["load"])
            + " / "
            + ratio(starts, lambda r: r["parse1c"], lambda r: r["load"]),
        ),
    ]
    stores = tmp / "start-cache"  # the data built once (its results are forgotten before every use)
    for name, corpus in corpora.items():
        rows += measure(name, corpus, one, tmp, stores, args.rounds)
        save(rows, args, finished=False)
    rows += syndicated_rows(corpora["short"], synd, one, tmp, stores, args.rounds, no_cache=True)
    if args.large:
        large = make_short(tmp / f"short{args.large}", args.large, seed=24)
        rows += speedup_rows(f"short, {args.large} files", large, tmp, stores, args.speedup_rounds)
        save(rows, args, finished=False)
        rows += cache_rows(f"short, {args.large} files", large, tmp, stores, args.rounds)
        synd_large = make_syndicated(tmp / f"syndicated{args.large}", args.large)
        rows += syndicated_rows(large, synd_large, one, tmp, stores, args.rounds, no_cache=False)
    save(rows, args, finished=True)
    shutil.rmtree(tmp, ignore_errors=True)


def byte_compile() -> None:
    """danvan's modules compiled to bytecode, as pip leaves an installed package and Python a package it
    imports (unless PYTHONDONTWRITEBYTECODE is set, as on these machines: every start would compile danvan's
    modules from source, about 0.06 s, which no user's run pays)."""
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "danvan")], check=True)


def save(rows: list[tuple[str, str]], args: argparse.Namespace, finished: bool) -> None:
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    status = "" if finished else "\n**Incomplete run:** the steps after the last row did not finish.\n"
    write_section(
        "speed",
        f"""## Speed targets of issue 23 (short, generated and syndicated corpora)

Command (from the repository root, in `.venv`):
`python -m bench.speed --n {args.n} --rounds {args.rounds} --large {args.large} --speedup-rounds {args.speedup_rounds}`
Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}. Every figure is a
whole fresh process, wall seconds; each ratio is taken within a round (the order turned every round) and
the median of the rounds is given with every round's value. The floor is underthesea alone as danvan uses it
(sent_tokenize of each line, then word_tokenize of each sentence); "start-up off" subtracts the same program's
run on a corpus of one short article. Every danvan parse but the no-cache ones is of a corpus not seen
before, on a machine where danvan has run before: its cache holds the data built once per installation (the
gazetteer, underthesea's segmentation data and the parsed vocabulary, built by the first run of all: the "no
cache" start-up row shows what that costs) and no result. The cache runs, each round: cold, warm (nothing
changed), then one file changed. danvan's modules are byte-compiled first, as an installed package is
(`python -m compileall danvan`: this machine sets PYTHONDONTWRITEBYTECODE, under which every start would
compile them from source).
{status}
| measure | result |
|---|---|
{table}
""",
    )
    print(table, flush=True)


if __name__ == "__main__":
    main()
