"""Article metadata: headline, source, publication date and authors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from danvan.article import Article, Line
from danvan.extract.lexicon import DOMAIN, place_words
from danvan.extract.organisations import organisation_mentions
from danvan.extract.published import publication
from danvan.text import CAPITAL, any_of, fold, with_capitals
from danvan.vocab import load_yaml


@dataclass(frozen=True)
class _Rules:
    """Patterns over the words of page headers, bylines and source lines (``metadata_rules.yml``)."""

    outlet: re.Pattern[str]
    lead_codes: dict[str, str]
    lead_code: re.Pattern[str]
    agency: re.Pattern[str]
    trailing_name_max: int
    author: re.Pattern[str]
    source: re.Pattern[str]
    source_prefix: re.Pattern[str]
    separator: re.Pattern[str]
    dateline: re.Pattern[str]
    day_word: re.Pattern[str]
    title_max: int
    honorific: re.Pattern[str]
    affiliation: re.Pattern[str]
    signature: re.Pattern[str]
    sentence_openers: frozenset[str]
    photo_credit: re.Pattern[str]


@cache
def _rules() -> _Rules:
    raw = load_yaml("metadata_rules.yml")

    def labels(key: str) -> re.Pattern[str]:
        words = any_of(e["label"] for e in raw[key])
        return re.compile(r"^\s*(?:" + words + r")\s*:\s*(.+?)\s*$", re.I)

    def starts(key: str, field: str) -> re.Pattern[str]:
        words = any_of(str(e[field]) for e in raw[key])
        return re.compile(r"^\s*(?:" + words + r")(?:\s+|$)", re.I)

    outlet_words = any_of(e["word"] for e in raw["outlet_words"])
    suffixes = any_of(e["word"] for e in raw["outlet_suffixes"])
    name_word = r"(?:(?-i:" + CAPITAL + r"[^\W\d_]*(?:['’-][^\W\d_]+)*)|\d{1,2})"
    names = any_of(e["name"] for e in raw["outlet_names"])
    units = "|".join(sorted(map(re.escape, place_words()[0]), key=len, reverse=True))
    codes = {e["code"].casefold(): e["source"] for e in raw["lead_codes"]}
    code_suffixes = "|".join(re.escape(e["word"]) for e in raw["lead_code_suffixes"])
    day_words = "|".join(re.escape(e["word"]) for e in raw["dateline_day_words"])
    agencies = "|".join(re.escape(e["name"]) for e in raw["agency_words"])
    signatures = "|".join(re.escape(e["word"]) for e in raw["signature_words"])
    return _Rules(
        # "Báo Quảng Nam", "Trang thông tin điện tử phường Xuân Hương - Đà Lạt" (a unit word before the
        # name), "BÁO TIN TỨC - THÔNG TẤN XÃ VIỆT NAM" (a second name after a dash)
        outlet=re.compile(
            r"^\s*(?:(?:" + outlet_words + r")\s+(?:(?-i:" + units + r")\s+)?(?:" + name_word + r"\s*){1,6}"
            r"(?:\s(?:" + suffixes + r"))?(?:\s[-–]\s(?:" + name_word + r"\s*){1,6})?"
            r"|" + names + r")\s*$",
            re.I,
        ),
        lead_codes=codes,
        # "(kontumtv.vn) – Sáng ngày 14/7, ...", "(ĐCSVN) - Ngày 13/3, ...", "QĐND - Những năm qua, ..."
        lead_code=re.compile(
            r"\s*\(([^)]{2,60})\)\s*[-–—]|\s*([^\s()]{2,20}(?: (?:" + code_suffixes + r"))?)\s+[-–—]\s"
        ),
        agency=re.compile(r"^\s*(?:" + agencies + r")(?![^\W_])", re.I),
        trailing_name_max=raw["trailing_name_max_chars"],
        author=labels("author_labels"),
        source=labels("source_labels"),
        source_prefix=re.compile(raw["source_prefix"], re.I),
        separator=re.compile(raw["author_separator"]),
        dateline=re.compile(with_capitals(raw["dateline_prefix"]), re.I),
        day_word=re.compile(r"(?:" + day_words + r")\s+", re.I),
        title_max=raw["title_max_chars"],
        honorific=starts("author_honorifics", "word"),
        affiliation=starts("author_affiliations", "word"),
        signature=re.compile(r"(?<!\w)(?:" + signatures + r")(?!\w)", re.I),
        sentence_openers=frozenset(fold(e["word"]) for e in raw["sentence_openers"]),
        photo_credit=re.compile(raw["photo_credit"], re.I),
    )


_CLAUSE_END = (".", ":", ";", "…")  # a line ending so is text, not a headline or a page header


@dataclass(frozen=True)
class _Layout:
    """Where an article's parts are, found once: its outlet line, its headline and its first line of text."""

    outlet: Line | None
    title: str
    lead: str


