"""The rules that find and weigh place names (``place_rules.yml``), compiled once, on first use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from danvan.text import any_of, fold
from danvan.vocab import load_yaml


def word_initial(name: str, rest: str) -> str:
    """Regex for ``name``, its first character not after a word character, then the regex ``rest`` for
    the rest of it. The look-behind follows that first character: a pattern that opens with one is tried
    at every position of a text, one that opens with a character skips to where that character is."""
    first = re.escape(name[0])
    return rf"{first}(?<!\w{first}){rest}"


@dataclass(frozen=True)
class PlaceRules:
    """Patterns over the words around place names (``place_rules.yml``)."""

    markers: dict[str, re.Pattern[str]]  # province_markers, district_markers, ward_markers before a name
    weights: dict[str, float]
    sentence_initial: set[str]
    marker_required: set[str]
    former_after: re.Pattern[str]
    former_label: str
    numbered_kind: str
    numbered_district: re.Pattern[str]
    new_after: re.Pattern[str]
    post_merger_phrases: re.Pattern[str]
    merger_date: str
    passing: re.Pattern[str]
    bridge: re.Pattern[str]
    visitor: re.Pattern[str]
    facility: re.Pattern[str]
    district_list_min: int


@cache
def place_rules() -> PlaceRules:
    raw = load_yaml("place_rules.yml")
    compiled: dict[str, Any] = {}
    markers = {}
    for group in ("province_markers", "district_markers", "ward_markers"):
        words = any_of(entry["marker"] for entry in raw[group])
        markers[group] = re.compile(r"(?:^|[\s(,;:])(" + words + r")\.?\s*$", re.I)
    compiled["weights"] = raw["weights"]
    compiled["sentence_initial"] = {fold(e["word"]) for e in raw["sentence_initial_words"]}
    compiled["marker_required"] = {fold(e["name"]) for e in raw["marker_required"]}
    former = any_of(e["word"] for e in raw["former_words"])
    province = any_of(e["word"] for e in raw["former_province_words"])
    # "huyện Văn Chấn (cũ)", "huyện Mèo Vạc, tỉnh Hà Giang cũ": the word may follow the province too
    compiled["former_after"] = re.compile(
        r"\s*(?:[,(–-]\s*(?:" + province + r")\s+(?:[^\W\d_]+\s+){0,3}?[^\W\d_]+\s*\)?\s*)?"
        r"(?:" + former + r")(?!\w)",
        re.I,
    )
    compiled["former_label"] = raw["former_label"]["word"]
    numbered = raw["numbered_districts"]
    compiled["numbered_kind"] = numbered["word"]
    # "Quận 8", "Q.3": the kind not after a word character (see word_initial), then a number of one or two
    # digits that is not part of a longer number, a date or a word
    forms = sorted((e["form"] for e in numbered["written"]), key=len, reverse=True)
    kinds = "|".join(word_initial(form, re.escape(form[1:])) for form in forms)
    compiled["numbered_district"] = re.compile(r"(" + kinds + r")\s?(\d{1,2})(?![\w/.,]\d|\w)", re.I)
    new = "|".join(re.escape(e["word"]) for e in raw["new_words"])
    compiled["new_after"] = re.compile(r"\s*(?:" + new + r")(?!\w)", re.I)
    compiled["post_merger_phrases"] = re.compile(
        "|".join(re.escape(e["phrase"]) for e in raw["post_merger_phrases"]), re.I
    )
    compiled["merger_date"] = str(raw["merger_date"])
    cues = any_of(e["cue"] for e in raw["passing_cues"])
    compiled["passing"] = re.compile(r"(?:^|\W)(?:" + cues + r")\s*$", re.I)
    bridges = any_of(e["words"] for e in raw["passing_bridges"])
    compiled["bridge"] = re.compile(r"(?:^|\s)(?:" + bridges + r")\s*$", re.I)
    visitors = any_of(e["cue"] for e in raw["visitor_cues"])
    compiled["visitor"] = re.compile(r"\s*(?:" + visitors + r")(?!\w)", re.I)
    facilities = any_of(e["word"] for e in raw["facility_words"])
    compiled["facility"] = re.compile(r"(?:^|\W)(?:" + facilities + r")\s+$", re.I)
    compiled["district_list_min"] = int(raw["district_list_min"])
    return PlaceRules(markers=markers, **compiled)
