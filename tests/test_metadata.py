"""Headline, source, date and authors: from the seeds' real text and from other page layouts."""

from danvan.extract.dates import find_dates
from danvan.extract.metadata import extract_metadata
from danvan.ingest.read import build_article


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


BODY = (
    "Những năm qua, cấp ủy, chính quyền huyện đã vận dụng linh hoạt phương châm dân vận khéo.\n"
    "Nhờ làm tốt công tác dân vận, đến nay 100% thôn bản trong huyện đã có đường bê tông.\n"
)


def test_date_line_with_the_time_first_or_spelled_out():
    for line, iso in [
        ("15:30 | 12/10/2022", "2022-10-12"),
        ("14:05 - 28/02/2023", "2023-02-28"),
        ("Cập nhật: 08:30, 16/05/2024", "2024-05-16"),
        ("Cập nhật lúc 09:00 ngày 05/06/2022", "2022-06-05"),
        ("Thứ hai, ngày 05 tháng 8 năm 2019", "2019-08-05"),
    ]:
        m = meta(f"Gio Linh phát huy vai trò của Mặt trận\n{line}\n{BODY}")
        assert (m["published"], m["title"]) == (iso, "Gio Linh phát huy vai trò của Mặt trận"), line


def test_dateline_in_the_lead_after_the_headline():
    m = meta("Hội An biểu dương người có uy tín\nChiều 22/4/2024, Thành ủy Hội An tổ chức hội nghị.\n" + BODY)
    assert (m["published"], m["published_precision"], m["published_basis"]) == (
        "2024-04-22",
        "day",
        "lead event",
    )
    assert m["published_note"] == "estimated from the lead event 'Chiều 22/4/2024'"
    m = meta(
        "Hải Phòng tuyên dương 50 điển hình\nNgày 5 tháng 8 năm 2019, Ban Dân vận Thành ủy họp.\n" + BODY
    )
    assert m["published"] == "2019-08-05"
    m = meta(
        "Kon Tum: Đắk Hà sơ kết phong trào\n(kontumtv.vn) – Sáng ngày 14/7, Huyện ủy Đắk Hà họp.\n" + BODY
    )
    assert (m["published"], m["published_text"], m["source"]) == ("", "Sáng ngày 14/7", "kontumtv.vn")


def test_source_after_theo_or_in_brackets_without_a_colon():
    assert meta("Ba Vì giữ rừng\n" + BODY + "Theo sggp.org.vn\n")["source"] == "sggp.org.vn"
    m = meta("Hoài Nhơn mở đường\n" + BODY + "Theo Báo Bình Định\n")
    assert (m["source"], m["author"]) == ("Báo Bình Định", "")  # not read as a byline of names
    assert (
        meta("Ninh Kiều cải cách\n" + BODY + "Bài, ảnh: TRUNG HIẾU\n(Báo Cần Thơ)\n")["source"]
        == "Báo Cần Thơ"
    )
    assert meta("Tin vắn\nTheo báo cáo, toàn quận đã có 215 mô hình dân vận khéo\n" + BODY)["source"] == ""


def test_bylines_in_capitals_abbreviated_or_with_agency_and_affiliation():
    m = meta("Hải Phòng tuyên dương\n" + BODY + "NGỌC ANH\n")
    assert (m["author"], m["source"]) == ("Ngọc Anh", "")  # a name in capitals is not an office signature
    assert meta("Mường Tè dân vận khéo\nBài, ảnh: Lò Văn Thắng\n" + BODY)["author"] == "Lò Văn Thắng"
    assert meta("Ba Vì giữ rừng\nPV\n" + BODY)["author"] == "PV"
    assert meta("Đà Nẵng đô thị\n" + BODY + "Thu Hà (TTXVN)\n")["author"] == "Thu Hà"
    m = meta("Bài viết\n" + BODY + "Tác giả: TS. Nguyễn Văn Hùng - Học viện Chính trị quốc gia Hồ Chí Minh\n")
    assert m["author"] == "Nguyễn Văn Hùng"
    assert meta("Nghệ An tuyên dương\n" + BODY + "Hoài Thu - Công Kiên\nTheo baonghean.vn\n")["author"] == (
        "Hoài Thu; Công Kiên"
    )
    assert (
        meta("Cầu Giấy\n" + BODY + "BAN DÂN VẬN QUẬN ỦY CẦU GIẤY\n")["source"]
        == "BAN DÂN VẬN QUẬN ỦY CẦU GIẤY"
    )


