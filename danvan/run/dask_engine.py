"""Run the per-file work on dask.distributed: a LocalCluster, or an existing scheduler."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any


def run_on_dask(
    function: Callable[..., Any], tasks: list[tuple[Any, ...]], scheduler: str | None = None
) -> Iterator[Any]:
    """Yield ``function(*task)`` for every task, in order. Needs ``pip install danvan[dask]``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:
        raise RuntimeError("--engine dask needs the dask extra: pip install 'danvan[dask]'") from err
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        )
        client = Client(cluster)
    try:
        futures = client.map(lambda task: function(*task), tasks, pure=False)
        for future in futures:
            yield future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
