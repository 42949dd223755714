"""The models catalogue: named practices with who runs them, where, and in which field."""

from __future__ import annotations

import pytest

from danvan.extract.claims import extract_claims
from danvan.extract.models import extract_models
from danvan.ingest.read import build_article


def models(text: str, place: dict[str, str] | None = None) -> list[dict]:
    article = build_article("t", "t.txt", "Tiêu đề bài báo về dân vận khéo\n" + text, words=False)
    return extract_models(article, extract_claims(article), place)


def test_seed_001_names_its_models_with_their_runners(seed_articles):
    article = seed_articles["001"]
    rows = {
        r["runner"]: r for r in extract_models(article, [], {"district": "Cầu Giấy", "province": "Hà Nội"})
    }
    front = rows["MTTQ quận"]
    assert (front["name"], front["runner_canonical"], front["level"], front["place"], front["field"]) == (
        "Dân vận khéo trong công tác hòa giải",
        "Mặt trận Tổ quốc Việt Nam",
        "district",
        "Cầu Giấy",
        "democracy_mediation",
    )
    green = rows["Hội LHPN phường Quan Hoa"]
    assert (green["name"], green["level"], green["place"], green["field"]) == (
        "Góc xanh",
        "commune",
        "Quan Hoa",
        "environment",
    )
    dich_vong = rows["Hội LHPN phường Dịch Vọng"]
    assert dich_vong["name"].startswith("vận động các gia đình hội viên phụ nữ trong diện GPMB")
    cell = rows["Chi bộ số 40 - Đảng bộ phường Trung Hòa"]
    assert cell["name"].startswith("triển khai có hiệu quả các đợt vận động nhân dân")
    assert (cell["runner_canonical"], cell["level"], cell["place"]) == ("Chi bộ", "commune", "Trung Hòa")
    for row in rows.values():
        assert row["text"] == article.text[row["start"] : row["end"]]


@pytest.mark.parametrize("seed", ["000", "003"])
def test_the_bare_campaign_phrase_is_no_model(seed_articles, seed):
    assert extract_models(seed_articles[seed], []) == []


def test_quoted_names_in_an_enumeration_each_with_the_runner():
    rows = models(
        "Năm 2023, Hội Nông dân huyện Krông Pắc đã xây dựng các mô hình: “Hũ gạo tình thương”, "
        "“Ngày Chủ nhật xanh” và “Chợ 4.0”, được Ban Dân vận Tỉnh ủy biểu dương.\n"
    )
    assert [r["name"] for r in rows] == ["Hũ gạo tình thương", "Ngày Chủ nhật xanh", "Chợ 4.0"]
    assert {r["runner"] for r in rows} == {"Hội Nông dân huyện Krông Pắc"}
    assert [r["kind"] for r in rows] == ["charity_rice", "green_clean", "cashless_digital"]
    assert {r["status"] for r in rows} == {"honoured"} and {r["year"] for r in rows} == {"2023"}


def test_an_unquoted_unit_and_its_result_in_the_next_sentence():
    rows = models(
        "Chi hội Phụ nữ thôn Nà Làng ra mắt Tổ hợp tác nuôi ba ba với 12 thành viên. "
        "Sau một năm, tổ hợp tác đã mang lại thu nhập hơn 300 triệu đồng cho các hội viên.\n"
    )
    first = rows[0]
    assert first["name"] == "Tổ hợp tác nuôi ba ba" and first["runner"].startswith("Chi hội Phụ nữ")
    assert first["status"] == "launched" and first["kind"] == "livelihoods"
    assert "300 triệu đồng" in first["results"] and "12 thành viên" in first["results"]


