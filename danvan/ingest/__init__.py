"""Ingest: from a file on disk to a clean Article.

Read and decode the bytes (UTF-8, Windows-1258, UTF-16; legacy font encodings refused), take the main text
of a saved web page, normalise to NFC, tell page furniture from the article's lines, split sentences and
words, and fingerprint the text to find duplicates. Nothing here knows what the article says.
"""

from danvan.ingest.read import build_article, ingest_file, iter_corpus, list_files

__all__ = ["build_article", "ingest_file", "iter_corpus", "list_files"]