def test_headline_in_capitals():
    m = meta("CHIÊM HOÁ: NHIỀU MÔ HÌNH DÂN VẬN KHÉO HIỆU QUẢ\nThứ Năm, 07/09/2023\n" + BODY)
    assert (m["title"], m["published"]) == ("CHIÊM HOÁ: NHIỀU MÔ HÌNH DÂN VẬN KHÉO HIỆU QUẢ", "2023-09-07")


def test_a_bare_outlet_line_at_the_top_or_bottom_is_the_source():
    top = meta(
        "Báo Bình Phước điện tử\nĐồng Xoài: Dân vận khéo trong giải phóng mặt bằng\nNgày 3/4/2023\n"
        "Những năm qua, thành phố Đồng Xoài đã vận động nhiều hộ dân bàn giao mặt bằng.\n"
        "Các khu phố đã hoàn thành kế hoạch trước thời hạn.\nThu Hằng\n"
    )
    assert (top["source"], top["title"], top["author"]) == (
        "Báo Bình Phước điện tử",
        "Đồng Xoài: Dân vận khéo trong giải phóng mặt bằng",
        "Thu Hằng",
    )
    bottom = meta(
        "Hướng Hóa nhân rộng mô hình dân vận khéo\nBan Dân vận Huyện ủy Hướng Hóa sơ kết mô hình.\n"
        "Nhiều thôn bản đã thay đổi nếp nghĩ, cách làm.\nY Đrin\nBáo Quảng Trị\n"
    )
    assert (bottom["source"], bottom["author"]) == ("Báo Quảng Trị", "Y Đrin")


def test_a_headline_about_an_outlet_is_not_a_source_line():
    m = meta(
        "Báo Quảng Ninh ra mắt chuyên mục Dân vận khéo\nSáng 5/5/2022, Báo Quảng Ninh ra mắt chuyên mục mới.\n"
        "Chuyên mục giới thiệu các mô hình hay.\n"
    )
    assert m["source"] == ""
    assert m["title"] == "Báo Quảng Ninh ra mắt chuyên mục Dân vận khéo"


def test_an_outlet_line_above_the_reporters_name_is_the_source():
    m = meta(
        "Mường Lát giữ vững an ninh biên giới\nĐồn Biên phòng Tam Chung phối hợp vận động đồng bào Mông.\n"
        "Các bản đã ký cam kết không xuất cảnh trái phép.\nBáo Thanh Hóa\nLê Hợi\n"
    )
    assert (m["source"], m["author"]) == ("Báo Thanh Hóa", "Lê Hợi")


def test_update_labels_weekday_before_time_and_relative_times_are_header_lines():
    m = meta(
        "Cập nhật ngày: 07-02-2024\nTân Uyên: Hội Nông dân vận động làm đường\nNội dung bài viết.\nThêm."
    )
    assert (m["published"], m["published_precision"]) == ("2024-02-07", "day")
    assert m["title"] == "Tân Uyên: Hội Nông dân vận động làm đường"
    m = meta("Chủ nhật, 17:20, 09/06/2024\nPhú Lương: Mặt trận chăm lo hộ nghèo\nNội dung bài.\nThêm.")
    assert (m["published"], m["title"]) == ("2024-06-09", "Phú Lương: Mặt trận chăm lo hộ nghèo")
    m = meta("35 phút trước\nThạnh Phú: Tổ hòa giải ở cơ sở\nNội dung bài viết.\nThêm.")
    assert (m["published"], m["title"]) == ("", "Thạnh Phú: Tổ hòa giải ở cơ sở")


def test_national_outlet_names_with_lower_case_words_or_brands_are_sources_not_headlines():
    m = meta("Báo Lao động\nCông nhân góp ý dự thảo luật\nNội dung bài viết dài.\nThêm một đoạn.")
    assert (m["source"], m["title"]) == ("Báo Lao động", "Công nhân góp ý dự thảo luật")
    m = meta("SGGP\nQuận 12 chăm lo người lao động\nNội dung bài viết dài.\nThêm đoạn nữa.\nKIỀU PHONG")
    assert (m["source"], m["author"]) == ("SGGP", "Kiều Phong")
    m = meta("Thôn bản đổi thay\nNội dung đầu tiên.\nĐoạn thứ hai.\nLê Hà\nHànộimới")
    assert (m["source"], m["author"]) == ("Hànộimới", "Lê Hà")


