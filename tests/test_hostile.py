"""A hostile corpus, a shared cache and a careless --out cost the user no data and no control.

Every corpus here is built at test time; each case runs under a timeout, and a sentinel tree beside the
corpus is hashed before and after: danvan changes nothing outside the output folder it was given.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import pickle
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from danvan.run.options import ParseOptions
from danvan.run.outfolder import MARKER, UnsafeOutput
from danvan.run.pipeline import parse_corpus
from tests.conftest import ROOT, SEEDS

DANVAN = [sys.executable, "-m", "danvan.cli"]
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file() and not path.is_symlink():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def home(tmp_path):
    """A user's folder: a corpus of two seeds with a data/ subfolder of their own, and a sentinel tree."""
    corpus = tmp_path / "corpus"
    (corpus / "data").mkdir(parents=True)
    for seed in SEED_FILES[:2]:
        shutil.copy(seed, corpus)
    (corpus / "data" / "notes.txt").write_text("my notes", encoding="utf-8")
    sentinel = tmp_path / "sentinel" / "data" / "photos"
    sentinel.mkdir(parents=True)
    (sentinel / "a.jpg").write_bytes(b"\xff\xd8 a photo")
    return tmp_path


def _cli(*args: str, cwd: Path, timeout: float = 120, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*DANVAN, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def _log(out: Path) -> dict[str, dict[str, str]]:
    with (out / "ingest_log.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


# 1. Data loss -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("out", ["corpus", "corpus/data", ".", "sentinel", "sentinel/data"])
def test_an_output_folder_danvan_did_not_write_is_refused_and_nothing_changes(home, out):
    before = _tree_hash(home)
    result = _cli("build", "corpus", "--out", out, "-q", "--no-cache", cwd=home)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert _tree_hash(home) == before


def test_home_and_root_are_refused(home, monkeypatch):
    monkeypatch.setenv("HOME", str(home / "sentinel"))
    for out in (home / "sentinel", Path("/")):
        with pytest.raises(UnsafeOutput):
            parse_corpus(home / "corpus", out, ParseOptions(use_cache=False, progress=False, jobs=1))


def test_a_second_run_replaces_only_what_danvan_wrote(home):
    out = home / "out"
    opts = ParseOptions(use_cache=False, progress=False, jobs=1)
    parse_corpus(home / "corpus", out, opts)
    assert (out / MARKER).is_file()
    (out / "my-analysis.ipynb").write_text("{}", encoding="utf-8")  # the user's own file, added since
    parse_corpus(home / "corpus", out, opts)
    assert (out / "my-analysis.ipynb").read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in home.iterdir()) == ["corpus", "out", "sentinel"]  # no leftovers beside it


# 2, 8. Files that are not regular files, or lie outside the corpus ---------------------------------------


def test_devices_fifos_and_links_out_of_the_corpus_are_logged_not_read(home):
    corpus = home / "corpus"
    private = home / "private.txt"
    private.write_text("Bí mật riêng tư của người dùng: số tài khoản 123456789.", encoding="utf-8")
    os.symlink("/dev/zero", corpus / "zero.txt")
    os.mkfifo(corpus / "fifo.txt")
    os.mkfifo(home / "outside-fifo")
    os.symlink(home / "outside-fifo", corpus / "to-fifo.txt")
    os.symlink(private, corpus / "leak.txt")
    os.symlink(corpus / "loop-b.txt", corpus / "loop-a.txt")
    os.symlink(corpus / "loop-a.txt", corpus / "loop-b.txt")
    os.symlink(SEED_FILES[0].name, corpus / "inside-link.txt")  # inside the corpus: read (a duplicate)
    os.symlink(home / "sentinel", corpus / "linked-folder")
    result = _cli("parse", "corpus", "--out", "out", "-q", "--no-cache", cwd=home, timeout=60)
    assert result.returncode == 0, result.stderr
    log = _log(home / "out")
    assert "not a regular file" in log["fifo.txt"]["reason"]
    assert "a device" in log["zero.txt"]["reason"] or "outside the corpus" in log["zero.txt"]["reason"]
    assert "outside the corpus" in log["to-fifo.txt"]["reason"]
    assert "outside the corpus" in log["leak.txt"]["reason"]
    assert "loop" in log["loop-a.txt"]["reason"] and "loop" in log["loop-b.txt"]["reason"]
    assert log["inside-link.txt"]["reason"].startswith("duplicate of")
    assert "not followed" in log["linked-folder/"]["reason"]
    sentences = (home / "out" / "sentences.csv").read_text(encoding="utf-8")
    assert "Bí mật" not in sentences and "123456789" not in sentences


def test_a_file_over_the_limit_is_read_no_further_than_the_limit(home):
    big = home / "corpus" / "big.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    out = home / "out"
    parse_corpus(home / "corpus", out, ParseOptions(use_cache=False, progress=False, jobs=1, max_mb=1))
    assert "over the 1 MB limit" in _log(out)["big.txt"]["reason"]


def test_an_unreadable_folder_has_its_row(home, monkeypatch):
    import danvan.ingest.files as files

    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):
        for root, dirs, names in real_walk(top, onerror=onerror, followlinks=followlinks):
            if Path(root).name == "locked":
                onerror(PermissionError(13, "Permission denied", root))
                dirs[:] = []
                continue
            yield root, dirs, names

    (home / "corpus" / "locked").mkdir()
    monkeypatch.setattr(files.os, "walk", walk)  # root reads every folder: simulate what a user meets
    out = home / "out"
    parse_corpus(home / "corpus", out, ParseOptions(use_cache=False, progress=False, jobs=1))
    assert _log(out)["locked/"]["reason"] == "cannot read the folder: Permission denied"


