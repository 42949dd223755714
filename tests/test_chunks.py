"""Incremental re-runs (issue 23): the tables are kept per chunk of files, and a re-run with a file changed
assembles only its chunk again; the other chunks are copied as they were, and the output is the same bytes as
a run without any cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from danvan.run import assemble, per_file
from danvan.run.chunks import ChunkStore
from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus
from tests.conftest import OTHER_CORPUS, SEEDS


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeds and the other test corpus in one folder, in chunks of two files and groups of four."""
    monkeypatch.setattr(assemble, "CHUNK_FILES", 2)
    monkeypatch.setattr(assemble, "GROUP_FILES", 4)
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder / "seeds")
    shutil.copytree(OTHER_CORPUS, folder / "other")
    return folder


@pytest.fixture
def read_whole(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose whole cached result or article is read from now on (not served by a chunk)."""
    seen: list[str] = []
    from danvan.extract import combine

    real_cached, real_extract = per_file._cached, combine.extract_all

    def cached(cache, key):
        result = real_cached(cache, key)
        if result is not None and not key.endswith("-head"):
            seen.append(result.log["file"])
        return result

    def extract(article):
        seen.append(article.file)
        return real_extract(article)

    monkeypatch.setattr(per_file, "_cached", cached)
    monkeypatch.setattr(combine, "extract_all", extract)
    return seen


def _options(cache: Path | None, **kw) -> ParseOptions:
    kw.setdefault("jobs", 1)
    return ParseOptions(cache_dir=cache, use_cache=cache is not None, progress=False, **kw)


def _append(path: Path, sentence: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + sentence + "\n", encoding="utf-8")


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_changed_file_reassembles_only_its_chunk(
    corpus: Path, tmp_path: Path, read_whole: list[str], jobs: int
):
    cache = tmp_path / "cache"
    parse_corpus(corpus, tmp_path / "cold", _options(cache, jobs=jobs))  # a pool for 2 jobs
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    n_chunks = (len(files) + 1) // 2
    n_groups = sum(len(files) - start > 2 for start in range(0, len(files), 4))  # of more than one chunk
    assert len(list((cache / "chunks").glob("*/*.chunk"))) == n_chunks + n_groups
    changed = files[3]  # the second file of the second chunk
    _append(corpus / changed, "Hội Nông dân xã vận động 30 hộ tham gia mô hình “Cánh đồng lớn”.")
    read_whole.clear()
    summary = parse_corpus(corpus, tmp_path / "again", _options(cache))
    assert sorted(read_whole) == sorted([files[2], changed])  # its chunk-mate from the per-file cache
    assert summary.cached == len(files) - 1
    parse_corpus(corpus, tmp_path / "fresh", _options(None))
    assert _bytes(tmp_path / "again") == _bytes(tmp_path / "fresh")  # CSV and Parquet, byte for byte


def test_with_two_jobs_one_changed_file_is_parsed_by_a_helper_process(
    corpus: Path, tmp_path: Path, read_whole: list[str]
):
    cache = tmp_path / "cache"
    parse_corpus(corpus, tmp_path / "cold", _options(cache))
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    changed = files[3]
    _append(corpus / changed, "Đoàn Thanh niên xã ra quân làm sạch 3 km kênh mương.")
    read_whole.clear()
    summary = parse_corpus(corpus, tmp_path / "again", _options(cache, jobs=2))
    assert read_whole == [files[2]]  # the changed file was extracted in the helper, not in this process
    assert summary.cached == len(files) - 1
    parse_corpus(corpus, tmp_path / "fresh", _options(None))
    assert _bytes(tmp_path / "again") == _bytes(tmp_path / "fresh")
    # a new file that turns out a copy of another: the helper is let go, nothing extracted
    shutil.copy(corpus / files[0], corpus / "seeds" / "zz-copy.txt")
    read_whole.clear()
    summary = parse_corpus(corpus, tmp_path / "copy", _options(cache, jobs=2))
    assert summary.reasons["duplicate"] == 1 and read_whole == []


def test_the_rest_of_a_chunk_is_made_while_the_helpers_file_is_awaited(
    corpus: Path, tmp_path: Path, read_whole: list[str], monkeypatch: pytest.MonkeyPatch
):
    from danvan.run import helper

    real_result = helper.Helper.result

    def result(self):
        read_whole.append("the helper's result")
        return real_result(self)

    monkeypatch.setattr(helper.Helper, "result", result)
    cache = tmp_path / "cache"
    parse_corpus(corpus, tmp_path / "cold", _options(cache))
    files = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    _append(corpus / files[2], "Hội LHPN xã trao 12 con bò giống cho hội viên nghèo.")  # first of its chunk
    read_whole.clear()
    parse_corpus(corpus, tmp_path / "again", _options(cache, jobs=2))
    assert read_whole == [files[3], "the helper's result"]  # its chunk-mate first
    parse_corpus(corpus, tmp_path / "fresh", _options(None))
    assert _bytes(tmp_path / "again") == _bytes(tmp_path / "fresh")
    # a chunk-mate after it that must be extracted again too (its cached entry and head broken since):
    # extracted here once the helper's file is taken, in file order
    _append(corpus / files[2], "Thêm một câu.")
    parse_corpus(corpus, tmp_path / "warm", _options(cache))
    for path in cache.glob("*/*.json"):
        if files[3] in path.read_text(encoding="utf-8"):  # its entry and head, and the heads index
            path.write_text("damaged", encoding="utf-8")
    shutil.rmtree(cache / "runs")
    _append(corpus / files[2], "Thêm một câu nữa.")
    read_whole.clear()
    parse_corpus(corpus, tmp_path / "broken", _options(cache, jobs=2))
    assert [f for f in read_whole if f != "warm-up.txt"] == ["the helper's result", files[3]]  # (two to read)
    parse_corpus(corpus, tmp_path / "fresh", _options(None))
    assert _bytes(tmp_path / "broken") == _bytes(tmp_path / "fresh")


def test_a_damaged_group_is_joined_from_its_chunks_and_a_damaged_chunk_made_again(
    corpus: Path, tmp_path: Path, read_whole: list[str]
):
    cache = tmp_path / "cache"
    parse_corpus(corpus, tmp_path / "cold", _options(cache))
    shutil.rmtree(cache / "runs")  # the whole run would serve the next run before any chunk
    store = ChunkStore(cache / "chunks")
    kept = {path: store.get(path.stem) for path in sorted((cache / "chunks").glob("*/*.chunk"))}
    group = next(path for path, chunk in kept.items() if chunk and len(chunk.files) == 4)
    data = bytearray(group.read_bytes())
    data[-5] ^= 0xFF  # a flipped byte in the last table's data
    group.write_bytes(bytes(data))
    read_whole.clear()
    parse_corpus(corpus, tmp_path / "group", _options(cache))
    assert read_whole == []  # joined from its two chunks
    assert _bytes(tmp_path / "group") == _bytes(tmp_path / "cold")
    shutil.rmtree(cache / "runs")
    group.unlink()
    files_of = {path: [f for f, _ in chunk.files] for path, chunk in kept.items() if chunk}
    chunk = next(path for path, files in files_of.items() if len(files) == 2 and files[0] in files_of[group])
    chunk.write_bytes(b"not a chunk")
    read_whole.clear()
    parse_corpus(corpus, tmp_path / "chunk", _options(cache))
    assert sorted(read_whole) == sorted(files_of[chunk])  # from the per-file cache
    assert _bytes(tmp_path / "chunk") == _bytes(tmp_path / "cold")


def test_chunks_with_copies_are_reused_and_csv_modes_do_not_mix(corpus: Path, tmp_path: Path):
    original = sorted((corpus / "seeds").glob("*.txt"))[0]
    (corpus / "seeds" / "zz_copy.txt").write_text("Báo Mới\n" + original.read_text(encoding="utf-8"))
    (corpus / "linked").symlink_to(corpus / "other", target_is_directory=True)  # a folder not followed
    cache = tmp_path / "cache"
    for raw in (False, True, False, True):
        out = tmp_path / f"cached-{raw}"
        parse_corpus(corpus, out, _options(cache, raw_csv=raw))
        shutil.rmtree(cache / "runs")
        parse_corpus(corpus, tmp_path / f"fresh-{raw}", _options(None, raw_csv=raw))
        assert _bytes(out) == _bytes(tmp_path / f"fresh-{raw}")
        shutil.rmtree(out)
    log = (tmp_path / "fresh-False" / "ingest_log.csv").read_text(encoding="utf-8")
    assert "duplicate of" in log and "not followed" in log


def test_the_store_keeps_the_most_recently_used_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from danvan.run import chunks

    monkeypatch.setattr(chunks, "KEEP_CHUNKS", 2)
    store = ChunkStore(tmp_path)
    for key in ("a1", "b2", "c3"):
        store.put(key, chunks.Chunk(counts={"parsed": 1}))
    assert store.get("a1") is not None  # used now: kept
    store.prune()
    kept = sorted(p.stem for p in tmp_path.glob("*/*.chunk"))
    assert len(kept) == 2 and "a1" in kept and "c3" in kept
    assert store.get("zz") is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_articles_not_kept_between_the_passes_are_read_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
):
    parse_corpus(corpus, tmp_path / "kept", _options(None, jobs=jobs))
    monkeypatch.setattr(per_file, "KEEP_CHARS", 0)  # no article kept: the second pass reads every file again
    parse_corpus(corpus, tmp_path / "read-again", _options(None, jobs=jobs))
    assert _bytes(tmp_path / "kept") == _bytes(tmp_path / "read-again")


def test_the_heads_of_the_last_run_are_read_together_and_a_damaged_index_is_passed_over(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from danvan.run.cache import HEADS, ResultCache

    read: list[str] = []
    real_get = ResultCache.get

    def get(self, key):
        read.append(key)
        return real_get(self, key)

    monkeypatch.setattr(ResultCache, "get", get)
    cache = tmp_path / "cache"
    parse_corpus(corpus, tmp_path / "cold", _options(cache))
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    _append(files[3], "Hội Cựu chiến binh xã tặng 5 sổ tiết kiệm cho hội viên nghèo.")
    read.clear()
    parse_corpus(corpus, tmp_path / "again", _options(cache))
    assert HEADS in read and not [key for key in read if key.endswith("-head")]
    index = next((cache / HEADS[:2]).glob(f"{HEADS}.json"))
    index.write_text("not an index", encoding="utf-8")
    _append(files[3], "Đoàn viên ra quân dọn vệ sinh.")
    read.clear()
    parse_corpus(corpus, tmp_path / "damaged", _options(cache))
    assert len([key for key in read if key.endswith("-head")]) == len(files) - 1  # read one by one
    parse_corpus(corpus, tmp_path / "fresh", _options(None))
    assert _bytes(tmp_path / "damaged") == _bytes(tmp_path / "fresh")


def test_heads_of_the_wrong_shape_are_read_again_and_not_kept(corpus: Path, tmp_path: Path):
    from danvan.run import per_file
    from danvan.run.cache import ResultCache

    cache = tmp_path / "cache"
    parse_corpus(corpus, tmp_path / "cold", _options(cache))
    store = ResultCache(cache)
    store.keep_heads({key: {"log": "not a head"} for key in store.heads()})  # checksummed, wrong shape
    _append(sorted(p for p in corpus.rglob("*") if p.is_file())[3], "Thêm một câu.")
    parse_corpus(corpus, tmp_path / "again", _options(cache))
    heads = store.heads()
    assert heads and all(per_file._from_data(head) is not None for head in heads.values())
    parse_corpus(corpus, tmp_path / "fresh", _options(None))
    assert _bytes(tmp_path / "again") == _bytes(tmp_path / "fresh")


def test_the_heads_index_is_written_again_only_when_more_than_a_few_heads_are_not_in_it(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from danvan.run.cache import HEADS

    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    monkeypatch.setattr(per_file, "HEADS_SLACK", 1.5 / len(files))  # a few: one head
    cache = tmp_path / "cache"
    parse_corpus(corpus, tmp_path / "cold", _options(cache))
    index = next((cache / HEADS[:2]).glob(f"{HEADS}.json"))
    written = index.read_bytes()
    _append(files[3], "Hội Cựu chiến binh xã tặng 5 sổ tiết kiệm cho hội viên nghèo.")
    parse_corpus(corpus, tmp_path / "one", _options(cache))
    assert index.read_bytes() == written  # one head not in it (and one in it for no file): left as it is
    _append(files[5], "Đoàn viên ra quân dọn vệ sinh.")
    parse_corpus(corpus, tmp_path / "two", _options(cache))
    assert index.read_bytes() != written  # two heads not in it: written again
    parse_corpus(corpus, tmp_path / "fresh", _options(None))
    assert _bytes(tmp_path / "two") == _bytes(tmp_path / "fresh")
