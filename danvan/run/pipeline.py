"""Parse a corpus folder into tables: in parallel, cached, streamed to disk in chunks."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import signal
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import Any

from tqdm import tqdm

from danvan.extract.combine import extract_all
from danvan.extract.themes import keyness
from danvan.ingest.dedupe import Deduper, Fingerprint, fingerprint
from danvan.ingest.files import NotRead, article_ids, display_name, read_limited, walk
from danvan.ingest.read import ingest_file
from danvan.run.cache import ResultCache, cache_key, default_cache_dir, extractor_version
from danvan.run.dask_engine import run_on_dask
from danvan.run.options import ParseOptions
from danvan.run.outfolder import OutputFolder
from danvan.run.writer import TableWriter, write_table
from danvan.sidecar import sidecar_path
from danvan.tables import ALL_TABLES, CORPUS_TABLES, TABLES
from danvan.text import fold

FLUSH_EVERY = 200  # articles per written chunk
KEYNESS_TOP = 15


@dataclass
class FileResult:
    """Everything the corpus pass needs from one file (small and picklable)."""

    log: dict[str, str]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    words: Counter[str] = field(default_factory=Counter)
    fingerprint: Fingerprint | None = None
    sha256: str = ""

    def to_data(self) -> dict[str, Any]:
        """The result as plain JSON data, for the cache."""
        fp = self.fingerprint
        return {
            "log": self.log,
            "tables": self.tables,
            "words": dict(self.words),
            "fingerprint": [fp.exact, fp.signature.hex()] if fp is not None else None,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> FileResult:
        """A result from :meth:`to_data`'s output; malformed data raises (KeyError, TypeError, ValueError)."""
        fp = data["fingerprint"]
        tables = {str(name): [dict(row) for row in rows] for name, rows in data["tables"].items()}
        return cls(
            {str(k): str(v) for k, v in data["log"].items()},
            tables,
            Counter({str(k): int(v) for k, v in data["words"].items()}),
            Fingerprint(str(fp[0]), bytes.fromhex(fp[1])) if fp is not None else None,
        )


@dataclass
class ParseSummary:
    files: int = 0
    parsed: int = 0
    warned: int = 0
    rejected: int = 0
    metadata: int = 0  # fetch records beside the pages (sidecars, fetch_log.csv)
    cached: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    corpus_sha256: str = ""

    def record(self) -> dict[str, Any]:
        """The summary as plain JSON-able data (stored with a cached run)."""
        return {**self.__dict__, "reasons": dict(self.reasons)}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ParseSummary:
        """A summary restored from a cached run: every file came from the cache."""
        fields = {k: v for k, v in record.items() if k in cls.__dataclass_fields__}
        return cls(**{**fields, "reasons": Counter(record.get("reasons", {})), "cached": record["files"]})

    def lines(self) -> list[str]:
        fetched = f", {self.metadata} fetch records" if self.metadata else ""
        out = [
            f"{self.files} files: {self.parsed} parsed ({self.warned} with warnings), "
            f"{self.rejected} rejected{fetched}; {self.cached} from cache"
        ]
        out += [f"  rejected ×{n}: {reason}" for reason, n in self.reasons.most_common(8)]
        return out


def process_file(folder: str, relpath: str, max_mb: float, article_id: str = "") -> FileResult:
    """Ingest and extract one file (runs in a worker process)."""
    ingested = ingest_file(Path(folder) / relpath, Path(folder), max_mb=max_mb, article_id=article_id)
    log = {"file": ingested.file, "status": ingested.status, "reason": ingested.reason, "article_id": ""}
    if ingested.article is None:
        return FileResult(log)
    article = ingested.article
    log["article_id"] = article.article_id
    tables, words = extract_all(article)
    # The sentences only, so the date, source and byline lines do not count: the same article republished
    # under another dateline or byline is a duplicate. (fold is memoised: the extractors folded them.)
    folded = " ".join(fold(s.text) for s in article.sentences)
    return FileResult(log, tables, words, fingerprint(folded))


def _process_task(task: tuple[str, str, float, str]) -> FileResult:
    return process_file(*task)


def _file_digest(path: Path, folder: Path, max_mb: float) -> str:
    """sha256 of a file that will be read (see :func:`read_limited`), else "" (such files are not cached)."""
    try:
        return hashlib.sha256(read_limited(path, folder, max_mb)).hexdigest()
    except NotRead:
        return ""


