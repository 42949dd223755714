"""Every vocabulary entry under danvan/data/ carries its English gloss (the rule of the data files).

YAML: a list holds entries, each a mapping with a non-empty gloss; a mapping nested in a file (not at its
top level, whose scalars are settings: regexes, numbers, a date) that holds a string holds a gloss too.
CSV: a gloss column, non-empty on every row.
"""

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from danvan.vocab import load_csv
from tests.conftest import ROOT

DATA = ROOT / "danvan" / "data"
GLOSS_KEYS = {"gloss", "gloss_en", "label_en", "definition"}  # label_en/definition: the themes of themes.yml
CSV_GLOSS_COLUMNS = {"gloss", "gloss_en", "region_en"}

# The only places without glosses: path (file:key.key, "[]" for the items of a list) -> why.
NOT_VOCABULARY = {
    "place_rules.yml:unit_words[].tables": "names of gazetteer tables (provinces, districts), not words",
    "figures.yml:unit_categories": "normalised unit codes (%, VND, ha) -> category names, both codes",
}


def _yaml_files() -> list[str]:
    return sorted(p.name for p in DATA.glob("*.yml"))


def _csv_files() -> list[str]:
    return sorted(p.name for p in DATA.glob("*.csv"))


def _glossed(entry: dict) -> bool:
    return any(isinstance(entry.get(k), str) and entry[k].strip() for k in GLOSS_KEYS)


def _missing_glosses(node: Any, path: str, top: bool = False) -> Iterator[str]:
    """Paths (with the offending value) of entries without a gloss, below ``node`` at ``path``."""
    if path in NOT_VOCABULARY:
        return
    if isinstance(node, list):
        for item in node:
            if not isinstance(item, dict):
                yield f"{path}[]: {item!r} is not an entry with a gloss"
            elif not _glossed(item):
                yield f"{path}[]: {item!r} has no gloss"
            else:
                yield from _missing_glosses(item, f"{path}[]")
    elif isinstance(node, dict):
        holds_words = any(isinstance(v, str) for k, v in node.items() if k not in GLOSS_KEYS)
        if not top and holds_words and not _glossed(node):
            yield f"{path}: {node!r} has no gloss"
        for key, value in node.items():
            yield from _missing_glosses(value, f"{path}{'' if top else '.'}{key}")


def _missing_in_file(name: str) -> list[str]:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return list(_missing_glosses(data, f"{name}:", top=True))


@pytest.mark.parametrize("name", _yaml_files())
def test_every_yaml_vocabulary_entry_has_an_english_gloss(name):
    assert _missing_in_file(name) == []


@pytest.mark.parametrize("name", _csv_files())
def test_every_csv_row_has_an_english_gloss(name):
    rows = load_csv(name)
    assert rows, name
    columns = CSV_GLOSS_COLUMNS & rows[0].keys()
    assert len(columns) == 1, f"{name}: one gloss column of {sorted(CSV_GLOSS_COLUMNS)}"
    (column,) = columns
    assert [row for row in rows if not (row[column] or "").strip()] == []


def test_the_allow_list_names_places_that_exist():
    """An entry of NOT_VOCABULARY that no longer matches anything would silently allow nothing."""
    found = set()

    def paths(node: Any, path: str, top: bool = False) -> None:
        found.add(path)
        if isinstance(node, list):
            for item in node:
                paths(item, f"{path}[]")
        elif isinstance(node, dict):
            for key, value in node.items():
                paths(value, f"{path}{'' if top else '.'}{key}")

    assert _yaml_files() and _csv_files()
    for name in _yaml_files():
        paths(yaml.safe_load((DATA / name).read_text(encoding="utf-8")), f"{name}:", top=True)
    assert set(NOT_VOCABULARY) <= found


def test_a_plain_string_entry_or_an_entry_without_gloss_is_caught():
    plain = {"date_words": [{"word": "ngày", "gloss": "day"}, "hôm qua"]}
    no_gloss = {"date_words": [{"word": "ngày", "gloss": "day"}, {"word": "hôm qua", "gloss": " "}]}
    nested = {"numbered_districts": {"word": "quận", "written": [{"form": "q.", "gloss": "quận"}]}}
    for data in (plain, no_gloss, nested):
        assert list(_missing_glosses(data, "figures.yml:", top=True)), data


def test_the_fast_loader_reads_every_file_as_the_safe_loader_does():
    from danvan.vocab import load_yaml

    for path in sorted(DATA.glob("*.yml")):
        assert load_yaml(path.name) == yaml.safe_load(path.read_text(encoding="utf-8")), path.name
