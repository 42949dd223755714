"""Organisations, officials and abbreviations: the seeds' real text and sentences from other provinces."""

import pytest

from danvan.extract.abbreviations import extract_abbreviations
from danvan.extract.combine import extract_entities
from danvan.extract.organisations import organisation_mentions
from danvan.extract.persons import extract_persons, persons_in_sentence

SEED_OFFICIALS = {
    ("002", "Dương Văn Trang"): "Ủy viên Trung ương Đảng; Bí thư Tỉnh ủy; Chủ tịch HĐND tỉnh",
    ("002", "A Pớt"): "Phó Bí thư Thường trực Tỉnh ủy",
    ("002", "Nguyễn Văn Hòa"): "Phó Bí thư Tỉnh ủy",
    ("003", "Võ Nguyên Nam"): "Ủy viên Ban Thường vụ Tỉnh ủy; Trưởng ban Dân vận Tỉnh ủy An Giang",
    ("004", "Tăng Thị Dương"): "Ủy viên BCH Đảng bộ tỉnh; Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
    ("004", "Triệu Đức Long"): "Trưởng Ban Dân vận Huyện ủy; Chủ tịch MTTQ huyện Chiêm Hóa",
}


def test_the_six_officials_of_the_seeds_with_their_titles(seed_articles):
    found = {}
    for key, article in seed_articles.items():
        for row in extract_persons(article):
            found.setdefault((key, row["name"]), row["titles"])  # first mention carries the full chain
    assert found == SEED_OFFICIALS


def test_authors_are_not_persons(seed_articles):
    names = {r["name"] for a in seed_articles.values() for r in extract_persons(a)}
    assert not names & {"Thu Trang", "Như Nguyệt", "Đức Thắng", "Hồ Chí Minh"}


def test_front_mentions_are_canonical_at_their_level(seed_articles):
    fronts = [
        e for e in extract_entities(seed_articles["004"]) if e["canonical"] == "Mặt trận Tổ quốc Việt Nam"
    ]
    levels = {(e["name"], e["level"]) for e in fronts}
    assert ("Ủy ban MTTQ Việt Nam tỉnh", "province") in levels
    assert ("MTTQ huyện", "district") in levels
    assert ("MTTQ", "") in levels
    kon_tum = {
        (e["name"], e["level"]) for e in extract_entities(seed_articles["002"]) if e["kind"] == "organisation"
    }
    assert ("UBMTTQVN tỉnh", "province") in kon_tum


def test_a_board_of_a_committee_is_one_mention_at_the_committees_level():
    (row,) = organisation_mentions("Ban Dân vận Huyện ủy tổ chức hội nghị")
    assert (row["canonical"], row["level"], row["name"]) == (
        "Ban Dân vận",
        "district",
        "Ban Dân vận Huyện ủy",
    )


def test_every_seed_abbreviation_is_expanded(seed_articles):
    rows = [r for a in seed_articles.values() for r in extract_abbreviations(a)]
    found = {r["abbreviation"] for r in rows}
    assert {
        "MTTQ",
        "UBMTTQVN",
        "LHPN",
        "HĐND",
        "UBND",
        "BCH",
        "KT-XH",
        "ĐBDTTS",
        "DTTS",
        "QLBVR",
        "GPMB",
        "QCDC",
    } <= found
    assert all(r["known"] and r["expansion"] for r in rows)
    assert not found & {"XII", "III", "CT", "TW", "NQ"}  # Roman numerals and document-code parts


def test_unknown_abbreviations_are_listed_not_guessed():
    from danvan.ingest.read import build_article

    article = build_article(
        "t", "t", "Hội XYZQ phối hợp với UBND xã tổ chức 3 lớp tập huấn cho bà con.", words=False
    )
    rows = {r["abbreviation"]: r for r in extract_abbreviations(article)}
    assert rows["XYZQ"]["known"] is False and rows["XYZQ"]["expansion"] == ""
    assert rows["UBND"]["expansion"] == "Ủy ban nhân dân"


