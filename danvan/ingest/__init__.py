"""Ingest: from a file on disk to a clean Article.

Read and decode the bytes (UTF-8, Windows-1258, UTF-16; legacy font encodings refused), take the main text
of a saved web page, normalise to NFC, tell page furniture from the article's lines, split sentences and
words, and fingerprint the text to find duplicates. Nothing here knows what the article says.
"""

from __future__ import annotations

__all__ = ["build_article", "ingest_file", "iter_corpus", "list_files"]


def __getattr__(name: str) -> object:
    """The package's names, imported on first use: reading a folder's listing does not import the decoders."""
    if name in __all__:
        from danvan.ingest import read

        return getattr(read, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
