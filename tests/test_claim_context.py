"""What a numeric claim covers, when, in which unit, and whether it is a campaign result."""

from __future__ import annotations

import pytest

from danvan.extract.combine import extract_all
from danvan.ingest.read import build_article

DAK_LAK = (
    "Krông Pắc phát huy dân vận khéo\nNgày 12/9/2023, Huyện ủy Krông Pắc tổng kết phong trào “Dân vận khéo”. "
)


class Claims(dict):
    """The article's claims by their text; looked up by any part of it ("3.500 m2" in "3.500 m2 đất")."""

    def __missing__(self, part: str) -> dict:
        found = [row for text, row in self.items() if part in text]
        if len(found) != 1:
            raise KeyError(f"{part!r} in {list(self)}")
        return found[0]


def claims(text: str) -> Claims:
    article = build_article("t", "t.txt", DAK_LAK + text + "\n", words=False)
    tables, _ = extract_all(article)
    return Claims({row["text"]: row for row in tables["figures"]})


@pytest.mark.parametrize(
    ("sentence", "claim", "level", "name"),
    [
        ("Trên cả nước hiện có hơn 52.000 mô hình “Dân vận khéo”.", "52.000 mô hình", "country", ""),
        ("Toàn tỉnh đã xây dựng 4.120 mô hình dân vận khéo.", "4.120 mô hình", "province", "Đắk Lắk"),
        ("Năm 2023, toàn huyện có 186 mô hình được công nhận.", "186 mô hình", "district", "Krông Pắc"),
        ("Tại xã Ea Kênh, nhân dân đã hiến 3.500 m2 đất làm đường.", "3.500 m2", "commune", "Ea Kênh"),
        ("Riêng buôn Ea Kuăng, 19 hộ tự nguyện tháo dỡ hàng rào.", "19 hộ", "village", "Ea Kuăng"),
        ("Chi hội nông dân thôn 3, xã Ea Yông vận động 48 hộ tham gia.", "48 hộ", "village", "3"),
        (
            "Hội Nông dân tỉnh đã vận động được 1,2 tỷ đồng.",
            "1,2 tỷ đồng",
            "organisation",
            "Hội Nông dân tỉnh",
        ),
        ("Ban Thường vụ Huyện ủy tặng Giấy khen cho 22 tập thể.", "22 tập thể", "district", "Krông Pắc"),
    ],
)
def test_every_scope_level(sentence, claim, level, name):
    row = claims(sentence)[claim]
    assert (row["scope_level"], row["scope_name"]) == (level, name), row["scope_evidence"]


@pytest.mark.parametrize(
    ("sentence", "claim", "quantity", "unit"),
    [
        ("Nhân dân đóng góp hơn 1,2 tỷ đồng xây cầu.", "1,2 tỷ đồng", 1_200_000_000, "VND"),
        ("Hội đã hỗ trợ 850 triệu đồng cho hộ nghèo.", "850 triệu đồng", 850_000_000, "VND"),
        ("Bà con hiến 15 ha đất sản xuất.", "15 ha", 150_000, "m2"),
        ("Nhân dân hiến 3.500 m2 đất.", "3.500 m2", 3_500, "m2"),
        ("Nhân dân góp 1.200 ngày công làm đường.", "1.200 ngày công", 1_200, "workday"),
        ("Đoàn viên làm mới 12,5 km đường giao thông.", "12,5 km", 12_500, "m"),
    ],
)
def test_one_unit_per_quantity(sentence, claim, quantity, unit):
    row = claims(sentence)[claim]
    assert (row["quantity"], row["base_unit"]) == (pytest.approx(quantity), unit)


def test_periods():
    rows = claims(
        "Giai đoạn 2016 - 2020, huyện xây dựng 45 mô hình. Từ năm 2009 đến nay, nhân dân hiến 12 ha đất. "
        "6 tháng đầu năm 2024, huyện vận động 300 hộ tham gia. Năm 2022, huyện có 20 câu lạc bộ."
    )
    assert (rows["45 mô hình"]["as_of"], rows["45 mô hình"]["span"]) == ("2020", "2016-2020")
    assert (rows["12 ha"]["as_of"], rows["12 ha"]["span"]) == ("2023", "2009-2023")
    assert (rows["300 hộ"]["as_of"], rows["300 hộ"]["span"]) == ("2024", "2024-01/2024-06")
    assert (rows["20 câu lạc bộ"]["as_of"], rows["20 câu lạc bộ"]["span"]) == ("2022", "")


def test_background_facts_targets_and_numbers_inside_names():
    rows = claims(
        "Huyện có 23 đơn vị hành chính gồm 21 xã và 2 thị trấn, dân số hơn 120.000 người với 30 dân tộc "
        "cùng sinh sống. Huyện phấn đấu đến năm 2025 có 100% thôn xây dựng mô hình. Thôn 3 Nà Pồng và tổ 2 "
        "đã vận động 56 hộ hiến đất."
    )
    for claim in ("23 đơn vị hành chính", "120.000 người", "30 dân tộc"):
        assert rows[claim]["kind"] == "background", claim
    assert rows["30 dân tộc"]["base_unit"] != "person"
    assert (rows["100% thôn"]["kind"], rows["100% thôn"]["as_of"]) == ("target", "2025")
    assert rows["56 hộ"]["kind"] == "result"
    assert not any(text.startswith(("3 Nà", "2 đã")) for text in rows)  # "Thôn 3", "tổ 2" are names
    assert all(not text.startswith("2 thị trấn") or row["kind"] == "background" for text, row in rows.items())


def test_seed_claims_are_scoped(seed_articles):
    by_text = {}
    for key in ("000", "001", "004"):
        tables, _ = extract_all(seed_articles[key])
        by_text.update({(key, r["text"]): r for r in tables["figures"]})
    na_ri = by_text[("000", "24 mô hình")]
    assert (na_ri["scope_level"], na_ri["scope_name"], na_ri["span"]) == ("district", "Na Rì", "2017-2020")
    for claim in ("22 tập thể", "16 cá nhân"):
        row = by_text[("001", claim)]
        assert (row["scope_level"], row["scope_name"], row["category"]) == (
            "district",
            "Cầu Giấy",
            "honours and recognitions",
        )
    chiem_hoa = by_text[("004", "8 chương trình")]
    assert (chiem_hoa["scope_level"], chiem_hoa["scope_name"]) == ("district", "Chiêm Hóa")
