"""Organisations, officials and abbreviations: the seeds' real text and sentences from other provinces."""

import pytest

from danvan.actors import (
    extract_abbreviations,
    extract_entities,
    extract_persons,
    organisation_mentions,
    persons_in_sentence,
)

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
    from danvan.corpus import build_article

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
