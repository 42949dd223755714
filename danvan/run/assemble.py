"""Assemble a run's tables from its files' results, group by group (GROUP_FILES files, one Parquet row group
each). The cache keeps every group as it was written, and every chunk of CHUNK_FILES files of it: a group
the cache keeps is copied whole; a group with a file changed is joined from its chunks, the cached ones
copied and the others made from the files' results. Then the corpus-wide tables (glossary, keyness).
Imported only when a run is not served whole from the cache."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm import tqdm

from danvan.extract.themes import keyness
from danvan.run.cache import ResultCache
from danvan.run.chunks import Chunk, ChunkStore, chunk_key, joined
from danvan.run.options import ParseOptions
from danvan.run.per_file import CorpusFiles, FileResult
from danvan.run.summary import ParseSummary
from danvan.run.writer import TableWriter, write_table
from danvan.tables import CORPUS_TABLES, TABLES

CHUNK_FILES = 50  # files per chunk: a re-run with one file changed makes this many files' rows again
GROUP_FILES = 200  # files per group (a multiple of CHUNK_FILES): a row group of the Parquet tables
KEYNESS_TOP = 15


def assemble(
    files: CorpusFiles,
    ids: list[str],
    unread: list[dict[str, str]],
    out_dir: Path,
    cache: ResultCache | None,
    options: ParseOptions,
    summary: ParseSummary,
) -> None:
    """Write every per-file table and the corpus tables into ``out_dir``; count into ``summary``."""
    writers = {
        name: TableWriter(out_dir, name, cols, raw_csv=options.raw_csv) for name, cols in TABLES.items()
    }
    totals = _Totals(summary)
    _write_chunks(files, ids, unread, writers, cache, options, totals)
    for writer in writers.values():
        writer.close()
    summary.corpus_sha256 = totals.corpus_hash.hexdigest()
    _write_corpus_tables(out_dir, totals.abbreviations, totals.words_by_province, options.raw_csv)


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
    """Every file's rows, group by group: a group the cache keeps is copied whole, the others joined from
    their chunks (cached, or made from the files' results) and kept. Each group is written in a thread (Arrow
    encodes Parquet without holding the GIL) while the next is read."""
    store = ChunkStore(cache.folder / "chunks") if cache is not None else None
    n = len(files.keys)
    # Filled as chunks are read from the store, before the results reach their files: the results are
    # taken in file order, a chunk's worth at a time, so a file is looked up only when reached.
    skip: set[int] = set()
    results = files.results(skip=skip)
    if n == 0:
        writers["ingest_log"].add(unread)
    bar = tqdm(total=n, unit="file", disable=not options.progress, mininterval=1.0, delay=1.0)

    def stored(span: range) -> Chunk | None:
        """The chunk or group of ``span`` as the cache keeps it, if every file of it is settled."""
        if store is None or not all(files.settled(i) for i in span):
            return None
        chunk = store.get(_chunk_key(files, span, ids, options.raw_csv, unread if span.start == 0 else []))
        if chunk is not None:
            skip.update(span)  # (the first chunk as stored holds the rows of the folders not read too)
            totals.summary.cached += sum(i in files.known and i not in files.duplicates for i in span)
            bar.update(len(span))
        return chunk

    def made(span: range) -> Chunk:
        """The chunk of ``span`` made from its files' results (and kept)."""
        chunk = Chunk()
        if span.start == 0:  # the folders not read come first
            writers["ingest_log"].add(unread)
        for result in islice(results, len(span)):
            _add_result(chunk, writers, result)
            totals.summary.cached += result.from_cache
            bar.update()
        taken = {name: writer.take() for name, writer in writers.items()}
        chunk.tables = {name: t for name, t in taken.items() if t is not None}
        _keep(span, chunk)
        return chunk

    def _keep(span: range, chunk: Chunk) -> None:
        if store is not None and all(files.keys[i] for i in span):
            store.put(_chunk_key(files, span, ids, options.raw_csv, unread if span.start == 0 else []), chunk)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="danvan-writer") as thread:
        written: Future[None] | None = None
        for start in range(0, n, GROUP_FILES):
            group_span = range(start, min(start + GROUP_FILES, n))
            group = stored(group_span)
            if group is None:
                spans = [range(a, min(a + CHUNK_FILES, group_span.stop)) for a in group_span[::CHUNK_FILES]]
                group = joined([stored(span) or made(span) for span in spans])
                if len(spans) > 1:  # (a group of one chunk is kept as that chunk)
                    _keep(group_span, group)
            totals.add(group)
            if written is not None:
                written.result()  # one group written at a time: memory stays a group's
            written = thread.submit(_write_group, writers, group)
        if written is not None:
            written.result()
    bar.close()
    if store is not None:
        store.prune()


def _write_group(writers: dict[str, TableWriter], group: Chunk) -> None:
    for name, writer in writers.items():
        if name in group.tables:
            writer.write(group.tables[name])


def _chunk_key(files: CorpusFiles, span: range, ids: list[str], raw_csv: bool, unread: list[dict]) -> str:
    """What shapes a chunk's rows: its files' result keys, ids, digests and duplicate marks, the CSV mode,
    and (first chunk) the folders not read."""
    parts = [str(raw_csv), json.dumps(unread, sort_keys=True)]
    for i in span:
        parts.append(json.dumps([files.keys[i], ids[i], files.digests[i], files.duplicates.get(i)]))
    return chunk_key(parts)


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
