"""Which province (and district) an article is about, weighed from all the evidence it gives."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from danvan.article import Article
from danvan.extract.gazetteer import Unit, gazetteer, place_key
from danvan.extract.lexicon import DOMAIN, surnames
from danvan.extract.place_rules import place_rules, word_initial
from danvan.text import capitalised_runs, fold, nfc
from danvan.vocab import load_csv


@dataclass(frozen=True)
class Mention:
    """A place named in the text: what it was matched to and how strongly it counts."""

    level: str  # province | district | ward
    unit: str  # official short name
    province: str
    written: str  # as in the text
    marker: str  # e.g. "tỉnh", "huyện", "Tỉnh ủy", "" for none
    weight: float
    era: str = ""  # "former" ("huyện Bắc Mê cũ"), "new" ("tỉnh Tuyên Quang (mới)") or "" (not said)
    passing: bool = False  # named in passing: a visiting delegation, a place learnt from, a neighbour


def _in_passing(text: str, start: int) -> bool:
    """Whether a passing cue comes just before the place starting at ``start`` (and its marker)."""
    rules = place_rules()
    before = text[max(0, start - 60) : start]
    for group in ("province_markers", "district_markers", "ward_markers"):
        marker = rules.markers[group].search(before)
        if marker:
            before = before[: marker.start(1)]
            break
    bridge = rules.bridge.search(before)  # "Đoàn công tác Ban Dân vận Tỉnh ủy Cao Bằng"
    return bool(rules.passing.search(before[: bridge.start()] if bridge else before))


def _weighed(m: Mention, text: str, start: int, end: int) -> Mention:
    """The mention with the era the text gives it and its weight lowered when named in passing."""
    era = _era(text, end, m.level)
    passing = _in_passing(text, start) or place_rules().visitor.match(text, end)
    weight = m.weight * place_rules().weights["passing"] if passing else m.weight
    return replace(m, era=era, weight=weight, passing=bool(passing)) if era or passing else m


def _era(text: str, end: int, level: str) -> str:
    """Whether the text says, right after a place name, that it means the unit before or after 2025."""
    rules = place_rules()
    if rules.former_after.match(text, end):
        return "former"
    if level == "province" and rules.new_after.match(text, end):
        return "new"
    return ""


def _marker(text: str, start: int, group: str) -> str:
    match = place_rules().markers[group].search(text[max(0, start - 24) : start])
    return match.group(1) if match else ""


@cache
def _spans(n: int) -> tuple[tuple[int, int], ...]:
    """Candidate (i, j) word spans of a run of ``n`` words, longest first: 1 to 4 words."""
    return tuple((i, i + size) for size in range(min(4, n), 0, -1) for i in range(n - size + 1))


@cache
def _alias_pattern() -> re.Pattern[str]:
    """Province aliases written with punctuation ("TP.HCM"), which capitalised runs cannot see."""
    aliases = [
        row["alias"] for row in load_csv("place_aliases.csv") if not row["alias"].replace(" ", "").isalpha()
    ]
    longest_first = sorted(aliases, key=len, reverse=True)
    parts = [word_initial(alias, re.escape(alias[1:])) for alias in longest_first]
    return re.compile(r"(" + "|".join(parts) + r")(?!\w)")


@cache
def _hyphenated_pattern() -> re.Pattern[str]:
    """District names with a hyphen ("Phan Rang - Tháp Chàm"), written with or without spaces around it."""
    names = sorted(
        {u.name for units in gazetteer().districts.values() for u in units if "-" in u.name}, key=len
    )
    parts = [
        word_initial(name, r"\s*-\s*".join(map(re.escape, re.split(r"\s*-\s*", name[1:]))))
        for name in reversed(names)
    ]
    return re.compile(r"(?:" + "|".join(parts) + r")(?!\w)" if parts else r"(?!x)x", re.I)


@lru_cache(maxsize=4096)
def find_mentions(text: str) -> tuple[Mention, ...]:
    """Provinces, districts and wards named in ``text``, each with its marker and weight."""
    gaz, rules = gazetteer(), place_rules()
    weight = rules.weights["province_marked"]
    mentions: list[Mention] = [
        _weighed(Mention("province", province, province, m.group(), "", weight), text, m.start(), m.end())
        for m in _alias_pattern().finditer(text)
        if (province := gaz.provinces[place_key(m.group())])
    ]
    # "TP. Phan Rang - Tháp Chàm", "Thành ủy Phan Rang-Tháp Chàm": hyphens break capitalised runs
    for m in _hyphenated_pattern().finditer(text):
        units = gaz.districts.get(place_key(re.sub(r"\s*-\s*", " - ", m.group())), [])
        provinces = sorted({u.province for u in units})
        if units:
            marker = _marker(text, m.start(), "district_markers")
            weight = rules.weights["district_marked" if marker else "district_named"]
            found = Mention("district", units[0].name, "|".join(provinces), m.group(), marker, weight)
            mentions.append(_weighed(found, text, m.start(), m.end()))
    kind = rules.numbered_kind
    for m in rules.numbered_district.finditer(text):
        for unit in gaz.districts.get(place_key(f"{kind} {m.group(2)}"), [])[:1]:
            weight = rules.weights["district_marked"]
            found = Mention("district", unit.name, unit.province, m.group(), kind, weight)
            mentions.append(_weighed(found, text, m.start(), m.end()))
    for start, _, words in capitalised_runs(text):
        mentions += _run_mentions(text, start, words)
    return tuple(mentions)


@dataclass(frozen=True)
class _Span:
    """Words ``i:j`` of a capitalised run of ``n`` words that starts at ``start`` in ``text``."""

    text: str
    start: int
    i: int
    j: int
    n: int
    key: str  # the span's place key
    written: str  # as in the text
    lead: str  # the run's first word, folded
    inner_marker: str  # the run's words before the span, folded ("huyện" in "Huyện Na Rì")
    outer: str  # a province marker before the run


def _run_mentions(text: str, start: int, words: list[re.Match[str]]) -> list[Mention]:
    """The places a capitalised run names, its longest matching spans first."""
    mentions: list[Mention] = []
    keys = [place_key(w.group()) for w in words]  # words are apart by spaces only: a span's key is theirs
    unit_keys = _unit_keys()
    taken: set[int] = set()
    for i, j in _spans(len(words)):
        key = " ".join(keys[i:j])
        if key not in unit_keys or taken.intersection(range(i, j)):
            continue  # most spans name no unit at all: no context to weigh
        written = text[words[i].start() : words[j - 1].end()]
        lead = fold(words[0].group())
        inner_marker = fold(" ".join(w.group() for w in words[:i])) if i else ""
        outer = _marker(text, start, "province_markers") if i == 0 else ""
        found = _match_span(_Span(text, start, i, j, len(words), key, written, lead, inner_marker, outer))
        if found is not None:
            mentions.append(_weighed(found, text, words[i].start(), words[j - 1].end()))
            taken.update(range(i, j))
    return mentions


@cache
def _unit_keys() -> frozenset[str]:
    """Keys of every province, district and ward: no other span of a run can name a place."""
    gaz = gazetteer()
    return frozenset(gaz.provinces).union(gaz.districts, gaz.wards)


def _match_span(span: _Span) -> Mention | None:
    """The place a span of a capitalised run names, if any, with the weight its context gives."""
    gaz, rules = gazetteer(), place_rules()
    text, start, i, j, key, written = span.text, span.start, span.i, span.j, span.key, span.written
    lead, inner_marker, outer = span.lead, span.inner_marker, span.outer
    weights = rules.weights
    person_like = i > 0 and lead in surnames()  # "Lê Thái Bình" is a person, not Thái Bình
    sentence_start = i == 1 and lead in rules.sentence_initial  # "Tại Chiêm Hóa, ..."
    district_only = (
        key in gaz.provinces
        and not outer
        and not _inner(inner_marker, "province_markers")
        and (
            (_marker(text, start, "district_markers") if i == 0 else "")
            or _inner(inner_marker, "district_markers")
        )
        and key in gaz.districts
    )  # "thị xã Quảng Trị", "huyện Quảng Ninh" (of Quảng Bình): the district, not the province of that name
    marker = outer or _inner(inner_marker, "province_markers")
    # one word ("Huế") is a province only after a marker: "Thành ủy Huế", "thành phố Huế"
    if key in gaz.provinces and (j - i >= 2 or marker) and not person_like and not district_only:
        province = gaz.provinces[key]
        if not marker and key in rules.marker_required:
            return None
        weight = weights["province_marked" if marker else "province_named"]
        return Mention("province", province, province, written, marker, weight)
    for level, table, group in (
        ("district", gaz.districts, "district_markers"),
        ("ward", gaz.wards, "ward_markers"),
    ):
        units: list[Unit] = table.get(key, [])
        if not units or person_like:
            continue
        marker = (_marker(text, start, group) if i == 0 else "") or _inner(inner_marker, group)
        if level == "district" and not marker and _ward_marked(text, start, i, inner_marker):
            continue  # "xã Mèo Vạc", "Phường Tuy Hòa": a commune or ward named like a district
        whole_run = (i == 0 or sentence_start) and j == span.n
        named_alone = level == "district" and whole_run and j - i >= 2 and key not in gaz.provinces
        if not marker and not named_alone:
            continue
        provinces = sorted(
            {u.province for u in units}
        )  # kinds change over time (huyện → thị xã): not a filter
        weight = weights[f"{level}_marked" if marker else f"{level}_named"]
        if len(provinces) == 1:
            return Mention(level, units[0].name, provinces[0], written, marker, weight)
        return Mention(level, units[0].name, "|".join(provinces), written, marker, weight)
    return None


def _ward_marked(text: str, start: int, i: int, inner_marker: str) -> bool:
    before = _marker(text, start, "ward_markers") if i == 0 else ""
    return bool(before or _inner(inner_marker, "ward_markers"))


def _inner(prefix: str, group: str) -> str:
    """A marker written inside the capitalised run ("Huyện Na Rì", "Tỉnh ủy ... An Giang")."""
    if not prefix:
        return ""
    match = place_rules().markers[group].search(prefix)
    return match.group(1) if match else ""


def source_province(source: str) -> tuple[str, str]:
    """(province, domain or outlet) named by a source such as "backan.gov.vn" or "Báo Quảng Nam".

    ("", "") when the source names no province, or more than one.
    """
    gaz = gazetteer()
    if not DOMAIN.search(source):
        named = {m.province for m in find_mentions(source) if m.province and "|" not in m.province}
        return (named.pop(), source.strip()) if len(named) == 1 else ("", "")
    for domain in DOMAIN.findall(source.lower()):
        domain = domain.removeprefix("www.")
        for known, province in gaz.outlets.items():
            if domain == known or domain.endswith("." + known):
                return province, domain
        label = domain.split(".")[0].replace("-", "")
        for key in sorted(gaz.domain_keys, key=len, reverse=True):
            if len(key) >= 5 and key in label:
                return gaz.domain_keys[key], domain
    return "", ""


def resolve_place(
    article: Article, source: str = "", published: str = "", title: str = ""
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Province and district of ``article`` as of its publication, with the evidence, and quality rows.

    ``published`` is the ISO date from the metadata ("2025-08-12", "2025-08", "2025" or ""). An article
    published after the 1 July 2025 merger (or, undated, written with post-merger wording) is placed in
    one of the 34 new provinces, every unit it names counting for the province that unit belongs to since
    the merger; its district is empty unless the text names a former district ("huyện Bắc Mê cũ"). See
    ``merger_date`` in ``place_rules.yml``. ``title`` is the headline the metadata found (not an outlet line
    above it); when it found none, the first body line. Returns ({province, district, province_2025, region,
    province_evidence}, [quality rows]).
    """
    gaz, weights = gazetteer(), place_rules().weights
    if not title:
        title = article.body_lines[0].text if article.body_lines else ""
    captions = [line.text for line in article.lines if line.kind == "caption"]
    texts = [s.text for s in article.sentences if s.text.strip() != source.strip()] + captions
    found = _as_marked_districts([(text, m) for text in texts for m in find_mentions(text)])
    mentions = [m for _, m in found]
    merged = _post_merger(published, mentions, article.text)
    now = (lambda p: gaz.province_2025.get(p, p)) if merged else (lambda p: p)
    scores: Counter[str] = Counter()
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    ambiguous: list[tuple[Mention, set[str]]] = []
    for m in mentions:
        provinces = {now(p) for p in m.province.split("|")} if m.province else set()
        if len(provinces) > 1:
            ambiguous.append((m, provinces))
        elif provinces:
            province = provinces.pop()
            bonus = weights["in_title"] if m.written in title and m.level != "ward" and not m.passing else 0
            scores[province] += m.weight + bonus
            evidence[province][_describe(m, province)] += 1
    for m, provinces in ambiguous:  # ambiguous district names count for a province other evidence supports
        for province in provinces:
            if scores[province] > 0:
                scores[province] += m.weight
                evidence[province][f"{m.level} {m.written} → {province}"] += 1
    src_province, domain = source_province(source)
    if not src_province:  # a saved page: its address and site name
        page = (article.html_meta.get(key, "") for key in ("url", "hostname", "sitename"))
        src_province, domain = source_province(" ".join(page))
    if src_province:
        scores[now(src_province)] += weights["source"]
        evidence[now(src_province)][f"source {domain}"] += 1
    place = {"province": "", "district": "", "province_2025": "", "region": "", "province_evidence": ""}
    place["province_confidence"] = ""
    ranked = [(p, score) for p, score in scores.most_common() if score > 0]
    if not ranked or (ranked[0][1] < weights["minimum"] and len(ranked) > 1):
        place["province_evidence"] = "no province named clearly enough" + (
            f" (only {_summary(evidence[ranked[0][0]])})" if ranked else ""
        )
        return _with_era(place, merged), _variants(article, mentions)
    best, score = ranked[0]
    if len(ranked) > 1 and ranked[1][1] * weights["margin"] >= score:
        place["province_evidence"] = "conflicting evidence: " + "; ".join(
            f"{p} ({_summary(evidence[p])})" for p, _ in ranked[:2]
        )
        new = {gaz.province_2025.get(p, p) for p, _ in ranked[:2]}
        if len(new) == 1:  # Hà Giang and Tuyên Quang: one province since the 2025 merger
            place["province_2025"] = new.pop()
            place["province_evidence"] += f"; both part of {place['province_2025']} since July 2025"
        return _with_era(place, merged), _variants(article, mentions)
    listing = {text for text in texts if _lists_districts(find_mentions(text))}
    districts = Counter(
        m.unit
        for text, m in found
        + _as_marked_districts(
            [(title, m) for m in find_mentions(title)], mentions
        )  # the headline's district counts twice
        if m.level == "district"
        and best in {now(p) for p in m.province.split("|")}
        and (not merged or m.era == "former")  # no districts after the merger, only former ones
        and text not in listing  # "ở huyện A, thị xã B, thành phố C": examples, not the subject
    )
    top = districts.most_common(2)
    tied = len(top) == 2 and top[0][1] == top[1][1]  # "xã Đạ Sar, huyện Lạc Dương ... Thành ủy Đà Lạt"
    place.update(
        province_confidence=_confidence(score, weights["minimum"]),
        province=best,
        district=top[0][0] if top and not tied else "",
        province_2025=gaz.province_2025.get(best, best),
        region=gaz.region.get(best, ""),
        province_evidence=_summary(evidence[best]),
    )
    return _with_era(place, merged), _variants(article, mentions)


