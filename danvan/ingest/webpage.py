"""Main text and metadata of a saved web page, through trafilatura."""

from __future__ import annotations

from danvan.text import nfc


def extract_main_text(html: str) -> tuple[str, dict[str, str]]:
    """(main text, metadata) of a web page; metadata keys: title, date, author, sitename, url."""
    import trafilatura  # a heavy import (lxml, htmldate, courlan), paid only by corpora with web pages

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    fields = {}
    if meta is not None:
        for key in ("title", "date", "author", "sitename", "url", "hostname"):
            value = getattr(meta, key, None)
            if value:
                fields[key] = nfc(str(value))
    return nfc(text), fields
