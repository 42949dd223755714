"""Read a folder of articles: decode, normalise, clean, split; account for every file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from danvan.article import Article
from danvan.ingest.clean import classify_lines, unfinished_ending
from danvan.ingest.decode import DecodeError, decode_bytes, is_vietnamese
from danvan.ingest.files import DEFAULT_MAX_MB, NotRead, article_ids, display_name, read_limited, walk
from danvan.ingest.segment import sentences
from danvan.ingest.webpage import extract_main_text
from danvan.sidecar import fetch_metadata, page_url

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MIN_BODY_CHARS = 80


@dataclass
class Ingested:
    """What happened to one input file: an article, or a reason it was rejected."""

    file: str
    status: str  # parsed | rejected
    reason: str = ""
    article: Article | None = None
    warnings: list[str] = field(default_factory=list)


def list_files(folder: Path) -> list[Path]:
    """Every entry below ``folder`` but folders (hidden files, links and FIFOs included: each is accounted
    for); :func:`danvan.ingest.files.walk` also gives the folders not read."""
    return walk(folder)[0]


def build_article(
    article_id: str, file: str, text: str, *, words: bool = True, split: bool = True
) -> Article:
    """Clean and split already-decoded NFC ``text`` into an :class:`Article` (``split`` off: no sentences
    yet, see :func:`danvan.ingest.segment.sentences`)."""
    lines = classify_lines(text)
    body = "\n".join(line.text for line in lines if line.kind == "body")
    return Article(article_id, file, text, lines, body, sentences(body, words=words) if split else [])


def ingest_file(
    path: Path,
    folder: Path,
    *,
    max_mb: float = DEFAULT_MAX_MB,
    words: bool = True,
    split: bool = True,
    article_id: str = "",
) -> Ingested:
    """Read one file into an article, or reject it with a reason a person understands. ``article_id``
    defaults to the path without its suffix (the pipeline gives ids unique across the corpus)."""
    relpath = path.relative_to(folder).as_posix()
    name = display_name(relpath)
    if (fetched := fetch_metadata(path, folder, SUPPORTED_SUFFIXES)) is not None:
        return Ingested(name, *fetched)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return Ingested(
            name,
            "rejected",
            f"not an article file type ({suffix or 'no suffix'}); "
            f"danvan reads {', '.join(SUPPORTED_SUFFIXES)}",
        )
    try:
        data = read_limited(path, folder, max_mb)
    except NotRead as err:
        return Ingested(name, "rejected", str(err))
    if not data.strip():
        return Ingested(name, "rejected", "empty file" if not data else "file holds only whitespace")
    try:
        decoded = decode_bytes(data)
    except DecodeError as err:
        return Ingested(name, "rejected", str(err))
    warnings = list(decoded.warnings)
    text, html_meta = decoded.text, {}
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        text, html_meta = extract_main_text(text)
        if suffix not in HTML_SUFFIXES:
            warnings.append("a web page saved as text; main text extracted from the HTML")
        if not text.strip():
            return Ingested(name, "rejected", "web page with no article text found in it")
    if not text.strip():
        return Ingested(name, "rejected", "file holds only whitespace")
    if not is_vietnamese(text, 0.03):
        return Ingested(name, "rejected", "no Vietnamese text found (is this the right corpus?)")
    article = build_article(article_id or article_ids([relpath])[0], name, text, words=words, split=split)
    article.html_meta = html_meta
    article.url, sidecar_warning = page_url(path)
    if sidecar_warning:
        warnings.append(sidecar_warning)
    if len(article.text) < MIN_BODY_CHARS:
        return Ingested(
            name,
            "rejected",
            f"no article body left after removing page furniture ({len(article.text)} characters)",
        )
    article.warnings = warnings + list(filter(None, [unfinished_ending(article.lines)]))
    return Ingested(name, "parsed", "; ".join(article.warnings), article, article.warnings)


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def iter_corpus(folder: str | os.PathLike[str], **kwargs) -> Iterator[Ingested]:
    """Ingest every file below ``folder`` in a stable order."""
    root = Path(folder)
    if not root.is_dir():
        raise NotADirectoryError(f"corpus folder not found: {root}")
    paths = list_files(root)
    ids = article_ids([p.relative_to(root).as_posix() for p in paths])
    for path, article_id in zip(paths, ids, strict=True):
        yield ingest_file(path, root, article_id=article_id, **kwargs)
