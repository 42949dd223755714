"""A run's tables kept per chunk of files, so that a re-run with a few files changed assembles only the
chunks that hold them (issue 23): the others are copied from the cache as they were written, CSV text and
Arrow data, with what the corpus-wide tables and the summary need of them. Stored as data (JSON, CSV text,
Arrow IPC) with checksums; anything damaged is a miss."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

FORMAT = "danvan-chunk-1"
KEEP_CHUNKS = 4096  # the most recently used chunks kept (a chunk is the tables of CHUNK_FILES files)


@dataclass
class Written:
    """One chunk of one table: its CSV text (UTF-8, without the header) and its Arrow table."""

    csv: bytes
    table: pa.Table


@dataclass
class Chunk:
    """What a chunk of files added to a run: its tables' rows, and its share of the summary and corpus
    tables."""

    tables: dict[str, Written] = field(default_factory=dict)
    counts: dict[str, Any] = field(default_factory=dict)  # parsed, warned, rejected, metadata, reasons
    files: list[list[str]] = field(default_factory=list)  # [file, sha256] of each file, for the corpus hash
    abbreviations: list[dict[str, Any]] = field(default_factory=list)
    words: dict[str, dict[str, int]] = field(default_factory=dict)  # province -> word -> count


def joined(chunks: list[Chunk]) -> Chunk:
    """One chunk of ``chunks``, in order: their rows, counts, files, abbreviations and words together."""
    if len(chunks) == 1:
        return chunks[0]
    whole = Chunk()
    for name in dict.fromkeys(name for chunk in chunks for name in chunk.tables):
        parts = [chunk.tables[name] for chunk in chunks if name in chunk.tables]
        table = (
            parts[0].table if len(parts) == 1 else pa.concat_tables([p.table for p in parts]).combine_chunks()
        )
        whole.tables[name] = Written(b"".join(p.csv for p in parts), table)
    counts, reasons = whole.counts, {}
    for chunk in chunks:
        for name, count in chunk.counts.items():
            if name != "reasons":
                counts[name] = counts.get(name, 0) + count
        for reason, count in chunk.counts.get("reasons", {}).items():
            reasons[reason] = reasons.get(reason, 0) + count
        whole.files += chunk.files
        whole.abbreviations += chunk.abbreviations
        for province, words in chunk.words.items():
            total = whole.words.setdefault(province, {})
            for word, count in words.items():
                total[word] = total.get(word, 0) + count
    if reasons:
        counts["reasons"] = reasons
    return whole


def chunk_key(parts: list[str]) -> str:
    """Key of a chunk: everything that shapes its rows (the files' result keys, ids, duplicate marks...)."""
    return hashlib.sha256("\0".join([FORMAT, *parts]).encode("utf-8")).hexdigest()


def _arrow_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _sha(data: bytes | memoryview) -> str:
    return hashlib.sha256(data).hexdigest()


class ChunkStore:
    """Chunks under ``folder/ab/KEY.chunk``: the checksum of the rest, a JSON header line (the chunk's counts
    and its tables' lengths), then each table's CSV text and Arrow IPC stream; written atomically, the least
    recently used dropped (:meth:`prune`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.chunk"

    def get(self, key: str) -> Chunk | None:
        """The chunk stored under ``key`` if whole, else None (a damaged one is removed)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
            start = data.index(b"\n") + 1
            rest = memoryview(data)[start:]  # (slices of a memoryview are not copies)
            if not hmac.compare_digest(data[: start - 1], _sha(rest).encode("ascii")):
                raise ValueError("checksum mismatch")
            body = data.index(b"\n", start) + 1
            header = json.loads(data[start : body - 1])
            if header.get("format") != FORMAT:
                raise ValueError("not a chunk of this version")
            chunk = Chunk(**header["chunk"])
            view = memoryview(data)[body:]
            for name, csv_length, arrow_length in header["blobs"]:
                arrow = view[csv_length : csv_length + arrow_length]
                table = pa.ipc.open_stream(pa.py_buffer(arrow)).read_all()
                chunk.tables[name] = Written(bytes(view[:csv_length]), table)
                view = view[csv_length + arrow_length :]
            os.utime(path)  # most recently used
            return chunk
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, chunk: Chunk) -> None:
        """Store ``chunk`` under ``key``; a cache that cannot be written is left as it is."""
        blobs, parts = [], []
        for name, written in chunk.tables.items():
            csv_bytes, arrow_bytes = written.csv, _arrow_bytes(written.table)
            blobs.append([name, len(csv_bytes), len(arrow_bytes)])
            parts += [csv_bytes, arrow_bytes]
        meta = {k: v for k, v in chunk.__dict__.items() if k != "tables"}
        head = json.dumps({"format": FORMAT, "chunk": meta, "blobs": blobs}, ensure_ascii=False)
        rest = head.encode("utf-8") + b"\n" + b"".join(parts)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(_sha(rest).encode("ascii") + b"\n" + rest)
            os.replace(tmp, path)
        except OSError:
            return

    def prune(self) -> None:
        """Keep the :data:`KEEP_CHUNKS` most recently used chunks."""
        try:
            stored = sorted(self.folder.glob("*/*.chunk"), key=lambda p: p.stat().st_mtime)
        except OSError:
            return
        for old in stored[:-KEEP_CHUNKS]:
            old.unlink(missing_ok=True)