def test_a_model_named_in_a_field_of_the_campaign_and_counts_of_models():
    rows = models(
        "Toàn huyện có 45 mô hình “Dân vận khéo” trong các lĩnh vực. Công an xã Ea Tul với mô hình "
        "“Dân vận khéo” trong đảm bảo an ninh trật tự ở buôn làng được nhân rộng.\n"
    )
    assert [(r["name"], r["runner"], r["status"]) for r in rows] == [
        ("Dân vận khéo trong đảm bảo an ninh trật tự ở buôn làng", "Công an xã Ea Tul", "replicated")
    ]


def test_campaigns_are_not_models():
    rows = models(
        "Ủy ban MTTQ tỉnh phát động cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” "
        "và phong trào thi đua “Dân vận khéo”; các cấp đã đăng ký nhiều mô hình, điển hình tiên tiến.\n"
    )
    assert rows == []


def test_models_named_in_several_articles_are_grouped_by_the_same_or_near_same_name():
    import pandas as pd

    from danvan.report.model_views import recurring_names

    models = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d", "e"],
            "province": ["Lào Cai", "Sơn La", "Yên Bái", "Lào Cai", ""],
            "name": ["Góc xanh", "góc xanh", "Góc xanh nhà em", "Tổ hòa giải giỏi", "Bữa cơm có thịt"],
            "name_key": ["goc xanh", "goc xanh", "goc xanh nha em", "to hoa giai gioi", "bua com co thit"],
        }
    )
    rows = recurring_names(models)
    assert list(rows["name"]) == ["Góc xanh"]  # named once: not recurring
    assert (rows.iloc[0]["articles"], rows.iloc[0]["provinces"]) == (3, 3)
    assert rows.iloc[0]["names as written"] == "Góc xanh; góc xanh; Góc xanh nhà em"


def test_the_runner_written_after_the_name_and_each_item_of_a_listing_with_its_own():
    rows = models(
        "Tại xã Quảng Hòa, mô hình “Bếp ăn yêu thương” do Hội LHPN xã Quảng Hòa duy trì đã phục vụ "
        "2.000 suất cơm. Các cấp hội đã triển khai nhiều mô hình tiêu biểu như: “Tủ sách nhân ái” của Hội "
        "Khuyến học xã Hòa An; ‘Đường cờ Tổ quốc’ của Đoàn xã Phú Lộc; nuôi dê sinh sản ở thôn 2.\n"
    )
    assert [(r["name"], r["runner"], r["field"]) for r in rows] == [
        ("Bếp ăn yêu thương", "Hội LHPN xã Quảng Hòa", "social_welfare"),
        ("Tủ sách nhân ái", "Hội Khuyến học xã Hòa An", "education"),
        ("Đường cờ Tổ quốc", "Đoàn xã Phú Lộc", ""),
        ("nuôi dê sinh sản", "", "economy"),
    ]


def test_a_club_with_a_capitalised_name_run_by_the_post_named_before():
    rows = models(
        "Đồn Biên phòng Ia Mơ phối hợp với chính quyền xã vận động bà con ổn định cuộc sống. "
        "Đồn cũng duy trì Câu lạc bộ Thanh niên biên giới với 40 thành viên, sinh hoạt mỗi quý.\n"
    )
    assert [(r["name"], r["runner"], r["level"]) for r in rows] == [
        ("Câu lạc bộ Thanh niên biên giới", "Đồn Biên phòng Ia Mơ", "")
    ]


def test_quoted_names_after_one_cue_and_the_field_from_the_longest_word():
    rows = models(
        "Hội LHPN xã Tân Phú duy trì các mô hình “Chợ không túi ni lông”, “Nhặt rác vì cộng đồng” và "
        "“Tổ tự quản bảo vệ môi trường” ở các ấp. Mô hình “Dân vận khéo” trong năm 2024 được đánh giá cao.\n"
    )
    assert [r["name"] for r in rows] == [
        "Chợ không túi ni lông",
        "Nhặt rác vì cộng đồng",
        "Tổ tự quản bảo vệ môi trường",
    ]
    assert {r["field"] for r in rows} == {"environment"}  # "môi trường" is not the school's "trường"
    assert {r["runner"] for r in rows} == {"Hội LHPN xã Tân Phú"}


