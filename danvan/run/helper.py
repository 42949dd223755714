"""A helper process for a re-run that finds one file to parse (issue 23). Forked as a run with a cache and two
jobs or more starts, it loads the parsing path while this process lists, hashes and looks up the corpus;
when exactly one file is to be parsed it extracts that file, else it is stopped at once."""

from __future__ import annotations

import multiprocessing
import os
import signal
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any


class Helper:
    """One process, forked now (as the run starts, before its own threads and pools), loading what parsing
    needs."""

    def __init__(self, cache_folder: Path) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, theirs = context.Pipe()
        # Ctrl-C or SIGTERM while forking would leave locks held in the child: the signals wait (as for the
        # pool's workers, which unblock them once started).
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            self._process = context.Process(
                target=_serve, args=(theirs, os.getpid(), cache_folder), name="danvan-helper", daemon=True
            )
            self._process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        theirs.close()

    def extract(self, item: Any) -> None:
        """Give it a second-pass item (a task and the article its first pass read) to extract."""
        self._conn.send(item)

    def result(self) -> Any:
        """The result of the item given (waits for it); an error in the helper is raised here."""
        try:
            ok, value = self._conn.recv()
        except EOFError:
            raise RuntimeError("the helper process ended before it gave its result") from None
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """End the helper now, whatever it is doing (it writes nothing but its results to this process, and
        the stores of data built once, atomically); again, nothing."""
        self._process.kill()
        self._process.join()
        self._conn.close()


def _serve(conn: Connection, parent: int, cache_folder: Path) -> None:
    from danvan.run.per_file import second_pass, start_worker
    from danvan.run.warm import keep_stores_in, warm_up

    start_worker(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the helper
    keep_stores_in(cache_folder)
    warm_up()
    while (item := conn.recv()) is not None:
        try:
            conn.send((True, second_pass(*item)))
        except Exception as err:  # raised in the parent, as a pool would
            conn.send((False, err))
