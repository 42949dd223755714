"""The campaign's models: named practices (mô hình, điển hình) with who runs them, where, in which field,
what the text says of them (registered, honoured, replicated) and the figures beside them.

"MTTQ quận với mô hình “Dân vận khéo” trong công tác hòa giải" is a model in mediation run by the district's
Fatherland Front; "24 mô hình “Dân vận khéo”" or "các mô hình" alone count models and name none; the bare
"mô hình “Dân vận khéo”" is the campaign itself; "cuộc vận động ..." is a campaign, never a model.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from danvan.article import Article
from danvan.extract.model_rules import MAX_WORDS as _MAX_WORDS
from danvan.extract.model_rules import QUOTED as _QUOTED
from danvan.extract.model_rules import item_end as _item_end
from danvan.extract.model_rules import key as _key
from danvan.extract.model_rules import kind as _kind
from danvan.extract.model_rules import names_unit as _names_unit
from danvan.extract.model_rules import once_each as _once_each
from danvan.extract.model_rules import phrase as _phrase
from danvan.extract.model_rules import quoted_name as _quoted_name
from danvan.extract.model_rules import rules as _rules
from danvan.extract.model_rules import without_campaign as _without_campaign
from danvan.extract.model_rules import year as _year
from danvan.extract.organisations import organisation_mentions
from danvan.extract.places import find_mentions
from danvan.extract.themes import theme_hits
from danvan.text import fold
from danvan.vocab import load_yaml

_SENTENCE_PART = re.compile(r"[^;]+")
_CAPITALISED_BEFORE = re.compile(r"(?<!\w)(?:[A-ZĐ][^\W\d_]*\s+){1,2}$")
_CAPITALISED = re.compile(r"(?<=\s)[A-ZĐ]")  # a capitalised word after the first: a subject, a place
_CLAUSE_ON = re.compile(r",\s+(?=[a-zà-ỹđ])|\s*[“\"(]")  # ", đến năm 2025 ...", a quote: past the runner
_LISTING = re.compile(r"(?:\s+[^\s:;,.“\"]+){0,7}?\s*:")  # "các mô hình:", "mô hình tiêu biểu như:"


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
            if not found["runner"] and not _CAPITALISED.search(s.text, 1, found["start"]):
                found.update(_paragraph_subject(article, s.start))  # no subject of the sentence's own
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


def _models_in_sentence(sentence: str) -> list[dict[str, Any]]:
    """The models of one sentence. A cue's names are read in its part of the sentence (up to a ";"), or, after
    a colon, in the whole listing that follows it ("các mô hình: “A” của X; “B” của Y"), or before it ("“A” là
    mô hình do X ..."); a quoted name with no cue counts when its runner follows it (:func:`_uncued`). A
    capitalised group head mid-sentence is a cue ("Hội CCB xã X lập Tổ CCB tự quản"), not at the sentence's
    start ("Tổ có 12 thành viên") nor before "là mô hình" (that cue reads the whole name)."""
    rules = _rules()
    parts = [(m.start(), m.end()) for m in _SENTENCE_PART.finditer(sentence)]
    found: list[dict[str, Any]] = []
    for cue in rules.cue.finditer(sentence):
        if any(row["start"] <= cue.start() < row["end"] for row in found):
            continue  # a cue word inside a name found already: “Tổ tự quản đường biên”
        group = cue.group() in rules.group_heads  # "Tổ hòa giải ...": not opening a sentence ("Tổ có ...")
        begin, end = next((a, b) for a, b in parts if a <= cue.start() < b)
        later = rules.cue.search(sentence, cue.end(), end)  # "X, Tổ ... là mô hình do ...": named before it
        if group and (
            not sentence[: cue.start()].strip(" “\"‘'(-–")
            or (later and rules.before_cue.search(sentence, cue.end(), later.start()))
        ):
            continue
        listing = None if group else _LISTING.match(sentence, cue.end(), end)
        clause = sentence[: sentence.find(";", listing.end()) % (len(sentence) + 1) if listing else end]
        runner = _runner_before(clause[begin:], cue.start() - begin)
        runner = runner and {**runner, "start": runner["start"] + begin}
        counted = bool(rules.generic.search(clause[begin : cue.start()])) and not (
            rules.before_cue.search(clause, begin, cue.start())  # "... khu phố 2 là mô hình": no count
        )
        named_cue = _names_unit(cue.group())
        exemplar = fold(cue.group()) in rules.exemplar_cues and rules.before_cue.search(
            sentence, begin, cue.start()
        )
        ahead = None if listing or counted or runner or group else _name_before(sentence, begin, cue)
        if ahead:  # it replaces a name read inside it from another cue ("Tổ tự quản đường biên, mốc ...")
            found = [row for row in found if not ahead[1] <= row["start"] < ahead[2]]
            names = [ahead]
        elif exemplar:
            names = []  # "được tuyên dương là điển hình thanh niên làm kinh tế giỏi": a person, no model
        elif listing:
            names = _listed(sentence, listing.end())
        else:
            names = _names_after(clause, cue.end(), counted=counted, named_cue=named_cue)
        opens = len(sentence[begin : cue.start()].split()) <= 2  # "Với mô hình “A”, Chi đoàn X đã ..."
        for name, name_start, name_end in names:
            if named_cue and name_start >= cue.end() and not sentence[cue.end() : name_start].strip():
                name = f"{cue.group()} {name}"  # "Tổ hợp tác nuôi ba ba", "Câu lạc bộ Gia đình hạnh phúc"
            after = _runner_after(sentence, cue.end() if ahead else name_end)
            after = after or (None if runner or listing else _runner_after_comma(sentence, name_end, opens))
            context = sentence[name_start : _item_end(sentence, name_end)] if listing else clause[begin:]
            start = min(name_start, cue.start())
            found.append(_found(sentence, name, (start, name_end), after or runner, clause, begin, context))
    for quoted in _QUOTED.finditer(sentence):
        row = (
            None
            if any(r["start"] <= quoted.end() - 1 < r["end"] for r in found)
            else _uncued(sentence, quoted)
        )
        found.extend([row] if row else [])
    return found


def _found(
    sentence: str,
    name: str,
    span: tuple[int, int],
    who: dict[str, Any] | None,
    clause: str,
    begin: int,
    context: str,
) -> dict[str, Any]:
    """A model's row: its name, who runs it (``who``, or a head word pointing back: "back"), its field from
    the name or else from ``context`` but for the runner's name (the "Chữ" of "Hội Chữ thập đỏ" is no
    script), and what the clause (from ``begin``) says of it."""
    rules = _rules()
    start, end = span
    back = None if who else _back(sentence, begin, _item_end(sentence, end), span)
    if who:
        start, end = min(start, who["start"]), max(end, who.get("end", end))
    return {
        "name": name,
        "name_key": _key(name),
        "kind": _kind(name) or _kind(clause[begin:]),
        "back": back,
        "runner": who["text"] if who else back.group() if back else "",
        "runner_canonical": who["canonical"] if who else "",
        "level": who["level"] if who else "",
        "place": _place(who["text"] if who else clause[begin:]),
        "field": _name_field(_without_campaign(name))
        or _field(context.replace(who["text"], " ") if who else context),
        "status": "; ".join(dict.fromkeys(s for p, s in rules.statuses if p.search(clause))),
        "year": _year(clause[begin:]),
        "start": start,
        "end": end,
    }


def _back(sentence: str, start: int, end: int, name: tuple[int, int]) -> re.Match[str] | None:
    """The first head word between ``start`` and ``end`` that points back to a runner ("Hội", "đơn vị"), not
    one that ends a proper name ("đặc khu Vân Đồn") nor one inside the model's ``name`` (“Chi hội ...”)."""
    for match in _rules().back.finditer(sentence, start, end):
        if not (_CAPITALISED_BEFORE.search(sentence, 0, match.start()) or name[0] <= match.start() < name[1]):
            return match
    return None


