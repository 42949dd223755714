"""Split a decoded page into the article's own lines and the page furniture around it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from danvan.article import Line
from danvan.text import CAPITAL, with_capitals
from danvan.vocab import load_yaml


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    pattern: re.Pattern[str]
    starts_block: bool
    all_caps: bool
    short_lines_after: int  # 0, or: lines after this one up to this length take its kind (a list)


@cache
def rules() -> tuple[Rule, ...]:
    """Line rules from ``danvan/data/boilerplate.yml``, in file order."""
    return tuple(
        Rule(
            r["name"],
            r["kind"],
            re.compile(with_capitals(r["pattern"]), re.IGNORECASE),
            bool(r.get("starts_block")),
            bool(r.get("all_caps")),
            int(r.get("short_lines_after", 0)),
        )
        for r in load_yaml("boilerplate.yml")["rules"]
    )


def _is_all_caps(stripped: str) -> bool:
    return stripped.upper() == stripped and any(c.isalpha() for c in stripped)


def _match(stripped: str) -> Rule | None:
    """The first rule matching the whole line (the pattern first: it rejects a long line at once)."""
    for rule in rules():
        if rule.pattern.fullmatch(stripped) and (not rule.all_caps or _is_all_caps(stripped)):
            return rule
    return None


def classify_lines(text: str) -> list[Line]:
    """Label every line of ``text`` as body, meta, boilerplate, caption or blank."""
    out: list[Line] = []
    in_block = False  # inside comment boxes / related-news lists at the page's end
    in_list: Rule | None = None  # after "Một số hình ảnh:" or "Từ khóa:", short lines belong to the list
    for lineno, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            out.append(Line(lineno, "blank", line))
            continue
        rule = _match(stripped)
        if rule is not None:
            if rule.starts_block:
                in_block = True
            in_list = rule if rule.short_lines_after else None
            out.append(Line(lineno, rule.kind, line, rule.name))
        elif in_block:
            out.append(Line(lineno, "boilerplate", line, "after_page_furniture"))
        elif in_list is not None and len(stripped) <= in_list.short_lines_after:
            out.append(Line(lineno, in_list.kind, line, f"after_{in_list.name}"))
        else:
            in_list = None
            out.append(Line(lineno, "body", line))
    return _unlabelled_byline(out)


_NAME_WORD = re.compile(CAPITAL + r"[^\W\d_]*")
_BYLINE_SEPARATORS = re.compile(r"\s*(?:[-–—,&/]|\bvà\b)\s*")
_AGENCY_SUFFIX = re.compile(r"\s*\([^()]{2,30}\)$")


def _is_name_word(word: str) -> bool:
    """A capitalised word of letters ("Nguyệt", "Đức"; not "đã")."""
    return _NAME_WORD.fullmatch(word) is not None


def _unlabelled_byline(lines: list[Line]) -> list[Line]:
    """The last body line is a byline when it holds only capitalised names ("Như Nguyệt – Đức Thắng")."""
    body = [i for i, line in enumerate(lines) if line.kind == "body"]
    if len(body) < 2:
        return lines
    last = lines[body[-1]]
    stripped = last.text.strip()
    if len(stripped) > 60:
        return lines
    names = _AGENCY_SUFFIX.sub("", stripped)  # "Thu Hà (TTXVN)": the agency after the name
    words = [word for part in _BYLINE_SEPARATORS.split(names) for word in part.split()]
    if 2 <= len(words) <= 8 and all(_is_name_word(w) for w in words):
        lines[body[-1]] = Line(last.lineno, "meta", last.text, "byline_unlabelled")
    return lines


_CLOSED = tuple('.!?…:;"”’)]»')  # how a finished paragraph ends
_MID_SENTENCE_WORDS = 8  # a last body line this long with no closing mark was cut off ...
_LONG_LINE_WORDS = 25  # ... when it holds a finished sentence before, or is longer than any byline


def unfinished_ending(lines: list[Line]) -> str:
    """A warning when the last body line is a long unfinished sentence (the file was cut off: it stops at a
    lower-case word), naming the words it stops at; "" otherwise."""
    body = [line for line in lines if line.kind == "body"]
    last = body[-1].text.strip() if body else ""
    words = last.split()
    if len(words) < _MID_SENTENCE_WORDS or last.endswith(_CLOSED) or not words[-1][:1].islower():
        return ""  # ending with a capitalised word: a byline ("Lê Hà - Ban Dân vận Huyện ủy X")
    if ". " not in last and len(words) < _LONG_LINE_WORDS:
        return ""  # one short clause: a byline with its affiliation ("... Trung tâm Văn hóa huyện")
    return f"the text stops mid-sentence (truncated?) at “… {' '.join(last.split()[-6:])}”"
