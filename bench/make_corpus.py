"""Make a corpus of N articles from the seeds' sentences, varied so that no two files are alike."""

from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_NUMBER = re.compile(r"(?<![\d/.-])\d{1,3}(?![\d/.-])")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])")


def _sentence_pool(texts: list[str]) -> list[str]:
    pool = []
    for text in texts:
        for line in text.split("\n"):
            if len(line) > 200:  # paragraphs, not titles, bylines or page furniture
                pool += [s.strip() for s in _SENTENCE_END.split(line) if len(s.strip()) > 40]
    return pool


def make_corpus(folder: Path, n: int, seed: int = 20251122) -> Path:
    """Write ``n`` articles into ``folder``: each takes one seed's head and tail lines (title, date,
    source) around 4-6 paragraphs of sentences drawn from all seeds, with small numbers varied."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    pool = _sentence_pool(texts)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lines = texts[i % len(texts)].split("\n")
        paragraphs = [
            " ".join(
                _NUMBER.sub(lambda m: str(rng.randint(2, 400)), s)
                for s in rng.sample(pool, rng.randint(2, 5))
            )
            for _ in range(rng.randint(4, 6))
        ]
        article = [lines[0], *paragraphs, *lines[-4:]]
        (folder / f"article_{i:06d}.txt").write_text("\n".join(article), encoding="utf-8")
    return folder
