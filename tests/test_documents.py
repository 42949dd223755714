"""Referenced documents and periods, from the seeds and from other phrasings."""

from danvan.extract.citations import citations_in_sentence, extract_citations, extract_periods
from danvan.ingest.read import build_article


def test_seed_000_documents(seed_articles):
    docs = extract_citations(seed_articles["000"])
    coded = {d["code"]: d for d in docs if d["code"]}
    assert set(coded) == {"05-CT/TW", "04-NQ/TW"}
    assert coded["05-CT/TW"]["doc_type"] == "Chỉ thị"
    assert coded["05-CT/TW"]["issued"] == "2016-05-15"
    assert coded["05-CT/TW"]["issuer"] == "Central Committee of the Party"
    assert coded["05-CT/TW"]["issuer_text"] == "Bộ Chính trị"
    assert coded["04-NQ/TW"]["issued"] == "2016-10-30"
    assert coded["04-NQ/TW"]["title"].startswith("Tăng cường xây dựng, chỉnh đốn Đảng")
    titled = [d for d in docs if not d["code"]]
    assert [d["doc_type"] for d in titled] == ["Quy chế", "Quy định", "Quy chế", "Quy định"]
    assert titled[2]["title"].startswith("Tiếp xúc, đối thoại trực tiếp")


def test_seed_004_scheme_02(seed_articles):
    docs = extract_citations(seed_articles["004"])
    coded = [d for d in docs if d["code"]]
    assert [(d["code"], d["issued"], d["issuer"]) for d in coded] == [
        ("02-ĐA/TU", "2021-05-23", "provincial Party committee")
    ]
    assert coded[0]["title"].startswith("Tiếp tục đổi mới nội dung")
    assert sum(d["doc_type"] == "Đề án" and d["number"] == "02" for d in docs) == 3


def test_generic_plurals_are_not_documents():
    assert citations_in_sentence("quán triệt và tổ chức thực hiện tốt các Chỉ thị, Nghị quyết của Đảng") == []


def test_other_phrasings():
    (doc,) = citations_in_sentence(
        "Thực hiện Kế hoạch số 125-KH/BDVTU ngày 20-3-2023 của Ban Dân vận Tỉnh ủy."
    )
    assert (doc["doc_type"], doc["number"], doc["code"], doc["issued"]) == (
        "Kế hoạch",
        "125",
        "125-KH/BDVTU",
        "2023-03-20",
    )
    assert doc["issuer"] == "provincial Mass Mobilisation Commission"
    (doc,) = citations_in_sentence("theo Quyết định số 1234/QĐ-UBND ngày 3/4/2020 của UBND tỉnh")
    assert (doc["code"], doc["issuer"], doc["issuer_text"]) == (
        "1234/QĐ-UBND",
        "People's Committee",
        "UBND tỉnh",
    )
    (doc,) = citations_in_sentence("triển khai Kết luận số 114-KL/TW của Ban Bí thư về công tác dân vận")
    assert (doc["code"], doc["issuer_text"]) == ("114-KL/TW", "Ban Bí thư")


def test_periods(seed_articles):
    periods = {
        k: [(p["kind"], p["start_year"], p["end_year"]) for p in extract_periods(a)]
        for k, a in seed_articles.items()
    }
    assert periods["000"] == [("campaign period", 2017, 2020)]
    assert periods["001"] == [("campaign period", 2016, 2020)]
    assert periods["004"] == [
        ("term", 2015, 2020),
        ("campaign period", 2021, 2025),
        ("campaign period", 2021, 2026),
        ("since", 2021, None),
    ]
    other = build_article(
        "t", "t", "Nhiệm kỳ 2020-2025, từ năm 2019 đến năm 2023 huyện đã làm tốt.", words=False
    )
    assert [(p["kind"], p["start_year"], p["end_year"]) for p in extract_periods(other)] == [
        ("term", 2020, 2025),
        ("since", 2019, 2023),
    ]


def test_spelled_out_issue_date():
    (doc,) = citations_in_sentence(
        "Huyện ủy ban hành Đề án số 05-ĐA/HU ngày 15 tháng 5 năm 2021 về phát triển kinh tế."
    )
    assert (doc["code"], doc["issuer"], doc["issued"]) == (
        "05-ĐA/HU",
        "district Party committee",
        "2021-05-15",
    )


