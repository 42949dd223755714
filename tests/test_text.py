from hypothesis import given
from hypothesis import strategies as st

from danvan.text import fold, nfc, unify_tone_marks


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


def test_decomposed_input_is_composed():
    decomposed = "Tuye\u0302n Quang"
    assert nfc(decomposed) == "Tuyên Quang"
    assert fold(decomposed) == "tuyên quang"


@given(st.text())
def test_normalisation_is_idempotent_on_any_unicode(text):
    once = unify_tone_marks(text)
    assert unify_tone_marks(once) == once
    assert fold(fold(text)) == fold(text)
