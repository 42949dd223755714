"""Shared fixtures: the repository's paths and the seed corpus, parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_articles():
    """Every seed article, parsed, keyed by the first three characters of its id ("000" ...)."""
    from danvan.corpus import iter_corpus

    return {ing.article.article_id[:3]: ing.article for ing in iter_corpus(SEEDS)}
