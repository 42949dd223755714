"""Main text and metadata of a saved web page, through trafilatura."""

from __future__ import annotations

import re
from html import unescape

from danvan.ingest.clean import classify_lines
from danvan.text import nfc

LAYOUT_TAGS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")


def _extract(document: object) -> str:
    import trafilatura

    options = {"include_comments": False, "include_tables": False, "favor_precision": True}
    return trafilatura.extract(document, **options) or ""


def _without_layout_tables(html: str) -> object:
    """The page's tree with its tables turned into blocks: older portals lay the whole article out in a
    table ("<td class="body">"), which trafilatura, told to leave tables out, would drop with it."""
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    for element in tree.iter(*LAYOUT_TAGS):
        element.tag = "div"
    return tree


def _photo_captions(html: str, text: str) -> list[str]:
    """The page's photo captions with a credit ("... Ảnh: Thanh Tiến") that the main text left out: they name
    officials in the picture and the photographer, who is no author."""
    import lxml.html

    captions = (
        " ".join(element.text_content().split())
        for element in lxml.html.document_fromstring(html).iter("figcaption")
    )
    return [
        caption
        for caption in dict.fromkeys(nfc(c) for c in captions if c)
        if caption not in text and classify_lines(caption)[0].kind == "caption"
    ]


def extract_main_text(html: str) -> tuple[str, dict[str, str]]:
    """(main text, metadata) of a web page; metadata keys: title, date, author, sitename, url, hostname and
    page_title (the <title> as written). Photo captions
    the main text leaves out are added after it, as the caption lines they are."""
    import trafilatura  # a heavy import (lxml, htmldate, courlan), paid only by corpora with web pages

    text = _extract(html) or _extract(_without_layout_tables(html))
    if text:
        text = "\n".join([text, *_photo_captions(html, text)])
    meta = trafilatura.extract_metadata(html)
    fields = {}
    raw_title = re.search(r"<title[^>]*>([^<]*)</title>", html, re.I)
    if raw_title and raw_title.group(1).strip():  # "Headline - Cổng thông tin điện tử huyện X", as written
        fields["page_title"] = nfc(" ".join(unescape(raw_title.group(1)).split()))
    if meta is not None:
        for key in ("title", "date", "author", "sitename", "url", "hostname"):
            value = getattr(meta, key, None)
            if value:
                fields[key] = nfc(str(value))
    return nfc(text), fields
