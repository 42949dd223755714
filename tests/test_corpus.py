"""Cleaning and tokenising on the real seed text."""

from pathlib import Path

import pytest

from danvan.ingest.clean import classify_lines
from danvan.ingest.segment import segment_words, split_sentences
from tests.conftest import SEEDS


def test_seeds_are_byte_identical_to_shared_copy():
    shared = SEEDS.parent.parent / "shared" / "seeds"
    if not shared.is_dir():  # outside the workspace the shared copy is absent
        return
    for path in shared.glob("*.txt"):
        assert (SEEDS / path.name).read_bytes() == path.read_bytes()


def test_page_furniture_is_dropped_and_article_lines_kept(seed_articles):
    a = seed_articles["000"]
    assert "Ý kiến bạn đọc" not in a.text
    assert "Những tin mới hơn" not in a.text
    assert a.text.startswith("Phát huy vai trò là cầu nối")
    assert "Tuy nhiên, bên cạnh kết quả đã đạt được" in a.text
    # the photo caption ending in "|" is not body text
    assert "trồng cây ăn quả cho hiệu quả kinh tế cao |" not in a.text
    assert [line.rule for line in a.meta_lines] == ["byline", "source_line"]


def test_comment_form_and_share_buttons_are_dropped(seed_articles):
    assert "Email của bạn sẽ không được hiển thị" not in seed_articles["002"].text
    assert "Trả lời" not in seed_articles["002"].text
    assert "Gửi cho bạn bè" not in seed_articles["003"].text
    assert "In bài viết" not in seed_articles["004"].text
    assert "Gửi phản hồi" not in seed_articles["004"].text


def test_view_counter_and_gallery_captions_leave_the_body(seed_articles):
    a = seed_articles["001"]
    assert "View count" not in a.text
    assert "Một số hình ảnh" not in a.text
    assert '"Góc xanh" của Hội Liên hiệp phụ nữ phường Quan Hoa' not in a.text
    assert "trên cơ sở đánh giá kết quả thực hiện phong trào" in a.text


def test_sentences_are_exact_substrings_with_offsets(seed_articles):
    for article in seed_articles.values():
        assert article.sentences
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text
            assert s.text in article.raw


def test_a_line_break_ends_a_sentence():
    text = "Tiêu đề bài viết\nNăm 2018, huyện đã làm tốt. Kết quả rất khả quan."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Tiêu đề bài viết",
        "Năm 2018, huyện đã làm tốt.",
        "Kết quả rất khả quan.",
    ]


def test_campaign_name_stays_one_word():
    words = segment_words("Phong trào thi đua Dân vận khéo được triển khai sâu rộng.")
    assert "Dân vận khéo" in words
    assert "triển khai" in words


def test_words_are_those_of_underthesea_with_every_fixed_word():
    """Passing only the fixed words a sentence holds changes no word: checked on every sentence of the
    seeds and the blind sets, and on sentences holding fixed words side by side, nested ("Mặt trận Tổ quốc
    Việt Nam" holds "Mặt trận Tổ quốc") or in a decomposed spelling that underthesea normalises."""
    import unicodedata

    from underthesea import word_tokenize

    from danvan.ingest.segment import fixed_words

    data = SEEDS.parent / "tests" / "data"
    folders = [SEEDS, data / "places_blind", data / "figures_blind", data / "actor_blind"]
    texts = [path.read_text(encoding="utf-8") for folder in folders for path in sorted(folder.glob("*.txt"))]
    sentences = [
        unicodedata.normalize("NFD", "Phong trào Dân vận khéo gắn với quy chế dân chủ ở cơ sở."),
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và Ban Dân vận phát động Dân vận khéo ở vùng dân tộc thiểu số.",
        "Mặt trận Tổ quốc xã cùng hệ thống chính trị làm nông thôn mới, giải phóng mặt bằng.",
    ]
    sentences += [text[start:end] for text in texts[:40] for start, end in split_sentences(text)]
    assert len(sentences) > 300
    # underthesea keeps the last fixed-words pattern it compiled: start from one that matches nothing
    word_tokenize("x", fixed_words=["zzz"])
    words = [segment_words(sentence) for sentence in sentences]  # before any call with every fixed word
    every = list(fixed_words())
    for sentence, found in zip(sentences, words, strict=True):
        assert found == tuple(word_tokenize(sentence, fixed_words=every)), sentence


def test_lines_after_a_comment_box_are_furniture():
    lines = classify_lines("Bài viết chính có nội dung.\nÝ kiến bạn đọc\nMột bình luận bất kỳ")
    assert [line.kind for line in lines] == ["body", "boilerplate", "boilerplate"]


SCRAPED = Path(__file__).parent / "data" / "scraped_pages"