def _results(
    folder: Path,
    relpaths: list[str],
    ids: list[str],
    digests: list[str],
    options: ParseOptions,
    cache: ResultCache | None,
    summary: ParseSummary,
) -> Iterator[FileResult]:
    """FileResults in file order: cache hits read one at a time, misses from the worker pool."""
    max_mb = options.max_mb
    shaping = f"max_mb={max_mb}"  # the options that shape a file's result
    digest_of = dict(zip(relpaths, digests, strict=True))
    # A page's result depends on its sidecar too (its URL): both digests make the key.
    keys = [
        cache_key(display_name(r), d + digest_of.get(_sidecar_of(r), ""), shaping) if d and cache else ""
        for r, d in zip(relpaths, digests, strict=True)
    ]
    hit = [bool(k) and cache is not None and cache.has(k) for k in keys]
    misses = [(str(folder), rel, max_mb, i) for rel, i, h in zip(relpaths, ids, hit, strict=True) if not h]
    computed = _run_misses(misses, options)
    for i, rel in enumerate(relpaths):
        result = _cached(cache, keys[i]) if hit[i] and cache is not None else None
        if result is not None:
            summary.cached += 1
        elif hit[i]:  # the cached file vanished or broke since: parse it here
            result = process_file(str(folder), rel, max_mb, ids[i])
        else:
            result = next(computed)
        if not hit[i] and cache is not None and keys[i]:
            cache.put(keys[i], result.to_data())
        result.sha256 = digests[i]
        yield result


