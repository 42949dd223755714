"""The digests of a corpus's files, kept with their stat: a file whose stat has not changed is not read again;
any change to a file (its content, even with its modification time put back) is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from danvan.ingest.files import file_digest
from danvan.run import digests
from danvan.run.cache import ResultCache


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files hashed (read) from now on."""
    seen: list[str] = []

    def hashed(path: Path, folder: Path, max_mb: float) -> str:
        seen.append(path.name)
        return file_digest(path, folder, max_mb)

    monkeypatch.setattr(digests, "file_digest", hashed)
    return seen


def _corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"Bài {name}: Hội Nông dân xã vận động 45 hộ hiến đất.", encoding="utf-8")
    return sorted(folder.iterdir())


def _digests(paths: list[Path], folder: Path, cache: ResultCache | None, max_mb: float = 5.0) -> list[str]:
    relpaths = [path.relative_to(folder).as_posix() for path in paths]
    return digests.corpus_digests(paths, relpaths, folder, max_mb, cache)


def test_files_unchanged_since_they_were_hashed_are_not_read_again(tmp_path, read, monkeypatch):
    monkeypatch.setattr(digests, "SETTLED_NS", 0)  # (the files were just written)
    folder, cache = tmp_path / "corpus", ResultCache(tmp_path / "cache")
    paths = _corpus(folder)
    first = _digests(paths, folder, cache)
    assert first == _digests(paths, folder, None) and len(read) == 6
    read.clear()
    assert _digests(paths, folder, cache) == first and read == []
    # the same size, the modification time put back: the change time tells
    info = paths[1].stat()
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("45", "54"), encoding="utf-8")
    os.utime(paths[1], ns=(info.st_atime_ns, info.st_mtime_ns))
    assert paths[1].stat().st_size == info.st_size and paths[1].stat().st_mtime_ns == info.st_mtime_ns
    again = _digests(paths, folder, cache)
    assert read == ["b.txt"] and again[1] != first[1] and again[1] == file_digest(paths[1], folder, 5.0)
    read.clear()
    paths[2].unlink()  # replaced by another file of the same size: another inode
    paths[2].write_text(paths[0].read_text(encoding="utf-8").replace("a.txt", "c.txt"), encoding="utf-8")
    assert _digests(paths, folder, cache)[2] == file_digest(paths[2], folder, 5.0) and read == ["c.txt"]
    read.clear()
    assert _digests(paths, folder, cache, max_mb=1.0) and len(read) == 3  # other options: hashed again


def test_files_changed_just_before_they_were_hashed_are_hashed_again(tmp_path, read):
    folder, cache = tmp_path / "corpus", ResultCache(tmp_path / "cache")
    paths = _corpus(folder)  # written now: within SETTLED_NS
    _digests(paths, folder, cache)
    read.clear()
    _digests(paths, folder, cache)
    assert len(read) == 3


@pytest.mark.parametrize("index", ["not an index", {"a.txt": [1, 2, 3]}, {"a.txt": "x"}])
def test_a_damaged_index_is_passed_over(tmp_path, read, monkeypatch, index):
    monkeypatch.setattr(digests, "SETTLED_NS", 0)
    folder, cache = tmp_path / "corpus", ResultCache(tmp_path / "cache")
    paths = _corpus(folder)
    first = _digests(paths, folder, cache)
    cache.put(digests._index_key(folder, 5.0), index)
    read.clear()
    assert _digests(paths, folder, cache) == first and len(read) == 3