@pytest.mark.parametrize(
    ("sentence", "name", "titles", "organisation"),
    [
        (
            "Phó Chủ tịch UBND huyện Kỳ Sơn Lô Văn Xuân cho biết, huyện tiếp tục quan tâm.",
            "Lô Văn Xuân",
            "Phó Chủ tịch UBND huyện Kỳ Sơn",
            "Ủy ban nhân dân",
        ),
        (
            "Bí thư Chi bộ thôn 3 Sùng A Páo đã vận động bà con hiến đất.",
            "Sùng A Páo",
            "Bí thư Chi bộ thôn 3",
            "Chi bộ",
        ),
        (
            "Ông Rơ Châm H'Ly, Chủ tịch Hội Nông dân xã Ia Dom, cho biết hội viên đã góp 200 ngày công.",
            "Rơ Châm H'Ly",
            "Chủ tịch Hội Nông dân xã Ia Dom",
            "Hội Nông dân Việt Nam",
        ),
        (
            "Đồng chí Lò Văn Muôn, Phó Chủ tịch UBND tỉnh Sơn La nhấn mạnh vai trò của Mặt trận.",
            "Lò Văn Muôn",
            "Phó Chủ tịch UBND tỉnh Sơn La",
            "Ủy ban nhân dân",
        ),
        (
            "Trưởng Công an xã Nguyễn Văn Bình đã tổ chức tuần tra.",
            "Nguyễn Văn Bình",
            "Trưởng Công an xã",
            "Công an",
        ),
        (
            "Chủ tịch Hội Nông dân tỉnh Hoàng Thị Mai phát biểu tại hội nghị.",
            "Hoàng Thị Mai",
            "Chủ tịch Hội Nông dân tỉnh",
            "Hội Nông dân Việt Nam",
        ),
    ],
)
def test_officials_elsewhere(sentence, name, titles, organisation):
    rows = persons_in_sentence(sentence)
    assert [(r["name"], r["titles"], r["organisation"]) for r in rows] == [(name, titles, organisation)]


