"""Read the quality tables that the bench scripts wrote into bench/RESULTS.md."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

SECTIONS = {
    "themes": "Theme and role tagging on hand-labelled seed sentences",
    "actors": "People and organisations on hand-labelled seeds",
}
_TABLE_LINE = re.compile(r"^\|.*\|\s*$")


def _markdown_tables(text: str) -> list[pd.DataFrame]:
    frames, block = [], []
    for line in [*text.splitlines(), ""]:
        if _TABLE_LINE.match(line):
            block.append(line)
            continue
        if len(block) >= 3:
            cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in block]
            frames.append(pd.DataFrame(cells[2:], columns=cells[0]))
        block = []
    return frames


def quality_tables(results: Path) -> list[tuple[str, pd.DataFrame]]:
    """(caption, table) for every markdown table in the quality sections of ``results``."""
    if not results.exists():
        return []
    text = results.read_text(encoding="utf-8")
    out = []
    for name, caption in SECTIONS.items():
        match = re.search(rf"<!-- {name}:start -->(.*?)<!-- {name}:end -->", text, re.S)
        if match:
            out += [(f"{caption} (bench/RESULTS.md)", frame) for frame in _markdown_tables(match.group(1))]
    return out