def _layout(article: Article) -> _Layout:
    outlet = _outlet_line(article)
    title = _title_line(article, outlet)
    after = title.lineno if title is not None else -1
    body = [line for line in article.body_lines if line is not outlet and line.lineno > after]
    return _Layout(outlet, title.text.strip() if title is not None else "", body[0].text if body else "")


def extract_metadata(article: Article) -> dict[str, str]:
    """title, source, published (ISO or empty), published_precision, published_text, published_basis,
    published_note, photo_credit, author."""
    layout = _layout(article)
    rules = _rules()
    published = publication(article, layout.lead, rules.dateline, rules.day_word)
    return {
        "title": article.html_meta.get("title") or layout.title,
        "source": _source(article, layout),
        "published": published.iso,
        "published_precision": published.precision,
        "published_text": published.text,
        "published_basis": published.basis,
        "published_note": published.note,
        "photo_credit": _photo_credits(article),
        "author": article.html_meta.get("author", "").replace(",", ";") or _authors(article, layout),
    }


def _title_line(article: Article, outlet: Line | None) -> Line | None:
    """The headline: the first body line before the text starts that reads as one (short, no full stop),
    past the page's header lines (the outlet's or an organisation's name, short section labels).

    A headline in capitals ("CHIÊM HOÁ: NHIỀU MÔ HÌNH ...") is classified as a capitals line; it is the
    headline when it comes before the body and has five words or more (section labels are shorter). A
    line of fewer than five words is a section label ("Chính trị - Xây dựng Đảng") unless no headline
    follows it.
    """
    label: Line | None = None  # a short line: the headline only if no longer one follows
    for line in article.lines:
        if line is outlet or line.kind == "blank" or _organisation_header(line.text):
            continue
        if line.kind == "meta" and line.rule == "caps_label" and len(_words(line.text)) >= 5:
            return line if len(article.body_lines) > 1 else None
        if line.kind in ("meta", "caption", "boilerplate"):
            continue
        text = line.text.strip()
        if len(text) > _rules().title_max or text.endswith(_CLAUSE_END):
            break  # the text proper has started
        if len(_words(text)) >= 5:
            return line if len(article.body_lines) > 1 else None
        label = label or line
    return label if label is not None and len(article.body_lines) > 1 else None


def _organisation_header(text: str, *, named: bool = False) -> bool:
    """A line that is only an organisation's name, as a site's header ("Mặt trận Tổ quốc Việt Nam", "BAN
    DÂN VẬN TỈNH ỦY THANH HÓA"): one organisation from the first word, then at most a capitalised place.
    ``named``: the name says which one (a national body, or a place follows; not a bare "ĐẢNG BỘ TỈNH")."""
    text = text.strip()
    if not text or len(_words(text)) > 10 or text.endswith(_CLAUSE_END):
        return False
    mentions = organisation_mentions(text)
    if len(mentions) != 1 or mentions[0]["start"] != 0:
        return False
    rest = text[mentions[0]["end"] :].split()
    if len(rest) > 4 or not all(word[:1].isupper() for word in rest):
        return False
    return not named or bool(rest) or mentions[0]["level"] in ("central", "")  # "", no level: a national name


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(ch.isalpha() for ch in w)]


