"""The campaign's models: named practices (mô hình, điển hình) with who runs them, where, in which field,
what the text says of them (registered, honoured, replicated) and the figures beside them.

"MTTQ quận với mô hình “Dân vận khéo” trong công tác hòa giải" is a model in mediation run by the district's
Fatherland Front; "24 mô hình “Dân vận khéo”" or "các mô hình" alone count models and name none; the bare
"mô hình “Dân vận khéo”" is the campaign itself; "cuộc vận động ..." is a campaign, never a model.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from danvan.article import Article
from danvan.extract.organisations import organisation_mentions
from danvan.extract.places import find_mentions
from danvan.extract.themes import theme_hits
from danvan.text import any_of, fold
from danvan.vocab import load_yaml

_QUOTED = re.compile(r"\s*(?:[“\"«]\s*([^”\"»]{1,80}?)\s*[”\"»]|(?<!\w)[‘']([^’']{1,80}?)[’'](?!\w))")
_SENTENCE_PART = re.compile(r"[^;]+")
_YEAR = re.compile(r"(?<!\w)năm\s+((?:19|20)\d\d)(?!\d)", re.I)
_CAPITALISED_BEFORE = re.compile(r"(?<!\w)(?:[A-ZĐ][^\W\d_]*\s+){1,2}$")
_CLAUSE_ON = re.compile(r",\s+(?=[a-zà-ỹđ])|\s*[“\"(]")  # ", đến năm 2025 ...", a quote: past the runner
_LISTING = re.compile(r"(?:\s+[^\s:;,.“\"]+){0,7}?\s*:")  # "các mô hình:", "mô hình tiêu biểu như:"
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper())  # Latin capitals, Vietnamese's too
_NAME = rf"(?:số\s+)?(?:[{_UPPER}][^\s,.;:()“”\"]*|\d+[\w/]*)"  # a unit's own name: "Ea Bar", "số 9", "3"
_MAX_WORDS = 12  # an unquoted name is a phrase, not a paragraph


@dataclass(frozen=True)
class _Rules:
    cue: re.Pattern[str]
    generic: re.Pattern[str]  # ends just before a cue that counts models
    campaign_names: frozenset[str]
    field_after: re.Pattern[str]
    not_after: re.Pattern[str]
    name_end: re.Pattern[str]
    field_end: re.Pattern[str]  # the end of the field after the campaign's name: "trong hòa giải ở cơ sở"
    not_name: re.Pattern[str]
    named_cues: frozenset[str]
    runner_end: re.Pattern[str]
    runner_tail: re.Pattern[str]
    runner_lead: re.Pattern[str]
    run_by: re.Pattern[str]
    back: re.Pattern[str]
    back_heads: dict[str, str]
    statuses: tuple[tuple[re.Pattern[str], str], ...]
    kinds: tuple[tuple[str, tuple[str, ...]], ...]
    field_words: re.Pattern[str]
    field_of_word: dict[str, str]
    fields: tuple[tuple[str, frozenset[str]], ...]


@cache
def _rules() -> _Rules:
    data = load_yaml("models.yml")
    units = any_of(str(e["word"]) for e in load_yaml("claim_context.yml")["levels"])
    field_of_word = {fold(w): e["field"] for e in reversed(data["fields"]) for w in e["words"].split("|")}

    def words(key: str, field: str = "word") -> str:
        return any_of(str(e[field]) for e in data[key])

    return _Rules(
        cue=re.compile(rf"(?<!\w)(?:{words('cues', 'cue')})(?!\w)", re.I),
        generic=re.compile(rf"(?:(?<!\w)(?:{words('generic_before')})|\d[\d.,]*)\s*(?:\S+\s+)?$", re.I),
        campaign_names=frozenset(fold(e["name"]) for e in data["campaign_names"]),
        field_after=re.compile(rf"\s+(?:{words('field_after_campaign')})\s+", re.I),
        not_after=re.compile(rf"\s*(?:{words('not_after_campaign')})(?!\w)", re.I),
        name_end=_name_end(words("name_ends"), words("place_ends"), words("count_after")),
        field_end=_name_end(words("name_ends"), "(?!)", words("count_after")),
        not_name=re.compile(rf"(?:{words('not_name_starts')})(?!\w)", re.I),
        named_cues=frozenset(fold(e["cue"]) for e in data["named_cues"]),
        runner_end=re.compile(rf"\s*:|\s+(?:{words('runner_ends')})(?!\w)", re.I),
        runner_tail=re.compile(rf"(?:\s+{_NAME})*(?:\s+(?:{units})(?!\w)(?:\s+{_NAME})*)*"),
        runner_lead=re.compile(rf"(?<!\w)(?:{words('runner_leads')})\s+$"),
        back=re.compile(
            rf"(?<!\w)({words('back_references')})(?!\w)(?!\s+(?:[A-ZĐ]|số|\d|nghị|thi|viên|thảo|diễn|chợ|sở))"
        ),
        back_heads={e["word"]: e["head"] for e in data["back_references"]},
        run_by=re.compile(rf"\s*(?:{words('run_by')})\s+", re.I),
        statuses=tuple(
            (re.compile(rf"(?<!\w){re.escape(e['word'])}(?!\w)", re.I), e["status"]) for e in data["statuses"]
        ),
        kinds=tuple((e["kind"], tuple(fold(w) for w in e["words"].split("|"))) for e in data["kinds"]),
        field_words=re.compile(rf"(?<!\w)(?:{any_of(field_of_word)})(?!\w)"),
        field_of_word=field_of_word,
        fields=tuple((e["field"], frozenset(filter(None, e["themes"].split("|")))) for e in data["fields"]),
    )


def _name_end(ends: str, places: str, counts: str) -> re.Pattern[str]:
    """Where an unquoted name ends: punctuation (not the comma of "phòng, chống"), a word that ends it, or a
    preposition before a number ("cho 35 em")."""
    return re.compile(
        rf"\s*(?:,(?!\s*chống)|[.;:(“”‘’\"]|(?<!\w)(?:{ends}|{places})(?!\w)|\s(?:{counts})\s+\d)", re.I
    )


def field_labels() -> dict[str, str]:
    """The models' fields and their English labels, in the vocabulary's order."""
    return {e["field"]: e["label"] for e in load_yaml("models.yml")["fields"]}


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
        for found in _models_in_sentence(s.text):
            if found.pop("back") is not None:
                found.update(_antecedent(article.text[: s.start], found["runner"]))
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
    return _once_each(rows)


def _once_each(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per model of an article (same ``name_key``): its first mention, with who runs it, where, its
    status, year, field, kind and results filled in from later mentions where the first does not say."""
    first: dict[str, dict[str, Any]] = {}
    for row in rows:
        kept = first.setdefault(row["name_key"], row)
        if kept is row:
            continue
        if not kept["runner"] and row["runner"]:
            kept.update({k: row[k] for k in ("runner", "runner_canonical", "level", "place")})
        for key in ("status", "results"):
            both = (*kept[key].split("; "), *row[key].split("; "))
            kept[key] = "; ".join(dict.fromkeys(x for x in both if x))
        for key in ("year", "field", "kind"):
            kept[key] = kept[key] or row[key]
    return list(first.values())


