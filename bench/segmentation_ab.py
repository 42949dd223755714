"""danvan's word segmentation (danvan/ingest/words.py: underthesea's model scored in Python by
danvan/ingest/crf_tagger.py) against underthesea's ``word_tokenize`` called sentence by sentence, in one
process, rounds interleaved: the ratio of times and whether the words are equal.

Usage: python -m bench.segmentation_ab [--n 80] [--rounds 7]   (prints; figures go to RESULTS.md by hand)
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from statistics import median

from underthesea import word_tokenize

from bench.speed_corpora import make_short
from danvan.ingest.segment import fixed_words, split_sentences
from danvan.ingest.words import segment_many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=80, help="short articles")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    folder = make_short(Path(tempfile.mkdtemp(prefix="danvan-seg-")), args.n)
    articles = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles.append([text[a:b] for a, b in split_sentences(text)])
    fixed = fixed_words()
    segment_many(["Xin chào"], fixed)  # models loaded

    def one_by_one() -> list[tuple[str, ...]]:
        return [tuple(word_tokenize(s, fixed_words=list(fixed))) for a in articles for s in a]

    def batched() -> list[tuple[str, ...]]:
        return [words for a in articles for words in segment_many(a, fixed)]

    assert one_by_one() == batched(), "the words differ"
    times: dict[str, list[float]] = {"word_tokenize": [], "danvan": []}
    for _ in range(args.rounds):
        for name, run in (("word_tokenize", one_by_one), ("danvan", batched)):
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    ratios = [b / a for a, b in zip(times["word_tokenize"], times["danvan"], strict=True)]
    n = sum(map(len, articles))
    print(
        f"{args.n} articles, {n} sentences, the same words; danvan ÷ word_tokenize: median "
        f"{median(ratios):.2f} ({', '.join(f'{r:.2f}' for r in ratios)})"
    )


if __name__ == "__main__":
    main()