def test_a_model_named_twice_is_one_row_with_what_each_mention_says():
    rows = models(
        "Năm 2023, mô hình “Ngân hàng bê” ra mắt tại thôn Khe Sanh. Đến nay, mô hình “Ngân hàng bê” "
        "của Hội Nông dân xã Hướng Phùng đã giúp 30 hộ thoát nghèo và được nhân rộng.\n"
    )
    assert len(rows) == 1
    row = rows[0]
    assert (row["runner"], row["year"], row["field"]) == ("Hội Nông dân xã Hướng Phùng", "2023", "economy")
    assert set(row["status"].split("; ")) == {"launched", "replicated"}
    assert row["text"] == "mô hình “Ngân hàng bê”"


def test_what_models_should_be_or_do_is_no_name():
    rows = models(
        "Đồng chí Bí thư yêu cầu lựa chọn mô hình thiết thực, tránh hình thức; mỗi xã đăng ký ít nhất một mô "
        "hình về cải cách hành chính. Bà Hạnh đánh giá, mô hình phát huy sức trẻ của đoàn viên. "
        "Chi đoàn thôn 4 duy trì mô hình thắp sáng đường quê.\n"
    )
    assert [(r["name"], r["runner"]) for r in rows] == [("thắp sáng đường quê", "Chi đoàn thôn 4")]


def test_a_name_written_before_its_cue_and_the_runner_after_it():
    rows = models(
        "“Góc học tập cho em” là mô hình do Chi đoàn thôn Bản Giang thực hiện từ năm 2022. "
        "Con đường bích họa là mô hình do Hội LHPN xã Tam Thanh vận động hội viên vẽ. "
        "“Nghe dân nói” là mô hình mà Hội Cựu chiến binh phường Hưng Dũng duy trì nhiều năm. "
        "Sân bóng này là mô hình do Đoàn xã Nghĩa Hưng quản lý.\n"
    )
    assert [(r["name"], r["runner"]) for r in rows] == [
        ("Góc học tập cho em", "Chi đoàn thôn Bản Giang"),
        ("Con đường bích họa", "Hội LHPN xã Tam Thanh"),
        ("Nghe dân nói", "Hội Cựu chiến binh phường Hưng Dũng"),
    ]
    assert rows[0]["text"] == "“Góc học tập cho em” là mô hình do Chi đoàn thôn Bản Giang"


def test_a_quoted_name_with_no_cue_only_when_it_opens_a_clause_and_its_runner_follows():
    rows = models(
        "Mỗi tối, “Bếp cháo nghĩa tình” của Hội Chữ thập đỏ huyện Hương Khê phát 100 suất cháo miễn phí. "
        "Hội Nông dân tỉnh hưởng ứng phong trào “Nông dân thi đua sản xuất giỏi” của Hội Nông dân Việt Nam. "
        "Cán bộ ghi nhớ lời dạy “Dân là gốc” của Chủ tịch Hồ Chí Minh. "
        "“Dân vận khéo” của Đoàn xã Kỳ Lạc được lan tỏa.\n"
    )
    assert [(r["name"], r["runner"], r["field"]) for r in rows] == [
        ("Bếp cháo nghĩa tình", "Hội Chữ thập đỏ huyện Hương Khê", "social_welfare")
    ]
    assert rows[0]["text"] == "“Bếp cháo nghĩa tình” của Hội Chữ thập đỏ huyện Hương Khê"


