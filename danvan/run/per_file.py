"""The work done per file, in worker processes, in two passes: a cheap first pass (read, decode, clean,
fingerprint) decides which files are duplicates of an earlier one, and only the files
kept go through the expensive one (word segmentation and every extractor). Results come back in file order,
from the cache where it has them."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Protocol, TypeVar

from danvan.article import Article
from danvan.ingest.dedupe import Deduper, Fingerprint, fingerprint, hashing
from danvan.ingest.files import display_name
from danvan.ingest.read import ingest_file
from danvan.ingest.segment import sentences
from danvan.run.cache import ResultCache, cache_key
from danvan.run.dask_engine import run_on_dask
from danvan.run.gc_tuning import collect_less
from danvan.run.options import ParseOptions
from danvan.run.warm import start_warm_up
from danvan.sidecar import sidecar_path
from danvan.text import fold_long

Task = tuple[str, str, float, str]  # corpus folder, file (relative), max MB, article id
Read = tuple["FileResult", Article | None]
In = TypeVar("In")
Out = TypeVar("Out")
HEADS_SLACK = 0.02  # share of a run's heads not in the index, or in it for no file, before it is rewritten
KEEP_CHARS = 32_000_000  # articles the first pass read are kept for the second up to this much text


class Helper(Protocol):
    """A process that extracts one file while this one reads the cache (:class:`danvan.run.helper.Helper`)."""

    def extract(self, item: tuple[Task, Article | None]) -> None: ...
    def result(self) -> FileResult: ...
    def stop(self) -> None: ...


@dataclass
class FileResult:
    """Everything the corpus pass needs from one file (small and picklable). ``duplicate`` is set by the
    corpus pass ((kind, kept article, similarity)), never cached."""

    log: dict[str, str]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    words: Counter[str] = field(default_factory=Counter)
    fingerprint: Fingerprint | None = None
    sha256: str = ""
    duplicate: tuple[str, str, float] | None = None
    from_cache: bool = False

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


def _fingerprint(article: Article) -> Fingerprint:
    # The body only, so the date, source and byline lines do not count: the same article republished under
    # another dateline or byline is a duplicate. (The words of the body are the words of its sentences.)
    return fingerprint(fold_long(article.text))


def _read(
    folder: str, relpath: str, max_mb: float, article_id: str, split: bool
) -> tuple[FileResult, Article | None]:
    """The file read into an article (or not; with ``split``, its sentences and words too) and its log row."""
    root = Path(folder)
    ingested = ingest_file(
        root / relpath, root, max_mb=max_mb, words=split, split=split, article_id=article_id
    )
    log = {"file": ingested.file, "status": ingested.status, "reason": ingested.reason, "article_id": ""}
    if ingested.article is not None:
        log["article_id"] = ingested.article.article_id
    return FileResult(log), ingested.article


def first_pass(folder: str, relpath: str, max_mb: float, article_id: str = "") -> Read:
    """The cheap pass: the file's log and, for an article, its fingerprint and the article read (cleaned,
    not yet split into sentences)."""
    result, article = _read(folder, relpath, max_mb, article_id, split=False)
    if article is not None:
        result.fingerprint = _fingerprint(article)
    return result, article


def process_file(folder: str, relpath: str, max_mb: float, article_id: str = "") -> FileResult:
    """Ingest and extract one file (runs in a worker process)."""
    from danvan.extract.combine import extract_all  # the extractors: only where an article is parsed

    result, article = _read(folder, relpath, max_mb, article_id, split=True)
    if article is None:
        return result
    result.tables, result.words = extract_all(article)
    result.fingerprint = _fingerprint(article)
    return result


def second_pass(task: Task, article: Article | None) -> FileResult:
    """The expensive pass: the article the first pass read, segmented and extracted (its log and fingerprint
    are the first pass's); a file whose article was not kept is read again."""
    from danvan.extract.combine import extract_all

    if article is None:
        return process_file(*task)
    article.sentences = sentences(article.text)
    result = FileResult({})
    result.tables, result.words = extract_all(article)
    return result


def _first_task(task: Task) -> Read:
    return first_pass(*task)


def _second_task(item: tuple[Task, Article | None]) -> FileResult:
    return second_pass(*item)


def _sidecar_of(relpath: str) -> str:
    return sidecar_path(PurePosixPath(relpath)).as_posix()


class CorpusFiles:
    """The files of a corpus, planned: cache keys, what the cache knows, the cheap first pass of the others
    and which files are duplicates of an earlier one; :meth:`results` then gives every file's result."""

    def __init__(
        self,
        folder: Path,
        relpaths: list[str],
        ids: list[str],
        digests: list[str],
        options: ParseOptions,
        cache: ResultCache | None,
        helper: Helper | None = None,
    ) -> None:
        self.options, self.cache, self.digests = options, cache, digests
        shaping = f"max_mb={options.max_mb}"  # the options that shape a file's result
        digest_of = dict(zip(relpaths, digests, strict=True))
        # A page's result depends on its sidecar too (its URL): both digests make the key.
        self.keys = [
            cache_key(display_name(r), d + digest_of.get(_sidecar_of(r), ""), shaping) if d and cache else ""
            for r, d in zip(relpaths, digests, strict=True)
        ]
        self.tasks = [(str(folder), rel, options.max_mb, i) for rel, i in zip(relpaths, ids, strict=True)]
        stored = [bool(key) and cache is not None and cache.has(key) for key in self.keys]
        new = [i for i, known in enumerate(stored) if not known]
        # One file to parse: the helper forked as the run started (if any) extracts it, unless it is a
        # duplicate; any other run stops it.
        self.helper = helper if helper is not None and len(new) == 1 else None
        if helper is not None and self.helper is None:
            helper.stop()
        # What decides duplicates: the cached result's log and fingerprint, else the first pass. The heads
        # of the last run's files are kept together (one file read, not one per file).
        index = cache.heads() if cache is not None else {}
        self.heads: dict[str, dict[str, Any]] = {}  # the heads of this run's files, kept for the next
        self.known: dict[int, FileResult] = {}
        self.indexed, self.index_size = 0, len(index)  # heads taken from the index, heads it holds
        for i, key in enumerate(self.keys):
            if stored[i] and cache is not None:
                kept = _from_data(index.get(key))  # else the small head, else the whole entry
                cached = kept or _cached(cache, _head(key)) or _cached(cache, key)
                if cached is not None:
                    self.known[i] = FileResult(cached.log, fingerprint=cached.fingerprint)
                    self.heads[key] = index[key] if kept is not None else self.known[i].to_data()
                    self.indexed += kept is not None
        self.misses = [i for i in range(len(self.tasks)) if i not in self.known]
        # in this process, else a pool or Dask
        self.here = options.engine != "dask" and (options.workers <= 1 or len(self.misses) <= 1)
        first_tasks = [self.tasks[i] for i in self.misses]
        passed = (
            map(_first_task, first_tasks)
            if self.here
            else _run(_first_task, first_pass, first_tasks, options)
        )
        self.warming = start_warm_up() if not self.here and options.engine != "dask" else None
        self.first: dict[int, FileResult] = {}
        self.articles: dict[int, Article] = {}
        kept_chars = 0
        for i, (result, article) in zip(self.misses, passed, strict=True):
            self.first[i] = result
            if article is not None and kept_chars < KEEP_CHARS:  # else read again by the second pass
                self.articles[i] = article
                kept_chars += len(article.raw)
        deduper = Deduper()
        self.duplicates: dict[int, tuple[str, str, float]] = {}
        for i in range(len(self.tasks)):
            seen = self.known.get(i) or self.first[i]
            if seen.fingerprint is not None and (
                dup := deduper.check(seen.log["article_id"], seen.fingerprint)
            ):
                self.duplicates[i] = dup
        self.full = [
            i for i in self.misses if self.first[i].fingerprint is not None and i not in self.duplicates
        ]
        self.on_helper: Iterator[FileResult] | None = None
        self.awaited: int | None = None  # the file the helper extracts (while its chunk is made)
        if self.helper is not None and new[0] not in self.full:  # a duplicate or rejected: not extracted
            self.helper.stop()
        elif self.helper is not None:  # given at once: the helper extracts while this process reads
            items = self._second_items()
            self.helper.extract(items[self.full.index(new[0])])
            self.on_helper = _on_helper(self.helper, self.full, new[0], items)
            self.awaited = new[0]

    def _second_items(self) -> list[tuple[Task, Article | None]]:
        """The second pass's tasks: each file kept, with the article its first pass read (if kept)."""
        return [(self.tasks[i], self.articles.pop(i, None)) for i in self.full]

    def heads_to_keep(self) -> dict[str, dict[str, Any]] | None:
        """The heads of this run's files, to be kept together for the next run (once every result is taken);
        None when the index read holds all but a few of them (HEADS_SLACK of them) and as few others: the next
        run reads those few on their own, and a run with one file changed does not write every head again."""
        missing, others = len(self.heads) - self.indexed, self.index_size - self.indexed
        few = int(HEADS_SLACK * len(self.heads))
        return None if missing <= few and others <= few else self.heads

    def settled(self, i: int) -> bool:
        """Whether file ``i``'s result is settled without extracting it: cached, or a duplicate."""
        return bool(self.keys[i]) and (i in self.known or i in self.duplicates)

    def results(self, order: Iterable[int]) -> Iterator[FileResult]:
        """The FileResults of the files in ``order`` (each file once, at most; any other is settled, see
        :meth:`settled`): cache hits read one at a time, the others extracted in this process, a pool or on
        Dask (in file order: a result taken before its turn waits for those before it)."""
        if self.warming is not None:
            self.warming.join()  # loaded before the pool forks: every worker has it without loading it again
        options, cache, first, known = self.options, self.cache, self.first, self.known
        if self.on_helper is not None:
            computed = self.on_helper
        elif self.here:
            computed = map(_second_task, self._second_items())
        else:
            computed = _run(_second_task, second_pass, self._second_items(), options)
        self.articles.clear()  # duplicates' articles: not needed any more
        extracted, pending = set(self.full), iter(self.full)  # (the order ``computed`` gives their results)
        ahead: dict[int, FileResult] = {}  # results taken from ``computed`` before their turn in ``order``
        for i in order:
            key = self.keys[i]
            result = _cached(cache, key) if i in known and cache is not None else None
            if result is not None:
                result.from_cache = True
            elif i in self.duplicates:
                result = first[i] if i in first else known[i]
            elif i in known:  # the cached file vanished or broke since: parse it here
                result = process_file(*self.tasks[i])
            else:
                while i in extracted and i not in ahead:
                    ahead[next(pending)] = next(computed)
                result = ahead.pop(i) if i in extracted else first[i]  # rejected files: done after one pass
                if not result.log:  # extracted from the first pass's article: its log and fingerprint
                    result.log, result.fingerprint = first[i].log, first[i].fingerprint
                if cache is not None and key:
                    cache.put(key, result.to_data())
                    self.heads[key] = FileResult(result.log, fingerprint=result.fingerprint).to_data()
                    cache.put(_head(key), self.heads[key])
            result.duplicate = self.duplicates.get(i)
            result.sha256 = self.digests[i]
            yield result


def start_worker(parent: int) -> None:
    """In a worker: end when the parent process ends, even killed (Linux: PR_SET_PDEATHSIG); collect less."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})  # blocked while forked
    collect_less()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the CLI's clean-stop handler: a worker just ends
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # not Linux: the pool's own shutdown still ends the workers after a clean stop
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _head(key: str) -> str:
    """The key of an entry's head: its log row and fingerprint only, all that decides duplicates (a re-run
    reads the heads of every file first, and the whole entries once, as it writes the tables)."""
    return f"{key}-head"


def _cached(cache: ResultCache | None, key: str) -> FileResult | None:
    return _from_data(cache.get(key) if cache is not None and key else None)


def _from_data(data: Any) -> FileResult | None:
    try:
        return FileResult.from_data(data) if data is not None else None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None  # well-formed JSON of the wrong shape: a miss like any damaged entry


def _run(
    task_function: Callable[[In], Out],
    function: Callable[..., Out],
    tasks: list[In],
    options: ParseOptions,
) -> Iterator[Out]:
    """``task_function`` over ``tasks`` in order: in this process, a local pool or on Dask (``function``)."""
    if not tasks:
        return iter(())
    if options.engine == "dask":
        return run_on_dask(function, tasks, options.scheduler)
    jobs = options.workers
    if jobs <= 1 or len(tasks) == 1:
        return map(task_function, tasks)
    chunksize = max(1, min(4, len(tasks) // (jobs * 8)))
    hashing()  # NumPy and the fingerprints' parameters, loaded once here: the workers inherit them
    pool, results = _forked(jobs, lambda pool: pool.map(task_function, tasks, chunksize=chunksize))
    return _results_of(pool, results)


def _forked(jobs: int, start: Callable[[ProcessPoolExecutor], Out]) -> tuple[ProcessPoolExecutor, Out]:
    """A pool of ``jobs`` workers and ``start(pool)``, which submits its first tasks (and so forks them).
    Ctrl-C or SIGTERM while the workers are forked would raise inside the fork handlers of logging and
    others and leave their locks held (a later import then waits forever): the signals wait till it is
    done."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=start_worker, initargs=(os.getpid(),))
        return pool, start(pool)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _on_helper(
    helper: Helper, full: list[int], new: int, items: list[tuple[Task, Article | None]]
) -> Iterator[FileResult]:
    """The second pass of the files kept: file ``new`` by the helper (given to it already), any other (a file
    whose cached result broke since) in this process."""
    try:
        for i, item in zip(full, items, strict=True):
            yield helper.result() if i == new else second_pass(*item)
    finally:
        helper.stop()


def _results_of(pool: ProcessPoolExecutor, results: Iterable[Any]) -> Iterator[Any]:
    """The results of ``pool``'s tasks (an iterator of them, or of futures), in order; the pool is shut down
    when they are all taken, or when they are given up."""
    try:
        for result in results:
            yield result.result() if isinstance(result, Future) else result
    finally:
        pool.shutdown(cancel_futures=True)