def test_code_with_year_inside():
    (doc,) = citations_in_sentence(
        "HĐND tỉnh đã thông qua Nghị quyết số 12/2021/NQ-HĐND về chính sách hỗ trợ."
    )
    assert (doc["number"], doc["code"], doc["issuer"]) == ("12", "12/2021/NQ-HĐND", "People's Council")
    (doc,) = citations_in_sentence("theo Thông tư số 01/2020/TT-BNV của Bộ Nội vụ")
    assert (doc["code"], doc["issuer"], doc["issuer_text"]) == (
        "01/2020/TT-BNV",
        "Ministry of Home Affairs",
        "Bộ Nội vụ",
    )


def test_document_cited_by_name_only():
    (doc,) = citations_in_sentence("Các xã thực hiện tốt quy chế dân chủ ở cơ sở, nhân dân đồng tình.")
    assert (doc["doc_type"], doc["code"], doc["title"]) == ("Quy chế", "", "quy chế dân chủ ở cơ sở")
    (quoted,) = citations_in_sentence("Triển khai “Quy chế dân chủ ở cơ sở” tại 12 xã.")
    assert (quoted["doc_type"], quoted["title"]) == ("Quy chế", "Quy chế dân chủ ở cơ sở")


def test_blind_set_phrasings():
    """Found on the blind set (tests/data/figures_blind)."""
    shared = citations_in_sentence(
        "Thực hiện Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị."
    )
    assert [(d["number"], d["issued"], d["issuer_text"]) for d in shared] == [
        ("217", "2013-12-12", "Bộ Chính trị"),
        ("218", "2013-12-12", "Bộ Chính trị"),
    ]
    own = citations_in_sentence(
        "Thực hiện Nghị quyết số 1252/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội và Kế hoạch số 156/KH-UBND "
        "ngày 20/7/2024 của UBND tỉnh."
    )
    assert [(d["issuer"], d["issued"]) for d in own] == [
        ("Standing Committee of the National Assembly", ""),  # the term number "15" is dropped from the code
        ("People's Committee", "2024-07-20"),
    ]
    modified = citations_in_sentence(
        "Thực hiện Thông báo kết luận số 286-TB/TU và Chương trình phối hợp số 05-CTr/ĐTN, Kế hoạch 87-KH/BDVTXU."
    )
    assert [(d["doc_type"], d["number"], d["issuer"]) for d in modified] == [
        ("Thông báo", "286", "provincial Party committee"),
        ("Chương trình", "05", "Youth Union"),
        ("Kế hoạch", "87", "town Mass Mobilisation Commission"),
    ]
    (congress,) = citations_in_sentence(
        "Cụ thể hóa Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 - 2025."
    )
    assert (congress["doc_type"], congress["number"], congress["title"]) == (
        "Nghị quyết",
        "",
        "Đại hội Đảng bộ tỉnh lần thứ XVII",
    )


def test_blind_set_scores():
    """The blind set stays scored: a drop in recall or precision shows here (bench.figures_quality)."""
    from bench.figures_quality import load_gold, predictions, prf, score

    counts = score(load_gold(), predictions())["counts"]
    figures = prf(counts["fig_tp"], counts["fig_fp"], counts["fig_fn"])
    documents = prf(counts["doc_tp"], counts["doc_fp"], counts["doc_fn"])
    periods = prf(counts["per_tp"], counts["per_fp"], counts["per_fn"])
    assert figures[0] >= 0.98 and figures[1] >= 0.98, figures
    assert counts["cat_ok"] / counts["cat_n"] >= 0.97
    assert documents[0] >= 0.9 and documents[1] >= 0.95, documents
    assert periods[2] == 1.0


def test_a_programme_with_a_quoted_name_is_a_campaign_not_a_document():
    assert citations_in_sentence('Chương trình "Tết Sum vầy" năm 2024 đã trao 4.500 suất quà.') == []
    (numbered,) = citations_in_sentence("Thực hiện Chương trình phối hợp số 05-CTr/ĐTN của Tỉnh đoàn.")
    assert (numbered["doc_type"], numbered["number"]) == ("Chương trình", "05")
    (regulation,) = citations_in_sentence("Thực hiện Quy chế “Tiếp xúc, đối thoại với Nhân dân”.")
    assert regulation["title"] == "Tiếp xúc, đối thoại với Nhân dân"
