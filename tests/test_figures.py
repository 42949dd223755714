"""Numeric claims: every claim of the seeds (listed by reading them), own sentences, and the number parser."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.extract.claims import claims_in_sentence, extract_claims
from danvan.extract.numerals import format_number, parse_number, parse_quantity

# (value, unit, object, category, qualifier) of every claim in the seeds, written by reading the articles.
SEED_CLAIMS = {
    "000": [
        (7, "", "xã", "administrative units", ""),
        (24, "", "mô hình", "models/initiatives", ""),
        (26000, "m2", "đất", "land and infrastructure", "trên"),
    ],
    "001": [
        (22, "", "tập thể", "honours and recognitions", ""),
        (16, "", "cá nhân", "honours and recognitions", ""),
        (100, "%", "chỉ tiêu", "percentages", ""),
    ],
    "002": [],  # "6 tháng đầu năm" is a period, "14/7" a date
    "003": [],  # only years
    "004": [
        (100, "%", "Chủ tịch MTTQ", "percentages", ""),
        (8, "", "chương trình", "documents signed", ""),
    ],
}


@pytest.mark.parametrize("seed", sorted(SEED_CLAIMS))
def test_every_seed_claim_and_nothing_else(seed_articles, seed):
    article = seed_articles[seed]
    rows = extract_claims(article)
    got = [(r["value"], r["unit"], r["object"], r["category"], r["qualifier"]) for r in rows]
    assert got == SEED_CLAIMS[seed]
    for row in rows:
        assert article.text[row["start"] : row["end"]] == row["text"]
        assert row["text"] in article.sentences[row["sentence_id"]].text


def test_seed_non_claims_are_left_out(seed_articles):
    texts = {r["text"] for a in seed_articles.values() for r in extract_claims(a)}
    for not_a_claim in ("05", "2016", "2017", "2018", "40", "01", "6", "2", "3", "5", "2192", "02"):
        assert not any(t.split()[0].rstrip("%m2") == not_a_claim for t in texts), not_a_claim


def claims(sentence):
    return [
        (r["value"], r["value_max"], r["unit"], r["object"], r["category"], r["qualifier"])
        for r in claims_in_sentence(sentence)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Hội viên đóng góp hơn 1,2 tỷ đồng xây nhà tình nghĩa.", [(1.2e9, None, "VND", "", "money", "hơn")]),
        ("Toàn huyện có 250 triệu đồng từ quỹ vì người nghèo.", [(2.5e8, None, "VND", "", "money", "")]),
        ("Người dân ủng hộ 500.000 đồng mỗi hộ.", [(500000, None, "VND", "", "money", "")]),
        ("Nhân dân hiến 3,5 ha đất làm đường.", [(3.5, None, "ha", "đất", "land and infrastructure", "")]),
        (
            "Làm mới 12 km đường giao thông nông thôn.",
            [(12, None, "km", "đường giao thông", "land and infrastructure", "")],
        ),
        ("Tỷ lệ hộ nghèo giảm còn 38,5%.", [(38.5, None, "%", "", "percentages", "")]),
        ("Đã có 98,75% hộ dân tham gia.", [(98.75, None, "%", "hộ dân", "percentages", "")]),
        (
            "Hàng trăm hộ dân được hỗ trợ.",
            [(100, None, "household", "hộ dân", "people and households", "hàng")],
        ),
        (
            "Mỗi buổi có từ 5 đến 7 người tham gia.",
            [(5, 7, "person", "người", "people and households", "từ")],
        ),
        (
            "Vận động được hơn 3 nghìn ngày công.",
            [(3000, None, "workday", "", "people and households", "hơn")],
        ),
        (
            "Năm 2023, huyện tổ chức 15 hội nghị đối thoại với 2.300 lượt người.",
            [
                (15, None, "", "hội nghị", "meetings and events", ""),
                (2300, None, "person", "lượt người", "people and households", ""),
            ],
        ),
        (
            "Huyện được biểu dương 12 mô hình tiêu biểu.",
            [(12, None, "", "mô hình", "honours and recognitions", "")],
        ),
        ("Gần 2.071 hộ đã thoát nghèo.", [(2071, None, "household", "hộ", "people and households", "gần")]),
    ],
)
def test_realistic_sentences(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Theo Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.",
        "Thực hiện phong trào giai đoạn 2017 - 2020 và nhiệm kỳ 2020-2025.",
        "Trong 6 tháng đầu năm, Ban đã tham mưu nhiều văn bản.",
        "Cuộc vận động “Xây dựng gia đình 5 không 3 sạch” được hưởng ứng.",
        "Chi bộ số 40 và Bài 2 của loạt bài.",
        "Quyết định số 1234/QĐ-UBND ngày 3/4/2020.",
        "Lúc 23:40 ngày 17/08/2018.",
        "Mọi thông tin liên hệ số điện thoại 0912.345.678 hoặc 0203.3856.123.",
        "Quán triệt Nghị quyết 18-NQ/TW của Hội nghị Trung ương 6 khóa XII.",
        "Cụ Nguyễn Văn An, 70 tuổi, là người có uy tín.",
        "Lễ ra mắt bắt đầu lúc 8 giờ 30 phút, đây là lần thứ 3 huyện tổ chức.",
        "Đồng chí được tặng Huy hiệu 40 năm tuổi Đảng.",
    ],
)
def test_not_claims(sentence):
    assert claims(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # spelled-out numbers before a known object; "một mô hình" stays an article
            "Chủ tịch UBND tỉnh tặng Bằng khen cho ba tập thể và năm cá nhân, xã có một mô hình hay.",
            [
                (3, None, "", "tập thể", "honours and recognitions", ""),
                (5, None, "", "cá nhân", "honours and recognitions", ""),
            ],
        ),
        ("Trong năm hộ nghèo giảm mạnh, hai bên cùng thống nhất.", []),
        (  # "a/b": a out of b, not a date and not two claims
            "Đến nay, 67/75 xã, phường đã xây dựng mô hình và 8/8 huyện tham gia.",
            [
                (67, None, "", "xã", "administrative units", ""),
                (8, None, "", "huyện", "administrative units", ""),
            ],
        ),
        (
            "Gần 1/3 số hộ đã chuyển đổi cây trồng.",
            [(1 / 3, None, "", "số hộ", "people and households", "gần")],
        ),
        ("Sáng 12/3 xã tổ chức ra quân, ngày 8/8 huyện tổng kết.", []),
        (  # prefixes before the counted noun, and nouns in "viên"
            "Có 9.120 lượt cán bộ, trên 45 nghìn lượt hội viên và hơn 9.800 hòa giải viên tham gia.",
            [
                (9120, None, "person", "lượt cán bộ", "people and households", ""),
                (45000, None, "person", "lượt hội viên", "people and households", "trên"),
                (9800, None, "person", "hòa giải viên", "people and households", "hơn"),
            ],
        ),
        (  # the counted noun stops before function words; a per-head rate has no object
            "Tỷ lệ đạt 92,5%, tăng 1,2% so với năm trước; thu nhập đạt 48,5 triệu đồng/người/năm.",
            [
                (92.5, None, "%", "", "percentages", ""),
                (1.2, None, "%", "", "percentages", ""),
                (48.5e6, None, "VND", "", "money", ""),
            ],
        ),
        (
            "Trao 15 căn nhà đồng đội, 156 tác phẩm dự thi và 8 cây cầu.",
            [
                (15, None, "", "căn nhà", "land and infrastructure", ""),
                (156, None, "", "tác phẩm", "other", ""),
                (8, None, "", "cây cầu", "land and infrastructure", ""),
            ],
        ),
        (
            "Dọn sạch hơn 50 km kênh mương, trồng 1.200 ha cà phê, năng suất 3,5 tấn/ha.",
            [
                (50, None, "km", "kênh mương", "land and infrastructure", "hơn"),
                (1200, None, "ha", "cà phê", "land and infrastructure", ""),
                (3.5, None, "t", "", "other", ""),
            ],
        ),
        (
            "Hội xây 86 “Mái ấm tình thương” cho hội viên.",
            [(86, None, "", "Mái ấm tình thương", "land and infrastructure", "")],
        ),
    ],
)
def test_harder_sentences(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # an honour cue names the claims before it or up to the next one, not earlier ones
            "Đảng bộ có 78 tổ chức cơ sở đảng, trong đó 65 tổ chức đạt danh hiệu trong sạch vững mạnh.",
            [
                (78, None, "", "tổ chức cơ sở đảng", "other", ""),
                (65, None, "", "tổ chức", "honours and recognitions", ""),
            ],
        ),
        (  # a percentage stays a percentage next to an honour cue
            "Có 95% khu dân cư đạt danh hiệu khu dân cư văn hóa.",
            [(95, None, "%", "khu dân cư", "percentages", "")],
        ),
        (
            "Tỷ lệ hộ nghèo giảm từ 5,2% xuống còn 3,17%; có 2.456 hộ cận nghèo.",
            [
                (5.2, None, "%", "", "percentages", "từ"),
                (3.17, None, "%", "", "percentages", ""),
                (2456, None, "household", "hộ cận nghèo", "people and households", ""),
            ],
        ),
        (
            "Thành phố có 3 quận với 1,2 triệu dân, trao 300 suất học bổng.",
            [
                (3, None, "", "quận", "administrative units", ""),
                (1.2e6, None, "person", "dân", "people and households", ""),
                (300, None, "", "suất học bổng", "money", ""),
            ],
        ),
    ],
)
def test_held_out_sentences(sentence, expected):
    assert claims(sentence) == expected


def test_vietnamese_number_formats():
    assert parse_number("26.000") == 26000
    assert parse_number("2.071") == 2071
    assert parse_number("1,5") == 1.5
    assert parse_number("1.250.000") == 1250000
    assert parse_number("12.345,67") == 12345.67
    assert parse_number("abc") is None
    assert parse_quantity("1,5 tỷ") == (1.5e9, "tỷ")
    assert parse_quantity("3 nghìn") == (3000, "nghìn")


@given(st.text())
def test_number_parser_never_crashes(text):
    parse_number(text)
    parse_quantity(text)
    claims_in_sentence(text)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=2))
def test_vietnamese_formatting_round_trips(integer, decimals):
    value = integer / 10**decimals
    assert parse_number(format_number(value, decimals)) == pytest.approx(value)


# Found on the blind set (tests/data/figures_blind): each phrasing in a sentence of its own.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # "đồng" starts a noun here: comrades and compatriots, not dong
            "Tặng Kỷ niệm chương cho 35 đồng chí, thăm hỏi 1.200 đồng bào.",
            [
                (35, None, "person", "đồng chí", "people and households", ""),
                (1200, None, "person", "đồng bào", "people and households", ""),
            ],
        ),
        (  # reported speech after a colon holds claims; a quoted name does not
            'Ông cho biết: "Năm 2024, Hội phấn đấu kết nạp thêm 50 hội viên mới".',
            [(50, None, "person", "hội viên", "people and households", "")],
        ),
        (
            'Mô hình "5 không, 3 sạch" có 12 hộ tham gia.',
            [(12, None, "household", "hộ", "people and households", "")],
        ),
        (  # "ước" inside "Nhà nước" is no qualifier
            "Cùng với ngân sách Nhà nước 4,2 tỷ đồng.",
            [(4.2e9, None, "VND", "", "money", "")],
        ),
        (  # the starting number shares the noun of the number it falls to
            "Thị xã giảm từ 14 xuống còn 12 đơn vị.",
            [
                (14, None, "", "đơn vị", "administrative units", "từ"),
                (12, None, "", "đơn vị", "administrative units", ""),
            ],
        ),
        (  # a ratio with thousands separators
            "Có 18.426/19.011 cử tri đồng ý.",
            [(18426, None, "person", "cử tri", "people and households", "")],
        ),
        (
            "Dự án đường vành đai 5 đoạn qua phường dài 3,8 km.",
            [(3.8, None, "km", "", "land and infrastructure", "")],
        ),
        (  # "ký" folds to "kí": the signing cue must be folded too
            "Công đoàn đã ký kết 215 thỏa ước lao động tập thể, tăng 12 bản.",
            [
                (215, None, "", "thỏa ước lao động tập thể", "documents signed", ""),
                (12, None, "", "bản", "documents signed", ""),
            ],
        ),
        (  # the honour cue belongs to the first clause, not to the model after "và xây dựng"
            'Phấn đấu 96% hộ đạt danh hiệu "Gia đình văn hóa" và xây dựng thêm 1 mô hình tự quản.',
            [
                (96, None, "%", "hộ", "percentages", ""),
                (1, None, "", "mô hình", "models/initiatives", ""),
            ],
        ),
        (  # "năm 2021" is a time, not the noun counted
            "Tỷ lệ hộ nghèo giảm từ 18,6% năm 2021 xuống còn 9,4% năm 2023.",
            [(18.6, None, "%", "", "percentages", "từ"), (9.4, None, "%", "", "percentages", "")],
        ),
        (
            "Xây mới 25 căn nhà Đại đoàn kết, sửa chữa 10 căn, trao 43 ngôi nhà nhân đạo và 24.580 cụ được mừng thọ.",
            [
                (25, None, "", "căn nhà Đại đoàn kết", "land and infrastructure", ""),
                (10, None, "", "căn", "land and infrastructure", ""),
                (43, None, "", "ngôi nhà nhân đạo", "land and infrastructure", ""),
                (24580, None, "person", "cụ", "people and households", ""),
            ],
        ),
    ],
)
def test_blind_set_phrasings(sentence, expected):
    assert claims(sentence) == expected


@pytest.mark.parametrize("written", ["hàng tỷ", "hàng tỉ", "Hàng tỷ"])
def test_vague_amounts_in_either_spelling(written):
    """ "tỷ" and "tỉ" are one word; the usual spelling must not be the one that is missed."""
    (claim,) = claims_in_sentence(f"{written} đồng được huy động để xây nhà Đại đoàn kết.")
    assert (claim["value"], claim["unit"], claim["qualifier"]) == (1e9, "VND", "hàng")


@pytest.mark.parametrize(
    ("sentence", "value"), [("Có 1/3 số hộ tham gia.", 1 / 3), ("Có 1/1 số hộ tham gia.", 1.0)]
)
def test_a_fraction_of_the_households_is_a_share_whatever_its_denominator(sentence, value):
    (claim,) = claims_in_sentence(sentence)
    assert (claim["value"], claim["unit"]) == (pytest.approx(value), "")
