"""Batched word segmentation gives exactly underthesea's ``word_tokenize`` words (issue 23)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from underthesea import word_tokenize
from underthesea.pipeline.word_tokenize import regex_tokenize

from danvan.ingest.segment import fixed_words, sentences, split_sentences
from danvan.ingest.words import segment_many

ROOT = Path(__file__).resolve().parents[1]
ODD = [  # the tokeniser's special cases: URLs, e-mails, phones, dates, numbers, emoji, abbreviations, symbols
    "Xem tại https://dangcongsan.vn/dan-van-kheo.html hoặc gửi thư về banbientap@baobackan.vn nhé!",
    "Đường dây nóng 0912.345.678 (từ 7h30 đến 17h00 ngày 12/8/2024), tỷ lệ đạt 98,5% => vượt 3x4 lần...",
    "TP.HCM, Q.1, TT.Huế: v.v... ông Nguyễn Văn A. (SN 1975) nói “được lắm” 😊 -- rồi ->",
    "Nhiệt độ 35°C; diện tích 1.600m-2.000m²; giá 12.500.000đ/tháng; +5 điểm; x ÷ y = z ^ 2",
    "   ",
    "",
    "Ban Dân vận Tỉnh ủy, Ủy ban MTTQ Việt Nam tỉnh và Hội Liên hiệp Phụ nữ Việt Nam cùng “Dân vận khéo”.",
]


def _corpus_sentences() -> list[str]:
    files = sorted((ROOT / "tests" / "data").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        out += [text[a:b] for a, b in split_sentences(text)]
    return out


SENTENCES = _corpus_sentences() + ODD


def test_the_test_reads_thousands_of_sentences() -> None:
    assert len(SENTENCES) > 2000


def test_batched_words_are_word_tokenize_words_with_fixed_words() -> None:
    fixed = fixed_words()
    want = [tuple(word_tokenize(s, fixed_words=list(fixed))) for s in SENTENCES]
    assert segment_many(SENTENCES, fixed) == want


def test_batched_words_are_word_tokenize_words_without_fixed_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # underthesea keeps the last fixed-words pattern in a global: start from its own default pattern
    default = re.compile(regex_tokenize.regex_patterns_combine, re.VERBOSE | re.UNICODE)
    monkeypatch.setattr(regex_tokenize, "patterns", default)
    want = [tuple(word_tokenize(s)) for s in SENTENCES]
    assert segment_many(SENTENCES) == want


def test_a_sentence_without_a_fixed_word_is_cut_the_same_with_or_without_them() -> None:
    plain = [s for s in SENTENCES if not any(term in s for term in fixed_words())]
    assert len(plain) > 1000
    assert segment_many(plain, fixed_words()) == segment_many(plain)


def test_an_article_is_segmented_in_one_batch_like_sentence_by_sentence() -> None:
    text = "Hội Nông dân xã hỗ trợ 12 hộ.\nĐoàn Thanh niên ra quân “Ngày Chủ nhật xanh”. Mặt trận vận động."
    split = sentences(text)
    assert [s.words for s in split] == [segment_many([s.text], fixed_words())[0] for s in split]
    assert segment_many([]) == []


def test_the_words_of_a_body_are_the_words_of_its_sentences() -> None:
    """The first pass fingerprints an article's body before it is split into sentences: the same words."""
    from danvan.ingest.dedupe import _WORDS
    from danvan.ingest.read import iter_corpus
    from danvan.text import fold, fold_long

    folders = [ROOT / "seeds", *sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir())]
    n = 0
    for folder in folders:
        for ingested in iter_corpus(folder, words=False):
            if ingested.article is not None:
                a = ingested.article
                joined = " ".join(fold(s.text) for s in a.sentences)
                assert _WORDS.findall(fold_long(a.text)) == _WORDS.findall(joined), a.file
                n += 1
    assert n > 150


TRICKY = [  # where a run of letters is not the pattern's whole match, or is next to what is
    "Thisis Th S ThìS Thus, Thôn Thủy, ThS. Nguyễn, Th.S Lê và Th s",
    "ʺabc ʺ, abʺ, x,y a,b,c, xã, , ,, ,x chiều,",
    "x,Dân vận khéo, “Dân vận khéo”, Dân vận khéo, (Dân vận khéo) Dân vậnkhéo",
    "UBND, HĐND. TP.HCM, T.Ư, v.v, e-mail, NĐ-CP, M&A, Mr. Dr, 3x4, 10h30, H'Mông, Ê’đê",
    "tab\there\u00a0nbsp\u2009thin\u200bzero-width\ncuối",
    "https://dangcongsan.vn, www.baobackan.vn, abc@xyz.vn, 0912-345-678, 12/8, :) <3 ♥‿♥ °C",
    "chữ_gạch dưới_, Ａｂｃ, ﬁ, ǅ, ½, ²",
    "Huyện, xã, ấp, xã,xã",
]


def _finditer_tokens(sentence: str, fixed: tuple[str, ...]) -> list[str]:
    from danvan.ingest.words import _data, _normalise, _pattern

    data = _data()
    assert data is not None
    text = data.normalise_characters(sentence)
    return [_normalise(m.group(), data) for m in _pattern(fixed, data.patterns).finditer(text)]


@pytest.mark.parametrize(
    "fixed", [fixed_words(), (), ("vận khéo", "Th", "abc", ", xã")], ids=["fixed", "none", "odd"]
)
def test_tokens_are_the_patterns_matches(fixed: tuple[str, ...]) -> None:
    """Runs of letters are taken without the pattern: the same tokens as its ``finditer``, sentence by
    sentence, on thousands of sentences and the cases where a run is not the pattern's whole match."""
    from danvan.ingest.words import _data, tokens

    data = _data()
    assert data is not None
    for sentence in SENTENCES + TRICKY:
        assert tokens(sentence, fixed, data) == _finditer_tokens(sentence, fixed), sentence


def test_a_fixed_word_the_pattern_reads_as_a_pattern_is_matched_as_the_pattern_matches_it() -> None:
    from danvan.ingest.words import _data, tokens

    data = _data()
    assert data is not None
    fixed = ("T.Ư", "Dân vận khéo")  # "." matches any character: "T Ư" is this fixed word to the pattern
    for sentence in ["Ban T Ư họp, T.Ư chỉ đạo", *TRICKY]:
        assert tokens(sentence, fixed, data) == _finditer_tokens(sentence, fixed), sentence
    assert "T Ư" in tokens("Ban T Ư họp", fixed, data)


def test_other_tokeniser_alternatives_are_searched_everywhere() -> None:
    """The runs of letters are taken whole only with the alternatives that rule was read off: an alternative
    added before the word (as another underthesea might) is searched for, like the rest."""
    import dataclasses

    from danvan.ingest.words import _data, tokens

    data = _data()
    assert data is not None
    other = dataclasses.replace(data, patterns=("(?P<prefix>(Ủy|dân))", *data.patterns))
    sentence = "Ủyban dânvận xã"
    want = [
        m.group() for m in re.compile("(" + "|".join(other.patterns) + ")", re.VERBOSE).finditer(sentence)
    ]
    assert want[:2] == ["Ủy", "ban"]
    assert tokens(sentence, (), other) == want


def test_the_runs_of_letters_are_taken_whole_with_the_installed_underthesea() -> None:
    """The shortcut is in use: the installed underthesea's alternatives are the ones it was read off (if this
    fails after an upgrade, read the new alternatives again before changing the checksum)."""
    from danvan.ingest.words import _data, _runs_whole

    data = _data()
    assert data is not None
    assert _runs_whole(fixed_words(), data.patterns)
