"""Parse a corpus folder into tables: in parallel, cached, streamed to disk in chunks."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from danvan.cache import ResultCache, cache_key, extractor_version
from danvan.corpus import DEFAULT_MAX_MB, ingest_file, list_files
from danvan.tables import ALL_TABLES, CORPUS_TABLES, TABLES
from danvan.writer import TableWriter, write_table

FLUSH_EVERY = 200  # articles per written chunk
KEYNESS_TOP = 15


@dataclass
class FileResult:
    """Everything the corpus pass needs from one file (small and picklable)."""

    log: dict[str, str]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    words: Counter[str] = field(default_factory=Counter)
    fingerprint: Any = None
    sha256: str = ""


@dataclass
class ParseSummary:
    files: int = 0
    parsed: int = 0
    warned: int = 0
    rejected: int = 0
    cached: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    corpus_sha256: str = ""

    def lines(self) -> list[str]:
        out = [
            f"{self.files} files: {self.parsed} parsed ({self.warned} with warnings), "
            f"{self.rejected} rejected; {self.cached} from cache"
        ]
        out += [f"  rejected ×{n}: {reason}" for reason, n in self.reasons.most_common(8)]
        return out


def process_file(folder: str, relpath: str, max_mb: float) -> FileResult:
    """Ingest and extract one file (runs in a worker process)."""
    from danvan.dedupe import fingerprint
    from danvan.extract import extract_all

    ingested = ingest_file(Path(folder) / relpath, Path(folder), max_mb=max_mb)
    log = {"file": ingested.file, "status": ingested.status, "reason": ingested.reason, "article_id": ""}
    if ingested.article is None:
        return FileResult(log)
    article = ingested.article
    log["article_id"] = article.article_id
    tables, words = extract_all(article)
    return FileResult(log, tables, words, fingerprint(article.text))


def _process_task(task: tuple[str, str, float]) -> FileResult:
    return process_file(*task)


def _file_digest(path: Path, max_mb: float) -> tuple[str, bytes] | None:
    """(sha256, bytes) of a readable file within the size limit, else None (not cached)."""
    try:
        if path.stat().st_size > max_mb * 1024 * 1024:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest(), data


def _results(
    folder: Path,
    relpaths: list[str],
    jobs: int,
    cache: ResultCache | None,
    max_mb: float,
    engine: str,
    scheduler: str | None,
    summary: ParseSummary,
) -> Iterator[FileResult]:
    """FileResults in file order: cache hits at once, misses from the worker pool."""
    digests = [_file_digest(folder / rel, max_mb) for rel in relpaths]
    keys = [
        cache_key(rel, d[1], f"max_mb={max_mb}") if d and cache else None
        for rel, d in zip(relpaths, digests, strict=True)
    ]
    hits = {i: cache.get(k) for i, k in enumerate(keys) if k and cache}
    hits = {i: r for i, r in hits.items() if r is not None}
    summary.cached = len(hits)
    misses = [(str(folder), relpaths[i], max_mb) for i in range(len(relpaths)) if i not in hits]
    computed = _run_misses(misses, jobs, engine, scheduler)
    for i in range(len(relpaths)):
        result = hits.get(i) or next(computed)
        if i not in hits and cache is not None and keys[i]:
            cache.put(keys[i], result)
        result.sha256 = digests[i][0] if digests[i] else ""
        yield result


def _run_misses(tasks: list[tuple[str, str, float]], jobs: int, engine: str, scheduler: str | None):
    if not tasks:
        return iter(())
    if engine == "dask":
        from danvan.dask_engine import run_on_dask

        return run_on_dask(tasks, scheduler)
    if jobs <= 1 or len(tasks) == 1:
        return map(_process_task, tasks)
    pool = ProcessPoolExecutor(max_workers=jobs)
    results = pool.map(_process_task, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8))))

    def drain() -> Iterator[FileResult]:
        try:
            yield from results
        finally:
            pool.shutdown(cancel_futures=True)

    return drain()


def parse_corpus(
    corpus: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    max_mb: float = DEFAULT_MAX_MB,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool = True,
) -> ParseSummary:
    """Parse every file below ``corpus`` and write all tables into ``out`` (CSV + Parquet)."""
    from danvan.cache import default_cache_dir
    from danvan.dedupe import Deduper

    folder, out_dir = Path(corpus), Path(out)
    if not folder.is_dir():
        raise NotADirectoryError(f"corpus folder not found: {folder}")
    relpaths = [p.relative_to(folder).as_posix() for p in list_files(folder)]
    jobs = jobs or os.cpu_count() or 1
    cache = ResultCache(Path(cache_dir) if cache_dir else default_cache_dir()) if use_cache else None
    writers = {name: TableWriter(out_dir, name, cols) for name, cols in TABLES.items()}
    summary = ParseSummary(files=len(relpaths))
    deduper = Deduper()
    corpus_hash = hashlib.sha256()
    abbreviations: dict[str, dict[str, Any]] = {}
    words_by_province: dict[str, Counter[str]] = defaultdict(Counter)
    results = _results(folder, relpaths, jobs, cache, max_mb, engine, scheduler, summary)
    bar = tqdm(results, total=len(relpaths), unit="file", disable=not progress, mininterval=1.0, delay=1.0)
    for n, result in enumerate(bar, start=1):
        corpus_hash.update(f"{result.log['file']}\0{result.sha256}\n".encode())
        log = dict(result.log)
        if result.fingerprint is not None:
            dup = deduper.check(log["article_id"], result.fingerprint)
            if dup is not None:
                kind, kept, similarity = dup
                log.update(status="rejected", reason=f"{kind} of {kept} (similarity {similarity:.2f})")
        writers["ingest_log"].add([log])
        if log["status"] == "parsed":
            summary.parsed += 1
            summary.warned += bool(log["reason"])
            for row in result.tables["articles"]:
                row["sha256"] = result.sha256
            for name, rows in result.tables.items():
                writers[name].add(rows)
            _add_abbreviations(abbreviations, result.tables.get("abbreviations", []))
            province = result.tables["articles"][0].get("province") or ""
            words_by_province[province] += result.words
        else:
            summary.rejected += 1
            summary.reasons[_reason_kind(log["reason"])] += 1
        if n % FLUSH_EVERY == 0:
            for writer in writers.values():
                writer.flush()
    for writer in writers.values():
        writer.close()
    summary.corpus_sha256 = corpus_hash.hexdigest()
    _write_corpus_tables(out_dir, abbreviations, words_by_province)
    _write_run_record(out_dir, folder, summary)
    return summary


def _reason_kind(reason: str) -> str:
    """Group rejection reasons for the summary ("duplicate of X" -> "duplicate")."""
    return reason.split(" of ")[0] if reason.startswith(("duplicate", "near-duplicate")) else reason


def _add_abbreviations(acc: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    for row in rows:
        entry = acc.setdefault(row["abbreviation"], {**row, "count": 0, "n_articles": 0})
        entry["count"] += int(row["count"])
        entry["n_articles"] += 1


def _write_corpus_tables(out: Path, abbreviations: dict, words_by_province: dict) -> None:
    from danvan.themes import keyness

    glossary = sorted(abbreviations.values(), key=lambda r: (-r["count"], r["abbreviation"]))
    write_table(out, "glossary", CORPUS_TABLES["glossary"], glossary)
    groups = {p: c for p, c in words_by_province.items() if p}
    rows = keyness(groups, top=KEYNESS_TOP) if len(groups) > 1 else []
    write_table(out, "keyness", CORPUS_TABLES["keyness"], [{**r, "province": r["group"]} for r in rows])


def _write_run_record(out: Path, folder: Path, summary: ParseSummary) -> None:
    """``run.json``: what was parsed and with which versions (no timestamps: builds repeat)."""
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for package in ("danvan", "underthesea", "pandas", "matplotlib", "nbconvert", "nbclient", "pyarrow"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    record = {
        "corpus": folder.name,
        "corpus_sha256": summary.corpus_sha256,
        "files": summary.files,
        "parsed": summary.parsed,
        "rejected": summary.rejected,
        "extractor_version": extractor_version(),
        "versions": versions,
        "tables": sorted(ALL_TABLES),
    }
    (out / "run.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