def _models_in_sentence(sentence: str) -> list[dict[str, Any]]:
    """The models of one sentence. A cue's names are read in its part of the sentence (up to a ";"), or, after
    a colon, in the whole listing that follows it ("các mô hình: “A” của X; “B” của Y")."""
    rules = _rules()
    parts = [(m.start(), m.end()) for m in _SENTENCE_PART.finditer(sentence)]
    found: list[dict[str, Any]] = []
    for cue in rules.cue.finditer(sentence):
        if any(row["start"] <= cue.start() < row["end"] for row in found):
            continue  # a cue word inside a name found already: “Tổ tự quản đường biên”
        begin, end = next((a, b) for a, b in parts if a <= cue.start() < b)
        listing = _LISTING.match(sentence, cue.end(), end)
        clause = sentence[: sentence.find(";", listing.end()) % (len(sentence) + 1) if listing else end]
        runner = _runner_before(clause[begin:], cue.start() - begin)
        runner = runner and {**runner, "start": runner["start"] + begin}
        counted = bool(rules.generic.search(clause[begin : cue.start()]))
        named_cue = fold(cue.group()) in rules.named_cues
        if listing:
            names = _listed(sentence, listing.end())
        else:
            names = _names_after(clause, cue.end(), counted=counted, named_cue=named_cue)
        for name, name_start, name_end in names:
            if named_cue and not sentence[cue.end() : name_start].strip():
                name = f"{cue.group()} {name}"  # "Tổ hợp tác nuôi ba ba", "Câu lạc bộ Gia đình hạnh phúc"
            after = _runner_after(sentence, name_end)
            who = after or runner
            context = sentence[name_start : _item_end(sentence, name_end)] if listing else clause[begin:]
            back = None if who else _rules().back.search(sentence, begin, _item_end(sentence, name_end))
            start = who["start"] if who and who["start"] < cue.start() else cue.start()
            found.append(
                {
                    "name": name,
                    "name_key": _key(name),
                    "kind": _kind(name) or _kind(clause[begin:]),
                    "back": back,
                    "runner": who["text"] if who else back.group() if back else "",
                    "runner_canonical": who["canonical"] if who else "",
                    "level": who["level"] if who else "",
                    "place": _place(who["text"] if who else clause[begin:]),
                    "field": _field(_without_campaign(name)) or _field(context),
                    "status": "; ".join(dict.fromkeys(s for p, s in rules.statuses if p.search(clause))),
                    "year": _year(clause[begin:]),
                    "start": start,
                    "end": max(name_end, after["end"]) if after else name_end,
                }
            )
    return found