def _name_before(sentence: str, begin: int, cue: re.Match[str]) -> tuple[str, int, int] | None:
    """A name written before its cue and "là", when the runner follows the cue ("“Sân chơi cho em” là mô hình
    do Chi đoàn ấp X thực hiện", "Tuyến đường hoa ven sông là mô hình mà Hội ... duy trì"): the quoted name
    just before "là", or the capitalised phrase up to it that opens the sentence's part or follows its last
    comma before a capital ("Còn ở xã X, Tổ liên gia ..."; "Tổ tự quản đường biên, cột mốc bản Y")."""
    rules = _rules()
    verb = rules.before_cue.search(sentence, begin, cue.start())
    if verb is None or _runner_after(sentence, cue.end()) is None:
        return None
    head = sentence[begin : verb.start()].rstrip()
    quoted = re.search(r"[“\"‘']([^”\"’'“‘]{1,80}?)[”\"’']$", head)
    if quoted:
        name = quoted.group(1).strip()
        ok = _key(name) not in rules.campaign_names and len(name.split()) >= 2
        return (name, begin + quoted.start(), begin + quoted.end()) if ok else None
    commas = [0, *(m.end() for m in re.finditer(r",\s*", head))]  # "Còn ở xã X, Tổ ... là mô hình"
    at = max((i for i in commas if head[i : i + 1].isupper()), default=0)
    head = head[at:]  # from the last capitalised part: the lower-case parts after it list on
    words = head.split()
    if (
        not 2 <= len(words) <= _MAX_WORDS
        or not words[0][:1].isupper()
        or fold(words[-1]) in rules.demonstratives
        or any(c in head for c in ":;()")
        or rules.not_name.match(head)
        or organisation_mentions(head)
    ):
        return None
    start = begin + at + sentence[begin + at :].index(words[0])
    return " ".join(words), start, start + len(head.lstrip())


