"""Parse a corpus folder into tables: in parallel, cached, streamed to disk in chunks. A run whose files,
contents, options and versions are unchanged is copied whole from the cache, without importing the parsing
path (:mod:`danvan.run.assemble`)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from danvan.ingest.files import article_ids, display_name, walk
from danvan.run.cache import ResultCache, default_cache_dir, extractor_version
from danvan.run.digests import corpus_digests
from danvan.run.gc_tuning import collecting_less
from danvan.run.options import ParseOptions
from danvan.run.outfolder import OutputFolder
from danvan.run.summary import ParseSummary
from danvan.run.versions import installed_version
from danvan.tables import ALL_TABLES

if TYPE_CHECKING:
    from danvan.run.helper import Helper


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
    with output as staging, collecting_less():
        summary = _parse_into(folder, staging, options)
        output.publish()
    return summary


def _parse_into(folder: Path, out_dir: Path, options: ParseOptions) -> ParseSummary:
    cache = ResultCache.open(options.cache_dir or default_cache_dir()) if options.use_cache else None
    helper = _helper(cache, options)
    try:
        return _parse_with(folder, out_dir, options, cache, helper)
    finally:
        if helper is not None:
            helper.stop()


def _parse_with(
    folder: Path, out_dir: Path, options: ParseOptions, cache: ResultCache | None, helper: Helper | None
) -> ParseSummary:
    max_mb = options.max_mb
    paths, unread_folders = walk(folder)
    relpaths = [p.relative_to(folder).as_posix() for p in paths]
    ids = article_ids(relpaths)
    digests = corpus_digests(paths, relpaths, folder, max_mb, cache)
    run_key = _run_key(folder, relpaths, digests, max_mb, options.raw_csv) if cache and all(digests) else ""
    if cache and run_key and (stored := cache.get_run(run_key, out_dir)) is not None:
        return ParseSummary.from_record(stored)
    # The parsing path (the extractors, underthesea, pyarrow), imported here: a run served whole from the
    # cache never needs it, and starts in a fraction of the time.
    from danvan.run.per_file import CorpusFiles
    from danvan.run.warm import keep_stores_in

    if cache is not None:  # built once, read in a fraction of the time by later runs and their workers
        keep_stores_in(cache.folder)
    summary = ParseSummary(files=len(relpaths) + len(unread_folders))
    unread = [
        {"file": name, "status": "rejected", "reason": reason, "article_id": ""}
        for name, reason in unread_folders
    ]
    for row in unread:  # accounted for like any file that is not read
        summary.rejected += 1
        summary.reasons[row["reason"]] += 1
    files = CorpusFiles(folder, relpaths, ids, digests, options, cache, helper)
    from danvan.run.assemble import assemble  # (pyarrow and the writers: after any worker is forked)

    assemble(files, ids, unread, out_dir, cache, options, summary)  # (and keeps the files' heads)
    _write_run_record(out_dir, folder, summary, options.raw_csv)
    if cache and run_key:
        cache.put_run(run_key, out_dir, summary.record(), _output_files(out_dir))
    return summary


def _helper(cache: ResultCache | None, options: ParseOptions) -> Helper | None:
    """With a cache and two local jobs or more, a helper process forked now: a re-run with one file changed
    has it loaded to parse that file by the time the corpus is read (:mod:`danvan.run.helper`)."""
    if cache is None or options.engine == "dask" or options.workers <= 1:
        return None
    from danvan.run.helper import Helper

    extractor_version()  # computed once, before forking
    try:
        return Helper(cache.folder)
    except OSError:  # no process to be had (a limit reached): the run goes on without its help
        return None


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


def _versions() -> dict[str, str]:
    """Versions of danvan and the packages that shape its tables and report."""
    packages = ("danvan", "underthesea", "pandas", "matplotlib", "nbconvert", "nbclient", "pyarrow")
    return {package: installed_version(package) or "not installed" for package in packages}


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
