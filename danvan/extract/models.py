"""The campaign's models: named practices (mô hình, điển hình) with who runs them, where, in which field,
what the text says of them (registered, honoured, replicated) and the figures beside them.

"MTTQ quận với mô hình “Dân vận khéo” trong công tác hòa giải" is a model in mediation run by the district's
Fatherland Front; "24 mô hình “Dân vận khéo”" or "các mô hình" alone count models and name none; the bare
"mô hình “Dân vận khéo”" is the campaign itself; "cuộc vận động ..." is a campaign, never a model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from danvan.article import Article
from danvan.extract.organisations import organisation_mentions
from danvan.extract.places import find_mentions
from danvan.extract.themes import theme_hits
from danvan.text import any_of, fold
from danvan.vocab import load_yaml

_QUOTED = re.compile(r"\s*[“\"«]\s*([^”\"»]{1,80}?)\s*[”\"»]")
_CLAUSE = re.compile(r"[^;]+")
_YEAR = re.compile(r"(?<!\w)năm\s+((?:19|20)\d\d)(?!\d)", re.I)
_CAPITALISED_BEFORE = re.compile(r"(?<!\w)(?:[A-ZĐ][^\W\d_]*\s+){1,2}$")
_CLAUSE_ON = re.compile(r",\s+(?=[a-zà-ỹđ])|\s*[“\"]")  # ", đến năm 2025 ...", a quote: past the runner
_MAX_WORDS = 12  # an unquoted name is a phrase, not a paragraph


@dataclass(frozen=True)
class _Rules:
    cue: re.Pattern[str]
    generic: re.Pattern[str]  # ends just before a cue that counts models
    campaign_names: frozenset[str]
    field_after: re.Pattern[str]
    not_after: re.Pattern[str]
    name_end: re.Pattern[str]
    not_name: re.Pattern[str]
    named_cues: frozenset[str]
    runner_end: re.Pattern[str]
    statuses: tuple[tuple[re.Pattern[str], str], ...]
    kinds: tuple[tuple[str, tuple[str, ...]], ...]


@cache
def _rules() -> _Rules:
    data = load_yaml("models.yml")

    def words(key: str, field: str = "word") -> str:
        return any_of(str(e[field]) for e in data[key])

    return _Rules(
        cue=re.compile(rf"(?<!\w)(?:{words('cues', 'cue')})(?!\w)", re.I),
        generic=re.compile(rf"(?:(?<!\w)(?:{words('generic_before')})|\d[\d.,]*)\s*(?:\S+\s+)?$", re.I),
        campaign_names=frozenset(fold(e["name"]) for e in data["campaign_names"]),
        field_after=re.compile(rf"\s+(?:{words('field_after_campaign')})\s+", re.I),
        not_after=re.compile(rf"\s*(?:{words('not_after_campaign')})(?!\w)", re.I),
        name_end=re.compile(rf"\s*(?:[,.;:(]|(?<!\w)(?:{words('name_ends')})(?!\w))", re.I),
        not_name=re.compile(rf"(?:{words('not_name_starts')})(?!\w)", re.I),
        named_cues=frozenset(fold(e["cue"]) for e in data["named_cues"]),
        runner_end=re.compile(rf"\s*:|\s+(?:{words('runner_ends')})(?!\w)", re.I),
        statuses=tuple(
            (re.compile(rf"(?<!\w){re.escape(e['word'])}(?!\w)", re.I), e["status"]) for e in data["statuses"]
        ),
        kinds=tuple((e["kind"], tuple(fold(w) for w in e["words"].split("|"))) for e in data["kinds"]),
    )


def extract_models(
    article: Article, figures: list[dict[str, Any]], place: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Rows of ``models.csv``: one per model named in the article, with ``figures`` (the article's rows of
    ``figures.csv``) of the same sentence or the next one as its results. A runner named by its level alone
    ("MTTQ quận") runs where the article is (``place``: its province and district)."""
    place = place or {}
    at_level = {"district": place.get("district", ""), "province": place.get("province", "")}
    by_sentence: dict[int, list[str]] = {}
    for row in figures:
        by_sentence.setdefault(row["sentence_id"], []).append(row["text"])
    rows = []
    for s in article.sentences:
        for clause in _CLAUSE.finditer(s.text):
            for found in _models_in_clause(clause.group(), clause.start()):
                start, end = s.start + found["start"], s.start + found["end"]
                results = by_sentence.get(s.sentence_id, []) + by_sentence.get(s.sentence_id + 1, [])
                rows.append(
                    {
                        **found,
                        "place": found["place"] or at_level.get(found["level"], ""),
                        "article_id": article.article_id,
                        "sentence_id": s.sentence_id,
                        "year": found["year"] or _year(s.text),
                        "results": "; ".join(dict.fromkeys(results)),
                        "text": article.text[start:end],
                        "start": start,
                        "end": end,
                    }
                )
    return rows