def _quoted_name(match: re.Match[str]) -> tuple[str, int, int]:
    group = 1 if match.group(1) is not None else 2
    return match.group(group), match.start(group), match.end()  # the span keeps the closing quote


def _listed(sentence: str, at: int, *, quoted_only: bool = False) -> list[tuple[str, int, int]]:
    """The names of a listing after a colon: quoted ones, or descriptive phrases, separated by ",", ";" or
    "và", each possibly followed by where or by whom it runs; the listing ends at the first item that is
    neither (or is not quoted, when ``quoted_only``)."""
    names = []
    sep = re.compile(r"\s*(?:[,;]\s*(?:và\s+)?|\s+và\s+)")
    while at < len(sentence):
        quoted = _QUOTED.match(sentence, at)
        if quoted:
            name = _quoted_name(quoted)
            if _key(name[0]) not in _rules().campaign_names:
                names.append(name)
            at = quoted.end()
        else:
            phrase = None if quoted_only else _phrase(sentence, at)
            if phrase is None:
                break
            names.append(phrase)
            at = phrase[2]
        following = sep.match(sentence, _item_end(sentence, at))
        if following is None:
            break
        at = following.end()
    return names


def _item_end(sentence: str, at: int) -> int:
    """Where an item of a listing ends: before the next separator outside quotes (its tail, "ở xã Đam Rông 2"
    or "của Hội LHPN xã Lạc Dương", belongs to it)."""
    tail = re.compile(r"[^,;“\"]*?(?=\s*(?:[,;]|\s+và\s+[“\"‘']|$))").match(sentence, at)
    return tail.end() if tail else at


def _names_after(clause: str, at: int, *, counted: bool, named_cue: bool) -> list[tuple[str, int, int]]:
    """The model names written after a cue ending at ``at``, with where each starts and ends: quoted names
    (several: “A”, “B” và “C”), or a descriptive phrase; none for the bare campaign or a count."""
    rules = _rules()
    both = re.match(r"\s*,\s*điển hình", clause[at:])  # "mô hình, điển hình “Dân vận khéo”"
    first = _QUOTED.match(clause, at + (both.end() if both else 0))
    if first is not None:
        name, start, end = _quoted_name(first)
        if _key(name) not in rules.campaign_names:
            sep = re.compile(r"\s*(?:,|và)\s*(?=[“\"‘'])").match(clause, first.end())
            return [(name, start, end), *(_listed(clause, sep.end(), quoted_only=True) if sep else [])]
        field = rules.field_after.match(clause, first.end())
        if counted or field is None or rules.not_after.match(clause, field.end()):
            return []  # the campaign itself, or a class of its models
        phrase = _phrase(clause, field.end(), named="field")
        if phrase is None:
            return []
        return [(f"{name} {clause[first.end() : field.end()].strip()} {phrase[0]}", start, phrase[2])]
    if counted:
        return []
    phrase = _phrase(clause, at, named=named_cue)
    return [phrase] if phrase else []


def _phrase(clause: str, at: int, named: bool | str = False) -> tuple[str, int, int] | None:
    """A descriptive name written from ``at``, with where it starts and ends: words up to a word that ends it,
    at most :data:`_MAX_WORDS`, starting in lower case unless ``named`` (after a cue that names a unit, "Câu
    lạc bộ Gia đình hạnh phúc"; "field": the field after the campaign's name, read on past "ở"); None for a
    phrase of one word or none, or one that only says what models are like."""
    rules = _rules()
    rest = clause[at:]
    end = (rules.field_end if named == "field" else rules.name_end).search(rest)
    text = rest[: end.start()] if end else rest
    words = text.split()[:_MAX_WORDS]
    if len(words) < 2 or not (named or words[0][:1].islower()) or rules.not_name.match(text.lstrip()):
        return None
    start = at + rest.index(words[0])
    return " ".join(words), start, at + rest.index(words[-1], start - at) + len(words[-1])


