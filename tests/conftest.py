"""Shared fixtures: the repository's paths and the seed corpus, parsed once per session."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from danvan.run.options import ParseOptions

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_articles():
    """Every seed article, parsed, keyed by the first three characters of its id ("000" ...)."""
    from danvan.ingest.read import iter_corpus

    return {ing.article.article_id[:3]: ing.article for ing in iter_corpus(SEEDS)}


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory):
    """Tests never write to the user's cache: danvan (and the notebook kernels it starts) use a folder of
    the test session's own."""
    os.environ["DANVAN_CACHE_DIR"] = str(tmp_path_factory.mktemp("danvan-cache"))


OTHER_CORPUS = ROOT / "tests" / "data" / "other_corpus"


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory) -> Path:
    """The report built from seeds/ into a temporary folder (once per test session)."""
    from danvan.report.build import build_report

    out = tmp_path_factory.mktemp("seed-report")
    summary = build_report(SEEDS, out, ParseOptions(use_cache=False, progress=False))
    assert summary.parsed == 5
    return out


@pytest.fixture(scope="session")
def other_report(tmp_path_factory) -> Path:
    """The report built from short articles written for the tests, one of them hostile markup."""
    from danvan.report.build import build_report

    out = tmp_path_factory.mktemp("other-report")
    build_report(OTHER_CORPUS, out, ParseOptions(use_cache=False, progress=False))
    return out


@pytest.fixture(scope="session")
def thirty_report(tmp_path_factory) -> Path:
    """The report built from a generated corpus: 30 provinces of 2 articles each and one unplaced article."""
    from danvan.report.build import build_report
    from tests import planted

    folder = tmp_path_factory.mktemp("thirty")
    design = planted.Design(provinces=planted.PROVINCES, per_province=2, unplaced=1, seed=7)
    summary = build_report(
        planted.write_corpus(design, folder / "corpus"),
        folder / "report",
        ParseOptions(use_cache=False, progress=False),
    )
    assert summary.parsed == 61
    return folder / "report"


@pytest.fixture
def site():
    """The news site of tests/fetch_site.py, served on 127.0.0.1 for the test."""
    from tests.fetch_site import Site

    served = Site().start()
    yield served
    served.stop()


@pytest.fixture
def only_localhost(monkeypatch):
    """Any connection to an address other than 127.0.0.1 fails the test (and is recorded)."""
    elsewhere = []
    connect = socket.socket.connect

    def guarded(sock, address):
        if isinstance(address, tuple) and address[0] != "127.0.0.1":
            elsewhere.append(address)
            raise OSError(f"test: no connection outside 127.0.0.1 ({address})")
        return connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    return elsewhere
