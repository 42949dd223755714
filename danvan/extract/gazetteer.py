"""Vietnam's administrative units before and after 1 July 2025, from underthesea's own data.

underthesea ships ``address/data/mapping.json`` (source: vietnamadminunits): the 63 pre-2025 provinces,
their districts and wards, and the 34 provinces each one belongs to since the merger. Everything here is
derived from that file; ``danvan/data`` adds regions, other spellings, outlet domains, and the districts that
ceased between 2009 and 2025 (``former_districts.csv``, each with the resolution that ended it).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from danvan.stored import Stored
from danvan.text import fold, strip_accents
from danvan.vocab import load_csv, load_yaml


@dataclass(frozen=True)
class Unit:
    """A district or ward: its official short name, kind and province (pre-2025)."""

    name: str
    kind: str
    province: str
    district: str = ""


@dataclass
class Gazetteer:
    provinces: dict[str, str] = field(default_factory=dict)  # folded name or alias -> short name
    province_2025: dict[str, str] = field(default_factory=dict)  # short name -> short name after 2025
    region: dict[str, str] = field(default_factory=dict)  # short name -> region (English)
    districts: dict[str, list[Unit]] = field(default_factory=lambda: defaultdict(list))  # folded name
    wards: dict[str, list[Unit]] = field(default_factory=lambda: defaultdict(list))
    wards_2025: dict[str, str] = field(default_factory=dict)  # commune or ward since July 2025 -> province
    domain_keys: dict[str, str] = field(default_factory=dict)  # accent-free key -> short name
    outlets: dict[str, str] = field(default_factory=dict)  # domain -> short name ("" for national)


@cache
def _unit_kinds() -> tuple[str, ...]:
    """The words official names open with to say the unit's kind ("huyện"), longest first."""
    words = (e["word"] for e in load_yaml("place_rules.yml")["unit_words"])
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _syllables() -> dict[str, str]:
    return {fold(e["written"]): fold(e["as"]) for e in load_yaml("place_rules.yml")["syllable_variants"]}


@lru_cache(maxsize=1 << 16)
def place_key(text: str) -> str:
    """Matching key of a place name: :func:`fold`, then syllables with several spellings unified
    (memoised: names and words recur across articles)."""
    table = _syllables()
    return " ".join(table.get(word, word) for word in fold(text).split())


@lru_cache(maxsize=4096)
def split_kind(full_name: str) -> tuple[str, str]:
    """("huyện", "Na Rì") from "Huyện Na Rì" (memoised: a district's name recurs with each of its wards)."""
    lowered = full_name.lower()
    for kind in _unit_kinds():
        if lowered.startswith(kind + " "):
            return kind, full_name[len(kind) + 1 :].strip()
    return "", full_name.strip()


_UNIT_FIELDS = ("districts", "wards")


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, once per process: read from its JSON store when there is a good one, else built (and
    stored: :data:`STORE`)."""
    return STORE.load()


def _from_data(data: dict[str, Any]) -> Gazetteer:
    plain = {
        f.name: {str(k): str(v) for k, v in data[f.name].items()}
        for f in fields(Gazetteer)
        if f.name not in _UNIT_FIELDS
    }
    gaz = Gazetteer(**plain)
    for name in _UNIT_FIELDS:
        table: dict[str, list[Unit]] = defaultdict(list)
        for key, units in data[name].items():
            table[str(key)] = [Unit(*map(str, unit)) for unit in units]
        setattr(gaz, name, table)
    return gaz


def _to_data(gaz: Gazetteer) -> dict[str, Any]:
    return {
        f.name: (
            {
                k: [[u.name, u.kind, u.province, u.district] for u in v]
                for k, v in getattr(gaz, f.name).items()
            }
            if f.name in _UNIT_FIELDS
            else getattr(gaz, f.name)
        )
        for f in fields(Gazetteer)
    }


def _build() -> Gazetteer:
    """The gazetteer from underthesea's mapping and danvan's data files."""
    path = resources.files("underthesea") / "address" / "data" / "mapping.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    gaz = Gazetteer()
    new_names = {key: info["short"] for key, info in data["province_names"].items()}
    for key, info in data["old_province_names"].items():
        short = info["short"]
        gaz.provinces[fold(short)] = gaz.provinces[place_key(short)] = short
        gaz.province_2025[short] = new_names[data["province_mapping"][key]]
        gaz.domain_keys[strip_accents(short).replace(" ", "").replace("-", "")] = short
    for row in load_csv("place_aliases.csv"):
        gaz.provinces[fold(row["alias"])] = gaz.provinces[place_key(row["alias"])] = row["province"]
    for row in load_csv("province_regions.csv"):
        gaz.region[row["province"]] = row["region_en"]
    for row in load_csv("sources.csv"):
        gaz.outlets[row["domain"].lower()] = row["province"]
    seen_districts: set[tuple[str, str]] = set()
    seen_wards: set[tuple[str, str, str]] = set()
    for ward in data["ward_mapping"]:
        province = data["old_province_names"][ward["old_province_key"]]["short"]
        kind, name = split_kind(ward["old_district"])
        if name.isdigit():  # Hồ Chí Minh City's numbered districts are known as "Quận 8", never as "8"
            name = ward["old_district"]
        if name and (province, name) not in seen_districts:
            seen_districts.add((province, name))
            for key in {fold(name), place_key(name)}:
                gaz.districts[key].append(Unit(name, kind, province))
        ward_kind, ward_name = split_kind(ward["old_ward"])
        if ward_name and (province, name, ward_name) not in seen_wards:
            seen_wards.add((province, name, ward_name))
            for key in {fold(ward_name), place_key(ward_name)}:
                gaz.wards[key].append(Unit(ward_name, ward_kind, province, name))
    for ward in data["ward_mapping"]:  # the communes and wards of the two-level government since July 2025
        _, name = split_kind(ward["new_ward"])
        province = new_names[ward["new_province_key"]]
        if gaz.wards_2025.setdefault(name, province) != province:
            gaz.wards_2025[name] = ""  # a name found in two provinces says nothing alone
    for row in load_csv("former_districts.csv"):
        if (row["province"], row["district"]) not in seen_districts:
            for key in {fold(row["district"]), place_key(row["district"])}:
                gaz.districts[key].append(Unit(row["district"], row["kind"], row["province"]))
    return gaz


STORE: Stored[Gazetteer] = Stored(_build, _to_data, _from_data)  # named by the pipeline (extractor version)
