"""Parse a corpus folder into tables: in parallel, cached, streamed to disk in chunks."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm import tqdm

from danvan.extract.gazetteer import keep_in
from danvan.extract.themes import keyness
from danvan.ingest.files import article_ids, display_name, walk
from danvan.run.cache import ResultCache, default_cache_dir, extractor_version
from danvan.run.chunks import Chunk, ChunkStore, chunk_key
from danvan.run.gc_tuning import collecting_less
from danvan.run.options import ParseOptions
from danvan.run.outfolder import OutputFolder
from danvan.run.per_file import CorpusFiles, FileResult, file_digest
from danvan.run.writer import TableWriter, write_table
from danvan.tables import ALL_TABLES, CORPUS_TABLES, TABLES

FLUSH_EVERY = 200  # articles per written chunk
KEYNESS_TOP = 15


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
    max_mb = options.max_mb
    paths, unread_folders = walk(folder)
    relpaths = [p.relative_to(folder).as_posix() for p in paths]
    ids = article_ids(relpaths)
    digests = [file_digest(path, folder, max_mb) for path in paths]
    cache = ResultCache.open(options.cache_dir or default_cache_dir()) if options.use_cache else None
    if cache is not None:  # the gazetteer, built once, is read in ~0.05 s by later runs and their workers
        keep_in(cache.folder / "gazetteer" / f"{extractor_version()}.json")
    run_key = _run_key(folder, relpaths, digests, max_mb, options.raw_csv) if cache and all(digests) else ""
    if cache and run_key and (stored := cache.get_run(run_key, out_dir)) is not None:
        return ParseSummary.from_record(stored)
    writers = {
        name: TableWriter(out_dir, name, cols, raw_csv=options.raw_csv) for name, cols in TABLES.items()
    }
    summary = ParseSummary(files=len(relpaths) + len(unread_folders))
    unread = [
        {"file": name, "status": "rejected", "reason": reason, "article_id": ""}
        for name, reason in unread_folders
    ]
    for row in unread:  # accounted for like any file that is not read
        summary.rejected += 1
        summary.reasons[row["reason"]] += 1
    files = CorpusFiles(folder, relpaths, ids, digests, options, cache)
    totals = _Totals(summary)
    _write_chunks(files, ids, unread, writers, cache, options, totals)
    for writer in writers.values():
        writer.close()
    summary.corpus_sha256 = totals.corpus_hash.hexdigest()
    _write_corpus_tables(out_dir, totals.abbreviations, totals.words_by_province, options.raw_csv)
    _write_run_record(out_dir, folder, summary, options.raw_csv)
    if cache and run_key:
        cache.put_run(run_key, out_dir, summary.record(), _output_files(out_dir))
    return summary


def _add_result(chunk: Chunk, writers: dict[str, TableWriter], result: FileResult) -> None:
    """One file's result: its rows to the writers, its share of the summary and corpus tables to ``chunk``."""
    chunk.files.append([result.log["file"], result.sha256])
    log = dict(result.log)
    if result.duplicate is not None:
        kind, kept, similarity = result.duplicate
        log.update(status="rejected", reason=f"{kind} of {kept} (similarity {similarity:.2f})")
    writers["ingest_log"].add([log])
    counts = chunk.counts
    if log["status"] == "parsed":
        counts["parsed"] = counts.get("parsed", 0) + 1
        counts["warned"] = counts.get("warned", 0) + bool(log["reason"])
        for row in result.tables["articles"]:
            row["sha256"] = result.sha256
        for name, rows in result.tables.items():
            writers[name].add(rows)
        chunk.abbreviations += result.tables.get("abbreviations", [])
        province = result.tables["articles"][0].get("province") or ""
        words = chunk.words.setdefault(province, {})
        for word, n in result.words.items():
            words[word] = words.get(word, 0) + n
    elif log["status"] == "metadata":
        counts["metadata"] = counts.get("metadata", 0) + 1
    else:
        counts["rejected"] = counts.get("rejected", 0) + 1
        reasons = counts.setdefault("reasons", {})
        kind = _reason_kind(log["reason"])
        reasons[kind] = reasons.get(kind, 0) + 1


@dataclass
class _Totals:
    """What the chunks add up to: the summary, the corpus hash, the glossary and the keyness counts."""

    summary: ParseSummary
    corpus_hash: Any = field(default_factory=hashlib.sha256)
    abbreviations: dict[str, dict[str, Any]] = field(default_factory=dict)
    words_by_province: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, chunk: Chunk) -> None:
        for file, sha256 in chunk.files:
            self.corpus_hash.update(f"{file}\0{sha256}\n".encode())
        for name in ("parsed", "warned", "rejected", "metadata"):
            setattr(self.summary, name, getattr(self.summary, name) + chunk.counts.get(name, 0))
        self.summary.reasons.update(chunk.counts.get("reasons", {}))
        _add_abbreviations(self.abbreviations, chunk.abbreviations)
        for province, words in chunk.words.items():
            self.words_by_province[province].update(words)  # in place: += rescans the whole counter


def _write_chunks(
    files: CorpusFiles,
    ids: list[str],
    unread: list[dict[str, str]],
    writers: dict[str, TableWriter],
    cache: ResultCache | None,
    options: ParseOptions,
    totals: _Totals,
) -> None:
    """Every file's rows, chunk by chunk (FLUSH_EVERY files): a chunk the cache keeps as it was written is
    copied, the others are assembled from the files' results and kept for the next run."""
    store = ChunkStore(cache.folder / "chunks") if cache is not None else None
    n = len(files.keys)
    spans = [range(a, min(a + FLUSH_EVERY, n)) for a in range(0, n, FLUSH_EVERY)]
    keys = [
        _chunk_key(files, span, ids, options.raw_csv, unread if c == 0 else [])
        for c, span in enumerate(spans)
    ]
    stored = {}
    for c, span in enumerate(spans):
        if store is not None and all(files.settled(i) for i in span) and (chunk := store.get(keys[c])):
            stored[c] = chunk
    if 0 not in stored:  # else their rows are in the first chunk as stored
        writers["ingest_log"].add(unread)
    results = files.results(skip={i for c in stored for i in spans[c]})
    bar = tqdm(total=n, unit="file", disable=not options.progress, mininterval=1.0, delay=1.0)
    for c, span in enumerate(spans):
        if c in stored:
            chunk = stored[c]
            for name, written in chunk.tables.items():
                writers[name].write(written)
            totals.summary.cached += sum(i in files.known and i not in files.duplicates for i in span)
            bar.update(len(span))
        else:
            chunk = Chunk()
            for result in islice(results, len(span)):
                _add_result(chunk, writers, result)
                totals.summary.cached += result.from_cache
                bar.update()
            chunk.tables = {name: w for name, writer in writers.items() if (w := writer.flush()) is not None}
            if store is not None and all(files.keys[i] for i in span):
                store.put(keys[c], chunk)
        totals.add(chunk)
    bar.close()
    if store is not None:
        store.prune()


def _chunk_key(files: CorpusFiles, span: range, ids: list[str], raw_csv: bool, unread: list[dict]) -> str:
    """What shapes a chunk's rows: its files' result keys, ids, digests and duplicate marks, the CSV mode,
    and (first chunk) the folders not read."""
    parts = [str(raw_csv), json.dumps(unread, sort_keys=True)]
    for i in span:
        parts.append(json.dumps([files.keys[i], ids[i], files.digests[i], files.duplicates.get(i)]))
    return chunk_key(parts)


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