def _as_marked_districts(
    found: list[tuple[str, Mention]], others: list[Mention] | None = None
) -> list[tuple[str, Mention]]:
    """A province's name written bare where the article marks a district of that name ("huyện Quảng Ninh"
    of Quảng Bình, headlined "Quảng Ninh: ...") names that district, not the province."""
    districts = {
        fold(m.unit): m
        for m in (others if others is not None else [m for _, m in found])
        if m.level == "district" and m.marker and "|" not in m.province
    }
    weight = place_rules().weights["district_named"]
    out = []
    for text, m in found:
        district = districts.get(fold(m.unit)) if m.level == "province" and not m.marker else None
        if district is not None and district.province != m.province:
            m = Mention("district", district.unit, district.province, m.written, "", weight, m.era, m.passing)
        out.append((text, m))
    return out


def _lists_districts(mentions: tuple[Mention, ...]) -> bool:
    """Whether a sentence names ``district_list_min`` different districts or more (a list of examples)."""
    named = {(m.marker.lower(), m.unit) for m in mentions if m.level == "district"}
    return len(named) >= place_rules().district_list_min


def _post_merger(published: str, mentions: list[Mention], text: str) -> str:
    """Why the article is read with the units of after 1 July 2025 ("" when it is not).

    A date (to the month at least, or a year other than 2025) decides; otherwise post-merger wording:
    a province written "(mới)" or "cũ", or a phrase such as "chính quyền địa phương hai cấp".
    """
    merger = place_rules().merger_date
    if published and (len(published) >= 7 or published[:4] != merger[:4]):
        return f"published {published}, after the July 2025 merger" if published >= merger[:7] else ""
    cue = next((m for m in mentions if m.level == "province" and m.era), None)
    if cue is not None:
        return f"post-merger wording: '{cue.written}' ({'former' if cue.era == 'former' else 'new'})"
    phrase = place_rules().post_merger_phrases.search(text)
    return f"post-merger wording: '{phrase.group()}'" if phrase else ""


