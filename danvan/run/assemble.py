"""Assemble a run's tables from its files' results, chunk by chunk (FLUSH_EVERY files): a chunk the cache
keeps as it was written is copied, the others are written from the results and kept for the next run; then
the corpus-wide tables (glossary, keyness). Imported only when a run is not served whole from the cache."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm import tqdm

from danvan.extract.themes import keyness
from danvan.run.cache import ResultCache
from danvan.run.chunks import Chunk, ChunkStore, chunk_key
from danvan.run.options import ParseOptions
from danvan.run.per_file import CorpusFiles, FileResult
from danvan.run.summary import ParseSummary
from danvan.run.writer import TableWriter, write_table
from danvan.tables import CORPUS_TABLES, TABLES

FLUSH_EVERY = 200  # files per written chunk
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