def test_places_and_organisations_are_not_people():
    assert persons_in_sentence("Chủ tịch MTTQ huyện Chiêm Hóa cho biết kết quả.") == ()
    assert persons_in_sentence("Bí thư Tỉnh ủy yêu cầu tập thể Ban Dân vận Tỉnh ủy phải năng động.") == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # a rank before the name, the position after it
            "Đại tá Lò Văn Thủy, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh cho biết, bộ đội đã giúp dân 900 ngày công.",
            [("Lò Văn Thủy", "Đại tá; Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh")],
        ),
        (  # a position, then the rank, before the name
            "Trưởng Công an xã Nậm Ty, Thượng úy Cầm Văn Đức đã cùng Huyện đoàn vận động thanh niên.",
            [("Cầm Văn Đức", "Trưởng Công an xã Nậm Ty; Thượng úy")],
        ),
        (  # titles in parentheses, continued by the commune
            "Bà Mùa Thị Sua (Chi hội trưởng Chi hội Phụ nữ bản Hát, xã Mường Lạn) đã vận động 40 hội viên.",
            [("Mùa Thị Sua", "Chi hội trưởng Chi hội Phụ nữ bản Hát, xã Mường Lạn")],
        ),
        (  # titles after a dash, ended by the verb that follows
            "Đồng chí Trần Thị Út - Phó Bí thư Đảng ủy phường 3 phát biểu tại buổi lễ.",
            [("Trần Thị Út", "Phó Bí thư Đảng ủy phường 3")],
        ),
        (  # a title chain before the name, ended by the verb after it
            "Đồng chí Lê Quốc Phong, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy trao 30 suất quà cho hộ nghèo.",
            [("Lê Quốc Phong", "Ủy viên Trung ương Đảng; Bí thư Tỉnh ủy")],
        ),
        (  # a list after "các đồng chí:"
            "Các đồng chí: Lường Văn Sơn, Quàng Thị Ngọc và Tòng Văn Hải được UBND tỉnh tặng Bằng khen.",
            [("Lường Văn Sơn", ""), ("Quàng Thị Ngọc", ""), ("Tòng Văn Hải", "")],
        ),
        (  # two officials joined by "cùng": each keeps his own title
            "Chủ tịch Ủy ban MTTQ Việt Nam xã Rơ Châm Byơ cùng Trưởng thôn Siu Hyơk đã đến từng nhà vận động.",
            [("Rơ Châm Byơ", "Chủ tịch Ủy ban MTTQ Việt Nam xã"), ("Siu Hyơk", "Trưởng thôn")],
        ),
        (  # a former office; an academic degree written with a dot
            "Theo ông Hà Văn Núi, nguyên Phó Chủ tịch Hội đồng Dân tộc của Quốc hội, cần lắng nghe dân.",
            [("Hà Văn Núi", "nguyên Phó Chủ tịch Hội đồng Dân tộc của Quốc hội")],
        ),
        (
            "Theo PGS.TS Nguyễn Thị Thu, Học viện Chính trị khu vực III, dân vận phải bắt đầu từ lắng nghe.",
            [("Nguyễn Thị Thu", "PGS.TS")],
        ),
        (  # a place in parentheses and a pre-merger unit inside the title
            "Chủ tịch UBND xã Pa Tần (huyện Nậm Pồ) Giàng A Páo cho biết, xã đã hoàn thành GPMB.",
            [("Giàng A Páo", "Chủ tịch UBND xã Pa Tần (huyện Nậm Pồ)")],
        ),
        (
            "Chủ tịch UBND huyện Hướng Hóa (cũ) Hồ Văn Lương đã đối thoại với 200 hộ dân.",
            [("Hồ Văn Lương", "Chủ tịch UBND huyện Hướng Hóa (cũ)")],
        ),
        (  # an unknown village before the name
            "Trưởng thôn Lũng Cú Vàng Mí Say kể, cán bộ phải đến từng nhà.",
            [("Vàng Mí Say", "Trưởng thôn Lũng Cú")],
        ),
        (  # a surname that is also a place word after "tỉnh" stays in the name
            "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Lâm Minh Tuấn cho biết, Quỹ đã vận động 80 tỷ đồng.",
            [("Lâm Minh Tuấn", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh")],
        ),
        (  # "Người có uy tín" is a title
            "Người có uy tín Thào Seo Chứ, thôn Sà Phìn, thường xuyên phối hợp với Công an xã tuyên truyền.",
            [("Thào Seo Chứ", "Người có uy tín")],
        ),
    ],
)
def test_titles_in_other_positions(sentence, expected):
    assert [(r["name"], r["titles"]) for r in persons_in_sentence(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Anh Đinh Văn Tới, Bí thư Đoàn xã Lý Bôn, cho biết đoàn viên đã làm 2 km đường.",
            ("Đinh Văn Tới", "Bí thư Đoàn xã Lý Bôn"),
        ),
        (
            "Theo Thiếu tá Hà Văn Chung, Đồn trưởng Đồn Biên phòng Ia O, đơn vị đã nhận đỡ đầu 20 học sinh.",
            ("Hà Văn Chung", "Thiếu tá; Đồn trưởng Đồn Biên phòng Ia O"),
        ),
        (
            "Thứ trưởng Bộ Nội vụ Vũ Đăng Minh cho biết, Bộ sẽ hoàn thiện dự thảo.",
            ("Vũ Đăng Minh", "Thứ trưởng Bộ Nội vụ"),
        ),
        (
            "Già làng Y Kông Niê ở buôn Ea Kmar, xã Ea Tul chia sẻ kinh nghiệm hòa giải.",
            ("Y Kông Niê", "Già làng"),
        ),
        (
            "Ông Lê Văn Hai cho biết, Chủ tịch Hội Nông dân Việt Nam cũng khẳng định như vậy.",
            ("Lê Văn Hai", ""),
        ),
    ],
)
def test_places_and_bodies_inside_a_title_are_not_people(sentence, expected):
    """The place or body closing a title stays in the title ("..., xã Lý Bôn,"), never becomes a person."""
    assert [(r["name"], r["titles"]) for r in persons_in_sentence(sentence)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tỉnh đoàn Nghệ An phối hợp với Công an tỉnh",
            [("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "province"), ("Công an", "province")],
        ),
        (
            "Huyện đoàn Quế Phong và Đoàn xã Tri Lễ",
            [
                ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "district"),
                ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "commune"),
            ],
        ),
        ("chiến sĩ CAND và QĐND", [("Công an", ""), ("Quân sự", "")]),
        ("Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam", [("Mặt trận Tổ quốc Việt Nam", "central")]),
        ("Phó Bí thư Thường trực Huyện ủy", [("Huyện ủy", "district")]),
        ("Trưởng ban Tuyên giáo và Dân vận Tỉnh ủy", [("Ban Tuyên giáo và Dân vận", "province")]),
        ("Trưởng đoàn ĐBQH tỉnh và UBTVQH", [("Quốc hội", "province"), ("Quốc hội", "central")]),
        ("UBKT Huyện ủy và BTG Huyện ủy", [("Ủy ban Kiểm tra", "district"), ("Ban Tuyên giáo", "district")]),
        ("Giám đốc Sở Nông nghiệp và Môi trường", [("Sở Nông nghiệp và Môi trường", "province")]),
    ],
)
def test_organisations_at_their_level(text, expected):
    assert [(m["canonical"], m["level"]) for m in organisation_mentions(text)] == expected