def _uncued(sentence: str, quoted: re.Match[str]) -> dict[str, Any] | None:
    """A quoted name with no cue that opens its clause, or follows "như" (such as), and is followed straight
    away by its runner ("“Nồi cháo tình thương” của Hội Chữ thập đỏ huyện X phục vụ ..."); not the
    campaign's name, and not a quote after another word (a campaign's, a slogan's: "phong trào “...”")."""
    name, _, end = _quoted_name(quoted)
    start = quoted.start() + len(quoted.group()) - len(quoted.group().lstrip())  # the opening quote
    opening = sentence[: quoted.start()].rstrip()
    if (
        (opening and not opening.endswith(",") and not re.search(r"(?<!\w)như$", opening))
        or _key(name) in _rules().campaign_names
        or len(name.split()) < 2
    ):
        return None
    after = _runner_after(sentence, end)
    if after is None:
        return None
    begin = sentence.rfind(";", 0, start) + 1
    clause = sentence[: sentence.find(";", end) % (len(sentence) + 1)]
    return _found(sentence, name, (start, end), after, clause, begin, clause[begin:])


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
            cue = _rules().cue.match(
                sentence, len(sentence) - len(sentence[at:].lstrip())
            )  # "như: Tổ ...; “A”"
            named = bool(cue) and _names_unit(cue.group())
            phrase = None if quoted_only else _phrase(sentence, at, named, listed=True)
            if phrase is None:
                break
            names.append(phrase)
            at = phrase[2]
        following = sep.match(sentence, _item_end(sentence, at))
        if following is None:
            break
        at = following.end()
    return names


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


def _runner_before(clause: str, cue_start: int) -> dict[str, Any] | None:
    """The organisation that runs the model: the first one named in the clause before the cue, written out
    with its unit's name ("Chi bộ số 40 - Đảng bộ phường Trung Hòa")."""
    before = clause[:cue_start]
    orgs = [o for o in organisation_mentions(before) if not before.startswith(")", o["end"])]  # "(MTTQ) -"
    return _runner(before, orgs) if orgs else None


def _runner_after(sentence: str, name_end: int) -> dict[str, Any] | None:
    """The runner named right after a model's name: "“Ngôi nhà 0 đồng” do Hội LHPN xã Yên Minh duy trì",
    "... của Ủy ban MTTQ Việt Nam phường Hạc Thành"."""
    at = name_end + (sentence[name_end : name_end + 1] in "”\"’'»")
    by = _rules().run_by.match(sentence, at) or _rules().run_by_passive.match(sentence, at)
    if by is None:
        return None
    rest = sentence[by.end() : by.end() + 120]
    orgs = list(organisation_mentions(rest))
    if not orgs:
        return None
    runner = _runner(rest, orgs)
    if rest[: runner["start"]].strip():
        return None  # not the runner's name straight after "do"
    stop = re.compile(r"[,.;:]|$").search(rest, len(runner["text"])).start()  # its verb, a few words on
    if by.re is _rules().run_by_passive and not _rules().run_verb.search(rest, len(runner["text"]), stop):
        return None  # "được Ban Dân vận biểu dương": who honours it, not who runs it
    return {**runner, "start": by.end(), "end": by.end() + len(runner["text"])}