# Six pages written in the layout of different Vietnamese news sites (not from the seeds): the article's
# own lines that must stay in the body, and page furniture that must leave it.
PAGES = {
    "page1_baotinh.txt": (
        ["(BKT) - Những năm qua", "Kết quả, toàn huyện", "Tuy nhiên, việc nhân rộng", "Thời gian tới, huyện"],
        [
            "Trang chủ",
            "Thời sự",
            "Văn hóa - Thể thao",
            "Chia sẻ",
            "Facebook",
            "Zalo",
            "Từ khóa:",
            "Tin cùng chuyên mục",
            "Kon Rẫy tổng kết",
            "Bản quyền thuộc về",
            "Thu Hằng",
            "Cán bộ Hội Nông dân xã Đăk Pék hướng dẫn",
        ],
    ),
    "page2_mattran.txt": (
        ["Sau hơn 3 tháng vận động", "Ông Nguyễn Văn Tư", "Qua đó, tuyến đường"],
        [
            "GIỚI THIỆU",
            "LIÊN HỆ",
            "Lượt xem",
            "Ảnh: Người dân",
            "(Ảnh: Minh Châu)",
            "In bài",
            "Gửi email",
            "Đầu trang",
            "Bình luận (0)",
            "Họ và tên",
            "Email",
            "Nội dung bình luận",
            "Gửi",
            "Các tin khác",
            "Hội nghị Ủy ban MTTQ xã lần thứ 8",
        ],
    ),
    "page3_dangcongsan.txt": (
        ["Chiều 16/11, Ban Dân vận", "Theo báo cáo, việc thực hiện", "Phát biểu kết luận"],
        [
            "Menu",
            "Tìm kiếm",
            "Đăng nhập",
            "Thứ sáu, 17/11/2023",
            "Quang cảnh hội nghị",
            "Đọc tiếp",
            "Bài viết liên quan",
            ">> Hội nghị giao ban",
            "Tags:",
            "Văn Dũng",
        ],
    ),
    "page4_baodientu.txt": (
        ["Phường Hòa Khánh đã thành lập", "Theo bà Lê Thị Hoa", "Trong năm 2024, phường phấn đấu"],
        [
            "Skip to content",
            "Đăng ký nhận bản tin",
            "Facebook Twitter Zalo",
            "Bà Lê Thị Hoa (giữa)",
            "HOÀNG AN",
            "Từ khóa:",
            "chuyển đổi số",
            "Đà Nẵng",
            "Theo dõi chúng tôi",
            "Ý kiến (2)",
            "Đăng nhập để bình luận",
            "© Copyright",
        ],
    ),
    "page5_huyen.txt": (
        ["Hưởng ứng phong trào", "Hiện nay, 100% hộ gia đình", "Tuy nhiên, ý thức"],
        [
            "CỔNG THÔNG TIN",
            "Giới thiệu | Tin tức",
            "Ngày đăng",
            "Số lượt xem",
            "Các tin đã đưa ngày",
            "Tin mới hơn",
            "BẢN QUYỀN THUỘC VỀ",
            "Địa chỉ:",
            "Điện thoại:",
        ],
    ),
    "page6_tapchi.txt": (
        ["(Dân vận) - Nhiều năm qua", "Các chức sắc, chức việc", "Linh mục Giuse", "Thời gian tới, cần"],
        [
            "Xem tiếp",
            "Bản in",
            "Cỡ chữ",
            "Nguồn ảnh:",
            "Tin đã đăng",
            "Tin liên quan:",
            "Đắk Lắk: Dân vận",
            "Số điện thoại đường dây nóng",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_scraped_pages_keep_the_article_and_drop_the_furniture(name):
    keep, drop = PAGES[name]
    body = [
        line.text.strip()
        for line in classify_lines((SCRAPED / name).read_text(encoding="utf-8"))
        if line.kind == "body"
    ]
    for start in keep:
        assert any(line.startswith(start) for line in body), start
    for start in drop:
        assert not any(line.startswith(start) for line in body), start


@pytest.mark.parametrize(
    "line",
    [
        "Ông Nguyễn Văn Tư cho biết, bà con đã đóng góp hơn 200 ngày công.",
        "Thời gian tới, huyện tiếp tục đẩy mạnh chuyển đổi số, nhất là dịch vụ công trực tuyến.",
        "Gia đình ông được tặng Giấy khen vì có thành tích xuất sắc trong phong trào hiến đất.",
        "Chị Hoa chia sẻ: “Chúng tôi vận động từng nhà phân loại rác.”",
        "Kinh tế của huyện tăng trưởng khá, thu nhập bình quân đạt 52 triệu đồng.",
    ],
)
def test_article_lines_that_look_like_furniture_stay(line):
    assert [x.kind for x in classify_lines(line)] == ["body"]


def test_a_bare_tag_header_takes_only_the_short_lines_after_it():
    lines = classify_lines(
        "Từ khóa:\nchuyển đổi số\nĐà Nẵng\nMột đoạn văn dài hơn bốn mươi ký tự là nội dung bài."
    )
    assert [x.kind for x in lines] == ["boilerplate", "boilerplate", "boilerplate", "body"]


def test_a_lower_case_line_is_not_a_byline():
    lines = classify_lines("Bài viết có nội dung chính.\nXã Ea đã ổn")  # "đ", "ổ" lie inside À-Ỹ
    assert lines[-1].kind == "body"


def test_interview_questions_stay_in_the_text():
    from danvan.ingest.clean import classify_lines

    lines = classify_lines(
        "Phát huy vai trò Mặt trận ở cơ sở\n"
        "PV: Xin ông cho biết kết quả nổi bật của phong trào “Dân vận khéo” trên địa bàn huyện trong năm qua?\n"
        "Ông Lê Văn Hùng: Năm qua, huyện có 45 mô hình được công nhận.\n"
        "PV: Minh Hà"
    )
    kinds = {line.text[:12]: line.kind for line in lines}
    assert kinds["PV: Xin ông "] == "body"
    assert kinds["PV: Minh Hà"] == "meta"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Theo đài địa phương thì xã đã hoàn thành kế hoạch", "body"),  # "đ" is no capital: a sentence
        ("Theo Đài PT-TH Hà Tĩnh", "meta"),
        ("(Báo Cần Thơ)", "meta"),
    ],
)
def test_a_source_line_needs_a_capital_after_its_outlet_word(line, kind):
    lines = classify_lines(f"Tiêu đề bài viết\nMột câu thân bài đủ dài để là thân bài.\n{line}")
    assert lines[-1].kind == kind