def test_more_abbreviations_are_expanded():
    from danvan.ingest.read import build_article

    text = (
        "Theo TTXVN, chiến sĩ CAND, ĐBQH, UBTVQH, UBKT, BDV, ĐTN và CLB của PGS, TS đều tham gia. "
        "Hội ZXQV cũng tham gia."
    )
    rows = {r["abbreviation"]: r for r in extract_abbreviations(build_article("t", "t", text, words=False))}
    known = {"TTXVN", "CAND", "ĐBQH", "UBTVQH", "UBKT", "BDV", "ĐTN", "CLB", "PGS", "TS"}
    assert all(rows[a]["known"] and rows[a]["expansion"] for a in known)
    assert rows["ZXQV"]["known"] is False


def test_an_office_in_the_national_organisation_is_central_the_system_has_no_level():
    (office,) = organisation_mentions("Bà Hà Thị Lan, Phó Chủ tịch Hội LHPN Việt Nam, cho rằng")
    assert (office["name"], office["level"]) == ("Hội LHPN Việt Nam", "central")
    (system,) = organisation_mentions("vai trò của MTTQ Việt Nam và các tổ chức chính trị - xã hội")
    assert system["level"] == ""
    (every,) = organisation_mentions("Chủ tịch MTTQ Việt Nam các cấp")
    assert every["level"] == ""


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # "Huyện ủy viên" is a title, not the committee
            "Đồng chí Lò Văn Sương, Huyện ủy viên, Bí thư Đảng ủy xã Mường Mươn cho biết, xã đã làm 8 km đường.",
            [("Lò Văn Sương", "Huyện ủy viên; Bí thư Đảng ủy xã Mường Mươn")],
        ),
        (  # clergy titles before the name, positions after it
            "Hòa thượng Chau Sóc, Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh đã vận động Phật tử làm đường.",
            [("Chau Sóc", "Hòa thượng; Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh")],
        ),
        (
            "Linh mục Phêrô Trần Văn Lộc, Chánh xứ Giáo xứ Bắc Thủy cho biết, giáo dân luôn hưởng ứng.",
            [("Phêrô Trần Văn Lộc", "Linh mục; Chánh xứ Giáo xứ Bắc Thủy")],
        ),
        (  # a list opened by "Các ông:" keeps names whose family name is not in the table
            "Các ông: Y Blir, A Nhen, A Lôi được UBND tỉnh tặng Bằng khen.",
            [("Y Blir", ""), ("A Nhen", ""), ("A Lôi", "")],
        ),
    ],
)
def test_member_clergy_and_list_titles(sentence, expected):
    assert [(r["name"], r["titles"]) for r in persons_in_sentence(sentence)] == expected


def test_a_members_title_is_not_a_mention_of_the_committee():
    assert [m["canonical"] for m in organisation_mentions("Tỉnh ủy viên, Bí thư Huyện ủy")] == ["Huyện ủy"]


