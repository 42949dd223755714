"""Run: the corpus pipeline. Every file of a folder through ingest and extract, on a local process pool or
Dask, with a per-file and whole-run cache, streamed into the tables (CSV + Parquet)."""

from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus
from danvan.run.summary import ParseSummary

__all__ = ["ParseOptions", "ParseSummary", "parse_corpus"]
