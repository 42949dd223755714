"""Where an article is: its province and district as of publication, weighed from the places it names
(:mod:`danvan.extract.places`), its source and its date, with the evidence, a confidence and quality rows."""

from __future__ import annotations

from collections import Counter, defaultdict

from danvan.article import Article
from danvan.extract.gazetteer import gazetteer, place_key
from danvan.extract.lexicon import DOMAIN
from danvan.extract.place_rules import place_rules
from danvan.extract.places import Mention, find_mentions
from danvan.text import fold, nfc


def _source_mentions(source: str, units_2025: bool = False) -> tuple[Mention, ...]:
    """The places an outlet's name gives; after the merger, its communes and wards of the 2025 map, read in
    a name written in capitals too ("TRANG THÔNG TIN ĐIỆN TỬ PHƯỜNG HÀ GIANG 1")."""
    if units_2025 and source.isupper():
        source = source.title()
    return find_mentions(source, units_2025)


def source_province(source: str, units_2025: bool = False) -> tuple[str, str]:
    """(province, domain or outlet) named by a source such as "backan.gov.vn" or "Báo Quảng Nam".

    ("", "") when the source names no province, or more than one.
    """
    gaz = gazetteer()
    if not DOMAIN.search(source):
        named = {
            m.province for m in _source_mentions(source, units_2025) if m.province and "|" not in m.province
        }
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
    if merged:  # read again with the communes and wards of the 2025 map
        found = _as_marked_districts([(text, m) for text in texts for m in find_mentions(text, True)])
        mentions = [m for _, m in found]
    now = (lambda p: gaz.province_2025.get(p, p)) if merged else (lambda p: p)
    scores: Counter[str] = Counter()
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    levels: dict[str, set[str]] = defaultdict(set)  # the kinds of unit that speak for each province
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
            levels[province].add(m.level)
    for m, provinces in ambiguous:  # ambiguous district names count for a province other evidence supports
        for province in provinces:
            if scores[province] > 0:
                scores[province] += m.weight
                evidence[province][f"{m.level} {m.written} → {province}"] += 1
                levels[province].add(m.level)
    src_province, domain = source_province(source, bool(merged))
    if not src_province:  # a saved page: the address it was fetched from, its own address and site name
        page = (article.url, *(article.html_meta.get(key, "") for key in ("url", "hostname", "sitename")))
        src_province, domain = source_province(" ".join(page))
    if src_province:
        scores[now(src_province)] += weights["source"]
        evidence[now(src_province)][f"source {domain}"] += 1
        named = _source_mentions(domain, bool(merged))  # a ward's own portal speaks for its ward only
        levels[now(src_province)].add("ward" if named and all(m.level == "ward" for m in named) else "source")
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
        province_confidence=_confidence(score, weights["minimum"], levels[best]),
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


def _confidence(score: float, minimum: float, levels: set[str]) -> str:
    """high: twice the evidence a placement needs ("tỉnh X" and its domain); medium: enough, or more but
    from communes and wards only (one ward named many times is still one clue); low: one weak clue with no
    rival ("xã Y", a commune found in one province only)."""
    if score < minimum:
        return "low"
    return "high" if score >= 2 * minimum and levels != {"ward"} else "medium"


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
