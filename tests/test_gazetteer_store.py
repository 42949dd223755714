"""The gazetteer built once and kept as JSON data: read back the same, rebuilt when the store is damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from danvan.extract.gazetteer import STORE, _build, gazetteer


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(STORE, "path", None)
    gazetteer.cache_clear()
    yield
    gazetteer.cache_clear()


def test_a_stored_gazetteer_reads_back_as_the_one_built(fresh, tmp_path):
    store = tmp_path / "gazetteer" / "v1.json"
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "v0.json").write_text("{}", encoding="utf-8")  # an earlier version's store
    STORE.keep_in(store)
    built = gazetteer()
    assert store.is_file() and not (tmp_path / "gazetteer" / "v0.json").exists()
    gazetteer.cache_clear()
    read = gazetteer()
    assert read == built == _build()
    assert list(read.wards) == list(built.wards)  # in the same order, so iteration gives the same tables
    assert read.districts["missing key"] == []  # still a defaultdict, as the extractors expect


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[1, 2]", json.dumps({"provinces": {}}).encode(), b'{"__reduce__": "os.system"}'],
)
def test_a_damaged_or_crafted_store_is_built_again(fresh, tmp_path, content):
    store = tmp_path / "v1.json"
    store.write_bytes(content)
    STORE.keep_in(store)
    assert gazetteer() == _build()
    assert json.loads(store.read_bytes())["provinces"]  # and written again whole


@pytest.mark.parametrize("damage", [None, b"not json", b'{"Kon Tum": "kon tum"}'])
def test_the_provinces_own_place_names_are_kept_too(fresh, tmp_path, monkeypatch, damage):
    from danvan.extract import themes

    monkeypatch.setattr(themes.OWN_PLACE_NAMES, "path", None)
    themes.own_place_names.cache_clear()
    built = themes.own_place_names()
    assert "kon tum" in built["Kon Tum"]
    store = tmp_path / "own-place-names" / "v1.json"
    themes.OWN_PLACE_NAMES.keep_in(store)
    themes.own_place_names.cache_clear()
    assert themes.own_place_names() == built and store.is_file()  # built, and stored
    if damage is not None:
        store.write_bytes(damage)
    themes.own_place_names.cache_clear()
    gazetteer.cache_clear()
    assert themes.own_place_names() == built  # read back (without the gazetteer), or built again
    assert (gazetteer.cache_info().currsize == 0) == (damage is None)
    themes.own_place_names.cache_clear()


def test_the_bench_s_cold_run_keeps_every_store() -> None:
    """bench/cold_run.sh forgets a corpus's results but not the data built once: it names every store."""
    import re

    from danvan.run.warm import stores

    script = (Path(__file__).resolve().parents[1] / "bench" / "cold_run.sh").read_text(encoding="utf-8")
    kept = re.search(r"^\s*([\w|-]+)\|\"\*\"\)", script, re.MULTILINE)
    assert kept is not None
    assert set(kept.group(1).split("|")) == set(stores())