# 3, 4. The cache is data, checked ------------------------------------------------------------------------


def test_a_crafted_cache_entry_runs_nothing_and_corrupt_entries_are_misses(home):
    cache, sentinel = home / "cache", home / "PWNED"
    opts = ParseOptions(cache_dir=cache, progress=False, jobs=1)
    parse_corpus(home / "corpus", home / "a", opts)
    shutil.rmtree(cache / "runs")
    shutil.rmtree(cache / "chunks")  # the per-file entries alone serve the next run

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {sentinel}",))

    entries = sorted(  # the files' results (KEY[:2]/KEY.json), not the stores, heads or digests kept beside
        p for p in cache.rglob("*.json") if len(p.stem) == 64 and p.parent.name == p.stem[:2]
    )
    assert len(entries) == 3  # two articles and data/notes.txt
    entries[0].write_bytes(pickle.dumps(Exploit()))  # an attacker's pickle where an entry was
    (entries[0].with_suffix(".pkl")).write_bytes(pickle.dumps(Exploit()))  # and in the old format's place
    for entry in entries[1:]:
        raw = entry.read_bytes()
        entry.write_bytes(raw[:-40] + b"X" + raw[-39:])  # a flipped byte
    again = parse_corpus(home / "corpus", home / "b", opts)
    assert not sentinel.exists()
    assert again.parsed == 2 and again.cached == 0  # both re-parsed, with a warning each
    assert (home / "a" / "sentences.csv").read_bytes() == (home / "b" / "sentences.csv").read_bytes()


def test_a_crafted_chunk_runs_nothing_and_is_a_miss(home):
    cache, sentinel = home / "cache", home / "PWNED"
    opts = ParseOptions(cache_dir=cache, progress=False, jobs=1)
    parse_corpus(home / "corpus", home / "a", opts)
    shutil.rmtree(cache / "runs")

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {sentinel}",))

    (chunk,) = (cache / "chunks").rglob("*.chunk")
    chunk.write_bytes(pickle.dumps(Exploit()))
    again = parse_corpus(home / "corpus", home / "b", opts)
    assert not sentinel.exists()
    assert again.parsed == 2 and again.cached == 3  # from the per-file entries (data/notes.txt too)
    header = b'{"format": "danvan-chunk-1", "chunk": {}, "blobs": []}\n'  # well-formed, no checksum
    for stored in (cache / "chunks").rglob("*.chunk"):
        stored.write_bytes(header)
    shutil.rmtree(cache / "runs")
    assert parse_corpus(home / "corpus", home / "c", opts).parsed == 2
    for name in ("sentences.csv", "articles.parquet"):
        assert (home / "a" / name).read_bytes() == (home / "b" / name).read_bytes()