def _runner_after_comma(sentence: str, name_end: int, opens: bool) -> dict[str, Any] | None:
    """The runner named after the comma that closes a model's name: the agent of a verb that runs it ("“A”,
    được Đồn Biên phòng X triển khai"), or, when the cue opens the sentence (``opens``), the subject of the
    clause that follows ("Với mô hình “A”, Chi đoàn X đã tổ chức ...")."""
    comma = re.compile(r"[”\"’'»]?\s*,\s*(được\s+)?").match(sentence, name_end)
    if comma is None or not (opens or comma.group(1)):
        return None
    rest = sentence[comma.end() : comma.end() + 120]
    orgs = list(organisation_mentions(rest))
    if not orgs:
        return None
    runner = _runner(rest, orgs)
    if runner["start"] or (comma.group(1) and not _rules().run_verb.match(rest, len(runner["text"]))):
        return None
    return {**runner, "start": comma.end(), "end": comma.end() + len(runner["text"])}


def _paragraph_subject(article: Article, sentence_start: int) -> dict[str, str]:
    """The runner carried over from earlier sentences of the same paragraph: the organisation that opens the
    nearest one, perhaps after a phrase and a comma ("Đoàn xã X lại chọn cách làm khác. ... Mô hình “A” giúp
    ..."), read past sentences that a bare "Đơn vị" opens, or the one a head word opening it points back to
    ("Hội cũng ..."). Empty when the nearest sentence opens with anything else (another subject)."""
    rules = _rules()
    paragraph = article.text.rfind("\n", 0, sentence_start) + 1
    earlier = [s for s in article.sentences if paragraph <= s.start < sentence_start]
    for s in reversed(earlier):
        openers = [m.end() for m in re.finditer(r",\s+", s.text[:100])]  # "Tại xã X, nơi ..., Công an xã"
        at = next((i for i in (0, *openers) if _opens_with_runner(s.text[i:])), None)
        if at is None:
            return {}
        back = rules.back.match(s.text, at)
        if back is None:
            runner = _runner(s.text[at:], list(organisation_mentions(s.text[at:])))
            text = runner["text"]
            return {
                "runner": text,
                "runner_canonical": runner["canonical"],
                "level": runner["level"],
                "place": _place(text),
            }
        if rules.back_heads[back.group()]:
            found = _antecedent(article.text[: s.start], back.group())
            return found if found.get("runner_canonical") else {}
    return {}


def _opens_with_runner(text: str) -> bool:
    """Whether ``text`` opens with an organisation's name or a head word pointing back to one."""
    if _rules().back.match(text):
        return True
    orgs = list(organisation_mentions(text))
    return bool(orgs) and _runner(text, orgs)["start"] == 0


def _antecedent(before: str, word: str) -> dict[str, str]:
    """The runner a bare head word (``word``: "Hội", "Đồn") refers to: the last organisation named in full in
    ``before`` (the article up to its sentence), outside brackets, whose name starts with the head; for a
    word with no head ("đơn vị") the one named most often. The word alone when there is none."""
    head = fold(_rules().back_heads.get(word, word))
    named: list[dict[str, Any]] = []
    for org in organisation_mentions(before):
        if before[: org["start"]].rstrip().endswith("("):
            continue
        at = max(0, org["start"] - 30)  # with its lead words: "Chi hội CCB ấp X"
        runner = _runner(before[at:], [{**org, "start": org["start"] - at, "end": org["end"] - at}])
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
    lead = rules.runner_lead.search(text, 0, first["start"]) or rules.unit_lead.search(
        text, 0, first["start"]
    )
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


def _name_field(name: str) -> str:
    """The field of a model's name: the one its head speaks of (up to "cho", "vì", "là": "Bác sĩ gia đình cho
    hộ nghèo"), else the one the whole name speaks of."""
    return _field(_rules().head_end.split(name, 1)[0]) or _field(name)


def _place(text: str) -> str:
    """The unit named in ``text`` (the runner's name, or the clause), as written: the smallest level."""
    order = {"ward": 0, "district": 1, "province": 2}
    mentions = sorted(find_mentions(text), key=lambda m: order.get(m.level, 3))
    return mentions[0].written if mentions else ""


def _field(text: str) -> str:
    """The field ``text`` speaks of most: its words count two, the theme lexicon's cues of the themes a field
    maps to one, the longest word first where words overlap ("môi trường" is not "trường"); ties go to the
    first field in the vocabulary's order; empty when it speaks of none."""
    r, themes = _rules(), theme_hits(text)
    words = Counter(r.field_of_word[w] for w in r.field_words.findall(fold(text)))
    scores = {f: 2 * words[f] + sum(themes[t] for t in mapped) for f, mapped in r.fields}
    best = max(scores, key=scores.get)
    return best if scores[best] else ""