def test_outlet_codes_opening_the_lead_give_the_source():
    m = meta("Tiêu đề bài\n(ĐCSVN) - Sáng 2/4, Ban Dân vận tổ chức hội nghị.\nĐoạn hai.")
    assert m["source"] == "dangcongsan.vn"
    m = meta("Tiêu đề bài\nQĐND - Thời gian qua, đơn vị đã giúp dân.\nĐoạn hai.")
    assert m["source"] == "qdnd.vn"


def test_agency_after_a_slash_and_an_affiliation_in_brackets_are_not_authors():
    assert meta("Tiêu đề\nĐoạn một.\nĐoạn hai.\nTrần Văn Nam/VOV-Tây Bắc")["author"] == "Trần Văn Nam"
    m = meta("Tiêu đề\nĐoạn một.\nĐoạn hai.\nThu Hà (Hội LHPN huyện)\nNguồn: danvan.vn")
    assert (m["author"], m["source"]) == ("Thu Hà", "danvan.vn")


LEAD = (
    "(BLC) - Sau hai tháng vận hành chính quyền hai cấp, Đảng ủy xã đã chỉ đạo xây dựng nhiều mô hình hay.\n"
    "Nhiều thôn đã thay đổi cách làm, đời sống bà con được nâng lên rõ rệt.\n"
)


def test_page_headers_above_the_headline_are_not_the_headline():
    """A site's name, its masthead tagline, a two-item breadcrumb, a section and its subsection, a bare
    site label: the headline is the first line after them that reads as one."""
    m = meta(
        "Mặt trận Tổ quốc Việt Nam\nCơ quan của Ủy ban Trung ương MTTQ Việt Nam\nChính trị | Xây dựng Đảng\n"
        "Trang thông tin điện tử\nChính trị - Xây dựng Đảng\nThứ Tư, 27/08/2025 - 09:15\n"
        "Xã Mù Cang Chải phát huy vai trò người có uy tín\n" + LEAD
    )
    assert (m["title"], m["source"], m["published"]) == (
        "Xã Mù Cang Chải phát huy vai trò người có uy tín",
        "Mặt trận Tổ quốc Việt Nam",
        "2025-08-27",
    )
    assert (
        meta("Ban Dân vận Trung ương\nHội thảo về phong trào Dân vận khéo ở vùng đồng bào Mường\n" + LEAD)[
            "title"
        ]
        == "Hội thảo về phong trào Dân vận khéo ở vùng đồng bào Mường"
    )
    assert meta("ĐẢNG BỘ TỈNH\nMột tiêu đề đủ dài cho bài báo này\n" + LEAD)["source"] == ""  # which one?
    assert meta("Dân vận khéo\n" + LEAD)["title"] == "Dân vận khéo"  # a short headline with none after it


def test_a_time_after_a_yearless_date_is_no_year():
    assert [(d.iso, d.day, d.month) for d in find_dates("26/04 - 10:35")] == [("", 26, 4)]
    assert [d.iso for d in find_dates("26/04 - 10h35")] == [""]
    assert [d.iso for d in find_dates("17/11/2023 | 10:20")] == ["2023-11-17"]
    assert [d.iso for d in find_dates("ngày 5-4-24")] == ["2024-04-05"]


def test_dateline_after_a_place_name_and_an_update_label():
    assert (
        meta(
            "Đăk Glei: Dân vận khéo giúp đồng bào vươn lên\nKonTum - Ngày 12/3/2024, huyện sơ kết.\n"
            "Các mô hình được nhân rộng.\n"
        )["published"]
        == "2024-03-12"
    )
    assert meta("Quận 9: Sơ kết mô hình Dân vận khéo\nNgày cập nhật 15/08/2019\n" + LEAD)["published"] == (
        "2019-08-15"
    )


def test_a_reporter_with_an_affiliation_after_a_dash_or_as_initials():
    assert (
        meta("Bá Thước giữ rừng nhờ dân vận khéo\n" + LEAD + "Lê Hà - Ban Dân vận Huyện ủy Bá Thước\n")[
            "author"
        ]
        == "Lê Hà"
    )
    assert (
        meta("Bá Thước giữ rừng nhờ dân vận khéo\n" + LEAD + "Thùy Linh - Hội LHPN tỉnh Hà Tĩnh\n")["author"]
        == "Thùy Linh"
    )
    assert meta("Bá Thước giữ rừng nhờ dân vận khéo\n" + LEAD + "T.Đ\n")["author"] == "T.Đ"
    # a sentence with a dash is no byline
    assert (
        meta("Bá Thước giữ rừng\n" + LEAD + "Nhiều hộ dân - nhất là hộ nghèo - được hỗ trợ.\n")["author"]
        == ""
    )


