"""Article metadata and places against three blind gold sets, each written before the parser was first run
on it: round 1, 30 articles (tests/data/places_blind/, tests/data/places_blind_gold.yml); round 2, 20
articles written later by someone who had not read the parser (tests/data/places_blind2/,
tests/data/places_blind2_gold.yml), half of them after the July 2025 merger; round 3, 20 more in the same
way (tests/data/places_blind3/), half after the merger and half from 2011-2015.

Usage: python -m bench.places_quality   (prints the errors and the table, writes the "places" section of
RESULTS.md)
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bench.results_file import write_section
from danvan.extract.metadata import extract_metadata
from danvan.extract.placement import resolve_place
from danvan.ingest.read import iter_corpus
from danvan.text import unify_tone_marks

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
ROUNDS = {
    1: (DATA / "places_blind", DATA / "places_blind_gold.yml"),
    2: (DATA / "places_blind2", DATA / "places_blind2_gold.yml"),
    3: (DATA / "places_blind3", DATA / "places_blind3_gold.yml"),
}
FIELDS = ("title", "source", "published", "precision", "author", "province", "district", "province_2025")
# round 3's extra fields, scored on the articles whose gold gives them: the date of the lead event of a page
# with no date line (our estimate), photo credits, and the confidence of a placement on weak evidence
EXTRA = ("event_date", "photo_credit", "province_confidence")
ESTIMATES_APART = {3}  # rounds whose gold keeps a date estimated from the lead event out of "published"


def norm(text: str) -> str:
    """Case, tone-mark placement ("Hoà"/"Hòa"), spaces around hyphens and apostrophes do not count."""
    text = unify_tone_marks(str(text or "")).lower().replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", text)).strip()


def correct(field: str, gold: str | list[str], got: str) -> bool:
    golds = gold if isinstance(gold, list) else [gold]
    if field == "author":  # the same names, in any order
        names = {norm(n) for n in got.split(";") if n.strip()}
        return any({norm(n) for n in g.split(";") if n.strip()} == names for g in golds)
    return norm(got) in {norm(g) for g in golds}


def predictions(corpus: Path, estimates_apart: bool = False) -> dict[str, dict[str, str]]:
    """Metadata and place of every article of a blind set, keyed by file name without suffix."""
    out = {}
    for ingested in iter_corpus(corpus):
        article = ingested.article
        if article is None:  # rejected: every field wrong
            print(f"{ingested.file}: rejected ({ingested.reason})")
            continue
        meta = extract_metadata(article)
        place, _ = resolve_place(article, meta["source"], meta["published"], meta["title"])
        estimated = estimates_apart and meta["published_basis"] == "lead event"  # not what a date line says
        out[Path(ingested.file).stem] = {
            **meta,
            **place,
            "published": "" if estimated else meta["published"],
            "precision": "none" if estimated else meta["published_precision"],
            "event_date": meta["published"] if estimated else "",
        }
    return out


def score(round_: int = 1) -> tuple[dict[str, int], list[str], dict[str, int]]:
    """(correct per field, one line per error, articles scored per field) on blind round ``round_``."""
    corpus, gold_file = ROUNDS[round_]
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["articles"]
    got = predictions(corpus, round_ in ESTIMATES_APART)
    right, errors = dict.fromkeys(FIELDS, 0), []
    for aid, expected in gold.items():
        for field in FIELDS + EXTRA:
            if field not in expected:
                continue
            right.setdefault(field, 0)
            value = got.get(aid, {}).get(field, "")
            if correct(field, expected[field], value):
                right[field] += 1
            else:
                errors.append(f"{aid} {field}: gold {expected[field]!r}, got {value!r}")
    scored = {field: sum(field in expected for expected in gold.values()) for field in right}
    return right, errors, scored


def main() -> None:
    tables, remaining = [], []
    for round_, (_, gold_file) in ROUNDS.items():
        right, errors, scored = score(round_)
        before = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["blind_before_fix"]
        rows = "\n".join(
            f"| {f} | {before[f]}/{n} ({before[f] / n:.0%}) | {right[f]}/{n} ({right[f] / n:.0%}) |"
            for f, n in scored.items()
        )
        tables.append(
            f"### Round {round_}: {scored['title']} articles\n\n| field | blind, before fixes | now |\n"
            f"|---|---|---|\n{rows}"
        )
        remaining += [f"- round {round_}: {e}" for e in errors]
    print("\n".join(remaining) + "\n\n" + "\n\n".join(tables))
    write_section(
        "places",
        f"""## Article metadata and places on blind sets