def _die_with_parent(parent: int) -> None:
    """In a worker: end when the parent process ends, even killed (Linux: PR_SET_PDEATHSIG)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's clean-stop handler: a worker just ends
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # not Linux: the pool's own shutdown still ends the workers after a clean stop
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _cached(cache: ResultCache, key: str) -> FileResult | None:
    data = cache.get(key)
    try:
        return FileResult.from_data(data) if data is not None else None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None  # well-formed JSON of the wrong shape: a miss like any damaged entry


def _sidecar_of(relpath: str) -> str:
    return sidecar_path(PurePosixPath(relpath)).as_posix()


def _run_misses(tasks: list[tuple[str, str, float, str]], options: ParseOptions) -> Iterator[FileResult]:
    if not tasks:
        return iter(())
    if options.engine == "dask":
        return run_on_dask(process_file, tasks, options.scheduler)
    jobs = options.workers
    if jobs <= 1 or len(tasks) == 1:
        return map(_process_task, tasks)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),))
    results = pool.map(_process_task, tasks, chunksize=max(1, min(4, len(tasks) // (jobs * 8))))

    def drain() -> Iterator[FileResult]:
        try:
            yield from results
        finally:
            pool.shutdown(cancel_futures=True)

    return drain()


def parse_corpus(
    corpus: str | os.PathLike[str],
    out: str | os.PathLike[str],
    options: ParseOptions | None = None,
) -> ParseSummary:
    """Parse every file below ``corpus`` and write all tables into ``out`` (CSV + Parquet), published in
    one step (:mod:`danvan.run.outfolder`): ``out`` holds the previous tables or the new ones, never a mix."""
    options = options or ParseOptions()
    folder = Path(corpus)
    if not folder.is_dir():
        raise NotADirectoryError(f"corpus folder not found: {folder}")
    output = OutputFolder(Path(out), folder)
    with output as staging:
        summary = _parse_into(folder, staging, options)
        output.publish()
    return summary


def _parse_into(folder: Path, out_dir: Path, options: ParseOptions) -> ParseSummary:
    max_mb = options.max_mb
    paths, unread_folders = walk(folder)
    relpaths = [p.relative_to(folder).as_posix() for p in paths]
    ids = article_ids(relpaths)
    digests = [_file_digest(path, folder, max_mb) for path in paths]
    cache = ResultCache.open(options.cache_dir or default_cache_dir()) if options.use_cache else None
    run_key = _run_key(folder, relpaths, digests, max_mb, options.raw_csv) if cache and all(digests) else ""
    if cache and run_key and (stored := cache.get_run(run_key, out_dir)) is not None:
        return ParseSummary.from_record(stored)
    writers = {
        name: TableWriter(out_dir, name, cols, raw_csv=options.raw_csv) for name, cols in TABLES.items()
    }
    summary = ParseSummary(files=len(relpaths) + len(unread_folders))
    for name, reason in unread_folders:  # accounted for like any file that is not read
        writers["ingest_log"].add([{"file": name, "status": "rejected", "reason": reason, "article_id": ""}])
        summary.rejected += 1
        summary.reasons[reason] += 1
    deduper = Deduper()
    corpus_hash = hashlib.sha256()
    abbreviations: dict[str, dict[str, Any]] = {}
    words_by_province: dict[str, Counter[str]] = defaultdict(Counter)
    results = _results(folder, relpaths, ids, digests, options, cache, summary)
    bar = tqdm(
        results, total=len(relpaths), unit="file", disable=not options.progress, mininterval=1.0, delay=1.0
    )
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
            words_by_province[province].update(result.words)  # in place: += rescans the whole counter
        elif log["status"] == "metadata":
            summary.metadata += 1
        else:
            summary.rejected += 1
            summary.reasons[_reason_kind(log["reason"])] += 1
        if n % FLUSH_EVERY == 0:
            for writer in writers.values():
                writer.flush()
    for writer in writers.values():
        writer.close()
    summary.corpus_sha256 = corpus_hash.hexdigest()
    _write_corpus_tables(out_dir, abbreviations, words_by_province, options.raw_csv)
    _write_run_record(out_dir, folder, summary, options.raw_csv)
    if cache and run_key:
        cache.put_run(run_key, out_dir, summary.record(), _output_files(out_dir))
    return summary


def _run_key(folder: Path, relpaths: list[str], digests: list[str], max_mb: float, raw_csv: bool) -> str:
    """Key of a whole run: the same files, contents, options and versions give the same tables."""
    digest = hashlib.sha256()
    head = (
        extractor_version(),
        f"max_mb={max_mb}",
        folder.name,
        json.dumps(_versions(), sort_keys=True),
        str(raw_csv),
    )
    digest.update("\0".join(head).encode())
    for rel, sha in zip(relpaths, digests, strict=True):
        digest.update(f"\n{display_name(rel)}\0{sha}".encode())
    return digest.hexdigest()


def _output_files(out: Path) -> list[str]:
    """The files a run writes into ``out`` (and no other file the folder may hold)."""
    names = [f"{table}.{ext}" for table in ALL_TABLES for ext in ("csv", "parquet")] + ["run.json"]
    return [name for name in names if (out / name).is_file()]


def _reason_kind(reason: str) -> str:
    """Group rejection reasons for the summary ("duplicate of X" -> "duplicate")."""
    return reason.split(" of ")[0] if reason.startswith(("duplicate", "near-duplicate")) else reason


def _add_abbreviations(acc: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    for row in rows:
        entry = acc.setdefault(row["abbreviation"], {**row, "count": 0, "n_articles": 0})
        if row["defined_in_text"] and not entry["expansion"]:  # unknown, but this article defines it
            entry.update(expansion=row["expansion"], defined_in_text=True)
        entry["count"] += int(row["count"])
        entry["n_articles"] += 1


def _write_corpus_tables(out: Path, abbreviations: dict, words_by_province: dict, raw_csv: bool) -> None:
    glossary = sorted(abbreviations.values(), key=lambda r: (-r["count"], r["abbreviation"]))
    write_table(out, "glossary", CORPUS_TABLES["glossary"], glossary, raw_csv)
    groups = {p: c for p, c in words_by_province.items() if p}
    rows = keyness(groups, top=KEYNESS_TOP) if len(groups) > 1 else []
    keyed = [{**r, "province": r["group"]} for r in rows]
    write_table(out, "keyness", CORPUS_TABLES["keyness"], keyed, raw_csv)


def _versions() -> dict[str, str]:
    """Versions of danvan and the packages that shape its tables and report."""
    versions = {}
    for package in ("danvan", "underthesea", "pandas", "matplotlib", "nbconvert", "nbclient", "pyarrow"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def _write_run_record(out: Path, folder: Path, summary: ParseSummary, raw_csv: bool) -> None:
    """``run.json``: what was parsed and with which versions (no timestamps: builds repeat)."""
    record = {
        "corpus": folder.name,
        "corpus_sha256": summary.corpus_sha256,
        "files": summary.files,
        "parsed": summary.parsed,
        "rejected": summary.rejected,
        "extractor_version": extractor_version(),
        "versions": _versions(),
        "tables": sorted(ALL_TABLES),
        "csv_text": "raw" if raw_csv else "formulas neutralised",
    }
    (out / "run.json").write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
