"""Read the quality tables that the bench scripts wrote into bench/RESULTS.md, for the methods section."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

SECTIONS = {
    "themes": "Theme and role tagging",
    "actors": "Officials and organisations",
    "figures": "Figures, documents and periods",
    "places": "Article metadata and places",
}
_TABLE_LINE = re.compile(r"^\|.*\|\s*$")


def _markdown_tables(text: str) -> list[tuple[str, pd.DataFrame]]:
    """(the line of text before it, table) for every markdown table in ``text``."""
    frames, block, before, last_text = [], [], "", ""
    for line in [*text.splitlines(), ""]:
        if _TABLE_LINE.match(line):
            if not block:
                before = last_text
            block.append(line)
            continue
        if len(block) >= 3:
            cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in block]
            frames.append((before, pd.DataFrame(cells[2:], columns=cells[0])))
        block = []
        if line.strip():
            last_text = line
    return frames


def _label(line: str) -> str:
    """ "### Before any fix (...)" or "Blind, roles, **before** tuning:" as a plain label."""
    return re.sub(r"[*#`]", "", line).strip().rstrip(":").strip()


def quality_tables(results: Path) -> list[tuple[str, pd.DataFrame]]:
    """(caption, table) per quality section of ``results``: tables of per-theme rows are summarised by
    their "all ..." row, one summary table per section; other tables are shown whole."""
    if not results.exists():
        return []
    text = results.read_text(encoding="utf-8")
    out = []
    for name, caption in SECTIONS.items():
        match = re.search(rf"<!-- {name}:start -->(.*?)<!-- {name}:end -->", text, re.S)
        if not match:
            continue
        summary = []
        for before, frame in _markdown_tables(match.group(1)):
            first = frame.columns[0]
            totals = frame[frame[first].str.startswith("all ")]
            if len(totals):
                summary.append(totals.rename(columns={first: "measure"}).assign(set=_label(before)))
            else:  # a table under a heading of its own takes it as its caption
                label = f": {_label(before)}" if before.startswith("###") else ""
                out.append((f"{caption}{label} (bench/RESULTS.md)", frame))
        if summary:
            table = pd.concat(summary, ignore_index=True)
            table = table[["set", *[c for c in table.columns if c != "set"]]]
            out.append((f"{caption}, totals per gold set (bench/RESULTS.md has each theme and role)", table))
    return out
