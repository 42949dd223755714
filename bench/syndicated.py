"""Syndicated copies cost only the cheap first pass (issue 23): make two corpora of the same size, one of
unique articles and one where 7 of 8 files are copies of another under a different outlet line, for
`farm-bench` to time `danvan parse` on each (see RESULTS.md, section "dedupe-first").

Usage: python -m bench.syndicated DIR [--n 160]   (writes DIR/unique and DIR/syndicated)
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from bench.make_corpus import make_corpus

OUTLETS = ["Báo Nhân Dân", "Báo Đại Đoàn Kết", "Báo Tin tức", "Báo Dân tộc và Phát triển", "Báo Lao động"]


def make(folder: Path, n: int) -> None:
    """``folder/unique``: n different articles; ``folder/syndicated``: n/8 articles, each with 7 copies."""
    shutil.rmtree(folder, ignore_errors=True)
    make_corpus(folder / "unique", n)
    originals = make_corpus(folder / "originals", n // 8)
    syndicated = folder / "syndicated"
    syndicated.mkdir()
    for path in sorted(originals.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for copy in range(8):
            outlet = OUTLETS[copy % len(OUTLETS)] + ("" if copy < len(OUTLETS) else " điện tử")
            (syndicated / f"{path.stem}_{copy}.txt").write_text(f"{outlet}\n{text}", encoding="utf-8")
    shutil.rmtree(originals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--n", type=int, default=160)
    args = parser.parse_args()
    make(args.folder, args.n)


if __name__ == "__main__":
    main()