def _is_caps_name(text: str) -> bool:
    """A reporter's name in capitals ("NGỌC ANH", "H'XUÂN"), not an office's signature."""
    words = _words(text)
    return (
        1 <= len(words) <= 4
        and not _rules().signature.search(text)
        and all(re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", w) for w in words)
    )


def _source(article: Article, layout: _Layout) -> str:
    rules = _rules()
    for line in article.meta_lines:
        labelled = rules.source.match(line.text)
        if not labelled and line.rule != "source_line":
            continue
        domain = DOMAIN.search(line.text)
        if domain:
            return domain.group(1).lower()
        text = labelled.group(1) if labelled else rules.source_prefix.sub("", line.text)
        text = text.strip().rstrip(".").strip().removesuffix(")").strip()
        if text:
            return text
    for first in dict.fromkeys([layout.lead, article.body_lines[0].text if article.body_lines else ""]):
        lead = rules.lead_code.match(first)
        code = (lead.group(1) or lead.group(2)).strip() if lead else ""
        if code and DOMAIN.fullmatch(code):
            return code.lower()
        if code.casefold() in rules.lead_codes:
            return rules.lead_codes[code.casefold()]
    if layout.outlet is not None:
        return layout.outlet.text.strip()
    if article.html_meta.get("sitename") or article.html_meta.get("hostname"):
        return article.html_meta.get("sitename") or article.html_meta["hostname"]
    # a saved page's <title>: "Headline - Cổng thông tin điện tử huyện Bù Đăng"
    for part in reversed(re.split(r"\s+[-|–]\s+", article.html_meta.get("page_title", ""))[1:]):
        if _rules().outlet.match(part):
            return part.strip()
    if _outlet_host(article.url):  # a fetched page: the host that served it
        return _outlet_host(article.url)
    body_end = max((line.lineno for line in article.body_lines), default=0)
    signatures = [
        line
        for line in article.meta_lines
        if line.rule == "caps_label" and line.lineno > body_end and not _is_caps_name(line.text)
    ]
    return signatures[-1].text.strip() if signatures else ""


def _outlet_host(url: str) -> str:
    """The host of ``url`` without "www.", when it can name an outlet (a domain, not an IP address)."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host if "." in host and not host.replace(".", "").isdigit() and ":" not in host else ""


def _photo_credits(article: Article) -> str:
    """The photographers credited in the article's captions, "; "-joined in order of first credit."""
    credits = (_rules().photo_credit.search(line.text) for line in article.lines if line.kind == "caption")
    return "; ".join(dict.fromkeys(m.group(1).strip() for m in credits if m))


def _authors(article: Article, layout: _Layout) -> str:
    rules = _rules()
    for line in article.meta_lines:
        if line is layout.outlet:
            continue
        match = rules.author.match(line.text)
        if match:
            text = match.group(1)
        elif line.rule in ("byline", "byline_unlabelled"):  # "PV", "Như Nguyệt – Đức Thắng"
            text = line.text
        elif line.rule == "caps_label" and line.text.strip() != layout.title and _is_caps_name(line.text):
            text = line.text  # "NGỌC ANH" under the article
        else:
            continue
        names = [name for part in rules.separator.split(text.strip()) if (name := _person(part))]
        if names:
            return "; ".join(names)
    return _trailing_name(article, layout.outlet)


def _outlet_line(article: Article) -> Line | None:
    """The first or one of the last two lines of the article when it is only an outlet's name.

    "Báo Quảng Nam" under the text, above or below the reporter's name, or "Báo Đắk Lắk điện tử" on top.
    """
    lines = [line for line in article.lines if line.kind in ("body", "meta")]
    for line in dict.fromkeys(lines[:1] + lines[-1:] + lines[-2:-1]):
        if _rules().outlet.match(line.text):
            return line
    if lines and _organisation_header(lines[0].text, named=True):
        return lines[0]
    return None


_INITIALS = re.compile(rf"(?:{CAPITAL}\.){{1,3}}{CAPITAL}\.?")  # "T.Đ", "N.H.", a reporter's initials
_AFFILIATION_AFTER = re.compile(r"\s+[-–—]\s+")  # "Lê Hà - Ban Dân vận Huyện ủy Bá Thước"


def _trailing_name(article: Article, outlet: Line | None) -> str:
    """A reporter's name alone on the article's last body line ("H'Linh", initials "T.Đ"), or just above an
    outlet line, possibly with an affiliation in brackets or after a dash ("Lê Hà - Ban Dân vận Huyện ủy").

    Only when the article has at least three body lines, so that a headline is never taken for a name.
    """
    body = [line for line in article.body_lines if line is not outlet]
    if len(body) < 3:
        return ""
    last = re.sub(r"\s*\([^()]*\)\s*$", "", body[-1].text.strip())  # "Minh Châu (Ban Dân vận Tỉnh ủy ...)"
    parts = _AFFILIATION_AFTER.split(last, maxsplit=1)
    if len(parts) == 2 and _is_affiliation(parts[1]):
        last = parts[0]
    if _INITIALS.fullmatch(last):
        return last
    if len(last) > _rules().trailing_name_max:
        return ""
    words = _words(last)
    if not 1 <= len(words) <= 4 or len(words) != len(last.split()):
        return ""
    if any(fold(" ".join(words[:n])) in _rules().sentence_openers for n in (1, 2, 3)):
        return ""  # "Qua", "Tuy nhiên": a sentence cut off after its first word, not a name
    if not all(re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", w) and w[0].isupper() for w in words):
        return ""
    return _person(last)


def _is_affiliation(text: str) -> bool:
    """An institution after a reporter's name: an affiliation word or an organisation opening it."""
    if _rules().affiliation.match(text):
        return True
    mentions = organisation_mentions(text)
    return bool(mentions) and mentions[0]["start"] == 0


def _person(part: str) -> str:
    """A name from one part of a byline: no agency in brackets, no academic title, not an institution."""
    rules = _rules()
    name = re.sub(r"\s*\([^()]*\)\s*", " ", part).strip()  # "Thu Hà (TTXVN)"
    if rules.agency.match(name):  # "VOV-Miền Trung" in "Thu Hiền/VOV-Miền Trung"
        return ""
    while (honorific := rules.honorific.match(name)) and honorific.end() < len(name):
        name = name[honorific.end() :].strip()
    if not name or rules.affiliation.match(name):
        return ""
    if name.isupper() and len(name.split()) > 1:  # "HỒNG NHUNG" → "Hồng Nhung"
        name = name.title()
    return name