def _runner_before(clause: str, cue_start: int) -> dict[str, Any] | None:
    """The organisation that runs the model: the first one named in the clause before the cue, written out
    with its unit's name ("Chi bộ số 40 - Đảng bộ phường Trung Hòa")."""
    before = clause[:cue_start]
    orgs = [o for o in organisation_mentions(before) if not before.startswith(")", o["end"])]  # "(MTTQ) -"
    return _runner(before, orgs) if orgs else None


def _runner_after(sentence: str, name_end: int) -> dict[str, Any] | None:
    """The runner named right after a model's name: "“Ngôi nhà 0 đồng” do Hội LHPN xã Yên Minh duy trì",
    "... của Ủy ban MTTQ Việt Nam phường Hạc Thành"."""
    by = _rules().run_by.match(sentence, name_end + (sentence[name_end : name_end + 1] in "”\"’'»"))
    if by is None:
        return None
    rest = sentence[by.end() : by.end() + 120]
    orgs = list(organisation_mentions(rest))
    if not orgs:
        return None
    runner = _runner(rest, orgs)
    if rest[: runner["start"]].strip():
        return None  # not the runner's name straight after "do"
    return {**runner, "start": by.end(), "end": by.end() + len(runner["text"])}


def _antecedent(before: str, word: str) -> dict[str, str]:
    """The runner a bare head word (``word``: "Hội", "Đồn") refers to: the last organisation named in full in
    ``before`` (the article up to its sentence), outside brackets, whose name starts with the head; for a
    word with no head ("đơn vị") the one named most often. The word alone when there is none."""
    head = fold(_rules().back_heads.get(word, word))
    named: list[dict[str, Any]] = []
    for org in organisation_mentions(before):
        if before[: org["start"]].rstrip().endswith("("):
            continue
        runner = _runner(before[org["start"] :], [{**org, "start": 0, "end": org["end"] - org["start"]}])
        if fold(runner["text"]).startswith(head) and len(runner["text"]) > max(len(head), len(org["name"])):
            named.append(runner)
    if not named:
        return {"runner": word}
    often = Counter(r["canonical"] for r in named)
    runner = max(reversed(named), key=lambda r: often[r["canonical"]]) if not head else named[-1]
    return {
        "runner": runner["text"],
        "runner_canonical": runner["canonical"],
        "level": runner["level"],
        "place": _place(runner["text"]),
    }


def _runner(text: str, orgs: list[dict[str, Any]]) -> dict[str, Any]:
    """The runner written from the first of ``orgs`` (mentions in ``text``): its lead words ("Chi hội Phụ
    nữ", "Ban Công tác Mặt trận"), the unit's name after it, and an organisation above it after a dash."""
    rules = _rules()
    first = orgs[0]
    lead = rules.runner_lead.search(text, 0, first["start"])
    if lead is None and text[first["start"]].islower():
        lead = _CAPITALISED_BEFORE.search(text, 0, first["start"])
    start = lead.start() if lead else first["start"]
    end = rules.runner_tail.match(text, first["end"]).end()
    for org in orgs[1:]:  # "Chi bộ số 40 - Đảng bộ phường Trung Hòa"
        if not re.fullmatch(r"\s*[-–]\s*", text[end : org["start"]]):
            break
        end = rules.runner_tail.match(text, org["end"]).end()
    stops = [
        m.start()
        for m in (rules.runner_end.search(text, first["end"]), _CLAUSE_ON.search(text, first["end"]))
        if m
    ]
    text_ = text[start : min([end, *stops])].strip(" ,:-–")
    level = next((o["level"] for o in reversed(orgs) if o["level"] and o["start"] < start + len(text_)), "")
    return {"text": text_, "canonical": first["canonical"], "level": level, "start": start}


def _place(text: str) -> str:
    """The unit named in ``text`` (the runner's name, or the clause), as written: the smallest level."""
    order = {"ward": 0, "district": 1, "province": 2}
    mentions = sorted(find_mentions(text), key=lambda m: order.get(m.level, 3))
    return mentions[0].written if mentions else ""


def _field(text: str) -> str:
    """The field ``text`` speaks of most: its words count two, the theme lexicon's cues of the themes a field
    maps to one, the longest word first where words overlap ("môi trường" is not "trường"); ties go to the
    first field in the vocabulary's order; empty when it speaks of none."""
    rules, themes = _rules(), theme_hits(text)
    words = Counter(rules.field_of_word[w] for w in rules.field_words.findall(fold(text)))
    scores = {field: 2 * words[field] + sum(themes[t] for t in mapped) for field, mapped in rules.fields}
    best = max(scores, key=scores.get)
    return best if scores[best] else ""


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