def _models_in_clause(clause: str, offset: int) -> list[dict[str, Any]]:
    rules = _rules()
    found: list[dict[str, Any]] = []
    for cue in rules.cue.finditer(clause):
        if any(row["start"] - offset <= cue.start() < row["end"] - offset for row in found):
            continue  # a cue word inside a name found already: “Tổ tự quản đường biên”
        runner = _runner(clause, cue.start())
        counted = bool(rules.generic.search(clause[: cue.start()]))
        named = runner is not None or fold(cue.group()) in rules.named_cues  # who runs it, or a named unit
        names = _names_after(clause, cue.end(), counted=counted, descriptive=named)
        if not names:
            continue
        if fold(cue.group()) in rules.named_cues and not _QUOTED.match(clause, cue.end()):
            names = [(f"{cue.group()} {name}", end) for name, end in names]  # "Tổ hợp tác nuôi ba ba"
        for name, name_end in names:
            start = runner["start"] if runner else cue.start()
            found.append(
                {
                    "name": name,
                    "name_key": _key(name),
                    "kind": _kind(name) or _kind(clause),
                    "runner": runner["text"] if runner else "",
                    "runner_canonical": runner["canonical"] if runner else "",
                    "level": runner["level"] if runner else "",
                    "place": _place(runner["text"] if runner else clause),
                    "field": _field(_without_campaign(name)) or _field(clause),
                    "status": "; ".join(dict.fromkeys(s for p, s in rules.statuses if p.search(clause))),
                    "year": _year(clause),
                    "start": offset + start,
                    "end": offset + name_end,
                }
            )
    return found


def _names_after(clause: str, at: int, *, counted: bool, descriptive: bool) -> list[tuple[str, int]]:
    """The model names written after a cue ending at ``at``, with where each ends: quoted names (several
    after a colon: “A”, “B” và “C”), or a descriptive phrase when ``descriptive`` (a runner is named, or the
    cue names a unit); none for the bare campaign or a count."""
    rules = _rules()
    rest = clause[at:]
    listing = re.match(r"\s*,?\s*(?:điển hình\s*)?:", rest)
    quoted = list(_QUOTED.finditer(clause, at)) if listing else []
    if quoted:  # "các mô hình: “A”, “B” và “C”"
        return [(m.group(1), m.end()) for m in quoted if _key(m.group(1)) not in rules.campaign_names]
    both = re.match(r"\s*,\s*điển hình", rest)  # "mô hình, điển hình “Dân vận khéo”"
    first = _QUOTED.match(clause, at + (both.end() if both else 0))
    if first is not None:
        name = first.group(1)
        if _key(name) not in rules.campaign_names:
            return [] if counted else [(name, first.end())]
        field = rules.field_after.match(clause, first.end())
        if counted or field is None or rules.not_after.match(clause, field.end()):
            return []  # the campaign itself, or a class of its models
        phrase = _phrase(clause, field.end())
        return (
            [(f"{name} {clause[first.end() : field.end()].strip()} {phrase[0]}", phrase[1])] if phrase else []
        )
    if counted:
        return []
    phrase = _phrase(clause, at)
    return [phrase] if phrase else []


def _phrase(clause: str, at: int, named: bool = False) -> tuple[str, int] | None:
    """A descriptive name written from ``at``: lower-case words up to a word that ends it, at most
    :data:`_MAX_WORDS`; None for a phrase of one word or none, or one that only says what models are like
    (``named``: the field after the campaign's name, "công tác hòa giải", which may start so)."""
    rules = _rules()
    rest = clause[at:]
    end = rules.name_end.search(rest)
    text = rest[: end.start()] if end else rest
    words = text.split()[:_MAX_WORDS]
    if len(words) < 2 or not words[0][:1].islower() or (not named and rules.not_name.match(text.lstrip())):
        return None
    phrase = " ".join(words)
    return phrase, at + rest.index(words[-1]) + len(words[-1])


def _runner(clause: str, cue_start: int) -> dict[str, Any] | None:
    """The organisation that runs the model: the first one named in the clause before the cue, written out
    up to the verb or "với" that links it to the model ("Chi bộ số 40 - Đảng bộ phường Trung Hòa")."""
    before = clause[:cue_start]
    orgs = [o for o in organisation_mentions(before) if not before.startswith(")", o["end"])]  # "(MTTQ) -"
    if not orgs:
        return None
    first = orgs[0]
    lead = _CAPITALISED_BEFORE.search(before, 0, first["start"]) if before[first["start"]].islower() else None
    start = (
        lead.start() if lead else first["start"]
    )  # "Chi hội Phụ nữ": matched from "hội", the unit's own word
    ends = [
        m.start()
        for m in (_rules().runner_end.search(before, first["end"]), _CLAUSE_ON.search(before, first["end"]))
        if m
    ]
    text = before[start : min(ends, default=len(before))].strip(" ,:-–")
    level = next(
        (o["level"] for o in reversed(orgs) if o["level"] and o["start"] < first["start"] + len(text)), ""
    )
    return {"text": text, "canonical": first["canonical"], "level": level, "start": start}


def _place(text: str) -> str:
    """The unit named in ``text`` (the runner's name, or the clause), as written: the smallest level."""
    order = {"ward": 0, "district": 1, "province": 2}
    mentions = sorted(find_mentions(text), key=lambda m: order.get(m.level, 3))
    return mentions[0].written if mentions else ""


def _field(text: str) -> str:
    """The theme of the lexicon that ``text`` speaks of most (ties: the first in the lexicon's order)."""
    hits = theme_hits(text)
    return max(hits, key=hits.get) if hits else ""


def _without_campaign(name: str) -> str:
    """A name without the campaign's own name ("Dân vận khéo trong công tác hòa giải": the field is what
    follows it)."""
    for campaign in _rules().campaign_names:
        name = re.sub(re.escape(campaign), " ", fold(name))
    return name


def _kind(text: str) -> str:
    folded = fold(text)
    return next((kind for kind, words in _rules().kinds if any(w in folded for w in words)), "")


def _key(name: str) -> str:
    """A name normalised for grouping: folded, quotes and punctuation gone, spaces single."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


def _year(text: str) -> str:
    match = _YEAR.search(text)
    return match.group(1) if match else ""
