"""Numeric claims, documents and periods against a blind hand-labelled set: 25 articles written for the
purpose (tests/data/figures_blind/) with gold written before the extractor was first run on them
(tests/data/figures_blind_gold.yml).

Figures match on value and unit (each gold claim at most once); object, category, qualifier and value_max
are then scored on the matched pairs. Documents match on (doc_type, number); code, issuer and date are scored
on the matched pairs. Periods match on (start_year, end_year, kind).

Usage: python -m bench.figures_quality   (prints the tables and writes the "figures" section of RESULTS.md)
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from bench.results_file import write_section
from danvan.extract.citations import extract_citations, extract_periods
from danvan.extract.claims import extract_claims
from danvan.ingest.read import iter_corpus
from danvan.text import fold

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "figures_blind"
GOLD = ROOT / "tests" / "data" / "figures_blind_gold.yml"


def load_gold(path: Path = GOLD) -> dict[str, dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def predictions(folder: Path = CORPUS) -> dict[str, dict[str, list[dict[str, Any]]]]:
    out = {}
    for ingested in iter_corpus(folder):
        article = ingested.article
        if article is None:
            continue
        out[article.article_id] = {
            "figures": extract_claims(article),
            "documents": extract_citations(article),
            "periods": extract_periods(article),
        }
    return out


def _same_value(a: float, b: float) -> bool:
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-6)


def _same_max(a: Any, b: Any) -> bool:
    a = None if a is None or (isinstance(a, float) and math.isnan(a)) else a
    b = None if b is None or (isinstance(b, float) and math.isnan(b)) else b
    return (a is None and b is None) or (a is not None and b is not None and _same_value(a, b))


def _object_ok(gold: str, guess: str) -> bool:
    g, p = fold(gold), fold(guess or "")
    return bool(p) and (g in p or p in g)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    gold: dict[str, dict[str, Any]], predicted: dict[str, dict[str, list[dict[str, Any]]]]
) -> dict[str, Any]:
    """Counts and the per-claim errors (for reading, not for the table)."""
    c: Counter[str] = Counter()
    errors: list[str] = []
    for aid, g in gold.items():
        got = predicted.get(aid, {"figures": [], "documents": [], "periods": []})
        free = list(got["figures"])
        for claim in g["figures"]:
            hit = next(
                (f for f in free if _same_value(f["value"], claim["value"]) and f["unit"] == claim["unit"]),
                None,
            )
            if hit is None:
                c["fig_fn"] += 1
                errors.append(f"{aid} MISS {claim['value']:g} {claim['unit']} {claim['object']}")
                continue
            free.remove(hit)
            c["fig_tp"] += 1
            if claim["object"]:
                c["obj_n"] += 1
                if _object_ok(claim["object"], hit["object"]):
                    c["obj_ok"] += 1
                else:
                    errors.append(
                        f"{aid} OBJECT {claim['value']:g} gold={claim['object']!r} got={hit['object']!r}"
                    )
            c["cat_n"] += 1
            if hit["category"] in claim["category"].split("|"):
                c["cat_ok"] += 1
            else:
                errors.append(
                    f"{aid} CATEGORY {claim['value']:g} {claim['object']} gold={claim['category']} got={hit['category']}"
                )
            c["qual_ok"] += hit["qualifier"] == claim["qualifier"]
            c["max_ok"] += _same_max(hit["value_max"], claim["value_max"])
        optional = [dict(o) for o in g.get("optional") or []]
        for f in free:
            spare = next(
                (o for o in optional if _same_value(o["value"], f["value"]) and o["unit"] == f["unit"]), None
            )
            if spare is not None:
                optional.remove(spare)
                continue
            c["fig_fp"] += 1
            errors.append(f"{aid} EXTRA {f['value']:g} {f['unit']} {f['text']!r}")

        free_docs = list(got["documents"])
        for doc in g["documents"]:
            hit = next(
                (d for d in free_docs if d["doc_type"] == doc["doc_type"] and d["number"] == doc["number"]),
                None,
            )
            if hit is None:
                c["doc_fn"] += 1
                errors.append(f"{aid} DOC MISS {doc['doc_type']} {doc['number']}")
                continue
            free_docs.remove(hit)
            c["doc_tp"] += 1
            for field in ("code", "issuer", "issued"):
                ok = (hit[field] or "") == (doc[field] or "")
                c[f"doc_{field}_ok"] += ok
                if not ok:
                    errors.append(f"{aid} DOC {field} {doc['number']} gold={doc[field]!r} got={hit[field]!r}")
        optional_docs = [dict(o) for o in g.get("optional_documents") or []]
        for d in free_docs:
            spare = next(
                (o for o in optional_docs if o["doc_type"] == d["doc_type"] and o["number"] == d["number"]),
                None,
            )
            if spare is not None:
                optional_docs.remove(spare)
                continue
            c["doc_fp"] += 1
            errors.append(f"{aid} DOC EXTRA {d['text']!r}")

        free_periods = [(p["start_year"], p["end_year"], p["kind"]) for p in got["periods"]]
        for period in g["periods"]:
            key = (period["start_year"], period["end_year"], period["kind"])
            if key in free_periods:
                free_periods.remove(key)
                c["per_tp"] += 1
            else:
                c["per_fn"] += 1
                errors.append(f"{aid} PERIOD MISS {key}")
        c["per_fp"] += len(free_periods)
        errors += [f"{aid} PERIOD EXTRA {key}" for key in free_periods]
    return {"counts": c, "errors": errors}


def table(c: Counter[str]) -> str:
    fig = prf(c["fig_tp"], c["fig_fp"], c["fig_fn"])
    doc = prf(c["doc_tp"], c["doc_fp"], c["doc_fn"])
    per = prf(c["per_tp"], c["per_fp"], c["per_fn"])

    def share(ok: int, n: int) -> str:
        return f"{ok / n:.3f} ({ok}/{n})" if n else "-"

    return "\n".join(
        [
            "| measure | value |",
            "|---|---|",
            f"| figures P / R / F1 (value + unit) | {fig[0]:.3f} / {fig[1]:.3f} / {fig[2]:.3f} "
            f"(tp {c['fig_tp']}, fp {c['fig_fp']}, fn {c['fig_fn']}) |",
            f"| figure object accuracy (matched, gold object given) | {share(c['obj_ok'], c['obj_n'])} |",
            f"| figure category accuracy (matched) | {share(c['cat_ok'], c['cat_n'])} |",
            f"| figure qualifier accuracy (matched) | {share(c['qual_ok'], c['fig_tp'])} |",
            f"| figure value_max accuracy (matched) | {share(c['max_ok'], c['fig_tp'])} |",
            f"| documents P / R / F1 (doc_type + number) | {doc[0]:.3f} / {doc[1]:.3f} / {doc[2]:.3f} "
            f"(tp {c['doc_tp']}, fp {c['doc_fp']}, fn {c['doc_fn']}) |",
            f"| document code / issuer / issued accuracy (matched) | {share(c['doc_code_ok'], c['doc_tp'])} / "
            f"{share(c['doc_issuer_ok'], c['doc_tp'])} / {share(c['doc_issued_ok'], c['doc_tp'])} |",
            f"| periods P / R / F1 | {per[0]:.3f} / {per[1]:.3f} / {per[2]:.3f} "
            f"(tp {c['per_tp']}, fp {c['per_fp']}, fn {c['per_fn']}) |",
        ]
    )


# Measured once, with the code as it was before any fix made after seeing the set (commit aad94d8).
BEFORE_TABLE = """\
| measure | value |
|---|---|
| figures P / R / F1 (value + unit) | 0.971 / 0.964 / 0.968 (tp 374, fp 11, fn 14) |
| figure object accuracy (matched, gold object given) | 0.993 (270/272) |
| figure category accuracy (matched) | 0.973 (364/374) |
| figure qualifier accuracy (matched) | 0.987 (369/374) |
| figure value_max accuracy (matched) | 1.000 (374/374) |
| documents P / R / F1 (doc_type + number) | 0.938 / 0.882 / 0.909 (tp 30, fp 2, fn 4) |
| document code / issuer / issued accuracy (matched) | 1.000 (30/30) / 0.900 (27/30) / 0.967 (29/30) |
| periods P / R / F1 | 1.000 / 1.000 / 1.000 (tp 13, fp 0, fn 0) |
"""

NOTE = """\
Honest reading: the "before" table is the unseen accuracy. The "now" table is measured on the same articles the
fixes were made from, so it is optimistic; the fixes are general (vocabulary in figures.yml / documents.yml,
no article-specific rule) and each is pinned by a sentence of its own in tests/test_figures.py and
tests/test_documents.py. What the set found: person nouns missing from the lexicon ("phụ nữ", "lao động",
"cử tri", "cụ", "vị", "đồng chí", "nhà hảo tâm"), "35 đồng chí" read as 35 dong, reported speech in quotes
dropped as if it were a quoted name, "ước" matched inside "Nhà nước" as a qualifier, the signing cue never
matching (the cue "ký" was not folded to "kí"), an honour cue from an earlier clause re-categorising a later
claim, "18.426/19.011" not read as a ratio, "từ 14 xuống còn 12 đơn vị" losing the first count, "đường vành
đai 5" read as a count; for documents, "Thông báo kết luận số" / "Chương trình phối hợp số" not read,
issuer codes with a term number ("UBTVQH15") and mass-organisation codes (ĐTN, CTĐ, BDVTXU) not decoded,
a date shared by two coordinated documents given to the second only, and "Nghị quyết Đại hội ... lần thứ
XVII" not read; a quoted campaign name after "Chương trình" ('Chương trình "Tết Sum vầy"') read as a
document (2 false positives; fixed later: a programme with a quoted name and no number is a campaign). Left
as it is: "từ X% ... xuống còn Y%" keeps "từ" as X's qualifier (the project's convention, asserted in the
tests; the blind gold says no qualifier: 4 of the qualifier misses).
"""


def main(show_errors: bool = False) -> None:
    result = score(load_gold(), predictions())
    now = table(result["counts"])
    print(now)
    if show_errors:
        print("\n".join(result["errors"]))
    write_section(
        "figures",
        "## Figures, documents and periods: blind set\n\n"
        "`python -m bench.figures_quality` on tests/data/figures_blind (25 articles written for the set; "
        "gold in tests/data/figures_blind_gold.yml written before the extractor was first run on them).\n\n"
        "### Before any fix (the honest unseen accuracy)\n\n"
        f"{BEFORE_TABLE}\n\n### After the fixes this set guided (optimistic)\n\n{now}\n\n{NOTE}\n",
    )


if __name__ == "__main__":
    import sys

    main(show_errors="--errors" in sys.argv)