def test_the_stress_articles_match_their_hand_labels():
    """Twelve made-up articles with other titles, name positions, minority names and levels (regression set)."""
    from collections import Counter
    from pathlib import Path

    import yaml

    from danvan.ingest.read import iter_corpus

    data = Path(__file__).parent / "data"
    gold = yaml.safe_load((data / "actor_stress_labels.yml").read_text(encoding="utf-8"))
    seen = set()
    for ingested in iter_corpus(data / "actor_stress"):
        article = ingested.article
        key = next(k for k in gold["persons"] if k in ingested.file)
        seen.add(key)
        persons = [(r["name"], r["titles"]) for r in extract_persons(article)]
        assert persons == [(p["name"], p["titles"]) for p in gold["persons"][key]], key
        orgs = Counter(
            (e["canonical"], e["level"]) for e in extract_entities(article) if e["kind"] == "organisation"
        )
        assert orgs == Counter(tuple(o) for o in gold["organisations"][key]), key
        rows = {r["abbreviation"]: r for r in extract_abbreviations(article)}
        assert set(rows) == set(gold["abbreviations"][key]) and all(r["known"] for r in rows.values()), key
    assert seen == set(gold["persons"])  # every labelled article was read


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ông Lò Văn Pọm, dân tộc Thái, Trưởng bản, đã vận động bà con.",
            [("Lò Văn Pọm", "Trưởng bản")],
        ),
        (
            "Tại xã Bát Xát, ông Tẩn Láo Lở, người có uy tín dân tộc Dao, là hạt nhân.",
            [("Tẩn Láo Lở", "người có uy tín")],
        ),
        (
            "Bà H'Yâm Ksơr, Phó Chủ tịch Ủy ban MTTQ Việt Nam xã, kiêm Chủ tịch Hội LHPN xã, đã vận động.",
            [("H'Yâm Ksơr", "Phó Chủ tịch Ủy ban MTTQ Việt Nam xã; Chủ tịch Hội LHPN xã")],
        ),
        (
            "Thượng tá Siu Đức, Phó Chính ủy Bộ đội Biên phòng tỉnh Gia Lai, cho biết thêm.",
            [("Siu Đức", "Thượng tá; Phó Chính ủy Bộ đội Biên phòng tỉnh Gia Lai")],
        ),
        (
            "Ông Triệu Văn Ngân, dân tộc Dao, người có uy tín ở xóm Cốc Phường, xã Hưng Đạo, chia sẻ.",
            [("Triệu Văn Ngân", "người có uy tín ở xóm Cốc Phường, xã Hưng Đạo")],
        ),
        ("Ông Giàng Seo Phử cùng cán bộ Đồn Biên phòng Bản Lầu đi tuần tra.", [("Giàng Seo Phử", "")]),
    ],
)
def test_ethnicity_concurrent_offices_and_unit_places(sentence, expected):
    assert [(p["name"], p["titles"]) for p in persons_in_sentence(sentence)] == expected