def test_capitalised_to_groups_with_no_cue_word_are_models():
    rows = models(
        "Đoàn xã Tam Đảo thành lập Tổ thanh niên tình nguyện chống cháy rừng thôn Đồng Bùa với 20 đoàn viên. "
        "Hội CCB xã Tân Lập lập Tổ CCB tự quản đoạn đê sông Lô: mỗi tuần hai lần dọn rác.\n"
        "Ở bản Nậm Cắn có Tổ hòa giải người cao tuổi do Ủy ban MTTQ Việt Nam xã Mường Lống thành lập.\n"
        "Tổ tự quản đường biên, cột mốc bản Huổi Lư là mô hình do Đồn Biên phòng Si Pa Phìn hướng dẫn thành "
        "lập. Tại phường Hưng Dũng, Tổ liên gia an toàn phòng cháy khối 5 là mô hình do Công an phường Hưng "
        "Dũng hướng dẫn thành lập.\n"
    )
    assert [(r["name"], r["runner"]) for r in rows] == [
        ("Tổ thanh niên tình nguyện chống cháy rừng thôn Đồng Bùa", "Đoàn xã Tam Đảo"),
        ("Tổ CCB tự quản đoạn đê sông Lô", "Hội CCB xã Tân Lập"),
        ("Tổ hòa giải người cao tuổi", "Ủy ban MTTQ Việt Nam xã Mường Lống"),
        ("Tổ tự quản đường biên, cột mốc bản Huổi Lư", "Đồn Biên phòng Si Pa Phìn"),
        ("Tổ liên gia an toàn phòng cháy khối 5", "Công an phường Hưng Dũng"),
    ]
    assert rows[2]["field"] == "democracy_mediation" and rows[3]["field"] == "security_defence"


def test_to_as_a_generic_noun_is_no_model():
    rows = models(
        "Các tổ dân phố của phường Lê Lợi đều có Tổ trưởng trẻ. Tổ chức Hội được củng cố vì an ninh Tổ quốc. "
        "Tổ có 12 thành viên, sinh hoạt mỗi tháng. Anh Hà Văn Tú là Tổ phó Tổ dân phố số 7. "
        "Ban Dân vận làm việc với Tổ công tác số 3 và các tổ hòa giải.\n"
    )
    assert rows == []


def test_a_purpose_without_a_count_stays_in_a_descriptive_name():
    rows = models(
        "Chi hội Phụ nữ bản Sa Ná chọn mô hình nuôi dê sinh sản giúp chị em vượt khó. "
        "Hội Nông dân xã Quỳnh Thạch có mô hình nuôi ong lấy mật giúp nhiều hộ có thu nhập 50 triệu đồng.\n"
    )
    assert [r["name"] for r in rows] == ["nuôi dê sinh sản giúp chị em vượt khó", "nuôi ong lấy mật"]


def test_persons_called_exemplary_and_what_models_must_be_are_no_names():
    rows = models(
        "Chị Lê Thị Hoa được biểu dương là điển hình phụ nữ làm kinh tế giỏi. Ông Y Bhiết được giới thiệu là "
        "điển hình người có uy tín trong đồng bào. Bí thư nhấn mạnh: “Mô hình cần xuất phát từ lòng dân”. "
        "Mô hình phải gắn với đời sống.\n"
    )
    assert rows == []


