"""Assemble a run's tables from its files' results, group by group (GROUP_FILES files, one Parquet row group
each). The cache keeps every group as it was written, and every chunk of CHUNK_FILES files of it: a group
the cache keeps is copied whole; a group with a file changed is joined from its chunks, the cached ones
copied and the others made from the files' results. Then the corpus-wide tables (glossary, keyness).
Imported only when a run is not served whole from the cache."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm import tqdm

from danvan.extract.themes import keyness, own_place_names
from danvan.run.cache import ResultCache
from danvan.run.chunks import Chunk, ChunkStore, Written, chunk_key, joined
from danvan.run.options import ParseOptions
from danvan.run.per_file import CorpusFiles, FileResult
from danvan.run.summary import ParseSummary
from danvan.run.writer import TableWriter, write_table
from danvan.tables import CORPUS_TABLES, TABLES

CHUNK_FILES = 50  # files per chunk: a re-run with one file changed makes this many files' rows again
GROUP_FILES = 200  # files per group (a multiple of CHUNK_FILES): a row group of the Parquet tables
WRITING_THREADS = 2  # tables written at once (Arrow encodes Parquet, and files are written, without the GIL)
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
    """Write every per-file table and the corpus tables into ``out_dir``; count into ``summary``; keep the
    files' heads in the cache. All that the cache keeps is read first, and only then are the files' results
    waited for."""
    writers = {
        name: TableWriter(out_dir, name, cols, raw_csv=options.raw_csv) for name, cols in TABLES.items()
    }
    totals = _Totals(summary)
    store = ChunkStore(cache.folder / "chunks") if cache is not None else None
    n = len(files.keys)
    with _Groups(files, ids, unread, writers, store, options, totals) as groups:
        spans = [range(a, min(a + GROUP_FILES, n)) for a in range(0, n, GROUP_FILES)]
        groups.fetch(spans)
        parts = [groups.read(span) for span in spans]  # the chunks each group needs made (none: stored)
        made = [part for group in parts for part in group if isinstance(part, range)]
        results = files.results([i for span in made for piece in groups.pieces(span) for i in piece])
        own_place_names()  # (keyness needs them at the end: loaded while the results are awaited)
        if n == 0:
            writers["ingest_log"].add(unread)
        for g, span in enumerate(spans):
            if parts[g]:
                groups.make(g, span, parts[g], results)
        # Every group is handed to the threads: the rest is done while they write.
        _write_corpus_tables(out_dir, totals.abbreviations, totals.words_by_province, options.raw_csv)
        if cache is not None and store is not None:
            if (heads := files.heads_to_keep()) is not None:
                cache.keep_heads(heads)
            store.prune()
    for writer in writers.values():
        writer.close()
    summary.corpus_sha256 = totals.corpus_hash.hexdigest()


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


class _Groups:
    """The groups of a run: read from the store or made (a group the store keeps is copied whole, the others
    joined from their chunks, cached or made from the files' results, and kept), and handed in order to
    WRITING_THREADS threads as soon as each and those before it are ready (Arrow encodes Parquet, and files
    are written, without the GIL)."""

    def __init__(
        self,
        files: CorpusFiles,
        ids: list[str],
        unread: list[dict[str, str]],
        writers: dict[str, TableWriter],
        store: ChunkStore | None,
        options: ParseOptions,
        totals: _Totals,
    ) -> None:
        self.files, self.ids, self.unread, self.writers = files, ids, unread, writers
        self.store, self.raw_csv, self.totals = store, options.raw_csv, totals
        self.fetching: dict[range, Future[Chunk | None]] = {}  # groups and chunks being read from the store
        self.ready: list[Chunk | None] = []  # each group once read or made
        self.handed = 0  # groups handed to the writing threads
        self.writing: list[Future[None]] = []  # the last groups handed, a task per table
        self.written: list[Future[None]] = []  # every task handed
        quiet = not options.progress
        self.bar = tqdm(total=len(files.keys), unit="file", disable=quiet, mininterval=1.0, delay=1.0)
        self.threads = ThreadPoolExecutor(max_workers=WRITING_THREADS, thread_name_prefix="danvan-writer")
        self.kept: list[Future[None]] = []

    def __enter__(self) -> _Groups:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.threads.shutdown()  # (waits for what is being written)
        self.bar.close()
        for future in [*self.kept, *self.written] if kind is None else ():
            future.result()  # an error of a thread, raised here

    def fetch(self, spans: list[range]) -> None:
        """Start reading, in the threads, each group the store may keep (every file of it settled), and the
        chunks it may keep of the other groups."""
        if self.store is None:
            return
        for span in spans:
            settled = [self.files.settled(i) for i in span]
            chunks = [span] if all(settled) else _chunks_of(span)
            for chunk in chunks:
                if all(settled[i - span.start] for i in chunk):
                    self.fetching[chunk] = self.threads.submit(self.store.get, self._key(chunk))

    def read(self, span: range) -> list[Chunk | range]:
        """Read group ``span`` from the store (and write it if its turn has come); else the chunks it is made
        of: as the store keeps them, or the spans of those to be made."""
        group = self._stored(span)
        self.ready.append(group)
        self._write_ready()
        if group is not None:
            return []
        return [self._stored(chunk) or chunk for chunk in _chunks_of(span)]

    def make(self, g: int, span: range, parts: list[Chunk | range], results: Iterator[FileResult]) -> None:
        """Make group ``g`` from its chunks, the missing ones from the next files' ``results``; keep it."""
        chunks = []
        for part in parts:
            if isinstance(part, Chunk):
                chunks.append(part)
            else:
                chunks.append(self._made(part, results))
                self._keep(part, chunks[-1])
        self.ready[g] = joined(chunks)
        if len(chunks) > 1:  # (a group of one chunk is kept as that chunk)
            self._keep(span, self.ready[g])
        self._write_ready()

    def _key(self, span: range) -> str:
        return _chunk_key(self.files, span, self.ids, self.raw_csv, self.unread if span.start == 0 else [])

    def _stored(self, span: range) -> Chunk | None:
        """The chunk or group of ``span`` as the store keeps it, if every file of it is settled."""
        files = self.files
        if self.store is None or not all(files.settled(i) for i in span):
            return None
        fetching = self.fetching.pop(span, None)
        chunk = fetching.result() if fetching is not None else self.store.get(self._key(span))
        if chunk is not None:
            self.totals.summary.cached += sum(i in files.known and i not in files.duplicates for i in span)
            self.bar.update(len(span))
        return chunk

    def _keep(self, span: range, chunk: Chunk) -> None:
        if self.store is not None and all(self.files.keys[i] for i in span):
            self.kept.append(self.threads.submit(self.store.put, self._key(span), chunk))

    def pieces(self, span: range) -> list[range]:
        """The files of a chunk to be made, in the order their results are taken: in file order, but the
        file another process extracts (:attr:`CorpusFiles.awaited`) after the rest of its chunk, which is made
        while that file is awaited."""
        awaited = self.files.awaited
        if awaited is None or awaited not in span:
            return [span]
        pieces = (range(span.start, awaited), range(awaited + 1, span.stop), range(awaited, awaited + 1))
        return [piece for piece in pieces if piece]

    def _made(self, span: range, results: Iterator[FileResult]) -> Chunk:
        made = {piece.start: self._piece(piece, results) for piece in self.pieces(span)}
        return joined([made[start] for start in sorted(made)])

    def _piece(self, piece: range, results: Iterator[FileResult]) -> Chunk:
        chunk = Chunk()
        if piece.start == 0:  # the folders not read come first
            self.writers["ingest_log"].add(self.unread)
        for result in islice(results, len(piece)):
            _add_result(chunk, self.writers, result)
            self.totals.summary.cached += result.from_cache
            self.bar.update()
        taken = {name: writer.take() for name, writer in self.writers.items()}
        chunk.tables = {name: t for name, t in taken.items() if t is not None}
        return chunk

    def _write_ready(self) -> None:
        """Hand the threads every group that is ready and follows the last one handed: a task per table writes
        them in order (the largest tables first)."""
        batch = []
        while self.handed < len(self.ready) and (group := self.ready[self.handed]) is not None:
            self.totals.add(group)  # in file order, as the glossary and the corpus hash need
            batch.append(group)
            self.ready[self.handed] = _HANDED  # (its memory goes once it is written)
            self.handed += 1
        if not batch:
            return
        for future in self.writing:
            future.result()  # a table's groups in order; one batch waiting: memory stays a batch's
        parts = {name: [g.tables[name] for g in batch if name in g.tables] for name in self.writers}
        largest = sorted((n for n in parts if parts[n]), key=lambda n: -sum(len(w.csv) for w in parts[n]))
        self.writing = [self.threads.submit(_write_all, self.writers[name], parts[name]) for name in largest]
        self.written += self.writing


def _chunks_of(span: range) -> list[range]:
    return [range(a, min(a + CHUNK_FILES, span.stop)) for a in span[::CHUNK_FILES]]


def _write_all(writer: TableWriter, parts: list[Written]) -> None:
    for written in parts:
        writer.write(written)


_HANDED = Chunk()  # a group handed to the writing threads


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
