"""Exact and near-duplicate articles: content hashes and MinHash with LSH banding (no O(n²) pairs). NumPy is
imported on the first fingerprint: a process that only extracts (a re-run's helper) never loads it."""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

NUM_PERM = 64  # MinHash signature length
BANDS = 16  # LSH bands of NUM_PERM // BANDS rows: pairs above ~0.7 Jaccard become candidates
THRESHOLD = 0.85  # estimated Jaccard of word 3-shingles above which two articles are near-duplicates
SHINGLE = 3
_PRIME = (1 << 31) - 1  # a*x+b stays below 2**63 for 32-bit shingle hashes: exact in uint64
_MIX = 1_000_003  # multiplier that combines word hashes into a shingle hash
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """What dedupe needs of an article: an exact hash and a MinHash signature (small, picklable)."""

    exact: str
    signature: bytes  # NUM_PERM minimum hashes as little-endian uint32


@cache
def hashing() -> tuple[Any, Any, Any]:
    """NumPy and the MinHash parameters (a, b of each permutation), made once per process: call it before
    forking workers that fingerprint, so that they inherit them."""
    import numpy as np

    a = np.array([(zlib.crc32(f"a{i}".encode()) % _PRIME) | 1 for i in range(NUM_PERM)], dtype=np.uint64)
    b = np.array([zlib.crc32(f"b{i}".encode()) % _PRIME for i in range(NUM_PERM)], dtype=np.uint64)
    return np, a, b


def fingerprint(folded: str) -> Fingerprint:
    """Fingerprint of an article's folded text (:func:`danvan.text.fold`: case, tone marks and spacing do
    not matter)."""
    np, perm_a, perm_b = hashing()
    words = _WORDS.findall(folded)
    exact = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()
    ids = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    ids = np.concatenate([ids, np.zeros(max(0, SHINGLE - len(ids)), dtype=np.uint64)])
    grams = np.zeros(len(ids) - SHINGLE + 1, dtype=np.uint64)
    for k in range(SHINGLE):  # a shingle's hash mixes its words' hashes in order (exact in uint64)
        grams = (grams * np.uint64(_MIX) + ids[k : len(ids) - SHINGLE + 1 + k]) % np.uint64(_PRIME)
    shingles = np.unique(grams)
    minima = ((perm_a[:, None] * shingles[None, :] + perm_b[:, None]) % _PRIME).min(axis=1)
    return Fingerprint(exact, minima.astype("<u4").tobytes())


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of two articles' shingle sets."""
    np = hashing()[0]
    same = np.frombuffer(a.signature, "<u4") == np.frombuffer(b.signature, "<u4")
    return int(same.sum()) / NUM_PERM


class Deduper:
    """Streaming: the first article seen is kept; later copies are reported against it."""

    def __init__(self) -> None:
        self._exact: dict[str, str] = {}
        self._buckets: dict[tuple[int, bytes], list[tuple[str, Fingerprint]]] = {}

    def check(self, article_id: str, fp: Fingerprint) -> tuple[str, str, float] | None:
        """("duplicate" | "near-duplicate", kept article id, similarity), or None for a new article."""
        if fp.exact in self._exact:
            return "duplicate", self._exact[fp.exact], 1.0
        size = 4 * NUM_PERM // BANDS  # bytes per band
        keys = [(band, fp.signature[band * size : (band + 1) * size]) for band in range(BANDS)]
        best: tuple[float, str] | None = None
        for key in keys:
            for other_id, other in self._buckets.get(key, ()):
                score = similarity(fp, other)
                if score >= THRESHOLD and (best is None or score > best[0]):
                    best = (score, other_id)
        if best is not None:
            return "near-duplicate", best[1], best[0]
        self._exact[fp.exact] = article_id
        for key in keys:
            self._buckets.setdefault(key, []).append((article_id, fp))
        return None
