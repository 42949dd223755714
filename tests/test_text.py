from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.extract.dates import find_dates
from danvan.ingest.segment import split_sentences
from danvan.text import WORD, capitalised_runs, collation_key, fold, nfc, unify_tone_marks


def test_old_and_new_tone_placement_fold_to_one_key():
    assert fold("Chiêm Hoá") == fold("Chiêm Hóa") == "chiêm hóa"
    assert fold("Thanh Hoá") == fold("THANH HÓA")
    assert fold("thuỷ lợi") == fold("thủy lợi")


def test_final_y_and_i_spellings_match():
    assert fold("Na Rỳ") == fold("Na Rì")
    assert fold("Kỳ Sơn") == fold("Kì Sơn")


def test_qu_and_inner_vowels_are_left_alone():
    assert unify_tone_marks("quý") == "quý"
    assert unify_tone_marks("hoàn thành") == "hoàn thành"
    assert fold("Huy") == "huy"


def test_collation_follows_the_vietnamese_alphabet():
    names = [
        "Yên Bái",
        "Đắk Lắk",
        "Đà Nẵng",
        "Cao Bằng",
        "Cà Mau",
        "Bạc Liêu",
        "Bà Rịa",
        "Hải Phòng",
        "Hà Nội",
    ]
    assert sorted(names, key=collation_key) == [
        "Bà Rịa",  # a shorter word first; then tone marks: level < grave < ... < dot below
        "Bạc Liêu",
        "Cà Mau",
        "Cao Bằng",
        "Đà Nẵng",  # đ after d, before e
        "Đắk Lắk",  # ă after a
        "Hà Nội",
        "Hải Phòng",
        "Yên Bái",
    ]
    assert sorted(["thủy", "thuy", "thúy", "thùy", "thụy", "thũy"], key=collation_key) == [
        "thuy",
        "thùy",
        "thủy",
        "thũy",
        "thúy",
        "thụy",
    ]


def test_decomposed_input_is_composed():
    decomposed = "Tuye\u0302n Quang"
    assert nfc(decomposed) == "Tuyên Quang"
    assert fold(decomposed) == "tuyên quang"


def _runs_by_definition(text: str) -> list[tuple[int, int, list[str]]]:
    """Capitalised runs by their definition: WORD matches that start upper case, apart by spaces only."""
    runs: list[list] = []
    for match in WORD.finditer(text):
        joined = runs and runs[-1] and text[runs[-1][-1].end() : match.start()].strip(" \u00a0") == ""
        if match.group()[0].isupper():
            if joined:
                runs[-1].append(match)
            else:
                runs.append([match])
        elif runs and runs[-1]:
            runs.append([])
    return [(r[0].start(), r[-1].end(), [m.group() for m in r]) for r in runs if r]


def _words(runs: list) -> list[tuple[int, int, list[str]]]:
    return [(start, end, [m.group() for m in matches]) for start, end, matches in runs]


def test_capitalised_runs_take_words_as_word_does():
    assert _words(capitalised_runs("tại Ea H'Leo, Đắk Lắk")) == [
        (4, 12, ["Ea", "H'Leo"]),
        (14, 21, ["Đắk", "Lắk"]),
    ]
    assert _words(capitalised_runs("x'y'Z  Tây\u00a0Nguyên l'Ab")) == [(4, 17, ["Z", "Tây", "Nguyên"])]


@settings(max_examples=500)
@given(
    st.text(alphabet="aAzZĐđẠạ ʼ_\u00a0\t.,-9Ⅰⅰǅİ\u0301", max_size=40)  # one search
    | st.text(alphabet="aAzZĐđẠạ 'ʼ_\u00a0\t.,-9Ⅰⅰǅİ𝐀𝐚𐐀𐐨", max_size=40)  # word by word
)
def test_capitalised_runs_match_their_word_by_word_definition(text):
    assert _words(capitalised_runs(text)) == _runs_by_definition(text)


@given(st.text())
def test_normalisation_is_idempotent_on_any_unicode(text):
    once = unify_tone_marks(text)
    assert unify_tone_marks(once) == once
    assert fold(fold(text)) == fold(text)


@settings(deadline=None)  # the first call loads underthesea
@given(st.text(max_size=400))
def test_sentence_splitting_never_crashes_and_spans_are_ordered_substrings(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert "\n" not in text[start:end]
        assert text[start:end] == text[start:end].strip()
        previous_end = end


@given(st.text(max_size=300))
def test_date_parser_never_crashes_and_keeps_exact_text(text):
    for found in find_dates(text):
        assert text[found.start : found.end] == found.text
        if found.iso:
            date.fromisoformat(found.iso if found.precision == "day" else found.iso + "-01")
        else:
            assert found.precision == "none"


@given(st.text(max_size=300))
def test_date_parser_reads_a_date_wherever_it_stands(text):
    found = find_dates(f"{text} ngày 23-5-2021")
    assert found and found[-1].iso == "2021-05-23"