def test_a_later_mention_by_the_given_name_is_the_full_name():
    from danvan.ingest.read import build_article

    text = (
        "Dự lễ có đồng chí Nông Thanh Tùng, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy và ông Hoàng Văn Thạch.\n"
        "Đồng chí Tùng cho biết cuộc thi nhận được 215 tác phẩm. Ông Thạch đề nghị tiếp tục phát hiện điển hình.\n"
        "Ông Hùng, một người dân, cũng chia sẻ.\n"
    )
    rows = extract_persons(build_article("t", "t", text, words=False))
    assert [(r["name"], r["titles"]) for r in rows] == [
        ("Nông Thanh Tùng", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy"),
        ("Hoàng Văn Thạch", ""),
        ("Nông Thanh Tùng", ""),
        ("Hoàng Văn Thạch", ""),
    ]


def _levels(text):
    return [(r["name"], r["canonical"], r["level"]) for r in organisation_mentions(text)]


def test_a_board_takes_the_level_of_the_organisation_it_belongs_to():
    assert _levels("Ban Thường vụ Hội LHPN huyện đã trao quà cho 20 hội viên") == [
        ("Ban Thường vụ Hội LHPN huyện", "Ban Thường vụ", "district")
    ]
    assert _levels("Nhân dịp này, Ban Thường vụ Thành đoàn khen thưởng 12 đoàn viên") == [
        ("Ban Thường vụ Thành đoàn", "Ban Thường vụ", "province")
    ]
    (row,) = organisation_mentions("Ban Chấp hành Hội Nông dân xã họp phiên thường kỳ")
    assert (row["canonical"], row["level"], row["family"]) == (
        "Ban Chấp hành",
        "commune",
        "Front and mass organisations",
    )
    assert _levels("Ban Thường vụ Thành ủy họp") == [("Ban Thường vụ Thành ủy", "Ban Thường vụ", "province")]
    assert _levels("Bí thư Đảng ủy Quân sự huyện phát biểu") == [
        ("Đảng ủy Quân sự huyện", "Đảng ủy", "district")
    ]


def test_a_level_after_a_list_of_organisations_is_each_members():
    assert _levels("Lãnh đạo Thường trực HĐND-UBND huyện tới dự") == [
        ("HĐND", "Hội đồng nhân dân", "district"),
        ("UBND huyện", "Ủy ban nhân dân", "district"),
    ]
    assert [r[2] for r in _levels("đại diện HĐND, UBND xã và các đoàn thể")] == ["commune", "commune"]
    assert [r[2] for r in _levels("HĐND và UBND tỉnh đã thống nhất")] == ["province", "province"]
    assert _levels("Thường trực Huyện ủy chỉ đạo") == [
        ("Thường trực Huyện ủy", "Thường trực cấp ủy", "district")
    ]


def test_a_committee_of_the_council_is_the_council():
    assert _levels("Phó Trưởng Ban Dân tộc HĐND tỉnh Gia Lai cho biết") == [
        ("Ban Dân tộc HĐND tỉnh", "Hội đồng nhân dân", "province")
    ]
    assert _levels("Ban Dân tộc tỉnh tổ chức hội nghị")[0][1:] == ("Sở Dân tộc và Tôn giáo", "province")


def test_a_city_party_committee_takes_its_level_from_the_city():
    assert _levels("Phó Bí thư Thành ủy Hải Phòng dự lễ")[0][2] == "province"
    assert _levels("Bí thư Thành ủy Huế phát biểu")[0][2] == "province"
    assert _levels("Ban Dân vận Thành ủy Pleiku phối hợp")[0][2] == "district"
    assert _levels("Thành ủy Buôn Ma Thuột ban hành kế hoạch")[0][2] == "district"


def test_the_front_alone_only_when_capitalised():
    assert _levels("vai trò của Mặt trận và các đoàn thể") == [("Mặt trận", "Mặt trận Tổ quốc Việt Nam", "")]
    assert _levels("thắng lợi trên mặt trận kinh tế") == []


def test_abbreviations_written_apart_joined_and_the_reporters_questions():
    from danvan.ingest.read import build_article

    text = (
        "Ông Hà Văn Thái, Chủ tịch UB MTTQ huyện Mường Tè\n"
        "PV: Xin ông cho biết kết quả vận động của HĐND-UBND xã?\n"
        "Ông Hà Văn Thái: Năm nay UB MTTQ huyện đã vận động xây 40 nhà Đại đoàn kết."
    )
    rows = {r["abbreviation"]: r for r in extract_abbreviations(build_article("t", "t", text, words=False))}
    assert rows["UBMTTQ"]["count"] == 2 and "UB" not in rows and "MTTQ" not in rows
    assert (
        rows["HĐND-UBND"]["known"] and rows["HĐND-UBND"]["expansion"] == "Hội đồng nhân dân - Ủy ban nhân dân"
    )
    assert rows["PV"]["expansion"] == "phóng viên"


def test_a_title_continues_with_the_unit_it_belongs_to():
    (row,) = persons_in_sentence("Thiếu tá Lò Văn Kiên, cán bộ Tổ công tác, Đồn Biên phòng Pa Tần, cho biết")
    assert row["titles"] == "Thiếu tá; cán bộ Tổ công tác, Đồn Biên phòng Pa Tần"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Đồng chí Phó Chủ tịch UBND tỉnh Trần Văn Cường dự.",
            [("Trần Văn Cường", "Phó Chủ tịch UBND tỉnh")],
        ),
        ("Đồng chí Trưởng Ban Dân vận Huyện ủy đề nghị các cấp ủy tiếp tục quan tâm.", []),
        ("Đồng chí Phó Bí thư Thường trực Huyện ủy Chợ Lách đánh giá cao bà con.", []),
        ("Bà Phó Thị Lan, Chủ tịch Hội LHPN xã, cho biết.", [("Phó Thị Lan", "Chủ tịch Hội LHPN xã")]),
    ],
)
def test_an_honorific_before_a_title_is_no_name(sentence, expected):
    """ "Đồng chí Phó Chủ tịch ...": the capitalised words after the honorific open a title, not a name."""
    assert [(r["name"], r["titles"]) for r in persons_in_sentence(sentence)] == expected
