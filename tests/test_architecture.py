"""The package's layout is its data flow: imports run one way, base <- ingest <- extract <- run <- report <- cli;
fetch (making a corpus from links) stands beside ingest, on the base alone."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "danvan"
LAYERS = {"base": 0, "ingest": 1, "fetch": 1, "extract": 2, "run": 3, "report": 4, "cli": 5}
# Inside extract: recognisers of words and names first, the extractors of one table each, then the function
# that runs them all. An extractor never imports one that runs after it.
EXTRACT_FLOORS = {
    "lexicon": 0,
    "dates": 0,
    "numerals": 0,
    "gazetteer": 0,
    "place_rules": 0,
    "published": 1,
    "organisations": 1,
    "places": 2,
    "placement": 3,
    "metadata": 2,
    "claims": 2,
    "claim_context": 3,
    "citations": 2,
    "themes": 2,
    "persons": 2,
    "model_rules": 0,
    "models": 3,
    "abbreviations": 2,
    "combine": 4,
    "__init__": 5,
}
# Imports allowed inside a function: optional or heavy third-party libraries needed only on some paths.
LATE_IMPORTS = {"dask", "playwright", "IPython", "underthesea", "trafilatura", "lxml"}
# Modules that import the parsing path late, on purpose: a run served whole from the cache imports neither the
# extractors nor pyarrow (about a third of a second), a re-run whose new files a helper process parses leaves
# the extractors to it (and NumPy, which only fingerprints need), and a package's face hands its names on when
# first asked.
LATE_IMPORTERS = {
    "danvan.ingest.dedupe",
    "danvan.run.pipeline",
    "danvan.run.per_file",
    "danvan.run.warm",
    "danvan.run.helper",
    "danvan.run.versions",
    "danvan.extract.__init__",
    "danvan.ingest.__init__",
    "danvan.report.__init__",
}
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    return {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts): p for p in PACKAGE.rglob("*.py")}


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS):
        return LAYERS[parts[1]]
    return LAYERS["cli"] if parts[-1] == "cli" else LAYERS["base"]


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported danvan module or third-party top name, inside a function?) for every import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module:
                if child.module == "danvan" or child.module.startswith("danvan."):
                    found.extend((f"{child.module}.{a.name}", inner) for a in child.names)
                else:
                    found.append((child.module, inner))
            elif isinstance(child, ast.Import):
                found.extend((a.name, inner) for a in child.names)
            visit(child, inner)

    visit(tree, False)
    return found


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The danvan module ``name`` refers to ("danvan.extract.dates.DATE" -> "danvan.extract.dates")."""
    while name:
        if name in modules:
            return name
        if f"{name}.__init__" in modules and name != "danvan":
            return f"{name}.__init__"
        name = name.rpartition(".")[0]
    return None


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = {_resolve(name, modules) for name, _ in _imports(path) if name.startswith("danvan")}
        graph[module] = {t for t in targets if t and t != module}
    return graph


def test_no_import_runs_against_the_data_flow():
    upward = [f"{a} -> {b}" for a, targets in _graph().items() for b in targets if _layer(b) > _layer(a)]
    assert not upward


def test_no_extractor_imports_one_that_runs_after_it():
    graph = _graph()
    floor = {f"danvan.extract.{name}": n for name, n in EXTRACT_FLOORS.items()}
    assert set(floor) == {m for m in graph if m.startswith("danvan.extract.")}, (
        "every extract module has a floor"
    )
    wrong = [f"{a} -> {b}" for a in floor for b in graph[a] if b in floor and floor[b] >= floor[a]]
    assert not wrong


def test_fetch_stands_on_the_base_alone():
    """Fetching makes a corpus; it needs nothing of reading one (nor ingest anything of fetching)."""
    graph = _graph()
    crossing = [
        f"{a} -> {b}"
        for a, targets in graph.items()
        for b in targets
        if {_package(a), _package(b)} == {"fetch", "ingest"}
    ]
    assert not crossing


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else "base"


def test_no_import_cycle():
    graph, state, cycles = _graph(), {}, []

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                cycles.append([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles


def test_imports_sit_at_the_top_of_their_module():
    late = [
        f"{module}: {name}"
        for module, path in _modules().items()
        if not module.endswith(".cli")  # the CLI imports after parsing its arguments: --help answers at once
        and module not in LATE_IMPORTERS
        for name, nested in _imports(path)
        if nested and name.split(".")[0] not in LATE_IMPORTS
    ]
    assert not late


def test_modules_are_small():
    big = {
        m: n
        for m, p in _modules().items()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not big


def test_a_run_served_from_the_cache_imports_no_parsing_path(tmp_path):
    """The late imports pay off: a cached run imports neither the extractors, underthesea nor pyarrow."""
    import subprocess
    import sys

    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Xã Minh Quang ra quân dân vận khéo\nNgày 10/8, Hội Nông dân xã vận động 45 hộ hiến đất làm đường.\n",
        encoding="utf-8",
    )
    run = (
        "import sys; from danvan.run import ParseOptions, parse_corpus; "
        f"parse_corpus({str(corpus)!r}, {str(tmp_path / 'out')!r}, "
        f"ParseOptions(jobs=1, cache_dir=__import__('pathlib').Path({str(cache)!r}), progress=False)); "
        "print(sorted(m for m in sys.modules if m.startswith(('pyarrow', 'underthesea', 'danvan.extract.'))))"
    )
    subprocess.run([sys.executable, "-c", run], check=True, capture_output=True)
    again = subprocess.run([sys.executable, "-c", run], check=True, capture_output=True, text=True)
    assert again.stdout.strip() == "[]"


def test_a_notebook_imports_no_build_step():
    """What a notebook imports (``from danvan.report import setup``) leaves out nbformat, nbconvert and their
    JSON-schema validators (about two seconds per kernel)."""
    import subprocess
    import sys

    code = (
        "import sys; from danvan.report import setup; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'nbformat', 'nbconvert', 'nbclient', 'jsonschema'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "[]"


def test_the_test_sees_an_upward_import(tmp_path):
    """The walker finds what it looks for: an ingest module importing report is flagged."""
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from danvan.report import build\n", encoding="utf-8")
    assert _imports(module) == [("danvan.report.build", True)]
    assert _layer("danvan.report.build") > _layer("danvan.ingest.read")
