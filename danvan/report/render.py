"""Render an executed notebook to one self-contained HTML page with a table of contents."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from importlib import resources

import nbformat
from nbconvert import HTMLExporter

TEMPLATES = resources.files("danvan.report") / "templates"
TITLE = "Dân vận khéo in the news: a comparison across provinces"
_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)(?:<a class="anchor-link"[^>]*>.*?</a>)?</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def _asset(name: str) -> str:
    return (TEMPLATES / "danvan" / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    """The CSP source of an inline element: the hash of its exact text."""
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def table_of_contents(body: str) -> str:
    """Nested list of links to every h2/h3 of ``body``."""
    items: list[str] = []
    open_sub = False
    for level, anchor, inner in _HEADING.findall(body):
        label = html.escape(html.unescape(_TAGS.sub("", inner)).strip())
        link = f'<li><a href="#{anchor}">{label}</a>'
        if level == "2":
            if open_sub:
                items.append("</ol></li>")
                open_sub = False
            elif items:
                items.append("</li>")
            items.append(link)
        else:
            items.append(link + "</li>" if open_sub else "<ol>" + link + "</li>")
            open_sub = True
    if open_sub:
        items.append("</ol></li>")
    elif items:
        items.append("</li>")
    return "<ol>" + "".join(items) + "</ol>"


def render_html(nb: nbformat.NotebookNode) -> str:
    """HTML of ``nb`` without code, prompts or JavaScript outputs; CSS/JS inline; TOC filled in."""
    exporter = HTMLExporter(
        template_name="danvan",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    res = {"danvan": {"title": TITLE, "css": _asset("report.css"), "js": _asset("report.js")}}
    body, _ = exporter.from_notebook_node(nb, resources=res)
    return _with_policy(body.replace("<!--DANVAN-TOC-->", table_of_contents(body), 1))


_INLINE = re.compile(r"<(style|script)>(.*?)</\1>", re.S)


def _with_policy(page: str) -> str:
    """The page with its Content-Security-Policy filled in: its own <style> and <script> elements by the
    hash of their exact text, nothing else (no 'unsafe-inline', no outside source)."""
    hashes: dict[str, list[str]] = {"style": [], "script": []}
    for kind, text in _INLINE.findall(page):
        hashes[kind].append(_hash(text))
    style, script = (" ".join(hashes[kind]) or "'none'" for kind in ("style", "script"))
    policy = f"default-src 'none'; img-src data:; style-src {style}; script-src {script}"
    return page.replace("DANVAN-CSP", policy, 1)
