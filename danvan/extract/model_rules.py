"""The models catalogue's vocabulary (danvan/data/models.yml) compiled into patterns, and how a model's
name is read from the text: quoted, or a descriptive phrase up to a word that ends it. Used by
:mod:`danvan.extract.models`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from danvan.text import any_of, fold
from danvan.vocab import load_yaml

QUOTED = re.compile(r"\s*(?:[“\"«]\s*([^”\"»]{1,80}?)\s*[”\"»]|(?<!\w)[‘']([^’']{1,80}?)[’'](?!\w))")
_YEAR = re.compile(r"(?<!\w)năm\s+((?:19|20)\d\d)(?!\d)", re.I)
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper())  # Latin capitals, Vietnamese's too
_NAME = rf"(?:số\s+)?(?:[{_UPPER}][^\s,.;:()“”\"]*|\d+[\w/]*)"  # a unit's own name: "Ea Bar", "số 9", "3"
MAX_WORDS = 12  # an unquoted name is a phrase, not a paragraph


@dataclass(frozen=True)
class Rules:
    """The vocabulary of danvan/data/models.yml, compiled."""

    cue: re.Pattern[str]
    group_heads: frozenset[str]  # "Tổ": a cue only mid-sentence, capitalised, before a lower-case word
    exemplar_cues: frozenset[str]
    generic: re.Pattern[str]  # ends just before a cue that counts models
    campaign_names: frozenset[str]
    field_after: re.Pattern[str]
    not_after: re.Pattern[str]
    name_end: re.Pattern[str]
    purpose: re.Pattern[str]  # a purpose that stays in a name: "giúp hội viên thoát nghèo"
    field_end: re.Pattern[str]  # the end of the field after the campaign's name: "trong hòa giải ở cơ sở"
    not_name: re.Pattern[str]
    named_cues: frozenset[str]
    runner_end: re.Pattern[str]
    runner_tail: re.Pattern[str]
    unit: re.Pattern[str]  # a level word: "xã", "thị trấn"
    runner_lead: re.Pattern[str]
    unit_lead: re.Pattern[str]
    run_by: re.Pattern[str]
    run_by_passive: re.Pattern[str]
    run_verb: re.Pattern[str]
    before_cue: re.Pattern[str]
    person: re.Pattern[str]
    demonstratives: frozenset[str]
    back: re.Pattern[str]
    back_heads: dict[str, str]
    statuses: tuple[tuple[re.Pattern[str], str], ...]
    kinds: tuple[tuple[str, tuple[str, ...]], ...]
    field_words: re.Pattern[str]
    head_end: re.Pattern[str]
    field_of_word: dict[str, str]
    fields: tuple[tuple[str, frozenset[str]], ...]


@cache
def rules() -> Rules:
    data = load_yaml("models.yml")
    units = any_of(str(e["word"]) for e in load_yaml("claim_context.yml")["levels"])
    field_of_word = {fold(w): e["field"] for e in reversed(data["fields"]) for w in e["words"].split("|")}

    def words(key: str, field: str = "word") -> str:
        return any_of(str(e[field]) for e in data[key])

    bodies = rf"(?:{words('runner_bodies')})(?!\w)"
    lower, abbreviation = rf"[^\W\d_{_UPPER}]", rf"[{_UPPER}]{{2,}}(?!\w)"
    not_after = rf"(?!(?:{words('not_group_after')})(?!\w))"
    group = rf"(?-i:{words('group_heads')})(?=\s+{not_after}(?-i:{lower}|{abbreviation}))"
    return Rules(
        cue=re.compile(rf"(?<!\w)(?:{words('cues', 'cue')}|{group})(?!\w)", re.I),
        group_heads=frozenset(str(e["word"]) for e in data["group_heads"]),
        exemplar_cues=frozenset(fold(e["cue"]) for e in data["exemplar_cues"]),
        generic=re.compile(rf"(?:(?<!\w)(?:{words('generic_before')})|\d[\d.,]*)\s*(?:\S+\s+)?$", re.I),
        campaign_names=frozenset(fold(e["name"]) for e in data["campaign_names"]),
        field_after=re.compile(rf"\s+(?:{words('field_after_campaign')})\s+", re.I),
        not_after=re.compile(rf"\s*(?:{words('not_after_campaign')})(?!\w)", re.I),
        name_end=_name_end(
            words("name_ends"), words("place_ends"), words("count_after"), words("name_end_exceptions")
        ),
        purpose=re.compile(
            rf"\s*(?:{words('purpose_words')})(?:\s+(?!(?:{words('purpose_not')})(?!\w))[^\W\d]+){{2,}}?"
            rf"(?=\s*[.!?]\s*$|\s+(?:{words('subject_verbs')})(?!\w))",
            re.I,
        ),
        field_end=_name_end(words("name_ends"), "(?!)", words("count_after"), words("name_end_exceptions")),
        not_name=re.compile(rf"(?:{words('not_name_starts')})(?!\w)", re.I),
        named_cues=frozenset(fold(e["cue"]) for e in data["named_cues"]),
        runner_end=re.compile(rf"\s*:|\s+(?:{words('runner_ends')})(?!\w)", re.I),
        runner_tail=re.compile(rf"(?:\s+(?:{bodies}|{_NAME}))*(?:\s+(?:{units})(?!\w)(?:\s+{_NAME})*)*"),
        unit=re.compile(rf"(?:{units})(?!\w)", re.I),
        runner_lead=re.compile(rf"(?<!\w)(?:{words('runner_leads')})\s+$"),
        unit_lead=re.compile(
            rf"(?<!\w)(?:{words('unit_leads')})\s+[{_UPPER}][^\s,.;:()]*(?:\s+[^\s,.;:()]+){{0,7}}\s+$"
        ),
        back=re.compile(
            rf"(?<!\w)({words('back_references')})(?!\w)(?!\s+(?:[A-ZĐ]|số|\d|nghị|thi|viên|thảo|diễn|chợ|sở|trưởng|phó))"
        ),
        back_heads={e["word"]: e["head"] for e in data["back_references"]},
        run_by=re.compile(rf"\s*(?:{words('run_by')})\s+", re.I),
        run_by_passive=re.compile(rf"\s*(?:{words('run_by_passive')})\s+", re.I),
        run_verb=re.compile(rf"\s*(?:{words('run_verbs')})(?!\w)", re.I),
        before_cue=re.compile(rf"(?<!\w)(?:{words('before_cue')})\s+$", re.I),
        person=re.compile(rf"(?i:{words('person_titles')})\s+[{_UPPER}]"),
        demonstratives=frozenset(fold(e["word"]) for e in data["demonstratives"]),
        statuses=tuple(
            (re.compile(rf"(?<!\w){re.escape(e['word'])}(?!\w)", re.I), e["status"]) for e in data["statuses"]
        ),
        kinds=tuple((e["kind"], tuple(fold(w) for w in e["words"].split("|"))) for e in data["kinds"]),
        field_words=re.compile(rf"(?<!\w)(?:{any_of(field_of_word)})(?!\w)"),
        field_of_word=field_of_word,
        head_end=re.compile(rf"\s(?:{words('head_ends')})\s", re.I),
        fields=tuple((e["field"], frozenset(filter(None, e["themes"].split("|")))) for e in data["fields"]),
    )


def _name_end(ends: str, places: str, counts: str, kept: str) -> re.Pattern[str]:
    """Where an unquoted name ends: punctuation (not the comma of "phòng, chống"), a word that ends it unless
    it starts a phrase that stays in names (``kept``: "với pháp luật", "giúp nhau"), or a preposition before
    a number ("cho 35 em")."""
    return re.compile(
        rf"\s*(?:,(?!\s*chống)|[.;:(“”‘’\"]|(?<!\w)(?!(?:{kept})(?!\w))(?:{ends}|{places})(?!\w)"
        rf"|\s(?:{counts})\s+\d)",
        re.I,
    )


def quoted_name(match: re.Match[str]) -> tuple[str, int, int]:
    group = 1 if match.group(1) is not None else 2
    return match.group(group), match.start(group), match.end()  # the span keeps the closing quote


def item_end(sentence: str, at: int) -> int:
    """Where an item of a listing ends: before the next separator outside quotes (its tail, "ở xã Đam Rông 2"
    or "của Hội LHPN xã Lạc Dương", belongs to it)."""
    tail = re.compile(r"[^,;“\"]*?(?=\s*(?:[,;]|\s+và\s+[“\"‘']|$))").match(sentence, at)
    return tail.end() if tail else at


def phrase(
    clause: str, at: int, named: bool | str = False, *, listed: bool = False
) -> tuple[str, int, int] | None:
    """A descriptive name written from ``at``, with where it starts and ends: words up to a word that ends it,
    at most :data:`MAX_WORDS`, starting in lower case unless ``named`` (after a cue that names a unit, "Câu
    lạc bộ Gia đình hạnh phúc"; "field": the field after the campaign's name, read on past "ở"); None for a
    phrase of one word or none, or one that only says what models are like, or a person. Outside a listing
    (``listed``), a list of objects that closes the sentence stays in the name (:func:`_listed_objects`)."""
    r = rules()
    rest = clause[at:]
    end = (r.field_end if named == "field" else r.name_end).search(rest)
    purpose = end and r.purpose.match(rest, end.start())
    text = rest[: purpose.end() if purpose else end.start()] if end else rest
    if purpose and len(text.split()) > MAX_WORDS:
        text = rest[: end.start()]
    if end and end.group().strip() == "," and not listed:
        text = _listed_objects(rest, text, end.end(), named)
    words = text.split()[:MAX_WORDS]
    if len(words) < 2 or not (named or words[0][:1].islower()):
        return None
    if r.not_name.match(text.lstrip()) or r.person.match(text.lstrip()):
        return None  # what models are like or do; a person ("già làng Rơ Châm Thuh")
    start = at + rest.index(words[0])
    return " ".join(words), start, at + rest.index(words[-1], start - at) + len(words[-1])


def _listed_objects(rest: str, text: str, after_comma: int, named: bool | str) -> str:
    """``text`` (a name up to a comma) with the rest of the sentence when that is a list of what the name's
    verb takes ("thu gom vỏ chai, bao bì thuốc bảo vệ thực vật."): a few words with nothing that ends a name
    before the sentence's full stop (a ";" may go on to other models), or a word or three before its runner
    ("dòng họ khuyến học, khuyến tài của Hội Khuyến học xã X"); not a list of units ("ra 16 xã, thị trấn")."""
    tail = rest[after_comma:]
    if rules().unit.match(tail):
        return text
    end = (rules().field_end if named == "field" else rules().name_end).search(tail)
    words = tail[: end.start()].split() if end else tail.split()
    closes = end is not None and end.group().strip() == "." and not tail[end.end() :].strip()
    by = end and len(words) <= 3 and rules().run_by.match(tail, end.start())
    closes = closes or bool(by and tail[by.end() : by.end() + 1].isupper())  # its runner's name follows
    if closes and words and words[0][:1].islower() and len(text.split()) + len(words) <= MAX_WORDS:
        return f"{text}, {' '.join(words)}"
    return text


def without_campaign(name: str) -> str:
    """A name without the campaign's own name ("Dân vận khéo trong công tác hòa giải": the field is what
    follows it)."""
    for campaign in rules().campaign_names:
        name = re.sub(re.escape(campaign), " ", fold(name))
    return name


def kind(text: str) -> str:
    folded = fold(text)
    return next((kind for kind, words in rules().kinds if any(w in folded for w in words)), "")


def key(name: str) -> str:
    """A name normalised for grouping: folded, quotes and punctuation gone, spaces single."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