def test_a_date_of_history_is_no_publication_date():
    m = meta(
        "Bài học từ tư tưởng Dân vận của Bác\nNgày 15/10/1949, Chủ tịch Hồ Chí Minh viết bài báo Dân vận, "
        "đăng trên báo Sự thật. Hơn 70 năm qua, Đảng bộ huyện Yên Thế luôn quán triệt lời dạy ấy.\n" + BODY
    )
    assert (m["published"], m["published_precision"]) == ("", "none")
    assert "15/10/1949" in m["published_note"] and "history" in m["published_note"]
    m = meta("Kỷ niệm ngày thành lập Đảng\nCập nhật: 03/02/1930\n" + BODY)  # a mangled date line
    assert m["published"] == "" and "03/02/1930" in m["published_note"]


def test_a_date_after_today_is_no_publication_date():
    m = meta("Đại hội nhiệm kỳ mới\nNgày 12/3/2099, Huyện ủy Mường Tè tổ chức đại hội.\n" + BODY)
    assert m["published"] == "" and "12/3/2099" in m["published_note"]


def test_a_yearless_lead_date_takes_the_year_written_later_in_the_lead():
    m = meta(
        "Tuyên dương điển hình dân vận khéo\nNgày 5-9, Tỉnh ủy Hà Tĩnh tổ chức hội nghị biểu dương 120 "
        "điển hình “Dân vận khéo” năm 2024.\n" + BODY
    )
    assert (m["published"], m["published_basis"], m["published_text"]) == (
        "2024-09-05",
        "lead event",
        "Ngày 5-9",
    )


def test_the_estimate_and_the_set_aside_date_reach_data_quality():
    from danvan.extract.combine import extract_all

    article = build_article(
        "t",
        "t.txt",
        "Dân vận khéo ở Yên Thế\nNgày 3/2/1930, Đảng Cộng sản Việt Nam ra đời.\n" + BODY,
        words=False,
    )
    tables, _ = extract_all(article)
    notes = [r for r in tables["data_quality"] if r["kind"] == "publication_date"]
    assert len(notes) == 1 and "3/2/1930" in notes[0]["note"]
    assert tables["articles"][0]["published"] == ""


def test_a_sentence_opener_left_by_a_cut_file_is_no_author():
    for opener in ("Qua", "Theo", "Tuy nhiên"):
        assert meta("Mường Tè hiến đất làm đường\n" + BODY + opener + "\n")["author"] == "", opener
    assert meta("Mường Tè hiến đất làm đường\n" + BODY + "Quang Minh\n")["author"] == "Quang Minh"


CAPTIONED = (
    "Bộ đội Biên phòng Lai Châu chung tay vì người nghèo\n"
    "Những năm qua, Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu đã triển khai nhiều mô hình dân vận khéo giúp "
    "đồng bào các dân tộc vùng biên giới phát triển kinh tế, giữ vững an ninh trật tự.\n"
    "Thượng tá Trần Văn Hùng, Chính ủy Bộ CHQS tỉnh trao quà cho hộ nghèo. Ảnh: Minh Khang\n"
    "Đến nay, đơn vị đã trao hơn 200 suất quà cho các hộ nghèo trên địa bàn các xã biên giới của tỉnh.\n"
    "(Ảnh: Văn Dũng)\n"
    "Thu Hằng\n"
)


def test_the_photo_credit_is_kept_apart_from_the_author_and_the_officials():
    from danvan.extract.persons import extract_persons

    article = build_article("t", "t.txt", CAPTIONED, words=False)
    m = extract_metadata(article)
    assert (m["author"], m["photo_credit"]) == ("Thu Hằng", "Minh Khang; Văn Dũng")
    persons = extract_persons(article)
    assert [(p["name"], p["titles"], p["in_caption"]) for p in persons] == [
        ("Trần Văn Hùng", "Thượng tá; Chính ủy Bộ CHQS tỉnh", True)
    ]
    assert persons[0]["text"][persons[0]["start"] : persons[0]["end"]] == "Trần Văn Hùng"