def test_runners_inside_a_body_abbreviated_earlier_or_after_a_passive():
    rows = models(
        "Cán bộ Đội Cảnh sát phòng cháy – Cứu nạn Công an huyện Nghi Lộc thực hiện mô hình “Khu dân cư an toàn "
        "phòng cháy”. HND xã Đại Sơn thành lập Tổ hợp tác nuôi cá lồng Đại Sơn với 15 thành viên. "
        "Nổi bật có mô hình “Tổ ngư dân đoàn kết trên biển” của Hội Nghề cá xã Bình Châu.\n"
        "Tại xã Mỹ Hòa, nơi có nhiều kênh rạch, giáp ranh, Công an xã Mỹ Hòa phối hợp với Đoàn xã lắp 90 camera. "
        "Mô hình “Mắt thần khu phố” được kết nối về trụ sở.\n"
        "Bà Trần Thị Lan, Chi hội trưởng Chi hội Phụ nữ ấp Tân Quy, được khen thưởng. Chi hội do bà phụ trách có "
        "mô hình nuôi cá rô đồng trong ruộng lúa.\n"
        "Bếp ăn nghĩa tình cho bệnh nhân nghèo là mô hình được Công đoàn cơ sở Công ty Cổ phần May Sông Hồng duy "
        "trì 4 năm liền. Mô hình tủ sách, góc đọc của Hội Khuyến học xã Diễn Kim thu hút học sinh.\n"
    )
    assert [(r["name"], r["runner"]) for r in rows] == [
        ("Khu dân cư an toàn phòng cháy", "Đội Cảnh sát phòng cháy – Cứu nạn Công an huyện Nghi Lộc"),
        ("Tổ hợp tác nuôi cá lồng Đại Sơn", "HND xã Đại Sơn"),
        ("Tổ ngư dân đoàn kết trên biển", "Hội Nghề cá xã Bình Châu"),
        ("Mắt thần khu phố", "Công an xã Mỹ Hòa"),
        ("nuôi cá rô đồng trong ruộng lúa", "Chi hội Phụ nữ ấp Tân Quy"),
        ("Bếp ăn nghĩa tình cho bệnh nhân nghèo", "Công đoàn cơ sở Công ty Cổ phần May Sông Hồng"),
        ("tủ sách, góc đọc", "Hội Khuyến học xã Diễn Kim"),
    ]


def test_a_listing_item_that_is_a_capitalised_group():
    rows = models(
        "Ủy ban MTTQ Việt Nam xã Châu Hạnh hướng dẫn các bản xây dựng các mô hình như: Tổ hòa giải kết hợp tổ "
        "tự quản bản Na Ca; “Đường làng sáng đèn”; “Bếp sạch vùng cao”.\n"
    )
    assert [r["name"] for r in rows] == [
        "Tổ hòa giải kết hợp tổ tự quản bản Na Ca",
        "Đường làng sáng đèn",
        "Bếp sạch vùng cao",
    ]
    assert {r["runner"] for r in rows} == {"Ủy ban MTTQ Việt Nam xã Châu Hạnh"}


def test_persons_introduced_as_exemplary_are_no_models():
    rows = models(
        "Phong trào có nhiều điển hình như ông Lò Văn Pọm, 68 tuổi, hiến 500 m² đất làm đường. "
        "Tiêu biểu là điển hình trưởng bản Vàng A Chứ, người đã vận động bà con bỏ cây thuốc phiện.\n"
    )
    assert rows == []


def test_what_a_named_model_or_unit_does_next_is_no_new_name():
    rows = models(
        "Hội LHPN xã Phú Lương xây dựng mô hình “Phụ nữ livestream bán nông sản”. Sau một năm, mô hình "
        "livestream bán nông sản đã giúp tiêu thụ 80 tấn bưởi. Năm 2025, mô hình tiếp tục được nhân rộng. "
        "Hội cũng thành lập Tổ hợp tác làm bánh chưng Phú Lương; sản phẩm của tổ hợp tác đạt chuẩn OCOP "
        "3 sao. Đoàn xã Phú Lương thành lập Câu lạc bộ Thanh niên tình nguyện. Câu lạc bộ sinh hoạt "
        "định kỳ hằng tháng. Bí thư Đoàn cho biết, việc xây dựng mô hình theo chi đoàn đã phát huy hiệu quả.\n"
    )
    assert [r["name"] for r in rows] == [
        "Phụ nữ livestream bán nông sản",
        "Tổ hợp tác làm bánh chưng Phú Lương",
        "Câu lạc bộ Thanh niên tình nguyện",
    ]
    assert "80 tấn" in rows[0]["results"]


