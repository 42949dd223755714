"""How a corpus is parsed: the options the CLI, ``build`` and the notebooks pass to the pipeline."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from danvan.ingest.files import DEFAULT_MAX_MB


@dataclass(frozen=True)
class ParseOptions:
    """Options of one parse; the defaults are the CLI's."""

    jobs: int | None = None  # worker processes; None: all cores
    cache_dir: Path | None = None  # None: $DANVAN_CACHE_DIR, else the user cache
    use_cache: bool = True
    max_mb: float = DEFAULT_MAX_MB  # largest article file accepted
    engine: str = "local"  # "local" (a process pool) or "dask"
    scheduler: str | None = None  # address of a running dask scheduler
    progress: bool = True  # show a progress bar
    raw_csv: bool = False  # CSV cells as extracted, formula triggers and all (for programs, not spreadsheets)

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1