Command: `python -m bench.places_quality`. Three gold sets, each written before the parser was run on it.
Round 1: 30 articles (`tests/data/places_blind/`: provincial Party papers, district portals, Nhân Dân,
dangcongsan.vn, mattran.org.vn, danvan.vn, baodantoc.vn, VOV, VTV, Vietnam+, QĐND, CAND, the Women's Union
paper; three saved HTML pages; every region including islands, towns, provincial cities, articles after the
July 2025 merger, national conferences and visiting delegations). Round 2: 20 articles written later by a
helper who had not read the parser's code or vocabulary (`tests/data/places_blind2/`: other provinces and
outlets, nine published after the July 2025 merger with the new communes and wards, site headers,
breadcrumbs and mastheads above the headline, datelines, dates without a year, initials and affiliations
in bylines, a province's name that is also a district's). Round 3: 20 articles by another helper who had
not read the parser (`tests/data/places_blind3/`: ten after the merger, ten from 2011-2015 with districts
since renamed, split or merged, historical dates in the lead, pages with no date line, yearless event dates,
files cut mid-sentence, photo credits, TP.HCM spellings, bare district names, a single commune or ward, two
saved portal pages of the 2010s). Round 3 also scores the date of the lead event of a page with no date
line (`event_date`: our estimate, `published_basis` = lead event), photo credits and the confidence of a
placement on weak evidence, on the articles whose gold gives them.

The "blind, before fixes" column is the honest accuracy on unseen articles. The metadata and place rules
were then corrected on these errors (general rules and vocabulary, no special cases: round 2's headline
errors came from page headers - a site's or an organisation's name, a two-item breadcrumb, a section name,
a masthead tagline - taken for the headline), so the "now" column overstates accuracy on new text: it is a
regression guard, and each new round is the unbiased figure. With 30 or 20 articles, one article is 3 or 5
points.

{chr(10).join(chr(10) + t for t in tables)}

Remaining errors:

{chr(10).join(remaining) or "- none"}

Notes: round 1, a12 is a provincial meeting held in the provincial capital ("tại thành phố Vị Thanh"), named
once among listed districts: the gold leaves the district empty, the parser takes the only district left.
a19 is a new ward formed from wards "thuộc thành phố Tuy Hòa (tỉnh Phú Yên cũ)": the blind gold leaves the
district empty, but the project's rule keeps a former district named with "cũ" after the merger, so this
is a disagreement about the convention rather than a reading error. Round 2, b11's "Quận 9" was dissolved
into Thủ Đức city in 2021: the gazetteer (units as of 2025) no longer has it, so no district is given.
Round 3, before the fixes: c20, a district portal of 2011 laid out in a table, was rejected whole (no article
text found: trafilatura leaves tables out), so it counts wrong on every field; a name of a thing ("Khu kinh tế
Nghi Sơn") made the district of a 2014 article about Tĩnh Gia, and Từ Liêm (split in 2014) was unknown;
outlet lines with a unit word or a second name ("Trang thông tin điện tử phường Xuân Hương - Đà Lạt", "BÁO TIN
TỨC - THÔNG TẤN XÃ VIỆT NAM") were taken for the headline; "phường Hà Giang 1", a ward of the 2025 map, was
read as the former province; a byline with an office after a dash was dropped; a review's yearless date had no
year; the credit of a saved page's photo captions was lost. Each was fixed as a class with its own test
sentences (tests/test_unseen_pages.py): table-laid pages read again with their tables as blocks, photo
captions of saved pages kept, facility words (place_rules.yml), Từ Liêm and Tĩnh Gia in
former_districts.csv with their resolutions, outlet lines with a unit word or a dash, the communes and wards
of the 2025 map (3,300 names from underthesea's mapping, those found in one province only) read in articles
after the merger, evidence from one ward only never "high", the period a review ends for a yearless review
date. Left: c10 is placed in "Huế", the name underthesea gives the former Thừa Thiên Huế province, where the
gold writes "Thừa Thiên Huế" (a naming convention, kept: one name per province in every table); c15 names a
ward and the former city of Đà Lạt, which the parser counts as a district-level clue (high), the gold medium.
""",
    )


if __name__ == "__main__":
    main()