def test_phrases_that_stay_in_a_name_and_a_list_of_objects_closing_the_sentence():
    rows = models(
        "Chi hội Nông dân thôn Đồng Tâm thực hiện mô hình thu gom rơm rạ, vỏ bao phân bón. "
        "Hội Nông dân xã Yên Thọ có mô hình nuôi gà thả vườn, liên kết tiêu thụ cho 30 hộ. "
        "Đoàn xã Hải Ninh duy trì mô hình phân loại rác tại nguồn ở 5 thôn. "
        "Hội LHPN huyện Vĩnh Linh thành lập Câu lạc bộ Phụ nữ với pháp luật tại 10 xã. "
        "Hội Người cao tuổi xã Hải Ba duy trì Câu lạc bộ Người cao tuổi giúp nhau làm kinh tế.\n"
    )
    assert [(r["name"], r["field"]) for r in rows] == [
        ("thu gom rơm rạ, vỏ bao phân bón", "environment"),
        ("nuôi gà thả vườn", "economy"),
        ("phân loại rác tại nguồn", "environment"),
        ("Câu lạc bộ Phụ nữ với pháp luật", "democracy_mediation"),
        ("Câu lạc bộ Người cao tuổi giúp nhau làm kinh tế", "economy"),
    ]


def test_a_runner_carried_over_from_the_paragraph_or_named_after_the_comma():
    rows = models(
        "Đoàn xã Quảng Phú chọn cách làm riêng. Đơn vị đã lắp 80 bóng đèn. Mô hình “Ngõ sáng” giúp người dân "
        "đi lại thuận tiện.\n"
        "Hội Nông dân xã An Lạc tổ chức tập huấn. Bà con rất phấn khởi. Mô hình “Vườn rau an toàn” giúp "
        "tăng thu nhập.\n"
        "Với mô hình “Bữa trưa no ấm”, Chi đoàn xã Sơn Kim đã nấu 3.000 suất cơm.\n"
        "Mô hình “Biển xanh không rác” ở xã Mỹ Đồn thu hút nhiều ngư dân. Nổi bật là mô hình “Biển xanh không "
        "rác”, được Đồn Biên phòng Cửa Việt triển khai từ năm 2023.\n"
    )
    assert [(r["name"], r["runner"]) for r in rows] == [
        ("Ngõ sáng", "Đoàn xã Quảng Phú"),
        ("Vườn rau an toàn", ""),
        ("Bữa trưa no ấm", "Chi đoàn xã Sơn Kim"),
        ("Biển xanh không rác", "Đồn Biên phòng Cửa Việt"),
    ]


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("Ngân hàng máu tình nguyện", "health"),
        ("Tổ tự quản nguồn nước thôn Nà Phặc", "environment"),
        ("Tổ tự quản bảo vệ rừng Khe Rỗ", "environment"),
        ("Thanh niên với pháp luật", "democracy_mediation"),
        ("Phụ nữ bán hàng trực tuyến", "economy"),
        ("Chợ phiên vùng cao", "economy"),
        ("Tôm – cua sạch", "economy"),
        ("Ruộng lúa không dùng thuốc trừ sâu", "environment"),
        ("Bác sĩ gia đình cho người cao tuổi neo đơn", "health"),
        ("Phát triển đảng viên là nông dân sản xuất giỏi", "party_building"),
        ("Tổ hòa giải kết hợp tổ an ninh xóm", "democracy_mediation"),
        ("Nhà trọ an toàn cho sinh viên", "security_defence"),
        ("Khu phố an toàn, văn minh", "security_defence"),
        ("Dòng họ khuyến học, khuyến tài", "education"),
        ("Tổ đoàn kết đánh bắt hải sản", "economy"),
        ("Tổ thanh niên giữ rừng đầu nguồn", "environment"),
        ("Cựu chiến binh góp công xây cầu dân sinh", "economy"),
        ("Câu lạc bộ tiếng Anh cho con em ngư dân", "education"),
    ],
)
def test_the_field_from_the_word_that_says_it(name, field):
    rows = models(f"Hội Nông dân xã Đông Hòa duy trì mô hình “{name}” từ năm 2023.\n")
    assert [(r["name"], r["field"]) for r in rows] == [(name, field)]
