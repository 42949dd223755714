"""Corpora for the speed bench (issue 23): short articles with every sentence unique, and a syndicated
corpus where 7 of 8 files are near-copies of an original under another outlet's source line."""

from __future__ import annotations

import random
import re
from pathlib import Path

from bench.make_corpus import SEEDS, _sentence_pool

_NUMBER = re.compile(r"(?<![\d/.-])\d{1,3}(?![\d/.-])")
_CLAUSE = re.compile(r",\s+")
OUTLETS = (
    "baobackan.vn",
    "baotuyenquang.com.vn",
    "baoangiang.com.vn",
    "kontumtv.vn",
    "dangcongsan.vn",
    "baodantoc.vn",
    "nhandan.vn",
    "qdnd.vn",
)
TITLES = (
    "Phát huy hiệu quả phong trào thi đua “Dân vận khéo”",
    "Công tác dân vận góp phần xây dựng nông thôn mới",
    "Lan tỏa các mô hình “Dân vận khéo” ở cơ sở",
    "Mặt trận và các đoàn thể chung tay giảm nghèo bền vững",
)


def _unique_sentences(rng: random.Random, pool: list[str], used: set[str], k: int) -> list[str]:
    """``k`` sentences never written before: two pool sentences' clauses spliced, small numbers varied."""
    out: list[str] = []
    while len(out) < k:
        a, b = rng.sample(pool, 2)
        head = _CLAUSE.split(a)[: rng.randint(1, 3)]
        tail = _CLAUSE.split(b)[rng.randint(0, 1) :]
        sentence = _NUMBER.sub(lambda m: str(rng.randint(2, 900)), ", ".join(head + tail))
        sentence = sentence.rstrip(" .;") + "."
        if sentence not in used and len(sentence) < 600:
            used.add(sentence)
            out.append(sentence)
    return out


def _article(rng: random.Random, pool: list[str], used: set[str], i: int, sentences: tuple[int, int]) -> str:
    """A title, a dateline, paragraphs of unique sentences, an author and a source line."""
    body = _unique_sentences(rng, pool, used, rng.randint(*sentences))
    cut = sorted(rng.sample(range(1, len(body)), 2))
    paragraphs = [" ".join(body[a:b]) for a, b in zip([0, *cut], [*cut, len(body)], strict=True)]
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2016, 2025)
    return "\n".join(
        [
            f"{TITLES[i % len(TITLES)]} ({i})",
            f"Ngày đăng {day:02d}/{month:02d}/{year}",
            *paragraphs,
            "Tác giả: Thu Trang",
            f"Nguồn tin: http://{OUTLETS[i % len(OUTLETS)]}",
        ]
    )


def _pool() -> list[str]:
    return _sentence_pool([p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))])


def make_short(folder: Path, n: int, seed: int = 23) -> Path:
    """``n`` short articles of 8-14 sentences each; no sentence occurs twice in the corpus."""
    rng, pool, used = random.Random(seed), _pool(), set()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = _article(rng, pool, used, i, (8, 14))
        (folder / f"short_{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder


def make_syndicated(folder: Path, n: int, seed: int = 23) -> Path:
    """``n`` files in groups of 8: an original short article, then 7 re-publications by other outlets (another
    source line; every other one with a word of the body changed as well, a near-duplicate)."""
    rng, pool, used = random.Random(seed), _pool(), set()
    folder.mkdir(parents=True, exist_ok=True)
    original = ""
    for i in range(n):
        if i % 8 == 0:
            original = _article(rng, pool, used, i, (8, 14))
            text = original
        else:
            lines = original.split("\n")
            lines[-1] = f"Nguồn tin: http://{OUTLETS[(i + 3) % len(OUTLETS)]}"
            if i % 2:
                lines[2] = lines[2].replace("dân vận", "Dân vận", 1).replace(" và ", " cùng ", 1)
            text = "\n".join(lines)
        (folder / f"synd_{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder
