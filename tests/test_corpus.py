"""Cleaning and tokenising on the real seed text."""

from danvan.clean import classify_lines
from danvan.segment import segment_words, split_sentences
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


def test_lines_after_a_comment_box_are_furniture():
    lines = classify_lines("Bài viết chính có nội dung.\nÝ kiến bạn đọc\nMột bình luận bất kỳ")
    assert [line.kind for line in lines] == ["body", "boilerplate", "boilerplate"]
