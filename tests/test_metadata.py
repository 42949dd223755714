"""Headline, source, date and authors: from the seeds' real text and from other page layouts."""

from danvan.corpus import build_article
from danvan.dates import find_dates
from danvan.metadata import extract_metadata


def meta(text: str) -> dict[str, str]:
    return extract_metadata(build_article("t", "t.txt", text, words=False))


def test_seed_000(seed_articles):
    m = extract_metadata(seed_articles["000"])
    assert (m["source"], m["author"], m["published"], m["published_precision"]) == (
        "backan.gov.vn",
        "Thu Trang",
        "",
        "none",
    )
    assert m["title"] == ""  # the page kept no headline: the first line is a paragraph


def test_seed_001(seed_articles):
    m = extract_metadata(seed_articles["001"])
    assert m["title"] == "Hiệu quả từ phong trào thi đua “Dân vận khéo”"
    assert (m["published"], m["published_precision"]) == ("2018-08-17", "day")
    assert m["source"] == "BAN DÂN VẬN QUẬN ỦY"


def test_seed_002_never_invents_a_year(seed_articles):
    m = extract_metadata(seed_articles["002"])
    assert m["source"] == "kontumtv.vn"
    assert m["author"] == "Như Nguyệt; Đức Thắng"
    assert (m["published"], m["published_precision"], m["published_text"]) == ("", "none", "Sáng ngày 14/7")


def test_seed_003(seed_articles):
    m = extract_metadata(seed_articles["003"])
    assert m["title"] == "An Giang thi đua “Dân vận khéo”"
    assert (m["published"], m["source"]) == ("2024-07-21", "baoangiang.com.vn")


def test_seed_004_link_to_another_article_is_not_the_title(seed_articles):
    m = extract_metadata(seed_articles["004"])
    assert "Bài 2" not in m["title"]
    assert "Bài 2" not in seed_articles["004"].text


def test_other_layouts():
    m = meta(
        "Kỳ Sơn vận động đồng bào thoát nghèo\nNgày đăng 05/11/2023 | 08:15\n"
        "Huyện Kỳ Sơn là địa bàn vùng cao biên giới. Năm 2023 toàn huyện giảm 1.250 hộ nghèo.\n"
        "Bài và ảnh: Hữu Vi"
    )
    assert (m["title"], m["published"], m["author"]) == (
        "Kỳ Sơn vận động đồng bào thoát nghèo",
        "2023-11-05",
        "Hữu Vi",
    )
    m = meta(
        "Thứ Tư, 12/3/2025\nQuận Liên Chiểu đẩy mạnh dân vận\nNội dung bài viết dài về công tác dân vận.\n"
        "Tác giả: Minh Châu, Thu Hà\nNguồn: baodanang.vn"
    )
    assert (m["published"], m["author"], m["source"]) == ("2025-03-12", "Minh Châu; Thu Hà", "baodanang.vn")


def test_dates_in_vietnamese_forms():
    assert [d.iso for d in find_dates("ngày 23-5-2021 và ngày 15 tháng 5 năm 2016, tháng 7/2024")] == [
        "2021-05-23",
        "2016-05-15",
        "2024-07",
    ]
    assert find_dates("hiến trên 26.000m2 đất, 2.071 hộ, từ 5-7 người, 2.10 tỷ") == []
    assert find_dates("ngày 31/2/2020") == []