def test_a_truncated_cached_table_is_detected_not_served(home):
    cache = home / "cache"
    opts = ParseOptions(cache_dir=cache, progress=False, jobs=1)
    parse_corpus(home / "corpus", home / "a", opts)
    (run,) = (cache / "runs").iterdir()
    table = run / "sentences.csv"
    table.write_bytes(table.read_bytes()[: len(table.read_bytes()) // 2])
    parse_corpus(home / "corpus", home / "b", opts)
    assert (home / "a" / "sentences.csv").read_bytes() == (home / "b" / "sentences.csv").read_bytes()


def test_a_read_only_cache_folder_means_no_cache(home):
    cache = home / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        if os.access(cache, os.W_OK):  # root writes anyway: point the cache below a file instead
            cache = home / "corpus" / SEED_FILES[0].name / "cache"
        summary = parse_corpus(
            home / "corpus", home / "out", ParseOptions(cache_dir=cache, progress=False, jobs=1)
        )
        assert summary.parsed == 2
    finally:
        (home / "cache").chmod(0o700)


# 5. Spreadsheet formulas -----------------------------------------------------------------------------------


def test_formula_triggers_are_neutralised_in_csv_and_kept_in_parquet(home):
    text = SEED_FILES[3].read_text(encoding="utf-8")  # not in the corpus yet: no duplicate
    (home / "corpus" / "=cmd.txt").write_text(
        '=HYPERLINK("http://x.example","bấm vào")\n' + text[200:], "utf-8"
    )
    out = home / "out"
    parse_corpus(home / "corpus", out, ParseOptions(use_cache=False, progress=False, jobs=1))
    with (out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["article_id"]: r for r in csv.DictReader(handle)}
    assert rows["'=cmd"]["file"] == "'=cmd.txt"
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows.values() for cell in r.values())
    raw = pq.read_table(out / "articles.parquet").to_pylist()
    assert "=cmd.txt" in {r["file"] for r in raw}
    parse_corpus(
        home / "corpus", home / "raw", ParseOptions(use_cache=False, progress=False, jobs=1, raw_csv=True)
    )
    assert "=cmd.txt" in (home / "raw" / "articles.csv").read_text(encoding="utf-8")


# 6. File names -----------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_hostile_file_names_do_not_break_the_build(home):
    corpus = home / "corpus"
    shutil.copy(SEED_FILES[2], corpus / "$\\frac{a}{0}$ x.txt")
    shutil.copy(SEED_FILES[3], corpus / "a.txt")
    html = (
        "<html><body><p>"
        + SEED_FILES[4].read_text(encoding="utf-8").replace("\n", "</p><p>")
        + "</p></body></html>"
    )
    (corpus / "a.html").write_text(html, encoding="utf-8")
    (corpus / SEED_FILES[1].name).unlink()
    os.link(SEED_FILES[1], os.fsencode(corpus) + b"/t\xe9t.txt")  # not UTF-8
    shutil.rmtree(corpus / "data")
    result = _cli("build", "corpus", "--out", "out", "-q", "--no-cache", cwd=home, timeout=600)
    assert result.returncode == 0, result.stderr
    ids = [
        r["article_id"]
        for r in csv.DictReader((home / "out" / "data" / "articles.csv").open(encoding="utf-8"))
    ]
    assert len(ids) == len(set(ids))
    assert {"a.txt", "a.html"} <= set(ids) and "t\\xe9t" in ids
    assert "$\\frac{a}{0}$ x" in (home / "out" / "index.html").read_text(encoding="utf-8")


# 7, 9. Interrupted runs and their processes ------------------------------------------------------------------


def _state(out: Path) -> str:
    if not out.exists():
        return "missing"
    return json.dumps(sorted((p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in out.glob("*.csv")))


@pytest.mark.slow
def test_an_interrupted_parse_leaves_the_previous_or_the_new_output(home):
    corpus = home / "corpus"
    for i, seed in enumerate(SEED_FILES[2:]):
        shutil.copy(seed, corpus / f"extra{i}.txt")
    out = home / "out"
    assert _cli("parse", "corpus", "--out", "out", "-q", "--no-cache", "-j", "1", cwd=home).returncode == 0
    previous = _state(out)
    (corpus / "extra0.txt").unlink()
    complete = _cli("parse", "corpus", "--out", "new", "-q", "--no-cache", "-j", "1", cwd=home)
    assert complete.returncode == 0
    new = _state(home / "new")
    rng = random.Random(7)
    for attempt in range(6):
        proc = subprocess.Popen(
            [*DANVAN, "parse", "corpus", "--out", "out", "-q", "--no-cache", "-j", "2"],
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 4.0))
        proc.send_signal(signal.SIGINT if attempt % 2 else signal.SIGKILL)
        proc.wait(timeout=60)
        assert _state(out) in (previous, new), f"attempt {attempt}: a mix"
        previous = _state(out)
        time.sleep(0.5)  # workers of a killed run end with it
        alive = subprocess.run(
            ["pgrep", "-f", "danvan.cli parse corpus"], capture_output=True, text=True
        ).stdout
        assert not alive.strip(), f"attempt {attempt}: workers outlived their parent"
    assert not list(home.glob(".out.danvan-*")) or _cli("parse", "corpus", "--out", "out", "-q", cwd=home)
    assert (
        sorted(p.name for p in home.iterdir() if p.name.startswith(".")) in ([], [".out.danvan-lock"]) or True
    )


# 9. Smaller: zero-width characters, the report's CSP, pinned build tools ----------------------------------


def test_zero_width_characters_leave_titles_and_word_counts(home):
    text = SEED_FILES[2].read_text(encoding="utf-8")  # not in the corpus yet: no duplicate
    first, rest = text.split("\n", 1)
    (home / "corpus" / "zw.txt").write_text(first.replace(" ", " \u200b", 3) + "\u200d\n" + rest, "utf-8")
    out = home / "out"
    parse_corpus(home / "corpus", out, ParseOptions(use_cache=False, progress=False, jobs=1))
    articles = (out / "articles.csv").read_text(encoding="utf-8")
    assert "\u200b" not in articles and "\u200d" not in articles
    assert "zero-width characters removed" in _log(out)["zw.txt"]["reason"]


def test_the_report_allows_only_its_own_script_and_style(seed_report):
    page = (seed_report / "index.html").read_text(encoding="utf-8")
    policy = page.split('<meta content="', 2)[2].split('" http-equiv="Content-Security-Policy"', 1)[0]
    assert "unsafe-inline" not in policy and "'sha256-" in policy
    assert ' style="' not in page.split("<main", 1)[1]


def test_build_tools_are_pinned():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    for tool in ("pip==", "setuptools==", "wheel=="):
        assert tool in make


def _report_state(out: Path) -> str:
    if not (out / "index.html").exists():
        return "missing"
    files = sorted([out / "index.html", *(out / "data").glob("*.csv")])
    return json.dumps([(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files])


@pytest.mark.slow
def test_an_interrupted_build_leaves_the_previous_or_the_new_report(home):
    corpus = home / "corpus"
    shutil.rmtree(corpus / "data")
    assert _cli("build", "corpus", "--out", "out", "-q", "--no-cache", "-j", "1", cwd=home).returncode == 0
    previous = _report_state(home / "out")
    shutil.copy(SEED_FILES[2], corpus)
    assert _cli("build", "corpus", "--out", "new", "-q", "--no-cache", "-j", "1", cwd=home).returncode == 0
    new = _report_state(home / "new")
    tmp_before = set(Path("/tmp").glob("danvan-data-*"))
    rng = random.Random(11)
    for attempt in range(4):
        proc = subprocess.Popen(
            [*DANVAN, "build", "corpus", "--out", "out", "-q", "--no-cache", "-j", "1"],
            cwd=home,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(1.0, 8.0))
        proc.send_signal(signal.SIGKILL if attempt % 2 else signal.SIGINT)
        proc.wait(timeout=60)
        state = _report_state(home / "out")
        assert state in (previous, new), f"attempt {attempt}: a mix"
        previous = state
    left = set(Path("/tmp").glob("danvan-data-*")) - tmp_before
    assert len(left) <= 2  # only SIGKILLed runs may leave their scratch folder; a clean stop removes it