def _confidence(score: float, minimum: float) -> str:
    """high: twice the evidence a placement needs ("tỉnh X" and its domain); medium: enough; low: one weak
    clue with no rival ("xã Y", a commune found in one province only)."""
    return "high" if score >= 2 * minimum else "medium" if score >= minimum else "low"


def _with_era(place: dict[str, str], merged: str) -> dict[str, str]:
    if merged:
        place["province_evidence"] += f" [{merged}]"
    return place


def _describe(m: Mention, province: str) -> str:
    """How a mention reads in the evidence; "(now X)" when it counts for the province it merged into."""
    former = " " + place_rules().former_label if m.era == "former" else ""
    now = f" (now {province})" if province != m.province else ""
    if m.level == "province":
        return f"'{m.marker + ' ' if m.marker else ''}{m.written}'{former}{now}"
    return f"{m.level} {m.unit}{former} → {m.province}{now}"


def _summary(counter: Counter[str]) -> str:
    return "; ".join(f"{what} ×{n}" if n > 1 else what for what, n in counter.most_common())


def _variants(article: Article, mentions: list[Mention]) -> list[dict[str, str]]:
    """Places written differently from their official name (tone marks, i/y, spelling)."""
    rows, seen = [], set()
    for m in mentions:
        if m.province and "|" not in m.province and nfc(m.written) != m.unit and m.written not in seen:
            if place_key(m.written) != place_key(m.unit):  # an alias such as "TP.HCM", not a variant
                continue
            if nfc(m.written).lower() == m.unit.lower():  # "quận 8" for "Quận 8": case, not spelling
                continue
            seen.add(m.written)
            rows.append(
                {
                    "article_id": article.article_id,
                    "kind": "place_spelling_variant",
                    "text": m.written,
                    "note": f"official spelling: {m.unit} ({m.level}, {m.province})",
                }
            )
    return rows
