"""The vocabulary kept parsed as JSON where the pipeline keeps data built once: the same data as the YAML,
built again when the store is damaged."""

from __future__ import annotations

import datetime
import json

import pytest

from danvan import vocab


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(vocab.STORE, "path", None)
    vocab.load_yaml.cache_clear()
    vocab._kept.cache_clear()
    yield
    vocab.load_yaml.cache_clear()
    vocab._kept.cache_clear()


def _every_file() -> list[str]:
    return sorted(e.name for e in vocab.data_path("").iterdir() if e.name.endswith((".yml", ".yaml")))


def test_the_stored_vocabulary_is_the_yaml_parsed(fresh, tmp_path):
    parsed = {name: vocab.load_yaml(name) for name in _every_file()}  # no store: from the YAML
    vocab.load_yaml.cache_clear()
    store = tmp_path / "vocabulary" / "v1.json"
    vocab.STORE.keep_in(store)
    assert vocab.load_yaml("themes.yml") == parsed["themes.yml"]  # built, and stored
    assert sorted(json.loads(store.read_bytes())) == _every_file()
    vocab.load_yaml.cache_clear()
    vocab._kept.cache_clear()
    store.write_text(store.read_text(encoding="utf-8").replace("Dân vận", "STORED"), encoding="utf-8")
    read = {name: vocab.load_yaml(name) for name in _every_file()}
    assert "STORED" in json.dumps(read, ensure_ascii=False)  # read from the store, not the YAML
    vocab.load_yaml.cache_clear()
    vocab._kept.cache_clear()
    store.unlink()
    assert {name: vocab.load_yaml(name) for name in _every_file()} == parsed


def test_what_json_cannot_hold_is_read_from_the_yaml(fresh, tmp_path, monkeypatch):
    dated = {"when": datetime.date(2024, 1, 2)}  # YAML reads a date, JSON cannot hold one
    monkeypatch.setattr(vocab, "_parsed", lambda name: dated)
    vocab.STORE.keep_in(tmp_path / "v1.json")
    assert vocab.load_yaml("themes.yml") == dated
    assert json.loads((tmp_path / "v1.json").read_bytes()) == {}


@pytest.mark.parametrize("content", [b"", b"not json", b"[1, 2]", b'{"themes.yml": 5}'])
def test_a_damaged_store_is_built_again(fresh, tmp_path, content):
    store = tmp_path / "v1.json"
    store.write_bytes(content)
    vocab.STORE.keep_in(store)
    assert vocab.load_yaml("roles.yml") == vocab._parsed("roles.yml")
    assert sorted(json.loads(store.read_bytes())) == _every_file()  # and written again whole
