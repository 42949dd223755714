"""Referenced documents ("Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị") and periods."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import Any

from danvan.article import Article, rows_by_sentence
from danvan.extract.dates import DATE, parse_date_match
from danvan.text import any_of, fold
from danvan.vocab import load_yaml

_YEAR = r"(?:19|20)\d{2}"
_CENTURIES = ("19", "20")  # how every year of _YEAR starts
_JOINED = re.compile(r"\s*(?:,|và)\s*")  # between two documents cited together
# re.IGNORECASE takes "ı" for "i", "ſ" for "s" and "İ" for "i"; str.lower() does not (and makes "İ" two
# characters): a text holding one of them cannot be tested in lower case
_CASE_ODDITIES = re.compile("[\u0130\u0131\u017f]")


@cache
def _patterns() -> dict[str, Any]:
    data = load_yaml("documents.yml")
    types = any_of([t["type"] for t in data["doc_types"]])
    kinds = {fold(p["word"]): p["kind"] for p in data["period_kinds"]}
    modifiers = any_of([m["word"] for m in data["type_modifiers"]])
    doc_type_names = {t["type"] for t in data["doc_types"]}
    names = []  # a named document without its leading type word
    for entry in data["named_documents"]:
        doc_type = next(t for t in doc_type_names if entry["name"].startswith(t + " "))
        names.append(entry["name"][len(doc_type) + 1 :])
    return {
        # quick tests: a document type as written (all patterns but "named" need one; "congress" cites a
        # "Nghị quyết"), and "named" in lower case without its word bounds
        "type": re.compile(types),
        "named_lower": re.compile(
            rf"(?:{any_of([t.lower() for t in doc_type_names])})\s+"
            rf"(?:{any_of([n.lower() for n in names])})"
        ),
        # "Chỉ thị số 05-CT/TW", "Đề án số 02-ĐA/TU", "Quyết định 1234/QĐ-UBND", "Đề án 02"
        "coded": re.compile(
            rf"(?<!\w)(?P<type>{types})\s+(?:(?:{modifiers})\s+)?(?:số\s+)?(?P<number>\d{{1,5}}[a-z]?)"
            rf"(?P<rest>(?:\s*/\s*{_YEAR}(?=\s*/\s*[A-ZĐƯ]))?"  # "12/2021/NQ-HĐND": a year inside the code
            rf"(?:\s*[-/]\s*[A-ZĐƯ][\wĐƯ]*)*(?:\s*/\s*\d{{4}})?)?(?![\w/])"
        ),
        # a quoted title that starts with a document type: “Quy chế giám sát và phản biện xã hội ...”
        "quoted_type": re.compile(rf"[“\"](?P<type>{types})\b(?P<title>[^”\"]{{3,300}})[”\"]"),
        # a type followed by a quoted title: Quy chế “Tiếp xúc, đối thoại ...”
        "type_quoted": re.compile(
            rf"(?<!\w)(?P<type>{types})\s+(?:về\s+)?[“\"](?P<title>[^”\"]{{3,300}})[”\"]"
        ),
        # a congress resolution cited by its congress: "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII"
        "congress": re.compile(
            r"(?<!\w)(?P<type>Nghị quyết)\s+(?P<title>Đại hội(?:\s+(?!lần\b)[^\W\d_]+){0,8}?\s+lần thứ\s+"
            r"(?:[IVXLC]+|\d+))(?!\w)"
        ),
        "date": re.compile(r"\s*,?\s*(?:ban hành\s+)?(?P<day>ngày)\s+"),
        "issuer": re.compile(
            r"\s*(?:,\s*)?của\s+(?P<issuer>[^,;.“”\"()]{3,80}?)(?=\s+(?:về|khóa|khoá|và|nhằm|để|trong)\b|[,;.“”\"()]|$)"
        ),
        "title_after": re.compile(r"[^“\"]{0,40}?\bvề\s+[“\"](?P<title>[^”\"]{3,300})[”\"]"),
        "issuers": {i["code"]: i["gloss"] for i in data["issuers"]},
        "period": re.compile(
            rf"(?<!\w)(?P<kind>{any_of([p['word'] for p in data['period_kinds']])})\s+"
            rf"(?P<start>{_YEAR})\s*[-–—]\s*(?P<end>{_YEAR})(?!\d)"
            rf"|(?<!\w)(?P<since>[Tt]ừ\s+(?:năm\s+)?(?P<start2>{_YEAR})\s+"
            rf"(?:đến nay|tới nay|đến năm\s+(?P<end2>{_YEAR})))",
            re.IGNORECASE,
        ),
        "kinds": kinds,
        "types": sorted(doc_type_names),
        "campaign_types": {fold(t["type"]) for t in data["doc_types"] if t.get("quoted_name_is_campaign")},
        # "Quy chế dân chủ ở cơ sở": a known document cited by its name alone
        "named": re.compile(
            rf"(?<!\w)(?P<title>(?P<type>{types})\s+(?:{any_of(names)}))(?!\w)", re.IGNORECASE
        ),
    }


def _canonical_type(word: str) -> str:
    """The doc_types spelling of ``word`` ("quy chế" -> "Quy chế")."""
    return next((t for t in _patterns()["types"] if fold(t) == fold(word)), word)


def _issuer(code: str) -> str:
    issuers = _patterns()["issuers"]
    suffix = re.split(r"[/-]", code)[-1] if code else ""
    suffix = re.sub(r"(?<=\D)\d+$", "", suffix)  # "UBTVQH15": the 15th National Assembly's standing committee
    return issuers.get(suffix, issuers.get(suffix.upper(), ""))


def _after(text: str, end: int) -> tuple[str, str, str, int]:
    """(issued ISO date, issuer named in the text, quoted title, new end) following a reference."""
    p = _patterns()
    issued, issuer_text, title = "", "", ""
    date_prefix = p["date"].match(text, end)
    if date_prefix:
        # "ngày 15/5/2016" is a date after "ngày"; "ngày 15 tháng 5 năm 2016" one that starts with it
        match = DATE.match(text, date_prefix.end()) or DATE.match(text, date_prefix.start("day"))
        parsed = parse_date_match(match) if match else None
        if parsed and parsed.iso:
            issued, end = parsed.iso, match.end()
    who = p["issuer"].match(text, end)
    if who:
        issuer_text, end = who.group("issuer").strip(), who.end("issuer")
    quoted = p["title_after"].match(text, end)
    if quoted:
        title, end = quoted.group("title").strip(), quoted.end()
    return issued, issuer_text, title, end


def _may_name(sentence: str) -> bool:
    """A quick exact test for the case-blind ``named`` pattern, on the sentence in lower case."""
    return bool(_patterns()["named_lower"].search(sentence.lower()) or _CASE_ODDITIES.search(sentence))


def citations_in_sentence(sentence: str) -> list[dict[str, Any]]:
    """Documents referenced in one sentence (offsets relative to it)."""
    p = _patterns()
    typed = p["type"].search(sentence) is not None
    named = _may_name(sentence)
    if not typed and not named:
        return []
    rows, taken = [], []
    for m in p["coded"].finditer(sentence) if typed else ():
        code = (m.group("number") + (m.group("rest") or "")).replace(" ", "") if m.group("rest") else ""
        issued, issuer_text, title, end = _after(sentence, m.end())
        rows.append(
            {
                "doc_type": m.group("type"),
                "number": m.group("number"),
                "code": code,
                "issuer": _issuer(code),
                "issuer_text": issuer_text,
                "issued": issued,
                "title": title,
                "start": m.start(),
                "end": end,
            }
        )
        taken.append((m.start(), end))
    for before, after in pairwise(rows):
        # "Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013": a bare code shares the date
        # and issuer of the next (not when it names its own: "... của Quốc hội và Kế hoạch ... ngày")
        bare = not before["issued"] and not before["issuer_text"]
        if bare and after["issued"] and _JOINED.fullmatch(sentence, before["end"], after["start"]):
            before["issued"], before["issuer_text"] = after["issued"], after["issuer_text"]
    for name in ("type_quoted", "quoted_type", "named", "congress"):
        if not (named if name == "named" else typed):
            continue
        for m in p[name].finditer(sentence):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            if name == "type_quoted" and fold(m.group("type")) in p["campaign_types"]:
                continue  # Chương trình "Tết Sum vầy": a campaign's name
            title = (
                m.group("title").strip() if name != "quoted_type" else (m.group("type") + m.group("title"))
            )
            rows.append(
                {
                    "doc_type": _canonical_type(m.group("type")),
                    "number": "",
                    "code": "",
                    "issuer": "",
                    "issuer_text": "",
                    "issued": "",
                    "title": title.strip(),
                    "start": m.start(),
                    "end": m.end(),
                }
            )
            taken.append((m.start(), m.end()))
    return sorted(rows, key=lambda r: r["start"])


def extract_citations(article: Article) -> list[dict[str, Any]]:
    """Rows of ``documents.csv`` for ``article``."""
    return rows_by_sentence(article, citations_in_sentence)


def extract_periods(article: Article) -> list[dict[str, Any]]:
    """Rows of ``periods.csv``: campaign periods, terms, and "since YEAR" spans."""
    p = _patterns()
    rows = []
    for s in article.sentences:
        if not any(century in s.text for century in _CENTURIES):
            continue
        for m in p["period"].finditer(s.text):
            if m.group("since"):
                kind, start_year, end_year = "since", int(m.group("start2")), m.group("end2")
            else:
                kind, start_year, end_year = (
                    p["kinds"][fold(m.group("kind"))],
                    int(m.group("start")),
                    m.group("end"),
                )
            rows.append(
                {
                    "article_id": article.article_id,
                    "sentence_id": s.sentence_id,
                    "kind": kind,
                    "start_year": start_year,
                    "end_year": int(end_year) if end_year else None,
                    "start": s.start + m.start(),
                    "end": s.start + m.end(),
                    "text": m.group(),
                }
            )
    return rows
