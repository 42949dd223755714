"""Abbreviations an article defines in brackets ("Dân vận khéo (DVK)") are learned for that article: the
glossary lists them as defined in the text, and themes, keyness and the figures' categories read the words
they stand for (issue 21). Sentences written for these tests."""

from danvan.extract.abbreviations import defined_in_text, extract_abbreviations
from danvan.extract.combine import extract_all
from danvan.extract.themes import theme_hits
from danvan.ingest.read import build_article
from danvan.text import with_expansions

TEXT = (
    "Sóc Trăng nhân rộng mô hình dân vận khéo\n"
    "Ngày 3/4/2024, Ban Dân vận Tỉnh ủy Sóc Trăng sơ kết phong trào thi đua “Dân vận khéo” (DVK) gắn với xây "
    "dựng nông thôn mới (NTM). Toàn tỉnh có 1.250 mô hình DVK được công nhận. Các xã đạt chuẩn NTM tiếp tục "
    "vận động Nhân dân hiến đất làm đường. Huyện Mỹ Tú thành lập các tổ tự quản (TTQ) ở khu dân cư; đến nay có "
    "32 TTQ hoạt động hiệu quả.\n"
)


def test_definitions_are_the_words_whose_initials_the_letters_are():
    assert defined_in_text(TEXT) == {"DVK": "Dân vận khéo", "NTM": "nông thôn mới", "TTQ": "tổ tự quản"}
    assert defined_in_text("Hội đồng nhân dân (HĐND) tỉnh họp.") == {"HĐND": "Hội đồng nhân dân"}
    # brackets that are no definition: letters that are not the initials, a year, a clause break
    assert defined_in_text("Ban Chỉ đạo (BCĐ) họp.") == {"BCĐ": "Ban Chỉ đạo"}
    assert defined_in_text("Hội nghị của tỉnh (TTX) diễn ra.") == {}
    assert defined_in_text("Kỳ họp thứ 8 (2024). Tỉnh (TB) ra quân.") == {}


def test_the_expansion_replaces_the_letters_and_drops_the_definitions_brackets():
    defined = defined_in_text(TEXT)
    assert (
        with_expansions("Toàn tỉnh có 1.250 mô hình DVK.", defined)
        == "Toàn tỉnh có 1.250 mô hình Dân vận khéo."
    )
    assert (
        with_expansions("thi đua “Dân vận khéo” (DVK) gắn với", defined) == "thi đua “Dân vận khéo” gắn với"
    )
    assert with_expansions("DVKX và ADVK", defined) == "DVKX và ADVK"  # only the whole letters


def test_the_glossary_lists_them_as_defined_in_text_not_unknown():
    article = build_article("a", "a.txt", TEXT, words=False)
    rows = {r["abbreviation"]: r for r in extract_abbreviations(article, defined_in_text(TEXT))}
    assert rows["TTQ"]["expansion"] == "tổ tự quản" and rows["TTQ"]["defined_in_text"]
    assert not rows["TTQ"]["known"]
    assert rows["DVK"]["count"] == 2  # the definition and the later use


def test_themes_keyness_and_figures_read_what_the_letters_stand_for():
    article = build_article("a", "a.txt", TEXT, words=True)
    tables, words = extract_all(article)
    bare = sum(theme_hits(s.text).total() for s in article.sentences)
    assert sum(row["hits"] for row in tables["themes"]) > bare  # "mô hình DVK", "xã đạt chuẩn NTM"
    assert "dvk" not in words and "ntm" not in words  # counted as the words they stand for
    assert words["nông thôn mới"] >= 2
    figure = next(r for r in tables["figures"] if r["text"].startswith("32"))
    assert figure["object"] == "TTQ"  # as written
    assert figure["category"] != "other"  # a self-managed group, from the words the letters stand for