def year(text: str) -> str:
    match = _YEAR.search(text)
    return match.group(1) if match else ""


def names_unit(cue: str) -> bool:
    """Whether a cue names a unit on its own ("Tổ hợp tác nuôi ba ba", "Câu lạc bộ ...", a group "Tổ ...")."""
    return cue in rules().group_heads or fold(cue) in rules().named_cues


def once_each(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per model of an article (same ``name_key``, or a later name that is part of an earlier one: a
    back-reference): its first mention, with who runs it (also when the first gave only a head word, "Đồn"),
    where, its status, year, field, kind and results filled in from later mentions where the first does not
    say."""
    first: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = next((k for k in first if f" {row['name_key']} " in f" {k} "), row["name_key"])
        kept = first.setdefault(key, row)  # a later "mô hình bán hàng trực tuyến" is “Nông dân bán hàng ...”
        if kept is row:
            continue
        if not kept["runner_canonical"] and row["runner_canonical"]:
            kept.update({k: row[k] for k in ("runner", "runner_canonical", "level", "place")})
        for key in ("status", "results"):
            both = (*kept[key].split("; "), *row[key].split("; "))
            kept[key] = "; ".join(dict.fromkeys(x for x in both if x))
        for key in ("year", "field", "kind"):
            kept[key] = kept[key] or row[key]
    return list(first.values())
